// Magnitude guard: rejects scenarios whose counts or bytes would leave the range the core computes exactly.
// Parameter counts and byte sizes are int64 (exact integers in the report), so an absurd typed dimension
// (hidden=1e12) or context (seq=1e8 with batch=1e6) would overflow them: undefined behaviour in C++, a wrong
// number in the report. The check runs on doubles before any integer arithmetic, with generous upper bounds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "model.hpp"

namespace llmcalc {

// 500x the largest published dense/MoE totals (~2e12, Kimi K2 1.04e12, DeepSeek-V3 6.7e11): anything above is a
// typo, and 1e15 x 32 bytes/param (weights + grads + Adam + master) stays far below int64's 9.2e18.
constexpr double kMaxParams = 1e15;
// One memory quantity (KV cache, activations, states) in bytes: 1 EB, ~12,500 H100-80GB of memory per GPU
// figure; keeps every sum of a few such terms below int64's 9.2e18.
constexpr double kMaxBytes = 1e18;

// Largest GPU count reported: a near-zero usable memory (gpu_mem_util, custom_memory_gb) would otherwise make
// ceil(bytes / usable) exceed int64 (undefined behaviour in the cast; found by fuzz_report).
constexpr double kMaxGpuCount = 1e15;
// ceil(x) as an int64 GPU count, saturated to [0, kMaxGpuCount] (NaN gives 0).
int64_t saturated_gpu_count(double x);

// Generous upper bound of the parameter count of `m` (every term >= the exact formula's), in doubles.
double params_upper_bound(const ModelConfig& m);
// Generous upper bounds of the largest byte quantities of the scenario (KV cache, activations), in doubles.
double kv_bytes_upper_bound(const ModelConfig& m, const Inputs& in);
double activation_bytes_upper_bound(const ModelConfig& m, const Inputs& in);

// Errors naming the key to change when a bound is exceeded (empty when the scenario is in range).
std::vector<InputError> validate_magnitudes(const Inputs& in, const ModelConfig& m);

}  // namespace llmcalc
