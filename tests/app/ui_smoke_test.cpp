// Native UI smoke test (issue #13, item 7): the app's panels (src/app, over platform_native.cpp) run headless — an
// ImGui context with a font atlas and no window or GL — for a few hundred frames, in English and Chinese, at desktop
// and phone width, driven by scripted mouse, keyboard and text input. ImGui's asserts throw (imconfig_smoke.h), and
// its test-engine hooks give every item's rectangle, label and state, so layout regressions show here and not only
// in the browser tests (tests/e2e).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "app_state.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "inputs.hpp"
#include "messages.hpp"
#include "panels.hpp"
#include "report.hpp"
#include "settings.hpp"
#include "widgets.hpp"

// ---- ImGui's asserts and test-engine hooks ------------------------------------------------------------------------

struct ImGuiAssertFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void llmcalc_smoke_imgui_assert(const char* expr, const char* file, int line) {
    throw ImGuiAssertFailed(std::string("IM_ASSERT(") + expr + ") failed at " + file + ":" + std::to_string(line));
}

namespace {

struct Item {
    ImGuiID id = 0;
    ImRect bb;
    std::string label;
    ImGuiItemStatusFlags flags = 0;
    ImGuiWindow* window = nullptr;
};
std::vector<Item> g_items;  // every item with an id laid out in the current frame, in order
std::unordered_map<ImGuiID, size_t> g_item_index;

}  // namespace

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    Item it;
    it.id = id;
    it.bb = bb;
    it.window = ctx->CurrentWindow;
    g_item_index[id] = g_items.size();
    g_items.push_back(it);
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    const auto found = g_item_index.find(id);
    if (found == g_item_index.end()) return;
    g_items[found->second].label = label ? label : "";
    g_items[found->second].flags = flags;
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

namespace {

// ---- a headless page -----------------------------------------------------------------------------------------------

std::vector<unsigned char> read_file(const char* path) {
    std::ifstream f(path, std::ios::binary);
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// The fonts the page draws with (platform_web.cpp): DejaVu Sans for Latin, Droid Sans Fallback merged in for Chinese,
// at the page's size, from the Debian packages build-wasm.sh installs (fonts-dejavu-core, fonts-droid-fallback), cut
// to the characters of the string table, so Chinese lines are as wide as on the page.
struct Fonts {
    std::vector<unsigned char> latin = read_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    std::vector<unsigned char> cjk = read_file("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");
    ImVector<ImWchar> ranges;
};

class Page {
public:
    Page(float w, float h, ui::Lang lang, const std::string& hash = std::string()) : w_(w), h_(h) {
        ctx_ = ImGui::CreateContext();
        ctx_->TestEngineHookItems = true;
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.ConfigInputTextCursorBlink = false;
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;  // KeysDown[] indexed by ImGuiKey_ itself
        load_fonts();
        ui::set_zh_drawable(true);
        settings_start(s_);  // the platform stubs: no stored settings, no URL hash, browser language unknown
        ui::set_lang(lang);
        if (!hash.empty()) load_hash(s_, hash);
        resize(w, h);
        frames(3);
    }
    ~Page() { ImGui::DestroyContext(ctx_); }
    Page(const Page&) = delete;
    Page& operator=(const Page&) = delete;

    AppState& state() { return s_; }
    float width() const { return w_; }
    float height() const { return h_; }

    void resize(float w, float h) {
        w_ = w;
        h_ = h;
        ImGui::GetIO().DisplaySize = ImVec2(w, h);
        ui::apply_style(s_.light, w);
    }

    // One frame as main.cpp's frame(): recompute, NewFrame, the keyboard's Tab order, the panels, Render.
    void frame() {
        recompute(s_);
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        g_items.clear();
        g_item_index.clear();
        ImGui::NewFrame();
        ui::keyboard_frame();
        (void)ui::draw_app(s_, false);
        ImGui::Render();
        const ImDrawData* dd = ImGui::GetDrawData();
        REQUIRE(dd != nullptr);
        REQUIRE(dd->Valid);
        REQUIRE(dd->TotalVtxCount > 0);
        ++count_;
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }
    int frame_count() const { return count_; }

    void mouse_to(ImVec2 p) {
        ImGui::GetIO().MousePos = p;
        frame();
    }
    void click(ImVec2 p) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = p;
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
    }
    void key(ImGuiKey k, bool shift = false, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyShift = shift;
        io.KeyCtrl = ctrl;
        io.KeysDown[k] = true;
        frame();
        io.KeysDown[k] = false;
        frame();
        io.KeyShift = false;
        io.KeyCtrl = false;
    }
    void type(const char* utf8) {
        ImGui::GetIO().AddInputCharactersUTF8(utf8);
        frame();
    }
    void wheel(ImVec2 at, float lines) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        io.MouseWheel = lines;
        frame();
        io.MouseWheel = 0;
    }

    // The key whose control has the keyboard focus ring (widget_rects), or "".
    // (The rects are the page's own: each Page owns its AppState, where the panels record them.)
    std::string focused_key() const {
        for (const auto& [k, r] : ui::widget_rects(s_))
            if (r.focused) return k;
        return std::string();
    }
    const ui::WidgetRect* rect(const std::string& key) const {
        const auto& rs = ui::widget_rects(s_);
        const auto f = rs.find(key);
        return f == rs.end() ? nullptr : &f->second;
    }
    static ImVec2 center(const ui::WidgetRect& r) { return ImVec2(r.x + r.w / 2, r.y + r.h / 2); }

    // Opens every collapsed header and tree node on screen, until none is left closed.
    void open_everything() {
        for (int round = 0; round < 20; ++round) {
            bool clicked = false;
            for (const Item& it : std::vector<Item>(g_items)) {
                if (!(it.flags & ImGuiItemStatusFlags_Openable) || (it.flags & ImGuiItemStatusFlags_Opened)) continue;
                if (!visible(it)) continue;
                click(ImVec2(it.bb.Min.x + 4, (it.bb.Min.y + it.bb.Max.y) / 2));
                clicked = true;
                break;  // the layout moved: look again
            }
            if (!clicked) return;
        }
    }

    // A tooltip was drawn in the last frame (and stayed inside the display).
    static bool tooltip_shown() {
        for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
            if (!(w->Flags & ImGuiWindowFlags_Tooltip) || !w->Active) continue;
            const ImVec2 d = ImGui::GetIO().DisplaySize;
            CHECK(w->Pos.x >= 0);
            CHECK(w->Pos.x + w->Size.x <= d.x + 1);
            return true;
        }
        return false;
    }
    static bool implicit(const Item& it) { return it.window && std::string(it.window->Name).rfind("Debug##", 0) == 0; }

    // An item is visible when its centre is inside its window's clip rectangle and the display.
    bool visible(const Item& it) const {
        const ImVec2 c((it.bb.Min.x + it.bb.Max.x) / 2, (it.bb.Min.y + it.bb.Max.y) / 2);
        return it.window && it.window->ClipRect.Contains(c) && c.x >= 0 && c.y >= 0 && c.x < w_ && c.y < h_;
    }

private:
    void load_fonts() {
        static Fonts fonts;  // read once; ImGui keeps pointers into the data (FontDataOwnedByAtlas = false)
        REQUIRE_MESSAGE(!fonts.latin.empty(), "DejaVuSans.ttf missing: install fonts-dejavu-core (build-wasm.sh does)");
        REQUIRE_MESSAGE(!fonts.cjk.empty(),
                        "DroidSansFallbackFull.ttf missing: install fonts-droid-fallback (build-wasm.sh does)");
        if (fonts.ranges.empty()) {
            ImFontGlyphRangesBuilder b;
            b.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
            for (const auto& [en, zh] : ui::string_table()) {
                b.AddText(en.c_str());
                b.AddText(zh.c_str());
            }
            b.BuildRanges(&fonts.ranges);
        }
        ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;
        atlas->AddFontFromMemoryTTF(fonts.latin.data(), static_cast<int>(fonts.latin.size()), 15.0f, &cfg,
                                    fonts.ranges.Data);
        cfg.MergeMode = true;
        atlas->AddFontFromMemoryTTF(fonts.cjk.data(), static_cast<int>(fonts.cjk.size()), 15.0f, &cfg,
                                    fonts.ranges.Data);
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        atlas->GetTexDataAsAlpha8(&pixels, &tw, &th);  // builds the atlas; no texture is ever uploaded
        atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    }

    ImGuiContext* ctx_ = nullptr;
    AppState s_;
    float w_, h_;
    int count_ = 0;
};

const char* lang_name(ui::Lang l) { return l == ui::Lang::Zh ? "zh" : "en"; }

struct Size {
    float w, h;
    const char* name;
};
const Size kDesktop{1280, 800, "desktop 1280x800"};
const Size kPhone{390, 844, "phone 390x844"};

// The scenarios the panels are drawn in: the default, pre-training with zero=auto, QLoRA on one card, an MoE model,
// a quantized model over two cards, an error beside a field (TP 3 does not divide 32 heads), a compare A pinned.
const char* const kScenarios[] = {
    "",
    "model=llama-2-7b&task=training&gpu=h100-sxm&gpus=256",
    "model=qwen3-8b&task=training&finetune=qlora&gpu=rtx-4090&gpus=1",
    "model=deepseek-v3&gpu=h100-sxm&gpus=16&seq=32768",
    "model=llama-3.1-70b&gpu=rtx-4090&gpus=2&weights=q4_k_m&seq=32768",
    "model=llama-3.1-8b&tp=3",
    "model=llama-3.1-8b&gpus=2&compare=model%3Dllama-3.1-8b%26gpus%3D1",
};

}  // namespace

TEST_CASE("every panel draws in both languages at desktop and phone width, everything opened") {
    for (const ui::Lang lang : {ui::Lang::En, ui::Lang::Zh}) {
        for (const Size& size : {kDesktop, kPhone}) {
            for (const char* scenario : kScenarios) {
                const std::string where =
                    std::string(lang_name(lang)) + ", " + size.name + ", #" + scenario;
                CAPTURE(where);
                // A tall display: every panel is laid out on screen, so every header can be opened by a click.
                Page page(size.w, 40000, lang, scenario);
                CHECK(page.state().hash_errors.empty());
                CHECK(page.state().pinned == (std::string(scenario).find("compare=") != std::string::npos));
                page.open_everything();
                page.frames(2);
                size_t openable = 0, closed = 0;
                for (const Item& it : g_items) {
                    if (!(it.flags & ImGuiItemStatusFlags_Openable)) continue;
                    ++openable;
                    if (!(it.flags & ImGuiItemStatusFlags_Opened)) ++closed;
                }
                // Model, Scenario, ..., Charts, Layers, Precision reference (fewer while the inputs have an error)
                CHECK(openable >= (page.state().result.ok() ? 10u : 6u));
                CHECK(closed == 0);
                // Nothing is cut off at the right: every item ends inside the display (phones scroll vertically only)
                for (const Item& it : g_items) {
                    // (ImGui's implicit "Debug##Default" window is registered every frame at 60..460, never drawn)
                    if (it.bb.GetWidth() <= 0 || !page.visible(it) || page.implicit(it)) continue;
                    // (a table that scrolls sideways may hold wider rows: then its window must fit instead)
                    const bool scrolls = it.window->ScrollMax.x > 0;
                    const float right = scrolls ? it.window->Rect().Max.x : it.bb.Max.x;
                    const std::string item = "'" + it.label + "' in window '" + it.window->Name + "', x " +
                                             std::to_string(it.bb.Min.x) + ".." + std::to_string(right);
                    CAPTURE(item);
                    CHECK(right <= size.w + 1);
                }
                // Hover every item once (tooltips, formula explanations): under Chinese no English string is shown
                // and along each row left of an item, where the labels and their (?) help marks are (text has no
                // item id, so it is found by its row)
                int tooltips = 0;
                std::set<int> rows;
                for (const Item& it : std::vector<Item>(g_items)) {
                    if (!page.visible(it)) continue;
                    page.mouse_to(it.bb.GetCenter());
                    tooltips += Page::tooltip_shown() ? 1 : 0;
                    const float y = it.bb.GetCenter().y;
                    if (!rows.insert(static_cast<int>(y)).second) continue;
                    for (float x = it.window->InnerRect.Min.x + 4; x < it.bb.Min.x - 2; x += 8) {
                        page.mouse_to(ImVec2(x, y));
                        tooltips += Page::tooltip_shown() ? 1 : 0;
                    }
                }
                CHECK(tooltips >= (page.state().result.ok() ? 100 : 20));  // (?) marks, formulas, buttons
                if (lang == ui::Lang::Zh) {
                    std::string missing;
                    for (const auto& m : ui::untranslated()) missing += "\n  " + m;
                    CHECK_MESSAGE(ui::untranslated().empty(), "shown in English under 中文:" << missing);
                }
            }
        }
    }
}

TEST_CASE("every input key's help has a Chinese entry in the string table") {
    // help_of() and the compare table draw tr(spec.help): a help without an entry would be English under 中文.
    // (The panels test above hovers only the rows one page shows; this covers every key of the core table.)
    std::string missing;
    for (const auto& spec : llmcalc::input_keys())
        if (!ui::has_translation(spec.help)) missing += std::string("\n  ") + spec.key + ": " + spec.help;
    CHECK_MESSAGE(missing.empty(), "key help without a zh entry in src/app/i18n.cpp:" << missing);
}

TEST_CASE("on a phone the answer card's inputs are on the first screen, inside its width") {
    for (const ui::Lang lang : {ui::Lang::En, ui::Lang::Zh}) {
        CAPTURE(std::string(lang_name(lang)));
        Page page(kPhone.w, kPhone.h, lang);
        for (const char* key : {"model", "task", "seq", "weights", "gpu", "gpus"}) {
            CAPTURE(std::string(key));
            const ui::WidgetRect* r = page.rect(key);
            REQUIRE(r != nullptr);
            CHECK(r->visible);
            CHECK(r->y >= 0);
            CHECK(r->y + r->h <= kPhone.h);
            CHECK(r->x >= 0);
            CHECK(r->x + r->w <= kPhone.w);
        }
    }
}

TEST_CASE("keyboard only: Tab reaches model, task, GPU and GPU count in visual order, and operates them") {
    for (const Size& size : {kDesktop, kPhone}) {
        CAPTURE(std::string(size.name));
        Page page(size.w, size.h, ui::Lang::En);
        std::vector<std::string> order;
        for (int i = 0; i < 40; ++i) {
            page.key(ImGuiKey_Tab);
            const std::string k = page.focused_key();
            if (!k.empty() && (order.empty() || order.back() != k)) order.push_back(k);
        }
        std::string seen;
        for (const auto& k : order) seen += k + " ";
        CAPTURE(seen);
        auto at = [&](const char* k) {
            const auto f = std::find(order.begin(), order.end(), k);
            return f == order.end() ? -1 : static_cast<int>(f - order.begin());
        };
        REQUIRE(at("model") >= 0);
        CHECK(at("model") < at("task"));
        CHECK(at("task") < at("gpu"));
        CHECK(at("gpu") < at("gpus"));

        // Back (Shift+Tab) to the GPU count, type 8, Enter: applied
        for (int i = 0; i < 80 && page.focused_key() != "gpus"; ++i) page.key(ImGuiKey_Tab, true);
        REQUIRE(page.focused_key() == "gpus");
        page.key(ImGuiKey_Backspace);
        page.key(ImGuiKey_Backspace);
        page.key(ImGuiKey_Backspace);
        page.type("8");
        CHECK(llmcalc::get_input(page.state().inputs, "gpus") == "1");  // pending until Enter
        page.key(ImGuiKey_Enter);
        page.frames(2);
        CHECK(llmcalc::get_input(page.state().inputs, "gpus") == "8");

        // Shift+Tab back to the GPU dropdown; Enter opens it, typed words filter it, Enter picks the highlighted item
        for (int i = 0; i < 10 && page.focused_key() != "gpu"; ++i) page.key(ImGuiKey_Tab, true);
        REQUIRE(page.focused_key() == "gpu");
        page.key(ImGuiKey_Enter);
        page.type("h100 sxm");
        page.key(ImGuiKey_Enter);
        page.frames(2);
        CHECK(llmcalc::get_input(page.state().inputs, "gpu") == "h100-sxm");
        CHECK(llmcalc::get_input(page.state().inputs, "gpus") == "8");  // the keys typed went to the list only
    }
}

TEST_CASE("typing 5T slowly into Tokens never applies 5; Esc restores the applied value") {
    Page page(kDesktop.w, kDesktop.h, ui::Lang::En, "task=training");
    const std::string before = llmcalc::get_input(page.state().inputs, "tokens");
    const std::string hash_before = page.state().hash;
    const ui::WidgetRect* r = page.rect("tokens");
    REQUIRE(r != nullptr);
    page.click(Page::center(*r));
    page.key(ImGuiKey_A, false, true);  // Ctrl+A: select all, then type over it
    page.key(ImGuiKey_Backspace);
    page.type("5");
    page.frames(3);
    CHECK(llmcalc::get_input(page.state().inputs, "tokens") == before);
    CHECK(page.state().hash == hash_before);
    page.type("T");
    page.frames(3);
    CHECK(llmcalc::get_input(page.state().inputs, "tokens") == before);
    page.key(ImGuiKey_Enter);
    page.frames(2);
    CHECK(llmcalc::get_input(page.state().inputs, "tokens") == "5000000000000");
    CHECK(field(page.state(), "tokens").text == "5T");  // the user's spelling is kept

    // Esc while editing: the field shows the applied value again and nothing changes
    page.click(Page::center(*page.rect("tokens")));
    page.type("9");
    page.key(ImGuiKey_Escape);
    page.frames(2);
    CHECK(llmcalc::get_input(page.state().inputs, "tokens") == "5000000000000");
}

TEST_CASE("a few hundred random clicks, keys and characters: no assert, and the page's URL always loads back") {
    const ImGuiKey keys[] = {ImGuiKey_Tab, ImGuiKey_Enter, ImGuiKey_Escape, ImGuiKey_Space, ImGuiKey_UpArrow,
                             ImGuiKey_DownArrow, ImGuiKey_Backspace, ImGuiKey_LeftArrow};
    const char* const chars[] = {"1", "0", "k", "T", ",", "%", "x", "-", "中", "7b", "e9"};
    for (const ui::Lang lang : {ui::Lang::En, ui::Lang::Zh}) {
        for (const Size& size : {kDesktop, kPhone}) {
            const std::string where = std::string(lang_name(lang)) + ", " + size.name;
            CAPTURE(where);
            Page page(size.w, size.h, lang);
            std::mt19937 rng(20261204u);
            std::uniform_real_distribution<float> x(0, size.w), y(0, size.h), u(0, 1);
            for (int step = 0; step < 300; ++step) {
                const float pick = u(rng);
                if (pick < 0.45f) page.click(ImVec2(x(rng), y(rng)));
                else if (pick < 0.7f) page.key(keys[rng() % (sizeof keys / sizeof keys[0])], u(rng) < 0.2f);
                else if (pick < 0.85f) page.type(chars[rng() % (sizeof chars / sizeof chars[0])]);
                else page.wheel(ImVec2(x(rng), y(rng)), u(rng) < 0.5f ? -3.0f : 3.0f);
                const AppState& s = page.state();
                // a result or named errors as JSON, never NaN or infinity
                const std::string json =
                    s.result.ok() ? llmcalc::report_json(s.result.report) : llmcalc::errors_json(s.result.errors);
                REQUIRE(!json.empty());
                CHECK(json.find(":nan") == std::string::npos);
                CHECK(json.find(":inf") == std::string::npos);
                CHECK(json.find(":-inf") == std::string::npos);
                AppState again;
                load_hash(again, s.hash);
                if (!again.hash_errors.empty()) {
                    CAPTURE(s.hash);
                    FAIL_CHECK("the page's own URL hash does not load back: " << again.hash_errors[0].key << ": "
                                                                            << again.hash_errors[0].message);
                }
            }
            CHECK(page.frame_count() > 600);
        }
    }
}

TEST_CASE("the GPU table: a filter word narrows it, a click on a row uses that GPU") {
    for (const Size& size : {kDesktop, kPhone}) {
        CAPTURE(std::string(size.name));
        Page page(size.w, 40000, ui::Lang::En);
        page.open_everything();
        const ui::WidgetRect* filter = page.rect("gpu_table_filter");
        REQUIRE(filter != nullptr);
        auto rows = [] {
            std::vector<Item> out;
            for (const Item& it : g_items)
                if (std::string(it.window->Name).find("gpu_table") != std::string::npos && !it.label.empty())
                    out.push_back(it);
            return out;
        };
        const size_t all = rows().size();
        CHECK(all >= 10);
        // on a phone the names drop the vendor's word, so the figures beside them have room; the desktop keeps it
        bool vendor_named = false;
        for (const Item& it : rows()) vendor_named = vendor_named || it.label.rfind("NVIDIA ", 0) == 0;
        CHECK(vendor_named == (std::string(size.name) != std::string(kPhone.name)));
        const float full_height = rows()[0].window->Size.y;
        page.click(Page::center(*filter));
        page.type("4090");
        page.frames(2);
        const std::vector<Item> shown = rows();
        REQUIRE(shown.size() >= 1);
        CHECK(shown.size() < all);
        for (const Item& it : shown) CHECK(it.label.find("4090") != std::string::npos);
        // the narrowed table is as tall as its few rows, not the 14-row box of the whole list
        const float shown_height = shown[0].window->Size.y;
        CHECK(shown_height < full_height * 0.5f);
        CHECK(shown_height >= (static_cast<float>(shown.size()) + 1) * ImGui::GetFontSize());
        page.click(ImVec2(shown[0].bb.Min.x + 8, shown[0].bb.GetCenter().y));
        page.frames(2);
        CHECK(llmcalc::get_input(page.state().inputs, "gpu") == "rtx-4090");
        // words no GPU matches: no table at all (a message says so), and the GPU stays
        page.click(Page::center(*page.rect("gpu_table_filter")));
        page.type("zzzz");
        page.frames(2);
        CHECK(rows().empty());
        CHECK(llmcalc::get_input(page.state().inputs, "gpu") == "rtx-4090");
    }
}

// patches/imgui/0001-cjk-line-breaks.patch: Dear ImGui 1.86 broke lines only at spaces, so a Chinese sentence with one
// Latin word in it broke at that word's space ("KV\n缓存按…") and left the first line short.
TEST_CASE("Chinese text wraps between characters, never before closing punctuation; English still at spaces") {
    Page page(390, 844, ui::Lang::Zh);
    page.frames(1);
    const ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    auto lines = [&](const std::string& text, float width) {
        std::vector<std::string> out;
        const char* s = text.c_str();
        const char* end = s + text.size();
        while (s < end) {
            const char* eol = font->CalcWordWrapPositionA(1.0f, s, end, width);
            if (eol == s) eol = s + 1;  // as ImGui's RenderText: at least one byte per line
            out.emplace_back(s, eol);
            s = eol;
            while (s < end && *s == ' ') ++s;  // ImGui skips blanks at the start of a wrapped line
        }
        return out;
    };
    auto width_of = [&](const std::string& t) { return font->CalcTextSizeA(size, FLT_MAX, 0.0f, t.c_str()).x; };
    const std::string zh = "KV 缓存按每个请求的上下文长度计算，随并发数线性增长；显存、带宽和各精度的稠密峰值 TFLOPS，均取自数据手册。";
    const float cjk_w = width_of("缓");
    REQUIRE(cjk_w > 0);
    for (const float chars : {6.0f, 9.0f, 13.0f, 20.0f}) {
        const float width = chars * cjk_w;
        CAPTURE(chars);
        const std::vector<std::string> got = lines(zh, width);
        REQUIRE(got.size() >= 2);
        CHECK(got[0] != "KV ");  // not broken at the space before 缓存
        for (size_t i = 0; i < got.size(); ++i) {
            CAPTURE(got[i]);
            CHECK(width_of(got[i]) <= width + 0.5f);
            // every line but the last is full to within one character and a word ("TFLOPS，" moves whole)
            if (i + 1 < got.size()) CHECK(width_of(got[i]) >= width - width_of("TFLOPS，") - cjk_w);
            if (i > 0) {
                for (const char* closing : {"，", "。", "；", "、"})
                    CHECK(got[i].rfind(closing, 0) != 0);  // a line never starts with closing punctuation
            }
        }
        // nothing lost or doubled (a space where a line breaks is dropped, as ImGui draws it)
        auto no_spaces = [](std::string t) {
            t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
            return t;
        };
        std::string joined;
        for (const std::string& l : got) joined += l;
        CHECK(no_spaces(joined) == no_spaces(zh));
    }
    // English is unchanged: breaks only at spaces or after punctuation
    const std::vector<std::string> en = lines("The tropical fish swims, slowly.", width_of("The tropical fish "));
    REQUIRE(en.size() == 2);
    CHECK(en[0] == "The tropical fish");
}

// The served page is built without the Chinese tables and loads them from dist/llmcalc-zh.json (zh_pack_json()'s
// text, tools/zh_pack.cpp): the pack gives back exactly the compiled-in tables, and a damaged one changes nothing.
TEST_CASE("the Chinese pack round-trips the UI table and the core's message templates; a damaged pack is refused") {
    const auto ui_before = ui::string_table();
    std::vector<std::pair<std::string, std::string>> messages_before;
    for (const auto& t : llmcalc::message_templates()) messages_before.emplace_back(t.en, t.zh);
    REQUIRE(ui_before.size() > 400);
    REQUIRE(messages_before.size() > 300);
    const std::string pack = ui::zh_pack_json();
    const std::string zh_before = *llmcalc::message_zh("must be between 1 and 100, got 500");

    std::string why;
    // the pack with one part changed at a time: another build's digest, one UI string fewer, a number for a string,
    // a message pair of one string; and no pack at all
    auto changed = [&](const std::string& from, const std::string& to) {
        std::string t = pack;
        const size_t at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    const size_t digest_at = pack.find("\"ui_english\":\"") + 14;
    const std::string other_digest =
        pack.substr(0, digest_at) + (pack[digest_at] == '0' ? "1" : "0") + pack.substr(digest_at + 1);
    REQUIRE(other_digest != pack);
    const std::string first_zh = "\"" + ui_before.front().second + "\"";
    const std::string first_message = "[\"" + messages_before.front().first + "\",";
    for (const std::string& damaged : {std::string(), std::string("[]"), other_digest, changed(first_zh + ",", ""),
                                       changed(first_zh, "1"), changed(first_message, "[")}) {
        CAPTURE(damaged.substr(0, 120));
        CHECK_FALSE(ui::load_zh_pack(damaged, &why));
        CHECK_FALSE(why.empty());
        CHECK(ui::string_table() == ui_before);
        CHECK(llmcalc::message_templates().size() == messages_before.size());
    }

    REQUIRE(ui::load_zh_pack(pack, &why));
    CHECK(ui::string_table() == ui_before);
    std::vector<std::pair<std::string, std::string>> messages_after;
    for (const auto& t : llmcalc::message_templates()) messages_after.emplace_back(t.en, t.zh);
    CHECK(messages_after == messages_before);
    CHECK(*llmcalc::message_zh("must be between 1 and 100, got 500") == zh_before);
    CHECK(ui::has_translation("Copy link"));
}

TEST_CASE("a key that does not apply to the model is named beside its field: kv_heads on DeepSeek-V3 (MLA)") {
    for (const ui::Lang lang : {ui::Lang::En, ui::Lang::Zh}) {
        Page page(1280, 4000, lang, "model=deepseek-v3&kv_heads=8&top_k=4");
        page.frames(2);  // the model panel with the row drawn, and its warning under it
        const std::string* kv = not_applied_warning(page.state(), "kv_heads");
        REQUIRE(kv);
        CHECK(kv->rfind("kv_heads does not apply: MLA attention", 0) == 0);
        CHECK(not_applied_warning(page.state(), "top_k") == nullptr);  // DeepSeek-V3 routes its experts: top_k applies
        CHECK(not_applied_warning(page.state(), "kv") == nullptr);     // a key is matched whole, not as a prefix
        CHECK(not_applied_warning(page.state(), "heads") == nullptr);
    }
    Page dense(1280, 4000, ui::Lang::En, "model=llama-3.1-8b&top_k=2");
    REQUIRE(not_applied_warning(dense.state(), "top_k"));
    CHECK(not_applied_warning(dense.state(), "top_k")->rfind("top_k does not apply: the model has no routed experts", 0) == 0);
}
