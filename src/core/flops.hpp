// Floating-point operation counts. A matmul of [m,k] x [k,n] is m*n*k multiply-accumulates = 2mkn FLOPs
// (seed 000; Kaplan et al. 2020 Table 1; Narayanan et al. 2021 Sec. 5.1). Values are doubles: training totals
// exceed 2^63; per-token matmul counts stay exact integers well below 2^53.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inputs.hpp"
#include "model.hpp"
#include "trace.hpp"

namespace llmcalc {

// FLOPs per multiply-accumulate: one multiply and one add (Megatron-LM's `fma_expansion_factor`).
constexpr double kFlopsPerMac = 2.0;

// Activation recomputation: enum Recompute of inputs.hpp (the key `recompute`, parsed once by the key table).

struct FlopsOptions {
    // Attention over a causal mask touches on average (s+1)/2 keys per query. Off by default so that the
    // seeds' 4Bs^2h and Narayanan's s/6h term are reproduced; Kaplan's 2*n_layer*n_ctx*d_attn counts it halved.
    bool causal_halving = false;
};

struct FlopsReport {
    // Per token, forward, split by component (matmul FLOPs; norms, softmax and activations are not counted).
    double attn_proj_per_token = 0;    // q/k/v/o (or MLA) projections
    double attn_scores_per_token = 0;  // QK^T and attention x V at the scenario's context (grows with seq)
    double attn_qk_per_token = 0;      //   of which QK^T (scores)
    double attn_av_per_token = 0;      //   of which attention x V (values)
    double mlp_per_token = 0;          // dense MLP + active experts + shared experts + router
    double lm_head_per_token = 0;
    double forward_per_token = 0;      // sum of the above
    double forward_per_sequence = 0;   // prefill of `seq` tokens: seq x matmuls + attention over the mask
    double decode_per_token = 0;       // one new token at context `seq` with a KV cache
    double training_per_token = 0;     // forward + backward + recompute: what the GPUs execute (HFU's numerator)
    double model_training_per_token = 0;  // forward + backward = 3 x forward (MFU's numerator, PaLM App. B)
    double training_multiplier = 3;    // 3 (no recompute), 4 (full recompute of the layers), in between (selective)
    double rule_6n_per_token = 0;      // 6 x active params (Kaplan et al. 2020 eq. 2.1's C ~ 6N)
    double rule_8n_per_token = 0;      // 8 x active params (full recompute rule of thumb, seed 000)
    double palm_per_token = 0;         // PaLM (Chowdhery et al. 2022, App. B): 6N + 12 L H Q T, N non-embedding
    // Kaplan et al. 2020 eq. 2.2: C_forward ~ 2N + 2 n_layer n_ctx d_attn per token (N non-embedding active params,
    // d_attn = heads x head_dim, n_ctx = seq). Shown beside the exact count.
    double kaplan_forward_per_token = 0;
    // Multiply-accumulates (thop/ptflops report MACs; 1 MAC = 2 FLOPs, kFlopsPerMac).
    double forward_macs_per_token = 0;
    double decode_macs_per_token = 0;
    double forward_macs_per_sequence = 0;
};

// Matmul FLOPs of one token through every weight matrix (no attention-score term).
double matmul_flops_per_token_layer(const ModelConfig& m, int64_t layer_index, double* attn_proj, double* mlp);
// QK^T + attention x V FLOPs for one query attending `context` keys in layer i (window-capped for sliding layers).
double attention_score_flops(const ModelConfig& m, int64_t layer_index, double context);
// Sum over a sequence of s queries of the keys each attends: s*s non-causal, s(s+1)/2 causal; window-capped.
double attended_keys_over_sequence(int64_t seq, int64_t window, bool causal);
// The same for chunked attention (Llama 4): queries attend within chunks of `chunk` tokens.
double attended_keys_chunked(int64_t seq, int64_t chunk, bool causal);

// Forward FLOPs of decoding one token at position t (1-based: it attends t keys, window-capped) with a KV cache.
double decode_flops_at(const ModelConfig& m, int64_t t);

// With a trace, flops.forward_per_token, forward_per_sequence, decode_per_token, training_per_token and
// model_training_per_token are recorded with the terms they combined (trace.hpp).
FlopsReport count_flops(const ModelConfig& m, int64_t seq, int64_t active_params, Recompute recompute,
                        const FlopsOptions& opt = {}, Trace* tr = nullptr);

// PaLM (Chowdhery et al. 2022) App. B: utilization = achieved tokens/s x FLOPs per token / (devices x peak FLOP/s).
// With model FLOPs (no recompute; model_training_per_token or palm_model_flops_per_token) it is MFU, with the FLOPs
// the hardware executes (training_per_token, recompute included) HFU.
double flops_utilization(double tokens_per_second, double flops_per_token, double devices, double peak_per_device);
// PaLM App. B model FLOPs per training token: 6N + 12 L H Q T (N parameters, L layers, H heads, Q head dim, T seq).
double palm_model_flops_per_token(double n_params, double layers, double heads, double head_dim, double seq);


}  // namespace llmcalc
