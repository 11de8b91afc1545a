// The report: INTERFACE.md paths, gpus_needed, inference speed relations, custom GPU, warnings.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "report.hpp"

using namespace llmcalc;
using json = nlohmann::json;

namespace {
double d_gpus_helper(int64_t n) { return static_cast<double>(n); }
json run(Inputs in) {
    Result r = compute(in);
    REQUIRE(r.ok());
    return json::parse(report_json(r.report), nullptr, false);
}
}  // namespace

TEST_CASE("report JSON has the INTERFACE.md paths and the inverse answers") {
    Inputs in;
    const json j = run(in);
    for (const char* p : {"/memory/kv_cache_bytes_per_token", "/memory/inference/weights_bytes",
                          "/memory/inference/kv_cache_bytes", "/memory/inference/activations_bytes",
                          "/memory/inference/overhead_bytes", "/memory/inference/total_bytes",
                          "/memory/training/weights_bytes", "/memory/training/gradients_bytes",
                          "/memory/training/optimizer_bytes", "/memory/training/master_weights_bytes",
                          "/memory/training/activations_bytes", "/memory/training/overhead_bytes",
                          "/memory/training/total_bytes", "/gpus_needed", "/time/training_seconds",
                          "/inference/ttft_seconds", "/inference/tpot_seconds", "/inference/tokens_per_second",
                          "/warnings", "/inverse/max_seq", "/inverse/max_batch", "/inverse/max_concurrency",
                          "/time/gpus_for_deadline", "/time/tokens_per_day"}) {
        CAPTURE(p);
        CHECK(j.contains(json::json_pointer(p)));
    }
    CHECK(j["memory"]["inference"]["total_bytes"].is_number_integer());
}

TEST_CASE("inference speed: latency = TTFT + TPOT x gen, aggregate = sequences / TPOT, decode memory-bound") {
    Inputs in;
    in.batch = 2;
    in.concurrency = 3;
    in.gen = 100;
    Result r = compute(in);
    REQUIRE(r.ok());
    const InferenceSpeed& s = r.report.inference;
    CHECK(s.latency_seconds == doctest::Approx(s.ttft_seconds + 100 * s.tpot_seconds));
    CHECK(s.aggregate_tokens_per_second == doctest::Approx(6 / s.tpot_seconds));
    CHECK(s.decode_bound == "memory");
    // TP halves the prefill time and (memory-bound) the decode time
    in.tp = 2; in.gpus = 2;
    Result r2 = compute(in);
    REQUIRE(r2.ok());
    CHECK(r2.report.inference.ttft_seconds == doctest::Approx(s.ttft_seconds / 2));
    CHECK(r2.report.inference.tpot_seconds == doctest::Approx(s.tpot_seconds / 2));
    // the optional TP communication term only adds time
    in.tp_comm = true;
    Result r3 = compute(in);
    REQUIRE(r3.ok());
    CHECK(r3.report.inference.tpot_seconds > r2.report.inference.tpot_seconds);
    CHECK(r3.report.inference.tp_comm_seconds_per_token > 0);
}

TEST_CASE("gpus_needed: TP for inference, data parallel with ZeRO for training") {
    Inputs in;
    in.model = "llama-3.1-8b";
    in.gpu = "rtx-4090";   // 24 GB: 16 GB of BF16 weights + 8 x 8192 tokens of KV (8.6 GB) does not fit
    in.batch = 8;
    in.seq = 8192;
    Result r = compute(in);
    REQUIRE(r.ok());
    CHECK(r.report.gpus_needed >= 2);
    CHECK(r.report.gpus_needed_basis == "tp");
    in.task = Task::Training;
    in.gpu = "h100-sxm";
    in.batch = 1;
    in.seq = 2048;
    in.zero = 3;
    in.recompute = Recompute::Full;
    Result t = compute(in);
    REQUIRE(t.ok());
    CHECK(t.report.gpus_needed_basis == "dp");
    CHECK(t.report.gpus_needed >= 2);  // 8B x 16 B of model states = 128 GB
    // zero = 0: dp cannot help; the pooled ZeRO-3 bound is reported with a warning
    in.zero = 0;
    Result z = compute(in);
    REQUIRE(z.ok());
    CHECK(z.report.gpus_needed_basis == "pooled_zero3");
    CHECK(!z.report.warnings.empty());
}

TEST_CASE("custom GPU and deadline inverse") {
    Inputs in;
    in.gpu = "custom";
    in.custom_memory_gb = 24;
    in.custom_bandwidth_gbs = 1000;
    in.custom_tflops = 100;
    in.deadline_days = 30;
    in.task = Task::Training;
    Result r = compute(in);
    REQUIRE(r.ok());
    CHECK(r.report.gpu_memory_bytes == 24e9);
    CHECK(r.report.peak_flops == 100e12);
    CHECK(r.report.gpus_for_deadline > 0);
    // the deadline answer is just enough: one fewer GPU misses it
    const double flops = resolved_tokens(in) * r.report.flops.model_training_per_token;  // tokens=auto: 1e12 (finetune=full)
    CHECK(flops / (d_gpus_helper(r.report.gpus_for_deadline) * 100e12 * in.mfu) <= 30 * 86400.0);
}

TEST_CASE("Apple unified memory: the usable share is the unified_memory_fraction key") {
    Inputs in;
    in.gpu = "m2-ultra";
    Result r = compute(in);
    REQUIRE(r.ok());
    // Apple's "192GB" of unified memory is 192 GiB (hardware.cpp, issue #11: capacities as the device reports them)
    CHECK(r.report.gpu_memory_bytes == doctest::Approx(192.0 * 1073741824 * 0.75));
    in.unified_memory_fraction = 0.9;
    in.gpu_mem_util = 0.5;
    Result r2 = compute(in);
    REQUIRE(r2.ok());
    CHECK(r2.report.gpu_memory_bytes == doctest::Approx(192.0 * 1073741824 * 0.9 * 0.5));
}

TEST_CASE("an error caused by a typed dimension is named by that key, also over an imported config") {
    // The UI shows an error beside the field the user edited: a typed `heads` that does not divide the
    // imported hidden size is a `heads` error, not a `config` error.
    Inputs in;
    in.config = R"({"model_type":"llama","vocab_size":32000,"hidden_size":4096,"num_hidden_layers":32,
                    "num_attention_heads":32,"intermediate_size":11008})";
    REQUIRE(compute(in).ok());
    in.heads = 7;
    in.kv_heads = 7;
    Result r = compute(in);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].key == "heads");
    in.heads.reset();
    in.kv_heads.reset();
    in.hidden = 4100;  // 4100 / 32 is not whole: the typed hidden size is named
    r = compute(in);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].key == "hidden");
    // A contradiction inside the pasted file alone stays a `config` error naming the JSON key.
    Inputs bad;
    bad.config = R"({"model_type":"llama","vocab_size":32000,"hidden_size":4096,"num_hidden_layers":32,
                     "num_attention_heads":32,"num_key_value_heads":5,"intermediate_size":11008})";
    r = compute(bad);
    REQUIRE(!r.errors.empty());
    CHECK(r.errors[0].key == "config");
    CHECK(r.errors[0].message.find("num_key_value_heads") != std::string::npos);
}

TEST_CASE("tokens=auto: 1T for pre-training / finetune=full, Stanford Alpaca's fine-tuning size for freeze/lora/qlora") {
    // Issue #11: LoRA of Qwen3-8B with the pre-training default of 1T tokens read "25.3 years". Stanford Alpaca
    // (github.com/tatsu-lab/stanford_alpaca README: 52K examples, alpaca_data.json holds 52,002; hyperparameters
    // 3 epochs, max length 512): at most 52,002 x 512 x 3 = 79,875,072 tokens.
    Inputs in;
    CHECK(!in.tokens.has_value());
    CHECK(get_input(in, "tokens").empty());
    CHECK(resolved_tokens(in) == 1e12);
    in.model = "qwen3-8b";
    in.task = Task::Training;
    in.gpu = "rtx-4090";
    for (Finetune f : {Finetune::Freeze, Finetune::Lora, Finetune::Qlora}) {
        in.finetune = f;
        CHECK(resolved_tokens(in) == 79'875'072.0);
        Result r = compute(in);
        REQUIRE(r.ok());
        CHECK(r.report.training_tokens == 79'875'072.0);
        bool noted = false;
        for (const auto& n : r.report.notes) noted = noted || n.rfind("tokens=auto: 79875072 training tokens", 0) == 0;
        CHECK(noted);
        // the time is the same as for the count typed in: auto is only a default
        Inputs typed = in;
        REQUIRE(!set_input(typed, "tokens", "79875072"));
        Result t = compute(typed);
        REQUIRE(t.ok());
        CHECK(t.report.training_seconds == r.report.training_seconds);
        for (const auto& n : t.report.notes) CHECK(n.find("tokens=auto") == std::string::npos);
    }
    in.finetune = Finetune::Full;
    Result p = compute(in);
    REQUIRE(p.ok());
    CHECK(p.report.training_tokens == 1e12);
    // "auto" and the empty text both unset a typed count; a bad value is still a named error
    REQUIRE(!set_input(in, "tokens", "3e11"));
    CHECK(*in.tokens == 3e11);
    REQUIRE(!set_input(in, "tokens", "auto"));
    CHECK(!in.tokens.has_value());
    REQUIRE(!set_input(in, "tokens", "5"));
    REQUIRE(!set_input(in, "tokens", ""));
    CHECK(!in.tokens.has_value());
    const auto bad = set_input(in, "tokens", "0");
    REQUIRE(bad.has_value());
    CHECK(bad->key == "tokens");
}

TEST_CASE("training inverse: the longest sequence and the largest micro-batch that fit at the layout used") {
    // Issue #11: the card answers "what is the largest batch / context that fits" for training too. Each answer is
    // bracketed by the report's own per-GPU total: at the value it fits, one above it does not.
    for (const char* ft : {"full", "lora", "qlora"}) {
        Inputs in;
        REQUIRE(parse_hash(std::string("model=qwen3-8b&task=training&gpu=a100-80g&gpus=8&zero=2&finetune=") + ft, in).empty());
        Result r = compute(in);
        REQUIRE(r.ok());
        REQUIRE(r.report.has_training_inverse);
        const TrainingInverse inv = r.report.training_inverse;
        CAPTURE(ft);
        REQUIRE(inv.max_seq > 0);
        REQUIRE(inv.max_micro_batch > 0);
        const double usable = r.report.gpu_memory_bytes;
        auto total = [&](const char* key, int64_t v) {
            Inputs x = in;
            REQUIRE(!set_input(x, key, std::to_string(v)));
            Result t = compute(x);
            REQUIRE(t.ok());
            return static_cast<double>(t.report.training_memory.total_bytes);
        };
        CHECK(total("seq", inv.max_seq) <= usable);
        CHECK(total("seq", inv.max_seq + 1) > usable);
        CHECK(total("batch", inv.max_micro_batch) <= usable);
        CHECK(total("batch", inv.max_micro_batch + 1) > usable);
        const json j = run(in);
        CHECK(j["inverse_training"]["max_seq"] == inv.max_seq);
        CHECK(j["inverse_training"]["max_micro_batch"] == inv.max_micro_batch);
    }
    Inputs inf;
    CHECK(!compute(inf).report.has_training_inverse);
    CHECK(!run(inf).contains("inverse_training"));
}
