// Every JSON test hook of window.llmcalcApp, registered with platform::test_hook (documented in docs/js-api.md):
// report, hash, inputs, widgetRects, untranslated and stringTable here; answer, compare, charts and modelFile from
// their panels. They read the app's state.
#include "app_hooks.hpp"

#include "answer.hpp"
#include "charts.hpp"
#include "compare.hpp"
#include "model_file_ui.hpp"

#include <string>
#include <vector>

#include "catalog_json.hpp"
#include "i18n.hpp"
#include "json.hpp"
#include "model_file.hpp"
#include "panels.hpp"
#include "platform.hpp"
#include "report.hpp"

namespace {

// The report, or {"errors": [...]} while any field holds text that was not applied (its error first) or the
// applied inputs fail compute()'s checks; with a model file loaded the errors come with its "file" section (as
// api.inspect() gives {file, report: null, errors}), so the file shows as loaded while it still lacks an input.
std::string report_json(const AppState& s) {
    std::vector<llmcalc::InputError> errors;
    for (const auto& [key, f] : s.fields)
        if (!f.error.empty()) errors.push_back({key, f.error});
    if (errors.empty() && s.result.ok()) return llmcalc::report_json(s.result.report);  // when asked, not per edit
    errors.insert(errors.end(), s.result.errors.begin(), s.result.errors.end());
    std::string out = llmcalc::errors_json(errors);  // {"errors":[...]}
    if (s.file) out.insert(out.size() - 1, ",\"file\":" + llmcalc::file_model_json(*s.file));
    return out;
}

// The URL hash, as a JSON string.
std::string hash_json(const AppState& s) {
    llmcalc::json::Writer w;
    w.value(s.hash);
    return w.take();
}

// {"key": {"x":..,"y":..,"w":..,"h":..,"visible":true,"focused":false}, ...} in CSS pixels relative to the canvas.
std::string widget_rects_json(const AppState& s) {
    llmcalc::json::Writer w;
    w.begin_object();
    for (const auto& [key, r] : ui::widget_rects(s)) {
        w.key(key).begin_object();
        w.field("x", static_cast<double>(r.x)).field("y", static_cast<double>(r.y));
        w.field("w", static_cast<double>(r.w)).field("h", static_cast<double>(r.h));
        w.field("visible", r.visible).field("focused", r.focused);
        w.end_object();
    }
    w.end_object();
    return w.take();
}

// ["English text", ...]: shown in English under Chinese (see ui::untranslated).
std::string untranslated_json() {
    llmcalc::json::Writer w;
    w.begin_array();
    for (const std::string& s : ui::untranslated()) w.value(s);
    w.end_array();
    return w.take();
}

// [["English", "中文"], ...]: the UI string table.
std::string string_table_json() {
    llmcalc::json::Writer w;
    w.begin_array();
    for (const auto& [en, zh] : ui::string_table()) w.begin_array().value(en).value(zh).end_array();
    w.end_array();
    return w.take();
}

}  // namespace

void hooks_attach(const AppState& s) {
    const AppState* app = &s;  // the app's one state, alive as long as the page
    platform::test_hook("report", [app] { return report_json(*app); });
    platform::test_hook("hash", [app] { return hash_json(*app); });
    platform::test_hook("inputs", [app] { return llmcalc::inputs_json(app->inputs, false); });
    platform::test_hook("widgetRects", [app] { return widget_rects_json(*app); });
    platform::test_hook("untranslated", untranslated_json);
    platform::test_hook("stringTable", string_table_json);
    platform::test_hook("answer", [app] { return ui::answer_json(*app); });
    platform::test_hook("compare", [app] { return ui::compare_json(*app); });
    platform::test_hook("charts", [app] { return ui::charts_json(*app); });
    platform::test_hook("modelFile", [app] { return ui::model_file_json(*app); });
}
