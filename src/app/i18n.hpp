// UI strings: every user-visible string goes through tr("English text"), which returns the text in the current
// language (English or Simplified Chinese). The table lives in i18n.cpp.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ui {

enum class Lang { En, Zh };

// The current language's text for an English UI string (the English itself when no translation exists; then the
// returned pointer is `english`, so it lives as long as the argument does).
const char* tr(const char* english);
bool has_translation(const char* english);
// A note, warning or error of the core (llmcalc::Report notes/warnings, InputError messages) in the current language:
// the core's Chinese template (src/core/messages.cpp) under 中文; a message without one is shown in English and listed
// by untranslated().
std::string tr_message(const std::string& english);
// A text the core gives in both languages (an explanation's note, a precision row): `zh` under 中文 (with the Chinese
// font loaded), else `en`. A missing `zh` shows `en` and is listed by untranslated().
const std::string& zh_text(const std::string& en, const std::string& zh);
// A translated printf format (tr("... %s ...")) with up to three strings filled in.
std::string filled(const char* format, const std::string& a, const std::string& b = std::string(),
                   const std::string& c = std::string());
// Strings tr() was asked for under Chinese (with the Chinese font loaded) that have no entry: they were shown in
// English (test hook window.llmcalcApp.untranslated()).
const std::set<std::string>& untranslated();
// The whole table, English -> Chinese (test hook window.llmcalcApp.stringTable()).
std::vector<std::pair<std::string, std::string>> string_table();
// The Chinese of the UI and of the core's messages as JSON: {"ui_english": digest of the UI table's English column,
// "ui": [zh, ...] in the table's order, "messages": [[en, zh], ...]} (tools/zh_pack.cpp writes it to
// dist/llmcalc-zh.json from the compiled-in tables), and its loading into the page built without the Chinese
// (LLMCALC_ZH_PACK): false with the reason when the text is not such a pack of this build (nothing changes then).
std::string zh_pack_json();
bool load_zh_pack(std::string_view json, std::string* error);
void set_lang(Lang lang);
Lang lang();  // the language asked for (button, saved settings)
// Chinese text is shown only once its glyphs are in the font atlas: the served page loads the Chinese font when the
// UI is first switched to Chinese (platform_web.cpp); until then, and if it cannot be loaded, tr() returns English.
void set_zh_drawable(bool yes);
bool zh_drawable();

}  // namespace ui
