#include "formats.hpp"

namespace llmcalc {
namespace {

// Bits per weight of a block format with `block` weights in `bytes` bytes, in 1/kBitDen units.
constexpr int64_t block_bits(int64_t bytes, int64_t block) { return bytes * 8 * kBitDen / block; }

// Exact rational bits -> NumberFormat numerator/denominator (den = kBitDen, reduced).
NumberFormat make(const char* id, const char* label, int64_t scaled_bits, bool weights, bool kv, bool quantized,
                  int s, int e, int m, const char* source, GgmlType gguf = GgmlType::None) {
    NumberFormat f;
    f.id = id;
    f.label = label;
    int64_t num = scaled_bits, den = kBitDen;
    while (den > 1 && num % 2 == 0) { num /= 2; den /= 2; }
    f.bits_num = num;
    f.bits_den = den;
    f.for_weights = weights;
    f.for_kv = kv;
    f.quantized = quantized;
    f.sign_bits = s; f.exponent_bits = e; f.mantissa_bits = m;
    f.source = source;
    f.gguf_base = gguf;
    return f;
}

constexpr int64_t kB = kBitDen;  // one bit

}  // namespace

const GgmlBlock& ggml_block(GgmlType t) {
    // Block layouts of ggml/src/ggml-common.h (ggml-org/ggml, llama.cpp): e.g. block_q8_0 = {ggml_half d; int8_t qs[32]}
    // = 34 bytes per 32 weights; block_q4_K = {half d, dmin; uint8 scales[12]; uint8 qs[128]} = 144 bytes per 256;
    // block_q6_K = {uint8 ql[128], qh[64]; int8 scales[16]; half d} = 210 bytes per 256.
    // Type numbers: enum ggml_type of ggml/include/ggml.h (append-only; 4, 5, 31-33 and 36-38 are retired).
    // Block sizes: the static_asserts beside each block struct in ggml-common.h (llama.cpp ggml/src/ggml-common.h).
    static const GgmlBlock table[] = {
        {GgmlType::None, "none", 1, 2, -1},
        {GgmlType::F32, "F32", 1, 4, 0},
        {GgmlType::F16, "F16", 1, 2, 1},
        {GgmlType::Q8_0, "Q8_0", 32, 2 + 32, 8},
        {GgmlType::Q4_0, "Q4_0", 32, 2 + 16, 2},
        {GgmlType::Q4_1, "Q4_1", 32, 2 + 2 + 16, 3},
        {GgmlType::Q5_0, "Q5_0", 32, 2 + 4 + 16, 6},
        {GgmlType::Q5_1, "Q5_1", 32, 2 + 2 + 4 + 16, 7},
        {GgmlType::IQ4_NL, "IQ4_NL", 32, 2 + 16, 20},
        {GgmlType::Q2_K, "Q2_K", 256, 16 + 64 + 2 + 2, 10},         // scales[16], qs[64], d, dmin
        {GgmlType::Q3_K, "Q3_K", 256, 32 + 64 + 12 + 2, 11},        // hmask[32], qs[64], scales[12], d
        {GgmlType::Q4_K, "Q4_K", 256, 2 + 2 + 12 + 128, 12},        // d, dmin, scales[12], qs[128]
        {GgmlType::Q5_K, "Q5_K", 256, 2 + 2 + 12 + 32 + 128, 13},   // d, dmin, scales[12], qh[32], qs[128]
        {GgmlType::Q6_K, "Q6_K", 256, 128 + 64 + 16 + 2, 14},       // ql[128], qh[64], scales[16], d
        {GgmlType::Q8_1, "Q8_1", 32, 2 + 2 + 32, 9},                // d, s, qs[32]
        {GgmlType::Q8_K, "Q8_K", 256, 4 + 256 + 16 * 2, 15},        // float d, qs[256], int16 bsums[16]
        {GgmlType::IQ2_XXS, "IQ2_XXS", 256, 2 + 32 * 2, 16},        // d, uint16 qs[32]
        {GgmlType::IQ2_XS, "IQ2_XS", 256, 2 + 32 * 2 + 8, 17},      // d, uint16 qs[32], scales[8]
        {GgmlType::IQ3_XXS, "IQ3_XXS", 256, 2 + 96, 18},            // d, qs[3*256/8]
        {GgmlType::IQ1_S, "IQ1_S", 256, 2 + 32 + 8 * 2, 19},        // d, qs[32], uint16 qh[8]
        {GgmlType::IQ3_S, "IQ3_S", 256, 2 + 64 + 8 + 32 + 4, 21},   // d, qs[64], qh[8], signs[32], scales[4]
        {GgmlType::IQ2_S, "IQ2_S", 256, 2 + 64 + 8 + 8, 22},        // d, qs[64], qh[8], scales[8]
        {GgmlType::IQ4_XS, "IQ4_XS", 256, 2 + 2 + 4 + 128, 23},     // d, scales_h, scales_l[4], qs[128]
        {GgmlType::I8, "I8", 1, 1, 24},
        {GgmlType::I16, "I16", 1, 2, 25},
        {GgmlType::I32, "I32", 1, 4, 26},
        {GgmlType::I64, "I64", 1, 8, 27},
        {GgmlType::F64, "F64", 1, 8, 28},
        {GgmlType::IQ1_M, "IQ1_M", 256, 32 + 16 + 8, 29},           // qs[32], qh[16], scales[8]
        {GgmlType::BF16, "BF16", 1, 2, 30},
        {GgmlType::TQ1_0, "TQ1_0", 256, 48 + 4 + 2, 34},            // qs[(256 - 4*4)/5], qh[4], d
        {GgmlType::TQ2_0, "TQ2_0", 256, 64 + 2, 35},                // qs[64], d
        {GgmlType::MXFP4, "MXFP4", 32, 1 + 16, 39},                 // E8M0 e, qs[16]
        {GgmlType::NVFP4, "NVFP4", 64, 4 + 32, 40},                 // UE4M3 d[4], qs[32]
        {GgmlType::Q1_0, "Q1_0", 128, 2 + 16, 41},                  // d, qs[128/8]
        {GgmlType::Q2_0, "Q2_0", 64, 2 + 16, 42},                   // d, qs[64/4]
    };
    for (const auto& b : table)
        if (b.type == t) return b;
    return table[0];
}

const GgmlBlock* ggml_block_by_id(uint32_t gguf_id) {
    for (int i = 0; i <= static_cast<int>(GgmlType::Q2_0); ++i) {
        const GgmlBlock& b = ggml_block(static_cast<GgmlType>(i));
        if (b.gguf_id >= 0 && static_cast<uint32_t>(b.gguf_id) == gguf_id) return &b;
    }
    return nullptr;
}

int64_t ggml_bits(GgmlType t) {
    const GgmlBlock& b = ggml_block(t);
    return block_bits(b.bytes, b.block);
}

const std::vector<NumberFormat>& number_formats() {
    // IEEE 754-2008 binary32/binary16; bfloat16 (1 sign, 8 exponent, 7 mantissa); FP8 E4M3/E5M2 (Micikevicius et
    // al. 2022, "FP8 Formats for Deep Learning", arXiv:2209.05433).
    static const std::vector<NumberFormat> table = {
        make("fp32", "FP32", 32 * kB, true, true, false, 1, 8, 23, "IEEE 754 binary32"),
        make("bf16", "BF16", 16 * kB, true, true, false, 1, 8, 7, "bfloat16"),
        make("fp16", "FP16", 16 * kB, true, true, false, 1, 5, 10, "IEEE 754 binary16"),
        make("fp8", "FP8 (E4M3)", 8 * kB, true, true, false, 1, 4, 3,
             "Micikevicius et al. 2022 (per-tensor scales not counted)"),
        make("fp8_e4m3", "FP8 E4M3", 8 * kB, true, true, false, 1, 4, 3, "Micikevicius et al. 2022"),
        make("fp8_e5m2", "FP8 E5M2", 8 * kB, true, true, false, 1, 5, 2, "Micikevicius et al. 2022"),
        make("int8", "INT8", 8 * kB, true, true, true, 1, 0, 7, "plain 8-bit integers; per-channel scales not counted"),
        make("int4", "INT4", 4 * kB, true, true, true, 1, 0, 3, "plain 4-bit integers; scales not counted"),
        // GPTQ (Frantar et al. 2022) / AutoGPTQ QuantLinear: qweight 4-bit packed in int32, per group of 128 input
        // rows one fp16 scale and one 4-bit zero (qzeros packed 8 per int32): 4 + (16 + 4)/128 bits. AWQ (Lin et al.
        // 2023, AutoAWQ GEMM layout) stores the same scales/qzeros per group of 128. act-order g_idx not counted.
        make("gptq_int4", "GPTQ INT4 g128", 4 * kB + (16 + 4) * kB / 128, true, false, true, 0, 0, 0,
             "AutoGPTQ layout: 4-bit + fp16 scale + 4-bit zero per 128"),
        make("awq_int4", "AWQ INT4 g128", 4 * kB + (16 + 4) * kB / 128, true, false, true, 0, 0, 0,
             "AutoAWQ layout: 4-bit + fp16 scale + 4-bit zero per 128"),
        // QLoRA (Dettmers et al. 2023, arXiv:2305.14314 Sec. 3): NF4 with blocksize 64 and fp32 absmax costs 32/64 =
        // 0.5 bits; Double Quantization stores the absmax in 8 bits with one fp32 constant per 256 of them:
        // 8/64 + 32/(64*256) = 0.127 bits.
        make("nf4", "NF4 + double quant", 4 * kB + 8 * kB / 64 + 32 * kB / (64 * 256), true, false, true, 0, 0, 0,
             "QLoRA NF4, blocksize 64, double quantization"),
        make("nf4_nodq", "NF4 (no double quant)", 4 * kB + 32 * kB / 64, true, false, true, 0, 0, 0,
             "QLoRA NF4, blocksize 64, fp32 absmax"),
        // OCP Microscaling Formats (MX) v1.0: MXFP4 = 32 E2M1 elements sharing one E8M0 (8-bit) scale.
        make("mxfp4", "MXFP4 (all linear weights)", 4 * kB + 8 * kB / 32, true, false, true, 1, 2, 1,
             "OCP MX v1.0: E2M1 + one E8M0 scale per 32"),
        [] {
            NumberFormat f = make("mxfp4_moe", "MXFP4 experts, BF16 rest (gpt-oss)", 4 * kB + 8 * kB / 32, true, false,
                                  true, 1, 2, 1, "gpt-oss model card: MoE weights in MXFP4, other tensors BF16");
            f.experts_only = true;
            return f;
        }(),
        // NVIDIA NVFP4 (Blackwell; NVIDIA technical blog "Introducing NVFP4", 2025): E2M1 values in blocks of 16 with
        // one FP8 E4M3 scale per block (+ one fp32 per tensor, not counted): 4 + 8/16 bits.
        make("nvfp4", "NVFP4 (E2M1, E4M3 scale per 16)", 4 * kB + 8 * kB / 16, true, true, true, 1, 2, 1,
             "NVIDIA NVFP4: E2M1 + one E4M3 scale per 16"),
        // llama.cpp GGUF file types (llama-quantize): the base ggml type; per-tensor exceptions in gguf_tensor_type.
        make("q8_0", "GGUF Q8_0", block_bits(34, 32), true, true, true, 0, 0, 0, "ggml block_q8_0", GgmlType::Q8_0),
        make("q6_k", "GGUF Q6_K", block_bits(210, 256), true, false, true, 0, 0, 0, "ggml block_q6_K", GgmlType::Q6_K),
        make("q5_k_m", "GGUF Q5_K_M", block_bits(176, 256), true, false, true, 0, 0, 0,
             "ggml block_q5_K + llama-quant.cpp recipe", GgmlType::Q5_K),
        make("q5_k_s", "GGUF Q5_K_S", block_bits(176, 256), true, false, true, 0, 0, 0,
             "ggml block_q5_K + llama-quant.cpp recipe", GgmlType::Q5_K),
        make("q4_k_m", "GGUF Q4_K_M", block_bits(144, 256), true, false, true, 0, 0, 0,
             "ggml block_q4_K + llama-quant.cpp recipe", GgmlType::Q4_K),
        make("q4_k_s", "GGUF Q4_K_S", block_bits(144, 256), true, false, true, 0, 0, 0,
             "ggml block_q4_K + llama-quant.cpp recipe", GgmlType::Q4_K),
        make("q4_0", "GGUF Q4_0", block_bits(18, 32), true, true, true, 0, 0, 0, "ggml block_q4_0", GgmlType::Q4_0),
        make("q3_k_m", "GGUF Q3_K_M", block_bits(110, 256), true, false, true, 0, 0, 0,
             "ggml block_q3_K + llama-quant.cpp recipe", GgmlType::Q3_K),
        make("q2_k", "GGUF Q2_K", block_bits(84, 256), true, false, true, 0, 0, 0,
             "ggml block_q2_K + llama-quant.cpp recipe", GgmlType::Q2_K),
    };
    return table;
}

const NumberFormat* find_format(std::string_view id) {
    for (const auto& f : number_formats())
        if (f.id == id) return &f;
    return nullptr;
}

const NumberFormat* find_weight_format(std::string_view id) {
    const NumberFormat* f = find_format(id);
    return f && f->for_weights ? f : nullptr;
}

const NumberFormat* find_kv_format(std::string_view id) {
    const NumberFormat* f = find_format(id);
    return f && f->for_kv ? f : nullptr;
}

int64_t scaled_bits_to_bytes(__int128 scaled_bits) {
    const __int128 den = static_cast<__int128>(kBitDen) * 8;
    return static_cast<int64_t>((scaled_bits + den - 1) / den);
}

int64_t format_bytes(int64_t count, const NumberFormat& f) {
    const __int128 bits = static_cast<__int128>(count) * f.bits_num;
    const __int128 den = static_cast<__int128>(f.bits_den) * 8;
    return static_cast<int64_t>((bits + den - 1) / den);
}

bool gguf_use_more_bits(int64_t i, int64_t n) {
    // llama.cpp src/llama-quant.cpp: i < n/8 || i >= 7*n/8 || (i - n/8) % 3 == 2 (integer division)
    return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
}

int gguf_layer_class(int64_t i, int64_t n) {
    return (i < 2 ? 1 : 0) | (i < 4 ? 2 : 0) | (i < n / 16 ? 4 : 0) | (i < n / 8 ? 8 : 0) |
           (gguf_use_more_bits(i, n) ? 16 : 0);
}

GgmlType gguf_tensor_type(const NumberFormat& f, TensorRole role, const GgufContext& c) {
    // Mirrors llama_tensor_get_type() of llama.cpp src/llama-quant.cpp for the K-quant and legacy file types listed
    // in number_formats(). Not modelled: LLM_TYPE_70B's attn_v bump, Falcon-specific branches, imatrix-only rules.
    const GgmlType base = f.gguf_base;
    const std::string& id = f.id;
    GgmlType t = base;
    const bool q2 = id == "q2_k", q3m = id == "q3_k_m", q4m = id == "q4_k_m", q4s = id == "q4_k_s",
               q5m = id == "q5_k_m";
    const bool output = role == TensorRole::Output || (role == TensorRole::TokenEmbd && !c.has_output);
    if (output) {
        if (c.row % ggml_block(base).block != 0) t = GgmlType::Q8_0;
        else if (base != GgmlType::Q8_0) t = GgmlType::Q6_K;
    } else if (role == TensorRole::AttnV) {
        if (q2) t = c.n_gqa >= 4 ? GgmlType::Q4_K : GgmlType::Q3_K;
        else if (q3m) t = c.layer < 2 ? GgmlType::Q5_K : GgmlType::Q4_K;
        else if ((q4m || q5m) && gguf_use_more_bits(c.layer, c.n_layers)) t = GgmlType::Q6_K;
        else if (q4s && c.layer < 4) t = GgmlType::Q5_K;
        if (c.n_expert == 8) t = GgmlType::Q8_0;
    } else if (role == TensorRole::AttnK) {
        if (c.n_expert == 8) t = GgmlType::Q8_0;
    } else if (role == TensorRole::FfnDown) {
        if (q2) t = GgmlType::Q3_K;
        else if (q3m) t = c.layer < c.n_layers / 16 ? GgmlType::Q5_K : GgmlType::Q4_K;
        else if (q4m) { if (gguf_use_more_bits(c.layer, c.n_layers)) t = GgmlType::Q6_K; }
        else if (q5m && gguf_use_more_bits(c.layer, c.n_layers)) t = GgmlType::Q6_K;
        else if (q4s && c.layer < c.n_layers / 8) t = GgmlType::Q5_K;
    } else if (role == TensorRole::AttnOutput) {
        if (c.n_expert == 8) {
            if (q2 || q3m || q4s || q4m) t = GgmlType::Q5_K;
        } else {
            if (q2) t = GgmlType::Q3_K;
            else if (q3m) t = GgmlType::Q4_K;
        }
    }
    // Fallback when the row length is not a multiple of the block size (same function, convert_incompatible_tensor).
    if (c.row % ggml_block(t).block != 0) {
        switch (t) {
            case GgmlType::Q2_K:
            case GgmlType::Q3_K: t = GgmlType::IQ4_NL; break;
            case GgmlType::Q4_K: t = GgmlType::Q5_0; break;
            case GgmlType::Q5_K: t = GgmlType::Q5_1; break;
            case GgmlType::Q6_K: t = GgmlType::Q8_0; break;
            default: t = GgmlType::F16; break;
        }
        if (c.row % ggml_block(t).block != 0) t = GgmlType::F16;
    }
    return t;
}

}  // namespace llmcalc
