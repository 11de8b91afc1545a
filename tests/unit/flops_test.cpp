// FLOPs: matmul 2mkn, attention terms, causal option, sliding windows, MoE active experts, recompute multipliers.
#include <doctest/doctest.h>

#include <cmath>

#include "flops.hpp"
#include "paper_formulas.hpp"
#include "params.hpp"
#include "presets.hpp"

using namespace llmcalc;

namespace {

// A GPT-style model without biases in the way: the seeds' formulas count exactly its matmuls.
ModelConfig gpt_style(int64_t V, int64_t h, int64_t l, int64_t heads) {
    ModelConfig m = find_preset("gpt2")->config;
    m.vocab_size = V; m.hidden_size = h; m.num_layers = l; m.num_heads = heads; m.num_kv_heads = heads;
    m.intermediate_size = 4 * h;
    return m;
}

}  // namespace

TEST_CASE("a multiply-accumulate is two FLOPs (seed 000: [m,k]x[k,n] = 2mkn)") {
    CHECK(kFlopsPerMac == 2.0);
    const ModelConfig m = find_preset("llama-3-8b")->config;
    const FlopsReport f = count_flops(m, 2048, count_params(m).active, Recompute::None);
    CHECK(f.forward_macs_per_token * 2 == f.forward_per_token);
    CHECK(f.decode_macs_per_token * 2 == f.decode_per_token);
}

TEST_CASE("GPT-2: the seeds' 24Bsh^2l + 4Bs^2hl + 2BsVh is our non-causal prefill") {
    const ModelConfig m = find_preset("gpt2")->config;
    for (int64_t s : {1, 128, 1024}) {
        CAPTURE(s);
        const FlopsReport f = count_flops(m, s, count_params(m).active, Recompute::None);
        CHECK(f.forward_per_sequence == oracle::seed_forward_flops(1, static_cast<double>(s), 768, 12, 50257));
    }
}

TEST_CASE("causal halving counts s(s+1)/2 attended keys") {
    CHECK(attended_keys_over_sequence(4, 0, false) == 16);
    CHECK(attended_keys_over_sequence(4, 0, true) == 10);
    // window 2 over 5 tokens: keys 1,2,2,2,2
    CHECK(attended_keys_over_sequence(5, 2, true) == 9);
    CHECK(attended_keys_over_sequence(5, 2, false) == 10);
    const ModelConfig m = gpt_style(1000, 64, 2, 4);
    FlopsOptions causal;
    causal.causal_halving = true;
    const FlopsReport a = count_flops(m, 100, 0, Recompute::None), b = count_flops(m, 100, 0, Recompute::None, causal);
    CHECK(b.attn_scores_per_token == doctest::Approx(a.attn_scores_per_token * 101.0 / 200.0));
    CHECK(b.attn_proj_per_token == a.attn_proj_per_token);
}

TEST_CASE("sliding-window layers cap the attended context") {
    ModelConfig m = find_preset("mistral-7b-v0.1")->config;  // window 4096 on every layer
    const FlopsReport short_ctx = count_flops(m, 4096, 0, Recompute::None);
    const FlopsReport long_ctx = count_flops(m, 32768, 0, Recompute::None);
    CHECK(long_ctx.decode_per_token == short_ctx.decode_per_token);  // both attend 4096 keys
    m.sliding_window = 0;
    CHECK(count_flops(m, 32768, 0, Recompute::None).decode_per_token > long_ctx.decode_per_token);
}

TEST_CASE("decode of token t attends t keys") {
    const ModelConfig m = find_preset("llama-3.2-1b")->config;
    const FlopsReport f = count_flops(m, 1000, 0, Recompute::None);
    CHECK(f.decode_per_token == decode_flops_at(m, 1001));
    // each extra key costs 2 x heads x (dk + dv) per layer
    CHECK(decode_flops_at(m, 1002) - decode_flops_at(m, 1001) == 2.0 * 32 * (64 + 64) * 16);
}

TEST_CASE("MoE: matmuls of a token are 2 x its active non-norm weights") {
    for (const char* id : {"mixtral-8x7b", "qwen3-30b-a3b", "gpt-oss-20b", "llama-4-maverick", "deepseek-v3"}) {
        CAPTURE(id);
        const ModelConfig m = find_preset(id)->config;
        const ParamReport p = count_params(m);
        const FlopsReport f = count_flops(m, 1, p.active, Recompute::None);
        // weights that are not matmul operands: embedding lookup, norms, biases, sinks, q/k norms
        int64_t not_matmul = p.embedding;
        for (const auto& c : p.by_component)
            if (c.first == "layer_norms" || c.first == "final_norm" || c.first == "attn_bias" || c.first == "attn_norms_sinks")
                not_matmul += c.second;
        int64_t biases = 0;  // expert / router biases of active experts (gpt-oss)
        if (m.mlp_bias) {
            for (int64_t i = 0; i < m.num_layers; ++i)
                biases += m.experts_per_token * (2 * m.moe_intermediate_size + m.hidden_size) + m.num_experts;
        } else if (m.router_bias) {
            for (int64_t i = 0; i < m.num_layers; ++i) biases += m.is_moe_layer(i) ? m.num_experts : 0;
        }
        const double matmul = f.attn_proj_per_token + f.mlp_per_token + f.lm_head_per_token;
        CHECK(matmul == 2.0 * static_cast<double>(p.active - not_matmul - biases));
    }
}

TEST_CASE("training: 3x forward, 4x the layers with full recompute, attention core with selective") {
    const ModelConfig m = find_preset("llama-3-8b")->config;
    const int64_t n = count_params(m).active;
    const FlopsReport none = count_flops(m, 4096, n, Recompute::None);
    const FlopsReport full = count_flops(m, 4096, n, Recompute::Full);
    const FlopsReport sel = count_flops(m, 4096, n, Recompute::Selective);
    CHECK(none.training_per_token == 3 * none.forward_per_token);
    CHECK(full.training_per_token == doctest::Approx(4 * full.forward_per_token - full.lm_head_per_token));
    CHECK(sel.training_per_token == doctest::Approx(3 * sel.forward_per_token + sel.attn_scores_per_token));
    CHECK(full.model_training_per_token == none.training_per_token);  // MFU counts no recompute
    CHECK(none.rule_6n_per_token == 6.0 * static_cast<double>(n));
    CHECK(none.rule_8n_per_token == 8.0 * static_cast<double>(n));
}

TEST_CASE("PaLM 6N + 12LHQT uses non-embedding N") {
    const ModelConfig m = find_preset("gpt2")->config;
    const ParamReport p = count_params(m);
    const FlopsReport f = count_flops(m, 1024, p.active, Recompute::None);
    const double n = static_cast<double>(p.total - 50257 * 768 - 1024 * 768);
    CHECK(f.palm_per_token == 6 * n + 12.0 * 12 * 12 * 64 * 1024);
}

TEST_CASE("MLA attention scores use nope+rope for QK and v_head_dim for AV") {
    const ModelConfig m = find_preset("deepseek-v3")->config;
    CHECK(attention_score_flops(m, 5, 1.0) == 2.0 * 128 * (192 + 128));
    const FlopsReport f = count_flops(m, 1000, 0, Recompute::None);
    CHECK(f.attn_qk_per_token == doctest::Approx(f.attn_scores_per_token * 192.0 / 320.0));
    CHECK(f.attn_qk_per_token + f.attn_av_per_token == f.attn_scores_per_token);
}

TEST_CASE("chunked attention (Llama 4) restarts every chunk") {
    // query t attends keys from the start of its chunk: 2 chunks of 4 plus 2 -> 2 x 10 + 3 (causal), 2 x 16 + 4
    CHECK(attended_keys_chunked(10, 4, true) == 23);
    CHECK(attended_keys_chunked(10, 4, false) == 36);
    CHECK(attended_keys_chunked(3, 4, true) == attended_keys_over_sequence(3, 0, true));
    ModelConfig m = find_preset("llama-4-scout")->config;
    REQUIRE(m.chunked_attention);
    // decode right after a full chunk attends 1 key in the 36 chunked layers: cheaper than a sliding window
    const double chunked = count_flops(m, 8192, 0, Recompute::None).decode_per_token;
    m.chunked_attention = false;
    CHECK(count_flops(m, 8192, 0, Recompute::None).decode_per_token > chunked);
}
