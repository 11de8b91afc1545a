// The results as a few sentences of text: what #llmcalc-results-text shows (the screen-reader mirror, and the numbers
// shown as HTML before the canvas draws). One function, used by the page at run time (extras.cpp) and at build time by
// tools/prerender_results_text.cpp, which writes the default scenario's text into index.html (cmake/web.cmake).
// No ImGui, no platform calls: it reads AppState and the string table only.
#pragma once

#include <string>

#include "app_state.hpp"

// The headline (llmcalc::export_plain) in the UI's language, or the input problems; then the problems of the URL the
// page was opened with.
std::string results_text(const AppState& s);
