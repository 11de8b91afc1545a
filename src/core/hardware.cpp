#include "hardware.hpp"

namespace llmcalc {

namespace {
constexpr double GB = 1e9;
constexpr double T = 1e12;
}  // namespace

const std::vector<Gpu>& gpus() {
    static const std::vector<Gpu> table = {
        {"a100-80g", "NVIDIA A100 SXM4 80GB", 80 * GB, 1, 2039 * GB, 19.5 * T, 156 * T, 312 * T, 312 * T, 0, 624 * T, 0,
         "NVIDIA A100 datasheet (dense)", true},
        {"h100-sxm", "NVIDIA H100 SXM5 80GB", 80 * GB, 1, 3350 * GB, 67 * T, 494.5 * T, 989.5 * T, 989.5 * T, 1979 * T,
         1979 * T, 0, "NVIDIA H100 datasheet (dense = half the sparsity figures)", true},
    };
    return table;
}

const Gpu* find_gpu(std::string_view id) {
    for (const auto& g : gpus())
        if (g.id == id) return &g;
    return nullptr;
}

}  // namespace llmcalc
