// Native stubs of the platform layer (platform.hpp): no window, no page. The app's sources other than
// platform_web.cpp compile against these without Emscripten (CMake target llmcalc_app_native_check), which keeps every
// browser call in platform_web.cpp. Nothing here draws or stores: each function does the least that is consistent
// (no frames, no hash, no stored settings, nothing dropped or picked).
#ifdef __EMSCRIPTEN__
#error "platform_native.cpp is the native stand-in; the web build uses platform_web.cpp"
#endif

#include "platform.hpp"

#include <chrono>

namespace platform {

void after_paint(void (*fn)()) {
    if (fn) fn();
}
bool init(const char*) { return false; }  // no window: the app reports that it could not start (report_no_webgl)
void start_frames(void (*)()) {}
void request_frame() {}
void run_soon(void (*fn)(void*), void* ctx) {
    if (fn) fn(ctx);
}
void wake_after(double) {}
bool frame_needed(bool) { return false; }
void begin_frame() {}
void end_frame() {}
void set_text_fields(const std::vector<float>&) {}

std::string initial_hash() { return std::string(); }
bool take_changed_hash(std::string*) { return false; }
void replace_hash(const std::string&) {}
std::string page_url() { return std::string(); }
void copy_text(const std::string&) {}
int clipboard_state() { return -1; }  // refused: there is no clipboard
bool take_dropped_text(std::string*) { return false; }
void open_model_file_picker() {}
ModelFileRead model_file_read() { return ModelFileRead(); }
bool take_model_files(std::string*, std::string*, std::string*) { return false; }
void open_full_page() {}
bool embed_mode() { return false; }

std::string storage_get() { return std::string(); }
void storage_set(const std::string&) {}
std::string browser_language() { return std::string(); }
bool prefers_light() { return false; }
bool touch_device() { return false; }
void set_theme(bool) {}
void set_page_lang(bool) {}
bool take_zh_font_failure() { return false; }

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
void set_results_text(const std::string&) {}
void post_embed_height(int) {}
void download_png(const unsigned char*, int, int, const std::string&) {}
void report_no_webgl() {}
void test_hook(const char*, std::function<std::string()>) {}

}  // namespace platform
