// Fuzz target: URL-hash parsing. parse_hash -> write_hash -> parse_hash must give identical inputs (every key's
// value equal) and the written hash must parse without errors and be a fixed point of write_hash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace llmcalc_fuzz;
    const std::string hash(reinterpret_cast<const char*>(data), size);

    llmcalc::Inputs first;
    const auto errors = llmcalc::parse_hash(hash, first);
    check_errors(errors, "parse_hash");
    (void)llmcalc::errors_json(errors);  // the page shows these; quoted bad bytes must not break JSON output

    const std::string written = llmcalc::write_hash(first);
    llmcalc::Inputs second;
    const auto again = llmcalc::parse_hash(written, second);
    if (!again.empty())
        fail("write_hash output does not parse back: '" + written + "': --" + again[0].key + ": " + again[0].message);
    for (const auto& k : llmcalc::input_keys())
        check(llmcalc::get_input(first, k.key) == llmcalc::get_input(second, k.key),
              std::string("round trip changed key '") + k.key + "': '" + llmcalc::get_input(first, k.key) + "' -> '" +
                  llmcalc::get_input(second, k.key) + "' via '" + written + "'");
    check(llmcalc::write_hash(second) == written, "write_hash is not a fixed point: '" + written + "'");

    // percent coding alone: decode(encode(s)) == s for any bytes
    const auto decoded = llmcalc::percent_decode(llmcalc::percent_encode(hash));
    check(decoded && *decoded == hash, "percent_decode(percent_encode(s)) != s");
    return 0;
}
