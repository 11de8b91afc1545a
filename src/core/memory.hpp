// Memory: inference (weights, KV cache, activations, overheads) and training (weights, gradients, optimizer
// states, master weights, activations), per GPU. Bytes are exact integers where the inputs make them exact.
#pragma once

#include <cstdint>

#include "formats.hpp"
#include "inputs.hpp"
#include "model.hpp"
#include "params.hpp"

namespace llmcalc {

struct InferenceMemory {
    int64_t weights_bytes = 0;      // per GPU
    int64_t kv_cache_bytes = 0;     // per GPU
    int64_t activations_bytes = 0;  // per GPU, peak during prefill
    int64_t overhead_bytes = 0;     // per GPU: overhead_pct of (weights + KV) + CUDA context
    int64_t total_bytes = 0;        // per GPU
    int64_t total_all_gpus = 0;     // summed over the model-parallel group (tp x pp)
};

struct TrainingMemory {
    int64_t trainable_params = 0;
    int64_t weights_bytes = 0, gradients_bytes = 0, optimizer_bytes = 0, master_weights_bytes = 0;
    int64_t activations_bytes = 0, overhead_bytes = 0, total_bytes = 0;  // all per GPU
};

// KV cache bytes for one token across all layers (no window cap): 2 (K and V) x kv_heads x head_dim per layer
// (vLLM paper, Kwon et al. 2023 Sec. 2; MLA caches kv_lora_rank + qk_rope_head_dim per layer, DeepSeek-V2 Sec. 2.1.2).
int64_t kv_cache_bytes_per_token(const ModelConfig& m, const NumberFormat& kv);
// KV cache elements of one layer for one token.
int64_t kv_elements_per_token_layer(const ModelConfig& m, int64_t layer_index);
// KV cache bytes for `sequences` sequences of `context` tokens; sliding layers keep at most `sliding_window` tokens.
int64_t kv_cache_bytes(const ModelConfig& m, const NumberFormat& kv, int64_t sequences, int64_t context);

// Weight bytes of the whole model in format f (norms and biases stay 16-bit under quantized formats).
int64_t weight_bytes(const ModelConfig& m, const ParamReport& p, const NumberFormat& f);

InferenceMemory inference_memory(const ModelConfig& m, const ParamReport& p, const Inputs& in);
TrainingMemory training_memory(const ModelConfig& m, const ParamReport& p, const Inputs& in);

// Korthikanti et al. 2022 (arXiv:2205.05198) Sec. 4.1 eq. (1): activation bytes of one transformer layer,
// 16-bit activations: s*b*h*(34 + 5*a*s/h). With tensor parallelism t (eq. 2): s*b*h*(10 + 24/t + 5*a*s/(h*t));
// with t and sequence parallelism (eq. 4): s*b*h/t*(34 + 5*a*s/h).
double korthikanti_layer_activation_bytes(double s, double b, double h, double a, double t, bool sp);

}  // namespace llmcalc
