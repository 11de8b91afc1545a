#version 300 es
// The "fits" heatmap: one cell per (batch, context) point of llmcalc::fits_grid. u_ratio holds total per-GPU memory /
// usable GPU memory (R32F, one texel per cell, row = batch, column = context). Cells are flat (texelFetch: what is
// drawn is exactly the computed point), coloured by log2(ratio) through viridis; the capacity contour (ratio = 1) is
// drawn on the cell edges where "fits" changes, with a width in device pixels from fwidth().
precision highp float;
precision highp int;

uniform sampler2D u_ratio;
uniform vec2 u_log2_range;   // log2(min ratio), log2(max ratio) of the grid: the colormap's ends
uniform float u_line_px;     // half width of the contour in framebuffer pixels (1 CSS px x device pixel ratio)
in vec2 v_uv;
out vec4 frag;

// Viridis (van der Walt and Smith, matplotlib's default colormap) as a degree-6 polynomial fit by Matt Zucconi
// ("mattz"), Shadertoy WlfXRN "Colormap approximations" (CC0); max error ~0.005 per channel against matplotlib's table.
vec3 viridis(float t) {
    const vec3 c0 = vec3(0.2777273272234177, 0.005407344544966578, 0.3340998053353061);
    const vec3 c1 = vec3(0.1050930431085774, 1.404613529898575, 1.384590162594685);
    const vec3 c2 = vec3(-0.3308618287255563, 0.214847559468213, 0.09509516302823659);
    const vec3 c3 = vec3(-4.634230498983486, -5.799100973351585, -19.33244095627987);
    const vec3 c4 = vec3(6.228269936347081, 14.17993336680509, 56.69055260068105);
    const vec3 c5 = vec3(4.776384997670288, -13.74514537774601, -65.35303263337234);
    const vec3 c6 = vec3(-5.435455855934631, 4.645852612178535, 26.3124352495832);
    return c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
}

bool fits_at(ivec2 c) { return texelFetch(u_ratio, c, 0).r <= 1.0; }

void main() {
    ivec2 size = textureSize(u_ratio, 0);
    vec2 cell_f = v_uv * vec2(size);
    ivec2 cell = clamp(ivec2(floor(cell_f)), ivec2(0), size - 1);
    float ratio = texelFetch(u_ratio, cell, 0).r;
    float span = max(u_log2_range.y - u_log2_range.x, 1e-6);
    float t = clamp((log2(max(ratio, 1e-30)) - u_log2_range.x) / span, 0.0, 1.0);
    vec3 color = viridis(t);

    // Distance in framebuffer pixels to each edge of this cell whose neighbour is on the other side of ratio = 1.
    vec2 px_per_cell = 1.0 / max(fwidth(cell_f), vec2(1e-6));
    vec2 f = cell_f - vec2(cell);
    bool here = fits_at(cell);
    float d = 1e9;
    if (cell.x > 0 && fits_at(cell - ivec2(1, 0)) != here) d = min(d, f.x * px_per_cell.x);
    if (cell.x < size.x - 1 && fits_at(cell + ivec2(1, 0)) != here) d = min(d, (1.0 - f.x) * px_per_cell.x);
    if (cell.y > 0 && fits_at(cell - ivec2(0, 1)) != here) d = min(d, f.y * px_per_cell.y);
    if (cell.y < size.y - 1 && fits_at(cell + ivec2(0, 1)) != here) d = min(d, (1.0 - f.y) * px_per_cell.y);
    // white core with a dark rim: visible on both ends of viridis (dark purple and yellow)
    if (d < u_line_px) color = vec3(1.0);
    else if (d < 2.0 * u_line_px) color = vec3(0.0);
    frag = vec4(color, 1.0);
}
