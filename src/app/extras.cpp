// Index of this file
// [SECTION] Page outputs: aria-live text, embed height (written by platform_web.cpp)
// [SECTION] Export buttons: Markdown / CSV / JSON to the clipboard
// [SECTION] Precision reference: the format table of precision_ref.hpp
// [SECTION] Layer calculator: layer_stack text box, per-layer table, errors per line
#include "extras.hpp"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <cstdint>
#include <string>
#include <vector>

#include "export.hpp"
#include "format.hpp"
#include "hardware.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // window content sizes (embed height)
#include "imgui_stdlib.h"
#include "layers.hpp"
#include "panels.hpp"
#include "platform.hpp"
#include "precision_ref.hpp"
#include "results_text.hpp"
#include "widgets.hpp"

namespace {

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Page outputs
// -----------------------------------------------------------------------------------------------------------------

// The CSS height the whole UI needs without inner scrolling: the main window's direct children (input and result
// columns) end at their position + padding + content height (ContentSize is from the last frame).
int content_height() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiWindow* root = ImGui::FindWindowByName("llmcalc");
    if (!root) return -1;
    float bottom = root->Pos.y + root->WindowPadding.y + root->ContentSize.y;
    for (ImGuiWindow* w : g.Windows) {
        if (w->ParentWindow != root || !(w->Flags & ImGuiWindowFlags_ChildWindow) || w->Hidden) continue;
        bottom = std::max(bottom, w->Pos.y + w->ContentSize.y + 2 * w->WindowPadding.y);
    }
    return static_cast<int>(std::ceil(bottom - root->Pos.y + root->WindowPadding.y));
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Export buttons
// -----------------------------------------------------------------------------------------------------------------

void export_button(const char* label, const char* rect_key, std::string (*make)(const AppState&),
                   const AppState& s) {
    if (ImGui::SmallButton(label) || ui::enter_on_last_item()) {
        ImGui::SetClipboardText(make(s).c_str());
        ui::mark_copied(rect_key);
    }
    ui::record_widget_rect(rect_key);
}

std::string make_markdown(const AppState& s) { return llmcalc::export_markdown(s.result.report, s.inputs); }
std::string make_csv(const AppState& s) { return llmcalc::export_csv(s.result.report, s.inputs); }
std::string make_json(const AppState& s) { return llmcalc::export_json(s.result.report); }

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Layer calculator state (UI-only: the text is not part of the scenario): in ExtrasView below
// -----------------------------------------------------------------------------------------------------------------

std::string exact_number(double v) {
    char buf[48];
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.007e15)
        return fmt_ui::with_commas(static_cast<int64_t>(v));  // as the params column
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

namespace ui {

// What the extra panels and page outputs keep between frames (AppState::views.extras).
struct ExtrasView {
    std::string mirror_key;  // what the mirror shows (hash + state), to write the DOM only on change
    int posted_height = -1;
    double copied_at = -1;
    const char* copied_what = "";
    // Seed 003's thop example (Linear 1000->500->100) and a ResNet-50 stem convolution.
    std::string layer_text =
        "# one layer per line; '#' starts a comment\n"
        "linear in=1000 out=500\n"
        "linear out=100\n"
        "conv2d in=3 out=64 k=7 s=2 p=3 h=224 w=224 bias=false\n";
    std::string layer_text_done;  // the text `layers` was computed from
    llmcalc::LayerStackReport layers;
};

namespace {
ExtrasView& extras_view(AppState& s) {
    if (!s.views.extras) s.views.extras = std::make_shared<ExtrasView>();
    return *s.views.extras;
}
}  // namespace

void publish_results_text(AppState& s) {
    ExtrasView& v = extras_view(s);
    const bool ok = s.result.ok();
    std::string key = s.hash + (ok ? "|ok" : "|err") + (tr("yes") == std::string("yes") ? "|en" : "|zh");
    for (const auto& [k, f] : s.fields)
        if (!f.error.empty()) key += "|" + k + "=" + f.error;
    for (const auto& e : s.result.errors) key += "|" + e.key + "=" + e.message;
    for (const auto& e : s.hash_errors) key += "|url:" + e.key + "=" + e.message;
    if (s.file) key += "|file:" + std::to_string(reinterpret_cast<uintptr_t>(s.file.get()));  // a model file is no input
    if (key != v.mirror_key) {
        v.mirror_key = key;
        platform::set_results_text(results_text(s));
    }
}

void publish_page_outputs(AppState& s) {
    publish_results_text(s);
    // Content sizes are the last frame's: a child window's first frame reports none, so the first frames would post
    // a ~40 px page to the parent (and an iframe sized to it would flash); post from the third frame on.
    if (platform::embed_mode() && ImGui::GetFrameCount() >= 3) {
        const int h = content_height();
        ExtrasView& v = extras_view(s);
        if (h > 0 && h != v.posted_height) {
            v.posted_height = h;
            platform::post_embed_height(h);
        }
    }
}

void mark_copied(const char* what) {
    ExtrasView& v = extras_view(drawn_state());
    v.copied_at = ImGui::GetTime();
    v.copied_what = what;
    platform::wake_after(2.05);  // frames are drawn on demand: hide the feedback on time
    platform::wake_after(6.05);
}

// What the browser answered, for a few seconds after the copy (navigator.clipboard.writeText is asynchronous and may
// be refused, e.g. without permission or when the page is not focused).
int copy_feedback(const char* what) {
    const int state = platform::clipboard_state();
    const ExtrasView& v = extras_view(drawn_state());
    if (v.copied_at < 0 || std::string(what) != v.copied_what || ImGui::GetTime() - v.copied_at >= (state < 0 ? 6.0 : 2.0))
        return 0;
    return state < 0 ? -1 : state > 0 ? 2 : 1;
}

void draw_export_buttons(const AppState& s) {
    const bool ok = s.result.ok();
    ImGui::BeginDisabled(!ok);
    ImGui::TextDisabled("%s", tr("Export:"));
    same_line_if_fits(button_width(tr("Copy as Markdown")));
    export_button(tr("Copy as Markdown"), "export_md", make_markdown, s);
    if (ImGui::IsItemHovered()) tooltip_text("%s", tr("headline, memory, parameters and FLOPs as Markdown tables"));
    same_line_if_fits(button_width(tr("Copy as CSV")));
    export_button(tr("Copy as CSV"), "export_csv", make_csv, s);
    if (ImGui::IsItemHovered())
        tooltip_text("%s", tr("one row per number: section, quantity, exact value, unit, report path"));
    same_line_if_fits(button_width(tr("Copy as JSON")));
    export_button(tr("Copy as JSON"), "export_json", make_json, s);
    if (ImGui::IsItemHovered()) tooltip_text("%s", tr("the full report, as the CLI and the JS API write it"));
    ImGui::EndDisabled();
    const char* copied_what = extras_view(drawn_state()).copied_what;
    const int state = copy_feedback(copied_what);
    if (state != 0 && std::string(copied_what).rfind("export_", 0) == 0) {
        if (state > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", tr(state == 2 ? "copied" : "copying..."));
        } else {  // a sentence: on a line of its own, wrapped, so a narrow column does not clip it
            ImGui::PushStyleColor(ImGuiCol_Text, warn_color());
            ImGui::TextWrapped("%s", tr("the browser refused the clipboard; Ctrl+V inside this page still pastes it"));
            ImGui::PopStyleColor();
        }
        ui::record_widget_rect("copy_feedback");
    }
}

namespace {
bool is_float(const llmcalc::PrecisionInfo& p) {
    return p.layout.encoding != llmcalc::FloatEncoding::Integer && p.layout.encoding != llmcalc::FloatEncoding::Lookup;
}

// A format's figures under the titles of kFigureTitles: the table's columns, the phone's name-value pairs. Integer
// and lookup formats have no normal minimum ("").
constexpr const char* kFigureTitles[] = {"Sign", "Exp.", "Mant.", "Bits", "Bytes", "Max", "Min normal"};
constexpr size_t kFigures = sizeof kFigureTitles / sizeof kFigureTitles[0];
std::array<std::string, kFigures> precision_figures(const llmcalc::PrecisionInfo& p) {
    auto text = [](const char* format, auto... v) {
        char buf[64];
        std::snprintf(buf, sizeof buf, format, v...);
        return std::string(buf);
    };
    return {text("%d", p.layout.sign_bits), text("%d", p.layout.exponent_bits), text("%d", p.layout.mantissa_bits),
            p.bits_per_element != p.storage_bits ? text("%d (%.4g)", p.storage_bits, p.bits_per_element)
                                                 : text("%d", p.storage_bits),
            text("%.4g", p.bytes), text("%.6g", p.max), is_float(p) ? text("%.6g", p.min_normal) : std::string()};
}

// A format's specification, shown while its row is hovered (tapped on a touch screen).
void precision_tooltip(const llmcalc::PrecisionInfo& p) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(tooltip_wrap(30));
    ImGui::Text("%s: %s", tr("range"), (fmt_ui::number(p.min, 6) + " .. " + fmt_ui::number(p.max, 6)).c_str());
    if (is_float(p)) {
        ImGui::Text("%s: %.6g", tr("smallest subnormal"), p.min_subnormal);
        ImGui::Text("%s: %s / %s", tr("Inf / NaN"), p.has_inf ? tr("yes") : tr("no"), p.has_nan ? tr("yes") : tr("no"));
    }
    if (!p.block.empty()) ImGui::Text("%s: %s", tr("block scaling"), zh_text(p.block, p.block_zh).c_str());
    ImGui::Text("%s: %s", tr("source"), p.source.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}
}  // namespace

void draw_precision_reference() {
    const bool open = ImGui::CollapsingHeader(tr("Precision reference"));
    record_widget_rect("precision_ref");
    if (!open) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", platform::touch_device()
                                  ? tr("Bit layout and range of number formats; tap a row for its specification.")
                                  : tr("Bit layout and range of number formats; hover a row for its specification."));
    ImGui::PopTextWrapPos();
    // Narrower than the table's eight figure columns plus room for "Used for" (a phone): one entry per format, its
    // figures as name-value pairs that wrap whole and its use below, instead of a ninth column squeezed to a letter
    // per line.
    if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 40) {
        for (const llmcalc::PrecisionInfo& p : llmcalc::precision_reference()) {
            ImGui::Separator();
            ImGui::PushID(p.id.c_str());
            ImGui::Selectable(p.name.c_str());
            ImGui::PopID();
            if (ImGui::IsItemHovered()) precision_tooltip(p);
            // each "name figure" pair whole on a line (a wrapped line would break "1.79769e+308" at its '.')
            const auto figures = precision_figures(p);
            for (size_t i = 0; i < kFigures; ++i) {
                if (figures[i].empty()) continue;
                const std::string pair = std::string(tr(kFigureTitles[i])) + " " + figures[i];
                if (i > 0) same_line_if_fits(ImGui::CalcTextSize(pair.c_str()).x, ImGui::GetFontSize());
                ImGui::TextUnformatted(pair.c_str());
            }
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", zh_text(p.used_for, p.used_for_zh).c_str());
            ImGui::PopTextWrapPos();
        }
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("precision_ref", 2 + kFigures, flags)) return;
    ImGui::TableSetupColumn(tr("Format"));
    for (const char* title : kFigureTitles) ImGui::TableSetupColumn(tr(title));
    ImGui::TableSetupColumn(tr("Used for"), ImGuiTableColumnFlags_WidthStretch);
    ui::begin_no_tab_stops();  // column titles are not controls
    ImGui::TableHeadersRow();
    ui::end_no_tab_stops();
    for (const llmcalc::PrecisionInfo& p : llmcalc::precision_reference()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(p.id.c_str());
        ImGui::Selectable(p.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
        ImGui::PopID();
        const bool hovered = ImGui::IsItemHovered();
        for (const std::string& figure : precision_figures(p)) {
            ImGui::TableNextColumn();
            if (figure.empty()) ImGui::TextDisabled("-");
            else ImGui::TextUnformatted(figure.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(zh_text(p.used_for, p.used_for_zh).c_str());
        ImGui::PopTextWrapPos();
        if (hovered) precision_tooltip(p);
    }
    ImGui::EndTable();
}

// One figure of the GPU table: "-" where the card has no such number.
void gpu_cell(double v, double unit, int digits) {
    ImGui::TableNextColumn();
    if (v > 0) ImGui::TextUnformatted(fmt_ui::number(v / unit, digits).c_str());
    else ImGui::TextDisabled("-");
}

void draw_gpu_table(AppState& s) {
    const bool open = ImGui::CollapsingHeader(tr("GPU table"));
    record_widget_rect("gpu_table");
    if (!open) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", platform::touch_device()
                                  ? tr("Memory, bandwidth and dense peak TFLOPS by precision, from each datasheet. Tap "
                                       "a row to use that GPU; tap its name for the sources.")
                                  : tr("Memory, bandwidth and dense peak TFLOPS by precision, from each datasheet. Click "
                                       "a row to use that GPU; hover its name for the sources."));
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 16));
    ImGui::InputTextWithHint("##gpu_filter", tr("filter, e.g. h100 or 4090"), &s.gpu_filter);
    record_widget_rect("gpu_table_filter");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY;
    const double mem_unit = fmt_ui::binary_units() ? 1073741824.0 : 1e9;
    std::vector<const llmcalc::Gpu*> shown;
    for (const llmcalc::Gpu& g : llmcalc::gpus()) {
        const std::string mem_text = fmt_ui::number(g.memory_bytes / mem_unit, 3) + (fmt_ui::binary_units() ? "gib" : "gb");
        if (words_match(g.name + " " + g.id + " " + mem_text, s.gpu_filter)) shown.push_back(&g);
    }
    if (shown.empty()) {
        ImGui::TextDisabled("%s", tr("No GPU in the table matches these words."));
        return;
    }
    // As tall as its rows (the header, at most 13 rows, the horizontal scroll bar), so a narrowed table leaves no
    // empty box below it; past 13 rows it scrolls.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float row_h = ImGui::GetFontSize() + 2 * st.CellPadding.y;
    const float height = row_h * static_cast<float>(std::min<size_t>(shown.size(), 13) + 1) + st.ScrollbarSize + 2;
    // The GPU names stay in view while the figures scroll sideways. On a view as narrow as a phone the longest name
    // would fill it and leave the figures no room: there the names drop the vendor's word and their column is at most
    // 45 % of the width (a tap on a row names the card's key and sources).
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool narrow = avail < ImGui::GetFontSize() * 40;
    if (!ImGui::BeginTable("gpu_table", 8, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    if (narrow) ImGui::TableSetupColumn(tr("GPU"), ImGuiTableColumnFlags_WidthFixed, avail * 0.45f);
    else ImGui::TableSetupColumn(tr("GPU"));
    ImGui::TableSetupColumn(fmt_ui::binary_units() ? tr("memory (GiB)") : tr("memory (GB)"));
    ImGui::TableSetupColumn(tr("bandwidth (TB/s)"));
    ImGui::TableSetupColumn(tr("FP32 TFLOPS"));
    ImGui::TableSetupColumn(tr("TF32 TFLOPS"));
    ImGui::TableSetupColumn(tr("BF16 TFLOPS"));
    ImGui::TableSetupColumn(tr("FP8 TFLOPS"));
    ImGui::TableSetupColumn(tr("FP4 TFLOPS"));
    ui::begin_no_tab_stops();  // column titles are not controls
    ImGui::TableHeadersRow();
    ui::end_no_tab_stops();
    for (const llmcalc::Gpu* gp : shown) {
        const llmcalc::Gpu& g = *gp;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(g.id.c_str());
        const bool current = s.inputs.gpu == g.id;
        std::string name = g.verified ? g.name : g.name + " *";
        if (narrow)
            for (const char* vendor : {"NVIDIA GeForce ", "NVIDIA ", "AMD Instinct ", "AMD ", "Apple "})
                if (name.rfind(vendor, 0) == 0) {
                    name.erase(0, std::strlen(vendor));
                    break;
                }
        if (ImGui::Selectable(name.c_str(), current,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap) ||
            (enter_on_last_item() && !current))
            edit_field(s, "gpu", g.id);
        ImGui::PopID();
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(tooltip_wrap(30));
            if (narrow) ImGui::TextUnformatted(g.name.c_str());  // the row shows it shortened
            ImGui::Text("%s: %s", tr("key"), ("gpu=" + g.id).c_str());
            ImGui::Text("%s: %s", tr("memory"), g.memory_source.c_str());
            ImGui::Text("%s: %s", tr("source"), g.source.c_str());
            if (!g.verified) ImGui::TextUnformatted(tr("* some figure not confirmed from the vendor datasheet"));
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        gpu_cell(g.memory_bytes, mem_unit, 3);
        gpu_cell(g.bandwidth, 1e12, 3);
        gpu_cell(g.fp32, 1e12, 3);
        gpu_cell(g.tf32, 1e12, 3);
        gpu_cell(std::max(g.bf16, g.fp16), 1e12, 4);
        gpu_cell(g.fp8, 1e12, 4);
        gpu_cell(g.fp4, 1e12, 4);
    }
    ImGui::EndTable();
}

void draw_layer_calculator() {
    const bool open = ImGui::CollapsingHeader(tr("Layers (thop/ptflops style)"));
    record_widget_rect("layers");
    if (!open) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", tr("One layer per line: linear in= out= [n=] | conv2d in= out= k= s= p= h= w= | "
                                 "layernorm dim= | rmsnorm dim= | embedding vocab= dim= | attention embed= heads= seq= | "
                                 "block hidden= heads= seq= [ffn=]. 1 MAC = 2 FLOPs."));
    ImGui::PopTextWrapPos();
    ExtrasView& v = extras_view(drawn_state());
    if (v.layer_text != v.layer_text_done) {
        v.layers = llmcalc::layer_stack(v.layer_text);
        v.layer_text_done = v.layer_text;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = width >= ImGui::GetFontSize() * 40 && !v.layers.errors.empty();
    const float box_w = side_by_side ? width * 0.6f : -FLT_MIN;
    // no AllowTabInput: Tab leaves the box (a keyboard user is never trapped in it; the format needs no tabs)
    ImGui::InputTextMultiline("##layer_stack", &v.layer_text, ImVec2(box_w, ImGui::GetFontSize() * 8));
    record_widget_rect("layer_stack");
    if (!v.layers.errors.empty()) {
        if (side_by_side) ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(0.0f);
        for (const auto& e : v.layers.errors) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.45f, 1.0f), "%s", tr_message(e.message).c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    }
    if (v.layers.layers.empty()) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("layer_table", 6, flags)) return;
    ImGui::TableSetupColumn(tr("line"), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr("layer"));
    ImGui::TableSetupColumn(tr("output"));
    ImGui::TableSetupColumn(tr("params"));
    ImGui::TableSetupColumn(tr("MACs"));
    ImGui::TableSetupColumn(tr("FLOPs"));
    ui::begin_no_tab_stops();  // column titles are not controls
    ImGui::TableHeadersRow();
    ui::end_no_tab_stops();
    for (const llmcalc::LayerRow& l : v.layers.layers) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", l.line);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(l.kind.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(l.shape.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt_ui::with_commas(l.params).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(exact_number(l.macs).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(exact_number(l.flops).c_str());
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(tr("total"));
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(fmt_ui::with_commas(v.layers.total_params).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(exact_number(v.layers.total_macs).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(exact_number(v.layers.total_flops).c_str());
    ImGui::EndTable();
}

}  // namespace ui
