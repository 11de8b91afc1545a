#include "flops.hpp"

#include <algorithm>

#include "params.hpp"

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }

int64_t mlp_weights(const ModelConfig& m, int64_t width) {
    return (m.mlp == MlpKind::Gated ? 3 : 2) * m.hidden_size * width;
}

}  // namespace

double matmul_flops_per_token_layer(const ModelConfig& m, int64_t i, double* attn_proj, double* mlp) {
    const LayerParams p = layer_params(m, i);
    const double attn = kFlopsPerMac * d(p.attn_q + p.attn_k + p.attn_v + p.attn_o);
    double ffn = 0;
    if (m.is_moe_layer(i)) {
        // Only the top-k routed experts and the shared experts run for a token (Shazeer et al. 2017; Fedus et al.
        // 2021); the router is one h x E matmul.
        ffn = kFlopsPerMac * d(m.experts_per_token * mlp_weights(m, m.moe_intermediate_size) +
                               m.num_shared_experts * mlp_weights(m, m.shared_ffn()) +
                               m.hidden_size * m.num_experts);
    } else {
        ffn = kFlopsPerMac * d(mlp_weights(m, m.dense_ffn()));
    }
    if (attn_proj) *attn_proj += attn;
    if (mlp) *mlp += ffn;
    return attn + ffn;
}

// Per query and key: QK^T is a dot product over the q/k head size, attention x V one over the v head size, for
// every head (seed 000: 2Bs^2h each for the whole sequence).
double attention_score_flops(const ModelConfig& m, int64_t i, double context) {
    int64_t dqk = m.head_size(), dv = m.head_size();
    if (m.attn == AttnKind::MLA) {
        dqk = m.qk_nope_head_dim + m.qk_rope_head_dim;
        dv = m.v_head_dim;
    }
    if (m.is_sliding_layer(i)) context = std::min(context, d(m.sliding_window));
    return kFlopsPerMac * d(m.num_heads) * d(dqk + dv) * context;
}

double attended_keys_over_sequence(int64_t seq, int64_t window, bool causal) {
    const double s = d(seq);
    if (window <= 0 || window >= seq) return causal ? s * (s + 1) / 2 : s * s;
    const double w = d(window);
    if (!causal) return s * w;
    // tokens 1..w attend t keys, the rest attend w
    return w * (w + 1) / 2 + (s - w) * w;
}

FlopsReport count_flops(const ModelConfig& m, int64_t seq, int64_t active_params, Recompute recompute,
                        const FlopsOptions& opt) {
    FlopsReport f;
    double matmul = 0, attn_seq = 0, attn_decode = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        matmul += matmul_flops_per_token_layer(m, i, &f.attn_proj_per_token, &f.mlp_per_token);
        const int64_t window = m.is_sliding_layer(i) ? m.sliding_window : 0;
        // attention_score_flops(context=1) is the cost per attended key
        const double per_key = attention_score_flops(m, i, 1.0);
        attn_seq += per_key * attended_keys_over_sequence(seq, window, opt.causal_halving);
        attn_decode += attention_score_flops(m, i, d(seq));
    }
    f.lm_head_per_token = kFlopsPerMac * d(m.hidden_size) * d(m.vocab_size);
    f.attn_scores_per_token = seq > 0 ? attn_seq / d(seq) : 0;
    f.forward_per_token = f.attn_proj_per_token + f.attn_scores_per_token + f.mlp_per_token + f.lm_head_per_token;
    f.forward_per_sequence = d(seq) * (matmul + f.lm_head_per_token) + attn_seq;
    f.decode_per_token = matmul + f.lm_head_per_token + attn_decode;

    // Backward costs twice the forward: gradients w.r.t. inputs and w.r.t. weights (Narayanan et al. 2021 Sec. 5.1).
    // Full recompute runs the layers' forward once more but not the LM head (Narayanan eq. 3: 96 = 4 x 24, 6BsVh = 3 x 2BsVh).
    // Selective recompute (Korthikanti et al. 2022 Sec. 5) re-runs only the attention-score part.
    const double layers = f.attn_proj_per_token + f.attn_scores_per_token + f.mlp_per_token;
    const double model_training = 3.0 * f.forward_per_token;
    double hardware = model_training;
    if (recompute == Recompute::Full) hardware += layers;
    else if (recompute == Recompute::Selective) hardware += f.attn_scores_per_token;
    // The reported training count follows Narayanan: it includes the recompute it performs.
    f.training_per_token = hardware;
    f.model_training_per_token = model_training;
    f.training_multiplier = f.forward_per_token > 0 ? hardware / f.forward_per_token : 3.0;

    f.rule_6n_per_token = 6.0 * d(active_params);
    f.rule_8n_per_token = 8.0 * d(active_params);
    int64_t dqk = m.attn == AttnKind::MLA ? m.qk_nope_head_dim + m.qk_rope_head_dim : m.head_size();
    f.palm_per_token = 6.0 * d(active_params) + 12.0 * d(m.num_layers) * d(m.num_heads) * d(dqk) * d(seq);
    return f;
}

double narayanan_flops_per_iteration(double B, double s, double l, double h, double V) {
    return 96.0 * B * s * l * h * h * (1.0 + s / (6.0 * h) + V / (16.0 * l * h));
}

double seed_forward_flops(double B, double s, double h, double l, double V) {
    return 24.0 * B * s * h * h * l + 4.0 * B * s * s * h * l + 2.0 * B * s * V * h;
}

}  // namespace llmcalc
