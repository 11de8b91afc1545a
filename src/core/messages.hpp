// The core's notes, warnings and errors in Chinese. The core builds each message as English text (the report JSON's
// `notes` and `warnings`, an InputError's `message`: unchanged, the public text of INTERFACE.md); this table holds,
// for every message the core can emit, its English template and its Chinese one. A placeholder in the English is
// `{}` (one argument; the Chinese places them in order as `{0}`, `{1}`, ...) or `{name}` (the Chinese places it as
// `{name}`). An argument named `{why}` is itself a message (a parser's reason inside "must be a number: ...") and is
// shown in Chinese through its own template. tests/unit/messages_test.cpp fails when a message of src/core lacks a
// template. The page shows message_zh() under 中文, the CLI under --lang zh, the JS API with {lang: 'zh'}.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace llmcalc {

struct MessageTemplate {
    const char* en;  // English, `{}` or `{name}` for each argument
    const char* zh;  // Chinese, `{0}`, `{1}`, ... or `{name}` for the arguments
};

// Every template, in the order they are tried (most literal text first, so the more specific of two variants wins).
const std::vector<MessageTemplate>& message_templates();

// Replaces the table (the served page: its Chinese arrives after start-up, with the Chinese font, and the table is
// not compiled into it, LLMCALC_ZH_PACK). The texts are not copied: they must outlive every later call.
void set_message_templates(const std::vector<MessageTemplate>& templates);

// The placeholder names of a template's English, in order ("" for `{}`).
std::vector<std::string> template_names(const MessageTemplate& t);

// The Chinese text of a core note, warning or error given its English, or nullopt when no template matches it.
std::optional<std::string> message_zh(const std::string& english);

// The message in `lang` ("en" or "zh"): the Chinese when lang is "zh" and a template matches, else the English.
std::string message_in(const std::string& english, const std::string& lang);

}  // namespace llmcalc
