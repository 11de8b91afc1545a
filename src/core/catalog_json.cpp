#include "catalog_json.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "catalog.hpp"

namespace llmcalc {
namespace {

using ojson = nlohmann::ordered_json;

const char* kind_name(KeyKind k) {
    switch (k) {
        case KeyKind::Int: return "int";
        case KeyKind::Number: return "number";
        case KeyKind::Bool: return "bool";
        case KeyKind::Text: return "text";
        case KeyKind::Choice: return "choice";
    }
    return "text";
}

ojson split_choices(const char* choices) {
    ojson out = ojson::array();
    std::string cur;
    for (const char* p = choices; p && *p; ++p) {
        if (*p == '|') { out.push_back(cur); cur.clear(); }
        else cur += *p;
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// The key's text, typed by its kind. The text comes from get_input, which the setters accept back, so the
// conversions below cannot fail for values that are set; an empty text is an unset optional.
ojson typed_value(const KeySpec& spec, const std::string& text) {
    if (text.empty() && spec.kind != KeyKind::Text && spec.kind != KeyKind::Choice) return nullptr;
    switch (spec.kind) {
        case KeyKind::Int: return static_cast<int64_t>(std::strtoll(text.c_str(), nullptr, 10));
        case KeyKind::Number: return std::strtod(text.c_str(), nullptr);
        case KeyKind::Bool: return text == "true";
        default: return text;
    }
}

}  // namespace

std::string models_json() {
    ojson arr = ojson::array();
    for (const auto& p : presets()) {
        const ModelConfig& m = p.config;
        arr.push_back({{"id", m.id}, {"name", m.name}, {"source", m.source},
                       {"vocab_size", m.vocab_size}, {"hidden_size", m.hidden_size}, {"num_layers", m.num_layers},
                       {"num_heads", m.num_heads}, {"num_kv_heads", m.kv_heads()}, {"head_dim", m.head_size()},
                       {"intermediate_size", m.dense_ffn()}, {"num_experts", m.num_experts},
                       {"experts_per_token", m.experts_per_token}, {"tie_embeddings", m.tie_embeddings},
                       {"max_positions", m.max_positions}, {"published_total", p.published_total},
                       {"published_active", p.published_active}, {"total_source", p.total_source}});
    }
    return arr.dump();
}

std::string gpus_json() {
    ojson arr = ojson::array();
    for (const auto& g : gpus()) {
        arr.push_back({{"id", g.id}, {"name", g.name}, {"memory_bytes", g.memory_bytes},
                       {"usable_fraction", g.usable_fraction}, {"bandwidth_bytes_per_second", g.bandwidth},
                       {"peak_flops", {{"fp32", g.fp32}, {"tf32", g.tf32}, {"bf16", g.bf16}, {"fp16", g.fp16},
                                       {"fp8", g.fp8}, {"int8", g.int8}, {"fp4", g.fp4}}},
                       {"source", g.source}, {"verified", g.verified}});
    }
    return arr.dump();
}

std::string formats_json() {
    ojson arr = ojson::array();
    for (const auto& f : number_formats()) {
        arr.push_back({{"id", f.id}, {"label", f.label}, {"bits", f.bits()}, {"bits_num", f.bits_num},
                       {"bits_den", f.bits_den}, {"for_weights", f.for_weights}, {"for_kv", f.for_kv},
                       {"quantized", f.quantized}, {"sign_bits", f.sign_bits}, {"exponent_bits", f.exponent_bits},
                       {"mantissa_bits", f.mantissa_bits}, {"source", f.source}});
    }
    return arr.dump();
}

std::string optimizers_json() {
    ojson arr = ojson::array();
    for (const auto& o : optimizers())
        arr.push_back({{"id", o.id}, {"name", o.name}, {"state_bytes_per_param", o.state_bytes_per_param},
                       {"source", o.source}});
    return arr.dump();
}

std::string keys_json() {
    static const Inputs defaults;
    ojson arr = ojson::array();
    for (const auto& k : input_keys())
        arr.push_back({{"key", k.key}, {"kind", kind_name(k.kind)}, {"help", k.help},
                       {"choices", split_choices(k.choices)}, {"default", get_input(defaults, k.key)}});
    return arr.dump();
}

std::string inputs_json(const Inputs& in, bool changed_only) {
    ojson obj = ojson::object();
    if (changed_only) {
        for (const auto& [k, v] : changed_inputs(in))
            if (const KeySpec* spec = find_key(k)) obj[k] = typed_value(*spec, v);
    } else {
        for (const auto& k : input_keys()) obj[k.key] = typed_value(k, get_input(in, k.key));
    }
    return obj.dump();
}

}  // namespace llmcalc
