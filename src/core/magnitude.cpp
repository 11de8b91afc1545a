#include "magnitude.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }

// Bits per element of the widest format a key may take (fp32); a bound, so formats need not be looked up.
constexpr double kMaxElementBytes = 4.0;
// Per-token activation terms of one layer are at most this many hidden-sized vectors (Korthikanti et al. 2022:
// 34 sbh bytes per layer = 17 vectors of 2 bytes; the bound adds the attention and MLP widths separately).
constexpr double kActVectors = 34.0;

std::string sci(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2g", x);
    return buf;
}

// Widest attention projection output per layer (q, k, v and o together), standard or MLA.
double attn_width(const ModelConfig& m) {
    const double H = d(m.num_heads), hd = d(m.head_size()), kv = d(m.kv_heads());
    double w = H * hd * 2 + kv * hd * 2;
    const double qk = d(m.qk_nope_head_dim) + d(m.qk_rope_head_dim);
    w += d(m.q_lora_rank) + H * qk + d(m.kv_lora_rank) + d(m.qk_rope_head_dim) + H * (d(m.qk_nope_head_dim) + d(m.v_head_dim)) +
         H * d(m.v_head_dim);
    return w;
}

double mlp_width_all(const ModelConfig& m) {
    return d(m.dense_ffn()) + d(m.moe_intermediate_size) * d(m.num_experts) +
           d(m.shared_ffn()) * d(m.num_shared_experts);
}

}  // namespace

int64_t saturated_gpu_count(double x) {
    if (!(x > 0)) return 0;
    return static_cast<int64_t>(std::ceil(std::min(x, kMaxGpuCount)));
}

double params_upper_bound(const ModelConfig& m) {
    const double h = d(m.hidden_size) + 1;  // +1 covers every bias vector
    const double ranks = d(m.q_lora_rank) + d(m.kv_lora_rank) + 1;
    // attention: every projection is at most (h + ranks) x width; MLP: 3 matrices (gate, up, down) per width
    const double layer = (h + ranks) * (attn_width(m) + 1) + 3 * h * (mlp_width_all(m) + 1) + h * (d(m.num_experts) + 1) +
                         d(m.norms_per_layer + 4) * (h + attn_width(m));
    const double layers = d(m.num_layers) + d(m.num_mtp_modules);
    const double embed = 3 * d(m.vocab_size) * h + d(m.max_positions) * h + 3 * h * h * d(m.num_mtp_modules + 1);
    // the report's rules of thumb 12 l h^2 + 13 l h + V h are int64 too
    const double rules = 13 * d(m.num_layers) * h * h;
    return layers * layer + embed + rules;
}

double kv_bytes_upper_bound(const ModelConfig& m, const Inputs& in) {
    const double per_token_layer = 2 * d(m.kv_heads()) * d(m.head_size()) + d(m.kv_lora_rank) + d(m.qk_rope_head_dim);
    const double context = d(in.seq) + d(in.gen) + d(in.kv_block);
    return kMaxElementBytes * per_token_layer * d(m.num_layers) * context * d(in.batch) * d(in.concurrency);
}

double activation_bytes_upper_bound(const ModelConfig& m, const Inputs& in) {
    const double s = d(in.seq), sequences = d(in.batch) * d(in.concurrency);
    const double per_token = kActVectors * d(m.hidden_size) + 6 * (attn_width(m) + mlp_width_all(m)) +
                             (in.flash_attention ? 0.0 : 5 * d(m.num_heads) * s) + 2 * d(m.vocab_size);
    const double in_flight = d(std::max<int64_t>(1, std::min(in.pp, in.grad_accum)));
    return kMaxElementBytes * per_token * s * sequences * d(m.num_layers) * in_flight;
}

std::vector<InputError> validate_magnitudes(const Inputs& in, const ModelConfig& m) {
    std::vector<InputError> e;
    const double p = params_upper_bound(m);
    if (!(p <= kMaxParams)) {
        // name what the user changed: the pasted config, else the largest typed dimension, else the preset
        std::string key = in.config.empty() ? "model" : "config";
        if (in.config.empty()) {
            const std::pair<const char*, const std::optional<int64_t>*> dims[] = {
                {"hidden", &in.hidden}, {"layers", &in.layers}, {"vocab", &in.vocab},
                {"intermediate", &in.intermediate}, {"moe_intermediate", &in.moe_intermediate},
                {"experts", &in.experts}, {"heads", &in.heads}, {"head_dim", &in.head_dim},
                {"kv_heads", &in.kv_heads}, {"shared_experts", &in.shared_experts}};
            int64_t largest = 0;
            for (const auto& [k, v] : dims)
                if (v->has_value() && **v > largest) { key = k; largest = **v; }
        }
        e.push_back({key, "makes a model of up to " + sci(p) + " parameters; the calculator handles at most " +
                              sci(kMaxParams)});
        return e;  // byte bounds would only repeat the same cause
    }
    // LoRA adapters: rank x (in + out) per adapted matrix, bounded by rank x every width of every layer
    const double lora = d(in.lora_rank) * d(m.num_layers) * 3 * (d(m.hidden_size) + attn_width(m) + mlp_width_all(m));
    if (!(lora <= kMaxParams))
        e.push_back({"lora_rank", "makes up to " + sci(lora) + " adapter parameters; at most " + sci(kMaxParams)});
    const double kv = kv_bytes_upper_bound(m, in), act = activation_bytes_upper_bound(m, in);
    if (!(kv <= kMaxBytes) || !(act <= kMaxBytes)) {
        // the factor furthest above its default names the key
        const double seq_f = (d(in.seq) + d(in.gen)) / 4608.0, batch_f = d(in.batch), conc_f = d(in.concurrency);
        const char* key = seq_f >= batch_f && seq_f >= conc_f ? "seq" : (batch_f >= conc_f ? "batch" : "concurrency");
        e.push_back({key, "makes a KV cache or activations of up to " + sci(std::max(kv, act)) +
                              " bytes; the calculator handles at most " + sci(kMaxBytes) + " per quantity"});
    }
    return e;
}

}  // namespace llmcalc
