#include "app_state.hpp"

#include <chrono>

void edit_field(AppState& s, const char* key, const std::string& text) {
    FieldState& f = s.fields[key];
    f.text = text;
    if (auto err = llmcalc::set_input(s.inputs, key, text)) {
        f.error = err->message;
        return;
    }
    f.error.clear();
    s.dirty = true;
}

FieldState& field(AppState& s, const char* key) {
    auto it = s.fields.find(key);
    if (it == s.fields.end()) it = s.fields.emplace(key, FieldState{llmcalc::get_input(s.inputs, key), "", "", "", false}).first;
    return it->second;
}

void reset_fields(AppState& s) { s.fields.clear(); }

void load_hash(AppState& s, const std::string& hash) {
    s.inputs = llmcalc::Inputs();
    s.hash_errors = llmcalc::parse_hash(hash, s.inputs);
    reset_fields(s);
    s.pinned = false;
    s.pinned_hash.clear();
    // A bad value from the URL stays visible in its field, with its message.
    const std::string h = !hash.empty() && hash[0] == '#' ? hash.substr(1) : hash;
    for (size_t start = 0; start < h.size();) {
        size_t amp = h.find('&', start);
        if (amp == std::string::npos) amp = h.size();
        const std::string part = h.substr(start, amp - start);
        start = amp + 1;
        const size_t eq = part.find('=');
        if (eq == std::string::npos) continue;
        auto key = llmcalc::percent_decode(part.substr(0, eq));
        auto value = llmcalc::percent_decode(part.substr(eq + 1));
        if (!key || !value) continue;
        if (*key == "compare") {  // the page option keeping compare's A (page_hash)
            s.pinned = true;
            s.pinned_hash = *value;
        }
        for (const auto& e : s.hash_errors)
            if (e.key == *key && llmcalc::find_key(*key)) s.fields[*key] = FieldState{*value, e.message, "", "", false};
    }
    s.dirty = true;
}

std::string page_hash(const AppState& s) {
    if (!s.pinned) return s.hash;
    return s.hash + (s.hash.empty() ? "" : "&") + "compare=" + llmcalc::percent_encode(s.pinned_hash);
}

bool recompute(AppState& s) {
    if (!s.dirty) return false;
    s.dirty = false;
    const auto t0 = std::chrono::steady_clock::now();
    s.result = llmcalc::compute(s.inputs);
    s.compute_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Problems of the URL the page was opened with reach the report (llmcalcApp.report().warnings), not only the
    // canvas (issue #14). The keys they name were left at their defaults.
    if (s.result.ok())
        for (const auto& e : s.hash_errors)
            s.result.report.warnings.push_back("URL: " + e.key + ": " + e.message + " (ignored)");
    if (s.result.ok()) {
        s.last_good = s.result.report;
        s.has_good = true;
        s.report_json = llmcalc::report_json(s.result.report);
    } else {
        s.report_json = llmcalc::errors_json(s.result.errors);
    }
    s.hash = llmcalc::write_hash(s.inputs);
    if (s.result.ok() && s.compute_seconds < kSlowComputeSeconds) {
        s.safe_hash = s.hash;
        s.trial = false;  // the scenario tried at start-up passed
    }
    return true;
}

const llmcalc::InputError* result_error(const AppState& s, const char* key) {
    for (const auto& e : s.result.errors)
        if (e.key == key) return &e;
    return nullptr;
}
