// Every browser quirk of the app, in one file (see shared TOOLCHAIN notes for the measured reasons):
//
// Index of this file
// [SECTION] JS helpers (EM_JS): listeners, clipboard, hash, drop, test-hook install
// [SECTION] Canvas size and devicePixelRatio
// [SECTION] Fonts and style (rebuilt once per dpr change, and when the Chinese font arrives)
// [SECTION] Init, idle detection, frame begin/end
//
// Emscripten 3.1.6's GLFW neither resizes the canvas nor knows about high DPI: each frame we read the canvas's CSS
// size and the dpr, resize the backing store with Browser.setCanvasSize when needed, keep ImGui's display size in
// CSS pixels with DisplayFramebufferScale = dpr, and divide GLFW's cursor position (backing pixels) by the scale.
#include "platform.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include "app_font.h"
#include "app_state.hpp"
#include "font_cjk.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // ImFontAtlasGetBuilderForStbTruetype
#include "imgui_impl_glfw.h"
#include "model_file.hpp"
#include "render_gl.hpp"
#include "widgets.hpp"

namespace {

// ---------------------------------------------------------------------------------------------------------------------
// [SECTION] JS helpers (EM_JS)
// ---------------------------------------------------------------------------------------------------------------------

// Counts input events page-wide (idle detection), caches pasted text (ImGui reads the clipboard synchronously,
// navigator.clipboard.readText is async), remembers hash edits and dropped files for the frame loop to pick up.
EM_JS(void, js_install_listeners, (), {
    // Frames are drawn on demand (idle is idle: no animation-frame callback at all while nothing happens). Every
    // write of Module.llmcalcEvents (input, resize, a hash edit, a test reading llmcalcApp.frames, ...) asks the
    // browser for one animation frame; the frame loop (platform::frame_needed) asks for more while it has work.
    // Module.preMainLoop/postMainLoop, Emscripten's main-loop hooks, are still called around each frame (bench/).
    var events = 0;
    var pending = 0;
    Module.llmcalcRequestFrame = function() {
        if (pending) return;
        pending = requestAnimationFrame(function() {
            pending = 0;
            if (Module.preMainLoop) Module.preMainLoop();
            _llmcalc_platform_tick();
            if (Module.postMainLoop) Module.postMainLoop();
        });
    };
    Object.defineProperty(Module, "llmcalcEvents", {
        configurable: true,
        get: function() { return events; },
        set: function(v) { events = v; Module.llmcalcRequestFrame(); }
    });
    Module.llmcalcWakeAfter = function(ms) { setTimeout(function() { Module.llmcalcEvents++; }, ms); };
    Module.llmcalcPaste = "";
    Module.llmcalcHashChanged = false;
    Module.llmcalcDropped = null;
    var bump = function() { Module.llmcalcEvents++; };
    ["mousemove", "mousedown", "mouseup", "wheel", "keydown", "keyup", "keypress", "touchstart", "touchmove",
     "touchend", "pointerdown", "pointerup", "mouseout", "resize", "focus", "blur", "input", "compositionend",
     "visibilitychange"].forEach(function(t) {
        window.addEventListener(t, bump, {capture: true, passive: true});
    });
    document.addEventListener("paste", function(e) {
        var text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
        if (text) Module.llmcalcPaste = text;
        bump();
    });
    window.addEventListener("hashchange", function() { Module.llmcalcHashChanged = true; bump(); });
    // Touch: GLFW presses at the previous cursor position (Browser.calculateMouseEvent ignores native touches), and
    // ImGui has no touch scrolling. Runs in the capture phase on window, i.e. before GLFW's canvas listeners:
    // moves the cursor to the finger, and turns a vertical drag into wheel steps (read by the frame loop).
    Module.llmcalcWheel = 0;
    var touchY = 0;
    var touchMoved = 0;
    var toCursor = function(t) {
        var c = Module.canvas;
        var r = c.getBoundingClientRect();
        Browser.mouseX = (t.clientX - r.left) * (c.width / r.width);
        Browser.mouseY = (t.clientY - r.top) * (c.height / r.height);
    };
    window.addEventListener("touchstart", function(e) {
        if (e.target !== Module.canvas || !e.touches.length) return;
        toCursor(e.touches[0]);
        touchY = e.touches[0].clientY;
        touchMoved = 0;
    }, {capture: true, passive: true});
    window.addEventListener("touchmove", function(e) {
        if (e.target !== Module.canvas || !e.touches.length) return;
        var y = e.touches[0].clientY;
        touchMoved += Math.abs(y - touchY);
        if (touchMoved > 8) Module.llmcalcWheel += touchY - y;
        touchY = y;
        toCursor(e.touches[0]);
        e.preventDefault();
    }, {capture: true, passive: false});
    // Mouse wheel: Emscripten 3.1.6's GLFW hands the raw deltaY to the scroll callback (library_glfw.js onMouseWheel),
    // which ImGui reads as wheel steps with the opposite sign: one notch (deltaY 100 px) scrolled 100 steps UP. The
    // wheel goes the touch way instead (CSS px, same sign), and GLFW's scroll callback is removed in init().
    window.addEventListener("wheel", function(e) {
        if (e.target !== Module.canvas) return;
        var px = e.deltaMode == 1 ? 16 : (e.deltaMode == 2 ? Module.canvas.clientHeight : 1);  // lines, pages
        Module.llmcalcWheel += e.deltaY * px;
    }, {capture: true, passive: true});
    // Phones (issue #13): an on-screen keyboard opens only for a focused text element, never for the canvas. A
    // visually hidden <input> takes the focus when a tap lands on one of the app's text fields (their rects come from
    // the last frame, set_text_fields); it is focused in the touch's own handler, as iOS requires. What it receives
    // is queued for ImGui (Module.llmcalcTyped, read in begin_frame): a virtual keyboard's or an IME's text, and its
    // Backspace as the deletion of a placeholder character kept in the input ("\b" in the queue). Keys that send
    // keypress events (hardware keyboards) reach ImGui through GLFW as before; their echo in the input is dropped.
    Module.llmcalcTyped = "";
    Module.llmcalcTextRects = [];
    var ti = document.createElement("input");
    ti.type = "text";
    ti.id = "llmcalc-text-input";
    ["autocomplete", "autocorrect", "autocapitalize"].forEach(function(a) { ti.setAttribute(a, "off"); });
    ti.setAttribute("spellcheck", "false");
    ti.setAttribute("aria-label", "llmcalc");
    // 16 px: iOS zooms into a focused field with a smaller font
    ti.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;border:0;margin:0;padding:0;" +
                       "font-size:16px;background:transparent;color:transparent;caret-color:transparent";
    document.body.appendChild(ti);
    Module.llmcalcTextInput = ti;
    var KEEP = "_";
    var keypressed = false;
    var reset = function() { ti.value = KEEP; ti.setSelectionRange(KEEP.length, KEEP.length); };
    var flush = function() {
        var v = ti.value;
        if (v === KEEP) return;
        if (v === "") Module.llmcalcTyped += "\b";
        else Module.llmcalcTyped += v.replace(KEEP, "");
        reset();
        bump();
    };
    window.addEventListener("keypress", function() { keypressed = true; }, {capture: true, passive: true});
    ti.addEventListener("input", function(e) {
        if (e.isComposing) return;  // an IME is still composing: its text comes with compositionend
        if (keypressed) { keypressed = false; reset(); return; }  // GLFW has it already
        flush();
    });
    ti.addEventListener("compositionend", flush);
    ti.addEventListener("focus", reset);
    Module.llmcalcFocusText = function(want) {
        if (want && document.activeElement !== ti) ti.focus({preventScroll: true});
        else if (!want && document.activeElement === ti) ti.blur();
    };
    window.addEventListener("touchend", function(e) {
        if (e.target !== Module.canvas || !e.changedTouches.length || touchMoved > 8) return;
        Module.llmcalcTouched = true;
        var t = e.changedTouches[0], r = Module.canvas.getBoundingClientRect();
        var x = t.clientX - r.left, y = t.clientY - r.top, a = Module.llmcalcTextRects;
        var hit = false;
        for (var i = 0; i + 3 < a.length; i += 4)
            if (x >= a[i] && x < a[i] + a[i + 2] && y >= a[i + 1] && y < a[i + 1] + a[i + 3]) hit = true;
        Module.llmcalcFocusText(hit);
    }, {capture: true, passive: true});
    // no emulated mouse events after a tap: GLFW already saw the touch as a click
    Module.canvas.addEventListener("touchend", function(e) { e.preventDefault(); }, {passive: false});
    window.addEventListener("dragover", function(e) { e.preventDefault(); });
    // A config.json becomes the config input: a few KB; a larger file is cut just past 4 MB, and the core refuses it
    // by size, by name (limits.hpp: 2 MiB), instead of the drop being ignored without a word (issue #14).
    var takeConfig = function(f) {
        var cap = 4 * 1024 * 1024;
        (f.size > cap ? f.slice(0, cap + 1) : f).text().then(function(t) { Module.llmcalcDropped = t; bump(); });
    };
    // Files dropped or picked: model files (GGUF, safetensors, *.index.json) are read by their headers (with a
    // config.json among them as the config); anything else alone is a config.json.
    Module.llmcalcTakeFiles = function(list) {
        var all = Array.prototype.slice.call(list || []);
        if (!all.length) return;
        var model = all.filter(function(f) {
            var n = String(f.name).toLowerCase();
            return n.endsWith(".gguf") || n.endsWith(".safetensors") || n.endsWith(".index.json");
        });
        var config = all.filter(function(f) { return model.indexOf(f) < 0; });
        if (!model.length) { takeConfig(all[0]); return; }
        if (config.length) takeConfig(config[0]);
        Module.llmcalcReadModelFiles(model);
    };
    window.addEventListener("drop", function(e) {
        e.preventDefault();
        Module.llmcalcTakeFiles(e.dataTransfer && e.dataTransfer.files);
    });
    // Model files' headers only (model_file.hpp; the steps of web/llmcalc.js's inspect()): read the first
    // first_header_read bytes with Blob.slice, ask the core (llmcalc_app_probe_header: ok / read the first N bytes /
    // an index JSON, read whole / a named error), read the missing part, ask again; a multi-GB file costs a few MB.
    // Module.llmcalcFileRead is the progress the page shows; the headers wait in Module.llmcalcModelHeads for the
    // frame loop (platform::take_model_files). A new drop replaces a read still running.
    Module.llmcalcFileRead = null;
    Module.llmcalcModelHeads = null;
    var readGeneration = 0;
    Module.llmcalcReadModelFiles = function(files) {
        var gen = ++readGeneration;
        var first = _llmcalc_app_first_header_read();
        var cap = _llmcalc_app_max_header_bytes();
        // The bytes asked for are read in chunks of a quarter of the first read, so the progress bar (read / want)
        // advances while a slow disk or network share delivers them; each byte is still read once.
        var chunk = Math.max(1, Math.floor(first / 4));
        var st = Module.llmcalcFileRead = {reading: true, index: 0, count: files.length, name: "", read: 0, want: 0, size: 0, error: ""};
        var heads = [];
        var probe = function(bytes, size, name) {
            var p = _malloc(bytes.length + 1);
            HEAPU8.set(bytes, p);
            var n = lengthBytesUTF8(name) + 1;
            var q = _malloc(n);
            stringToUTF8(name, q, n);
            var out = JSON.parse(UTF8ToString(_llmcalc_app_probe_header(p, bytes.length, size, q)));
            _free(p);
            _free(q);
            return out;
        };
        var fail = function(message) {
            if (gen !== readGeneration) return;
            st.reading = false;
            st.error = message;
            Module.llmcalcModelHeads = {error: message};
            bump();
        };
        var readFile = function(i) {
            if (gen !== readGeneration) return;
            if (i >= files.length) {
                var total = 0;
                heads.forEach(function(h) { total += h.bytes.length; });
                var all = new Uint8Array(total), at = 0;
                var meta = heads.map(function(h) {
                    all.set(h.bytes, at);
                    at += h.bytes.length;
                    return {name: h.name, size: h.size, length: h.bytes.length};
                });
                st.reading = false;
                Module.llmcalcModelHeads = {bytes: all, meta: JSON.stringify(meta)};
                bump();
                return;
            }
            var f = files[i];
            var have = new Uint8Array(0);
            st.index = i; st.name = f.name; st.size = f.size; st.read = 0; st.want = 0;
            var step = function(n) {
                st.want = n;
                var end = Math.min(n, have.length + chunk);
                f.slice(have.length, end).arrayBuffer().then(function(buf) {
                    if (gen !== readGeneration) return;
                    var more = new Uint8Array(buf);
                    if (more.length !== end - have.length) { fail(f.name + ": the file could not be read whole (it changed?)"); return; }
                    var bytes = new Uint8Array(end);
                    bytes.set(have, 0);
                    bytes.set(more, have.length);
                    have = bytes;
                    st.read = end;
                    bump();
                    if (end < n) { step(n); return; }  // the next chunk of the bytes asked for
                    var r = probe(bytes, f.size, f.name);
                    if (r.errors) { fail(r.errors[0].message); return; }
                    if (r.index) {
                        if (f.size > cap) { fail(f.name + ": a JSON file larger than the cap of " + cap + " bytes"); return; }
                        if (n < f.size) { step(f.size); return; }
                        heads.push({name: f.name, size: f.size, bytes: bytes});
                        readFile(i + 1);
                        return;
                    }
                    if (r.ok) {
                        heads.push({name: f.name, size: f.size, bytes: bytes.subarray(0, Math.min(n, r.header_bytes))});
                        readFile(i + 1);
                        return;
                    }
                    var need = Math.min(r.need, f.size);
                    if (!(need > n) || need > cap) { fail(f.name + ": the header read stopped at byte " + n); return; }
                    step(need);
                }, function(e) { fail(f.name + ": could not be read (" + (e && e.message || e) + ")"); });
            };
            step(Math.min(f.size, first));
        };
        bump();
        readFile(0);
    };
    // The file picker: one hidden <input type=file>, opened by the app's button (platform::open_model_file_picker).
    Module.llmcalcPickFiles = function() {
        var input = Module.llmcalcFileInput;
        if (!input) {
            input = Module.llmcalcFileInput = document.createElement("input");
            input.type = "file";
            input.multiple = true;
            input.accept = ".gguf,.safetensors,.json";
            input.style.display = "none";
            input.addEventListener("change", function() {
                Module.llmcalcTakeFiles(input.files);
                input.value = "";
            });
            document.body.appendChild(input);
        }
        input.click();
    };
});

EM_JS(void, js_pick_files, (), { Module.llmcalcPickFiles(); });

// The read in progress (Module.llmcalcFileRead) into out: reading, index, count, read, size, want; its file name is
// js_take_string(8) and the error of a failed read js_take_string(9).
EM_JS(void, js_file_read, (double* out), {
    var st = Module.llmcalcFileRead;
    var i = out >> 3;
    HEAPF64[i] = st && st.reading ? 1 : 0;
    HEAPF64[i + 1] = st ? st.index : 0;
    HEAPF64[i + 2] = st ? st.count : 0;
    HEAPF64[i + 3] = st ? st.read : 0;
    HEAPF64[i + 4] = st ? st.size : 0;
    HEAPF64[i + 5] = st ? st.want : 0;
});

// The headers of a finished read, once: 0 none, -1 the read failed (message: js_take_string(9)), else the byte
// count, copied to a malloc'd buffer at *dst (the caller frees it) with the file list at *meta (UTF-8, malloc'd).
EM_JS(double, js_take_model_heads, (unsigned char** dst, char** meta), {
    var h = Module.llmcalcModelHeads;
    if (!h) return 0;
    Module.llmcalcModelHeads = null;
    if (h.error !== undefined) return -1;
    var p = _malloc(h.bytes.length + 1);
    HEAPU8.set(h.bytes, p);
    HEAPU32[dst >> 2] = p;
    var n = lengthBytesUTF8(h.meta) + 1;
    var q = _malloc(n);
    stringToUTF8(h.meta, q, n);
    HEAPU32[meta >> 2] = q;
    return h.bytes.length;
});

EM_JS(int, js_event_count, (), { return Module.llmcalcEvents | 0; });

EM_JS(float, js_take_touch_scroll, (), {
    var dy = Module.llmcalcWheel || 0;
    Module.llmcalcWheel = 0;
    return dy;
});

EM_JS(void, js_open_full_page, (), {
    var url = location.href.replace(/([#&])embed=1(&|$)/, "$1").replace(/[#&]$/, "");
    window.open(url, "_blank", "noopener");
});

// A JS string handed to C++: malloc'd UTF-8 (the caller frees it).
EM_JS(char*, js_take_string, (int which), {
    var s = null;
    if (which == 0) { s = location.hash.replace(/^#/, ""); }
    else if (which == 1) { if (Module.llmcalcHashChanged) { Module.llmcalcHashChanged = false; s = location.hash.replace(/^#/, ""); } }
    else if (which == 2) { s = Module.llmcalcPaste; }
    else if (which == 3) { s = Module.llmcalcDropped; Module.llmcalcDropped = null; }
    else if (which == 4) { s = location.href; }
    else if (which == 5) { try { s = window.localStorage.getItem("llmcalc"); } catch (e) { s = null; } }
    else if (which == 6) { s = navigator.language || ""; }
    else if (which == 7) { s = Module.llmcalcTyped; Module.llmcalcTyped = ""; if (!s) s = null; }
    else if (which == 8) { s = Module.llmcalcFileRead ? Module.llmcalcFileRead.name : ""; }
    else if (which == 9) { s = Module.llmcalcFileRead ? Module.llmcalcFileRead.error : ""; }
    if (s === null || s === undefined) return 0;
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

EM_JS(void, js_copy_text, (const char* text), {
    var s = UTF8ToString(text);
    Module.llmcalcPaste = s;  // a later Ctrl+V inside the app pastes it even without clipboard permission
    // 0 while the browser decides, 1 written, -1 refused (no permission, no focus, or no Clipboard API)
    Module.llmcalcCopyState = 0;
    if (navigator.clipboard && navigator.clipboard.writeText)  // the answer is shown: a frame when it comes
        navigator.clipboard.writeText(s).then(function() { Module.llmcalcCopyState = 1; Module.llmcalcEvents++; },
                                              function() { Module.llmcalcCopyState = -1; Module.llmcalcEvents++; });
    else
        Module.llmcalcCopyState = -1;
});

EM_JS(int, js_copy_state, (), { return Module.llmcalcCopyState | 0; });

EM_JS(void, js_replace_hash, (const char* hash), {
    var h = UTF8ToString(hash);  // the whole hash, page options included (app_state.cpp page_hash)
    var url = location.href.replace(/#.*$/, "") + (h ? "#" + h : "");
    if (url !== location.href) history.replaceState(history.state, "", url);
});

// localStorage may throw (blocked storage, quota): settings then simply are not kept.
EM_JS(void, js_storage_set, (const char* text), {
    try { window.localStorage.setItem("llmcalc", UTF8ToString(text)); } catch (e) {}
});

EM_JS(int, js_prefers_light, (), {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: light)").matches ? 1 : 0;
});

// The page behind the canvas (seen while loading and on overscroll) follows the theme; tests read it too.
EM_JS(void, js_set_page_theme, (int light), {
    document.documentElement.dataset.theme = light ? "light" : "dark";
    document.body.style.background = light ? "#f0f0f0" : "#1b1c20";
});

// <html lang> follows the UI language (screen readers, and tests read it).
EM_JS(void, js_set_page_lang, (int zh), { document.documentElement.lang = zh ? "zh-CN" : "en"; });

// The Chinese font of the served page, dist/llmcalc-zh.ttf: boot.js's Module.llmcalcLoadZh() fetches it once (it
// starts at page load when the UI will be Chinese). Returns 0 while loading, its size in bytes when it has arrived,
// -1 when it could not be loaded (offline before the service worker cached it, or the file is missing).
EM_JS(int, js_touch_device, (), {
    var mm = window.matchMedia ? function(q) { return window.matchMedia(q).matches; } : function() { return false; };
    return mm("(pointer: coarse)") || (navigator.maxTouchPoints > 0 && !mm("(pointer: fine)")) ? 1 : 0;
});

EM_JS(int, js_zh_font_status, (), {
    var z = Module.llmcalcLoadZh ? Module.llmcalcLoadZh() : { state: -1 };
    return z.state < 0 ? -1 : (z.state > 0 ? z.bytes.length : 0);
});
EM_JS(void, js_zh_font_copy, (unsigned char* dst), {
    var z = Module.llmcalcLoadZh();
    HEAPU8.set(z.bytes, dst);
    z.bytes = new Uint8Array(0);  // the wasm copy is the one kept
});
// The Chinese strings that came with the font (llmcalc-zh.json): their size in bytes, then the copy (after the font's).
EM_JS(int, js_zh_text_size, (), { return Module.llmcalcZh && Module.llmcalcZh.text ? Module.llmcalcZh.text.length : 0; });
EM_JS(void, js_zh_text_copy, (char* dst), {
    var z = Module.llmcalcZh;
    HEAPU8.set(z.text, dst);
    z.text = null;
    z.state = 2;
});

EM_JS(void, js_request_frame, (), { Module.llmcalcRequestFrame(); });
// A task soon (a MessageChannel message: no 4 ms clamp as nested setTimeouts get), after input already queued.
EM_JS(void, js_run_soon, (), {
    if (!Module.llmcalcSoon) {
        var ch = new MessageChannel();
        ch.port1.onmessage = function() { _llmcalc_platform_soon(); };
        Module.llmcalcSoon = function() { ch.port2.postMessage(0); };
    }
    Module.llmcalcSoon();
});
EM_JS(void, js_after_paint, (), {
    requestAnimationFrame(function() { setTimeout(function() { _llmcalc_platform_after_paint(); }, 0); });
});
// The canvas has drawn: the HTML numbers shown until now become the off-screen mirror again (app.css).
EM_JS(void, js_canvas_drawn, (), { document.documentElement.classList.add("llmcalc-drawn"); });
EM_JS(void, js_wake_after, (int ms), { Module.llmcalcWakeAfter(ms); });

EM_JS(void, js_set_canvas_size, (int w, int h), { Browser.setCanvasSize(w, h); });

EM_JS(void, js_set_text_rects, (const float* xywh, int n), {
    Module.llmcalcTextRects = Array.prototype.slice.call(HEAPF32.subarray(xywh >> 2, (xywh >> 2) + n));
});
// After a touch, the hidden input keeps the focus exactly while ImGui edits a text field (so the on-screen keyboard
// closes after Enter, and opens for a dropdown's search box).
EM_JS(void, js_sync_text_focus, (int editing), {
    if (Module.llmcalcTouched && Module.llmcalcFocusText) Module.llmcalcFocusText(editing != 0);
});

// The canvas's CSS size, read with getBoundingClientRect only after something may have changed it: a window resize
// (the event comes before the next animation frame, so that frame already sees the new size) or a ResizeObserver
// notice (any other layout change; one frame later). Read every frame, getBoundingClientRect forces a style and
// layout update whenever anything on the page is dirty. Writes css w, css h, dpr, backing w, backing h to out[0..4].
EM_JS(void, js_canvas_metrics, (double* out), {
    var c = Module.canvas;
    if (!Module.llmcalcSize) {
        Module.llmcalcSize = {dirty: true, w: 0, h: 0};
        window.addEventListener("resize", function() { Module.llmcalcSize.dirty = true; });
        if (typeof ResizeObserver === "function") {
            new ResizeObserver(function() {
                Module.llmcalcSize.dirty = true;
                Module.llmcalcEvents = (Module.llmcalcEvents | 0) + 1;  // draw the new size (idle detection)
            }).observe(c);
        }
    }
    var s = Module.llmcalcSize;
    if (s.dirty || typeof ResizeObserver !== "function") {
        var r = c.getBoundingClientRect();
        s.w = r.width;
        s.h = r.height;
        s.dirty = false;
    }
    var i = out >> 3;
    HEAPF64[i] = s.w;
    HEAPF64[i + 1] = s.h;
    HEAPF64[i + 2] = window.devicePixelRatio;
    HEAPF64[i + 3] = c.width;
    HEAPF64[i + 4] = c.height;
});

// Test hooks (docs/js-api.md). Every JSON hook is registered by the app with platform::test_hook (name -> index into
// g_hooks) and read through the one export llmcalc_platform_hook_json; Module.llmcalcHooks keeps them, so hooks
// registered before window.llmcalcApp exists are installed with it.
EM_JS(void, js_add_test_hook, (const char* name, int index), {
    var n = UTF8ToString(name);
    Module.llmcalcHooks = Module.llmcalcHooks || {};
    Module.llmcalcHooks[n] = function() { return JSON.parse(UTF8ToString(_llmcalc_platform_hook_json(index))); };
    if (window.llmcalcApp) window.llmcalcApp[n] = Module.llmcalcHooks[n];
});

// window.llmcalcApp: the frame counter, the registered JSON hooks, and the widget helpers over the "widgetRects" hook.
EM_JS(void, js_install_test_hooks, (), {
    var frames = 0;
    var hooks = Module.llmcalcHooks = Module.llmcalcHooks || {};
    var rects = function() { return hooks.widgetRects ? hooks.widgetRects() : {}; };
    window.llmcalcApp = {
        // Reading the counter counts as activity, so a test waiting for frames never waits on an idle app.
        get frames() { Module.llmcalcEvents++; return frames; },
        set frames(n) { frames = n; },
        widgetRect: function(key) {
            var r = rects()[key];
            if (!r) return null;
            var b = Module.canvas.getBoundingClientRect();
            return {x: b.left + window.scrollX + r.x, y: b.top + window.scrollY + r.y, w: r.w, h: r.h,
                    visible: r.visible};
        },
        widgetKeys: function() { return Object.keys(rects()); },
        // the key of the widget that has the keyboard focus ring (Tab), or null
        focused: function() {
            var all = rects();
            for (var k in all) if (all[k].focused) return k;
            return null;
        }
    };
    for (var n in hooks) window.llmcalcApp[n] = hooks[n];
});

EM_JS(void, js_publish_frames, (int frames), {
    if (window.llmcalcApp) window.llmcalcApp.frames = frames;
});

std::string take_js_string(int which, bool* present = nullptr) {
    char* p = js_take_string(which);
    if (present) *present = p != nullptr;
    if (!p) return std::string();
    std::string s(p);
    std::free(p);
    return s;
}

// ---------------------------------------------------------------------------------------------------------------------
// [SECTION] Canvas size and devicePixelRatio
// ---------------------------------------------------------------------------------------------------------------------

struct Viewport {
    double css_w = 0, css_h = 0;  // CSS pixels
    double dpr = 1;
    int fb_w = 0, fb_h = 0;       // backing store, device pixels
};

Viewport g_view;
GLFWwindow* g_window = nullptr;
float g_font_dpr = 0;     // dpr the font atlas was baked for
bool g_fonts_dirty = false;  // the Chinese font arrived: rebuild the atlas
// The full Chinese subset: embedded in the offline page (font_cjk.hpp), loaded on demand by the served one.
std::vector<unsigned char> g_zh_font;
enum class ZhFont { NotNeeded, Loading, Ready, Failed } g_zh = ZhFont::NotNeeded;
bool g_zh_failed_unreported = false;
bool g_light = false;     // light theme
bool g_style_dirty = false;
int g_frames = 0;         // rendered frames
int g_last_events = -1;
int g_active_frames = 0;  // frames still to draw after the last event

// Frames drawn after any input event: the event's frame, then two for ImGui to settle (a popup or an auto-sized
// window is measured in its first frame and shown in the next; a widget's new size moves its neighbours one frame
// later). Nothing in the app animates on its own (the text cursor does not blink, see init), so after these the
// page draws nothing until the next event.
constexpr int kFramesAfterEvent = 3;
void (*g_frame_fn)() = nullptr;
void (*g_after_paint_fn)() = nullptr;
bool g_redraw_requested = false;  // request_frame(): the next frame is drawn
void (*g_soon_fn)(void*) = nullptr;
void* g_soon_ctx = nullptr;
bool g_soon_pending = false;

// The app's JSON test hooks (platform::test_hook), by the index the page calls them with.
struct TestHook {
    std::string name;
    std::function<std::string()> json;
};
std::vector<TestHook> g_hooks;

// Page outputs (platform::set_results_text, post_embed_height, download_png, report_no_webgl).
// textContent, never innerHTML: model names and notes are data. The element is in web/shell.html.
EM_JS(void, js_set_results_text, (const char* text), {
    var el = document.getElementById("llmcalc-results-text");
    if (!el) return;
    el.removeAttribute("data-prerendered");  // index.html's build-time text (web/boot.js) is replaced from here on
    el.textContent = UTF8ToString(text);
    el.hidden = false;
});

// Only inside a frame; the height is not sensitive, so any parent origin may read it.
EM_JS(void, js_post_height, (int height), {
    if (window.parent && window.parent !== window)
        window.parent.postMessage({type: "llmcalc-height", height: height}, "*");
});

// RGBA rows (top row first) -> a canvas -> PNG blob -> a download link clicked once.
EM_JS(void, js_download_png, (const unsigned char* px, int w, int h, const char* name), {
    var file = UTF8ToString(name);
    var canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    var ctx = canvas.getContext("2d");
    var img = ctx.createImageData(w, h);
    img.data.set(HEAPU8.subarray(px, px + w * h * 4));
    ctx.putImageData(img, 0, 0);
    canvas.toBlob(function(blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = file;
        document.body.appendChild(a);
        a.click();
        setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, "image/png");
});

EM_JS(void, js_report_no_webgl, (), {
    if (Module.onAbort) Module.onAbort("could not create a WebGL2 context");
});

// Called every animation frame (idle ones too), so no DOM query unless something changed (js_canvas_metrics).
Viewport read_viewport() {
    double m[5] = {};
    js_canvas_metrics(m);
    Viewport v;
    v.css_w = std::max(1.0, m[0]);
    v.css_h = std::max(1.0, m[1]);
    v.dpr = m[2] > 0 && std::isfinite(m[2]) ? m[2] : 1;
    v.fb_w = static_cast<int>(m[3]);
    v.fb_h = static_cast<int>(m[4]);
    return v;
}

// True when the backing store was resized (or the dpr changed).
bool follow_canvas() {
    Viewport v = read_viewport();
    const int want_w = static_cast<int>(std::lround(v.css_w * v.dpr));
    const int want_h = static_cast<int>(std::lround(v.css_h * v.dpr));
    bool changed = v.dpr != g_view.dpr || v.css_w != g_view.css_w || v.css_h != g_view.css_h;
    if ((v.css_w <= platform::kPhoneWidthPx) != (g_view.css_w <= platform::kPhoneWidthPx)) g_style_dirty = true;
    if (want_w != v.fb_w || want_h != v.fb_h) {
        js_set_canvas_size(want_w, want_h);
        v.fb_w = want_w;
        v.fb_h = want_h;
        changed = true;
    }
    g_view = v;
    return changed;
}

// ---------------------------------------------------------------------------------------------------------------------
// [SECTION] Fonts and style
// ---------------------------------------------------------------------------------------------------------------------

// The atlas is baked at kFontPx * dpr device pixels and drawn at 1/dpr, so text maps 1:1 onto device pixels.
void load_fonts(float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // static data in app_font.h, or g_zh_font
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    // Latin: DejaVu Sans cut to ASCII, Latin-1 and the symbols the sources' strings use (font_embed.py writes the
    // ranges); anything else a user types draws as '?'.
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kAppFontTtf), static_cast<int>(sizeof kAppFontTtf),
                                   platform::kFontPx * dpr, &cfg, kAppLatinRanges);
    // Chinese: Droid Sans Fallback cut to the characters of the UI (font_embed.py), merged into the same font so
    // mixed lines ("KV 缓存") need no font switch. Same pixel size: its ideographs fill the em square. The few
    // characters drawn in English too (the language button's "中文") are always embedded; the rest comes with the
    // full subset when the UI is Chinese. A glyph already merged is not taken again, so the order does not matter.
    ImFontConfig cjk = cfg;
    cjk.MergeMode = true;
    cjk.OversampleH = 1;  // ideographs are dense; 2x horizontal oversampling only doubles the atlas
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kAppCjkBaseTtf), static_cast<int>(sizeof kAppCjkBaseTtf),
                                   platform::kFontPx * dpr, &cjk, kAppCjkBaseRanges);
    if (g_zh == ZhFont::Ready)
        io.Fonts->AddFontFromMemoryTTF(g_zh_font.data(), static_cast<int>(g_zh_font.size()), platform::kFontPx * dpr,
                                       &cjk, kAppCjkRanges);
    // The stb_truetype builder directly: ImFontAtlas::Build() would also link ImGui's embedded default font
    // (ProggyClean, ~10 KB of gzip) for the case of an atlas without fonts, which never happens here.
    ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(io.Fonts);
    io.FontGlobalScale = 1.0f / dpr;
    g_font_dpr = dpr;
    ui::set_zh_drawable(g_zh == ZhFont::Ready);
}

// The Chinese cannot be shown (the font or the strings did not load): English again, and the notice once.
bool zh_unavailable() {
    g_zh_font.clear();
    g_zh = ZhFont::Failed;
    g_zh_failed_unreported = true;
    ui::set_lang(ui::Lang::En);  // without the glyphs Chinese text would draw as '?'
    return true;
}

// The served page fetches the Chinese font the first time the UI is Chinese; the offline page has it embedded.
// True when the atlas must be rebuilt and a frame drawn (the font has just arrived, or failed: English again).
bool poll_zh_font() {
    if (g_zh == ZhFont::Ready || g_zh == ZhFont::Failed || ui::lang() != ui::Lang::Zh) return false;
    if (g_zh == ZhFont::NotNeeded) {
        const unsigned char* data = nullptr;
        int size = 0;
        if (font_cjk::embedded(&data, &size)) {
            g_zh_font.assign(data, data + size);
            g_zh = ZhFont::Ready;
            return true;
        }
        g_zh = ZhFont::Loading;
    }
    const int n = js_zh_font_status();
    if (n == 0) return false;
    if (n < 0) return zh_unavailable();
    g_zh_font.resize(static_cast<size_t>(n));
    js_zh_font_copy(g_zh_font.data());
    // the strings (the served page is built without them, LLMCALC_ZH_PACK): a file that does not load is a failure
    // like a missing font, and the UI stays English
    std::string text(static_cast<size_t>(js_zh_text_size()), '\0');
    js_zh_text_copy(text.data());
    std::string why;
    if (!ui::load_zh_pack(text, &why)) {
        std::fprintf(stderr, "llmcalc: llmcalc-zh.json: %s\n", why.c_str());
        return zh_unavailable();
    }
    g_zh = ZhFont::Ready;
    return true;
}

// The page's style (widgets.cpp) for the theme and the canvas width.
void apply_style() { ui::apply_style(g_light, static_cast<float>(g_view.css_w)); }

// The renderer exists before the first call (init), so the atlas texture is made here every time.
void rebuild_fonts_if_needed() {
    const float dpr = static_cast<float>(g_view.dpr);
    if (dpr == g_font_dpr && !g_fonts_dirty) return;
    g_fonts_dirty = false;
    load_fonts(dpr);
    render_gl::destroy_font_texture();
    render_gl::create_font_texture();
}

// ImGui 1.86 reads key state once per frame (io.KeysDown); a press and release that both arrive between two frames
// (a quick tap, or a test's keyboard.press, on a slow software-GL frame) would never be seen. A release of a key
// pressed since the last frame is therefore held back until that frame has been built.
struct HeldRelease {
    int key, scancode, mods;
};
std::vector<HeldRelease> g_held_releases;
std::vector<int> g_pressed_since_frame;

void key_callback(GLFWwindow* w, int key, int scancode, int action, int mods) {
    if (action == GLFW_PRESS) g_pressed_since_frame.push_back(key);
    if (action == GLFW_RELEASE &&
        std::find(g_pressed_since_frame.begin(), g_pressed_since_frame.end(), key) != g_pressed_since_frame.end()) {
        g_held_releases.push_back({key, scancode, mods});
        return;
    }
    ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
}

// Text from the hidden input (phones, IMEs): characters, and "\b" for each Backspace (pressed now, released after
// this frame by the held-release rule above).
void feed_typed_text() {
    bool present = false;
    const std::string typed = take_js_string(7, &present);
    if (!present) return;
    std::string chars;
    for (char c : typed) {
        if (c != '\b') { chars += c; continue; }
        key_callback(g_window, GLFW_KEY_BACKSPACE, 0, GLFW_PRESS, 0);
        key_callback(g_window, GLFW_KEY_BACKSPACE, 0, GLFW_RELEASE, 0);
    }
    if (!chars.empty()) ImGui::GetIO().AddInputCharactersUTF8(chars.c_str());
}

void release_held_keys() {
    g_pressed_since_frame.clear();
    for (const HeldRelease& r : g_held_releases)
        ImGui_ImplGlfw_KeyCallback(g_window, r.key, r.scancode, GLFW_RELEASE, r.mods);
    g_held_releases.clear();
}

// Clipboard through the browser (GLFW's is a stub in Emscripten 3.1.6).
std::string g_clipboard;
const char* get_clipboard(void*) {
    g_clipboard = take_js_string(2);
    return g_clipboard.c_str();
}
void set_clipboard(void*, const char* text) { js_copy_text(text); }

}  // namespace

// ---------------------------------------------------------------------------------------------------------------------
// [SECTION] Init, idle detection, frame begin/end
// ---------------------------------------------------------------------------------------------------------------------

namespace platform {

bool init(const char* title) {
    if (!glfwInit()) return false;
    // WebGL2 = OpenGL ES 3.0
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_view = read_viewport();
    g_window = glfwCreateWindow(static_cast<int>(g_view.css_w * g_view.dpr), static_cast<int>(g_view.css_h * g_view.dpr),
                                title, nullptr, nullptr);
    if (!g_window) return false;
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini: the URL hash is the only persisted state
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // Emscripten 3.1.6's glfwSetCursor does nothing (library_glfw.js), so ImGui's cursor shapes never showed; the
    // backend's per-frame cursor update still called glfwSetInputMode(GLFW_CURSOR_NORMAL), which removes a listener
    // and calls exitPointerLock() on every frame. Without cursor changes it is skipped.
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    // A blinking text cursor would be the one animation of the page: a frame every 0.4 s while a field has focus.
    io.ConfigInputTextCursorBlink = false;
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    glfwSetScrollCallback(g_window, nullptr);  // the wheel arrives through js_install_listeners (see there)
    glfwSetKeyCallback(g_window, key_callback);  // wraps the backend's (see key_callback)
    if (!render_gl::init()) return false;  // our WebGL2 renderer (render_gl.hpp): no GL state read back per frame
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    io.ClipboardUserData = nullptr;

    apply_style();
    follow_canvas();
    rebuild_fonts_if_needed();
    js_install_listeners();
    js_install_test_hooks();
    embed_mode();  // read before the first hash rewrite
    return true;
}

void run_soon(void (*fn)(void*), void* ctx) {
    g_soon_fn = fn;
    g_soon_ctx = ctx;
    if (g_soon_pending) return;
    g_soon_pending = true;
    js_run_soon();
}

void after_paint(void (*fn)()) {
    g_after_paint_fn = fn;
    js_after_paint();
}

void start_frames(void (*frame)()) {
    g_frame_fn = frame;
    js_request_frame();
}

void request_frame() {
    g_redraw_requested = true;
    js_request_frame();
}

void wake_after(double seconds) { js_wake_after(static_cast<int>(std::ceil(seconds * 1000.0))); }

bool frame_needed(bool app_dirty) {
    bool needed = app_dirty || g_frames < 3 || g_redraw_requested;
    g_redraw_requested = false;
    // The Chinese font's fetch wakes the loop when it settles (boot.js); a poll then picks it up.
    if (poll_zh_font()) needed = g_fonts_dirty = true;
    if (follow_canvas()) needed = true;
    const int events = js_event_count();
    if (events != g_last_events) {
        g_last_events = events;
        g_active_frames = kFramesAfterEvent;
    }
    // A held mouse button or key acts without new events (ImGui's repeat on +/- buttons and keys, drags).
    const ImGuiIO& io = ImGui::GetIO();
    bool held = false;
    for (bool down : io.MouseDown) held = held || down;
    for (bool down : io.KeysDown) held = held || down;
    if (held || !g_held_releases.empty()) g_active_frames = std::max(g_active_frames, 1);
    if (g_active_frames > 0) {
        --g_active_frames;
        needed = true;
    }
    if (g_active_frames > 0 || g_frames < 3) js_request_frame();
    return needed;
}

void begin_frame() {
    rebuild_fonts_if_needed();
    if (g_style_dirty) {
        g_style_dirty = false;
        apply_style();
    }
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    feed_typed_text();
    io.DisplaySize = ImVec2(static_cast<float>(g_view.css_w), static_cast<float>(g_view.css_h));
    const float sx = static_cast<float>(g_view.fb_w / g_view.css_w);
    const float sy = static_cast<float>(g_view.fb_h / g_view.css_h);
    io.DisplayFramebufferScale = ImVec2(sx, sy);
    if (io.MousePos.x != -FLT_MAX && io.MousePos.y != -FLT_MAX)
        io.MousePos = ImVec2(io.MousePos.x / sx, io.MousePos.y / sy);
    // A touch drag of dy CSS pixels scrolls by dy: ImGui scrolls 5 font heights per wheel step (imgui.cpp, 1.86).
    const float touch_dy = js_take_touch_scroll();
    if (touch_dy != 0.0f) io.MouseWheel -= touch_dy / (5.0f * ImGui::GetFontSize());
    // Headless Chromium with virtual time can give two frames the same timestamp; ImGui needs dt > 0.
    if (!(io.DeltaTime > 0.0f)) io.DeltaTime = 1.0f / 1000.0f;
    ImGui::NewFrame();
    release_held_keys();  // this frame saw the presses; the releases count from the next one
}

void end_frame() {
    ImGui::Render();
    glViewport(0, 0, g_view.fb_w, g_view.fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    // The renderer leaves the scissor test on (it sets its state each frame and restores nothing), and a clear is
    // scissored: without this only the last clip rect would be cleared, and the translucent dark window background
    // would blend over the transparent black the browser leaves in the drawing buffer.
    glDisable(GL_SCISSOR_TEST);
    glClear(GL_COLOR_BUFFER_BIT);
    render_gl::render(ImGui::GetDrawData());
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    js_sync_text_focus(g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID);
    js_publish_frames(++g_frames);
    if (g_frames == 1) js_canvas_drawn();
}

void set_text_fields(const std::vector<float>& xywh) {
    static std::vector<float> last;
    if (xywh == last) return;
    last = xywh;
    js_set_text_rects(xywh.data(), static_cast<int>(xywh.size()));
}

std::string initial_hash() { return take_js_string(0); }

bool take_changed_hash(std::string* hash) {
    bool present = false;
    std::string h = take_js_string(1, &present);
    if (present) *hash = h;
    return present;
}

void replace_hash(const std::string& hash) { js_replace_hash(hash.c_str()); }

std::string page_url() { return take_js_string(4); }

void copy_text(const std::string& text) { js_copy_text(text.c_str()); }

void open_full_page() { js_open_full_page(); }

bool take_dropped_text(std::string* text) {
    bool present = false;
    std::string t = take_js_string(3, &present);
    if (present) *text = t;
    return present;
}

void open_model_file_picker() { js_pick_files(); }

ModelFileRead model_file_read() {
    double v[6] = {0, 0, 0, 0, 0, 0};
    js_file_read(v);
    ModelFileRead r;
    r.reading = v[0] != 0;
    r.index = static_cast<int>(v[1]);
    r.count = static_cast<int>(v[2]);
    r.read = v[3];
    r.size = v[4];
    r.want = v[5];
    r.name = take_js_string(8);
    return r;
}

bool take_model_files(std::string* heads, std::string* files_json, std::string* error) {
    unsigned char* bytes = nullptr;
    char* meta = nullptr;
    const double n = js_take_model_heads(&bytes, &meta);
    if (n == 0) return false;
    if (n < 0) {
        *error = take_js_string(9);
        return true;
    }
    heads->assign(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
    *files_json = meta;
    error->clear();
    std::free(bytes);
    std::free(meta);
    return true;
}

bool embed_mode() {
    static const bool embed = [] {
        return split_page_hash(take_js_string(0)).embed == "1";
    }();
    return embed;
}

std::string storage_get() { return take_js_string(5); }

void storage_set(const std::string& text) { js_storage_set(text.c_str()); }

std::string browser_language() { return take_js_string(6); }

bool prefers_light() { return js_prefers_light() != 0; }

bool touch_device() {
    static const bool touch = js_touch_device() != 0;
    return touch;
}

int clipboard_state() { return js_copy_state(); }

bool take_zh_font_failure() {
    const bool failed = g_zh_failed_unreported;
    g_zh_failed_unreported = false;
    return failed;
}

void set_page_lang(bool zh) {
    static int last = -1;
    if (last == (zh ? 1 : 0)) return;
    last = zh ? 1 : 0;
    js_set_page_lang(last);
}

void set_theme(bool light) {
    if (light == g_light && g_frames > 0) return;
    g_light = light;
    g_style_dirty = true;
    js_set_page_theme(light ? 1 : 0);
}

double now_ms() { return emscripten_get_now(); }

void set_results_text(const std::string& text) { js_set_results_text(text.c_str()); }

void post_embed_height(int css_px) { js_post_height(css_px); }

void download_png(const unsigned char* rgba, int w, int h, const std::string& file) {
    js_download_png(rgba, w, h, file.c_str());
}

void report_no_webgl() { js_report_no_webgl(); }

void test_hook(const char* name, std::function<std::string()> json) {
    for (const TestHook& h : g_hooks)
        if (h.name == name) return;
    g_hooks.push_back({name, std::move(json)});
    js_add_test_hook(name, static_cast<int>(g_hooks.size() - 1));
}

}  // namespace platform

// window.llmcalcApp.<name>() (js_add_test_hook): the JSON of registered hook `index`, valid until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmcalc_platform_hook_json(int index) {
    static std::string out;
    out = index >= 0 && static_cast<size_t>(index) < g_hooks.size() ? g_hooks[static_cast<size_t>(index)].json()
                                                                     : std::string("null");
    return out.c_str();
}

// The model-file reader of js_install_listeners: one header read step (probe_header_json of `len` bytes), and the
// core's read sizes (model_file.hpp).
extern "C" EMSCRIPTEN_KEEPALIVE const char* llmcalc_app_probe_header(const char* bytes, int len, double size,
                                                                    const char* name) {
    static std::string out;
    const uint64_t n = size > 0 && size < 1e18 ? static_cast<uint64_t>(size) : 0;
    out = llmcalc::probe_header_json(std::string_view(bytes, static_cast<size_t>(len)), n, name);
    return out.c_str();
}
extern "C" EMSCRIPTEN_KEEPALIVE double llmcalc_app_first_header_read() {
    return static_cast<double>(llmcalc::kFirstHeaderRead);
}
extern "C" EMSCRIPTEN_KEEPALIVE double llmcalc_app_max_header_bytes() {
    return static_cast<double>(llmcalc::kMaxHeaderBytes);
}

// The browser's animation-frame callback (Module.llmcalcRequestFrame, above) runs the app's frame.
extern "C" EMSCRIPTEN_KEEPALIVE void llmcalc_platform_tick() {
    if (g_frame_fn) g_frame_fn();
}

extern "C" EMSCRIPTEN_KEEPALIVE void llmcalc_platform_after_paint() {
    if (g_after_paint_fn) g_after_paint_fn();
}

extern "C" EMSCRIPTEN_KEEPALIVE void llmcalc_platform_soon() {
    g_soon_pending = false;
    if (g_soon_fn) g_soon_fn(g_soon_ctx);
}
