// Index of this file
// [SECTION] Sweep cache: recomputed when the inputs' hash changes
// [SECTION] Axes: SI scale per axis, nice ticks, plot frame, colours from the ImGui style
// [SECTION] Line/area charts: memory vs context, memory vs batch (stacked parts + capacity), throughput vs batch
// [SECTION] Heatmap: WebGL2 program from shaders/, draw callback, axes, colour bar, hover
// [SECTION] PNG export: glReadPixels inside a draw callback, download from the browser
// [SECTION] Test hook: window.llmcalcApp.charts()
#include "charts.hpp"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app_shaders.h"
#include "format.hpp"
#include "i18n.hpp"
#include "panels.hpp"
#include "platform.hpp"
#include "imgui.h"
#include "json.hpp"
#include "report.hpp"
#include "sweeps.hpp"
#include "widgets.hpp"

namespace ui {
namespace {

float em(float n) { return n * ImGui::GetFontSize(); }

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Sweep cache
// -----------------------------------------------------------------------------------------------------------------

// Largest batch the batch sweeps go to (at least the scenario's own batch, so its point is on the chart).
constexpr int64_t kBatchSweepDefault = 64;
constexpr int64_t kBatchSweepMax = 1024;  // 1024 compute() calls per sweep: a few ms in wasm
// Sweeps are computed a few points at a time (llmcalc::step) in tasks of their own between frames (slices of at most
// kSweepSliceMs, so input is handled between them), for the charts on screen only, and never in a frame: the frame
// that applies an edit recomputes the report only, and a chart is redrawn when its sweep is complete.
constexpr double kSweepSliceMs = 4.0;
constexpr int kPointsPerStep = 4;  // one compute() is ~10-40 us in wasm: the clock is read every few points
constexpr size_t kRecentScenarios = 8;  // chart data kept per scenario (typing 4096 passes 4, 40, 409, 4096)

// One scenario's chart data: its four sweeps, each filled in over frames while its chart is on screen.
struct ChartData {
    std::string hash;
    std::string key;  // scenario_key(): the hash, and the model file when one is loaded
    bool training = false;
    llmcalc::MemorySweep mem_seq, mem_batch;
    llmcalc::ThroughputSweep speed;
    llmcalc::GridSweep grid;
    double ms = 0;    // main-thread time its sweeps took so far (test hook)
    int version = 0;  // unique per scenario entry: the heatmap texture is re-uploaded when the shown grid changes
    bool done() const { return mem_seq.done() && mem_batch.done() && (training || speed.done()) && grid.done(); }
};
using ChartPtr = std::shared_ptr<ChartData>;

// A PNG export asked for by a chart's button (the PNG export section below).
struct SaveRequest {
    ImVec2 a, b;
    std::string file;
};

// Screen rects of the charts drawn last frame (CSS px, canvas-relative) for the test hook.
struct Rect {
    std::string name;
    ImVec2 a, b;
};

// The heatmap's WebGL2 program (the heatmap section below).
struct HeatGl {
    bool tried = false, ok = false;
    std::string error;
    GLuint program = 0, vao = 0, tex = 0;
    GLint u_ratio = -1, u_range = -1, u_line = -1;
    int uploaded_version = -1;
};

struct HeatDraw {
    ImVec2 a, b;          // screen rect of the cells
    float log2_lo = 0, log2_hi = 1;
    int draws = 0;        // times the shader drew (test hook)
};

}  // namespace

// What the charts keep between frames (AppState::views.charts): the sweep cache, the PNG export, the heatmap's GL
// program and what the test hook reports. The sweep task (platform::run_soon) and the draw callbacks get a pointer
// to it.
struct ChartsView {
    std::vector<ChartPtr> recent;  // newest last
    ChartPtr current;              // the scenario on screen
    // What each chart draws: the current scenario's sweep once complete; until then the last complete one it drew
    // (for the few frames a new scenario's points take), so the charts do not blink on every keystroke.
    ChartPtr show_seq, show_batch, show_speed, show_grid;
    int versions = 0;
    double deadline = 0;  // platform::now_ms() at which this slice's sweeping stops
    // Which charts were on screen in the last drawn frame (their sweeps are the ones computed), in drawing order.
    bool on_screen[4] = {};
    SaveRequest save;           // filled by the button, consumed by the callback in the same frame's render
    std::string pending_save;   // which chart's button was pressed this frame
    int saved_count = 0;
    std::string last_saved;
    std::string memory_axis_unit;  // the memory charts' y unit as last drawn ("GB", "GiB", "MB", ...)
    int last_saved_w = 0, last_saved_h = 0;
    std::vector<Rect> rects, button_rects;
    HeatGl gl;
    HeatDraw heat;
};

namespace {

// What a sweep is of: the inputs' hash, and the model file when one is loaded (it is not in the hash).
std::string scenario_key(const AppState& s) {
    if (!s.file) return s.hash;
    return s.hash + "#file:" + std::to_string(reinterpret_cast<uintptr_t>(s.file.get()));
}

ChartPtr begin_chart_data(ChartsView& v, const AppState& s) {
    auto d = std::make_shared<ChartData>();
    const llmcalc::Report& r = s.result.report;
    const int64_t max_pos = r.model.max_positions > 0 ? r.model.max_positions : llmcalc::kDefaultSweepMaxSeq;
    const int64_t max_seq = std::max(max_pos, s.inputs.seq);
    const int64_t max_batch = std::min(std::max(kBatchSweepDefault, s.inputs.batch), kBatchSweepMax);
    d->hash = s.hash;
    d->key = scenario_key(s);
    d->version = ++v.versions;
    d->training = s.inputs.task == llmcalc::Task::Training;
    const double t0 = platform::now_ms();
    // s.result is compute(s.inputs[, *s.file]) (recompute()): the sweeps take it as their base instead of computing
    // it again, four times, in the frame that applies an edit (with layout_search=true each was a layout search too)
    const llmcalc::Result* base = s.dirty ? nullptr : &s.result;  // dirty: inputs edited since, computed here
    d->mem_seq = llmcalc::begin_memory_vs_seq(s.inputs, max_seq, std::min<int64_t>(128, s.inputs.seq), s.file, base);
    d->mem_batch = llmcalc::begin_memory_vs_batch(s.inputs, max_batch, s.file, base);
    if (!d->training) d->speed = llmcalc::begin_throughput_vs_batch(s.inputs, max_batch, s.file, base);
    llmcalc::GridSpec spec;
    spec.seq_max = max_seq;
    spec.seq_min = std::min<int64_t>(spec.seq_min, max_seq);
    d->grid = llmcalc::begin_fits_grid(s.inputs, spec, s.file, base);
    d->ms = platform::now_ms() - t0;
    return d;
}

// The current scenario's entry, from the recent ones or new (its sweeps begun: axes only, no point yet).
void select_scenario(ChartsView& v, const AppState& s) {
    const std::string key = scenario_key(s);
    if (v.current && v.current->key == key) return;
    for (size_t i = 0; i < v.recent.size(); ++i) {
        if (v.recent[i]->key != key) continue;
        v.current = v.recent[i];
        v.recent.erase(v.recent.begin() + static_cast<std::ptrdiff_t>(i));
        v.recent.push_back(v.current);
        return;
    }
    v.current = begin_chart_data(v, s);
    v.recent.push_back(v.current);
    if (v.recent.size() > kRecentScenarios) v.recent.erase(v.recent.begin());
}

// Computes points of `sweep` until it is complete or the slice's time is spent; true when complete.
template <class Sweep>
bool advance(ChartsView& v, Sweep& sweep) {
    while (!sweep.done()) {
        const double t0 = platform::now_ms();
        if (t0 >= v.deadline) return false;
        llmcalc::step(sweep, kPointsPerStep);
        v.current->ms += platform::now_ms() - t0;
    }
    return true;
}

// One slice of sweep work (platform::run_soon): the on-screen charts' sweeps in drawing order; a frame when one is
// complete, another slice while one is not.
void sweep_slice(void* view) {
    ChartsView& v = *static_cast<ChartsView*>(view);
    if (!v.current) return;
    v.deadline = platform::now_ms() + kSweepSliceMs;
    ChartData& d = *v.current;
    bool completed = false, pending = false;
    auto run = [&](int i, auto& sweep) {
        if (!v.on_screen[i] || sweep.done()) return;
        if (advance(v, sweep)) completed = true;
        else pending = true;
    };
    run(0, d.mem_seq);
    run(1, d.mem_batch);
    if (!d.training) run(2, d.speed);
    run(3, d.grid);
    if (completed) platform::request_frame();
    if (pending) platform::run_soon(sweep_slice, &v);
}

// Before drawing chart `i`, about `height` tall, at the cursor: notes whether it is on screen (its sweep is then
// computed between frames), and says which scenario's data to draw (null: none yet).
template <class Sweep>
const ChartData* chart_data(ChartsView& v, int i, Sweep ChartData::*sweep, ChartPtr& shown, float height) {
    v.on_screen[i] = ImGui::IsRectVisible(ImVec2(ImGui::GetContentRegionAvail().x, height));
    // Nothing drawn for this chart yet (the page's first frames): complete it now, on screen or not, so the page has
    // its full height from the start (an embedding page sizes its iframe to it) and no placeholder.
    if (!shown) {
        v.deadline = platform::now_ms() + 1e9;
        advance(v, (*v.current).*sweep);
    }
    if (((*v.current).*sweep).done()) shown = v.current;
    else if (v.on_screen[i]) platform::run_soon(sweep_slice, &v);
    return shown.get();
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Axes
// -----------------------------------------------------------------------------------------------------------------

// Chart colours: from the current ImGui style so light and dark themes both read.
ImU32 style_col(ImGuiCol c, float alpha = 1.0f) { return ImGui::GetColorU32(c, alpha); }

// Data colours (mid-lightness, readable on light and dark backgrounds); the same order as the memory bar's parts.
const ImU32 kPartColors[] = {IM_COL32(86, 140, 220, 255), IM_COL32(230, 150, 60, 255), IM_COL32(110, 190, 110, 255),
                             IM_COL32(200, 90, 160, 255),  IM_COL32(150, 120, 220, 255), IM_COL32(90, 190, 190, 255),
                             IM_COL32(170, 170, 170, 255)};

// One SI prefix per axis: values are divided by `scale` and the unit reads e.g. "GB" or "k tokens/s".
struct SiScale {
    double scale = 1;
    const char* prefix = "";
};
SiScale si_scale(double max_abs) {
    static const SiScale table[] = {{1e15, "P"}, {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1, ""},
                                    {1e-3, "m"}, {1e-6, "µ"}, {1e-9, "n"}};
    if (!(max_abs > 0)) return {};
    for (const auto& s : table)
        if (max_abs >= s.scale) return s;
    return table[8];
}

// A bytes axis follows the header's GB / GiB switch: decimal prefixes, or binary ones (Ki = 2^10 ... Pi = 2^50).
SiScale byte_scale(double max_abs) {
    if (!fmt_ui::binary_units()) return si_scale(max_abs);
    const fmt_ui::BinaryPrefix p = fmt_ui::binary_prefix(max_abs);
    return {p.scale, p.prefix};
}

std::string tick_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

// Context-length tick: exact below 10,000 tokens, else SI ("32.8k").
std::string count_tick(double v) {
    char buf[32];
    if (v < 1e4) std::snprintf(buf, sizeof buf, "%.0f", v);
    else if (v < 1e6) std::snprintf(buf, sizeof buf, "%.3gk", v / 1e3);
    else std::snprintf(buf, sizeof buf, "%.3gM", v / 1e6);
    return buf;
}

// Ticks at 1, 2 or 5 x 10^k covering [0, hi], at most about `n` of them.
std::vector<double> nice_ticks(double hi, int n) {
    std::vector<double> t;
    if (!(hi > 0)) return {0};
    const double raw = hi / std::max(n, 1);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= raw) { step = m * mag; break; }
    for (double v = 0; v <= hi * (1 + 1e-9); v += step) t.push_back(v);
    return t;
}

// The plot area of a chart and its data ranges (x linear or log2, y linear from 0).
struct Frame {
    ImVec2 a, b;  // plot area, screen coordinates
    double x0 = 0, x1 = 1, y1 = 1;
    bool log_x = false;
    float X(double x) const {
        const double t = log_x ? (std::log2(x) - std::log2(x0)) / std::max(std::log2(x1) - std::log2(x0), 1e-12)
                               : (x - x0) / std::max(x1 - x0, 1e-12);
        return a.x + static_cast<float>(t) * (b.x - a.x);
    }
    float Y(double y, double top) const { return b.y - static_cast<float>(y / top) * (b.y - a.y); }
    bool contains(ImVec2 p) const { return p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y; }
};

// Lays out a chart block of the given plot height: room on the left for y ticks, below for x ticks and the x label,
// `right` on the right for a second axis. Returns the plot area.
Frame layout_frame(float plot_h, float right) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    Frame f;
    f.a = ImVec2(p.x + em(3.6f), p.y + em(1.5f));  // above the plot: the y axis' label
    f.b = ImVec2(p.x + w - right, p.y + em(1.5f) + plot_h);
    ImGui::Dummy(ImVec2(w, plot_h + em(4.1f)));
    return f;
}

void draw_frame_box(ImDrawList* dl, const Frame& f) {
    dl->AddRectFilled(f.a, f.b, style_col(ImGuiCol_FrameBg));
    dl->AddRect(f.a, f.b, style_col(ImGuiCol_Border));
}

// y ticks (nice values in the axis' SI unit) with grid lines; `right` puts labels on the right edge.
void draw_y_axis(ImDrawList* dl, const Frame& f, double top, const SiScale& si, bool right, bool grid) {
    for (double v : nice_ticks(top / si.scale, 5)) {
        const float y = f.Y(v * si.scale, top);
        if (y < f.a.y - 0.5f) continue;
        if (grid) dl->AddLine(ImVec2(f.a.x, y), ImVec2(f.b.x, y), style_col(ImGuiCol_Border, 0.5f));
        const std::string t = tick_text(v);
        const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
        const float x = right ? f.b.x + em(0.3f) : f.a.x - em(0.3f) - ts.x;
        dl->AddText(ImVec2(x, y - ts.y * 0.5f), style_col(ImGuiCol_TextDisabled), t.c_str());
    }
}

// x ticks at the data's own points (log axis: the powers of two) or at nice values (linear); labels never overlap.
void draw_x_axis(ImDrawList* dl, const Frame& f, const std::vector<double>& xs, const char* label) {
    std::vector<double> ticks;
    if (f.log_x) ticks = xs;
    else
        for (double v : nice_ticks(f.x1, 6))
            if (v >= f.x0) ticks.push_back(v);
    if (!f.log_x && (ticks.empty() || ticks.front() > f.x0)) ticks.insert(ticks.begin(), f.x0);
    float last_right = -1e9f;
    for (double v : ticks) {
        const float x = f.X(v);
        const std::string t = count_tick(v);
        const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
        dl->AddLine(ImVec2(x, f.b.y), ImVec2(x, f.b.y + em(0.25f)), style_col(ImGuiCol_TextDisabled));
        const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        const float left = std::min(std::max(x - ts.x * 0.5f, f.a.x - em(1.0f)), right_edge - ts.x);
        if (left < last_right + em(0.5f)) continue;
        dl->AddText(ImVec2(left, f.b.y + em(0.3f)), style_col(ImGuiCol_TextDisabled), t.c_str());
        last_right = left + ts.x;
    }
    const ImVec2 ls = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2((f.a.x + f.b.x - ls.x) * 0.5f, f.b.y + em(1.55f)), style_col(ImGuiCol_Text), label);
}

// Small coloured squares with names after the chart, wrapping on narrow screens.
void legend(const std::vector<std::pair<std::string, ImU32>>& items) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (size_t i = 0; i < items.size(); ++i) {
        const float item_w = em(1.0f) + ImGui::CalcTextSize(items[i].first.c_str()).x;
        if (i > 0) {
            ImGui::SameLine(0, em(1.0f));
            if (ImGui::GetCursorScreenPos().x + item_w > right) ImGui::NewLine();
        }
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float sq = em(0.7f), off = (ImGui::GetTextLineHeight() - sq) * 0.5f;
        dl->AddRectFilled(ImVec2(c.x, c.y + off), ImVec2(c.x + sq, c.y + off + sq), items[i].second);
        ImGui::Dummy(ImVec2(sq + em(0.3f), ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(items[i].first.c_str());
    }
}

// Index of the data point nearest the mouse in x, or -1 when the mouse is not over the plot area.
int hovered_index(const Frame& f, const std::vector<double>& xs) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (!f.contains(m) || xs.empty() || !ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows)) return -1;
    int best = 0;
    for (size_t i = 1; i < xs.size(); ++i)
        if (std::fabs(f.X(xs[i]) - m.x) < std::fabs(f.X(xs[static_cast<size_t>(best)]) - m.x)) best = static_cast<int>(i);
    return best;
}

void crosshair(ImDrawList* dl, const Frame& f, float x) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    dl->AddLine(ImVec2(x, f.a.y), ImVec2(x, f.b.y), style_col(ImGuiCol_Text, 0.6f));
    dl->AddLine(ImVec2(f.a.x, m.y), ImVec2(f.b.x, m.y), style_col(ImGuiCol_Text, 0.25f));
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] PNG export (declared here, defined below): a draw callback after a chart reads its pixels back
// -----------------------------------------------------------------------------------------------------------------

void save_png_callback(const ImDrawList*, const ImDrawCmd*);

// Title line of a chart with its "Save PNG" button on the right.
void chart_title(ChartsView& v, const char* id, const char* title) {
    ImGui::TextUnformatted(title);
    ImGui::SameLine();
    const char* save = tr("Save PNG");
    const float bw = ImGui::CalcTextSize(save).x + ImGui::GetStyle().FramePadding.x * 2;
    const float right = ImGui::GetWindowContentRegionMax().x - bw;
    if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
    ImGui::PushID(id);
    if (ImGui::SmallButton(save) || ui::enter_on_last_item()) v.pending_save = id;
    ImGui::PopID();
    v.button_rects.push_back({std::string("save_") + id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

// After the chart block [top, here): when its button was pressed, read that rectangle back during rendering.
void chart_end(ChartsView& v, const char* id, ImVec2 top) {
    if (v.pending_save != id) return;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    v.save = SaveRequest{top, ImVec2(right, ImGui::GetCursorScreenPos().y), std::string("llmcalc-") + id + ".png"};
    ImGui::GetWindowDrawList()->AddCallback(save_png_callback, &v);
    ImGui::GetWindowDrawList()->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    v.pending_save.clear();
}


// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Line/area charts
// -----------------------------------------------------------------------------------------------------------------

struct PartSeries {
    const char* name;
    const std::vector<double>* y;
    ImU32 color;
};

// Stacked memory parts along x against the GPU's usable memory (horizontal line), with a hover crosshair.
void memory_chart(ChartsView& v, const char* id, const char* title, const llmcalc::MemoryCurve& c, bool log_x, const char* x_label,
                  const char* x_name) {
    const ImVec2 top = ImGui::GetCursorScreenPos();
    chart_title(v, id, title);
    if (!c.ok() || c.x.empty()) {
        for (const auto& e : c.errors) ImGui::TextDisabled("%s: %s", e.key.c_str(), tr_message(e.message).c_str());
        return;
    }
    std::vector<PartSeries> parts;
    // The memory bar's parts in its order, so each part has the same colour in the bar and in the charts.
    using PartList = std::vector<std::pair<const char*, const std::vector<double>*>>;
    const PartList all = c.task == llmcalc::Task::Training
        ? PartList{{tr("weights"), &c.weights},       {tr("gradients"), &c.gradients},
                   {tr("optimizer"), &c.optimizer},   {tr("master weights"), &c.master_weights},
                   {tr("activations"), &c.activations}, {tr("overhead"), &c.overhead}}
        : PartList{{tr("weights"), &c.weights}, {tr("KV cache"), &c.kv_cache}, {tr("activations"), &c.activations},
                   {tr("overhead"), &c.overhead}};
    for (size_t i = 0; i < all.size(); ++i)
        if (std::any_of(all[i].second->begin(), all[i].second->end(), [](double v) { return v > 0; }))
            parts.push_back({all[i].first, all[i].second, kPartColors[i % 7]});

    const double max_total = *std::max_element(c.total.begin(), c.total.end());
    const double top_y = std::max(max_total, c.usable_bytes) * 1.08;
    const SiScale si = byte_scale(top_y);
    v.memory_axis_unit = std::string(si.prefix) + "B";
    Frame f = layout_frame(em(11), em(0.8f));
    f.log_x = log_x;
    f.x0 = c.x.front();
    f.x1 = c.x.size() > 1 ? c.x.back() : c.x.front() + 1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    draw_frame_box(dl, f);
    draw_y_axis(dl, f, top_y, si, false, true);
    dl->PushClipRect(f.a, f.b, true);
    // stacked areas: one convex quad per segment and part; fill antialiasing off, else seams show between quads
    const ImDrawListFlags saved_flags = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    std::vector<double> base(c.x.size(), 0.0);
    for (const auto& p : parts) {
        for (size_t i = 0; i + 1 < c.x.size(); ++i) {
            const float xa = f.X(c.x[i]), xb = f.X(c.x[i + 1]);
            const ImVec2 q[4] = {ImVec2(xa, f.Y(base[i], top_y)), ImVec2(xa, f.Y(base[i] + (*p.y)[i], top_y)),
                                 ImVec2(xb, f.Y(base[i + 1] + (*p.y)[i + 1], top_y)), ImVec2(xb, f.Y(base[i + 1], top_y))};
            dl->AddConvexPolyFilled(q, 4, p.color);
        }
        for (size_t i = 0; i < c.x.size(); ++i) base[i] += (*p.y)[i];
    }
    if (c.x.size() == 1) {  // one point: a bar
        double acc = 0;
        for (const auto& p : parts) {
            dl->AddRectFilled(ImVec2(f.a.x, f.Y(acc + (*p.y)[0], top_y)), ImVec2(f.b.x, f.Y(acc, top_y)), p.color);
            acc += (*p.y)[0];
        }
    }
    dl->Flags = saved_flags;
    // total as a line on top (it equals the stack's top: the report's total)
    for (size_t i = 0; i + 1 < c.x.size(); ++i)
        dl->AddLine(ImVec2(f.X(c.x[i]), f.Y(c.total[i], top_y)), ImVec2(f.X(c.x[i + 1]), f.Y(c.total[i + 1], top_y)),
                    style_col(ImGuiCol_Text), 1.5f);
    // capacity: dashed horizontal line in the text colour (white on dark, black on light)
    const float yc = f.Y(c.usable_bytes, top_y);
    for (float x = f.a.x; x < f.b.x; x += em(0.8f))
        dl->AddLine(ImVec2(x, yc), ImVec2(std::min(x + em(0.5f), f.b.x), yc), style_col(ImGuiCol_Text), 2.0f);
    const int hi = hovered_index(f, c.x);
    if (hi >= 0) {
        const size_t i = static_cast<size_t>(hi);
        crosshair(dl, f, f.X(c.x[i]));
        dl->AddCircleFilled(ImVec2(f.X(c.x[i]), f.Y(c.total[i], top_y)), em(0.25f), style_col(ImGuiCol_Text));
    }
    dl->PopClipRect();
    const std::string y_label = std::string(tr("memory per GPU")) + " (" + si.prefix + "B)";
    dl->AddText(ImVec2(f.a.x - em(0.5f), f.a.y - em(1.35f)), style_col(ImGuiCol_Text), y_label.c_str());
    draw_x_axis(dl, f, c.x, x_label);

    std::vector<std::pair<std::string, ImU32>> items;
    for (const auto& p : parts) items.push_back({p.name, p.color});
    items.push_back({std::string(tr("GPU usable")) + " " + fmt_ui::bytes(c.usable_bytes), style_col(ImGuiCol_Text)});
    legend(items);
    if (hi >= 0) {
        const size_t i = static_cast<size_t>(hi);
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(tooltip_wrap(28));  // inside a phone's viewport (issue #13)
        ImGui::Text("%s = %s", x_name, fmt_ui::with_commas(c.x_values[i]).c_str());
        for (const auto& p : parts) ImGui::Text("%s: %s", p.name, fmt_ui::bytes((*p.y)[i]).c_str());
        ImGui::Separator();
        ImGui::Text("%s: %s (%s %s)", tr("total"), fmt_ui::bytes(c.total[i]).c_str(),
                    fmt_ui::number(100.0 * c.total[i] / c.usable_bytes, 3).c_str(), tr("% of usable"));
        ImGui::TextUnformatted(c.total[i] <= c.usable_bytes ? tr("fits on one GPU") : tr("does not fit on one GPU"));
        ImGui::PopTextWrapPos();
        record_tooltip_rect();
        ImGui::EndTooltip();
    }
    ImGui::Spacing();
    chart_end(v, id, top);
    v.rects.push_back({id, top, ImVec2(top.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y)});
}

// Aggregate tokens/s (left axis) and TPOT (right axis) vs batch; points that do not fit are on a shaded background.
void throughput_chart(ChartsView& v, const char* id, const llmcalc::ThroughputCurve& c) {
    const ImVec2 top = ImGui::GetCursorScreenPos();
    chart_title(v, id, tr("Throughput vs batch"));
    if (!c.ok() || c.x.empty()) {
        for (const auto& e : c.errors) ImGui::TextDisabled("%s: %s", e.key.c_str(), tr_message(e.message).c_str());
        return;
    }
    const double top_tps = *std::max_element(c.aggregate_tokens_per_second.begin(), c.aggregate_tokens_per_second.end()) * 1.08;
    const double top_tpot = *std::max_element(c.tpot_seconds.begin(), c.tpot_seconds.end()) * 1.08;
    const SiScale si_l = si_scale(top_tps), si_r = si_scale(top_tpot);
    Frame f = layout_frame(em(11), em(3.2f));
    f.x0 = c.x.front();
    f.x1 = c.x.size() > 1 ? c.x.back() : c.x.front() + 1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    draw_frame_box(dl, f);
    const ImU32 col_tps = kPartColors[0], col_tpot = kPartColors[1];
    draw_y_axis(dl, f, top_tps, si_l, false, true);
    draw_y_axis(dl, f, top_tpot, si_r, true, false);
    dl->PushClipRect(f.a, f.b, true);
    // batches whose memory exceeds one GPU: shaded
    for (size_t i = 0; i < c.x.size(); ++i) {
        if (c.total_bytes[i] <= c.usable_bytes) continue;
        const float half = c.x.size() > 1 ? 0.5f * (f.b.x - f.a.x) / static_cast<float>(c.x.size() - 1) : 0;
        dl->AddRectFilled(ImVec2(f.X(c.x[i]) - half, f.a.y), ImVec2(f.X(c.x[i]) + half, f.b.y),
                          style_col(ImGuiCol_PlotHistogram, 0.18f));
    }
    for (size_t i = 0; i + 1 < c.x.size(); ++i) {
        dl->AddLine(ImVec2(f.X(c.x[i]), f.Y(c.aggregate_tokens_per_second[i], top_tps)),
                    ImVec2(f.X(c.x[i + 1]), f.Y(c.aggregate_tokens_per_second[i + 1], top_tps)), col_tps, 2.0f);
        dl->AddLine(ImVec2(f.X(c.x[i]), f.Y(c.tpot_seconds[i], top_tpot)),
                    ImVec2(f.X(c.x[i + 1]), f.Y(c.tpot_seconds[i + 1], top_tpot)), col_tpot, 2.0f);
    }
    const int hi = hovered_index(f, c.x);
    if (hi >= 0) {
        const size_t i = static_cast<size_t>(hi);
        crosshair(dl, f, f.X(c.x[i]));
        dl->AddCircleFilled(ImVec2(f.X(c.x[i]), f.Y(c.aggregate_tokens_per_second[i], top_tps)), em(0.25f), col_tps);
        dl->AddCircleFilled(ImVec2(f.X(c.x[i]), f.Y(c.tpot_seconds[i], top_tpot)), em(0.25f), col_tpot);
    }
    dl->PopClipRect();
    const std::string l_label = std::string(tr("tokens/s total")) + " (" + si_l.prefix + "tokens/s)";
    const std::string r_label = std::string(tr("TPOT")) + " (" + si_r.prefix + "s)";
    dl->AddText(ImVec2(f.a.x - em(0.5f), f.a.y - em(1.35f)), col_tps, l_label.c_str());
    const ImVec2 rs = ImGui::CalcTextSize(r_label.c_str());
    dl->AddText(ImVec2(f.b.x + em(0.5f) - rs.x, f.a.y - em(1.35f)), col_tpot, r_label.c_str());
    draw_x_axis(dl, f, c.x, tr("batch (sequences)"));
    legend({{tr("tokens/s total (left)"), col_tps},
            {tr("TPOT, time per output token (right)"), col_tpot},
            {tr("shaded: does not fit on one GPU"), style_col(ImGuiCol_PlotHistogram, 0.35f)}});
    if (hi >= 0) {
        const size_t i = static_cast<size_t>(hi);
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(tooltip_wrap(28));  // inside a phone's viewport (issue #13)
        ImGui::Text("batch = %lld", static_cast<long long>(c.x_values[i]));
        ImGui::Text("%s: %s", tr("tokens/s total"), fmt_ui::number(c.aggregate_tokens_per_second[i], 4).c_str());
        ImGui::Text("%s: %s", tr("tokens/s per request"), fmt_ui::number(c.tokens_per_second[i], 4).c_str());
        ImGui::Text("%s: %s", tr("TPOT"), fmt_ui::seconds(c.tpot_seconds[i]).c_str());
        ImGui::Text("%s: %s", tr("TTFT"), fmt_ui::seconds(c.ttft_seconds[i]).c_str());
        ImGui::Text("%s: %s / %s", tr("memory per GPU"), fmt_ui::bytes(c.total_bytes[i]).c_str(),
                    fmt_ui::bytes(c.usable_bytes).c_str());
        ImGui::PopTextWrapPos();
        record_tooltip_rect();
        ImGui::EndTooltip();
    }
    ImGui::Spacing();
    chart_end(v, id, top);
    v.rects.push_back({id, top, ImVec2(top.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y)});
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Heatmap
// -----------------------------------------------------------------------------------------------------------------

GLuint compile(GLenum type, const char* src, std::string* err) {
    const GLuint sh = glCreateShader(type);
    glShaderSource(sh, 1, &src, nullptr);
    glCompileShader(sh);
    GLint ok = 0;
    glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetShaderInfoLog(sh, sizeof log, nullptr, log);
        *err = log;
        glDeleteShader(sh);
        return 0;
    }
    return sh;
}

// Builds the program once; a failure is kept (and shown) instead of retried every frame.
bool ensure_program(ChartsView& v) {
    if (v.gl.tried) return v.gl.ok;
    v.gl.tried = true;
    const GLuint vs = compile(GL_VERTEX_SHADER, kShader_heatmap_vert, &v.gl.error);
    const GLuint fs = vs ? compile(GL_FRAGMENT_SHADER, kShader_heatmap_frag, &v.gl.error) : 0;
    if (!vs || !fs) {
        std::printf("heatmap shader: %s\n", v.gl.error.c_str());
        return false;
    }
    v.gl.program = glCreateProgram();
    glAttachShader(v.gl.program, vs);
    glAttachShader(v.gl.program, fs);
    glLinkProgram(v.gl.program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(v.gl.program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetProgramInfoLog(v.gl.program, sizeof log, nullptr, log);
        v.gl.error = log;
        std::printf("heatmap program: %s\n", log);
        return false;
    }
    v.gl.u_ratio = glGetUniformLocation(v.gl.program, "u_ratio");
    v.gl.u_range = glGetUniformLocation(v.gl.program, "u_log2_range");
    v.gl.u_line = glGetUniformLocation(v.gl.program, "u_line_px");
    glGenVertexArrays(1, &v.gl.vao);  // empty: the vertex shader uses gl_VertexID
    glGenTextures(1, &v.gl.tex);
    v.gl.ok = true;
    return true;
}

// Framebuffer pixel rect (GL's bottom-left origin) of a screen rect, from the draw data being rendered.
void fb_rect(ImVec2 a, ImVec2 b, int* x, int* y, int* w, int* h) {
    const ImDrawData* dd = ImGui::GetDrawData();
    const ImVec2 sc = dd->FramebufferScale;
    const float fb_h = dd->DisplaySize.y * sc.y;
    const float x0 = std::round((a.x - dd->DisplayPos.x) * sc.x), x1 = std::round((b.x - dd->DisplayPos.x) * sc.x);
    const float y0 = std::round(fb_h - (b.y - dd->DisplayPos.y) * sc.y), y1 = std::round(fb_h - (a.y - dd->DisplayPos.y) * sc.y);
    *x = static_cast<int>(x0);
    *y = static_cast<int>(y0);
    *w = static_cast<int>(x1 - x0);
    *h = static_cast<int>(y1 - y0);
}

// Runs inside ImGui's render: draws the cells with our program, then ImDrawCallback_ResetRenderState (queued right
// after it) restores ImGui's GL state.
void heatmap_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    ChartsView& v = *static_cast<ChartsView*>(cmd->UserCallbackData);
    if (!ensure_program(v) || !v.show_grid) return;
    const llmcalc::FitsGrid& g = v.show_grid->grid.grid;
    if (g.ratio.empty()) return;
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, v.gl.tex);
    if (v.gl.uploaded_version != v.show_grid->version) {
        // R32F is sampled with texelFetch only (no filtering needed), which WebGL2 supports without extensions.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, static_cast<GLsizei>(g.seq.size()), static_cast<GLsizei>(g.batch.size()),
                     0, GL_RED, GL_FLOAT, g.ratio.data());
        v.gl.uploaded_version = v.show_grid->version;
    }
    int x, y, w, h;
    fb_rect(v.heat.a, v.heat.b, &x, &y, &w, &h);
    glViewport(x, y, w, h);
    int cx, cy, cw, ch;  // the window's clip rect (scrolling hides part of the heatmap)
    fb_rect(ImVec2(cmd->ClipRect.x, cmd->ClipRect.y), ImVec2(cmd->ClipRect.z, cmd->ClipRect.w), &cx, &cy, &cw, &ch);
    glEnable(GL_SCISSOR_TEST);
    glScissor(cx, cy, std::max(cw, 0), std::max(ch, 0));
    glDisable(GL_BLEND);
    glUseProgram(v.gl.program);
    glBindVertexArray(v.gl.vao);
    glUniform1i(v.gl.u_ratio, 0);
    glUniform2f(v.gl.u_range, v.heat.log2_lo, v.heat.log2_hi);
    glUniform1f(v.gl.u_line, ImGui::GetDrawData()->FramebufferScale.x);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    ++v.heat.draws;
}

// The shader's viridis on the CPU (same coefficients as shaders/heatmap.frag) for the colour bar.
ImU32 viridis_u32(float t) {
    static const float c[7][3] = {{0.2777273272234177f, 0.005407344544966578f, 0.3340998053353061f},
                                  {0.1050930431085774f, 1.404613529898575f, 1.384590162594685f},
                                  {-0.3308618287255563f, 0.214847559468213f, 0.09509516302823659f},
                                  {-4.634230498983486f, -5.799100973351585f, -19.33244095627987f},
                                  {6.228269936347081f, 14.17993336680509f, 56.69055260068105f},
                                  {4.776384997670288f, -13.74514537774601f, -65.35303263337234f},
                                  {-5.435455855934631f, 4.645852612178535f, 26.3124352495832f}};
    float rgb[3];
    for (int k = 0; k < 3; ++k) {
        float v = c[6][k];
        for (int i = 5; i >= 0; --i) v = c[i][k] + t * v;
        rgb[k] = std::clamp(v, 0.0f, 1.0f);
    }
    return ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 1.0f));
}

void heatmap(ChartsView& v, const char* id, const llmcalc::FitsGrid& g) {
    const ImVec2 top = ImGui::GetCursorScreenPos();
    chart_title(v, id, tr("Fits on one GPU? batch × context"));
    if (!g.ok() || g.ratio.empty()) {
        for (const auto& e : g.errors) ImGui::TextDisabled("%s: %s", e.key.c_str(), tr_message(e.message).c_str());
        return;
    }
    if (v.gl.tried && !v.gl.ok) {
        ImGui::TextDisabled("%s %s", tr("The heatmap shader failed:"), v.gl.error.c_str());
        return;
    }
    const size_t cols = g.seq.size(), rows = g.batch.size();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float bar_w = em(5.6f);  // colour bar + labels like "3.01k×"
    const float plot_h = std::min(em(16), std::max(em(8), (avail - em(4) - bar_w) * 0.6f));
    Frame f = layout_frame(plot_h, bar_w);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    v.heat.a = f.a;
    v.heat.b = f.b;
    v.heat.log2_lo = std::log2(std::max(g.min_ratio, 1e-30f));
    v.heat.log2_hi = std::log2(std::max(g.max_ratio, 1e-30f));
    dl->AddCallback(heatmap_callback, &v);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    dl->AddRect(f.a, f.b, style_col(ImGuiCol_Border));
    const float cw = (f.b.x - f.a.x) / static_cast<float>(cols), rh = (f.b.y - f.a.y) / static_cast<float>(rows);
    // y: batch at row centres (row 0 at the bottom); x: context at column centres; labels skip rather than overlap
    float last_top = 1e9f;
    for (size_t r = 0; r < rows; ++r) {
        const float y = f.b.y - (static_cast<float>(r) + 0.5f) * rh;
        const std::string t = count_tick(static_cast<double>(g.batch[r]));
        const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
        if (y + ts.y * 0.5f > last_top - em(0.1f)) continue;
        dl->AddText(ImVec2(f.a.x - em(0.3f) - ts.x, y - ts.y * 0.5f), style_col(ImGuiCol_TextDisabled), t.c_str());
        last_top = y - ts.y * 0.5f;
    }
    float last_right = -1e9f;
    for (size_t c = 0; c < cols; ++c) {
        const float x = f.a.x + (static_cast<float>(c) + 0.5f) * cw;
        const std::string t = count_tick(static_cast<double>(g.seq[c]));
        const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
        if (x - ts.x * 0.5f < last_right + em(0.4f)) continue;
        dl->AddText(ImVec2(x - ts.x * 0.5f, f.b.y + em(0.3f)), style_col(ImGuiCol_TextDisabled), t.c_str());
        last_right = x + ts.x * 0.5f;
    }
    const char* xl = tr("context length (tokens)");
    const ImVec2 xls = ImGui::CalcTextSize(xl);
    dl->AddText(ImVec2((f.a.x + f.b.x - xls.x) * 0.5f, f.b.y + em(1.55f)), style_col(ImGuiCol_Text), xl);
    const char* yl = tr("batch (sequences)");
    dl->AddText(ImVec2(f.a.x - em(0.5f), f.a.y - em(1.35f)), style_col(ImGuiCol_Text), yl);
    // colour bar: viridis over log2(ratio), labelled in % of usable GPU memory; the white mark is 100 %
    const float bx0 = f.b.x + em(0.6f), bx1 = bx0 + em(0.9f);
    const int steps = 32;
    for (int i = 0; i < steps; ++i) {
        const float t0 = static_cast<float>(i) / steps, t1 = static_cast<float>(i + 1) / steps;
        const float y0 = f.b.y - t0 * (f.b.y - f.a.y), y1 = f.b.y - t1 * (f.b.y - f.a.y);
        dl->AddRectFilledMultiColor(ImVec2(bx0, y1), ImVec2(bx1, y0), viridis_u32(t1), viridis_u32(t1), viridis_u32(t0),
                                    viridis_u32(t0));
    }
    dl->AddRect(ImVec2(bx0, f.a.y), ImVec2(bx1, f.b.y), style_col(ImGuiCol_Border));
    auto bar_label = [&](float ratio) {
        const float span = std::max(v.heat.log2_hi - v.heat.log2_lo, 1e-6f);
        const float t = (std::log2(ratio) - v.heat.log2_lo) / span;
        if (t < -1e-4f || t > 1.0001f) return;
        const float y = f.b.y - t * (f.b.y - f.a.y);
        // up to 10x as a percentage, beyond as a multiple with an SI prefix ("3.01k×"): the label stays short
        char s[32];
        if (ratio < 10) std::snprintf(s, sizeof s, "%.3g%%", 100.0 * ratio);
        else if (ratio < 1e3) std::snprintf(s, sizeof s, "%.3g×", static_cast<double>(ratio));
        else std::snprintf(s, sizeof s, "%.3gk×", ratio / 1e3);
        dl->AddLine(ImVec2(bx0 - em(0.15f), y), ImVec2(bx1 + em(0.15f), y), style_col(ImGuiCol_Text), 1.0f);
        dl->AddText(ImVec2(bx1 + em(0.3f), y - ImGui::GetTextLineHeight() * 0.5f), style_col(ImGuiCol_TextDisabled), s);
    };
    bar_label(g.min_ratio);
    bar_label(g.max_ratio);
    if (g.min_ratio < 0.85f && g.max_ratio > 1.15f) bar_label(1.0f);

    // hover: the cell under the mouse
    const ImVec2 m = ImGui::GetIO().MousePos;
    int hc = -1, hr = -1;
    if (f.contains(m) && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows)) {
        hc = std::clamp(static_cast<int>((m.x - f.a.x) / cw), 0, static_cast<int>(cols) - 1);
        hr = std::clamp(static_cast<int>((f.b.y - m.y) / rh), 0, static_cast<int>(rows) - 1);
        const ImVec2 ca(f.a.x + static_cast<float>(hc) * cw, f.b.y - static_cast<float>(hr + 1) * rh);
        dl->AddRect(ca, ImVec2(ca.x + cw, ca.y + rh), style_col(ImGuiCol_Text), 0, 0, 2.0f);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s %s", tr("Colour: memory per GPU as % of usable GPU memory (log scale)."),
                       tr("White line: capacity (memory = usable GPU memory); cells below and left of it fit."));
    ImGui::PopStyleColor();
    if (hr >= 0) {
        const float ratio = g.ratio[static_cast<size_t>(hr) * cols + static_cast<size_t>(hc)];
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(tooltip_wrap(28));  // inside a phone's viewport (issue #13)
        ImGui::Text("batch = %s, %s = %s", fmt_ui::with_commas(g.batch[static_cast<size_t>(hr)]).c_str(), tr("context"),
                    fmt_ui::with_commas(g.seq[static_cast<size_t>(hc)]).c_str());
        ImGui::Text("%s: %s / %s (%s%%)", tr("memory per GPU"), fmt_ui::bytes(ratio * g.usable_bytes).c_str(),
                    fmt_ui::bytes(g.usable_bytes).c_str(), fmt_ui::number(100.0 * ratio, 3).c_str());
        ImGui::TextUnformatted(ratio <= 1.0f ? tr("fits on one GPU") : tr("does not fit on one GPU"));
        ImGui::PopTextWrapPos();
        record_tooltip_rect();
        ImGui::EndTooltip();
    }
    ImGui::Spacing();
    chart_end(v, id, top);
    v.rects.push_back({id, top, ImVec2(top.x + avail, ImGui::GetCursorScreenPos().y)});
    v.rects.push_back({"heatmap_cells", f.a, f.b});
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] PNG export
// -----------------------------------------------------------------------------------------------------------------

// Inside the render, after the chart's own commands: what the framebuffer holds there is the chart as drawn
// (tooltips and popups come later and are not in it).
void save_png_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    ChartsView& v = *static_cast<ChartsView*>(cmd->UserCallbackData);
    int x, y, w, h;
    fb_rect(v.save.a, v.save.b, &x, &y, &w, &h);
    const ImDrawData* dd = ImGui::GetDrawData();
    const int fb_w = static_cast<int>(dd->DisplaySize.x * dd->FramebufferScale.x);
    const int fb_h = static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y);
    const int x0 = std::max(x, 0), y0 = std::max(y, 0), x1 = std::min(x + w, fb_w), y1 = std::min(y + h, fb_h);
    if (x1 <= x0 || y1 <= y0) return;
    w = x1 - x0;
    h = y1 - y0;
    std::vector<unsigned char> px(static_cast<size_t>(w) * h * 4), flipped(px.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(x0, y0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    const size_t row = static_cast<size_t>(w) * 4;
    for (int r = 0; r < h; ++r) {  // GL rows are bottom-up; PNG rows top-down. Opaque: the canvas alpha is not meant.
        std::copy_n(&px[static_cast<size_t>(h - 1 - r) * row], row, &flipped[static_cast<size_t>(r) * row]);
        for (size_t i = 3; i < row; i += 4) flipped[static_cast<size_t>(r) * row + i] = 255;
    }
    platform::download_png(flipped.data(), w, h, v.save.file);
    ++v.saved_count;
    v.last_saved = v.save.file;
    v.last_saved_w = w;
    v.last_saved_h = h;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Test hook
// -----------------------------------------------------------------------------------------------------------------

void json_array(llmcalc::json::Writer& w, const char* name, const std::vector<double>& v) {
    w.key(name).begin_array();
    for (double x : v) w.number(x);
    w.end_array();
}
template <class T>
std::vector<double> to_d(const std::vector<T>& v) {
    return std::vector<double>(v.begin(), v.end());
}
void json_rects(llmcalc::json::Writer& w, const char* name, const std::vector<Rect>& rects) {
    w.key(name).begin_object();
    for (const Rect& r : rects) {
        w.key(r.name).begin_object().field("x", static_cast<double>(r.a.x)).field("y", static_cast<double>(r.a.y));
        w.field("w", static_cast<double>(r.b.x - r.a.x)).field("h", static_cast<double>(r.b.y - r.a.y)).end_object();
    }
    w.end_object();
}

}  // namespace

// The current scenario's sweeps (valid once all of them are complete and drawn).
std::string charts_json(const AppState& s) {
    static const ChartData kNone;
    static const ChartsView kNoView;
    const ChartsView& v = s.views.charts ? *s.views.charts : kNoView;
    const ChartData& d = v.current ? *v.current : kNone;
    const bool valid = v.current && d.done() && v.show_seq == v.current && v.show_batch == v.current &&
                       v.show_grid == v.current && (d.training || v.show_speed == v.current);
    llmcalc::json::Writer w;
    w.begin_object().field("valid", valid).field("hash", d.hash);
    auto mem = [&](const char* name, const llmcalc::MemoryCurve& c) {
        w.key(name).begin_object();
        json_array(w, "x", c.x);
        json_array(w, "total", c.total);
        w.field_number("usable_bytes", c.usable_bytes).end_object();
    };
    mem("memory_seq", d.mem_seq.curve);
    mem("memory_batch", d.mem_batch.curve);
    const llmcalc::ThroughputCurve& speed = d.speed.curve;
    const llmcalc::FitsGrid& grid = d.grid.grid;
    w.key("throughput").begin_object();
    json_array(w, "x", speed.x);
    json_array(w, "aggregate_tokens_per_second", speed.aggregate_tokens_per_second);
    json_array(w, "tpot_seconds", speed.tpot_seconds);
    w.end_object().key("fits").begin_object();
    json_array(w, "batch", to_d(grid.batch));
    json_array(w, "seq", to_d(grid.seq));
    json_array(w, "ratio", to_d(grid.ratio));
    w.field_number("usable_bytes", grid.usable_bytes).end_object();
    w.field_number("heatmap_draws", v.heat.draws).field_number("sweep_ms", d.ms).field_number("version", d.version);
    w.field("shader_error", v.gl.ok || !v.gl.tried ? "" : "failed").field_number("saved", v.saved_count);
    w.field("memory_axis_unit", v.memory_axis_unit);
    w.key("last_saved").begin_object().field("file", v.last_saved).field_number("w", v.last_saved_w);
    w.field_number("h", v.last_saved_h).end_object();
    json_rects(w, "rects", v.rects);
    json_rects(w, "buttons", v.button_rects);
    w.end_object();
    return w.take();
}

namespace {

// Draws a chart from `d`, or, before its first sweep is complete, reserves its height (no jump when it arrives).
template <class Draw>
void placeholder_or(const ChartData* d, float height, Draw draw) {
    if (d) draw();
    else ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, height));
}

}  // namespace

void draw_charts(AppState& s) {
    if (!s.views.charts) s.views.charts = std::make_shared<ChartsView>();
    ChartsView& v = *s.views.charts;
    v.rects.clear();
    v.button_rects.clear();
    if (!s.result.ok()) return;
    ImGui::Spacing();
    if (!ImGui::CollapsingHeader(tr("Charts"), ImGuiTreeNodeFlags_DefaultOpen)) return;
    select_scenario(v, s);
    const float chart_h = em(17);                     // a chart block with title, axes and legend
    const ChartData* d = chart_data(v, 0, &ChartData::mem_seq, v.show_seq, chart_h);
    placeholder_or(d, chart_h, [&] {
        memory_chart(v, "memory_vs_context", tr("Memory vs context length"), d->mem_seq.curve, true,
                     tr("context length (tokens)"), tr("context"));
    });
    d = chart_data(v, 1, &ChartData::mem_batch, v.show_batch, chart_h);
    placeholder_or(d, chart_h, [&] {
        memory_chart(v, "memory_vs_batch", tr("Memory vs batch"), d->mem_batch.curve, false, tr("batch (sequences)"),
                     "batch");
    });
    if (!v.current->training) {
        d = chart_data(v, 2, &ChartData::speed, v.show_speed, chart_h);
        placeholder_or(d, chart_h, [&] { throughput_chart(v, "throughput_vs_batch", d->speed.curve); });
    }
    d = chart_data(v, 3, &ChartData::grid, v.show_grid, chart_h);
    placeholder_or(d, chart_h, [&] { heatmap(v, "fits_heatmap", d->grid.grid); });
}

}  // namespace ui
