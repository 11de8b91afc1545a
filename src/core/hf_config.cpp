#include "hf_config.hpp"

#include <nlohmann/json.hpp>

namespace llmcalc {
namespace {

using nlohmann::json;

// Read a positive integer field (first alias present). Returns 0 when absent; records an error when invalid.
int64_t get_int(const json& j, std::initializer_list<const char*> names, ImportResult& r, bool required) {
    for (const char* n : names) {
        auto it = j.find(n);
        if (it == j.end() || it->is_null()) continue;
        if (!it->is_number_integer() && !(it->is_number_float() && it->get<double>() == static_cast<double>(static_cast<int64_t>(it->get<double>())))) {
            r.errors.push_back({"config", std::string("'") + n + "' must be a whole number"});
            return 0;
        }
        const double v = it->get<double>();
        if (v < 1 || v > 1e12) {
            r.errors.push_back({"config", std::string("'") + n + "' must be at least 1, got " + it->dump()});
            return 0;
        }
        return static_cast<int64_t>(v);
    }
    if (required) r.errors.push_back({"config", std::string("missing '") + *names.begin() + "'"});
    return 0;
}

bool get_bool(const json& j, const char* name, bool fallback) {
    auto it = j.find(name);
    return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

}  // namespace

ImportResult import_hf_config(std::string_view text) {
    ImportResult r;
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        r.errors.push_back({"config", "not valid JSON"});
        return r;
    }
    if (!j.is_object()) {
        r.errors.push_back({"config", "must be a JSON object"});
        return r;
    }
    ModelConfig& m = r.config;
    m.id = "custom";
    std::string type = j.contains("model_type") && j["model_type"].is_string() ? j["model_type"].get<std::string>() : "";
    m.name = type.empty() ? "config.json" : type;
    m.vocab_size = get_int(j, {"vocab_size"}, r, true);
    m.hidden_size = get_int(j, {"hidden_size", "n_embd", "d_model"}, r, true);
    m.num_layers = get_int(j, {"num_hidden_layers", "n_layer", "num_layers"}, r, true);
    m.num_heads = get_int(j, {"num_attention_heads", "n_head"}, r, true);
    m.num_kv_heads = get_int(j, {"num_key_value_heads"}, r, false);
    m.head_dim = get_int(j, {"head_dim"}, r, false);
    m.intermediate_size = get_int(j, {"intermediate_size", "n_inner"}, r, false);
    m.max_positions = get_int(j, {"max_position_embeddings", "n_positions"}, r, false);
    m.tie_embeddings = get_bool(j, "tie_word_embeddings", type == "gpt2");
    if (type == "gpt2") {
        m.mlp = MlpKind::Plain; m.norm = NormKind::LayerNorm; m.norm_bias = true; m.pos = PosKind::Learned;
        m.qkv_bias = m.o_bias = m.mlp_bias = true;
    }
    m.qkv_bias = get_bool(j, "attention_bias", m.qkv_bias);
    if (type != "gpt2") m.o_bias = get_bool(j, "attention_bias", m.o_bias);
    m.mlp_bias = get_bool(j, "mlp_bias", m.mlp_bias);
    return r;
}

}  // namespace llmcalc
