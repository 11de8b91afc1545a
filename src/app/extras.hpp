// Extra panels and page outputs: export buttons, the Precision reference, the generic layer calculator, the
// plain-text mirror of the results (aria-live, for screen readers) and the embed height sent to the parent page.
#pragma once

#include "app_state.hpp"

namespace ui {

// "Copy as Markdown / CSV / JSON": the shown report through ImGui's clipboard (the browser's navigator.clipboard).
// Disabled while the inputs have errors. Widget rects: export_md, export_csv, export_json.
void draw_export_buttons(const AppState& s);
// Copy feedback shared by the export buttons and the header's Copy link: mark_copied(what) when a copy starts; then
// copy_feedback(what) is 1 (copying), 2 (copied) for 2 s, -1 (the browser refused) for 6 s, else 0.
void mark_copied(const char* what);
int copy_feedback(const char* what);
// Collapsible table of number formats (src/core/precision_ref.hpp): bit layout, bytes, range, use. Header rect: precision_ref.
void draw_precision_reference();
// Collapsible GPU table (src/core/hardware.hpp): memory in the user's GB/GiB, bandwidth, dense peak TFLOPS by
// precision, the datasheet sources on hover; a filter box (every word a prefix, as the dropdowns); a click (or Enter on
// the focused row) uses that GPU. Widget rects: gpu_table (the header), gpu_table_filter.
void draw_gpu_table(AppState& s);
// Collapsible layer calculator (src/core/layers.hpp): one layer per line, params / MACs / FLOPs, errors per line.
// Widget rects: layers (the header), layer_stack (the text box).
void draw_layer_calculator();
// The results as text in the page (#llmcalc-results-text): the screen-reader mirror, and the numbers shown as HTML
// before the canvas has drawn its first frame (main.cpp). Writes the DOM only when the text changes.
void publish_results_text(AppState& s);
// Once per drawn frame: updates the page's aria-live text when the results change, and in embed mode (inside an
// iframe) posts {type: 'llmcalc-height', height} to the parent when the height the content needs changes.
void publish_page_outputs(AppState& s);

}  // namespace ui
