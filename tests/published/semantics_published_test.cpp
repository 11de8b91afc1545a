// Input semantics pinned to published runs and independent counts: hfu (utilisation counting recompute),
// optimizer-state precision, overhead_pct in training, heads typed over a GQA preset.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "report.hpp"
#include "timing.hpp"

using namespace llmcalc;

namespace {
Report run(const std::string& hash) {
    Inputs in;
    REQUIRE(parse_hash(hash, in).empty());
    Result r = compute(in);
    for (const auto& e : r.errors) CAPTURE(e.key + ": " + e.message);
    REQUIRE(r.ok());
    return r.report;
}
bool has_note(const Report& r, const std::string& part) {
    for (const auto& n : r.notes)
        if (n.find(part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("hfu: the Megatron-LM GPT-3 run (1024 A100 at 140 TFLOP/s with recompute) takes about 34 days") {
    // Narayanan et al. 2021 (arXiv:2104.04473) Sec. 5.1: GPT-3 175B, 300B tokens, 1024 A100, 140 TFLOP/s per GPU
    // counting recomputation -> "about 34 days" (published.json narayanan_training_time, gpt3_days 34). GPT-3
    // shapes (Brown et al. 2020 Table 2.1): h 12288, 96 layers, 96 heads, n_ctx 2048, vocabulary 50257 (GPT-2's
    // tokenizer), MLP 4h. A100 bf16 dense peak 312 TFLOP/s (hardware.cpp), so hfu = 140 / 312. Tolerance 5 %.
    const std::string gpt3 = "model=gpt2&hidden=12288&intermediate=49152&layers=96&heads=96&seq=2048&task=training&gpu=a100-80g&gpus=1024"
                             "&tokens=3e11&recompute=full";
    const Report r = run(gpt3 + "&hfu=" + std::to_string(140.0 / 312.0));
    CHECK(r.utilisation_basis == "hfu");
    const double days = r.training_seconds / kSecondsPerDay;
    CHECK(days == doctest::Approx(34).epsilon(0.05));
    // Narayanan's 8TP/(nX) with X = peak x hfu = 140 TFLOP/s and P = this model's 174.6B parameters
    CHECK(r.narayanan_seconds / kSecondsPerDay == doctest::Approx(33.9 * r.params.active / 175e9).epsilon(0.01));
    // mfu alone divides model FLOPs (no recompute): the same 0.449 as mfu gives about three quarters of the time
    // (the 26 days the issue quotes); the same run at mfu = 140/312 x 3/4 reaches the hfu answer.
    const Report m = run(gpt3 + "&mfu=" + std::to_string(140.0 / 312.0));
    CHECK(m.utilisation_basis == "mfu");
    CHECK(m.training_seconds / kSecondsPerDay == doctest::Approx(26).epsilon(0.05));
    CHECK(has_note(r, "hfu"));
    // bad values are named errors
    Inputs in;
    CHECK(set_input(in, "hfu", "1.5").has_value());
    CHECK(set_input(in, "hfu", "1e-300").has_value());
    CHECK(!set_input(in, "hfu", "0").has_value());
}

TEST_CASE("optimizer_states: AdamW moments in bf16 (pure-BF16 trainers) and 8-bit") {
    // Llama 3.1 8B: 8,030,261,248 parameters (published.json Meta-Llama-3-8B total_params). AdamW keeps two states
    // per parameter (m, v; Loshchilov & Hutter 2019): in bf16 2 x 2 B, in fp32 2 x 4 B; block-wise 8-bit (Dettmers
    // et al. 2022, blocksize 2048) 2 x (1 + 4/2048) B.
    const int64_t n = 8030261248;
    // zero=0: the states unsharded, so each figure is n x bytes per state (zero=auto would shard them over dp = 8)
    const std::string base = "model=llama-3.1-8b&task=training&gpus=8&master_weights=false&zero=0";
    CHECK(run(base).training_memory.optimizer_bytes == n * 8);
    const Report b = run(base + "&optimizer_states=bf16");
    CHECK(b.training_memory.optimizer_bytes == n * 4);
    CHECK(has_note(b, "optimizer_states=bf16"));
    CHECK(run(base + "&optimizer_states=8bit").training_memory.optimizer_bytes ==
          static_cast<int64_t>(std::ceil(static_cast<double>(n) * 2 * (1 + 4.0 / 2048))));
    // auto keeps the optimizer's own precision: adamw_8bit is the same as adamw with 8-bit states
    CHECK(run(base + "&optimizer=adamw_8bit").training_memory.optimizer_bytes ==
          run(base + "&optimizer_states=8bit").training_memory.optimizer_bytes);
    // Lion: one momentum, bf16 -> 2 B per parameter
    CHECK(run(base + "&optimizer=lion&optimizer_states=bf16").training_memory.optimizer_bytes == n * 2);
}

TEST_CASE("overhead_pct applies to training: its share of model states + activations, reported as a part") {
    const Report r0 = run("model=llama-3.1-8b&task=training&gpus=8&zero=3&dp=8");
    const Report r = run("model=llama-3.1-8b&task=training&gpus=8&zero=3&dp=8&overhead_pct=10");
    const TrainingMemory& t = r.training_memory;
    const int64_t states = t.weights_bytes + t.gradients_bytes + t.optimizer_bytes + t.master_weights_bytes +
                           t.activations_bytes;
    CHECK(t.overhead_pct_bytes == (states + 9) / 10);
    CHECK(t.total_bytes == r0.training_memory.total_bytes + t.overhead_pct_bytes);
}

TEST_CASE("heads typed over a GQA preset: kv_heads follows heads unless told otherwise, with a note") {
    // LLaMA-65B (Touvron et al. 2023 Table 2: dim 8192, 64 heads, 80 layers; HF config: FFN 22016, vocabulary 32000,
    // untied, MHA) typed over Llama 3.1 70B (GQA, 8 KV heads). Independent count: embedding + head 2 x 32000 x 8192,
    // per layer 4 x 8192^2 (q, k, v, o) + 3 x 8192 x 22016 (SwiGLU) + 2 x 8192 (RMSNorm), final norm 8192:
    // 65,285,660,672 = 65.3B (the paper prints 65.2B).
    const int64_t h = 8192, per_layer = 4 * h * h + 3 * h * 22016 + 2 * h;
    const int64_t llama65b = 2 * 32000 * h + 80 * per_layer + h;
    CHECK(llama65b == 65285660672);
    const std::string typed = "model=llama-3.1-70b&vocab=32000&intermediate=22016&heads=64";
    const Report r = run(typed);
    CHECK(r.params.total == llama65b);
    CHECK(r.model.kv_heads() == 64);
    CHECK(has_note(r, "kv_heads follows heads"));
    // kv_heads typed: it wins (59.9B, the GQA model the issue saw), no note about following
    const Report g = run(typed + "&kv_heads=8");
    CHECK(g.model.kv_heads() == 8);
    CHECK(g.params.total == llama65b - 80 * 2 * h * (h - 8 * 128));
    CHECK(!has_note(g, "kv_heads follows heads"));
    // keep_gqa_ratio: 70B has 64 / 8 = 8 query heads per KV head; 32 heads keep 4 KV heads
    const Report k = run("model=llama-3.1-70b&heads=32&keep_gqa_ratio=true");
    CHECK(k.model.kv_heads() == 4);
    CHECK(has_note(k, "keep_gqa_ratio"));
    Inputs bad;
    REQUIRE(parse_hash("model=llama-3.1-70b&heads=36&keep_gqa_ratio=true", bad).empty());
    const Result e = compute(bad);
    REQUIRE(!e.ok());
    CHECK(e.errors[0].key == "heads");
}
