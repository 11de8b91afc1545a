#include "json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "limits.hpp"

namespace llmcalc::json {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER in UTF-8

// Length of the well-formed UTF-8 sequence starting at s[i] (Unicode 15 Table 3-7: the allowed second-byte range
// depends on the lead byte, which excludes overlong forms, surrogates and code points above U+10FFFF). 0 when the
// sequence is ill-formed; `valid_prefix` then says how many bytes (at least 1) form its longest valid beginning,
// which is replaced by one U+FFFD (the "maximal subpart" practice of Unicode Sec. 3.9, as nlohmann's replace does).
size_t utf8_sequence(std::string_view s, size_t i, size_t& valid_prefix) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) len = 2;
    else if (b == 0xE0) { len = 3; lo = 0xA0; }
    else if (b == 0xED) { len = 3; hi = 0x9F; }
    else if (b >= 0xE1 && b <= 0xEF) len = 3;
    else if (b == 0xF0) { len = 4; lo = 0x90; }
    else if (b == 0xF4) { len = 4; hi = 0x8F; }
    else if (b >= 0xF1 && b <= 0xF3) len = 4;
    else { valid_prefix = 1; return 0; }
    for (size_t k = 1; k < len; ++k) {
        if (i + k >= s.size()) { valid_prefix = k; return 0; }
        const auto c = static_cast<unsigned char>(s[i + k]);
        if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) { valid_prefix = k; return 0; }
    }
    return len;
}

}  // namespace

void append_string(std::string& out, std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    size_t i = 0;
    while (i < s.size()) {
        // Copy the longest run that needs no escaping in one go (most text is plain ASCII).
        size_t j = i;
        while (j < s.size()) {
            const auto c = static_cast<unsigned char>(s[j]);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            ++j;
        }
        out.append(s.data() + i, j - i);
        i = j;
        if (i == s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            size_t prefix = 0;
            const size_t len = utf8_sequence(s, i, prefix);
            if (len) { out.append(s.data() + i, len); i += len; }
            else { out += kReplacement; i += prefix; }
            continue;
        }
        out += '\\';
        switch (c) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '\b': out += 'b'; break;
            case '\f': out += 'f'; break;
            case '\n': out += 'n'; break;
            case '\r': out += 'r'; break;
            case '\t': out += 't'; break;
            default: out += "u00"; out += kHex[c >> 4]; out += kHex[c & 15]; break;
        }
        ++i;
    }
    out += '"';
}

void append_int(std::string& out, int64_t x) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    out.append(buf, r.ptr);
}

void append_uint(std::string& out, uint64_t x) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    out.append(buf, r.ptr);
}

namespace {

// Decimal significand digits and exponent of a finite non-zero |x|: x ~ 0.d1d2...dk x 10^(exp10 + 1).
struct Decimal {
    char digits[24];
    int count = 0;
    int exp10 = 0;  // exponent of the first digit
};

// |x| correctly rounded to `n` significant digits, from printf ("%.*e" rounds correctly in glibc and musl).
Decimal printf_digits(double x, int n) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*e", n - 1, std::fabs(x));
    Decimal d;
    const char* p = buf;
    for (; *p != 'e'; ++p)
        if (*p != '.') d.digits[d.count++] = *p;
    d.exp10 = std::atoi(p + 1);
    return d;
}

// True when the decimal reads back (strtod, correctly rounded) as |x|.
bool reads_back(const Decimal& d, double x) {
    char buf[48];  // "ddd...de-NNN": the digits as an integer, then the power of ten
    std::memcpy(buf, d.digits, static_cast<size_t>(d.count));
    char* p = buf + d.count;
    *p++ = 'e';
    p = std::to_chars(p, buf + sizeof buf - 1, d.exp10 - (d.count - 1)).ptr;
    *p = '\0';
    return std::strtod(buf, nullptr) == std::fabs(x);
}

#ifdef __SIZEOF_INT128__
using u128 = unsigned __int128;

// The shortest digits of a positive finite x that read back as x, by the free-format method of Steele & White
// ("How to Print Floating-Point Numbers Accurately", PLDI 1990) in the formulation of Burger & Dybvig ("Printing
// Floating-Point Numbers Quickly and Accurately", PLDI 1996, Sec. 2): x = r/s x 10^k, and m+/s, m-/s are half
// the gaps to the neighbouring doubles; digits are generated until the number written so far lies within them.
// Exact integer arithmetic in 128 bits covers 2^-116 <= x < 2^113 (1.2e-35 to 1.0e34: seconds, rates and FLOP
// counts alike); returns false
// outside that range (or for subnormals), where the printf path below takes over.
bool shortest_digits(double x, Decimal& out) {
    uint64_t bits = 0;
    std::memcpy(&bits, &x, sizeof bits);
    const int biased = static_cast<int>((bits >> 52) & 0x7FF);
    if (biased == 0) return false;
    const uint64_t f = (bits & ((uint64_t{1} << 52) - 1)) | (uint64_t{1} << 52);
    const int e = biased - 1075;  // x = f x 2^e
    if (e > 60 || e < -116) return false;
    // With round-half-even reading (strtod), a decimal exactly half-way to a neighbour reads as x when f is even.
    const bool even = (f & 1) == 0;
    // At a power of two the next lower double is half as far as the next higher one.
    const bool boundary = f == (uint64_t{1} << 52) && biased > 1;
    u128 r, s, mp, mm;
    if (e >= 0) {
        const u128 be = u128{1} << e;
        if (!boundary) { r = u128{f} * be * 2; s = 2; mp = mm = be; }
        else { r = u128{f} * be * 4; s = 4; mp = be * 2; mm = be; }
    } else {
        if (!boundary) { r = u128{f} * 2; s = u128{1} << (1 - e); mp = mm = 1; }
        else { r = u128{f} * 4; s = u128{1} << (2 - e); mp = 2; mm = 1; }
    }
    // k = ceil(log10 x), estimated in floating point (never too high: the margin exceeds log10's error), then
    // corrected upwards once so that the upper end of x's interval stays below 10^k.
    int k = static_cast<int>(std::ceil(std::log10(x) - 1e-10));
    u128 p = 1;
    for (int i = 0; i < (k < 0 ? -k : k); ++i) p *= 10;
    if (k >= 0) s *= p;
    else { r *= p; mp *= p; mm *= p; }
    if (even ? r + mp >= s : r + mp > s) { s *= 10; ++k; }
    if (s >> 121) return false;  // keeps 30 s (the largest sum below) within 128 bits
    out.count = 0;
    for (;;) {
        r *= 10; mp *= 10; mm *= 10;
        int d = 0;
        while (r >= s) { r -= s; ++d; }  // d <= 9 since r < s before the multiplication
        const bool low = even ? r <= mm : r < mm;         // digits so far (d) already read back as x
        const bool high = even ? r + mp >= s : r + mp > s;  // d + 1 would read back as x
        if (!low && !high) { out.digits[out.count++] = static_cast<char>('0' + d); continue; }
        if (high && (!low || 2 * r >= s)) ++d;  // both possible: the nearer one
        out.digits[out.count++] = static_cast<char>('0' + d);
        break;
    }
    out.exp10 = k - 1;
    return out.digits[0] != '0';  // never expected; the printf path would then answer
}
#else
bool shortest_digits(double, Decimal&) { return false; }
#endif

}  // namespace

void append_double(std::string& out, double x) {
    if (!std::isfinite(x)) { out += "null"; return; }
    if (x == 0) { out += std::signbit(x) ? "-0.0" : "0.0"; return; }
    // Shortest digits that read back as x: exactly, in 128-bit integers, for the usual range (~0.1 µs natively;
    // printf + strtod per candidate length cost ~0.7 µs per double).
    Decimal d;
    if (!shortest_digits(std::fabs(x), d)) {
        // Outside that range (subnormals, |x| < 2^-116 or >= 2^113; rare here): for 1..17 digits, printf's
        // correctly rounded form, or the one a unit above it (at a power of two the gap below x is half the gap
        // above, so the rounded form may miss when it lies below x while the next one up reads back). 17 digits
        // always read back (IEEE 754-2008 Sec. 5.12.2).
        for (int n = 1; n <= 17; ++n) {
            d = printf_digits(x, n);
            if (n == 17 || reads_back(d, x)) break;
            Decimal up = d;
            int i = n - 1;
            while (i >= 0 && up.digits[i] == '9') up.digits[i--] = '0';
            if (i >= 0) ++up.digits[i];
            else { up.digits[0] = '1'; ++up.exp10; }
            if (reads_back(up, x)) { d = up; break; }
        }
    }
    int k = d.count;
    while (k > 1 && d.digits[k - 1] == '0') --k;
    const char* sig = d.digits;
    const int n = d.exp10 + 1;  // digits before the decimal point
    if (x < 0) out += '-';
    // Layout of nlohmann's dump (so the text matches what the project wrote before): plain digits when the point
    // falls within 15 places, "0.000ddd" down to 1e-4, an exponent otherwise.
    constexpr int kMaxPlain = 15, kMinPlain = -4;
    if (k <= n && n <= kMaxPlain) {
        out.append(sig, static_cast<size_t>(k));
        out.append(static_cast<size_t>(n - k), '0');
        out += ".0";
    } else if (0 < n && n <= kMaxPlain) {
        out.append(sig, static_cast<size_t>(n));
        out += '.';
        out.append(sig + n, static_cast<size_t>(k - n));
    } else if (kMinPlain < n && n <= 0) {
        out += "0.";
        out.append(static_cast<size_t>(-n), '0');
        out.append(sig, static_cast<size_t>(k));
    } else {
        out += sig[0];
        if (k > 1) { out += '.'; out.append(sig + 1, static_cast<size_t>(k - 1)); }
        const int ex = n - 1;  // "e+16", "e-05", "e+300": a sign and at least two digits, like printf
        out += ex < 0 ? "e-" : "e+";
        if (ex > -10 && ex < 10) out += '0';
        append_int(out, ex < 0 ? -ex : ex);
    }
}

// ---- Writer -----------------------------------------------------------------------------------------------------

void Writer::newline_indent() {
    out_ += '\n';
    out_.append(static_cast<size_t>(2 * depth_), ' ');
}

void Writer::before_value() {
    if (after_key_) { after_key_ = false; return; }
    if (depth_ > 0) {
        if (!first_) out_ += ',';
        if (pretty_) newline_indent();
    }
    first_ = false;
}

Writer& Writer::open(char c) {
    before_value();
    out_ += c;
    ++depth_;
    first_ = true;
    return *this;
}

Writer& Writer::close(char c) {
    --depth_;
    if (!first_ && pretty_) newline_indent();  // an empty container stays "{}" / "[]"
    out_ += c;
    first_ = false;  // the parent now holds at least this value
    return *this;
}

Writer& Writer::key(std::string_view k) {
    before_value();
    append_string(out_, k);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
    return *this;
}

Writer& Writer::null() {
    before_value();
    out_ += "null";
    return *this;
}

Writer& Writer::value(bool b) {
    before_value();
    out_ += b ? "true" : "false";
    return *this;
}

Writer& Writer::value(double x) {
    before_value();
    append_double(out_, x);
    return *this;
}

Writer& Writer::number(double x) {
    constexpr double kTwo53 = 9007199254740992.0;  // doubles below 2^53 in magnitude hold integers exactly
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < kTwo53) return value(static_cast<int64_t>(x));
    return value(x);
}

Writer& Writer::value(std::string_view s) {
    before_value();
    append_string(out_, s);
    return *this;
}

Writer& Writer::raw(std::string_view json_text) {
    before_value();
    out_ += json_text;
    return *this;
}

// ---- Value ------------------------------------------------------------------------------------------------------

double Value::as_double() const {
    if (type_ == Type::Int) return static_cast<double>(int_);
    return type_ == Type::Double ? double_ : 0.0;
}

const std::string& Value::as_string() const {
    static const std::string kEmpty;
    return type_ == Type::String ? string_ : kEmpty;
}

const Value* Value::find(std::string_view key) const {
    // From the back: the last of repeated keys wins, as in nlohmann/json (and JavaScript's JSON.parse).
    for (size_t i = keys_.size(); i-- > 0;)
        if (keys_[i] == key) return &items_[i];
    return nullptr;
}

void Value::add(std::string key, Value v) {
    keys_.push_back(std::move(key));
    items_.push_back(std::move(v));
}

void write(Writer& w, const Value& v) {
    switch (v.type()) {
        case Value::Type::Null: w.null(); break;
        case Value::Type::Bool: w.value(v.as_bool()); break;
        case Value::Type::Int: w.value(v.as_int()); break;
        case Value::Type::Double: w.value(v.as_double()); break;
        case Value::Type::String: w.value(v.as_string()); break;
        case Value::Type::Array:
            w.begin_array();
            for (const Value& e : v.items()) write(w, e);
            w.end_array();
            break;
        case Value::Type::Object:
            w.begin_object();
            for (size_t i = 0; i < v.size(); ++i) {
                w.key(v.key(i));
                write(w, v[i]);
            }
            w.end_object();
            break;
    }
}

std::string to_text(const Value& v, bool pretty) {
    Writer w(pretty);
    write(w, v);
    return w.take();
}

// ---- parser -----------------------------------------------------------------------------------------------------

namespace {

class Parser {
public:
    Parser(std::string_view text, int max_depth, bool python_constants)
        : s_(text), max_depth_(max_depth), python_constants_(python_constants),
          budget_(limits::kJsonMemoryFloor + limits::kJsonMemoryPerByte * text.size()) {}

    ParseResult run() {
        ParseResult r;
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a byte order mark some editors write
        skip_ws();
        if (parse_value(r.value, 0)) {
            skip_ws();
            if (pos_ < s_.size()) fail("unexpected text after the JSON value");
        }
        if (!error_.empty()) {
            r.value = Value();
            r.error_offset = pos_;
            size_t line = 1, col = 1;
            for (size_t i = 0; i < pos_ && i < s_.size(); ++i) {
                if (s_[i] == '\n') { ++line; col = 1; }
                else ++col;
            }
            r.error = error_ + " at line " + std::to_string(line) + ", column " + std::to_string(col) + " (byte " +
                      std::to_string(pos_) + ")";
        }
        return r;
    }

private:
    bool fail(std::string what) {
        if (error_.empty()) error_ = std::move(what);
        return false;
    }
    bool at_end() const { return pos_ >= s_.size(); }
    char peek() const { return at_end() ? '\0' : s_[pos_]; }

    void skip_ws() {
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            ++pos_;
        }
    }

    bool literal(const char* word) {
        const size_t n = std::strlen(word);
        if (s_.substr(pos_, n) != word) return fail("invalid literal (expected a value)");
        pos_ += n;
        return true;
    }

    // Memory of the tree so far, charged per value (and per string byte); past the budget the text is refused by
    // name (limits.hpp). Without it a 10 MB array of 0s grew to ~1 GB (issue #14).
    bool charge(size_t bytes) {
        if (bytes <= budget_) { budget_ -= bytes; return true; }
        budget_ = 0;
        return fail(std::string(kTooDense) + " (more than " + std::to_string(limits::kJsonMemoryPerByte) +
                    " bytes of values per byte of text)");
    }

    bool parse_value(Value& out, int depth) {
        if (at_end()) return fail("unexpected end of text (expected a value)");
        if (!charge(sizeof(Value))) return false;
        switch (s_[pos_]) {
            case '{': return parse_object(out, depth + 1);
            case '[': return parse_array(out, depth + 1);
            case '"': {
                std::string str;
                if (!parse_string(str) || !charge(str.size())) return false;
                out = Value::string(std::move(str));
                return true;
            }
            case 't': if (!literal("true")) return false; out = Value::boolean(true); return true;
            case 'f': if (!literal("false")) return false; out = Value::boolean(false); return true;
            case 'n': if (!literal("null")) return false; out = Value(); return true;
            default:
                if (python_constants_ && python_constant(out)) return true;
                if (s_[pos_] == '-' || (s_[pos_] >= '0' && s_[pos_] <= '9')) return parse_number(out);
                return fail("unexpected character (expected a value)");
        }
    }

    // Python json's non-finite floats (see json.hpp): Infinity, -Infinity, NaN as double values.
    bool python_constant(Value& out) {
        static const struct { const char* word; double value; } kConstants[] = {
            {"Infinity", HUGE_VAL}, {"-Infinity", -HUGE_VAL}, {"NaN", std::nan("")}};
        for (const auto& c : kConstants) {
            const size_t n = std::strlen(c.word);
            if (s_.substr(pos_, n) == c.word) {
                pos_ += n;
                out = Value::number(c.value);
                return true;
            }
        }
        return false;
    }

    bool enter(int depth) {
        if (depth > max_depth_) return fail("nested deeper than " + std::to_string(max_depth_) + " levels");
        return true;
    }

    bool parse_array(Value& out, int depth) {
        if (!enter(depth)) return false;
        out = Value::array();
        ++pos_;  // '['
        skip_ws();
        if (peek() == ']') { ++pos_; return true; }
        for (;;) {
            Value e;
            skip_ws();
            if (!parse_value(e, depth)) return false;
            out.push_back(std::move(e));
            skip_ws();
            if (peek() == ',') { ++pos_; continue; }
            if (peek() == ']') { ++pos_; return true; }
            return fail(at_end() ? "unexpected end of text in an array" : "expected ',' or ']' in an array");
        }
    }

    bool parse_object(Value& out, int depth) {
        if (!enter(depth)) return false;
        out = Value::object();
        ++pos_;  // '{'
        skip_ws();
        if (peek() == '}') { ++pos_; return true; }
        for (;;) {
            skip_ws();
            if (peek() != '"') return fail(at_end() ? "unexpected end of text in an object" : "expected a string key in an object");
            std::string key;
            if (!parse_string(key) || !charge(sizeof(std::string) + key.size())) return false;
            skip_ws();
            if (peek() != ':') return fail("expected ':' after an object key");
            ++pos_;
            skip_ws();
            Value v;
            if (!parse_value(v, depth)) return false;
            out.add(std::move(key), std::move(v));
            skip_ws();
            if (peek() == ',') { ++pos_; continue; }
            if (peek() == '}') { ++pos_; return true; }
            return fail(at_end() ? "unexpected end of text in an object" : "expected ',' or '}' in an object");
        }
    }

    // Four hex digits after "\u" at pos_; advances past them.
    bool hex4(uint32_t& cp) {
        if (pos_ + 4 > s_.size()) { pos_ = s_.size(); return fail("unexpected end of text in a \\u escape"); }
        cp = 0;
        for (int i = 0; i < 4; ++i, ++pos_) {
            const char c = s_[pos_];
            cp <<= 4;
            if (c >= '0' && c <= '9') cp |= static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') cp |= static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') cp |= static_cast<uint32_t>(c - 'A' + 10);
            else return fail("\\u must be followed by four hex digits");
        }
        return true;
    }

    static void put_utf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool parse_string(std::string& out) {
        ++pos_;  // opening quote
        for (;;) {
            // plain bytes up to the next quote, backslash, control character or non-ASCII byte
            const size_t start = pos_;
            while (pos_ < s_.size()) {
                const auto c = static_cast<unsigned char>(s_[pos_]);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
                ++pos_;
            }
            out.append(s_.data() + start, pos_ - start);
            if (at_end()) return fail("unexpected end of text in a string (missing closing quote)");
            const auto c = static_cast<unsigned char>(s_[pos_]);
            if (c == '"') { ++pos_; return true; }
            if (c < 0x20) return fail("control character in a string (write it as an escape such as \\n)");
            if (c >= 0x80) {
                size_t prefix = 0;
                const size_t len = utf8_sequence(s_, pos_, prefix);
                if (!len) return fail("invalid UTF-8 in a string");  // at the sequence's first byte
                out.append(s_.data() + pos_, len);
                pos_ += len;
                continue;
            }
            // backslash escape (RFC 8259 Sec. 7)
            ++pos_;
            if (at_end()) return fail("unexpected end of text in a string escape");
            switch (s_[pos_++]) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    uint32_t cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) { pos_ -= 6; return fail("lone low surrogate \\u escape"); }
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        // a high surrogate must be followed by "\u" and a low surrogate: one code point above U+FFFF
                        if (s_.substr(pos_, 2) != "\\u") { pos_ -= 6; return fail("high surrogate \\u escape without a low surrogate after it"); }
                        pos_ += 2;
                        uint32_t lo = 0;
                        if (!hex4(lo)) return false;
                        if (lo < 0xDC00 || lo > 0xDFFF) { pos_ -= 6; return fail("high surrogate \\u escape not followed by a low surrogate"); }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default: --pos_; return fail("invalid escape in a string");
            }
        }
    }

    static bool digit(char c) { return c >= '0' && c <= '9'; }

    // RFC 8259 Sec. 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    bool parse_number(Value& out) {
        const size_t start = pos_;
        bool integral = true;
        if (peek() == '-') ++pos_;
        if (peek() == '0') {
            ++pos_;
        } else if (digit(peek())) {
            while (digit(peek())) ++pos_;
        } else {
            return fail("expected a digit in a number");
        }
        if (peek() == '.') {
            integral = false;
            ++pos_;
            if (!digit(peek())) return fail("expected a digit after the decimal point");
            while (digit(peek())) ++pos_;
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!digit(peek())) return fail("expected a digit in the exponent");
            while (digit(peek())) ++pos_;
        }
        const std::string_view text = s_.substr(start, pos_ - start);
        if (integral) {
            int64_t i = 0;
            const auto r = std::from_chars(text.data(), text.data() + text.size(), i);
            if (r.ec == std::errc() && r.ptr == text.data() + text.size()) {
                out = Value::integer(i);
                return true;
            }
            // beyond int64: a double, like any other number (nlohmann keeps up to 2^64-1 as unsigned)
        }
        const std::string copy(text);  // strtod needs a terminated string
        const double d = std::strtod(copy.c_str(), nullptr);
        if (!std::isfinite(d)) { pos_ = start; return fail("number out of the double range"); }
        out = Value::number(d);
        return true;
    }

    std::string_view s_;
    size_t pos_ = 0;
    int max_depth_;
    bool python_constants_;
    size_t budget_;  // bytes of values still allowed (charge())
    std::string error_;
};

}  // namespace

ParseResult parse(std::string_view text, int max_depth, bool python_constants) {
    return Parser(text, max_depth, python_constants).run();
}

}  // namespace llmcalc::json
