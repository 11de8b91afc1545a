// Explanations: the substituted line is read back by an independent little parser (below) and must evaluate to
// the number in the report, for every explained path on several presets and scenarios. The parser knows only
// arithmetic (× ÷ + −, parentheses, ⌈ ⌉, max, min), numbers with thousands separators and unit words.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "explain.hpp"
#include "hardware.hpp"
#include "precision_ref.hpp"
#include "presets.hpp"
#include "report.hpp"
#include "test_rng.hpp"
#include "zh_text.hpp"

using namespace llmcalc;

namespace {

struct Parser {
    std::string s;
    size_t i = 0;
    bool bad = false;

    void ws() { while (i < s.size() && s[i] == ' ') ++i; }
    bool eat(const std::string& tok) {
        ws();
        if (s.compare(i, tok.size(), tok) == 0) { i += tok.size(); return true; }
        return false;
    }
    double number() {
        ws();
        std::string digits;
        while (i < s.size()) {
            const char c = s[i];
            if ((c >= '0' && c <= '9') || c == '.') { digits += c; ++i; }
            else if (c == ',' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') { ++i; }  // 131,072
            else if ((c == 'e') && i + 1 < s.size() && (s[i + 1] == '-' || (s[i + 1] >= '0' && s[i + 1] <= '9'))) {
                digits += c; ++i;
                if (s[i] == '-') { digits += '-'; ++i; }
            } else break;
        }
        if (digits.empty()) { bad = true; return 0; }
        // unit word right after a number: B, FLOP, FLOP/s, B/s, s, tokens/s
        size_t j = i;
        while (j < s.size() && s[j] == ' ') ++j;
        size_t e = j;
        while (e < s.size() && (std::isalpha(static_cast<unsigned char>(s[e])) || s[e] == '/')) ++e;
        if (e > j && s.compare(j, 3, "max") != 0 && s.compare(j, 3, "min") != 0) i = e;
        return std::stod(digits);
    }
    double primary() {
        if (eat("(")) { double v = expr(); if (!eat(")")) bad = true; return v; }
        if (eat("⌈")) { double v = expr(); if (!eat("⌉")) bad = true; return std::ceil(v); }
        if (eat("⌊")) { double v = expr(); if (!eat("⌋")) bad = true; return std::floor(v); }
        if (eat("max(")) { double a = expr(); if (!eat(",")) bad = true; double b = expr(); if (!eat(")")) bad = true; return std::max(a, b); }
        if (eat("min(")) { double a = expr(); if (!eat(",")) bad = true; double b = expr(); if (!eat(")")) bad = true; return std::min(a, b); }
        return number();
    }
    double power() {
        const double base = primary();
        if (eat("^")) return std::pow(base, primary());
        return base;
    }
    double term() {
        double v = power();
        for (;;) {
            if (eat("×")) v *= power();
            else if (eat("÷")) v /= power();
            else return v;
        }
    }
    double expr() {
        double v = term();
        for (;;) {
            if (eat("+")) v += term();
            else if (eat("−")) v -= term();
            else return v;
        }
    }
};

// Evaluates the left of " = " in a substituted line; `rhs` gets the number right after it.
double evaluate_substituted(const std::string& line, double* rhs, bool* ok) {
    const size_t eq = line.find(" = ");
    Parser p{line.substr(0, eq)};
    const double v = p.expr();
    p.ws();
    *ok = !p.bad && p.i == p.s.size() && eq != std::string::npos;
    Parser r{line.substr(eq + 3)};
    *rhs = r.number();
    return v;
}

void check_all_paths(const Inputs& in) {
    const Result res = compute(in);
    if (!res.ok()) {  // a preset the core rejects is the params suite's failure, not an explanation's
        MESSAGE("compute() rejects " << in.model << ": " << res.errors[0].key << " " << res.errors[0].message);
        return;
    }
    std::vector<std::string> paths = explain_paths();
    for (const auto& c : res.report.params.by_component) paths.push_back("params.by_component." + c.first);
    for (const auto& path : paths) {
        CAPTURE(path);
        bool in_report = false;
        report_value(res.report, path, &in_report);
        if (!in_report) continue;  // inverse.* exist for inference only (report_json writes them only then)
        const Explanation e = explain(in, res.report, path);
        REQUIRE(e.found);
        CAPTURE(e.formula);
        CAPTURE(e.substituted);
        CHECK(e.exact);
        CHECK(!e.source.empty());
        // Every explanation (params.by_component.* included) is the computation's own record: its value is the
        // report's number bit for bit (a formula change moves both at once; issue #10).
        CHECK(e.value == report_value(res.report, path));
        bool ok = false;
        double rhs = 0;
        const double v = evaluate_substituted(e.substituted, &rhs, &ok);
        CHECK(ok);
        const double reported = report_value(res.report, path);
        // counts and bytes are whole numbers: exact; FLOPs and times: to rounding of the printed factors
        if (reported == std::floor(reported) && std::fabs(reported) < 9e15 && path.find("flops") == std::string::npos)
            CHECK(v == reported);
        else
            CHECK(v == doctest::Approx(reported).epsilon(1e-12));
        CHECK(rhs == doctest::Approx(reported).epsilon(1e-12));
        // the formula has the same shape: as many operators as the substituted side
        const std::string lhs = e.substituted.substr(0, e.substituted.find(" = "));
        auto count = [](const std::string& s, const char* op) {
            size_t n = 0;
            for (size_t p = s.find(op); p != std::string::npos; p = s.find(op, p + 1)) ++n;
            return n;
        };
        const std::string f = e.formula.substr(e.formula.find(" = ") + 3);
        for (const char* op : {"×", "÷", " + ", "−", "⌈", "⌊", "^", "max(", "min("})
            CHECK(count(f, op) == count(lhs, op));
    }
}

}  // namespace

TEST_CASE("the parser reads the substituted syntax") {
    bool ok = false;
    double rhs = 0;
    CHECK(evaluate_substituted("2 × 8 × 128 × 32 × 2 B = 131,072 B", &rhs, &ok) == 131072);
    CHECK(ok);
    CHECK(rhs == 131072);
    CHECK(evaluate_substituted("⌈7 ÷ (1 × 2)⌉ + max(1, 2.5e-1) − min(3, 4) = 1", &rhs, &ok) == 2);
    CHECK(ok);
    CHECK(evaluate_substituted("1e12 × 9.895e14 FLOP/s ÷ 2 = 1", &rhs, &ok) == doctest::Approx(1e12 * 9.895e14 / 2));
    CHECK(evaluate_substituted("1 − (1 − 8 ÷ 128)^(2 × 3) + ⌊7 ÷ 2⌋ = 1", &rhs, &ok) == doctest::Approx(1 - std::pow(1 - 8.0 / 128, 6) + 3));
    CHECK(ok);
}

TEST_CASE("KV per token for Llama 3 8B reads like the seed's formula") {
    // Llama 3 8B config.json: 32 layers, 8 KV heads, head_dim 4096/32 = 128; bf16 = 2 bytes
    Inputs in;
    in.model = "llama-3-8b";
    const Result res = compute(in);
    REQUIRE(res.ok());
    const Explanation e = explain(in, res.report, "memory.kv_cache_bytes_per_token");
    // The explanation is the computation's own record (issue #10): memory.cpp multiplies the layers by one layer's
    // elements per token (kv_layer_elements), so the grouping shows.
    CHECK(e.formula == "KV/token = L × (2 × kv_heads × head_dim) × bytes(kv)");
    CHECK(e.substituted.rfind("32 × (2 × 8 × 128) × 2 B = 131,072 B", 0) == 0);
    CHECK(e.value == 131072);  // 2 × 8 × 128 × 32 × 2, vLLM paper Sec. 2 layout
}

TEST_CASE("every explained path reproduces the report on every preset (inference and training)") {
    for (const auto& p : presets()) {
        CAPTURE(p.config.id);
        Inputs in;
        in.model = p.config.id;
        in.seq = std::min<int64_t>(2048, p.config.max_positions > 0 ? p.config.max_positions : 2048);
        in.gen = 128;
        check_all_paths(in);
        in.task = Task::Training;
        in.batch = 2;
        check_all_paths(in);
    }
}

TEST_CASE("explanations follow the scenario switches") {
    Inputs in;
    in.model = "llama-2-7b";
    in.seq = 1024;
    SUBCASE("causal, no flash attention, overheads, concurrency") {
        in.causal = true;
        in.flash_attention = false;
        in.overhead_pct = 10;
        in.cuda_context_gb = 1.5;
        in.concurrency = 3;
        in.batch = 2;
        check_all_paths(in);
    }
    SUBCASE("tensor and pipeline parallel inference, 8-bit weights, fp8 KV") {
        in.tp = 2; in.pp = 2; in.gpus = 4;
        in.weights = "int8"; in.kv = "fp8";
        check_all_paths(in);
    }
    SUBCASE("training with ZeRO-3, sequence parallel, full recompute") {
        in.task = Task::Training;
        in.tp = 2; in.dp = 4; in.gpus = 8; in.zero = 3; in.sp = true; in.recompute = Recompute::Full;
        check_all_paths(in);
    }
    SUBCASE("training with ZeRO-1, selective recompute, fp32 weights (no master copy)") {
        in.task = Task::Training;
        in.dp = 2; in.gpus = 2; in.zero = 1; in.recompute = Recompute::Selective; in.weights = "fp32";
        check_all_paths(in);
        const Result res = compute(in);
        const Explanation e = explain(in, res.report, "memory.training.master_weights_bytes");
        CHECK(e.value == 0);
    }
    SUBCASE("typed dimensions: a custom GQA model") {
        in.layers = 4; in.hidden = 512; in.heads = 8; in.kv_heads = 2; in.intermediate = 1536; in.vocab = 1000;
        check_all_paths(in);
    }
}

TEST_CASE("explanations follow every memory and speed switch (scenario table)") {
    // Each row is a scenario spelled as key=value pairs (the URL-hash / CLI keys).
    const std::vector<KeyValues> rows = {
        {{"model", "gemma-2-9b"}, {"kv_block", "16"}, {"prefill_chunk", "512"}, {"concurrency", "4"}, {"tp", "2"},
         {"gpus", "2"}, {"weights", "q4_k_m"}, {"kv", "fp8"}, {"seq", "6000"}, {"causal", "true"}},
        {{"model", "gemma-3-27b"}, {"seq", "3000"}, {"gen", "0"}},
        {{"model", "llama-4-scout"}, {"seq", "20000"}, {"causal", "true"}},  // chunked attention, chunk 8192
        {{"model", "llama-4-maverick"}, {"seq", "17000"}, {"task", "training"}, {"gpus", "8"}, {"tp", "8"}},
        {{"model", "mixtral-8x7b"}, {"tp", "2"}, {"gpus", "2"}, {"tp_comm", "true"}, {"weights", "nf4"}, {"batch", "8"}},
        {{"model", "deepseek-v3"}, {"tp", "8"}, {"pp", "2"}, {"gpus", "16"}, {"weights", "fp8"}, {"seq", "4096"},
         {"include_mtp", "true"}},
        {{"model", "gpt-oss-20b"}, {"weights", "mxfp4_moe"}, {"tp", "2"}, {"gpus", "2"}, {"flash_attention", "false"}},
        {{"model", "gpt2"}, {"gpu", "custom"}, {"custom_memory_gb", "0.01"}, {"cuda_context_gb", "0.001"}},
        // pooled GPU count saturates at 1e15 (issue #14 gave gpu_mem_util a floor of 0.001, so a near-zero custom
        // GPU memory reaches the saturation now)
        {{"model", "llama-3-8b"}, {"gpu", "custom"}, {"custom_memory_gb", "1e-300"}},
        {{"model", "llama-3.1-8b"}, {"overhead_pct", "10"}, {"reserve_gb", "2"}, {"cuda_context_gb", "0.5"},
         {"embed_16bit", "false"}, {"weights", "gptq_int4"}},
        {{"task", "training"}, {"model", "llama-2-7b"}, {"finetune", "lora"}, {"lora_rank", "8"}, {"optimizer", "adamw_8bit"}},
        {{"task", "training"}, {"model", "llama-3-8b"}, {"finetune", "qlora"}, {"lora_targets", "q,k,v,o,gate,up,down"}},
        {{"task", "training"}, {"model", "llama-3.2-1b"}, {"finetune", "freeze"}, {"freeze_train_layers", "4"},
         {"fragmentation_pct", "5"}, {"comm_buffer_gb", "1"}, {"cuda_context_gb", "2"}, {"optimizer", "adafactor"}},
        {{"task", "training"}, {"model", "qwen3-30b-a3b"}, {"tp", "2"}, {"pp", "2"}, {"ep", "4"}, {"dp", "2"},
         {"gpus", "8"}, {"grad_accum", "8"}, {"zero", "2"}, {"sp", "true"}, {"flash_attention", "false"}},
        {{"task", "training"}, {"model", "gemma-2-9b"}, {"flash_attention", "false"}, {"cp", "2"}, {"gpus", "2"},
         {"optimizer", "muon"}},
        {{"task", "training"}, {"model", "llama-3.1-405b"}, {"gpus", "8"}, {"tp", "8"}},
        {{"task", "training"}, {"model", "llama-3.1-70b"}, {"recompute", "full"}, {"pp", "4"}, {"tp", "2"}, {"sp", "true"},
         {"grad_accum", "8"}, {"gpus", "8"}, {"lora_targets", "q,v"}, {"finetune", "lora"}},
        {{"task", "training"}, {"model", "mistral-7b-v0.1"}, {"weights", "fp32"}, {"optimizer", "lion"}, {"recompute", "selective"}},
        // parameters only (total_params): the same functions on a model known by its count
        {{"total_params", "32B"}, {"gpu", "rtx-4090"}, {"gpus", "4"}, {"overhead_pct", "10"}, {"cuda_context_gb", "0.5"}},
        {{"total_params", "30B"}, {"active_params", "3B"}, {"weights", "q4_k_m"}, {"concurrency", "8"}},
        {{"task", "training"}, {"total_params", "70B"}, {"gpus", "8"}, {"recompute", "full"}, {"deadline_days", "30"}},
    };
    for (const auto& row : rows) {
        Inputs in;
        const auto errors = apply_inputs(in, row);
        std::string text;
        for (const auto& [k, v] : row) text += k + "=" + v + " ";
        CAPTURE(text);
        REQUIRE(errors.empty());
        const Result res = compute(in);
        if (!res.ok()) CAPTURE(res.errors[0].message);
        REQUIRE(res.ok());
        check_all_paths(in);
    }
}

namespace {
using test_util::Rng;
}  // namespace

TEST_CASE("explanations reproduce 300 random scenarios") {
    Rng g{20261122};
    std::vector<std::string> wf, kf, gs, opts;
    for (const auto& f : number_formats()) {
        if (f.for_weights) wf.push_back(f.id);
        if (f.for_kv) kf.push_back(f.id);
    }
    for (const auto& x : gpus()) gs.push_back(x.id);
    for (const auto& o : optimizers()) opts.push_back(o.id);
    int checked = 0;
    for (int n = 0; n < 300; ++n) {
        const Preset& p = presets()[static_cast<size_t>(g.next() % presets().size())];
        const ModelConfig& m = p.config;
        Inputs in;
        in.model = m.id;
        in.task = g.coin() ? Task::Inference : Task::Training;
        in.batch = g.range(1, 8);
        in.seq = g.coin() ? g.range(1, 8192) : g.range(8192, 40000);
        in.include_mtp = g.coin();
        in.gen = g.range(0, 1024);
        in.concurrency = g.range(1, 4);
        in.weights = g.pick(wf);
        in.kv = g.pick(kf);
        in.gpu = g.pick(gs);
        std::vector<int64_t> tps;
        for (int64_t t : {1, 2, 4, 8})
            if (m.num_heads % t == 0) tps.push_back(t);
        in.tp = g.pick(tps);
        in.pp = std::min<int64_t>(m.num_layers, g.pick(std::vector<int64_t>{1, 1, 2, 4}));
        in.dp = g.pick(std::vector<int64_t>{1, 2, 4});
        in.cp = g.pick(std::vector<int64_t>{1, 1, 2});
        in.ep = m.num_experts > 0 ? g.pick(std::vector<int64_t>{1, 2, 4}) : 1;
        in.gpus = in.tp * in.pp * in.dp * in.cp;
        in.sp = in.tp > 1 && g.coin();
        in.zero = g.range(0, 3);
        in.optimizer = g.pick(opts);
        in.grad_dtype = g.pick(std::vector<GradDtype>{GradDtype::Fp32, GradDtype::Bf16, GradDtype::Fp16});
        in.master_weights = g.coin();
        in.recompute = g.pick(std::vector<Recompute>{Recompute::None, Recompute::Selective, Recompute::Full});
        in.finetune = g.pick(std::vector<Finetune>{Finetune::Full, Finetune::Full, Finetune::Lora, Finetune::Qlora, Finetune::Freeze});
        in.lora_rank = g.pick(std::vector<int64_t>{4, 16, 64});
        in.grad_accum = g.range(1, 8);
        in.causal = g.coin();
        in.flash_attention = g.coin();
        in.overhead_pct = static_cast<double>(g.range(0, 20));
        in.cuda_context_gb = static_cast<double>(g.range(0, 3)) / 2;
        in.reserve_gb = static_cast<double>(g.range(0, 2));
        in.comm_buffer_gb = static_cast<double>(g.range(0, 2)) / 4;
        in.fragmentation_pct = static_cast<double>(g.range(0, 10));
        in.kv_block = g.pick(std::vector<int64_t>{0, 0, 16});
        in.prefill_chunk = g.pick(std::vector<int64_t>{0, 0, 512});
        in.tp_comm = g.coin();
        in.embed_16bit = g.coin();
        in.tokens = 1e9 * static_cast<double>(g.range(1, 1000));
        in.mfu = static_cast<double>(g.range(20, 60)) / 100;
        in.hfu = g.coin() ? 0.0 : static_cast<double>(g.range(20, 60)) / 100;
        in.optimizer_states = g.pick(std::vector<OptimizerStates>{OptimizerStates::Auto, OptimizerStates::Fp32,
                                                                  OptimizerStates::Bf16, OptimizerStates::Int8});
        CAPTURE(write_hash(in));
        if (!compute(in).ok()) continue;  // a random combination the core rejects has nothing to explain
        check_all_paths(in);
        ++checked;
    }
    MESSAGE(checked << " random scenarios explained");
    CHECK(checked > 150);
}

TEST_CASE("component entries: GPT-2's per-layer split reads like seed 002") {
    // seed 002: attention weights 4h², MLP 8h² + 5h per layer; GPT-2 small h = 768, 12 layers
    Inputs in;
    in.model = "gpt2";
    const Result res = compute(in);
    REQUIRE(res.ok());
    const Explanation q = explain(in, res.report, "params.by_component.attn_q");
    REQUIRE(q.found);
    CHECK(q.value == 12.0 * 768 * 768);
    const Explanation mlp = explain(in, res.report, "params.by_component.mlp");
    CHECK(mlp.value == 12.0 * (8 * 768 * 768 + 5 * 768));
    CHECK(mlp.formula == "mlp = L × (2 × h × I + I + h)");
    // GPT-2's state dict (openai-community/gpt2 model.safetensors): per block ln_1 and ln_2 hold weight + bias of 768
    // each; attn.c_attn.bias 2,304 (q, k, v) and attn.c_proj.bias 768. The explanation is count_params' own trace
    // (issue #10), pinned here to those tensor sizes.
    const Explanation norms = explain(in, res.report, "params.by_component.layer_norms");
    CHECK(norms.value == 12.0 * 4 * 768);
    CHECK(norms.formula == "layer_norms = L × (norms_per_layer × (2 × h))");
    const Explanation bias = explain(in, res.report, "params.by_component.attn_bias");
    CHECK(bias.value == 12.0 * (2304 + 768));
    CHECK_FALSE(explain(in, res.report, "params.by_component.experts").found);  // GPT-2 has none
}

TEST_CASE("explain_all lists every path and every component, all exact") {
    Inputs in;
    in.model = "qwen3-30b-a3b";
    const Result res = compute(in);
    REQUIRE(res.ok());
    const auto all = explain_all(in, res.report);
    CHECK(all.size() == explain_paths().size() + res.report.params.by_component.size());
    for (const auto& e : all) {
        CAPTURE(e.path);
        CHECK(e.found);
        CHECK(e.exact);
        CHECK(e.value == doctest::Approx(report_value(res.report, e.path)).epsilon(1e-12));
    }
}

TEST_CASE("unknown paths are reported as not found") {
    Inputs in;
    const Result res = compute(in);
    REQUIRE(res.ok());
    CHECK_FALSE(explain(in, res.report, "params.nonsense").found);
    CHECK_FALSE(explain(in, res.report, "").found);
}

namespace {
// Every explanation of the scenario a URL hash describes (which must parse and compute without errors).
std::vector<Explanation> explanations_of(const char* hash) {
    Inputs in;
    REQUIRE(parse_hash(hash, in).empty());
    const Result res = compute(in);
    REQUIRE(res.ok());
    return explain_all(in, res.report);
}
}  // namespace

TEST_CASE("citations a person reads name public sources, never the project's internal seed numbers") {
    // The explanations (tooltips, --explain), the precision reference and the GPU catalog cite the seed articles by
    // their published titles (src/core/sources.hpp); "seed 004" names a file of this project that a user cannot see.
    auto internal = [](const std::string& text) {
        return text.find("seed 0") != std::string::npos || text.find("published.json") != std::string::npos ||
               text.find("shared/") != std::string::npos;
    };
    for (const char* hash : {"model=llama-3.1-8b", "model=llama-3.1-8b&task=training&gpus=8",
                             "model=qwen3-30b-a3b&task=training&finetune=qlora", "model=deepseek-v3&gpus=16"}) {
        const std::string scenario = hash;
        CAPTURE(scenario);
        for (const auto& e : explanations_of(hash)) {
            CAPTURE(e.path);
            CHECK_FALSE(internal(e.source));
            CHECK_FALSE(internal(e.note));
            CHECK_FALSE(internal(e.formula));
        }
    }
    for (const auto& p : precision_reference()) {
        CAPTURE(p.id);
        CHECK_FALSE(internal(p.used_for));
        CHECK_FALSE(internal(p.source));
    }
    for (const auto& g : gpus()) {
        CAPTURE(g.id);
        CHECK_FALSE(internal(g.source));
        CHECK_FALSE(internal(g.memory_source));
    }
    for (const auto& p : presets()) {
        CAPTURE(p.config.id);
        CHECK_FALSE(internal(p.total_source));
        CHECK_FALSE(internal(p.config.source));
    }
}

TEST_CASE("every explanation's note reads in Chinese too (the tooltip and --explain --lang zh under 中文)") {
    // scenarios that take each branch of the notes: staged and split inference, MoE, sliding windows, paged KV,
    // training with pp, every recompute, LoRA/QLoRA/freeze, hfu, a deadline, and nothing fitting
    for (const char* hash :
         {"model=llama-3.1-8b", "model=llama-3.1-70b&gpus=4&pp=2&tp=2&kv_block=16",
          "model=qwen3-30b-a3b&gpus=2&tp=2", "model=gemma-2-2b&causal=false", "model=deepseek-v3&gpus=16",
          "model=llama-3.1-8b&task=training&gpus=8&pp=2&recompute=full", "model=llama-3.1-8b&task=training&recompute=selective",
          "model=llama-3.1-8b&task=training&finetune=lora&hfu=0.5", "model=qwen3-8b&task=training&finetune=qlora",
          "model=llama-3.1-8b&task=training&finetune=freeze&deadline_days=30&master_weights=false",
          "model=llama-3.1-405b&task=training&gpu=rtx-4090", "model=llama-3.1-405b&gpu=rtx-4090&gpus_per_node=1",
          "total_params=32B&gpu=rtx-4090&gpus=4", "total_params=70B&active_params=12B&task=training&gpus=8&recompute=full"}) {
        const std::string scenario = hash;
        CAPTURE(scenario);
        for (const auto& e : explanations_of(hash)) {
            if (e.note.empty()) continue;
            CAPTURE(e.path);
            CAPTURE(e.note);
            CHECK(has_cjk(e.note_zh));
            CHECK(explain_text(e, "zh").find(e.note_zh) != std::string::npos);
        }
    }
}
