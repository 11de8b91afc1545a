// safetensors header reader. Format (huggingface/safetensors README, "Format"): 8 bytes little-endian uint64 N, then
// N bytes of UTF-8 JSON: {"__metadata__": {string: string}, "<tensor>": {"dtype": "BF16", "shape": [..],
// "data_offsets": [begin, end]}, ...}; offsets are relative to the byte after the header. Dtype sizes: the Dtype
// enum of safetensors/src/tensor.rs (bitsize()). Also model.safetensors.index.json (transformers' sharded
// checkpoints: {"metadata": {"total_size": bytes}, "weight_map": {tensor: shard file}}).
#include <algorithm>
#include <set>

#include "json.hpp"
#include "model_file.hpp"

namespace llmcalc {
namespace {

// Bits per element of a safetensors dtype; 0 = unknown.
int dtype_bits(std::string_view d) {
    struct Row { const char* name; int bits; };
    static const Row rows[] = {
        {"BOOL", 8}, {"F4", 4}, {"F6_E2M3", 6}, {"F6_E3M2", 6}, {"U8", 8}, {"I8", 8}, {"F8_E5M2", 8}, {"F8_E4M3", 8},
        {"F8_E8M0", 8}, {"I16", 16}, {"U16", 16}, {"F16", 16}, {"BF16", 16}, {"I32", 32}, {"U32", 32}, {"F32", 32},
        {"C64", 64}, {"F64", 64}, {"I64", 64}, {"U64", 64},
    };
    for (const auto& r : rows)
        if (d == r.name) return r.bits;
    return 0;
}

}  // namespace

HeaderParse parse_safetensors(std::string_view head, uint64_t file_size, std::string_view name) {
    if (head.size() < 8) return detail::short_read(name, head.size(), 8, file_size);
    uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(static_cast<unsigned char>(head[i])) << (8 * i);
    if (n > kMaxHeaderBytes - 8)
        return detail::header_error(name, "header length " + std::to_string(n) + " exceeds the cap of " +
                                              std::to_string(kMaxHeaderBytes - 8) + " bytes (not a safetensors file?)", 0);
    if (n < 2) return detail::header_error(name, "header length " + std::to_string(n) + " is too short for a JSON object", 0);
    if (head.size() < 8 + n) return detail::short_read(name, head.size(), 8 + n, file_size);
    const std::string_view text = head.substr(8, n);
    const json::ParseResult pr = json::parse(text);
    if (!pr.ok()) return detail::header_error(name, "header JSON: " + pr.error, 8 + pr.error_offset);
    if (!pr.value.is_object()) return detail::header_error(name, "header JSON is not an object", 8);

    ParsedFile f;
    f.format = "safetensors";
    f.name = std::string(name);
    f.file_size = file_size;
    f.header_bytes = 8 + n;
    const json::Value& root = pr.value;
    uint64_t data_extent = 0;
    // Offsets of JSON members are not kept by the parser: errors name the tensor and the header's first byte.
    auto bad = [&](const std::string& tensor, const std::string& what) {
        return detail::header_error(name, "tensor '" + tensor + "': " + what, 8);
    };
    for (size_t k = 0; k < root.size(); ++k) {
        const std::string& key = root.key(k);
        const json::Value& v = root[k];
        if (key == "__metadata__") {
            if (!v.is_object()) return detail::header_error(name, "__metadata__ is not an object", 8);
            for (size_t m = 0; m < v.size(); ++m) {
                FileValue fv;
                fv.kind = FileValue::Kind::String;
                fv.s = v[m].is_string() ? v[m].as_string() : json::to_text(v[m]);
                f.metadata.emplace_back(v.key(m), std::move(fv));
            }
            continue;
        }
        if (root.find(key) != &v) return bad(key, "appears twice in the header");
        if (!v.is_object()) return bad(key, "entry is not an object");
        const json::Value* dt = v.find("dtype");
        const json::Value* shape = v.find("shape");
        const json::Value* offs = v.find("data_offsets");
        if (!dt || !dt->is_string()) return bad(key, "no \"dtype\" string");
        if (!shape || !shape->is_array()) return bad(key, "no \"shape\" array");
        if (!offs || !offs->is_array() || offs->size() != 2 || !(*offs)[0].is_int() || !(*offs)[1].is_int())
            return bad(key, "\"data_offsets\" is not [begin, end]");
        const int bits = dtype_bits(dt->as_string());
        if (bits == 0) return bad(key, "unknown dtype \"" + dt->as_string() + "\"");
        FileTensor t;
        t.name = key;
        t.dtype = dt->as_string();
        __int128 elements = 1;
        for (const auto& d : shape->items()) {
            if (!d.is_int() || d.as_int() < 0) return bad(key, "shape holds a value that is not a non-negative integer");
            t.shape.push_back(d.as_int());
            elements *= d.as_int();
            if (elements > (static_cast<__int128>(1) << 62)) return bad(key, "element count overflows");
        }
        if (t.shape.size() > 8) return bad(key, "more than 8 dimensions");
        t.elements = static_cast<int64_t>(elements);
        t.bytes = static_cast<int64_t>((elements * bits + 7) / 8);
        const int64_t begin = (*offs)[0].as_int(), end = (*offs)[1].as_int();
        if (begin < 0 || end < begin) return bad(key, "data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) + "] are not ordered");
        if (end - begin != t.bytes)
            return bad(key, "data_offsets span " + std::to_string(end - begin) + " bytes but " + t.dtype + " x shape needs " +
                                std::to_string(t.bytes));
        data_extent = std::max<uint64_t>(data_extent, static_cast<uint64_t>(end));
        f.data_bytes += static_cast<uint64_t>(t.bytes);
        f.tensors.push_back(std::move(t));
    }
    if (file_size > 0 && f.header_bytes + data_extent > file_size)
        return detail::header_error(name, "tensor data reaches byte " + std::to_string(f.header_bytes + data_extent) +
                                              " but the file has " + std::to_string(file_size) + " bytes (truncated?)", 8);
    HeaderParse ok;
    ok.status = HeaderParse::Status::Ok;
    ok.file = std::move(f);
    return ok;
}

bool looks_like_index_json(std::string_view head) {
    size_t i = 0;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
    return i < head.size() && head[i] == '{';
}

std::string parse_safetensors_index(std::string_view text, SafetensorsIndex& out) {
    out = SafetensorsIndex{};
    if (text.size() > kMaxHeaderBytes) return "index JSON is larger than the cap of " + std::to_string(kMaxHeaderBytes) + " bytes";
    const json::ParseResult pr = json::parse(text);
    if (!pr.ok()) return "index JSON: " + pr.error;
    const json::Value* wm = pr.value.find("weight_map");
    if (!wm || !wm->is_object()) return "index JSON has no \"weight_map\" object";
    std::set<std::string> seen;
    for (size_t k = 0; k < wm->size(); ++k) {
        const json::Value& shard = (*wm)[k];
        if (!shard.is_string()) return "weight_map['" + wm->key(k) + "'] is not a file name";
        out.weight_map.emplace_back(wm->key(k), shard.as_string());
        if (seen.insert(shard.as_string()).second) {
            if (out.shards.size() >= 100000) return "index JSON names more than 100000 shards";
            out.shards.push_back(shard.as_string());
        }
    }
    if (const json::Value* md = pr.value.find("metadata"); md && md->is_object()) {
        if (const json::Value* ts = md->find("total_size")) {
            if (ts->is_int() && ts->as_int() >= 0) out.total_size = ts->as_int();
            else if (ts->is_double() && ts->as_double() >= 0 && ts->as_double() < 9.2e18) out.total_size = static_cast<int64_t>(ts->as_double());
            else return "metadata.total_size is not a byte count";
        }
    }
    return "";
}

}  // namespace llmcalc
