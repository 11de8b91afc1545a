// Dear ImGui renderer for WebGL2 (OpenGL ES 3.0), written for this app.
//
// The app owns its WebGL context and nothing else draws in it, so this renderer never reads GL state back: it sets
// every piece of state it needs at the start of each frame (and again after a draw callback) and leaves the rest.
// GL queries (glGet*, glGetShaderiv, glGetUniformLocation) happen in init() only. In Chromium every WebGL getter is a
// synchronous round trip to the GPU process; the stock imgui_impl_opengl3 backend's per-frame state backup (dozens of
// glGetIntegerv / glIsEnabled) cost ~30-45 ms per frame there (docs/benchmarks.md).
#pragma once

struct ImDrawData;

namespace render_gl {

// Compiles the shader pair, creates the vertex array and buffers, registers the backend with ImGui
// (io.BackendRendererName, ImGuiBackendFlags_RendererHasVtxOffset). Needs a current WebGL2 context.
// False (with the shader log printed) when the program does not build.
bool init();

// Uploads ImGui's font atlas (io.Fonts, as RGBA) as a texture and stores its id in the atlas. Call after the atlas is
// built, and again after a rebuild (destroy_font_texture() first).
void create_font_texture();
void destroy_font_texture();

// Draws one frame of ImGui's output into the default framebuffer (already cleared by the caller).
void render(const ImDrawData* draw_data);

}  // namespace render_gl
