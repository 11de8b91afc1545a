// The parameter count and weight memory walk one enumeration of the weight matrices (params.hpp layer_matrices).
// These checks fail when the two drift apart: a matrix shape, a layer kind, the MTP block or the vision tower counted
// by one and not stored (or stored differently) by the other (issue #10).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "formats.hpp"
#include "hf_config.hpp"
#include "memory.hpp"
#include "params.hpp"
#include "presets.hpp"

using namespace llmcalc;

namespace {

// Every preset and every real config.json in tests/data/configs (docs/models.md names their sources).
std::vector<std::pair<std::string, ModelConfig>> all_models() {
    std::vector<std::pair<std::string, ModelConfig>> out;
    for (const Preset& p : presets()) out.emplace_back("preset " + p.config.id, p.config);
    for (const auto& e : std::filesystem::directory_iterator(std::string(LLMCALC_TEST_DATA) + "/configs")) {
        if (e.path().extension() != ".json") continue;
        std::ifstream f(e.path(), std::ios::binary);
        std::ostringstream ss;
        ss << f.rdbuf();
        const ImportResult r = import_hf_config(ss.str());
        REQUIRE(r.ok());
        out.emplace_back("config " + e.path().filename().string(), r.config);
    }
    return out;
}

int64_t elements(const WeightMatrix& x) { return x.in * x.out * x.count; }

}  // namespace

TEST_CASE("weight memory stores exactly the parameters counted: every preset and config, MTP and lm_only variants") {
    const NumberFormat* bf16 = find_format("bf16");
    const NumberFormat* fp32 = find_format("fp32");
    const NumberFormat* fp8 = find_format("fp8");
    REQUIRE(bf16);
    REQUIRE(fp32);
    REQUIRE(fp8);
    int models = 0;
    for (const auto& [label, config] : all_models()) {
        const std::string name = label;  // em++ cannot CAPTURE a structured binding
        const ModelConfig m = config;
        CAPTURE(name);
        ++models;
        for (const bool mtp : {false, true})
            for (const bool lm_only : {false, true}) {
                CAPTURE(mtp);
                CAPTURE(lm_only);
                const int64_t total = count_params(m, mtp, lm_only).total;
                // a 2-byte format stores every counted parameter in 2 bytes, fp32 in 4
                CHECK(weight_bytes_detail(m, *bf16, true, mtp, lm_only).total == 2 * total);
                CHECK(weight_bytes_detail(m, *fp32, true, mtp, lm_only).total == 4 * total);
            }
        // An 8-bit format stores the matrices, the embedding and the LM head in 1 byte (embed_16bit off) and the
        // small tensors in 2: 2 x total - (matrix elements + embedding + head) bytes, the matrices summed here over
        // every layer of the enumeration.
        int64_t mats = 0;
        for (int64_t i = 0; i < m.num_layers; ++i)
            for (const WeightMatrix& x : layer_matrices(m, i)) mats += elements(x);
        const ParamReport p = count_params(m, false, true);
        int64_t embed_head = p.embedding + (m.tie_embeddings ? 0 : m.vocab_size * m.hidden_size);
        for (const auto& c : p.by_component)
            if (c.first == "embed_positions") embed_head += c.second;
        // Gemma 4's per-layer embeddings: the table stored as the embedding, its model projection h x L·p as a matrix
        int64_t projection = 0;
        per_layer_projection_params(m, &projection);
        embed_head += per_layer_table_params(m) + projection;
        CHECK(weight_bytes_detail(m, *fp8, false, false, true).total == 2 * p.total - mats - embed_head);
    }
    CHECK(models >= 40);
}

TEST_CASE("each layer kind's matrices are its counted projections: attention, indexer, linear mixer, FFN") {
    for (const auto& [label, config] : all_models()) {
        const std::string name = label;
        const ModelConfig m = config;
        CAPTURE(name);
        std::vector<bool> seen(static_cast<size_t>(m.layer_kind_bound()), false);
        for (int64_t i = 0; i < m.num_layers; ++i) {
            if (seen[static_cast<size_t>(m.layer_kind(i))]) continue;
            seen[static_cast<size_t>(m.layer_kind(i))] = true;
            CAPTURE(i);
            const LayerParams lp = layer_params(m, i);
            std::map<std::string, int64_t> by;  // matrix elements per params.by_component part
            int64_t all = 0;
            for (const WeightMatrix& x : layer_matrices(m, i)) {
                CHECK(x.in > 0);
                CHECK(x.out > 0);
                by[x.component] += elements(x);
                all += elements(x);
            }
            // the attention projections are matrices only (biases and norms are attn_bias / attn_extra)
            CHECK(by["attn_q"] == lp.attn_q);
            CHECK(by["attn_k"] == lp.attn_k);
            CHECK(by["attn_v"] == lp.attn_v);
            CHECK(by["attn_o"] == lp.attn_o);
            int64_t indexer_mats = 0;
            if (m.is_attention_layer(i)) indexer_params(m, &indexer_mats);
            CHECK(by["indexer"] == indexer_mats);
            CHECK(by["linear_attn"] == lp.linear_attn_matrices);
            // FFN: the counted parts less their biases (ups x I + h per MLP) and Qwen2-MoE's shared-expert gate (h)
            const int64_t h = m.hidden_size, ups = m.mlp == MlpKind::Gated ? 2 : 1;
            auto bias = [&](int64_t width, int64_t copies) { return m.mlp_bias ? copies * (ups * width + h) : 0; };
            int64_t ffn = lp.mlp + lp.experts + lp.shared_experts;
            if (m.has_ffn(i) && m.is_moe_layer(i)) {
                ffn -= bias(m.moe_intermediate_size, m.num_experts) + bias(m.shared_ffn(), m.num_shared_experts) +
                       (m.shared_expert_gate ? h : 0);
            } else if (m.has_ffn(i)) {
                ffn -= bias(m.dense_ffn(i), 1);
            }
            CHECK(by["mlp"] + by["experts"] + by["shared_experts"] == ffn);
            // latent MoE (Nemotron-3 Super): fc1_latent_proj + fc2_latent_proj, less their biases when mlp_bias
            CHECK(by["moe_latent"] == lp.moe_latent - (m.mlp_bias && m.moe_latent_size > 0 ? m.moe_latent_size + h : 0));
            // what is left of the layer is small tensors (norms, biases, router, conv, ...), never negative
            CHECK(lp.total() - all >= 0);
        }
    }
}
