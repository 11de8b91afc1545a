#include "hardware.hpp"
#include "sources.hpp"

namespace llmcalc {

namespace {
constexpr double GB = 1e9;
constexpr double T = 1e12;

// Apple: the GPU may wire only part of unified memory. Metal's recommendedMaxWorkingSetSize is about 75% on
// large-memory Macs (observed values reported by llama.cpp users; not an Apple spec) -> verified = false.
constexpr double kAppleUsable = 0.75;

constexpr double MiB(double x) { return x * 1024 * 1024; }
constexpr double GiB(double x) { return x * 1024 * 1024 * 1024; }

Gpu g(const char* id, const char* name, double mem_bytes, const char* mem_source, double bw_gbs, double fp32, double tf32, double bf16,
      double fp16, double fp8, double int8, double fp4, const char* source, bool verified, double usable = 1.0) {
    Gpu x;
    x.id = id; x.name = name; x.memory_bytes = mem_bytes; x.memory_source = mem_source; x.usable_fraction = usable; x.bandwidth = bw_gbs * GB;
    x.fp32 = fp32 * T; x.tf32 = tf32 * T; x.bf16 = bf16 * T; x.fp16 = fp16 * T; x.fp8 = fp8 * T; x.int8 = int8 * T;
    x.fp4 = fp4 * T; x.source = source; x.verified = verified;
    x.unified = usable < 1.0;
    return x;
}
}  // namespace

const std::vector<Gpu>& gpus() {
    // Memory: the total the device reports, in bytes (nvidia-smi's MiB figure, rocm-smi's byte count, as printed in
    // public nvidia-smi / rocm-smi outputs); cards sold as "24GB" or "80GB" have binary (GiB-class) capacities, about
    // 7% above decimal GB. memory_source names each figure.
    // Dense (no 2:4 sparsity) peaks. Entries marked "published.json" reproduce ../shared/reference/published.json
    // exactly (its sources are repeated here); the others are from vendor datasheets read second-hand: verified=false.
    static const std::vector<Gpu> table = {
        g("a100-40g", "NVIDIA A100 SXM4 40GB", MiB(40960), "nvidia-smi: NVIDIA A100-SXM4-40GB 40960MiB (40 GiB)",
          1555, 19.5, 156, 312, 312, 0, 624, 0,
          "NVIDIA A100 datasheet / GA100 whitepaper (dense)", true),
        g("a100-80g", "NVIDIA A100 SXM4 80GB", MiB(81920), "nvidia-smi: NVIDIA A100-SXM4-80GB 81920MiB (80 GiB)",
          2039, 19.5, 156, 312, 312, 0, 624, 0,
          "NVIDIA A100 datasheet, 80GB SXM column (dense)", true),
        g("a100-80g-pcie", "NVIDIA A100 PCIe 80GB", MiB(81920), "nvidia-smi: NVIDIA A100 80GB PCIe 81920MiB (80 GiB)",
          1935, 19.5, 156, 312, 312, 0, 624, 0,
          "NVIDIA A100 datasheet PCIe column (1,935 GB/s via a secondary table)", false),
        g("h100-sxm", "NVIDIA H100 SXM5 80GB", MiB(81559), "nvidia-smi: NVIDIA H100 80GB HBM3 81559MiB",
          3350, 67, 494.5, 989.5, 989.5, 1979, 1979, 0,
          "NVIDIA H100 datasheet (dense = half the sparsity figures)", true),
        g("h100-pcie", "NVIDIA H100 PCIe 80GB", MiB(81559), "as the H100 SXM's nvidia-smi 81559MiB (same 80 GB part; the PCIe card's own figure not re-read)",
          2000, 51, 378, 756.5, 756.5, 1513, 1513, 0,
          "NVIDIA H100 datasheet PCIe column, product brief PB-11133-001 (>2,000 GB/s)", true),
        g("h200", "NVIDIA H200 SXM 141GB", MiB(143771), "nvidia-smi: NVIDIA H200 143771MiB",
          4800, 67, 494.5, 989.5, 989.5, 1979, 1979, 0,
          "NVIDIA H200 datasheet (141GB HBM3e, 4.8 TB/s; compute as H100 SXM)", true),
        g("h20", "NVIDIA H20 96GB", MiB(97871), "nvidia-smi: NVIDIA H20 97871MiB",
          4000, 44, 0, 148, 148, 296, 0, 0,
          "secondary spec tables (FP8 296, FP32 44); bandwidth 4,000 and BF16 148 commonly quoted, "
          "unverified", false),
        g("b200", "NVIDIA B200 (HGX/DGX, per GPU)", MiB(183359), "nvidia-smi: NVIDIA B200 183359MiB",
          8000, 75, 1125, 2250, 2250, 4500, 4500, 9000,
          "DGX B200 datasheet / 8; FP32 75 unverified", false),
        g("l40s", "NVIDIA L40S", MiB(46068), "nvidia-smi: NVIDIA L40S 46068MiB",
          864, 91.6, 183, 362.05, 362.05, 733, 733, 0,
          "NVIDIA L40S datasheet (dense = sparse / 2)", true),
        g("l4", "NVIDIA L4", MiB(23034), "nvidia-smi: NVIDIA L4 23034MiB",
          300, 30.3, 60, 121, 121, 242.5, 242.5, 0,
          "NVIDIA L4 datasheet (dense = sparse / 2)", true),
        g("a10", "NVIDIA A10", MiB(23028), "nvidia-smi: NVIDIA A10 23028MiB",
          600, 31.2, 62.5, 125, 125, 0, 250, 0,
          "NVIDIA A10 datasheet (TF32 125*, BF16 250*, INT8 500* with sparsity; dense = half), not re-read; 24 GB, 600.2 GB/s, FP32 31.24 confirmed by a TechPowerUp-derived table (sysrqmts.com A10 PCIe)", false),
        g("t4", "NVIDIA T4", MiB(15360), "nvidia-smi: Tesla T4 15360MiB",
          320, 8.1, 0, 0, 65, 0, 130, 0,
          "NVIDIA T4 datasheet (FP32 8.1, mixed FP16 65, INT8 130 TOPS); no BF16/TF32; not re-read", false),
        g("v100", "NVIDIA V100 SXM2 32GB", GiB(32), "nominal 32 GiB (V100-SXM2-32GB; nvidia-smi figure not re-read)",
          900, 15.7, 0, 0, 125, 0, 0, 0,
          "NVIDIA V100 datasheet (" LLMCALC_SEED001 " cites nvidia.cn/data-center/v100): FP32 15.7, tensor FP16 125; not re-read",
          false),
        g("rtx-3090", "NVIDIA GeForce RTX 3090", MiB(24576), "nvidia-smi: NVIDIA GeForce RTX 3090 24576MiB",
          936, 35.6, 35.6, 71, 71, 0, 284, 0,
          "GA102 whitepaper appendix (FP16 tensor w/ FP32 acc 71); BF16/TF32/INT8 unverified", false),
        g("rtx-4090", "NVIDIA GeForce RTX 4090", MiB(24564), "nvidia-smi: NVIDIA GeForce RTX 4090 24564MiB",
          1008, 82.6, 82.6, 165.2, 165.2, 330.3, 660.6, 0,
          "Ada whitepaper v2.1 Appendix A (FP32-accumulate tensor rates)", true),
        g("rtx-5090", "NVIDIA GeForce RTX 5090", MiB(32607), "nvidia-smi: NVIDIA GeForce RTX 5090 32607MiB",
          1792, 104.8, 0, 209.5, 209.5, 419, 0, 0,
          "memory/bandwidth/FP32 secondary; BF16 209.5 and FP8 419 unverified", false),
        g("mi250x", "AMD Instinct MI250X", GiB(128), "nominal 128 GiB HBM2e (2 GCDs x 64 GiB; rocm-smi figure not re-read)",
          3276.8, 95.7, 0, 383, 383, 0, 383, 0,
          "AMD MI250X datasheet (FP32 matrix 95.7, FP16/BF16 383, INT8 383, 3.2 TB/s); not re-read", false),
        g("mi300x", "AMD Instinct MI300X", 205822885888.0, "rocm-smi: AMD Instinct MI300X VRAM Total Memory (B) 205822885888 (192 GiB)",
          5300, 163.4, 653.7, 1307.4, 1307.4, 2614.9, 2614.9, 0,
          "AMD MI300X datasheet (dense)", true),
        g("mi325x", "AMD Instinct MI325X", GiB(256), "nominal 256 GiB HBM3E (rocm-smi figure not re-read)",
          6000, 163.4, 653.7, 1307.4, 1307.4, 2614.9, 2614.9, 0,
          "AMD MI325X product page (compute as MI300X)", true),
        // Apple publishes memory and bandwidth only; FP32 = GPU cores x 128 ALUs x 2 x clock is an estimate.
        g("m2-ultra", "Apple M2 Ultra (76-core GPU)", GiB(192), "Apple: 192GB unified memory (binary GB)",
          800, 27.2, 0, 27.2, 27.2, 0, 0, 0,
          "Apple newsroom 192GB, 800GB/s; FP32 27.2 TFLOPS estimated, usable 75% assumed", false,
          kAppleUsable),
        g("m3-max", "Apple M3 Max (40-core GPU)", GiB(128), "Apple: 128GB unified memory (binary GB)",
          400, 16.4, 0, 16.4, 16.4, 0, 0, 0,
          "Apple newsroom 128GB, 400GB/s; FP32 16.4 TFLOPS estimated, usable 75% assumed", false,
          kAppleUsable),
        g("m4-max", "Apple M4 Max (40-core GPU)", GiB(128), "Apple: 128GB unified memory (binary GB)",
          546, 18.4, 0, 18.4, 18.4, 0, 0, 0,
          "Apple newsroom 128GB, 546GB/s; FP32 18.4 TFLOPS estimated, usable 75% assumed", false,
          kAppleUsable),
        g("custom", "Custom accelerator (custom_memory_gb, custom_bandwidth_gbs, custom_tflops)", 80 * GB, "custom_memory_gb (decimal GB)",
          2000, 400, 400,
          400, 400, 0, 0, 0, "user input", false),
    };
    return table;
}

const Gpu* find_gpu(std::string_view id) {
    for (const auto& x : gpus())
        if (x.id == id) return &x;
    return nullptr;
}

Gpu custom_gpu(double memory_gb, double bandwidth_gbs, double tflops) {
    Gpu x = *find_gpu("custom");
    x.memory_bytes = memory_gb * GB;
    x.bandwidth = bandwidth_gbs * GB;
    x.fp32 = x.tf32 = x.bf16 = x.fp16 = tflops * T;
    return x;
}

double peak_flops_for(const Gpu& x, std::string_view f) {
    const double half = x.bf16 > 0 ? x.bf16 : (x.fp16 > 0 ? x.fp16 : x.fp32);
    if (f == "fp32") return x.tf32 > 0 ? x.tf32 : x.fp32;
    if ((f == "fp8" || f == "fp8_e4m3" || f == "fp8_e5m2") && x.fp8 > 0) return x.fp8;
    if (f == "nvfp4" && x.fp4 > 0) return x.fp4;  // W4A4 on FP4 tensor cores (Blackwell)
    return half;
}

}  // namespace llmcalc
