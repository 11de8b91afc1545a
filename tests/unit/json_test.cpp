// src/core/json: the writer and parser that replaced nlohmann/json in what ships (issue #5). nlohmann stays in the
// tests as an independent oracle: text we write must parse there to the same values, text both parse must give the
// same values, and where the two writers overlap (strings, layout, ordinary doubles) the text must be the same.
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog_json.hpp"
#include "json.hpp"
#include "layers.hpp"
#include "presets.hpp"
#include "report.hpp"
#include "test_rng.hpp"

using namespace llmcalc;
using njson = nlohmann::json;
using nlohmann::ordered_json;

namespace {

using test_util::Rng;

std::string dbl(double x) {
    std::string s;
    json::append_double(s, x);
    return s;
}

std::string escaped(std::string_view s) {
    std::string out;
    json::append_string(out, s);
    return out;
}

// Fewest significant digits of a decimal that reads back as x (the slow reference): for each length, printf's
// correctly rounded digits and their neighbours one unit in the last place either side (at a power of two the
// gaps to the two neighbouring doubles differ, and the rounded digits can miss where a neighbour reads back).
int fewest_digits(double x) {
    const double a = std::fabs(x);
    char buf[64];
    for (int p = 1; p <= 17; ++p) {
        std::snprintf(buf, sizeof buf, "%.*e", p - 1, a);
        long long digits = 0;
        const char* c = buf;
        for (; *c != 'e'; ++c)
            if (*c != '.') digits = digits * 10 + (*c - '0');
        const int exp10 = std::atoi(c + 1) - (p - 1);
        for (long long delta : {0, -1, 1}) {
            std::snprintf(buf, sizeof buf, "%llde%d", digits + delta, exp10);
            if (std::strtod(buf, nullptr) == a) return p;
        }
    }
    return 17;
}

// Significant digits in a number's text ("1.50e+3" -> 2: leading and trailing zeros do not count).
int significant_digits(const std::string& t) {
    std::string digits;
    for (char c : t) {
        if (c == 'e' || c == 'E') break;
        if (c >= '0' && c <= '9') digits += c;
    }
    const size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return 1;
    const size_t last = digits.find_last_not_of('0');
    return static_cast<int>(last - first + 1);
}

double from_bits(uint64_t b) {
    double x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

// Our Value equals nlohmann's: same types (nlohmann's unsigned beyond int64 is our double) and values.
bool same(const json::Value& a, const njson& b, std::string& where, const std::string& path = "") {
    auto bad = [&](const std::string& why) { where = path + ": " + why; return false; };
    switch (a.type()) {
        case json::Value::Type::Null: return b.is_null() ? true : bad("null vs " + b.dump());
        case json::Value::Type::Bool: return b.is_boolean() && b.get<bool>() == a.as_bool() ? true : bad("bool");
        case json::Value::Type::Int:
            return b.is_number_integer() && !(b.is_number_unsigned() && b.get<uint64_t>() > INT64_MAX) &&
                           b.get<int64_t>() == a.as_int()
                       ? true
                       : bad("int " + std::to_string(a.as_int()) + " vs " + b.dump());
        case json::Value::Type::Double:
            if (b.is_number_float()) return b.get<double>() == a.as_double() ? true : bad("double");
            return b.is_number_unsigned() && static_cast<double>(b.get<uint64_t>()) == a.as_double() ? true
                                                                                                   : bad("double vs " + b.dump());
        case json::Value::Type::String: return b.is_string() && b.get<std::string>() == a.as_string() ? true : bad("string");
        case json::Value::Type::Array:
            if (!b.is_array() || b.size() != a.size()) return bad("array size");
            for (size_t i = 0; i < a.size(); ++i)
                if (!same(a[i], b[i], where, path + "/" + std::to_string(i))) return false;
            return true;
        case json::Value::Type::Object: {
            if (!b.is_object()) return bad("not an object");
            for (auto it = b.begin(); it != b.end(); ++it) {
                const json::Value* v = a.find(it.key());
                if (!v) return bad("missing key " + it.key());
                if (!same(*v, it.value(), where, path + "/" + it.key())) return false;
            }
            // every key of ours is in nlohmann's (duplicates collapse there: compare distinct keys)
            for (size_t i = 0; i < a.size(); ++i)
                if (!b.contains(a.key(i))) return bad("extra key " + a.key(i));
            return true;
        }
    }
    return bad("type");
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::vector<std::string> config_texts() {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(std::string(LLMCALC_TEST_DATA) + "/configs"))
        if (e.path().extension() == ".json") out.push_back(read_file(e.path().string()));
    return out;
}

// Every JSON text the core writes: reports of every preset (inference; training with the layout search, which adds
// the layout section), compact and pretty, the catalogs, key table, inputs and a layer stack.
std::vector<std::string> core_outputs() {
    std::vector<std::string> out;
    for (const auto& p : presets()) {
        for (const char* extra : {"", "&task=training&layout_search=true&gpus=64"}) {
            Inputs in;
            REQUIRE(parse_hash("model=" + p.config.id + extra, in).empty());
            const Result r = compute(in);
            if (!r.ok()) { out.push_back(errors_json(r.errors)); continue; }
            out.push_back(report_json(r.report));
            out.push_back(report_json(r.report, true));
        }
    }
    for (auto f : {models_json, gpus_json, formats_json, optimizers_json, keys_json}) out.push_back(f());
    Inputs in;
    out.push_back(inputs_json(in, false));
    out.push_back(layer_stack_json(layer_stack("linear in=1000 out=500\nattention d=512 heads=8 seq=128\nbogus"), true));
    return out;
}

}  // namespace

TEST_CASE("json writer: the layout of nlohmann's dump() and dump(2), empty containers included") {
    ordered_json ref;
    ref["a"] = 1;
    ref["empty_obj"] = ordered_json::object();
    ref["empty_arr"] = ordered_json::array();
    ref["arr"] = {1, "two", true, nullptr, ordered_json::array({3}), ordered_json::object()};
    ref["obj"] = {{"x", {{"y", ordered_json::array()}}}, {"z", false}};
    for (bool pretty : {false, true}) {
        json::Writer w(pretty);
        w.begin_object().field("a", 1);
        w.key("empty_obj").begin_object().end_object();
        w.key("empty_arr").begin_array().end_array();
        w.key("arr").begin_array().value(1).value("two").value(true).null();
        w.begin_array().value(3).end_array().begin_object().end_object().end_array();
        w.key("obj").begin_object().key("x").begin_object().key("y").begin_array().end_array().end_object();
        w.field("z", false).end_object();
        w.end_object();
        CAPTURE(pretty);
        CHECK(w.str() == ref.dump(pretty ? 2 : -1));
    }
    // a top-level scalar and raw insertion
    CHECK(json::Writer().value(int64_t{-5}).str() == "-5");
    CHECK(json::Writer().begin_array().raw("{\"k\":1}").value(2).end_array().str() == "[{\"k\":1},2]");
}

TEST_CASE("json writer: integers exact; number() writes whole doubles below 2^53 as integers") {
    const int64_t two53 = int64_t{1} << 53;
    CHECK(json::Writer().value(two53 + 1).str() == "9007199254740993");  // int64 never goes through double
    CHECK(json::Writer().value(two53 - 1).str() == "9007199254740991");
    CHECK(json::Writer().value(std::numeric_limits<int64_t>::min()).str() == "-9223372036854775808");
    CHECK(json::Writer().value(std::numeric_limits<uint64_t>::max()).str() == "18446744073709551615");
    CHECK(json::Writer().number(static_cast<double>(two53 - 1)).str() == "9007199254740991");
    CHECK(json::Writer().number(-static_cast<double>(two53 - 1)).str() == "-9007199254740991");
    // 2^53 and above: a double may stand for several integers, so it stays a double (as report_json always did)
    CHECK(json::Writer().number(static_cast<double>(two53)).str() == "9.007199254740992e+15");
    CHECK(json::Writer().number(1e300).str() == "1e+300");
    CHECK(json::Writer().number(2.5).str() == "2.5");
    CHECK(json::Writer().number(3.0).str() == "3");
    CHECK(json::Writer().value(3.0).str() == "3.0");  // value(double) keeps it a float for readers
    CHECK(json::Writer().number(std::nan("")).str() == "null");
}

TEST_CASE("json writer: doubles with the fewest digits that read back exactly") {
    CHECK(dbl(0.1) == "0.1");
    CHECK(dbl(-0.1) == "-0.1");
    CHECK(dbl(1e300) == "1e+300");
    CHECK(dbl(5e-324) == "5e-324");        // smallest subnormal
    CHECK(dbl(DBL_MIN) == "2.2250738585072014e-308");
    CHECK(dbl(DBL_MAX) == "1.7976931348623157e+308");
    CHECK(dbl(0.1 + 0.2) == "0.30000000000000004");
    CHECK(dbl(1.0 / 3.0) == "0.3333333333333333");
    CHECK(dbl(2.0 / 3.0) == "0.6666666666666666");
    CHECK(dbl(9007199254740993.0) == "9.007199254740992e+15");  // 2^53 + 1 is not a double: it rounds to 2^53
    CHECK(dbl(0.0) == "0.0");
    CHECK(dbl(-0.0) == "-0.0");
    CHECK(dbl(std::numeric_limits<double>::infinity()) == "null");
    CHECK(dbl(-std::numeric_limits<double>::infinity()) == "null");
    CHECK(dbl(std::nan("")) == "null");
    // nlohmann's layout: plain up to 15 places before the point, 0.000ddd down to 1e-4, else an exponent
    const double layout[] = {1.5, 100.0, 123456.789, 1e14, 1e15, 1e16, 123456789012345.6, 1234567890123456.5, 9007199254740992.0,
                             1e-4, 1.25e-4, 1e-5, 0.001953125, 5.1470401536e+22, 2.5e-7, 1e21, 1e22, 1e-300, 0.45, 3e11};
    for (double x : layout) {
        CAPTURE(x);
        CHECK(dbl(x) == njson(x).dump());
    }
    // Random doubles over the whole range and near powers of two and ten (where the gaps to the neighbours are
    // uneven): each reads back exactly, with as few significant digits as the slow printf search finds, and
    // nlohmann reads the same double.
    Rng g{42};
    std::vector<double> xs;
    for (int i = 0; i < 20000; ++i) {
        const double x = from_bits(g.next());
        if (std::isfinite(x)) xs.push_back(x);
    }
    for (int i = 0; i < 3000; ++i) xs.push_back(static_cast<double>(g.next() >> g.below(64)) / 1024.0);
    for (int e = -1074; e <= 1023; ++e) {
        const double p = std::ldexp(1.0, e);
        xs.push_back(p);
        xs.push_back(std::nextafter(p, 0.0));
        xs.push_back(std::nextafter(p, 1e308));
    }
    for (int e = -323; e <= 308; ++e) {
        const double p = std::strtod(("1e" + std::to_string(e)).c_str(), nullptr);
        xs.push_back(p);
        xs.push_back(std::nextafter(p, 0.0));
        xs.push_back(std::nextafter(p, 1e308));
    }
    int failures = 0;
    for (double x : xs) {
        const std::string t = dbl(x);
        const bool back = std::strtod(t.c_str(), nullptr) == x;
        const bool shortest = significant_digits(t) == fewest_digits(x);
        const njson j = njson::parse(t, nullptr, false);
        const bool oracle = j.is_number_float() && j.get<double>() == x;
        if (!(back && shortest && oracle) && ++failures <= 5) {
            CAPTURE(t);
            CHECK(back);
            CHECK(shortest);
            CHECK(oracle);
        }
    }
    CHECK(failures == 0);
    CHECK(xs.size() > 25000);
}

TEST_CASE("json writer: strings escaped per RFC 8259, byte for byte as nlohmann writes them") {
    CHECK(escaped("plain") == "\"plain\"");
    CHECK(escaped("a\"b\\c/d") == "\"a\\\"b\\\\c/d\"");
    CHECK(escaped("\b\f\n\r\t") == "\"\\b\\f\\n\\r\\t\"");
    CHECK(escaped(std::string_view("\0\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001f\x7f\"");
    CHECK(escaped("数据 µs €") == "\"数据 µs €\"");  // valid UTF-8 is written as it is
    std::string all;
    for (int c = 0; c < 128; ++c) all += static_cast<char>(c);
    CHECK(escaped(all) == njson(all).dump());
}

TEST_CASE("json writer: invalid UTF-8 becomes U+FFFD, as nlohmann's error_handler_t::replace does") {
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(escaped("\xFF") == "\"" + fffd + "\"");
    CHECK(escaped("a\x80z") == "\"a" + fffd + "z\"");               // lone continuation byte
    CHECK(escaped("\xC0\x80") == "\"" + fffd + fffd + "\"");        // overlong NUL: each byte is invalid
    CHECK(escaped("\xED\xA0\x80") == "\"" + fffd + fffd + fffd + "\"");  // UTF-16 surrogate encoded in UTF-8
    CHECK(escaped("\xE2\x82") == "\"" + fffd + "\"");               // truncated at the end: one replacement
    CHECK(escaped("\xE2\x82z") == "\"" + fffd + "z\"");             // truncated, then the next byte is kept
    CHECK(escaped("\xF4\x90\x80\x80") == "\"" + fffd + fffd + fffd + fffd + "\"");  // above U+10FFFF
    CHECK(escaped("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");   // U+1F600 is fine
    // Random byte strings, biased to the bytes that start, continue or break multi-byte sequences: the same text
    // as nlohmann (which decodes with a complete UTF-8 automaton) and always valid JSON.
    const unsigned char alphabet[] = {'a', '"', '\\', 0x01, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                      0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
    Rng g{7};
    int mismatches = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const size_t len = g.below(10);
        for (size_t k = 0; k < len; ++k) s += static_cast<char>(alphabet[g.below(sizeof alphabet)]);
        const std::string ours = escaped(s);
        const std::string ref = njson(s).dump(-1, ' ', false, njson::error_handler_t::replace);
        const bool valid = json::parse(ours).ok();
        if ((ours != ref || !valid) && ++mismatches <= 5) {
            CAPTURE(s);
            CHECK(ours == ref);
            CHECK(valid);
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("json parser: values, exact integers, strings and escapes") {
    const auto r = json::parse(" \t\r\n{\"i\": 9007199254740993, \"neg\": -9223372036854775808, \"big\": 18446744073709551615,"
                               " \"f\": 2.5e-3, \"z\": -0, \"e\": 1E2, \"t\": true, \"n\": null, \"a\": [1, [], {}],"
                               " \"s\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4e2d\\ud83d\\ude00\\u0000\"} \n");
    REQUIRE(r.ok());
    const json::Value& v = r.value;
    REQUIRE(v.is_object());
    CHECK(v.size() == 10);
    CHECK(v.find("i")->is_int());
    CHECK(v.find("i")->as_int() == (int64_t{1} << 53) + 1);  // exact, not rounded through a double
    CHECK(v.find("neg")->as_int() == std::numeric_limits<int64_t>::min());
    CHECK(v.find("big")->is_double());  // beyond int64
    CHECK(v.find("big")->as_double() == 18446744073709551615.0);
    CHECK(v.find("f")->is_double());
    CHECK(v.find("f")->as_double() == 2.5e-3);
    CHECK(v.find("z")->is_int());
    CHECK(v.find("e")->is_double());
    CHECK(v.find("e")->as_double() == 100.0);
    CHECK(v.find("t")->as_bool());
    CHECK(v.find("n")->is_null());
    CHECK(v.find("a")->size() == 3);
    CHECK((*v.find("a"))[1].is_array());
    CHECK((*v.find("a"))[2].is_object());
    CHECK(v.find("s")->as_string() == std::string("\"\\/\b\f\n\r\t\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\0", 18));
    CHECK(v.find("missing") == nullptr);
    CHECK(v.find("i")->find("x") == nullptr);  // not an object
    // a leading byte order mark is skipped; duplicate keys: the last wins, both are kept in order
    const auto d = json::parse("\xEF\xBB\xBF{\"k\": 1, \"j\": 0, \"k\": 2}");
    REQUIRE(d.ok());
    CHECK(d.value.find("k")->as_int() == 2);
    CHECK(d.value.size() == 3);
    CHECK(d.value.key(0) == "k");
    CHECK(d.value[0].as_int() == 1);
    // the round trip of a value through our writer and parser
    CHECK(json::to_text(v) == json::to_text(json::parse(json::to_text(v, true)).value));
}

TEST_CASE("json parser: bad text is an error naming the problem, line, column and byte") {
    struct Case {
        const char* text;
        const char* problem;
        size_t offset;
    };
    const Case cases[] = {
        {"", "unexpected end of text", 0},
        {"   ", "unexpected end of text", 3},
        {"{} x", "unexpected text after the JSON value", 3},
        {"[1,]", "expected a value", 3},
        {"[1 2]", "expected ',' or ']'", 3},
        {"{,}", "expected a string key", 1},
        {"{\"a\" 1}", "expected ':'", 5},
        {"{\"a\":1,}", "expected a string key", 7},
        {"{'a':1}", "expected a string key", 1},
        {"[01]", "expected ',' or ']'", 2},
        {"[1.]", "digit after the decimal point", 3},
        {"[.5]", "expected a value", 1},
        {"[+1]", "expected a value", 1},
        {"[1e]", "digit in the exponent", 3},
        {"[-]", "expected a digit", 2},
        {"[NaN]", "expected a value", 1},
        {"[Infinity]", "expected a value", 1},
        {"[tru]", "invalid literal", 1},
        {"[1e400]", "out of the double range", 1},
        {"[\"abc", "missing closing quote", 5},
        {"[\"a\tb\"]", "control character", 3},
        {"[\"\\x\"]", "invalid escape", 3},
        {"[\"\\u12G4\"]", "four hex digits", 6},
        {"[\"\\ud83d\"]", "without a low surrogate", 2},
        {"[\"\\ud83dx\"]", "without a low surrogate", 2},
        {"[\"\\ud83d\\u0041\"]", "not followed by a low surrogate", 8},
        {"[\"\\ude00\"]", "lone low surrogate", 2},
        {"[\"\xC3\"]", "invalid UTF-8", 2},
        {"[\"\xED\xA0\x80\"]", "invalid UTF-8", 2},
        {"{\"a\":[1,2}", "expected ',' or ']'", 9},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const auto r = json::parse(c.text);
        CHECK_FALSE(r.ok());
        CHECK(r.value.is_null());
        CHECK(r.error.find(c.problem) != std::string::npos);
        CHECK(r.error_offset == c.offset);
        CHECK(r.error.find("(byte " + std::to_string(c.offset) + ")") != std::string::npos);
        // nlohmann agrees that it is not JSON
        CHECK(njson::parse(c.text, nullptr, false).is_discarded());
    }
    // A NUL byte ends nlohmann's input, so it accepts "{}\0junk"; RFC 8259 has no such rule: trailing text.
    const auto nul = json::parse(std::string_view("{}\0junk", 7));
    CHECK(nul.error_offset == 2);
    CHECK(nul.error.find("unexpected text after the JSON value") != std::string::npos);
    // line and column count from 1; the column is in bytes
    const auto r = json::parse("{\n  \"a\": 1,\n  \"b\": tru\n}");
    CHECK(r.error == "invalid literal (expected a value) at line 3, column 8 (byte 19)");
}

TEST_CASE("json parser: Python's Infinity, -Infinity and NaN only when python_constants is asked for") {
    // Python's json.dumps writes float('inf') / float('-inf') / float('nan') as these bare tokens (allow_nan=True,
    // docs.python.org/3/library/json.html); NVIDIA's Nemotron-H configs carry "time_step_limit": [0.0, Infinity].
    const std::string t = "{\"a\": [0.0, Infinity], \"b\": -Infinity, \"c\": NaN, \"d\": -1}";
    CHECK(!json::parse(t).ok());  // strict RFC 8259 by default, as nlohmann
    const auto r = json::parse(t, json::kDefaultMaxDepth, true);
    REQUIRE(r.ok());
    const json::Value& v = r.value;
    CHECK(v.find("a")->size() == 2);
    CHECK(std::isinf((*v.find("a"))[1].as_double()));
    CHECK((*v.find("a"))[1].as_double() > 0);
    CHECK(std::isinf(v.find("b")->as_double()));
    CHECK(v.find("b")->as_double() < 0);
    CHECK(std::isnan(v.find("c")->as_double()));
    CHECK(v.find("d")->as_int() == -1);  // a minus sign before digits is still a number
    for (const char* bad : {"[Inf]", "[-Inf]", "[nan]", "[Infinityx]", "[-NaN]", "[infinity]"}) {
        CAPTURE(bad);
        CHECK(!json::parse(bad, json::kDefaultMaxDepth, true).ok());
    }
}

TEST_CASE("json parser: nesting deeper than the limit is an error, never a deep recursion") {
    const std::string ok64 = std::string(64, '[') + std::string(64, ']');
    CHECK(json::parse(ok64).ok());
    const std::string deep65 = std::string(65, '[') + std::string(65, ']');
    const auto r = json::parse(deep65);
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("nested deeper than 64 levels") != std::string::npos);
    CHECK(r.error_offset == 64);
    CHECK(json::parse(deep65, 65).ok());
    CHECK_FALSE(json::parse("{\"a\":{\"b\":[]}}", 2).ok());
    CHECK(json::parse("{\"a\":{\"b\":[]}}", 3).ok());
    CHECK_FALSE(json::parse(std::string(1000000, '[')).ok());
    std::string objects;
    for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
    CHECK_FALSE(json::parse(objects).ok());
}

// Parses `t` with our parser and with nlohmann: both must accept it and read the same values. Returns ours.
static json::Value parse_both(const std::string& t) {
    auto ours = json::parse(t);
    const njson ref = njson::parse(t, nullptr, false);
    REQUIRE(ours.ok());
    REQUIRE(!ref.is_discarded());
    std::string where;
    CHECK_MESSAGE(same(ours.value, ref, where), where);
    return std::move(ours.value);
}

TEST_CASE("json parser agrees with nlohmann on every config.json in tests/data/configs") {
    const auto texts = config_texts();
    CHECK(texts.size() >= 17);
    for (const auto& t : texts) parse_both(t);
}

TEST_CASE("json: what the core writes parses with nlohmann to the same values, and rewrites to the same text") {
    const auto outputs = core_outputs();
    CHECK(outputs.size() > 2 * presets().size());
    for (const auto& t : outputs) {
        const json::Value ours = parse_both(t);
        // our text is canonical: parse + write gives it back byte for byte (compact or pretty)
        const bool pretty = t.find('\n') != std::string::npos;
        CHECK(json::to_text(ours, pretty) == t);
    }
}

TEST_CASE("json parser: mutated config files are accepted or refused exactly as nlohmann does") {
    const auto texts = config_texts();
    REQUIRE(!texts.empty());
    const char inserts[] = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '.', ' ', '\n', '\x01', '\xC3', '\xFF', 'u', 't'};
    Rng g{2024};
    int disagreements = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string t = texts[g.below(texts.size())];
        for (size_t n = 1 + g.below(3); n > 0; --n) {
            const size_t at = g.below(t.size() + 1);
            switch (g.below(3)) {
                case 0: t.insert(at, 1, inserts[g.below(sizeof inserts)]); break;
                case 1: if (at < t.size()) t.erase(at, 1); break;
                default: if (at < t.size()) t[at] = inserts[g.below(sizeof inserts)]; break;
            }
        }
        const auto ours = json::parse(t);
        const njson ref = njson::parse(t, nullptr, false);
        std::string where;
        const bool agree = ours.ok() == !ref.is_discarded() && (!ours.ok() || same(ours.value, ref, where));
        if (!agree && ++disagreements <= 3) {
            CAPTURE(t);
            CAPTURE(ours.error);
            CAPTURE(where);
            CHECK(agree);
        }
    }
    CHECK(disagreements == 0);
}
