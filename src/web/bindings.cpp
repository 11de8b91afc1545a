// The JS API: one EMSCRIPTEN_BINDINGS block over the core, strings in and JSON strings out. No logic lives here;
// web/llmcalc.js turns objects into hash strings and parses the JSON (docs/js-api.md).
#include <string>

#include <emscripten/bind.h>

#include "catalog_json.hpp"
#include "inputs.hpp"
#include "limits.hpp"
#include "messages.hpp"
#include "model_file.hpp"
#include "report.hpp"

namespace {

// "key=value&..." -> report JSON, or {"errors":[{key,message}]} for bad input.
std::string report_json_of_hash(std::string hash) {
    llmcalc::Inputs in;
    auto errors = llmcalc::parse_hash(hash, in);
    if (!errors.empty()) return llmcalc::errors_json(errors);
    llmcalc::Result res = llmcalc::compute(in);
    if (!res.ok()) return llmcalc::errors_json(res.errors);
    return llmcalc::report_json(res.report);
}

// The canonical hash (defaults dropped, table order), or errors JSON.
std::string normalize_hash(std::string hash) {
    llmcalc::Inputs in;
    auto errors = llmcalc::parse_hash(hash, in);
    if (!errors.empty()) return llmcalc::errors_json(errors);
    return llmcalc::write_hash(in);
}

// {"inputs": {key: typed value}} of the keys that differ from the defaults, or errors JSON.
std::string inputs_json_of_hash(std::string hash) {
    llmcalc::Inputs in;
    auto errors = llmcalc::parse_hash(hash, in);
    if (!errors.empty()) return llmcalc::errors_json(errors);
    return "{\"inputs\":" + llmcalc::inputs_json(in, true) + "}";
}

// The input limits the JS wrapper checks before handing text over (limits.hpp), so a 50 MB string never reaches the
// core's memory.
std::string limits_json() {
    return "{\"max_config_bytes\":" + std::to_string(llmcalc::limits::kMaxConfigBytes) +
           ",\"first_header_read\":" + std::to_string(llmcalc::kFirstHeaderRead) +
           ",\"max_header_bytes\":" + std::to_string(llmcalc::kMaxHeaderBytes) + "}";
}

// Model files (docs/model-files.md): the header bytes arrive as std::string (embind passes a Uint8Array's bytes
// unchanged). One read step of one file, then the headers of all files together (model_file.hpp).
std::string probe_header(std::string head, double file_size, std::string name) {
    const uint64_t size = file_size > 0 && file_size < 1e18 ? static_cast<uint64_t>(file_size) : 0;
    return llmcalc::probe_header_json(head, size, name);
}

std::string inspect_files(std::string hash, std::string heads, std::string files_json) {
    return llmcalc::inspect_files_json(hash, heads, files_json);
}

}  // namespace

EMSCRIPTEN_BINDINGS(llmcalc) {
    emscripten::function("reportJson", &report_json_of_hash);
    emscripten::function("normalizeHash", &normalize_hash);
    emscripten::function("inputsJson", &inputs_json_of_hash);
    emscripten::function("keysJson", &llmcalc::keys_json);
    emscripten::function("limitsJson", &limits_json);
    emscripten::function("modelsJson", &llmcalc::models_json);
    emscripten::function("gpusJson", &llmcalc::gpus_json);
    emscripten::function("formatsJson", &llmcalc::formats_json);
    emscripten::function("optimizersJson", &llmcalc::optimizers_json);
    emscripten::function("probeHeaderJson", &probe_header);
    emscripten::function("inspectFilesJson", &inspect_files);
    emscripten::function("messageIn", &llmcalc::message_in);
}
