#include "memory.hpp"

#include <algorithm>
#include <cmath>

#include "optimizers.hpp"

namespace llmcalc {
namespace {

constexpr double kGB = 1e9;
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
int64_t to_bytes(double x) { return static_cast<int64_t>(std::ceil(x)); }

const NumberFormat& fmt(std::string_view id) {
    const NumberFormat* f = find_format(id);
    return f ? *f : *find_format("bf16");  // ids were validated by the key table
}

}  // namespace

int64_t kv_elements_per_token_layer(const ModelConfig& m, int64_t) {
    if (m.attn == AttnKind::MLA) return m.kv_lora_rank + m.qk_rope_head_dim;
    return 2 * m.kv_heads() * m.head_size();
}

int64_t kv_cache_bytes_per_token(const ModelConfig& m, const NumberFormat& kv) {
    int64_t elements = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) elements += kv_elements_per_token_layer(m, i);
    return format_bytes(elements, kv);
}

int64_t kv_cache_bytes(const ModelConfig& m, const NumberFormat& kv, int64_t sequences, int64_t context) {
    int64_t elements_per_seq = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const int64_t tokens = m.is_sliding_layer(i) ? std::min(context, m.sliding_window) : context;
        elements_per_seq += kv_elements_per_token_layer(m, i) * tokens;
    }
    return format_bytes(elements_per_seq, kv) * sequences;
}

int64_t weight_bytes(const ModelConfig& m, const ParamReport& p, const NumberFormat& f) {
    (void)m;
    return format_bytes(p.total, f);
}

InferenceMemory inference_memory(const ModelConfig& m, const ParamReport& p, const Inputs& in) {
    InferenceMemory r;
    const int64_t shards = in.tp * in.pp;
    const int64_t sequences = in.batch * in.concurrency;
    const int64_t weights_all = weight_bytes(m, p, fmt(in.weights));
    const int64_t kv_all = kv_cache_bytes(m, fmt(in.kv), sequences, in.seq + in.gen);
    r.weights_bytes = ceil_div(weights_all, shards);
    r.kv_cache_bytes = ceil_div(kv_all, shards);
    // Peak transient activations of one layer during prefill (16-bit): the residual stream and the MLP's
    // intermediate (gate and up for gated MLPs); without flash attention also the a x s x s score matrix.
    const double act_elems_per_token =
        static_cast<double>(m.hidden_size) + (m.mlp == MlpKind::Gated ? 2.0 : 1.0) * static_cast<double>(m.dense_ffn());
    double act = 2.0 * static_cast<double>(sequences) * static_cast<double>(in.seq) * act_elems_per_token;
    if (!in.flash_attention)
        act += 2.0 * static_cast<double>(sequences) * static_cast<double>(m.num_heads) * static_cast<double>(in.seq) *
               static_cast<double>(in.seq);
    r.activations_bytes = to_bytes(act / static_cast<double>(in.tp));
    r.overhead_bytes = to_bytes(in.overhead_pct / 100.0 * static_cast<double>(r.weights_bytes + r.kv_cache_bytes) +
                                in.cuda_context_gb * kGB);
    r.total_bytes = r.weights_bytes + r.kv_cache_bytes + r.activations_bytes + r.overhead_bytes;
    r.total_all_gpus = r.total_bytes * shards;
    return r;
}

double korthikanti_layer_activation_bytes(double s, double b, double h, double a, double t, bool sp) {
    if (sp) return s * b * h / t * (34.0 + 5.0 * a * s / h);
    return s * b * h * (10.0 + 24.0 / t + 5.0 * a * s / (h * t));
}

TrainingMemory training_memory(const ModelConfig& m, const ParamReport& p, const Inputs& in) {
    TrainingMemory r;
    const double shards = static_cast<double>(in.tp * in.pp);
    const double dp = static_cast<double>(in.dp);
    r.trainable_params = p.total;
    const double n = static_cast<double>(p.total) / shards;
    const double trainable = static_cast<double>(r.trainable_params) / shards;
    const NumberFormat& wf = fmt(in.weights);
    const double grad_bytes = fmt(in.grad_dtype).bits() / 8.0;
    const Optimizer* opt = find_optimizer(in.optimizer);
    const double opt_bytes = opt ? opt->state_bytes_per_param : 8.0;
    // ZeRO (Rajbhandari et al. 2020, Sec. 5 / Fig. 1): stage 1 shards optimizer states (incl. fp32 master copy),
    // stage 2 adds gradients, stage 3 adds the parameters, each over the N_d data-parallel ranks.
    r.weights_bytes = to_bytes(n * wf.bits() / 8.0 / (in.zero >= 3 ? dp : 1.0));
    r.gradients_bytes = to_bytes(trainable * grad_bytes / (in.zero >= 2 ? dp : 1.0));
    r.optimizer_bytes = to_bytes(trainable * opt_bytes / (in.zero >= 1 ? dp : 1.0));
    const bool mixed = wf.bits() < 32.0;
    r.master_weights_bytes = in.master_weights && mixed ? to_bytes(trainable * 4.0 / (in.zero >= 1 ? dp : 1.0)) : 0;
    const double layers_per_stage = std::ceil(static_cast<double>(m.num_layers) / static_cast<double>(in.pp));
    double per_layer = korthikanti_layer_activation_bytes(static_cast<double>(in.seq), static_cast<double>(in.batch),
                                                          static_cast<double>(m.hidden_size),
                                                          static_cast<double>(m.num_heads),
                                                          static_cast<double>(in.tp), in.sp);
    if (in.recompute == "full") per_layer = 2.0 * in.seq * in.batch * m.hidden_size / (in.sp ? in.tp : 1);
    r.activations_bytes = to_bytes(per_layer * layers_per_stage);
    r.overhead_bytes = to_bytes(in.cuda_context_gb * kGB);
    r.total_bytes = r.weights_bytes + r.gradients_bytes + r.optimizer_bytes + r.master_weights_bytes +
                    r.activations_bytes + r.overhead_bytes;
    return r;
}

}  // namespace llmcalc
