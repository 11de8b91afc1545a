// Explanations of the report's headline numbers: for one report path (INTERFACE.md spelling, e.g.
// "memory.kv_cache_bytes_per_token") the formula in symbols, the same formula with this scenario's values
// substituted, and where the formula comes from. The UI shows them in the (?) tooltip beside each number.
//
// The formula and the substituted line are rendered from the traced expression the computation itself built
// (trace.hpp), so they always have the same shape; the substituted line is plain arithmetic (× ÷ + −, parentheses,
// ⌈ ⌉, max(a, b), min(a, b), numbers with thousands separators and an optional unit word) that evaluates to the
// reported value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "inputs.hpp"
#include "report.hpp"

namespace llmcalc {

struct Explanation {
    bool found = false;        // false: `path` is not an explained report path
    std::string path;          // the report path asked for
    std::string formula;       // "KV/token = 2 × kv_heads × head_dim × L × bytes(kv)"
    std::string substituted;   // "2 × 8 × 128 × 32 × 2 B = 131,072 B"
    std::string source;        // paper + equation / seed / datasheet
    std::string note;          // what the formula leaves out or assumes (may be empty)
    std::string note_zh;       // the same in Chinese (empty only when note is)
    bool exact = true;         // always true: the explanation is the computation's own record (kept in the JSON)
    double value = 0;          // the value the substituted expression evaluates to (= the report's number)
    std::string unit;          // "B", "FLOP", "s", "tokens/s", "GPUs", "params"
};

// One explained quantity: its report path, labels in English and Chinese, unit, and the report's value.
struct Quantity {
    const char* path;
    const char* label_en;
    const char* label_zh;
    const char* unit;
    double (*value)(const Report&);
};
// Every explained headline quantity, in report order (the one list of them).
const std::vector<Quantity>& quantities();
const Quantity* find_quantity(std::string_view path);

// Every path `explain` knows, in report order. Besides these, "params.by_component.<name>" explains each entry of
// the report's component table (embed_tokens, attn_q, ..., experts, router, lm_head).
const std::vector<std::string>& explain_paths();

// The explanation of one report path for the report `r` computed from `in` (r = compute(in).report).
Explanation explain(const Inputs& in, const Report& r, std::string_view report_path);

// Every path of explain_paths() that applies, then params.by_component.<name> for each component, in order.
std::vector<Explanation> explain_all(const Inputs& in, const Report& r);

// The number at a report path (the same value report_json writes), for checks; NaN-free: `ok` says if found.
double report_value(const Report& r, std::string_view report_path, bool* ok = nullptr);

// An explanation as text for the command line (`llmcalc --explain PATH`): label, formula, the values put in, the
// result (and whether it equals the report's), source and note; lang "en" or "zh" (labels and headings).
std::string explain_text(const Explanation& e, std::string_view lang);
// The same as a JSON object {path, label, formula, substituted, value, unit, exact, source, note}.
std::string explain_json(const Explanation& e, std::string_view lang, bool pretty = false);

}  // namespace llmcalc
