// Model files: what the parsed headers (gguf.cpp, safetensors.cpp) add up to. Tallies by dtype and component, GGUF
// split / safetensors shard combination, and the ModelConfig the GGUF metadata describes.
#include "model_file.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "json.hpp"
#include "report.hpp"

namespace llmcalc {

const FileValue* ParsedFile::find(std::string_view key) const {
    for (const auto& kv : metadata)
        if (kv.first == key) return &kv.second;
    return nullptr;
}

namespace detail {

HeaderParse header_error(std::string_view name, const std::string& what, uint64_t offset) {
    HeaderParse h;
    h.status = HeaderParse::Status::Error;
    h.error = std::string(name) + ": " + what + " at byte " + std::to_string(offset);
    h.error_offset = offset;
    return h;
}

HeaderParse short_read(std::string_view name, uint64_t have, uint64_t need_at, uint64_t file_size) {
    if (file_size > 0 && need_at > file_size)
        return header_error(name, "truncated header: it needs " + std::to_string(need_at) + " bytes but the file has " +
                                      std::to_string(file_size), std::min(have, file_size));
    if (need_at > kMaxHeaderBytes)
        return header_error(name, "header larger than the cap of " + std::to_string(kMaxHeaderBytes) + " bytes", have);
    HeaderParse h;
    h.status = HeaderParse::Status::NeedMore;
    uint64_t need = std::max({need_at, std::min(2 * have, kMaxHeaderBytes), kFirstHeaderRead});
    need = std::min(need, kMaxHeaderBytes);
    if (file_size > 0) need = std::min(need, file_size);
    h.need = std::max(need, need_at);
    return h;
}

}  // namespace detail

HeaderParse parse_model_file(std::string_view head, uint64_t file_size, std::string_view name) {
    if (head.size() >= 4 && head.substr(0, 4) == "GGUF") return parse_gguf(head, file_size, name);
    if (looks_like_index_json(head))
        return detail::header_error(name, "a JSON file, not a model file (a model.safetensors.index.json is given as an index)", 0);
    if (head.size() < 8 && (file_size == 0 || file_size > head.size())) return detail::short_read(name, head.size(), 8, file_size);
    return parse_safetensors(head, file_size, name);
}

namespace {

// Per-layer patterns are built for at most this many layers (larger counts fail magnitude checks later anyway).
constexpr int64_t kMaxPatternLayers = 100000;

bool has(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }
bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends(std::string_view s, std::string_view e) { return s.size() >= e.size() && s.substr(s.size() - e.size()) == e; }

// Quantization side tensors: scales, zero points, group indices, absmax (FP8 weight_scale_inv, GPTQ/AWQ qzeros and
// scales, bitsandbytes absmax, gpt-oss MXFP4 *_scales): stored bytes, not parameters.
bool is_quant_side(std::string_view n) {
    return ends(n, "_scale") || ends(n, "scale_inv") || ends(n, ".scales") || ends(n, "_scales") || ends(n, ".qzeros") ||
           ends(n, ".g_idx") || ends(n, ".absmax") || has(n, "quant_map") || has(n, "quant_state") ||
           ends(n, "weight_scale") || ends(n, "input_scale");
}

bool is_expert(std::string_view n) { return has(n, "_exps") || has(n, "experts."); }
bool is_shared_expert(std::string_view n) { return has(n, "_shexp") || has(n, "shared_expert"); }

}  // namespace

const char* tensor_component(std::string_view n) {
    // GGUF names: llama.cpp gguf-py/gguf/constants.py (token_embd, blk.N.attn_q, ffn_gate_exps, ...; "v." and "mm."
    // in multimodal projector files); Hugging Face names: the modeling files (model.embed_tokens, self_attn.q_proj).
    if (has(n, "vision") || has(n, "visual") || starts(n, "v.") || starts(n, "mm.") || has(n, "multi_modal_projector") ||
        has(n, "mm_projector") || has(n, "image_newline") || has(n, "audio") || starts(n, "a."))
        return "vision";
    if (is_quant_side(n)) return "quant_scales";
    if (has(n, "token_embd") || has(n, "embed_tokens") || has(n, "wte.") || has(n, "wpe.") || has(n, "position_embd") ||
        has(n, "embed_positions") || has(n, "word_embeddings") || has(n, "tok_embeddings") || has(n, "embed_in."))
        return "embedding";
    if (starts(n, "output.") || has(n, "lm_head") || has(n, "embed_out.")) return "lm_head";
    if (has(n, "norm") || has(n, "ln_") || has(n, ".ln")) return "norms";
    if (is_shared_expert(n)) return "shared_experts";
    if (is_expert(n)) return "experts";
    if (has(n, "ffn_gate_inp") || has(n, "router") || ends(n, "mlp.gate.weight") || ends(n, "mlp.gate.bias") ||
        has(n, "block_sparse_moe.gate.") || has(n, "e_score_correction") || has(n, "exp_probs_b"))
        return "router";
    if (has(n, "attn") || has(n, "attention") || has(n, "q_proj") || has(n, "k_proj") || has(n, "v_proj") ||
        has(n, "o_proj"))
        return "attention";
    if (has(n, "ffn") || has(n, "mlp") || has(n, "feed_forward")) return "mlp";
    return "other";
}

namespace {

const char* const kComponents[] = {"embedding", "lm_head", "attention", "mlp", "experts", "shared_experts", "router",
                                   "norms", "vision", "quant_scales", "other"};

void tally(std::vector<TensorTally>& rows, const std::string& key, const FileTensor& t, bool counts_params) {
    for (auto& r : rows)
        if (r.key == key) {
            r.tensors += 1;
            r.params += counts_params ? t.elements : 0;
            r.bytes += t.bytes;
            return;
        }
    rows.push_back({key, 1, counts_params ? t.elements : 0, t.bytes});
}

std::string value_text(const FileValue& v) {
    switch (v.kind) {
        case FileValue::Kind::Int: return std::to_string(v.i);
        case FileValue::Kind::Bool: return v.i ? "true" : "false";
        case FileValue::Kind::String: return v.s.size() > 200 ? v.s.substr(0, 200) + "..." : v.s;
        case FileValue::Kind::Float: {
            std::string s;
            json::append_double(s, v.f);
            return s;
        }
        case FileValue::Kind::Array: {
            if (v.ints.empty() || v.ints.size() > 64) return "[" + std::to_string(v.array_count) + " values]";
            std::string s = "[";
            for (size_t i = 0; i < v.ints.size(); ++i) s += (i ? "," : "") + std::to_string(v.ints[i]);
            return s + "]";
        }
    }
    return "";
}

// A GGUF integer key: a scalar, or a per-layer array (its largest value, with a note).
struct Meta {
    const ParsedFile& f;
    std::string arch;
    FileModel& out;
    int64_t get(const std::string& suffix, int64_t fallback = 0) const {
        const FileValue* v = f.find(arch + "." + suffix);
        if (!v) return fallback;
        if (v->kind == FileValue::Kind::Int) return v->i;
        if (v->kind == FileValue::Kind::Array && !v->ints.empty()) {
            const int64_t mx = *std::max_element(v->ints.begin(), v->ints.end());
            const int64_t mn = *std::min_element(v->ints.begin(), v->ints.end());
            if (mn != mx)
                out.warnings.push_back(arch + "." + suffix + " differs per layer (" + std::to_string(mn) + " to " +
                                       std::to_string(mx) + "): the model uses the largest");
            return mx;
        }
        out.warnings.push_back(arch + "." + suffix + " is not an integer: ignored");
        return fallback;
    }
    const FileValue* raw(const std::string& suffix) const { return f.find(arch + "." + suffix); }
};

// Tensor `blk.<i>.<suffix>` shape, or empty.
const FileTensor* find_tensor(const std::vector<FileTensor>& ts, std::string_view name) {
    for (const auto& t : ts)
        if (t.name == name) return &t;
    return nullptr;
}

bool any_tensor(const std::vector<FileTensor>& ts, std::string_view part) {
    for (const auto& t : ts)
        if (has(t.name, part)) return true;
    return false;
}

// llama.cpp's GGUF keys (gguf-py/gguf/constants.py, Keys.LLM / Keys.Attention / Keys.Rope) -> ModelConfig.
void config_from_gguf(const ParsedFile& meta, const std::vector<FileTensor>& ts, FileModel& out) {
    const FileValue* a = meta.find("general.architecture");
    if (!a || a->kind != FileValue::Kind::String || a->s.empty()) {
        out.warnings.push_back("no general.architecture in the GGUF metadata: the model dimensions must be given");
        out.missing = {"hidden", "layers", "heads", "kv_heads"};
        return;
    }
    out.architecture = a->s;
    Meta m{meta, a->s, out};
    ModelConfig& c = out.config;
    c.id = "file";
    c.family = a->s;
    c.hidden_size = m.get("embedding_length");
    c.num_layers = m.get("block_count");
    c.num_heads = m.get("attention.head_count");
    c.num_kv_heads = m.get("attention.head_count_kv", c.num_heads);
    const int64_t key_len = m.get("attention.key_length"), value_len = m.get("attention.value_length");
    c.max_positions = m.get("context_length");
    c.intermediate_size = m.get("feed_forward_length");
    c.vocab_size = m.get("vocab_size");
    const FileTensor* embd = find_tensor(ts, "token_embd.weight");
    if (c.vocab_size == 0) {
        if (const FileValue* tok = meta.find("tokenizer.ggml.tokens"); tok && tok->kind == FileValue::Kind::Array)
            c.vocab_size = static_cast<int64_t>(tok->array_count);
        if (embd && embd->shape.size() == 2) c.vocab_size = embd->shape[1];  // ne = [hidden, vocab]
    }
    c.tie_embeddings = !find_tensor(ts, "output.weight");
    c.mlp = any_tensor(ts, "ffn_gate.") || any_tensor(ts, "ffn_gate_exps") || any_tensor(ts, "ffn_gate_up") ? MlpKind::Gated
                                                                                                             : MlpKind::Plain;
    c.norm = m.raw("attention.layer_norm_rms_epsilon") ? NormKind::RMSNorm
             : m.raw("attention.layer_norm_epsilon")   ? NormKind::LayerNorm
                                                       : NormKind::RMSNorm;
    c.norm_bias = any_tensor(ts, "norm.bias");
    c.pos = find_tensor(ts, "position_embd.weight") ? PosKind::Learned : PosKind::Rope;
    c.qkv_bias = any_tensor(ts, "attn_q.bias") || any_tensor(ts, "attn_qkv.bias");
    c.o_bias = any_tensor(ts, "attn_output.bias");
    c.mlp_bias = any_tensor(ts, "ffn_down.bias") || any_tensor(ts, "ffn_up.bias");
    c.qk_norm = any_tensor(ts, "attn_q_norm");
    c.attn_sinks = any_tensor(ts, "attn_sinks");
    c.final_norm = find_tensor(ts, "output_norm.weight") != nullptr;
    int64_t norms = 0;
    for (const auto& t : ts)
        if (starts(t.name, "blk.0.") && ends(t.name, "norm.weight") && !has(t.name, "attn_q_norm") &&
            !has(t.name, "attn_k_norm") && !has(t.name, "_a_norm"))
            ++norms;
    if (norms > 0) c.norms_per_layer = norms;
    if (key_len > 0) c.head_dim = key_len;
    if (key_len > 0 && value_len > 0 && value_len != key_len && m.get("attention.kv_lora_rank") == 0)
        out.notes.push_back("value heads (" + std::to_string(value_len) + ") differ from key heads (" +
                            std::to_string(key_len) + "): the model uses the key length for both");

    // Sliding window: a per-layer pattern when the file has one, else the family's rule.
    c.sliding_window = m.get("attention.sliding_window");
    if (c.sliding_window > 0 && c.num_layers <= kMaxPatternLayers) {
        const FileValue* pat = m.raw("attention.sliding_window_pattern");
        if (pat && pat->kind == FileValue::Kind::Array && static_cast<int64_t>(pat->ints.size()) == c.num_layers) {
            for (int64_t x : pat->ints) c.layer_sliding.push_back(x != 0);
        } else if (a->s == "gemma2" || a->s == "gpt-oss") {
            c.layer_sliding = sliding_layers_every(c.num_layers, 2);  // HF: every 2nd layer global
        } else if (a->s == "gemma3") {
            c.layer_sliding = sliding_layers_every(c.num_layers, 6);  // HF Gemma 3: every 6th layer global
        } else {
            out.notes.push_back("sliding window of " + std::to_string(c.sliding_window) +
                                " tokens with no per-layer pattern in the file: every layer is taken as sliding");
        }
    }

    // Mixture of experts. The expert width from the tensors (ne = [hidden, ff, n_expert] for ffn_gate/up_exps).
    c.num_experts = m.get("expert_count");
    c.experts_per_token = m.get("expert_used_count");
    c.num_shared_experts = m.get("expert_shared_count");
    if (c.num_experts > 0) {
        c.moe_intermediate_size = m.get("expert_feed_forward_length");
        for (const auto& t : ts)
            if (c.moe_intermediate_size == 0 && ends(t.name, "ffn_up_exps.weight") && t.shape.size() == 3)
                c.moe_intermediate_size = t.shape[1];
        if (c.moe_intermediate_size == 0) c.moe_intermediate_size = c.intermediate_size;
        c.shared_intermediate_size = m.get("expert_shared_feed_forward_length");
        for (const auto& t : ts)
            if (c.shared_intermediate_size == 0 && ends(t.name, "ffn_up_shexp.weight") && t.shape.size() == 2 &&
                c.num_shared_experts > 0)
                c.shared_intermediate_size = t.shape[1] / c.num_shared_experts;
        if (c.num_shared_experts == 0 && any_tensor(ts, "_shexp")) {
            c.num_shared_experts = 1;  // Qwen2-MoE style: one shared expert, its width in the tensor
            for (const auto& t : ts)
                if (ends(t.name, "ffn_up_shexp.weight") && t.shape.size() == 2) c.shared_intermediate_size = t.shape[1];
        }
        c.shared_expert_gate = any_tensor(ts, "ffn_gate_inp_shexp");
        c.router_bias = any_tensor(ts, "ffn_gate_inp.bias") || any_tensor(ts, "exp_probs_b");
        // Which layers are MoE: those with a router tensor (blk.<i>.ffn_gate_inp.weight).
        std::vector<bool> moe(static_cast<size_t>(std::clamp<int64_t>(c.num_layers, 0, kMaxPatternLayers)), false);
        int64_t n_moe = 0;
        for (const auto& t : ts) {
            if (!starts(t.name, "blk.") || !ends(t.name, ".ffn_gate_inp.weight")) continue;
            int64_t i = 0;
            size_t q = 4;
            while (q < t.name.size() && t.name[q] >= '0' && t.name[q] <= '9' && i < kMaxPatternLayers) i = i * 10 + (t.name[q++] - '0');
            if (i < static_cast<int64_t>(moe.size()) && !moe[static_cast<size_t>(i)]) {
                moe[static_cast<size_t>(i)] = true;
                ++n_moe;
            }
        }
        if (n_moe > 0 && n_moe < static_cast<int64_t>(moe.size())) c.layer_moe = moe;
    }
    // Multi-head latent attention (DeepSeek-V2/V3 in llama.cpp: attention.kv_lora_rank, q_lora_rank; key/value
    // lengths of the decompressed heads in key_length_mla/value_length_mla when the file stores MLA absorbed).
    if (const int64_t kv_rank = m.get("attention.kv_lora_rank"); kv_rank > 0) {
        c.attn = AttnKind::MLA;
        c.kv_lora_rank = kv_rank;
        c.q_lora_rank = m.get("attention.q_lora_rank");
        c.qk_rope_head_dim = m.get("rope.dimension_count");
        const int64_t k_mla = m.get("attention.key_length_mla"), v_mla = m.get("attention.value_length_mla");
        c.qk_nope_head_dim = (k_mla > 0 ? k_mla : key_len) - c.qk_rope_head_dim;
        c.v_head_dim = v_mla > 0 ? v_mla : value_len;
        c.head_dim = 0;
    }
    if (m.get("nextn_predict_layers") > 0)
        out.notes.push_back(a->s + ".nextn_predict_layers: the file holds multi-token-prediction layers; their tensors "
                                   "are in the file's counts");
    for (const char* need : {"embedding_length", "block_count", "attention.head_count"})
        if (!m.raw(need)) out.missing.push_back(std::string(a->s) + "." + need);
    out.has_config = out.missing.empty();
}

// What the shapes of a safetensors checkpoint show (Hugging Face names), and what they cannot (head counts).
void config_from_shapes(const std::vector<FileTensor>& ts, FileModel& out) {
    ModelConfig& c = out.config;
    c.id = "file";
    int64_t max_layer = -1;
    for (const auto& t : ts) {
        if (t.shape.size() == 2 && has(t.name, "embed_tokens.weight") && !has(t.name, "vision")) {
            c.vocab_size = t.shape[0];
            c.hidden_size = t.shape[1];
        }
        if (t.shape.size() == 2 && has(t.name, "layers.0.mlp.down_proj.weight") && !has(t.name, "vision"))
            c.intermediate_size = t.shape[1];
        const size_t p = t.name.find("layers.");
        if (p != std::string::npos && !has(t.name, "vision") && !has(t.name, "visual")) {
            int64_t i = 0;
            size_t q = p + 7;
            bool digits = false;
            while (q < t.name.size() && t.name[q] >= '0' && t.name[q] <= '9' && i < 1000000) {
                i = i * 10 + (t.name[q] - '0');
                ++q;
                digits = true;
            }
            if (digits) max_layer = std::max(max_layer, i);
        }
    }
    c.num_layers = max_layer + 1;
    for (const auto& t : ts)
        if (t.shape.size() == 2 && ends(t.name, "layers.0.self_attn.k_proj.weight") && !has(t.name, "vision"))
            out.k_rows = t.shape[0];  // nn.Linear weight: [out_features = kv_heads x head_dim, in_features]
    c.tie_embeddings = !any_tensor(ts, "lm_head");
    c.mlp = any_tensor(ts, "gate_proj") ? MlpKind::Gated : MlpKind::Plain;
    c.qkv_bias = any_tensor(ts, "q_proj.bias");
    c.qk_norm = any_tensor(ts, "q_norm");
    out.missing = {"heads", "kv_heads"};
    out.notes.push_back("a safetensors header has no head counts: give config.json (--config) or --heads and --kv_heads");
    if (any_tensor(ts, "experts.")) {
        out.missing.push_back("experts");
        out.missing.push_back("top_k");
    }
}

}  // namespace

FileModelResult combine_model_files(const std::vector<ParsedFile>& files, const SafetensorsIndex* index) {
    FileModelResult res;
    FileModel& m = res.model;
    if (files.empty() && !index) { res.error = "no model file given"; return res; }
    m.format = files.empty() ? "safetensors" : files[0].format;
    for (const auto& f : files) {
        if (f.format != m.format) { res.error = "mixed formats: " + files[0].name + " is " + m.format + ", " + f.name + " is " + f.format; return res; }
        m.files.push_back(f.name);
        m.header_bytes += f.header_bytes;
    }
    if (index && m.format != "safetensors") { res.error = "a safetensors index was given with GGUF files"; return res; }

    // GGUF splits (llama.cpp gguf-split: split.no, split.count, split.tensors.count; metadata in split 0).
    const ParsedFile* meta = files.empty() ? nullptr : &files[0];
    if (m.format == "gguf") {
        std::set<int64_t> nos;
        int64_t count = 0, expect_tensors = -1;
        for (const auto& f : files) {
            const FileValue* no = f.find("split.no");
            const FileValue* cnt = f.find("split.count");
            if (!no || !cnt) continue;
            if (!nos.insert(no->i).second) { res.error = f.name + ": split " + std::to_string(no->i + 1) + " given twice"; return res; }
            count = std::max(count, cnt->i);
            if (no->i == 0) {
                meta = &f;
                if (const FileValue* tc = f.find("split.tensors.count")) expect_tensors = tc->i;
            }
        }
        if (files.size() > 1 && nos.size() != files.size()) { res.error = "several GGUF files that are not splits of one model"; return res; }
        if (count > static_cast<int64_t>(nos.size()))
            m.warnings.push_back("only " + std::to_string(nos.size()) + " of " + std::to_string(count) +
                                 " GGUF splits given: the counts cover only their tensors");
        if (count > 1 && !nos.count(0))
            m.warnings.push_back("the first split (metadata) is missing: the model dimensions must be given");
        int64_t n = 0;
        for (const auto& f : files) n += static_cast<int64_t>(f.tensors.size());
        if (expect_tensors >= 0 && count == static_cast<int64_t>(nos.size()) && n != expect_tensors)
            m.warnings.push_back("split.tensors.count says " + std::to_string(expect_tensors) + " tensors, the splits hold " +
                                 std::to_string(n));
    }

    std::vector<FileTensor> all;
    std::set<std::string> names;
    for (size_t i = 0; i < files.size(); ++i)
        for (const auto& t : files[i].tensors) {
            if (!names.insert(t.name).second) { res.error = "tensor '" + t.name + "' is in more than one file (" + files[i].name + ")"; return res; }
            all.push_back(t);
            all.back().file = static_cast<int>(i);
        }

    bool packed = false;
    for (const auto& t : all) {
        const char* comp = tensor_component(t.name);
        const bool side = std::string_view(comp) == "quant_scales";
        m.tensors += 1;
        m.bytes += t.bytes;
        if (side) m.scale_bytes += t.bytes;
        else m.params += t.elements;
        tally(m.by_dtype, t.dtype, t, !side);
        tally(m.by_component, comp, t, !side);
        // memory.hpp's parts: experts (their scales too) are what a decode step reads only in part
        const std::string_view c(comp);
        if (c == "embedding") m.weights.embeddings += t.bytes;
        else if (c == "lm_head") m.weights.lm_head += t.bytes;
        else if (c == "experts" || (side && is_expert(t.name) && !is_shared_expert(t.name))) m.weights.experts += t.bytes;
        else if (c == "norms" || c == "router" || t.shape.size() <= 1) m.weights.small += t.bytes;
        else m.weights.layers += t.bytes;
        if (m.format == "safetensors" && !side && (t.dtype == "I32" || t.dtype == "U8" || t.dtype == "U32") && t.shape.size() >= 2)
            packed = true;
    }
    m.weights.total = m.bytes;
    if (packed)
        m.warnings.push_back("packed quantized tensors (I32/U8/U32 matrices: GPTQ/AWQ qweight, MXFP4 blocks): their element "
                             "count is not the number of weights they hold, so params undercounts them; bytes are exact");
    std::stable_sort(m.by_dtype.begin(), m.by_dtype.end(), [](const TensorTally& x, const TensorTally& y) { return x.bytes > y.bytes; });
    std::vector<TensorTally> ordered;
    for (const char* k : kComponents)
        for (const auto& r : m.by_component)
            if (r.key == k) ordered.push_back(r);
    m.by_component = std::move(ordered);

    if (index) {
        std::set<std::string> given;
        for (const auto& f : files) {
            const size_t slash = f.name.find_last_of("/\\");
            given.insert(slash == std::string::npos ? f.name : f.name.substr(slash + 1));
        }
        int64_t missing_tensors = 0;
        for (const auto& [tensor, shard] : index->weight_map)
            if (given.count(shard) && !names.count(tensor)) ++missing_tensors;
        if (missing_tensors > 0)
            m.warnings.push_back(std::to_string(missing_tensors) + " tensors of the index's weight_map are not in the given shards");
        size_t shards_given = 0;
        for (const auto& s : index->shards) shards_given += given.count(s);
        if (files.empty()) {
            m.bytes = m.weights.total = m.weights.layers = std::max<int64_t>(0, index->total_size);
            m.warnings.push_back("only the index was given: bytes are its metadata.total_size; give the shards for "
                                 "parameters and dtypes");
            if (index->total_size < 0) m.warnings.push_back("the index has no metadata.total_size");
        } else if (shards_given < index->shards.size()) {
            m.warnings.push_back("only " + std::to_string(shards_given) + " of the index's " + std::to_string(index->shards.size()) +
                                 " shards given: the counts cover only those");
        } else if (index->total_size >= 0 && index->total_size != m.bytes) {
            m.warnings.push_back("the index's metadata.total_size (" + std::to_string(index->total_size) +
                                 ") differs from the shards' tensor bytes (" + std::to_string(m.bytes) + ")");
        }
        m.files.insert(m.files.begin(), "model.safetensors.index.json");
    }

    if (meta) {
        if (const FileValue* nm = meta->find("general.name"); nm && nm->kind == FileValue::Kind::String) m.model_name = nm->s;
        for (const auto& [k, v] : meta->metadata) {
            if (starts(k, "tokenizer.") && k != "tokenizer.ggml.model") continue;
            if (m.facts.size() >= 200) break;
            m.facts.emplace_back(k, value_text(v));
        }
    }
    if (m.format == "gguf" && meta) config_from_gguf(*meta, all, m);
    else config_from_shapes(all, m);
    m.config.name = m.model_name.empty() ? (m.files.empty() ? "model file" : m.files.back()) : m.model_name;
    m.config.source = m.format + " header (" + (m.files.empty() ? std::string("index") : m.files[0]) + ")";
    return res;
}

std::string missing_input_key(const std::string& miss) {
    // GGUF keys (config_from_gguf's required metadata) name the input key a user types instead
    if (ends(miss, ".embedding_length")) return "hidden";
    if (ends(miss, ".block_count")) return "layers";
    if (ends(miss, ".attention.head_count")) return "heads";
    return miss;
}

ResolvedModel resolve_file_model(const Inputs& in, const FileModel& f) {
    if (in.total_params) return resolve_model(in, &f.config);  // a named error: the file gives the model
    if (!in.config.empty()) {
        ResolvedModel r = resolve_model(in);
        r.notes.push_back("model dimensions from config.json; weights as stored in the file");
        return r;
    }
    ResolvedModel r;
    ModelConfig base = f.config;
    // kv_heads of a safetensors checkpoint from k_proj's rows once the head size is known (typed heads/head_dim)
    const bool kv_typed = in.kv_heads.has_value();
    if (f.k_rows > 0 && !kv_typed && in.heads && *in.heads > 0) {
        const int64_t head = in.head_dim ? *in.head_dim : (base.hidden_size > 0 ? base.hidden_size / *in.heads : 0);
        if (head > 0 && f.k_rows % head == 0) {
            base.num_kv_heads = f.k_rows / head;
            r.notes.push_back("kv_heads = " + std::to_string(base.num_kv_heads) + " from k_proj's " + std::to_string(f.k_rows) +
                              " rows / head size " + std::to_string(head));
        }
    }
    for (const std::string& miss : f.missing) {
        const std::string key = missing_input_key(miss);
        if (!get_input(in, key).empty()) continue;
        if (key == "kv_heads" && base.num_kv_heads > 0) continue;
        r.errors.push_back({key, "the " + f.format + " header does not give " + (key == miss ? key : miss) +
                                     ": give config.json (config) or " + key});
    }
    // A header's dimensions are held to the same ranges as the keys that mean them and as config.json's fields
    // (issue #14: a 13 kB GGUF saying block_count = 6,029,313 made one report take seconds under the fuzzer).
    const struct { int64_t value; const char* key; const char* gguf; } dims[] = {
        {base.vocab_size, "vocab", "vocab_size"},          {base.hidden_size, "hidden", "embedding_length"},
        {base.num_layers, "layers", "block_count"},         {base.num_heads, "heads", "attention.head_count"},
        {base.num_kv_heads, "kv_heads", "attention.head_count_kv"}, {base.head_dim, "head_dim", "attention.key_length"},
        {base.intermediate_size, "intermediate", "feed_forward_length"}, {base.num_experts, "experts", "expert_count"},
        {base.experts_per_token, "top_k", "expert_used_count"},
    };
    for (const auto& d : dims) {
        const KeySpec* k = find_key(d.key);
        if (k && d.value > k->hi && get_input(in, d.key).empty())
            r.errors.push_back({d.key, "the " + f.format + " header's " + (f.format == "gguf" ? d.gguf : d.key) +
                                           " is too large (" + std::to_string(d.value) + "): at most " +
                                           std::to_string(k->hi) + ", as for key '" + d.key + "'"});
    }
    if (!r.errors.empty()) return r;
    // Typed heads fill the file's gap (they are part of the file's model, not an edit of it: resolve_model's
    // heads-over-GQA rules must not re-derive the kv_heads found above).
    Inputs filled = in;
    if (base.num_heads == 0 && in.heads) {
        base.num_heads = *in.heads;
        filled.heads.reset();
    }
    ResolvedModel m = resolve_model(filled, &base);
    m.notes.insert(m.notes.begin(), r.notes.begin(), r.notes.end());
    m.notes.insert(m.notes.begin(), f.notes.begin(), f.notes.end());
    return m;
}

void add_file_findings(const FileModel& f, Report& r) {
    r.notes.push_back("weights as stored in the file: " + std::to_string(f.bytes) + " bytes in " + std::to_string(f.tensors) +
                      " tensors (the weights key is not used for their size)");
    r.warnings.insert(r.warnings.end(), f.warnings.begin(), f.warnings.end());
    if (f.params > 0 && r.params.total != f.params)
        r.warnings.push_back("the file holds " + std::to_string(f.params) + " parameters; the architecture gives " +
                             std::to_string(r.params.total) + " (tensors it does not describe, e.g. vision or MTP layers, "
                             "or packed quantized tensors): FLOPs and activations follow the architecture");
    r.file_json = file_model_json(f);
}

std::string file_model_json(const FileModel& m, bool pretty) {
    json::Writer w(pretty);
    auto rows = [&](const char* key, const char* name, const std::vector<TensorTally>& rs) {
        w.key(key).begin_array();
        for (const auto& r : rs)
            w.begin_object().field(name, r.key).field("tensors", r.tensors).field("params", r.params).field("bytes", r.bytes).end_object();
        w.end_array();
    };
    auto strings = [&](const char* key, const std::vector<std::string>& ss) {
        w.key(key).begin_array();
        for (const auto& s : ss) w.value(s);
        w.end_array();
    };
    w.begin_object();
    w.field("format", m.format);
    strings("files", m.files);
    w.field("tensors", m.tensors).field("params", m.params).field("bytes", m.bytes).field("scale_bytes", m.scale_bytes);
    w.field("header_bytes", m.header_bytes);
    w.field("architecture", m.architecture).field("name", m.model_name);
    rows("by_dtype", "dtype", m.by_dtype);
    rows("by_component", "component", m.by_component);
    w.key("weights").begin_object().field("total", m.weights.total).field("embeddings", m.weights.embeddings)
        .field("lm_head", m.weights.lm_head).field("layers", m.weights.layers).field("experts", m.weights.experts)
        .field("small", m.weights.small).end_object();
    w.field("config_from_file", m.has_config);
    strings("missing", m.missing);
    w.key("metadata").begin_object();
    for (const auto& [k, v] : m.facts) w.field(k, v);
    w.end_object();
    strings("notes", m.notes);
    strings("warnings", m.warnings);
    w.end_object();
    return w.take();
}

std::string probe_header_json(std::string_view head, uint64_t file_size, std::string_view name) {
    if (looks_like_index_json(head)) return "{\"index\":true}";
    const HeaderParse p = parse_model_file(head, file_size, name);
    json::Writer w;
    w.begin_object();
    if (p.ok()) w.field("ok", true).field("header_bytes", p.file.header_bytes);
    else if (p.status == HeaderParse::Status::NeedMore) w.field("need", p.need);
    else w.key("errors").begin_array().begin_object().field("key", "file").field("message", p.error).end_object().end_array();
    w.end_object();
    return w.take();
}

FileModelResult model_from_heads(std::string_view heads, std::string_view files_json) {
    FileModelResult out;
    auto fail = [&](const std::string& msg) {
        out.error = msg;
        return out;
    };
    const json::ParseResult list = json::parse(files_json);
    if (!list.ok() || !list.value.is_array()) return fail("the file list is not a JSON array");
    std::vector<ParsedFile> files;
    SafetensorsIndex index;
    bool has_index = false;
    uint64_t at = 0;
    for (const auto& f : list.value.items()) {
        const json::Value* nm = f.find("name");
        const json::Value* sz = f.find("size");
        const json::Value* len = f.find("length");
        if (!nm || !nm->is_string() || !sz || !sz->is_number() || !len || !len->is_int() || len->as_int() < 0 ||
            sz->as_double() < 0 || sz->as_double() > 1e18)
            return fail("each file needs a name, a size and a length");
        const uint64_t n = static_cast<uint64_t>(len->as_int());
        if (n > heads.size() - at) return fail(nm->as_string() + ": its length runs past the bytes given");
        const std::string_view head = heads.substr(at, n);
        at += n;
        if (looks_like_index_json(head)) {
            const std::string e = parse_safetensors_index(head, index);
            if (!e.empty()) return fail(nm->as_string() + ": " + e);
            has_index = true;
            continue;
        }
        HeaderParse p = parse_model_file(head, static_cast<uint64_t>(sz->as_double()), nm->as_string());
        if (p.status == HeaderParse::Status::NeedMore)
            return fail(nm->as_string() + ": the bytes given end inside the header (it needs " + std::to_string(p.need) + ")");
        if (!p.ok()) return fail(p.error);
        files.push_back(std::move(p.file));
    }
    return combine_model_files(files, has_index ? &index : nullptr);
}

std::string inspect_files_json(std::string_view hash, std::string_view heads, std::string_view files_json) {
    Inputs in;
    std::vector<InputError> errors = parse_hash(hash, in);
    if (!errors.empty()) return errors_json(errors);
    const FileModelResult m = model_from_heads(heads, files_json);
    if (!m.ok()) return errors_json({{"file", m.error}});
    const Result r = compute(in, m.model);
    json::Writer w;
    w.begin_object();
    w.key("file").raw(file_model_json(m.model));
    w.key("report");
    if (r.ok()) w.raw(report_json(r.report));
    else w.null();
    w.key("errors").begin_array();
    for (const auto& e : r.errors) w.begin_object().field("key", e.key).field("message", e.message).end_object();
    w.end_array().end_object();
    return w.take();
}

}  // namespace llmcalc
