#include "widgets.hpp"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cstdarg>

#include "i18n.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // nav state: tabbing direction, focus ring, popup ids
#include "imgui_stdlib.h"
#include "panels.hpp"
#include "platform.hpp"

namespace ui {
namespace {

void add_text_rect() {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    std::vector<float>& rects = drawn_state().text_rects;
    rects.insert(rects.end(), {a.x, a.y, b.x - a.x, b.y - a.y});
}

bool pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }

// Enter (not a key repeat) on item `id` while it shows the focus ring and nothing is being edited.
bool enter_on(ImGuiID id) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return id != 0 && g.NavId == id && !g.NavDisableHighlight && g.ActiveId == 0 &&
           (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '.' || c >= 0x80) {
            cur += static_cast<char>(std::tolower(c));
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// What a field shows for an applied value: digits grouped for number keys.
std::string shown_text(const char* key, const std::string& applied) {
    const llmcalc::KeySpec* spec = llmcalc::find_key(key);
    if (spec && (spec->kind == llmcalc::KeyKind::Int || spec->kind == llmcalc::KeyKind::Number))
        return group_thousands(applied);
    return applied;
}

}  // namespace

std::string group_thousands(const std::string& plain) {
    size_t start = plain.empty() || plain[0] != '-' ? 0 : 1, end = start;
    while (end < plain.size() && std::isdigit(static_cast<unsigned char>(plain[end]))) ++end;
    if (end == start || (end < plain.size() && plain[end] != '.')) return plain;
    for (size_t k = end; k < plain.size(); ++k)
        if (k > end && !std::isdigit(static_cast<unsigned char>(plain[k]))) return plain;
    std::string out = plain.substr(0, start);
    for (size_t k = start; k < end; ++k) {
        if (k > start && (end - k) % 3 == 0) out += ',';
        out += plain[k];
    }
    return out + plain.substr(end);
}

bool words_match(const std::string& text, const std::string& query) {
    const std::vector<std::string> have = words_of(text);
    for (const std::string& q : words_of(query)) {
        auto starts = [&](const std::string& w) { return w.rfind(q, 0) == 0; };
        if (!std::any_of(have.begin(), have.end(), starts)) return false;
    }
    return true;
}

bool committed_field(AppState& s, const char* key, const char* hint) {
    FieldState& f = field(s, key);
    const std::string applied = llmcalc::get_input(s.inputs, key);
    // A value set elsewhere (preset, URL, Reset) replaces the shown text unless the user is typing or the text is a
    // rejected one kept for correction.
    if (!f.editing && f.error.empty() && applied != f.applied) {
        f.text = shown_text(key, applied);
        f.applied = applied;
    }
    const bool esc = pressed(ImGuiKey_Escape);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (hint) ImGui::InputTextWithHint("##v", hint, &f.text);
    else ImGui::InputText("##v", &f.text);
    add_text_rect();
    const bool active = ImGui::IsItemActive();
    if (active && !f.editing) {
        f.editing = true;
        f.before = f.text;
    }
    if (active || !f.editing) return false;
    // left the field this frame: Enter, Tab, a click elsewhere, or Esc
    f.editing = false;
    if (esc) {
        f.text = shown_text(key, applied);
        f.error.clear();
        return false;
    }
    if (f.text == f.before) return false;
    const std::string text = f.text;
    edit_field(s, key, text);
    f.applied = llmcalc::get_input(s.inputs, key);
    return true;
}

namespace {
// The dropdown's button; true while its list is open (then the caller draws the list and calls EndCombo)
bool begin_search_combo(const std::string& preview) {
    // Enter opens the focused dropdown, as Space does through ImGui's nav (the popup id is BeginCombo's, 1.86)
    const ImGuiID combo_id = ImGui::GetCurrentWindow()->GetID("##v");
    if (enter_on(combo_id)) ImGui::OpenPopupEx(ImHashStr("##ComboPopup", 0, combo_id));
    return ImGui::BeginCombo("##v", preview.c_str(), ImGuiComboFlags_HeightLarge);
}

// The open list: its search box, the matching items, the keys; closes the combo (EndCombo)
bool search_combo_list(AppState& s, const char* key, const std::vector<ComboItem>& items,
                       const ComboItem** picked_item) {
    begin_no_tab_stops();  // inside the list, Tab stays in its search box
    const std::string current = llmcalc::get_input(s.inputs, key);
    const bool appearing = ImGui::IsWindowAppearing();
    if (appearing) {
        s.model_filter.clear();
        s.combo_highlight = 0;
        for (size_t i = 0; i < items.size(); ++i)
            if (items[i].id == current) s.combo_highlight = static_cast<int>(i);
    }
    // The search box keeps the keyboard while the list is open, so typed keys never reach another field.
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (appearing || !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const std::string before = s.model_filter;
    ImGui::InputTextWithHint("##search", tr("type to search"), &s.model_filter);
    add_text_rect();
    std::vector<int> shown;
    for (size_t i = 0; i < items.size(); ++i)
        if (words_match(items[i].label + " " + items[i].id, s.model_filter)) shown.push_back(static_cast<int>(i));
    // the highlight is a position in `shown`; a new query starts at its first match
    int& hl = s.combo_highlight;
    if (s.model_filter != before) hl = 0;
    else if (appearing) {
        const auto it = std::find(shown.begin(), shown.end(), hl);
        hl = it == shown.end() ? 0 : static_cast<int>(it - shown.begin());
    }
    bool moved = appearing;
    if (pressed(ImGuiKey_DownArrow)) { ++hl; moved = true; }
    if (pressed(ImGuiKey_UpArrow)) { --hl; moved = true; }
    if (pressed(ImGuiKey_PageDown)) { hl += 10; moved = true; }
    if (pressed(ImGuiKey_PageUp)) { hl -= 10; moved = true; }
    hl = std::max(0, std::min(hl, static_cast<int>(shown.size()) - 1));
    bool picked = false;
    int pick = -1;
    // (not on the frame the list opens: the Enter that opened it would pick the current item and close it again)
    if (!appearing && (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter))) {
        if (!shown.empty()) pick = shown[hl];
        ImGui::CloseCurrentPopup();  // an empty list closes too, instead of staying open over the next field
    } else if (pressed(ImGuiKey_Escape)) {
        ImGui::CloseCurrentPopup();
    }
    if (shown.empty()) ImGui::TextDisabled("%s", tr("nothing matches"));
    for (size_t j = 0; j < shown.size(); ++j) {
        const ComboItem& it = items[shown[j]];
        const bool is_hl = static_cast<int>(j) == hl;
        if (ImGui::Selectable((it.label + "##" + it.id).c_str(), is_hl)) pick = shown[j];
        record_widget_rect((std::string(key) + "=" + it.id).c_str(), true);  // for tests: widgetRect('gpu=h100-sxm')
        if (is_hl && moved) ImGui::SetScrollHereY();
    }
    if (pick >= 0) {
        edit_field(s, items[pick].key ? items[pick].key : key, items[pick].id);
        if (picked_item) *picked_item = &items[pick];
        picked = true;
        ImGui::CloseCurrentPopup();
    }
    end_no_tab_stops();
    ImGui::EndCombo();
    return picked;
}
}  // namespace

bool search_combo(AppState& s, const char* key, const std::vector<ComboItem>& items, const std::string& preview,
                  const ComboItem** picked_item) {
    return begin_search_combo(preview) && search_combo_list(s, key, items, picked_item);
}

bool search_combo(AppState& s, const char* key, std::vector<ComboItem>& items, const std::function<void()>& fill,
                  const std::string& preview, const ComboItem** picked_item) {
    if (!begin_search_combo(preview)) return false;
    fill();
    return search_combo_list(s, key, items, picked_item);
}

const std::vector<float>& text_field_rects(const AppState& s) { return s.text_rects; }

void keyboard_frame() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!pressed(ImGuiKey_Tab) || g.IO.KeyCtrl || g.IO.KeyAlt) return;
    // A Tab shows where the keyboard is (1.86 leaves the highlight off after tabbing onto an inputable item) ...
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
    // ... and goes on from the focused control: 1.86 takes "nothing is active" for "nothing is focused" and restarts
    // at the first Tab stop (its FIXME in NavUpdateCreateTabbingRequest). +1 = the stop after NavId (wrapping).
    if ((g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) && g.NavMoveScoringItems && g.NavTabbingDir == 0 && g.NavId != 0)
        g.NavTabbingDir = +1;
}

void begin_tab_stops() { ImGui::PushItemFlag(ImGuiItemFlags_Inputable, true); }
void end_tab_stops() { ImGui::PopItemFlag(); }
void begin_no_tab_stops() { ImGui::PushItemFlag(ImGuiItemFlags_Inputable, false); }
void end_no_tab_stops() { ImGui::PopItemFlag(); }

bool enter_on_last_item() { return enter_on(ImGui::GetItemID()); }

bool item_has_focus_ring() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return ImGui::GetItemID() != 0 && ImGui::GetItemID() == g.NavId && !g.NavDisableHighlight;
}

float tooltip_wrap(float ems) {
    const float margin = ImGui::GetFontSize() * 1.5f;  // the tooltip's padding, and a little air at the edge
    return std::max(ImGui::GetFontSize() * 8, std::min(ems * ImGui::GetFontSize(), ImGui::GetIO().DisplaySize.x - margin));
}

void tooltip_text(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(tooltip_wrap(28));
    ImGui::TextV(fmt, args);
    ImGui::PopTextWrapPos();
    record_tooltip_rect();
    ImGui::EndTooltip();
    va_end(args);
}

// Style in CSS pixels: reset first so scaling never compounds, then scale ImGui's 13 px defaults to our font size.
void apply_style(bool light, float css_width) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    if (light) {
        ImGui::StyleColorsLight(&style);
        // ImGui's light window is near-white; a light grey background keeps white input fields distinct.
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.94f, 0.94f, 0.94f, 1.0f);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.38f, 1.0f);  // 0.60 is too faint on white
        // White fields on a light grey window are too close to tell apart (screenshots): outline every field.
        style.FrameBorderSize = 1.0f;
        style.Colors[ImGuiCol_Border] = ImVec4(0.62f, 0.62f, 0.66f, 1.0f);
    } else {
        ImGui::StyleColorsDark(&style);
    }
    style.WindowRounding = 0;
    style.FrameRounding = 3;
    style.GrabRounding = 3;
    style.WindowBorderSize = 0;
    style.ScaleAllSizes(platform::kFontPx / 13.0f);
    // Phones: every control (field, dropdown, checkbox, button, collapsing header) is FramePadding.y x 2 + the font
    // tall; 40 CSS px is the issue's finger-sized floor, and rows get air between them so a tap hits one.
    if (css_width > 0 && css_width <= platform::kPhoneWidthPx) {
        style.FramePadding.y = std::max(style.FramePadding.y, (platform::kTouchTargetPx - platform::kFontPx) / 2);
        style.ItemSpacing.y = std::max(style.ItemSpacing.y, platform::kFontPx * 0.5f);
    }
}

void same_line_if_fits(float width, float spacing) {
    const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
    const float right = ImGui::GetItemRectMax().x + gap + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0.0f, spacing);
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

}  // namespace ui
