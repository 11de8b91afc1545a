#include "formats.hpp"

namespace llmcalc {

const std::vector<NumberFormat>& number_formats() {
    // IEEE 754-2008 binary32/binary16; bfloat16 (Google, 1 sign, 8 exponent, 7 mantissa);
    // FP8 E4M3/E5M2 (Micikevicius et al. 2022, "FP8 Formats for Deep Learning").
    static const std::vector<NumberFormat> table = {
        {"fp32", "FP32", 32, 1, true, true, false, 1, 8, 23, "IEEE 754 binary32"},
        {"bf16", "BF16", 16, 1, true, true, false, 1, 8, 7, "bfloat16"},
        {"fp16", "FP16", 16, 1, true, true, false, 1, 5, 10, "IEEE 754 binary16"},
        {"fp8", "FP8 (E4M3)", 8, 1, true, true, false, 1, 4, 3, "Micikevicius et al. 2022"},
        {"int8", "INT8", 8, 1, true, true, true, 1, 0, 7, "per-channel scales ignored"},
        {"int4", "INT4", 4, 1, true, true, true, 1, 0, 3, "scales ignored"},
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

int64_t format_bytes(int64_t count, const NumberFormat& f) {
    const __int128 bits = static_cast<__int128>(count) * f.bits_num;
    const __int128 den = static_cast<__int128>(f.bits_den) * 8;
    return static_cast<int64_t>((bits + den - 1) / den);
}

}  // namespace llmcalc
