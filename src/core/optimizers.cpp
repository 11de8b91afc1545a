#include "optimizers.hpp"

namespace llmcalc {

const std::vector<Optimizer>& optimizers() {
    static const std::vector<Optimizer> table = {
        {"adamw", "AdamW (fp32 m, v)", 8, "Loshchilov & Hutter 2019 (arXiv:1711.05101); m and v in fp32",
         OptimizerKind::Plain, 2, OptimizerStates::Fp32},
        // Dettmers et al. 2022, 8-bit Optimizers via Block-wise Quantization (arXiv:2110.02861): two 8-bit states
        // quantized in blocks of 2048 with one fp32 absmax per block: 2 x (1 + 4/2048) bytes.
        {"adamw_8bit", "AdamW 8-bit (bitsandbytes)", 2.0 * (1.0 + 4.0 / 2048.0),
         "Dettmers et al. 2022: two 8-bit states, blocksize 2048, fp32 absmax per block", OptimizerKind::Plain,
         2, OptimizerStates::Int8},
        {"paged_adamw_8bit", "Paged AdamW 8-bit (QLoRA)", 2.0 * (1.0 + 4.0 / 2048.0),
         "QLoRA (Dettmers et al. 2023) paged optimizer over the 8-bit AdamW states; paging not modelled",
         OptimizerKind::Plain, 2, OptimizerStates::Int8},
        {"sgd", "SGD (no momentum)", 0, "Robbins & Monro 1951: no optimizer state", OptimizerKind::Plain, 0, OptimizerStates::Fp32},
        {"sgd_momentum", "SGD with momentum", 4, "Polyak 1964 / PyTorch SGD: one fp32 momentum buffer",
         OptimizerKind::Plain, 1, OptimizerStates::Fp32},
        // Shazeer & Stern 2018 (arXiv:1804.04235): factored second moment, row and column sums of an n x m matrix
        // (n + m values), no first moment by default (beta1 = None in the paper's recommended setting).
        {"adafactor", "Adafactor (factored, no momentum)", 4, "Shazeer & Stern 2018: fp32 row + column statistics",
         OptimizerKind::Adafactor, 1, OptimizerStates::Fp32},
        // Chen et al. 2023, Symbolic Discovery of Optimization Algorithms (arXiv:2302.06675): Lion keeps one momentum.
        {"lion", "Lion", 4, "Chen et al. 2023: one fp32 momentum", OptimizerKind::Plain, 1, OptimizerStates::Fp32},
        // Jordan et al. 2024, Muon (kellerjordan.github.io/posts/muon): one momentum buffer per hidden matrix;
        // embeddings, LM head and scalar/vector params are trained with AdamW.
        {"muon", "Muon (+AdamW for embed/head/vectors)", 4, "Jordan et al. 2024: fp32 momentum; AdamW elsewhere",
         OptimizerKind::Muon, 1, OptimizerStates::Fp32},
    };
    return table;
}

double state_element_bytes(OptimizerStates states) {
    if (states == OptimizerStates::Bf16) return 2.0;
    // Dettmers et al. 2022: blocksize 2048, fp32 absmax per block
    if (states == OptimizerStates::Int8) return 1.0 + 4.0 / 2048.0;
    return 4.0;  // fp32
}

OptimizerStates effective_states(const Optimizer& o, OptimizerStates states) {
    return states == OptimizerStates::Auto ? o.own_states : states;
}

const Optimizer* find_optimizer(std::string_view id) {
    for (const auto& o : optimizers())
        if (o.id == id) return &o;
    return nullptr;
}

}  // namespace llmcalc
