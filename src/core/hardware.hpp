// The accelerator catalog: memory, bandwidth and dense peak throughput per precision, each from a datasheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmcalc {

struct Gpu {
    std::string id;              // key value: h100-sxm, a100-80g, ...
    std::string name;
    double memory_bytes = 0;     // HBM / VRAM (unified memory: total)
    double usable_fraction = 1;  // Apple unified memory: share the GPU may use
    double bandwidth = 0;        // bytes/s
    // dense peak FLOP/s (0 = not supported)
    double fp32 = 0, tf32 = 0, bf16 = 0, fp16 = 0, fp8 = 0, int8 = 0, fp4 = 0;
    std::string source;
    bool verified = true;        // false: figures not confirmed from the vendor datasheet
};

const std::vector<Gpu>& gpus();
const Gpu* find_gpu(std::string_view id);

}  // namespace llmcalc
