// Fuzz target: Hugging Face config.json import (import_hf_config), then the whole pipeline on what it accepted.
// The input is the config text itself, so seeds are real config.json files (tests/data/configs, fuzz/corpus).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "hf_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace llmcalc_fuzz;
    const std::string text(reinterpret_cast<const char*>(data), size);
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
