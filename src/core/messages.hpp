// The core's notes and warnings in Chinese. The core builds each note or warning as English text (the report JSON's
// `notes` and `warnings`, unchanged); this table holds, for every message the core can emit, its English template and
// its Chinese one. `{}` in the English stands for one argument (a key, a number, a size); `{0}`, `{1}`, ... in the
// Chinese place those arguments in order. tests/unit/test_messages.cpp fails when a message of src/core lacks a
// template. The page shows message_zh() under 中文; the English stays the JSON's public text (INTERFACE.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace llmcalc {

struct MessageTemplate {
    const char* en;  // English, `{}` for each argument
    const char* zh;  // Chinese, `{0}`, `{1}`, ... for the arguments
};

// Every template, in the order they are tried (most literal text first, so the more specific of two variants wins).
const std::vector<MessageTemplate>& message_templates();

// The Chinese text of a core note or warning given its English, or nullopt when no template matches it.
std::optional<std::string> message_zh(const std::string& english);

}  // namespace llmcalc
