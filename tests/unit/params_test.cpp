// Parameter counts pinned to published totals (../shared/reference/published.json) and the seeds' formulas.
#include <doctest/doctest.h>

#include "params.hpp"
#include "presets.hpp"

using namespace llmcalc;

TEST_CASE("GPT-2 124M: published checkpoint count and component split") {
    // published.json "gpt2": total 124439808; token_embedding 38597376; position_embedding 786432; per_layer 7087872
    const Preset* p = find_preset("gpt2");
    REQUIRE(p);
    const ParamReport r = count_params(p->config);
    CHECK(r.total == 124439808);
    CHECK(r.embedding == 38597376);
    REQUIRE(r.layer_groups.size() == 1);
    CHECK(r.layer_groups[0].params_per_layer == 7087872);
    // seed 002: each transformer layer is 12h^2 + 13h with biases and two LayerNorms
    CHECK(r.layer_groups[0].params_per_layer == 12 * 768 * 768 + 13 * 768);
    // seed 002's whole-model formula l(12h^2 + 13h) + Vh leaves out the learned positions and ln_f
    CHECK(r.rule_12h2_13h == 124439808 - 1024 * 768 - 2 * 768);
}

TEST_CASE("Llama 2 7B and Llama 3 8B: published.json component split") {
    // published.json: Llama-2-7b embedding 131072000, lm_head 131072000, per_layer 202383360
    const ParamReport a = count_params(find_preset("llama-2-7b")->config);
    CHECK(a.embedding == 131072000);
    REQUIRE(a.layer_groups.size() == 1);
    CHECK(a.layer_groups[0].params_per_layer == 202383360);
    // published.json: Meta-Llama-3-8B embedding 525336576, per_layer 218112000
    const ParamReport b = count_params(find_preset("llama-3-8b")->config);
    CHECK(b.embedding == 525336576);
    CHECK(b.layer_groups[0].params_per_layer == 218112000);
}

TEST_CASE("Mixtral 8x7B: published total and active count") {
    // published.json: total 46702792704, active 12879925248 (embeddings, lm_head, attention, router, 2 of 8 experts)
    const ParamReport r = count_params(find_preset("mixtral-8x7b")->config);
    CHECK(r.total == 46702792704);
    CHECK(r.active == 12879925248);
}

TEST_CASE("by_component sums to total and active <= total for every preset") {
    for (const auto& p : presets()) {
        CAPTURE(p.config.id);
        for (bool mtp : {false, true}) {
            const ParamReport r = count_params(p.config, mtp);
            int64_t sum = 0;
            for (const auto& c : r.by_component) sum += c.second;
            CHECK(sum == r.total);
            int64_t groups = 0;
            for (const auto& g : r.layer_groups) groups += g.count;
            CHECK(groups == p.config.num_layers);
            CHECK(r.active <= r.total);
            // a dense model runs every weight but a multimodal checkpoint's vision tower (a text token never does)
            if (p.config.num_experts == 0 && !mtp) CHECK(r.active == r.total - r.vision);
        }
    }
}

TEST_CASE("hybrid layers are grouped by kind") {
    // Gemma 2: alternate sliding/global layers of equal size form two groups of 13 (google/gemma-2-2b: 26 layers)
    const ParamReport g = count_params(find_preset("gemma-2-2b")->config);
    REQUIRE(g.layer_groups.size() == 2);
    CHECK(g.layer_groups[0].kind == "dense+sliding");
    CHECK(g.layer_groups[0].count == 13);
    // DeepSeek-V3: first_k_dense_replace = 3 dense layers, 58 MoE layers
    const ParamReport d = count_params(find_preset("deepseek-v3")->config);
    REQUIRE(d.layer_groups.size() == 2);
    CHECK(d.layer_groups[0].kind == "dense");
    CHECK(d.layer_groups[0].count == 3);
    CHECK(d.layer_groups[1].count == 58);
    // Llama 4 Maverick: interleave_moe_layer_step 2 -> 24 dense + 24 MoE; every 4th layer (all MoE ones here) is a
    // NoPE global layer, the rest use chunked attention: dense+chunked 24, moe+chunked 12, moe global 12
    const ParamReport m = count_params(find_preset("llama-4-maverick")->config);
    REQUIRE(m.layer_groups.size() == 3);
    CHECK(m.layer_groups[0].kind == "dense+sliding");
    CHECK(m.layer_groups[0].count == 24);
    CHECK(m.layer_groups[1].count == 12);
    CHECK(m.layer_groups[2].count == 12);
}

TEST_CASE("structural effects on the count") {
    ModelConfig m = find_preset("llama-3.2-1b")->config;  // tied
    const int64_t tied = count_params(m).total;
    m.tie_embeddings = false;
    CHECK(count_params(m).total - tied == 128256LL * 2048);
    // q/k norms add 2 x head_dim per layer; q/k/v biases add (heads + 2 kv) x head_dim per layer
    ModelConfig q = find_preset("llama-3.2-1b")->config;
    q.qk_norm = true;
    CHECK(count_params(q).total - tied == 16 * 2 * 64);
    q.qk_norm = false;
    q.qkv_bias = true;
    CHECK(count_params(q).total - tied == 16 * (32 + 2 * 8) * 64);
}

TEST_CASE("layer patterns follow their rule when the layer count changes") {
    // DeepSeek-V3: first_k_dense_replace 3, then MoE on every layer
    const std::vector<bool> ds = moe_layers_first_dense(61, 3, 1);
    CHECK(resize_layer_pattern(ds, 10) == moe_layers_first_dense(10, 3, 1));
    CHECK(resize_layer_pattern(ds, 2) == moe_layers_first_dense(2, 3, 1));
    // Gemma 3: 5 sliding : 1 global; Gemma 2: alternate; Llama 4 Maverick: MoE every 2nd layer
    CHECK(resize_layer_pattern(sliding_layers_every(26, 6), 62) == sliding_layers_every(62, 6));
    CHECK(resize_layer_pattern(sliding_layers_every(42, 2), 7) == sliding_layers_every(7, 2));
    CHECK(resize_layer_pattern(moe_layers_interleave(48, 2), 20) == moe_layers_interleave(20, 2));
    CHECK(resize_layer_pattern({}, 3) == std::vector<bool>(3, false));
}
