// Time and speed: training time from FLOPs, inference prefill (TTFT) and decode (TPOT).
#pragma once

namespace llmcalc {

// Training time (s) = total FLOPs / (gpus x peak FLOP/s x utilisation) (seed 000 "模型训练时间估算";
// Narayanan et al. 2021 eq. 4 with 8TP = total FLOPs under full recompute).
double training_seconds(double total_flops, double gpus, double peak_flops_per_gpu, double utilisation);
// Prefill time (s) = prompt FLOPs / (gpus x peak x efficiency) (seed 004: 2 x 32e9 x 1000 / (10 x 312e12 x 0.462)).
double prefill_seconds(double flops, double gpus, double peak_flops_per_gpu, double efficiency);
// Decode time per token: the larger of memory time (bytes / bandwidth) and compute time (FLOPs / peak).
double decode_seconds(double bytes_moved, double bandwidth, double flops, double peak_flops);

}  // namespace llmcalc
