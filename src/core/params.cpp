// Parameter counting. Shapes follow the Hugging Face `transformers` modeling files of each family
// (modeling_gpt2, modeling_llama, modeling_qwen2/3, modeling_gemma2/3, modeling_mixtral, modeling_deepseek_v3,
// modeling_gpt_oss); a Linear(in, out) holds in*out weights (+ out biases).
#include "params.hpp"

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
    p.attn_q = h * q;
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

int64_t norm_params(const ModelConfig& m, int64_t dim) {
    return m.norm == NormKind::LayerNorm && m.norm_bias ? 2 * dim : dim;
}

LayerParams layer_params(const ModelConfig& m, int64_t layer_index) {
    LayerParams p;
    if (m.attn == AttnKind::MLA) mla_attention(m, p);
    else standard_attention(m, p);
    p.norms = m.norms_per_layer * norm_params(m, m.hidden_size);
    if (m.is_moe_layer(layer_index)) {
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
    const int64_t h = m.hidden_size;
    const int64_t block = layer_params(m, m.num_layers - 1).total();
    return block + 3 * norm_params(m, h) + 2 * h * h + 2 * m.vocab_size * h;
}

ParamReport count_params(const ModelConfig& m, bool include_mtp) {
    ParamReport r;
    const int64_t h = m.hidden_size;
    // A layer's parameters depend only on whether it is MoE; its kind also on sliding. Classify the layers first
    // and compute each kind once, so the cost does not grow with depth (count_params runs on every keystroke).
    int64_t kind_count[4] = {0, 0, 0, 0};  // index: moe * 2 + sliding
    int8_t kind_order[4] = {-1, -1, -1, -1};
    int order = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const int k = (m.is_moe_layer(i) ? 2 : 0) + (m.is_sliding_layer(i) ? 1 : 0);
        if (kind_count[k]++ == 0) kind_order[order++] = static_cast<int8_t>(k);
    }
    static const char* const kKindNames[4] = {"dense", "dense+sliding", "moe", "moe+sliding"};
    LayerParams per_kind[2];
    for (int moe = 0; moe < 2; ++moe) {
        if (kind_count[2 * moe] + kind_count[2 * moe + 1] == 0) continue;
        for (int64_t i = 0; i < m.num_layers; ++i)
            if (m.is_moe_layer(i) == (moe == 1)) { per_kind[moe] = layer_params(m, i); break; }
    }
    LayerParams sum;
    int64_t active_layers = 0;
    r.layer_groups.reserve(static_cast<size_t>(order));
    for (int o = 0; o < order; ++o) {
        const int k = kind_order[o];
        const int64_t n = kind_count[k];
        const LayerParams& p = per_kind[k >> 1];
        sum.attn_q += n * p.attn_q; sum.attn_k += n * p.attn_k; sum.attn_v += n * p.attn_v; sum.attn_o += n * p.attn_o;
        sum.attn_bias += n * p.attn_bias; sum.attn_extra += n * p.attn_extra; sum.norms += n * p.norms;
        sum.mlp += n * p.mlp; sum.experts += n * p.experts; sum.shared_experts += n * p.shared_experts;
        sum.router += n * p.router;
        active_layers += n * (p.total() - p.experts + m.experts_per_token * p.expert_one);
        r.layer_groups.push_back({kKindNames[k], n, p.total()});
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
    add("final_norm", final_norm);
    add("lm_head", lm_head);
    if (include_mtp) add("mtp", r.mtp);

    for (const auto& c : r.by_component) r.total += c.second;
    r.embedding = embed;
    r.non_embedding = r.total - embed - positions - (include_mtp ? r.mtp : 0);
    r.active = embed + positions + active_layers + final_norm + lm_head;
    r.active_non_embedding = r.active - embed - positions;
    r.rule_12lh2 = 12 * m.num_layers * h * h;
    r.rule_12h2_13h = m.num_layers * (12 * h * h + 13 * h) + m.vocab_size * h;
    return r;
}

}  // namespace llmcalc
