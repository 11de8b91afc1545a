// "Parameters only" (total_params, issue #11 item 6): a model known by its parameter count alone. Expected numbers
// are counted here from the count and the datasheets, not read from the report: 2 bytes per BF16 weight, ZeRO's
// 2 + 2 + 12 bytes per parameter (Rajbhandari et al. 2020 Sec. 3.1, mixed-precision Adam), C_forward = 2N per token
// (Kaplan et al. 2020 eq. 2.2), RTX 4090 24,564 MiB (nvidia-smi) and 1,008 GB/s (Ada whitepaper), H100 SXM 80 GiB
// class (81,559 MiB, nvidia-smi).
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "inputs.hpp"
#include "report.hpp"

using namespace llmcalc;

namespace {
Result run(const char* hash) {
    Inputs in;
    const auto errors = parse_hash(hash, in);
    REQUIRE(errors.empty());
    return compute(in);
}
bool listed(const Report& r, const std::string& path) {
    for (const auto& p : r.unavailable)
        if (p == path) return true;
    return false;
}
}  // namespace

TEST_CASE("parameters only: 32B at BF16 gives its weights, GPU count and weight-bound speed; KV is not known") {
    const Result res = run("total_params=32B&gpu=rtx-4090");
    REQUIRE(res.ok());
    const Report& r = res.report;
    CHECK(r.model.params_only());
    CHECK(r.params.total == 32'000'000'000LL);
    CHECK(r.params.active == 32'000'000'000LL);
    CHECK(r.inference_memory.weights_bytes == 64'000'000'000LL);  // 2 bytes per BF16 weight
    const double usable = 24564.0 * 1024 * 1024;                   // nvidia-smi: 24564MiB
    CHECK(r.gpu_memory_bytes == doctest::Approx(usable));
    CHECK(r.gpus_needed == static_cast<int64_t>(std::ceil(64e9 / usable)));  // 2.48 -> 3
    CHECK(r.gpus_needed == 3);
    CHECK(r.gpus_needed_basis == "pooled");
    // decode reads every weight once per token: 64 GB / (1,008 GB/s x decode_bw_efficiency 0.8)
    CHECK(r.inference.tpot_seconds == doctest::Approx(64e9 / (1008e9 * 0.8)));
    CHECK(r.flops.forward_per_token == doctest::Approx(2 * 32e9));
    CHECK(r.flops.attn_scores_per_token == 0);
    // what needs the dimensions is 0 and listed as not known, never given a made-up value
    CHECK(r.kv_cache_bytes_per_token == 0);
    CHECK(r.inference_memory.kv_cache_bytes == 0);
    CHECK(r.inverse.max_seq == 0);
    CHECK(r.inverse.max_concurrency == 0);
    for (const char* p : {"memory.kv_cache_bytes_per_token", "memory.inference.kv_cache_bytes",
                          "memory.inference.activations_bytes", "inverse.max_seq", "inverse.max_concurrency"})
        CHECK(listed(r, p));
    const auto j = nlohmann::json::parse(report_json(r));
    CHECK(j["model"]["params_only"] == true);
    CHECK(j["unavailable"].size() == r.unavailable.size());
    bool said = false;
    for (const auto& n : r.notes) said = said || n.find("parameters only") != std::string::npos;
    CHECK(said);
}

TEST_CASE("parameters only: a GPU count divides the weights evenly, and a preset's report lists nothing unknown") {
    const Result res = run("total_params=32B&gpu=rtx-4090&gpus=4");
    REQUIRE(res.ok());
    CHECK(res.report.parallel.tp == 4);
    CHECK(res.report.parallel.basis == "even_split");
    CHECK(res.report.inference_memory.weights_bytes == 16'000'000'000LL);
    CHECK(res.report.inference_memory.total_bytes <= res.report.gpu_memory_bytes);
    const Result preset = run("model=qwen3-32b&gpu=rtx-4090&gpus=4");
    REQUIRE(preset.ok());
    CHECK(preset.report.unavailable.empty());
    CHECK_FALSE(preset.report.model.params_only());
}

TEST_CASE("parameters only: MoE active parameters set the FLOPs, the total the memory") {
    const Result res = run("total_params=30B&active_params=3B&weights=fp8");
    REQUIRE(res.ok());
    const Report& r = res.report;
    CHECK(r.params.active == 3'000'000'000LL);
    CHECK(r.inference_memory.weights_bytes == 30'000'000'000LL);  // 1 byte per FP8 weight
    CHECK(r.flops.forward_per_token == doctest::Approx(2 * 3e9));
    CHECK(r.flops.model_training_per_token == doctest::Approx(6 * 3e9));
    CHECK(r.model.name == "30B parameters, 3B active");
}

TEST_CASE("parameters only: training states follow ZeRO's 16 bytes per parameter; activations are not known") {
    const Result res = run("total_params=70B&task=training&gpu=h100-sxm&gpus=8&zero=3&recompute=full");
    REQUIRE(res.ok());
    const Report& r = res.report;
    CHECK(r.parallel.dp == 8);
    const TrainingMemory& t = r.training_memory;
    CHECK(t.weights_bytes + t.gradients_bytes + t.optimizer_bytes + t.master_weights_bytes ==
          16LL * 70'000'000'000LL / 8);  // (2 + 2 + 12) psi / Nd
    CHECK(t.activations_bytes == 0);
    CHECK(listed(r, "memory.training.activations_bytes"));
    CHECK(r.training_inverse.max_seq == 0);
    // full recompute: 8N per token executed, 6N counted as model FLOPs
    CHECK(r.flops.training_per_token == doctest::Approx(8 * 70e9));
    CHECK(r.flops.model_training_per_token == doctest::Approx(6 * 70e9));
    // 16 x 70e9 bytes pooled under ZeRO-3 over H100s: the fewest data-parallel GPUs that fit
    const double usable = r.gpu_memory_bytes;
    CHECK(r.gpus_needed == static_cast<int64_t>(std::ceil(16 * 70e9 / usable)));
}

TEST_CASE("parameters only: what would need the dimensions is a named error or warning") {
    struct Case { const char* hash; const char* key; };
    for (const Case c : {Case{"total_params=8B&hidden=4096", "hidden"}, Case{"total_params=8B&pp=2&gpus=2", "pp"},
                         Case{"total_params=8B&active_params=9B", "active_params"},
                         Case{"total_params=8B&task=training&finetune=lora", "finetune"},
                         Case{"total_params=8B&task=training&finetune=qlora", "finetune"}}) {
        CAPTURE(c.hash);
        Inputs in;
        REQUIRE(parse_hash(c.hash, in).empty());
        const Result res = compute(in);
        REQUIRE_FALSE(res.ok());
        CHECK(res.errors[0].key == c.key);
    }
    Inputs cfg;
    cfg.total_params = 8'000'000'000LL;
    cfg.config = R"({"model_type":"llama","hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,"vocab_size":100})";
    const Result with_config = compute(cfg);
    REQUIRE_FALSE(with_config.ok());
    CHECK(with_config.errors[0].key == "total_params");
    // out of range: fewer than 1,000 parameters is a typo
    Inputs tiny;
    CHECK_FALSE(parse_hash("total_params=12", tiny).empty());
    // warnings name what does not apply
    for (const char* hash : {"active_params=3B", "total_params=8B&task=training&layout_search=true",
                             "total_params=8B&weights=q4_k_m", "total_params=8B&weights=mxfp4_moe"}) {
        CAPTURE(hash);
        const Result res = run(hash);
        REQUIRE(res.ok());
        CHECK_FALSE(res.report.warnings.empty());
    }
}

TEST_CASE("parameters only: a larger count, context or load never needs fewer GPUs") {
    for (const char* task : {"inference", "training"}) {
        int64_t last = 0;
        for (double n = 1e9; n <= 2e12; n *= 1.7) {
            Inputs in;
            REQUIRE(parse_hash(std::string("task=") + task + "&gpu=h100-sxm&zero=3", in).empty());
            in.total_params = static_cast<int64_t>(n);
            const Result res = compute(in);
            REQUIRE(res.ok());
            CAPTURE(task);
            CAPTURE(n);
            CHECK(res.report.gpus_needed >= last);
            CHECK(res.report.gpus_needed >= 1);
            last = res.report.gpus_needed;
        }
    }
}
