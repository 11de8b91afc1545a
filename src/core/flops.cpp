#include "flops.hpp"

#include <algorithm>

#include "params.hpp"

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }

// Weight elements one token multiplies through in an MLP of `width` (gated: gate, up, down; plain: up, down).
int64_t mlp_weights(const ModelConfig& m, int64_t width) {
    return (m.mlp == MlpKind::Gated ? 3 : 2) * m.hidden_size * width;
}

// q.k is a dot product over the q/k head size, attention x V one over the v head size (MLA: nope+rope and v_head_dim).
int64_t qk_head_dim(const ModelConfig& m) {
    return m.attn == AttnKind::MLA ? m.qk_nope_head_dim + m.qk_rope_head_dim : m.head_size();
}
int64_t v_head_dim(const ModelConfig& m) { return m.attn == AttnKind::MLA ? m.v_head_dim : m.head_size(); }

}  // namespace

Recompute parse_recompute(std::string_view v) {
    return v == "full" ? Recompute::Full : v == "selective" ? Recompute::Selective : Recompute::None;
}

const char* recompute_name(Recompute r) {
    return r == Recompute::Full ? "full" : r == Recompute::Selective ? "selective" : "none";
}

double matmul_flops_per_token_layer(const ModelConfig& m, int64_t i, double* attn_proj, double* mlp) {
    const LayerParams p = layer_params(m, i);
    // Every projection weight is used once per token (MLA: the naive, non-absorbed form of DeepSeek-V2 eqs. 9-19).
    // A linear-attention mixer (Gated DeltaNet, Mamba-2) is counted by its projection matrices; its recurrence
    // costs O(state) per token, independent of the context (not counted, like the norms).
    const double attn = kFlopsPerMac * d(p.attn_q + p.attn_k + p.attn_v + p.attn_o + p.linear_attn_matrices);
    double ffn = 0;
    if (!m.has_ffn(i)) {
        ffn = 0;  // a Nemotron-H mixer-only block
    } else if (m.is_moe_layer(i)) {
        // Only the top-k routed experts and the shared experts run for a token (Shazeer et al. 2017; Fedus et al.
        // 2021); the router is one h x E matmul, Qwen2-MoE's shared-expert gate one h x 1.
        ffn = kFlopsPerMac * d(m.experts_per_token * mlp_weights(m, m.moe_intermediate_size) +
                               m.num_shared_experts * mlp_weights(m, m.shared_ffn()) +
                               m.hidden_size * m.num_experts + (m.shared_expert_gate ? m.hidden_size : 0));
    } else {
        ffn = kFlopsPerMac * d(mlp_weights(m, m.dense_ffn()));
    }
    if (attn_proj) *attn_proj += attn;
    if (mlp) *mlp += ffn;
    return attn + ffn;
}

// Per query: QK^T (heads x dqk x keys MACs) and attention x V (heads x dv x keys MACs); seed 000 gives 2Bs^2h for
// each over a whole sequence with h = heads x head_dim. GQA/MQA share K/V but every query head still computes.
double attention_score_flops(const ModelConfig& m, int64_t i, double context) {
    if (!m.is_attention_layer(i)) return 0.0;  // linear-attention / MLP-only layers attend no keys
    if (m.is_sliding_layer(i)) context = std::min(context, d(m.sliding_window));
    return kFlopsPerMac * d(m.num_heads) * d(qk_head_dim(m) + v_head_dim(m)) * context;
}

double attended_keys_over_sequence(int64_t seq, int64_t window, bool causal) {
    const double s = d(seq);
    if (window <= 0 || window >= seq) return causal ? s * (s + 1) / 2 : s * s;
    const double w = d(window);
    if (!causal) return s * w;
    // query t (1-based) attends min(t, w) keys: 1..w for the first w queries, w for the rest
    return w * (w + 1) / 2 + (s - w) * w;
}

double attended_keys_chunked(int64_t seq, int64_t chunk, bool causal) {
    if (chunk <= 0 || chunk >= seq) return attended_keys_over_sequence(seq, 0, causal);
    const double full = d(seq / chunk), c = d(chunk), r = d(seq % chunk);
    return causal ? full * c * (c + 1) / 2 + r * (r + 1) / 2 : full * c * c + r * r;
}

double decode_flops_at(const ModelConfig& m, int64_t t) {
    FlopsReport f = count_flops(m, t > 0 ? t - 1 : 0, 0, Recompute::None);
    return f.decode_per_token;
}

FlopsReport count_flops(const ModelConfig& m, int64_t seq, int64_t active_params, Recompute recompute,
                        const FlopsOptions& opt) {
    FlopsReport f;
    double matmul = 0, attn_seq = 0, attn_decode = 0;
    // Layers of one kind (MoE or not x sliding or not) cost the same: evaluate one representative per kind and
    // multiply, so the cost does not grow with depth.
    constexpr int K = ModelConfig::kLayerKinds;  // model.hpp layer_kind: mixer, MoE, FFN, sliding
    int64_t kind_count[K] = {};
    int64_t kind_first[K] = {};
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const int k = m.layer_kind(i);
        if (kind_count[k]++ == 0) kind_first[k] = i;
    }
    for (int k = 0; k < K; ++k) {
        if (kind_count[k] == 0) continue;
        const int64_t i = kind_first[k];
        const double n = d(kind_count[k]);
        double proj = 0, mlp = 0;
        matmul += n * matmul_flops_per_token_layer(m, i, &proj, &mlp);
        f.attn_proj_per_token += n * proj;
        f.mlp_per_token += n * mlp;
        const int64_t window = m.is_sliding_layer(i) ? m.sliding_window : 0;
        // attention_score_flops(context=1) is the cost per attended key
        const double per_key = attention_score_flops(m, i, 1.0);
        const bool chunked = m.chunked_attention && window > 0;
        attn_seq += n * per_key *
                    (chunked ? attended_keys_chunked(seq, window, opt.causal_halving)
                             : attended_keys_over_sequence(seq, window, opt.causal_halving));
        // decode of the token after a `seq`-token context: it attends seq + 1 keys (itself included); in a chunked
        // layer only the keys of its own chunk
        const double decode_keys = chunked ? d(seq % window) + 1.0 : d(seq) + 1.0;
        attn_decode += n * attention_score_flops(m, i, decode_keys);
    }
    // The LM head runs for every position in training and prefill-as-counted (logits of each position).
    f.lm_head_per_token = kFlopsPerMac * d(m.hidden_size) * d(m.vocab_size);
    f.attn_scores_per_token = seq > 0 ? attn_seq / d(seq) : 0;
    // QK^T is a dot product over d_qk, attention x V one over d_v: split the score term in that ratio
    const double dqk = d(qk_head_dim(m)), dv = d(v_head_dim(m));
    f.attn_qk_per_token = dqk + dv > 0 ? f.attn_scores_per_token * dqk / (dqk + dv) : 0;
    f.attn_av_per_token = f.attn_scores_per_token - f.attn_qk_per_token;
    f.forward_per_token = f.attn_proj_per_token + f.attn_scores_per_token + f.mlp_per_token + f.lm_head_per_token;
    f.forward_per_sequence = d(seq) * (matmul + f.lm_head_per_token) + attn_seq;
    f.decode_per_token = matmul + f.lm_head_per_token + attn_decode;

    // Backward costs twice the forward: gradients w.r.t. inputs and w.r.t. weights (Narayanan et al. 2021 Sec. 5.1).
    // Full recompute runs the layers' forward once more but not the LM head (Narayanan eq. 3: 96 = 4 x 24 for the
    // layers, 6BsVh = 3 x 2BsVh for the head). Selective recompute (Korthikanti et al. 2022 Sec. 4.2) re-runs only
    // the attention core (QK^T, softmax, attention x V).
    const double layers = f.attn_proj_per_token + f.attn_scores_per_token + f.mlp_per_token;
    const double model_training = 3.0 * f.forward_per_token;
    double hardware = model_training;
    if (recompute == Recompute::Full) hardware += layers;
    else if (recompute == Recompute::Selective) hardware += f.attn_scores_per_token;
    // training_per_token is what the GPUs execute (HFU's numerator); model_training_per_token excludes recompute
    // (MFU's numerator, PaLM App. B).
    f.training_per_token = hardware;
    f.model_training_per_token = model_training;
    f.training_multiplier = f.forward_per_token > 0 ? hardware / f.forward_per_token : 3.0;

    f.rule_6n_per_token = 6.0 * d(active_params);
    f.rule_8n_per_token = 8.0 * d(active_params);
    // PaLM App. B and Kaplan eq. 2.2 use N without the embedding table (and learned positions).
    const double positions = m.pos == PosKind::Learned ? d(m.max_positions) * d(m.hidden_size) : 0.0;
    const double n_non_embedding = d(active_params) - d(m.vocab_size) * d(m.hidden_size) - positions;
    const double d_attn = d(m.num_heads) * d(qk_head_dim(m));
    f.palm_per_token = palm_model_flops_per_token(n_non_embedding, d(m.num_layers), d(m.num_heads), d(qk_head_dim(m)), d(seq));
    f.kaplan_forward_per_token = 2.0 * n_non_embedding + 2.0 * d(m.num_layers) * d(seq) * d_attn;

    f.forward_macs_per_token = f.forward_per_token / kFlopsPerMac;
    f.decode_macs_per_token = f.decode_per_token / kFlopsPerMac;
    f.forward_macs_per_sequence = f.forward_per_sequence / kFlopsPerMac;
    return f;
}

double flops_utilization(double tokens_per_second, double flops_per_token, double devices, double peak_per_device) {
    const double capacity = devices * peak_per_device;
    return capacity > 0 ? tokens_per_second * flops_per_token / capacity : 0.0;
}

double palm_model_flops_per_token(double n, double layers, double heads, double head_dim, double seq) {
    return 6.0 * n + 12.0 * layers * heads * head_dim * seq;
}

}  // namespace llmcalc
