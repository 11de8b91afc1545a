// Charts of the Results panel: memory vs context, memory vs batch, throughput vs batch (ImDrawList) and the "fits"
// heatmap batch x context (a WebGL2 shader from shaders/). All data comes from llmcalc's sweeps (src/core/sweeps.hpp),
// recomputed only when the inputs' hash changes. Each chart can be saved as a PNG.
#pragma once

#include "app_state.hpp"

namespace ui {

// Draws the charts section (a collapsing header) for the current, valid result. Needs the GL context current.
void draw_charts(AppState& s);
// window.llmcalcApp.charts() (docs/js-api.md): the series, rects and PNG saves of the last frame.
std::string charts_json(const AppState& s);

}  // namespace ui
