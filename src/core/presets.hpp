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
    int64_t published_active = 0;  // MoE: published exact active count, 0 when none
    const char* total_source = ""; // where published_total (or the rounded figure) comes from
    // When only a rounded figure is published ("7.24B", "671B"): the figure and the half-width of its rounding.
    // Tests check |count - approx| <= tolerance; never used when published_total is set.
    double approx_total = 0;
    double approx_tolerance = 0;
    double approx_active = 0;           // rounded published active count (MoE), 0 when none
    double approx_active_tolerance = 0;
    bool total_includes_mtp = false;    // the published total counts the MTP modules (count_params(.., true))
};

const std::vector<Preset>& presets();
const Preset* find_preset(std::string_view id);

}  // namespace llmcalc
