#version 300 es
// The "fits" heatmap quad: four vertices from gl_VertexID (no vertex buffer), drawn as a triangle strip into a
// viewport that the app sets to the heatmap's rectangle. uv (0,0) is the bottom-left cell (smallest batch and context).
out vec2 v_uv;
void main() {
    vec2 uv = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    v_uv = uv;
    gl_Position = vec4(uv * 2.0 - 1.0, 0.0, 1.0);
}
