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
    bool focused = false;  // has the keyboard focus, with the focus ring shown (Tab, arrows)
};
const std::map<std::string, WidgetRect>& widget_rects(const AppState& s);
// Records the last item's rect under `key` (for widgets drawn in other files, e.g. extras.cpp). A row of a scrolled
// list (clip_to_list) records only its part inside the list, and counts as visible when half of it shows.
void record_widget_rect(const char* key, bool clip_to_list = false);
// Inside a tooltip: its window's rect under "tooltip" (test hook widgetRect('tooltip'): it stays inside the viewport).
void record_tooltip_rect();
// The AppState draw_app() is drawing (ImGui::GetIO().UserData, set there): the helpers that record where they drew
// (record_widget_rect, text fields, tooltips) or follow the theme reach the app's state through the ImGui context, as
// ImGui's callbacks reach theirs through UserData, not through a global of the app.
AppState& drawn_state();
// The theme's colours for warnings, good and bad verdicts (readable on the light and the dark theme).
ImVec4 warn_color();
ImVec4 good_color();
ImVec4 error_color();

// Shared with the answer card (answer.cpp). Input rows: a two-column table (label (?) | widget, error below) of
// keys; a key drawn once in a frame is not drawn again (the card's keys are left out of the panels below it).
bool begin_input_rows(const char* id);  // then input_row()s, then ImGui::EndTable() when it returned true
void input_row(AppState& s, const char* key, const char* hint = nullptr);  // hint: shown in an empty text field
// The Weights field's text: under finetune=qlora with a 16/32-bit format it names the NF4 base QLoRA stores (as the
// core counts it, memory.cpp: "NF4 base · BF16 adapters") and the chosen format as the adapters'; otherwise `label` (the format's own).
std::string weights_field_text(const AppState& s, const std::string& label);
// The stacked per-GPU memory bar of the scenario's task against one GPU's usable memory, with its legend.
void draw_memory_bar(const AppState& s, const llmcalc::Report& r);
// The formula tooltip of report path `path` when `hovered` (only while `r` is the current inputs' report).
void explain_last_item(const AppState& s, const llmcalc::Report& r, const char* path, bool hovered);

// Draws the whole UI for one frame; edits go to s.inputs through edit_field. Actions the platform performs
// (copy link) are returned as flags.
struct Actions {
    bool copy_link = false;
    bool open_full = false;  // embed mode: open the full calculator
};
Actions draw_app(AppState& s, bool embed);

}  // namespace ui
