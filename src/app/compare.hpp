// Compare: pin the current scenario as A (kept as its URL hash in AppState::pinned_hash), then every later scenario
// B is shown beside A with absolute and relative deltas of the headline numbers.
#pragma once

#include "app_state.hpp"

namespace ui {

void draw_compare(AppState& s);
// window.llmcalcApp.compare() (docs/js-api.md): the last frame's table and its button rects.
std::string compare_json(const AppState& s);

}  // namespace ui
