// Time figures pinned to published numbers (published.json, seeds).
#include <doctest/doctest.h>

#include <cmath>

#include "flops.hpp"
#include "../unit/paper_formulas.hpp"

#include "hardware.hpp"
#include "timing.hpp"

using namespace llmcalc;

TEST_CASE("Narayanan et al. 2021: GPT-3 175B on 1024 A100 at 140 TFLOP/s -> about 34 days") {
    // arXiv:2104.04473 Sec. 5.1 eq. (4); published.json narayanan_training_time: 33.908 days exact, 34 printed,
    // tolerance +/- 1 day. 1T: 3072 GPUs at 163 TFLOP/s, 450B tokens -> 84 days.
    const double days = narayanan_training_seconds(300e9, 175e9, 1024, 140e12) / kSecondsPerDay;
    CHECK(days == doctest::Approx(33.908420138888886).epsilon(1e-9));
    CHECK(std::abs(days - 34) <= 1);
    const double days_1t = narayanan_training_seconds(450e9, 1.008e12, 3072, 163e12) / kSecondsPerDay;
    CHECK(std::abs(days_1t - 84) <= 1);
    // The general form total FLOPs / (n x peak x utilisation) with 8TP FLOPs is the same formula.
    CHECK(training_seconds(8 * 300e9 * 175e9, 1024, 312e12, 140.0 / 312.0) / kSecondsPerDay ==
          doctest::Approx(days).epsilon(1e-12));
    // Inverse: finishing in 34 days at 140 TFLOP/s needs 1024 GPUs (33.9 days with 1024; 1021 suffice)
    CHECK(gpus_for_deadline(8 * 300e9 * 175e9, 34 * kSecondsPerDay, 140e12, 1.0) <= 1024);
    CHECK(gpus_for_deadline(8 * 300e9 * 175e9, 33 * kSecondsPerDay, 140e12, 1.0) > 1024);
}

TEST_CASE("seed 004: 32B model, 1000-token prompt, 10 A100 at 46.2% -> 0.0444 s") {
    // Seed 004: total FLOPs = 2 x 32e9 x 1000 = 6.4e13; 10 x 312 TFLOPS x 46.2% -> 0.0444 s per token, 22.52 tok/s.
    const Gpu* a100 = find_gpu("a100-80g");
    REQUIRE(a100);
    CHECK(a100->bf16 == 312e12);
    const double t = prefill_seconds(2 * 32e9 * 1000, 10, a100->bf16, 0.462);
    CHECK(t == doctest::Approx(0.0444).epsilon(0.001));
    CHECK(1.0 / t == doctest::Approx(22.5225).epsilon(0.001));
}

TEST_CASE("Llama 2 model card: 7B pretraining GPU hours are consistent with 6ND at a plausible MFU") {
    // published.json Llama-2-7b notes: 184,320 A100-80GB GPU hours for 2.0T tokens. With 6 x 6.738e9 x 2e12 FLOPs
    // on A100 (312 TFLOPS), the implied utilisation is 6ND / (hours x 3600 x 312e12) = 0.39 (in the 30-55% range of
    // seed 000).
    const double flops = 6 * 6738415616.0 * 2e12;
    const double mfu = flops / (184320.0 * 3600 * 312e12);
    CHECK(mfu == doctest::Approx(0.39).epsilon(0.02));
    CHECK(training_seconds(flops, 1, 312e12, mfu) / 3600 == doctest::Approx(184320).epsilon(1e-9));
}

TEST_CASE("Narayanan et al. 2021 Table 2: PTD-P and ZeRO-3 training days for 174.6B and 529.6B on 300B tokens") {
    // published.json narayanan (PTD_174.6B rows): l = 96, h = 12288, s = 2048, V = 51200, 300B tokens; the table
    // uses eq. (3)'s full factor (1 + s/6h + V/16lh) with recomputation; tolerance +/- 1 day (the paper rounds).
    const double l = 96, h = 12288, s = 2048, V = 51200, T = 300e9;
    // eq. (3) per iteration of B sequences of s tokens -> FLOPs per token = F / (B s)
    const double per_token = oracle::narayanan_flops_per_iteration(1, s, l, h, V) / s;
    struct Row { double gpus, tflops, days; };
    // PTD-P rows and the ZeRO-3 rows of the same table (same FLOPs, lower throughput)
    for (const Row& r : {Row{384, 153, 84}, Row{768, 149, 43}, Row{1536, 141, 23}, Row{384, 144, 90}, Row{768, 88, 74},
                         Row{1536, 44, 74}}) {
        CAPTURE(r.gpus);
        CAPTURE(r.tflops);
        const double days = training_seconds(T * per_token, r.gpus, r.tflops * 1e12, 1.0) / kSecondsPerDay;
        CHECK(std::abs(days - r.days) <= 1.0);
    }
    // 529.6B: l = 105, h = 20480 (published.json narayanan_table1 row), same s, V and tokens
    const double per_token_530 = oracle::narayanan_flops_per_iteration(1, s, 105, 20480, V) / s;
    for (const Row& r : {Row{560, 171, 156}, Row{1120, 167, 80}, Row{2240, 159, 42}, Row{640, 138, 169},
                         Row{1120, 98, 137}, Row{2240, 48, 140}}) {
        CAPTURE(r.gpus);
        CAPTURE(r.tflops);
        const double days = training_seconds(T * per_token_530, r.gpus, r.tflops * 1e12, 1.0) / kSecondsPerDay;
        CHECK(std::abs(days - r.days) <= 1.0);
    }
}
