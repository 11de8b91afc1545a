// The full Chinese font subset of the UI (font_embed.py: every Chinese character of the i18n table). The served page
// does not embed it: it fetches dist/llmcalc-zh.ttf the first time the UI is Chinese (platform_web.cpp), so an
// English first visit does not download Chinese glyphs. The single-file offline page cannot fetch from file://, so it
// is built with LLMCALC_EMBED_CJK and embeds it. The Chinese strings follow the same split (i18n.hpp load_zh_pack):
// font_cjk.cpp, i18n.cpp and the core's messages.cpp are the files compiled differently for the two (cmake/web.cmake).
#pragma once

namespace font_cjk {

// The embedded font: true with its bytes in the offline page, false in the served one.
bool embedded(const unsigned char** data, int* size);

}  // namespace font_cjk
