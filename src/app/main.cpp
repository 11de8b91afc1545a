// llmcalc web app: Dear ImGui over llmcalc_core. The frame loop reads top to bottom; the browser specifics are in
// platform_web.cpp, the panels in panels.cpp.
#include "app_hooks.hpp"
#include "app_state.hpp"
#include "extras.hpp"
#include "model_file_ui.hpp"
#include "panels.hpp"
#include "platform.hpp"
#include "settings.hpp"
#include "widgets.hpp"

namespace {

AppState g_app;

void frame() {
    // Edits of the URL by hand and files dropped on the page arrive between frames.
    std::string text;
    if (platform::take_changed_hash(&text) && text != page_hash(g_app)) {
        g_app.url_options = page_options_text(split_page_hash(text));  // as the URL now says
        load_hash(g_app, text);
    }
    if (platform::take_dropped_text(&text)) edit_field(g_app, "config", text);
    ui::take_model_files(g_app);  // a GGUF / safetensors file's headers, read since the last frame
    const bool font_failed = platform::take_zh_font_failure();
    if (font_failed)  // English on purpose: without the font Chinese would draw as '?'
        g_app.font_notice = "The Chinese font or text could not be loaded (offline before this page cached it?): "
                            "the interface stays in English.";

    const bool recomputed = recompute(g_app);
    if (recomputed) {
        platform::replace_hash(page_hash(g_app));
        settings_save(g_app);
    }
    if (!platform::frame_needed(g_app.dirty || font_failed)) return;  // idle: nothing changed, nothing drawn

    platform::begin_frame();
    ui::keyboard_frame();  // Tab through every control, focus ring (widgets.hpp)
    const ui::Actions actions = ui::draw_app(g_app, platform::embed_mode());
    platform::set_text_fields(ui::text_field_rects(g_app));  // a tap there focuses the page's text input (phones)
    platform::end_frame();
    // Language, theme, units, My models, this scenario -> localStorage when changed. They change through the UI
    // (drawn frames) or a new scenario (above); serialising them on every idle frame only cost time.
    settings_save(g_app);

    if (actions.copy_link) platform::copy_text(platform::page_url());
    if (actions.open_full) platform::open_full_page();
}

// After the browser has painted the numbers: the WebGL2 context (1.3-1.6 s under software GL), ImGui, the frames.
void start_canvas() {
    if (!platform::init("llmcalc")) {
        platform::report_no_webgl();
        return;
    }
    hooks_attach(g_app);
    platform::start_frames(frame);
}

}  // namespace

int main() {
    platform::embed_mode();  // read before the first hash rewrite
    settings_start(g_app);  // language, theme, units, My models; the scenario from the URL hash, else the saved one
    recompute(g_app);
    platform::replace_hash(page_hash(g_app));
    // Numbers before the canvas: the report's headline as HTML text (the screen-reader mirror, shown until the
    // canvas's first frame covers it, app.css), painted before the WebGL context is created.
    ui::publish_results_text(g_app);
    platform::after_paint(start_canvas);
    return 0;  // the module stays alive; the browser calls start_canvas, then frame() on demand
}
