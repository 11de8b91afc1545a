// The CLI's own options (cli_args.hpp): --json/--pretty/--help/--list-*, --explain PATH, --lang; input keys mixed in.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "cli_args.hpp"
#include "explain.hpp"
#include "presets.hpp"
#include "report.hpp"
#include "test_rng.hpp"

using namespace llmcalc;
using A = CliCommand::Action;
using test_util::Rng;

TEST_CASE("parse_cli: report, flags and input keys in any order") {
    Inputs in;
    const CliCommand c = parse_cli({"--model", "llama-3.1-8b", "--json", "--seq=8192", "--pretty", "--sp"}, in);
    CHECK(c.errors.empty());
    CHECK(c.action == A::Report);
    CHECK(c.json);
    CHECK(c.pretty);
    CHECK(in.seq == 8192);
    CHECK(in.sp);
    for (const auto& [arg, action] : std::vector<std::pair<const char*, A>>{
             {"--help", A::Help}, {"-h", A::Help}, {"--list-models", A::ListModels}, {"--list-gpus", A::ListGpus},
             {"--list-formats", A::ListFormats}, {"--list-optimizers", A::ListOptimizers}, {"--list-keys", A::ListKeys}}) {
        Inputs x;
        CHECK(parse_cli({arg}, x).action == action);
    }
}

TEST_CASE("parse_cli: --explain PATH and --lang") {
    Inputs in;
    CliCommand c = parse_cli({"--task", "training", "--explain", "memory.training.optimizer_bytes", "--lang", "zh"}, in);
    CHECK(c.errors.empty());
    CHECK(c.action == A::Explain);
    CHECK(c.explain_path == "memory.training.optimizer_bytes");
    CHECK(c.lang == "zh");
    CHECK(in.task == Task::Training);
    c = parse_cli({"--explain=params.by_component.attn_q", "--lang=en"}, in);
    CHECK(c.errors.empty());
    CHECK(c.explain_path == "params.by_component.attn_q");
    // named errors: missing path, unknown path, bad language, unknown option, bad key value
    for (const auto& [args, key] : std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"--explain"}, "explain"},
             {{"--explain", "--json"}, "explain"},
             {{"--explain", "memory.nope"}, "explain"},
             {{"--lang", "fr"}, "lang"},
             {{"--frobnicate"}, "frobnicate"},
             {{"stray"}, "stray"},
             {{"--seq", "0"}, "seq"}}) {
        Inputs x;
        const CliCommand bad = parse_cli(args, x);
        REQUIRE(!bad.errors.empty());
        CHECK(bad.errors[0].key == key);
    }
}

TEST_CASE("--explain: the text carries formula, values, the report's result and the source, en and zh") {
    Inputs in;
    REQUIRE(parse_hash("model=llama-3.1-8b&task=training&gpus=8&dp=8&zero=1", in).empty());
    const Result r = compute(in);
    REQUIRE(r.ok());
    for (const Quantity& q : quantities()) {
        CAPTURE(q.path);
        bool in_report = false;
        report_value(r.report, q.path, &in_report);
        if (!in_report) continue;  // inverse.*: inference only
        const Explanation e = explain(in, r.report, q.path);
        REQUIRE(e.found);
        CHECK(e.exact);
        CHECK(e.value == doctest::Approx(q.value(r.report)).epsilon(1e-12));
    }
    const Explanation e = explain(in, r.report, "memory.training.optimizer_bytes");
    const std::string en = explain_text(e, "en"), zh = explain_text(e, "zh");
    CHECK(en.find("optimizer states per GPU") != std::string::npos);
    CHECK(en.find("formula: ") != std::string::npos);
    CHECK(en.find("equal to the report's value") != std::string::npos);
    CHECK(en.find("ZeRO") != std::string::npos);
    CHECK(zh.find("优化器状态") != std::string::npos);
    CHECK(zh.find("公式：") != std::string::npos);
    // the result printed is the report's optimizer bytes: 8,030,261,248 x 8 B / dp 8 (ZeRO-1) = 8,030,261,248 B
    CHECK(r.report.training_memory.optimizer_bytes == 8030261248);
    CHECK(en.find("8,030,261,248 B") != std::string::npos);
    CHECK(explain_json(e, "en").find("\"value\":8030261248") != std::string::npos);
}

TEST_CASE("the quantity table's paths and values are the report JSON's, over random scenarios") {
    // quantities() is what --explain, explain_paths() and report_value() read: each path must name the number
    // report_json writes there.
    Rng g{20261204};
    int checked = 0;
    for (int n = 0; n < 60; ++n) {
        Inputs in;
        in.model = presets()[static_cast<size_t>(g.next() % presets().size())].config.id;
        in.task = g.coin() ? Task::Training : Task::Inference;
        in.seq = g.range(1, 16384);
        in.batch = g.range(1, 8);
        in.recompute = g.pick(std::vector<Recompute>{Recompute::None, Recompute::Selective, Recompute::Full});
        in.hfu = g.coin() ? 0.0 : 0.5;
        in.optimizer_states = g.pick(std::vector<OptimizerStates>{OptimizerStates::Auto, OptimizerStates::Fp32,
                                                                  OptimizerStates::Bf16, OptimizerStates::Int8});
        in.overhead_pct = static_cast<double>(g.range(0, 20));
        const Result r = compute(in);
        if (!r.ok()) continue;
        const nlohmann::json j = nlohmann::json::parse(report_json(r.report));
        for (const Quantity& q : quantities()) {
            std::string ptr = "/" + std::string(q.path);
            for (auto& ch : ptr) ch = ch == '.' ? '/' : ch;
            CAPTURE(q.path);
            bool in_report = false;
            report_value(r.report, q.path, &in_report);
            // inverse.* are written for inference only, and only then known to report_value
            CHECK(in_report == j.contains(nlohmann::json::json_pointer(ptr)));
            if (!in_report) continue;
            CHECK(j.at(nlohmann::json::json_pointer(ptr)).get<double>() == doctest::Approx(q.value(r.report)).epsilon(1e-15));
        }
        ++checked;
    }
    CHECK(checked > 30);
}

TEST_CASE("--explain walks every headline quantity: parsed like the CLI, inference and training, en and zh") {
    // Issue #10 done-when: `--explain` works for every headline quantity. Each path of quantities() goes through the
    // CLI's own steps (parse_cli, compute, explain, explain_text / explain_json, src/cli/main.cpp): found exactly when
    // the report writes that path, with a formula, the values put in and a source, and the report's own value.
    const std::vector<std::vector<std::string>> scenarios = {
        {"--model", "llama-3.1-8b", "--seq", "8192", "--gpus", "2", "--tp", "2"},
        {"--model", "qwen3-30b-a3b", "--task", "training", "--gpus", "8", "--dp", "8", "--ep", "2", "--zero", "3"},
        {"--model", "llama-3.1-8b", "--task", "training", "--finetune", "lora", "--recompute", "full"},
    };
    int explained = 0;
    std::set<std::string> paths_seen;
    for (const auto& base : scenarios) {
        for (const Quantity& q : quantities()) {
            for (const char* lang : {"en", "zh"}) {
                std::vector<std::string> args = base;
                args.insert(args.end(), {"--explain", q.path, "--lang", lang});
                Inputs in;
                const CliCommand c = parse_cli(args, in);
                const std::string path = q.path, model = base[1];
                CAPTURE(path);
                CAPTURE(model);
                REQUIRE(c.errors.empty());
                REQUIRE(c.action == A::Explain);
                const Result r = compute(in);
                REQUIRE(r.ok());
                bool in_report = false;
                const double want = report_value(r.report, c.explain_path, &in_report);
                const Explanation e = explain(in, r.report, c.explain_path);
                CHECK(e.found == in_report);
                if (!in_report) continue;
                CHECK(e.exact);
                CHECK(e.value == doctest::Approx(want).epsilon(1e-12));
                CHECK(!e.formula.empty());
                CHECK(!e.substituted.empty());
                CHECK(!e.source.empty());
                const std::string text = explain_text(e, c.lang);
                const bool zh = c.lang == "zh";
                CHECK(text.rfind(q.path, 0) == 0);
                CHECK(text.find(zh ? "公式：" : "formula: ") != std::string::npos);
                CHECK(text.find(zh ? "来源：" : "source:  ") != std::string::npos);
                const nlohmann::json j = nlohmann::json::parse(explain_json(e, c.lang, false));
                CHECK(j.at("value").get<double>() == doctest::Approx(want).epsilon(1e-12));
                paths_seen.insert(q.path);
                ++explained;
            }
        }
    }
    // every quantity of the table was explained in at least one of the three scenarios
    CHECK(paths_seen.size() == quantities().size());
    CHECK(explained > 0);
}
