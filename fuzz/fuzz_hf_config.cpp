// Fuzz target: the JSON parser and writer (src/core/json), the Hugging Face config.json import (import_hf_config),
// then the whole pipeline on what it accepted.
// The input is the config text itself, so seeds are real config.json files (tests/data/configs, fuzz/corpus).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "hf_config.hpp"
#include "json.hpp"

namespace {

// The JSON module on the same bytes: the parser never crashes and agrees with nlohmann on what is JSON (except for
// nesting beyond our limit or text beyond the memory budget, which nlohmann does not have, and text with a NUL byte, where nlohmann stops reading
// and so accepts "{}\0junk", which RFC 8259 does not); what it accepts, the writer writes back as text
// that parses to the same text again; any bytes written as a JSON string parse back (invalid UTF-8 replaced).
void check_json_module(const std::string& text) {
    using namespace llmcalc_fuzz;
    namespace json = llmcalc::json;
    const json::ParseResult r = json::parse(text);
    if (r.ok()) {
        const std::string once = json::to_text(r.value);
        const json::ParseResult again = json::parse(once);
        check(again.ok(), "json: our own output does not parse: " + again.error);
        check(json::to_text(again.value) == once, "json: write -> parse -> write changed the text");
        check(json::to_text(again.value, true) == json::to_text(r.value, true), "json: pretty text differs");
    } else {
        check(!r.error.empty() && r.error_offset <= text.size(), "json: error without a message or past the end");
        check(r.value.is_null(), "json: a failed parse left a value");
    }
    // Also exempt: text refused by the parser's memory budget (json::kTooDense, limits.hpp), a limit nlohmann lacks.
    const bool too_deep = r.error.find("nested deeper") != std::string::npos ||
                          r.error.rfind(json::kTooDense, 0) == 0;
    if (!too_deep && text.find('\0') == std::string::npos) {
        const bool nlohmann_ok = !nlohmann::json::parse(text, nullptr, false).is_discarded();
        check(nlohmann_ok == r.ok(), "json: nlohmann " + std::string(nlohmann_ok ? "accepts" : "refuses") +
                                         " text that we " + (r.ok() ? "accept" : "refuse: " + r.error));
    }
    std::string quoted;
    json::append_string(quoted, text);
    const json::ParseResult s = json::parse(quoted);
    check(s.ok() && s.value.is_string(), "json: a written string does not parse back: " + s.error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace llmcalc_fuzz;
    const std::string text(reinterpret_cast<const char*>(data), size);
    check_json_module(text);
    const llmcalc::ImportResult r = llmcalc::import_hf_config(text);
    check_errors(r.errors, "import_hf_config");
    for (const auto& e : r.errors) check(e.key == "config", "import error keyed '" + e.key + "', not 'config'");
    if (!r.ok()) return 0;

    // The same text through compute(): model validation, params, FLOPs, memory and timing on an imported model.
    llmcalc::Inputs in;
    in.config = text;
    const llmcalc::Result res = llmcalc::compute(in);
    check_errors(res.errors, "compute(config)");
    if (res.ok()) check_report(res.report);
    // errors are shown as JSON by the JS API: must serialise whatever text they quote
    (void)llmcalc::errors_json(res.errors);
    return 0;
}
