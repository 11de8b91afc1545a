// The preset catalog: public models with every config value cited and their published parameter totals.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace llmcalc {

struct Preset {
    ModelConfig config;
    int64_t published_total = 0;   // published / checkpoint parameter count (exact), 0 when none is published
    int64_t published_active = 0;  // MoE: published active count, 0 when none
    const char* total_source = ""; // where published_total comes from
};

const std::vector<Preset>& presets();
const Preset* find_preset(std::string_view id);

}  // namespace llmcalc
