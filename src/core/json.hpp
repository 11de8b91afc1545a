// A small JSON module for what llmcalc ships (issue #5: nlohmann/json cost ~14 KB gzip of wasm and ~40 µs per report).
//   Writer: streams JSON text straight into a string (no tree), compact or pretty (2-space indent, the layout of
//           nlohmann's dump(2)). Strings are escaped per RFC 8259 with invalid UTF-8 replaced by U+FFFD; doubles use
//           the fewest digits that read back to the same double; Inf/NaN are written as null.
//   parse:  RFC 8259 text -> Value, without exceptions (the wasm core has none), with a nesting limit and an error
//           naming the line, column and byte offset of the first problem.
// Choices where RFC 8259 leaves room, all as nlohmann/json does (the tests compare the two): duplicate object keys are
// kept in members() but find() returns the last one ("last wins"); integers that fit int64 stay exact, other numbers
// are doubles; numbers beyond the double range are an error; a leading UTF-8 byte order mark is skipped; invalid UTF-8
// and lone surrogates (\uD800) in strings are errors. One difference: a NUL byte after the value is trailing text
// here, while nlohmann stops reading at it.
// Python's json module writes float('inf') and float('nan') as the bare tokens Infinity, -Infinity and NaN (its
// allow_nan=True default, docs.python.org/3/library/json.html), and real config.json files carry them (NVIDIA's
// Nemotron-H "time_step_limit": [0.0, Infinity]). parse() accepts them only when asked (python_constants): the
// config.json import asks, everything else stays strict RFC 8259.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace llmcalc::json {

// ---- writing ----------------------------------------------------------------------------------------------------

// `s` as a JSON string literal (quotes included) appended to `out`.
void append_string(std::string& out, std::string_view s);
// `x` appended to `out`: the shortest decimal that reads back as `x` ("0.1", "1e+300"), ".0" on whole numbers so a
// reader keeps it a float (nlohmann's layout: plain digits while the point is within 15 places, else an exponent);
// Inf and NaN as null (JSON has no such numbers).
void append_double(std::string& out, double x);
void append_int(std::string& out, int64_t x);
void append_uint(std::string& out, uint64_t x);

// Streams one JSON text. Calls must nest properly (begin/end pairs; inside an object, key() before each value); the
// writer does not check this. Example: w.begin_object().field("a", 1).key("b").begin_array().end_array().end_object().
class Writer {
public:
    explicit Writer(bool pretty = false) : pretty_(pretty) {}

    Writer& begin_object() { return open('{'); }
    Writer& end_object() { return close('}'); }
    Writer& begin_array() { return open('['); }
    Writer& end_array() { return close(']'); }
    Writer& key(std::string_view k);

    Writer& null();
    Writer& value(bool b);
    Writer& value(double x);  // always a float in the text ("2.0"), null for Inf/NaN
    // A whole number below 2^53 in magnitude as an integer ("2"), exact either way; else as value(x). For counts
    // computed in floating point (FLOPs), which readers should see as integers.
    Writer& number(double x);
    Writer& value(const char* s) { return value(std::string_view(s)); }
    Writer& value(const std::string& s) { return value(std::string_view(s)); }
    Writer& value(std::string_view s);
    // Any integer type (not bool, which has its own overload): written exactly.
    template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
    Writer& value(T x) {
        before_value();
        if constexpr (std::is_signed_v<T>) append_int(out_, static_cast<int64_t>(x));
        else append_uint(out_, static_cast<uint64_t>(x));
        return *this;
    }
    // Already-written JSON text (e.g. another writer's output), inserted as one value.
    Writer& raw(std::string_view json_text);

    template <class T>
    Writer& field(std::string_view k, const T& v) { key(k); return value(v); }
    Writer& field(std::string_view k, const char* v) { key(k); return value(v); }
    Writer& field_number(std::string_view k, double x) { key(k); return number(x); }

    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    Writer& open(char c);
    Writer& close(char c);
    void before_value();  // separator, newline and indent before a value or key
    void newline_indent();

    std::string out_;
    int depth_ = 0;
    bool pretty_;
    bool first_ = true;       // nothing written yet in the innermost open container
    bool after_key_ = false;  // the next value belongs to the key just written
};

// ---- reading ----------------------------------------------------------------------------------------------------

class Value {
public:
    enum class Type : uint8_t { Null, Bool, Int, Double, String, Array, Object };

    Value() = default;
    // Moves declared noexcept: std::vector<Value> then moves elements when it grows. Implicit ones are not seen as
    // noexcept here (Value is incomplete inside its own vector), and every growth deep-copied the tree (issue #14:
    // 1.2 s and 64 MB for a 2 MB array).
    Value(Value&&) noexcept = default;
    Value& operator=(Value&&) noexcept = default;
    Value(const Value&) = default;
    Value& operator=(const Value&) = default;
    static Value boolean(bool b) { Value v; v.type_ = Type::Bool; v.int_ = b; return v; }
    static Value integer(int64_t i) { Value v; v.type_ = Type::Int; v.int_ = i; return v; }
    static Value number(double d) { Value v; v.type_ = Type::Double; v.double_ = d; return v; }
    static Value string(std::string s) { Value v; v.type_ = Type::String; v.string_ = std::move(s); return v; }
    static Value array() { Value v; v.type_ = Type::Array; return v; }
    static Value object() { Value v; v.type_ = Type::Object; return v; }

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::Null; }
    bool is_bool() const { return type_ == Type::Bool; }
    bool is_int() const { return type_ == Type::Int; }        // written without fraction or exponent, fits int64
    bool is_double() const { return type_ == Type::Double; }  // any other number
    bool is_number() const { return is_int() || is_double(); }
    bool is_string() const { return type_ == Type::String; }
    bool is_array() const { return type_ == Type::Array; }
    bool is_object() const { return type_ == Type::Object; }

    // Accessors return a neutral value (false, 0, "", empty) for the wrong type: check the type first.
    bool as_bool() const { return type_ == Type::Bool && int_ != 0; }
    int64_t as_int() const { return type_ == Type::Int ? int_ : 0; }
    double as_double() const;  // Int or Double as a double
    const std::string& as_string() const;
    // Array elements, or an object's member values; both in text order (an object's duplicate keys included).
    const std::vector<Value>& items() const { return items_; }
    // The key of an object's i-th member (items()[i] is its value).
    const std::string& key(size_t i) const { return keys_[i]; }
    size_t size() const { return items_.size(); }  // elements of an array, members of an object, else 0
    const Value& operator[](size_t i) const { return items_[i]; }
    // The member named `key` (the last one when the text repeats it), or nullptr; nullptr on a non-object.
    const Value* find(std::string_view key) const;

    // Building (used by the parser and tests).
    void push_back(Value v) { items_.push_back(std::move(v)); }
    void add(std::string key, Value v);

private:
    Type type_ = Type::Null;
    int64_t int_ = 0;
    double double_ = 0;
    std::string string_;
    std::vector<Value> items_;       // array elements or object member values
    std::vector<std::string> keys_;  // object member keys, parallel to items_
};

// Nesting deeper than this (arrays + objects) is refused: real config.json files use ~3 levels, and the parser
// recurses once per level.
constexpr int kDefaultMaxDepth = 64;

struct ParseResult {
    Value value;
    std::string error;        // "" when the text parsed; else "<problem> at line L, column C (byte B)"
    size_t error_offset = 0;  // byte offset of the problem (0-based)
    bool ok() const { return error.empty(); }
};

// Text whose values would take more memory than limits::kJsonMemoryPerByte x its size (+ a floor) is refused with
// an error starting with kTooDense: the tree stays a small multiple of the text (docs/security.md).
inline constexpr const char* kTooDense = "too many values for the size of the text";

ParseResult parse(std::string_view text, int max_depth = kDefaultMaxDepth, bool python_constants = false);

// A Value as JSON text (compact or pretty), through Writer.
void write(Writer& w, const Value& v);
std::string to_text(const Value& v, bool pretty = false);

}  // namespace llmcalc::json
