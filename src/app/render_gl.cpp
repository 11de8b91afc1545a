// Dear ImGui renderer for WebGL2: see render_gl.hpp for why it never reads GL state back.
//
// Per frame: set the whole pipeline state once, upload every draw list's vertices and indices into one vertex buffer
// and one index buffer (two uploads per frame, whatever the number of windows), then one glDrawElements per ImDrawCmd
// with its clip rect as the scissor. After a user callback (the fits heatmap draws with its own program, viewport,
// vertex array and texture) the state is set again.
//
// Large draw lists: ImGui's indices are 16-bit. With ImGuiBackendFlags_RendererHasVtxOffset ImGui starts a new command
// with a VtxOffset instead of overflowing them (a chart with many points can pass 65,536 vertices). WebGL2 has no
// glDrawElementsBaseVertex, so the vertex attributes are re-pointed at the command's first vertex instead (three
// glVertexAttribPointer calls, only when the base changes: once per draw list in practice). Going without the flag
// would mean 32-bit indices (a larger upload every frame) or, with 16-bit ones, broken meshes past 65,535 vertices.
// The flag also keeps index 0xFFFF out of the data: ImGui splits when a list would reach 65,536 vertices
// (ImDrawList::PrimReserve, imgui_draw.cpp), and WebGL2 always treats 0xFFFF as the primitive-restart index
// (WebGL 2.0 spec, 5.18 "No Support for Primitive Restart Fixed Index": it is always enabled).
#include "render_gl.hpp"

#include <GLES3/gl3.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "imgui.h"

namespace render_gl {
namespace {

// Attribute locations are fixed in the shader (layout(location)), so no glGetAttribLocation is needed.
constexpr GLuint kPos = 0, kUv = 1, kColor = 2;

// Positions in ImGui's display units (CSS px) -> clip space with one scale and offset (u_xform), y pointing down.
// The colour is ImGui's straight (not premultiplied) RGBA8, normalised; texture is the font atlas (RGBA: white
// glyphs with coverage in alpha, and a white texel for untextured shapes).
const char* const kVertexShader = R"glsl(#version 300 es
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
uniform vec4 u_xform;  // xy: scale, zw: offset (display units -> clip space)
out vec2 v_uv;
out vec4 v_color;
void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = vec4(a_pos * u_xform.xy + u_xform.zw, 0.0, 1.0);
}
)glsl";

// highp texture coordinates: a 2048-texel atlas (fonts baked at dpr 2 and more) needs more than mediump's 10-bit
// mantissa on GPUs that really have half floats; the colour is fine in mediump.
const char* const kFragmentShader = R"glsl(#version 300 es
precision mediump float;
uniform sampler2D u_tex;
in highp vec2 v_uv;
in vec4 v_color;
out vec4 o_color;
void main() {
    o_color = v_color * texture(u_tex, v_uv);
}
)glsl";

static_assert(sizeof(ImDrawIdx) == 2 || sizeof(ImDrawIdx) == 4, "ImDrawIdx is 16 or 32 bits");
constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;

struct State {
    GLuint program = 0, vao = 0, vbo = 0, ibo = 0, font = 0;
    GLint u_xform = -1;
    size_t pointed_at = 0;  // the vertex our vertex array's attributes point at (vertex-array state: kept between frames)
    // all draw lists of a frame, back to back (reused: no allocation once grown), as last uploaded
    std::vector<ImDrawVert> vertices;
    std::vector<ImDrawIdx> indices;
    bool uploaded = false;  // the GL buffers hold `vertices` and `indices`
} g;

// memcpy that reports whether dst held other bytes before. Compares 8 bytes at a time (musl's memcmp, which
// Emscripten uses, goes byte by byte: ~4x slower on the ~250 KB of a frame).
bool copy_if_changed(void* dst, const void* src, size_t n) {
    auto* d = static_cast<unsigned char*>(dst);
    const auto* s = static_cast<const unsigned char*>(src);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t a, b;
        std::memcpy(&a, d + i, 8);
        std::memcpy(&b, s + i, 8);
        if (a != b) break;
    }
    for (; i < n && d[i] == s[i]; ++i) {}
    if (i == n) return false;
    std::memcpy(d + i, s + i, n - i);
    return true;
}

GLuint compile(GLenum type, const char* src) {
    const GLuint sh = glCreateShader(type);
    glShaderSource(sh, 1, &src, nullptr);
    glCompileShader(sh);
    GLint ok = GL_FALSE;
    glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        char log[1024] = {};
        glGetShaderInfoLog(sh, sizeof log, nullptr, log);
        std::printf("render_gl: %s shader: %s\n", type == GL_VERTEX_SHADER ? "vertex" : "fragment", log);
        glDeleteShader(sh);
        return 0;
    }
    return sh;
}

// Points the vertex attributes of the bound vertex array at vertex `first` of the bound vertex buffer.
void point_attributes(size_t first) {
    const size_t stride = sizeof(ImDrawVert);
    const size_t base = first * stride;
    auto at = [base](size_t field) { return reinterpret_cast<const void*>(static_cast<uintptr_t>(base + field)); };
    glVertexAttribPointer(kPos, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(ImDrawVert, col)));
}

// Everything the draws below rely on. Nothing is read back: what a callback changed is simply set again (before the
// next draw after it).
void apply_state(const ImDrawData* dd, int fb_w, int fb_h) {
    glViewport(0, 0, fb_w, fb_h);
    // ImGui's colours are straight alpha: colour = src*a + dst*(1-a); alpha accumulates as coverage (stays 1 over
    // the opaque clear, so the page never shows through the canvas).
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);  // ImGui's triangles come in both windings
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    // Not set: colour mask (nothing in the app changes it), dither, polygon offset; WebGL2 has no polygon mode.
    glUseProgram(g.program);
    // x_clip = 2 (x - left) / width - 1, y_clip = 1 - 2 (y - top) / height
    const float sx = 2.0f / dd->DisplaySize.x, sy = -2.0f / dd->DisplaySize.y;
    glUniform4f(g.u_xform, sx, sy, -1.0f - dd->DisplayPos.x * sx, 1.0f - dd->DisplayPos.y * sy);
    glBindVertexArray(g.vao);  // also binds our index buffer (vertex-array state)
    glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
    glActiveTexture(GL_TEXTURE0);
}

// Clip rect (display units) -> scissor box in framebuffer pixels (origin bottom-left). Edges are rounded: a pixel is
// kept when its centre lies inside the rect. False when nothing is left.
bool scissor_box(const ImDrawData* dd, const ImVec4& clip, int fb_w, int fb_h, GLint box[4]) {
    const ImVec2 o = dd->DisplayPos, s = dd->FramebufferScale;
    const auto px = [](float v, int hi) { return static_cast<int>(std::fmin(std::fmax(std::round(v), 0.0f), hi)); };
    const int x0 = px((clip.x - o.x) * s.x, fb_w), x1 = px((clip.z - o.x) * s.x, fb_w);
    const int y0 = px((clip.y - o.y) * s.y, fb_h), y1 = px((clip.w - o.y) * s.y, fb_h);
    if (x1 <= x0 || y1 <= y0) return false;
    box[0] = x0;
    box[1] = fb_h - y1;
    box[2] = x1 - x0;
    box[3] = y1 - y0;
    return true;
}

}  // namespace

bool init() {
    const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader);
    const GLuint fs = vs ? compile(GL_FRAGMENT_SHADER, kFragmentShader) : 0;
    if (!vs || !fs) {
        if (vs) glDeleteShader(vs);
        return false;
    }
    g.program = glCreateProgram();
    glAttachShader(g.program, vs);
    glAttachShader(g.program, fs);
    glLinkProgram(g.program);
    glDeleteShader(vs);  // freed with the program
    glDeleteShader(fs);
    GLint ok = GL_FALSE;
    glGetProgramiv(g.program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        char log[1024] = {};
        glGetProgramInfoLog(g.program, sizeof log, nullptr, log);
        std::printf("render_gl: program: %s\n", log);
        glDeleteProgram(g.program);
        g.program = 0;
        return false;
    }
    g.u_xform = glGetUniformLocation(g.program, "u_xform");
    glUseProgram(g.program);
    glUniform1i(glGetUniformLocation(g.program, "u_tex"), 0);  // texture unit 0, for good (program state)

    glGenVertexArrays(1, &g.vao);
    glGenBuffers(1, &g.vbo);
    glGenBuffers(1, &g.ibo);
    glBindVertexArray(g.vao);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.ibo);  // recorded in the vertex array
    glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
    glEnableVertexAttribArray(kPos);
    glEnableVertexAttribArray(kUv);
    glEnableVertexAttribArray(kColor);
    point_attributes(0);
    glBindVertexArray(0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "llmcalc_render_gl (WebGL2)";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    return true;
}

void create_font_texture() {
    ImGuiIO& io = ImGui::GetIO();
    // The atlas is built by platform_web.cpp with the stb_truetype builder, which leaves alpha-only pixels.
    // GetTexDataAsRGBA32() would convert them, but it calls ImFontAtlas::Build(), which links ImGui's embedded
    // default font (~10 KB of gzip) that this app never uses; the conversion is done here instead.
    const ImFontAtlas* atlas = io.Fonts;
    const int w = atlas->TexWidth, h = atlas->TexHeight;
    std::vector<ImU32> rgba(static_cast<size_t>(w) * static_cast<size_t>(h));
    for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = IM_COL32(255, 255, 255, atlas->TexPixelsAlpha8[i]);
    const void* pixels = rgba.data();
    glGenTextures(1, &g.font);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, g.font);
    // Linear: the atlas is baked at the device pixel size, so glyphs land 1:1; linear only matters between texels.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);  // RGBA8 rows are always 4-byte aligned
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(g.font)));
}

void destroy_font_texture() {
    if (!g.font) return;
    glDeleteTextures(1, &g.font);
    g.font = 0;
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

void render(const ImDrawData* dd) {
    if (!g.program || !dd || dd->CmdListsCount == 0) return;
    const int fb_w = static_cast<int>(std::lround(dd->DisplaySize.x * dd->FramebufferScale.x));
    const int fb_h = static_cast<int>(std::lround(dd->DisplaySize.y * dd->FramebufferScale.y));
    if (fb_w <= 0 || fb_h <= 0) return;

    // All lists into one vertex and one index array. Frames drawn without input (ImGui draws a while after each
    // event; an open tooltip or a pinned view redraws the same) are byte-identical, and then the buffers already
    // hold them: the ~250 KB upload, copied through Chromium's transfer buffer to the GPU process, is skipped.
    const size_t nv = static_cast<size_t>(dd->TotalVtxCount), ni = static_cast<size_t>(dd->TotalIdxCount);
    bool changed = !g.uploaded || nv != g.vertices.size() || ni != g.indices.size();
    g.vertices.resize(nv);
    g.indices.resize(ni);
    size_t at_v = 0, at_i = 0;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        const size_t lv = static_cast<size_t>(list->VtxBuffer.Size), li = static_cast<size_t>(list->IdxBuffer.Size);
        changed |= copy_if_changed(g.vertices.data() + at_v, list->VtxBuffer.Data, lv * sizeof(ImDrawVert));
        changed |= copy_if_changed(g.indices.data() + at_i, list->IdxBuffer.Data, li * sizeof(ImDrawIdx));
        at_v += lv;
        at_i += li;
    }

    apply_state(dd, fb_w, fb_h);
    if (changed) {
        // glBufferData (not SubData): new storage, so the GPU process never waits for the previous frame's draws
        // to finish reading the old contents.
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(nv * sizeof(ImDrawVert)), g.vertices.data(),
                     GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(ni * sizeof(ImDrawIdx)), g.indices.data(),
                     GL_STREAM_DRAW);
        g.uploaded = true;
    }

    constexpr GLuint kUnknown = ~0u;
    size_t list_vtx = 0, list_idx = 0;  // where the current list starts in the shared buffers
    GLuint bound_tex = kUnknown;        // texture on unit 0 (unknown at the start and after a callback)
    bool state_ok = true;               // false after a callback, until the next draw sets our state again
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                // ResetRenderState is a marker, not a function: our state, now (a later callback may rely on it).
                // After any other callback the state is set again before the next draw, so the heatmap's pair
                // (its callback, then ResetRenderState) costs one apply_state().
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
                    apply_state(dd, fb_w, fb_h);
                    state_ok = true;
                } else {
                    cmd.UserCallback(list, &cmd);
                    state_ok = false;
                }
                bound_tex = kUnknown;
                continue;
            }
            GLint box[4];
            if (cmd.ElemCount == 0 || !scissor_box(dd, cmd.ClipRect, fb_w, fb_h, box)) continue;
            if (!state_ok) {
                apply_state(dd, fb_w, fb_h);
                state_ok = true;
            }
            glScissor(box[0], box[1], box[2], box[3]);
            const GLuint tex = static_cast<GLuint>(reinterpret_cast<uintptr_t>(cmd.GetTexID()));
            if (tex != bound_tex) {
                glBindTexture(GL_TEXTURE_2D, tex);
                bound_tex = tex;
            }
            const size_t first = list_vtx + cmd.VtxOffset;
            if (first != g.pointed_at) {
                point_attributes(first);
                g.pointed_at = first;
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), kIndexType,
                           reinterpret_cast<const void*>(static_cast<uintptr_t>((list_idx + cmd.IdxOffset) * sizeof(ImDrawIdx))));
        }
        list_vtx += static_cast<size_t>(list->VtxBuffer.Size);
        list_idx += static_cast<size_t>(list->IdxBuffer.Size);
    }
}

}  // namespace render_gl
