// JSON views of the catalogs and the key table, for the JS API (src/web/bindings.cpp) and any other shell.
// Pure functions over the core's tables: no logic the shells would otherwise duplicate.
#pragma once

#include <string>

#include "inputs.hpp"

namespace llmcalc {

// [{id, name, source, vocab_size, hidden_size, ..., published_total, published_active, total_source}]
std::string models_json();
// [{id, name, memory_bytes, memory_source, usable_fraction, bandwidth_bytes_per_second, peak_flops: {fp32, ...}, source, verified}]
std::string gpus_json();
// [{id, label, bits, bits_num, bits_den, for_weights, for_kv, quantized, sign_bits, exponent_bits, mantissa_bits, source}]
std::string formats_json();
// [{id, name, state_bytes_per_param, source}]
std::string optimizers_json();
// [{key, kind: "int"|"number"|"bool"|"text"|"choice", help, choices: [...], default: "<text>"}]
std::string keys_json();
// The inputs as one JSON object, values typed by key kind (int/number -> number, bool -> true/false, others ->
// string). changed_only: only keys that differ from the defaults (what write_hash would write); otherwise every key,
// an unset optional override as null.
std::string inputs_json(const Inputs& in, bool changed_only);

}  // namespace llmcalc
