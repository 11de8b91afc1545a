// Optimizers: bytes of state per trainable parameter (the fp32 master copy is counted separately, in
// TrainingMemory::master_weights_bytes, so that ZeRO's K = 12 = 4 (master) + 8 (Adam m, v) is reproduced).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmcalc {

enum class OptimizerKind { Plain, Adafactor, Muon };

struct Optimizer {
    std::string id;
    std::string name;
    double state_bytes_per_param = 8;  // e.g. AdamW: m and v in fp32 = 8
    std::string source;
    // Adafactor: factored second moment (row + column vectors per matrix, full for vectors);
    // Muon: momentum for hidden matrices, AdamW (8 bytes) for embeddings, LM head, norms and biases.
    OptimizerKind kind = OptimizerKind::Plain;
};

const std::vector<Optimizer>& optimizers();
const Optimizer* find_optimizer(std::string_view id);

}  // namespace llmcalc
