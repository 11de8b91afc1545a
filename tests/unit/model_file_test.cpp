// Model files: GGUF and safetensors headers written by the test itself (model_file_writer.hpp), read back; ggml
// block sizes against ggml-common.h; malformed, truncated and oversized headers give named errors.
#include <doctest/doctest.h>

#include <memory>

#include <nlohmann/json.hpp>

#include "formats.hpp"
#include "model_file.hpp"
#include "model_file_writer.hpp"
#include "report.hpp"
#include "sweeps.hpp"

using namespace llmcalc;
using llmcalc_test::GgufWriter;
using llmcalc_test::SafetensorsWriter;

namespace {

constexpr uint32_t kF32 = 0, kQ4K = 12, kQ6K = 14;

// A two-layer Llama-style model (GQA 4 heads / 2 KV heads, head 64, gated MLP 512, vocab 32) as llama.cpp names its
// tensors (gguf-py constants.py MODEL_TENSORS[LLAMA]), in a Q4_K_M-like mix: Q4_K, Q6_K for attn_v/ffn_down/output.
GgufWriter tiny_llama(bool with_output = true) {
    GgufWriter w;
    w.kv_str("general.architecture", "llama");
    w.kv_str("general.name", "tiny");
    w.kv_u32("general.alignment", 32);
    w.kv_u32("llama.block_count", 2);
    w.kv_u32("llama.embedding_length", 256);
    w.kv_u32("llama.feed_forward_length", 512);
    w.kv_u32("llama.attention.head_count", 4);
    w.kv_u32("llama.attention.head_count_kv", 2);
    w.kv_u32("llama.context_length", 8192);
    w.kv_f32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    w.kv_strs("tokenizer.ggml.tokens", std::vector<std::string>(32, "tok"));
    auto q4 = [](uint64_t n) { return n / 256 * 144; };  // block_q4_K: 144 bytes per 256
    auto q6 = [](uint64_t n) { return n / 256 * 210; };  // block_q6_K: 210 bytes per 256
    w.tensor("token_embd.weight", {256, 32}, kQ4K, q4(8192));
    for (int i = 0; i < 2; ++i) {
        const std::string b = "blk." + std::to_string(i) + ".";
        w.tensor(b + "attn_norm.weight", {256}, kF32, 1024);
        w.tensor(b + "attn_q.weight", {256, 256}, kQ4K, q4(65536));
        w.tensor(b + "attn_k.weight", {256, 128}, kQ4K, q4(32768));
        w.tensor(b + "attn_v.weight", {256, 128}, kQ6K, q6(32768));
        w.tensor(b + "attn_output.weight", {256, 256}, kQ4K, q4(65536));
        w.tensor(b + "ffn_norm.weight", {256}, kF32, 1024);
        w.tensor(b + "ffn_gate.weight", {256, 512}, kQ4K, q4(131072));
        w.tensor(b + "ffn_up.weight", {256, 512}, kQ4K, q4(131072));
        w.tensor(b + "ffn_down.weight", {512, 256}, kQ6K, q6(131072));
    }
    w.tensor("output_norm.weight", {256}, kF32, 1024);
    if (with_output) w.tensor("output.weight", {256, 32}, kQ6K, q6(8192));
    return w;
}

FileModel combine_ok(const std::vector<ParsedFile>& files, const SafetensorsIndex* index = nullptr) {
    FileModelResult r = combine_model_files(files, index);
    REQUIRE_MESSAGE(r.ok(), r.error);
    return r.model;
}

ParsedFile parse_ok(const std::string& bytes, uint64_t size, const char* name = "f") {
    HeaderParse p = parse_model_file(bytes, size, name);
    REQUIRE_MESSAGE(p.ok(), p.error);
    return p.file;
}

int64_t tally_of(const std::vector<TensorTally>& rows, const std::string& key, int64_t TensorTally::*field) {
    for (const auto& r : rows)
        if (r.key == key) return r.*field;
    return -1;
}

}  // namespace

TEST_CASE("ggml block sizes: each type's block from ggml-common.h's static_asserts (QK_K = 256)") {
    // ggml/src/ggml-common.h (llama.cpp): sizeof(block_x) == <the expression below>; bpw comments beside them.
    struct Row { GgmlType t; int id; int64_t block, bytes; double bpw; };
    const Row rows[] = {
        {GgmlType::Q4_0, 2, 32, 2 + 32 / 2, 4.5},                   // ggml_half + QK4_0/2
        {GgmlType::Q4_1, 3, 32, 2 * 2 + 32 / 2, 5.0},
        {GgmlType::Q5_0, 6, 32, 2 + 4 + 32 / 2, 5.5},               // half + uint32 qh + QK5_0/2
        {GgmlType::Q5_1, 7, 32, 2 * 2 + 4 + 32 / 2, 6.0},
        {GgmlType::Q8_0, 8, 32, 2 + 32, 8.5},
        {GgmlType::Q8_1, 9, 32, 2 * 2 + 32, 9.0},
        {GgmlType::Q2_K, 10, 256, 2 * 2 + 256 / 16 + 256 / 4, 2.625},  // "Effectively 2.625 bits per weight"
        {GgmlType::Q3_K, 11, 256, 2 + 256 / 4 + 256 / 8 + 12, 3.4375},
        {GgmlType::Q4_K, 12, 256, 2 * 2 + 12 + 256 / 2, 4.5},
        {GgmlType::Q5_K, 13, 256, 2 * 2 + 12 + 256 / 2 + 256 / 8, 5.5},
        {GgmlType::Q6_K, 14, 256, 2 + 256 / 16 + 3 * 256 / 4, 6.5625},
        {GgmlType::Q8_K, 15, 256, 4 + 256 + 256 / 16 * 2, 9.125},
        {GgmlType::IQ2_XXS, 16, 256, 2 + 256 / 8 * 2, 2.0625},     // "2.0625 bpw"
        {GgmlType::IQ2_XS, 17, 256, 2 + 256 / 8 * 2 + 256 / 32, 2.3125},
        {GgmlType::IQ3_XXS, 18, 256, 2 + 3 * (256 / 8), 3.0625},
        {GgmlType::IQ1_S, 19, 256, 2 + 256 / 8 + 256 / 16, 1.5625},
        {GgmlType::IQ4_NL, 20, 32, 2 + 32 / 2, 4.5},
        {GgmlType::IQ3_S, 21, 256, 2 + 13 * (256 / 32) + 256 / 64, 3.4375},
        {GgmlType::IQ2_S, 22, 256, 2 + 256 / 4 + 256 / 16, 2.5625},
        {GgmlType::IQ4_XS, 23, 256, 2 + 2 + 256 / 64 + 256 / 2, 4.25},
        {GgmlType::IQ1_M, 29, 256, 256 / 8 + 256 / 16 + 256 / 32, 1.75},
        {GgmlType::TQ1_0, 34, 256, 2 + 256 / 64 + (256 - 4 * 256 / 64) / 5, 1.6875},
        {GgmlType::TQ2_0, 35, 256, 2 + 256 / 4, 2.0625},
        {GgmlType::MXFP4, 39, 32, 1 + 32 / 2, 4.25},
        {GgmlType::NVFP4, 40, 64, 64 / 16 + 64 / 2, 4.5},
        {GgmlType::Q1_0, 41, 128, 2 + 128 / 8, 1.125},
        {GgmlType::Q2_0, 42, 64, 2 + 64 / 4, 2.25},
        {GgmlType::F32, 0, 1, 4, 32}, {GgmlType::F16, 1, 1, 2, 16}, {GgmlType::BF16, 30, 1, 2, 16},
        {GgmlType::I8, 24, 1, 1, 8}, {GgmlType::I16, 25, 1, 2, 16}, {GgmlType::I32, 26, 1, 4, 32},
        {GgmlType::I64, 27, 1, 8, 64}, {GgmlType::F64, 28, 1, 8, 64},
    };
    for (const auto& r : rows) {
        const GgmlBlock& b = ggml_block(r.t);
        CAPTURE(b.name);
        CHECK(b.gguf_id == r.id);
        CHECK(b.block == r.block);
        CHECK(b.bytes == r.bytes);
        CHECK(static_cast<double>(ggml_bits(r.t)) / kBitDen == r.bpw);
        CHECK(ggml_block_by_id(static_cast<uint32_t>(r.id)) == &b);
    }
    for (uint32_t retired : {4u, 5u, 31u, 32u, 33u, 36u, 37u, 38u, 43u, 1000u}) CHECK(ggml_block_by_id(retired) == nullptr);
}

TEST_CASE("GGUF: a Q4_K_M-style file gives exact parameters, bytes by type and component, and the model") {
    const GgufWriter w = tiny_llama();
    const std::string head = w.header();
    const ParsedFile f = parse_ok(head, head.size() + w.data_size(), "tiny.gguf");
    CHECK(f.format == "gguf");
    CHECK(f.version == 3);
    CHECK(f.header_bytes == head.size());
    CHECK(f.tensors.size() == 21);
    const FileModel m = combine_ok({f});
    // Hand count: embedding 256x32 = 8192; per layer 2 norms x 256 + q 256x256 + k, v 256x128 + o 256x256 +
    // gate, up, down 256x512 = 590336; output norm 256; output 8192: 8192 + 2 x 590336 + 256 + 8192.
    CHECK(m.params == 1197312);
    // Q4_K elements 8192 + 2 x (65536 + 32768 + 65536 + 131072 + 131072) = 860160 -> x 144/256 = 483840 bytes;
    // Q6_K 2 x (32768 + 131072) + 8192 = 335872 -> x 210/256 = 275520; F32 (2 x 2 + 1) x 256 x 4 = 5120.
    CHECK(tally_of(m.by_dtype, "Q4_K", &TensorTally::bytes) == 483840);
    CHECK(tally_of(m.by_dtype, "Q6_K", &TensorTally::bytes) == 275520);
    CHECK(tally_of(m.by_dtype, "F32", &TensorTally::bytes) == 5120);
    CHECK(m.bytes == 483840 + 275520 + 5120);
    CHECK(m.by_dtype[0].key == "Q4_K");  // largest first
    CHECK(tally_of(m.by_component, "attention", &TensorTally::params) == 2 * (65536 + 32768 * 2 + 65536));
    CHECK(tally_of(m.by_component, "mlp", &TensorTally::params) == 2 * 131072 * 3);
    CHECK(tally_of(m.by_component, "norms", &TensorTally::params) == 5 * 256);
    CHECK(tally_of(m.by_component, "embedding", &TensorTally::params) == 8192);
    CHECK(tally_of(m.by_component, "lm_head", &TensorTally::params) == 8192);
    CHECK(m.weights.total == m.bytes);
    CHECK(m.weights.embeddings + m.weights.lm_head + m.weights.layers + m.weights.experts + m.weights.small == m.bytes);
    REQUIRE(m.has_config);
    CHECK(m.architecture == "llama");
    CHECK(m.config.hidden_size == 256);
    CHECK(m.config.num_layers == 2);
    CHECK(m.config.num_heads == 4);
    CHECK(m.config.num_kv_heads == 2);
    CHECK(m.config.vocab_size == 32);
    CHECK(m.config.intermediate_size == 512);
    CHECK(m.config.max_positions == 8192);
    CHECK(!m.config.tie_embeddings);
    CHECK(m.config.mlp == MlpKind::Gated);
    CHECK(m.config.norm == NormKind::RMSNorm);

    // compute(): the stored bytes are the weights; the architecture's own count agrees with the file's tensors.
    Inputs in;
    in.seq = 1024;
    const Result r = compute(in, m);
    REQUIRE(r.ok());
    CHECK(r.report.params.total == 1197312);
    CHECK(r.report.weights_detail.total == m.bytes);
    CHECK(r.report.inference_memory.weights_total_bytes == m.bytes);
    // KV cache per token from the file's dimensions: 2 x kv_heads 2 x head 64 x 2 layers x 2 bytes (bf16)
    CHECK(r.report.kv_cache_bytes_per_token == 2 * 2 * 64 * 2 * 2);
    for (const auto& wmsg : r.report.warnings) CHECK(wmsg.find("the file holds") == std::string::npos);
    const auto j = nlohmann::json::parse(report_json(r.report));
    CHECK(j["file"]["params"] == 1197312);
    CHECK(j["file"]["by_dtype"][0]["dtype"] == "Q4_K");
    CHECK(j["file"]["metadata"]["general.name"] == "tiny");
    CHECK(j["file"]["config_from_file"] == true);
    // without the file, the report has no file section
    CHECK(!nlohmann::json::parse(report_json(compute(in).report)).contains("file"));
}

TEST_CASE("GGUF: a tied LM head (no output.weight) and per-layer KV heads") {
    GgufWriter w = tiny_llama(false);
    const FileModel m = combine_ok({parse_ok(w.header(), 0)});
    CHECK(m.config.tie_embeddings);
    CHECK(m.params == 1197312 - 8192);
}

TEST_CASE("GGUF: reading in growing chunks ends with the same answer, and asks for no more than the header") {
    const GgufWriter w = tiny_llama();
    const std::string head = w.header();
    const uint64_t size = head.size() + w.data_size();
    std::string have = head.substr(0, 10);
    int rounds = 0;
    HeaderParse p;
    for (;;) {
        p = parse_gguf(have, size, "tiny.gguf");
        if (p.status != HeaderParse::Status::NeedMore) break;
        REQUIRE(p.need > have.size());
        REQUIRE(p.need <= size);
        have = head.substr(0, std::min<size_t>(p.need, head.size()));
        REQUIRE(++rounds < 10);
    }
    REQUIRE(p.ok());
    CHECK(p.file.tensors.size() == 21);
    // a prefix that is the whole (unknown-size) buffer keeps asking; a known size that ends early is "truncated"
    CHECK(parse_gguf(head.substr(0, 100), 0).status == HeaderParse::Status::NeedMore);
    const HeaderParse t = parse_gguf(head.substr(0, 100), 100, "cut.gguf");
    REQUIRE(t.status == HeaderParse::Status::Error);
    CHECK(t.error.find("cut.gguf: truncated header") == 0);
    CHECK(t.error.find("at byte 100") != std::string::npos);
    // the data must fit in the file
    const HeaderParse d = parse_gguf(head, head.size() + 10, "short.gguf");
    REQUIRE(d.status == HeaderParse::Status::Error);
    CHECK(d.error.find("truncated?") != std::string::npos);
}

TEST_CASE("GGUF: malformed headers give named errors") {
    const std::string good = tiny_llama().header();
    auto err = [](const std::string& bytes) {
        HeaderParse p = parse_gguf(bytes, bytes.size(), "x");
        REQUIRE(p.status == HeaderParse::Status::Error);
        return p.error;
    };
    CHECK(err("GGML" + good.substr(4)).find("no \"GGUF\" magic") != std::string::npos);
    std::string v1 = good;
    v1[4] = 1;
    CHECK(err(v1) == "x: GGUF version 1 is not supported (versions 2 and 3 are) at byte 4");
    std::string be = good;
    be[4] = 0; be[7] = 3;
    CHECK(err(be).find("big-endian") != std::string::npos);
    std::string many = good;
    for (int i = 8; i < 16; ++i) many[i] = '\xff';
    CHECK(err(many).find("tensor count") != std::string::npos);
    // an unknown tensor type names the tensor
    GgufWriter w;
    w.kv_str("general.architecture", "llama");
    w.tensor("blk.0.attn_q.weight", {256, 256}, 43, 0);
    CHECK(err(w.header()).find("tensor 'blk.0.attn_q.weight' has unknown ggml type 43") != std::string::npos);
    // a row that is not whole blocks
    GgufWriter r;
    r.tensor("bad", {100, 2}, kQ4K, 0);
    CHECK(err(r.header()).find("row length 100 is not a multiple of Q4_K's block of 256") != std::string::npos);
    // an oversized string length
    std::string s = "GGUF";
    GgufWriter::put(3, 4, &s);
    GgufWriter::put(0, 8, &s);
    GgufWriter::put(1, 8, &s);
    GgufWriter::put(uint64_t{1} << 40, 8, &s);
    s += "abc";
    CHECK(err(s).find("key length 1099511627776 exceeds the header cap at byte 24") != std::string::npos);
    // an invalid bool and an unknown value type
    GgufWriter b;
    b.kv_bool("flag", true);
    std::string bb = b.header();
    bb[24 + 8 + 4 + 4] = 7;
    CHECK(err(bb).find("neither 0 nor 1") != std::string::npos);
    std::string ut = b.header();
    ut[24 + 8 + 4] = 99;
    CHECK(err(ut).find("unknown metadata value type 99") != std::string::npos);
}

TEST_CASE("GGUF splits combine; a missing or repeated split is named") {
    auto split = [](int no, int count, const std::vector<std::string>& names) {
        GgufWriter w;
        if (no == 0) {
            w.kv_str("general.architecture", "llama");
            w.kv_u32("llama.block_count", 1);
            w.kv_u32("llama.embedding_length", 256);
            w.kv_u32("llama.attention.head_count", 4);
        }
        GgufWriter::Type t = GgufWriter::U16;
        (void)t;
        w.kv_u32("split.no", static_cast<uint32_t>(no));
        w.kv_u32("split.count", static_cast<uint32_t>(count));
        w.kv_u32("split.tensors.count", 3);
        for (const auto& n : names) w.tensor(n, {256, 256}, 1, 256 * 256 * 2);
        return w.header();
    };
    const std::string a = split(0, 2, {"token_embd.weight", "blk.0.attn_q.weight"});
    const std::string b = split(1, 2, {"blk.0.attn_k.weight"});
    const FileModel m = combine_ok({parse_ok(b, 0, "m-00002-of-00002.gguf"), parse_ok(a, 0, "m-00001-of-00002.gguf")});
    CHECK(m.tensors == 3);
    CHECK(m.params == 3 * 65536);
    CHECK(m.bytes == 3 * 65536 * 2);
    CHECK(m.architecture == "llama");  // from split 0, whatever the order
    CHECK(m.warnings.empty());
    const FileModel half = combine_ok({parse_ok(a, 0)});
    REQUIRE(!half.warnings.empty());
    CHECK(half.warnings[0].find("only 1 of 2 GGUF splits") == 0);
    const FileModelResult twice = combine_model_files({parse_ok(a, 0, "one"), parse_ok(a, 0, "two")});
    CHECK(twice.error == "two: split 1 given twice");
}

TEST_CASE("safetensors: dtypes, shapes, __metadata__, scales kept apart from parameters; head counts are asked for") {
    SafetensorsWriter w;
    w.meta("format", "pt");
    w.tensor("model.embed_tokens.weight", "BF16", {32, 256}, 32 * 256 * 2);
    w.tensor("model.layers.0.input_layernorm.weight", "BF16", {256}, 512);
    w.tensor("model.layers.0.self_attn.q_proj.weight", "F8_E4M3", {256, 256}, 65536);
    w.tensor("model.layers.0.self_attn.q_proj.weight_scale_inv", "F32", {2, 2}, 16);
    w.tensor("model.layers.0.self_attn.k_proj.weight", "F8_E4M3", {128, 256}, 32768);
    w.tensor("model.layers.0.self_attn.v_proj.weight", "F8_E4M3", {128, 256}, 32768);
    w.tensor("model.layers.0.self_attn.o_proj.weight", "F8_E4M3", {256, 256}, 65536);
    w.tensor("model.layers.0.post_attention_layernorm.weight", "BF16", {256}, 512);
    w.tensor("model.layers.0.mlp.gate_proj.weight", "BF16", {512, 256}, 262144);
    w.tensor("model.layers.0.mlp.up_proj.weight", "BF16", {512, 256}, 262144);
    w.tensor("model.layers.0.mlp.down_proj.weight", "BF16", {256, 512}, 262144);
    w.tensor("model.norm.weight", "BF16", {256}, 512);
    w.tensor("lm_head.weight", "BF16", {32, 256}, 16384);
    const std::string head = w.header();
    const ParsedFile f = parse_ok(head, head.size() + w.data_size(), "model.safetensors");
    CHECK(f.format == "safetensors");
    REQUIRE(f.find("format"));
    CHECK(f.find("format")->s == "pt");
    const FileModel m = combine_ok({f});
    // same shapes as one layer of tiny_llama: 8192 + 590336 + 256 + 8192
    CHECK(m.params == 8192 + 590336 + 256 + 8192);
    CHECK(m.scale_bytes == 16);
    CHECK(tally_of(m.by_dtype, "F8_E4M3", &TensorTally::bytes) == 65536 * 2 + 32768 * 2);
    CHECK(tally_of(m.by_component, "quant_scales", &TensorTally::params) == 0);
    CHECK(m.bytes == w.data_size());
    CHECK(!m.has_config);
    CHECK(m.config.hidden_size == 256);
    CHECK(m.config.num_layers == 1);
    CHECK(m.config.vocab_size == 32);
    CHECK(m.config.intermediate_size == 512);
    CHECK(m.k_rows == 128);

    Inputs in;
    Result r = compute(in, m);
    REQUIRE(!r.ok());
    CHECK(r.errors[0].key == "heads");
    CHECK(r.errors[0].message.find("safetensors header does not give heads") != std::string::npos);
    in.heads = 4;  // kv_heads follows from k_proj: 128 rows / head 64 = 2
    r = compute(in, m);
    REQUIRE_MESSAGE(r.ok(), r.errors[0].message);
    CHECK(r.report.model.num_kv_heads == 2);
    CHECK(r.report.weights_detail.total == m.bytes);
    CHECK(r.report.params.total == m.params);
}

TEST_CASE("safetensors: malformed headers give named errors") {
    auto err = [](const std::string& bytes, uint64_t size) {
        HeaderParse p = parse_safetensors(bytes, size, "s");
        REQUIRE(p.status == HeaderParse::Status::Error);
        return p.error;
    };
    std::string huge;
    GgufWriter::put(uint64_t{1} << 40, 8, &huge);
    CHECK(err(huge + "{}", 0).find("header length 1099511627776 exceeds the cap") != std::string::npos);
    std::string trunc;
    GgufWriter::put(100, 8, &trunc);
    CHECK(err(trunc + "{}", 10).find("truncated header: it needs 108 bytes but the file has 10") != std::string::npos);
    CHECK(parse_safetensors(trunc + "{}", 0).status == HeaderParse::Status::NeedMore);
    CHECK(parse_safetensors(trunc + "{}", 0).need >= 108);
    auto with_json = [](const std::string& j) {
        std::string s;
        GgufWriter::put(j.size(), 8, &s);
        return s + j;
    };
    CHECK(err(with_json("{\"a\":"), 0).find("header JSON: ") != std::string::npos);
    CHECK(err(with_json("{\"a\":"), 0).find("(byte 5) at byte 13") != std::string::npos);
    CHECK(err(with_json("[]"), 0).find("not an object") != std::string::npos);
    CHECK(err(with_json("{\"t\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[0,1]}}"), 0).find("unknown dtype \"Q9\"") !=
          std::string::npos);
    CHECK(err(with_json("{\"t\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,4]}}"), 0)
              .find("data_offsets span 4 bytes but BF16 x shape needs 6") != std::string::npos);
    CHECK(err(with_json("{\"t\":{\"dtype\":\"BF16\",\"shape\":[-3],\"data_offsets\":[0,4]}}"), 0).find("shape") !=
          std::string::npos);
    CHECK(err(with_json("{\"t\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                        "\"t\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}"), 0)
              .find("appears twice") != std::string::npos);
    CHECK(err(with_json("{\"t\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}"), 8 + 56)
              .find("truncated?") != std::string::npos);
}

TEST_CASE("safetensors index: weight_map and total_size checked against the shards") {
    SafetensorsWriter a, b;
    a.tensor("model.embed_tokens.weight", "BF16", {32, 256}, 16384);
    b.tensor("lm_head.weight", "BF16", {32, 256}, 16384);
    const std::string idx = R"({"metadata":{"total_size":32768},"weight_map":{"model.embed_tokens.weight":"model-00001-of-00002.safetensors","lm_head.weight":"model-00002-of-00002.safetensors"}})";
    SafetensorsIndex index;
    REQUIRE(parse_safetensors_index(idx, index) == "");
    CHECK(index.total_size == 32768);
    CHECK(index.shards.size() == 2);
    const ParsedFile fa = parse_ok(a.header(), 0, "dir/model-00001-of-00002.safetensors");
    const ParsedFile fb = parse_ok(b.header(), 0, "model-00002-of-00002.safetensors");
    const FileModel all = combine_ok({fa, fb}, &index);
    CHECK(all.params == 16384);
    CHECK(all.warnings.empty());
    const FileModel one = combine_ok({fa}, &index);
    REQUIRE(!one.warnings.empty());
    CHECK(one.warnings[0].find("only 1 of the index's 2 shards") == 0);
    const FileModel none = combine_ok({}, &index);
    CHECK(none.bytes == 32768);
    CHECK(none.params == 0);
    SafetensorsIndex wrong;
    REQUIRE(parse_safetensors_index(R"({"metadata":{"total_size":1},"weight_map":{"lm_head.weight":"model-00002-of-00002.safetensors"}})", wrong) == "");
    const FileModel mism = combine_ok({fb}, &wrong);
    REQUIRE(!mism.warnings.empty());
    CHECK(mism.warnings.back().find("total_size (1) differs") != std::string::npos);
    CHECK(parse_safetensors_index("{\"weight_map\":[]}", wrong).find("no \"weight_map\" object") != std::string::npos);
    CHECK(parse_safetensors_index("{", wrong).find("index JSON: ") == 0);
    CHECK(combine_model_files({fa, fa}).error.find("in more than one file") != std::string::npos);
    CHECK(parse_model_file(idx, idx.size(), "i").error.find("a JSON file") != std::string::npos);
}

TEST_CASE("tensor names map to components (llama.cpp GGUF names and Hugging Face names)") {
    CHECK(std::string(tensor_component("blk.3.ffn_gate_exps.weight")) == "experts");
    CHECK(std::string(tensor_component("blk.3.ffn_up_shexp.weight")) == "shared_experts");
    CHECK(std::string(tensor_component("blk.3.ffn_gate_inp.weight")) == "router");
    CHECK(std::string(tensor_component("model.layers.3.mlp.experts.7.down_proj.weight")) == "experts");
    CHECK(std::string(tensor_component("model.layers.3.mlp.gate.weight")) == "router");
    CHECK(std::string(tensor_component("model.layers.3.self_attn.q_norm.weight")) == "norms");
    CHECK(std::string(tensor_component("v.blk.0.attn_q.weight")) == "vision");
    CHECK(std::string(tensor_component("model.visual.blocks.0.attn.qkv.weight")) == "vision");
    CHECK(std::string(tensor_component("transformer.wte.weight")) == "embedding");
    CHECK(std::string(tensor_component("output.weight")) == "lm_head");
    CHECK(std::string(tensor_component("rope_freqs.weight")) == "other");
}

TEST_CASE("JS API steps: probe_header_json asks for bytes, inspect_files_json gives file + report") {
    const GgufWriter w = tiny_llama();
    const std::string head = w.header();
    const uint64_t size = head.size() + w.data_size();
    auto probe = [&](size_t n) { return nlohmann::json::parse(probe_header_json(head.substr(0, n), size, "tiny.gguf")); };
    CHECK(probe(100)["need"].get<uint64_t>() > 100);
    CHECK(probe(head.size())["ok"] == true);
    CHECK(probe(head.size())["header_bytes"] == head.size());
    CHECK(nlohmann::json::parse(probe_header_json("{\"weight_map\":{}}", 17, "i"))["index"] == true);
    CHECK(nlohmann::json::parse(probe_header_json(std::string("GGUF\x01\0\0\0", 8), 8, "v1"))["errors"][0]["key"] == "file");

    const std::string files = "[{\"name\":\"tiny.gguf\",\"size\":" + std::to_string(size) + ",\"length\":" +
                              std::to_string(head.size()) + "}]";
    const auto j = nlohmann::json::parse(inspect_files_json("seq=1024", head, files));
    CHECK(j["file"]["params"] == 1197312);
    CHECK(j["report"]["params"]["total"] == 1197312);
    CHECK(j["report"]["file"]["bytes"] == j["file"]["bytes"]);
    CHECK(j["errors"].empty());
    // a bad scenario key, a cut header and a list that overruns the bytes are errors
    CHECK(nlohmann::json::parse(inspect_files_json("nope=1", head, files))["errors"][0]["key"] == "nope");
    const auto cut = nlohmann::json::parse(inspect_files_json("", head.substr(0, 50),
                                                              "[{\"name\":\"t\",\"size\":" + std::to_string(size) + ",\"length\":50}]"));
    CHECK(cut["errors"][0]["message"].get<std::string>().find("end inside the header") != std::string::npos);
    CHECK(nlohmann::json::parse(inspect_files_json("", "", "[{\"name\":\"t\",\"size\":1,\"length\":5}]"))["errors"][0]["key"] == "file");
    // a safetensors file without head counts: the file section is there, the report is null with the error
    SafetensorsWriter s;
    s.tensor("model.embed_tokens.weight", "BF16", {32, 256}, 16384);
    const std::string sh = s.header();
    const auto st = nlohmann::json::parse(inspect_files_json("", sh, "[{\"name\":\"m.safetensors\",\"size\":" +
                                                                         std::to_string(sh.size() + 16384) + ",\"length\":" +
                                                                         std::to_string(sh.size()) + "}]"));
    CHECK(st["file"]["params"] == 8192);
    CHECK(st["report"].is_null());
    CHECK(st["errors"][0]["key"] == "heads");
}

TEST_CASE("a header's dimensions are held to the keys' ranges: block_count 6,029,313 is a named error, at once") {
    // Issue #14: the fuzzer's 13 kB GGUF said block_count = 6,029,313 and one report took seconds; `layers` (and the
    // config.json field num_hidden_layers) stop at 10,000. A typed layers key replaces the header's figure.
    GgufWriter w;
    w.kv_str("general.architecture", "llama");
    w.kv_u32("llama.block_count", 6'029'313);
    w.kv_u32("llama.embedding_length", 256);
    w.kv_u32("llama.feed_forward_length", 512);
    w.kv_u32("llama.attention.head_count", 4);
    w.kv_u32("llama.attention.head_count_kv", 2);
    w.tensor("token_embd.weight", {256, 32}, kF32, 256 * 32 * 4);
    const std::string head = w.header();
    const FileModel m = combine_ok({parse_ok(head, head.size() + w.data_size(), "big.gguf")});
    Inputs in;
    const Result r = compute(in, m);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].key == "layers");
    const std::string message = r.errors[0].message;
    CAPTURE(message);
    CHECK(message.find("block_count is too large (6029313): at most 10000") != std::string::npos);
    Inputs typed;
    REQUIRE(parse_hash("layers=2", typed).empty());
    const Result ok = compute(typed, m);
    REQUIRE(ok.ok());
    CHECK(ok.report.model.num_layers == 2);
}

TEST_CASE("sweeps with a model file: every point is compute(in, file), weights the file's stored bytes") {
    const GgufWriter w = tiny_llama();
    const std::string head = w.header();
    const std::string files = "[{\"name\":\"tiny.gguf\",\"size\":" + std::to_string(head.size() + w.data_size()) +
                              ",\"length\":" + std::to_string(head.size()) + "}]";
    const FileModelResult m = model_from_heads(head, files);
    REQUIRE_MESSAGE(m.ok(), m.error);
    const auto file = std::make_shared<const FileModel>(m.model);
    Inputs in;
    in.gpu = "rtx-4090";
    MemorySweep sw = begin_memory_vs_seq(in, 8192, 128, file);
    while (!step(sw, 3)) {
    }
    REQUIRE(sw.curve.ok());
    REQUIRE(sw.curve.x_values.size() == 7);  // 128, 256, ..., 8192
    for (size_t i = 0; i < sw.curve.x_values.size(); ++i) {
        Inputs at = in;
        at.seq = sw.curve.x_values[i];
        const Result r = compute(at, *file);
        REQUIRE(r.ok());
        const double total = static_cast<double>(r.report.inference_memory.total_bytes);
        const double weights = static_cast<double>(m.model.bytes);
        const double seq = static_cast<double>(at.seq);
        CAPTURE(seq);
        CHECK(sw.curve.total[i] == total);
        CHECK(sw.curve.weights[i] == weights);
    }
    // the grid and the speed sweep take the file too; without it they are the preset's
    GridSweep g = begin_fits_grid(in, GridSpec{}, file);
    while (!step(g, 64)) {
    }
    CHECK(g.grid.ok());
    ThroughputSweep t = begin_throughput_vs_batch(in, 4, file);
    while (!step(t, 2)) {
    }
    REQUIRE(t.curve.ok());
    Inputs b4 = in;
    b4.batch = 4;
    CHECK(t.curve.tokens_per_second.back() == compute(b4, *file).report.inference.tokens_per_second);
    CHECK(memory_vs_seq(in, 8192, 128).weights[0] != static_cast<double>(m.model.bytes));
}

TEST_CASE("model_from_heads: the page's files back to back; errors name the file") {
    const GgufWriter w = tiny_llama();
    const std::string head = w.header();
    const std::string size = std::to_string(head.size() + w.data_size());
    const FileModelResult ok = model_from_heads(head, "[{\"name\":\"a.gguf\",\"size\":" + size + ",\"length\":" +
                                                          std::to_string(head.size()) + "}]");
    REQUIRE(ok.ok());
    CHECK(ok.model.params == 1197312);
    CHECK(ok.model.files == std::vector<std::string>{"a.gguf"});
    const FileModelResult cut = model_from_heads(head.substr(0, 60), "[{\"name\":\"a.gguf\",\"size\":" + size + ",\"length\":60}]");
    CHECK(cut.error.find("a.gguf") == 0);
    CHECK_FALSE(model_from_heads(head, "{}").ok());
}
