// Test-side writers of small GGUF and safetensors files, written from the format descriptions (GGUF: ggml-org/ggml
// docs/gguf.md; safetensors: huggingface/safetensors README "Format"), independent of the parsers under test.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace llmcalc_test {

class GgufWriter {
public:
    enum Type : uint32_t { U8 = 0, I8, U16, I16, U32, I32, F32, BOOL, STRING, ARRAY, U64, I64, F64 };

    void kv_u32(const std::string& k, uint32_t v) { key(k, U32); put(v, 4); ++n_kv_; }
    void kv_u64(const std::string& k, uint64_t v) { key(k, U64); put(v, 8); ++n_kv_; }
    void kv_f32(const std::string& k, float v) {
        key(k, F32);
        uint32_t u;
        static_assert(sizeof u == sizeof v, "f32");
        __builtin_memcpy(&u, &v, 4);
        put(u, 4);
        ++n_kv_;
    }
    void kv_bool(const std::string& k, bool v) { key(k, BOOL); put(v ? 1 : 0, 1); ++n_kv_; }
    void kv_str(const std::string& k, const std::string& v) { key(k, STRING); str(kv_, v); ++n_kv_; }
    void kv_strs(const std::string& k, const std::vector<std::string>& v) {
        key(k, ARRAY);
        put(STRING, 4);
        put(v.size(), 8);
        for (const auto& s : v) str(kv_, s);
        ++n_kv_;
    }
    void kv_i32s(const std::string& k, const std::vector<int32_t>& v) {
        key(k, ARRAY);
        put(I32, 4);
        put(v.size(), 8);
        for (int32_t x : v) put(static_cast<uint32_t>(x), 4);
        ++n_kv_;
    }
    // A tensor of ggml type number `type` whose data takes `bytes`; offsets are laid out aligned to 32.
    void tensor(const std::string& name, const std::vector<uint64_t>& ne, uint32_t type, uint64_t bytes) {
        str(ti_, name);
        put(ne.size(), 4, &ti_);
        for (uint64_t d : ne) put(d, 8, &ti_);
        put(type, 4, &ti_);
        put(data_, 8, &ti_);
        data_ += (bytes + 31) / 32 * 32;
        ++n_tensors_;
    }
    // The header (everything before the tensor data), padded to 32.
    std::string header(uint32_t version = 3) const {
        std::string out = "GGUF";
        put(version, 4, &out);
        put(n_tensors_, 8, &out);
        put(n_kv_, 8, &out);
        out += kv_;
        out += ti_;
        while (out.size() % 32) out += '\0';
        return out;
    }
    uint64_t data_size() const { return data_; }

    static void put(uint64_t v, int n, std::string* o) {
        for (int i = 0; i < n; ++i) o->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }

private:
    void put(uint64_t v, int n) { put(v, n, &kv_); }
    static void str(std::string& o, const std::string& s) { put(s.size(), 8, &o); o += s; }
    void key(const std::string& k, uint32_t type) { str(kv_, k); put(type, 4); }
    std::string kv_, ti_;
    uint64_t n_kv_ = 0, n_tensors_ = 0, data_ = 0;
};

// safetensors: 8-byte little-endian header length + JSON header. Tensors are laid out back to back.
class SafetensorsWriter {
public:
    void meta(const std::string& k, const std::string& v) { meta_.emplace_back(k, v); }
    void tensor(const std::string& name, const std::string& dtype, const std::vector<int64_t>& shape, int64_t bytes) {
        std::string s = "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[";
        for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
        s += "],\"data_offsets\":[" + std::to_string(end_) + "," + std::to_string(end_ + bytes) + "]}";
        end_ += bytes;
        entries_.push_back(s);
    }
    std::string json() const {
        std::string j = "{";
        if (!meta_.empty()) {
            j += "\"__metadata__\":{";
            for (size_t i = 0; i < meta_.size(); ++i) j += (i ? "," : "") + ("\"" + meta_[i].first + "\":\"" + meta_[i].second + "\"");
            j += "}";
            if (!entries_.empty()) j += ",";
        }
        for (size_t i = 0; i < entries_.size(); ++i) j += (i ? "," : "") + entries_[i];
        return j + "}";
    }
    std::string header() const {
        const std::string j = json();
        std::string out;
        GgufWriter::put(j.size(), 8, &out);
        return out + j;
    }
    int64_t data_size() const { return end_; }

private:
    std::vector<std::pair<std::string, std::string>> meta_;
    std::vector<std::string> entries_;
    int64_t end_ = 0;
};

}  // namespace llmcalc_test
