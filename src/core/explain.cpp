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
#include "trace.hpp"

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

// A constant: its symbol is its own number (2, 100, 1e9).
Ex k(double v, std::string unit = "") { return leaf(v, num_text(v), std::move(unit)); }
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

// ---------------------------------------------------------------- [SECTION] shared pieces
struct Ctx {
    const Inputs& in;
    const Report& r;
    const ModelConfig& m;
};





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

// DeepSeek Sparse Attention's lightning indexer of one layer (params.cpp indexer_params): wq_b r_q × (H_I·d_I),
// wk h × d_I, k_norm 2·d_I (LayerNorm weight + bias), weights_proj h × H_I.
Ex indexer_expr(const ModelConfig& m) {
    const Ex hi = leaf(d(m.index_n_heads), "H_I"), di = leaf(d(m.index_head_dim), "d_I");
    Ex q = m.q_lora_rank > 0 ? leaf(d(m.q_lora_rank), "r_q") : h_(m);
    q.mul(hi).mul(di);
    Ex wk = h_(m);
    wk.mul(di);
    Ex norm = k(2);
    norm.mul(di);
    Ex w = h_(m);
    w.mul(hi);
    return sum_of({std::move(q), std::move(wk), std::move(norm), std::move(w)});
}


struct Built {
    Ex expr;
    std::string name;    // left-hand side: "KV/token"
    std::string unit;
    std::string source;
    std::string note;
};

// ---------------------------------------------------------------- [SECTION] params

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
    else if (name == "indexer") {
        e = per_layer(n_attn, "attention", indexer_expr(m));
        src = "DeepSeek-V3.2-Exp inference/model.py class Indexer (DeepSeek Sparse Attention's lightning indexer): wq_b "
              "q_lora_rank × (index_n_heads·index_head_dim), wk h × index_head_dim, k_norm LayerNorm index_head_dim, "
              "weights_proj h × index_n_heads; model: " + m.source;
    }
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
        {"memory.inference.indexer_cache_bytes", "inference sparse-attention indexer cache per GPU",
         "推理：每 GPU 稀疏注意力索引器缓存", "B", [](R r) { return d_tm(r.inference_memory.indexer_cache_bytes); }},
        {"memory.indexer_cache_bytes_per_token", "sparse-attention indexer cache per token", "每 token 稀疏注意力索引器缓存",
         "B", [](R r) { return d_tm(r.indexer_cache_bytes_per_token); }},
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

namespace {
// Runs the core's computation of the stage that computes `path`, with a trace.
void run_traced(const Inputs& eff, const Report& r, std::string_view path, Trace* tr) {
    if (path.substr(0, 16) == "memory.training.") {
        const TrainingPlan plan = make_training_plan(r.model, r.params, eff, &r.weights_detail);
        evaluate_training(plan, eff, layout_from_inputs(eff), tr);
    } else if (path.substr(0, 17) == "memory.inference.") {
        evaluate_inference(make_inference_plan(r.model, eff, &r.weights_detail), eff, eff.tp, eff.pp, eff.batch,
                           eff.concurrency, eff.seq, eff.gen, tr);
    } else if (path == "memory.kv_cache_bytes_per_token") {
        kv_cache_bytes_per_token(r.model, *find_kv_format(eff.kv), tr);
    } else if (path == "params.total" || path == "params.active") {
        count_params(r.model, eff.include_mtp, tr);
    } else if (path.substr(0, 6) == "flops.") {
        FlopsOptions fo;
        fo.causal_halving = eff.causal;
        count_flops(r.model, eff.seq, r.params.active, parse_recompute(eff.recompute), fo, tr);
    } else if (path == "gpus_needed") {
        Report copy = r;
        gpus_needed_search(copy, eff, make_inference_plan(r.model, eff, &r.weights_detail),
                           make_training_plan(r.model, r.params, eff, &r.weights_detail), r.gpu_memory_bytes, tr);
    } else if (path == "memory.indexer_cache_bytes_per_token") {
        indexer_cache_bytes_per_token(r.model, tr);
    } else if (path.substr(0, 5) == "time.") {
        Report copy = r;
        training_time(copy, eff, tr);
    } else if (path.substr(0, 10) == "inference.") {
        Report copy = r;
        inference_speed(copy, eff, make_inference_plan(r.model, eff, &r.weights_detail), tr);
    }
}

// An explanation from what the computation recorded: formula and values rendered from its one expression.
Explanation from_trace(const TraceEntry& t, Explanation out) {
    out.found = true;
    out.unit = t.unit;
    out.source = t.source;
    out.note = t.note;
    out.value = t.value.v;
    out.formula = t.name + " = " + render_formula(t.value);
    out.substituted = render_values(t.value) + " = " + num_text(out.value) + (t.unit.empty() ? "" : " " + t.unit) +
                      human_scale(out.value, t.unit);
    return out;
}
}  // namespace

Explanation explain(const Inputs& in, const Report& r, std::string_view path) {
    Explanation out;
    out.path = std::string(path);
    bool known = false;
    const double reported = report_value(r, path, &known);
    if (!known) return out;
    const Inputs eff = effective_inputs(in, r);  // tp, pp, dp as compute() resolved them from gpus
    // The figures computed with a trace: run the function that computed the report's number again on the same
    // inputs, with a trace, and show what it recorded.
    Trace tr;
    run_traced(eff, r, path, &tr);
    if (const TraceEntry* t = tr.find(path)) return from_trace(*t, out);
    const Ctx c{eff, r, r.model};
    Built b;
    if (path.substr(0, 20) == "params.by_component.") { if (!component_expr(c, path.substr(20), &b)) return out; }
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
    out.substituted = render(b.expr, true) + " = " + num_text(v) + unit_sp + human_scale(v, b.unit);
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
