#include "memory.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "magnitude.hpp"
#include "optimizers.hpp"
#include "report.hpp"  // gb_text
#include "sources.hpp"

namespace llmcalc {
namespace {

constexpr double kGB = 1e9;
// Activations are kept in the 16-bit compute format (Korthikanti et al. 2022 Sec. 4.1 assumes 2-byte activations).
constexpr double kActBytes = 2.0;
// Logits for the loss / sampling are upcast to fp32 (transformers' LlamaForCausalLM: logits.float()).
constexpr double kLogitBytes = 4.0;
// fp32 master copy of each trained parameter under mixed precision (Micikevicius et al. 2018; ZeRO Sec. 3.1).
constexpr double kMasterBytes = 4.0;
// LoRA adapters are kept in the 16-bit compute dtype (QLoRA: "16-bit adapters").
constexpr double kAdapterBytes = 2.0;

// Byte counts saturate at kSaturatedBytes (memory.hpp) so that the inverse searches, which probe beyond the user's
// inputs, never overflow int64 when the terms are added.
constexpr int64_t kSatBytes = kSaturatedBytes;
int64_t to_bytes(double x) {
    if (!(x > 0)) return 0;
    return x >= static_cast<double>(kSatBytes) ? kSatBytes : static_cast<int64_t>(std::ceil(x));
}
int64_t sat(__int128 x) { return x >= kSatBytes ? kSatBytes : static_cast<int64_t>(x); }
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
// ceil(a / b) for a >= 0; 64-bit division when a fits (128-bit division is a slow library call).
__int128 ceil_div128(__int128 a, __int128 b) {
    if (a <= static_cast<__int128>(INT64_MAX / 2) && b <= static_cast<__int128>(INT64_MAX / 2))
        return ceil_div(static_cast<int64_t>(a), static_cast<int64_t>(b));
    return (a + b - 1) / b;
}
double d(int64_t v) { return static_cast<double>(v); }

// Whole bytes of a traced byte count: rounded up, saturated (to_bytes), the formula saying so.
Tx bytes_up(const Tx& x) { return with_value(ceil_(x), d(to_bytes(x.v))); }

// A sum of whole byte counts, each already whole and saturated (to_bytes: exact as a double): added in 128 bits, so
// the total is exact where a double sum would round above 2^53, and saturated like its terms (the inference total
// adds up to eight terms of 2^60: weights, KV, state, indexer keys, activations and three overheads).
Tx byte_sum(std::initializer_list<Tx> terms) {
    Tx s;
    __int128 exact = 0;
    for (const Tx& t : terms) {
        s = s + t;
        exact += static_cast<int64_t>(t.v);
    }
    return with_value(s, d(sat(exact)));
}

// Bytes of `count` elements in format f (format_bytes): count × bytes when the format has whole bytes, else
// ⌈count × bits ÷ (8 × den)⌉.
Tx bytes_in(const Tx& count, int64_t bits_num, int64_t bits_den, const char* role, const Trace* tr) {
    if (bits_num % (8 * bits_den) == 0)
        return count * named(tr, d(bits_num / (8 * bits_den)), tr ? std::string("bytes(") + role + ")" : "", "B");
    return ceil_(count * named(tr, d(bits_num), tr ? std::string("bits(") + role + ")" : "") / (Tx(8.0) * Tx(d(bits_den))));
}

const NumberFormat& fmt(std::string_view id) {
    const NumberFormat* f = find_format(id);
    return f ? *f : *find_format("bf16");  // ids were validated by the key table
}

int64_t component(const ParamReport& p, const char* name) {
    for (const auto& c : p.by_component)
        if (c.first == name) return c.second;
    return 0;
}

unsigned lora_mask(std::string_view targets) {
    unsigned mask = 0;
    size_t start = 0;
    while (start <= targets.size()) {
        size_t comma = targets.find(',', start);
        if (comma == std::string_view::npos) comma = targets.size();
        const std::string_view t = targets.substr(start, comma - start);
        const char c = t == "gate" ? 'g' : t == "up" ? 'u' : t == "down" ? 'd' : (t.size() == 1 ? t[0] : 0);
        if (c >= 'a' && c <= 'z') mask |= 1u << (c - 'a');
        start = comma + 1;
    }
    return mask;
}

}  // namespace

// ------------------------------------------------------------------------------------------------ weights

WeightBytes weight_bytes_detail(const ModelConfig& m, const NumberFormat& f, bool embed_16bit, bool include_mtp,
                                bool lm_only) {
    WeightBytes w;
    if (m.params_only()) {
        // Parameters only: every weight in the format's own bits (GGUF: its base block type; llama.cpp's recipes
        // keep a few tensors wider, which needs the tensor list).
        w.total = w.layers = format_bytes(m.given_total, f);
        return w;
    }
    const int64_t b16 = 16 * kBitDen, b32 = 32 * kBitDen;
    const bool gguf = f.is_gguf();
    const int64_t fb = f.bits_scaled();
    // 1-D tensors: GGUF keeps them F32 (llama-quantize quantizes only 2-D/3-D weights); otherwise 16-bit, or the
    // format itself when it is wider (fp32).
    const int64_t small_bits = gguf ? b32 : std::max(fb, b16);
    const int64_t linear_dense = f.experts_only ? b16 : fb;
    const int64_t embed_bits = f.experts_only ? b16 : (fb < b16 && embed_16bit ? b16 : fb);
    const int64_t h = m.hidden_size;
    GgufContext c;
    c.n_layers = m.num_layers;
    c.n_gqa = m.attn == AttnKind::MLA ? 1 : m.num_heads / std::max<int64_t>(1, m.kv_heads());
    c.n_expert = m.num_experts;
    c.has_output = !m.tie_embeddings;
    c.row = h;

    __int128 emb = 0, head = 0, layers = 0, experts = 0;
    const int64_t embed_elems = m.vocab_size * h + (m.pos == PosKind::Learned ? m.max_positions * h : 0);
    emb = static_cast<__int128>(embed_elems) *
          (gguf ? ggml_bits(gguf_tensor_type(f, TensorRole::TokenEmbd, c)) : embed_bits);
    if (!m.tie_embeddings)
        head = static_cast<__int128>(m.vocab_size * h) *
               (gguf ? ggml_bits(gguf_tensor_type(f, TensorRole::Output, c)) : embed_bits);
    int64_t small_elems = m.final_norm ? norm_params(m, h) : 0;
    if (m.per_layer_input > 0) {
        // Gemma 4's per-layer embeddings: the table stored as the token embedding, the projection h -> L·p as a
        // linear weight, its norm small
        int64_t projection = 0;
        const int64_t all = per_layer_projection_params(m, &projection);
        emb += static_cast<__int128>(per_layer_table_params(m)) *
               (gguf ? ggml_bits(gguf_tensor_type(f, TensorRole::TokenEmbd, c)) : embed_bits);
        emb += static_cast<__int128>(projection) * linear_dense;
        small_elems += all - projection;
    }
    // Layers of one kind (model.hpp layer_kind) have identical shapes, so the matrix list and the small-parameter
    // count are built once per kind.
    struct Kind {
        bool ready = false;
        std::vector<WeightMatrix> mats;  // params.hpp layer_matrices: the matrices the parameter count sums
        int64_t small = 0;
        __int128 layer_bits = 0, expert_bits = 0;  // non-GGUF: bits of one layer
        // GGUF: bits of one layer per gguf_layer_class (the recipe depends on the index only through it), filled
        // on first use, so the cost does not grow with depth (issue #14: 4 s per report at 1e6 layers in wasm)
        __int128 gguf_layer[32] = {}, gguf_expert[32] = {};
        uint32_t gguf_ready = 0;
    };
    // on the heap: 32 kinds of about 1.7 KB would crowd the wasm stack
    std::vector<Kind> kinds(static_cast<size_t>(m.layer_kind_bound()));
    for (int64_t i = 0; i < m.num_layers; ++i) {
        Kind& k = kinds[m.layer_kind(i)];
        if (!k.ready) {
            int64_t in_mats = 0;
            k.mats = layer_matrices(m, i);
            for (const WeightMatrix& x : k.mats) {
                const int64_t n = x.in * x.out * x.count;
                in_mats += n;
                (x.expert ? k.expert_bits : k.layer_bits) += static_cast<__int128>(n) * (x.expert ? fb : linear_dense);
            }
            k.small = layer_params(m, i).total() - in_mats;
            k.ready = true;
        }
        small_elems += k.small;
        if (!gguf) {
            layers += k.layer_bits;
            experts += k.expert_bits;
            continue;
        }
        const int cls = gguf_layer_class(i, m.num_layers);
        if (!(k.gguf_ready & (1u << cls))) {
            c.layer = i;
            for (const WeightMatrix& x : k.mats) {
                GgufContext cc = c;
                cc.row = x.in;
                (x.expert ? k.gguf_expert[cls] : k.gguf_layer[cls]) +=
                    static_cast<__int128>(x.in * x.out * x.count) * ggml_bits(gguf_tensor_type(f, x.role, cc));
            }
            k.gguf_ready |= 1u << cls;
        }
        layers += k.gguf_layer[cls];
        experts += k.gguf_expert[cls];
    }
    const __int128 small = static_cast<__int128>(small_elems) * small_bits;
    w.embeddings = scaled_bits_to_bytes(emb);
    w.lm_head = scaled_bits_to_bytes(head);
    w.layers = scaled_bits_to_bytes(layers);
    w.experts = scaled_bits_to_bytes(experts);
    w.small = scaled_bits_to_bytes(small);
    if (include_mtp && m.num_mtp_modules > 0) {
        // params.cpp mtp_module_params: one attention layer with the model's FFN (Nemotron-H: the blocks of its
        // mtp_hybrid_override_pattern, mtp_block_shapes), eh_proj 2h -> h, norms, and
        // (DeepSeek-V3, GLM-4.5) its own embedding and head copy, stored by the same rules as the main layers. GGUF:
        // the format's nominal bits for its matrices (llama.cpp's per-tensor recipe for the nextn layer is not modelled).
        __int128 bits = 0, expert_bits = 0;
        int64_t mats = 0;
        for (const BlockShape& b : mtp_block_shapes(m))
            for (const WeightMatrix& x : layer_matrices(m, b.mixer, b.moe, b.ffn)) {
                const int64_t n = x.in * x.out * x.count;
                mats += n;
                if (x.expert) expert_bits += static_cast<__int128>(n) * fb;
                else bits += static_cast<__int128>(n) * linear_dense;
            }
        const int64_t eh_proj = 2 * h * h;
        const int64_t copies = m.mtp_own_embeddings ? 2 * m.vocab_size * h : 0;
        bits += static_cast<__int128>(eh_proj) * linear_dense + static_cast<__int128>(copies) * (gguf ? fb : embed_bits);
        // the rest of the module (norms, biases, router) is small tensors
        bits += static_cast<__int128>(mtp_module_params(m) - mats - eh_proj - copies) * small_bits;
        w.mtp_experts = scaled_bits_to_bytes(expert_bits * m.num_mtp_modules);
        w.mtp = scaled_bits_to_bytes((bits + expert_bits) * m.num_mtp_modules);
    }
    if (!lm_only && (m.has_vision() || m.has_audio())) {
        // Quantized releases keep the vision tower in 16 bits (llama.cpp's mmproj file F16; FP8 checkpoints list it
        // in modules_to_not_convert); fp32 stays fp32.
        const int64_t vbits = gguf ? b16 : std::max(fb, b16);
        w.vision = scaled_bits_to_bytes(
            static_cast<__int128>(vision_encoder_params(m) + mm_projector_params(m) + audio_encoder_params(m)) * vbits);
    }
    w.total = w.embeddings + w.lm_head + w.layers + w.experts + w.small + w.mtp + w.vision;
    return w;
}

int64_t weight_bytes(const ModelConfig& m, const ParamReport&, const NumberFormat& f) {
    return weight_bytes_detail(m, f, true).total;
}

// ------------------------------------------------------------------------------------------------ KV cache



int64_t attention_layer_count(const ModelConfig& m) {
    if (m.layer_mixer.empty()) return m.num_layers;
    int64_t n = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) n += m.is_attention_layer(i) ? 1 : 0;
    return n;
}

namespace {
const char* kKvSource = "vLLM, Kwon et al. 2023 Sec. 2-3: K and V per layer per token; " LLMCALC_SEED004 ": KV = 2 × b × s × l × h × "
                        "bytes; MLA caches kv_lora_rank + qk_rope_head_dim per layer (DeepSeek-V2, arXiv:2405.04434 Sec. 2.1.2)";
// DeepSeek Sparse Attention's indexer keys (indexer_cache_bytes_per_token): FP8 + fp32 scales per 128 elements.
const char* kIndexerSource = "DeepSeek-V3.2-Exp inference/model.py Indexer: k_cache float8_e4m3fn (index_head_dim B) + "
                             "k_scale_cache float32 (one per 128 elements); vLLM's indexer cache: head_dim + head_dim ÷ "
                             "128 × 4 = 132 B per token and layer, whatever the KV format";
// Elements one attention layer caches per token (kv_elements_per_token_layer), as its named factors. global: a
// Gemma 4 full-attention layer of its own shape (global_head_dim, num_global_key_value_heads; K = V still caches
// both: modeling_gemma4.Gemma4TextAttention keeps value_states beside key_states).
Tx kv_layer_elements(const ModelConfig& m, const Trace* tr, bool global = false) {
    if (m.attn == AttnKind::MLA)
        return named(tr, d(m.kv_lora_rank), "r_kv") + named(tr, d(m.qk_rope_head_dim), "d_rope");
    if (global)
        return Tx(2.0) * named(tr, d(m.global_kv_heads > 0 ? m.global_kv_heads : m.kv_heads()), "kv_heads_global") *
               named(tr, d(m.global_head_dim > 0 ? m.global_head_dim : m.head_size()), "head_dim_global");
    return Tx(2.0) * named(tr, d(m.kv_heads()), "kv_heads") * named(tr, d(m.head_size()), "head_dim");
}
}  // namespace

int64_t kv_elements_per_token_layer(const ModelConfig& m, int64_t i) {
    // linear-attention and MLP-only layers cache no keys (state_bytes), nor do Gemma 4's KV-sharing layers
    if (!m.caches_kv(i)) return 0;
    return static_cast<int64_t>(kv_layer_elements(m, nullptr, m.global_attention_layer(i)).v);
}

int64_t mtp_attention_layers(const ModelConfig& m, bool include_mtp) {
    // the same condition as the MTP weights (weight_bytes_detail): counted modules of a model with dimensions
    if (!include_mtp || m.num_mtp_modules <= 0 || m.params_only()) return 0;
    int64_t per_module = 0;
    for (const BlockShape& b : mtp_block_shapes(m)) per_module += b.mixer == Mixer::Attention ? 1 : 0;
    return m.num_mtp_modules * per_module;
}

int64_t kv_cache_bytes_per_token(const ModelConfig& m, const NumberFormat& kv, Trace* tr, int64_t mtp_layers) {
    // the per-layer element count is the same on every attention layer (sliding layers differ only in tokens kept),
    // except Gemma 4's: its full-attention layers have their own shape and its KV-sharing layers cache nothing
    int64_t caching = 0, global = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        caching += m.caches_kv(i) ? 1 : 0;
        global += m.caches_kv(i) && m.global_attention_layer(i) ? 1 : 0;
    }
    Tx elements;
    if (global == 0 && caching == attention_layer_count(m)) {
        elements = named(tr, d(caching), m.is_hybrid() ? "L_attention" : "L") * kv_layer_elements(m, tr);
    } else {
        if (caching > global) elements = named(tr, d(caching - global), "L_sliding,cached") * kv_layer_elements(m, tr);
        if (global > 0) elements = elements + named(tr, d(global), "L_global,cached") * kv_layer_elements(m, tr, true);
    }
    // the MTP modules' attention (mtp_attention_layers): full attention, in the model's full-attention shape
    if (mtp_layers > 0)
        elements = elements + named(tr, d(mtp_layers), "L_MTP") * kv_layer_elements(m, tr, m.global_shape());
    const Tx bytes = bytes_in(elements, kv.bits_num, kv.bits_den, "kv", tr);
    if (tr)
        tr->record("memory.kv_cache_bytes_per_token", "KV/token", bytes, "B", kKvSource,
                   mtp_layers > 0
                       ? "all attention layers and the MTP modules' (include_mtp: they attend over the sequence when "
                         "they draft tokens; DeepSeek-V3 report Sec. 2.2 eq. 22), no sliding-window cap"
                       : "all attention layers, no sliding-window cap (the cache size per sequence caps sliding layers)",
                   mtp_layers > 0
                       ? "所有注意力层及 MTP 模块的注意力层（include_mtp：它们起草 token 时对整个序列做注意力；DeepSeek-V3 "
                         "报告 2.2 节式 22），不计滑动窗口上限"
                       : "所有注意力层，不计滑动窗口上限（滑动窗口层的上限在每条序列的缓存大小中计）");
    return static_cast<int64_t>(bytes.v);
}

RecurrentState recurrent_state_per_sequence(const ModelConfig& m) {
    RecurrentState st;
    int64_t gdn = 0, mamba = 0;
    for (int64_t i = 0; i < static_cast<int64_t>(m.layer_mixer.size()) && i < m.num_layers; ++i) {
        gdn += m.mixer(i) == Mixer::GatedDeltaNet ? 1 : 0;
        mamba += m.mixer(i) == Mixer::Mamba2 ? 1 : 0;
    }
    // vLLM mamba_utils.MambaStateShapeCalculator: gated_delta_net_state_shape: conv (K - 1) x (2 Hk dk + Hv dv),
    // recurrent Hv x dk x dv; mamba2_state_shape: conv (K - 1) x (I + 2 G N), recurrent heads x head_dim x N.
    const int64_t gdn_conv = (m.linear_conv_kernel - 1) *
                             (2 * m.linear_num_key_heads * m.linear_key_head_dim +
                              m.linear_num_value_heads * m.linear_value_head_dim);
    const int64_t gdn_ssm = m.linear_num_value_heads * m.linear_key_head_dim * m.linear_value_head_dim;
    const int64_t inner = m.mamba_num_heads * m.mamba_head_dim;
    const int64_t mamba_conv = (m.mamba_conv_kernel - 1) * (inner + 2 * m.mamba_groups * m.mamba_state_size);
    const int64_t mamba_ssm = inner * m.mamba_state_size;
    st.layers = gdn + mamba;
    st.conv_elements = gdn * gdn_conv + mamba * mamba_conv;
    st.ssm_elements = gdn * gdn_ssm + mamba * mamba_ssm;
    st.bytes = st.conv_elements * m.state_conv_bytes + st.ssm_elements * m.state_ssm_bytes;
    return st;
}

int64_t indexer_cache_bytes_per_token(const ModelConfig& m, Trace* tr) {
    if (!m.has_indexer()) {
        if (tr)
            tr->record("memory.indexer_cache_bytes_per_token", "indexer/token", Tx(0.0), "B", kIndexerSource,
                       "no sparse-attention indexer: 0", "没有稀疏注意力索引器：0");
        return 0;
    }
    // per attention layer: the FP8 key (1 B per element) + one fp32 scale per 128-element block (memory.hpp)
    const Tx di = named(tr, d(m.index_head_dim), "d_I", "B");
    const Tx layers = named(tr, d(attention_layer_count(m)), m.is_hybrid() ? "L_attention" : "L");
    const Tx bytes = layers * (di + ceil_(named(tr, d(m.index_head_dim), "d_I") / Tx(128.0)) * konst(tr, 4.0, "B"));
    if (tr)
        tr->record("memory.indexer_cache_bytes_per_token", "indexer/token", bytes, "B", kIndexerSource,
                   "one key head per attention layer, kept beside the MLA latent (memory.kv_cache_bytes_per_token)",
                   "每个注意力层一个键头，与 MLA 潜向量一同缓存（memory.kv_cache_bytes_per_token）");
    return static_cast<int64_t>(bytes.v);
}

namespace {
// The KV-cache part of an inference plan: elements per token of the full-attention and the sliding layers.
void plan_kv(InferencePlan& p, const ModelConfig& m, const NumberFormat& kv, int64_t mtp_layers) {
    // per layer (kv_elements_per_token_layer); linear-attention / MLP-only layers cache no keys (their state:
    // state_bytes), nor do Gemma 4's KV-sharing layers
    const int64_t per_layer = static_cast<int64_t>(kv_layer_elements(m, nullptr).v);
    const int64_t global = m.global_shape() ? static_cast<int64_t>(kv_layer_elements(m, nullptr, true).v) : per_layer;
    p.kv_sliding_elems = p.kv_global_elems = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        if (!m.caches_kv(i)) continue;
        (m.is_sliding_layer(i) ? p.kv_sliding_elems : p.kv_global_elems) += m.global_attention_layer(i) ? global : per_layer;
    }
    // the counted MTP modules' attention layers (mtp_attention_layers): full attention, kept on the last stage
    p.kv_mtp_elems = mtp_layers * global;
    p.kv_global_elems += p.kv_mtp_elems;
    p.kv_layer_elems = per_layer;
    p.window = m.sliding_window;
    // TP splits the KV heads per layer; with Gemma 4's fewer global KV heads the split is taken at the smaller count
    // (each rank keeps ⌈kv_heads ÷ tp⌉ of them: an upper bound for the sliding layers)
    p.kv_heads = m.attn == AttnKind::MLA ? 0
                 : m.global_kv_heads > 0 ? std::min(m.kv_heads(), m.global_kv_heads) : m.kv_heads();
    p.kv_bits_num = kv.bits_num;
    p.kv_bits_den = kv.bits_den;
}
}  // namespace

int64_t kv_cache_bytes(const ModelConfig& m, const NumberFormat& kv, int64_t sequences, int64_t context,
                       int64_t block) {
    InferencePlan p;
    plan_kv(p, m, kv, 0);
    return plan_kv_bytes(p, sequences, context, block);
}

// ------------------------------------------------------------------------------------------------ inference

InferencePlan make_inference_plan(const ModelConfig& m, const Inputs& in, const WeightBytes* weights) {
    InferencePlan p;
    const WeightBytes w =
        weights ? *weights : weight_bytes_detail(m, fmt(in.weights), in.embed_16bit, in.include_mtp, in.lm_only);
    p.weights_total = w.total;
    plan_kv(p, m, fmt(in.kv), mtp_attention_layers(m, in.include_mtp));
    // Pipeline stages: embedding and LM head by their own bytes, the layers' bytes shared out by their parameters
    // (non-expert and routed-expert parts apart: a format may store them differently, e.g. mxfp4 experts only).
    p.layers = m.num_layers;
    // The vision tower runs before the first layer (first stage), the MTP layers after the last (last stage).
    p.embed_bytes = w.embeddings + w.vision;
    p.head_bytes = (w.lm_head > 0 ? w.lm_head : (m.tie_embeddings ? w.embeddings : 0)) + w.mtp;
    p.expert_bytes = w.experts;
    p.layer_bytes = std::max<int64_t>(0, w.total - w.embeddings - w.lm_head - w.experts - w.mtp - w.vision);
    p.sums.assign(static_cast<size_t>(m.num_layers) + 1, {});
    std::vector<int64_t> kind_params(ModelConfig::kLayerKinds, -1), kind_experts(ModelConfig::kLayerKinds, 0);
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const int k = m.layer_kind(i);
        if (kind_params[static_cast<size_t>(k)] < 0) {  // layers of one kind have the same shapes
            const LayerParams lp = layer_params(m, i);
            kind_params[static_cast<size_t>(k)] = lp.total() - lp.experts;
            kind_experts[static_cast<size_t>(k)] = lp.experts;
        }
        InferencePlan::LayerSums x = p.sums[static_cast<size_t>(i)];
        x.params += kind_params[static_cast<size_t>(k)];
        x.expert_params += kind_experts[static_cast<size_t>(k)];
        const bool att = m.is_attention_layer(i);
        x.global += att && !m.is_sliding_layer(i) ? 1 : 0;
        x.sliding += att && m.is_sliding_layer(i) ? 1 : 0;
        (m.is_sliding_layer(i) ? x.kv_sliding : x.kv_global) += kv_elements_per_token_layer(m, i);
        x.linear += m.mixer(i) == Mixer::GatedDeltaNet || m.mixer(i) == Mixer::Mamba2 ? 1 : 0;
        p.sums[static_cast<size_t>(i) + 1] = x;
    }
    // the MLP width depends only on dense / MoE (blocks without an FFN have none; NAS models: the widest dense one)
    bool dense = false, moe = false;
    int64_t dense_width = 0;
    for (int64_t i = 0; i < m.num_layers; ++i)
        if (m.has_ffn(i)) {
            (m.is_moe_layer(i) ? moe : dense) = true;
            if (!m.is_moe_layer(i)) dense_width = std::max(dense_width, m.dense_ffn(i));
        }
    p.state_bytes_per_seq = recurrent_state_per_sequence(m).bytes;
    p.indexer_bytes_per_token = indexer_cache_bytes_per_token(m);
    // peak of one layer: residual stream + MLP intermediates (gated: gate and up outputs)
    const double gate = m.mlp == MlpKind::Gated ? 2.0 : 1.0;
    if (dense) p.act_elems_per_token = d(m.hidden_size) + gate * d(dense_width);
    if (moe)
        p.act_elems_per_token = std::max(p.act_elems_per_token,
                                         d(m.hidden_size) + gate * (d(m.experts_per_token) * d(m.moe_intermediate_size) +
                                                                    d(m.num_shared_experts) * d(m.shared_ffn())));
    p.heads = m.num_heads;
    p.vocab = m.vocab_size;
    return p;
}


InferenceStage inference_stage(const InferencePlan& p, int64_t pp, int64_t index) {
    InferenceStage st;
    st.index = index;
    const int64_t L = p.layers, base = L / pp, extra = L % pp;
    // get_pp_indices: stages pp-1-extra .. pp-2 hold one layer more than base
    auto size = [&](int64_t s) { return base + (s >= pp - 1 - extra && s <= pp - 2 ? 1 : 0); };
    const int64_t lo = std::max<int64_t>(0, pp - 1 - extra);
    // first = Σ sizes before `index` = base x index + the extra layers of stages lo .. index-1
    st.first = base * index + std::max<int64_t>(0, std::min(index, pp - 1) - lo);
    st.last = st.first + size(index);
    const InferencePlan::LayerSums& a = p.sums[static_cast<size_t>(st.first)];
    const InferencePlan::LayerSums& b = p.sums[static_cast<size_t>(st.last)];
    st.global_layers = b.global - a.global;
    st.sliding_layers = b.sliding - a.sliding;
    st.kv_global_elems = b.kv_global - a.kv_global + (index == pp - 1 ? p.kv_mtp_elems : 0);  // MTP: after the last
    st.kv_sliding_elems = b.kv_sliding - a.kv_sliding;
    st.linear_layers = b.linear - a.linear;
    if (pp == 1) {
        st.weights_bytes = p.weights_total;
        return st;
    }
    const InferencePlan::LayerSums& all = p.sums.back();
    auto share = [](int64_t bytes, int64_t part, int64_t whole) -> __int128 {
        return whole > 0 ? ceil_div128(static_cast<__int128>(bytes) * part, whole) : 0;
    };
    __int128 w = share(p.layer_bytes, b.params - a.params, all.params) +
                 share(p.expert_bytes, b.expert_params - a.expert_params, all.expert_params);
    if (index == 0) w += p.embed_bytes;
    if (index == pp - 1) w += p.head_bytes;
    st.weights_bytes = sat(w);
    return st;
}

namespace {
// KV bytes of a pipeline stage's attention layers (all TP ranks together).
Tx kv_stage_bytes(const InferencePlan& p, const InferenceStage& st, const Tx& sequences, const Tx& ctx, int64_t block,
                  const Trace* tr) {
    return kv_bytes_of(p, st.kv_global_elems, st.kv_sliding_elems, sequences, ctx, block, tr);
}
}  // namespace

InferenceMemory evaluate_inference(const InferencePlan& p, const Inputs& in, int64_t tp, int64_t pp, int64_t batch,
                                   int64_t concurrency, int64_t seq, int64_t gen, Trace* tr) {
    InferenceMemory r;
    const int64_t shards = tp * pp;
    const Tx tp_t = named(tr, d(tp), "tp"), pp_t = named(tr, d(pp), "pp");
    const Tx sequences = named(tr, d(batch), "batch") * named(tr, d(concurrency), "concurrency");
    const Tx s = named(tr, d(seq), "s");
    const Tx ctx = s + named(tr, d(gen), "gen");
    r.weights_total_bytes = p.weights_total;
    // Per GPU of each pipeline stage (whole layers, inference_stage); the fullest stage (weights + KV + state)
    // decides and is the one shown. A plan without per-layer sums (built by hand from published totals) splits its
    // bytes evenly over tp x pp instead.
    const bool whole_layers = p.sums.size() == static_cast<size_t>(p.layers) + 1;
    const int64_t stages = whole_layers ? std::max<int64_t>(1, std::min(pp, p.layers)) : 1;
    const bool staged = stages > 1;
    InferenceStage fullest;
    if (staged) {
        const int64_t linear_all = p.sums.back().linear;
        const int64_t seqs = batch * concurrency;
        int64_t best = -1;
        for (int64_t i = 0; i < stages; ++i) {
            const InferenceStage st = inference_stage(p, stages, i);
            const int64_t w = ceil_div(st.weights_bytes, tp);
            const double kv = static_cast<double>(kv_stage_bytes(p, st, Tx(d(seqs)), Tx(d(seq + gen)), in.kv_block, nullptr).v);
            const double kv_gpu = p.kv_heads > 0 ? std::ceil(kv * d(ceil_div(p.kv_heads, tp)) / d(p.kv_heads)) : kv;
            const double state = linear_all > 0 ? std::ceil(d(p.state_bytes_per_seq) * d(seqs) * d(st.linear_layers) /
                                                            d(linear_all) / d(tp))
                                                : 0.0;
            const int64_t sum = w + to_bytes(kv_gpu) + to_bytes(state);
            if (sum > best) { best = sum; fullest = st; }
        }
        r.stage = fullest.index;
        r.stage_first = fullest.first;
        r.stage_last = fullest.last;
    }
    const Tx weights = staged ? ceil_(named(tr, d(fullest.weights_bytes), "W_stage", "B") / tp_t)
                       : shards > 1 ? ceil_(named(tr, d(p.weights_total), "W_model", "B") / (tp_t * pp_t))
                                    : named(tr, d(p.weights_total), "W_model", "B");
    r.weights_bytes = static_cast<int64_t>(weights.v);
    // KV: every sequence holds ctx tokens in full-attention layers and min(ctx, window) in sliding ones, rounded
    // up to whole pages when kv_block > 0.
    const Tx kv_total = plan_kv_bytes(p, sequences, ctx, in.kv_block, staged ? nullptr : tr);  // saturated at 2^60
    r.kv_total_bytes = static_cast<int64_t>(kv_total.v);
    // Per GPU: the KV of the stage's layers; TP splits the KV heads (a head is never split: with tp > kv_heads each
    // rank keeps one, as vLLM replicates them); MLA's latent is replicated on every TP rank.
    Tx kv_gpu = staged ? kv_stage_bytes(p, fullest, sequences, ctx, in.kv_block, tr) : kv_total;
    const Tx split = staged ? Tx(1.0) : pp_t;
    if (tp > 1 || (!staged && pp > 1)) {
        if (p.kv_heads > 0) {
            const Tx kvh = named(tr, d(p.kv_heads), "kv_heads");
            kv_gpu = ceil_(kv_gpu * ceil_(kvh / tp_t) / (staged ? kvh : kvh * split));
        } else if (!staged) {
            kv_gpu = ceil_(kv_gpu / split);
        }
    }
    kv_gpu = bytes_up(kv_gpu);
    r.kv_cache_bytes = static_cast<int64_t>(kv_gpu.v);
    // Linear-attention state: a constant per sequence (recurrent_state_per_sequence), whatever the context; TP
    // splits its heads and PP its layers (the stage's share of them), as vLLM shards the mamba / delta-net cache.
    const Tx state_total = named(tr, d(p.state_bytes_per_seq), "state/sequence", "B") * sequences;
    r.state_total_bytes = to_bytes(state_total.v);
    Tx state = state_total;
    if (staged && p.sums.back().linear > 0)
        state = ceil_(state_total * named(tr, d(fullest.linear_layers), "L_linear,stage") /
                      named(tr, d(p.sums.back().linear), "L_linear") / tp_t);
    else if (staged)
        state = Tx(0.0);
    else if (shards > 1)
        state = ceil_(state_total / (tp_t * pp_t));
    state = bytes_up(state);
    r.state_bytes = static_cast<int64_t>(state.v);
    // Sparse-attention indexer keys: every sequence keeps ctx tokens (paged like the KV cache) in every attention
    // layer; one key head, so TP replicates it as it does MLA's latent, PP splits the layers.
    Tx idx_tokens = ctx;
    if (in.kv_block > 0) {
        const Tx b = named(tr, d(in.kv_block), "kv_block");
        idx_tokens = ceil_(ctx / b) * b;
    }
    const Tx idx_total = bytes_up(named(tr, d(p.indexer_bytes_per_token), "indexer/token", "B") * idx_tokens * sequences);
    r.indexer_cache_total_bytes = static_cast<int64_t>(idx_total.v);
    const Tx idx = bytes_up(pp > 1 ? ceil_(idx_total / pp_t) : idx_total);
    r.indexer_cache_bytes = static_cast<int64_t>(idx.v);
    // Activations: the peak of one layer during prefill for the tokens of one prefill step (the whole prompt of
    // every sequence, or prefill_chunk tokens), TP-split, plus the fp32 logits of each sequence's last token;
    // without flash attention also the heads x tokens x keys score matrix of one layer.
    Tx tokens = sequences * s;
    if (in.prefill_chunk > 0) tokens = min_(tokens, named(tr, d(in.prefill_chunk), "prefill_chunk"));
    Tx act = konst(tr, kActBytes, "B") * tokens * named(tr, p.act_elems_per_token, "A_layer") / tp_t;
    act = act + konst(tr, kLogitBytes, "B") * min_(sequences, tokens) * named(tr, d(p.vocab), "V");
    if (!in.flash_attention)
        act = act + konst(tr, kActBytes, "B") * ceil_(named(tr, d(p.heads), "heads") / tp_t) * tokens * s;
    const Tx act_gpu = bytes_up(act);
    r.activations_bytes = static_cast<int64_t>(act_gpu.v);
    const Tx pct = bytes_up(named(tr, in.overhead_pct, "overhead_pct") / Tx(100.0) *
                            byte_sum({named(tr, d(r.weights_bytes), "weights", "B"), named(tr, d(r.kv_cache_bytes), "KV", "B")}));
    const Tx giga = konst_text(tr, kGB, "1e9");
    const Tx context = bytes_up(named(tr, in.cuda_context_gb, "cuda_context_gb") * giga);
    const Tx reserve = bytes_up(named(tr, in.reserve_gb, "reserve_gb") * giga);
    r.overhead_pct_bytes = static_cast<int64_t>(pct.v);
    r.cuda_context_bytes = static_cast<int64_t>(context.v);
    r.reserve_bytes = static_cast<int64_t>(reserve.v);
    const Tx overhead = byte_sum({pct, context, reserve});
    r.overhead_bytes = static_cast<int64_t>(overhead.v);
    const Tx total = byte_sum({named(tr, d(r.weights_bytes), "weights", "B"), named(tr, d(r.kv_cache_bytes), "KV", "B"),
                               p.state_bytes_per_seq > 0 ? named(tr, d(r.state_bytes), "state", "B") : Tx(0.0),
                               p.indexer_bytes_per_token > 0 ? named(tr, d(r.indexer_cache_bytes), "indexer", "B") : Tx(0.0),
                               named(tr, d(r.activations_bytes), "activations", "B"),
                               named(tr, d(r.overhead_bytes), "overhead", "B")});
    r.total_bytes = static_cast<int64_t>(total.v);
    r.total_all_gpus = sat(static_cast<__int128>(r.total_bytes) * shards);
    if (!tr) return r;

    tr->record("memory.inference.weights_bytes", "weights/GPU", weights, "B",
               staged ? LLMCALC_SEED002 " / " LLMCALC_SEED004 ": parameters × bytes per parameter; a pipeline stage holds whole layers, "
                        "placed as vLLM's get_pp_indices (vllm/distributed/utils.py); tensor parallelism splits them evenly"
                      : LLMCALC_SEED002 " / " LLMCALC_SEED004 ": parameters × bytes per parameter; split evenly over tp × pp",
               staged ? "W_stage = the weights of stage " + std::to_string(fullest.index + 1) + " of " +
                            std::to_string(stages) + " (the fullest), layers " + std::to_string(fullest.first) + "–" +
                            std::to_string(fullest.last - 1) + ": their share of the layer bytes by parameters" +
                            (fullest.index == 0 ? " + the embedding" : "") +
                            (fullest.index == stages - 1 ? " + the LM head" : "") :
               "W_model = the whole model's weight bytes: each tensor's elements × its storage bits ÷ 8 (linear weights in " +
                   in.weights + "; norms and biases 16-bit, F32 in GGUF" +
                   (in.embed_16bit ? "; embeddings and LM head 16-bit when the format is narrower (embed_16bit))"
                                   : ")"),
               staged ? "W_stage = 第 " + std::to_string(fullest.index + 1) + " / " + std::to_string(stages) +
                            " 个流水线阶段（最满的一段）的权重，第 " + std::to_string(fullest.first) + "–" +
                            std::to_string(fullest.last - 1) + " 层：按参数量分摊的层权重字节" +
                            (fullest.index == 0 ? " + 嵌入" : "") + (fullest.index == stages - 1 ? " + LM 头" : "") :
               "W_model = 整个模型的权重字节：每个张量的元素数 × 其存储位数 ÷ 8（线性层权重为 " + in.weights +
                   "；归一化和偏置为 16 位，GGUF 中为 F32" +
                   (in.embed_16bit ? "；格式更窄时嵌入和 LM 头保持 16 位（embed_16bit））" : "）"));
    std::string kv_note = "every sequence keeps s + gen tokens; E_global / E_sliding = elements per token summed over "
                          "the full-attention / sliding-window layers (2 × kv_heads × head_dim each; MLA r_kv + d_rope); "
                          "sliding-window layers keep at most the window";
    std::string kv_note_zh = "每条序列保留 s + gen 个 token；E_global / E_sliding = 全注意力层 / 滑动窗口层每个 token "
                             "的元素数之和（每层 2 × kv_heads × head_dim；MLA 为 r_kv + d_rope）；滑动窗口层最多保留一个窗口";
    if (in.kv_block > 0) {
        kv_note += "; rounded up to whole kv_block pages (vLLM PagedAttention)";
        kv_note_zh += "；向上取整到整页 kv_block（vLLM PagedAttention）";
    }
    if (staged) {
        kv_note += "; the layers of pipeline stage " + std::to_string(fullest.index + 1) + " (the fullest), " +
                   std::to_string(fullest.first) + "–" + std::to_string(fullest.last - 1) +
                   (p.kv_heads > 0 ? "; TP splits the KV heads (a head is never split: each rank keeps ⌈kv_heads ÷ tp⌉)"
                                   : "; MLA's latent is replicated on every TP rank");
        kv_note_zh += "；第 " + std::to_string(fullest.index + 1) + " 个流水线阶段（最满的一段）的层，第 " +
                      std::to_string(fullest.first) + "–" + std::to_string(fullest.last - 1) + " 层" +
                      (p.kv_heads > 0 ? "；TP 切分 KV 头（一个头不会被拆开：每个 rank 保留 ⌈kv_heads ÷ tp⌉ 个）"
                                      : "；MLA 的潜向量在每个 TP rank 上各存一份");
    } else if (shards > 1) {
        kv_note += p.kv_heads > 0 ? "; TP splits the KV heads (a head is never split: each rank keeps ⌈kv_heads ÷ tp⌉), "
                                    "PP the layers"
                                  : "; MLA's latent is replicated on every TP rank, PP splits the layers";
        kv_note_zh += p.kv_heads > 0 ? "；TP 切分 KV 头（一个头不会被拆开：每个 rank 保留 ⌈kv_heads ÷ tp⌉ 个），PP 切分层"
                                     : "；MLA 的潜向量在每个 TP rank 上各存一份，PP 切分层";
    }
    tr->record("memory.inference.kv_cache_bytes", "KV/GPU", kv_gpu, "B", kKvSource, kv_note, kv_note_zh);
    tr->record("memory.inference.state_bytes", "state/GPU", state, "B",
               "vLLM MambaStateShapeCalculator: per linear-attention layer a conv window (K − 1) × conv channels and a "
               "recurrent state (Gated DeltaNet Hv × dk × dv; Mamba-2 heads × head_dim × ssm_state_size), in the config's "
               "state dtypes, per sequence whatever its length",
               p.state_bytes_per_seq > 0 ? "" : "no linear-attention layers",
               p.state_bytes_per_seq > 0 ? "" : "没有线性注意力层");
    tr->record("memory.inference.indexer_cache_bytes", "indexer/GPU", idx, "B", kIndexerSource,
               p.indexer_bytes_per_token > 0
                   ? "every sequence keeps s + gen tokens; one key head, so TP replicates it (as MLA's latent) and PP "
                     "splits the layers"
                   : "no sparse-attention indexer",
               p.indexer_bytes_per_token > 0
                   ? "每条序列保留 s + gen 个 token；只有一个键头，所以 TP 复制它（与 MLA 的潜向量一样），PP 切分层"
                   : "没有稀疏注意力索引器");
    tr->record("memory.inference.activations_bytes", "activations/GPU", act_gpu, "B",
               "llmcalc estimate: the largest transient of one layer during prefill, 16-bit — residual stream h and the "
               "MLP intermediates (gated: gate and up); fp32 logits of each sequence's last token (transformers upcasts "
               "logits); without flash attention also the heads × tokens × s score matrix",
               "A_layer = h + the widest MLP intermediates of a layer (gated: 2 × I; MoE: top_k and shared experts); "
               "inference keeps no activations across layers; prefill_chunk caps the tokens of one step",
               "A_layer = h + 一层中最宽的 MLP 中间结果（门控：2 × I；MoE：top_k 个专家和共享专家）；"
               "推理不跨层保留激活值；prefill_chunk 限制一步处理的 token 数");
    tr->record("memory.inference.overhead_bytes", "overhead/GPU", overhead, "B",
               LLMCALC_SEED004 " / " LLMCALC_SEED001 ": fragmentation, buffers and the CUDA context — every part a named input "
               "(overhead_pct of weights + KV, cuda_context_gb, reserve_gb)");
    tr->record("memory.inference.total_bytes", "total/GPU", total, "B",
               LLMCALC_SEED004 ": total inference memory = model size + KV cache + activation memory (+ overhead); hybrid "
               "models add their linear-attention state, sparse-attention models their indexer keys");
    return r;
}

// vLLM (Kwon et al. 2023, arXiv:2309.06180) Sec. 3: every token keeps K and V in every layer; sliding-window layers
// keep at most the window; PagedAttention rounds each sequence up to whole blocks.
Tx plan_kv_bytes(const InferencePlan& p, const Tx& sequences, const Tx& ctx, int64_t block, const Trace* tr) {
    return kv_bytes_of(p, p.kv_global_elems, p.kv_sliding_elems, sequences, ctx, block, tr);
}

// KV bytes of layers holding `global` (full attention) and `sliding` (window-capped) elements per token.
Tx kv_bytes_of(const InferencePlan& p, int64_t global, int64_t sliding, const Tx& sequences, const Tx& ctx,
               int64_t block, const Trace* tr) {
    auto round_block = [&](const Tx& tokens) {
        if (block <= 0) return tokens;
        const Tx b = named(tr, d(block), "kv_block");
        return ceil_(tokens / b) * b;
    };
    Tx elems;  // per sequence
    if (global > 0) elems = named(tr, d(global), "E_global") * round_block(ctx);
    if (sliding > 0)
        elems = elems + named(tr, d(sliding), "E_sliding") *
                            round_block(p.window > 0 ? min_(ctx, named(tr, d(p.window), "window")) : ctx);
    return bytes_up(bytes_in(elems * sequences, p.kv_bits_num, p.kv_bits_den, "kv", tr));  // saturated at 2^60
}
int64_t plan_kv_bytes(const InferencePlan& p, int64_t sequences, int64_t ctx, int64_t block) {
    return static_cast<int64_t>(plan_kv_bytes(p, Tx(d(sequences)), Tx(d(ctx)), block, nullptr).v);
}

InferenceMemory inference_memory(const ModelConfig& m, const ParamReport&, const Inputs& in) {
    return evaluate_inference(make_inference_plan(m, in), in, in.tp, in.pp, in.batch, in.concurrency, in.seq, in.gen);
}

namespace {
// Largest x in [1, hi] with fits(x), for a monotone fits (true then false); 0 when fits(1) is false.
// `total(x)` is the per-GPU total it compares: a linear guess from x = 1 and 2, then galloping and bisection
// around the guess, so a nearly linear memory curve costs a handful of evaluations instead of ~30.
template <class Total>
int64_t max_fitting(int64_t hi, double usable, Total&& total) {
    auto fits = [&](int64_t x) { return d(total(x)) <= usable; };
    const double t1 = d(total(1));
    if (t1 > usable) return 0;
    if (hi <= 1) return 1;
    const double slope = d(total(2)) - t1;
    int64_t guess = hi;
    if (slope > 0) guess = static_cast<int64_t>(std::min(d(hi), 1.0 + std::floor((usable - t1) / slope)));
    guess = std::max<int64_t>(1, std::min(guess, hi));
    int64_t lo, up;  // fits(lo), !fits(up)
    if (fits(guess)) {
        lo = guess;
        int64_t step = 1;
        for (;;) {
            if (lo == hi) return hi;
            const int64_t nx = std::min(hi, lo + step);
            if (!fits(nx)) { up = nx; break; }
            lo = nx;
            step *= 2;
        }
    } else {
        up = guess;
        int64_t step = 1;
        for (;;) {
            const int64_t nx = std::max<int64_t>(1, up - step);
            if (fits(nx)) { lo = nx; break; }
            up = nx;
            step *= 2;
        }
    }
    while (up - lo > 1) {
        const int64_t mid = lo + (up - lo) / 2;
        (fits(mid) ? lo : up) = mid;
    }
    return lo;
}
}  // namespace

InferenceInverse inference_inverse(const InferencePlan& p, const ModelConfig& m, const Inputs& in, double usable,
                                   Trace* tr) {
    InferenceInverse r;
    auto ok = [&](const InferenceMemory& x) { return d(x.total_bytes) <= usable; };
    auto at_seq = [&](int64_t x) {
        return evaluate_inference(p, in, in.tp, in.pp, in.batch, in.concurrency, x, in.gen).total_bytes;
    };
    auto at_batch = [&](int64_t x) {
        return evaluate_inference(p, in, in.tp, in.pp, x, in.concurrency, in.seq, in.gen).total_bytes;
    };
    auto at_conc = [&](int64_t x) {
        return evaluate_inference(p, in, in.tp, in.pp, in.batch, x, in.seq, in.gen).total_bytes;
    };
    // the largest value whose per-GPU total (evaluate_inference, the memory report's own function) fits; bisection.
    // Parameters only: the KV cache and activations that grow with them are not known, so there is no answer (0).
    const bool known = !m.params_only();
    const Tx max_seq = named(tr, d(r.max_seq = known ? max_fitting(100'000'000, usable, at_seq) : 0), "seq_max");
    const Tx context = r.max_seq > 0 ? max_seq + named(tr, d(in.gen), "gen") : Tx(0.0);
    r.max_context = static_cast<int64_t>(context.v);
    r.max_batch = known ? max_fitting(1'000'000, usable, at_batch) : 0;
    r.max_concurrency = known ? max_fitting(1'000'000, usable, at_conc) : 0;
    if (tr && !known) {
        const std::pair<const char*, const char*> unavailable[] = {{"inverse.max_seq", "tokens"},
                                                                  {"inverse.max_context", "tokens"},
                                                                  {"inverse.max_batch", "sequences"},
                                                                  {"inverse.max_concurrency", "requests"}};
        for (const auto& [path, unit] : unavailable)
            tr->record(path, "—", Tx(0.0), unit, "parameters only (total_params)",
                       "needs the model's dimensions: the KV cache and activations that grow with it are not known",
                       "需要模型的各维度：随之增长的 KV 缓存和激活值未知");
    } else if (tr) {
        const std::string src = "the largest value whose per-GPU total (memory.inference.total_bytes, the same "
                                "function) fits one GPU's usable memory, found by bisection";
        // what the search found: the total at the value (fits) and one above it (does not), or why nothing fits
        auto evidence = [&](const char* key, int64_t v, int64_t hi, const std::function<int64_t(int64_t)>& total,
                            bool zh) {
            const char* needs = zh ? " 需要 " : " needs ";
            if (v <= 0)
                return std::string(zh ? "都放不下：" : "nothing fits: ") + key + "=1" + needs + gb_text(d(total(1))) +
                       " > " + gb_text(usable);
            std::string s = key + std::string("=") + std::to_string(v) + needs + gb_text(d(total(v))) + " ≤ " +
                            gb_text(usable);
            if (v < hi)
                s += (zh ? "；" : "; ") + std::string(key) + "=" + std::to_string(v + 1) + needs + gb_text(d(total(v + 1)));
            else s += zh ? "（搜索的上限）" : " (the search's upper end)";
            return s;
        };
        tr->record("inverse.max_seq", "seq_max", max_seq, "tokens", src,
                   evidence("seq", r.max_seq, 100'000'000, at_seq, false),
                   evidence("seq", r.max_seq, 100'000'000, at_seq, true));
        tr->record("inverse.max_context", "context_max", context, "tokens", src,
                   "the longest prompt that fits plus the tokens generated; " +
                       evidence("seq", r.max_seq, 100'000'000, at_seq, false),
                   "放得下的最长提示词加上生成的 token；" + evidence("seq", r.max_seq, 100'000'000, at_seq, true));
        tr->record("inverse.max_batch", "batch_max", named(tr, d(r.max_batch), "batch_max"), "sequences", src,
                   evidence("batch", r.max_batch, 1'000'000, at_batch, false),
                   evidence("batch", r.max_batch, 1'000'000, at_batch, true));
        tr->record("inverse.max_concurrency", "concurrency_max", named(tr, d(r.max_concurrency), "concurrency_max"),
                   "requests", src, evidence("concurrency", r.max_concurrency, 1'000'000, at_conc, false),
                   evidence("concurrency", r.max_concurrency, 1'000'000, at_conc, true));
    }
    r.fits_one_card = ok(evaluate_inference(p, in, 1, 1, in.batch, in.concurrency, in.seq, in.gen));
    // Tensor parallelism needs tp | heads (Megatron-LM / vLLM); the smallest such tp that fits.
    for (int64_t n = 1; n <= m.num_heads; ++n) {
        if (m.num_heads % n != 0) continue;
        if (ok(evaluate_inference(p, in, n, 1, in.batch, in.concurrency, in.seq, in.gen))) { r.gpus_needed_tp = n; break; }
    }
    // Pooled: all bytes that split, divided over GPUs that each also carry the per-GPU overheads.
    const InferenceMemory one = evaluate_inference(p, in, 1, 1, in.batch, in.concurrency, in.seq, in.gen);
    const double fixed = d(one.cuda_context_bytes + one.reserve_bytes);
    const double pooled = d(one.total_bytes) - fixed;
    r.gpus_needed_pooled = usable > fixed ? saturated_gpu_count(pooled / (usable - fixed)) : 0;
    if (r.gpus_needed_pooled < 1 && usable > fixed) r.gpus_needed_pooled = 1;
    return r;
}

TrainingInverse training_inverse(const TrainingPlan& p, const Inputs& in, const TrainLayout& l, double usable) {
    TrainingInverse r;
    // per-GPU training memory grows with the sequence and the micro-batch (activations, Korthikanti et al. 2022
    // eq. 1-2): the largest fitting value by the same bisection as inference_inverse
    Inputs at = in;
    r.max_seq = max_fitting(100'000'000, usable, [&](int64_t x) {
        at.seq = x;
        return evaluate_training(p, at, l).total_bytes;
    });
    TrainLayout b = l;
    r.max_micro_batch = max_fitting(1'000'000, usable, [&](int64_t x) {
        b.micro_batch = x;
        return evaluate_training(p, in, b).total_bytes;
    });
    return r;
}

bool inference_tp_allowed(const ModelConfig& m, int64_t tp) {
    if (tp < 1 || m.num_heads % tp != 0) return false;
    if (m.attn == AttnKind::MLA) return true;
    // Gemma 4's full-attention layers have their own KV heads: both counts and tp divide one another
    for (const int64_t kvh : {m.kv_heads(), m.global_kv_heads > 0 ? m.global_kv_heads : m.kv_heads()})
        if (!(kvh % tp == 0 || tp % kvh == 0)) return false;
    return true;
}

namespace {
int64_t split_total(const InferencePlan& p, const Inputs& in, int64_t tp, int64_t pp) {
    return evaluate_inference(p, in, tp, pp, in.batch, in.concurrency, in.seq, in.gen).total_bytes;
}
}  // namespace

InferenceSplit smallest_inference_split(const InferencePlan& p, const ModelConfig& m, const Inputs& in, double usable,
                                        int64_t max_gpus) {
    InferenceSplit best;
    const int64_t tp_max = std::min({in.gpus_per_node, m.num_heads, max_gpus});
    for (int64_t tp = tp_max; tp >= 1; --tp) {  // larger tp first: it wins ties
        if (!inference_tp_allowed(m, tp)) continue;
        int64_t hi = std::min(m.num_layers, max_gpus / tp);
        if (best.tp > 0) hi = std::min(hi, (best.gpus() - 1) / tp);  // only strictly smaller splits can win
        if (hi < 1 || d(split_total(p, in, tp, hi)) > usable) continue;
        int64_t lo = 0;  // !fits(lo) (lo = 0 stands for "none"), fits(hi)
        while (hi - lo > 1) {
            const int64_t mid = lo + (hi - lo) / 2;
            (d(split_total(p, in, tp, mid)) <= usable ? hi : lo) = mid;
        }
        best = {tp, hi};
    }
    return best;
}

InferenceSplit lowest_memory_inference_split(const InferencePlan& p, const ModelConfig& m, const Inputs& in,
                                             int64_t max_gpus) {
    InferenceSplit best{1, 1};
    int64_t best_total = split_total(p, in, 1, 1);
    const int64_t tp_max = std::min({in.gpus_per_node, m.num_heads, max_gpus});
    for (int64_t tp = 1; tp <= tp_max; ++tp) {
        if (!inference_tp_allowed(m, tp)) continue;
        const int64_t pp = std::max<int64_t>(1, std::min(m.num_layers, max_gpus / tp));
        const int64_t t = split_total(p, in, tp, pp);
        if (t < best_total) { best = {tp, pp}; best_total = t; }
    }
    return best;
}

// ------------------------------------------------------------------------------------------------ training

Tx zero_shard(const Tx& replicated, int stage, int zero, const Tx& dp) {
    // Rajbhandari et al. 2020 Sec. 5 / Fig. 1: P_os (stage 1), P_os+g (2), P_os+g+p (3)
    return zero >= stage ? replicated / dp : replicated;
}

ModelStates zero_partition(const ModelStates& r, int zero, double dp) {
    return {zero_shard(r.weights, 3, zero, dp).v, zero_shard(r.gradients, 2, zero, dp).v,
            zero_shard(r.optimizer, 1, zero, dp).v, zero_shard(r.master, 1, zero, dp).v};
}

Tx korthikanti_layer_bytes(const Tx& replicated, const Tx& split, const Tx& scores, const Tx& t, bool sp) {
    // Korthikanti et al. 2022 eqs. 1, 2, 4: SP splits the replicated part too
    return sp ? (replicated + split + scores) / t : replicated + (split + scores) / t;
}
double korthikanti_layer_bytes(double replicated, double split, double scores, double t, bool sp) {
    return korthikanti_layer_bytes(Tx(replicated), Tx(split), Tx(scores), Tx(t), sp).v;
}

int64_t lora_params_per_matrix(int64_t in, int64_t out, int64_t r) { return r * (in + out); }

TrainingPlan make_training_plan(const ModelConfig& m, const ParamReport& p, const Inputs& in,
                                const WeightBytes* weights) {
    TrainingPlan t;
    t.layers = m.num_layers;
    t.params = d(p.total);
    t.embed_params = d(component(p, "embed_tokens") + component(p, "embed_positions"));
    t.head_params = m.tie_embeddings ? 0.0 : d(component(p, "lm_head"));
    t.expert_params = d(component(p, "experts"));
    t.hidden = d(m.hidden_size);
    t.vocab = d(m.vocab_size);
    t.heads = m.num_heads;
    t.window = m.sliding_window;

    const Optimizer& opt = find_optimizer(in.optimizer) ? *find_optimizer(in.optimizer) : optimizers().front();
    const OptimizerKind kind = opt.kind;
    // Bytes of one state element in the chosen precision (optimizer_states; auto = the optimizer's own) and of all
    // states of one trained parameter: Adam's m and v in fp32 = 2 x 4 (ZeRO's K = 12 with the master copy).
    const double elem = state_element_bytes(effective_states(opt, in.optimizer_states));
    const double state = opt.states * elem;
    const NumberFormat& wf = fmt(in.weights);
    t.grad_bytes = fmt(grad_dtype_name(in.grad_dtype)).bits() / 8.0;

    // Trainable parameters and the shape statistics the optimizer needs.
    double factored = 0;      // Adafactor: sum over trained matrices of (rows + cols), plus trained vectors
    double matrix_train = 0;  // Muon: trained elements in hidden (2-D, non-embedding) matrices
    const unsigned mask = lora_mask(in.lora_targets);
    const int64_t first_trained = in.finetune == Finetune::Freeze ? std::max<int64_t>(0, m.num_layers - in.freeze_train_layers)
                                                          : 0;
    t.lora = in.finetune == Finetune::Lora || in.finetune == Finetune::Qlora;
    t.full = in.finetune == Finetune::Full;
    // Per-layer statistics depend only on the layer kind (dense / MoE): computed once per kind.
    struct Kind {
        bool ready = false;
        double total = 0, experts = 0, mats = 0, factored_full = 0;    // full / freeze
        double lora = 0, lora_expert = 0, lora_factored = 0;          // LoRA adapters of this layer
    };
    std::vector<Kind> kinds(static_cast<size_t>(m.layer_kind_bound()));
    for (int64_t i = 0; i < m.num_layers; ++i) {
        Kind& k = kinds[static_cast<size_t>(m.layer_kind(i))];
        if (!k.ready) {
            const LayerParams lp = layer_params(m, i);
            k.total = d(lp.total());
            k.experts = d(lp.experts);
            for (const WeightMatrix& x : layer_matrices(m, i)) {
                const double n = d(x.in * x.out * x.count);
                k.mats += n;
                k.factored_full += d(x.count) * d(x.in + x.out);
                if (mask & (1u << (x.lora - 'a'))) {
                    const double a = d(x.count * lora_params_per_matrix(x.in, x.out, in.lora_rank));
                    k.lora += a;
                    if (x.expert) k.lora_expert += a;
                    k.lora_factored += d(x.count) * d(x.in + 2 * in.lora_rank + x.out);
                }
            }
            k.factored_full += k.total - k.mats;  // vectors: full second moment
            k.ready = true;
        }
        if (t.lora) {
            t.trainable += k.lora;
            t.trainable_expert += k.lora_expert;
            matrix_train += k.lora;
            factored += k.lora_factored;
        } else if (i >= first_trained) {
            t.trainable += k.total;
            t.trainable_expert += k.experts;
            matrix_train += k.mats;
            factored += k.factored_full;
        }
    }
    if (in.finetune == Finetune::Full) {
        const double rest = t.params - t.trainable;  // embeddings, LM head, final norm
        t.trainable = t.params;
        factored += rest;  // embeddings/head: Adafactor factors them too, but counting them in full is conservative
    }
    if (t.trainable > 0) {
        if (kind == OptimizerKind::Adafactor) t.opt_bytes_per_trainable = elem * factored / t.trainable;
        else if (kind == OptimizerKind::Muon)  // one momentum per hidden matrix element; AdamW's m, v elsewhere
            t.opt_bytes_per_trainable = (elem * matrix_train + 2.0 * elem * (t.trainable - matrix_train)) / t.trainable;
        else t.opt_bytes_per_trainable = state;
    } else {
        t.opt_bytes_per_trainable = state;
    }

    // Base weights: QLoRA keeps them in a 4-bit format (nf4 unless a quantized format is chosen).
    const NumberFormat& base = in.finetune == Finetune::Qlora && !wf.quantized ? fmt("nf4") : wf;
    t.weight_bytes_total = d(weights && &base == &wf ? weights->total : weight_bytes_detail(m, base, in.embed_16bit, in.include_mtp, in.lm_only).total);
    t.adapter_bytes_per_param = t.lora ? kAdapterBytes : 0.0;
    const bool mixed = t.lora || wf.bits() < 32.0;
    t.master_bytes = in.master_weights && mixed ? kMasterBytes : 0.0;

    if (m.params_only()) {  // one block of every parameter; its activations are not known (Report::unavailable)
        t.layers = 1;
        t.act_layers = 0;
        return t;
    }
    t.act_layers = in.finetune == Finetune::Freeze ? std::min<int64_t>(m.num_layers, in.freeze_train_layers) : m.num_layers;
    // Generalized Korthikanti per-token coefficients (bytes per s*b of one layer), averaged over layers:
    // replicated 10h; TP-split: 2 bytes x (q in + k + v + attention-out in) and the MLP intermediates
    // (plain: 2 x 2I, gated: 3 x 2I; MoE: top-k experts + shared experts). GPT-3 style (MHA, plain 4h MLP)
    // gives exactly Korthikanti's 10 + 24.
    double attn;
    if (m.attn == AttnKind::MLA) {
        const double qk = d(m.qk_nope_head_dim + m.qk_rope_head_dim);
        attn = d(m.num_heads) * (2.0 * qk + 2.0 * d(m.v_head_dim));
    } else {
        const double q = d(m.num_heads * m.head_size()), kv = d(m.kv_heads() * m.head_size());
        attn = 2.0 * q + 2.0 * kv;
    }
    int64_t sliding = 0, moe_layers = 0;
    double dense_widths = 0;  // Σ over the non-MoE layers of their dense FFN width (NAS models: each its own)
    for (int64_t i = 0; i < m.num_layers; ++i) {
        sliding += m.is_sliding_layer(i) ? 1 : 0;
        moe_layers += m.is_moe_layer(i) ? 1 : 0;
        if (!m.is_moe_layer(i)) dense_widths += d(m.dense_ffn(i));
    }
    const double w = m.mlp == MlpKind::Gated ? 6.0 : 4.0;
    const double mlp_moe = w * (d(m.experts_per_token) * d(m.moe_intermediate_size) +
                                d(m.num_shared_experts) * d(m.shared_ffn()));
    const double par = d(m.num_layers) * kActBytes * attn + w * dense_widths + d(moe_layers) * mlp_moe;
    t.act_parallel = par / d(m.num_layers);
    t.act_replicated = 10.0 * d(m.hidden_size);
    t.act_score_coeff = 5.0 * d(m.num_heads);
    t.sliding_fraction = d(sliding) / d(m.num_layers);
    return t;
}

TrainLayout layout_from_inputs(const Inputs& in) {
    TrainLayout l;
    l.tp = in.tp; l.pp = in.pp; l.dp = in.dp; l.ep = in.ep; l.cp = in.cp; l.sp = in.sp;
    l.zero = in.zero == kZeroAuto ? 0 : static_cast<int>(in.zero);  // compute() resolves auto first (resolved_zero)
    l.micro_batch = in.batch;
    l.microbatches = in.grad_accum;
    l.recompute = resolved_recompute(in);  // never Auto
    return l;
}

ParamShard param_shard(const TrainingPlan& p, const TrainLayout& l) {
    ParamShard s;
    const double L = d(p.layers);
    const double frac = std::ceil(L / d(l.pp)) / L;  // most loaded stage: ceil(L/pp) layers
    // plus the larger of the embedding (first stage) and the LM head (last stage; a tied head is a second copy
    // there, as in Megatron-LM); embedding and head are vocab-parallel over TP
    const double extra = l.pp == 1 ? p.embed_params + p.head_params
                                   : std::max(p.embed_params, p.head_params > 0 ? p.head_params : p.embed_params);
    const double layer_nonexp = std::max(0.0, p.params - p.embed_params - p.head_params - p.expert_params);
    s.params = layer_nonexp * frac / d(l.tp) + p.expert_params * frac / d(l.ep) + extra / d(l.tp);
    s.share = p.params > 0 ? s.params / p.params : 1.0;
    // freeze / LoRA / QLoRA train parts of the layers: split like them (experts' adapters over ep)
    s.trainable = p.full ? s.params
                         : (p.trainable - p.trainable_expert) / d(l.tp * l.pp) + p.trainable_expert / d(l.ep * l.pp);
    return s;
}

namespace {
const char* kZeroSource = "ZeRO, Rajbhandari et al. 2020 Sec. 5 / Fig. 1: stage 1 shards optimizer states (and the fp32 "
                          "master copy), stage 2 gradients, stage 3 parameters over the dp ranks";
const char* kShardNote = "ψ_gpu: the most loaded pipeline stage's ⌈L ÷ pp⌉ layers ÷ tp (experts ÷ ep) + the larger of "
                         "embedding and LM head ÷ tp (param_shard, as Megatron-LM places them)";
const char* kShardNoteZh = "ψ_gpu：负载最重的流水线阶段的 ⌈L ÷ pp⌉ 层 ÷ tp（专家 ÷ ep）+ 嵌入与 LM 头中较大者 ÷ tp"
                           "（param_shard，与 Megatron-LM 的放置方式相同）";

std::string states_name(const Inputs& in) {
    const Optimizer* o = find_optimizer(in.optimizer);
    return optimizer_states_name(o ? effective_states(*o, in.optimizer_states) : in.optimizer_states);
}

std::string finetune_note(const Inputs& in, bool zh = false) {
    if (in.finetune == Finetune::Lora)
        return zh ? "LoRA：只训练秩为 r 的适配器 A (r × in) 和 B (out × r)（Hu et al. 2021）"
                  : "LoRA: only the rank-r adapters A (r × in) and B (out × r) train (Hu et al. 2021)";
    if (in.finetune == Finetune::Qlora)
        return zh ? "QLoRA：冻结的 4 位基座权重，16 位适配器（Dettmers et al. 2023）"
                  : "QLoRA: 4-bit frozen base weights, 16-bit adapters (Dettmers et al. 2023)";
    if (in.finetune == Finetune::Freeze)
        return zh ? "冻结：只训练最后 freeze_train_layers 层" : "freeze: only the last freeze_train_layers layers train";
    return zh ? "全量微调 / 预训练：每个参数都训练" : "full fine-tuning / pre-training: every parameter trains";
}
}  // namespace

TrainingMemory evaluate_training(const TrainingPlan& p, const Inputs& in, const TrainLayout& l, Trace* tr) {
    TrainingMemory r;
    r.trainable_params = static_cast<int64_t>(p.trainable);
    const ParamShard shard = param_shard(p, l);
    const bool split = l.tp > 1 || l.pp > 1 || l.ep > 1;  // model parallel: this GPU holds a shard (param_shard)
    // Replicated model states of this GPU, then ZeRO over dp (stage 3 also shards the frozen base weights:
    // DeepSpeed partitions every parameter).
    const Tx N = named(tr, p.params, "N", "");
    const Tx psi = split ? named(tr, shard.params, "ψ_gpu") : N;
    const Tx share = split ? psi / N : Tx(1.0);  // = shard.share
    const Tx trainable = p.full ? psi : named(tr, shard.trainable, split ? "ψ_trainable_gpu" : "N_trainable");
    const Tx dp = named(tr, d(l.dp), "dp");
    Tx weights = named(tr, p.weight_bytes_total, "W_base", "B") * share;
    if (p.adapter_bytes_per_param > 0) weights = weights + trainable * named(tr, p.adapter_bytes_per_param, "bytes(adapter)", "B");
    const Tx weights_gpu = bytes_up(zero_shard(weights, 3, l.zero, dp));
    const Tx grads_gpu = bytes_up(zero_shard(trainable * named(tr, p.grad_bytes, "bytes(grad)", "B"), 2, l.zero, dp));
    const Tx opt_gpu = bytes_up(zero_shard(
        trainable * named(tr, p.opt_bytes_per_trainable,
                          tr ? "state_bytes(" + in.optimizer + ", " + states_name(in) + ")" : std::string(), "B"),
        1, l.zero, dp));
    const Tx master_gpu = p.master_bytes > 0
                              ? bytes_up(zero_shard(trainable * named(tr, p.master_bytes, "bytes(master)", "B"), 1, l.zero, dp))
                              : konst(tr, 0, "B");
    r.weights_bytes = static_cast<int64_t>(weights_gpu.v);
    r.gradients_bytes = static_cast<int64_t>(grads_gpu.v);
    r.optimizer_bytes = static_cast<int64_t>(opt_gpu.v);
    r.master_weights_bytes = static_cast<int64_t>(master_gpu.v);

    // Activations (Korthikanti et al. 2022, generalized; see make_training_plan) for one micro-batch of one layer.
    const Tx seq = named(tr, d(in.seq), "s");
    const Tx s_local = l.cp > 1 ? seq / named(tr, d(l.cp), "cp") : seq;  // s / 1 = s
    const Tx b = named(tr, d(l.micro_batch), "b"), t = named(tr, d(l.tp), "tp");
    const Tx rep = named(tr, p.act_replicated, "10h", "B") * s_local * b;
    const Tx par = named(tr, p.act_parallel, "A_par", "B") * s_local * b;
    Tx score;  // 0: flash attention or recompute keeps no score matrices
    if (!(in.flash_attention || l.recompute != Recompute::None)) {
        Tx keys = seq;  // keys per query, averaged over the layers (sliding layers see at most the window)
        if (p.sliding_fraction > 0) {
            const Tx f = named(tr, p.sliding_fraction, "f_sliding");
            keys = (Tx(1.0) - f) * seq + f * (p.window > 0 ? min_(seq, named(tr, d(p.window), "window")) : seq);
        }
        score = named(tr, p.act_score_coeff, "5·heads", "B") * b * s_local * keys;
    }
    const Tx layer_full = korthikanti_layer_bytes(rep, par, score, t, l.sp);
    // 1F1B: the first stage holds min(pp, microbatches) micro-batches of its ceil(L/pp) layers.
    const Tx pp = named(tr, d(l.pp), "pp");
    const Tx in_flight =
        l.pp > 1 ? min_(pp, max_(Tx(1.0), named(tr, d(l.microbatches), "grad_accum"))) : Tx(1.0);  // min(1, ·) = 1
    const Tx L = named(tr, d(p.layers), "L");
    const Tx stage_layers = l.pp > 1 ? ceil_(L / pp) : L;
    const Tx act_layers = d(p.act_layers) < stage_layers.v
                              ? min_(stage_layers, named(tr, d(p.act_layers), "L_trained"))
                              : stage_layers;  // = min(stage_layers, act_layers)
    Tx act;
    if (l.recompute == Recompute::Full) {
        // full recompute: each layer keeps its 2sbh input; one layer's full set is live while it is recomputed
        const Tx stored = konst(tr, kActBytes, "B") * named(tr, p.hidden, "h") * s_local * b / (l.sp ? t : Tx(1.0));
        act = stored * act_layers * in_flight + layer_full;
    } else {
        act = layer_full * act_layers * in_flight;
    }
    Tx logits;
    if (l.pp == 1)  // fp32 logits of the loss, vocab-parallel
        logits = konst(tr, kLogitBytes, "B") * s_local * b * named(tr, p.vocab, "V") / t;
    r.logits_bytes = to_bytes(logits.v);
    const Tx act_gpu = bytes_up(act + logits);
    r.activations_bytes = static_cast<int64_t>(act_gpu.v);

    const Tx giga = konst_text(tr, kGB, "1e9");
    const Tx context = bytes_up(named(tr, in.cuda_context_gb, "cuda_context_gb") * giga);
    const Tx comm = bytes_up(named(tr, in.comm_buffer_gb, "comm_buffer_gb") * giga);
    r.cuda_context_bytes = static_cast<int64_t>(context.v);
    r.comm_buffer_bytes = static_cast<int64_t>(comm.v);
    const Tx states = byte_sum({weights_gpu, grads_gpu, opt_gpu, master_gpu, act_gpu});
    const Tx states_t = named(tr, states.v, "states", "B");
    const Tx frag = bytes_up(named(tr, in.fragmentation_pct, "fragmentation_pct") / Tx(100.0) *
                             byte_sum({states_t, named(tr, context.v, "context", "B"), named(tr, comm.v, "buffers", "B")}));
    r.fragmentation_bytes = static_cast<int64_t>(frag.v);
    // overhead_pct means the same in both tasks: % of the memory the scenario's own data takes (inference: weights +
    // KV cache; training: model states + activations), the seeds' "add 10 %" (seed 001 / 004).
    const Tx pct = bytes_up(named(tr, in.overhead_pct, "overhead_pct") / Tx(100.0) * states_t);
    r.overhead_pct_bytes = static_cast<int64_t>(pct.v);
    const Tx overhead = byte_sum({context, comm, frag, pct});
    r.overhead_bytes = static_cast<int64_t>(overhead.v);
    // the total from the figures as reported (one leaf each), so its formula reads as the seeds' sum
    const Tx total = byte_sum({named(tr, d(r.weights_bytes), "weights", "B"), named(tr, d(r.gradients_bytes), "gradients", "B"),
                               named(tr, d(r.optimizer_bytes), "optimizer", "B"),
                               named(tr, d(r.master_weights_bytes), "master", "B"),
                               named(tr, d(r.activations_bytes), "activations", "B"),
                               named(tr, d(r.overhead_bytes), "overhead", "B")});
    r.total_bytes = static_cast<int64_t>(total.v);
    if (!tr) return r;

    // ---- the trace: each figure above with its terms, source and assumptions
    const std::string shard_note = split ? std::string("; ") + kShardNote : std::string();
    const std::string shard_note_zh = split ? std::string("；") + kShardNoteZh : std::string();
    tr->record("memory.training.weights_bytes", "weights/GPU", weights_gpu, "B",
               std::string(LLMCALC_SEED001 ": 2φ bytes for 16-bit weights; ") + kZeroSource,
               "W_base = the whole model's weight bytes in its storage format; " + finetune_note(in) + shard_note,
               "W_base = 整个模型按其存储格式的权重字节；" + finetune_note(in, true) + shard_note_zh);
    tr->record("memory.training.gradients_bytes", "gradients/GPU", grads_gpu, "B",
               std::string(LLMCALC_SEED001 "/" LLMCALC_SEED002 ": one gradient per trainable parameter; ") + kZeroSource,
               finetune_note(in) + shard_note, finetune_note(in, true) + shard_note_zh);
    const Optimizer* o = find_optimizer(in.optimizer);
    tr->record("memory.training.optimizer_bytes", "optimizer/GPU", opt_gpu, "B",
               std::string(LLMCALC_SEED001 ": Adam keeps m and v in fp32 = 8φ bytes; ") + (o ? o->source : std::string()) + "; " +
                   kZeroSource,
               "state bytes per trainable parameter (Adafactor / Muon: averaged over the factored matrices)" + shard_note,
               "每个可训练参数的状态字节（Adafactor / Muon：按分解后的矩阵取平均）" + shard_note_zh);
    if (p.master_bytes > 0)
        tr->record("memory.training.master_weights_bytes", "master/GPU", master_gpu, "B",
                   std::string(LLMCALC_SEED001 ": mixed precision keeps an fp32 master copy (Micikevicius et al. 2018); ") +
                       kZeroSource, shard_note.empty() ? "" : shard_note.substr(2),
                   split ? std::string(kShardNoteZh) : std::string());
    else
        tr->record("memory.training.master_weights_bytes", "master/GPU", master_gpu, "B",
                   "Micikevicius et al. 2018 (mixed precision): fp32 master copy",
                   in.master_weights ? "fp32 weights need no separate master copy" : "master_weights=false: no fp32 copy",
                   in.master_weights ? "fp32 权重不需要另存一份主权重" : "master_weights=false：不保留 fp32 副本");
    std::string note = "activations of one micro-batch for the layers of one pipeline stage; 10h = replicated bytes "
                       "per token of a layer, A_par = the TP-split bytes per token averaged over the layers";
    std::string note_zh = "一个微批在一个流水线阶段各层上的激活值；10h = 一层每个 token 的复制字节，"
                          "A_par = 各层平均每个 token 按 TP 切分的字节";
    if (l.pp > 1) {
        note += " × min(pp, grad_accum) micro-batches in flight (1F1B)";
        note_zh += " × 同时在途的 min(pp, grad_accum) 个微批（1F1B）";
    }
    if (l.recompute == Recompute::Full) {
        note += "; full recompute keeps each layer's 2sbh input and one layer's full set";
        note_zh += "；完全重计算只保留每层的 2sbh 输入和一层的全部激活";
    }
    if (l.recompute == Recompute::Selective) {
        note += "; selective recompute drops the score matrices (Korthikanti Sec. 4.2)";
        note_zh += "；选择性重计算丢弃注意力分数矩阵（Korthikanti 第 4.2 节）";
    }
    if (l.pp == 1) {
        note += "; + fp32 logits of the loss (4 × s × b × V ÷ tp)";
        note_zh += "；+ 损失的 fp32 logits（4 × s × b × V ÷ tp）";
    }
    tr->record("memory.training.activations_bytes", "activations/GPU", act_gpu, "B",
               "Korthikanti et al. 2022 (arXiv:2205.05198) eqs. 1-4 generalized: per layer 10h replicated bytes per token "
               "(norm inputs, dropout masks) + TP-split bytes (attention projections' inputs and MLP intermediates; "
               "GPT-3 shapes give 24h) + 5 × heads × s score bytes without flash attention; " LLMCALC_SEED004 ": b × s × h × (34 + 5 "
               "× s × a ÷ h)",
               note, note_zh);
    tr->record("memory.training.overhead_bytes", "overhead/GPU", overhead, "B",
               "named inputs: cuda_context_gb (CUDA context, framework), comm_buffer_gb (NCCL / DDP buckets), "
               "fragmentation_pct of everything else, overhead_pct of the states; " LLMCALC_SEED001 ": other overheads",
               "states = weights + gradients + optimizer + master + activations",
               "states = 权重 + 梯度 + 优化器状态 + 主权重 + 激活值");
    tr->record("memory.training.total_bytes", "total/GPU", total, "B", LLMCALC_SEED001 ": parameters + gradients + optimizer states + activations (+ other overhead)");
    return r;
}

TrainingMemory training_memory(const ModelConfig& m, const ParamReport& p, const Inputs& in) {
    return evaluate_training(make_training_plan(m, p, in), in, layout_from_inputs(in));
}

}  // namespace llmcalc
