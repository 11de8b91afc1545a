// Input widgets shared by the panels and the answer card: a field that commits on Enter / Tab / leaving it, and a
// searchable dropdown. Both edit AppState only through edit_field (the core's set_input).
#pragma once

#include <string>
#include <vector>

#include "app_state.hpp"

namespace ui {

// A text or number field for `key`. The typed text is pending (shown, not applied: the results do not change) until
// Enter, Tab or leaving the field commits it through edit_field; Esc restores the applied value. After a commit the
// field keeps the user's spelling ("1T"); a value set elsewhere (preset, URL) shows as plain grouped digits
// ("1,000,000,000,000", never scientific). Returns true on the frame a changed text was committed.
bool committed_field(AppState& s, const char* key, const char* hint = nullptr);

struct ComboItem {
    std::string id;     // the key's value (preset id, GPU id)
    std::string label;  // what people read
};
// A dropdown whose list can be searched: every word of the query must start a word of the item (any order:
// "a100 80", "qwen 8b"); Up/Down move the highlight, Enter picks it, Esc closes with nothing changed; while the
// list is open the keyboard goes to its search box only. Returns true when an item was picked (and applied).
bool search_combo(AppState& s, const char* key, const std::vector<ComboItem>& items, const std::string& preview);

// Every word of `query` is a prefix of some word of `text` (case-insensitive; words split at anything that is not a
// letter, digit or '.'). An empty query matches everything.
bool words_match(const std::string& text, const std::string& query);
// "1000000000000" -> "1,000,000,000,000" (the integer part of a plain decimal; other text is returned unchanged).
std::string group_thousands(const std::string& plain);

}  // namespace ui
