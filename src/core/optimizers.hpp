// Optimizers: bytes of state per trainable parameter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmcalc {

struct Optimizer {
    std::string id;
    std::string name;
    double state_bytes_per_param = 8;  // e.g. AdamW: m and v in fp32 = 8
    std::string source;
};

const std::vector<Optimizer>& optimizers();
const Optimizer* find_optimizer(std::string_view id);

}  // namespace llmcalc
