#include "trace.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace llmcalc {

void Trace::record(std::string path, std::string name, Tx value, std::string unit, std::string source,
                   std::string note, std::string note_zh) {
    entries.push_back({std::move(path), std::move(name), std::move(value), std::move(unit), std::move(source),
                       std::move(note), std::move(note_zh)});
}

const TraceEntry* Trace::find(std::string_view path) const {
    for (const auto& e : entries)
        if (e.path == path) return &e;
    return nullptr;
}

namespace {

using NodeP = std::shared_ptr<const TxNode>;

NodeP leaf_node(double v, std::string sym, std::string unit, std::string text = "") {
    auto n = std::make_shared<TxNode>();
    n->kind = TxNode::Leaf;
    n->v = v;
    n->sym = std::move(sym);
    n->unit = std::move(unit);
    n->text = std::move(text);
    return n;
}

// The node of an operand: its own, or (a constant met by a traced operand) a leaf that is its number.
NodeP node_of(const Tx& x) { return x.node ? x.node : leaf_node(x.v, num_text(x.v), ""); }

Tx op(TxNode::Kind k, double v, const Tx& a, const Tx& b) {
    if (!a.node && !b.node) return Tx(v);
    auto n = std::make_shared<TxNode>();
    n->kind = k;
    n->v = v;
    n->a = node_of(a);
    n->b = node_of(b);
    return Tx(v, std::move(n));
}

Tx op1(TxNode::Kind k, double v, const Tx& a) {
    if (!a.node) return Tx(v);
    auto n = std::make_shared<TxNode>();
    n->kind = k;
    n->v = v;
    n->a = a.node;
    return Tx(v, std::move(n));
}

bool is_sum(const NodeP& n) { return n->kind == TxNode::Add || n->kind == TxNode::Sub; }
bool is_prod(const NodeP& n) { return n->kind == TxNode::Mul || n->kind == TxNode::Div; }

std::string render(const NodeP& n, bool values) {
    auto paren = [&](const NodeP& x, bool p) { return p ? "(" + render(x, values) + ")" : render(x, values); };
    switch (n->kind) {
        case TxNode::Leaf: {
            if (!values) return n->sym;
            const std::string t = n->text.empty() ? num_text(n->v) : n->text;
            return n->unit.empty() ? t : t + " " + n->unit;
        }
        // left-associative chains: a sum on the right of + or − is parenthesized, as is a sum beside × or ÷ and a
        // product on the right of × or ÷
        case TxNode::Add: return render(n->a, values) + " + " + paren(n->b, is_sum(n->b));
        case TxNode::Sub: return render(n->a, values) + " − " + paren(n->b, is_sum(n->b));
        case TxNode::Mul: return paren(n->a, is_sum(n->a)) + " × " + paren(n->b, is_sum(n->b) || is_prod(n->b));
        case TxNode::Div: return paren(n->a, is_sum(n->a)) + " ÷ " + paren(n->b, is_sum(n->b) || is_prod(n->b));
        case TxNode::Ceil: return "⌈" + render(n->a, values) + "⌉";
        case TxNode::Floor: return "⌊" + render(n->a, values) + "⌋";
        case TxNode::Max: return "max(" + render(n->a, values) + ", " + render(n->b, values) + ")";
        case TxNode::Min: return "min(" + render(n->a, values) + ", " + render(n->b, values) + ")";
        case TxNode::Pow:
            return paren(n->a, n->a->kind != TxNode::Leaf) + "^" + paren(n->b, n->b->kind != TxNode::Leaf);
    }
    return "";
}

}  // namespace

Tx named(const Trace* t, double v, const char* sym, const char* unit) {
    return t ? Tx(v, leaf_node(v, sym, unit)) : Tx(v);
}
Tx named(const Trace* t, double v, const std::string& sym, const char* unit) {
    return t ? Tx(v, leaf_node(v, sym, unit)) : Tx(v);
}
Tx konst(const Trace* t, double v, const char* unit) { return t ? Tx(v, leaf_node(v, num_text(v), unit)) : Tx(v); }
Tx konst_text(const Trace* t, double v, const char* text) { return t ? Tx(v, leaf_node(v, text, "", text)) : Tx(v); }

Tx operator+(const Tx& a, const Tx& b) {
    if (!b.node && b.v == 0) return a;
    if (!a.node && a.v == 0) return b;
    return op(TxNode::Add, a.v + b.v, a, b);
}
Tx operator-(const Tx& a, const Tx& b) {
    if (!b.node && b.v == 0) return a;
    return op(TxNode::Sub, a.v - b.v, a, b);
}
Tx operator*(const Tx& a, const Tx& b) {
    if (!b.node && b.v == 1) return a;
    if (!a.node && a.v == 1) return b;
    return op(TxNode::Mul, a.v * b.v, a, b);
}
Tx operator/(const Tx& a, const Tx& b) {
    if (!b.node && b.v == 1) return a;
    return op(TxNode::Div, a.v / b.v, a, b);
}
namespace {
// True when the expression is whole by its shape: whole leaves combined by + − ×, or a rounding. Rounding it again
// would change nothing, so no ⌈ ⌉ is written around it (an expression with a division keeps its sign even where
// this scenario's value happens to be whole: the formula's shape does not depend on the numbers).
bool whole_by_shape(const TxNode& n) {
    switch (n.kind) {
        case TxNode::Leaf: return n.v == std::floor(n.v);
        case TxNode::Ceil:
        case TxNode::Floor: return true;
        case TxNode::Add:
        case TxNode::Sub:
        case TxNode::Mul:
        case TxNode::Max:
        case TxNode::Min: return whole_by_shape(*n.a) && whole_by_shape(*n.b);
        default: return false;
    }
}
bool no_rounding_needed(const Tx& a) { return a.v == std::floor(a.v) && (!a.node || whole_by_shape(*a.node)); }
}  // namespace

Tx ceil_(const Tx& a) {
    if (no_rounding_needed(a)) return a;
    return op1(TxNode::Ceil, std::ceil(a.v), a);
}
Tx floor_(const Tx& a) {
    if (no_rounding_needed(a)) return a;
    return op1(TxNode::Floor, std::floor(a.v), a);
}
Tx max_(const Tx& a, const Tx& b) { return op(TxNode::Max, std::max(a.v, b.v), a, b); }
Tx min_(const Tx& a, const Tx& b) { return op(TxNode::Min, std::min(a.v, b.v), a, b); }
Tx pow_(const Tx& a, const Tx& b) { return op(TxNode::Pow, std::pow(a.v, b.v), a, b); }

Tx with_value(const Tx& a, double v) {
    if (!a.node || a.v == v) return Tx(v, a.node);
    // the rounding / cap changed the number: say so in the formula (min with the cap, or ⌈ ⌉ for a rounding)
    if (v < a.v) return min_(a, Tx(v, leaf_node(v, "cap", "")));
    return op1(TxNode::Ceil, v, a);
}

std::string render_formula(const Tx& x) { return x.node ? render(x.node, false) : num_text(x.v); }
std::string render_values(const Tx& x) { return x.node ? render(x.node, true) : num_text(x.v); }

std::string num_text(double x) {
    char buf[64];
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", std::fabs(x));
        std::string digits = buf, out;
        for (size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
            out += digits[i];
        }
        return x < 0 ? "−" + out : out;
    }
    for (int prec = 1; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (std::strtod(buf, nullptr) == x) break;
    }
    std::string s = buf;
    const size_t e = s.find('e');
    if (e != std::string::npos) {
        std::string mant = s.substr(0, e), ex = s.substr(e + 1);
        bool neg = false;
        if (!ex.empty() && (ex[0] == '+' || ex[0] == '-')) { neg = ex[0] == '-'; ex.erase(0, 1); }
        while (ex.size() > 1 && ex[0] == '0') ex.erase(0, 1);
        s = mant + "e" + (neg ? "-" : "") + ex;
    }
    return s;
}

std::string human_scale(double v, const std::string& unit) {
    char buf[64];
    const char* prefixes[] = {"", "k", "M", "G", "T", "P", "E"};
    if (unit == "B" || unit == "FLOP" || unit == "params") {
        int i = 0;
        double x = v;
        while (std::fabs(x) >= 1000 && i < 6) { x /= 1000; ++i; }
        if (i == 0) return "";
        const char* count_prefixes[] = {"", "K", "M", "B", "T", "P", "E"};
        const char* prefix = unit == "params" ? count_prefixes[i] : prefixes[i];
        std::snprintf(buf, sizeof buf, " (%.4g %s%s)", x, prefix, unit == "params" ? "" : unit.c_str());
        return buf;
    }
    if (unit == "s" && v >= 3600) {
        std::snprintf(buf, sizeof buf, v >= 86400 ? " (%.4g days)" : " (%.4g h)", v >= 86400 ? v / 86400 : v / 3600);
        return buf;
    }
    if (unit == "s" && v < 1 && v > 0) {
        std::snprintf(buf, sizeof buf, " (%.4g ms)", v * 1000);
        return buf;
    }
    return "";
}

}  // namespace llmcalc
