// Hugging Face config.json -> ModelConfig. The mapping follows each family's `transformers` configuration class
// (configuration_<model_type>.py) and modeling file; when a key is missing the configuration class's default is
// used and a note says so. Nothing here throws: json::parse reports bad text as an error (with its line and column)
// and every value is type-checked before it is read. Errors carry key "config" and name the offending JSON key.
#include "hf_config.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>
#include <set>

#include "json.hpp"

namespace llmcalc {
namespace {

using json::Value;

// Largest dimension accepted: far above any real model, small enough that products of a few stay below 2^63.
constexpr double kMaxDim = 1e9;
constexpr size_t kMaxShown = 40;  // characters of an offending value echoed in an error

// config.json fields and the typed key that means the same thing: the field is held to that key's upper bound
// (inputs.cpp), so a config cannot ask for more work than the key allows (issue #14: 'layers' stopped at 1,000,000
// but "num_hidden_layers": 1e9 froze the page). Matched on the first (canonical) name a field is read under.
constexpr std::pair<const char*, const char*> kFieldKeys[] = {
    {"vocab_size", "vocab"}, {"hidden_size", "hidden"}, {"num_hidden_layers", "layers"},
    {"num_attention_heads", "heads"}, {"num_key_value_heads", "kv_heads"}, {"head_dim", "head_dim"},
    {"intermediate_size", "intermediate"}, {"n_inner", "intermediate"}, {"intermediate_size_mlp", "intermediate"},
    {"num_local_experts", "experts"}, {"num_experts", "experts"}, {"n_routed_experts", "experts"},
    {"num_experts_per_tok", "top_k"}, {"n_shared_experts", "shared_experts"},
    {"moe_intermediate_size", "moe_intermediate"}, {"shared_expert_intermediate_size", "moe_intermediate"},
    {"num_nextn_predict_layers", "layers"}, {"first_k_dense_replace", "layers"}, {"moe_layer_freq", "layers"},
    {"decoder_sparse_step", "layers"}, {"interleave_moe_layer_step", "layers"}, {"sliding_window_pattern", "layers"},
    {"max_position_embeddings", "seq"}, {"sliding_window", "seq"}, {"attention_chunk_size", "seq"},
    {"global_head_dim", "head_dim"}, {"num_global_key_value_heads", "kv_heads"}, {"top_k_experts", "top_k"},
    {"num_kv_shared_layers", "layers"}, {"hidden_size_per_layer_input", "hidden"},
    {"vocab_size_per_layer_input", "vocab"},
};

// The typed key whose range bounds config field `field`, or nullptr (then kMaxDim applies).
const KeySpec* key_bounding(const char* field) {
    for (const auto& [f, k] : kFieldKeys)
        if (std::string_view(f) == field) return find_key(k);
    return nullptr;
}

std::string shown(const Value& v) {
    // Python's non-finite floats are named as they were written (to_text would write null)
    if (v.is_double() && !std::isfinite(v.as_double()))
        return std::isnan(v.as_double()) ? "NaN" : v.as_double() > 0 ? "Infinity" : "-Infinity";
    std::string s = json::to_text(v);
    if (s.size() > kMaxShown) s = s.substr(0, kMaxShown) + "...";
    return s;
}

// Defaults of the transformers configuration class of one family, used for keys absent from config.json.
struct FamilyDefaults {
    const char* model_type;
    int64_t vocab, hidden, layers, heads, kv_heads, head_dim, intermediate;
    bool tie;
};

// Values of the __init__ defaults of configuration_<type>.py (transformers 4.5x). kv_heads/head_dim 0 = derived.
constexpr FamilyDefaults kDefaults[] = {
    {"gpt2", 50257, 768, 12, 12, 0, 0, 0, true},
    {"gpt_neox", 50432, 6144, 44, 64, 0, 0, 24576, false},
    {"llama", 32000, 4096, 32, 32, 0, 0, 11008, false},
    {"mistral", 32000, 4096, 32, 32, 8, 0, 14336, false},
    {"mixtral", 32000, 4096, 32, 32, 8, 0, 14336, false},
    {"qwen2", 151936, 4096, 32, 32, 32, 0, 22016, false},
    {"qwen3", 151936, 4096, 32, 32, 32, 128, 22016, false},
    {"qwen2_moe", 151936, 2048, 24, 16, 16, 0, 5632, false},
    {"qwen3_moe", 151936, 2048, 24, 32, 4, 128, 6144, false},
    {"gemma", 256000, 3072, 28, 16, 16, 256, 24576, true},
    {"gemma2", 256000, 2304, 26, 8, 4, 256, 9216, true},
    {"gemma3_text", 262208, 2304, 26, 8, 4, 256, 9216, true},
    {"gemma4_text", 262144, 2304, 30, 8, 4, 256, 9216, true},  // configuration_gemma4.Gemma4TextConfig
    {"phi3", 32064, 3072, 32, 32, 0, 0, 8192, false},
    {"deepseek_v2", 102400, 4096, 30, 32, 32, 0, 11008, false},
    {"deepseek_v3", 129280, 7168, 61, 128, 128, 0, 18432, false},
    {"deepseek_v32", 129280, 7168, 61, 128, 128, 0, 18432, false},  // DeepseekV32Config extends DeepseekV3Config
    {"kimi_k2", 163840, 7168, 61, 64, 64, 0, 18432, false},
    {"glm4_moe", 151552, 4096, 46, 96, 8, 128, 10944, false},
    {"gpt_oss", 201088, 2880, 36, 64, 8, 64, 2880, false},
    {"llama4_text", 202048, 5120, 48, 40, 8, 128, 8192, false},
};

const FamilyDefaults* defaults_for(const std::string& type) {
    for (const auto& d : kDefaults)
        if (type == d.model_type) return &d;
    return nullptr;
}

// Typed access to one JSON object, recording named errors and default notes into the ImportResult.
class Reader {
public:
    Reader(const Value& j, ImportResult& r, std::string family) : j_(j), r_(r), family_(std::move(family)) {}

    const Value* find(std::initializer_list<const char*> names, const char** found = nullptr) const {
        for (const char* n : names) {
            const Value* v = j_.find(n);
            if (v && !v->is_null()) {
                if (found) *found = n;
                // read: understood (unread_keys lists the others); the other spellings of the same quantity
                // (n_positions beside n_ctx) are the first one's aliases, understood too
                for (const char* alias : names) seen_.insert(alias);
                return v;
            }
        }
        return nullptr;
    }
    // A key deliberately left unused because the keys read make it irrelevant (e.g. 'sliding_window' when
    // 'use_sliding_window' is false).
    void mark(const char* name) const { seen_.insert(name); }
    bool seen(const std::string& name) const { return seen_.count(name) > 0; }
    const Value& object() const { return j_; }
    bool has(std::initializer_list<const char*> names) const { return find(names) != nullptr; }

    // A whole number in [lo, kMaxDim]. Absent (or null): `fallback`, with a note when `noted` is set. Returns -1
    // after recording an error.
    int64_t integer(std::initializer_list<const char*> names, int64_t fallback, int64_t lo = 1, bool noted = false) {
        const char* key = *names.begin();
        const Value* v = find(names, &key);
        if (!v) {
            if (noted && fallback >= lo)
                r_.notes.push_back("config: '" + std::string(*names.begin()) + "' missing, using the " + family_ +
                                   " default " + std::to_string(fallback));
            return fallback;
        }
        double x = 0;
        if (v->is_int()) {
            x = static_cast<double>(v->as_int());
        } else if (v->is_double()) {  // also integers beyond int64 (too large below)
            x = v->as_double();
            if (!std::isfinite(x) || x != std::floor(x)) return fail(key, "must be a whole number, got " + shown(*v));
        } else {
            return fail(key, "must be a whole number, got " + shown(*v));
        }
        if (x < static_cast<double>(lo)) return fail(key, "must be at least " + std::to_string(lo) + ", got " + shown(*v));
        if (const KeySpec* k = key_bounding(*names.begin()); k && x > static_cast<double>(k->hi))
            return fail(key, "is too large (" + shown(*v) + "): at most " + std::to_string(k->hi) + ", as for key '" +
                                 k->key + "'");
        if (x > kMaxDim) return fail(key, "is too large (" + shown(*v) + ")");
        return static_cast<int64_t>(x);
    }
    bool boolean(const char* name, bool fallback) {
        const Value* v = find({name});
        if (!v) return fallback;
        if (!v->is_bool()) { fail(name, "must be true or false, got " + shown(*v)); return fallback; }
        return v->as_bool();
    }
    double number(const char* name, double fallback) {
        const Value* v = find({name});
        if (!v) return fallback;
        if (!v->is_number() || !std::isfinite(v->as_double())) { fail(name, "must be a number, got " + shown(*v)); return fallback; }
        return v->as_double();
    }
    std::string text(const char* name) const {
        const Value* v = find({name});
        return v && v->is_string() ? v->as_string() : std::string();
    }
    int64_t fail(const std::string& key, const std::string& msg) {
        r_.errors.push_back({"config", "'" + key + "' " + msg});
        return -1;
    }
    // `layer_types`: ["sliding_attention" | "full_attention" | ...] per layer (transformers >= 4.53).
    bool layer_types(int64_t layers, std::vector<bool>& sliding) {
        const Value* v = find({"layer_types"});
        if (!v) return false;
        if (!v->is_array()) { fail("layer_types", "must be an array of strings"); return false; }
        if (static_cast<int64_t>(v->size()) != layers) {
            fail("layer_types", "has " + std::to_string(v->size()) + " entries but 'num_hidden_layers' is " + std::to_string(layers));
            return false;
        }
        sliding.assign(static_cast<size_t>(layers), false);
        for (size_t i = 0; i < v->size(); ++i) {
            const Value& e = (*v)[i];
            if (!e.is_string()) { fail("layer_types", "entry " + std::to_string(i) + " must be a string"); return false; }
            const std::string& s = e.as_string();
            sliding[i] = s.find("sliding") != std::string::npos || s == "chunked_attention";
        }
        return true;
    }
    // A list of layer indices (Qwen MoE `mlp_only_layers`, Llama 4 `moe_layers`).
    bool index_list(const char* name, int64_t layers, std::vector<int64_t>& out) {
        const Value* v = find({name});
        if (!v) return false;
        if (!v->is_array()) { fail(name, "must be an array of layer indices"); return false; }
        for (const Value& e : v->items()) {
            if (!e.is_int() || e.as_int() < 0 || e.as_int() >= layers) {
                fail(name, "entries must be layer indices in [0, " + std::to_string(layers) + "), got " + shown(e));
                return false;
            }
            out.push_back(e.as_int());
        }
        return true;
    }
    const std::string& family() const { return family_; }

private:
    const Value& j_;
    ImportResult& r_;
    std::string family_;
    mutable std::set<std::string> seen_;
};

bool one_of(const std::string& t, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (t == n) return true;
    return false;
}

// Sliding pattern from `layer_types`, else from a period (Gemma 2: 2, Gemma 3 `sliding_window_pattern`: 6).
void sliding_from(Reader& rd, ModelConfig& m, int64_t period_default) {
    std::vector<bool> types;
    if (rd.layer_types(m.num_layers, types)) { m.layer_sliding = types; return; }
    const int64_t period = rd.integer({"sliding_window_pattern"}, period_default, 1);
    if (period > 0) m.layer_sliding = sliding_layers_every(m.num_layers, period);
}

void map_moe_deepseek(Reader& rd, ModelConfig& m) {
    m.num_experts = rd.integer({"n_routed_experts"}, 0, 0);
    m.experts_per_token = rd.integer({"num_experts_per_tok"}, 0, 0);
    m.num_shared_experts = rd.integer({"n_shared_experts"}, 0, 0);
    m.moe_intermediate_size = rd.integer({"moe_intermediate_size"}, 0, 0);
    const int64_t first_dense = rd.integer({"first_k_dense_replace"}, 0, 0);
    const int64_t freq = rd.integer({"moe_layer_freq"}, 1, 1);
    if (m.num_experts > 0 && m.num_layers > 0 && first_dense >= 0 && freq > 0)
        m.layer_moe = moe_layers_first_dense(m.num_layers, first_dense, freq);
    // noaux_tc routing keeps a per-expert e_score_correction_bias (DeepSeek-V3 report Sec. 2.1.2).
    m.router_bias = rd.text("topk_method") == "noaux_tc" || rd.family() == "deepseek_v3" || rd.family() == "kimi_k2" ||
                    rd.family() == "glm4_moe";
    m.num_mtp_modules = rd.integer({"num_nextn_predict_layers"}, 0, 0);
}

// A key written twice in one object: like Python's json (and transformers) the last value is used; say so, naming
// the key (issue #14: duplicate keys were taken last-wins silently). Sorted, so a huge object costs n log n.
void note_repeated_keys(const Value& obj, const char* where, ImportResult& r) {
    std::vector<std::string_view> keys;
    keys.reserve(obj.size());
    for (size_t i = 0; i < obj.size(); ++i) keys.push_back(obj.key(i));
    std::sort(keys.begin(), keys.end());
    size_t shown_notes = 0, more = 0;
    for (size_t i = 1; i < keys.size(); ++i) {
        if (keys[i] != keys[i - 1] || (i >= 2 && keys[i - 2] == keys[i])) continue;
        if (++shown_notes > 5) { ++more; continue; }
        r.notes.push_back("config: '" + std::string(keys[i]) + "' appears more than once" + where +
                          "; the last value is used");
    }
    if (more) r.notes.push_back("config: " + std::to_string(more) + " more keys appear more than once" + where);
}

// Qwen2MoeDecoderLayer: layer i is sparse when i is not in mlp_only_layers and (i + 1) % decoder_sparse_step == 0.
void qwen_moe_layers(Reader& rd, ModelConfig& m) {
    const int64_t step = rd.integer({"decoder_sparse_step"}, 1, 1);
    std::vector<int64_t> only;
    rd.index_list("mlp_only_layers", m.num_layers, only);
    if (step > 0) {
        m.layer_moe = moe_layers_interleave(m.num_layers, step);
        for (int64_t i : only) m.layer_moe[static_cast<size_t>(i)] = false;
    }
}

// Bytes of one element of a torch dtype name ("float32", "bfloat16", ...); 0 when unknown.
int64_t dtype_bytes(const std::string& t) {
    if (t == "float32" || t == "fp32" || t == "float") return 4;
    if (t == "bfloat16" || t == "float16" || t == "bf16" || t == "fp16" || t == "half") return 2;
    if (t.rfind("float8", 0) == 0 || t == "fp8") return 1;
    return 0;
}

// MoE from its keys, whatever the model_type: the spellings of transformers' configuration classes
// (Qwen2/3-MoE, Qwen3-Next, Qwen3.5 num_experts; DeepSeek / GLM / Nemotron-H n_routed_experts; Mixtral
// num_local_experts; ERNIE / Megatron moe_num_experts), shared experts and their gate, and the layer pattern.
void map_moe_generic(Reader& rd, ModelConfig& m, ImportResult& r) {
    const char* key = "num_experts";
    // mlp_only_layers names the layers without experts: without experts (Qwen3.5's dense models list it, empty)
    // every layer is dense whatever it says
    if (!rd.find({"num_experts", "n_routed_experts", "num_local_experts", "moe_num_experts"}, &key)) {
        rd.mark("mlp_only_layers");
        return;
    }
    m.num_experts = rd.integer({key}, 0, 0);
    if (m.num_experts <= 0) {  // 0 experts: a dense model
        m.num_experts = 0;
        rd.mark("mlp_only_layers");
        return;
    }
    m.experts_per_token = rd.integer({"num_experts_per_tok", "experts_per_token", "moe_topk", "moe_k"}, 0, 0);
    m.moe_intermediate_size = rd.integer({"moe_intermediate_size", "expert_intermediate_size", "moe_ffn_hidden_size"}, 0, 0);
    if (m.moe_intermediate_size == 0 && m.intermediate_size > 0) {
        // Mixtral's convention: the experts are intermediate_size wide (MixtralSparseMoeBlock)
        m.moe_intermediate_size = m.intermediate_size;
        r.notes.push_back("config: no 'moe_intermediate_size': the experts use 'intermediate_size' (" +
                          std::to_string(m.intermediate_size) + ", Mixtral's convention)");
    }
    // Latent MoE (Nemotron-3 Super; modeling_nemotron_h.NemotronHMoE): the routed experts work in moe_latent_size,
    // between fc1_latent_proj (h -> latent) and fc2_latent_proj (latent -> h); null (Nemotron-3 Nano) = none.
    m.moe_latent_size = rd.integer({"moe_latent_size"}, 0, 1);
    const char* skey = "shared_expert_intermediate_size";
    if (rd.find({"shared_expert_intermediate_size", "moe_shared_expert_intermediate_size", "shared_intermediate_size"}, &skey)) {
        m.shared_intermediate_size = rd.integer({skey}, 0, 0);
        m.num_shared_experts = rd.integer({"n_shared_experts", "num_shared_experts"}, m.shared_intermediate_size > 0 ? 1 : 0, 0);
        // Qwen2-MoE / Qwen3-Next / Qwen3.5 gate their shared expert with Linear(h, 1) (Qwen2MoeSparseMoeBlock
        // .shared_expert_gate); Nemotron-H's moe_shared_expert_intermediate_size expert has no gate.
        m.shared_expert_gate = std::string(skey) == "shared_expert_intermediate_size" && m.num_shared_experts > 0;
    } else {
        m.num_shared_experts = rd.integer({"n_shared_experts", "num_shared_experts"}, 0, 0);
    }
    // The MoE layer pattern: DeepSeek's first_k_dense_replace / moe_layer_freq, Qwen's decoder_sparse_step /
    // mlp_only_layers, or every layer.
    if (rd.has({"first_k_dense_replace", "moe_layer_freq"})) {
        const int64_t first_dense = rd.integer({"first_k_dense_replace"}, 0, 0);
        const int64_t freq = rd.integer({"moe_layer_freq"}, 1, 1);
        if (first_dense >= 0 && freq > 0) m.layer_moe = moe_layers_first_dense(m.num_layers, first_dense, freq);
    } else if (rd.has({"decoder_sparse_step", "mlp_only_layers"})) {
        qwen_moe_layers(rd, m);
    }
    // A per-expert score-correction bias with DeepSeek-V3's noaux_tc / sigmoid routing (DeepSeek-V3 report
    // Sec. 2.1.2; Nemotron-H's NemotronHTopkRouter.e_score_correction_bias).
    m.router_bias = m.router_bias || rd.text("topk_method") == "noaux_tc" || rd.text("scoring_func") == "sigmoid";
}

// MiniMax-M2 / M2.1 / M2.7 (modeling_minimax_m2): full attention in every layer (attn_type_list all 1; MiniMax-M1's
// 0 = lightning attention is not read here), q/k RMSNorms over the whole projection (use_qk_norm with qk_norm_type
// "per_layer"), RoPE on rotary_dim of each head, every layer MoE (num_local_experts of intermediate_size, sigmoid
// router with e_score_correction_bias when use_routing_bias, shared_intermediate_size 0 = no shared expert).
// Checked: these shapes give MiniMax-M2's Hub total 228,689,764,864 exactly.
void map_minimax_m2(Reader& rd, ModelConfig& m, ImportResult& r) {
    if (rd.boolean("use_qk_norm", false)) {
        const std::string t = rd.text("qk_norm_type");
        if (t == "per_layer" || t.empty()) { m.qk_norm = true; m.qk_norm_full = true; }
        else if (t == "per_head") m.qk_norm = true;
        else rd.fail("qk_norm_type", "must be \"per_layer\" or \"per_head\", got \"" + t + "\"");
    }
    m.router_bias = rd.boolean("use_routing_bias", false);
    if (const Value* rot = rd.find({"rotary_dim"}); rot && rot->is_number() && m.head_dim > 0)
        m.partial_rotary = rot->as_double() / static_cast<double>(m.head_dim);
    if (const Value* at = rd.find({"attn_type_list"})) {
        bool all_full = at->is_array();
        for (size_t i = 0; all_full && i < at->size(); ++i) all_full = (*at)[i].is_int() && (*at)[i].as_int() == 1;
        if (!all_full) {
            r.warnings.push_back("config: 'attn_type_list' has layers that are not full attention (MiniMax's lightning "
                                 "attention); every layer is counted as full attention");
            m.ignored_keys.push_back("attn_type_list");
        }
    }
    // The config names MTP modules, but the released checkpoints hold no MTP weights: the Hub total equals the count
    // without them. They are named in a note and not counted.
    if (rd.boolean("use_mtp", false) || rd.has({"num_mtp_modules"})) {
        const int64_t n = rd.integer({"num_mtp_modules"}, 0, 0);
        rd.mark("mtp_transformer_layers");
        if (n > 0)
            r.notes.push_back("config: 'num_mtp_modules' " + std::to_string(n) + ": MiniMax-M2's released checkpoints "
                              "carry no MTP weights, so they are not counted (include_mtp has nothing to add)");
    }
}

// Nemotron-H's per-block pattern, as hybrid_override_pattern writes it (M = Mamba-2, * = attention, - = MLP, E = MoE), from
// either that string or the newer list layers_block_type / mtp_layers_block_type, whose names are "mamba" (older:
// "conv", "linear_attention"), "attention" ("full_attention"), "mlp" and "moe" (configuration_nemotron_h.NemotronHConfig;
// the same mapping as mlx-lm's nemotron_h.ModelArgs, tests/test_models.py test_nemotron_h_layer_count_from_block_types).
// Returns "" after rd.fail when the value is neither, or empty.
std::string block_pattern(Reader& rd, const char* key, const Value& v) {
    if (v.is_string() && !v.as_string().empty()) return v.as_string();
    std::string out;
    if (v.is_array()) {
        for (size_t i = 0; i < v.size(); ++i) {
            const Value& e = v[i];
            const std::string t = e.is_string() ? e.as_string() : std::string();
            if (t == "mamba" || t == "conv" || t == "linear_attention") out += 'M';
            else if (t == "attention" || t == "full_attention") out += '*';
            else if (t == "mlp") out += '-';
            else if (t == "moe") out += 'E';
            else {
                rd.fail(key, "entry " + std::to_string(i) + " must be \"mamba\", \"attention\", \"mlp\" or \"moe\", got " + shown(e));
                return std::string();
            }
        }
        if (!out.empty()) return out;
    }
    rd.fail(key, "must be a string of the characters M * - E or a list of block types, got " + shown(v));
    return std::string();
}

// The block pattern under either spelling, `string_key` (hybrid_override_pattern's) or `list_key` (layers_block_type's);
// given both, they must agree. *pattern: empty when neither is given; *key: the key it was read from. False after
// rd.fail.
bool read_block_pattern(Reader& rd, const char* string_key, const char* list_key, std::string* pattern, const char** key) {
    pattern->clear();
    *key = string_key;
    const Value* pat = rd.find({string_key, list_key}, key);
    if (!pat) return true;
    const std::string p = block_pattern(rd, *key, *pat);
    if (p.empty()) return false;
    if (const Value* other = rd.find({list_key}); other && other != pat) {  // both spellings given
        const std::string q = block_pattern(rd, list_key, *other);
        if (q.empty()) return false;
        if (q != p) {
            rd.fail(list_key, std::string("disagrees with '") + string_key + "'");
            return false;
        }
    }
    *pattern = p;
    return true;
}

// Multi-token prediction layers (DeepSeek num_nextn_predict_layers, Qwen3.5 mtp_num_hidden_layers).
void map_mtp(Reader& rd, ModelConfig& m) {
    const char* key = "num_nextn_predict_layers";
    if (!rd.find({"num_nextn_predict_layers", "mtp_num_hidden_layers"}, &key)) return;
    m.num_mtp_modules = rd.integer({key}, 0, 0);
    // DeepSeek-V3 / GLM-4.5 store an embedding and head copy per MTP layer; Qwen3.5 shares them unless
    // mtp_use_dedicated_embeddings (Qwen3_5TextConfig).
    m.mtp_own_embeddings = std::string(key) == "num_nextn_predict_layers";
    if (rd.has({"mtp_use_dedicated_embeddings"})) m.mtp_own_embeddings = rd.boolean("mtp_use_dedicated_embeddings", false);
    // Nemotron-H (Nemotron-3 Super): each MTP module is the blocks of mtp_hybrid_override_pattern ("*E": an attention
    // block and a MoE block), sharing the embedding and head (vLLM nemotron_h_mtp.py NemotronHMultiTokenPredictor).
    std::string p;
    const char* mtp_key = nullptr;
    if (!read_block_pattern(rd, "mtp_hybrid_override_pattern", "mtp_layers_block_type", &p, &mtp_key) || p.empty()) return;
    if (p.find_first_not_of("M*-E") != std::string::npos) {
        rd.fail(mtp_key, "must be a non-empty string of the characters M * - E, got " + shown(*rd.find({mtp_key})));
        return;
    }
    m.mtp_pattern = p;
    m.mtp_own_embeddings = false;
}

// Hybrid linear attention: Gated DeltaNet layers (Qwen3-Next / Qwen3.5: linear_* keys with layer_types or
// full_attention_interval) and Nemotron-H's per-block pattern (hybrid_override_pattern: M = Mamba-2, * = attention,
// - = MLP, E = MoE; configuration_nemotron_h.NemotronHConfig.layers_block_type).
void map_hybrid(Reader& rd, ModelConfig& m, ImportResult& r) {
    const int64_t L = m.num_layers;
    if (rd.has({"linear_num_value_heads", "linear_num_key_heads"})) {
        m.linear_num_key_heads = rd.integer({"linear_num_key_heads"}, 0, 1);
        m.linear_num_value_heads = rd.integer({"linear_num_value_heads"}, 0, 1);
        m.linear_key_head_dim = rd.integer({"linear_key_head_dim"}, 0, 1);
        m.linear_value_head_dim = rd.integer({"linear_value_head_dim"}, 0, 1);
        m.linear_conv_kernel = rd.integer({"linear_conv_kernel_dim"}, 4, 1, true);
        for (auto [v, k] : {std::pair<int64_t, const char*>{m.linear_num_key_heads, "linear_num_key_heads"},
                            {m.linear_num_value_heads, "linear_num_value_heads"}, {m.linear_key_head_dim, "linear_key_head_dim"},
                            {m.linear_value_head_dim, "linear_value_head_dim"}})
            if (v == 0) rd.fail(k, "is required for Gated DeltaNet layers");
        m.layer_mixer.assign(static_cast<size_t>(L), Mixer::Attention);
        if (const Value* lt = rd.find({"layer_types"})) {
            if (!lt->is_array() || static_cast<int64_t>(lt->size()) != L) {
                rd.fail("layer_types", "must list one type per layer (" + std::to_string(L) + ")");
                return;
            }
            for (size_t i = 0; i < lt->size(); ++i) {
                const Value& e = (*lt)[i];
                const std::string t = e.is_string() ? e.as_string() : std::string();
                if (t == "linear_attention") m.layer_mixer[i] = Mixer::GatedDeltaNet;
                else if (t != "full_attention") { rd.fail("layer_types", "entry " + std::to_string(i) + " must be \"linear_attention\" or \"full_attention\", got " + shown(e)); return; }
            }
        } else {
            // Qwen3NextConfig: layer_types default, layer i full attention when (i + 1) % full_attention_interval == 0
            const int64_t every = rd.integer({"full_attention_interval"}, 4, 1, true);
            for (int64_t i = 0; i < L; ++i)
                if (every > 0 && (i + 1) % every != 0) m.layer_mixer[static_cast<size_t>(i)] = Mixer::GatedDeltaNet;
        }
        rd.mark("full_attention_interval");  // layer_types, when given, is the pattern itself
    }
    std::string p;
    const char* pat_key = nullptr;
    if (!read_block_pattern(rd, "hybrid_override_pattern", "layers_block_type", &p, &pat_key)) return;
    if (!p.empty()) {
        if (static_cast<int64_t>(p.size()) != L) {
            rd.fail(pat_key, "must give one block per layer (" + std::to_string(L) + "), got " + std::to_string(p.size()));
            return;
        }
        m.layer_mixer.assign(static_cast<size_t>(L), Mixer::None);
        m.layer_no_ffn.assign(static_cast<size_t>(L), true);
        m.layer_moe.assign(static_cast<size_t>(L), false);
        for (size_t i = 0; i < p.size(); ++i) {
            switch (p[i]) {
                case 'M': m.layer_mixer[i] = Mixer::Mamba2; break;
                case '*': m.layer_mixer[i] = Mixer::Attention; break;
                case '-': m.layer_no_ffn[i] = false; break;
                case 'E': m.layer_no_ffn[i] = false; m.layer_moe[i] = true; break;
                default:
                    rd.fail(pat_key, std::string("character ") + std::to_string(i) + " must be one of M * - E, got '" + p[i] + "'");
                    return;
            }
        }
        // NemotronHBlock: one RMSNorm before its single mixer / MLP
        m.norms_per_layer = 1;
    }
    bool mamba = false;
    for (Mixer x : m.layer_mixer) mamba = mamba || x == Mixer::Mamba2;
    if (mamba) {
        m.mamba_num_heads = rd.integer({"mamba_num_heads"}, 0, 1);
        m.mamba_head_dim = rd.integer({"mamba_head_dim"}, 0, 1);
        m.mamba_state_size = rd.integer({"ssm_state_size", "state_size", "mamba_d_state"}, 128, 1, true);
        m.mamba_groups = rd.integer({"n_groups", "mamba_n_groups"}, 8, 1, true);
        m.mamba_conv_kernel = rd.integer({"conv_kernel", "mamba_d_conv"}, 4, 1, true);
        m.mamba_conv_bias = rd.boolean("use_conv_bias", true);
        m.mamba_proj_bias = rd.has({"mamba_proj_bias"}) ? rd.boolean("mamba_proj_bias", false) : rd.boolean("use_bias", false);
        rd.mark("use_bias");
        rd.mark("expand");  // NemotronHMamba2Mixer sizes the mixer from mamba_num_heads x mamba_head_dim
        if (m.mamba_num_heads == 0) rd.fail("mamba_num_heads", "is required for Mamba-2 layers");
        if (m.mamba_head_dim == 0) rd.fail("mamba_head_dim", "is required for Mamba-2 layers");
    }
    if (m.layer_mixer.empty()) return;
    // State dtypes: the recurrent state as mamba_ssm_cache_dtype / mamba_ssm_dtype says (vLLM
    // --mamba-ssm-cache-dtype), the convolution window in the model's dtype.
    const std::string model_dtype = !rd.text("torch_dtype").empty() ? rd.text("torch_dtype") : rd.text("dtype");
    if (const int64_t b = dtype_bytes(model_dtype)) m.state_conv_bytes = m.state_ssm_bytes = b;
    const char* skey = "mamba_ssm_cache_dtype";
    if (rd.find({"mamba_ssm_cache_dtype", "mamba_ssm_dtype"}, &skey)) {
        const int64_t b = dtype_bytes(rd.text(skey));
        if (b > 0) m.state_ssm_bytes = b;
        else r.notes.push_back("config: '" + std::string(skey) + "' is not a dtype read here; the state is counted in 16 bits");
    }
}

// Gemma 4's language model (configuration_gemma4.Gemma4TextConfig, modeling_gemma4.Gemma4TextModel): Gemma 3's
// layer (four norms, q/k norms, scaled embeddings, sliding layers from layer_types, default 5 : 1) and
// - full-attention layers with global_head_dim (default 512) and, with attention_k_eq_v, num_global_key_value_heads
//   KV heads and no v_proj (Gemma4TextAttention.use_alternative_attention);
// - num_kv_shared_layers: the last layers reuse earlier layers' K/V (no cache); with use_double_wide_mlp their MLP is
//   2 x intermediate_size wide (Gemma4TextMLP);
// - per-layer embeddings when hidden_size_per_layer_input > 0;
// - enable_moe_block: num_experts routed experts (moe_intermediate_size, top_k_experts) beside the layer's dense MLP
//   (counted as one shared expert of intermediate_size), Gemma4TextRouter's scale and per_expert_scale, three more
//   norms;
// - a stored layer_scalar per layer.
// Checked: gemma-4-26B-A4B-it's config gives its Hub total 25,805,936,206 exactly (with its vision tower).
void map_gemma4_text(Reader& rd, ModelConfig& m, ImportResult& r) {
    m.embed_scale = true; m.norms_per_layer = 4; m.qk_norm = true; m.layer_scalar = true;
    m.sliding_window = rd.integer({"sliding_window"}, 512, 0, true);
    sliding_from(rd, m, 6);
    m.global_head_dim = rd.integer({"global_head_dim"}, 512, 0, true);
    m.global_k_eq_v = rd.boolean("attention_k_eq_v", false);
    // num_global_key_value_heads only with attention_k_eq_v (None: num_key_value_heads)
    const int64_t global_kv = rd.integer({"num_global_key_value_heads"}, m.num_kv_heads, 1);
    if (m.global_k_eq_v) m.global_kv_heads = global_kv;
    if (m.global_kv_heads > 0 && m.num_heads % m.global_kv_heads != 0)
        rd.fail("num_global_key_value_heads", "must divide 'num_attention_heads' (" + std::to_string(m.num_heads) +
                                                  " / " + std::to_string(m.global_kv_heads) + ")");
    m.kv_shared_layers = rd.integer({"num_kv_shared_layers"}, 0, 0);
    if (m.kv_shared_layers > m.num_layers)
        rd.fail("num_kv_shared_layers", "must not exceed 'num_hidden_layers' (" + std::to_string(m.kv_shared_layers) +
                                            " > " + std::to_string(m.num_layers) + ")");
    const bool double_wide = rd.boolean("use_double_wide_mlp", false);
    m.per_layer_input = rd.integer({"hidden_size_per_layer_input"}, 256, 0, true);
    m.per_layer_vocab = rd.integer({"vocab_size_per_layer_input"}, 262144, 1, m.per_layer_input > 0);
    if (rd.boolean("enable_moe_block", false)) {
        m.num_experts = rd.integer({"num_experts"}, 0, 1);
        m.experts_per_token = rd.integer({"top_k_experts"}, 0, 1);
        m.moe_intermediate_size = rd.integer({"moe_intermediate_size"}, 0, 1);
        for (auto [v, k] : {std::pair<int64_t, const char*>{m.num_experts, "num_experts"},
                            {m.experts_per_token, "top_k_experts"}, {m.moe_intermediate_size, "moe_intermediate_size"}})
            if (v == 0) rd.fail(k, "is required when 'enable_moe_block' is true");
        m.num_shared_experts = 1;  // the dense Gemma4TextMLP beside the experts
        m.shared_intermediate_size = m.intermediate_size;
        m.router_scales = true;
        m.moe_norms = 3;
    } else {
        for (const char* k : {"num_experts", "top_k_experts", "moe_intermediate_size"}) rd.mark(k);
    }
    const int64_t first_shared = m.num_layers - m.kv_shared_layers;
    if (double_wide && m.kv_shared_layers > 0 && first_shared > 0 && m.intermediate_size > 0) {
        if (m.num_experts > 0) {
            r.warnings.push_back("config: 'use_double_wide_mlp' with 'enable_moe_block': the doubled MLP of the KV-sharing "
                                 "layers is not counted");
            m.ignored_keys.push_back("use_double_wide_mlp");
        } else {
            m.double_wide_mlp = true;
            double_wide_mlp_widths(m);
        }
    }
    // use_bidirectional_attention changes masks (vision tokens), not weights or the cache
    rd.mark("use_bidirectional_attention");
}

// NAS-derived Llamas (Llama-3.x-Nemotron Super / Ultra; model_type "nemotron-nas", DeciLMForCausalLM): one entry of
// block_configs per layer. modeling_decilm.DeciLMDecoderLayer: an attention that is a no_op is absent (no KV cache,
// no input_layernorm), else Llama attention with num_attention_heads / n_heads_in_group KV heads; an FFN that is a
// no_op is absent (no post_attention_layernorm), else a gated MLP of _ffn_mult_to_intermediate_size(ffn_mult, h) =
// int(2·ffn_mult·h / 3) rounded up to a multiple of 256 (the same rule in llama.cpp's DeciModel converter). Checked:
// Llama-3.3-Nemotron-Super-49B-v1's blocks give its Hub total 49,867,145,216 exactly. Linear replacements, sparsity,
// windows, sinks and KV-head groups that vary by layer are not read: named in the warnings.
void map_block_configs(Reader& rd, ModelConfig& m, ImportResult& r) {
    const Value* bc = rd.find({"block_configs"});
    if (!bc) return;
    const int64_t L = m.num_layers;
    if (!bc->is_array() || static_cast<int64_t>(bc->size()) != L) {
        rd.fail("block_configs", "must list one block per layer (" + std::to_string(L) + ")");
        return;
    }
    const size_t n = static_cast<size_t>(L);
    m.layer_mixer.assign(n, Mixer::Attention);
    m.layer_no_ffn.assign(n, false);
    m.layer_ffn_slot.assign(n, 0);
    m.ffn_widths.clear();
    std::set<std::string> odd;  // block features not understood
    auto flag = [](const Value& o, const char* k) { const Value* v = o.find(k); return v && v->is_bool() && v->as_bool(); };
    auto given = [](const Value& o, const char* k) {
        const Value* v = o.find(k);
        return v && !v->is_null() && !(v->is_bool() && !v->as_bool());
    };
    int64_t group = 0, no_attn = 0, no_ffn = 0;
    for (size_t i = 0; i < n; ++i) {
        const Value& b = (*bc)[i];
        const Value* a = b.is_object() ? b.find("attention") : nullptr;
        const Value* f = b.is_object() ? b.find("ffn") : nullptr;
        const std::string at = "block_configs[" + std::to_string(i) + "]";
        if (!a || !a->is_object() || !f || !f->is_object()) {
            rd.fail(at, "must have an 'attention' and an 'ffn' object");
            return;
        }
        for (size_t k = 0; k < b.size(); ++k)
            if (b.key(k) != "attention" && b.key(k) != "ffn" && !b.items()[k].is_null()) odd.insert(b.key(k));
        for (size_t k = 0; k < a->size(); ++k) {
            const std::string& key = a->key(k);
            const bool known = key == "no_op" || key == "n_heads_in_group" || key == "replace_with_linear";
            if (!known && given(*a, key.c_str())) odd.insert("attention." + key);
        }
        for (size_t k = 0; k < f->size(); ++k) {
            const std::string& key = f->key(k);
            const bool known = key == "no_op" || key == "ffn_mult" || key == "replace_with_linear";
            if (!known && given(*f, key.c_str())) odd.insert("ffn." + key);
        }
        if (flag(*a, "no_op")) {
            m.layer_mixer[i] = Mixer::None;
            ++no_attn;
        } else if (flag(*a, "replace_with_linear")) {
            odd.insert("attention.replace_with_linear");
        } else {
            const Value* g = a->find("n_heads_in_group");
            if (!g || !g->is_int() || g->as_int() < 1 || m.num_heads % g->as_int() != 0) {
                rd.fail(at + ".attention.n_heads_in_group", "must be a whole number that divides 'num_attention_heads' (" +
                                                                 std::to_string(m.num_heads) + "), got " + (g ? shown(*g) : "nothing"));
                return;
            }
            if (group == 0) group = g->as_int();
            else if (group != g->as_int()) odd.insert("attention.n_heads_in_group (varies by layer)");
        }
        if (flag(*f, "no_op")) {
            m.layer_no_ffn[i] = true;
            ++no_ffn;
        } else if (flag(*f, "replace_with_linear")) {
            odd.insert("ffn.replace_with_linear");
        } else {
            const Value* mult = f->find("ffn_mult");
            if (!mult || !mult->is_number() || !(mult->as_double() > 0) || mult->as_double() > 1e3) {
                rd.fail(at + ".ffn.ffn_mult", "must be a number in (0, 1000], got " + (mult ? shown(*mult) : "nothing"));
                return;
            }
            // modeling_decilm._ffn_mult_to_intermediate_size: int(2 * ffn_mult * n_embd / 3), then find_multiple 256
            const int64_t raw = static_cast<int64_t>(2.0 * mult->as_double() * static_cast<double>(m.hidden_size) / 3.0);
            const int64_t width = (raw + 255) / 256 * 256;
            size_t slot = 0;
            while (slot < m.ffn_widths.size() && m.ffn_widths[slot] != width) ++slot;
            if (slot == m.ffn_widths.size()) {
                if (m.ffn_widths.size() == static_cast<size_t>(ModelConfig::kMaxFfnWidths)) {
                    odd.insert("ffn.ffn_mult (more than " + std::to_string(ModelConfig::kMaxFfnWidths) + " widths)");
                    slot = 0;  // counted at the first width
                } else {
                    m.ffn_widths.push_back(width);
                }
            }
            m.layer_ffn_slot[i] = static_cast<uint8_t>(slot);
        }
    }
    m.num_kv_heads = group > 0 ? m.num_heads / group : m.num_heads;
    int64_t widest = 0;
    for (int64_t w : m.ffn_widths) widest = std::max(widest, w);
    if (widest > 0) {
        m.intermediate_size = widest;
    } else {
        m.ffn_widths.clear();
        m.layer_ffn_slot.clear();
    }
    m.norm_per_sublayer = true;
    std::string widths;
    for (int64_t w : m.ffn_widths) widths += (widths.empty() ? "" : ", ") + std::to_string(w);
    r.notes.push_back("config: block_configs read per layer: " + std::to_string(no_attn) + " layers without attention, " +
                      std::to_string(no_ffn) + " without an FFN, " + std::to_string(m.num_kv_heads) +
                      " KV heads, FFN widths " + (widths.empty() ? std::string("none") : widths));
    if (!odd.empty()) {
        std::string list;
        for (const auto& k : odd) list += (list.empty() ? "'" : ", '") + k + "'";
        r.warnings.push_back("config: block_configs has block features not understood, so the counts are approximate: " +
                             list + " (such blocks are counted as plain attention / gated FFN)");
        m.ignored_keys.push_back("block_configs");
    }
}

// Keys that never shape weights or cache: token ids, dropout, epsilons, initialisation, RoPE / scaling details,
// routing hyper-parameters, runtime switches. Anything else that the import did not read is listed by name.
bool harmless_key(const std::string& k) {
    static const char* const kExact[] = {
        "_name_or_path", "architectures", "model_type", "transformers_version", "torch_dtype", "dtype", "auto_map",
        "use_cache", "hidden_act", "hidden_activation", "activation_function", "mamba_hidden_act", "initializer_range",
        "output_router_logits", "norm_topk_prob", "n_group", "topk_group", "scoring_func", "seq_aux", "topk_method",
        "ep_size", "pretraining_tp", "cache_implementation", "mm_tokens_per_image", "task_specific_params",
        "initial_context_length", "original_max_position_embeddings", "swiglu_limit", "query_pre_attn_scalar",
        "num_logits_to_keep", "chunk_size", "rescale_prenorm_residual", "residual_in_fp32", "use_mamba_kernels",
        "use_return_dict", "return_dict", "is_encoder_decoder", "keys_to_ignore_at_inference", "tokenizer_class",
        "quantization_config", "use_flash_attn", "attn_implementation", "gradient_checkpointing",
        "router_jitter_noise", "moe_shared_expert_overlap",
        // PretrainedConfig's generic attributes (a nested sub-config writes them all): labels of classification
        // heads the decoders here do not have, output switches, feed-forward chunking
        "id2label", "label2id", "output_attentions", "output_hidden_states", "problem_type", "chunk_size_feed_forward"};
    for (const char* e : kExact)
        if (k == e) return true;
    static const char* const kParts[] = {"token_id", "token_index", "dropout", "pdrop", "_eps", "epsilon",
                                         "initializer", "softcap", "summary_", "_loss", "scaling_factor", "time_step",
                                         "_coef", "rope_"};
    for (const char* part : kParts)
        if (k.find(part) != std::string::npos && k.rfind("qk_rope", 0) != 0) return true;
    return k.rfind("rope", 0) == 0 || k.rfind("mrope", 0) == 0;
}

// Keys of `obj` that were neither read nor harmless (null values say nothing and are skipped).
void unread_keys(const Reader& rd, std::vector<std::string>& out, const std::string& prefix) {
    const Value& obj = rd.object();
    for (size_t i = 0; i < obj.size(); ++i) {
        const std::string& k = obj.key(i);
        if (obj[i].is_null() || rd.seen(k) || harmless_key(k) || k == "text_config") continue;
        out.push_back(prefix + k);
    }
}

// Gemma 3's vision tower (Gemma3Config vision_config: a SiglipVisionConfig, defaults hidden 1152, intermediate 4304,
// 27 layers, patch 14, image 896, no pooling head) and its projector: counted so the total is the checkpoint's.
// Any other wrapper's vision_config stays unread, so the warnings name it.
// Qwen3.5 / Qwen3.6's vision tower (Qwen3_5VisionConfig / Qwen3_5MoeVisionConfig: depth 27, hidden 1152,
// intermediate 4304, patch 16, temporal patch 2, spatial merge 2, 2304 positions, out_hidden_size = the text width)
// and its patch merger. With deepstack_visual_indexes (Qwen3-VL's extra mergers) or an out_hidden_size that is not
// the text width the tower is not read: 'vision_config' stays unread, so the warnings name it.
void map_qwen_vision(const Value& vc, Reader& root_rd, ModelConfig& m, ImportResult& r,
                     std::vector<std::string>& unread) {
    Reader vrd(vc, r, "qwen3_5_vision");
    const Value* deep = vrd.find({"deepstack_visual_indexes"});
    const Value* out = vrd.find({"out_hidden_size"});
    if ((deep && !(deep->is_array() && deep->size() == 0)) || !out || !out->is_int() || out->as_int() != m.hidden_size)
        return;
    m.vision_kind = VisionKind::QwenViT;
    m.vision_layers = vrd.integer({"depth"}, 27, 1, true);
    m.vision_hidden = vrd.integer({"hidden_size"}, 1152, 1, true);
    m.vision_intermediate = vrd.integer({"intermediate_size"}, 4304, 1, true);
    m.vision_patch = vrd.integer({"patch_size"}, 16, 1, true);
    m.vision_temporal_patch = vrd.integer({"temporal_patch_size"}, 2, 1, true);
    m.vision_merge = vrd.integer({"spatial_merge_size"}, 2, 1, true);
    m.vision_positions = vrd.integer({"num_position_embeddings"}, 2304, 1, true);
    m.vision_channels = vrd.integer({"in_channels"}, 3, 1);
    for (const char* k : {"num_heads", "model_type", "out_hidden_size", "deepstack_visual_indexes"}) vrd.mark(k);
    root_rd.mark("vision_config");
    unread_keys(vrd, unread, "vision_config.");
    r.notes.push_back("config: the vision encoder (Qwen3.5 ViT, " + std::to_string(m.vision_layers) + " layers of " +
                      std::to_string(m.vision_hidden) + ") and its patch merger are counted, as in the checkpoint; "
                      "lm_only counts the language model alone");
}

// Mistral 3's (Mistral-Small-3.1 / 3.2) Pixtral tower (PixtralVisionConfig: hidden 1024, intermediate 4096, 24
// layers, patch 14) and its projector with the wrapper's spatial_merge_size. With a projector with biases
// (multimodal_projector_bias true) the tower is not read: 'vision_config' stays unread, so the warnings name it.
void map_pixtral_vision(const Value& vc, Reader& root_rd, ModelConfig& m, ImportResult& r,
                        std::vector<std::string>& unread) {
    Reader vrd(vc, r, "pixtral");
    if (vrd.text("model_type") != "pixtral" || root_rd.boolean("multimodal_projector_bias", false)) return;
    m.vision_kind = VisionKind::Pixtral;
    m.vision_hidden = vrd.integer({"hidden_size"}, 1024, 1, true);
    m.vision_intermediate = vrd.integer({"intermediate_size"}, 4096, 1, true);
    m.vision_layers = vrd.integer({"num_hidden_layers"}, 24, 1, true);
    m.vision_patch = vrd.integer({"patch_size"}, 16, 1, true);
    m.vision_channels = vrd.integer({"num_channels"}, 3, 1);
    m.vision_merge = root_rd.integer({"spatial_merge_size"}, 2, 1, true);
    // heads and head_dim split H; image_size bounds the 2D RoPE grid; neither adds weights
    for (const char* k : {"num_attention_heads", "head_dim", "image_size", "model_type"}) vrd.mark(k);
    // vision_feature_layer picks the layer whose output is projected; every layer is stored either way
    for (const char* k : {"projector_hidden_act", "vision_feature_layer"}) root_rd.mark(k);
    root_rd.mark("vision_config");
    unread_keys(vrd, unread, "vision_config.");
    r.notes.push_back("config: the vision encoder (Pixtral, " + std::to_string(m.vision_layers) + " layers of " +
                      std::to_string(m.vision_hidden) + ") and its projector are counted, as in the checkpoint; "
                      "lm_only counts the language model alone");
}

// Gemma 4's vision tower (Gemma4VisionConfig: hidden 768, intermediate 3072, 16 layers, 12 heads of 64, patch 16,
// 10240 positions) and its Gemma4MultimodalEmbedder. use_clipped_linears adds clamp bounds, scalar buffers that are
// not weights (not counted). With attention_bias the tower is not read: 'vision_config' stays unread, named.
void map_gemma4_vision(const Value& vc, Reader& root_rd, ModelConfig& m, ImportResult& r,
                       std::vector<std::string>& unread) {
    Reader vrd(vc, r, "gemma4_vision");
    if (vrd.text("model_type") != "gemma4_vision" || vrd.boolean("attention_bias", false)) return;
    m.vision_kind = VisionKind::Gemma4;
    m.vision_hidden = vrd.integer({"hidden_size"}, 768, 1, true);
    m.vision_intermediate = vrd.integer({"intermediate_size"}, 3072, 1, true);
    m.vision_layers = vrd.integer({"num_hidden_layers"}, 16, 1, true);
    m.vision_heads = vrd.integer({"num_attention_heads"}, 12, 1, true);
    m.vision_kv_heads = vrd.integer({"num_key_value_heads"}, 12, 1, true);
    m.vision_head_dim = vrd.integer({"head_dim"}, 64, 1, true);
    m.vision_patch = vrd.integer({"patch_size"}, 16, 1, true);
    m.vision_positions = vrd.integer({"position_embedding_size"}, 10240, 1, true);
    m.vision_standardize = vrd.boolean("standardize", false);
    // the encoder attends with head_dim only; pooling, the soft-token count, RoPE and clamping add no weights
    for (const char* k : {"model_type", "global_head_dim", "pooling_kernel_size", "default_output_length",
                          "max_position_embeddings", "use_clipped_linears", "attention_bias"})
        vrd.mark(k);
    root_rd.mark("vision_soft_tokens_per_image");
    root_rd.mark("vision_config");
    unread_keys(vrd, unread, "vision_config.");
    r.notes.push_back("config: the vision encoder (Gemma 4, " + std::to_string(m.vision_layers) + " layers of " +
                      std::to_string(m.vision_hidden) + ") and its embedder are counted, as in the checkpoint; "
                      "lm_only counts the language model alone");
}

// Gemma 4 E2B / E4B's audio tower (Gemma4AudioConfig: hidden 1024, 12 layers, 8 heads, subsampling channels
// [128, 32], conv kernel 5, output_proj_dims 1536) and its embedder. Any other audio_config stays unread, named.
void map_gemma4_audio(const Value& ac, Reader& root_rd, ModelConfig& m, ImportResult& r,
                      std::vector<std::string>& unread) {
    Reader ard(ac, r, "gemma4_audio");
    if (ard.text("model_type") != "gemma4_audio") return;
    int64_t channels[2] = {128, 32};
    if (const Value* ch = ard.find({"subsampling_conv_channels"})) {
        if (!ch->is_array() || ch->size() != 2 || !(*ch)[0].is_int() || !(*ch)[1].is_int() || (*ch)[0].as_int() < 4 ||
            (*ch)[0].as_int() > 65536 || (*ch)[1].as_int() < 1 || (*ch)[1].as_int() > 65536) {
            ard.fail("subsampling_conv_channels", "must be two channel counts (4 to 65536 and 1 to 65536), got " +
                                                      shown(*ch));
            return;
        }
        channels[0] = (*ch)[0].as_int();
        channels[1] = (*ch)[1].as_int();
    }
    m.audio_hidden = ard.integer({"hidden_size"}, 1024, 1, true);
    m.audio_layers = ard.integer({"num_hidden_layers"}, 12, 1, true);
    m.audio_heads = ard.integer({"num_attention_heads"}, 8, 1, true);
    m.audio_kernel = ard.integer({"conv_kernel_size"}, 5, 1, true);
    m.audio_out = ard.integer({"output_proj_dims"}, 1536, 1, true);
    m.audio_conv0 = channels[0];
    m.audio_conv1 = channels[1];
    if (m.audio_heads > 0 && m.audio_hidden % m.audio_heads != 0)
        ard.fail("num_attention_heads", "must divide 'hidden_size' when no 'head_dim' is given (" +
                                            std::to_string(m.audio_hidden) + " / " + std::to_string(m.audio_heads) + ")");
    // chunked local attention, clipping, the residual weight: no weights
    for (const char* k : {"model_type", "attention_chunk_size", "attention_context_left", "attention_context_right",
                          "attention_invalid_logits_value", "attention_logit_cap", "gradient_clipping",
                          "residual_weight", "use_clipped_linears"})
        ard.mark(k);
    root_rd.mark("audio_config");
    unread_keys(ard, unread, "audio_config.");
    r.notes.push_back("config: the audio encoder (Gemma 4, " + std::to_string(m.audio_layers) + " layers of " +
                      std::to_string(m.audio_hidden) + ") and its embedder are counted, as in the checkpoint; "
                      "lm_only counts the language model alone");
}

void map_vision(const Value& vc, Reader& root_rd, ModelConfig& m, ImportResult& r, const std::string& outer_type,
                std::vector<std::string>& unread) {
    if (outer_type == "gemma4") {
        map_gemma4_vision(vc, root_rd, m, r, unread);
        return;
    }
    if (one_of(outer_type, {"qwen3_5", "qwen3_5_moe"})) {
        map_qwen_vision(vc, root_rd, m, r, unread);
        return;
    }
    if (outer_type == "mistral3") {
        map_pixtral_vision(vc, root_rd, m, r, unread);
        return;
    }
    Reader vrd(vc, r, "siglip_vision_model");
    if (outer_type != "gemma3" || vrd.text("model_type") != "siglip_vision_model") return;
    if (vrd.boolean("vision_use_head", false)) return;  // a pooling head: not read here, so named in the warnings
    m.vision_hidden = vrd.integer({"hidden_size"}, 1152, 1, true);
    m.vision_intermediate = vrd.integer({"intermediate_size"}, 4304, 1, true);
    m.vision_layers = vrd.integer({"num_hidden_layers"}, 27, 1, true);
    m.vision_patch = vrd.integer({"patch_size"}, 14, 1, true);
    m.vision_image = vrd.integer({"image_size"}, 896, 1, true);
    m.vision_channels = vrd.integer({"num_channels"}, 3, 1);
    vrd.mark("num_attention_heads");  // the heads split H; they add no weights
    vrd.mark("model_type");
    if (m.vision_patch > 0 && m.vision_image % m.vision_patch != 0)
        vrd.fail("image_size", "must be a multiple of 'patch_size' (" + std::to_string(m.vision_image) + " / " +
                                   std::to_string(m.vision_patch) + ")");
    root_rd.mark("vision_config");
    unread_keys(vrd, unread, "vision_config.");
    r.notes.push_back("config: the vision encoder (SigLIP, " + std::to_string(m.vision_layers) + " layers of " +
                      std::to_string(m.vision_hidden) + ") and its projector are counted, as in the checkpoint; "
                      "lm_only counts the language model alone");
}

}  // namespace

ImportResult import_hf_config(std::string_view text) {
    ImportResult r;
    // json::parse refuses nesting deeper than json::kDefaultMaxDepth (64) levels: absurd nesting is an error,
    // never a deep recursion.
    // Infinity / NaN tokens are accepted: Python's json writes them and real configs carry them (json.hpp).
    const json::ParseResult parsed = json::parse(text, json::kDefaultMaxDepth, /*python_constants=*/true);
    if (!parsed.ok()) {
        r.errors.push_back({"config", "not valid JSON: " + parsed.error});
        return r;
    }
    const Value& root = parsed.value;
    if (!root.is_object()) {
        r.errors.push_back({"config", "must be a JSON object (a Hugging Face config.json)"});
        return r;
    }
    note_repeated_keys(root, "", r);
    if (const Value* tc = root.find("text_config"); tc && tc->is_object()) note_repeated_keys(*tc, " in 'text_config'", r);
    ModelConfig& m = r.config;
    m.id = "custom";
    std::string outer_type;
    if (const Value* t = root.find("model_type"); t && !t->is_null()) {
        if (!t->is_string()) { r.errors.push_back({"config", "'model_type' must be a string"}); return r; }
        outer_type = t->as_string();
    }

    // Multimodal wrappers (Gemma 3, Llama 4, Mistral 3, LLaVA, Qwen2.5-VL ...) keep the language model in
    // text_config: count that one.
    const Value* cfg = &root;
    std::string type = outer_type;
    if (const Value* tc = root.find("text_config"); tc && !tc->is_null()) {
        if (!tc->is_object()) { r.errors.push_back({"config", "'text_config' must be an object"}); return r; }
        cfg = tc;
        const Value* tt = tc->find("model_type");
        if (tt && tt->is_string()) type = tt->as_string();
        else if (outer_type == "gemma3") type = "gemma3_text";
        else if (outer_type == "gemma4") type = "gemma4_text";
        else if (outer_type == "llama4") type = "llama4_text";
        r.notes.push_back("config: '" + outer_type + "' is a multimodal wrapper; the language model is read from "
                          "'text_config'");
    }
    if (type == "gemma3") type = "gemma3_text";
    if (type == "gemma4") type = "gemma4_text";
    if (type == "llama4") type = "llama4_text";
    if (type == "phi4") type = "phi3";  // Phi-4 checkpoints use model_type "phi3"; accept the alias
    // Language models of vision-language checkpoints that share a text family's structure.
    for (const char* vl : {"qwen2_5_vl_text", "qwen2_vl_text", "qwen2_5_vl", "qwen2_vl", "qwen2_5"}) {
        if (type == vl) {
            r.notes.push_back("config: model_type '" + type + "' read as 'qwen2' (same language-model structure)");
            type = "qwen2";
            break;
        }
    }

    const FamilyDefaults* fd = defaults_for(type);
    if (!fd && !type.empty()) {
        r.notes.push_back("config: unknown model_type '" + type +
                          "': read from its keys as a decoder (RMSNorm, gated MLP, RoPE unless its keys say otherwise); "
                          "keys not understood are listed in the warnings");
    } else if (type.empty()) {
        r.notes.push_back("config: no 'model_type': read as a generic Llama-style decoder");
    }
    Reader rd(*cfg, r, type.empty() ? std::string("generic") : type);
    Reader root_rd(root, r, outer_type);  // a wrapper's own keys (vision_config, ...), checked at the end
    root_rd.mark("model_type");
    const bool dflt = fd != nullptr;
    m.family = type.empty() ? "generic" : type;
    m.name = type.empty() ? "config.json" : type;
    if (auto n = rd.text("_name_or_path"); !n.empty()) m.name = n;
    m.source = "imported config.json (model_type '" + m.family + "')";

    m.vocab_size = rd.integer({"vocab_size", "n_vocab", "padded_vocab_size"}, dflt ? fd->vocab : 0, 1, dflt);
    m.hidden_size = rd.integer({"hidden_size", "n_embd", "d_model", "dim"}, dflt ? fd->hidden : 0, 1, dflt);
    // Newer Nemotron-H configs list layers_block_type and leave num_hidden_layers out (transformers' NemotronHConfig
    // derives the count from the list's length; mlx-lm tests/test_models.py test_nemotron_h_layer_count_from_block_types).
    int64_t layers_dflt = dflt ? fd->layers : 0;
    bool layers_optional = dflt;
    if (const Value* bt = cfg->find("layers_block_type"); bt && bt->is_array() && bt->size() > 0) {
        layers_dflt = static_cast<int64_t>(bt->size());
        layers_optional = true;
    }
    m.num_layers = rd.integer({"num_hidden_layers", "n_layer", "num_layers", "n_layers"}, layers_dflt, 1, layers_optional);
    m.num_heads = rd.integer({"num_attention_heads", "n_head", "num_heads", "n_heads"}, dflt ? fd->heads : 0, 1, dflt);
    for (auto [val, key] : {std::pair<int64_t, const char*>{m.vocab_size, "vocab_size"}, {m.hidden_size, "hidden_size"},
                            {m.num_layers, "num_hidden_layers"}, {m.num_heads, "num_attention_heads"}})
        if (val == 0) r.errors.push_back({"config", "missing '" + std::string(key) + "'"});
    if (!r.ok()) return r;

    // multi_query (Falcon/StarCoder) means one KV head.
    int64_t kv_default = dflt && fd->kv_heads > 0 ? fd->kv_heads : m.num_heads;
    if (rd.boolean("multi_query", false)) kv_default = 1;
    m.num_kv_heads = rd.integer({"num_key_value_heads", "num_kv_heads", "n_head_kv", "multi_query_group_num"}, kv_default);
    m.head_dim = rd.integer({"head_dim", "kv_channels"}, dflt ? fd->head_dim : 0, 0);
    m.max_positions = rd.integer({"max_position_embeddings", "n_positions", "n_ctx", "seq_length", "max_seq_len"}, 0, 0);
    // a wrapper may say it beside text_config (Qwen3.5): the language model's own key wins
    m.tie_embeddings = rd.boolean("tie_word_embeddings", cfg != &root ? root_rd.boolean("tie_word_embeddings", dflt ? fd->tie : false)
                                                                      : (dflt ? fd->tie : false));
    if (const Value* pr = rd.find({"partial_rotary_factor"}); pr && pr->is_number()) m.partial_rotary = pr->as_double();
    const int64_t inter_default = dflt && fd->intermediate > 0 ? fd->intermediate : 0;

    // Llama-style defaults; each family below changes what differs.
    m.norm = NormKind::RMSNorm; m.mlp = MlpKind::Gated; m.pos = PosKind::Rope;

    if (type == "gpt2") {
        // modeling_gpt2: Conv1D c_attn (h -> 3h, bias), c_proj (bias), mlp c_fc (h -> n_inner or 4h) + c_proj, both
        // with bias; ln_1, ln_2, ln_f LayerNorm with bias; wpe learned (n_positions x h); lm_head tied to wte.
        m.mlp = MlpKind::Plain; m.norm = NormKind::LayerNorm; m.norm_bias = true; m.pos = PosKind::Learned;
        m.qkv_bias = m.o_bias = m.mlp_bias = true;
        m.intermediate_size = rd.integer({"n_inner", "intermediate_size"}, 4 * m.hidden_size);
        if (!rd.has({"n_positions", "max_position_embeddings", "n_ctx"})) {
            m.max_positions = 1024;
            r.notes.push_back("config: 'n_positions' missing, using the gpt2 default 1024");
        }
    } else if (type == "gpt_neox") {
        // modeling_gpt_neox: fused query_key_value (bias), dense (bias), dense_h_to_4h/4h_to_h (bias), LayerNorm with
        // bias, rotary; embed_out untied.
        m.mlp = MlpKind::Plain; m.norm = NormKind::LayerNorm; m.norm_bias = true;
        m.qkv_bias = m.o_bias = rd.boolean("attention_bias", true);
        m.mlp_bias = true;
        m.parallel_block = rd.boolean("use_parallel_residual", true);
        m.intermediate_size = rd.integer({"intermediate_size"}, inter_default, 1, true);
    } else {
        m.intermediate_size = rd.integer({"intermediate_size", "n_inner", "ffn_dim", "ffn_hidden_size"}, inter_default, 0, dflt);
        m.qkv_bias = m.o_bias = rd.boolean("attention_bias", false);
        m.mlp_bias = rd.boolean("mlp_bias", false);
    }

    if (one_of(type, {"mistral", "mixtral"})) {
        m.sliding_window = rd.integer({"sliding_window"}, 0, 0);
    } else if (one_of(type, {"qwen2", "qwen2_moe"})) {
        // Qwen2Attention: q/k/v always have biases, o_proj none.
        m.qkv_bias = true; m.o_bias = false;
        if (rd.boolean("use_sliding_window", false)) m.sliding_window = rd.integer({"sliding_window"}, 0, 0);
    } else if (one_of(type, {"qwen3", "qwen3_moe", "qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe", "qwen3_5_moe_text"})) {
        m.qk_norm = true;  // Qwen3Attention / Qwen3NextAttention: q_norm/k_norm RMSNorm(head_dim)
        if (rd.boolean("use_sliding_window", false)) m.sliding_window = rd.integer({"sliding_window"}, 0, 0);
        // Qwen3NextAttention always gates its output (q_proj doubled); Qwen3.5 says so with attn_output_gate
        m.attn_output_gate = rd.boolean("attn_output_gate", type == "qwen3_next");
    } else if (type == "gemma") {
        // GemmaMLP: GeGLU gate/up/down; embeddings scaled by sqrt(hidden); tied.
        m.embed_scale = true;
    } else if (one_of(type, {"gemma2", "gemma3_text"})) {
        // Gemma2/3DecoderLayer: input, post_attention, pre_feedforward, post_feedforward RMSNorms.
        m.embed_scale = true; m.norms_per_layer = 4;
        m.sliding_window = rd.integer({"sliding_window"}, 4096, 0);
        if (type == "gemma3_text") m.qk_norm = true;
        sliding_from(rd, m, type == "gemma2" ? 2 : 6);
    } else if (type == "gemma4_text") {
        map_gemma4_text(rd, m, r);
    } else if (type == "phi3") {
        // Phi3: fused qkv_proj (h -> (heads + 2 kv) d) and gate_up_proj (h -> 2I): same counts as separate ones.
        if (rd.has({"sliding_window"})) m.sliding_window = rd.integer({"sliding_window"}, 0, 0);
    } else if (type == "gpt_oss") {
        // modeling_gpt_oss: q/k/v/o with biases, per-head sinks, router Linear with bias, experts with biases on
        // gate_up_proj (h -> 2I) and down_proj; every layer MoE; alternating sliding (layer_types).
        m.qkv_bias = m.o_bias = rd.boolean("attention_bias", true);
        m.attn_sinks = true; m.mlp_bias = true; m.router_bias = true;
        m.num_experts = rd.integer({"num_local_experts", "num_experts"}, 128, 1, true);
        m.experts_per_token = rd.integer({"num_experts_per_tok", "experts_per_token"}, 4, 1, true);
        m.moe_intermediate_size = m.intermediate_size;
        m.sliding_window = rd.integer({"sliding_window"}, 128, 0);
        std::vector<bool> types;
        if (rd.layer_types(m.num_layers, types)) m.layer_sliding = types;
        else m.layer_sliding = sliding_layers_every(m.num_layers, 2);
    } else if (type == "llama4_text") {
        // modeling_llama4: routed experts of width intermediate_size plus one shared expert of the same width;
        // dense layers use intermediate_size_mlp; router without bias; qk L2 norm has no weights.
        m.num_experts = rd.integer({"num_local_experts"}, 16, 1, true);
        m.experts_per_token = rd.integer({"num_experts_per_tok"}, 1, 1, true);
        m.num_shared_experts = 1;
        m.moe_intermediate_size = m.intermediate_size;
        m.intermediate_size = rd.integer({"intermediate_size_mlp"}, 16384, 1, true);
        std::vector<int64_t> idx;
        if (rd.index_list("moe_layers", m.num_layers, idx)) {
            m.layer_moe.assign(static_cast<size_t>(m.num_layers), false);
            for (int64_t i : idx) m.layer_moe[static_cast<size_t>(i)] = true;
        } else {
            m.layer_moe = moe_layers_interleave(m.num_layers, rd.integer({"interleave_moe_layer_step"}, 1, 1));
        }
        // Chunked attention on RoPE layers, full attention on the NoPE ones (every 4th layer by default:
        // Llama4TextConfig no_rope_layer_interval 4); `layer_types` or `no_rope_layers` when given.
        m.sliding_window = rd.integer({"attention_chunk_size"}, 8192, 0, true);
        m.chunked_attention = m.sliding_window > 0;
        std::vector<bool> types;
        std::vector<int64_t> rope;
        if (rd.layer_types(m.num_layers, types)) {
            m.layer_sliding = types;
        } else if (const Value* nr = rd.find({"no_rope_layers"}); nr && nr->is_array() &&
                   static_cast<int64_t>(nr->size()) == m.num_layers) {
            m.layer_sliding.assign(static_cast<size_t>(m.num_layers), false);
            for (size_t i = 0; i < nr->size(); ++i) {
                const Value& e = (*nr)[i];
                if (!e.is_int() && !e.is_bool()) { rd.fail("no_rope_layers", "entries must be 0 or 1"); break; }
                m.layer_sliding[i] = e.is_bool() ? e.as_bool() : e.as_int() != 0;
            }
        } else {
            m.layer_sliding = sliding_layers_every(m.num_layers, 4);
        }
    }

    if (type == "mixtral") {
        // MixtralSparseMoeBlock: gate Linear(h, E, no bias); experts w1/w3 (h -> I), w2 (I -> h); all layers MoE.
        m.num_experts = rd.integer({"num_local_experts"}, 8, 1, true);
        m.experts_per_token = rd.integer({"num_experts_per_tok"}, 2, 1, true);
        m.moe_intermediate_size = m.intermediate_size;
    } else if (one_of(type, {"qwen2_moe", "qwen3_moe"})) {
        m.num_experts = rd.integer({"num_experts"}, type == "qwen2_moe" ? 60 : 128, 1, true);
        m.experts_per_token = rd.integer({"num_experts_per_tok"}, type == "qwen2_moe" ? 4 : 8, 1, true);
        m.moe_intermediate_size = rd.integer({"moe_intermediate_size"}, type == "qwen2_moe" ? 1408 : 768, 1, true);
        if (type == "qwen2_moe") {
            // Qwen2MoeSparseMoeBlock: one shared expert of shared_expert_intermediate_size + sigmoid gate Linear(h, 1).
            m.shared_intermediate_size = rd.integer({"shared_expert_intermediate_size"}, 5632, 0, true);
            m.num_shared_experts = m.shared_intermediate_size > 0 ? 1 : 0;
            m.shared_expert_gate = m.num_shared_experts > 0;
        }
        qwen_moe_layers(rd, m);
    } else if (one_of(type, {"deepseek_v2", "deepseek_v3", "kimi_k2"}) || rd.has({"kv_lora_rank"})) {
        // MLA (DeepSeek-V2 paper Sec. 2.1); the router bias exists with noaux_tc routing.
        m.attn = AttnKind::MLA;
        // q_lora_rank null (DeepSeek-V2-Lite) means q is projected directly; absent means the class default 1536.
        const Value* ql = cfg->find("q_lora_rank");
        m.q_lora_rank = ql && ql->is_null() ? 0 : rd.integer({"q_lora_rank"}, 1536, 0, true);
        m.kv_lora_rank = rd.integer({"kv_lora_rank"}, 512, 1, true);
        m.qk_nope_head_dim = rd.integer({"qk_nope_head_dim"}, 128, 0, true);
        m.qk_rope_head_dim = rd.integer({"qk_rope_head_dim"}, 64, 0, true);
        m.v_head_dim = rd.integer({"v_head_dim"}, 128, 1, true);
        m.head_dim = 0;
        map_moe_deepseek(rd, m);
        if (m.num_experts > 0 && m.moe_intermediate_size <= 0)
            rd.fail("moe_intermediate_size", "is required when 'n_routed_experts' is set");
        // DeepSeek Sparse Attention (DeepSeek-V3.2 / GLM-5): a lightning indexer in every MLA layer
        // (DeepseekV32Config index_n_heads 64, index_head_dim 128, index_topk 2048).
        if (rd.has({"index_n_heads", "index_head_dim"})) {
            m.index_n_heads = rd.integer({"index_n_heads"}, 64, 1, true);
            m.index_head_dim = rd.integer({"index_head_dim"}, 128, 1, true);
            m.index_topk = rd.integer({"index_topk"}, 2048, 1, true);
        }
        // GLM-5's MTP layer shares the main model's embedding and head: its Hub total 753,864,139,008 is the count
        // with one MTP block and no embedding / head copy (DeepSeek-V3 and GLM-4.5 store the copies).
        if (type == "glm_moe_dsa") m.mtp_own_embeddings = false;
    } else if (type == "glm4_moe") {
        // Glm4MoeAttention: q/k/v bias when attention_bias; optional q/k norms; Glm4MoeMoE like DeepSeek-V3.
        m.qkv_bias = rd.boolean("attention_bias", false); m.o_bias = false;
        m.qk_norm = rd.boolean("use_qk_norm", false);
        map_moe_deepseek(rd, m);
    }

    if (type == "minimax_m2") map_minimax_m2(rd, m, r);
    // ---- From the keys, whatever the model_type: attention output gate, MoE, MTP, hybrid layers, layer types.
    if (!m.attn_output_gate && rd.has({"attn_output_gate"})) m.attn_output_gate = rd.boolean("attn_output_gate", false);
    // Non-gated squared-ReLU MLPs / experts (Nemotron, Nemotron-H: up_proj + down_proj, relu2)
    if (rd.text("mlp_hidden_act") == "relu2" || rd.text("hidden_act") == "relu2") m.mlp = MlpKind::Plain;
    if (one_of(rd.family(), {"nemotron_h"})) m.router_bias = true;  // NemotronHTopkRouter.e_score_correction_bias
    map_hybrid(rd, m, r);
    map_block_configs(rd, m, r);
    if (m.num_experts == 0 && type != "gemma4_text") map_moe_generic(rd, m, r);  // Gemma 4: enable_moe_block says
    if (m.num_mtp_modules == 0) map_mtp(rd, m);
    if (m.layer_sliding.empty() && m.layer_mixer.empty() && rd.has({"layer_types"})) {
        // layer_types of a family read here only by its keys: sliding / full (/ chunked) attention per layer
        std::vector<bool> types;
        const Value* lt = rd.find({"layer_types"});
        bool known = lt->is_array();
        for (size_t i = 0; known && i < lt->size(); ++i) {
            const Value& e = (*lt)[i];
            known = e.is_string() && (e.as_string() == "full_attention" || e.as_string() == "sliding_attention" ||
                                      e.as_string() == "chunked_attention");
        }
        if (known && rd.layer_types(m.num_layers, types)) {
            bool any = false;
            for (bool b : types) any = any || b;
            if (any) {
                m.sliding_window = rd.integer({"sliding_window"}, 0, 0);
                if (m.sliding_window == 0) rd.fail("sliding_window", "is required when 'layer_types' has sliding layers");
                m.layer_sliding = types;
            }
        } else if (!known) {
            r.warnings.push_back("config: 'layer_types' has layer kinds not understood here; every layer is counted as full attention");
            m.ignored_keys.push_back("layer_types");
        }
    }
    if (!rd.boolean("use_sliding_window", true)) { rd.mark("sliding_window"); rd.mark("max_window_layers"); }
    if (m.family == "mistral" || m.family == "mixtral" || m.sliding_window > 0) rd.mark("sliding_window");

    if (m.intermediate_size == 0 && !(m.num_experts > 0 && m.layer_moe.empty())) {
        m.intermediate_size = 4 * m.hidden_size;
        r.notes.push_back("config: 'intermediate_size' missing: using 4 x hidden_size = " + std::to_string(m.intermediate_size));
    }
    if (m.num_experts > 0 && m.moe_intermediate_size == 0) rd.fail("moe_intermediate_size", "is required for an MoE model");

    // Contradictions a typo would cause, each naming the JSON key a user edits.
    if (!r.ok()) return r;
    if (m.attn == AttnKind::Standard) {
        if (m.num_kv_heads > m.num_heads)
            rd.fail("num_key_value_heads", "must not exceed 'num_attention_heads' (" + std::to_string(m.num_kv_heads) +
                                               " > " + std::to_string(m.num_heads) + ")");
        else if (m.num_heads % m.num_kv_heads != 0)
            rd.fail("num_key_value_heads", "must divide 'num_attention_heads' (" + std::to_string(m.num_heads) + " / " +
                                               std::to_string(m.num_kv_heads) + ")");
        if (m.head_dim == 0 && m.hidden_size % m.num_heads != 0)
            rd.fail("num_attention_heads", "must divide 'hidden_size' when no 'head_dim' is given (" +
                                               std::to_string(m.hidden_size) + " / " + std::to_string(m.num_heads) + ")");
    }
    if (m.num_experts > 0 && (m.experts_per_token < 1 || m.experts_per_token > m.num_experts))
        rd.fail("num_experts_per_tok", "must be between 1 and the number of routed experts (" +
                                           std::to_string(m.experts_per_token) + " of " + std::to_string(m.num_experts) + ")");
    if (m.sliding_window > 0 && m.layer_sliding.empty()) {
        // a window with no per-layer pattern applies to every layer (Mistral v0.1)
    }
    if (m.sliding_window == 0) m.layer_sliding.clear();

    // Keys that may shape weights or cache and were not understood: named in a warning, the counts approximate.
    if (r.ok()) {
        std::vector<std::string> unread;
        if (const Value* vc = root.find("vision_config"); vc && vc->is_object())
            map_vision(*vc, root_rd, m, r, outer_type, unread);
        if (const Value* ac = root.find("audio_config"); ac && ac->is_object() && outer_type == "gemma4")
            map_gemma4_audio(*ac, root_rd, m, r, unread);
        unread_keys(rd, unread, cfg != &root ? "text_config." : "");
        if (cfg != &root) unread_keys(root_rd, unread, "");
        for (const auto& k : unread) m.ignored_keys.push_back(k);
        if (!unread.empty()) {
            std::string list;
            for (const auto& k : unread) list += (list.empty() ? "'" : ", '") + k + "'";
            r.warnings.push_back("config: keys not understood, so the counts are approximate: " + list +
                                 (root.find("vision_config") && !m.has_vision()
                                      ? " (a vision encoder and projector are not counted)" : ""));
        }
        if (rd.has({"quantization_config"}) || root_rd.has({"quantization_config"}))
            r.notes.push_back("config: the checkpoint is stored quantized ('quantization_config'); the weights format "
                              "input decides the bytes, and scale tensors are not counted");
    }

    // Every dimension is <= 1e9, but their products could still overflow the exact int64 counts: refuse models
    // beyond 1e15 parameters (estimated in floating point, upper bound) before anyone counts them.
    if (r.ok()) {
        const double h = static_cast<double>(m.hidden_size), L = static_cast<double>(m.num_layers);
        const double d = static_cast<double>(std::max<int64_t>({m.head_size(), m.global_head_dim, 1}));
        const double q = std::max(h, static_cast<double>(m.num_heads) * std::max(d, static_cast<double>(m.qk_nope_head_dim + m.qk_rope_head_dim + m.v_head_dim)));
        const double lora = static_cast<double>(m.q_lora_rank + m.kv_lora_rank);
        const double experts = static_cast<double>(m.num_experts + m.num_shared_experts + 1);
        const double ffn = std::max(static_cast<double>(m.dense_ffn()), experts * static_cast<double>(std::max(m.moe_intermediate_size, m.shared_ffn())));
        const double estimate = (L + static_cast<double>(m.num_mtp_modules)) * (4.0 * h * q + 2.0 * lora * q + 3.0 * h * ffn) +
                                2.0 * static_cast<double>(m.vocab_size) * h + static_cast<double>(m.max_positions) * h +
                                (L + static_cast<double>(m.num_mtp_modules)) * (lora + h) *
                                    static_cast<double>(m.index_n_heads + 1) * static_cast<double>(m.index_head_dim + 1) +
                                (static_cast<double>(m.per_layer_vocab) + h) * L * static_cast<double>(m.per_layer_input);
        constexpr double kMaxParams = 1e15;
        if (estimate > kMaxParams) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2g", estimate);
            r.errors.push_back({"config", std::string("describes a model of up to ") + buf +
                                              " parameters; at most 1e15 are supported (check 'hidden_size', "
                                              "'num_hidden_layers', 'intermediate_size', 'vocab_size')"});
        }
    }
    return r;
}

}  // namespace llmcalc
