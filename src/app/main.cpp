// llmcalc web app: Dear ImGui over llmcalc_core. The frame loop reads top to bottom; the browser specifics are in
// platform_web.cpp, the panels in panels.cpp.
#include <emscripten.h>

#include "app_hooks.hpp"
#include "app_state.hpp"
#include "panels.hpp"
#include "platform.hpp"
#include "settings.hpp"

namespace {

AppState g_app;

void frame() {
    // Edits of the URL by hand and files dropped on the page arrive between frames.
    std::string text;
    if (platform::take_changed_hash(&text) && text != page_hash(g_app)) load_hash(g_app, text);
    if (platform::take_dropped_text(&text)) edit_field(g_app, "config", text);
    const bool font_failed = platform::take_zh_font_failure();
    if (font_failed)  // English on purpose: without the font Chinese would draw as '?'
        g_app.font_notice = "The Chinese font could not be loaded (offline before this page cached it?): the "
                            "interface stays in English.";

    const bool recomputed = recompute(g_app);
    if (recomputed) {
        platform::replace_hash(page_hash(g_app));
        settings_save(g_app);
    }
    if (!platform::frame_needed(g_app.dirty || font_failed)) return;  // idle: nothing changed, nothing drawn

    platform::begin_frame();
    const ui::Actions actions = ui::draw_app(g_app, platform::embed_mode());
    platform::end_frame();
    // Language, theme, units, My models, this scenario -> localStorage when changed. They change through the UI
    // (drawn frames) or a new scenario (above); serialising them on every idle frame only cost time.
    settings_save(g_app);

    if (actions.copy_link) platform::copy_text(platform::page_url());
    if (actions.open_full) platform::open_full_page();
}

}  // namespace

int main() {
    if (!platform::init("llmcalc")) {
        EM_ASM({ if (Module.onAbort) Module.onAbort("could not create a WebGL2 context"); });
        return 1;
    }
    settings_start(g_app);  // language, theme, units, My models; the scenario from the URL hash, else the saved one
    recompute(g_app);
    platform::replace_hash(page_hash(g_app));
    hooks_attach(&g_app);
    // The browser calls frame() once per animation frame; main returns, the module stays alive.
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
