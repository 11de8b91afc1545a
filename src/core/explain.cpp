// Explanations: each headline number rebuilt as an expression tree whose leaves are named inputs, model
// dimensions and catalog figures. The tree renders twice (symbols / values) and evaluates left to right in the
// same order the core computes, so the substituted line reproduces the reported number. If the core's formula
// has moved on and the tree no longer reproduces the report, the explanation falls back to the reported value
// and says so (tests/unit/explain_test.cpp catches that case for every preset).
#include "explain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "catalog.hpp"
#include "json.hpp"
#include "magnitude.hpp"
#include "memory.hpp"
#include "optimizers.hpp"

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }

// ---------------------------------------------------------------- [SECTION] expression tree
struct Ex {
    enum Kind { Leaf, Sum, Prod, Ceil, Floor, Max, Min, Pow } kind = Leaf;
    double v = 0;
    std::string sym, unit;
    std::string text;       // Leaf: how the value is written when not the default (1e9 rather than 1,000,000,000)
    std::vector<Ex> args;
    std::vector<char> ops;  // Sum: '+' / '-' per term; Prod: '*' / '/' per factor (first entry unused)

    Ex& add(Ex e) { return push(Sum, '+', std::move(e)); }
    Ex& sub(Ex e) { return push(Sum, '-', std::move(e)); }
    Ex& mul(Ex e) { return push(Prod, '*', std::move(e)); }
    Ex& div(Ex e) { return push(Prod, '/', std::move(e)); }

  private:
    Ex& push(Kind k, char op, Ex e) {
        if (kind != k) {  // turn this node into a k-chain whose first element is the old node
            Ex first = std::move(*this);
            *this = Ex{};
            kind = k;
            args.push_back(std::move(first));
            ops.push_back(k == Sum ? '+' : '*');
        }
        args.push_back(std::move(e));
        ops.push_back(op);
        return *this;
    }
};

Ex leaf(double v, std::string sym, std::string unit = "") {
    Ex e;
    e.v = v;
    e.sym = std::move(sym);
    e.unit = std::move(unit);
    return e;
}

std::string num_text(double x);
// A constant: its symbol is its own number (2, 100, 1e9).
Ex k(double v, std::string unit = "") { return leaf(v, num_text(v), std::move(unit)); }
Ex fn(Ex::Kind kind, std::vector<Ex> args) {
    Ex e;
    e.kind = kind;
    e.args = std::move(args);
    return e;
}
// ⌈x⌉; a whole-number leaf needs no rounding sign.
Ex ceil_of(Ex e) {
    if (e.kind == Ex::Leaf && e.v == std::floor(e.v)) return e;
    return fn(Ex::Ceil, {std::move(e)});
}
// 10^9 bytes per GB (decimal, as datasheets and the seeds' "1000^3 ≈ 1G" use), written 1e9.
Ex giga() {
    Ex e = leaf(1e9, "1e9");
    e.text = "1e9";
    return e;
}
Ex max_of(Ex a, Ex b) { return fn(Ex::Max, {std::move(a), std::move(b)}); }
Ex min_of(Ex a, Ex b) { return fn(Ex::Min, {std::move(a), std::move(b)}); }
// Sum of terms; one term is returned as is (no needless parentheses).
Ex sum_of(std::vector<Ex> terms) {
    if (terms.empty()) return k(0);
    Ex s = std::move(terms[0]);
    for (size_t i = 1; i < terms.size(); ++i) s.add(std::move(terms[i]));
    return s;
}

double eval(const Ex& e) {
    switch (e.kind) {
        case Ex::Leaf: return e.v;
        case Ex::Ceil: return std::ceil(eval(e.args[0]));
        case Ex::Floor: return std::floor(eval(e.args[0]));
        case Ex::Pow: return std::pow(eval(e.args[0]), eval(e.args[1]));
        case Ex::Max: return std::max(eval(e.args[0]), eval(e.args[1]));
        case Ex::Min: return std::min(eval(e.args[0]), eval(e.args[1]));
        case Ex::Sum: {
            double acc = eval(e.args[0]);
            for (size_t i = 1; i < e.args.size(); ++i) acc = e.ops[i] == '+' ? acc + eval(e.args[i]) : acc - eval(e.args[i]);
            return acc;
        }
        case Ex::Prod: {
            double acc = eval(e.args[0]);
            for (size_t i = 1; i < e.args.size(); ++i) acc = e.ops[i] == '*' ? acc * eval(e.args[i]) : acc / eval(e.args[i]);
            return acc;
        }
    }
    return 0;
}

// Integers below 1e15 with thousands separators (exact); other numbers in the shortest text that reads back
// to the same double, exponent without '+' and leading zeros (1e12, 2.5e-7).
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

std::string render(const Ex& e, bool values) {
    switch (e.kind) {
        case Ex::Leaf:
            if (!values) return e.sym;
            {
                const std::string t = e.text.empty() ? num_text(e.v) : e.text;
                return e.unit.empty() ? t : t + " " + e.unit;
            }
        case Ex::Ceil: return "⌈" + render(e.args[0], values) + "⌉";
        case Ex::Floor: return "⌊" + render(e.args[0], values) + "⌋";
        case Ex::Pow: {
            auto part = [&](const Ex& x) {
                return x.kind == Ex::Leaf ? render(x, values) : "(" + render(x, values) + ")";
            };
            return part(e.args[0]) + "^" + part(e.args[1]);
        }
        case Ex::Max: return "max(" + render(e.args[0], values) + ", " + render(e.args[1], values) + ")";
        case Ex::Min: return "min(" + render(e.args[0], values) + ", " + render(e.args[1], values) + ")";
        case Ex::Sum: {
            std::string out;
            for (size_t i = 0; i < e.args.size(); ++i) {
                const bool paren = i > 0 && e.args[i].kind == Ex::Sum;
                if (i > 0) out += e.ops[i] == '+' ? " + " : " − ";
                out += paren ? "(" + render(e.args[i], values) + ")" : render(e.args[i], values);
            }
            return out;
        }
        case Ex::Prod: {
            std::string out;
            for (size_t i = 0; i < e.args.size(); ++i) {
                const Ex& a = e.args[i];
                // left-associative: a leading product needs no parentheses, any later product or sum does
                const bool paren = a.kind == Ex::Sum || (i > 0 && a.kind == Ex::Prod);
                if (i > 0) out += e.ops[i] == '*' ? " × " : " ÷ ";
                out += paren ? "(" + render(a, values) + ")" : render(a, values);
            }
            return out;
        }
    }
    return "";
}

// Human scale after the exact value: 16.06 GB, 1.2 TFLOP, 3.4 days.
std::string human(double v, const std::string& unit) {
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

// ---------------------------------------------------------------- [SECTION] shared pieces
struct Ctx {
    const Inputs& in;
    const Report& r;
    const ModelConfig& m;
};

const NumberFormat& fmt_or_bf16(const std::string& id) {
    const NumberFormat* f = find_format(id);
    return f ? *f : *find_format("bf16");
}

// Layers of the same kind (model.hpp layer_kind). Parameters depend on the mixer, MoE-ness and whether the layer
// has an FFN; FLOPs also on the sliding window.
struct LayerGroup2 {
    bool moe = false, sliding = false;
    int64_t count = 0, first = 0;
    Mixer mixer = Mixer::Attention;
    bool ffn = true;
};

std::vector<LayerGroup2> layer_groups(const ModelConfig& m, bool split_sliding) {
    std::vector<LayerGroup2> g;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const bool moe = m.is_moe_layer(i), sl = split_sliding && m.is_sliding_layer(i), ffn = m.has_ffn(i);
        const Mixer mx = m.mixer(i);
        auto it = std::find_if(g.begin(), g.end(), [&](const LayerGroup2& x) {
            return x.moe == moe && x.sliding == sl && x.mixer == mx && x.ffn == ffn;
        });
        if (it == g.end()) g.push_back({moe, sl, 1, i, mx, ffn});
        else ++it->count;
    }
    return g;
}

Ex layer_count(const LayerGroup2& g, size_t n_groups) {
    if (n_groups == 1) return leaf(d(g.count), "L");
    static const char* const kMixer[] = {"attention", "deltanet", "mamba2", ""};
    std::string kind = g.mixer == Mixer::Attention && g.ffn ? "" : kMixer[static_cast<int>(g.mixer)];
    if (g.ffn) kind += std::string(kind.empty() ? "" : ",") + (g.moe ? "moe" : "dense");
    if (g.sliding) kind += ",sliding";
    return leaf(d(g.count), "L_" + kind);
}

// One linear's weights, h x n etc., as a product of named dimensions.
Ex h_(const ModelConfig& m) { return leaf(d(m.hidden_size), "h"); }

// Attention projection weights of one layer (no biases): q + k + v + o. Shapes: params.cpp.
std::vector<Ex> attn_weight_terms(const ModelConfig& m) {
    std::vector<Ex> t;
    if (m.attn == AttnKind::MLA) {
        const Ex heads = leaf(d(m.num_heads), "heads");
        Ex qk = leaf(d(m.qk_nope_head_dim), "d_nope");
        qk.add(leaf(d(m.qk_rope_head_dim), "d_rope"));
        if (m.q_lora_rank > 0) {
            Ex a = h_(m); a.mul(leaf(d(m.q_lora_rank), "r_q"));
            Ex b = leaf(d(m.q_lora_rank), "r_q"); b.mul(heads).mul(qk);
            t.push_back(std::move(a));
            t.push_back(std::move(b));
        } else {
            Ex a = h_(m); a.mul(heads).mul(qk);
            t.push_back(std::move(a));
        }
        Ex kva_w = leaf(d(m.kv_lora_rank), "r_kv"); kva_w.add(leaf(d(m.qk_rope_head_dim), "d_rope"));
        Ex kva = h_(m); kva.mul(kva_w);
        Ex kvb_w = leaf(d(m.qk_nope_head_dim), "d_nope"); kvb_w.add(leaf(d(m.v_head_dim), "d_v"));
        Ex kvb = leaf(d(m.kv_lora_rank), "r_kv"); kvb.mul(heads).mul(kvb_w);
        Ex o = heads; o.mul(leaf(d(m.v_head_dim), "d_v")).mul(h_(m));
        t.push_back(std::move(kva));
        t.push_back(std::move(kvb));
        t.push_back(std::move(o));
        return t;
    }
    const Ex heads = leaf(d(m.num_heads), "heads"), kvh = leaf(d(m.kv_heads()), "kv_heads"),
             hd = leaf(d(m.head_size()), "head_dim");
    Ex q = h_(m); q.mul(heads).mul(hd);
    if (m.attn_output_gate) q.mul(leaf(2, "2 (output gate)"));  // Qwen3NextAttention: q_proj doubled
    Ex kk = h_(m); kk.mul(kvh).mul(hd);
    Ex v = h_(m); v.mul(kvh).mul(hd);
    Ex o = heads; o.mul(hd).mul(h_(m));
    t.push_back(std::move(q));
    t.push_back(std::move(kk));
    t.push_back(std::move(v));
    t.push_back(std::move(o));
    return t;
}

// Weights of one MLP of width `width` (I): gated 3 × h × I (gate, up, down), plain 2 × h × I; with biases
// (ups × I + h) more.
Ex mlp_expr(const ModelConfig& m, int64_t width, const char* width_sym, bool with_bias) {
    const int ups = m.mlp == MlpKind::Gated ? 2 : 1;
    Ex w = k(ups + 1);
    w.mul(h_(m)).mul(leaf(d(width), width_sym));
    if (with_bias && m.mlp_bias) {
        Ex b = leaf(d(width), width_sym);
        if (ups > 1) { b = k(ups); b.mul(leaf(d(width), width_sym)); }
        w.add(std::move(b)).add(h_(m));
    }
    return w;
}

Ex norm_expr(const ModelConfig& m, Ex dim) {
    if (m.norm == NormKind::LayerNorm && m.norm_bias) {
        Ex e = k(2);
        e.mul(std::move(dim));
        return e;
    }
    return dim;
}

// Parameters of one layer of group g; `active` counts top-k routed experts instead of all.
// A linear-attention mixer's parameters as one named term (params.cpp gated_deltanet_params / mamba2_params).
Ex linear_mixer_expr(const ModelConfig& m, Mixer mixer) {
    return mixer == Mixer::GatedDeltaNet ? leaf(d(gated_deltanet_params(m)), "P_deltanet")
                                         : leaf(d(mamba2_params(m)), "P_mamba2");
}

Ex layer_params_expr(const ModelConfig& m, const LayerGroup2& g, bool active) {
    const LayerParams p = layer_params(m, g.first);
    std::vector<Ex> t;
    if (g.mixer == Mixer::Attention) t = attn_weight_terms(m);
    else if (g.mixer != Mixer::None) t.push_back(linear_mixer_expr(m, g.mixer));
    if (p.attn_bias) t.push_back(leaf(d(p.attn_bias), "attn_bias"));
    if (p.attn_extra) t.push_back(leaf(d(p.attn_extra), "attn_norms"));
    if (p.norms) {
        Ex n = leaf(d(m.norms_per_layer), "norms_per_layer");
        n.mul(norm_expr(m, h_(m)));
        t.push_back(std::move(n));
    }
    if (g.moe) {
        Ex e = active ? leaf(d(m.experts_per_token), "top_k") : leaf(d(m.num_experts), "experts");
        e.mul(mlp_expr(m, m.moe_intermediate_size, "I_expert", true));
        t.push_back(std::move(e));
        if (p.shared_experts) {
            Ex s = leaf(d(m.num_shared_experts), "shared");
            s.mul(mlp_expr(m, m.shared_ffn(), "I_shared", true));
            if (m.shared_expert_gate) s = sum_of({std::move(s), h_(m)});
            t.push_back(std::move(s));
        }
        if (p.router) {
            Ex rt = h_(m);
            rt.mul(leaf(d(m.num_experts), "experts"));
            if (m.router_bias) rt.add(leaf(d(m.num_experts), "experts"));
            t.push_back(std::move(rt));
        }
    } else if (p.mlp) {
        t.push_back(mlp_expr(m, m.dense_ffn(), "I", true));
    }
    if (t.empty()) return k(0);
    return sum_of(std::move(t));
}

// Bytes of `count` elements in format f: count × bytes when whole bytes, else ⌈count × bits ÷ 8⌉.
Ex bytes_of(Ex count, const NumberFormat& f, const std::string& role) {
    if (f.bits_num % (8 * f.bits_den) == 0) {
        count.mul(leaf(d(f.bits_num / (8 * f.bits_den)), "bytes(" + role + ")", "B"));
        return count;
    }
    Ex bits = leaf(d(f.bits_num), "bits(" + role + ")");
    count.mul(bits);
    if (f.bits_den != 1) {
        Ex den = k(8);
        den.mul(k(d(f.bits_den)));
        count.div(std::move(den));
    } else {
        count.div(k(8));
    }
    return ceil_of(std::move(count));
}

Ex shards(const Inputs& in) {
    Ex s = leaf(d(in.tp), "tp");
    s.mul(leaf(d(in.pp), "pp"));
    return s;
}

Ex sequences(const Inputs& in) {
    Ex s = leaf(d(in.batch), "batch");
    s.mul(leaf(d(in.concurrency), "concurrency"));
    return s;
}

struct Built {
    Ex expr;
    std::string name;    // left-hand side: "KV/token"
    std::string unit;
    std::string source;
    std::string note;
};

// ---------------------------------------------------------------- [SECTION] params
Built params_expr(const Ctx& c, bool active) {
    const ModelConfig& m = c.m;
    std::vector<Ex> t;
    Ex emb = leaf(d(m.vocab_size), "V");
    emb.mul(h_(m));
    t.push_back(std::move(emb));
    if (m.pos == PosKind::Learned && m.max_positions > 0) {
        Ex pos = leaf(d(m.max_positions), "max_positions");
        pos.mul(h_(m));
        t.push_back(std::move(pos));
    }
    const auto groups = layer_groups(m, false);
    for (const auto& g : groups) {
        Ex e = layer_count(g, groups.size());
        e.mul(layer_params_expr(m, g, active));
        t.push_back(std::move(e));
    }
    if (m.final_norm) t.push_back(norm_expr(m, h_(m)));
    if (!m.tie_embeddings) {
        Ex head = leaf(d(m.vocab_size), "V");
        head.mul(h_(m));
        t.push_back(std::move(head));
    }
    if (!active && c.in.include_mtp && c.r.params.mtp) t.push_back(leaf(d(c.r.params.mtp), "P_mtp"));
    Built b{sum_of(std::move(t)), active ? "N_active" : "N", "params", "", ""};
    b.source = "Σ over layers of each weight matrix's in × out (+ biases, norms) as in the Hugging Face modeling file; "
               "seed 002: l(12h² + 13h) + Vh for GPT-style layers; model: " + m.source;
    if (active)
        b.note = m.num_experts > 0 ? "a token runs only top_k routed experts and the shared experts (Fedus et al. 2021)"
                                   : "dense model: every parameter is active";
    else
        b.note = m.tie_embeddings ? "the LM head shares the embedding matrix (counted once)" : "";
    return b;
}

// One entry of params.by_component (params.cpp names), summed over the layers that have it.
bool component_expr(const Ctx& c, std::string_view name, Built* out) {
    const ModelConfig& m = c.m;
    int64_t n_moe = 0, n_dense = 0, n_attn = 0, n_deltanet = 0, n_mamba = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        n_moe += m.is_moe_layer(i) ? 1 : 0;
        n_dense += m.has_ffn(i) && !m.is_moe_layer(i) ? 1 : 0;
        n_attn += m.is_attention_layer(i) ? 1 : 0;
        n_deltanet += m.mixer(i) == Mixer::GatedDeltaNet ? 1 : 0;
        n_mamba += m.mixer(i) == Mixer::Mamba2 ? 1 : 0;
    }
    auto count = [&](int64_t n, const char* kind) {
        return leaf(d(n), n == m.num_layers ? std::string("L") : std::string("L_") + kind);
    };
    auto per_layer = [&](int64_t n, const char* kind, Ex e) {
        Ex x = count(n, kind);
        x.mul(std::move(e));
        return x;
    };
    const LayerParams p = shaped_layer_params(m, Mixer::Attention, false, true);  // an attention layer's parts
    std::vector<Ex> t = attn_weight_terms(m);
    const size_t q_terms = m.attn == AttnKind::MLA && m.q_lora_rank > 0 ? 2 : 1;
    auto attn_part = [&](size_t idx) -> Ex {  // 0 q, 1 k, 2 v, 3 o
        if (idx == 0) {
            std::vector<Ex> q(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(q_terms));
            return sum_of(std::move(q));
        }
        return t[q_terms + idx - 1];
    };
    Ex e;
    std::string src = "Hugging Face modeling file shapes; model: " + m.source;
    if (name == "embed_tokens") { e = leaf(d(m.vocab_size), "V"); e.mul(h_(m)); }
    else if (name == "embed_positions") { e = leaf(d(m.max_positions), "max_positions"); e.mul(h_(m)); }
    else if (name == "attn_q") e = per_layer(n_attn, "attention", attn_part(0));
    else if (name == "attn_k") e = per_layer(n_attn, "attention", attn_part(1));
    else if (name == "attn_v") e = per_layer(n_attn, "attention", attn_part(2));
    else if (name == "attn_o") e = per_layer(n_attn, "attention", attn_part(3));
    else if (name == "attn_bias") e = per_layer(n_attn, "attention", leaf(d(p.attn_bias), "attn_bias"));
    else if (name == "attn_norms_sinks") e = per_layer(n_attn, "attention", leaf(d(p.attn_extra), "attn_norms"));
    else if (name == "linear_attn") {
        std::vector<Ex> parts;
        if (n_deltanet) parts.push_back(per_layer(n_deltanet, "deltanet", linear_mixer_expr(m, Mixer::GatedDeltaNet)));
        if (n_mamba) parts.push_back(per_layer(n_mamba, "mamba2", linear_mixer_expr(m, Mixer::Mamba2)));
        e = parts.empty() ? k(0) : sum_of(std::move(parts));
        src = "Gated DeltaNet: modeling_qwen3_next.Qwen3NextGatedDeltaNet (in_proj_qkvz h × (2Hk·dk + 2Hv·dv), in_proj_ba "
              "h × 2Hv, conv (2Hk·dk + Hv·dv) × K, dt_bias + A_log 2Hv, norm dv, out_proj Hv·dv × h); Mamba-2: "
              "modeling_nemotron_h.NemotronHMamba2Mixer (in_proj h × (2I + 2GN + heads), conv (I + 2GN) × (K + 1), "
              "dt_bias + A_log + D 3 heads, norm I, out_proj I × h); model: " + m.source;
    }
    else if (name == "layer_norms") {
        Ex n = leaf(d(m.norms_per_layer), "norms_per_layer");
        n.mul(norm_expr(m, h_(m)));
        e = per_layer(m.num_layers, "", std::move(n));
    } else if (name == "mlp") {
        e = per_layer(n_dense, "dense", mlp_expr(m, m.dense_ffn(), "I", true));
    } else if (name == "experts") {
        Ex x = leaf(d(m.num_experts), "experts");
        x.mul(mlp_expr(m, m.moe_intermediate_size, "I_expert", true));
        e = per_layer(n_moe, "moe", std::move(x));
    } else if (name == "shared_experts") {
        Ex x = leaf(d(m.num_shared_experts), "shared");
        x.mul(mlp_expr(m, m.shared_ffn(), "I_shared", true));
        if (m.shared_expert_gate) x = sum_of({std::move(x), h_(m)});
        e = per_layer(n_moe, "moe", std::move(x));
    } else if (name == "router") {
        Ex x = h_(m);
        x.mul(leaf(d(m.num_experts), "experts"));
        if (m.router_bias) x.add(leaf(d(m.num_experts), "experts"));
        e = per_layer(n_moe, "moe", std::move(x));
    } else if (name == "final_norm") e = norm_expr(m, h_(m));
    else if (name == "lm_head") { e = leaf(d(m.vocab_size), "V"); e.mul(h_(m)); }
    else if (name == "mtp") {
        e = leaf(d(c.r.params.mtp), "P_mtp");
        src = "DeepSeek-V3 technical report Sec. 2.2: each MTP module = a decoder layer + 2 norms + eh_proj (2h × h) + "
              "its own embedding and head copy in the checkpoint";
    } else return false;
    *out = {std::move(e), std::string(name), "params", src, ""};
    return true;
}

// ---------------------------------------------------------------- [SECTION] FLOPs
// Keys attended per query, averaged over the sequence (flops.cpp attended_keys_over_sequence / s).
// Llama 4 chunked attention (flops.cpp attended_keys_chunked): queries attend only within their chunk of `chunk`
// tokens; ⌊s ÷ chunk⌋ full chunks and a remainder of s mod chunk tokens.
Ex keys_chunked(int64_t seq, int64_t chunk, bool causal) {
    const Ex c = leaf(d(chunk), "chunk");
    Ex q = leaf(d(seq), "s");
    q.div(c);
    Ex full = fn(Ex::Floor, {std::move(q)});
    const Ex r = leaf(d(seq % chunk), "(s mod chunk)");
    Ex a = std::move(full);
    a.mul(c);
    Ex b = r;
    if (causal) {
        a.mul(sum_of({c, k(1)})).div(k(2));
        b.mul(sum_of({r, k(1)})).div(k(2));
    } else {
        a.mul(c);
        b.mul(r);
    }
    return sum_of({std::move(a), std::move(b)});
}

bool is_chunked(const ModelConfig& m, int64_t window, int64_t seq) {
    return m.chunked_attention && window > 0 && window < seq;
}

Ex keys_per_query(int64_t seq, int64_t window, bool causal) {
    const Ex s = leaf(d(seq), "s");
    if (window <= 0 || window >= seq) {
        if (!causal) return s;  // s × s keys over s queries
        Ex e = s;               // s × (s + 1) ÷ 2 keys over s queries
        e.mul(sum_of({s, k(1)})).div(k(2)).div(s);
        return e;
    }
    const Ex w = leaf(d(window), "window");
    if (!causal) return w;
    // the first w queries see 1..w keys, the remaining s − w see w each
    Ex first = w;
    first.mul(sum_of({w, k(1)})).div(k(2));
    Ex rest = s;
    rest.sub(w);
    Ex rest_w = rest;
    rest_w.mul(w);
    Ex total = sum_of({std::move(first), std::move(rest_w)});
    total.div(s);
    return total;
}

// Matmul FLOPs of one token through one layer of group g: 2 × (attention weights) + 2 × (MLP weights that run).
Ex layer_matmul_expr(const ModelConfig& m, const LayerGroup2& g) {
    Ex proj = k(kFlopsPerMac);
    if (g.mixer == Mixer::Attention) {
        proj.mul(sum_of(attn_weight_terms(m)));
    } else if (g.mixer != Mixer::None) {
        // a linear-attention mixer: its projection matrices (flops.cpp; the recurrence is O(state) per token)
        int64_t mats = 0;
        if (g.mixer == Mixer::GatedDeltaNet) gated_deltanet_params(m, &mats);
        else mamba2_params(m, &mats);
        proj.mul(leaf(d(mats), g.mixer == Mixer::GatedDeltaNet ? "W_deltanet" : "W_mamba2"));
    } else {
        proj = k(0);
    }
    Ex mlp = k(kFlopsPerMac);
    if (!g.ffn) {
        mlp = k(0);
    } else if (g.moe) {
        std::vector<Ex> ff;
        Ex routed = leaf(d(m.experts_per_token), "top_k");
        routed.mul(mlp_expr(m, m.moe_intermediate_size, "I_expert", false));
        ff.push_back(std::move(routed));
        if (m.num_shared_experts) {
            Ex sh = leaf(d(m.num_shared_experts), "shared");
            sh.mul(mlp_expr(m, m.shared_ffn(), "I_shared", false));
            ff.push_back(std::move(sh));
        }
        Ex router = h_(m);
        router.mul(leaf(d(m.num_experts), "experts"));
        ff.push_back(std::move(router));
        if (m.shared_expert_gate) ff.push_back(h_(m));  // Qwen2-MoE's h x 1 shared-expert gate
        mlp.mul(sum_of(std::move(ff)));
    } else {
        mlp.mul(mlp_expr(m, m.dense_ffn(), "I", false));
    }
    return sum_of({std::move(proj), std::move(mlp)});
}

// FLOPs per attended key in one layer: 2 × heads × (d_qk + d_v) (QK^T and attention × V).
Ex per_key_expr(const ModelConfig& m) {
    int64_t dqk = m.head_size(), dv = m.head_size();
    if (m.attn == AttnKind::MLA) { dqk = m.qk_nope_head_dim + m.qk_rope_head_dim; dv = m.v_head_dim; }
    Ex e = k(kFlopsPerMac);
    e.mul(leaf(d(m.num_heads), "heads")).mul(sum_of({leaf(d(dqk), "d_qk"), leaf(d(dv), "d_v")}));
    return e;
}

Ex lm_head_expr(const ModelConfig& m) {
    Ex head = k(kFlopsPerMac);
    head.mul(h_(m)).mul(leaf(d(m.vocab_size), "V"));
    return head;
}

const char* kFlopsSource = "2 FLOPs per multiply-accumulate of every weight matrix, plus QK^T and attention × V over the "
                           "keys each query sees (seed 000: 24Bsh²l + 4Bs²hl + 2BsVh; Kaplan et al. 2020 Table 1; "
                           "Narayanan et al. 2021 Sec. 5.1)";

Built forward_expr(const Ctx& c) {
    const ModelConfig& m = c.m;
    const auto groups = layer_groups(m, true);
    std::vector<Ex> t;
    for (const auto& g : groups) {
        Ex scores = g.mixer == Mixer::Attention ? per_key_expr(m) : k(0);  // no keys in linear / MLP layers
        const int64_t window = g.sliding ? m.sliding_window : 0;
        if (is_chunked(m, window, c.in.seq)) {
            Ex keys = keys_chunked(c.in.seq, window, c.in.causal);
            keys.div(leaf(d(c.in.seq), "s"));
            scores.mul(std::move(keys));
        } else {
            scores.mul(keys_per_query(c.in.seq, window, c.in.causal));
        }
        Ex layer = layer_matmul_expr(m, g);
        layer.add(std::move(scores));
        Ex e = layer_count(g, groups.size());
        e.mul(std::move(layer));
        t.push_back(std::move(e));
    }
    t.push_back(lm_head_expr(m));
    Built b{sum_of(std::move(t)), "F_fwd/token", "FLOP", kFlopsSource, ""};
    b.note = std::string("matmuls only (norms, softmax, activations not counted); ") +
             (c.in.causal ? "causal mask: a query sees (s + 1) ÷ 2 keys on average" : "full s × s score matrix (causal=false)");
    return b;
}

// Keys attended over a whole sequence (flops.cpp attended_keys_over_sequence).
Ex keys_over_sequence(int64_t seq, int64_t window, bool causal) {
    const Ex s = leaf(d(seq), "s");
    if (window <= 0 || window >= seq) {
        Ex e = s;
        if (causal) e.mul(sum_of({s, k(1)})).div(k(2));
        else e.mul(s);
        return e;
    }
    const Ex w = leaf(d(window), "window");
    if (!causal) { Ex e = s; e.mul(w); return e; }
    Ex first = w;
    first.mul(sum_of({w, k(1)})).div(k(2));
    Ex rest = s;
    rest.sub(w);
    Ex rest_w = std::move(rest);
    rest_w.mul(w);
    return sum_of({std::move(first), std::move(rest_w)});
}

Built forward_sequence_expr(const Ctx& c) {
    const ModelConfig& m = c.m;
    const auto groups = layer_groups(m, true);
    // s × (matmuls of one token + LM head) + attention over the whole sequence
    const auto mm_groups = layer_groups(m, false);
    std::vector<Ex> mm;
    for (const auto& g : mm_groups) {
        Ex e = layer_count(g, mm_groups.size());
        e.mul(layer_matmul_expr(m, g));
        mm.push_back(std::move(e));
    }
    mm.push_back(lm_head_expr(m));
    Ex e = leaf(d(c.in.seq), "s");
    e.mul(sum_of(std::move(mm)));
    std::vector<Ex> t{std::move(e)};
    for (const auto& g : groups) {
        if (g.mixer != Mixer::Attention) continue;  // linear-attention / MLP-only layers attend no keys
        Ex a = layer_count(g, groups.size());
        const int64_t window = g.sliding ? m.sliding_window : 0;
        a.mul(per_key_expr(m)).mul(is_chunked(m, window, c.in.seq) ? keys_chunked(c.in.seq, window, c.in.causal)
                                                                    : keys_over_sequence(c.in.seq, window, c.in.causal));
        t.push_back(std::move(a));
    }
    return {sum_of(std::move(t)), "F_prefill/seq", "FLOP", kFlopsSource,
            "one sequence's prompt: every token through every weight, attention over the (causal=" +
                std::string(c.in.causal ? "true" : "false") + ") mask; seed 004: ≈ 2 × N × prompt tokens"};
}

Built decode_expr(const Ctx& c) {
    const ModelConfig& m = c.m;
    const auto groups = layer_groups(m, true);
    std::vector<Ex> t;
    for (const auto& g : groups) {
        Ex ctx = leaf(d(c.in.seq), "s");
        if (g.sliding && m.chunked_attention) {
            // only the keys of the token's own chunk (the window caps it, as for any sliding layer)
            ctx = min_of(sum_of({leaf(d(c.in.seq % m.sliding_window), "(s mod chunk)"), k(1)}),
                         leaf(d(m.sliding_window), "chunk"));
        } else {
            ctx.add(k(1));
            if (g.sliding) ctx = min_of(std::move(ctx), leaf(d(m.sliding_window), "window"));
        }
        Ex scores = g.mixer == Mixer::Attention ? per_key_expr(m) : k(0);
        scores.mul(std::move(ctx));
        Ex layer = layer_matmul_expr(m, g);
        layer.add(std::move(scores));
        Ex e = layer_count(g, groups.size());
        e.mul(std::move(layer));
        t.push_back(std::move(e));
    }
    t.push_back(lm_head_expr(m));
    return {sum_of(std::move(t)), "F_decode/token", "FLOP", kFlopsSource,
            "the token after an s-token context: attends s + 1 keys (itself included) from the KV cache"};
}

Built training_flops_expr(const Ctx& c) {
    const FlopsReport& f = c.r.flops;
    Ex e = k(3);
    e.mul(leaf(f.forward_per_token, "F_fwd", "FLOP"));
    std::string note = "forward + backward (2 × forward: gradients w.r.t. inputs and weights)";
    const Recompute rc = parse_recompute(c.in.recompute);
    if (rc == Recompute::Full) {
        e.add(leaf(f.attn_proj_per_token + f.attn_scores_per_token + f.mlp_per_token, "F_layers", "FLOP"));
        note += "; full recompute runs the layers' forward once more, not the LM head (Narayanan eq. 3)";
    } else if (rc == Recompute::Selective) {
        e.add(leaf(f.attn_scores_per_token, "F_scores", "FLOP"));
        note += "; selective recompute re-runs the attention scores (Korthikanti et al. 2022 Sec. 5)";
    }
    return {e, "F_train/token", "FLOP",
            "Narayanan et al. 2021 Sec. 5.1 (backward = 2 × forward; eq. 3 with recompute); seed 000: F_train = 3 or 4 × F_fwd",
            note};
}

// ---------------------------------------------------------------- [SECTION] memory
// Whole-model weight bytes: N × bytes when every tensor is stored in the chosen format, else the stored parts.
Ex weights_total_expr(const Ctx& c, std::string* note) {
    const WeightBytes& w = c.r.weights_detail;
    const NumberFormat& f = fmt_or_bf16(c.in.weights);
    if (f.bits_num % (8 * f.bits_den) == 0 && !f.is_gguf() && !f.experts_only) {
        const double bytes = d(f.bits_num / (8 * f.bits_den));
        if (d(c.r.params.total) * bytes == d(w.total)) {
            Ex e = leaf(d(c.r.params.total), "N");
            e.mul(leaf(bytes, "bytes(weights)", "B"));
            return e;
        }
    }
    std::vector<Ex> t;
    if (w.embeddings) t.push_back(leaf(d(w.embeddings), "W_embed", "B"));
    if (w.lm_head) t.push_back(leaf(d(w.lm_head), "W_lm_head", "B"));
    if (w.layers) t.push_back(leaf(d(w.layers), "W_layers", "B"));
    if (w.experts) t.push_back(leaf(d(w.experts), "W_experts", "B"));
    if (w.small) t.push_back(leaf(d(w.small), "W_norms_biases", "B"));
    if (note)
        *note = "each part is Σ tensor elements × its storage bits ÷ 8: linear weights in " + f.label +
                (f.is_gguf() ? " (llama.cpp's per-tensor types for this GGUF recipe; 1-D tensors F32)"
                             : "; norms and biases 16-bit") +
                (c.in.embed_16bit ? "; embeddings and LM head 16-bit when the format is narrower (embed_16bit)" : "");
    return sum_of(std::move(t));
}

Built inf_weights_expr(const Ctx& c) {
    std::string note;
    Ex e = weights_total_expr(c, &note);
    e.div(shards(c.in));
    return {ceil_of(std::move(e)), "weights/GPU", "B",
            "seed 002 / seed 004: parameters × bytes per parameter; split evenly over tp × pp", note};
}

// Tokens one sequence keeps in a layer group: ctx, window-capped for sliding layers, rounded up to kv_block pages.
Ex kv_tokens(const Ctx& c, bool sliding, Ex ctx, int64_t block) {
    if (sliding) ctx = min_of(std::move(ctx), leaf(d(c.m.sliding_window), "window"));
    if (block <= 0) return ctx;
    Ex pages = std::move(ctx);
    pages.div(leaf(d(block), "kv_block"));
    Ex e = ceil_of(std::move(pages));
    e.mul(leaf(d(block), "kv_block"));
    return e;
}

// Σ over layer kinds of count × KV elements per token (× tokens kept when ctx is given).
Ex kv_elements(const Ctx& c, const Ex* ctx, int64_t block) {
    const ModelConfig& m = c.m;
    struct G { int64_t elems; bool sliding; int64_t count; };
    std::vector<G> gs;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const int64_t e = kv_elements_per_token_layer(m, i);
        if (e == 0) continue;  // linear-attention / MLP-only layers cache no keys (their state: state_bytes)
        const bool sl = ctx && m.is_sliding_layer(i);
        auto it = std::find_if(gs.begin(), gs.end(), [&](const G& g) { return g.elems == e && g.sliding == sl; });
        if (it == gs.end()) gs.push_back({e, sl, 1});
        else ++it->count;
    }
    std::vector<Ex> t;
    for (const auto& g : gs) {
        Ex e = gs.size() == 1 ? leaf(d(g.count), m.is_hybrid() ? "L_attention" : "L")
                              : leaf(d(g.count), g.sliding ? "L_sliding" : "L_global");
        if (m.attn == AttnKind::MLA && g.elems == m.kv_lora_rank + m.qk_rope_head_dim) {
            e.mul(sum_of({leaf(d(m.kv_lora_rank), "r_kv"), leaf(d(m.qk_rope_head_dim), "d_rope")}));
        } else if (m.attn == AttnKind::Standard && g.elems == 2 * m.kv_heads() * m.head_size()) {
            e.mul(k(2)).mul(leaf(d(m.kv_heads()), "kv_heads")).mul(leaf(d(m.head_size()), "head_dim"));
        } else {
            e.mul(leaf(d(g.elems), "kv_elements"));
        }
        if (ctx) e.mul(kv_tokens(c, g.sliding, *ctx, block));
        t.push_back(std::move(e));
    }
    return sum_of(std::move(t));
}

const char* kKvSource = "vLLM, Kwon et al. 2023 Sec. 2-3: K and V per layer per token; seed 004: KV = 2 × b × s × l × h × "
                        "bytes; MLA caches kv_lora_rank + qk_rope_head_dim per layer (DeepSeek-V2, arXiv:2405.04434 Sec. 2.1.2)";

Built kv_per_token_expr(const Ctx& c) {
    const NumberFormat& f = fmt_or_bf16(c.in.kv);
    return {bytes_of(kv_elements(c, nullptr, 0), f, "kv"), "KV/token", "B", kKvSource,
            "all layers, no sliding-window cap (the cache size per sequence caps sliding layers)"};
}

// KV bytes of all sequences at context ctx: elements × sequences × bits ÷ 8 (exact, rounded up once).
Ex kv_bytes_all(const Ctx& c, const Ex& ctx, int64_t block) {
    Ex cnt = kv_elements(c, &ctx, block);
    cnt.mul(sequences(c.in));
    return bytes_of(std::move(cnt), fmt_or_bf16(c.in.kv), "kv");
}

Built inf_kv_expr(const Ctx& c) {
    Ex ctx = leaf(d(c.in.seq), "s");
    ctx.add(leaf(d(c.in.gen), "gen"));
    Ex all = kv_bytes_all(c, ctx, c.in.kv_block);
    std::string note = "every sequence keeps s + gen tokens; sliding-window layers keep at most the window";
    if (c.in.kv_block > 0) note += "; rounded up to whole kv_block pages (vLLM PagedAttention)";
    Ex e;
    const bool mla = c.m.attn == AttnKind::MLA;
    if (c.in.tp == 1 && c.in.pp == 1) {
        e = std::move(all);
    } else if (mla) {
        all.div(leaf(d(c.in.pp), "pp"));
        e = ceil_of(std::move(all));
        note += "; MLA's latent is replicated on every TP rank, PP splits the layers";
    } else {
        Ex per = leaf(d(c.m.kv_heads()), "kv_heads");
        per.div(leaf(d(c.in.tp), "tp"));
        all.mul(ceil_of(std::move(per)));
        Ex den = leaf(d(c.m.kv_heads()), "kv_heads");
        den.mul(leaf(d(c.in.pp), "pp"));
        all.div(std::move(den));
        e = ceil_of(std::move(all));
        note += "; TP splits the KV heads (a head is never split: each rank keeps ⌈kv_heads ÷ tp⌉), PP the layers";
    }
    return {e, "KV/GPU", "B", kKvSource, note};
}

// Elements per token of one layer's prefill peak: residual stream + MLP intermediates (max over layer kinds).
Ex act_elems_expr(const ModelConfig& m) {
    const double per = m.mlp == MlpKind::Gated ? 2.0 : 1.0;
    bool dense = false, moe = false;
    for (int64_t i = 0; i < m.num_layers; ++i)
        if (m.has_ffn(i)) (m.is_moe_layer(i) ? moe : dense) = true;  // memory.cpp make_inference_plan
    std::vector<Ex> alts;
    if (dense) {
        Ex w = k(per);
        w.mul(leaf(d(m.dense_ffn()), "I"));
        alts.push_back(sum_of({h_(m), std::move(w)}));
    }
    if (moe) {
        Ex routed = leaf(d(m.experts_per_token), "top_k");
        routed.mul(leaf(d(m.moe_intermediate_size), "I_expert"));
        Ex shared = leaf(d(m.num_shared_experts), "shared");
        shared.mul(leaf(d(m.shared_ffn()), "I_shared"));
        Ex w = k(per);
        w.mul(sum_of({std::move(routed), std::move(shared)}));
        alts.push_back(sum_of({h_(m), std::move(w)}));
    }
    if (alts.size() == 2) return max_of(std::move(alts[0]), std::move(alts[1]));
    return std::move(alts[0]);
}

Built inf_act_expr(const Ctx& c) {
    const ModelConfig& m = c.m;
    Ex tokens = sequences(c.in);
    tokens.mul(leaf(d(c.in.seq), "s"));
    if (c.in.prefill_chunk > 0) tokens = min_of(std::move(tokens), leaf(d(c.in.prefill_chunk), "prefill_chunk"));
    Ex act = k(2, "B");
    act.mul(tokens).mul(act_elems_expr(m)).div(leaf(d(c.in.tp), "tp"));
    Ex logits = k(4, "B");
    logits.mul(min_of(sequences(c.in), tokens)).mul(leaf(d(m.vocab_size), "V"));
    std::vector<Ex> t{std::move(act), std::move(logits)};
    if (!c.in.flash_attention) {
        Ex hp = leaf(d(m.num_heads), "heads");
        hp.div(leaf(d(c.in.tp), "tp"));
        Ex sc = k(2, "B");
        sc.mul(ceil_of(std::move(hp))).mul(tokens).mul(leaf(d(c.in.seq), "s"));
        t.push_back(std::move(sc));
    }
    return {ceil_of(sum_of(std::move(t))), "activations/GPU", "B",
            "llmcalc estimate: the largest transient of one layer during prefill, 16-bit — residual stream h and the "
            "MLP intermediates (gated: gate and up); fp32 logits of each sequence's last token (transformers upcasts "
            "logits); without flash attention also the heads × tokens × s score matrix",
            "inference keeps no activations across layers; prefill_chunk caps the tokens of one step"};
}

Built inf_overhead_expr(const Ctx& c) {
    const InferenceMemory& im = c.r.inference_memory;
    Ex pct = leaf(c.in.overhead_pct, "overhead_pct");
    pct.div(k(100)).mul(sum_of({leaf(d(im.weights_bytes), "weights", "B"), leaf(d(im.kv_cache_bytes), "KV", "B")}));
    Ex ctx = leaf(c.in.cuda_context_gb, "cuda_context_gb");
    ctx.mul(giga());
    Ex res = leaf(c.in.reserve_gb, "reserve_gb");
    res.mul(giga());
    return {sum_of({ceil_of(std::move(pct)), ceil_of(std::move(ctx)), ceil_of(std::move(res))}), "overhead/GPU", "B",
            "seed 004 / seed 001: fragmentation, buffers and the CUDA context — every part a named input "
            "(overhead_pct of weights + KV, cuda_context_gb, reserve_gb)",
            ""};
}

// Hybrid models' linear-attention state (memory.cpp recurrent_state_per_sequence): a constant per sequence.
Built inf_state_expr(const Ctx& c) {
    Ex e = leaf(d(c.r.state_per_sequence.bytes), "state/sequence", "B");
    e.mul(leaf(d(c.in.batch), "batch")).mul(leaf(d(c.in.concurrency), "concurrency"));
    if (c.in.tp > 1 || c.in.pp > 1) {
        e.div(leaf(d(c.in.tp), "tp")).div(leaf(d(c.in.pp), "pp"));
        e = ceil_of(std::move(e));
    }
    return {e, "state/GPU", "B",
            "vLLM MambaStateShapeCalculator: per linear-attention layer a conv window (K − 1) × conv channels and a "
            "recurrent state (Gated DeltaNet Hv × dk × dv; Mamba-2 heads × head_dim × ssm_state_size), in the config's "
            "state dtypes, per sequence whatever its length",
            c.r.state_per_sequence.layers ? std::to_string(c.r.state_per_sequence.layers) + " linear-attention layers"
                                          : "no linear-attention layers"};
}

Built inf_total_expr(const Ctx& c) {
    const InferenceMemory& im = c.r.inference_memory;
    std::vector<Ex> t = {leaf(d(im.weights_bytes), "weights", "B"), leaf(d(im.kv_cache_bytes), "KV", "B")};
    if (im.state_bytes > 0) t.push_back(leaf(d(im.state_bytes), "state", "B"));
    t.push_back(leaf(d(im.activations_bytes), "activations", "B"));
    t.push_back(leaf(d(im.overhead_bytes), "overhead", "B"));
    return {sum_of(std::move(t)), "total/GPU", "B",
            "seed 004: total inference memory = model size + KV cache + activation memory (+ overhead); hybrid "
            "models add their linear-attention state", ""};
}

// ZeRO divides by dp from `stage` on (a division by 1 is left out: it changes nothing).
Ex& zero_div(Ex& e, const Inputs& in, int stage) {
    if (in.zero >= stage) e.div(leaf(d(in.dp), "dp"));
    return e;
}

const char* kZeroSource = "ZeRO, Rajbhandari et al. 2020 Sec. 5 / Fig. 1: stage 1 shards optimizer states (and the fp32 "
                          "master copy), stage 2 gradients, stage 3 parameters over the dp ranks";

struct TrainCtx {
    TrainingPlan plan;
    TrainLayout layout;
};

TrainCtx train_ctx(const Ctx& c) { return {make_training_plan(c.m, c.r.params, c.in), layout_from_inputs(c.in)}; }

bool model_parallel(const Inputs& in) { return in.tp > 1 || in.pp > 1 || in.ep > 1; }

// Parameters and trainable parameters on the most loaded GPU: memory.cpp param_shard computes them (the count the
// layout search uses too); the explanation shows its result, not a second copy of its formula.
const char* kShardNote = "ψ_gpu: the most loaded pipeline stage's ⌈L ÷ pp⌉ layers ÷ tp (experts ÷ ep) + the larger of "
                         "embedding and LM head ÷ tp (memory.cpp param_shard, as Megatron-LM places them)";

Ex params_gpu_expr(const Ctx& c, const TrainCtx& t) {
    if (!model_parallel(c.in)) return leaf(t.plan.params, "N");
    return leaf(param_shard(t.plan, t.layout).params, "ψ_gpu");
}

// Trainable parameters on that GPU.
Ex trainable_gpu_expr(const Ctx& c, const TrainCtx& t) {
    const TrainingPlan& p = t.plan;
    if (c.in.finetune == "full") return params_gpu_expr(c, t);
    if (!model_parallel(c.in)) return leaf(p.trainable, "N_trainable");
    return leaf(param_shard(p, t.layout).trainable, "ψ_trainable_gpu");
}

const char* finetune_note(const Inputs& in) {
    if (in.finetune == "lora") return "LoRA: only the rank-r adapters A (r × in) and B (out × r) train (Hu et al. 2021)";
    if (in.finetune == "qlora") return "QLoRA: 4-bit frozen base weights, 16-bit adapters (Dettmers et al. 2023)";
    if (in.finetune == "freeze") return "freeze: only the last freeze_train_layers layers train";
    return "full fine-tuning / pre-training: every parameter trains";
}

Built train_weights_expr(const Ctx& c) {
    const TrainCtx t = train_ctx(c);
    Ex w = leaf(t.plan.weight_bytes_total, "W_base", "B");
    if (model_parallel(c.in)) {
        Ex share = params_gpu_expr(c, t);
        share.div(leaf(t.plan.params, "N"));
        w.mul(std::move(share));
    }
    Ex e = std::move(w);
    if (t.plan.adapter_bytes_per_param > 0) {
        Ex ad = trainable_gpu_expr(c, t);
        ad.mul(leaf(t.plan.adapter_bytes_per_param, "bytes(adapter)", "B"));
        e = sum_of({std::move(e), std::move(ad)});
    }
    zero_div(e, c.in, 3);
    return {ceil_of(std::move(e)), "weights/GPU", "B", std::string("seed 001: 2φ bytes for 16-bit weights; ") + kZeroSource,
            std::string("W_base = the whole model's weight bytes in its storage format; ") + finetune_note(c.in) +
                (model_parallel(c.in) ? std::string("; ") + kShardNote : std::string())};
}

Built train_grads_expr(const Ctx& c) {
    const TrainCtx t = train_ctx(c);
    Ex e = trainable_gpu_expr(c, t);
    e.mul(leaf(t.plan.grad_bytes, "bytes(grad)", "B"));
    zero_div(e, c.in, 2);
    return {ceil_of(std::move(e)), "gradients/GPU", "B",
            std::string("seed 001/002: one gradient per trainable parameter; ") + kZeroSource,
            finetune_note(c.in) + (model_parallel(c.in) ? std::string("; ") + kShardNote : std::string())};
}

Built train_opt_expr(const Ctx& c) {
    const TrainCtx t = train_ctx(c);
    const Optimizer* o = find_optimizer(c.in.optimizer);
    Ex e = trainable_gpu_expr(c, t);
    const std::string states = o ? std::string(effective_states(*o, c.in.optimizer_states)) : c.in.optimizer_states;
    e.mul(leaf(t.plan.opt_bytes_per_trainable, "state_bytes(" + c.in.optimizer + ", " + states + ")", "B"));
    zero_div(e, c.in, 1);
    return {ceil_of(std::move(e)), "optimizer/GPU", "B",
            std::string("seed 001: Adam keeps m and v in fp32 = 8φ bytes; ") + (o ? o->source : std::string()) + "; " +
                kZeroSource,
            "state bytes per trainable parameter (Adafactor / Muon: averaged over the factored matrices)"};
}

Built train_master_expr(const Ctx& c) {
    const TrainCtx t = train_ctx(c);
    if (t.plan.master_bytes <= 0)
        return {k(0, "B"), "master/GPU", "B", "Micikevicius et al. 2018 (mixed precision): fp32 master copy",
                c.in.master_weights ? "fp32 weights need no separate master copy" : "master_weights=false: no fp32 copy"};
    Ex e = trainable_gpu_expr(c, t);
    e.mul(leaf(t.plan.master_bytes, "bytes(master)", "B"));
    zero_div(e, c.in, 1);
    return {ceil_of(std::move(e)), "master/GPU", "B",
            std::string("seed 001: mixed precision keeps an fp32 master copy (Micikevicius et al. 2018); ") + kZeroSource, ""};
}

// Bytes per token of one layer's TP-split activations (memory.cpp make_training_plan), spelled out for uniform
// dense layers with standard attention.
Ex act_parallel_expr(const Ctx& c, const TrainingPlan& p) {
    const ModelConfig& m = c.m;
    bool uniform = m.attn == AttnKind::Standard;
    for (int64_t i = 0; i < m.num_layers && uniform; ++i) uniform = !m.is_moe_layer(i);
    if (!uniform) return leaf(p.act_parallel, "A_par");
    const Ex hd = leaf(d(m.head_size()), "head_dim");
    Ex q = k(2);
    q.mul(leaf(d(m.num_heads), "heads")).mul(hd);
    Ex kv = k(2);
    kv.mul(leaf(d(m.kv_heads()), "kv_heads")).mul(hd);
    Ex attn = k(2);
    attn.mul(sum_of({std::move(q), std::move(kv)}));
    Ex mlp = k(m.mlp == MlpKind::Gated ? 6 : 4);
    mlp.mul(leaf(d(m.dense_ffn()), "I"));
    return sum_of({std::move(attn), std::move(mlp)});
}

Built train_act_expr(const Ctx& c) {
    const ModelConfig& m = c.m;
    const TrainCtx t = train_ctx(c);
    const TrainingPlan& p = t.plan;
    const TrainLayout& l = t.layout;
    Ex s = leaf(d(c.in.seq), "s");
    if (l.cp > 1) s.div(leaf(d(l.cp), "cp"));
    const Ex b = leaf(d(l.micro_batch), "b"), tp = leaf(d(l.tp), "tp");
    Ex rep = k(10);
    rep.mul(h_(m)).mul(s).mul(b);
    Ex par = act_parallel_expr(c, p);
    par.mul(s).mul(b);
    std::vector<Ex> split{std::move(par)};
    if (!(c.in.flash_attention || l.recompute != Recompute::None)) {
        Ex keys = leaf(d(c.in.seq), "s");
        if (p.sliding_fraction > 0) {
            Ex g = k(1);
            g.sub(leaf(p.sliding_fraction, "f_sliding"));
            g.mul(leaf(d(c.in.seq), "s"));
            Ex sl = leaf(p.sliding_fraction, "f_sliding");
            sl.mul(p.window > 0 ? min_of(leaf(d(c.in.seq), "s"), leaf(d(p.window), "window")) : leaf(d(c.in.seq), "s"));
            keys = sum_of({std::move(g), std::move(sl)});
        }
        Ex score = k(5);
        score.mul(leaf(d(m.num_heads), "heads")).mul(b).mul(s).mul(std::move(keys));
        split.push_back(std::move(score));
    }
    Ex layer_full;
    if (l.sp) {
        std::vector<Ex> all{std::move(rep)};
        for (auto& x : split) all.push_back(std::move(x));
        layer_full = sum_of(std::move(all));
        layer_full.div(tp);
    } else {
        Ex sp_part = sum_of(std::move(split));
        sp_part.div(tp);
        layer_full = sum_of({std::move(rep), std::move(sp_part)});
    }
    // layers whose activations one GPU keeps
    Ex layers = leaf(d(m.num_layers), "L");
    if (l.pp > 1) {
        layers.div(leaf(d(l.pp), "pp"));
        layers = ceil_of(std::move(layers));
    }
    if (c.in.finetune == "freeze") layers = min_of(std::move(layers), leaf(d(p.act_layers), "L_trained"));
    Ex act;
    if (l.recompute == Recompute::Full) {
        Ex stored = k(2, "B");
        stored.mul(h_(m)).mul(s).mul(b);
        if (l.sp) stored.div(tp);
        stored.mul(std::move(layers));
        if (l.pp > 1) stored.mul(min_of(leaf(d(l.pp), "pp"), max_of(k(1), leaf(d(l.microbatches), "grad_accum"))));
        act = sum_of({std::move(stored), std::move(layer_full)});
    } else {
        act = std::move(layer_full);
        act.mul(std::move(layers));
        if (l.pp > 1) act.mul(min_of(leaf(d(l.pp), "pp"), max_of(k(1), leaf(d(l.microbatches), "grad_accum"))));
    }
    std::vector<Ex> total{std::move(act)};
    if (l.pp == 1) {
        Ex logits = k(4, "B");
        logits.mul(s).mul(b).mul(leaf(d(m.vocab_size), "V")).div(tp);
        total.push_back(std::move(logits));
    }
    std::string src =
        "Korthikanti et al. 2022 (arXiv:2205.05198) eqs. 1-4 generalized: per layer 10h replicated bytes per token "
        "(norm inputs, dropout masks) + TP-split bytes (attention projections' inputs and MLP intermediates; GPT-3 "
        "shapes give 24h) + 5 × heads × s score bytes without flash attention; seed 004: b × s × h × (34 + 5 × s × a ÷ h)";
    std::string note = "activations of one micro-batch for the layers of one pipeline stage";
    if (l.pp > 1) note += " × min(pp, grad_accum) micro-batches in flight (1F1B)";
    if (l.recompute == Recompute::Full) note += "; full recompute keeps each layer's 2sbh input and one layer's full set";
    if (l.recompute == Recompute::Selective) note += "; selective recompute drops the score matrices (Korthikanti Sec. 4.2)";
    if (l.pp == 1) note += "; + fp32 logits of the loss (4 × s × b × V ÷ tp)";
    return {ceil_of(sum_of(std::move(total))), "activations/GPU", "B", src, note};
}

Built train_overhead_expr(const Ctx& c) {
    const TrainingMemory& t = c.r.training_memory;
    Ex ctx = leaf(c.in.cuda_context_gb, "cuda_context_gb");
    ctx.mul(giga());
    Ex comm = leaf(c.in.comm_buffer_gb, "comm_buffer_gb");
    comm.mul(giga());
    const int64_t states = t.weights_bytes + t.gradients_bytes + t.optimizer_bytes + t.master_weights_bytes +
                           t.activations_bytes;
    Ex frag = leaf(c.in.fragmentation_pct, "fragmentation_pct");
    frag.div(k(100)).mul(sum_of({leaf(d(states), "states", "B"), leaf(d(t.cuda_context_bytes), "context", "B"),
                                 leaf(d(t.comm_buffer_bytes), "buffers", "B")}));
    Ex pct = leaf(c.in.overhead_pct, "overhead_pct");
    pct.div(k(100)).mul(leaf(d(states), "states", "B"));
    return {sum_of({ceil_of(std::move(ctx)), ceil_of(std::move(comm)), ceil_of(std::move(frag)), ceil_of(std::move(pct))}),
            "overhead/GPU", "B",
            "named inputs: cuda_context_gb (CUDA context, framework), comm_buffer_gb (NCCL / DDP buckets), "
            "fragmentation_pct of everything else, overhead_pct of the states; seed 001: other overheads",
            "states = weights + gradients + optimizer + master + activations"};
}

Built train_total_expr(const Ctx& c) {
    const TrainingMemory& t = c.r.training_memory;
    return {sum_of({leaf(d(t.weights_bytes), "weights", "B"), leaf(d(t.gradients_bytes), "gradients", "B"),
                    leaf(d(t.optimizer_bytes), "optimizer", "B"), leaf(d(t.master_weights_bytes), "master", "B"),
                    leaf(d(t.activations_bytes), "activations", "B"), leaf(d(t.overhead_bytes), "overhead", "B")}),
            "total/GPU", "B", "seed 001: parameters + gradients + optimizer states + activations (+ other overhead)", ""};
}

// ---------------------------------------------------------------- [SECTION] GPUs and time
Ex usable_expr(const Ctx& c) {
    Ex u = leaf(c.r.gpu.memory_bytes, "M_gpu", "B");
    u.mul(leaf(c.r.gpu.usable_fraction, "usable_fraction")).mul(leaf(c.in.gpu_mem_util, "gpu_mem_util"));
    return u;
}

// GPU counts saturate at kMaxGpuCount (magnitude.hpp) rather than overflow; shown only when it applies.
Ex saturate(Ex e) {
    if (eval(e) <= kMaxGpuCount) return e;
    return min_of(std::move(e), leaf(kMaxGpuCount, "max_gpu_count"));
}

Built gpus_expr(const Ctx& c) {
    const Report& r = c.r;
    const double usable = r.gpu_memory_bytes;
    Built b;
    b.name = "GPUs";
    b.unit = "GPUs";
    b.source = "per-GPU totals compared with one GPU's usable memory (" + r.gpu.source + ")";
    if (r.gpus_needed_basis == "tp" || r.gpus_needed_basis == "tp_pp") {
        // the fewest GPUs of any tp x pp split that fits (memory.cpp smallest_inference_split)
        const InferencePlan plan = make_inference_plan(c.m, c.in);
        const InferenceMemory at = evaluate_inference(plan, c.in, r.gpus_needed_tp, r.gpus_needed_pp, c.in.batch,
                                                      c.in.concurrency, c.in.seq, c.in.gen);
        b.expr = leaf(d(r.gpus_needed_tp), "tp");
        b.expr.mul(leaf(d(r.gpus_needed_pp), "pp"));
        b.note = "the fewest GPUs of any split that fits (tp dividing heads = " + std::to_string(c.m.num_heads) +
                 ", at most gpus_per_node; pp up to the layers): tp=" + std::to_string(r.gpus_needed_tp) +
                 " x pp=" + std::to_string(r.gpus_needed_pp) + " needs " + gb_text(d(at.total_bytes)) + " ≤ " +
                 gb_text(usable) + " per GPU; the memory pooled over " + std::to_string(r.gpus_needed_pooled) +
                 " GPUs is the lower bound";
        b.source += "; tensor parallelism needs tp | heads (Megatron-LM, vLLM), pipeline stages split the layers";
        return b;
    }
    if (r.gpus_needed_basis == "none") {
        b.expr = k(0);
        b.note = "no tp x pp split fits: one GPU's share of the activations and overheads alone exceeds it";
        return b;
    }
    const TrainCtx t = train_ctx(c);
    Ex group = leaf(d(c.in.tp), "tp");
    group.mul(leaf(d(c.in.pp), "pp")).mul(leaf(d(c.in.cp), "cp"));
    if (r.gpus_needed_basis == "dp") {
        const int64_t group_n = c.in.tp * c.in.pp * c.in.cp;
        const int64_t dp_min = group_n > 0 ? r.gpus_needed / group_n : 0;
        b.expr = std::move(group);
        b.expr.mul(leaf(d(dp_min), "dp_min"));
        TrainLayout l = t.layout;
        l.dp = dp_min;
        const TrainingMemory at = evaluate_training(t.plan, c.in, l);
        b.note = "dp_min = the smallest data-parallel size whose per-GPU total fits at zero=" + std::to_string(c.in.zero) +
                 ": " + gb_text(d(at.total_bytes)) + " ≤ " + gb_text(usable);
        if (dp_min > 1) {
            l.dp = dp_min - 1;
            b.note += "; dp=" + std::to_string(dp_min - 1) + " needs " +
                      gb_text(d(evaluate_training(t.plan, c.in, l).total_bytes));
        }
        b.source += "; " + std::string(kZeroSource);
        return b;
    }
    // pooled_zero3: model states pooled as ZeRO-3 would, over GPUs that each keep activations and overheads
    TrainLayout l = t.layout;
    l.dp = 1;
    l.zero = 3;
    const TrainingMemory one = evaluate_training(t.plan, c.in, l);
    const double fixed = d(one.activations_bytes + one.cuda_context_bytes + one.comm_buffer_bytes);
    const double states = d(one.weights_bytes + one.gradients_bytes + one.optimizer_bytes + one.master_weights_bytes);
    if (!(usable > fixed)) { b.expr = k(0); b.note = "activations and per-GPU overheads alone exceed one GPU"; return b; }
    Ex free = sum_of({usable_expr(c)});
    free.sub(leaf(fixed, "per_gpu_fixed", "B"));
    Ex n = leaf(states, "model_states", "B");
    n.div(std::move(free));
    b.expr = std::move(group);
    b.expr.mul(ceil_of(std::move(n)));
    b.expr = saturate(std::move(b.expr));
    b.note = "nothing fits at zero=" + std::to_string(c.in.zero) +
             ": model states (weights, gradients, optimizer, master) pooled as under ZeRO-3; per_gpu_fixed = activations "
             "+ context + buffers";
    b.source += "; " + std::string(kZeroSource);
    return b;
}

Ex peak_leaf(const Ctx& c) { return leaf(c.r.peak_flops, "peak(" + c.in.weights + ")", "FLOP/s"); }

// The FLOPs per token and utilisation of the training time (timing.cpp training_rate): model FLOPs and mfu, or the
// executed FLOPs (recompute included) and hfu.
bool uses_hfu(const Ctx& c) { return c.r.utilisation_basis == "hfu"; }
Ex util_leaf(const Ctx& c) { return uses_hfu(c) ? leaf(c.in.hfu, "hfu") : leaf(c.in.mfu, "mfu"); }
Ex rate_flops_leaf(const Ctx& c) {
    return uses_hfu(c) ? leaf(c.r.flops.training_per_token, "F_train/token", "FLOP")
                       : leaf(c.r.flops.model_training_per_token, "F_model/token", "FLOP");
}

Built training_time_expr(const Ctx& c) {
    Ex e = leaf(c.in.tokens, "D_tokens");
    e.mul(rate_flops_leaf(c));
    Ex den = leaf(d(c.in.gpus), "gpus");
    den.mul(peak_leaf(c)).mul(util_leaf(c));
    e.div(std::move(den));
    if (uses_hfu(c))
        return {e, "T_train", "s",
                "Narayanan et al. 2021 Sec. 5.1 eq. 4 (X = achieved FLOP/s counting recompute, 8TP/(nX) under full "
                "recompute); PaLM App. B (HFU); peak from " + c.r.gpu.source,
                "executed FLOPs per token, recompute included, over hfu = achieved ÷ peak"};
    return {e, "T_train", "s",
            "PaLM, Chowdhery et al. 2022 App. B (MFU = model FLOPs / peak); seed 000 训练时间 = FLOPs / (GPUs × peak × "
            "utilisation); peak from " + c.r.gpu.source,
            "model FLOPs = 3 × forward per token (recompute not counted: it lowers MFU instead; or give hfu)"};
}

Built ttft_expr(const Ctx& c) {
    Ex e = leaf(c.r.flops.forward_per_sequence, "F_prefill/seq", "FLOP");
    e.mul(sequences(c.in));
    Ex den = leaf(d(c.in.tp), "tp");
    den.mul(peak_leaf(c)).mul(leaf(c.in.prefill_efficiency, "prefill_efficiency"));
    e.div(std::move(den));
    std::string note = "compute-bound prefill of every sequence's prompt on one replica's tp GPUs (pipeline stages "
                       "run one after another)";
    if (c.r.inference.tp_comm_seconds_prefill > 0) {
        e = sum_of({std::move(e), leaf(c.r.inference.tp_comm_seconds_prefill, "T_allreduce", "s")});
        note += "; + two ring all-reduces of the hidden state per layer (tp_comm)";
    }
    return {e, "TTFT", "s", "seed 004: prefill time = 2 × N × prompt tokens / (GPUs × peak × utilisation); peak from " +
                                c.r.gpu.source,
            note};
}

Built tpot_expr(const Ctx& c) {
    const ModelConfig& m = c.m;
    const WeightBytes& w = c.r.weights_detail;
    // weights read per step: all of them; MoE: the experts the step's tokens select under uniform routing
    Ex wread = leaf(d(w.total), "W_total", "B");
    if (m.num_experts > 0 && m.experts_per_token < m.num_experts) {
        Ex dense = sum_of({leaf(d(w.total), "W_total", "B")});
        dense.sub(leaf(d(w.experts), "W_experts", "B"));
        Ex miss = k(1);
        miss.sub([&] { Ex x = leaf(d(m.experts_per_token), "top_k"); x.div(leaf(d(m.num_experts), "experts")); return x; }());
        Ex touched = k(1);
        touched.sub(fn(Ex::Pow, {std::move(miss), sequences(c.in)}));
        Ex exp = leaf(d(w.experts), "W_experts", "B");
        exp.mul(std::move(touched));
        wread = sum_of({std::move(dense), std::move(exp)});
    }
    // KV read at the mean context of the generation: s + ⌊gen ÷ 2⌋
    Ex half = leaf(d(c.in.gen), "gen");
    half.div(k(2));
    Ex ctx = leaf(d(c.in.seq), "s");
    ctx.add(fn(Ex::Floor, {std::move(half)}));
    Ex bytes = sum_of({std::move(wread), kv_bytes_all(c, ctx, 0)});
    Ex bw = leaf(c.r.gpu.bandwidth, "bandwidth", "B/s");
    bw.mul(leaf(c.in.decode_bw_efficiency, "decode_bw_efficiency")).mul(leaf(d(c.in.tp), "tp"));
    bytes.div(std::move(bw));
    Ex fl = leaf(c.r.flops.decode_per_token, "F_decode/token", "FLOP");
    fl.mul(sequences(c.in));
    Ex pk = peak_leaf(c);
    pk.mul(leaf(c.in.prefill_efficiency, "prefill_efficiency")).mul(leaf(d(c.in.tp), "tp"));
    fl.div(std::move(pk));
    Ex e = max_of(std::move(bytes), std::move(fl));
    std::string note = "decode is " + c.r.inference.decode_bound + "-bound here";
    if (m.num_experts > 0) note += "; MoE: an expert is read when one of the step's tokens routes to it";
    if (c.r.inference.tp_comm_seconds_per_token > 0) {
        e = sum_of({std::move(e), leaf(c.r.inference.tp_comm_seconds_per_token, "T_allreduce", "s")});
        note += "; + TP all-reduces (tp_comm)";
    }
    return {e, "TPOT", "s",
            "roofline: one decode step reads the weights and the KV cache once (memory time) or is compute-bound, "
            "whichever is longer (seed 004: decode reuses the KV cache); bandwidth and peak from " + c.r.gpu.source,
            note};
}

Built tps_expr(const Ctx& c) {
    Ex e = k(1);
    e.div(leaf(c.r.inference.tpot_seconds, "TPOT", "s"));
    return {e, "tokens/s", "tokens/s", "seed 004: TPS per request = 1 / TPOT", "per request; the aggregate is × batch × concurrency"};
}

Built model_training_flops_expr(const Ctx& c) {
    Ex e = k(3);
    e.mul(leaf(c.r.flops.forward_per_token, "F_fwd", "FLOP"));
    return {e, "F_model/token", "FLOP", "PaLM, Chowdhery et al. 2022 App. B: model FLOPs = forward + backward, no recompute",
            "MFU's numerator"};
}

Built training_total_flops_expr(const Ctx& c) {
    Ex e = leaf(c.in.tokens, "D_tokens");
    e.mul(leaf(c.r.flops.training_per_token, "F_train/token", "FLOP"));
    return {e, "C_train", "FLOP", "Kaplan et al. 2020 eq. 2.1 (C ≈ 6ND) counted exactly; Narayanan et al. 2021 eq. 3",
            "what the GPUs execute, recompute included"};
}

Built training_days_expr(const Ctx& c) {
    Ex e = leaf(c.r.training_seconds, "T_train", "s");
    e.div(k(86400));
    return {e, "days", "days", "86,400 seconds per day", ""};
}

Built gpu_hours_expr(const Ctx& c) {
    Ex e = leaf(c.r.training_seconds, "T_train", "s");
    e.mul(leaf(d(c.in.gpus), "gpus")).div(k(3600));
    return {e, "GPU-hours", "GPU-h", "T_train × GPUs ÷ 3,600 s", ""};
}

Built cost_expr(const Ctx& c) {
    Ex e = leaf(c.r.training_gpu_hours, "GPU_hours");
    e.mul(leaf(c.in.price_per_gpu_hour, "price_per_gpu_hour"));
    return {e, "cost", "USD", "GPU-hours × price per GPU-hour (named input price_per_gpu_hour)", ""};
}

Built narayanan_expr(const Ctx& c) {
    Ex e = k(8);
    e.mul(leaf(c.in.tokens, "D_tokens")).mul(leaf(d(c.r.params.active), "N_active"));
    Ex achieved = peak_leaf(c);
    achieved.mul(util_leaf(c));
    Ex den = leaf(d(c.in.gpus), "gpus");
    den.mul(std::move(achieved));
    e.div(std::move(den));
    return {e, "T_8TP", "s", "Narayanan et al. 2021 eq. 4: end-to-end time ≈ 8TP / (nX) (full recompute convention)",
            uses_hfu(c) ? "X = peak × hfu achieved per GPU" : "X = peak × mfu achieved per GPU (hfu counts recompute as X does)"};
}

Built tokens_per_day_expr(const Ctx& c) {
    Ex e = k(86400);
    e.mul(leaf(d(c.in.gpus), "gpus")).mul(peak_leaf(c)).mul(util_leaf(c));
    e.div(rate_flops_leaf(c));
    return {e, "tokens/day", "tokens",
            "seconds per day × GPUs × peak × utilisation ÷ the FLOPs per token it counts (PaLM App. B)", ""};
}

Built latency_expr(const Ctx& c) {
    Ex per = leaf(c.r.inference.tpot_seconds, "TPOT", "s");
    per.mul(leaf(d(c.in.gen), "gen"));
    return {sum_of({leaf(c.r.inference.ttft_seconds, "TTFT", "s"), std::move(per)}), "latency", "s",
            "seed 004: Latency = TTFT + TPOT × generated tokens", "time until the last generated token"};
}

Built aggregate_tps_expr(const Ctx& c) {
    Ex e = sequences(c.in);
    e.div(leaf(c.r.inference.tpot_seconds, "TPOT", "s"));
    return {e, "tokens/s (all)", "tokens/s", "every sequence of the batch emits one token per decode step", ""};
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] public
namespace {
double d_tm(int64_t v) { return static_cast<double>(v); }
}  // namespace

// The one table of explained quantities: report path (INTERFACE.md spelling, as report_json writes it), labels,
// unit, and how the report's value is read. explain_paths(), report_value() and --explain all read it.
const std::vector<Quantity>& quantities() {
    using R = const Report&;
    static const std::vector<Quantity> table = {
        {"params.total", "parameters", "参数量", "params", [](R r) { return d_tm(r.params.total); }},
        {"params.active", "active parameters per token", "每 token 激活参数量", "params",
         [](R r) { return d_tm(r.params.active); }},
        {"flops.forward_per_token", "forward FLOPs per token", "每 token 前向 FLOPs", "FLOP",
         [](R r) { return r.flops.forward_per_token; }},
        {"flops.training_per_token", "training FLOPs per token (executed)", "每 token 训练 FLOPs（实际执行）", "FLOP",
         [](R r) { return r.flops.training_per_token; }},
        {"memory.kv_cache_bytes_per_token", "KV cache per token", "每 token KV 缓存", "B",
         [](R r) { return d_tm(r.kv_cache_bytes_per_token); }},
        {"memory.inference.weights_bytes", "inference weights per GPU", "推理：每 GPU 权重", "B",
         [](R r) { return d_tm(r.inference_memory.weights_bytes); }},
        {"memory.inference.kv_cache_bytes", "inference KV cache per GPU", "推理：每 GPU KV 缓存", "B",
         [](R r) { return d_tm(r.inference_memory.kv_cache_bytes); }},
        {"memory.inference.state_bytes", "inference linear-attention state per GPU", "推理：每 GPU 线性注意力状态", "B",
         [](R r) { return d_tm(r.inference_memory.state_bytes); }},
        {"memory.inference.activations_bytes", "inference activations per GPU", "推理：每 GPU 激活", "B",
         [](R r) { return d_tm(r.inference_memory.activations_bytes); }},
        {"memory.inference.overhead_bytes", "inference overhead per GPU", "推理：每 GPU 额外开销", "B",
         [](R r) { return d_tm(r.inference_memory.overhead_bytes); }},
        {"memory.inference.total_bytes", "inference memory per GPU", "推理：每 GPU 显存合计", "B",
         [](R r) { return d_tm(r.inference_memory.total_bytes); }},
        {"memory.training.weights_bytes", "training weights per GPU", "训练：每 GPU 权重", "B",
         [](R r) { return d_tm(r.training_memory.weights_bytes); }},
        {"memory.training.gradients_bytes", "gradients per GPU", "训练：每 GPU 梯度", "B",
         [](R r) { return d_tm(r.training_memory.gradients_bytes); }},
        {"memory.training.optimizer_bytes", "optimizer states per GPU", "训练：每 GPU 优化器状态", "B",
         [](R r) { return d_tm(r.training_memory.optimizer_bytes); }},
        {"memory.training.master_weights_bytes", "fp32 master weights per GPU", "训练：每 GPU FP32 主权重", "B",
         [](R r) { return d_tm(r.training_memory.master_weights_bytes); }},
        {"memory.training.activations_bytes", "training activations per GPU", "训练：每 GPU 激活", "B",
         [](R r) { return d_tm(r.training_memory.activations_bytes); }},
        {"memory.training.overhead_bytes", "training overhead per GPU", "训练：每 GPU 额外开销", "B",
         [](R r) { return d_tm(r.training_memory.overhead_bytes); }},
        {"memory.training.total_bytes", "training memory per GPU", "训练：每 GPU 显存合计", "B",
         [](R r) { return d_tm(r.training_memory.total_bytes); }},
        {"gpus_needed", "GPUs needed", "所需 GPU 数量", "GPUs", [](R r) { return d_tm(r.gpus_needed); }},
        {"time.training_seconds", "training time", "训练时间", "s", [](R r) { return r.training_seconds; }},
        {"inference.ttft_seconds", "time to first token", "首 token 延迟（TTFT）", "s",
         [](R r) { return r.inference.ttft_seconds; }},
        {"inference.tpot_seconds", "time per output token", "每输出 token 时间（TPOT）", "s",
         [](R r) { return r.inference.tpot_seconds; }},
        {"inference.tokens_per_second", "tokens per second per request", "每请求每秒 token 数", "tokens/s",
         [](R r) { return r.inference.tokens_per_second; }},
        {"inference.aggregate_tokens_per_second", "tokens per second, all sequences", "全部序列每秒 token 数",
         "tokens/s", [](R r) { return r.inference.aggregate_tokens_per_second; }},
        {"inference.latency_seconds", "latency to the last token", "生成完成的总延迟", "s",
         [](R r) { return r.inference.latency_seconds; }},
        {"flops.forward_per_sequence", "prefill FLOPs per sequence", "每序列预填充 FLOPs", "FLOP",
         [](R r) { return r.flops.forward_per_sequence; }},
        {"flops.decode_per_token", "decode FLOPs per token", "每 token 解码 FLOPs", "FLOP",
         [](R r) { return r.flops.decode_per_token; }},
        {"flops.model_training_per_token", "model FLOPs per training token", "每训练 token 模型 FLOPs", "FLOP",
         [](R r) { return r.flops.model_training_per_token; }},
        {"time.training_total_flops", "training FLOPs in total", "训练总 FLOPs", "FLOP",
         [](R r) { return r.training_total_flops; }},
        // as report_json writes it
        {"time.training_days", "training days", "训练天数", "days", [](R r) { return r.training_seconds / 86400.0; }},
        {"time.training_gpu_hours", "GPU-hours", "GPU 小时", "GPU-h", [](R r) { return r.training_gpu_hours; }},
        {"time.training_cost_usd", "training cost", "训练成本", "USD", [](R r) { return r.training_cost; }},
        {"time.narayanan_8tp_seconds", "training time, 8TP/(nX)", "训练时间（8TP/(nX)）", "s",
         [](R r) { return r.narayanan_seconds; }},
        {"time.tokens_per_day", "training tokens per day", "每天训练 token 数", "tokens",
         [](R r) { return r.tokens_per_day; }},
    };
    return table;
}

const Quantity* find_quantity(std::string_view path) {
    for (const auto& q : quantities())
        if (path == q.path) return &q;
    return nullptr;
}

const std::vector<std::string>& explain_paths() {
    static const std::vector<std::string> paths = [] {
        std::vector<std::string> out;
        for (const auto& q : quantities()) out.emplace_back(q.path);
        return out;
    }();
    return paths;
}

double report_value(const Report& r, std::string_view p, bool* ok) {
    if (ok) *ok = true;
    constexpr std::string_view kComponent = "params.by_component.";
    if (p.substr(0, kComponent.size()) == kComponent) {
        for (const auto& [name, v] : r.params.by_component)
            if (name == p.substr(kComponent.size())) return d(v);
        if (ok) *ok = false;
        return 0;
    }
    if (const Quantity* q = find_quantity(p)) return q->value(r);
    if (ok) *ok = false;
    return 0;
}

Explanation explain(const Inputs& in, const Report& r, std::string_view path) {
    Explanation out;
    out.path = std::string(path);
    bool known = false;
    const double reported = report_value(r, path, &known);
    if (!known) return out;
    const Inputs eff = effective_inputs(in, r);  // tp, pp, dp as compute() resolved them from gpus
    const Ctx c{eff, r, r.model};
    Built b;
    if (path == "params.total") b = params_expr(c, false);
    else if (path == "params.active") b = params_expr(c, true);
    else if (path == "flops.forward_per_token") b = forward_expr(c);
    else if (path == "flops.training_per_token") b = training_flops_expr(c);
    else if (path == "memory.kv_cache_bytes_per_token") b = kv_per_token_expr(c);
    else if (path == "memory.inference.weights_bytes") b = inf_weights_expr(c);
    else if (path == "memory.inference.kv_cache_bytes") b = inf_kv_expr(c);
    else if (path == "memory.inference.state_bytes") b = inf_state_expr(c);
    else if (path == "memory.inference.activations_bytes") b = inf_act_expr(c);
    else if (path == "memory.inference.overhead_bytes") b = inf_overhead_expr(c);
    else if (path == "memory.inference.total_bytes") b = inf_total_expr(c);
    else if (path == "memory.training.weights_bytes") b = train_weights_expr(c);
    else if (path == "memory.training.gradients_bytes") b = train_grads_expr(c);
    else if (path == "memory.training.optimizer_bytes") b = train_opt_expr(c);
    else if (path == "memory.training.master_weights_bytes") b = train_master_expr(c);
    else if (path == "memory.training.activations_bytes") b = train_act_expr(c);
    else if (path == "memory.training.overhead_bytes") b = train_overhead_expr(c);
    else if (path == "memory.training.total_bytes") b = train_total_expr(c);
    else if (path == "gpus_needed") b = gpus_expr(c);
    else if (path == "time.training_seconds") b = training_time_expr(c);
    else if (path == "inference.ttft_seconds") b = ttft_expr(c);
    else if (path == "inference.tpot_seconds") b = tpot_expr(c);
    else if (path == "inference.tokens_per_second") b = tps_expr(c);
    else if (path == "inference.aggregate_tokens_per_second") b = aggregate_tps_expr(c);
    else if (path == "inference.latency_seconds") b = latency_expr(c);
    else if (path.substr(0, 20) == "params.by_component.") { if (!component_expr(c, path.substr(20), &b)) return out; }
    else if (path == "flops.forward_per_sequence") b = forward_sequence_expr(c);
    else if (path == "flops.decode_per_token") b = decode_expr(c);
    else if (path == "flops.model_training_per_token") b = model_training_flops_expr(c);
    else if (path == "time.training_total_flops") b = training_total_flops_expr(c);
    else if (path == "time.training_days") b = training_days_expr(c);
    else if (path == "time.training_gpu_hours") b = gpu_hours_expr(c);
    else if (path == "time.training_cost_usd") b = cost_expr(c);
    else if (path == "time.narayanan_8tp_seconds") b = narayanan_expr(c);
    else if (path == "time.tokens_per_day") b = tokens_per_day_expr(c);
    else return out;

    out.found = true;
    out.unit = b.unit;
    out.source = b.source;
    out.note = b.note;
    double v = eval(b.expr);
    // Counts and bytes must match exactly, real quantities to rounding.
    const bool same = v == reported || std::fabs(v - reported) <= 1e-9 * std::max(std::fabs(v), std::fabs(reported));
    if (!same) {
        // The core's formula changed and this explanation did not follow: show the reported value only.
        b.expr = leaf(reported, "reported", "");
        v = reported;
        out.exact = false;
        out.note = "explanation out of date with the computation: showing the reported value" +
                   (out.note.empty() ? std::string() : "; " + out.note);
    }
    out.value = v;
    const std::string unit_sp = b.unit.empty() ? std::string() : " " + b.unit;
    out.formula = b.name + " = " + render(b.expr, false);
    out.substituted = render(b.expr, true) + " = " + num_text(v) + unit_sp + human(v, b.unit);
    return out;
}

std::vector<Explanation> explain_all(const Inputs& in, const Report& r) {
    std::vector<Explanation> out;
    out.reserve(explain_paths().size() + r.params.by_component.size());
    for (const auto& p : explain_paths()) {
        Explanation e = explain(in, r, p);
        if (e.found) out.push_back(std::move(e));
    }
    for (const auto& c : r.params.by_component) {
        Explanation e = explain(in, r, "params.by_component." + c.first);
        if (e.found) out.push_back(std::move(e));
    }
    return out;
}

namespace {
std::string quantity_label(std::string_view path, bool zh) {
    if (const Quantity* q = find_quantity(path)) return zh ? q->label_zh : q->label_en;
    constexpr std::string_view kComponent = "params.by_component.";
    if (path.substr(0, kComponent.size()) == kComponent) {
        const std::string name(path.substr(kComponent.size()));
        return zh ? "组件 " + name + " 的参数量" : "parameters of " + name;
    }
    return std::string(path);
}
}  // namespace

std::string explain_text(const Explanation& e, std::string_view lang) {
    const bool zh = lang == "zh";
    std::string out = std::string(e.path) + " — " + quantity_label(e.path, zh) + "\n";
    auto line = [&](const char* en, const char* cn, const std::string& text) {
        if (!text.empty()) out += std::string(zh ? cn : en) + text + "\n";
    };
    line("formula: ", "公式：", e.formula);
    line("values:  ", "代入：", e.substituted);
    line("result:  ", "结果：", num_text(e.value) + (e.unit.empty() ? "" : " " + e.unit) +
                                   (e.exact ? (zh ? "（与报告中的值相同）" : " (equal to the report's value)")
                                            : (zh ? "（解释已过期，显示报告中的值）"
                                                  : " (the explanation is out of date: the report's value)")));
    line("source:  ", "来源：", e.source);
    line("note:    ", "说明：", e.note);
    return out;
}

std::string explain_json(const Explanation& e, std::string_view lang, bool pretty) {
    json::Writer w(pretty);
    w.begin_object()
        .field("path", e.path).field("label", quantity_label(e.path, lang == "zh")).field("formula", e.formula)
        .field("substituted", e.substituted).field_number("value", e.value).field("unit", e.unit)
        .field("exact", e.exact).field("source", e.source).field("note", e.note)
        .end_object();
    return w.take();
}

}  // namespace llmcalc
