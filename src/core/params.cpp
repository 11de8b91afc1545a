// Parameter counting. Shapes follow the Hugging Face `transformers` modeling files of each family
// (modeling_gpt2, modeling_llama, modeling_qwen2/3, modeling_gemma2/3, modeling_mixtral, modeling_deepseek_v3,
// modeling_gpt_oss); a Linear(in, out) holds in*out weights (+ out biases).
//
// Each count is computed once, as a traced number (trace.hpp): without a Trace it is plain double arithmetic on
// whole numbers below kMaxParams = 1e15 < 2^53 (magnitude.hpp), so exact; with one, the same code records the
// formula that params.by_component.<name> is explained by (issue #10).
#include "params.hpp"
#include "sources.hpp"

#include <string>

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }
int64_t i64(const Tx& x) { return static_cast<int64_t>(x.v); }

// One layer's parameters by component, traced (the fields of LayerParams).
struct LayerTx {
    Tx attn_q, attn_k, attn_v, attn_o, attn_bias, attn_extra, norms, mlp, experts, expert_one, shared_experts, router,
        moe_latent, linear_attn, linear_attn_matrices, indexer, per_layer_input;
};

// Model dimensions as named operands of the traced counts.
struct Dims {
    const ModelConfig& m;
    const Trace* t;
    // a Gemma 4 full-attention layer (model.hpp global_attention_layer): its own head size, KV heads, K = V
    bool global = false;
    Tx operator()(int64_t v, const char* sym) const { return named(t, d(v), sym); }
    Tx h() const { return (*this)(m.hidden_size, "h"); }
    Tx head_dim() const {
        return global && m.global_head_dim > 0 ? (*this)(m.global_head_dim, "head_dim_global")
                                               : (*this)(m.head_size(), "head_dim");
    }
    Tx kv_heads() const {
        return global && m.global_kv_heads > 0 ? (*this)(m.global_kv_heads, "kv_heads_global")
                                               : (*this)(m.kv_heads(), "kv_heads");
    }
    // modeling_gemma4.Gemma4TextAttention: v_proj is None when attention_k_eq_v on a full-attention layer
    bool v_proj() const { return !(global && m.global_k_eq_v); }
};
// The Dims of layer i (its attention shape).
Dims layer_dims(const ModelConfig& m, const Trace* t, int64_t i) { return Dims{m, t, m.global_attention_layer(i)}; }

// ------------------------------------------------------------------------------------- the weight matrices
// The one enumeration of a layer's weight matrices (2-D Linear weights, HF modeling files' shapes): the parameter
// count sums them per component (layer_tx) and weight memory stores each by its format (memory.cpp, through
// layer_matrices), so a shape is written once and the two cannot drift (issue #10).
enum class Part { AttnQ, AttnK, AttnV, AttnO, Indexer, LinearAttn, Mlp, Experts, SharedExperts, PerLayerInput,
                  MoeLatent };
const char* const kPartNames[] = {"attn_q", "attn_k", "attn_v", "attn_o", "indexer", "linear_attn", "mlp",
                                  "experts", "shared_experts", "per_layer_input", "moe_latent"};

struct MatTx {
    const char* name;  // the tensor's name in the modeling file
    Part part;
    TensorRole role;   // which GGUF recipe rule stores it (formats.hpp)
    Tx in, out;        // Linear(in, out): in × out weights
    Tx count = Tx(1.0);
    bool expert = false;  // a routed expert's
    char lora = 'x';      // LoRA target letter (q k v o g u d); 'x': not a LoRA target
};
using Mats = std::vector<MatTx>;

// a × b as one left-to-right product chain: h × (heads × head_dim) is written h × heads × head_dim (the values are
// whole numbers below 2^53, so the order of the multiplications does not change them).
Tx chain(const Tx& a, const Tx& b) {
    if (b.node && b.node->kind == TxNode::Mul)
        return chain(a, Tx(b.node->a->v, b.node->a)) * Tx(b.node->b->v, b.node->b);
    return a * b;
}

// Σ in × out over the matrices of `part`, matrices of one shape counted together (an MLP's gate, up and down:
// 3 × h × I). Counts (experts) are applied by the caller.
Tx part_sum(const Mats& mats, Part part) {
    auto same = [](const Tx& a, const Tx& b) { return a.v == b.v && a.node == b.node; };
    std::vector<std::pair<double, const MatTx*>> terms;
    for (const MatTx& x : mats) {
        if (x.part != part) continue;
        bool merged = false;
        for (auto& t : terms)
            if ((same(t.second->in, x.in) && same(t.second->out, x.out)) ||
                (same(t.second->in, x.out) && same(t.second->out, x.in))) {
                t.first += 1;
                merged = true;
                break;
            }
        if (!merged) terms.emplace_back(1.0, &x);
    }
    Tx sum;
    for (const auto& t : terms) sum = sum + chain(chain(Tx(t.first), t.second->in), t.second->out);
    return sum;
}

// modeling_llama.LlamaAttention (and its GQA / gated variants): q_proj h -> heads x head_dim, k_proj and v_proj
// h -> kv_heads x head_dim, o_proj heads x head_dim -> h. Gated attention (modeling_qwen3_next.Qwen3NextAttention:
// q_proj h -> heads x head_dim x 2 when attn_output_gate; the second half is the sigmoid gate on the attention
// output, Qiu et al. 2025 arXiv:2505.06708).
// MLA: DeepSeek-V2 paper (arXiv:2405.04434) Sec. 2.1 eqs. 9-19; shapes of modeling_deepseek_v3.DeepseekV3Attention:
// q_a_proj h->q_lora_rank, q_b_proj -> heads*(nope+rope) (or q_proj h -> heads*(nope+rope)); kv_a_proj_with_mqa
// h->(kv_lora_rank+rope), kv_b_proj kv_lora_rank -> heads*(nope+v); o_proj heads*v -> h.
Mats attention_matrices(const Dims& D) {
    const ModelConfig& m = D.m;
    const Tx h = D.h(), heads = D(m.num_heads, "heads");
    if (m.attn != AttnKind::MLA) {
        // Gemma 4's full-attention layers: global_head_dim, num_global_key_value_heads, no v_proj with
        // attention_k_eq_v (modeling_gemma4.Gemma4TextAttention.__init__)
        const Tx kvh = D.kv_heads(), hd = D.head_dim();
        Mats out = {{"q_proj", Part::AttnQ, TensorRole::AttnQ, h,
                     m.attn_output_gate ? heads * hd * Tx(2.0) : heads * hd, Tx(1.0), false, 'q'},
                    {"k_proj", Part::AttnK, TensorRole::AttnK, h, kvh * hd, Tx(1.0), false, 'k'}};
        if (D.v_proj()) out.push_back({"v_proj", Part::AttnV, TensorRole::AttnV, h, kvh * hd, Tx(1.0), false, 'v'});
        out.push_back({"o_proj", Part::AttnO, TensorRole::AttnOutput, heads * hd, h, Tx(1.0), false, 'o'});
        return out;
    }
    const Tx nope = D(m.qk_nope_head_dim, "d_nope"), rope = D(m.qk_rope_head_dim, "d_rope"),
             r_kv = D(m.kv_lora_rank, "r_kv"), dv = D(m.v_head_dim, "d_v");
    Mats out;
    if (m.q_lora_rank > 0) {
        const Tx r_q = D(m.q_lora_rank, "r_q");
        out.push_back({"q_a_proj", Part::AttnQ, TensorRole::Other, h, r_q, Tx(1.0), false, 'q'});
        out.push_back({"q_b_proj", Part::AttnQ, TensorRole::Other, r_q, heads * (nope + rope), Tx(1.0), false, 'q'});
    } else {
        out.push_back({"q_proj", Part::AttnQ, TensorRole::Other, h, heads * (nope + rope), Tx(1.0), false, 'q'});
    }
    out.push_back({"kv_a_proj_with_mqa", Part::AttnK, TensorRole::Other, h, r_kv + rope, Tx(1.0), false, 'k'});
    out.push_back({"kv_b_proj", Part::AttnV, TensorRole::Other, r_kv, heads * (nope + dv), Tx(1.0), false, 'v'});
    out.push_back({"o_proj", Part::AttnO, TensorRole::AttnOutput, heads * dv, h, Tx(1.0), false, 'o'});
    return out;
}

// DeepSeek-V3.2-Exp inference/model.py class Indexer: wq_b q_lora_rank -> index_n_heads x index_head_dim (reads
// the query latent), wk h -> index_head_dim (one key head shared by all indexer heads), weights_proj h ->
// index_n_heads (per-head weights).
Mats indexer_matrices(const Dims& D) {
    const ModelConfig& m = D.m;
    if (!m.has_indexer()) return {};
    const Tx h = D.h(), hi = D(m.index_n_heads, "H_I"), di = D(m.index_head_dim, "d_I");
    const Tx q_in = m.q_lora_rank > 0 ? D(m.q_lora_rank, "r_q") : h;
    return {{"wq_b", Part::Indexer, TensorRole::Other, q_in, hi * di},
            {"wk", Part::Indexer, TensorRole::Other, h, di},
            {"weights_proj", Part::Indexer, TensorRole::Other, h, hi}};
}

// modeling_qwen3_next.Qwen3NextGatedDeltaNet: key_dim = Hk x dk, value_dim = Hv x dv; in_proj_qkvz h -> 2 key_dim
// + 2 value_dim, in_proj_ba h -> 2 Hv, out_proj value_dim -> h (no biases). (Qwen3.5 splits in_proj_qkvz /
// in_proj_ba into four: the same counts.)
Mats gated_deltanet_matrices(const Dims& D) {
    const ModelConfig& m = D.m;
    const Tx h = D.h(), hv = D(m.linear_num_value_heads, "Hv"), dv = D(m.linear_value_head_dim, "dv");
    const Tx key_dim = D(m.linear_num_key_heads, "Hk") * D(m.linear_key_head_dim, "dk"), value_dim = hv * dv;
    return {{"in_proj_qkvz", Part::LinearAttn, TensorRole::Other, h, Tx(2.0) * key_dim + Tx(2.0) * value_dim,
             Tx(1.0), false, 'q'},
            {"in_proj_ba", Part::LinearAttn, TensorRole::Other, h, Tx(2.0) * hv, Tx(1.0), false, 'q'},
            {"out_proj", Part::LinearAttn, TensorRole::AttnOutput, value_dim, h, Tx(1.0), false, 'o'}};
}

// modeling_nemotron_h.NemotronHMamba2Mixer: intermediate I = mamba_num_heads x mamba_head_dim; conv_dim = I +
// 2 n_groups ssm_state_size; in_proj h -> I + conv_dim + heads (z, xBC, dt); out_proj I -> h.
Mats mamba2_matrices(const Dims& D) {
    const ModelConfig& m = D.m;
    const Tx h = D.h(), heads = D(m.mamba_num_heads, "heads");
    const Tx inner = heads * D(m.mamba_head_dim, "head_dim");
    const Tx conv_dim = inner + Tx(2.0) * D(m.mamba_groups, "G") * D(m.mamba_state_size, "N");
    return {{"in_proj", Part::LinearAttn, TensorRole::Other, h, inner + conv_dim + heads, Tx(1.0), false, 'q'},
            {"out_proj", Part::LinearAttn, TensorRole::AttnOutput, inner, h, Tx(1.0), false, 'o'}};
}

// The width a routed expert reads and writes: h, or a latent MoE's latent width ℓ
// (modeling_nemotron_h.NemotronHMoE: the experts run between fc1_latent_proj and fc2_latent_proj).
Tx expert_io_tx(const Dims& D) { return D.m.moe_latent_size > 0 ? D(D.m.moe_latent_size, "latent") : D.h(); }

// One MLP of width I (modeling_llama.LlamaMLP; GPT-2 c_fc / c_proj): Gated = gate_proj + up_proj (h -> I each) +
// down_proj (I -> h); Plain = up + down. `count` copies (routed / shared experts). A routed expert (`expert`) reads
// and writes expert_io_tx instead of h.
Mats mlp_matrices(const Dims& D, const Tx& width, Part part = Part::Mlp, const Tx& count = Tx(1.0),
                  bool expert = false) {
    const Tx h = expert ? expert_io_tx(D) : D.h();
    Mats out;
    if (D.m.mlp == MlpKind::Gated)
        out.push_back({"gate_proj", part, TensorRole::FfnGate, h, width, count, expert, 'g'});
    out.push_back({"up_proj", part, TensorRole::FfnUp, h, width, count, expert, 'u'});
    out.push_back({"down_proj", part, TensorRole::FfnDown, width, h, count, expert, 'd'});
    return out;
}

// Gemma 4's per-layer input (modeling_gemma4.Gemma4TextDecoderLayer with hidden_size_per_layer_input p):
// per_layer_input_gate h -> p and per_layer_projection p -> h, no biases.
Mats per_layer_input_matrices(const Dims& D) {
    if (D.m.per_layer_input <= 0) return {};
    const Tx h = D.h(), p = D(D.m.per_layer_input, "p");
    return {{"per_layer_input_gate", Part::PerLayerInput, TensorRole::Other, h, p},
            {"per_layer_projection", Part::PerLayerInput, TensorRole::Other, p, h}};
}

// Latent MoE (NVIDIA Nemotron-3 Super; modeling_nemotron_h.NemotronHMoE): fc1_latent_proj Linear(h, ℓ) and
// fc2_latent_proj Linear(ℓ, h) around the routed experts, ℓ = moe_latent_size; none without a latent width.
Mats moe_latent_matrices(const Dims& D) {
    if (D.m.moe_latent_size <= 0) return {};
    const Tx h = D.h(), latent = expert_io_tx(D);
    return {{"fc1_latent_proj", Part::MoeLatent, TensorRole::Other, h, latent},
            {"fc2_latent_proj", Part::MoeLatent, TensorRole::Other, latent, h}};
}

// Every weight matrix of a layer of the given shape (dense_width: its dense FFN's width, 0: intermediate_size).
Mats layer_matrices_tx(const Dims& D, Mixer mixer, bool moe, bool ffn, int64_t dense_width) {
    const ModelConfig& m = D.m;
    Mats out;
    auto add = [&](Mats more) { out.insert(out.end(), more.begin(), more.end()); };
    if (mixer == Mixer::Attention) {
        add(attention_matrices(D));
        add(indexer_matrices(D));
    } else if (mixer == Mixer::GatedDeltaNet) {
        add(gated_deltanet_matrices(D));
    } else if (mixer == Mixer::Mamba2) {
        add(mamba2_matrices(D));
    }
    add(per_layer_input_matrices(D));
    if (!ffn) return out;
    auto mlp = [&](int64_t width, const char* sym, const Tx& count, Part part, bool expert) {
        if (count.v > 0 && width > 0) add(mlp_matrices(D, D(width, sym), part, count, expert));
    };
    if (moe) {
        mlp(m.moe_intermediate_size, "I_expert", D(m.num_experts, "experts"), Part::Experts, true);
        mlp(m.shared_ffn(), "I_shared", D(m.num_shared_experts, "shared"), Part::SharedExperts, false);
        add(moe_latent_matrices(D));
    } else {
        mlp(dense_width > 0 ? dense_width : m.dense_ffn(), "I", Tx(1.0), Part::Mlp, false);
    }
    return out;
}

// A norm over `dim` features: RMSNorm weight (dim), LayerNorm with bias weight + bias (2 dim).
Tx norm_tx(const ModelConfig& m, const Tx& dim) {
    return m.norm == NormKind::LayerNorm && m.norm_bias ? Tx(2.0) * dim : dim;
}

// One MLP of width I: its matrices (mlp_matrices: (ups + 1) × h × I weights) and, with biases, ups × I + h more
// (a routed expert: its in/out width expert_io_tx for h).
Tx mlp_tx(const Dims& D, const Tx& width, bool expert = false) {
    const ModelConfig& m = D.m;
    const double ups = m.mlp == MlpKind::Gated ? 2 : 1;
    const Tx weights = part_sum(mlp_matrices(D, width, Part::Mlp, Tx(1.0), expert), Part::Mlp);
    return m.mlp_bias ? weights + Tx(ups) * width + (expert ? expert_io_tx(D) : D.h()) : weights;
}

// The four attention projections of a layer (attention_matrices), by component.
void attention_projections(const Dims& D, LayerTx& p) {
    const Mats mats = attention_matrices(D);
    p.attn_q = part_sum(mats, Part::AttnQ);
    p.attn_k = part_sum(mats, Part::AttnK);
    p.attn_v = part_sum(mats, Part::AttnV);
    p.attn_o = part_sum(mats, Part::AttnO);
}

// modeling_llama.LlamaAttention (and its GQA / biased / normed variants): the projections (attention_matrices),
// biases, q/k norms and sinks.
void standard_attention(const Dims& D, LayerTx& p) {
    const ModelConfig& m = D.m;
    const Tx h = D.h(), heads = D(m.num_heads, "heads"), kvh = D.kv_heads(), hd = D.head_dim();
    attention_projections(D, p);
    // q/k/v biases (Qwen2: qkv_bias) and the o_proj bias (GPT-2 c_proj, gpt-oss)
    p.attn_bias = (m.qkv_bias ? heads * hd + Tx(2.0) * kvh * hd : Tx(0.0)) + (m.o_bias ? h : Tx(0.0));
    // q_norm and k_norm over head_dim (Qwen3, OLMo-2 style) or, MiniMax-M2's qk_norm_type "per_layer", over the whole
    // projection (modeling_minimax_m2.MiniMaxM2Attention: q_norm heads x d, k_norm kv_heads x d); gpt-oss's per-head
    // attention sinks
    const Tx qk_norms = !m.qk_norm ? Tx(0.0)
                        : m.qk_norm_full ? norm_tx(m, heads * hd) + norm_tx(m, kvh * hd)
                                         : Tx(2.0) * norm_tx(m, hd);
    p.attn_extra = qk_norms + (m.attn_sinks ? heads : Tx(0.0));
}

// MLA (DeepSeek-V2 paper, arXiv:2405.04434, Sec. 2.1 eqs. 9-19; modeling_deepseek_v3.DeepseekV3Attention): the
// projections (attention_matrices), q_a_layernorm, kv_a_layernorm and biases.
void mla_attention(const Dims& D, LayerTx& p) {
    const ModelConfig& m = D.m;
    const Tx h = D.h(), rope = D(m.qk_rope_head_dim, "d_rope"), r_kv = D(m.kv_lora_rank, "r_kv");
    attention_projections(D, p);
    if (m.q_lora_rank > 0) p.attn_extra = norm_tx(m, D(m.q_lora_rank, "r_q"));
    p.attn_extra = p.attn_extra + norm_tx(m, r_kv);
    p.attn_bias = (m.qkv_bias ? D(m.q_lora_rank, "r_q") + r_kv + rope : Tx(0.0)) + (m.o_bias ? h : Tx(0.0));
}

// DeepSeek-V3.2-Exp inference/model.py class Indexer: its projections (indexer_matrices) and k_norm, a LayerNorm
// over index_head_dim (weight + bias); no biases. Checked: 62 layers (61 + MTP) of these on DeepSeek-V3's shapes
// give DeepSeek-V3.2's Hub total 685,355,329,792. `matrices`: the projection part (wq_b, wk, weights_proj).
Tx indexer_tx(const Dims& D, Tx* matrices) {
    const ModelConfig& m = D.m;
    if (!m.has_indexer()) { if (matrices) *matrices = Tx(0.0); return Tx(0.0); }
    const Tx mats = part_sum(indexer_matrices(D), Part::Indexer);
    if (matrices) *matrices = mats;
    return mats + Tx(2.0) * D(m.index_head_dim, "d_I");
}

Tx gated_deltanet_tx(const Dims& D, Tx* matrices) {
    // modeling_qwen3_next.Qwen3NextGatedDeltaNet: the projections (gated_deltanet_matrices); depthwise conv1d over
    // conv_dim = 2 key_dim + value_dim channels (key_dim = Hk x dk, value_dim = Hv x dv), kernel K, no bias; dt_bias
    // and A_log (Hv each); gated RMSNorm over dv.
    const ModelConfig& m = D.m;
    const Tx hv = D(m.linear_num_value_heads, "Hv"), dv = D(m.linear_value_head_dim, "dv");
    const Tx key_dim = D(m.linear_num_key_heads, "Hk") * D(m.linear_key_head_dim, "dk"), value_dim = hv * dv;
    const Tx conv_dim = Tx(2.0) * key_dim + value_dim;
    const Tx mats = part_sum(gated_deltanet_matrices(D), Part::LinearAttn);
    if (matrices) *matrices = mats;
    return mats + conv_dim * D(m.linear_conv_kernel, "K") + Tx(2.0) * hv + dv;
}

Tx mamba2_tx(const Dims& D, Tx* matrices) {
    // modeling_nemotron_h.NemotronHMamba2Mixer: the projections (mamba2_matrices: in_proj h -> I + conv_dim + heads,
    // out_proj I -> h), their biases when use_bias; depthwise conv1d (conv_dim x K, + conv_dim bias when
    // use_conv_bias); dt_bias, A_log, D (heads each); gated RMSNorm over I.
    const ModelConfig& m = D.m;
    const Tx h = D.h(), heads = D(m.mamba_num_heads, "heads");
    const Tx inner = heads * D(m.mamba_head_dim, "head_dim");
    const Tx conv_dim = inner + Tx(2.0) * D(m.mamba_groups, "G") * D(m.mamba_state_size, "N");
    const Tx proj = inner + conv_dim + heads;
    const Tx mats = part_sum(mamba2_matrices(D), Part::LinearAttn);
    if (matrices) *matrices = mats;
    return mats + (m.mamba_proj_bias ? proj + h : Tx(0.0)) + conv_dim * D(m.mamba_conv_kernel, "K") +
           (m.mamba_conv_bias ? conv_dim : Tx(0.0)) + Tx(3.0) * heads + inner;
}

// The pre/post norms of one layer (input_layernorm, post_attention_layernorm; Gemma-2/3's four) and Gemma 4's
// layer_scalar (a stored one-element buffer, Gemma4TextDecoderLayer.register_buffer("layer_scalar", ones(1))).
Tx layer_norms_tx(const Dims& D) {
    return D(D.m.norms_per_layer, "norms_per_layer") * norm_tx(D.m, D.h()) + (D.m.layer_scalar ? Tx(1.0) : Tx(0.0));
}

// The norms an MoE layer has beyond those (Gemma4TextDecoderLayer with enable_moe_block: post_feedforward_layernorm_1,
// post_feedforward_layernorm_2, pre_feedforward_layernorm_2).
Tx moe_norms_tx(const Dims& D) { return D(D.m.moe_norms, "moe_norms") * norm_tx(D.m, D.h()); }

// Gemma 4's per-layer input of one layer: its two matrices (per_layer_input_matrices) and post_per_layer_input_norm
// over h (modeling_gemma4.Gemma4TextDecoderLayer).
Tx per_layer_input_tx(const Dims& D) {
    if (D.m.per_layer_input <= 0) return Tx(0.0);
    return part_sum(per_layer_input_matrices(D), Part::PerLayerInput) + norm_tx(D.m, D.h());
}

// Gemma 4's per-layer embeddings outside the layers (modeling_gemma4.Gemma4TextModel with hidden_size_per_layer_input
// p): the table embed_tokens_per_layer Embedding(vocab_size_per_layer_input, L x p), and per_layer_model_projection
// h -> L x p with per_layer_projection_norm over p.
Tx per_layer_table_tx(const Dims& D) {
    const ModelConfig& m = D.m;
    if (m.per_layer_input <= 0) return Tx(0.0);
    return D(m.per_layer_vocab, "V_p") * D(m.num_layers, "L") * D(m.per_layer_input, "p");
}
Tx per_layer_model_projection_tx(const Dims& D) {
    const ModelConfig& m = D.m;
    if (m.per_layer_input <= 0) return Tx(0.0);
    return D.h() * D(m.num_layers, "L") * D(m.per_layer_input, "p") + norm_tx(m, D(m.per_layer_input, "p"));
}

// DeciLM (modeling_decilm.DeciLMDecoderLayer, NAS block_configs): input_layernorm only before an attention that is
// not a no-op, post_attention_layernorm only before an FFN that is not.
Tx sublayer_norms_tx(const Dims& D, Mixer mixer, bool ffn) {
    return Tx((mixer != Mixer::None ? 1.0 : 0.0) + (ffn ? 1.0 : 0.0)) * norm_tx(D.m, D.h());
}

// A layer of the given shape, by component; dense_width: its dense FFN's width (0: intermediate_size; NAS models
// pass the layer's own, model.hpp dense_ffn(i)).
LayerTx layer_tx(const Dims& D, Mixer mixer, bool moe, bool ffn, int64_t dense_width = 0) {
    const ModelConfig& m = D.m;
    LayerTx p;
    if (mixer == Mixer::Attention) {
        if (m.attn == AttnKind::MLA) mla_attention(D, p);
        else standard_attention(D, p);
        p.indexer = indexer_tx(D, nullptr);
    } else if (mixer == Mixer::GatedDeltaNet) {
        p.linear_attn = gated_deltanet_tx(D, &p.linear_attn_matrices);
    } else if (mixer == Mixer::Mamba2) {
        p.linear_attn = mamba2_tx(D, &p.linear_attn_matrices);
    }
    p.norms = D.m.norm_per_sublayer ? sublayer_norms_tx(D, mixer, ffn) : layer_norms_tx(D);
    p.per_layer_input = per_layer_input_tx(D);
    if (!ffn) return p;
    if (moe) {
        p.expert_one = mlp_tx(D, D(m.moe_intermediate_size, "I_expert"), true);
        p.experts = D(m.num_experts, "experts") * p.expert_one;
        // Qwen2-MoE's shared_expert_gate: Linear(h, 1) without bias
        p.shared_experts = D(m.num_shared_experts, "shared") * mlp_tx(D, D(m.shared_ffn(), "I_shared")) +
                           (m.shared_expert_gate ? D.h() : Tx(0.0));
        // the router (gate) Linear(h, experts), with a bias in gpt-oss; Gemma4TextRouter's scale (h) and
        // per_expert_scale (experts)
        p.router = D.h() * D(m.num_experts, "experts") + (m.router_bias ? D(m.num_experts, "experts") : Tx(0.0)) +
                   (m.router_scales ? D.h() + D(m.num_experts, "experts") : Tx(0.0));
        p.norms = p.norms + moe_norms_tx(D);
        // latent MoE: fc1_latent_proj h -> ℓ and fc2_latent_proj ℓ -> h (moe_latent_matrices), biased when mlp_bias
        // (modeling_nemotron_h.NemotronHMoE: bias=config.mlp_bias)
        if (m.moe_latent_size > 0)
            p.moe_latent = part_sum(moe_latent_matrices(D), Part::MoeLatent) +
                           (m.mlp_bias ? expert_io_tx(D) + D.h() : Tx(0.0));
    } else {
        p.mlp = mlp_tx(D, D(dense_width > 0 ? dense_width : m.dense_ffn(), "I"));
    }
    return p;
}

// One DeepSeek / Qwen3-Next MTP module (see mtp_module_params).
Tx mtp_module_tx(const Dims& D) {
    // DeepSeek-V3 technical report (arXiv:2412.19437) Sec. 2.2: each MTP module has an embedding, an output head,
    // a projection M (2h -> h), one Transformer block and RMSNorms. The released checkpoint stores its own copy of
    // the embedding and head in layer 61, which is how 671B main + MTP = 685B total on the model card.
    // Qwen3-Next / Qwen3.5 (vLLM qwen3_next_mtp.py; Qwen3-Next-80B-A3B's safetensors total 81,324,862,720 =
    // 79,674,391,296 main + this): fc 2h -> h, pre_fc_norm_embedding, pre_fc_norm_hidden, one full-attention layer,
    // a final norm, the embedding and head shared with the main model (mtp_own_embeddings false).
    // Nemotron-H (vLLM nemotron_h_mtp.py NemotronHMultiTokenPredictor; mtp_hybrid_override_pattern "*E"): the
    // blocks of the pattern, each a NemotronHBlock with its own norm (an attention block, a MoE block), enorm and
    // hnorm before eh_proj (2h -> h) and a final_layernorm; the embedding and head are shared. Checked: Nemotron-3
    // Super's MTP module is 2,942,324,736 of the Hub total 123,611,012,096.
    const ModelConfig& m = D.m;
    const Tx h = D.h();
    int64_t blocks = 0;
    for (const BlockShape& b : mtp_block_shapes(m)) blocks += shaped_layer_params(m, b.mixer, b.moe, b.ffn).total();
    const Tx block = D(blocks, "P_block");
    const Tx own = m.mtp_own_embeddings ? Tx(2.0) * D(m.vocab_size, "V") * h : Tx(0.0);
    return block + Tx(3.0) * norm_tx(m, h) + Tx(2.0) * h * h + own;
}

// A multimodal checkpoint's vision encoder: transformers modeling_siglip.SiglipVisionTransformer (SigLIP, Zhai et
// al. 2023, arXiv:2303.15343; a ViT, Dosovitskiy et al. 2021). SiglipVisionEmbeddings: patch_embedding Conv2d(C -> H,
// p x p) with bias and position_embedding ((image / p)^2 positions x H); each SiglipEncoderLayer: q, k, v, out_proj
// H -> H with biases, layer_norm1 / layer_norm2 (LayerNorm with bias), mlp fc1 H -> I and fc2 I -> H with biases;
// post_layernorm. Checked: Gemma 3's tower (1152, 4304, 27 layers, patch 14, image 896) + its projector is the
// 423,060,336 between gemma-3-27b-it's checkpoint total and its language model.
// The Qwen3-VL / Qwen3.5 tower (transformers modeling_qwen3_5.Qwen3_5VisionModel, as Qwen3VLVisionModel without
// deepstack mergers) has the same layer: attn.qkv H -> 3H and attn.proj H -> H with biases, norm1 / norm2 LayerNorms,
// mlp linear_fc1 / linear_fc2 with biases; its patch_embed is a Conv3d(C -> H, T x p x p) with bias, its pos_embed
// an Embedding(num_position_embeddings, H), and it has no post LayerNorm. Checked: Qwen3.5-397B-A17B's vision
// tensors, 456,010,480 elements in a public checkpoint audit.
Tx vision_encoder_tx(const Dims& D) {
    const ModelConfig& m = D.m;
    if (!m.has_vision()) return Tx(0.0);
    const Tx H = D(m.vision_hidden, "H_v"), I = D(m.vision_intermediate, "I_v"), p = D(m.vision_patch, "p");
    const Tx layer = Tx(4.0) * (H * H + H) + Tx(4.0) * H + H * I + I + I * H + H;
    if (m.vision_kind == VisionKind::QwenViT) {
        const Tx embed = D(m.vision_channels, "C") * D(m.vision_temporal_patch, "T") * p * p * H + H +
                         D(m.vision_positions, "positions") * H;
        return embed + D(m.vision_layers, "L_v") * layer;
    }
    if (m.vision_kind == VisionKind::Pixtral) {
        // modeling_pixtral.PixtralVisionModel: patch_conv Conv2d(C -> H, p x p) without bias, ln_pre RMSNorm; each
        // PixtralAttentionLayer: attention_norm and ffn_norm RMSNorms, q/k/v/o H -> H and a gated feed_forward
        // (gate, up H -> I, down I -> H), no biases; 2D RoPE (no table). Checked with the projector below:
        // Mistral-Small-3.1/3.2-24B's 438,958,080 between the checkpoint total and its language model.
        const Tx pixtral_layer = Tx(4.0) * H * H + Tx(3.0) * H * I + Tx(2.0) * H;
        return D(m.vision_channels, "C") * p * p * H + H + D(m.vision_layers, "L_v") * pixtral_layer;
    }
    if (m.vision_kind == VisionKind::Gemma4) {
        // modeling_gemma4.Gemma4VisionModel: patch_embedder.input_proj C·p² -> H (no bias) and
        // position_embedding_table 2 x position_embedding_size x H; each Gemma4VisionEncoderLayer: q_proj H -> heads
        // x d, k_proj / v_proj H -> kv_heads x d, o_proj heads x d -> H (no biases), q_norm and k_norm over d (v_norm
        // has no weight), a gated mlp (gate, up H -> I, down I -> H), four RMSNorms over H; with standardize the
        // stored std_bias and std_scale (H each). No post norm. Checked with the embedder below: gemma-4-26B-A4B-it's
        // and gemma-4-31B-it's Hub totals.
        const Tx heads = D(m.vision_heads, "heads_v"), kvh = D(m.vision_kv_heads, "kv_heads_v"),
                 hd = D(m.vision_head_dim, "d_v");
        const Tx g4_layer = Tx(2.0) * H * heads * hd + Tx(2.0) * H * kvh * hd + Tx(2.0) * hd + Tx(3.0) * H * I +
                            Tx(4.0) * H;
        return D(m.vision_channels, "C") * p * p * H + Tx(2.0) * D(m.vision_positions, "positions") * H +
               D(m.vision_layers, "L_v") * g4_layer + (m.vision_standardize ? Tx(2.0) * H : Tx(0.0));
    }
    const Tx side = D(m.vision_image / m.vision_patch, "image/p");  // no ÷: the symbol is one number
    const Tx embed = D(m.vision_channels, "C") * p * p * H + H + side * side * H;
    return embed + D(m.vision_layers, "L_v") * layer + Tx(2.0) * H;
}

// modeling_gemma3.Gemma3MultiModalProjector: mm_input_projection_weight vision hidden x text hidden (no bias) and
// mm_soft_emb_norm, an RMSNorm over the vision hidden size. Qwen3.5 (modeling_qwen3_5.Qwen3_5VisionPatchMerger,
// use_postshuffle_norm false): a LayerNorm over H_v, then linear_fc1 (m²·H_v -> m²·H_v) and linear_fc2
// (m²·H_v -> text hidden, out_hidden_size), both with biases, m = spatial_merge_size.
Tx mm_projector_tx(const Dims& D) {
    if (!D.m.has_vision()) return Tx(0.0);
    const Tx H = D(D.m.vision_hidden, "H_v");
    if (D.m.vision_kind == VisionKind::QwenViT) {
        const Tx merged = D(D.m.vision_merge, "m") * D(D.m.vision_merge, "m") * H;
        return Tx(2.0) * H + merged * merged + merged + merged * D.h() + D.h();
    }
    if (D.m.vision_kind == VisionKind::Pixtral) {
        // modeling_mistral3.Mistral3MultiModalProjector (multimodal_projector_bias false): norm RMSNorm H_v,
        // patch_merger.merging_layer m²·H_v -> H_v, linear_1 H_v -> h, linear_2 h -> h, no biases
        const Tx m2 = D(D.m.vision_merge, "m") * D(D.m.vision_merge, "m");
        return H + m2 * H * H + H * D.h() + D.h() * D.h();
    }
    // modeling_gemma4.Gemma4MultimodalEmbedder: embedding_projection H_v -> h without bias; its pre-projection
    // RMSNorm has no weight (with_scale=False)
    if (D.m.vision_kind == VisionKind::Gemma4) return H * D.h();
    return H * D.h() + H;
}

// Gemma 4's audio tower (modeling_gemma4.Gemma4AudioModel; Gemma4AudioConfig, A = hidden_size):
// subsample_conv_projection: Conv2d(1 -> c0, 3x3) and Conv2d(c0 -> c1, 3x3) without biases, each with a LayerNorm
// without bias (c0, c1), input_proj_linear (c0 / 4 · c1) -> A (proj_input_dim as the code writes it); per
// Gemma4AudioLayer: two Gemma4AudioFeedForward (A -> 4A -> A, pre and post RMSNorms), Gemma4AudioAttention (q, k, v,
// post A -> A; relative_k_proj A -> A; per_dim_scale A / heads), Gemma4AudioLightConv1d (linear_start A -> 2A,
// linear_end A -> A, depthwise conv A x kernel, pre_layer_norm and conv_norm), norm_pre_attn, norm_post_attn,
// norm_out; output_proj A -> output_proj_dims with bias. No linear has a bias; the clamp bounds of
// use_clipped_linears are buffers, not counted. Its Gemma4MultimodalEmbedder: embedding_projection
// output_proj_dims -> h (audio_projector_tx). Checked: with the text and vision counts, gemma-4-E2B-it's and
// gemma-4-E4B-it's Hub totals.
Tx audio_encoder_tx(const Dims& D) {
    const ModelConfig& m = D.m;
    if (!m.has_audio()) return Tx(0.0);
    const Tx A = D(m.audio_hidden, "H_a"), c0 = D(m.audio_conv0, "c0"), c1 = D(m.audio_conv1, "c1");
    const Tx out = D(m.audio_out, "out_a");
    const Tx subsample = Tx(9.0) * c0 + c0 + Tx(9.0) * c0 * c1 + c1 + D(m.audio_conv0 / 4, "c0/4") * c1 * A;
    const Tx layer = Tx(2.0) * (Tx(8.0) * A * A + Tx(2.0) * A) +                       // feed_forward1, feed_forward2
                     Tx(5.0) * A * A + D(m.audio_hidden / m.audio_heads, "d_a") +      // self_attn
                     Tx(3.0) * A * A + A * D(m.audio_kernel, "K_a") + Tx(2.0) * A +    // lconv1d
                     Tx(3.0) * A;                                                      // three norms
    return subsample + D(m.audio_layers, "L_a") * layer + A * out + out;
}
Tx audio_projector_tx(const Dims& D) {
    if (!D.m.has_audio()) return Tx(0.0);
    return D(D.m.audio_out, "out_a") * D.h();
}
}  // namespace

int64_t audio_encoder_params(const ModelConfig& m) {
    const Dims D{m, nullptr};
    return i64(audio_encoder_tx(D) + audio_projector_tx(D));
}

int64_t vision_encoder_params(const ModelConfig& m) { return i64(vision_encoder_tx(Dims{m, nullptr})); }
int64_t per_layer_table_params(const ModelConfig& m) { return i64(per_layer_table_tx(Dims{m, nullptr})); }
int64_t per_layer_projection_params(const ModelConfig& m, int64_t* matrix) {
    const Tx all = per_layer_model_projection_tx(Dims{m, nullptr});
    if (matrix) *matrix = m.per_layer_input > 0 ? m.hidden_size * m.num_layers * m.per_layer_input : 0;
    return i64(all);
}
int64_t mm_projector_params(const ModelConfig& m) { return i64(mm_projector_tx(Dims{m, nullptr})); }

std::string layer_kind_symbol(const ModelConfig& m, int64_t i, bool single) {
    if (single) return "L";
    static const char* const kMixer[] = {"attention", "deltanet", "mamba2", "none"};
    std::string kind = m.is_hybrid() ? kMixer[static_cast<int>(m.mixer(i))] : "";  // the mixer only where it varies
    auto add = [&](const char* part) { kind += (kind.empty() ? "" : ",") + std::string(part); };
    if (m.has_ffn(i)) add(m.is_moe_layer(i) ? "moe" : "dense");
    if (m.is_sliding_layer(i)) add(m.chunked_attention ? "chunked" : "sliding");
    if (!m.ffn_widths.empty() && m.has_ffn(i) && !m.is_moe_layer(i)) add(("I" + std::to_string(m.dense_ffn(i))).c_str());
    return "L_" + kind;
}

int64_t norm_params(const ModelConfig& m, int64_t dim) { return i64(norm_tx(m, Tx(d(dim)))); }

int64_t indexer_params(const ModelConfig& m, int64_t* matrices) {
    Tx mats;
    const Tx all = indexer_tx(Dims{m, nullptr}, &mats);
    if (matrices) *matrices = i64(mats);
    return i64(all);
}

int64_t gated_deltanet_params(const ModelConfig& m, int64_t* matrices) {
    Tx mats;
    const Tx all = gated_deltanet_tx(Dims{m, nullptr}, &mats);
    if (matrices) *matrices = i64(mats);
    return i64(all);
}

int64_t mamba2_params(const ModelConfig& m, int64_t* matrices) {
    Tx mats;
    const Tx all = mamba2_tx(Dims{m, nullptr}, &mats);
    if (matrices) *matrices = i64(mats);
    return i64(all);
}

namespace {
std::vector<WeightMatrix> weight_matrices(const Dims& D, Mixer mixer, bool moe, bool ffn, int64_t dense_width) {
    const Mats mats = layer_matrices_tx(D, mixer, moe, ffn, dense_width);
    std::vector<WeightMatrix> out;
    out.reserve(mats.size());
    for (const MatTx& x : mats)
        out.push_back({x.name, kPartNames[static_cast<int>(x.part)], x.role, i64(x.in), i64(x.out), i64(x.count),
                       x.expert, x.lora});
    return out;
}

LayerParams layer_params_of(const Dims& D, Mixer mixer, bool moe, bool ffn, int64_t dense_width) {
    const LayerTx t = layer_tx(D, mixer, moe, ffn, dense_width);
    LayerParams p;
    p.attn_q = i64(t.attn_q); p.attn_k = i64(t.attn_k); p.attn_v = i64(t.attn_v); p.attn_o = i64(t.attn_o);
    p.attn_bias = i64(t.attn_bias); p.attn_extra = i64(t.attn_extra); p.norms = i64(t.norms); p.mlp = i64(t.mlp);
    p.experts = i64(t.experts); p.expert_one = i64(t.expert_one); p.shared_experts = i64(t.shared_experts);
    p.router = i64(t.router); p.moe_latent = i64(t.moe_latent);
    p.linear_attn = i64(t.linear_attn); p.linear_attn_matrices = i64(t.linear_attn_matrices);
    p.indexer = i64(t.indexer); p.per_layer_input = i64(t.per_layer_input);
    return p;
}
}  // namespace

std::vector<WeightMatrix> layer_matrices(const ModelConfig& m, Mixer mixer, bool moe, bool ffn, int64_t dense_width) {
    return weight_matrices(Dims{m, nullptr}, mixer, moe, ffn, dense_width);
}

std::vector<WeightMatrix> layer_matrices(const ModelConfig& m, int64_t i) {
    return weight_matrices(layer_dims(m, nullptr, i), m.mixer(i), m.is_moe_layer(i), m.has_ffn(i), m.dense_ffn(i));
}

LayerParams layer_params(const ModelConfig& m, int64_t i) {
    return layer_params_of(layer_dims(m, nullptr, i), m.mixer(i), m.is_moe_layer(i), m.has_ffn(i), m.dense_ffn(i));
}

LayerParams shaped_layer_params(const ModelConfig& m, Mixer mixer, bool moe, bool ffn, int64_t dense_width) {
    return layer_params_of(Dims{m, nullptr}, mixer, moe, ffn, dense_width);
}

std::vector<BlockShape> mtp_block_shapes(const ModelConfig& m) {
    if (m.mtp_pattern.empty()) return {{Mixer::Attention, m.num_experts > 0, true}};
    std::vector<BlockShape> out;
    for (char c : m.mtp_pattern)
        out.push_back({c == '*' ? Mixer::Attention : c == 'M' ? Mixer::Mamba2 : Mixer::None,
                       c == 'E' && m.num_experts > 0, c == 'E' || c == '-'});
    return out;
}

int64_t mtp_module_params(const ModelConfig& m) { return i64(mtp_module_tx(Dims{m, nullptr})); }

namespace {
// "Parameters only" (model.hpp given_total): the count is the one typed; nothing else is known about it.
ParamReport given_params(const ModelConfig& m, Trace* tr) {
    ParamReport r;
    r.total = r.non_embedding = m.given_total;
    r.active = r.active_non_embedding = m.given_active;
    r.by_component.emplace_back("given", m.given_total);
    if (!tr) return r;
    tr->record("params.by_component.given", "given", named(tr, static_cast<double>(m.given_total), "total_params"),
               "params", "typed (total_params)", "parameters only: the components are not known", "仅参数量：各组件未知");
    tr->record("params.total", "N", named(tr, static_cast<double>(m.given_total), "total_params"), "params",
               "typed (total_params)", "parameters only: the count typed; the model's dimensions are not known",
               "仅参数量：输入的参数量；模型各维度未知");
    tr->record("params.active", "N_active", named(tr, static_cast<double>(m.given_active), "active_params"), "params",
               "typed (active_params; total_params when not set)",
               "the parameters a token runs (MoE: shared part + the routed experts it is sent to)",
               "一个 token 经过的参数（MoE：共享部分 + 它被路由到的专家）");
    tr->record("params.vision", "P_vision", Tx(0.0), "params", "typed (total_params)",
               "parameters only: no vision encoder is counted apart", "仅参数量：不单独计视觉编码器");
    return r;
}
}  // namespace

ParamReport count_params(const ModelConfig& m, bool include_mtp, bool lm_only, Trace* tr) {
    if (m.params_only()) return given_params(m, tr);
    ParamReport r;
    const Dims D{m, tr};
    // A layer's parameters depend only on its kind (model.hpp layer_kind: mixer, MoE, FFN, sliding). Classify the
    // layers first and compute each kind once, so the cost does not grow with depth (count_params runs on every
    // keystroke).
    constexpr int K = ModelConfig::kLayerKinds;
    int64_t kind_count[K] = {};
    int64_t kind_first[K] = {};
    int16_t kind_order[K] = {};
    int order = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const int k = m.layer_kind(i);
        if (kind_count[k]++ == 0) { kind_first[k] = i; kind_order[order++] = static_cast<int16_t>(k); }
    }
    static const char* const kMixerNames[4] = {"", "deltanet", "mamba2", "nomixer"};
    // Layers by the shape of each part: a component's weights depend only on the layer's mixer (attention parts,
    // the indexer, the linear mixers) or its FFN (dense MLP; MoE experts, shared experts, router).
    int64_t n_attn = 0, n_deltanet = 0, n_mamba = 0, n_dense = 0, n_moe = 0;
    int64_t n_global = 0;  // Gemma 4: full-attention layers of their own shape (model.hpp global_attention_layer)
    int64_t n_width[ModelConfig::kMaxFfnWidths] = {};  // NAS models: dense layers by FFN width slot
    Tx active_layers;
    r.layer_groups.reserve(static_cast<size_t>(order));
    for (int o = 0; o < order; ++o) {
        const int k = kind_order[o];
        const int64_t n = kind_count[k];
        const int64_t i = kind_first[k];
        const Mixer mixer = m.mixer(i);
        n_attn += mixer == Mixer::Attention ? n : 0;
        n_global += m.global_attention_layer(i) ? n : 0;
        n_deltanet += mixer == Mixer::GatedDeltaNet ? n : 0;
        n_mamba += mixer == Mixer::Mamba2 ? n : 0;
        n_dense += m.has_ffn(i) && !m.is_moe_layer(i) ? n : 0;
        n_width[m.ffn_slot(i) % ModelConfig::kMaxFfnWidths] += m.has_ffn(i) && !m.is_moe_layer(i) ? n : 0;
        n_moe += m.has_ffn(i) && m.is_moe_layer(i) ? n : 0;
        const LayerParams p = layer_params(m, i);
        // a token runs every parameter of its layers except the routed experts it is not sent to (Fedus et al. 2021)
        const Tx layers = named(tr, static_cast<double>(n), tr ? layer_kind_symbol(m, i, order == 1) : std::string());
        active_layers = active_layers +
                        layers * (p.experts > 0 ? named(tr, static_cast<double>(p.total()), "P_layer") -
                                                      named(tr, static_cast<double>(p.experts), "P_experts") +
                                                      named(tr, static_cast<double>(m.experts_per_token), "top_k") *
                                                          named(tr, static_cast<double>(p.expert_one), "P_expert")
                                                : named(tr, static_cast<double>(p.total()), "P_layer"));
        // kind names: "dense", "moe", "dense+sliding", ... as before; hybrid layers say their mixer first
        // ("deltanet+moe", "mamba2", "attention+dense") and FFN-less blocks have no FFN part.
        std::string name;
        if (m.is_hybrid()) name = mixer == Mixer::Attention ? "attention" : kMixerNames[static_cast<int>(mixer)];
        if (m.has_ffn(i)) name += std::string(name.empty() ? "" : "+") + (m.is_moe_layer(i) ? "moe" : "dense");
        if (m.is_sliding_layer(i)) name += "+sliding";
        if (!m.ffn_widths.empty() && m.has_ffn(i) && !m.is_moe_layer(i)) name += "+I" + std::to_string(m.dense_ffn(i));
        r.layer_groups.push_back({name, n, p.total()});
    }
    // Each part of one layer, computed once for the layers that have it, times their count.
    const LayerTx attn = n_attn > n_global ? layer_tx(D, Mixer::Attention, false, false) : LayerTx{};
    const LayerTx attn_global = n_global ? layer_tx(Dims{m, tr, true}, Mixer::Attention, false, false) : LayerTx{};
    const LayerTx dense = n_dense ? layer_tx(D, Mixer::None, false, true) : LayerTx{};
    const LayerTx moe = n_moe ? layer_tx(D, Mixer::None, true, true) : LayerTx{};
    const Tx deltanet = n_deltanet ? gated_deltanet_tx(D, nullptr) : Tx(0.0);
    const Tx mamba = n_mamba ? mamba2_tx(D, nullptr) : Tx(0.0);
    auto times = [&](int64_t n, const char* kind, const Tx& per_layer) {
        if (n == 0 || per_layer.v == 0) return Tx(0.0);
        return named(tr, d(n), n == m.num_layers ? std::string("L") : std::string("L_") + kind) * per_layer;
    };
    const Tx h = D.h();
    // Dense MLPs: one width (intermediate_size), or NAS block_configs' widths, each times its layers
    Tx dense_mlps = times(n_dense, "dense", dense.mlp);
    if (!m.ffn_widths.empty()) {
        dense_mlps = Tx(0.0);
        for (size_t w = 0; w < m.ffn_widths.size(); ++w) {
            if (n_width[w] == 0) continue;
            const std::string width = "I" + std::to_string(w + 1);
            dense_mlps = dense_mlps + named(tr, d(n_width[w]), "L_" + width) * mlp_tx(D, named(tr, d(m.ffn_widths[w]), width));
        }
    }
    // Layer norms: norms_per_layer in every layer, or (DeciLM) one before each attention / FFN that exists
    // (+ Gemma 4's extra norms in its MoE layers)
    const Tx layer_norms = (m.norm_per_sublayer
                                ? (named(tr, d(n_attn + n_deltanet + n_mamba), "L_mixer") +
                                   named(tr, d(n_dense + n_moe), "L_ffn")) * norm_tx(m, h)
                                : times(m.num_layers, "", layer_norms_tx(D))) +
                           times(n_moe, "moe", moe_norms_tx(D));
    // Attention parts: one shape, or (Gemma 4) the sliding layers' and the full-attention layers' own
    auto attention = [&](Tx LayerTx::*part) {
        return times(n_attn - n_global, n_global ? "sliding" : "attention", attn.*part) +
               times(n_global, "global", attn_global.*part);
    };
    // Gemma 4's per-layer embeddings: the table, and the projections (per_layer_model_projection + each layer's
    // gate / projection / norm)
    const Tx per_layer_table = per_layer_table_tx(D);
    const Tx per_layer_input = per_layer_model_projection_tx(D) + times(m.num_layers, "", per_layer_input_tx(D));
    struct Component {
        const char* name;
        Tx value;
        const char* source;  // what the shapes follow (the model's config is named after it)
    };
    const char* kAttn = "q_proj / k_proj / v_proj / o_proj of the Hugging Face modeling file (modeling_llama."
                        "LlamaAttention; MLA: modeling_deepseek_v3.DeepseekV3Attention, DeepSeek-V2 arXiv:2405.04434 "
                        "eqs. 9-19)";
    const char* kMlp = "gate_proj / up_proj / down_proj (modeling_llama.LlamaMLP; GPT-2 c_fc / c_proj with biases)";
    const char* kMoe = "the MoE block of the Hugging Face modeling file (modeling_mixtral, modeling_qwen2_moe, "
                       "modeling_deepseek_v3, modeling_gpt_oss): experts, shared experts, router";
    const Tx mtp = include_mtp && m.num_mtp_modules > 0 ? D(m.num_mtp_modules, "mtp_modules") * mtp_module_tx(D)
                                                         : Tx(0.0);
    r.mtp = m.num_mtp_modules * mtp_module_params(m);
    const Tx embed = D(m.vocab_size, "V") * h;
    const Tx positions = m.pos == PosKind::Learned ? D(m.max_positions, "max_positions") * h : Tx(0.0);
    const Tx final_norm = m.final_norm ? norm_tx(m, h) : Tx(0.0);
    const Tx lm_head = m.tie_embeddings ? Tx(0.0) : D(m.vocab_size, "V") * h;
    const char* kVision = m.vision_kind == VisionKind::QwenViT
                          ? "transformers modeling_qwen3_5.Qwen3_5VisionModel (the Qwen3-VL ViT): patch Conv3d "
                            "C·T·p²·H_v + H_v, a table of num_position_embeddings × H_v, per layer qkv + proj "
                            "4(H_v² + H_v), two LayerNorms 4H_v, linear_fc1 + linear_fc2 2·H_v·I_v + I_v + H_v; "
                            "Qwen3_5VisionPatchMerger: LayerNorm 2H_v, (m²H_v)² + m²H_v, m²H_v × h + h"
                          : m.vision_kind == VisionKind::Gemma4
                          ? "transformers modeling_gemma4.Gemma4VisionModel: patch input_proj C·p²·H_v, position table "
                            "2 × positions × H_v, per layer q/k/v/o 2·H_v·heads·d + 2·H_v·kv_heads·d, q/k norms 2d, gated "
                            "mlp 3·H_v·I_v, four RMSNorms 4H_v; std_bias + std_scale 2H_v (standardize); "
                            "Gemma4MultimodalEmbedder: H_v × h"
                          : m.vision_kind == VisionKind::Pixtral
                          ? "transformers modeling_pixtral.PixtralVisionModel: patch Conv2d C·p²·H_v (no bias), ln_pre "
                            "H_v, per layer q/k/v/o 4H_v², gated feed_forward 3·H_v·I_v, two RMSNorms 2H_v; "
                            "modeling_mistral3.Mistral3MultiModalProjector: norm H_v, merging_layer m²·H_v², "
                            "linear_1 H_v × h, linear_2 h², no biases"
                          : "transformers modeling_siglip.SiglipVisionTransformer (SigLIP, Zhai et al. 2023, "
                          "arXiv:2303.15343; a ViT): patch Conv2d C·p²·H_v + H_v, (image ÷ p)² × H_v positions, per layer "
                          "q/k/v/o 4(H_v² + H_v), two LayerNorms 4H_v, fc1 + fc2 2·H_v·I_v + I_v + H_v, post LayerNorm "
                          "2H_v; modeling_gemma3.Gemma3MultiModalProjector: H_v × h + an RMSNorm H_v";
    const Tx vision_encoder = vision_encoder_tx(D), mm_projector = mm_projector_tx(D);
    const Tx audio_encoder = audio_encoder_tx(D), audio_projector = audio_projector_tx(D);
    r.vision = i64(vision_encoder) + i64(mm_projector) + i64(audio_encoder) + i64(audio_projector);
    const char* kAudio = "transformers modeling_gemma4.Gemma4AudioModel: subsampling convs 9c0 + c0 + 9c0·c1 + c1, "
                         "input_proj (c0/4)·c1·H_a; per layer 24H_a² + H_a·K + 9H_a + H_a/heads; output_proj "
                         "H_a·out + out; Gemma4MultimodalEmbedder out × h";
    const Component parts[] = {
        {"embed_tokens", embed, "embed_tokens / wte: Embedding(V, h)"},
        {"embed_positions", positions, "learned position table (GPT-2 wpe: Embedding(max_positions, h))"},
        {"embed_tokens_per_layer", per_layer_table,
         "modeling_gemma4.Gemma4TextModel.embed_tokens_per_layer: Embedding(vocab_size_per_layer_input, L × p)"},
        {"attn_q", attention(&LayerTx::attn_q), kAttn},
        {"attn_k", attention(&LayerTx::attn_k), kAttn},
        {"attn_v", attention(&LayerTx::attn_v), kAttn},
        {"attn_o", attention(&LayerTx::attn_o), kAttn},
        {"attn_bias", attention(&LayerTx::attn_bias), kAttn},
        {"attn_norms_sinks", attention(&LayerTx::attn_extra),
         "q_norm / k_norm over head_dim (modeling_qwen3; modeling_gemma4 over the layer's own head_dim), MLA's "
         "q_a_layernorm / kv_a_layernorm (modeling_deepseek_v3), attention sinks, one per head (modeling_gpt_oss)"},
        {"layer_norms", layer_norms,
         "input_layernorm + post_attention_layernorm (+ Gemma-2/3/4's pre/post feedforward norms; Gemma 4's "
         "layer_scalar and the three more norms of its MoE layers; DeciLM block_configs: only before an attention / FFN "
         "that is not a no-op); LayerNorm with bias counts weight and bias"},
        {"per_layer_input", per_layer_input,
         "modeling_gemma4.Gemma4TextModel: per_layer_model_projection h × L·p + per_layer_projection_norm p; each "
         "Gemma4TextDecoderLayer: per_layer_input_gate h × p, per_layer_projection p × h, post_per_layer_input_norm h"},
        {"mlp", dense_mlps, m.ffn_widths.empty() ? kMlp
                            : "gate_proj / up_proj / down_proj of each block (modeling_decilm NAS block_configs: a "
                              "dense FFN _ffn_mult_to_intermediate_size(ffn_mult, h) = int(2·ffn_mult·h / 3) rounded "
                              "up to a multiple of 256 wide)"},
        {"experts", times(n_moe, "moe", moe.experts), kMoe},
        {"shared_experts", times(n_moe, "moe", moe.shared_experts), kMoe},
        {"router", times(n_moe, "moe", moe.router), kMoe},
        {"moe_latent", times(n_moe, "moe", moe.moe_latent),
         "latent MoE (NVIDIA Nemotron-3 Super): modeling_nemotron_h.NemotronHMoE fc1_latent_proj Linear(h, ℓ) before "
         "the routed experts and fc2_latent_proj Linear(ℓ, h) after them, ℓ = moe_latent_size; the routed experts "
         "read and write ℓ (experts: E × 2 × ℓ × I_expert for relu² experts), router and shared experts stay at h"},
        {"linear_attn", times(n_deltanet, "deltanet", deltanet) + times(n_mamba, "mamba2", mamba),
         "Gated DeltaNet: modeling_qwen3_next.Qwen3NextGatedDeltaNet (in_proj_qkvz, in_proj_ba, conv1d, dt_bias, "
         "A_log, gated norm, out_proj); Mamba-2: modeling_nemotron_h.NemotronHMamba2Mixer (in_proj, conv1d, dt_bias, "
         "A_log, D, gated norm, out_proj)"},
        {"indexer", times(n_attn, "attention", attn.indexer),
         "DeepSeek-V3.2-Exp inference/model.py class Indexer (DeepSeek Sparse Attention's lightning indexer): wq_b, "
         "wk, k_norm (LayerNorm), weights_proj"},
        {"final_norm", final_norm, "the final norm before the LM head (model.norm / ln_f)"},
        {"lm_head", lm_head, "lm_head: Linear(h, V) without bias, absent when tied to the embedding"},
        {"mtp", mtp,
         "DeepSeek-V3 technical report (arXiv:2412.19437) Sec. 2.2: each MTP module = a decoder layer (P_block) + "
         "norms + eh_proj (2h × h), with its own embedding and head copy in DeepSeek's checkpoint; Qwen3-Next: "
         "vLLM qwen3_next_mtp.py (shares the embedding and head); Nemotron-H: vLLM nemotron_h_mtp.py, the blocks of "
         "mtp_hybrid_override_pattern, each with its norm, + enorm, hnorm, eh_proj, final_layernorm"},
        {"vision_encoder", lm_only ? Tx(0.0) : vision_encoder, kVision},
        {"mm_projector", lm_only ? Tx(0.0) : mm_projector, kVision},
        {"audio_encoder", lm_only ? Tx(0.0) : audio_encoder, kAudio},
        {"audio_projector", lm_only ? Tx(0.0) : audio_projector, kAudio},
    };
    r.by_component.reserve(18);
    Tx total;
    for (const Component& c : parts) {
        if (c.value.v == 0) continue;
        r.by_component.emplace_back(c.name, i64(c.value));
        total = total + named(tr, c.value.v, c.name);
        if (tr)
            tr->record(std::string("params.by_component.") + c.name, c.name, c.value, "params",
                       std::string(c.source) + "; model: " + m.source);
    }
    r.total = i64(total);
    r.embedding = i64(embed);
    r.non_embedding = r.total - i64(embed) - i64(positions) - i64(per_layer_table) - (include_mtp ? r.mtp : 0) -
                      (lm_only ? 0 : r.vision);
    // the same parts as the components, each as one named term (a token looks up its row of the per-layer table,
    // as of the embedding; the layers' per-layer parts are in P_layer)
    auto part = [&](const Tx& v, const char* sym) { return v.v != 0 ? named(tr, v.v, sym) : Tx(0.0); };
    const Tx active = part(embed, "embed_tokens") + part(positions, "embed_positions") +
                      part(per_layer_table, "embed_tokens_per_layer") +
                      part(per_layer_model_projection_tx(D), "per_layer_model_projection") + active_layers +
                      part(final_norm, "final_norm") + part(lm_head, "lm_head");
    r.active = i64(active);
    r.active_non_embedding = r.active - i64(embed) - i64(positions) - i64(per_layer_table);
    const int64_t hh = m.hidden_size;
    r.rule_12lh2 = 12 * m.num_layers * hh * hh;
    r.rule_12h2_13h = m.num_layers * (12 * hh * hh + 13 * hh) + m.vocab_size * hh;
    if (!tr) return r;
    const std::string src = "Σ over layers of each weight matrix's in × out (+ biases, norms) as in the Hugging Face "
                            "modeling file; " LLMCALC_SEED002 ": l(12h² + 13h) + Vh for GPT-style layers; model: " + m.source;
    tr->record("params.total", "N", total, "params", src,
               "the sum of the components (each explained under params.by_component.<name>)" +
                   std::string(m.tie_embeddings ? "; the LM head shares the embedding matrix (counted once)" : ""),
               "各组件之和（每项的说明见 params.by_component.<名称>）" +
                   std::string(m.tie_embeddings ? "；LM 头与嵌入矩阵共享（只计一次）" : ""));
    tr->record("params.active", "N_active", active, "params", src,
               m.num_experts > 0 ? "a token runs only top_k routed experts and the shared experts (Fedus et al. 2021); "
                                   "P_layer = all parameters of one layer, P_experts its routed experts, P_expert one of them"
                                 : "dense model: every parameter is active; P_layer = all parameters of one layer",
               m.num_experts > 0 ? "一个 token 只经过 top_k 个路由专家和共享专家（Fedus et al. 2021）；"
                                   "P_layer = 一层的全部参数，P_experts 为其路由专家，P_expert 为其中一个"
                                 : "稠密模型：每个参数都激活；P_layer = 一层的全部参数");
    tr->record("params.vision", "P_vision",
               part(vision_encoder, "vision_encoder") + part(mm_projector, "mm_projector") +
                   part(audio_encoder, "audio_encoder") + part(audio_projector, "audio_projector"),
               "params", std::string(kVision) + (m.has_audio() ? std::string("; ") + kAudio : std::string()) +
                             "; model: " + m.source,
               !m.has_vision() ? "no vision encoder in this model"
               : lm_only       ? "left out of params.total (lm_only): a text token never runs the tower"
                               : "part of params.total (the checkpoint's); lm_only leaves it out",
               !m.has_vision() ? "该模型没有视觉编码器"
               : lm_only       ? "不计入 params.total（lm_only）：文本 token 从不经过视觉塔"
                               : "计入 params.total（与检查点一致）；lm_only 时不计");
    return r;
}

}  // namespace llmcalc
