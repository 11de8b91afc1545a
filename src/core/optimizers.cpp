#include "optimizers.hpp"

namespace llmcalc {

const std::vector<Optimizer>& optimizers() {
    static const std::vector<Optimizer> table = {
        {"adamw", "AdamW (fp32 m, v)", 8, "Loshchilov & Hutter 2019; two fp32 moments"},
        {"adamw_8bit", "AdamW 8-bit (bitsandbytes)", 2, "Dettmers et al. 2022, 8-bit optimizers: two 8-bit moments"},
        {"sgd", "SGD (no momentum)", 0, "no optimizer state"},
        {"sgd_momentum", "SGD with momentum", 4, "one fp32 momentum buffer"},
    };
    return table;
}

const Optimizer* find_optimizer(std::string_view id) {
    for (const auto& o : optimizers())
        if (o.id == id) return &o;
    return nullptr;
}

}  // namespace llmcalc
