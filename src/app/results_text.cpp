#include "results_text.hpp"

#include <cstdio>

#include "export.hpp"
#include "i18n.hpp"

using ui::tr;
using ui::tr_message;

std::string results_text(const AppState& s) {
    // "：", "。" and no space between sentences in Chinese (as export_plain writes them)
    const std::string colon = tr(": "), stop = tr("."), space = tr(" ");
    std::string text;
    bool field_errors = false;
    for (const auto& [k, f] : s.fields)
        if (!f.error.empty()) field_errors = true;
    if (s.result.ok() && !field_errors) {
        text = llmcalc::export_plain(s.result.report, s.inputs, tr);  // in the UI's language
    } else {
        text = tr("The inputs have problems:");
        for (const auto& [k, f] : s.fields)
            if (!f.error.empty()) text += space + k + colon + tr_message(f.error) + stop;
        for (const auto& e : s.result.errors) text += space + e.key + colon + tr_message(e.message) + stop;
    }
    // problems of the URL the page was opened with, as on the canvas (issue #14: they were drawn only)
    for (const auto& e : s.hash_errors) {
        const int n = std::snprintf(nullptr, 0, tr("URL: %s: %s (ignored)"), e.key.c_str(), tr_message(e.message).c_str());
        std::string line(static_cast<size_t>(n > 0 ? n : 0), '\0');
        std::snprintf(line.data(), line.size() + 1, tr("URL: %s: %s (ignored)"), e.key.c_str(), tr_message(e.message).c_str());
        text += space + line + stop;
    }
    return text;
}
