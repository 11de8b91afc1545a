// The accelerator catalog: published.json's 17 GPUs exactly, >= 20 entries, ids and sources.
#include <doctest/doctest.h>

#include <set>

#include "hardware.hpp"

using namespace llmcalc;

TEST_CASE("catalog: at least 20 accelerators, unique lowercase slugs, sources, sane figures") {
    CHECK(gpus().size() >= 20);
    std::set<std::string> ids;
    for (const auto& g : gpus()) {
        CAPTURE(g.id);
        CHECK(ids.insert(g.id).second);
        for (char c : g.id) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
        CHECK(!g.source.empty());
        CHECK(g.memory_bytes > 0);
        CHECK(g.bandwidth > 0);
        CHECK(g.usable_fraction > 0);
        CHECK(g.usable_fraction <= 1);
        CHECK(peak_flops_for(g, "bf16") > 0);
    }
    CHECK(find_gpu("h100-sxm"));
    CHECK(find_gpu("a100-80g"));
    CHECK(find_gpu("custom"));
}

TEST_CASE("catalog reproduces published.json's GPU figures") {
    // ../shared/reference/published.json "gpus": memory GB, bandwidth GB/s, dense BF16 (or FP16) TFLOPS, FP8.
    struct Row { const char* id; double mem, bw, bf16, fp8; };
    const Row rows[] = {
        {"a100-40g", 40, 1555, 312, 0},     {"a100-80g", 80, 2039, 312, 0},
        {"h100-sxm", 80, 3350, 989.5, 1979}, {"h100-pcie", 80, 2000, 756.5, 1513},
        {"h200", 141, 4800, 989.5, 1979},   {"b200", 180, 8000, 2250, 4500},
        {"l40s", 48, 864, 362.05, 733},     {"l4", 24, 300, 121, 242.5},
        {"rtx-3090", 24, 936, 71, 0},       {"rtx-4090", 24, 1008, 165.2, 330.3},
        {"rtx-5090", 32, 1792, 209.5, 419}, {"mi300x", 192, 5300, 1307.4, 2614.9},
        {"mi325x", 256, 6000, 1307.4, 2614.9}, {"h20", 96, 4000, 148, 296},
        {"m2-ultra", 192, 800, 0, 0},       {"m3-max", 128, 400, 0, 0},
        {"m4-max", 128, 546, 0, 0},
    };
    for (const auto& r : rows) {
        CAPTURE(r.id);
        const Gpu* g = find_gpu(r.id);
        REQUIRE(g);
        // Memory is the total the device reports (issue #11: nvidia-smi's MiB figure, rocm-smi's bytes; hardware.cpp
        // names each), no longer published.json's marketing GB x 1e9: a "24GB"/"80GB" card reports a binary-class
        // capacity between the decimal figure and the same number of GiB (RTX 4090 24564 MiB, H100 81559 MiB).
        CHECK(g->memory_bytes >= r.mem * 1e9);
        CHECK(g->memory_bytes <= r.mem * 1073741824.0);
        CHECK_FALSE(g->memory_source.empty());
        CHECK(g->bandwidth == doctest::Approx(r.bw * 1e9));
        if (r.bf16 > 0) CHECK(g->bf16 == doctest::Approx(r.bf16 * 1e12));
        if (r.fp8 > 0) CHECK(g->fp8 == doctest::Approx(r.fp8 * 1e12));
    }
    // nvidia-smi totals (issue #11), exact
    CHECK(find_gpu("rtx-4090")->memory_bytes == 24564.0 * 1048576);
    CHECK(find_gpu("h100-sxm")->memory_bytes == 81559.0 * 1048576);
    // unverified figures are flagged
    CHECK(!find_gpu("h20")->verified);
    CHECK(!find_gpu("rtx-5090")->verified);
    CHECK(!find_gpu("m2-ultra")->verified);
    CHECK(find_gpu("h100-sxm")->verified);
    // A100's FP32 (non-tensor) is 19.5 TFLOPS, TF32 156: fp32 weights use TF32 tensor cores
    CHECK(peak_flops_for(*find_gpu("a100-80g"), "fp32") == doctest::Approx(156e12));
    CHECK(peak_flops_for(*find_gpu("h100-sxm"), "fp8") == doctest::Approx(1979e12));
    CHECK(peak_flops_for(*find_gpu("a100-80g"), "fp8") == doctest::Approx(312e12));  // no FP8: 16-bit path
    CHECK(peak_flops_for(*find_gpu("t4"), "bf16") == doctest::Approx(65e12));        // no BF16: FP16 rate
    CHECK(peak_flops_for(*find_gpu("b200"), "nvfp4") == doctest::Approx(9000e12));   // published.json B200 FP4
    CHECK(peak_flops_for(*find_gpu("h100-sxm"), "nvfp4") == doctest::Approx(989.5e12));
}

TEST_CASE("custom accelerator from the custom_* keys; Apple usable fraction") {
    const Gpu g = custom_gpu(24, 1000, 100);
    CHECK(g.memory_bytes == 24e9);
    CHECK(g.bandwidth == 1e12);
    CHECK(peak_flops_for(g, "bf16") == 100e12);
    CHECK(find_gpu("m4-max")->usable_fraction < 1);
    CHECK(find_gpu("m4-max")->unified);
    CHECK(!find_gpu("h100-sxm")->unified);
}
