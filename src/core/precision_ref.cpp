#include "precision_ref.hpp"
#include "sources.hpp"

#include <cmath>

namespace llmcalc {

int exponent_bias(const BitLayout& b) {
    return b.exponent_bits > 0 ? (1 << (b.exponent_bits - 1)) - 1 : 0;
}

double max_finite(const BitLayout& b) {
    const int e = b.exponent_bits, m = b.mantissa_bits, bias = exponent_bias(b);
    switch (b.encoding) {
        case FloatEncoding::IeeeInfNan:  // all-ones exponent reserved for Inf/NaN
            return (2.0 - std::ldexp(1.0, -m)) * std::ldexp(1.0, (1 << e) - 2 - bias);
        case FloatEncoding::NanOnly:     // all-ones exponent usable; mantissa all-ones there is NaN
            return (2.0 - std::ldexp(1.0, 1 - m)) * std::ldexp(1.0, (1 << e) - 1 - bias);
        case FloatEncoding::FiniteOnly:
            return (2.0 - std::ldexp(1.0, -m)) * std::ldexp(1.0, (1 << e) - 1 - bias);
        case FloatEncoding::Integer: return std::ldexp(1.0, m) - 1.0;
        case FloatEncoding::Lookup: return 1.0;
    }
    return 0;
}

double min_normal(const BitLayout& b) {
    if (b.encoding == FloatEncoding::Integer) return 1.0;
    if (b.encoding == FloatEncoding::Lookup) return 0.0;
    return std::ldexp(1.0, 1 - exponent_bias(b));
}

double min_subnormal(const BitLayout& b) {
    if (b.encoding == FloatEncoding::Integer) return 1.0;
    if (b.encoding == FloatEncoding::Lookup) return 0.0;
    return std::ldexp(1.0, 1 - exponent_bias(b) - b.mantissa_bits);
}

double min_value(const BitLayout& b) {
    if (b.encoding == FloatEncoding::Integer) return -std::ldexp(1.0, b.mantissa_bits);
    return -max_finite(b);
}

const std::vector<double>& nf4_levels() {
    // QLoRA Appendix E / bitsandbytes functional.py: quantiles of N(0, 1) normalised to [-1, 1], with an exact 0.
    static const std::vector<double> levels = {
        -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
        -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
        0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0};
    return levels;
}

namespace {

PrecisionInfo row(const char* id, const char* name, BitLayout l, int storage_bits, double bits_per_element,
                  const char* block, const char* used_for, const char* source, const char* block_zh,
                  const char* used_for_zh) {
    PrecisionInfo p;
    p.id = id;
    p.name = name;
    p.layout = l;
    p.storage_bits = storage_bits;
    p.bits_per_element = bits_per_element;
    p.bytes = bits_per_element / 8.0;
    p.max = max_finite(l);
    p.min = min_value(l);
    p.min_normal = min_normal(l);
    p.min_subnormal = min_subnormal(l);
    p.has_inf = l.encoding == FloatEncoding::IeeeInfNan;
    p.has_nan = l.encoding == FloatEncoding::IeeeInfNan || l.encoding == FloatEncoding::NanOnly;
    p.block = block;
    p.used_for = used_for;
    p.source = source;
    p.block_zh = block_zh;
    p.used_for_zh = used_for_zh;
    if (l.encoding == FloatEncoding::Lookup) {
        p.min = nf4_levels().front();
        p.min_subnormal = nf4_levels()[8];  // smallest positive level
    }
    return p;
}

constexpr FloatEncoding kIeee = FloatEncoding::IeeeInfNan;

}  // namespace

const std::vector<PrecisionInfo>& precision_reference() {
    // NF4 block: one fp32 absmax per 64 weights = 32/64 = 0.5 extra bits (QLoRA Sec. 3, "Double Quantization":
    // with double quantization 8/64 + 32/(64 x 256) = 0.127 bits).
    // MXFP4: 32 FP4 elements share one 8-bit E8M0 power-of-two scale = 8/32 = 0.25 extra bits (OCP MX v1.0 Sec. 5).
    static const std::vector<PrecisionInfo> table = {
        row("fp64", "FP64 (binary64)", {1, 11, 52, kIeee}, 64, 64, "",
            "scientific computing; not used for LLM training (" LLMCALC_SEED002 " lists it: 8 bytes)", "IEEE 754-2008 binary64",
            "", "科学计算；不用于 LLM 训练（" LLMCALC_SEED002 " 列出它：8 字节）"),
        row("fp32", "FP32 (binary32)", {1, 8, 23, kIeee}, 32, 32, "",
            "classic training and high-precision inference; fp32 master weights and Adam moments in mixed precision "
            "(" LLMCALC_SEED001 ")", "IEEE 754-2008 binary32",
            "", "经典训练与高精度推理；混合精度中的 fp32 主权重和 Adam 动量（" LLMCALC_SEED001 "）"),
        row("tf32", "TF32", {1, 8, 10, kIeee}, 32, 32, "",
            "tensor-core matmuls on fp32 tensors (A100 and later): FP32's range with FP16's precision; stored as FP32",
            "NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020), TensorFloat-32",
            "", "fp32 张量上的 Tensor Core 矩阵乘（A100 及以后）：FP32 的范围、FP16 的精度；按 FP32 存储"),
        row("bf16", "BF16 (bfloat16)", {1, 8, 7, kIeee}, 16, 16, "",
            "modern mixed-precision training and the released weights of most LLMs (" LLMCALC_SEED001 ")",
            "Google bfloat16 (Wang & Kanwar 2019); Intel BF16 whitepaper (2018): FP32's exponent, 7 fraction bits",
            "", "现代混合精度训练，以及大多数 LLM 发布的权重（" LLMCALC_SEED001 "）"),
        row("fp16", "FP16 (binary16)", {1, 5, 10, kIeee}, 16, 16, "",
            "mixed-precision training with loss scaling, fast inference (" LLMCALC_SEED001 ")", "IEEE 754-2008 binary16",
            "", "带损失缩放的混合精度训练、快速推理（" LLMCALC_SEED001 "）"),
        row("fp8_e4m3", "FP8 E4M3", {1, 4, 3, FloatEncoding::NanOnly}, 8, 8, "",
            "FP8 training's weights and activations (forward); FP8 inference weights (DeepSeek-V3 F8_E4M3)",
            "Micikevicius et al. 2022, FP8 Formats for Deep Learning (arXiv:2209.05433) Table 1; OCP 8-bit FP spec",
            "", "FP8 训练的权重和激活值（前向）；FP8 推理权重（DeepSeek-V3 F8_E4M3）"),
        row("fp8_e5m2", "FP8 E5M2", {1, 5, 2, kIeee}, 8, 8, "",
            "FP8 training's gradients (backward), where range matters more than precision",
            "Micikevicius et al. 2022 (arXiv:2209.05433) Table 1: IEEE-like, with Inf and NaN",
            "", "FP8 训练的梯度（反向），范围比精度更重要"),
        row("fp6_e3m2", "FP6 E3M2", {1, 3, 2, FloatEncoding::FiniteOnly}, 6, 6, "",
            "element type of MXFP6 (weights/activations in MX training and inference)",
            "OCP Microscaling Formats (MX) v1.0 spec, Sec. 5.3 (FP6 element types): no Inf/NaN",
            "", "MXFP6 的元素类型（MX 训练与推理中的权重/激活值）"),
        row("fp6_e2m3", "FP6 E2M3", {1, 2, 3, FloatEncoding::FiniteOnly}, 6, 6, "",
            "element type of MXFP6, more precision, less range than E3M2",
            "OCP Microscaling Formats (MX) v1.0 spec, Sec. 5.3 (FP6 element types): no Inf/NaN",
            "", "MXFP6 的元素类型，比 E3M2 精度更高、范围更小"),
        row("fp4_e2m1", "FP4 E2M1", {1, 2, 1, FloatEncoding::FiniteOnly}, 4, 4, "",
            "element type of MXFP4 and NVFP4 (values 0, 0.5, 1, 1.5, 2, 3, 4, 6)",
            "OCP Microscaling Formats (MX) v1.0 spec, Sec. 5.3 (FP4 element type): no Inf/NaN",
            "", "MXFP4 和 NVFP4 的元素类型（取值 0、0.5、1、1.5、2、3、4、6）"),
        row("mxfp4", "MXFP4", {1, 2, 1, FloatEncoding::FiniteOnly}, 4, 4.25,
            "32 FP4 E2M1 elements share one E8M0 scale (a power of two 2^-127..2^127)",
            "gpt-oss MoE expert weights; Blackwell tensor cores", "OCP Microscaling Formats (MX) v1.0 spec, Sec. 5 / Table 1",
            "32 个 FP4 E2M1 元素共享一个 E8M0 缩放因子（2 的幂，2^-127..2^127）", "gpt-oss 的 MoE 专家权重；Blackwell Tensor Core"),
        row("nf4", "NF4 (NormalFloat4)", {0, 0, 4, FloatEncoding::Lookup}, 4, 4.5,
            "64 weights share one fp32 absmax (4.127 bits with double quantization); value = level x absmax",
            "QLoRA's frozen 4-bit base weights (bitsandbytes load_in_4bit)",
            "Dettmers et al. 2023, QLoRA (arXiv:2305.14314) Sec. 3 and Appendix E",
            "每 64 个权重共享一个 fp32 absmax（双重量化时为 4.127 位）；值 = 等级 × absmax", "QLoRA 冻结的 4 位基座权重（bitsandbytes load_in_4bit）"),
        row("int16", "INT16", {1, 0, 15, FloatEncoding::Integer}, 16, 16, "",
            "16-bit integer (" LLMCALC_SEED002 " lists it: 2 bytes)", "two's complement integer",
            "", "16 位整数（" LLMCALC_SEED002 " 列出它：2 字节）"),
        row("int8", "INT8", {1, 0, 7, FloatEncoding::Integer}, 8, 8, "scales per tensor / channel / group (not counted here)",
            "quantized inference, edge devices (" LLMCALC_SEED001 "); LLM.int8(), SmoothQuant W8A8", "two's complement integer",
            "按张量/通道/分组的缩放因子（此处不计）", "量化推理、边缘设备（" LLMCALC_SEED001 "）；LLM.int8()、SmoothQuant W8A8"),
        row("int4", "INT4", {1, 0, 3, FloatEncoding::Integer}, 4, 4, "scales per group, e.g. 128 weights (not counted here)",
            "extreme quantization for inference (" LLMCALC_SEED001 "): GPTQ, AWQ weight-only", "two's complement integer",
            "按分组的缩放因子，例如每 128 个权重（此处不计）", "推理的极限量化（" LLMCALC_SEED001 "）：GPTQ、AWQ 仅权重量化"),
    };
    return table;
}

const PrecisionInfo* find_precision(std::string_view id) {
    for (const auto& p : precision_reference())
        if (p.id == id) return &p;
    return nullptr;
}

}  // namespace llmcalc
