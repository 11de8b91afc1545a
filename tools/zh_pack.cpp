// Build-time tool: prints dist/llmcalc-zh.json, the Chinese of the served page — the UI's string table (src/app/i18n.cpp)
// and the core's message templates (src/core/messages.cpp) — from the tables compiled into this tool. The served page
// is built without them (LLMCALC_ZH_PACK) and loads this file with its Chinese font when the UI is Chinese
// (web/boot.js, platform_web.cpp), so an English visit does not download them (issue #15: page weight). Built by
// cmake/web.cmake for node, run after each link of llmcalc_app; the format is ui::zh_pack_json()'s.
#include <cstdio>
#include <string>

#include "i18n.hpp"

int main() {
    const std::string json = ui::zh_pack_json();
    std::string error;
    if (!ui::load_zh_pack(json, &error)) {  // what the page will read must load
        std::fprintf(stderr, "zh_pack: the pack does not load: %s\n", error.c_str());
        return 1;
    }
    // a final newline and an explicit flush: the node build does not flush stdio at exit (no EXIT_RUNTIME)
    std::fwrite(json.data(), 1, json.size(), stdout);
    std::fputc('\n', stdout);
    return std::fflush(stdout) != 0 || std::ferror(stdout) ? 1 : 0;
}
