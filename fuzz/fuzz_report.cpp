// Fuzz target: report generation over random scenarios. Fuzz bytes choose a value for each key of the key table
// (catalog ids, edge numbers, random text), then compute() runs; a successful report must have no NaN, Inf or
// negative number anywhere (struct and JSON), and every error must name its key.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "catalog.hpp"
#include "fuzz_common.hpp"

namespace {

// Catalog ids for the keys whose values come from a catalog; the rest of the Choice keys list their values.
std::vector<std::string> catalog_values(const std::string& key) {
    std::vector<std::string> out;
    if (key == "model") for (const auto& p : llmcalc::presets()) out.push_back(p.config.id);
    if (key == "gpu") for (const auto& g : llmcalc::gpus()) out.push_back(g.id);
    if (key == "weights" || key == "kv") for (const auto& f : llmcalc::number_formats()) out.push_back(f.id);
    if (key == "optimizer") for (const auto& o : llmcalc::optimizers()) out.push_back(o.id);
    return out;
}

std::vector<std::string> split_choices(const char* choices) {
    std::vector<std::string> out(1);
    for (const char* c = choices; *c; ++c) {
        if (*c == '|') out.emplace_back();
        else out.back() += *c;
    }
    return out;
}

std::string int_value(FuzzedDataProvider& p) {
    switch (p.ConsumeIntegralInRange<int>(0, 4)) {
        case 0: return std::to_string(p.ConsumeIntegralInRange<int64_t>(0, 16));
        case 1: return std::to_string(int64_t{1} << p.ConsumeIntegralInRange<int>(0, 40));   // powers of two
        case 2: return std::to_string(p.ConsumeIntegralInRange<int64_t>(1, 1'000'000));
        case 3: return std::to_string(p.ConsumeIntegralInRange<int64_t>(0, 1'000'000'000'000LL));
        default: return p.ConsumeRandomLengthString(20);
    }
}

std::string number_value(FuzzedDataProvider& p) {
    static const char* edges[] = {"0", "1", "0.5", "1e-300", "1e18", "1e300", "100", "1000", "5e-324", "0.0001"};
    switch (p.ConsumeIntegralInRange<int>(0, 3)) {
        case 0: return edges[p.ConsumeIntegralInRange<size_t>(0, std::size(edges) - 1)];
        case 1: return std::to_string(p.ConsumeProbability<double>());
        case 2: return std::to_string(p.ConsumeFloatingPointInRange<double>(0, 1e6));
        default: return p.ConsumeRandomLengthString(20);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace llmcalc_fuzz;
    FuzzedDataProvider p(data, size);
    llmcalc::Inputs in;
    for (const auto& k : llmcalc::input_keys()) {
        if (p.remaining_bytes() == 0) break;
        if (!p.ConsumeBool()) continue;  // keep the default for about half of the keys
        const std::string key = k.key;
        std::string value;
        if (key == "config") {
            continue;  // config.json text is fuzz_hf_config's job; here the presets and typed dimensions vary
        } else if (k.kind == llmcalc::KeyKind::Int) {
            value = int_value(p);
        } else if (k.kind == llmcalc::KeyKind::Number) {
            value = number_value(p);
        } else if (k.kind == llmcalc::KeyKind::Bool) {
            value = p.ConsumeBool() ? "true" : "false";
        } else {
            auto values = catalog_values(key);
            if (values.empty() && k.choices && *k.choices) values = split_choices(k.choices);
            if (!values.empty() && p.ConsumeIntegralInRange<int>(0, 7) != 0)
                value = values[p.ConsumeIntegralInRange<size_t>(0, values.size() - 1)];
            else
                value = p.ConsumeRandomLengthString(24);
        }
        if (auto err = llmcalc::set_input(in, key, value)) check_errors({*err}, "set_input");
    }

    // LLMCALC_FUZZ_VERBOSE=1 ./fuzz_report crash-file prints the scenario as a URL hash (for a regression test).
    static const bool verbose = std::getenv("LLMCALC_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::fprintf(stderr, "scenario: #%s\n", llmcalc::write_hash(in).c_str());
    const llmcalc::Result res = llmcalc::compute(in);
    check_errors(res.errors, "compute");
    (void)llmcalc::errors_json(res.errors);
    if (res.ok()) check_report(res.report);
    return 0;
}
