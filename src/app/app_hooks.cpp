// The JSON behind window.llmcalcApp's report, hash, inputs, widgetRects, untranslated and stringTable (registered with
// platform::test_hook; documented in docs/js-api.md). They read the app's state.
#include "app_hooks.hpp"

#include <string>
#include <vector>

#include "catalog_json.hpp"
#include "i18n.hpp"
#include "json.hpp"
#include "panels.hpp"
#include "platform.hpp"
#include "report.hpp"

namespace {
const AppState* g_state = nullptr;

// The report, or {"errors": [...]} while any field holds text that was not applied (its error first) or the
// applied inputs fail compute()'s checks.
std::string report_json() {
    if (!g_state) return "{\"errors\":[]}";
    std::vector<llmcalc::InputError> errors;
    for (const auto& [key, f] : g_state->fields)
        if (!f.error.empty()) errors.push_back({key, f.error});
    if (errors.empty()) return g_state->report_json;
    errors.insert(errors.end(), g_state->result.errors.begin(), g_state->result.errors.end());
    return llmcalc::errors_json(errors);
}

// The URL hash, as a JSON string.
std::string hash_json() {
    llmcalc::json::Writer w;
    w.value(g_state ? g_state->hash : std::string());
    return w.take();
}

std::string inputs_json() { return g_state ? llmcalc::inputs_json(g_state->inputs, false) : std::string("{}"); }

// {"key": {"x":..,"y":..,"w":..,"h":..,"visible":true,"focused":false}, ...} in CSS pixels relative to the canvas.
std::string widget_rects_json() {
    llmcalc::json::Writer w;
    w.begin_object();
    for (const auto& [key, r] : ui::widget_rects()) {
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

void hooks_attach(const AppState* s) {
    g_state = s;
    platform::test_hook("report", report_json);
    platform::test_hook("hash", hash_json);
    platform::test_hook("inputs", inputs_json);
    platform::test_hook("widgetRects", widget_rects_json);
    platform::test_hook("untranslated", untranslated_json);
    platform::test_hook("stringTable", string_table_json);
}
