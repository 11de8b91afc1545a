#include "app_state.hpp"

#include <chrono>
#include <string_view>

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

PageHash split_page_hash(const std::string& hash) {
    PageHash out;
    for (llmcalc::HashPart& p : llmcalc::split_hash(hash)) {
        if (p.decoded && p.key == "embed") out.embed = p.value;
        else if (p.decoded && p.key == "lang") out.lang = p.value;
        else if (p.decoded && p.key == "theme") out.theme = p.value;
        else if (p.decoded && p.key == "compare") { out.has_compare = true; out.compare = p.value; }
        else out.inputs.push_back(std::move(p));
    }
    return out;
}

std::string page_options_text(const PageHash& p) {
    std::string out;
    auto add = [&](const char* key, const std::string& v) {
        if (!v.empty()) out += (out.empty() ? "" : "&") + std::string(key) + "=" + llmcalc::percent_encode(v);
    };
    add("embed", p.embed);
    add("lang", p.lang);
    add("theme", p.theme);
    return out;
}

void load_hash(AppState& s, const std::string& hash) {
    const PageHash page = split_page_hash(hash);
    s.inputs = llmcalc::Inputs();
    s.hash_errors = llmcalc::apply_hash(page.inputs, s.inputs);
    reset_fields(s);
    s.pinned = page.has_compare;  // the page option keeping compare's A (page_hash)
    s.pinned_hash = page.compare;
    // A bad value from the URL stays visible in its field, with its message.
    for (const llmcalc::HashPart& p : page.inputs)
        for (const auto& e : s.hash_errors)
            if (p.decoded && e.key == p.key && llmcalc::find_key(p.key)) s.fields[p.key] = FieldState{p.value, e.message, "", "", false};
    s.dirty = true;
}

void load_model_files(AppState& s, const std::string& heads, const std::string& files_json) {
    llmcalc::FileModelResult r = llmcalc::model_from_heads(heads, files_json);
    if (!r.ok()) {
        s.file_error = r.error;
        return;
    }
    s.file = std::make_shared<const llmcalc::FileModel>(std::move(r.model));
    s.file_error.clear();
    // The last valid result is another model's (the preset's): while the file's scenario has errors (a safetensors
    // header without head counts) it must not be shown as "the last valid result" in the file's place.
    s.has_good = false;
    s.dirty = true;
}

void clear_model_file(AppState& s) {
    s.file.reset();
    s.file_error.clear();
    s.has_good = false;  // the last valid result was the file's model
    s.dirty = true;
}

std::string page_hash(const AppState& s) {
    std::string out = s.url_options;
    auto add = [&](const std::string& part) { if (!part.empty()) out += (out.empty() ? "" : "&") + part; };
    add(s.hash);
    if (s.pinned) add("compare=" + llmcalc::percent_encode(s.pinned_hash));
    return out;
}

bool recompute(AppState& s) {
    if (!s.dirty) return false;
    s.dirty = false;
    const auto t0 = std::chrono::steady_clock::now();
    // training: the report and the ranked layouts in one compute (it was two, the second with layout_search=true)
    bool searched = false;
    s.result = llmcalc::compute_with_layouts(s.inputs, s.file.get(), &s.layouts, &searched);
    s.has_layouts = s.result.ok() && searched;
    s.compute_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Problems of the URL the page was opened with reach the report (llmcalcApp.report().warnings), not only the
    // canvas (issue #14). The keys they name were left at their defaults.
    if (s.result.ok())
        for (const auto& e : s.hash_errors)
            s.result.report.warnings.push_back("URL: " + e.key + ": " + e.message + " (ignored)");
    if (s.result.ok()) {
        s.last_good = s.result.report;
        s.has_good = true;
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

const std::string* not_applied_warning(const AppState& s, const char* key) {
    if (!s.result.ok()) return nullptr;
    const std::string_view k = key, tail = " does not apply";
    for (const std::string& w : s.result.report.warnings)
        if (w.size() > k.size() + tail.size() && w.compare(0, k.size(), k) == 0 && w.compare(k.size(), tail.size(), tail) == 0)
            return &w;
    return nullptr;
}
