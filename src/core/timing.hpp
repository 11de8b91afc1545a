// Time and speed: training time from FLOPs, inference prefill (TTFT) and decode (TPOT), communication terms.
// Each formula is written once, on traced numbers (trace.hpp); the double overloads run the same code untraced.
#pragma once

#include <cstdint>

#include "trace.hpp"

namespace llmcalc {

constexpr double kSecondsPerDay = 86400.0;

// Training time (s) = total FLOPs / (gpus x peak FLOP/s x utilisation) (seed 000 "模型训练时间估算";
// Narayanan et al. 2021 eq. 4 with 8TP = total FLOPs under full recompute).
double training_seconds(double total_flops, double gpus, double peak_flops_per_gpu, double utilisation);
Tx training_seconds(const Tx& total_flops, const Tx& gpus, const Tx& peak_flops_per_gpu, const Tx& utilisation);
// Narayanan et al. 2021 (arXiv:2104.04473) Sec. 5.1 eq. (4): end-to-end time ~= 8 T P / (n X), with T tokens, P
// parameters, n GPUs and X achieved FLOP/s per GPU.
double narayanan_training_seconds(double tokens, double params, double gpus, double achieved_flops_per_gpu);
Tx narayanan_training_seconds(const Tx& tokens, const Tx& params, const Tx& gpus, const Tx& achieved_flops_per_gpu);
// The FLOPs per token a training time divides and the utilisation that counts the same FLOPs (PaLM, Chowdhery et
// al. 2022, App. B): mfu with model FLOPs (forward + backward), or, when hfu > 0, hfu with the FLOPs the hardware
// executes (recompute included; Megatron-LM's reported "TFLOP/s per GPU" / peak, Narayanan et al. 2021 Sec. 5.1).
struct TrainingRate {
    double flops_per_token = 0;
    double utilisation = 0;
    const char* basis = "mfu";
};
TrainingRate training_rate(double model_flops_per_token, double hardware_flops_per_token, double mfu, double hfu);

// Inverse: GPUs needed to finish `total_flops` within `seconds` (ceil), and tokens processed per day.
int64_t gpus_for_deadline(double total_flops, double seconds, double peak_flops_per_gpu, double utilisation);
// The same on traced numbers: max(1, ⌈C ÷ (T × peak × utilisation)⌉), saturated at kMaxGpuCount (0 when off).
Tx gpus_for_deadline(const Tx& total_flops, const Tx& seconds, const Tx& peak_flops_per_gpu, const Tx& utilisation);
double tokens_per_day(double gpus, double peak_flops_per_gpu, double utilisation, double flops_per_token);
Tx tokens_per_day(const Tx& gpus, const Tx& peak_flops_per_gpu, const Tx& utilisation, const Tx& flops_per_token);

// Prefill time (s) = prompt FLOPs / (gpus x peak x efficiency) (seed 004: 2 x 32e9 x 1000 / (10 x 312e12 x 0.462)).
double prefill_seconds(double flops, double gpus, double peak_flops_per_gpu, double efficiency);
Tx prefill_seconds(const Tx& flops, const Tx& gpus, const Tx& peak_flops_per_gpu, const Tx& efficiency);
// Decode time per token, roofline model (Williams, Waterman & Patterson 2009, "Roofline", CACM 52(4)): the larger of
// memory time (bytes / bandwidth) and compute time (FLOPs / peak); seed 004: decode re-reads the weights and the KV
// cache for every step.
double decode_seconds(double bytes_moved, double bandwidth, double flops, double peak_flops);
Tx decode_seconds(const Tx& bytes_moved, const Tx& bandwidth, const Tx& flops, const Tx& peak_flops);
// True when the memory term is the larger (memory-bound decode).
bool decode_memory_bound(double bytes_moved, double bandwidth, double flops, double peak_flops);

// Ring all-reduce of `bytes` over n ranks: each rank sends and receives 2(n-1)/n x bytes (Patarasuk & Yuan 2009;
// NCCL's busBw convention). Returns seconds at `bandwidth` bytes/s per rank; 0 for n = 1.
double ring_allreduce_seconds(double bytes, double n, double bandwidth);
// All-to-all of `bytes` per rank over n ranks: (n-1)/n of it leaves the rank.
double all_to_all_seconds(double bytes, double n, double bandwidth);

// MoE decode: expected share of the routed experts that at least one of `tokens` tokens selects, each picking k of
// E uniformly: 1 - (1 - k/E)^tokens (uniform-routing assumption).
double experts_touched_fraction(double experts, double k, double tokens);
Tx experts_touched_fraction(const Tx& experts, const Tx& k, const Tx& tokens);

}  // namespace llmcalc
