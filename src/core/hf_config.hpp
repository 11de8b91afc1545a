// Hugging Face config.json import: model_type-driven mapping onto ModelConfig, with key aliases, nested
// text_config for multimodal wrappers, documented defaults (noted in ModelConfig::note) and named errors.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "inputs.hpp"
#include "model.hpp"

namespace llmcalc {

struct ImportResult {
    ModelConfig config;
    std::vector<std::string> notes;     // defaults applied, text_config used, unknown model_type, ...
    std::vector<std::string> warnings;  // keys not understood (named; the counts are then approximate)
    std::vector<InputError> errors;     // key "config", message names the offending JSON key
    bool ok() const { return errors.empty(); }
};

ImportResult import_hf_config(std::string_view json_text);

}  // namespace llmcalc
