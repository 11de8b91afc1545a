// Optimizers: bytes of state per trainable parameter (the fp32 master copy is counted separately, in
// TrainingMemory::master_weights_bytes, so that ZeRO's K = 12 = 4 (master) + 8 (Adam m, v) is reproduced).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "inputs.hpp"  // OptimizerStates

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
    // State tensors per trained parameter (Adam 2: m and v; Lion, momentum, Muon 1; Adafactor 1, factored) and the
    // element format they are kept in by default (key optimizer_states=auto).
    double states = 2;
    OptimizerStates own_states = OptimizerStates::Fp32;
};

// Bytes of one optimizer-state element in format `states` (fp32 | bf16 | 8bit; Auto is resolved by the caller,
// effective_states): 8bit is Dettmers et al. 2022 (arXiv:2110.02861) block-wise quantization, 1 byte per element
// plus one fp32 absmax per block of 2048 elements.
double state_element_bytes(OptimizerStates states);
// The format optimizer `o` keeps its states in under key optimizer_states (Auto = the optimizer's own).
OptimizerStates effective_states(const Optimizer& o, OptimizerStates states);

const std::vector<Optimizer>& optimizers();
const Optimizer* find_optimizer(std::string_view id);

}  // namespace llmcalc
