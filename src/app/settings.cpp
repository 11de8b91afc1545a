#include "settings.hpp"

#include "format.hpp"
#include "i18n.hpp"
#include "json.hpp"
#include "platform.hpp"

namespace {

void add_notice(AppState& s, const char* why) {
    if (s.storage_notice.find(why) != std::string::npos) return;
    if (!s.storage_notice.empty()) s.storage_notice += "; ";
    s.storage_notice += why;
}

}  // namespace

std::string settings_parse(AppState& s, const std::string& stored, bool* trial) {
    if (stored.empty()) return std::string();
    const llmcalc::json::ParseResult parsed = llmcalc::json::parse(stored);
    const llmcalc::json::Value& j = parsed.value;
    if (!parsed.ok() || !j.is_object()) {
        add_notice(s, "not valid JSON");
        return std::string();
    }
    bool bad_type = false;
    auto str = [&](const char* k, std::initializer_list<const char*> allowed) -> std::string {
        const llmcalc::json::Value* it = j.find(k);
        if (!it) return std::string();
        if (!it->is_string()) { bad_type = true; return std::string(); }
        const std::string& v = it->as_string();
        if (allowed.size() == 0) return v;
        for (const char* a : allowed)
            if (v == a) return v;
        bad_type = true;
        return std::string();
    };
    const std::string lang = str("lang", {"en", "zh"});
    if (!lang.empty()) ui::set_lang(lang == "zh" ? ui::Lang::Zh : ui::Lang::En);
    const std::string theme = str("theme", {"dark", "light"});
    if (!theme.empty()) s.light = theme == "light";
    const std::string units = str("units", {"GB", "GiB"});
    if (!units.empty()) s.gib = units == "GiB";
    const std::string scenario = str("scenario", {});
    if (trial) {
        const llmcalc::json::Value* t = j.find("trial");
        *trial = t && t->is_bool() && t->as_bool();
    }
    // compare's A (absent: nothing pinned); applied with the saved scenario only (settings_start)
    s.saved_compare_present = j.find("compare") != nullptr;
    s.saved_compare = str("compare", {});
    s.my_models.clear();
    if (const llmcalc::json::Value* models = j.find("models")) {
        if (!models->is_array()) {
            bad_type = true;
        } else {
            for (const auto& m : models->items()) {
                const llmcalc::json::Value* n = m.find("name");  // nullptr when m is not an object
                const llmcalc::json::Value* c = m.find("config");
                if (!n || !c || !n->is_string() || !c->is_string()) {
                    bad_type = true;
                    continue;
                }
                s.my_models.push_back({n->as_string(), c->as_string()});
            }
        }
    }
    if (bad_type) add_notice(s, "wrong type of a saved value");
    return scenario;
}

std::string settings_json(const AppState& s) {
    llmcalc::json::Writer w;
    w.begin_object()
        .field("v", 1)
        .field("lang", ui::lang() == ui::Lang::Zh ? "zh" : "en")
        .field("theme", s.light ? "light" : "dark")
        .field("units", s.gib ? "GiB" : "GB")
        .field("scenario", s.safe_hash);
    if (s.trial) w.field("trial", true);
    if (s.pinned) w.field("compare", s.pinned_hash);
    w.key("models").begin_array();
    for (const auto& m : s.my_models) w.begin_object().field("name", m.name).field("config", m.config).end_object();
    w.end_array().end_object();
    return w.take();
}

void settings_start(AppState& s) {
    // Defaults from the browser; saved settings override them; page options in the URL override both.
    const std::string nav = platform::browser_language();
    ui::set_lang(nav.rfind("zh", 0) == 0 ? ui::Lang::Zh : ui::Lang::En);
    s.light = platform::prefers_light();
    const std::string stored = platform::storage_get();
    s.saved_settings = stored;
    bool trial = false;
    const std::string saved_scenario = settings_parse(s, stored, &trial);

    const std::string hash = platform::initial_hash();
    // page options in the URL (lang=, theme=) override the saved values for this visit
    const PageHash page = split_page_hash(hash);
    s.url_options = page_options_text(page);  // kept in the URL (page_hash)
    if (page.lang == "zh" || page.lang == "en") ui::set_lang(page.lang == "zh" ? ui::Lang::Zh : ui::Lang::En);
    if (page.theme == "light" || page.theme == "dark") s.light = page.theme == "light";

    // a hash with anything besides embed / lang / theme (inputs, or a compare A) wins over the saved scenario
    const bool hash_has_inputs = !page.inputs.empty() || page.has_compare;
    if (hash_has_inputs || saved_scenario.empty()) {
        load_hash(s, hash);
    } else if (trial) {
        // the last visit started with this scenario and never got a good, fast result: ask before loading it again
        s.skipped_scenario = saved_scenario;
        add_notice(s, "the saved scenario failed or was slow last time");
        load_hash(s, hash);
    } else {
        load_hash(s, saved_scenario);
        if (!s.hash_errors.empty()) {
            // a saved scenario this version cannot read fully: start clean rather than half-applied
            add_notice(s, "the saved scenario has bad keys");
            load_hash(s, hash);
        } else {
            // marked before its first compute: if this visit freezes or crashes on it, the next one asks first
            s.safe_hash = saved_scenario;
            s.trial = true;
            s.saved_settings = settings_json(s);
            platform::storage_set(s.saved_settings);
        }
    }
    if (!hash_has_inputs && s.saved_compare_present) {  // compare's A, kept across reloads
        s.pinned = true;
        s.pinned_hash = s.saved_compare;
    }
    fmt_ui::set_binary_units(s.gib);
    platform::set_theme(s.light);
}

void settings_save(AppState& s) {
    fmt_ui::set_binary_units(s.gib);
    platform::set_theme(s.light);
    // <html lang> names the language drawn: Chinese once its font is in the atlas (platform_web.cpp loads it)
    platform::set_page_lang(ui::lang() == ui::Lang::Zh && ui::zh_drawable());
    const std::string text = settings_json(s);
    if (text == s.saved_settings) return;
    s.saved_settings = text;
    platform::storage_set(text);
}
