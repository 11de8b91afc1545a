#include "catalog_json.hpp"

#include <cstdlib>

#include "catalog.hpp"
#include "json.hpp"

namespace llmcalc {
namespace {

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

void split_choices(json::Writer& w, const char* choices) {
    w.begin_array();
    std::string cur;
    for (const char* p = choices; p && *p; ++p) {
        if (*p == '|') { w.value(cur); cur.clear(); }
        else cur += *p;
    }
    if (!cur.empty()) w.value(cur);
    w.end_array();
}

// The key's text, typed by its kind. The text comes from get_input, which the setters accept back, so the
// conversions below cannot fail for values that are set; an empty text is an unset optional.
void typed_value(json::Writer& w, const KeySpec& spec, const std::string& text) {
    if (text.empty() && spec.kind != KeyKind::Text && spec.kind != KeyKind::Choice) { w.null(); return; }
    switch (spec.kind) {
        case KeyKind::Int: w.value(static_cast<int64_t>(std::strtoll(text.c_str(), nullptr, 10))); break;
        case KeyKind::Number: w.value(std::strtod(text.c_str(), nullptr)); break;
        case KeyKind::Bool: w.value(text == "true"); break;
        default: w.value(text); break;
    }
}

}  // namespace

std::string models_json() {
    json::Writer w;
    w.begin_array();
    for (const auto& p : presets()) {
        const ModelConfig& m = p.config;
        w.begin_object()
            .field("id", m.id).field("name", m.name).field("source", m.source)
            .field("vocab_size", m.vocab_size).field("hidden_size", m.hidden_size).field("num_layers", m.num_layers)
            .field("num_heads", m.num_heads).field("num_kv_heads", m.kv_heads()).field("head_dim", m.head_size())
            .field("intermediate_size", m.dense_ffn()).field("num_experts", m.num_experts)
            .field("experts_per_token", m.experts_per_token).field("tie_embeddings", m.tie_embeddings)
            .field("max_positions", m.max_positions).field("published_total", p.published_total)
            .field("published_active", p.published_active).field("total_source", p.total_source)
            .end_object();
    }
    return w.end_array().take();
}

std::string gpus_json() {
    json::Writer w;
    w.begin_array();
    for (const auto& g : gpus()) {
        w.begin_object()
            .field("id", g.id).field("name", g.name).field("memory_bytes", g.memory_bytes)
            .field("memory_source", g.memory_source).field("usable_fraction", g.usable_fraction).field("bandwidth_bytes_per_second", g.bandwidth);
        w.key("peak_flops").begin_object()
            .field("fp32", g.fp32).field("tf32", g.tf32).field("bf16", g.bf16).field("fp16", g.fp16)
            .field("fp8", g.fp8).field("int8", g.int8).field("fp4", g.fp4)
            .end_object();
        w.field("source", g.source).field("verified", g.verified).end_object();
    }
    return w.end_array().take();
}

std::string formats_json() {
    json::Writer w;
    w.begin_array();
    for (const auto& f : number_formats()) {
        w.begin_object()
            .field("id", f.id).field("label", f.label).field("bits", f.bits()).field("bits_num", f.bits_num)
            .field("bits_den", f.bits_den).field("for_weights", f.for_weights).field("for_kv", f.for_kv)
            .field("quantized", f.quantized).field("sign_bits", f.sign_bits).field("exponent_bits", f.exponent_bits)
            .field("mantissa_bits", f.mantissa_bits).field("source", f.source)
            .end_object();
    }
    return w.end_array().take();
}

std::string optimizers_json() {
    json::Writer w;
    w.begin_array();
    for (const auto& o : optimizers())
        w.begin_object()
            .field("id", o.id).field("name", o.name).field("state_bytes_per_param", o.state_bytes_per_param)
            .field("source", o.source)
            .end_object();
    return w.end_array().take();
}

std::string keys_json() {
    json::Writer w;
    w.begin_array();
    for (const auto& k : input_keys()) {
        w.begin_object().field("key", k.key).field("kind", kind_name(k.kind)).field("help", k.help);
        w.key("choices");
        split_choices(w, k.choices);
        w.field("default", get_input(default_inputs(), k.key)).end_object();
    }
    return w.end_array().take();
}

std::string inputs_json(const Inputs& in, bool changed_only) {
    json::Writer w;
    w.begin_object();
    if (changed_only) {
        for (const auto& [k, v] : changed_inputs(in))
            if (const KeySpec* spec = find_key(k)) {
                w.key(k);
                typed_value(w, *spec, v);
            }
    } else {
        for (const auto& k : input_keys()) {
            w.key(k.key);
            typed_value(w, k, get_input(in, k.key));
        }
    }
    return w.end_object().take();
}

}  // namespace llmcalc
