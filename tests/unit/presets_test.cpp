// Preset catalog: every preset reproduces its published total (exactly, or within the stated rounding).
#include <doctest/doctest.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>

#include "flops.hpp"
#include "formats.hpp"
#include "memory.hpp"
#include "params.hpp"
#include "presets.hpp"
#include "report.hpp"

using namespace llmcalc;

TEST_CASE("catalog: at least 30 presets with lowercase slug ids and sources") {
    CHECK(presets().size() >= 30);
    std::set<std::string> ids;
    for (const auto& p : presets()) {
        CAPTURE(p.config.id);
        CHECK(ids.insert(p.config.id).second);
        for (char c : p.config.id) CHECK((std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.'));
        CHECK(!p.config.source.empty());
        CHECK(std::string(p.total_source).size() > 5);
        CHECK((p.published_total > 0) != (p.approx_total > 0));  // one kind of published figure per preset
        CHECK(find_preset(p.config.id) == &p);
    }
    CHECK(find_preset("no-such-model") == nullptr);
}

TEST_CASE("every preset equals its published total") {
    for (const auto& p : presets()) {
        CAPTURE(p.config.id);
        CAPTURE(p.total_source);
        const ParamReport r = count_params(p.config, p.total_includes_mtp);
        if (p.published_total > 0) {
            CHECK(r.total == p.published_total);
        } else {
            CHECK(std::fabs(static_cast<double>(r.total) - p.approx_total) <= p.approx_tolerance);
        }
        if (p.published_active > 0) CHECK(r.active == p.published_active);
        if (p.approx_active > 0)
            CHECK(std::fabs(static_cast<double>(r.active) - p.approx_active) <= p.approx_active_tolerance);
    }
}

TEST_CASE("published active counts of MoE models (rounded figures)") {
    struct Case {
        const char* id;
        double active;     // published, rounded
        double tolerance;  // half the last printed digit
        bool non_embedding;
    };
    static const Case cases[] = {
        {"qwen3-30b-a3b", 3.35e9, 0.05e9, false},    // Qwen3 model card: "3.3B activated" (3.35B truncated: [3.3, 3.4))
        {"qwen3-235b-a22b", 22e9, 0.5e9, false},     // Qwen3 model card: 22B activated
        {"deepseek-v3", 36.6e9, 0.05e9, true},       // DeepSeek-V3 README_WEIGHTS.md: 36.6B activated incl. the 0.9B head
        {"gpt-oss-20b", 3.61e9, 0.005e9, true},      // gpt-oss model card: 3.61B active (input embedding excluded)
        {"gpt-oss-120b", 5.13e9, 0.005e9, true},     // gpt-oss model card: 5.13B active
        {"mixtral-8x22b", 39e9, 0.5e9, false},       // Mistral AI: 39B active
        {"glm-4.5", 32e9, 2e9, false},               // GLM-4.5 card: 32B active (definition not stated; MTP excluded here)
        {"glm-4.5-air", 12e9, 2e9, false},
        {"llama-4-scout", 17e9, 0.5e9, false},       // Llama 4 card: 17B active
        {"qwen1.5-moe-a2.7b", 2.7e9, 0.05e9, false}, // Qwen1.5-MoE card: 2.7B activated
        {"deepseek-v2", 21e9, 0.5e9, false},         // DeepSeek-V2 card: 21B activated
        {"kimi-k2", 32e9, 0.5e9, true},              // Kimi K2 card: 32B activated (input embedding excluded, as DeepSeek)
        {"llama-4-maverick", 17e9, 0.5e9, false},
        {"qwen3.5-35b-a3b", 3e9, 0.5e9, false},      // Qwen3.5 / 3.6 cards: 3B, 10B, 17B activated (MTP and the
        {"qwen3.5-122b-a10b", 10e9, 0.5e9, false},   // vision tower not counted)
        {"qwen3.5-397b-a17b", 17e9, 0.5e9, false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.id);
        const Preset* p = find_preset(c.id);
        REQUIRE(p);
        const ParamReport r = count_params(p->config);
        const double a = static_cast<double>(c.non_embedding ? r.active_non_embedding : r.active);
        CHECK(std::fabs(a - c.active) <= c.tolerance);
    }
}

TEST_CASE("DeepSeek-V3 MTP module: the 685B checkpoint figure") {
    // Model card: 671B main model + 14B MTP = 685B on HF. Our MTP module (a MoE decoder layer, enorm, hnorm,
    // eh_proj 2h x h, its own embedding and head copies) brings the total to 684.49B; the HF figure 684.5B also holds
    // the FP8 scale_inv tensors, so test within 0.6B of 685B.
    const Preset* p = find_preset("deepseek-v3");
    const ParamReport with = count_params(p->config, true);
    CHECK(with.total == 671026419200LL + with.mtp);
    CHECK(std::fabs(static_cast<double>(with.total) - 685e9) <= 0.6e9);
    // README_WEIGHTS.md (tenstorrent/tt-metal copy): "11.5B unique parameters" excluding the shared 0.9B embedding
    // and 0.9B head. Ours is 11.61B: the MoE decoder layer (11.50B) plus eh_proj (0.10B) and norms, so the README
    // figure rounds or leaves out eh_proj; tolerance 0.12B.
    const double unique = static_cast<double>(with.mtp - 2 * 129280LL * 7168);
    CHECK(std::fabs(unique - 11.5e9) <= 0.12e9);
}

TEST_CASE("issue #12 presets: independent counts from their config.json") {
    // Each total is recounted here from the published shapes, independently of params.cpp, and the KV cache per token
    // from the attention layers' K/V heads (bf16: 2 bytes, K and V).
    auto gated = [](int64_t h, int64_t i) { return 3 * h * i; };
    auto attn = [](int64_t h, int64_t heads, int64_t kv, int64_t d) { return 2 * h * heads * d + 2 * h * kv * d; };
    const NumberFormat& bf16 = *find_kv_format("bf16");
    SUBCASE("Grok-1: xai-org/grok-1 model.py, 4 norms per layer, tied embedding") {
        const Preset* p = find_preset("grok-1");
        REQUIRE(p);
        const int64_t layer = attn(6144, 48, 8, 128) + 8 * gated(6144, 32768) + 6144 * 8 + 4 * 6144;
        CHECK(count_params(p->config).total == 64 * layer + 131072LL * 6144 + 6144);
        // active: 2 of 8 experts
        const int64_t active_layer = layer - 6 * gated(6144, 32768);
        CHECK(count_params(p->config).active == 64 * active_layer + 131072LL * 6144 + 6144);
        CHECK(kv_cache_bytes_per_token(p->config, bf16) == 64 * 2 * 8 * 128 * 2);
    }
    SUBCASE("Grok-2: xai-org/grok-2 config.json, residual dense MLP of 32768 beside 8 experts of 16384, untied") {
        const Preset* p = find_preset("grok-2");
        REQUIRE(p);
        const int64_t fixed = attn(8192, 64, 8, 128) + gated(8192, 32768) + 8192 * 8 + 4 * 8192;
        const int64_t layer = fixed + 8 * gated(8192, 16384);
        CHECK(count_params(p->config).total == 64 * layer + 2 * 131072LL * 8192 + 8192);
        CHECK(count_params(p->config).active == 64 * (fixed + 2 * gated(8192, 16384)) + 2 * 131072LL * 8192 + 8192);
        CHECK(kv_cache_bytes_per_token(p->config, bf16) == 64 * 2 * 8 * 128 * 2);
    }
    SUBCASE("GLM-4.6 is GLM-4.5 less the MTP layer's embedding and head copies") {
        const Preset* a = find_preset("glm-4.5");
        const Preset* b = find_preset("glm-4.6");
        REQUIRE(a);
        REQUIRE(b);
        CHECK(count_params(a->config, true).total - count_params(b->config, true).total == 2 * 151552LL * 5120);
        CHECK(count_params(a->config).total == count_params(b->config).total);  // main model identical
        CHECK(kv_cache_bytes_per_token(b->config, bf16) == 92 * 2 * 8 * 128 * 2);
    }
    SUBCASE("Llama-3.3-Nemotron-Super-49B: the preset equals its config.json import, 49 attention layers") {
        const Preset* p = find_preset("llama-3.3-nemotron-super-49b");
        REQUIRE(p);
        CHECK(attention_layer_count(p->config) == 49);
        CHECK(kv_cache_bytes_per_token(p->config, bf16) == 49 * 2 * 8 * 128 * 2);
    }
    SUBCASE("Nemotron-3 Super 120B-A12B: the Hub's safetensors total with the MTP layer, latent MoE") {
        // nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-BF16 safetensors index: BF16 123,611,012,096 (the Hub's total,
        // also in a public model table, search index id 69468411049) + F32 20,992 (public model-card digest, search
        // index id 71121406806): the e_score_correction_bias of 40 MoE blocks and the MTP's, 512 each
        const Preset* p = find_preset("nemotron-3-super-120b-a12b");
        REQUIRE(p);
        CHECK(p->total_includes_mtp);
        const ParamReport r = count_params(p->config, true);
        CHECK(r.total - 41 * 512 == 123611012096LL);
        CHECK(attention_layer_count(p->config) == 8);
        CHECK(kv_cache_bytes_per_token(p->config, bf16) == 8 * 2 * 2 * 128 * 2);
        // modeling_nemotron_h.NemotronHMoE with moe_latent_size 1024: a token runs fc1/fc2_latent_proj
        // (2 x 4096 x 1024), 22 of the 512 experts (2 x 1024 x 2688 each), the shared expert and the router;
        // the model card says 12B active
        CHECK(std::llabs(count_params(p->config).active - 12000000000LL) < 1000000000LL);
    }
    SUBCASE("Mistral Large 2: 88 Llama layers") {
        const Preset* p = find_preset("mistral-large-2");
        REQUIRE(p);
        const int64_t layer = attn(12288, 96, 8, 128) + gated(12288, 28672) + 2 * 12288;
        CHECK(count_params(p->config).total == 88 * layer + 2 * 32768LL * 12288 + 12288);
        CHECK(kv_cache_bytes_per_token(p->config, bf16) == 88 * 2 * 8 * 128 * 2);
    }
    SUBCASE("Qwen3.5-397B-A17B: the three parts of a public checkpoint audit") {
        // text 396,346,350,336 (embedding and head included), vision 456,010,480, MTP 6,595,568,128 elements
        const Preset* p = find_preset("qwen3.5-397b-a17b");
        REQUIRE(p);
        const ParamReport r = count_params(p->config, true);
        CHECK(r.vision == 456010480LL);
        CHECK(r.mtp == 6595568128LL);
        CHECK(count_params(p->config, false, true).total == 396346350336LL);
        // KV cache only on the 15 gated-attention layers: 2 KV heads x 256
        CHECK(kv_cache_bytes_per_token(p->config, bf16) == 15 * 2 * 2 * 256 * 2);
    }
    SUBCASE("Qwen3.5 vision tower: independent count (Qwen3_5VisionModel + patch merger)") {
        const int64_t H = 1152, I = 4304, M = 4 * H;
        const int64_t tower = 3 * 2 * 16 * 16 * H + H + 2304 * H + 27 * (4 * (H * H + H) + 4 * H + 2 * H * I + I + H);
        for (const auto& c : {std::pair<const char*, int64_t>{"qwen3.5-27b", 5120}, {"qwen3.5-35b-a3b", 2048},
                              {"qwen3.5-122b-a10b", 3072}}) {
            const std::string id = c.first;
            CAPTURE(id);
            const Preset* p = find_preset(id);
            REQUIRE(p);
            CHECK(count_params(p->config).vision == tower + 2 * H + M * M + M + M * c.second + c.second);
        }
    }
    SUBCASE("Mistral Small 3.2: Pixtral tower + Mistral 3 projector over Mistral Small 3's language model") {
        // modeling_pixtral: patch conv 3*14*14*1024 (no bias), ln_pre 1024, 24 layers of q/k/v/o 4*1024^2, gated
        // feed-forward 3*1024*4096 and two RMSNorms; Mistral3MultiModalProjector: norm 1024, merging_layer
        // 4*1024 x 1024, linear_1 1024 x 5120, linear_2 5120 x 5120, no biases
        const int64_t H = 1024, h = 5120;
        const int64_t tower = 3 * 14 * 14 * H + H + 24 * (4 * H * H + 3 * H * 4096 + 2 * H);
        const int64_t projector = H + 4 * H * H + H * h + h * h;
        const Preset* p = find_preset("mistral-small-3.2-24b");
        const Preset* text = find_preset("mistral-small-24b");
        REQUIRE(p);
        REQUIRE(text);
        CHECK(count_params(p->config).vision == tower + projector);
        CHECK(count_params(p->config, false, true).total == text->published_total);
    }
    SUBCASE("Gemma 3 with vision: the text preset plus the SigLIP tower and projector; lm_only gives the text total") {
        // SigLIP (modeling_siglip): patch conv 3*14*14*1152 + 1152, 64*64 positions x 1152, 27 layers of
        // 4(1152^2 + 1152) + 2 LayerNorms (4*1152) + fc1/fc2 (2*1152*4304 + 4304 + 1152), post LayerNorm 2*1152;
        // projector (Gemma3MultiModalProjector) 1152 x text width + the soft-embedding norm 1152.
        const int64_t H = 1152, I = 4304;
        const int64_t tower = 3 * 14 * 14 * H + H + 64 * 64 * H + 27 * (4 * (H * H + H) + 4 * H + 2 * H * I + I + H) + 2 * H;
        for (const auto& c : {std::pair<const char*, int64_t>{"gemma-3-4b", 2560}, {"gemma-3-12b", 3840}, {"gemma-3-27b", 5376}}) {
            const std::string text_id = c.first;
            CAPTURE(text_id);
            const Preset* text = find_preset(text_id);
            const Preset* mm = find_preset(text_id + "-it");
            REQUIRE(text);
            REQUIRE(mm);
            CHECK(count_params(mm->config).total == text->published_total + tower + H * c.second + H);
            CHECK(count_params(mm->config, false, true).total == text->published_total);
        }
    }
    SUBCASE("Gemma 4 31B and 26B A4B: recounted from transformers modeling_gemma4's shapes") {
        // Gemma4TextDecoderLayer: q_proj h -> heads x d, k_proj (+ v_proj unless K = V on a full-attention layer)
        // h -> kv x d, o_proj, q_norm and k_norm over d, a gated MLP, four RMSNorms, layer_scalar (1); full-attention
        // layers d = 512 with the global KV heads and no v_proj (attention_k_eq_v). Gemma4VisionModel (1152, 4304,
        // 27 layers, 16 heads of 72, patch 16, 10240 positions, standardize) + Gemma4MultimodalEmbedder 1152 x h.
        auto layer = [&](int64_t h, int64_t heads, int64_t kv, int64_t d, bool k_eq_v, int64_t inter) {
            return h * heads * d + h * kv * d * (k_eq_v ? 1 : 2) + heads * d * h + 2 * d + gated(h, inter) + 4 * h + 1;
        };
        const int64_t H = 1152;
        const int64_t tower = 3 * 16 * 16 * H + 2 * 10240 * H +
                              27 * (4 * H * 16 * 72 + 2 * 72 + 3 * H * 4304 + 4 * H) + 2 * H;
        const int64_t V = 262144;
        {
            const Preset* p = find_preset("gemma-4-31b-it");
            REQUIRE(p);
            const int64_t text = V * 5376 + 5376 + 50 * layer(5376, 32, 16, 256, false, 21504) +
                                 10 * layer(5376, 32, 4, 512, true, 21504);
            CHECK(count_params(p->config).total == text + tower + H * 5376);
            CHECK(count_params(p->config, false, true).total == text);
            // model card: 30.7B parameters (the language model)
            CHECK(std::fabs(static_cast<double>(text) - 30.7e9) <= 0.05e9);
            // KV: 50 sliding layers of 2 x 16 x 256, 10 full-attention layers of 2 x 4 x 512 (K and V both cached)
            CHECK(kv_cache_bytes_per_token(p->config, bf16) == (50 * 2 * 16 * 256 + 10 * 2 * 4 * 512) * 2);
        }
        {
            const Preset* p = find_preset("gemma-4-26b-a4b-it");
            REQUIRE(p);
            // enable_moe_block: the dense MLP (2112) beside 128 experts of 704 (gate_up_proj 2 x 704 x h, down_proj),
            // Gemma4TextRouter proj h x 128 + scale h + per_expert_scale 128, three more norms
            const int64_t expert = gated(2816, 704);
            const int64_t moe = 128 * expert + 2816 * 128 + 2816 + 128 + 3 * 2816;
            const int64_t text = V * 2816 + 2816 + 25 * (layer(2816, 16, 8, 256, false, 2112) + moe) +
                                 5 * (layer(2816, 16, 2, 512, true, 2112) + moe);
            CHECK(count_params(p->config).total == text + tower + H * 2816);
            CHECK(count_params(p->config, false, true).total == text);
            CHECK(std::fabs(static_cast<double>(text) - 25.2e9) <= 0.05e9);  // model card: 25.2B total
            // model card: 3.8B active (8 of 128 experts; the vision tower is not run by a text token)
            CHECK(count_params(p->config).active == text - 30 * 120 * expert);
            CHECK(std::fabs(static_cast<double>(count_params(p->config).active) - 3.8e9) <= 0.05e9);
            CHECK(kv_cache_bytes_per_token(p->config, bf16) == (25 * 2 * 8 * 256 + 5 * 2 * 2 * 512) * 2);
        }
        {
            // E2B: 35 layers (4 sliding : 1 full), the last 20 reuse earlier layers' K/V (no cache of their own, their
            // k_proj / v_proj / k_norm still stored) with a 2 x 6144 MLP; per-layer embeddings (PLE, p = 256):
            // table 262144 x 35·256, model projection 1536 x 35·256 + norm 256, per layer gate + projection 2 x
            // 1536 x 256 + norm 1536; the small vision tower (768, 3072, 16 layers of 12 heads x 64, no standardize)
            // and the audio tower: subsampling 9·128 + 128 + 9·128·32 + 32 + (128/4)·32 x 1024, 12 conformer layers
            // of 24 x 1024² + 5 x 1024 + 9 x 1024 + 128, output_proj 1024 x 1536 + 1536, embedders 768 x h, 1536 x h.
            const Preset* p = find_preset("gemma-4-e2b-it");
            REQUIRE(p);
            const int64_t h = 1536, ple = 2 * h * 256 + h;
            int64_t text = V * h + h + V * 35 * 256 + h * 35 * 256 + 256;
            for (int i = 0; i < 35; ++i) {
                const bool full = i % 5 == 4;
                text += layer(h, 8, 1, full ? 512 : 256, false, i >= 15 ? 2 * 6144 : 6144) + ple;
            }
            const int64_t small_tower = 3 * 16 * 16 * 768 + 2 * 10240 * 768 +
                                        16 * (4 * 768 * 12 * 64 + 2 * 64 + 3 * 768 * 3072 + 4 * 768) + 768 * h;
            const int64_t A = 1024;
            const int64_t audio = 9 * 128 + 128 + 9 * 128 * 32 + 32 + 32 * 32 * A +
                                  12 * (24 * A * A + 5 * A + 9 * A + 128) + A * 1536 + 1536 + 1536 * h;
            CHECK(count_params(p->config).total == text + small_tower + audio);
            CHECK(count_params(p->config, false, true).total == text);
            CHECK(count_params(p->config).vision == small_tower + audio);
            // KV: only layers 0-14 cache, 12 sliding of 2 x 1 x 256 and 3 full-attention of 2 x 1 x 512
            CHECK(kv_cache_bytes_per_token(p->config, bf16) == (12 * 512 + 3 * 1024) * 2);
            // FLOPs of the MLP part: 2 per MAC of the gated MLPs (15 x 6144, 20 x 12288), each layer's PLE gate and
            // projection (2 x h x 256) and the PLE model projection (h x 35·256), once per token
            const FlopsReport f = count_flops(p->config, 1024, count_params(p->config).active, Recompute::None);
            CHECK(f.mlp_per_token == 2.0 * static_cast<double>(15 * 3 * h * 6144 + 20 * 3 * h * 12288 +
                                                               35 * 2 * h * 256 + h * 35 * 256));
        }
        {
            // E4B: 42 layers (5 : 1), 18 KV-sharing layers (no double-wide MLP), 2 KV heads: only layers 0-23 cache
            const Preset* p = find_preset("gemma-4-e4b-it");
            REQUIRE(p);
            CHECK(kv_cache_bytes_per_token(p->config, bf16) == (20 * 2 * 2 * 256 + 4 * 2 * 2 * 512) * 2);
        }
    }
}

TEST_CASE("include_mtp: the MTP modules' attention caches keys too (DeepSeek-V3 report Sec. 2.2 eq. 22)") {
    // Each MTP module is a Transformer block over the sequence; counted (include_mtp), its attention layer keeps
    // a KV cache of the model's full-attention shape. Independent counts from the configs' dimensions.
    const NumberFormat& bf16 = *find_kv_format("bf16");
    SUBCASE("DeepSeek-V3: one module, one more MLA latent (512 + 64 per token), on the last pipeline stage") {
        const Preset* p = find_preset("deepseek-v3");
        REQUIRE(p);
        CHECK(mtp_attention_layers(p->config, false) == 0);
        CHECK(mtp_attention_layers(p->config, true) == 1);
        CHECK(kv_cache_bytes_per_token(p->config, bf16, nullptr, 1) == 62 * 576 * 2);
        Inputs in;
        in.seq = 4096; in.gen = 0; in.kv = "bf16"; in.weights = "bf16";
        const InferencePlan without = make_inference_plan(p->config, in);
        in.include_mtp = true;
        const InferencePlan with = make_inference_plan(p->config, in);
        CHECK(evaluate_inference(without, in, 1, 1, 1, 1, 4096, 0).kv_cache_bytes == 61LL * 576 * 2 * 4096);
        CHECK(evaluate_inference(with, in, 1, 1, 1, 1, 4096, 0).kv_cache_bytes == 62LL * 576 * 2 * 4096);
        // pp 2 over 61 layers: stages of 31 and 30 layers (vLLM get_pp_indices); the MTP layer runs after the last
        CHECK(inference_stage(with, 2, 0).kv_global_elems == 31 * 576);
        CHECK(inference_stage(with, 2, 1).kv_global_elems == (30 + 1) * 576);
        CHECK(inference_stage(without, 2, 1).kv_global_elems == 30 * 576);
        // the report's per-token figure is the same computation
        in.model = "deepseek-v3";
        const Result r = compute(in);
        REQUIRE(r.ok());
        CHECK(r.report.kv_cache_bytes_per_token == 62 * 576 * 2);
        in.include_mtp = false;
        const Result without_mtp = compute(in);
        CHECK(without_mtp.report.kv_cache_bytes_per_token == 61 * 576 * 2);
        // A decode step reads the MTP module's routed experts as the layers' (top-8 of 256: one token touches 8 / 256
        // of them), not all of them. The module (13,463,426,304 parameters, DeepSeek-V3's 685B card figure less 671B)
        // holds 256 experts x 3 x 7168 x 2048 = 11,274,289,152; the rest is read whole. BF16: 2 bytes each. Plus one
        // more layer's KV cache at the mean context (seq 4096, gen 0): 4096 x 576 x 2 bytes.
        const int64_t mtp_experts = 256LL * 3 * 7168 * 2048, mtp_rest = 13463426304LL - mtp_experts;
        CHECK(r.report.weights_detail.mtp_experts == 2 * mtp_experts);
        CHECK(r.report.inference.decode_bytes_per_step - without_mtp.report.inference.decode_bytes_per_step ==
              doctest::Approx(2.0 * mtp_rest + 2.0 * mtp_experts * 8 / 256 + 4096.0 * 576 * 2).epsilon(1e-12));
    }
    SUBCASE("Qwen3.5-397B-A17B: 15 gated-attention layers and the MTP layer's, 2 KV heads x 256") {
        const Preset* p = find_preset("qwen3.5-397b-a17b");
        REQUIRE(p);
        CHECK(mtp_attention_layers(p->config, true) == 1);
        CHECK(kv_cache_bytes_per_token(p->config, bf16, nullptr, 1) == 16 * 2 * 2 * 256 * 2);
    }
    SUBCASE("Nemotron-3 Super: the MTP pattern '*E' holds one attention block") {
        const Preset* p = find_preset("nemotron-3-super-120b-a12b");
        REQUIRE(p);
        CHECK(mtp_attention_layers(p->config, true) == 1);
        CHECK(kv_cache_bytes_per_token(p->config, bf16, nullptr, 1) == 9 * 2 * 2 * 128 * 2);
    }
    SUBCASE("a model without MTP modules has none to add") {
        const Preset* p = find_preset("llama-3.1-8b");
        REQUIRE(p);
        CHECK(mtp_attention_layers(p->config, true) == 0);
    }
}

TEST_CASE("a decode step reads the language model only: a multimodal checkpoint's encoders are not read per token") {
    // The vision / audio encoder runs on the prompt's images and sound; generated tokens run the language model. So
    // the bytes a decode step reads are the same whether the checkpoint's encoders are counted or not (lm_only),
    // while the weights held differ by exactly the encoders' bytes.
    for (const char* id : {"qwen3.5-397b-a17b", "gemma-4-31b-it", "gemma-4-e4b-it"}) {
        const std::string model = id;
        CAPTURE(model);
        Inputs in;
        in.model = model; in.weights = "bf16"; in.seq = 2048; in.gen = 0;
        const Result with = compute(in);
        in.lm_only = true;
        const Result lm = compute(in);
        REQUIRE(with.ok());
        REQUIRE(lm.ok());
        REQUIRE(with.report.weights_detail.vision > 0);
        CHECK(with.report.weights_detail.total - lm.report.weights_detail.total == with.report.weights_detail.vision);
        CHECK(with.report.inference.decode_bytes_per_step == lm.report.inference.decode_bytes_per_step);
    }
    // Qwen3.5-397B-A17B: the tower's 456,010,480 parameters (checkpoint audit above) are 912,020,960 bytes in BF16
    Inputs q;
    q.model = "qwen3.5-397b-a17b"; q.weights = "bf16";
    CHECK(compute(q).report.weights_detail.vision == 2 * 456010480LL);
}
