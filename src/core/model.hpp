// The model description: one struct that covers dense GPT-2/NeoX, Llama-style (GQA/MQA, explicit head_dim,
// gated MLP), sliding-window/hybrid attention, MoE (shared experts, dense-first layers, interleave) and MLA.
// Every field is a plain value so presets, config.json import and typed dimensions all land in the same place.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace llmcalc {

enum class NormKind { LayerNorm, RMSNorm };     // LayerNorm: weight (+ bias if norm_bias); RMSNorm: weight only
enum class MlpKind { Plain, Gated };            // Plain: up + down (GELU); Gated: gate + up + down (SwiGLU/GeGLU)
enum class PosKind { None, Rope, Learned };     // Learned adds a max_positions x hidden table
enum class AttnKind { Standard, MLA };          // Standard covers MHA, GQA and MQA; MLA is DeepSeek-V2/V3's
// The token mixer of one layer. Attention keeps a KV cache per token; the linear-attention mixers keep a constant
// state per sequence instead: Gated DeltaNet (Yang et al. 2024, arXiv:2412.06464; transformers
// modeling_qwen3_next.Qwen3NextGatedDeltaNet) and Mamba-2 (Dao & Gu 2024, arXiv:2405.21060; transformers
// modeling_nemotron_h.NemotronHMamba2Mixer). None: a block without a mixer (Nemotron-H's MLP / MoE blocks).
enum class Mixer : uint8_t { Attention, GatedDeltaNet, Mamba2, None };
// The vision tower of a multimodal checkpoint: SigLIP with Gemma 3's projector, the Qwen3-VL / Qwen3.5 ViT with
// its patch merger (transformers modeling_qwen3_5.Qwen3_5VisionModel), or Pixtral with Mistral 3's projector
// (modeling_pixtral.PixtralVisionModel, modeling_mistral3.Mistral3MultiModalProjector).
// Gemma 4's tower (transformers modeling_gemma4.Gemma4VisionModel) and its Gemma4MultimodalEmbedder.
enum class VisionKind : uint8_t { SigLIP, QwenViT, Pixtral, Gemma4 };

struct ModelConfig {
    std::string id;         // preset slug or "custom"
    std::string name;       // display name
    std::string source;     // where the numbers come from (citation)
    std::string note;       // import notes shown to the user (defaults applied, text_config used, ...)
    std::string family;     // HF model_type the description follows ("llama", "gemma2", "deepseek_v3", ...)
    // config.json keys that may shape weights or cache and that the import did not understand: when not empty the
    // counts are approximate (the report says so and names them in its warnings).
    std::vector<std::string> ignored_keys;

    int64_t vocab_size = 0;
    int64_t hidden_size = 0;
    int64_t num_layers = 0;
    int64_t num_heads = 0;
    int64_t num_kv_heads = 0;       // 0 = num_heads (MHA)
    int64_t head_dim = 0;           // 0 = hidden_size / num_heads
    int64_t intermediate_size = 0;  // dense MLP width; 0 = 4 * hidden_size

    MlpKind mlp = MlpKind::Gated;
    NormKind norm = NormKind::RMSNorm;
    bool norm_bias = false;          // LayerNorm with a bias vector
    PosKind pos = PosKind::Rope;
    int64_t max_positions = 0;       // context length; size of the learned position table when pos == Learned
    bool tie_embeddings = false;

    bool qkv_bias = false;           // biases on q, k, v projections (Qwen2, GPT-2, gpt-oss)
    bool o_bias = false;             // bias on the attention output projection
    bool mlp_bias = false;           // biases on MLP / expert projections
    bool qk_norm = false;            // per-head norm weights on q and k (Qwen3, Gemma 3, OLMo 2 per-head variant)
    // q/k norms over the whole projection instead of one head (MiniMax-M2 qk_norm_type "per_layer": q_norm over
    // heads x head_dim, k_norm over kv_heads x head_dim; modeling_minimax_m2.MiniMaxM2Attention)
    bool qk_norm_full = false;
    int64_t norms_per_layer = 2;     // Gemma 2/3 use 4 (pre and post norms around attention and MLP)
    bool final_norm = true;
    bool attn_sinks = false;         // gpt-oss: one learned sink logit per head per layer
    bool embed_scale = false;        // Gemma: embeddings multiplied by sqrt(hidden) (no parameters; shown in docs)
    bool parallel_block = false;     // GPT-NeoX / GPT-J: attention and MLP read the same input (no effect on counts)

    // Sliding-window / hybrid attention. layer_sliding[i] says whether layer i uses the window.
    int64_t sliding_window = 0;      // tokens; 0 = no sliding layers
    std::vector<bool> layer_sliding; // empty = all layers global (or all sliding if sliding_all)
    // Llama 4 chunked attention (attention_chunk_size): a "sliding" layer attends only within fixed chunks of
    // sliding_window tokens (query t sees keys from the start of its chunk), not a window ending at t.
    bool chunked_attention = false;

    // Mixture of experts. A layer is MoE when num_experts > 0 and layer_moe[i] is true.
    int64_t num_experts = 0;               // routed experts per MoE layer
    int64_t experts_per_token = 0;         // top-k
    int64_t num_shared_experts = 0;
    int64_t moe_intermediate_size = 0;     // width of one routed expert
    int64_t shared_intermediate_size = 0;  // width of one shared expert; 0 = moe_intermediate_size
    bool router_bias = false;              // router linear bias (gpt-oss) or DeepSeek's e_score_correction_bias
    bool shared_expert_gate = false;       // Qwen2-MoE: Linear(hidden, 1) gating the shared expert
    // Latent MoE (Nemotron-3 Super moe_latent_size; modeling_nemotron_h.NemotronHMoE): fc1_latent_proj h -> latent
    // before the routed experts, fc2_latent_proj latent -> h after them; the routed experts work in the latent width
    // (router and shared experts stay at h). 0 = experts work in h.
    int64_t moe_latent_size = 0;
    // Dense layers of an MoE model use intermediate_size (Llama 4 calls it intermediate_size_mlp, DeepSeek
    // intermediate_size); moe_intermediate_size is the routed expert width (Llama 4: intermediate_size).
    std::vector<bool> layer_moe;           // empty = every layer MoE when num_experts > 0

    // Multi-head latent attention (DeepSeek-V2/V3, Kimi K2).
    AttnKind attn = AttnKind::Standard;
    int64_t q_lora_rank = 0;        // 0 = q is projected directly (DeepSeek-V2-Lite)
    int64_t kv_lora_rank = 0;
    int64_t qk_nope_head_dim = 0;
    int64_t qk_rope_head_dim = 0;
    int64_t v_head_dim = 0;
    // DeepSeek Sparse Attention's lightning indexer (DeepSeek-V3.2-Exp report DeepSeek_V3_2.pdf Sec. 2.1; reference
    // inference/model.py class Indexer; GLM-5): index_n_heads heads of index_head_dim scoring every cached key, each
    // query attending only the index_topk best. 0 heads = no indexer. Only on MLA layers (wq_b reads q's latent).
    int64_t index_n_heads = 0, index_head_dim = 0, index_topk = 0;

    // DeepSeek-V3 style multi-token-prediction modules (each: a decoder layer + 2 norms + eh_proj 2h x h + final norm).
    int64_t num_mtp_modules = 0;
    // DeepSeek-V3's checkpoint stores its own embedding and head copy in each MTP module; Qwen3-Next / Qwen3.5 /
    // GLM-4.5 share the main model's (their MTP weights are fc 2h x h, two input norms, one layer and a norm).
    bool mtp_own_embeddings = true;
    // Nemotron-H (mtp_hybrid_override_pattern, e.g. "*E"): each MTP module is these blocks, one character each as in
    // hybrid_override_pattern, each block with its own norm (vLLM nemotron_h_mtp.py); empty = one attention layer
    // with the model's FFN.
    std::string mtp_pattern;

    // Hybrid models (Qwen3-Next, Qwen3.5, Nemotron-H): the mixer of each layer; empty = every layer attention.
    std::vector<Mixer> layer_mixer;
    // Layers without an MLP / MoE (Nemotron-H: a block is one mixer or one MLP/MoE); empty = every layer has one.
    std::vector<bool> layer_no_ffn;
    // NAS block_configs (Llama-Nemotron, DeciLM): the dense FFN width differs from layer to layer. ffn_widths holds
    // the distinct widths (at most kMaxFfnWidths), layer_ffn_slot the index of each layer's width; both empty =
    // every dense layer is intermediate_size wide.
    static constexpr int kMaxFfnWidths = 8;
    std::vector<int64_t> ffn_widths;
    std::vector<uint8_t> layer_ffn_slot;
    // DeciLM blocks: one norm before each sub-block that exists (input_layernorm unless the attention is a no-op,
    // post_attention_layernorm unless the FFN is), instead of norms_per_layer in every layer.
    bool norm_per_sublayer = false;
    // Gemma 4 (transformers modeling_gemma4.Gemma4TextAttention): the full-attention (non-sliding) layers have their
    // own head size (global_head_dim), KV heads (num_global_key_value_heads) and, with attention_k_eq_v, no v_proj
    // (the values are the key projection). 0 / false = as the sliding layers.
    int64_t global_head_dim = 0, global_kv_heads = 0;
    bool global_k_eq_v = false;
    // Gemma 4 num_kv_shared_layers: layers from num_layers - kv_shared_layers on attend with the keys and values of
    // the last earlier layer of their type, so they cache nothing (Gemma4TextAttention.is_kv_shared_layer; their
    // k_proj / v_proj / k_norm are still in the checkpoint, which transformers skips on load).
    int64_t kv_shared_layers = 0;
    // Gemma 4 use_double_wide_mlp: the KV-sharing layers' MLP is 2 x intermediate_size wide (Gemma4TextMLP), held as
    // two FFN widths (ffn_widths, layer_ffn_slot) that double_wide_mlp_widths rebuilds after an edit.
    bool double_wide_mlp = false;
    // Gemma 4 per-layer embeddings (PLE, hidden_size_per_layer_input / vocab_size_per_layer_input): a table of
    // per_layer_vocab x (num_layers x per_layer_input), its projection from h, and a gate / projection per layer.
    int64_t per_layer_input = 0, per_layer_vocab = 0;
    bool layer_scalar = false;   // Gemma 4: one stored scalar per layer (Gemma4TextDecoderLayer.layer_scalar)
    bool router_scales = false;  // Gemma 4's router: scale (h) and per_expert_scale (experts) beside its proj
    int64_t moe_norms = 0;       // norms an MoE layer has beyond norms_per_layer (Gemma 4: 3)
    // Gated attention (Qwen3-Next, Qwen3.5 attn_output_gate): q_proj is doubled, one half gates the output.
    bool attn_output_gate = false;
    double partial_rotary = 1.0;     // share of head_dim that is rotated (no effect on counts; shown)
    // Gated DeltaNet dimensions (Qwen3NextConfig linear_*).
    int64_t linear_num_key_heads = 0, linear_num_value_heads = 0;
    int64_t linear_key_head_dim = 0, linear_value_head_dim = 0, linear_conv_kernel = 0;
    // Mamba-2 dimensions (NemotronHConfig mamba_num_heads, mamba_head_dim, ssm_state_size, n_groups, conv_kernel).
    int64_t mamba_num_heads = 0, mamba_head_dim = 0, mamba_state_size = 0, mamba_groups = 0, mamba_conv_kernel = 0;
    bool mamba_proj_bias = false;    // use_bias: in_proj / out_proj biases
    bool mamba_conv_bias = true;     // use_conv_bias
    // Bytes per element of the constant per-sequence state: the recurrent (SSM / delta-rule) state and the
    // convolution window. From the config's mamba_ssm_cache_dtype / mamba_ssm_dtype and torch_dtype.
    int64_t state_ssm_bytes = 2, state_conv_bytes = 2;

    // Multimodal checkpoints: the vision encoder read from vision_config and the projector into the language model,
    // counted so that the total is the checkpoint's (the lm_only input leaves them out). Understood: a SigLIP ViT
    // (transformers modeling_siglip.SiglipVisionTransformer, no pooling head) with Gemma 3's projector
    // (modeling_gemma3.Gemma3MultiModalProjector), Qwen3.5's ViT and Mistral 3's Pixtral (vision_kind); any other
    // vision_config is named in the warnings.
    int64_t vision_hidden = 0, vision_intermediate = 0, vision_layers = 0, vision_patch = 0, vision_image = 0;
    int64_t vision_channels = 3;
    VisionKind vision_kind = VisionKind::SigLIP;
    // QwenViT: patch_embed is a Conv3d over vision_temporal_patch frames, the learned position table has
    // vision_positions rows (num_position_embeddings), and the merger joins vision_merge x vision_merge patches
    // (spatial_merge_size) into the text width. Pixtral: vision_merge is the patch merger's spatial_merge_size
    // (RoPE 2D positions: no table). vision_image is used by SigLIP only.
    int64_t vision_temporal_patch = 0, vision_positions = 0, vision_merge = 0;
    // Gemma4: attention heads, KV heads and head size (q/k norms per head), and standardize (std_bias, std_scale);
    // vision_positions is its position_embedding_size (a 2 x positions x H table).
    int64_t vision_heads = 0, vision_kv_heads = 0, vision_head_dim = 0;
    bool vision_standardize = false;
    // The audio tower of Gemma 4 E2B / E4B (transformers modeling_gemma4.Gemma4AudioModel, a USM-style conformer;
    // Gemma4AudioConfig): width, layers, heads, the two subsampling convolutions' channels, the depthwise
    // convolution's kernel and output_proj_dims; counted with the vision tower (the lm_only input leaves both out).
    int64_t audio_hidden = 0, audio_layers = 0, audio_heads = 0, audio_conv0 = 0, audio_conv1 = 0, audio_kernel = 0,
            audio_out = 0;

    // "Parameters only" (total_params key, issue #11): the model is known by its parameter count alone. Weights, model
    // states, 2N/6N FLOPs and weight-bound speeds follow from it; the KV cache, activations and attention FLOPs need
    // the dimensions and are reported as unavailable (Report::unavailable). No layer, head or vocabulary is invented.
    int64_t given_total = 0;   // parameters, all of them
    int64_t given_active = 0;  // parameters a token runs (MoE); = given_total for a dense model

    // Derived helpers; all read the fields above.
    bool params_only() const { return given_total > 0; }
    bool has_vision() const {
        return vision_layers > 0 && vision_hidden > 0 && vision_patch > 0 &&
               (vision_kind == VisionKind::SigLIP || (vision_kind == VisionKind::Pixtral && vision_merge > 0) ||
                (vision_kind == VisionKind::Gemma4 && vision_heads > 0 && vision_head_dim > 0) ||
               (vision_temporal_patch > 0 && vision_merge > 0));
    }
    bool has_audio() const { return audio_layers > 0 && audio_hidden > 0 && audio_heads > 0 && audio_out > 0; }
    bool has_indexer() const { return attn == AttnKind::MLA && index_n_heads > 0 && index_head_dim > 0; }
    int64_t kv_heads() const { return num_kv_heads > 0 ? num_kv_heads : num_heads; }
    int64_t head_size() const { return head_dim > 0 ? head_dim : (num_heads > 0 ? hidden_size / num_heads : 0); }
    int64_t dense_ffn() const { return intermediate_size > 0 ? intermediate_size : 4 * hidden_size; }
    // The slot of layer i's dense FFN width in ffn_widths (0 without NAS widths) and that width.
    int ffn_slot(int64_t i) const {
        return i >= 0 && i < static_cast<int64_t>(layer_ffn_slot.size()) ? layer_ffn_slot[static_cast<size_t>(i)] : 0;
    }
    int64_t dense_ffn(int64_t i) const {
        return ffn_widths.empty() ? dense_ffn() : ffn_widths[static_cast<size_t>(ffn_slot(i)) % ffn_widths.size()];
    }
    // Gemma 4: whether the full-attention layers have a shape of their own, and layer i's attention shape.
    bool global_shape() const { return global_head_dim > 0 || global_kv_heads > 0 || global_k_eq_v; }
    bool global_attention_layer(int64_t i) const {
        return global_shape() && i >= 0 && is_attention_layer(i) && !is_sliding_layer(i);
    }
    int64_t head_size(int64_t i) const {
        return global_attention_layer(i) && global_head_dim > 0 ? global_head_dim : head_size();
    }
    int64_t kv_heads(int64_t i) const {
        return global_attention_layer(i) && global_kv_heads > 0 ? global_kv_heads : kv_heads();
    }
    // Layer i keeps its own KV cache: an attention layer that is not one of Gemma 4's KV-sharing layers
    // (modeling_gemma4: is_kv_shared_layer = i >= num_layers - num_kv_shared_layers > 0).
    bool caches_kv(int64_t i) const {
        const int64_t first_shared = num_layers - kv_shared_layers;
        return is_attention_layer(i) && !(kv_shared_layers > 0 && first_shared > 0 && i >= first_shared);
    }
    int64_t shared_ffn() const { return shared_intermediate_size > 0 ? shared_intermediate_size : moe_intermediate_size; }
    bool is_moe_layer(int64_t i) const {
        if (num_experts <= 0) return false;
        if (layer_moe.empty()) return true;
        return i < static_cast<int64_t>(layer_moe.size()) && layer_moe[static_cast<size_t>(i)];
    }
    Mixer mixer(int64_t i) const {
        return i >= 0 && i < static_cast<int64_t>(layer_mixer.size()) ? layer_mixer[static_cast<size_t>(i)]
                                                                        : Mixer::Attention;
    }
    bool has_ffn(int64_t i) const {
        return !(i >= 0 && i < static_cast<int64_t>(layer_no_ffn.size()) && layer_no_ffn[static_cast<size_t>(i)]);
    }
    bool is_attention_layer(int64_t i) const { return mixer(i) == Mixer::Attention; }
    bool is_hybrid() const { return !layer_mixer.empty() || !layer_no_ffn.empty(); }
    // Everything that decides a layer's shapes and cost, as one small integer (< kLayerKinds): mixer, MoE, FFN
    // present, sliding window, dense FFN width slot. Layers of one kind are identical, so counts are computed once
    // per kind.
    static constexpr int kLayerKinds = 32 * kMaxFfnWidths;
    int layer_kind(int64_t i) const {
        return ffn_slot(i) % kMaxFfnWidths * 32 + static_cast<int>(mixer(i)) * 8 + (is_moe_layer(i) ? 4 : 0) +
               (has_ffn(i) ? 2 : 0) + (is_sliding_layer(i) ? 1 : 0);
    }
    // Kinds in use are below this bound (arrays indexed by layer_kind need no more).
    int layer_kind_bound() const { return 32 * (ffn_widths.empty() ? 1 : static_cast<int>(ffn_widths.size())); }
    bool is_sliding_layer(int64_t i) const {
        if (sliding_window <= 0) return false;
        if (layer_sliding.empty()) return true;
        return i < static_cast<int64_t>(layer_sliding.size()) && layer_sliding[static_cast<size_t>(i)];
    }
};

// The MoE layer pattern used by DeepSeek (first_k_dense_replace, moe_layer_freq) and Llama 4 (interleave step):
// layer i is MoE when i >= first_dense and (i - first_dense... ) follows HF's rule `(i + 1) % step == 0` for Llama 4
// or `i >= first_dense && i % freq == 0` for DeepSeek. Both are spelled out by the caller with these helpers.
std::vector<bool> moe_layers_first_dense(int64_t num_layers, int64_t first_dense, int64_t freq);
std::vector<bool> moe_layers_interleave(int64_t num_layers, int64_t step);
// Sliding pattern: every `period`-th layer (1-based) is global, the rest sliding (Gemma 2: 2, Gemma 3: 6).
std::vector<bool> sliding_layers_every(int64_t num_layers, int64_t period);
// Gemma 4 use_double_wide_mlp (modeling_gemma4.Gemma4TextMLP): FFN widths intermediate_size and 2 x intermediate_size,
// the doubled one on the KV-sharing layers (num_layers - kv_shared_layers on, when that is > 0). Clears the widths
// when the model has no such layers.
void double_wide_mlp_widths(ModelConfig& m);
// A per-layer pattern resized to `num_layers` layers by its own rule: the shortest prefix + period that generate it
// (DeepSeek: 3 dense then every layer MoE; Gemma 3: period 6; Llama 4: period 2) is continued or cut. Used when a
// user types a different layer count for a preset.
std::vector<bool> resize_layer_pattern(const std::vector<bool>& pattern, int64_t num_layers);

// The rule of resize_layer_pattern for any per-layer value (report.cpp continues a hybrid model's per-layer code).
template <class T>
std::vector<T> resize_pattern(const std::vector<T>& p, int64_t num_layers) {
    const size_t n = p.size();
    std::vector<T> out(static_cast<size_t>(num_layers > 0 ? num_layers : 0), T{});
    if (n == 0) return out;
    // smallest prefix k + period t (k + t <= n) with p[i] == p[i - t] for every i >= k + t
    size_t best_k = 0, best_t = n;
    for (size_t total = 1; total <= n; ++total) {
        bool found = false;
        for (size_t t = 1; t <= total && !found; ++t) {
            const size_t k = total - t;
            bool ok = true;
            for (size_t i = k + t; i < n && ok; ++i) ok = p[i] == p[i - t];
            if (ok) { best_k = k; best_t = t; found = true; }
        }
        if (found) break;
    }
    for (size_t i = 0; i < out.size(); ++i) out[i] = i < best_k ? p[i] : p[best_k + (i - best_k) % best_t];
    return out;
}

}  // namespace llmcalc
