// Generic layer calculator (the thop / ptflops use of seed 003): parameters, MACs and FLOPs of a stack of layers
// described as text, one layer per line:
//
//   linear in=1000 out=500            # (in + 1) x out params; n x in x out MACs (n rows, default 1)
//   conv2d in=3 out=64 k=7 s=2 p=3 h=224 w=224
//   layernorm dim=768 | rmsnorm dim=768 | embedding vocab=50257 dim=768
//   attention embed=768 heads=12 seq=1024 [kv_heads=4] [bias=false]
//   block hidden=768 heads=12 seq=1024 [ffn=3072] [gated=true] [norm=rmsnorm] [bias=false] [kv_heads=..]
//
// `in`, `h`, `w` (and `dim`/`embed`/`hidden`) may be left out to take the previous layer's output. Lines are
// trimmed; '#' starts a comment. 1 MAC = 2 FLOPs (kFlopsPerMac); a bias add completes the 2I-1 of seed 003's
// B(2I-1)O to exactly 2BIO, so FLOPs = 2 x MACs for every matmul. Normalization and activations are elementwise:
// they are reported with 0 MACs (as thop/ptflops count only multiply-accumulates of matmuls/convolutions here).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "inputs.hpp"

namespace llmcalc {

struct LayerRow {
    int line = 0;             // 1-based line in the text
    std::string kind;         // linear, conv2d, layernorm, rmsnorm, embedding, attention, block
    std::string shape;        // human-readable output shape, e.g. "64x112x112" or "500"
    int64_t params = 0;
    double macs = 0;
    double flops = 0;
};

struct LayerStackReport {
    std::vector<LayerRow> layers;
    int64_t total_params = 0;
    double total_macs = 0;
    double total_flops = 0;
    std::vector<InputError> errors;  // key "layer_stack"; message starts with "line N: "
    bool ok() const { return errors.empty(); }
};

// PyTorch Conv2d output size (torch.nn.Conv2d docs): floor((in + 2p - d(k-1) - 1) / s + 1).
int64_t conv2d_output_size(int64_t in, int64_t kernel, int64_t stride, int64_t padding, int64_t dilation);

LayerStackReport layer_stack(std::string_view text);
std::string layer_stack_json(const LayerStackReport& r, bool pretty = false);

}  // namespace llmcalc
