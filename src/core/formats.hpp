// Number formats for weights and the KV cache: bits per element as an exact rational (including block-scale
// overhead), the bit layout the Precision reference shows, and llama.cpp's per-tensor GGUF recipes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace llmcalc {

// Storage bits are kept in units of 1/kBitDen bit so that every format's bits per weight is an integer:
// the least common multiple of the block sizes used below (32, 64, 128, 256 and NF4's 64 x 256 = 16384).
constexpr int64_t kBitDen = 16384;

// ggml tensor types (block layouts of ggml/src/ggml-common.h: block_q8_0, block_q4_K, ...). The first row is what
// the llama.cpp recipe below uses; the rest are the other types a GGUF file may hold (gguf.cpp reads them all).
enum class GgmlType {
    None, F32, F16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, IQ4_NL, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K,
    Q8_1, Q8_K, IQ2_XXS, IQ2_XS, IQ3_XXS, IQ1_S, IQ3_S, IQ2_S, IQ4_XS, I8, I16, I32, I64, F64, IQ1_M, BF16,
    TQ1_0, TQ2_0, MXFP4, NVFP4, Q1_0, Q2_0
};

// One ggml block: `block` weights stored in `bytes` bytes; `gguf_id` is the type's number in a GGUF tensor info
// (enum ggml_type of ggml/include/ggml.h; -1 for None).
struct GgmlBlock {
    GgmlType type;
    const char* name;
    int64_t block;
    int64_t bytes;
    int gguf_id;
};
const GgmlBlock& ggml_block(GgmlType t);
// The block of a GGUF tensor type number, or nullptr for a number ggml does not define (or has retired: 4, 5,
// 31-33, 36-38).
const GgmlBlock* ggml_block_by_id(uint32_t gguf_id);
// Bits per weight of a ggml type in 1/kBitDen units (bytes * 8 * kBitDen / block).
int64_t ggml_bits(GgmlType t);

struct NumberFormat {
    std::string id;            // key value: fp32, bf16, q4_k_m, ...
    std::string label;         // display name
    int64_t bits_num = 16;     // bits per element = bits_num / bits_den (linear weights)
    int64_t bits_den = 1;
    bool for_weights = true;
    bool for_kv = true;
    bool quantized = false;    // integer/block formats: norms, biases (and optionally embeddings) stay 16-bit
    int sign_bits = 0, exponent_bits = 0, mantissa_bits = 0;  // 0/0/0 for block formats
    std::string source;        // spec, paper or source file
    // llama.cpp file type (LLAMA_FTYPE_MOSTLY_*): the base ggml type; the per-tensor recipe is gguf_tensor_type().
    GgmlType gguf_base = GgmlType::None;
    bool experts_only = false; // mxfp4_moe: only routed-expert weights use this format (gpt-oss checkpoints)
    double bits() const { return static_cast<double>(bits_num) / static_cast<double>(bits_den); }
    // bits per element in 1/kBitDen units (exact)
    int64_t bits_scaled() const { return bits_num * (kBitDen / bits_den); }
    bool is_gguf() const { return gguf_base != GgmlType::None; }
};

const std::vector<NumberFormat>& number_formats();
const NumberFormat* find_format(std::string_view id);
const NumberFormat* find_weight_format(std::string_view id);
const NumberFormat* find_kv_format(std::string_view id);

// Exact bytes for `count` elements: ceil(count * bits / 8).
int64_t format_bytes(int64_t count, const NumberFormat& f);
// Exact bytes for an amount given in 1/kBitDen-bit units.
int64_t scaled_bits_to_bytes(__int128 scaled_bits);

// Tensor roles the llama.cpp recipe distinguishes (src/llama-quant.cpp, llama_tensor_get_type).
enum class TensorRole { TokenEmbd, Output, AttnQ, AttnK, AttnV, AttnOutput, FfnGate, FfnUp, FfnDown, Other };
struct GgufContext {
    int64_t layer = 0, n_layers = 1;  // index among tensors of this role (layer index), count of them
    int64_t n_gqa = 1;                // heads / kv_heads
    int64_t n_expert = 0;             // routed experts (0 = dense)
    bool has_output = true;           // false when the LM head is tied to the embedding
    int64_t row = 0;                  // ne[0]: the input dimension (row length) of the matrix
};
// The ggml type llama.cpp's quantizer gives a tensor under a GGUF file type, incl. the fallback when the row
// length is not a multiple of the block size.
GgmlType gguf_tensor_type(const NumberFormat& f, TensorRole role, const GgufContext& c);
// llama.cpp's use_more_bits(i, n): first and last eighth of the layers and every third layer in between.
bool gguf_use_more_bits(int64_t i, int64_t n);
// gguf_tensor_type() depends on c.layer only through the predicates packed here (i < 2, i < 4, i < n/16, i < n/8,
// use_more_bits): layers of one class get the same recipe, so callers evaluate it once per class (0..31), not per
// layer. Keep the two in step when a rule on the layer index is added.
int gguf_layer_class(int64_t i, int64_t n);

}  // namespace llmcalc
