// Fuzz target: the CLI argument parser. The input is split on NUL and newline bytes into argv (without argv[0]).
// Whatever parse_args accepts must survive a round trip through "--key=value" arguments unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli_args.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace llmcalc_fuzz;
    std::vector<std::string> args(1);
    for (size_t i = 0; i < size; ++i) {
        const char c = static_cast<char>(data[i]);
        if (c == '\0' || c == '\n') args.emplace_back();
        else args.back() += c;
    }
    if (size == 0) args.clear();

    llmcalc::Inputs in;
    std::vector<std::string> rest;
    const auto errors = llmcalc::parse_args(args, in, &rest);
    check_errors(errors, "parse_args");
    (void)llmcalc::errors_json(errors);  // the CLI prints these; the JS API returns them as JSON
    check(rest.size() <= args.size(), "parse_args returned more leftovers than arguments");
    // The CLI's own options on the same argv: every error names a key or option
    llmcalc::Inputs cli_in;
    check_errors(llmcalc::parse_cli(args, cli_in).errors, "parse_cli");

    std::vector<std::string> again_args;
    for (const auto& [k, v] : llmcalc::changed_inputs(in)) again_args.push_back("--" + k + "=" + v);
    llmcalc::Inputs again;
    std::vector<std::string> again_rest;
    const auto again_errors = llmcalc::parse_args(again_args, again, &again_rest);
    if (!again_errors.empty())
        fail("changed_inputs do not parse back as --key=value: --" + again_errors[0].key + ": " +
             again_errors[0].message);
    check(again_rest.empty(), "--key=value of a known key left in rest");
    for (const auto& k : llmcalc::input_keys())
        check(llmcalc::get_input(in, k.key) == llmcalc::get_input(again, k.key),
              std::string("args round trip changed key '") + k.key + "'");
    return 0;
}
