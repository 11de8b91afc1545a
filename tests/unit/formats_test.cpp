// Number formats: exact bits per weight from the block layouts (ggml-common.h, GPTQ/AWQ, QLoRA, OCP MX) and the
// llama.cpp per-tensor recipe (llama-quant.cpp).
#include <doctest/doctest.h>

#include <set>

#include "formats.hpp"

using namespace llmcalc;

TEST_CASE("ggml block layouts give the published bits per weight") {
    // ggml-common.h: block_q8_0 34 B / 32, block_q4_0 18 B / 32, block_q2_K 84 B / 256, block_q3_K 110 B / 256,
    // block_q4_K 144 B / 256, block_q5_K 176 B / 256, block_q6_K 210 B / 256 (llama.cpp README's bpw table:
    // Q2_K 2.625, Q3_K 3.4375, Q4_K 4.5, Q5_K 5.5, Q6_K 6.5625).
    auto bpw = [](GgmlType t) { return static_cast<double>(ggml_bits(t)) / kBitDen; };
    CHECK(bpw(GgmlType::Q8_0) == 8.5);
    CHECK(bpw(GgmlType::Q4_0) == 4.5);
    CHECK(bpw(GgmlType::Q2_K) == 2.625);
    CHECK(bpw(GgmlType::Q3_K) == 3.4375);
    CHECK(bpw(GgmlType::Q4_K) == 4.5);
    CHECK(bpw(GgmlType::Q5_K) == 5.5);
    CHECK(bpw(GgmlType::Q6_K) == 6.5625);
    CHECK(bpw(GgmlType::F16) == 16);
}

TEST_CASE("scale overheads: GPTQ/AWQ g128, NF4 with and without double quant, MXFP4") {
    CHECK(find_format("gptq_int4")->bits() == 4.15625);   // 4 + (16 + 4)/128
    CHECK(find_format("awq_int4")->bits() == 4.15625);
    CHECK(find_format("nf4")->bits() == 4.126953125);     // QLoRA Sec. 3: 4 + 8/64 + 32/(64*256)
    CHECK(find_format("nf4_nodq")->bits() == 4.5);        // 4 + 32/64
    CHECK(find_format("mxfp4")->bits() == 4.25);          // OCP MX v1.0: 4 + 8/32
    CHECK(find_format("nvfp4")->bits() == 4.5);           // NVFP4: 4 + 8/16
    CHECK(find_format("fp8_e5m2")->exponent_bits == 5);
    CHECK(find_format("fp8_e4m3")->mantissa_bits == 3);
}

TEST_CASE("format ids are unique and every weight format has a source") {
    std::set<std::string> ids;
    for (const auto& f : number_formats()) {
        CAPTURE(f.id);
        CHECK(ids.insert(f.id).second);
        CHECK(!f.source.empty());
        CHECK(f.bits() > 0);
        CHECK(kBitDen % f.bits_den == 0);
    }
    for (const char* id : {"fp32", "bf16", "fp16", "fp8", "int8", "int4", "nf4", "q8_0", "q6_k", "q5_k_m", "q4_k_m",
                           "q4_0", "q3_k_m", "q2_k", "mxfp4"})
        CHECK(find_weight_format(id) != nullptr);
    CHECK(find_kv_format("q4_k_m") == nullptr);  // a file type, not a KV element type
    CHECK(find_kv_format("q8_0") != nullptr);     // llama.cpp -ctk q8_0
}

TEST_CASE("format_bytes rounds up to whole bytes, exactly") {
    CHECK(format_bytes(3, *find_format("int4")) == 2);
    CHECK(format_bytes(1'000'000'000'000LL, *find_format("bf16")) == 2'000'000'000'000LL);
    CHECK(format_bytes(32, *find_format("q8_0")) == 34);
}

TEST_CASE("llama.cpp recipe: use_more_bits and Q4_K_M / Q3_K_M / Q2_K exceptions") {
    // llama-quant.cpp: use_more_bits(i, n) = i < n/8 || i >= 7n/8 || (i - n/8) % 3 == 2
    int n32 = 0;
    for (int i = 0; i < 32; ++i) n32 += gguf_use_more_bits(i, 32);
    CHECK(n32 == 16);
    CHECK(gguf_use_more_bits(0, 32));
    CHECK(!gguf_use_more_bits(4, 32));
    CHECK(gguf_use_more_bits(6, 32));
    const NumberFormat& q4m = *find_format("q4_k_m");
    GgufContext c;
    c.n_layers = 32;
    c.row = 4096;
    c.layer = 0;
    CHECK(gguf_tensor_type(q4m, TensorRole::AttnV, c) == GgmlType::Q6_K);
    CHECK(gguf_tensor_type(q4m, TensorRole::FfnDown, c) == GgmlType::Q6_K);
    CHECK(gguf_tensor_type(q4m, TensorRole::AttnQ, c) == GgmlType::Q4_K);
    c.layer = 4;
    CHECK(gguf_tensor_type(q4m, TensorRole::AttnV, c) == GgmlType::Q4_K);
    CHECK(gguf_tensor_type(q4m, TensorRole::Output, c) == GgmlType::Q6_K);
    CHECK(gguf_tensor_type(q4m, TensorRole::TokenEmbd, c) == GgmlType::Q4_K);
    c.has_output = false;  // tied: the embedding is quantized like the output
    CHECK(gguf_tensor_type(q4m, TensorRole::TokenEmbd, c) == GgmlType::Q6_K);
    c.has_output = true;
    // Q8_0 keeps the output at Q8_0
    CHECK(gguf_tensor_type(*find_format("q8_0"), TensorRole::Output, c) == GgmlType::Q8_0);
    // Q2_K: attn_v Q4_K with GQA >= 4, else Q3_K; ffn_down and attn_output Q3_K
    const NumberFormat& q2 = *find_format("q2_k");
    c.n_gqa = 4;
    CHECK(gguf_tensor_type(q2, TensorRole::AttnV, c) == GgmlType::Q4_K);
    c.n_gqa = 1;
    CHECK(gguf_tensor_type(q2, TensorRole::AttnV, c) == GgmlType::Q3_K);
    CHECK(gguf_tensor_type(q2, TensorRole::FfnDown, c) == GgmlType::Q3_K);
    CHECK(gguf_tensor_type(q2, TensorRole::AttnOutput, c) == GgmlType::Q3_K);
    // Q3_K_M: first two attn_v Q5_K, ffn_down Q5_K for the first n/16 layers then Q4_K
    const NumberFormat& q3 = *find_format("q3_k_m");
    c.layer = 1;
    CHECK(gguf_tensor_type(q3, TensorRole::AttnV, c) == GgmlType::Q5_K);
    CHECK(gguf_tensor_type(q3, TensorRole::FfnDown, c) == GgmlType::Q5_K);
    c.layer = 2;
    CHECK(gguf_tensor_type(q3, TensorRole::FfnDown, c) == GgmlType::Q4_K);
    // 8-expert models: attn_v and attn_k Q8_0
    c.n_expert = 8;
    CHECK(gguf_tensor_type(q4m, TensorRole::AttnK, c) == GgmlType::Q8_0);
}

TEST_CASE("llama.cpp fallback when the row length is not a multiple of the block") {
    const NumberFormat& q4m = *find_format("q4_k_m");
    GgufContext c;
    c.n_layers = 32;
    c.layer = 4;
    c.row = 96;  // not a multiple of 256: Q4_K -> Q5_0 (block 32)
    CHECK(gguf_tensor_type(q4m, TensorRole::AttnQ, c) == GgmlType::Q5_0);
    c.row = 100;  // not a multiple of 32 either: F16
    CHECK(gguf_tensor_type(q4m, TensorRole::AttnQ, c) == GgmlType::F16);
    c.row = 96;
    CHECK(gguf_tensor_type(q4m, TensorRole::Output, c) == GgmlType::Q8_0);
}
