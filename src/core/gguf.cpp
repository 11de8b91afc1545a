// GGUF header reader (v2 and v3). Layout from the GGUF specification (ggml-org/ggml docs/gguf.md):
//   uint32 magic "GGUF" | uint32 version | uint64 tensor_count | uint64 metadata_kv_count
//   metadata_kv_count x { gguf_string key; uint32 value_type; value }
//   tensor_count x { gguf_string name; uint32 n_dimensions; uint64 dimensions[n]; uint32 ggml_type; uint64 offset }
//   padding to general.alignment (default 32); tensor data (offsets relative to its start)
// gguf_string = { uint64 len; char[len] } (v1 used uint32 lengths and counts: refused). All little-endian.
// Value types (gguf_metadata_value_type): 0 u8, 1 i8, 2 u16, 3 i16, 4 u32, 5 i32, 6 f32, 7 bool, 8 string,
// 9 array { uint32 type; uint64 count; values }, 10 u64, 11 i64, 12 f64.
#include <algorithm>
#include <cstring>
#include <limits>

#include "formats.hpp"
#include "model_file.hpp"

namespace llmcalc {
namespace {

enum : uint32_t { kU8, kI8, kU16, kI16, kU32, kI32, kF32, kBool, kString, kArray, kU64, kI64, kF64 };
constexpr uint32_t kMaxDims = 4;          // GGML_MAX_DIMS (ggml/include/ggml.h)
constexpr uint64_t kDefaultAlignment = 32; // GGUF_DEFAULT_ALIGNMENT (docs/gguf.md: general.alignment)

// Forward-only reader over the bytes at hand. A read past them sets `short_at` (how far the header reaches);
// a malformed value sets `error`. Either stops the parse.
struct Reader {
    std::string_view b;
    uint64_t pos = 0;
    uint64_t short_at = 0;
    std::string error;
    uint64_t error_at = 0;

    bool failed() const { return short_at > 0 || !error.empty(); }
    bool have(uint64_t n) {
        if (b.size() - pos >= n) return true;
        short_at = pos + n;  // n <= kMaxHeaderBytes here (callers check sizes first), no overflow
        return false;
    }
    bool fail(const std::string& what, uint64_t at) {
        if (error.empty()) { error = what; error_at = at; }
        return false;
    }
    uint64_t le(int n) {
        uint64_t v = 0;
        for (int i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(b[pos + i])) << (8 * i);
        pos += n;
        return v;
    }
    bool u32(uint32_t& v) { if (!have(4)) return false; v = static_cast<uint32_t>(le(4)); return true; }
    bool u64(uint64_t& v) { if (!have(8)) return false; v = le(8); return true; }
    bool str(std::string* out, const char* what) {
        const uint64_t at = pos;
        uint64_t n = 0;
        if (!u64(n)) return false;
        if (n > kMaxHeaderBytes) return fail(std::string(what) + " length " + std::to_string(n) + " exceeds the header cap", at);
        if (!have(n)) return false;
        if (out) out->assign(b.data() + pos, n);
        pos += n;
        return true;
    }
    bool skip(uint64_t n) { if (!have(n)) return false; pos += n; return true; }
};

int scalar_size(uint32_t t) {
    switch (t) {
        case kU8: case kI8: case kBool: return 1;
        case kU16: case kI16: return 2;
        case kU32: case kI32: case kF32: return 4;
        case kU64: case kI64: case kF64: return 8;
        default: return 0;
    }
}

// One scalar of type t as a FileValue (Int, Float or Bool).
bool read_scalar(Reader& r, uint32_t t, FileValue& v) {
    const uint64_t at = r.pos;
    if (!r.have(static_cast<uint64_t>(scalar_size(t)))) return false;
    const uint64_t raw = r.le(scalar_size(t));
    v.kind = FileValue::Kind::Int;
    switch (t) {
        case kU8: case kU16: case kU32: v.i = static_cast<int64_t>(raw); break;
        case kI8: v.i = static_cast<int8_t>(raw); break;
        case kI16: v.i = static_cast<int16_t>(raw); break;
        case kI32: v.i = static_cast<int32_t>(raw); break;
        case kI64: v.i = static_cast<int64_t>(raw); break;
        case kU64:
            if (raw > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
                v.kind = FileValue::Kind::Float;
                v.f = static_cast<double>(raw);
            } else {
                v.i = static_cast<int64_t>(raw);
            }
            break;
        case kBool:
            if (raw > 1) return r.fail("bool value " + std::to_string(raw) + " is neither 0 nor 1", at);
            v.kind = FileValue::Kind::Bool;
            v.i = static_cast<int64_t>(raw);
            break;
        case kF32: {
            const uint32_t u = static_cast<uint32_t>(raw);
            float f;
            std::memcpy(&f, &u, 4);
            v.kind = FileValue::Kind::Float;
            v.f = f;
            break;
        }
        case kF64: {
            double f;
            std::memcpy(&f, &raw, 8);
            v.kind = FileValue::Kind::Float;
            v.f = f;
            break;
        }
        default: break;
    }
    return true;
}

bool read_value(Reader& r, uint32_t type, uint64_t type_at, FileValue& v) {
    if (type == kString) {
        v.kind = FileValue::Kind::String;
        return r.str(&v.s, "string value");
    }
    if (type == kArray) {
        v.kind = FileValue::Kind::Array;
        const uint64_t at = r.pos;
        if (!r.u32(v.array_type)) return false;
        if (!r.u64(v.array_count)) return false;
        if (v.array_type == kArray) return r.fail("arrays of arrays are not supported", at);
        if (v.array_type == kString) {
            // tokenizer vocabularies: only the count is kept
            for (uint64_t k = 0; k < v.array_count; ++k)
                if (!r.str(nullptr, "array string")) return false;
            return true;
        }
        const int size = scalar_size(v.array_type);
        if (size == 0) return r.fail("unknown array element type " + std::to_string(v.array_type), at);
        if (v.array_count > kMaxHeaderBytes / static_cast<uint64_t>(size))
            return r.fail("array of " + std::to_string(v.array_count) + " elements exceeds the header cap", at + 4);
        const bool keep = v.array_count <= kMaxKeptArray && v.array_type != kF32 && v.array_type != kF64;
        if (!keep) return r.skip(v.array_count * static_cast<uint64_t>(size));
        if (!r.have(v.array_count * static_cast<uint64_t>(size))) return false;
        for (uint64_t k = 0; k < v.array_count; ++k) {
            FileValue e;
            if (!read_scalar(r, v.array_type, e)) return false;
            v.ints.push_back(e.kind == FileValue::Kind::Float ? std::numeric_limits<int64_t>::max() : e.i);
        }
        return true;
    }
    if (scalar_size(type) == 0) return r.fail("unknown metadata value type " + std::to_string(type), type_at);
    return read_scalar(r, type, v);
}

}  // namespace

HeaderParse parse_gguf(std::string_view head, uint64_t file_size, std::string_view name) {
    Reader r;
    r.b = head.size() > kMaxHeaderBytes ? head.substr(0, kMaxHeaderBytes) : head;
    ParsedFile f;
    f.format = "gguf";
    f.name = std::string(name);
    f.file_size = file_size;
    auto stop = [&]() {
        if (!r.error.empty()) return detail::header_error(name, r.error, r.error_at);
        return detail::short_read(name, r.b.size(), r.short_at, file_size);
    };

    if (!r.have(4)) return stop();
    if (r.b.substr(0, 4) != "GGUF") return detail::header_error(name, "not a GGUF file (no \"GGUF\" magic)", 0);
    r.pos = 4;
    uint32_t version = 0;
    if (!r.u32(version)) return stop();
    if (version == 1) return detail::header_error(name, "GGUF version 1 is not supported (versions 2 and 3 are)", 4);
    if (version != 2 && version != 3) {
        const bool swapped = (version & 0xffff) == 0 && version != 0;
        return detail::header_error(name, swapped ? "big-endian GGUF is not supported"
                                                  : "unsupported GGUF version " + std::to_string(version), 4);
    }
    f.version = version;
    uint64_t n_tensors = 0, n_kv = 0;
    if (!r.u64(n_tensors) || !r.u64(n_kv)) return stop();
    // Each tensor info takes at least 8 + 4 + 4 + 8 bytes and each key/value at least 8 + 4 + 1.
    if (n_tensors > kMaxHeaderBytes / 24)
        return detail::header_error(name, "tensor count " + std::to_string(n_tensors) + " exceeds what the header cap can hold", 8);
    if (n_kv > kMaxHeaderBytes / 13)
        return detail::header_error(name, "metadata count " + std::to_string(n_kv) + " exceeds what the header cap can hold", 16);

    uint64_t alignment = kDefaultAlignment;
    for (uint64_t k = 0; k < n_kv; ++k) {
        std::string key;
        if (!r.str(&key, "key")) return stop();
        const uint64_t type_at = r.pos;
        uint32_t type = 0;
        if (!r.u32(type)) return stop();
        FileValue v;
        if (!read_value(r, type, type_at, v)) return stop();
        if (key == "general.alignment") {
            if (v.kind != FileValue::Kind::Int || v.i <= 0 || (v.i & (v.i - 1)) != 0 || v.i > (1 << 20))
                return detail::header_error(name, "general.alignment must be a power of two (up to 2^20)", type_at);
            alignment = static_cast<uint64_t>(v.i);
        }
        f.metadata.emplace_back(std::move(key), std::move(v));
    }

    uint64_t data_extent = 0;  // end of the last tensor's bytes, relative to the data start
    for (uint64_t k = 0; k < n_tensors; ++k) {
        FileTensor t;
        if (!r.str(&t.name, "tensor name")) return stop();
        uint32_t n_dims = 0;
        const uint64_t dims_at = r.pos;
        if (!r.u32(n_dims)) return stop();
        if (n_dims > kMaxDims)
            return detail::header_error(name, "tensor '" + t.name + "' has " + std::to_string(n_dims) +
                                                  " dimensions (at most 4)", dims_at);
        __int128 elements = 1;
        for (uint32_t d = 0; d < n_dims; ++d) {
            uint64_t ne = 0;
            const uint64_t ne_at = r.pos;
            if (!r.u64(ne)) return stop();
            if (ne > (uint64_t{1} << 62))
                return detail::header_error(name, "tensor '" + t.name + "' dimension " + std::to_string(ne) + " is too large", ne_at);
            t.shape.push_back(static_cast<int64_t>(ne));
            elements *= static_cast<__int128>(ne);
            if (elements > (static_cast<__int128>(1) << 62))
                return detail::header_error(name, "tensor '" + t.name + "' element count overflows", ne_at);
        }
        const uint64_t type_at = r.pos;
        uint32_t type = 0;
        uint64_t offset = 0;
        if (!r.u32(type) || !r.u64(offset)) return stop();
        const GgmlBlock* blk = ggml_block_by_id(type);
        if (!blk)
            return detail::header_error(name, "tensor '" + t.name + "' has unknown ggml type " + std::to_string(type) +
                                                  " (newer than this calculator, or corrupt)", type_at);
        t.dtype = blk->name;
        t.elements = static_cast<int64_t>(elements);
        const int64_t row = t.shape.empty() ? 1 : t.shape[0];
        if (row % blk->block != 0)
            return detail::header_error(name, "tensor '" + t.name + "': row length " + std::to_string(row) +
                                                  " is not a multiple of " + blk->name + "'s block of " +
                                                  std::to_string(blk->block), dims_at);
        const __int128 bytes = elements / blk->block * blk->bytes;
        if (bytes > (static_cast<__int128>(1) << 62))
            return detail::header_error(name, "tensor '" + t.name + "' byte size overflows", type_at);
        t.bytes = static_cast<int64_t>(bytes);
        if (offset % alignment != 0)
            return detail::header_error(name, "tensor '" + t.name + "' data offset " + std::to_string(offset) +
                                                  " is not a multiple of the alignment " + std::to_string(alignment), type_at + 4);
        if (offset > (uint64_t{1} << 62))
            return detail::header_error(name, "tensor '" + t.name + "' data offset is too large", type_at + 4);
        data_extent = std::max(data_extent, offset + static_cast<uint64_t>(t.bytes));
        f.data_bytes += static_cast<uint64_t>(t.bytes);
        f.tensors.push_back(std::move(t));
    }
    f.header_bytes = (r.pos + alignment - 1) / alignment * alignment;
    if (file_size > 0 && f.header_bytes + data_extent > file_size)
        return detail::header_error(name, "tensor data reaches byte " + std::to_string(f.header_bytes + data_extent) +
                                              " but the file has " + std::to_string(file_size) + " bytes (truncated?)",
                                    r.pos);
    HeaderParse ok;
    ok.status = HeaderParse::Status::Ok;
    ok.file = std::move(f);
    return ok;
}

}  // namespace llmcalc
