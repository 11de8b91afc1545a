// Precision reference: ranges computed from the bit layout must equal the published values of each spec.
#include <doctest/doctest.h>

#include <limits>

#include "formats.hpp"
#include "precision_ref.hpp"
#include "zh_text.hpp"

using namespace llmcalc;

namespace {
const PrecisionInfo& get(const char* id) {
    const PrecisionInfo* p = find_precision(id);
    REQUIRE_MESSAGE(p, id);
    return *p;
}
}  // namespace

TEST_CASE("IEEE 754-2008 formats: binary64, binary32, binary16") {
    // IEEE 754-2008 Table 3.5: binary32 emax 127, binary16 emax 15; C's FLT_MAX / DBL_MAX are these maxima
    CHECK(get("fp64").max == std::numeric_limits<double>::max());
    CHECK(get("fp64").min_normal == std::numeric_limits<double>::min());
    CHECK(get("fp64").min_subnormal == std::numeric_limits<double>::denorm_min());
    CHECK(get("fp32").max == static_cast<double>(std::numeric_limits<float>::max()));
    CHECK(get("fp32").min_normal == static_cast<double>(std::numeric_limits<float>::min()));
    CHECK(get("fp32").min_subnormal == static_cast<double>(std::numeric_limits<float>::denorm_min()));
    CHECK(get("fp16").max == 65504.0);                   // binary16 max
    CHECK(get("fp16").min_normal == 6.103515625e-05);    // 2^-14
    CHECK(get("fp16").min_subnormal == 5.9604644775390625e-08);  // 2^-24
    CHECK(exponent_bias(get("fp16").layout) == 15);
    CHECK(exponent_bias(get("fp32").layout) == 127);
    CHECK(exponent_bias(get("fp64").layout) == 1023);
}

TEST_CASE("bfloat16 and TF32 keep FP32's exponent") {
    // bfloat16 max 3.38953139e38 = (2 - 2^-7) x 2^127 (Intel BF16 whitepaper 2018; Google bfloat16)
    CHECK(get("bf16").max == doctest::Approx(3.3895313892515355e38).epsilon(1e-15));
    CHECK(get("bf16").min_normal == get("fp32").min_normal);
    // TF32: 8-bit exponent like FP32 (NVIDIA A100 whitepaper): same range, 10-bit fraction
    CHECK(get("tf32").min_normal == get("fp32").min_normal);
    CHECK(get("tf32").max == doctest::Approx(get("fp32").max).epsilon(1e-3));
    CHECK(get("tf32").max == (2.0 - 1.0 / 1024) * 1.7014118346046923e38);  // (2 - 2^-10) x 2^127
    CHECK(get("tf32").layout.total_bits() == 19);
    CHECK(get("tf32").storage_bits == 32);
    CHECK(get("tf32").bytes == 4);
}

TEST_CASE("FP8 (Micikevicius et al. 2022, Table 1)") {
    const PrecisionInfo& e4m3 = get("fp8_e4m3");
    CHECK(e4m3.max == 448);                // S.1111.110 = 1.75 x 2^8
    CHECK(e4m3.min_normal == 0.015625);    // 2^-6
    CHECK(e4m3.min_subnormal == 0.001953125);  // 2^-9
    CHECK_FALSE(e4m3.has_inf);
    CHECK(e4m3.has_nan);
    const PrecisionInfo& e5m2 = get("fp8_e5m2");
    CHECK(e5m2.max == 57344);              // 1.75 x 2^15
    CHECK(e5m2.min_normal == 6.103515625e-05);  // 2^-14
    CHECK(e5m2.min_subnormal == 1.52587890625e-05);  // 2^-16
    CHECK(e5m2.has_inf);
    CHECK(e4m3.bytes == 1);
}

TEST_CASE("OCP MX element types and MXFP4") {
    // OCP Microscaling Formats (MX) v1.0: FP6 E3M2 max 28, min normal 0.25; E2M3 max 7.5, min normal 1;
    // FP4 E2M1 max 6, min normal 1, min subnormal 0.5; no Inf or NaN
    CHECK(get("fp6_e3m2").max == 28);
    CHECK(get("fp6_e3m2").min_normal == 0.25);
    CHECK(get("fp6_e3m2").min_subnormal == 0.0625);
    CHECK(get("fp6_e2m3").max == 7.5);
    CHECK(get("fp6_e2m3").min_normal == 1);
    CHECK(get("fp6_e2m3").min_subnormal == 0.125);
    CHECK(get("fp4_e2m1").max == 6);
    CHECK(get("fp4_e2m1").min_normal == 1);
    CHECK(get("fp4_e2m1").min_subnormal == 0.5);
    CHECK(get("fp4_e2m1").min == -6);
    for (const char* id : {"fp6_e3m2", "fp6_e2m3", "fp4_e2m1", "mxfp4"}) {
        CAPTURE(id);
        CHECK_FALSE(get(id).has_inf);
        CHECK_FALSE(get(id).has_nan);
    }
    // MXFP4: 32 elements + one 8-bit shared scale = 4 + 8/32 bits
    CHECK(get("mxfp4").bits_per_element == 4.25);
    CHECK(get("mxfp4").max == 6);
    CHECK(get("fp6_e3m2").bytes == 0.75);
}

TEST_CASE("NF4 (QLoRA) and integers") {
    const auto& lv = nf4_levels();
    REQUIRE(lv.size() == 16);  // 4 bits
    CHECK(lv.front() == -1.0);
    CHECK(lv.back() == 1.0);
    CHECK(lv[7] == 0.0);       // an exact zero
    for (size_t i = 1; i < lv.size(); ++i) CHECK(lv[i] > lv[i - 1]);
    CHECK(get("nf4").max == 1.0);
    CHECK(get("nf4").min == -1.0);
    CHECK(get("nf4").min_subnormal == doctest::Approx(0.0795803).epsilon(1e-6));
    CHECK(get("nf4").bits_per_element == 4.5);  // + fp32 absmax per 64 weights (QLoRA Sec. 3)
    CHECK(get("int8").max == 127);
    CHECK(get("int8").min == -128);
    CHECK(get("int4").max == 7);
    CHECK(get("int4").min == -8);
    CHECK(get("int16").max == 32767);
    CHECK(get("int4").bytes == 0.5);  // seed 002: INT4 0.5 bytes
}

TEST_CASE("seed 001's table: bits and bytes") {
    struct Row { const char* id; int bits, s, e, m; double bytes; };
    // seed 001 精度格式 table: FP32 32/4/1/8/23, FP16 16/2/1/5/10, BF16 16/2/1/8/7, INT8 8/1/1/-/7, INT4 4/0.5/1/-/3
    for (const Row& r : {Row{"fp32", 32, 1, 8, 23, 4}, Row{"fp16", 16, 1, 5, 10, 2}, Row{"bf16", 16, 1, 8, 7, 2},
                         Row{"int8", 8, 1, 0, 7, 1}, Row{"int4", 4, 1, 0, 3, 0.5}}) {
        CAPTURE(r.id);
        const PrecisionInfo& p = get(r.id);
        CHECK(p.layout.total_bits() == r.bits);
        CHECK(p.layout.sign_bits == r.s);
        CHECK(p.layout.exponent_bits == r.e);
        CHECK(p.layout.mantissa_bits == r.m);
        CHECK(p.bytes == r.bytes);
    }
}

TEST_CASE("every row is complete and agrees with the storage formats where both exist") {
    for (const auto& p : precision_reference()) {
        CAPTURE(p.id);
        CHECK(!p.name.empty());
        CHECK(!p.used_for.empty());
        CHECK(!p.source.empty());
        CHECK(p.max > 0);
        CHECK(p.min < 0);
        CHECK(p.bytes == p.bits_per_element / 8.0);
        CHECK(p.storage_bits >= p.layout.total_bits());
        if (p.layout.encoding != FloatEncoding::Lookup && p.layout.encoding != FloatEncoding::Integer) {
            CHECK(p.min_normal > 0);
            CHECK(p.min_subnormal < p.min_normal);
            CHECK(p.min == -p.max);
        }
        // the weight/KV formats table (formats.hpp) must describe the same bit layout
        if (const NumberFormat* f = find_format(p.id)) {
            if (f->exponent_bits > 0) {
                CHECK(f->sign_bits == p.layout.sign_bits);
                CHECK(f->exponent_bits == p.layout.exponent_bits);
                CHECK(f->mantissa_bits == p.layout.mantissa_bits);
            }
        }
    }
    CHECK(find_precision("nope") == nullptr);
}

TEST_CASE("every precision row reads in Chinese too (the page under 中文 shows used_for_zh / block_zh)") {
    for (const auto& p : precision_reference()) {
        CAPTURE(p.id);
        CHECK_FALSE(p.used_for_zh.empty());
        CHECK(p.block_zh.empty() == p.block.empty());
        CHECK(has_cjk(p.used_for_zh));
    }
}
