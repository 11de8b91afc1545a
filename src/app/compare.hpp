// Compare: pin the current scenario as A (kept as its URL hash in AppState::pinned_hash), then every later scenario
// B is shown beside A with absolute and relative deltas of the headline numbers.
#pragma once

#include "app_state.hpp"

namespace ui {

void draw_compare(AppState& s);

}  // namespace ui
