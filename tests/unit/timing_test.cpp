// Timing helpers: decode bound, communication terms, MoE expert coverage, inverses.
#include <doctest/doctest.h>

#include <cmath>

#include "timing.hpp"

using namespace llmcalc;

TEST_CASE("decode time is the larger of the memory and compute terms, and names its bound") {
    // 16 GB read at 2 TB/s = 8 ms; 16 GFLOP at 1 PFLOP/s = 16 us -> memory-bound
    CHECK(decode_seconds(16e9, 2e12, 16e9, 1e15) == doctest::Approx(0.008));
    CHECK(decode_memory_bound(16e9, 2e12, 16e9, 1e15));
    CHECK(!decode_memory_bound(1e6, 2e12, 1e15, 1e15));
}

TEST_CASE("ring all-reduce moves 2(n-1)/n of the buffer; all-to-all (n-1)/n") {
    // Patarasuk & Yuan 2009; NCCL tests' busBw = algBw x 2(n-1)/n
    CHECK(ring_allreduce_seconds(1e9, 8, 100e9) == doctest::Approx(2.0 * 7 / 8 * 0.01));
    CHECK(ring_allreduce_seconds(1e9, 1, 100e9) == 0);
    CHECK(all_to_all_seconds(1e9, 4, 1e9) == doctest::Approx(0.75));
}

TEST_CASE("MoE: share of experts a decode step touches") {
    CHECK(experts_touched_fraction(8, 2, 1) == doctest::Approx(0.25));
    CHECK(experts_touched_fraction(8, 2, 2) == doctest::Approx(1 - 0.75 * 0.75));
    CHECK(experts_touched_fraction(256, 8, 1000) == doctest::Approx(1.0).epsilon(1e-9));
    CHECK(experts_touched_fraction(0, 0, 5) == 1.0);
}

TEST_CASE("training inverses: GPUs for a deadline and tokens per day") {
    // 6 x 8e9 x 1e12 FLOPs in 10 days at 1e15 x 0.4 per GPU: 4.8e22 / (864000 x 4e14) = 138.9 -> 139 GPUs
    CHECK(gpus_for_deadline(4.8e22, 10 * kSecondsPerDay, 1e15, 0.4) == 139);
    CHECK(gpus_for_deadline(1, 1, 0, 0.4) == 0);
    CHECK(tokens_per_day(100, 1e15, 0.4, 4.8e10) == doctest::Approx(86400.0 * 100 * 4e14 / 4.8e10));
    CHECK(training_seconds(4.8e22, 139, 1e15, 0.4) <= 10 * kSecondsPerDay);
}
