// Input widgets shared by the panels and the answer card: a field that commits on Enter / Tab / leaving it, and a
// searchable dropdown. Both edit AppState only through edit_field (the core's set_input).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app_state.hpp"

namespace ui {

// A text or number field for `key`. The typed text is pending (shown, not applied: the results do not change) until
// Enter, Tab or leaving the field commits it through edit_field; Esc restores the applied value. After a commit the
// field keeps the user's spelling ("1T"); a value set elsewhere (preset, URL) shows as plain grouped digits
// ("1,000,000,000,000", never scientific). Returns true on the frame a changed text was committed.
bool committed_field(AppState& s, const char* key, const char* hint = nullptr);

struct ComboItem {
    std::string id;     // the key's value (preset id, GPU id)
    std::string label;  // what people read
    const char* key = nullptr;  // the key a pick sets, when not the combo's own (the model list's "parameters only")
};
// A dropdown whose list can be searched: every word of the query must start a word of the item (any order:
// "a100 80", "qwen 8b"); Up/Down move the highlight, Enter picks it, Esc closes with nothing changed; while the
// list is open the keyboard goes to its search box only. Returns true when an item was picked (and applied).
// picked (optional): the item picked, when one was.
bool search_combo(AppState& s, const char* key, const std::vector<ComboItem>& items, const std::string& preview,
                  const ComboItem** picked = nullptr);
// The same, with the list made only while the dropdown is open (fill appends to items): a closed catalog dropdown,
// drawn on every frame, does not format a label per preset or GPU.
bool search_combo(AppState& s, const char* key, std::vector<ComboItem>& items, const std::function<void()>& fill,
                  const std::string& preview, const ComboItem** picked = nullptr);

// Every word of `query` is a prefix of some word of `text` (case-insensitive; words split at anything that is not a
// letter, digit or '.'). An empty query matches everything.
bool words_match(const std::string& text, const std::string& query);
// Keyboard use (issue #13). Dear ImGui 1.86 tabs only between text fields, and after a Tab from any other focused
// item starts again at the first one. The page marks everything it draws as a Tab stop (begin_tab_stops() around
// the main window; a dropdown's open list is not), and keyboard_frame(), called once per frame right after
// ImGui::NewFrame(), makes Tab continue after the focused control and shows the focus ring (ImGui's nav highlight)
// on whatever Tab reached. Space opens/toggles/presses the focused control (ImGui's nav), Enter does too through
// enter_on_last_item() / search_combo, arrows move between controls.
void keyboard_frame();
void begin_tab_stops();
void end_tab_stops();
// Items drawn between these are not Tab stops (table header cells).
void begin_no_tab_stops();
void end_no_tab_stops();
// Enter pressed while the last drawn item has the keyboard focus ring (call right after a button).
bool enter_on_last_item();
// The last drawn item has the keyboard focus and shows the focus ring (test hook: widgetRect(key).focused).
bool item_has_focus_ring();

// Where this frame drew its text fields (x, y, w, h each, CSS px relative to the canvas): a tap there focuses the
// page's hidden text input, so a phone opens its on-screen keyboard (platform_web.cpp). Cleared by draw_app().
const std::vector<float>& text_field_rects(const AppState& s);

// "1000000000000" -> "1,000,000,000,000" (the integer part of a plain decimal; other text is returned unchanged).
std::string group_thousands(const std::string& plain);

// Tooltips stay inside the viewport (a 390 px phone, issue #13): the wrap position inside a tooltip, `ems` font sizes
// or the display width less a margin, whichever is narrower.
float tooltip_wrap(float ems);
// The hovered item's tooltip: printf-style text wrapped at tooltip_wrap(28). (ImGui::SetTooltip never wraps: a long
// tooltip ran off the right edge of a phone.)
void tooltip_text(const char* fmt, ...);

// The page's ImGui style in CSS pixels for the theme and the canvas width: ImGui's 13 px defaults scaled to
// platform::kFontPx; at phone width (≤ kPhoneWidthPx) every control is at least kTouchTargetPx tall. Reset first, so
// calling it again never compounds (platform_web.cpp on a theme or width change; the native UI smoke test).
void apply_style(bool light, float css_width);

// A row of buttons that wraps on a narrow window: SameLine() when an item `width` wide still fits on this line,
// else the next item starts a line of its own (a 390 px phone cut "Copy as JSON" off at the right edge). spacing:
// the gap before the item (< 0: the style's ItemSpacing.x).
void same_line_if_fits(float width, float spacing = -1.0f);
// The width ImGui::Button(label) takes (its text and frame padding).
float button_width(const char* label);

}  // namespace ui
