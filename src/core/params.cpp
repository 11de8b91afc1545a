// Parameter counting. Shapes follow the Hugging Face `transformers` modeling files of each family
// (modeling_gpt2, modeling_llama, modeling_qwen2/3, modeling_gemma2/3, modeling_mixtral, modeling_deepseek_v3,
// modeling_gpt_oss); a Linear(in, out) holds in*out weights (+ out biases).
#include "params.hpp"

#include <string>

namespace llmcalc {
namespace {

int64_t linear(int64_t in, int64_t out, bool bias) { return in * out + (bias ? out : 0); }

// One MLP: Plain = up(h->I) + down(I->h); Gated = gate + up (h->I each) + down (I->h).
int64_t mlp_params(const ModelConfig& m, int64_t width) {
    const int64_t h = m.hidden_size;
    const int64_t ups = m.mlp == MlpKind::Gated ? 2 : 1;
    return ups * linear(h, width, m.mlp_bias) + linear(width, h, m.mlp_bias);
}

void standard_attention(const ModelConfig& m, LayerParams& p) {
    const int64_t h = m.hidden_size, d = m.head_size(), q = m.num_heads * d, kv = m.kv_heads() * d;
    // Gated attention (modeling_qwen3_next.Qwen3NextAttention: q_proj h -> heads x head_dim x 2 when
    // attn_output_gate; the second half is the sigmoid gate on the attention output, Qiu et al. 2025 arXiv:2505.06708)
    p.attn_q = h * q * (m.attn_output_gate ? 2 : 1);
    p.attn_k = h * kv;
    p.attn_v = h * kv;
    p.attn_o = q * h;
    p.attn_bias = (m.qkv_bias ? q + 2 * kv : 0) + (m.o_bias ? h : 0);
    p.attn_extra = (m.qk_norm ? 2 * norm_params(m, d) : 0) + (m.attn_sinks ? m.num_heads : 0);
}

// DeepSeek-V2 paper (arXiv:2405.04434) Sec. 2.1 eqs. 9-19; shapes of modeling_deepseek_v3.DeepseekV3Attention:
// q_a_proj h->q_lora_rank, q_a_layernorm, q_b_proj -> heads*(nope+rope); kv_a_proj_with_mqa h->(kv_lora_rank+rope),
// kv_a_layernorm, kv_b_proj kv_lora_rank -> heads*(nope+v); o_proj heads*v -> h.
void mla_attention(const ModelConfig& m, LayerParams& p) {
    const int64_t h = m.hidden_size, heads = m.num_heads;
    const int64_t qk_head = m.qk_nope_head_dim + m.qk_rope_head_dim;
    if (m.q_lora_rank > 0) {
        p.attn_q = h * m.q_lora_rank + m.q_lora_rank * heads * qk_head;
        p.attn_extra += norm_params(m, m.q_lora_rank);
    } else {
        p.attn_q = h * heads * qk_head;
    }
    p.attn_k = h * (m.kv_lora_rank + m.qk_rope_head_dim);
    p.attn_extra += norm_params(m, m.kv_lora_rank);
    p.attn_v = m.kv_lora_rank * heads * (m.qk_nope_head_dim + m.v_head_dim);
    p.attn_o = heads * m.v_head_dim * h;
    p.attn_bias = (m.qkv_bias ? m.q_lora_rank + m.kv_lora_rank + m.qk_rope_head_dim : 0) + (m.o_bias ? h : 0);
}

}  // namespace

std::string layer_kind_symbol(const ModelConfig& m, int64_t i, bool single) {
    if (single) return "L";
    static const char* const kMixer[] = {"attention", "deltanet", "mamba2", "none"};
    std::string kind = m.is_hybrid() ? kMixer[static_cast<int>(m.mixer(i))] : "";  // the mixer only where it varies
    auto add = [&](const char* part) { kind += (kind.empty() ? "" : ",") + std::string(part); };
    if (m.has_ffn(i)) add(m.is_moe_layer(i) ? "moe" : "dense");
    if (m.is_sliding_layer(i)) add(m.chunked_attention ? "chunked" : "sliding");
    return "L_" + kind;
}

int64_t norm_params(const ModelConfig& m, int64_t dim) {
    return m.norm == NormKind::LayerNorm && m.norm_bias ? 2 * dim : dim;
}

int64_t indexer_params(const ModelConfig& m, int64_t* matrices) {
    if (!m.has_indexer()) { if (matrices) *matrices = 0; return 0; }
    // DeepSeek-V3.2-Exp inference/model.py class Indexer: wq_b q_lora_rank -> index_n_heads x index_head_dim (reads
    // the query latent), wk h -> index_head_dim (one key head shared by all indexer heads), k_norm LayerNorm over
    // index_head_dim (weight + bias), weights_proj h -> index_n_heads (per-head weights); no biases. Checked: 62
    // layers (61 + MTP) of these on DeepSeek-V3's shapes give DeepSeek-V3.2's Hub total 685,355,329,792.
    const int64_t h = m.hidden_size, nd = m.index_n_heads * m.index_head_dim;
    const int64_t mats = (m.q_lora_rank > 0 ? m.q_lora_rank : h) * nd + h * m.index_head_dim + h * m.index_n_heads;
    if (matrices) *matrices = mats;
    return mats + 2 * m.index_head_dim;
}

int64_t gated_deltanet_params(const ModelConfig& m, int64_t* matrices) {
    // modeling_qwen3_next.Qwen3NextGatedDeltaNet: key_dim = Hk x dk, value_dim = Hv x dv;
    // in_proj_qkvz h -> 2 key_dim + 2 value_dim, in_proj_ba h -> 2 Hv (no biases); depthwise conv1d over
    // conv_dim = 2 key_dim + value_dim channels, kernel K, no bias; dt_bias and A_log (Hv each); gated RMSNorm
    // over dv; out_proj value_dim -> h. (Qwen3.5 splits in_proj_qkvz / in_proj_ba into four: the same counts.)
    const int64_t h = m.hidden_size, hv = m.linear_num_value_heads;
    const int64_t key_dim = m.linear_num_key_heads * m.linear_key_head_dim, value_dim = hv * m.linear_value_head_dim;
    const int64_t conv_dim = 2 * key_dim + value_dim;
    const int64_t mats = h * (2 * key_dim + 2 * value_dim) + h * 2 * hv + value_dim * h;
    if (matrices) *matrices = mats;
    return mats + conv_dim * m.linear_conv_kernel + 2 * hv + m.linear_value_head_dim;
}

int64_t mamba2_params(const ModelConfig& m, int64_t* matrices) {
    // modeling_nemotron_h.NemotronHMamba2Mixer: intermediate I = mamba_num_heads x mamba_head_dim;
    // conv_dim = I + 2 n_groups ssm_state_size; in_proj h -> I + conv_dim + heads (z, xBC, dt), bias when use_bias;
    // depthwise conv1d (conv_dim x K, + conv_dim bias when use_conv_bias); dt_bias, A_log, D (heads each);
    // gated RMSNorm over I; out_proj I -> h (bias when use_bias).
    const int64_t h = m.hidden_size, heads = m.mamba_num_heads, inner = heads * m.mamba_head_dim;
    const int64_t conv_dim = inner + 2 * m.mamba_groups * m.mamba_state_size;
    const int64_t proj = inner + conv_dim + heads;
    const int64_t mats = h * proj + inner * h;
    if (matrices) *matrices = mats;
    return mats + (m.mamba_proj_bias ? proj + h : 0) + conv_dim * m.mamba_conv_kernel +
           (m.mamba_conv_bias ? conv_dim : 0) + 3 * heads + inner;
}

LayerParams layer_params(const ModelConfig& m, int64_t layer_index) {
    return shaped_layer_params(m, m.mixer(layer_index), m.is_moe_layer(layer_index), m.has_ffn(layer_index));
}

LayerParams shaped_layer_params(const ModelConfig& m, Mixer mixer, bool moe, bool ffn) {
    LayerParams p;
    if (mixer == Mixer::Attention) {
        if (m.attn == AttnKind::MLA) mla_attention(m, p);
        else standard_attention(m, p);
        p.indexer = indexer_params(m);
    } else if (mixer == Mixer::GatedDeltaNet) {
        p.linear_attn = gated_deltanet_params(m, &p.linear_attn_matrices);
    } else if (mixer == Mixer::Mamba2) {
        p.linear_attn = mamba2_params(m, &p.linear_attn_matrices);
    }
    p.norms = m.norms_per_layer * norm_params(m, m.hidden_size);
    if (!ffn) return p;
    if (moe) {
        p.expert_one = mlp_params(m, m.moe_intermediate_size);
        p.experts = m.num_experts * p.expert_one;
        p.shared_experts = m.num_shared_experts * mlp_params(m, m.shared_ffn()) +
                           (m.shared_expert_gate ? m.hidden_size : 0);
        p.router = linear(m.hidden_size, m.num_experts, m.router_bias);
    } else {
        p.mlp = mlp_params(m, m.dense_ffn());
    }
    return p;
}

int64_t mtp_module_params(const ModelConfig& m) {
    // DeepSeek-V3 technical report (arXiv:2412.19437) Sec. 2.2: each MTP module has an embedding, an output head,
    // a projection M (2h -> h), one Transformer block and RMSNorms. The released checkpoint stores its own copy of
    // the embedding and head in layer 61, which is how 671B main + MTP = 685B total on the model card.
    // Qwen3-Next / Qwen3.5 (vLLM qwen3_next_mtp.py; Qwen3-Next-80B-A3B's safetensors total 81,324,862,720 =
    // 79,674,391,296 main + this): fc 2h -> h, pre_fc_norm_embedding, pre_fc_norm_hidden, one full-attention layer,
    // a final norm, the embedding and head shared with the main model (mtp_own_embeddings false).
    const int64_t h = m.hidden_size;
    const int64_t block = shaped_layer_params(m, Mixer::Attention, m.num_experts > 0, true).total();
    return block + 3 * norm_params(m, h) + 2 * h * h + (m.mtp_own_embeddings ? 2 * m.vocab_size * h : 0);
}

ParamReport count_params(const ModelConfig& m, bool include_mtp, Trace* tr) {
    ParamReport r;
    const int64_t h = m.hidden_size;
    // A layer's parameters depend only on its kind (model.hpp layer_kind: mixer, MoE, FFN, sliding). Classify the
    // layers first and compute each kind once, so the cost does not grow with depth (count_params runs on every
    // keystroke).
    constexpr int K = ModelConfig::kLayerKinds;
    int64_t kind_count[K] = {};
    int64_t kind_first[K] = {};
    int8_t kind_order[K] = {};
    int order = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const int k = m.layer_kind(i);
        if (kind_count[k]++ == 0) { kind_first[k] = i; kind_order[order++] = static_cast<int8_t>(k); }
    }
    static const char* const kMixerNames[4] = {"", "deltanet", "mamba2", "nomixer"};
    LayerParams sum;
    // Counts stay below kMaxParams = 1e15 < 2^53 (magnitude.hpp), so the traced sums below are exact in a double.
    Tx active_layers;
    r.layer_groups.reserve(static_cast<size_t>(order));
    for (int o = 0; o < order; ++o) {
        const int k = kind_order[o];
        const int64_t n = kind_count[k];
        const int64_t i = kind_first[k];
        const LayerParams p = layer_params(m, i);
        sum.attn_q += n * p.attn_q; sum.attn_k += n * p.attn_k; sum.attn_v += n * p.attn_v; sum.attn_o += n * p.attn_o;
        sum.attn_bias += n * p.attn_bias; sum.attn_extra += n * p.attn_extra; sum.norms += n * p.norms;
        sum.mlp += n * p.mlp; sum.experts += n * p.experts; sum.shared_experts += n * p.shared_experts;
        sum.router += n * p.router; sum.linear_attn += n * p.linear_attn; sum.indexer += n * p.indexer;
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
        if (m.is_hybrid()) name = k / 8 == 0 ? "attention" : kMixerNames[k / 8];
        if (m.has_ffn(i)) name += std::string(name.empty() ? "" : "+") + (m.is_moe_layer(i) ? "moe" : "dense");
        if (m.is_sliding_layer(i)) name += "+sliding";
        r.layer_groups.push_back({name, n, p.total()});
    }
    const int64_t embed = m.vocab_size * h;
    const int64_t positions = m.pos == PosKind::Learned ? m.max_positions * h : 0;
    const int64_t final_norm = m.final_norm ? norm_params(m, h) : 0;
    const int64_t lm_head = m.tie_embeddings ? 0 : m.vocab_size * h;
    r.mtp = m.num_mtp_modules * mtp_module_params(m);

    r.by_component.reserve(16);
    auto add = [&](const char* name, int64_t v) { if (v != 0) r.by_component.emplace_back(name, v); };
    add("embed_tokens", embed);
    add("embed_positions", positions);
    add("attn_q", sum.attn_q);
    add("attn_k", sum.attn_k);
    add("attn_v", sum.attn_v);
    add("attn_o", sum.attn_o);
    add("attn_bias", sum.attn_bias);
    add("attn_norms_sinks", sum.attn_extra);
    add("layer_norms", sum.norms);
    add("mlp", sum.mlp);
    add("experts", sum.experts);
    add("shared_experts", sum.shared_experts);
    add("router", sum.router);
    add("linear_attn", sum.linear_attn);
    add("indexer", sum.indexer);
    add("final_norm", final_norm);
    add("lm_head", lm_head);
    if (include_mtp) add("mtp", r.mtp);

    Tx total;
    for (const auto& c : r.by_component) total = total + named(tr, static_cast<double>(c.second), c.first);
    r.total = static_cast<int64_t>(total.v);
    r.embedding = embed;
    r.non_embedding = r.total - embed - positions - (include_mtp ? r.mtp : 0);
    auto part = [&](int64_t v, const char* sym) { return v ? named(tr, static_cast<double>(v), sym) : Tx(0.0); };
    const Tx active = part(embed, "embed_tokens") + part(positions, "embed_positions") + active_layers +
                      part(final_norm, "final_norm") + part(lm_head, "lm_head");
    r.active = static_cast<int64_t>(active.v);
    r.active_non_embedding = r.active - embed - positions;
    r.rule_12lh2 = 12 * m.num_layers * h * h;
    r.rule_12h2_13h = m.num_layers * (12 * h * h + 13 * h) + m.vocab_size * h;
    if (!tr) return r;
    const std::string src = "Σ over layers of each weight matrix's in × out (+ biases, norms) as in the Hugging Face "
                            "modeling file; seed 002: l(12h² + 13h) + Vh for GPT-style layers; model: " + m.source;
    tr->record("params.total", "N", total, "params", src,
               "the sum of the components (each explained under params.by_component.<name>)" +
                   std::string(m.tie_embeddings ? "; the LM head shares the embedding matrix (counted once)" : ""));
    tr->record("params.active", "N_active", active, "params", src,
               m.num_experts > 0 ? "a token runs only top_k routed experts and the shared experts (Fedus et al. 2021); "
                                   "P_layer = all parameters of one layer, P_experts its routed experts, P_expert one of them"
                                 : "dense model: every parameter is active; P_layer = all parameters of one layer");
    return r;
}

}  // namespace llmcalc
