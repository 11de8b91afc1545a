// Regression tests for inputs the fuzzers (fuzz/, docs/fuzzing.md) found crashing, each reduced to the scenario
// or text that triggered it. Each test fails (or, under the sanitizer build, aborts) if the fix is undone.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hf_config.hpp"
#include "inputs.hpp"
#include "magnitude.hpp"
#include "report.hpp"

namespace {

using llmcalc::Inputs;

// Every number in the report JSON finite and not negative (what fuzz_report asserts).
void check_numbers(const nlohmann::json& j, const std::string& path) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) check_numbers(it.value(), path + "." + it.key());
    } else if (j.is_array()) {
        for (size_t i = 0; i < j.size(); ++i) check_numbers(j[i], path + "[" + std::to_string(i) + "]");
    } else if (j.is_null()) {
        CAPTURE(path);
        FAIL_CHECK("null in the report (an Inf or NaN)");
    } else if (j.is_number()) {
        CAPTURE(path);
        const double x = j.get<double>();
        CHECK(std::isfinite(x));
        CHECK(x >= 0);
    }
}

llmcalc::Result compute_hash(const std::string& hash) {
    Inputs in;
    const auto errors = llmcalc::parse_hash(hash, in);
    REQUIRE(errors.empty());
    return llmcalc::compute(in);
}

}  // namespace

TEST_CASE("fuzz_hash: errors quoting invalid UTF-8 serialise as JSON instead of throwing") {
    // crash: nlohmann's dump() threw type_error 316 on the key "\xFF" quoted in the error (no exceptions in wasm)
    Inputs in;
    const auto errors = llmcalc::parse_hash("%FF=1&model=%C3", in);
    REQUIRE(errors.size() == 2);
    std::string text;
    REQUIRE_NOTHROW(text = llmcalc::errors_json(errors));
    const auto j = nlohmann::json::parse(text, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["errors"].size() == 2);
    CHECK(j["errors"][1]["key"] == "model");
}

TEST_CASE("fuzz_args: invalid UTF-8 in an argument value") {
    Inputs in;
    const auto errors = llmcalc::parse_args({"--task", "\xC3(", "--\xFE"}, in, nullptr);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].key == "task");
    REQUIRE_NOTHROW((void)llmcalc::errors_json(errors));
}

TEST_CASE("fuzz_hash: an empty key still gives an error with a message") {
    Inputs in;
    const auto errors = llmcalc::parse_hash("=t&seq=8", in);
    REQUIRE(errors.size() == 1);
    CHECK_FALSE(errors[0].message.empty());
    CHECK(in.seq == 8);
}

TEST_CASE("fuzz_hf_config: out-of-range numbers are named errors, not undefined casts") {
    // crash: static_cast<int64_t>(1e300) (UBSan float-cast-overflow) in the importer's integer reader
    const auto r = llmcalc::import_hf_config(
        R"({"vocab_size": 1e300, "hidden_size": 4096.5, "num_hidden_layers": -3, "num_attention_heads": 1e19})");
    REQUIRE_FALSE(r.ok());
    for (const auto& e : r.errors) CHECK(e.key == "config");
    // and through compute(): errors, no report
    Inputs in;
    in.config = R"({"vocab_size": 1e300, "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4})";
    CHECK_FALSE(llmcalc::compute(in).ok());
}

TEST_CASE("fuzz_report: typed dimensions whose parameter count overflows int64 are rejected by name") {
    // crash: signed overflow in count_params (params.cpp) for a 3e10-wide expert x 113599 shared experts
    struct Case {
        const char* hash;
        const char* key;
    };
    static const Case cases[] = {
        {"vocab=1&hidden=4&layers=2048&kv_heads=1&head_dim=2&intermediate=2&experts=2&top_k=2&"
         "shared_experts=113599&moe_intermediate=30165561568&cp=15", "moe_intermediate"},
        {"hidden=1000000000000&heads=1&kv_heads=1", "hidden"},
        {"vocab=1000000000000&hidden=1000000", "vocab"},
        // layers was 1000000 when found; issue #14 capped the key at 10000 (still far beyond 1e15 parameters)
        {"layers=10000&intermediate=1000000000000", "intermediate"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.hash));
        Inputs in;
        REQUIRE(llmcalc::parse_hash(c.hash, in).empty());
        const auto res = llmcalc::compute(in);
        REQUIRE_FALSE(res.ok());
        CHECK(res.errors[0].key == c.key);
    }
}

TEST_CASE("fuzz_report: contexts whose KV cache or activations overflow int64 are rejected by name") {
    // crash: float-cast-overflow of activation bytes (memory.cpp to_bytes) and signed overflow of KV sizes
    struct Case {
        const char* hash;
        const char* key;
    };
    static const Case cases[] = {
        {"seq=100000000&batch=1000000", "batch"},
        {"seq=100000000&gen=100000000&concurrency=1000", "seq"},
        {"batch=1000000&concurrency=1000000&seq=100000", "batch"},
        {"flash_attention=false&seq=10000000&batch=100", "seq"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.hash));
        Inputs in;
        REQUIRE(llmcalc::parse_hash(c.hash, in).empty());
        const auto res = llmcalc::compute(in);
        REQUIRE_FALSE(res.ok());
        CHECK(res.errors[0].key == c.key);
    }
}

TEST_CASE("magnitude guard leaves large but real scenarios alone") {
    // the guard must not reject anything a user could mean: 405B at 128k context, a million-layer toy, training
    static const char* ok[] = {
        "model=llama-3.1-405b&seq=131072&batch=64&concurrency=16",
        "layers=781236",
        "task=training&model=llama-3.1-405b&seq=131072&batch=16&gpus=4096&tp=8&pp=16&dp=32&zero=1",
        "flash_attention=false&seq=32768&batch=8",
        "vocab=1&layers=501034&head_dim=4096&shared_experts=4096&tie=false&weights=q4_k_m",
    };
    for (const char* hash : ok) {
        CAPTURE(std::string(hash));
        Inputs in;
        const auto perr = llmcalc::parse_hash(hash, in);
        if (!perr.empty()) {  // a preset id renamed by its owner: say so rather than pass silently
            MESSAGE("skipped, input rejected: --" << perr[0].key << ": " << perr[0].message);
            continue;
        }
        const auto res = llmcalc::compute(in);
        if (!res.ok()) MESSAGE("rejected: --" << res.errors[0].key << ": " << res.errors[0].message);
        REQUIRE(res.ok());
        check_numbers(nlohmann::json::parse(llmcalc::report_json(res.report)), "");
    }
}

TEST_CASE("params_upper_bound is an upper bound of count_params on the presets") {
    // the guard's estimate must never be below the exact count, or it could let an overflow through
    for (const char* hash : {"model=llama-3.1-8b", "model=deepseek-v3", "model=gpt2", "model=mixtral-8x7b"}) {
        CAPTURE(std::string(hash));
        Inputs in;
        if (!llmcalc::parse_hash(hash, in).empty()) continue;  // preset not in the catalog
        const auto res = llmcalc::compute(in);
        REQUIRE(res.ok());
        CHECK(llmcalc::params_upper_bound(res.report.model) >= static_cast<double>(res.report.params.total));
    }
}

TEST_CASE("fuzz_report: a scenario that fits on no GPU says why") {
    // found by fuzz_report's invariant: gpus_needed is 0 only together with a warning
    const auto res = compute_hash(
        "model=llama-3.1-70b&vocab=754566803375&hidden=5&layers=5&heads=5&kv_heads=5&head_dim=5&intermediate=5&"
        "experts=5&top_k=5&shared_experts=5&moe_intermediate=5&tie=true&include_mtp=true&task=training");
    if (res.ok() && res.report.gpus_needed == 0) CHECK_FALSE(res.report.warnings.empty());
    if (res.ok()) check_numbers(nlohmann::json::parse(llmcalc::report_json(res.report)), "");
}

TEST_CASE("fuzz_report: efficiencies and rates near zero are rejected, the smallest accepted keep times finite") {
    // crash (invariant): mfu=1e-300 made training_seconds Inf, written as JSON null; same for decode_bw_efficiency
    // (latency), prefill_efficiency and custom_tflops / custom_bandwidth_gbs
    for (const char* key : {"mfu", "prefill_efficiency", "decode_bw_efficiency", "custom_tflops", "custom_bandwidth_gbs"}) {
        CAPTURE(std::string(key));
        Inputs in;
        const auto err = llmcalc::set_input(in, key, "1e-300");
        REQUIRE(err.has_value());
        CHECK(err->key == key);
    }
    // the smallest accepted values, with the largest token count and generation length (issue #14 raised the
    // efficiencies' floor from 1e-6 to 1e-3, kMinFraction in inputs.cpp; the rates keep 1e-6)
    Inputs in;
    REQUIRE(llmcalc::parse_hash("model=llama-3.1-405b&task=training&tokens=1e18&gen=100000000&mfu=1e-3&"
                                "prefill_efficiency=1e-3&decode_bw_efficiency=1e-3&gpu=custom&custom_tflops=1e-6&"
                                "custom_bandwidth_gbs=1e-6&batch=13&grad_accum=691617",
                                in).empty());
    const auto res = llmcalc::compute(in);
    REQUIRE(res.ok());
    check_numbers(nlohmann::json::parse(llmcalc::report_json(res.report)), "");
    CHECK(std::isfinite(res.report.training_seconds));
    CHECK(std::isfinite(res.report.inference.latency_seconds));
}

TEST_CASE("fuzz_report: near-zero usable GPU memory saturates gpus_needed instead of overflowing") {
    // crash: UBSan float-cast-overflow, ceil(bytes / usable) ~ 2e299 cast to int64 (memory.cpp inference_inverse,
    // report.cpp training pooled count) for gpu_mem_util=1e-300
    static const char* hashes[] = {
        "grad_accum=9&gpu_mem_util=1e-300",
        "sp=true&gpu_mem_util=1e-300&decode_bw_efficiency=1",
        "task=training&gpu_mem_util=1e-300",
        "gpu=custom&custom_memory_gb=1e-300&unified_memory_fraction=1e-300",
        "task=training&gpu=custom&custom_memory_gb=1e-300&gpus=8&tp=8",
    };
    for (const char* hash : hashes) {
        CAPTURE(std::string(hash));
        Inputs in;
        const auto perr = llmcalc::parse_hash(hash, in);
        if (!perr.empty()) {  // a key may gain a floor later: then the scenario is rejected by name, also fine
            CHECK_FALSE(perr[0].message.empty());
            continue;
        }
        const auto res = llmcalc::compute(in);
        if (!res.ok()) continue;
        CHECK(res.report.gpus_needed >= 0);
        CHECK(static_cast<double>(res.report.gpus_needed) <= llmcalc::kMaxGpuCount);
        check_numbers(nlohmann::json::parse(llmcalc::report_json(res.report)), "");
    }
    CHECK(llmcalc::saturated_gpu_count(2e299) == static_cast<int64_t>(llmcalc::kMaxGpuCount));
    CHECK(llmcalc::saturated_gpu_count(std::nan("")) == 0);
    CHECK(llmcalc::saturated_gpu_count(2.5) == 3);
}

TEST_CASE("fuzz_report: tp x pp x dp x cp beyond int64 is a named error, not an overflow") {
    // crash: signed overflow of in.tp * in.pp * in.dp * in.cp in validate_scenario (report.cpp)
    Inputs in;
    REQUIRE(llmcalc::parse_hash("top_k=276903&include_mtp=true&task=training&batch=276702&gen=64&gpu=a10&tp=277082&"
                                "pp=277082&dp=277082&ep=277082&cp=276950",
                                in).empty());
    const auto res = llmcalc::compute(in);
    REQUIRE_FALSE(res.ok());
    bool names_gpus = false;
    for (const auto& e : res.errors) names_gpus = names_gpus || e.key == "gpus";
    CHECK(names_gpus);
}
