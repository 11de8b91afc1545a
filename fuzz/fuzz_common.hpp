// Shared checks for the libFuzzer targets. A broken invariant prints what broke and aborts, which libFuzzer
// reports as a crash and saves the input (crash-<sha1>), exactly like a sanitizer finding.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "inputs.hpp"
#include "report.hpp"

namespace llmcalc_fuzz {

[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "FUZZ INVARIANT BROKEN: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

inline void check(bool ok, const std::string& what) {
    if (!ok) fail(what);
}

// Every error says what is wrong (the CLI prints "--key: message", the UI shows it by the field).
inline void check_errors(const std::vector<llmcalc::InputError>& errors, const char* where) {
    for (const auto& e : errors) {
        // the key is what the user wrote (may be empty for "=x" in a hash); the message must say what is wrong
        check(!e.message.empty(), std::string(where) + ": error without a message for key " + e.key);
    }
}

// Walk the report JSON: every number must be finite and not negative (counts, bytes, FLOPs, times, costs), and
// no value null (the report has no optional fields; a null is an Inf or NaN, which JSON cannot hold).
inline void walk_numbers(const nlohmann::json& j, const std::string& path) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) walk_numbers(it.value(), path + "." + it.key());
    } else if (j.is_array()) {
        for (size_t i = 0; i < j.size(); ++i) walk_numbers(j[i], path + "[" + std::to_string(i) + "]");
    } else if (j.is_number_float()) {
        const double x = j.get<double>();
        check(std::isfinite(x), "report " + path + " is not finite");
        check(x >= 0, "report " + path + " is negative: " + j.dump());
    } else if (j.is_number_integer()) {
        check(j.get<int64_t>() >= 0, "report " + path + " is negative: " + j.dump());
    } else if (j.is_null()) {
        fail("report " + path + " is null (report_json writes Inf and NaN as null)");
    }
}

// The report of a successful compute(): numbers sane both in the struct and in the JSON the CLI/JS API emit.
inline void check_report(const llmcalc::Report& r) {
    const double fields[] = {r.gpu_memory_bytes, r.training_total_flops, r.training_seconds, r.training_gpu_hours,
                             r.training_cost, r.inference.ttft_seconds, r.inference.tpot_seconds,
                             r.inference.latency_seconds, r.inference.tokens_per_second,
                             r.inference.aggregate_tokens_per_second, r.flops.forward_per_token,
                             r.flops.forward_per_sequence, r.flops.decode_per_token, r.flops.training_per_token};
    for (double x : fields) check(std::isfinite(x) && x >= 0, "Report field not finite or negative: " + std::to_string(x));
    check(r.params.active <= r.params.total, "params.active exceeds params.total");
    // 0 means "fits on no number of GPUs" and must come with a warning saying why
    check(r.gpus_needed >= 0, "gpus_needed negative");
    check(r.gpus_needed > 0 || !r.warnings.empty(), "gpus_needed is 0 without a warning");

    // report_json must produce JSON that parses back, checked with nlohmann as an independent reader (a bad UTF-8
    // name must come out replaced, never as raw invalid bytes)
    const std::string text = llmcalc::report_json(r, false);
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    check(!j.is_discarded(), "report_json output is not valid JSON");
    walk_numbers(j, "");
    // paths of ../shared/INTERFACE.md that every report carries
    for (const char* p : {"/params/total", "/params/active", "/params/by_component", "/flops/forward_per_token",
                          "/flops/training_per_token", "/memory/kv_cache_bytes_per_token",
                          "/memory/inference/total_bytes", "/memory/training/total_bytes", "/gpus_needed",
                          "/time/training_seconds", "/inference/ttft_seconds", "/inference/tpot_seconds",
                          "/inference/tokens_per_second", "/warnings"})
        check(j.contains(nlohmann::json::json_pointer(p)), std::string("report lacks ") + p);
}

}  // namespace llmcalc_fuzz
