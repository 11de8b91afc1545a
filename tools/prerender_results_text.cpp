// Build-time half of "numbers before the canvas" (issue #15): prints what a first visit in English shows in
// #llmcalc-results-text, for index.html (cmake/prerender_index.cmake puts it there). The text comes from the app's own
// results_text() over the app's own start-up steps (load_hash of an empty URL, recompute), linked from src/app, so the
// page carries exactly what the app would write; nothing here composes text.
// Output: line 1 the scenario's hash (write_hash: what settings.cpp saves as "scenario"), line 2 the text, HTML-escaped.
// Built by cmake/web.cmake for node (the emulator build-wasm.sh configures); any failure exits non-zero.
#include <cstdio>
#include <string>

#include "app_state.hpp"
#include "i18n.hpp"
#include "results_text.hpp"

namespace {

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\n': out += ' '; break;  // one line: the page shows it as one paragraph anyway
            default: out += c;
        }
    }
    return out;
}

}  // namespace

int main() {
    ui::set_lang(ui::Lang::En);  // the default language (settings.cpp: a browser not asking for Chinese)
    AppState s;
    load_hash(s, "");  // no URL hash, nothing saved: settings_start's path for a first visit
    recompute(s);
    if (!s.result.ok() || !s.hash_errors.empty()) {
        std::fprintf(stderr, "prerender_results_text: the default scenario does not compute\n");
        return 1;
    }
    const std::string text = results_text(s);
    if (text.empty()) return 1;
    std::printf("%s\n%s\n", html_escape(s.hash).c_str(), html_escape(text).c_str());
    return 0;
}
