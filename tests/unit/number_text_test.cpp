// parse_number_text: the one number reader behind set_input (page, URL hash, CLI, JS API), and
// format_plain_number, the positional writer the URL and the fields use. Expected values are the exact numbers the
// text names (SI prefixes: BIPM SI Brochure, 9th ed., table 7; binary prefixes: IEC 80000-13).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "inputs.hpp"

using namespace llmcalc;

namespace {
double value_of(const char* text) {
    const NumberText n = parse_number_text(text);
    INFO(text, " -> ", n.error);
    REQUIRE(n.error.empty());
    return n.value;
}
bool rejected(const char* text) { return !parse_number_text(text).error.empty(); }
}  // namespace

TEST_CASE("the forms people write: suffixes, separators, scientific notation, percent") {
    CHECK(value_of("4096") == 4096);
    CHECK(value_of("1T") == 1e12);
    CHECK(value_of("500B") == 500e9);
    CHECK(value_of("500b") == 500e9);
    CHECK(value_of("2G") == 2e9);
    CHECK(value_of("32k") == 32000);
    CHECK(value_of("32K") == 32000);
    CHECK(value_of("1.5M") == 1500000);
    CHECK(value_of("1.5 M") == 1500000);
    CHECK(value_of("3P") == 3e15);
    CHECK(value_of("32Ki") == 32768);
    CHECK(value_of("1Mi") == 1048576);
    CHECK(value_of("1万") == 10000);
    CHECK(value_of("3亿") == 3e8);
    CHECK(value_of("1,000,000") == 1e6);
    CHECK(value_of("1 000 000") == 1e6);
    CHECK(value_of("1\xC2\xA0" "000") == 1000);      // no-break space
    CHECK(value_of("1\xE2\x80\xAF" "000") == 1000);  // narrow no-break space
    CHECK(value_of("1_000_000") == 1e6);
    CHECK(value_of("1,000,000,000,000") == 1e12);
    CHECK(value_of("1,234.5") == 1234.5);
    CHECK(value_of("3e11") == 3e11);
    CHECK(value_of("2.5E-7") == 2.5e-7);
    CHECK(value_of("1e+12") == 1e12);
    CHECK(value_of("  42  ") == 42);
    CHECK(value_of(".5") == 0.5);
    CHECK(value_of("-5") == -5);
    CHECK(value_of("0.1") == 0.1);  // read by strtod: correctly rounded, the same double as the literal
    const NumberText pct = parse_number_text("40%");
    CHECK(pct.error.empty());
    CHECK(pct.percent);
    CHECK(pct.value == 40);
}

TEST_CASE("anything else is a named error, never NaN, Inf or a silent part") {
    for (const char* bad : {"", "   ", "-", "+", ".", "abc", "nan", "inf", "-inf", "0x10", "5T5", "5TT", "1e", "1e+",
                            "1,00", "1,0000", "1000,000", "1,000 000", "1,,000", ",100", "1.2.3", "5 k k", "40%%",
                            "1e99999", "1e400", "1e-400", "5m5", "1Pi", "10 %  x", "١٢"}) {
        CAPTURE(bad);
        const NumberText n = parse_number_text(bad);
        CHECK(!n.error.empty());
        CHECK(n.value == 0);
    }
    CHECK(parse_number_text("1,00").error.find("groups of three") != std::string::npos);
    CHECK(parse_number_text("5x").error.find("unknown 'x'") != std::string::npos);
    CHECK(rejected(std::string(65, '1').c_str()));
}

TEST_CASE("set_input uses the parser for every number key, on every surface") {
    Inputs in;
    CHECK(!set_input(in, "tokens", "1T"));
    CHECK(in.tokens == 1e12);
    CHECK(!set_input(in, "tokens", "1,000,000,000,000"));
    CHECK(in.tokens == 1e12);
    CHECK(!set_input(in, "seq", "32k"));
    CHECK(in.seq == 32000);
    CHECK(!set_input(in, "seq", "128Ki"));
    CHECK(in.seq == 131072);
    CHECK(!set_input(in, "batch", "1e3"));
    CHECK(in.batch == 1000);
    // a fraction key takes "40%" as 0.4; a percent key (*_pct) takes it as 40; other keys refuse '%'
    CHECK(!set_input(in, "mfu", "40%"));
    CHECK(in.mfu == 0.4);
    CHECK(!set_input(in, "overhead_pct", "10%"));
    CHECK(in.overhead_pct == 10);
    auto err = set_input(in, "tokens", "40%");
    REQUIRE(err);
    CHECK(err->key == "tokens");
    // whole-number keys: a fraction, a percent or junk is named, and nothing is applied
    for (const char* bad : {"1.5", "1.2345k", "50%", "5T5", "4,09"}) {
        CAPTURE(bad);
        err = set_input(in, "seq", bad);
        REQUIRE(err);
        CHECK(err->key == "seq");
        CHECK(err->message.find("whole number") != std::string::npos);
        CHECK(in.seq == 131072);
    }
    // the URL hash and the CLI go through the same reader
    Inputs h;
    CHECK(parse_hash("tokens=1.5T&seq=8%2C192&mfu=45%25", h).empty());
    CHECK(h.tokens == 1.5e12);
    CHECK(h.seq == 8192);
    CHECK(h.mfu == 0.45);
    Inputs c;
    CHECK(parse_args({"--tokens", "300B", "--gpus=1_024"}, c, nullptr).empty());
    CHECK(c.tokens == 300e9);
    CHECK(c.gpus == 1024);
}

TEST_CASE("values are written without scientific notation and read back exactly") {
    CHECK(format_plain_number(1e12) == "1000000000000");
    CHECK(format_plain_number(0.4) == "0.4");
    CHECK(format_plain_number(1e-6) == "0.000001");
    CHECK(format_plain_number(123.5) == "123.5");
    CHECK(format_plain_number(-2.5e-3) == "-0.0025");
    CHECK(format_plain_number(0) == "0");
    CHECK(format_plain_number(450) == "450");
    CHECK(format_plain_number(1e18) == "1000000000000000000");
    Inputs in;
    in.tokens = 1e12;  // tokens=auto (the default) has no text; a set count is written out (issue #11)
    CHECK(get_input(in, "tokens") == "1000000000000");
    CHECK(get_input(in, "nvlink_gbs") == "450");
    for (double x : {0.1, 1.0 / 3, 2.0 / 3 * 1e-5, 6.02214076e23, 1e15 + 1, 0.45, 123456.789}) {
        CAPTURE(x);
        const std::string t = format_plain_number(x);
        CHECK(t.find('e') == std::string::npos);
        CHECK(value_of(t.c_str()) == x);
    }
    // whole numbers (the fast path below 2^53, and the general one above it) are their exact integer digits, as
    // printf's "%.0f" writes them, and read back
    for (double x : {1.0, -7.0, 4096.0, 131072.0, 1e15 + 1, 9007199254740991.0, 9007199254740992.0, -123456789012.0,
                     70e9, 1.5e12, 2e20}) {
        CAPTURE(x);
        char exact[64];
        std::snprintf(exact, sizeof exact, "%.0f", x);
        CHECK(format_plain_number(x) == exact);
        CHECK(value_of(format_plain_number(x).c_str()) == x);
    }
    // magnitudes no one types keep their exponent, so the text stays within the parser's length bound and reads back
    for (double x : {1e-300, 1.7976931348623157e308, -2.5e-200}) {
        CAPTURE(x);
        const std::string t = format_plain_number(x);
        CHECK(t.size() <= kMaxPlainNumberChars);
        const NumberText n = parse_number_text(t);
        CHECK(n.error.empty());
        CHECK(n.value == x);
    }
}
