// Test helper: whether a text is Chinese, i.e. holds at least one CJK ideograph (U+4E00..U+9FFF: UTF-8 lead bytes
// 0xE4..0xE9). Used by the tests that every Chinese column of a core table is filled with Chinese.
#pragma once

#include <string>

inline bool has_cjk(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0xE4 && c <= 0xE9) return true;
    return false;
}
