// The browser platform layer: window/canvas, DPI, fonts, clipboard, URL hash, idle frames, test hooks.
// Every browser call of the app (EM_JS, EM_ASM, emscripten_*, EMSCRIPTEN_KEEPALIVE) lives in platform_web.cpp; the
// rest of the app is plain ImGui over llmcalc_core. platform_native.cpp stubs these functions so that the app's other
// sources compile without Emscripten (CMake target llmcalc_app_native_check).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace platform {

// Base UI font size in CSS pixels; every other size in the app is a multiple of the font size (em).
constexpr float kFontPx = 15.0f;

// Calls fn() once the browser has painted the page as it is now (an animation frame, then a task): text written to
// the DOM before is on screen while fn() runs.
void after_paint(void (*fn)());
// Creates the GL window and ImGui context, loads fonts, installs clipboard and browser listeners.
bool init(const char* title);
// Starts the frame loop: the browser calls frame() on an animation frame whenever one was asked for (any input
// event, a resize, a test hook, request_frame()). Nothing runs while nothing happens: an idle page costs no CPU.
void start_frames(void (*frame)());
// One more frame after this one (work spread over frames, e.g. chart sweeps in progress).
void request_frame();
// Runs fn(ctx) in a task of its own soon, between frames and input events (work cut into slices of a few ms).
void run_soon(void (*fn)(void*), void* ctx);
// A frame after `seconds` (a notice that disappears after a while).
void wake_after(double seconds);
// Follows canvas size and devicePixelRatio, and decides whether this frame must be drawn: false when nothing
// happened for a few frames (the loop then stops asking for frames). Call before begin_frame.
bool frame_needed(bool app_dirty);
// ImGui NewFrame with the web fixes (display size in CSS px, framebuffer scale = dpr, mouse in CSS px, dt > 0).
void begin_frame();
// Renders ImGui's draw data and publishes the frame count to the page (window.llmcalcApp.frames).
void end_frame();

// Phones: where the text fields were drawn this frame (x, y, w, h each, CSS px relative to the canvas). A tap on one
// focuses a visually hidden <input> of the page, so the on-screen keyboard (and an IME) opens; its text reaches
// ImGui as typed characters. The input is left when ImGui no longer wants text.
void set_text_fields(const std::vector<float>& xywh);

// location.hash without '#', once at start and again after the user edits the URL (then true).
std::string initial_hash();
bool take_changed_hash(std::string* hash);
// Writes the hash with history.replaceState (no history entry, no hashchange event).
void replace_hash(const std::string& hash);
// The page URL (with the current hash).
std::string page_url();
// Copies text to the system clipboard (navigator.clipboard; best effort).
void copy_text(const std::string& text);
// The last copy: 1 written to the system clipboard, 0 still pending, -1 refused by the browser (Ctrl+V inside the
// page still pastes it).
int clipboard_state();
// A file dropped on the page (its text), once.
bool take_dropped_text(std::string* text);
// Model files (GGUF, safetensors, *.index.json) dropped on the page or picked with open_model_file_picker() are read
// by their headers only (growing Blob.slice reads the core asks for, model_file.hpp); a config.json among them
// becomes the dropped text above.
void open_model_file_picker();
struct ModelFileRead {
    bool reading = false;   // a read is in progress
    std::string name;       // the file being read
    int index = 0, count = 0;  // which of how many files
    double read = 0, size = 0; // bytes of its header read so far, of the file's size
    double want = 0;           // the bytes asked for now (the parser asks for more, doubling, until the header ends)
};
ModelFileRead model_file_read();
// A finished read, once: the headers back to back and [{name, size, length}] (model_from_heads), or `error` set.
bool take_model_files(std::string* heads, std::string* files_json, std::string* error);
// Opens this scenario without embed=1 in a new tab.
void open_full_page();
// Embed mode (#embed=1): compact layout for blog posts.
bool embed_mode();

// Saved settings: the text stored under localStorage "llmcalc" ("" when absent or storage is blocked), and writing it.
std::string storage_get();
void storage_set(const std::string& text);
// navigator.language (e.g. "zh-CN"), and whether the system asks for a light colour scheme (prefers-color-scheme).
std::string browser_language();
bool prefers_light();
// A touch screen is the main pointer (pointer: coarse, or touch points and no fine pointer): hints say "tap", not
// "hover".
bool touch_device();
// Phone width (issue #13: ≤ 600 CSS px): controls are at least kTouchTargetPx tall.
constexpr float kPhoneWidthPx = 600.0f;
constexpr float kTouchTargetPx = 40.0f;
// Dark or light ImGui colours and page background; applied from the next frame.
void set_theme(bool light);
// <html lang="zh-CN"|"en">, following the UI language.
void set_page_lang(bool zh);
// A clock in milliseconds (performance.now()): work cut into slices of a few ms.
double now_ms();
// Page outputs: the screen-reader mirror of the results (textContent of #llmcalc-results-text, web/shell.html), and
// the height the UI needs, posted to the embedding page ({type: "llmcalc-height"}; only inside a frame).
void set_results_text(const std::string& text);
void post_embed_height(int css_px);
// Saves RGBA pixels (top row first) as a PNG download named `file`.
void download_png(const unsigned char* rgba, int w, int h, const std::string& file);
// The WebGL2 context could not be created: tells the page (Module.onAbort), which shows its HTML fallback.
void report_no_webgl();

// Test hooks (docs/js-api.md): window.llmcalcApp[name]() returns JSON.parse(json()). A name is registered once
// (app_hooks.cpp); registering it again keeps the first function.
void test_hook(const char* name, std::function<std::string()> json);

// True once after the Chinese font (loaded when the UI first turns Chinese) could not be fetched; the language has
// then been set back to English.
bool take_zh_font_failure();

}  // namespace platform
