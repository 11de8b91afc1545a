// Traced numbers: the computation of a quantity, written once, also records how it was computed.
//
// A Tx is a double that, when the computation runs with a Trace, also carries the expression that produced it:
// named operands (leaves: a symbol, its value, a unit), constants, and the operations (+ − × ÷ ⌈ ⌉ ⌊ ⌋ max min ^)
// applied to them. Without a Trace no expression is built (the shared pointer stays empty) and a Tx costs a double
// plus a null pointer. The value is always the double arithmetic itself, in the order the code wrote it, so the
// traced expression and the reported number cannot disagree: explain.cpp renders what the computation recorded,
// it computes nothing (issue #10).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace llmcalc {

struct TxNode;

struct Tx {
    double v = 0;
    std::shared_ptr<const TxNode> node;  // null: not traced (or a constant)
    Tx() = default;
    Tx(double value) : v(value) {}  // NOLINT: a constant (2, 100, 1e9) takes its own number as its symbol
    Tx(double value, std::shared_ptr<const TxNode> n) : v(value), node(std::move(n)) {}
    bool traced() const { return node != nullptr; }
};

struct TxNode {
    enum Kind { Leaf, Add, Sub, Mul, Div, Ceil, Floor, Max, Min, Pow } kind = Leaf;
    double v = 0;
    std::string sym, unit;  // Leaf: symbol ("kv_heads", or the number itself for a constant) and unit word
    std::string text;       // Leaf: how the value is written when not the default (1e9 rather than 1,000,000,000)
    std::shared_ptr<const TxNode> a, b;
};

// Where a computation records its headline quantities (report path -> traced value, with source and note).
struct TraceEntry {
    std::string path;    // report path (INTERFACE.md spelling), e.g. "memory.training.optimizer_bytes"
    std::string name;    // left-hand side of the formula: "optimizer/GPU"
    Tx value;            // the traced value: value.v is the number the report stores
    std::string unit;    // "B", "FLOP", "s", "tokens/s", "GPUs", "params"
    std::string source;  // paper + equation / seed / datasheet
    std::string note;    // what the formula assumes or leaves out (may be empty)
    std::string note_zh; // the note in Chinese (the page under 中文, --explain --lang zh); set whenever note is
};
struct Trace {
    std::vector<TraceEntry> entries;
    void record(std::string path, std::string name, Tx value, std::string unit, std::string source,
                std::string note = "", std::string note_zh = "");
    const TraceEntry* find(std::string_view path) const;
};

// A named operand: traced (a leaf) when `t` is given, else a plain number. The symbol is only read when tracing.
Tx named(const Trace* t, double v, const char* sym, const char* unit = "");
Tx named(const Trace* t, double v, const std::string& sym, const char* unit = "");
// A constant with a unit word ("2 B"); traced when `t` is given.
Tx konst(const Trace* t, double v, const char* unit);
// A constant written as `text` (1e9 for 10^9 bytes per GB).
Tx konst_text(const Trace* t, double v, const char* text);

// Arithmetic: the value is the double operation; an untraced 0 added or an untraced 1 multiplied or divided by
// leaves the other side as it is (the same double), so a term that does not apply does not clutter the formula.
Tx operator+(const Tx& a, const Tx& b);
Tx operator-(const Tx& a, const Tx& b);
Tx operator*(const Tx& a, const Tx& b);
Tx operator/(const Tx& a, const Tx& b);
Tx ceil_(const Tx& a);  // a whole leaf, or whole leaves under + − ×, is left as it is (no ⌈ ⌉ around it)
Tx floor_(const Tx& a);
Tx max_(const Tx& a, const Tx& b);
Tx min_(const Tx& a, const Tx& b);
Tx pow_(const Tx& a, const Tx& b);
// A traced value with a different number shown as its result: for a value the caller rounds or caps afterwards
// (bytes rounded up and saturated, counts capped); `v` is the number stored, the node says how it was reached.
Tx with_value(const Tx& a, double v);

// Rendering: the formula in symbols, or with every operand's value (plain arithmetic that evaluates to the value).
std::string render_formula(const Tx& x);
std::string render_values(const Tx& x);
// Integers below 1e15 with thousands separators; other numbers in the shortest text that reads back exactly.
std::string num_text(double x);
// Human scale after an exact value: " (16.06 GB)", " (3.4 days)"; empty when none applies.
std::string human_scale(double v, const std::string& unit);

}  // namespace llmcalc
