// The accelerator catalog: memory, bandwidth and dense peak throughput per precision, each from a datasheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmcalc {

struct Gpu {
    std::string id;              // key value: h100-sxm, a100-80g, ...
    std::string name;
    double memory_bytes = 0;     // HBM / VRAM (unified memory: total), bytes as the device reports them
    std::string memory_source;   // where memory_bytes comes from (nvidia-smi / rocm-smi total, or nominal GiB)
    double usable_fraction = 1;  // Apple unified memory: share the GPU may use (default; key unified_memory_fraction)
    bool unified = false;        // unified CPU/GPU memory (Apple): usable share from unified_memory_fraction
    double bandwidth = 0;        // bytes/s
    // dense peak FLOP/s (0 = not supported / not published)
    double fp32 = 0, tf32 = 0, bf16 = 0, fp16 = 0, fp8 = 0, int8 = 0, fp4 = 0;
    std::string source;
    bool verified = true;        // false: some figure not confirmed from the vendor datasheet
};

const std::vector<Gpu>& gpus();
const Gpu* find_gpu(std::string_view id);
// The "custom" entry with the user's memory (GB), bandwidth (GB/s) and dense 16-bit TFLOPS.
Gpu custom_gpu(double memory_gb, double bandwidth_gbs, double tflops);

// Dense peak FLOP/s for matmuls whose weights are stored in `format` (a number-format id): fp32 -> TF32 tensor
// cores where they exist, fp8 -> FP8, nvfp4 -> FP4 where the card has it, everything else (16-bit, and weight-only integer/4-bit formats that
// dequantize to 16-bit) -> BF16/FP16. Falls back to the next precision the card has.
double peak_flops_for(const Gpu& g, std::string_view format);

}  // namespace llmcalc
