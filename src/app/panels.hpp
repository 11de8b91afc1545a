// The app's panels: Model, Scenario, Results, laid out in one full-window ImGui window.
#pragma once

#include <map>
#include <string>

#include "app_state.hpp"
#include "imgui.h"

namespace ui {

// Where each input widget was drawn in the last frame, in CSS pixels relative to the canvas (test hooks).
struct WidgetRect {
    float x = 0, y = 0, w = 0, h = 0;
    bool visible = false;  // false when scrolled out of its panel
};
const std::map<std::string, WidgetRect>& widget_rects();
// Records the last item's rect under `key` (for widgets drawn in other files, e.g. extras.cpp).
void record_widget_rect(const char* key);
// The theme's colour for warnings (readable on the light and the dark theme).
ImVec4 warn_color();

// Draws the whole UI for one frame; edits go to s.inputs through edit_field. Actions the platform performs
// (copy link) are returned as flags.
struct Actions {
    bool copy_link = false;
    bool open_full = false;  // embed mode: open the full calculator
};
Actions draw_app(AppState& s, bool embed);

}  // namespace ui
