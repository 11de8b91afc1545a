// The model-file section: "Open model file..." (GGUF, safetensors shards, index.json, config.json), files dropped on
// the page, the header read's progress, what the file holds (exact parameters, stored bytes by quant type) and the
// memory per GPU of the scenario with it. The file is read by its headers only (platform.hpp, model_file.hpp).
#pragma once

#include "app_state.hpp"

namespace ui {

// Between frames: a finished read becomes s.file (or s.file_error). True when something changed.
bool take_model_files(AppState& s);
void draw_model_file(AppState& s);
// window.llmcalcApp.modelFile() (docs/js-api.md): what the section showed in the last frame.
std::string model_file_json(const AppState& s);

}  // namespace ui
