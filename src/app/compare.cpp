// Compare: scenario A (pinned, stored as its URL hash) beside the current scenario B, with B - A and (B - A) / A.
// A's report is recomputed from its hash only when the pinned hash changes.
#include "compare.hpp"

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "format.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "json.hpp"
#include "panels.hpp"
#include "report.hpp"
#include "widgets.hpp"

namespace ui {
namespace {

struct Pinned {
    std::string hash;
    bool valid = false;
    llmcalc::Inputs inputs;
    llmcalc::Result result;
    std::vector<llmcalc::InputError> hash_errors;
};

void update_pinned(const AppState& s, Pinned& pin) {
    if (pin.valid && pin.hash == s.pinned_hash) return;
    pin.hash = s.pinned_hash;
    pin.inputs = llmcalc::Inputs();
    pin.hash_errors = llmcalc::parse_hash(s.pinned_hash, pin.inputs);
    pin.result = llmcalc::compute(pin.inputs);
    pin.valid = true;
}

// One compared figure: its report path (INTERFACE.md), how to read it from a Report and how to show it.
struct Row {
    const char* name;
    const char* path;
    std::function<double(const llmcalc::Inputs&, const llmcalc::Report&)> get;
    std::string (*show)(double);
};

double mem_total(const llmcalc::Inputs& in, const llmcalc::Report& r) {
    return static_cast<double>(in.task == llmcalc::Task::Training ? r.training_memory.total_bytes : r.inference_memory.total_bytes);
}

std::string show_count(double v) { return fmt_ui::count(v); }
std::string show_int(double v) { return fmt_ui::with_commas(static_cast<int64_t>(v)); }
std::string show_number(double v) { return fmt_ui::number(v, 4); }
std::string show_money(double v) { return "$" + fmt_ui::count(v); }

// The rows for B's task. Memory per GPU is read with each scenario's own task.
std::vector<Row> rows_for(const AppState& s) {
    const bool training = s.inputs.task == llmcalc::Task::Training;
    std::vector<Row> rows = {
        {tr("Parameters"), "params.total", [](const llmcalc::Inputs&, const llmcalc::Report& r) { return static_cast<double>(r.params.total); },
         show_count},
        {tr("Memory per GPU"), training ? "memory.training.total_bytes" : "memory.inference.total_bytes",
         [](const llmcalc::Inputs& in, const llmcalc::Report& r) { return mem_total(in, r); },
         fmt_ui::bytes},
        {tr("GPUs needed"), "gpus_needed", [](const llmcalc::Inputs&, const llmcalc::Report& r) { return static_cast<double>(r.gpus_needed); },
         show_int},
    };
    if (training) {
        rows.push_back({tr("Training time"), "time.training_seconds", [](const llmcalc::Inputs&, const llmcalc::Report& r) { return r.training_seconds; },
                        fmt_ui::seconds});
        rows.push_back({tr("GPU-hours"), "time.training_gpu_hours", [](const llmcalc::Inputs&, const llmcalc::Report& r) { return r.training_gpu_hours; },
                        show_count});
        rows.push_back({tr("Cost"), "time.training_cost_usd", [](const llmcalc::Inputs&, const llmcalc::Report& r) { return r.training_cost; },
                        show_money});
    } else {
        rows.push_back({tr("Tokens/s per request"), "inference.tokens_per_second",
                        [](const llmcalc::Inputs&, const llmcalc::Report& r) { return r.inference.tokens_per_second; }, show_number});
        rows.push_back({tr("Tokens/s total"), "inference.aggregate_tokens_per_second",
                        [](const llmcalc::Inputs&, const llmcalc::Report& r) { return r.inference.aggregate_tokens_per_second; }, show_number});
        rows.push_back({tr("TTFT (prefill)"), "inference.ttft_seconds",
                        [](const llmcalc::Inputs&, const llmcalc::Report& r) { return r.inference.ttft_seconds; }, fmt_ui::seconds});
        rows.push_back({tr("TPOT (decode)"), "inference.tpot_seconds",
                        [](const llmcalc::Inputs&, const llmcalc::Report& r) { return r.inference.tpot_seconds; }, fmt_ui::seconds});
        rows.push_back({tr("Latency"), "inference.latency_seconds",
                        [](const llmcalc::Inputs&, const llmcalc::Report& r) { return r.inference.latency_seconds; }, fmt_ui::seconds});
    }
    return rows;
}

// Last frame's table for the test hook (window.llmcalcApp.compare()):
// {pinned, [pinned_hash, differs:[{key,a,b}]], rows:[{name,path,a,b,delta,pct}], buttons:{name:{x,y,w,h}}}.
struct Diff {
    std::string key, a, b;
};
struct RowOut {
    std::string name;
    const char* path;
    double a, b, delta;
    bool has_pct;
    double pct;
};
struct ButtonRect {
    const char* name;
    ImVec2 a, b;  // CSS px, canvas-relative
};
struct CompareOut {
    bool pinned = false;
    bool table = false;  // the table was drawn: pinned_hash and differs are set
    std::string pinned_hash;
    std::vector<Diff> differs;
    std::vector<RowOut> rows;
    std::vector<ButtonRect> buttons;
};

}  // namespace

// A's report (recomputed when the pinned hash changes) and the last frame's table.
struct CompareView {
    Pinned a;
    CompareOut out;
};

namespace {

// The table's state with no rows (not pinned, A or B invalid, or the section folded).
void no_rows(CompareOut& out, bool pinned) {
    out.pinned = pinned;
    out.table = false;
    out.differs.clear();
    out.rows.clear();
}

void button_rect(CompareOut& out, const char* name) {
    out.buttons.push_back({name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

std::string compare_out_json(const CompareOut& out) {
    llmcalc::json::Writer w;  // values may hold any text (config.json): escaped per RFC 8259
    w.begin_object().field("pinned", out.pinned);
    if (out.table) {
        w.field("pinned_hash", out.pinned_hash).key("differs").begin_array();
        for (const Diff& d : out.differs) w.begin_object().field("key", d.key).field("a", d.a).field("b", d.b).end_object();
        w.end_array();
    }
    w.key("rows").begin_array();
    for (const RowOut& r : out.rows) {
        w.begin_object().field("name", r.name).field("path", r.path).field("a", r.a).field("b", r.b);
        w.field("delta", r.delta).key("pct");
        if (r.has_pct) w.value(r.pct);
        else w.null();
        w.end_object();
    }
    w.end_array().key("buttons").begin_object();
    for (const ButtonRect& b : out.buttons) {
        w.key(b.name).begin_object().field("x", static_cast<double>(b.a.x)).field("y", static_cast<double>(b.a.y));
        w.field("w", static_cast<double>(b.b.x - b.a.x)).field("h", static_cast<double>(b.b.y - b.a.y)).end_object();
    }
    w.end_object().end_object();
    return w.take();
}

}  // namespace

void draw_compare(AppState& s) {
    if (!s.views.compare) s.views.compare = std::make_shared<CompareView>();
    Pinned& pin = s.views.compare->a;
    CompareOut& out = s.views.compare->out;
    out.buttons.clear();
    ImGui::Spacing();
    if (!ImGui::CollapsingHeader(tr("Compare"), ImGuiTreeNodeFlags_DefaultOpen)) {
        no_rows(out, s.pinned);
        return;
    }
    if (s.result.ok() && (ImGui::Button(s.pinned ? tr("Pin current as A") : tr("Pin as A")) || ui::enter_on_last_item())) {
        s.pinned_hash = s.hash;
        s.pinned = true;
        s.dirty = true;  // A goes into the URL (page_hash) and the saved settings
    }
    if (s.result.ok()) button_rect(out, "pin");
    if (ImGui::IsItemHovered()) tooltip_text("%s", tr("keeps this scenario as A; later changes are B, compared with A"));
    if (!s.pinned) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", tr("Pin a scenario to compare the next one with it."));
        ImGui::PopStyleColor();
        no_rows(out, false);
        return;
    }
    ImGui::SameLine();
    const bool unpin = ImGui::Button(tr("Unpin")) || ui::enter_on_last_item();
    button_rect(out, "unpin");
    if (unpin) {
        s.pinned = false;
        s.pinned_hash.clear();
        s.dirty = true;
        no_rows(out, false);
        return;
    }
    update_pinned(s, pin);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("A is kept in the link"));
    if (ImGui::IsItemHovered()) tooltip_text("A: #%s", s.pinned_hash.empty() ? tr("(defaults)") : s.pinned_hash.c_str());
    for (const auto& e : pin.hash_errors) ImGui::TextDisabled("A: %s: %s (ignored)", e.key.c_str(), tr_message(e.message).c_str());
    if (!pin.result.ok()) {
        for (const auto& e : pin.result.errors) ImGui::TextDisabled("A: %s: %s", e.key.c_str(), tr_message(e.message).c_str());
        no_rows(out, true);
        return;
    }
    if (!s.result.ok()) {
        ImGui::TextDisabled("%s", tr("B has input errors: nothing to compare."));
        no_rows(out, true);
        return;
    }
    const llmcalc::Report& a = pin.result.report;
    const llmcalc::Report& b = s.result.report;
    no_rows(out, true);
    out.table = true;
    out.pinned_hash = s.pinned_hash;
    if (ImGui::BeginTable("compare", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                            ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("figure"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("A", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("B", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("B − A", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("%", ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ui::begin_no_tab_stops();  // column titles are not controls
        ImGui::TableHeadersRow();
        ui::end_no_tab_stops();
        // the inputs that differ, first (key table order); long values (config.json text) are shortened
        int n_diff = 0;
        for (const auto& spec : llmcalc::input_keys()) {
            const std::string va = llmcalc::get_input(pin.inputs, spec.key), vb = llmcalc::get_input(s.inputs, spec.key);
            if (va == vb) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(warn_color(), "%s", spec.key);
            if (ImGui::IsItemHovered()) tooltip_text("%s", tr(spec.help));
            for (const std::string* v : {&va, &vb}) {
                ImGui::TableNextColumn();
                const std::string shown = v->empty() ? std::string("–") : v->size() > 24 ? v->substr(0, 20) + "…" : *v;
                ImGui::TextUnformatted(shown.c_str());
                if (v->size() > 24 && ImGui::IsItemHovered()) tooltip_text("%s", tr("(long value: see the input)"));
            }
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            out.differs.push_back({spec.key, va, vb});
            ++n_diff;
        }
        if (n_diff == 0) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", tr("no input differs"));
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr("Model"));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(a.model.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(b.model.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        const std::vector<Row> rows = rows_for(s);
        for (size_t i = 0; i < rows.size(); ++i) {
            const Row& row = rows[i];
            const double va = row.get(pin.inputs, a), vb = row.get(s.inputs, b), delta = vb - va;
            const bool has_pct = va != 0 && std::isfinite(va);
            const double pct = has_pct ? 100.0 * delta / va : 0.0;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.name);
            if (ImGui::IsItemHovered()) tooltip_text("report path: %s", row.path);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.show(va).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.show(vb).c_str());
            ImGui::TableNextColumn();
            const std::string d = delta == 0 ? std::string("0") : (delta > 0 ? "+" : "−") + row.show(std::fabs(delta));
            ImGui::TextUnformatted(d.c_str());
            ImGui::TableNextColumn();
            if (has_pct) ImGui::Text("%s%s%%", pct > 0 ? "+" : "", fmt_ui::number(pct, 3).c_str());
            else ImGui::TextDisabled("–");
            out.rows.push_back({row.name, row.path, va, vb, delta, has_pct, pct});
        }
        ImGui::EndTable();
    }
}

std::string compare_json(const AppState& s) {
    return compare_out_json(s.views.compare ? s.views.compare->out : CompareOut());
}

}  // namespace ui
