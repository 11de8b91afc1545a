// C functions behind window.llmcalcApp (installed by platform_web.cpp; documented in docs/js-api.md). They read
// the app's state; the returned pointers stay valid until the next call of the same function.
#include "app_hooks.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include <emscripten.h>

#include "catalog_json.hpp"
#include "i18n.hpp"
#include "json.hpp"
#include "panels.hpp"
#include "report.hpp"

namespace {
const AppState* g_state = nullptr;
std::string g_out[6];
}  // namespace

void hooks_attach(const AppState* s) { g_state = s; }

extern "C" {

// The report, or {"errors": [...]} while any field holds text that was not applied (its error first) or the
// applied inputs fail compute()'s checks.
EMSCRIPTEN_KEEPALIVE const char* llmcalc_app_report_json() {
    if (!g_state) {
        g_out[0] = "{\"errors\":[]}";
        return g_out[0].c_str();
    }
    std::vector<llmcalc::InputError> errors;
    for (const auto& [key, f] : g_state->fields)
        if (!f.error.empty()) errors.push_back({key, f.error});
    if (errors.empty()) {
        g_out[0] = g_state->report_json;
    } else {
        errors.insert(errors.end(), g_state->result.errors.begin(), g_state->result.errors.end());
        g_out[0] = llmcalc::errors_json(errors);
    }
    return g_out[0].c_str();
}

EMSCRIPTEN_KEEPALIVE const char* llmcalc_app_hash() {
    g_out[1] = g_state ? g_state->hash : std::string();
    return g_out[1].c_str();
}

EMSCRIPTEN_KEEPALIVE const char* llmcalc_app_inputs_json() {
    g_out[2] = g_state ? llmcalc::inputs_json(g_state->inputs, false) : std::string("{}");
    return g_out[2].c_str();
}

// {"key": {"x":..,"y":..,"w":..,"h":..,"visible":true,"focused":false}, ...} in CSS pixels relative to the canvas.
EMSCRIPTEN_KEEPALIVE const char* llmcalc_app_widget_rects_json() {
    std::string out = "{";
    for (const auto& [key, r] : ui::widget_rects()) {
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "%s\"%s\":{\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f,\"visible\":%s,\"focused\":%s}",
                      out.size() > 1 ? "," : "", key.c_str(), r.x, r.y, r.w, r.h, r.visible ? "true" : "false",
                      r.focused ? "true" : "false");
        out += buf;
    }
    out += "}";
    g_out[3] = out;
    return g_out[3].c_str();
}

// ["English text", ...]: shown in English under Chinese (see ui::untranslated).
EMSCRIPTEN_KEEPALIVE const char* llmcalc_app_untranslated_json() {
    llmcalc::json::Writer w;
    w.begin_array();
    for (const std::string& s : ui::untranslated()) w.value(s);
    w.end_array();
    g_out[4] = w.take();
    return g_out[4].c_str();
}

// [["English", "中文"], ...]: the UI string table.
EMSCRIPTEN_KEEPALIVE const char* llmcalc_app_string_table_json() {
    llmcalc::json::Writer w;
    w.begin_array();
    for (const auto& [en, zh] : ui::string_table()) w.begin_array().value(en).value(zh).end_array();
    w.end_array();
    g_out[5] = w.take();
    return g_out[5].c_str();
}

}  // extern "C"
