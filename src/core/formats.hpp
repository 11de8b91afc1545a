// Number formats for weights and the KV cache: bits per element (exact rational, including quantization
// scale/zero-point overhead), and the bit layout the Precision reference shows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace llmcalc {

struct NumberFormat {
    std::string id;            // key value: fp32, bf16, q4_k_m, ...
    std::string label;         // display name
    int64_t bits_num = 16;     // bits per element = bits_num / bits_den
    int64_t bits_den = 1;
    bool for_weights = true;
    bool for_kv = true;
    bool quantized = false;    // integer/block formats: norms and (optionally) embeddings stay 16-bit
    int sign_bits = 0, exponent_bits = 0, mantissa_bits = 0;  // 0/0/0 for block formats
    std::string source;        // spec or paper
    double bits() const { return static_cast<double>(bits_num) / static_cast<double>(bits_den); }
};

const std::vector<NumberFormat>& number_formats();
const NumberFormat* find_format(std::string_view id);
const NumberFormat* find_weight_format(std::string_view id);
const NumberFormat* find_kv_format(std::string_view id);

// Exact bytes for `count` elements: ceil(count * bits / 8).
int64_t format_bytes(int64_t count, const NumberFormat& f);

}  // namespace llmcalc
