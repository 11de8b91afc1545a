// The Precision reference: number formats used for LLM weights, activations, gradients, KV caches and optimizer
// states, with their bit layout and range. Seed 001 (浮点数精度与字节占用 table: FP32/FP16/BF16/INT8/INT4) and
// seed 002 (FP64 ... INT4 list) teach the table; the FP8/FP6/FP4/MX/NF4 rows extend it. Ranges are computed from
// the bit layout by the functions below, never typed in, and tests pin them to the published values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmcalc {

// How the largest exponent field is used.
enum class FloatEncoding {
    IeeeInfNan,     // IEEE 754: all-ones exponent = Inf/NaN (FP64, FP32, TF32, BF16, FP16, FP8 E5M2)
    NanOnly,        // all-ones exponent holds normals, only S.1111.111 is NaN, no Inf (FP8 E4M3 "FN")
    FiniteOnly,     // every encoding is a finite number, no Inf or NaN (OCP MX FP6 E3M2/E2M3, FP4 E2M1)
    Integer,        // two's complement integer (INT8, INT4); mantissa_bits = value bits after the sign
    Lookup,         // 4-bit index into a table of 16 levels (NF4)
};

struct BitLayout {
    int sign_bits = 1;
    int exponent_bits = 0;
    int mantissa_bits = 0;  // stored fraction bits (the leading 1 of normals is implicit)
    FloatEncoding encoding = FloatEncoding::IeeeInfNan;
    int total_bits() const { return sign_bits + exponent_bits + mantissa_bits; }
};

// Exponent bias 2^(e-1) - 1 (IEEE 754-2008 Sec. 3.3; the FP8 paper and the OCP MX spec use the same bias).
int exponent_bias(const BitLayout& b);
// Largest finite value. IEEE: (2 - 2^-m) x 2^(2^e - 2 - bias); NanOnly: (2 - 2^(1-m)) x 2^(2^e - 1 - bias);
// FiniteOnly: (2 - 2^-m) x 2^(2^e - 1 - bias); Integer: 2^m - 1. Lookup: 1 (levels are normalised to [-1, 1]).
double max_finite(const BitLayout& b);
// Smallest positive normal: 2^(1 - bias). Integer: 1 (one step). Lookup: 0 (no exponent).
double min_normal(const BitLayout& b);
// Smallest positive subnormal: 2^(1 - bias - m). Integer: 1. Lookup: 0.
double min_subnormal(const BitLayout& b);
// Most negative value: -max_finite for sign-magnitude floats, -2^m for two's complement integers.
double min_value(const BitLayout& b);

struct PrecisionInfo {
    std::string id;             // "fp32", "fp8_e4m3", "mxfp4", ...
    std::string name;           // display name
    BitLayout layout;           // of one element
    int storage_bits = 0;       // bits one element occupies in memory (TF32: 32, it is FP32 in memory)
    double bits_per_element = 0;  // including shared block scales (MXFP4: 4 + 8/32; NF4: 4 + 32/64)
    double bytes = 0;           // bits_per_element / 8
    double max = 0;             // largest finite value of an element (before any block scale)
    double min = 0;             // most negative value
    double min_normal = 0;      // 0 when not a float
    double min_subnormal = 0;   // smallest positive value (0 when not a float)
    bool has_inf = false, has_nan = false;
    std::string block;          // block scaling, "" when none
    std::string used_for;       // where the format is used
    std::string block_zh, used_for_zh;  // the same in Chinese (the page under 中文)
    std::string source;         // specification / paper
};

// The reference table, in the order the UI shows it.
const std::vector<PrecisionInfo>& precision_reference();
const PrecisionInfo* find_precision(std::string_view id);

// NF4's 16 levels (QLoRA, Dettmers et al. 2023, arXiv:2305.14314, Appendix E; bitsandbytes' table).
const std::vector<double>& nf4_levels();

}  // namespace llmcalc
