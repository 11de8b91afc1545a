// Preset catalog. Each config value comes from the model's public config.json (the Hugging Face repo named in
// `source`; values cross-checked where noted). Published totals are cited per entry in `total_source`: "HF
// safetensors total" is the `safetensors.total` parameter count the Hugging Face Hub API/page shows for the repo
// (read via KNOWN_MODELS tables and test fixtures of public GitHub projects that record it, and keras-hub presets).
// An exact count that our formula reproduces digit for digit also confirms the config values.
#include "presets.hpp"

namespace llmcalc {
namespace {

ModelConfig gpt2(const char* id, const char* name, int64_t h, int64_t l, int64_t heads) {
    ModelConfig m;
    m.id = id; m.name = name; m.family = "gpt2";
    m.source = "openai-community/gpt2* config.json (n_embd, n_layer, n_head; vocab 50257, n_positions 1024, n_inner null)";
    m.vocab_size = 50257; m.hidden_size = h; m.num_layers = l; m.num_heads = heads; m.num_kv_heads = heads;
    m.intermediate_size = 4 * h; m.mlp = MlpKind::Plain; m.norm = NormKind::LayerNorm; m.norm_bias = true;
    m.pos = PosKind::Learned; m.max_positions = 1024; m.tie_embeddings = true;
    m.qkv_bias = m.o_bias = m.mlp_bias = true;
    return m;
}

// Llama-style decoder: RMSNorm, SwiGLU, RoPE, no biases (LlamaConfig defaults).
ModelConfig dense(const char* id, const char* name, const char* source, const char* family, int64_t vocab, int64_t h,
                  int64_t l, int64_t heads, int64_t kv, int64_t head_dim, int64_t inter, int64_t ctx, bool tie) {
    ModelConfig m;
    m.id = id; m.name = name; m.source = source; m.family = family;
    m.vocab_size = vocab; m.hidden_size = h; m.num_layers = l; m.num_heads = heads; m.num_kv_heads = kv;
    m.head_dim = head_dim; m.intermediate_size = inter; m.max_positions = ctx; m.tie_embeddings = tie;
    return m;
}

ModelConfig qwen2(ModelConfig m) { m.qkv_bias = true; return m; }   // Qwen2Attention: q/k/v biases
ModelConfig qwen3(ModelConfig m) { m.qk_norm = true; return m; }    // Qwen3Attention: q_norm, k_norm (head_dim)

// Gemma 2/3: four RMSNorms per layer, scaled tied embedding, hybrid local/global attention.
ModelConfig gemma23(ModelConfig m, int64_t window, int64_t period, bool qk_norm) {
    m.norms_per_layer = 4; m.embed_scale = true; m.qk_norm = qk_norm;
    m.sliding_window = window; m.layer_sliding = sliding_layers_every(m.num_layers, period);
    return m;
}

// Gemma 4 (transformers configuration_gemma4.Gemma4TextConfig / modeling_gemma4): Gemma 3's layer with 5 sliding :
// 1 full attention, full-attention layers of global_head_dim 512 with attention_k_eq_v (global_kv KV heads, no
// v_proj), a stored layer_scalar per layer; the vision tower of gemma-4-26B-A4B-it / 31B-it's vision_config
// (gemma4_vision: 1152 wide, 4304, 27 layers, 16 heads of 72, patch 16, 10240 positions, standardize) and its
// Gemma4MultimodalEmbedder.
ModelConfig gemma4(ModelConfig m, int64_t window, int64_t global_kv, int64_t period = 6) {
    m = gemma23(m, window, period, true);
    m.layer_scalar = true;
    m.global_head_dim = 512;
    m.global_k_eq_v = global_kv > 0; m.global_kv_heads = global_kv;
    m.vision_kind = VisionKind::Gemma4;
    m.vision_hidden = 1152; m.vision_intermediate = 4304; m.vision_layers = 27; m.vision_heads = 16;
    m.vision_kv_heads = 16; m.vision_head_dim = 72; m.vision_patch = 16; m.vision_positions = 10240;
    m.vision_standardize = true;
    return m;
}

// Gemma 4 E2B / E4B: no K = V; per-layer embeddings (hidden_size_per_layer_input 256, vocab_size_per_layer_input
// 262144), the last kv_shared layers reuse earlier K/V (their MLP 2x wide with use_double_wide_mlp); the small vision
// tower (Gemma4VisionConfig defaults: 768, 3072, 16 layers, 12 heads of 64, no standardize) and the audio tower
// (Gemma4AudioConfig: 1024, 12 layers, 8 heads, subsampling channels [128, 32], kernel 5, output_proj_dims 1536).
ModelConfig gemma4_small(ModelConfig m, int64_t period, int64_t kv_shared, bool double_wide) {
    m = gemma4(m, 512, 0, period);
    m.per_layer_input = 256; m.per_layer_vocab = 262144;
    m.kv_shared_layers = kv_shared;
    m.double_wide_mlp = double_wide;  // Gemma4TextMLP: intermediate_size x 2 on the KV-sharing layers
    double_wide_mlp_widths(m);
    m.vision_hidden = 768; m.vision_intermediate = 3072; m.vision_layers = 16; m.vision_heads = 12;
    m.vision_kv_heads = 12; m.vision_head_dim = 64; m.vision_standardize = false;
    m.audio_hidden = 1024; m.audio_layers = 12; m.audio_heads = 8; m.audio_conv0 = 128; m.audio_conv1 = 32;
    m.audio_kernel = 5; m.audio_out = 1536;
    return m;
}

ModelConfig moe(ModelConfig m, int64_t experts, int64_t top_k, int64_t shared, int64_t expert_width) {
    m.num_experts = experts; m.experts_per_token = top_k; m.num_shared_experts = shared;
    m.moe_intermediate_size = expert_width;
    return m;
}

// DeepSeek-V3 family: MLA + MoE with first_k_dense_replace dense layers and noaux_tc router bias.
ModelConfig deepseek(ModelConfig m, int64_t q_lora, int64_t kv_lora, int64_t nope, int64_t rope, int64_t v,
                     int64_t first_dense, int64_t mtp) {
    m.attn = AttnKind::MLA; m.head_dim = 0;
    m.q_lora_rank = q_lora; m.kv_lora_rank = kv_lora; m.qk_nope_head_dim = nope; m.qk_rope_head_dim = rope;
    m.v_head_dim = v; m.router_bias = true;
    m.layer_moe = moe_layers_first_dense(m.num_layers, first_dense, 1);
    m.num_mtp_modules = mtp;
    return m;
}

ModelConfig gpt_oss(const char* id, const char* name, int64_t layers, int64_t experts) {
    // openai/gpt-oss-{20b,120b} config.json: hidden 2880, intermediate 2880, 64 heads x 64, 8 KV heads, vocab 201088,
    // sliding_window 128 on alternate layers (layer_types), experts_per_token 4, untied.
    ModelConfig m = dense(id, name, "openai/gpt-oss config.json (hidden 2880, head_dim 64, 64/8 heads, vocab 201088)",
                          "gpt_oss", 201088, 2880, layers, 64, 8, 64, 2880, 131072, false);
    m = moe(m, experts, 4, 0, 2880);
    m.qkv_bias = m.o_bias = m.mlp_bias = m.router_bias = m.attn_sinks = true;
    m.sliding_window = 128; m.layer_sliding = sliding_layers_every(layers, 2);
    return m;
}

ModelConfig llama4(const char* id, const char* name, int64_t experts, int64_t step, int64_t ctx) {
    // meta-llama/Llama-4-*-17B-*E text_config: hidden 5120, 48 layers, 40 heads, 8 KV, head_dim 128, vocab 202048,
    // intermediate_size 8192 (expert), intermediate_size_mlp 16384 (dense), 1 shared expert, top-1.
    ModelConfig m = dense(id, name, "meta-llama/Llama-4 text_config (config.json)", "llama4_text", 202048, 5120, 48, 40, 8,
                          128, 16384, ctx, false);
    m = moe(m, experts, 1, 1, 8192);
    m.layer_moe = moe_layers_interleave(48, step);
    // attention_chunk_size 8192 on the RoPE layers; every 4th layer is NoPE with full attention
    // (Llama4TextConfig no_rope_layer_interval 4).
    m.sliding_window = 8192; m.chunked_attention = true; m.layer_sliding = sliding_layers_every(48, 4);
    return m;
}

// Nemotron-H's per-block pattern (hybrid_override_pattern: M = Mamba-2, * = attention, E = MoE; one block, one
// mixer or MoE each; configuration_nemotron_h.NemotronHConfig.layers_block_type), as hf_config.cpp map_hybrid reads it.
void nemotron_h_blocks(ModelConfig& m, const std::string& pattern) {
    m.layer_mixer.assign(pattern.size(), Mixer::None);
    m.layer_no_ffn.assign(pattern.size(), true);
    m.layer_moe.assign(pattern.size(), false);
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == 'M') m.layer_mixer[i] = Mixer::Mamba2;
        if (pattern[i] == '*') m.layer_mixer[i] = Mixer::Attention;
        if (pattern[i] == 'E') { m.layer_no_ffn[i] = false; m.layer_moe[i] = true; }
    }
}

Preset exact(ModelConfig m, int64_t total, const char* src, int64_t active = 0, bool with_mtp = false) {
    Preset p; p.config = std::move(m); p.published_total = total; p.published_active = active; p.total_source = src;
    p.total_includes_mtp = with_mtp;
    return p;
}
Preset approx(ModelConfig m, double total, double tol, const char* src, double active = 0, double active_tol = 0,
              bool with_mtp = false) {
    Preset p; p.config = std::move(m); p.approx_total = total; p.approx_tolerance = tol; p.total_source = src;
    p.approx_active = active; p.approx_active_tolerance = active_tol; p.total_includes_mtp = with_mtp;
    return p;
}

// An entry already in the table (a variant is built from it).
const ModelConfig& find_in(const std::vector<Preset>& t, const char* id) {
    for (const auto& p : t)
        if (p.config.id == id) return p.config;
    static const ModelConfig none;
    return none;
}

std::vector<Preset> build() {
    std::vector<Preset> t;
    // --- GPT-2: keras-hub gpt2_presets.py 'params' (published.json for 124M).
    t.push_back(exact(gpt2("gpt2", "GPT-2 (124M)", 768, 12, 12), 124439808, "keras-hub gpt2_base_en params"));
    t.push_back(exact(gpt2("gpt2-medium", "GPT-2 Medium (355M)", 1024, 24, 16), 354823168, "keras-hub gpt2_medium_en params"));
    t.push_back(exact(gpt2("gpt2-large", "GPT-2 Large (774M)", 1280, 36, 20), 774030080, "keras-hub gpt2_large_en params"));
    t.push_back(exact(gpt2("gpt2-xl", "GPT-2 XL (1.5B)", 1600, 48, 25), 1557611200, "keras-hub gpt2_extra_large_en params"));

    // --- Llama 2 (published.json: keras-hub 7b; 13b/70b from LoRAM table and DeepSpeed log).
    t.push_back(exact(dense("llama-2-7b", "Llama 2 7B", "meta-llama/Llama-2-7b-hf config.json", "llama", 32000, 4096, 32, 32, 32, 0, 11008, 4096, false),
                      6738415616, "keras-hub llama2_7b_en params"));
    t.push_back(exact(dense("llama-2-13b", "Llama 2 13B", "meta-llama/Llama-2-13b-hf config.json", "llama", 32000, 5120, 40, 40, 40, 0, 13824, 4096, false),
                      13015864320, "LoRAM paper table (DeepSpeed 'Reconstructed 13015864320 elements')"));
    t.push_back(exact(dense("llama-2-70b", "Llama 2 70B", "meta-llama/Llama-2-70b-hf config.json (GQA 8 KV heads)", "llama", 32000, 8192, 80, 64, 8, 0, 28672, 4096, false),
                      68976648192, "LoRAM paper table"));

    // --- Llama 3 / 3.1 / 3.2 / 3.3
    t.push_back(exact(dense("llama-3-8b", "Llama 3 8B", "meta-llama/Meta-Llama-3-8B config.json; Llama 3 paper Table 3", "llama", 128256, 4096, 32, 32, 8, 0, 14336, 8192, false),
                      8030261248, "keras-hub llama3_8b_en params"));
    t.push_back(exact(dense("llama-3-70b", "Llama 3 70B", "meta-llama/Meta-Llama-3-70B config.json; Llama 3 paper Table 3", "llama", 128256, 8192, 80, 64, 8, 0, 28672, 8192, false),
                      70553706496, "HF safetensors total of Llama-3.3-70B-Instruct (same shapes)"));
    t.push_back(exact(dense("llama-3.1-8b", "Llama 3.1 8B", "meta-llama/Llama-3.1-8B config.json (tenstorrent tt-metal copy)", "llama", 128256, 4096, 32, 32, 8, 0, 14336, 131072, false),
                      8030261248, "HF safetensors total of Llama-3.1-8B-Instruct"));
    t.push_back(exact(dense("llama-3.1-70b", "Llama 3.1 70B", "meta-llama/Llama-3.1-70B config.json (tenstorrent tt-metal copy)", "llama", 128256, 8192, 80, 64, 8, 0, 28672, 131072, false),
                      70553706496, "HF safetensors total of Llama-3.3-70B-Instruct (same shapes); safetensors total_size 141107412992 B / 2"));
    t.push_back(exact(dense("llama-3.1-405b", "Llama 3.1 405B", "meta-llama/Llama-3.1-405B config.json; Llama 3 paper Table 3 (126 layers, 16384, 53248, 128/8 heads)", "llama", 128256, 16384, 126, 128, 8, 0, 53248, 131072, false),
                      405853388800LL, "HF safetensors total of meta-llama/Llama-3.1-405B (paper/model card: 405B)"));
    t.push_back(exact(dense("llama-3.2-1b", "Llama 3.2 1B", "meta-llama/Llama-3.2-1B config.json (head_dim 64, tied)", "llama", 128256, 2048, 16, 32, 8, 64, 8192, 131072, true),
                      1235814400, "HF safetensors total of Llama-3.2-1B-Instruct"));
    t.push_back(exact(dense("llama-3.2-3b", "Llama 3.2 3B", "meta-llama/Llama-3.2-3B config.json (head_dim 128, tied)", "llama", 128256, 3072, 28, 24, 8, 128, 8192, 131072, true),
                      3212749824, "HF safetensors total of Llama-3.2-3B-Instruct"));
    t.push_back(exact(dense("llama-3.3-70b", "Llama 3.3 70B", "meta-llama/Llama-3.3-70B-Instruct config.json", "llama", 128256, 8192, 80, 64, 8, 0, 28672, 131072, false),
                      70553706496, "HF safetensors total of Llama-3.3-70B-Instruct"));

    // --- Llama 4 (language model only; the checkpoints also hold a vision encoder).
    t.push_back(approx(llama4("llama-4-scout", "Llama 4 Scout 17B-16E", 16, 1, 10485760), 109e9, 1.5e9,
                       "Llama 4 model card: 109B total incl. vision (HF safetensors total 108641793536); the text model "
                       "counted here is ~0.87B smaller, hence the 1.5B tolerance", 17e9, 0.5e9));
    t.push_back(approx(llama4("llama-4-maverick", "Llama 4 Maverick 17B-128E", 128, 2, 1048576), 400e9, 4e9,
                       "Llama 4 model card: 400B total, 17B active (round figures incl. vision; 1% tolerance)", 17e9, 0.5e9));

    // --- Mistral / Mixtral
    {
        ModelConfig m = dense("mistral-7b-v0.1", "Mistral 7B v0.1", "mistralai/Mistral-7B-v0.1 config.json (sliding_window 4096)", "mistral", 32000, 4096, 32, 32, 8, 0, 14336, 32768, false);
        m.sliding_window = 4096;
        t.push_back(exact(m, 7241732096, "GGUF general.parameter_count of Mistral-7B (ollama model_info); '7.24B'"));
    }
    t.push_back(exact(dense("mistral-7b-v0.3", "Mistral 7B v0.3", "mistralai/Mistral-7B-v0.3 config.json (vocab 32768, no sliding window)", "mistral", 32768, 4096, 32, 32, 8, 0, 14336, 32768, false),
                      7248023552, "HF safetensors total of Mistral-7B-v0.3"));
    // head_dim 128 while hidden / heads = 160: q is 5120 -> 4096
    t.push_back(exact(dense("mistral-nemo-12b", "Mistral NeMo 12B", "mistralai/Mistral-Nemo-Base-2407 config.json (5120, 40 layers, 32/8 heads, head_dim 128, 14336, vocab 131072)", "mistral", 131072, 5120, 40, 32, 8, 128, 14336, 131072, false),
                      12247782400LL, "HF safetensors total of Mistral-Nemo-Instruct-2407"));
    t.push_back(exact(dense("mistral-small-24b", "Mistral Small 3 24B (2501)", "mistralai/Mistral-Small-24B-Base-2501 config.json (5120, 40 layers, 32/8 heads, head_dim 128, 32768, vocab 131072)", "mistral", 131072, 5120, 40, 32, 8, 128, 32768, 32768, false),
                      23572403200LL, "keras-hub magistral_small_2506_en / devstral_small_1_1 params (same language model) and a provider's paramCount for Mistral-Small-24B-Instruct-2501"));
    t.push_back(exact(moe(dense("mixtral-8x7b", "Mixtral 8x7B", "mistralai/Mixtral-8x7B-v0.1 config.json; transformers configuration_mixtral.py", "mixtral", 32000, 4096, 32, 32, 8, 0, 14336, 32768, false), 8, 2, 0, 14336),
                      46702792704, "keras-hub mixtral_8_7b_en params", 12879925248));
    t.push_back(exact(moe(dense("mixtral-8x22b", "Mixtral 8x22B", "mistralai/Mixtral-8x22B-v0.1 config.json (6144, 56 layers, 48/8 heads, 16384)", "mixtral", 32000, 6144, 56, 48, 8, 0, 16384, 65536, false), 8, 2, 0, 16384),
                      140620634112LL, "HF safetensors total of Mixtral-8x22B-v0.1 (mistral-community mirror); Mistral AI announcement: 141B total, 39B active"));

    {
        // Mistral Small 3.1 (2503) / 3.2 (2506): Mistral 3's language model (Mistral Small 3's shapes, 131072 context)
        // plus the Pixtral tower (24 layers of 1024 / 4096, patch 14) and its projector (spatial_merge_size 2, no
        // biases). Config: tests/data/configs/mistral-small-3.2-24b.json.
        ModelConfig m = dense("mistral-small-3.2-24b", "Mistral Small 3.1 / 3.2 24B (with vision)",
                              "mistralai/Mistral-Small-3.2-24B-Instruct-2506 config.json (mistral3: text_config 5120, 40 "
                              "layers, 32/8 heads x 128, 32768, vocab 131072; vision_config pixtral 1024 / 4096 / 24 layers "
                              "/ patch 14; spatial_merge_size 2, multimodal_projector_bias false; 3.1-2503 the same)",
                              "mistral3", 131072, 5120, 40, 32, 8, 128, 32768, 131072, false);
        m.vision_kind = VisionKind::Pixtral; m.vision_hidden = 1024; m.vision_intermediate = 4096; m.vision_layers = 24;
        m.vision_patch = 14; m.vision_merge = 2;
        t.push_back(exact(m, 24011361280LL, "HF safetensors total of mistralai/Mistral-Small-3.2-24B-Instruct-2506 (Hub "
                                            "safetensors metadata in a public model registry); lm_only = Mistral Small 3's "
                                            "23,572,403,200"));
    }
    // Mistral Large 2 (2407; 2411 has the same config.json): a Llama-shaped dense model.
    t.push_back(approx(dense("mistral-large-2", "Mistral Large 2 (123B, 2407/2411)", "mistralai/Mistral-Large-Instruct-2407 "
                             "config.json (12288, 88 layers, 96/8 heads x 128, 28672, vocab 32768; 2411 the same)", "mistral",
                             32768, 12288, 88, 96, 8, 128, 28672, 131072, false),
                       123e9, 0.5e9, "Mistral AI model card: 123B parameters (rounded; no exact Hub total found, so half the "
                       "last printed digit)"));

    // --- Qwen2.5 (q/k/v biases; 0.5B-3B tied)
    const char* q25 = "Qwen/Qwen2.5-* config.json; Qwen2.5 technical report Table 1";
    t.push_back(exact(qwen2(dense("qwen2.5-0.5b", "Qwen2.5 0.5B", q25, "qwen2", 151936, 896, 24, 14, 2, 0, 4864, 32768, true)), 494032768, "HF safetensors total of Qwen2.5-0.5B-Instruct"));
    t.push_back(exact(qwen2(dense("qwen2.5-1.5b", "Qwen2.5 1.5B", q25, "qwen2", 151936, 1536, 28, 12, 2, 0, 8960, 32768, true)), 1543714304, "HF safetensors total of Qwen2.5-1.5B-Instruct"));
    t.push_back(exact(qwen2(dense("qwen2.5-3b", "Qwen2.5 3B", q25, "qwen2", 151936, 2048, 36, 16, 2, 0, 11008, 32768, true)), 3085938688, "HF safetensors total of Qwen2.5-3B-Instruct"));
    t.push_back(exact(qwen2(dense("qwen2.5-7b", "Qwen2.5 7B", q25, "qwen2", 152064, 3584, 28, 28, 4, 0, 18944, 131072, false)), 7615616512, "HF safetensors total of Qwen2.5-7B-Instruct"));
    t.push_back(exact(qwen2(dense("qwen2.5-14b", "Qwen2.5 14B", q25, "qwen2", 152064, 5120, 48, 40, 8, 0, 13824, 131072, false)), 14770033664, "HF safetensors total of Qwen2.5-14B-Instruct"));
    t.push_back(exact(qwen2(dense("qwen2.5-32b", "Qwen2.5 32B", q25, "qwen2", 152064, 5120, 64, 40, 8, 0, 27648, 131072, false)), 32763876352, "HF safetensors total of Qwen2.5-32B-Instruct"));
    t.push_back(exact(qwen2(dense("qwen2.5-72b", "Qwen2.5 72B", q25, "qwen2", 152064, 8192, 80, 64, 8, 0, 29568, 131072, false)), 72706203648, "HF safetensors total of Qwen2.5-72B-Instruct"));

    // --- Qwen3 (q/k norms, head_dim 128)
    const char* q3 = "Qwen/Qwen3-* config.json; Qwen3 technical report Tables 1-2";
    t.push_back(exact(qwen3(dense("qwen3-4b", "Qwen3 4B", q3, "qwen3", 151936, 2560, 36, 32, 8, 128, 9728, 40960, true)), 4022468096LL, "HF safetensors total of Qwen3-4B (tied)"));
    t.push_back(exact(qwen3(dense("qwen3-8b", "Qwen3 8B", q3, "qwen3", 151936, 4096, 36, 32, 8, 128, 12288, 40960, false)), 8190735360, "HF safetensors total of Qwen3-8B"));
    t.push_back(exact(qwen3(dense("qwen3-14b", "Qwen3 14B", q3, "qwen3", 151936, 5120, 40, 40, 8, 128, 17408, 40960, false)), 14768307200, "HF safetensors total of Qwen3-14B"));
    t.push_back(exact(qwen3(dense("qwen3-32b", "Qwen3 32B", q3, "qwen3", 151936, 5120, 64, 64, 8, 128, 25600, 40960, false)), 32762123264, "HF safetensors total of Qwen3-32B"));
    t.push_back(exact(qwen3(moe(dense("qwen3-30b-a3b", "Qwen3 30B-A3B", q3, "qwen3_moe", 151936, 2048, 48, 32, 4, 128, 6144, 40960, false), 128, 8, 0, 768)),
                      30532122624, "HF safetensors total of Qwen3-30B-A3B"));
    t.push_back(exact(qwen3(moe(dense("qwen3-235b-a22b", "Qwen3 235B-A22B", q3, "qwen3_moe", 151936, 4096, 94, 64, 4, 128, 12288, 40960, false), 128, 8, 0, 1536)),
                      235093634560, "HF safetensors total of Qwen3-235B-A22B"));

    t.push_back(exact(qwen3(moe(dense("qwen3-coder-480b-a35b", "Qwen3-Coder 480B-A35B", "Qwen/Qwen3-Coder-480B-A35B-Instruct config.json (6144, 62 layers, 96/8 heads x 128, 160 experts x 2560, top-8)",
                                      "qwen3_moe", 151936, 6144, 62, 96, 8, 128, 8192, 262144, false), 160, 8, 0, 2560)),
                      480154875392LL, "HF safetensors total of Qwen/Qwen3-Coder-480B-A35B-Instruct"));

    // --- DeepSeek-V3 / R1 (same architecture), Kimi K2, GLM-4.5
    {
        ModelConfig v3 = deepseek(moe(dense("deepseek-v3", "DeepSeek-V3", "deepseek-ai/DeepSeek-V3 config.json (MLA, 256 experts top-8, 1 shared, first_k_dense_replace 3, num_nextn_predict_layers 1)",
                                            "deepseek_v3", 129280, 7168, 61, 128, 128, 0, 18432, 163840, false), 256, 8, 1, 2048),
                                  1536, 512, 128, 64, 128, 3, 1);
        t.push_back(exact(v3, 671026419200LL, "checkpoint tensor-header audits of deepseek-ai/DeepSeek-V3 (main model, FP8 scale_inv tensors excluded); model card: 671B main + 14B MTP = 685B, 37B activated"));
        ModelConfig r1 = v3; r1.id = "deepseek-r1"; r1.name = "DeepSeek-R1";
        r1.source = "deepseek-ai/DeepSeek-R1 config.json (identical to DeepSeek-V3)";
        t.push_back(exact(r1, 684489845504LL, "HF safetensors total of deepseek-ai/DeepSeek-R1, MTP layer included (model card: "
                              "671B total, 37B activated; microsoft/MAI-DS-R1, the same weights without MTP, shows 671026419200)", 0, true));
    }
    t.push_back(exact(deepseek(moe(dense("kimi-k2", "Kimi K2", "moonshotai/Kimi-K2-Instruct config.json (kimi_k2: 61 layers, 64 heads, 384 experts top-8, 1 shared, first_k_dense_replace 1, vocab 163840)",
                                          "kimi_k2", 163840, 7168, 61, 64, 64, 0, 18432, 131072, false), 384, 8, 1, 2048),
                                1536, 512, 128, 64, 128, 1, 0),
                      1026408232448LL, "checkpoint header audit of moonshotai/Kimi-K2-Instruct (logical parameters, FP8 scales "
                      "excluded) and a hosting provider's paramCount; the HF page shows 1,026,408,235,864 (3,416 non-weight elements "
                      "more); model card: 1T total, 32B activated"));
    {
        // zai-org/GLM-4.5 config.json; corroborated by THUDM slime scripts/models/glm4.5-355B-A32B.sh (--qk-layernorm,
        // --add-qkv-bias, 96/8 heads x 128, 5120, ffn 12288, moe ffn 1536, 160 experts top-8, 3 dense layers).
        ModelConfig m = deepseek(moe(dense("glm-4.5", "GLM-4.5", "zai-org/GLM-4.5 config.json (glm4_moe)", "glm4_moe", 151552, 5120, 92, 96, 8, 128, 12288, 131072, false), 160, 8, 1, 1536),
                                 0, 0, 0, 0, 0, 3, 1);
        m.attn = AttnKind::Standard; m.head_dim = 128; m.qkv_bias = true; m.qk_norm = true;
        t.push_back(exact(m, 358337791296LL, "HF safetensors total of zai-org/GLM-4.5 incl. the MTP layer (model card: 355B total, 32B active)", 0, true));
        ModelConfig a = deepseek(moe(dense("glm-4.5-air", "GLM-4.5-Air", "zai-org/GLM-4.5-Air config.json (glm4_moe); slime glm4.5-106B-A12B.sh", "glm4_moe", 151552, 4096, 46, 96, 8, 128, 10944, 131072, false), 128, 8, 1, 1408),
                                 0, 0, 0, 0, 0, 1, 1);
        a.attn = AttnKind::Standard; a.head_dim = 128; a.qkv_bias = true;
        t.push_back(exact(a, 110468824832LL, "HF safetensors total of zai-org/GLM-4.5-Air incl. the MTP layer (model card: 106B total, 12B active)", 0, true));
        // GLM-4.6: GLM-4.5's shapes (context 202752), but its MTP layer 92 stores no embedding or head copy: llama.cpp
        // PR 16359 / ik_llama.cpp issue 812 made blk.92.nextn.embed_tokens and shared_head_head optional because the
        // GLM-4.6 safetensors lack them.
        ModelConfig g6 = m;
        g6.id = "glm-4.6"; g6.name = "GLM-4.6"; g6.max_positions = 202752; g6.mtp_own_embeddings = false;
        g6.source = "zai-org/GLM-4.6 config.json (glm4_moe, GLM-4.5's shapes, max_position_embeddings 202752); MTP layer "
                    "without embed_tokens / shared_head.head (llama.cpp PR 16359)";
        t.push_back(exact(g6, 356785898816LL, "HF safetensors total of zai-org/GLM-4.6 incl. the MTP layer (public model "
                              "tables; = GLM-4.5's 358,337,791,296 less 2 x 151552 x 5120); model card: 355B total, 32B active", 0, true));
    }

    // --- DeepSeek Sparse Attention (issue #12): MLA + a lightning indexer in every layer (the MTP layer too)
    {
        ModelConfig m = deepseek(moe(dense("deepseek-v3.2", "DeepSeek-V3.2", "deepseek-ai/DeepSeek-V3.2 config.json (deepseek_v32: DeepSeek-V3's "
                                           "shapes + index_n_heads 64, index_head_dim 128, index_topk 2048; tests/data/configs/deepseek-v3.2.json)",
                                           "deepseek_v32", 129280, 7168, 61, 128, 128, 0, 18432, 163840, false), 256, 8, 1, 2048),
                                 1536, 512, 128, 64, 128, 3, 1);
        m.index_n_heads = 64; m.index_head_dim = 128; m.index_topk = 2048;
        t.push_back(exact(m, 685355329792LL, "HF safetensors total of deepseek-ai/DeepSeek-V3.2 incl. the MTP layer (public model "
                              "table; = DeepSeek-R1's 684,489,845,504 + 62 indexers x 13,959,424); model card: 685B", 0, true));
        // GLM-5: MLA (q_lora 2048, nope 192, rope 64, v 256) + 32-head indexer, 256 experts top-8 + 1 shared, 3 dense
        // layers; its MTP layer shares the embedding and head (mtp_own_embeddings false).
        ModelConfig g = deepseek(moe(dense("glm-5", "GLM-5", "zai-org/GLM-5 config.json (glm_moe_dsa; transformers GlmMoeDsaConfig: 78 layers, "
                                           "6144, 64 heads, q_lora 2048, kv_lora 512, nope 192, rope 64, v 256, 256 experts x 2048 top-8, "
                                           "1 shared, 3 dense x 12288, index 32 x 128; tests/data/configs/glm-5.json)",
                                           "glm_moe_dsa", 154880, 6144, 78, 64, 64, 0, 12288, 202752, false), 256, 8, 1, 2048),
                                 2048, 512, 192, 64, 256, 3, 1);
        g.index_n_heads = 32; g.index_head_dim = 128; g.index_topk = 2048; g.mtp_own_embeddings = false;
        t.push_back(exact(g, 753864139008LL, "HF safetensors total of zai-org/GLM-5 incl. the MTP layer (public model table; "
                              "GLM-5.1 the same); model card: 744B total, 40B active", 0, true));
    }

    {
        // MiniMax-M2 (M2.1, M2.7 the same shapes): 62 layers, 3072, 48/8 heads x 128, full-width q/k norms, every
        // layer 256 experts x 1536 top-8 with a sigmoid router and its correction bias, no shared expert, untied.
        ModelConfig m = moe(dense("minimax-m2", "MiniMax-M2", "MiniMaxAI/MiniMax-M2 config.json (minimax_m2: 62 layers, 3072, 48/8 heads x 128, "
                                  "use_qk_norm per_layer, 256 local experts x 1536 top-8, use_routing_bias, vocab 200064; "
                                  "tests/data/configs/minimax-m2.json)",
                                  "minimax_m2", 200064, 3072, 62, 48, 8, 128, 1536, 196608, false), 256, 8, 0, 1536);
        m.qk_norm = true; m.qk_norm_full = true; m.router_bias = true; m.partial_rotary = 0.5;
        t.push_back(exact(m, 228689764864LL, "HF safetensors total of MiniMaxAI/MiniMax-M2 (M2.1 and M2.7 the same; public model "
                              "table); model card: 230B total, 10B active; its config's 3 MTP modules are not in the checkpoint"));
    }

    // --- Hybrid linear attention (issue #12)
    {
        // Qwen3-Next: 48 layers, 3 Gated DeltaNet + 1 gated attention per 4 (layer_types / full_attention_interval 4),
        // every layer MoE (512 experts x 512 top-10, 1 gated shared expert x 512), q/k norms, q_proj doubled
        // (attn_output_gate). Config: tests/data/configs/qwen3-coder-next.json (Qwen/Qwen3-Coder-Next config.json);
        // Qwen/Qwen3-Next-80B-A3B-Instruct has the same keys (hidden 2048, 16/2 heads x 256, linear 16/32 heads x
        // 128, conv 4, vocab 151936) and ships one MTP layer sharing the embedding (vLLM qwen3_next_mtp.py).
        ModelConfig m = qwen3(moe(dense("qwen3-next-80b-a3b", "Qwen3-Next 80B-A3B",
                                        "Qwen/Qwen3-Next-80B-A3B-Instruct config.json (qwen3_next: 48 layers, full_attention_interval 4, "
                                        "linear_num_key_heads 16, linear_num_value_heads 32, linear_key/value_head_dim 128, "
                                        "linear_conv_kernel_dim 4, 512 experts x 512 top-10, shared 512)",
                                        "qwen3_next", 151936, 2048, 48, 16, 2, 256, 5120, 262144, false), 512, 10, 1, 512));
        m.shared_intermediate_size = 512; m.shared_expert_gate = true; m.attn_output_gate = true; m.partial_rotary = 0.25;
        m.linear_num_key_heads = 16; m.linear_num_value_heads = 32; m.linear_key_head_dim = 128;
        m.linear_value_head_dim = 128; m.linear_conv_kernel = 4;
        m.layer_mixer.assign(48, Mixer::GatedDeltaNet);
        for (size_t i = 3; i < 48; i += 4) m.layer_mixer[i] = Mixer::Attention;
        m.num_mtp_modules = 1; m.mtp_own_embeddings = false;
        t.push_back(exact(m, 81324862720LL, "HF safetensors total of Qwen/Qwen3-Next-80B-A3B-Instruct incl. its MTP layer "
                              "(public model tables: 81324862720; model card: 80B total, 3B activated)", 0, true));
        ModelConfig c = m;
        c.id = "qwen3-coder-next"; c.name = "Qwen3-Coder-Next"; c.num_mtp_modules = 0;
        c.source = "Qwen/Qwen3-Coder-Next config.json (tests/data/configs/qwen3-coder-next.json; Qwen3-Next shapes, no MTP layer)";
        t.push_back(exact(c, 79674391296LL, "HF safetensors total of Qwen/Qwen3-Coder-Next (public model tables and llama.cpp "
                              "n_params of its GGUF: 79674391296)"));
    }
    {
        // Qwen3.5 / Qwen3.6 (natively multimodal): Qwen3-Next's hybrid layers (3 Gated DeltaNet : 1 gated attention,
        // full_attention_interval 4, q/k norms, attn_output_gate, partial rotary 0.25, linear 16 key heads x 128),
        // mamba_ssm_dtype float32, one MTP layer sharing the embedding (mtp_use_dedicated_embeddings false), and the
        // Qwen3.5 ViT: 27 layers of 1152 / 4304, patch 16 x 2 frames, 2304 positions, a 2 x 2 merger into the text
        // width. Checkpoint totals hold all three (lm_only leaves the tower out; include_mtp is set).
        // Config: tests/data/configs/qwen3.6-35b-a3b.json.
        auto qwen35 = [](ModelConfig m, int64_t linear_value_heads) {
            m = qwen3(m);
            m.attn_output_gate = true; m.partial_rotary = 0.25;
            m.linear_num_key_heads = 16; m.linear_num_value_heads = linear_value_heads; m.linear_key_head_dim = 128;
            m.linear_value_head_dim = 128; m.linear_conv_kernel = 4; m.state_ssm_bytes = 4;
            m.layer_mixer.assign(static_cast<size_t>(m.num_layers), Mixer::GatedDeltaNet);
            for (size_t i = 3; i < m.layer_mixer.size(); i += 4) m.layer_mixer[i] = Mixer::Attention;
            m.num_mtp_modules = 1; m.mtp_own_embeddings = false;
            m.vision_kind = VisionKind::QwenViT; m.vision_hidden = 1152; m.vision_intermediate = 4304;
            m.vision_layers = 27; m.vision_patch = 16; m.vision_temporal_patch = 2; m.vision_merge = 2;
            m.vision_positions = 2304;
            return m;
        };
        auto qwen35_moe = [&](ModelConfig m, int64_t experts, int64_t top_k, int64_t width, int64_t linear_value_heads) {
            m = qwen35(moe(std::move(m), experts, top_k, 1, width), linear_value_heads);
            m.shared_intermediate_size = width; m.shared_expert_gate = true;
            return m;
        };
        t.push_back(exact(qwen35(dense("qwen3.5-27b", "Qwen3.5 / Qwen3.6 27B", "Qwen/Qwen3.5-27B config.json (qwen3_5: 5120, "
                                       "64 layers, 24/4 heads x 256, 17408, linear 16/48 heads x 128, vocab 248320, untied; "
                                       "vision out_hidden_size 5120; Qwen3.6-27B the same shapes)",
                                       "qwen3_5", 248320, 5120, 64, 24, 4, 256, 17408, 262144, false), 48),
                          27781427952LL, "HF safetensors total of Qwen/Qwen3.5-27B and Qwen/Qwen3.6-27B incl. the vision "
                          "tower and the MTP layer (Hub API safetensors.total in public model tables)", 0, true));
        {
            // Qwen3.5-0.8B: tied embedding and a smaller ViT (12 layers of 768 / 3072)
            ModelConfig s = qwen35(dense("qwen3.5-0.8b", "Qwen3.5 0.8B", "Qwen/Qwen3.5-0.8B config.json (qwen3_5: 1024, 24 "
                                         "layers, 8/2 heads x 256, 3584, linear 16/16 heads x 128, vocab 248320, tied; "
                                         "vision 12 layers of 768 / 3072; tests/data/configs/qwen3.5-0.8b.json)",
                                         "qwen3_5", 248320, 1024, 24, 8, 2, 256, 3584, 262144, true), 16);
            s.vision_hidden = 768; s.vision_intermediate = 3072; s.vision_layers = 12;
            t.push_back(exact(s, 873438784LL, "HF safetensors total of Qwen/Qwen3.5-0.8B incl. the vision tower and the "
                                              "MTP layer (public model tables)", 0, true));
        }
        t.push_back(exact(qwen35_moe(dense("qwen3.5-35b-a3b", "Qwen3.5 / Qwen3.6 35B-A3B", "Qwen/Qwen3.6-35B-A3B config.json "
                                           "(qwen3_5_moe: 2048, 40 layers, 16/2 heads x 256, 256 experts x 512 top-8, shared "
                                           "512, linear 16/32 heads x 128, vocab 248320; tests/data/configs/qwen3.6-35b-a3b.json; "
                                           "Qwen3.5-35B-A3B the same shapes)",
                                           "qwen3_5_moe", 248320, 2048, 40, 16, 2, 256, 512, 262144, false), 256, 8, 512, 32),
                          35951822704LL, "HF safetensors total of Qwen/Qwen3.5-35B-A3B and Qwen/Qwen3.6-35B-A3B incl. "
                          "the vision tower and the MTP layer (Hub API safetensors.total=35951822704 in public model "
                          "tables); model card: 35B total, 3B activated", 0, true));
        t.push_back(exact(qwen35_moe(dense("qwen3.5-122b-a10b", "Qwen3.5 122B-A10B", "Qwen/Qwen3.5-122B-A10B config.json "
                                           "(qwen3_5_moe: 3072, 48 layers, 32/2 heads x 256, 256 experts x 1024 top-8, shared "
                                           "1024, linear 16/64 heads x 128, vocab 248320)",
                                           "qwen3_5_moe", 248320, 3072, 48, 32, 2, 256, 1024, 262144, false), 256, 8, 1024, 64),
                          125086497008LL, "HF safetensors total of Qwen/Qwen3.5-122B-A10B incl. the vision tower and the MTP "
                          "layer (public model tables: BF16 125,086,490,096 + F32 6,912); model card: 122B total, 10B "
                          "activated", 0, true));
        t.push_back(exact(qwen35_moe(dense("qwen3.5-397b-a17b", "Qwen3.5 397B-A17B", "Qwen/Qwen3.5-397B-A17B config.json "
                                           "(qwen3_5_moe: 4096, 60 layers, 32/2 heads x 256, 512 experts x 1024 top-10, shared "
                                           "1024, linear 16/64 heads x 128, vocab 248320)",
                                           "qwen3_5_moe", 248320, 4096, 60, 32, 2, 256, 1024, 262144, false), 512, 10, 1024, 64),
                          403397928944LL, "HF safetensors total of Qwen/Qwen3.5-397B-A17B incl. the vision tower and the "
                          "MTP layer (public model tables and a checkpoint audit: text 396,346,350,336 + vision 456,010,480 "
                          "+ MTP 6,595,568,128); model card: 397B total, 17B activated", 0, true));
    }
    {
        // NVIDIA-Nemotron-3-Nano-30B-A3B: hybrid_override_pattern MEMEM*EMEMEM*... (23 Mamba-2, 23 MoE, 6 attention
        // blocks, one RMSNorm each); Mamba-2 64 heads x 64, state 128, 8 groups, conv 4 (+ bias); attention 32/2 heads
        // x 128, no RoPE weights; MoE 128 relu2 experts x 1856 top-6 + 1 shared x 3712, sigmoid router with
        // e_score_correction_bias. Config: tests/data/configs/nemotron-3-nano-30b-a3b.json.
        ModelConfig m = moe(dense("nemotron-3-nano-30b-a3b", "Nemotron-3 Nano 30B-A3B",
                                  "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16 config.json (nemotron_h: hybrid_override_pattern, "
                                  "mamba_num_heads 64, mamba_head_dim 64, ssm_state_size 128, n_groups 8, conv_kernel 4, "
                                  "mamba_ssm_cache_dtype float32, 128 experts x 1856 top-6, shared 3712, mlp_hidden_act relu2)",
                                  "nemotron_h", 131072, 2688, 52, 32, 2, 128, 1856, 262144, false), 128, 6, 1, 1856);
        m.mlp = MlpKind::Plain; m.norms_per_layer = 1; m.router_bias = true; m.shared_intermediate_size = 3712;
        m.mamba_num_heads = 64; m.mamba_head_dim = 64; m.mamba_state_size = 128; m.mamba_groups = 8;
        m.mamba_conv_kernel = 4; m.mamba_conv_bias = true; m.state_ssm_bytes = 4; m.state_conv_bytes = 2;
        nemotron_h_blocks(m, "MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME");
        t.push_back(exact(m, 31577940288LL, "llama.cpp n_params of the Nemotron-3-Nano-30B-A3B GGUF (llama-bench "
                              "model_n_params 31577940288, e_score_correction_bias included; the Hub's safetensors total "
                              "31,577,937,344 leaves out those 2,944 F32 buffers); model card: 31.6B total, 3.5B active"));
        // NVIDIA-Nemotron-3-Super-120B-A12B: the Nano's blocks at 4096 wide (40 Mamba-2 of 128 heads x 64, 40 MoE, 8
        // attention 32/2 heads x 128) with latent MoE: 512 relu2 experts x 2688 working in moe_latent_size 1024
        // (fc1_latent_proj / fc2_latent_proj, modeling_nemotron_h.NemotronHMoE), top-22, 1 shared x 5376 at 4096; one
        // MTP module of an attention and a MoE block (mtp_hybrid_override_pattern "*E") sharing the embedding and
        // head. Config: tests/data/configs/nemotron-3-super-120b-a12b.json.
        ModelConfig s = m;
        s.id = "nemotron-3-super-120b-a12b"; s.name = "Nemotron-3 Super 120B-A12B";
        s.source = "nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-BF16 config.json (nemotron_h: hybrid_override_pattern, "
                   "mamba_num_heads 128, mamba_head_dim 64, 512 experts x 2688 top-22, moe_latent_size 1024, shared "
                   "5376, mtp_hybrid_override_pattern *E, mlp_hidden_act relu2)";
        s.hidden_size = 4096; s.intermediate_size = 2688; s.moe_intermediate_size = 2688; s.num_experts = 512;
        s.experts_per_token = 22; s.shared_intermediate_size = 5376; s.moe_latent_size = 1024; s.mamba_num_heads = 128;
        s.num_mtp_modules = 1; s.mtp_own_embeddings = false; s.mtp_pattern = "*E";
        nemotron_h_blocks(s, "MEMEMEM*EMEMEMEM*EMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEM*EMEMEMEME");
        s.num_layers = static_cast<int64_t>(s.layer_mixer.size());
        t.push_back(exact(s, 123611033088LL, "HF safetensors index of nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-BF16: "
                              "BF16 123,611,012,096 (the Hub's total) + F32 20,992 = the 41 x 512 e_score_correction_bias "
                              "elements (main and MTP MoE blocks), MTP layer included (public model-card digest, search "
                              "index id 71121406806); model card: 120B total, 12B active", 0, true));
    }

    // --- Gemma
    {
        ModelConfig g = dense("gemma-7b", "Gemma 7B", "google/gemma-7b config.json (head_dim 256, GeGLU, tied)", "gemma", 256000, 3072, 28, 16, 16, 256, 24576, 8192, true);
        g.embed_scale = true;
        t.push_back(exact(g, 8537680896, "HF safetensors total of google/gemma-7b"));
    }
    const char* g2 = "google/gemma-2-* config.json (head_dim, sliding_window 4096 on alternate layers, 4 norms/layer)";
    t.push_back(exact(gemma23(dense("gemma-2-2b", "Gemma 2 2B", g2, "gemma2", 256000, 2304, 26, 8, 4, 256, 9216, 8192, true), 4096, 2, false), 2614341888, "HF safetensors total of gemma-2-2b-it"));
    t.push_back(exact(gemma23(dense("gemma-2-9b", "Gemma 2 9B", g2, "gemma2", 256000, 3584, 42, 16, 8, 256, 14336, 8192, true), 4096, 2, false), 9241705984, "HF safetensors total of gemma-2-9b"));
    t.push_back(exact(gemma23(dense("gemma-2-27b", "Gemma 2 27B", g2, "gemma2", 256000, 4608, 46, 32, 16, 128, 36864, 8192, true), 4096, 2, false), 27227128320, "HF safetensors total of gemma-2-27b"));
    t.push_back(exact(gemma23(dense("gemma-3-1b", "Gemma 3 1B", "google/gemma-3-1b-it config.json (gemma3_text, sliding_window 512, 5 local : 1 global)", "gemma3_text", 262144, 1152, 26, 4, 1, 256, 6912, 32768, true), 512, 6, true),
                      999885952, "HF safetensors total of gemma-3-1b-it"));
    t.push_back(exact(gemma23(dense("gemma-3-4b", "Gemma 3 4B (text)", "google/gemma-3-4b-it text_config (2560, 34 layers, 8/4 heads x 256, 10240, vocab 262208, window 1024)", "gemma3_text", 262208, 2560, 34, 8, 4, 256, 10240, 131072, true), 1024, 6, true),
                      3880263168LL, "GGUF n_params of gemma-3-4b-it and Gemma3ForCausalLM num_parameters() (language model; vision encoder not counted)"));
    t.push_back(exact(gemma23(dense("gemma-3-12b", "Gemma 3 12B (text)", "google/gemma-3-12b-it text_config (3840, 48 layers, 16/8 heads x 256, 15360, vocab 262208, window 1024)", "gemma3_text", 262208, 3840, 48, 16, 8, 256, 15360, 131072, true), 1024, 6, true),
                      11766034176LL, "GGUF n_params of gemma-3-12b-it (language model; the vision encoder is in the mmproj file)"));
    t.push_back(exact(gemma23(dense("gemma-3-27b", "Gemma 3 27B (text)", "google/gemma-3-27b-it text_config (5376, 62 layers, 32/16 heads x 128, 21504, vocab 262208, window 1024)", "gemma3_text", 262208, 5376, 62, 32, 16, 128, 21504, 131072, true), 1024, 6, true),
                      27009346304LL, "GGUF n_params of gemma-3-27b-it (language model; the vision encoder is in the separate mmproj file)"));

    // Gemma 3 multimodal checkpoints (Gemma3ForConditionalGeneration): the language models above plus the SigLIP
    // vision tower of vision_config (hidden 1152, intermediate 4304, 27 layers, patch 14, image 896, no pooling head;
    // tests/data/configs/gemma-3-27b-it.json) and the projector into the text width. lm_only gives the text totals.
    auto with_vision = [&t](const char* text_id, int64_t total, const char* src) {
        ModelConfig m = find_in(t, text_id);
        m.id = std::string(text_id) + "-it";
        m.name = m.name.substr(0, m.name.find(" (text)")) + " (with vision)";
        m.family = "gemma3";
        m.source = "google/" + m.id + " config.json (gemma3: text_config as '" + text_id + "'; vision_config SigLIP 1152 / "
                   "4304 / 27 layers / patch 14 / image 896, vision_use_head false)";
        m.vision_hidden = 1152; m.vision_intermediate = 4304; m.vision_layers = 27; m.vision_patch = 14; m.vision_image = 896;
        t.push_back(exact(m, total, src));
    };
    with_vision("gemma-3-4b", 4300079472LL, "HF safetensors total of google/gemma-3-4b-it (public model tables; keras-hub "
                                            "medgemma_4b params, the same shapes)");
    with_vision("gemma-3-12b", 12187325040LL, "HF safetensors total of google/gemma-3-12b-it (Hub API safetensors.total "
                                              "recorded in public test fixtures)");
    with_vision("gemma-3-27b", 27432406640LL, "HF safetensors total of google/gemma-3-27b-it (public model tables; keras-hub "
                                              "medgemma_instruct_27b params, the same shapes)");

    // Gemma 4 (Gemma4ForConditionalGeneration): the Hub totals hold the vision tower; lm_only gives the language
    // model (model card: 30.7B and 25.2B total, 3.8B active for the MoE).
    t.push_back(exact(gemma4(dense("gemma-4-31b-it", "Gemma 4 31B (with vision)",
                                   "google/gemma-4-31B-it config.json (text_config: 5376, 60 layers, 32 heads, 16 KV "
                                   "heads x 256, 4 global KV heads x 512, K = V, 21504, vocab 262144, window 1024)",
                                   "gemma4_text", 262144, 5376, 60, 32, 16, 256, 21504, 262144, true), 1024, 4),
                      31273088876LL, "HF safetensors total of google/gemma-4-31B-it (Hub API params recorded in public "
                                     "notes: search index ids 61762937035, 71402678005)"));
    // E2B / E4B: the Hub totals hold the text model with its per-layer embeddings (PLE), the KV-sharing layers' stored
    // k/v projections, the vision and the audio towers. Dimensions: the E2B text_config as quoted from the release in
    // public code (search index ids 53141176458, 59897965653: 1536, 35 layers, 8 heads, 1 KV head x 256, global 512,
    // 6144, 20 KV-sharing layers, double-wide MLP, layer_types 4 sliding : 1 full) and E4B's from a public geometry
    // check of the release (id 70085931258: 2560, 42 layers, 8 / 2 heads x 256, global 512, 10240, 18 KV-sharing
    // layers, 5 : 1; vision 768 / 3072 / 16 layers / 12 heads of 64); the audio_config of the release (ollama's
    // releasedGemma4AudioConfig, id 58001126666).
    t.push_back(exact(gemma4_small(dense("gemma-4-e2b-it", "Gemma 4 E2B (with vision and audio)",
                                         "google/gemma-4-E2B-it config.json (text 1536, 35 layers, 8 heads, 1 KV head "
                                         "x 256, global 512, 6144, PLE 256, 20 KV-sharing layers with a double-wide MLP, "
                                         "4 sliding : 1 full, window 512; vision 768 x 16; audio 1024 x 12)",
                                         "gemma4_text", 262144, 1536, 35, 8, 1, 256, 6144, 131072, true), 5, 20, true),
                      5123178051LL, "HF safetensors total of google/gemma-4-E2B-it (Hub API params in public notes and "
                                    "tests: search index ids 61762937035, 57482229140, 71142266638; model card: 5.1B "
                                    "with embeddings, 2.3B effective)"));
    t.push_back(exact(gemma4_small(dense("gemma-4-e4b-it", "Gemma 4 E4B (with vision and audio)",
                                         "google/gemma-4-E4B-it config.json (text 2560, 42 layers, 8 heads, 2 KV heads "
                                         "x 256, global 512, 10240, PLE 256, 18 KV-sharing layers, 5 sliding : 1 full, "
                                         "window 512; vision 768 x 16; audio 1024 x 12)",
                                         "gemma4_text", 262144, 2560, 42, 8, 2, 256, 10240, 131072, true), 6, 18, false),
                      7996156490LL, "HF safetensors total of google/gemma-4-E4B-it (Hub API params in public notes and "
                                    "tests: search index ids 61762937035, 57482229140, 70387566709; model card: 8B with "
                                    "embeddings, 4.5B effective)"));
    {
        // enable_moe_block: 128 experts of 704, top 8, beside the dense MLP of 2112 (one shared expert); the router's
        // scale and per_expert_scale; three more norms per layer
        ModelConfig m = gemma4(dense("gemma-4-26b-a4b-it", "Gemma 4 26B A4B (with vision)",
                                     "google/gemma-4-26B-A4B-it config.json (text_config: 2816, 30 layers, 16 heads, 8 "
                                     "KV heads x 256, 2 global KV heads x 512, K = V, 2112, 128 experts of 704, top 8, "
                                     "vocab 262144, window 1024; tests/data/configs/gemma-4-26b-a4b-it.json)",
                                     "gemma4_text", 262144, 2816, 30, 16, 8, 256, 2112, 262144, true), 1024, 2);
        m = moe(m, 128, 8, 1, 704);
        m.shared_intermediate_size = 2112; m.router_scales = true; m.moe_norms = 3;
        t.push_back(exact(m, 25805936206LL, "HF safetensors total of google/gemma-4-26B-A4B-it (Hub API params recorded "
                                            "in public notes: search index ids 61762937035, 71269743439)"));
    }

    // --- Phi
    const char* phi = "microsoft/Phi-3/Phi-4 config.json (phi3: fused qkv_proj and gate_up_proj)";
    t.push_back(exact(dense("phi-3-mini", "Phi-3 mini (3.8B)", phi, "phi3", 32064, 3072, 32, 32, 32, 0, 8192, 4096, false), 3821079552, "HF safetensors total of Phi-3-mini-4k-instruct"));
    t.push_back(exact(dense("phi-3-medium", "Phi-3 medium (14B)", phi, "phi3", 32064, 5120, 40, 40, 10, 0, 17920, 4096, false), 13960238080, "HF safetensors total of Phi-3-medium-4k-instruct"));
    t.push_back(exact(dense("phi-4", "Phi-4 (14B)", phi, "phi3", 100352, 5120, 40, 40, 10, 0, 17920, 16384, false), 14659507200, "HF safetensors total of microsoft/phi-4"));

    // --- GPT-NeoX (LayerNorm with bias, rotary, fused qkv with bias, untied embed_out, parallel residual)
    {
        ModelConfig m = dense("gpt-neox-20b", "GPT-NeoX-20B", "EleutherAI/gpt-neox-20b config.json (6144, 44 layers, 64 heads, 24576, vocab 50432)",
                              "gpt_neox", 50432, 6144, 44, 64, 64, 0, 24576, 2048, false);
        m.mlp = MlpKind::Plain; m.norm = NormKind::LayerNorm; m.norm_bias = true;
        m.qkv_bias = m.o_bias = m.mlp_bias = true; m.parallel_block = true;
        t.push_back(exact(m, 20554567680LL, "EleutherAI/gpt-neox-20b model card: n_parameters 20554567680"));
    }
    // --- Qwen1.5-MoE (qwen2_moe: one gated shared expert, 60 routed experts top-4)
    t.push_back(exact([] {
        ModelConfig m = qwen2(moe(dense("qwen1.5-moe-a2.7b", "Qwen1.5-MoE-A2.7B", "Qwen/Qwen1.5-MoE-A2.7B config.json (60 experts x 1408, top-4, shared_expert_intermediate_size 5632)",
                                        "qwen2_moe", 151936, 2048, 24, 16, 16, 0, 5632, 8192, false), 60, 4, 1, 1408));
        m.shared_intermediate_size = 5632; m.shared_expert_gate = true;
        return m;
    }(), 14315784192LL, "keras-hub qwen1.5_moe_2.7b_en params"));
    // --- DeepSeek-V2 / V2.5 (236B): MLA with q compression, 160 experts top-6, 2 shared, 1 dense layer, no router bias
    t.push_back(exact([] {
        ModelConfig m = deepseek(moe(dense("deepseek-v2", "DeepSeek-V2 / V2.5 (236B)", "deepseek-ai/DeepSeek-V2 config.json (60 layers, 5120, 128 heads, q_lora 1536, kv_lora 512, 160 experts x 1536 top-6, 2 shared)",
                                           "deepseek_v2", 102400, 5120, 60, 128, 128, 0, 12288, 163840, false), 160, 6, 2, 1536),
                                 1536, 512, 128, 64, 128, 1, 0);
        m.router_bias = false;
        return m;
    }(), 235741434880LL, "HF safetensors total of deepseek-ai/DeepSeek-V2 (model card: 236B total, 21B activated)"));
    // --- DeepSeek-V2-Lite (MLA without q compression: q_lora_rank null; 2 shared experts; greedy routing, no bias)
    t.push_back(exact([] {
        ModelConfig m = deepseek(moe(dense("deepseek-v2-lite", "DeepSeek-V2-Lite", "deepseek-ai/DeepSeek-V2-Lite config.json (27 layers, 16 heads, q_lora_rank null, 64 experts top-6, 2 shared, first_k_dense_replace 1)",
                                           "deepseek_v2", 102400, 2048, 27, 16, 16, 0, 10944, 163840, false), 64, 6, 2, 1408),
                                 0, 512, 128, 64, 128, 1, 0);
        m.router_bias = false;
        return m;
    }(), 15706484224LL, "HF safetensors total of deepseek-ai/DeepSeek-V2-Lite"));

    // --- Grok (xAI published weights). Every layer: 4 RMSNorms (pre/post attention, pre/post MoE: sglang
    // models/grok.py Grok1DecoderLayer), 8 gated experts top-2 with a bias-free router, no biases.
    {
        // Grok-1: tied embedding (the output reads the embedding matrix: xai-org/grok-1 model.py), no shared MLP.
        ModelConfig g1 = moe(dense("grok-1", "Grok-1 (314B)", "xai-org/grok-1 model.py / run.py (6144, 64 layers, 48/8 heads x "
                                   "128, widening_factor 8 -> 32768, vocab 131072, 8 experts top-2, 8192 context)",
                                   "grok-1", 131072, 6144, 64, 48, 8, 128, 32768, 8192, true), 8, 2, 0, 32768);
        g1.norms_per_layer = 4;
        t.push_back(exact(g1, 315684820992LL, "tensor inventory of the xai-org/grok-1 ckpt-0 checkpoint (public xai-dissect "
                              "report: 770 tensors, 315,684,820,992 elements, int8 scales not counted); README: 314B"));
        // Grok-2: residual_moe, a dense MLP of intermediate_size beside the experts in every layer (counted as one
        // always-on shared expert of that width: the same weights and cost), untied head.
        ModelConfig g2 = moe(dense("grok-2", "Grok-2 (270B)", "xai-org/grok-2 config.json (8192, 64 layers, 64/8 heads x 128, "
                                   "intermediate_size 32768, moe_intermediate_size 16384, 8 experts top-2, residual_moe, "
                                   "vocab 131072)", "grok-2", 131072, 8192, 64, 64, 8, 128, 32768, 131072, false),
                             8, 2, 1, 16384);
        g2.norms_per_layer = 4; g2.shared_intermediate_size = 32768;
        t.push_back(exact(g2, 269515497472LL, "HF safetensors total of xai-org/grok-2 (269,515,497,472 as quoted by public "
                              "notes that reproduce it from its config.json); announcement: 270B"));
    }

    // --- Llama-3.3-Nemotron-Super-49B-v1 (NAS block_configs; tests/data/configs/llama-3.3-nemotron-super-49b.json):
    // 31 layers without attention (and without input_layernorm), KV heads 64 / n_heads_in_group 8, six FFN widths
    // int(2 ffn_mult h / 3) rounded up to 256 (modeling_decilm._ffn_mult_to_intermediate_size).
    {
        ModelConfig m = dense("llama-3.3-nemotron-super-49b", "Llama-3.3-Nemotron-Super-49B-v1",
                              "nvidia/Llama-3_3-Nemotron-Super-49B-v1 config.json (nemotron-nas: 8192, 80 blocks, 64 heads x "
                              "128, block_configs; tests/data/configs/llama-3.3-nemotron-super-49b.json)",
                              "nemotron-nas", 128256, 8192, 80, 64, 8, 128, 28672, 131072, false);
        // per layer: 'A' attention or '-' none; the FFN width slot (index into ffn_widths, in first-use order)
        const std::string attn = "AAAAAA--AAA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA----------A------------------AAAAAAAAA";
        const std::string ffn = "01111100111211111111111111111111111111111130031303331344344433554455455111111111";
        m.ffn_widths = {14336, 28672, 17920, 7168, 5632, 2816};
        m.layer_mixer.assign(attn.size(), Mixer::Attention);
        m.layer_no_ffn.assign(attn.size(), false);
        m.layer_ffn_slot.assign(attn.size(), 0);
        for (size_t i = 0; i < attn.size(); ++i) {
            if (attn[i] == '-') m.layer_mixer[i] = Mixer::None;
            m.layer_ffn_slot[i] = static_cast<uint8_t>(ffn[i] - '0');
        }
        m.norm_per_sublayer = true;
        t.push_back(exact(m, 49867145216LL, "bf16 parameter count of nvidia/Llama-3_3-Nemotron-Super-49B-v1 (public research "
                              "log; the Hub page: 49.9B)"));
    }

    // --- gpt-oss (the model card's 21B/117B; exact HF totals)
    t.push_back(exact(gpt_oss("gpt-oss-20b", "gpt-oss-20b", 24, 32), 20914757184, "HF safetensors total of openai/gpt-oss-20b (model card: 20.91B total, 3.61B active)"));
    t.push_back(exact(gpt_oss("gpt-oss-120b", "gpt-oss-120b", 36, 128), 116829156672, "HF safetensors total of openai/gpt-oss-120b (model card: 116.83B total, 5.13B active)"));
    return t;
}

}  // namespace

const std::vector<Preset>& presets() {
    static const std::vector<Preset> table = build();
    return table;
}

const Preset* find_preset(std::string_view id) {
    for (const auto& p : presets())
        if (p.config.id == id) return &p;
    return nullptr;
}

}  // namespace llmcalc
