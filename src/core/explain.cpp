// Explanations: each headline number is explained by the function that computed it. explain() runs that function
// again on the same inputs with a Trace (trace.hpp) and renders what it recorded: the formula in symbols and with
// this scenario's values, its source and note. Nothing here computes a quantity, so an explanation cannot disagree
// with the report (issue #10); tests/unit/explain_test.cpp checks every path on presets and random scenarios.
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
        {"params.vision", "vision encoder and projector parameters", "视觉编码器与投影层参数量", "params",
         [](R r) { return d_tm(r.params.vision); }},
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
        {"inference.generated_tokens_per_second", "generated tokens per second per request (gen / latency)",
         "每请求每秒生成 token 数（生成 token ÷ 延迟）", "tokens/s", [](R r) { return r.inference.generated_tokens_per_second; }},
        {"inference.aggregate_generated_tokens_per_second", "generated tokens per second, all sequences (gen / latency)",
         "全部序列每秒生成 token 数（生成 token ÷ 延迟）", "tokens/s",
         [](R r) { return r.inference.aggregate_generated_tokens_per_second; }},
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
        {"time.gpus_for_deadline", "GPUs to finish by the deadline", "按期完成所需 GPU 数量", "GPUs",
         [](R r) { return d_tm(r.gpus_for_deadline); }},
        // inference: what fits the GPU set (report_json writes them only for inference)
        {"inverse.max_seq", "longest prompt that fits", "可容纳的最长提示", "tokens",
         [](R r) { return d_tm(r.inverse.max_seq); }},
        {"inverse.max_context", "longest context that fits", "可容纳的最长上下文", "tokens",
         [](R r) { return d_tm(r.inverse.max_context); }},
        {"inverse.max_batch", "largest batch that fits", "可容纳的最大批大小", "sequences",
         [](R r) { return d_tm(r.inverse.max_batch); }},
        {"inverse.max_concurrency", "most concurrent requests that fit", "可容纳的最大并发数", "requests",
         [](R r) { return d_tm(r.inverse.max_concurrency); }},
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
            if (name == p.substr(kComponent.size())) return d_tm(v);
        if (ok) *ok = false;
        return 0;
    }
    // the inverse answers exist for inference only (report_json writes them only then)
    if (p.substr(0, 8) == "inverse." && !r.has_inverse) {
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
        kv_cache_bytes_per_token(r.model, *find_kv_format(eff.kv), tr, mtp_attention_layers(r.model, eff.include_mtp));
    } else if (path.substr(0, 7) == "params.") {  // params.total, .active, .vision, .by_component.<name>
        count_params(r.model, eff.include_mtp, eff.lm_only, tr);
    } else if (path.substr(0, 6) == "flops.") {
        FlopsOptions fo;
        fo.causal_halving = eff.causal;
        count_flops(r.model, eff.seq, r.params.active, eff.recompute, fo, tr);
    } else if (path == "gpus_needed") {
        Report copy = r;
        gpus_needed_search(copy, eff, make_inference_plan(r.model, eff, &r.weights_detail),
                           make_training_plan(r.model, r.params, eff, &r.weights_detail), r.gpu_memory_bytes, tr);
    } else if (path == "memory.indexer_cache_bytes_per_token") {
        indexer_cache_bytes_per_token(r.model, tr);
    } else if (path.substr(0, 8) == "inverse.") {
        inference_inverse(make_inference_plan(r.model, eff, &r.weights_detail), r.model, eff, r.gpu_memory_bytes, tr);
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
    out.note_zh = t.note_zh;
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
    report_value(r, path, &known);
    if (!known) return out;
    const Inputs eff = effective_inputs(in, r);  // tp, pp, dp as compute() resolved them from gpus
    // The figures computed with a trace: run the function that computed the report's number again on the same
    // inputs, with a trace, and show what it recorded.
    Trace tr;
    run_traced(eff, r, path, &tr);
    if (const TraceEntry* t = tr.find(path)) return from_trace(*t, out);
    return out;  // a report path no computation records: not explained (explain_test checks there is none)
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
                                   (zh ? "（与报告中的值相同）" : " (equal to the report's value)"));
    line("source:  ", "来源：", e.source);
    line("note:    ", "说明：", zh && !e.note_zh.empty() ? e.note_zh : e.note);
    return out;
}

std::string explain_json(const Explanation& e, std::string_view lang, bool pretty) {
    json::Writer w(pretty);
    w.begin_object()
        .field("path", e.path).field("label", quantity_label(e.path, lang == "zh")).field("formula", e.formula)
        .field("substituted", e.substituted).field_number("value", e.value).field("unit", e.unit)
        .field("exact", e.exact).field("source", e.source)
        .field("note", lang == "zh" && !e.note_zh.empty() ? e.note_zh : e.note)
        .end_object();
    return w.take();
}

}  // namespace llmcalc
