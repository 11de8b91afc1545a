// What `gpus` means (issue #11): with gpus > 1 and no layout given, inference splits the model over the fewest GPUs
// that fit and training fills the GPUs with data parallelism; gpus_needed is the fewest GPUs of any tp x pp split,
// never decreasing as the scenario grows.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "report.hpp"
#include "test_rng.hpp"

using namespace llmcalc;

namespace {

bool has_error(const Result& r, const std::string& key) {
    for (const auto& e : r.errors)
        if (e.key == key) return true;
    return false;
}

}  // namespace

TEST_CASE("inference on 2 GPUs with no layout: the per-GPU figures are the split's (Llama 3.1 70B, 2 x RTX 4090)") {
    Inputs in;
    in.model = "llama-3.1-70b";
    in.gpu = "rtx-4090";
    in.gpus = 2;
    in.seq = 32768;
    in.weights = "q4_k_m";
    Result r = compute(in);
    REQUIRE(r.ok());
    const Report& rep = r.report;
    CHECK(rep.parallel.automatic);
    CHECK(rep.parallel.tp * rep.parallel.pp == 2);  // nothing fits one card, so both are used
    // the split figure: half the whole model's weights per GPU (tp=2 splits every matrix)
    CHECK(rep.inference_memory.weights_bytes == (rep.weights_detail.total + 1) / 2);
    // and the same report as typing the layout
    Inputs typed = in;
    typed.tp = rep.parallel.tp;
    typed.pp = rep.parallel.pp;
    Result t = compute(typed);
    REQUIRE(t.ok());
    CHECK(t.report.inference_memory.total_bytes == rep.inference_memory.total_bytes);
    CHECK(t.report.inference.tpot_seconds == rep.inference.tpot_seconds);
    CHECK_FALSE(t.report.parallel.automatic);
    CHECK(t.report.parallel.basis == "explicit");
    CHECK_FALSE(rep.notes.empty());
}

TEST_CASE("inference: a model that fits one GPU is not split; the other GPUs are replicas") {
    Inputs in;
    in.model = "llama-3.1-8b";
    in.gpus = 4;
    Result r = compute(in);
    REQUIRE(r.ok());
    CHECK(r.report.parallel.tp == 1);
    CHECK(r.report.parallel.pp == 1);
    CHECK(r.report.parallel.replicas == 4);
    CHECK(r.report.parallel.basis == "smallest_fit");
    // one GPU: nothing chosen
    in.gpus = 1;
    Result one = compute(in);
    REQUIRE(one.ok());
    CHECK_FALSE(one.report.parallel.automatic);
    CHECK(one.report.parallel.basis == "single");
}

TEST_CASE("training on 8 GPUs with no dp: dp = 8 (Qwen3-8B, 8 x A100 80GB, ZeRO-2, full fine-tune)") {
    Inputs in;
    in.model = "qwen3-8b";
    in.task = Task::Training;
    in.gpu = "a100-80g";
    in.gpus = 8;
    in.zero = 2;
    Result r = compute(in);
    REQUIRE(r.ok());
    CHECK(r.report.parallel.dp == 8);
    CHECK(r.report.parallel.basis == "fill_dp");
    // ZeRO-2 (Rajbhandari et al. 2020 Sec. 5.2): 2psi weights + (2 + K) psi / Nd with K = 12 (Adam moments 8 +
    // fp32 master 4), Nd = 8; psi = the whole model (full fine-tune).
    const double psi = static_cast<double>(r.report.params.total);
    const TrainingMemory& tm = r.report.training_memory;
    CHECK(static_cast<double>(tm.weights_bytes) == doctest::Approx(2 * psi));
    CHECK(static_cast<double>(tm.gradients_bytes) == doctest::Approx(2 * psi / 8));
    CHECK(static_cast<double>(tm.optimizer_bytes + tm.master_weights_bytes) == doctest::Approx(12 * psi / 8));
    // the same as typing dp = 8
    Inputs typed = in;
    typed.dp = 8;
    Result t = compute(typed);
    REQUIRE(t.ok());
    CHECK(t.report.training_memory.total_bytes == tm.total_bytes);
    // with tp = 2 the rest is dp = 4
    in.tp = 2;
    Result r2 = compute(in);
    REQUIRE(r2.ok());
    CHECK(r2.report.parallel.dp == 4);
}

TEST_CASE("an inconsistent layout is a named error for gpus") {
    Inputs in;
    in.model = "qwen3-8b";
    in.task = Task::Training;
    in.gpus = 8;
    in.dp = 4;  // 1 x 1 x 4 x 1 = 4 != 8 GPUs
    CHECK(has_error(compute(in), "gpus"));
    in.dp = 1;
    in.tp = 4;
    in.gpus = 6;  // not a multiple of tp x pp x cp
    CHECK(has_error(compute(in), "gpus"));
    in.gpus = 2;  // fewer than tp
    CHECK(has_error(compute(in), "gpus"));
    in.task = Task::Inference;
    CHECK(has_error(compute(in), "gpus"));
}

TEST_CASE("gpus_needed: DeepSeek-R1 in BF16 on H100 needs a split in the high teens, not tp = 32") {
    // DeepSeek-V3/R1 model card: 671B parameters without the MTP module; BF16 = 2 bytes each = 1342 GB, so the
    // memory pooled over 80 GB cards is at least 1342 / 80 -> 17 GPUs. Tensor parallelism over divisors of the
    // 128 heads alone jumps from 16 (too small) to 32; a tp x pp split lands in the high teens (issue #11:
    // e.g. tp 2 x pp 9).
    Inputs in;
    in.model = "deepseek-r1";
    in.gpu = "h100-sxm";
    Result r = compute(in);
    REQUIRE(r.ok());
    const Report& rep = r.report;
    CHECK(rep.params.total == doctest::Approx(671e9).epsilon(0.002));
    CHECK(rep.gpus_needed >= rep.gpus_needed_pooled);
    CHECK(rep.gpus_needed_pooled >= 16);
    CHECK(rep.gpus_needed >= 16);
    CHECK(rep.gpus_needed <= 19);
    // A pipeline stage holds whole layers (vLLM get_pp_indices). 58 of the 61 layers are MoE layers of ~23 GB in
    // BF16 (256 experts x 3 x 7168 x 2048 x 2 B), so 9 stages leave one with 7 of them: ~161 GB over tp = 2, ~81 GB
    // per GPU: 18 GPUs, the "about 18 (e.g. TP 2 x PP 9)". tp 8 x pp 2 (16) puts 30 MoE layers + the LM head
    // on the last stage: ~692 GB / 8 = ~86.5 GB > 85.5 GB (an H100's 81,559 MiB), though the pooled bound is 16.
    CHECK(rep.gpus_needed == 18);
    CHECK(rep.gpus_needed_tp == 2);
    CHECK(rep.gpus_needed_pp == 9);
    {
        Inputs t8p2 = in;
        t8p2.gpus = 16;
        t8p2.tp = 8;
        t8p2.pp = 2;
        Result t = compute(t8p2);
        REQUIRE(t.ok());
        CHECK(static_cast<double>(t.report.inference_memory.total_bytes) > t.report.gpu_memory_bytes);
        CHECK(t.report.inference_memory.stage == 1);  // the last stage: 30 MoE layers + LM head
    }
    CHECK(rep.gpus_needed == rep.gpus_needed_tp * rep.gpus_needed_pp);
    CHECK(rep.gpus_needed_tp <= 8);  // within a node
    // that layout fits, and typing it gives a per-GPU total within the card
    Inputs typed = in;
    typed.gpus = rep.gpus_needed;
    typed.tp = rep.gpus_needed_tp;
    typed.pp = rep.gpus_needed_pp;
    Result t = compute(typed);
    REQUIRE(t.ok());
    CHECK(static_cast<double>(t.report.inference_memory.total_bytes) <= t.report.gpu_memory_bytes);
    // and with that many GPUs and no layout, the core picks a split of that size
    Inputs auto_in = in;
    auto_in.gpus = rep.gpus_needed;
    Result a = compute(auto_in);
    REQUIRE(a.ok());
    CHECK(a.report.parallel.tp * a.report.parallel.pp == rep.gpus_needed);
    CHECK(a.report.warnings.empty());
}

TEST_CASE("gpus_needed never decreases as the model, context, batch or concurrency grows (random scenarios)") {
    // The case first: qwen2.5-3b at 32k context on RTX 4090, 32 then 64 concurrent requests.
    Inputs q;
    q.model = "qwen2.5-3b";
    q.gpu = "rtx-4090";
    q.seq = 32768;
    q.concurrency = 32;
    Result q32 = compute(q);
    q.concurrency = 64;
    Result q64 = compute(q);
    REQUIRE(q32.ok());
    REQUIRE(q64.ok());
    CHECK(q64.report.gpus_needed >= q32.report.gpus_needed);

    // 0 (no split fits) counts as infinitely many.
    auto need = [](const Inputs& in) {
        Result r = compute(in);
        REQUIRE(r.ok());
        return r.report.gpus_needed == 0 ? INT64_MAX : r.report.gpus_needed;
    };
    test_util::Rng g{0x11a11};
    std::vector<std::string> models;
    for (const auto& p : presets()) models.push_back(p.config.id);
    const std::vector<std::string> gpu_ids = {"rtx-4090", "a100-40g", "h100-sxm", "l4", "mi300x"};
    const std::vector<std::string> formats = {"bf16", "fp8", "q4_k_m", "int4"};
    int checked = 0;
    for (int i = 0; i < 120; ++i) {
        Inputs in;
        in.model = g.pick(models);
        in.gpu = g.pick(gpu_ids);
        in.weights = g.pick(formats);
        in.kv = g.pick(std::vector<std::string>{"bf16", "fp8"});
        in.seq = g.range(1, 65536);
        in.gen = g.range(0, 2048);
        in.batch = g.range(1, 8);
        in.concurrency = g.range(1, 64);
        in.gpus = g.range(1, 16);
        CAPTURE(in.model);
        CAPTURE(in.gpu);
        CAPTURE(in.seq);
        CAPTURE(in.batch);
        CAPTURE(in.concurrency);
        const int64_t base = need(in);
        Inputs more = in;
        more.seq = in.seq * 2;
        CHECK(need(more) >= base);
        more = in;
        more.gen = in.gen + 1024;
        CHECK(need(more) >= base);
        more = in;
        more.batch = in.batch + g.range(1, 8);
        CHECK(need(more) >= base);
        more = in;
        more.concurrency = in.concurrency * 2;
        CHECK(need(more) >= base);
        // a bigger model: more layers, same shapes
        const Preset* p = find_preset(in.model);
        more = in;
        more.layers = p->config.num_layers + g.range(1, 16);
        CHECK(need(more) >= base);
        // and wider: a larger MLP
        more = in;
        more.intermediate = p->config.dense_ffn() * 2;
        CHECK(need(more) >= base);
        ++checked;
    }
    CHECK(checked == 120);
}

TEST_CASE("recompute=auto: full recomputation for LoRA/QLoRA (as the fine-tuning stacks run them), none otherwise") {
    // Issue #11: QLoRA of Qwen3-8B on one 24 GB card. LLaMA-Factory enables gradient checkpointing unless
    // disable_gradient_checkpointing is set; PEFT's prepare_model_for_kbit_training defaults to
    // use_gradient_checkpointing=True. Without it the 4k-token activations alone (~22 GB, Korthikanti eq. 1 over 36
    // layers) fill the card; with it each layer keeps only its 2sbh input.
    Inputs in;
    in.model = "qwen3-8b";
    in.task = Task::Training;
    in.finetune = Finetune::Qlora;
    in.gpu = "rtx-4090";
    CHECK(in.recompute == Recompute::Auto);  // the default
    Result a = compute(in);
    REQUIRE(a.ok());
    CHECK(a.report.recompute == Recompute::Full);
    CHECK(static_cast<double>(a.report.training_memory.total_bytes) <= a.report.gpu_memory_bytes);  // fits
    bool noted = false;
    for (const auto& n : a.report.notes) noted = noted || n.find("recompute=auto") != std::string::npos;
    CHECK(noted);
    Inputs full = in;
    full.recompute = Recompute::Full;
    Result f = compute(full);
    REQUIRE(f.ok());
    CHECK(f.report.training_memory.total_bytes == a.report.training_memory.total_bytes);
    Inputs none = in;
    none.recompute = Recompute::None;
    Result n = compute(none);
    REQUIRE(n.ok());
    CHECK(static_cast<double>(n.report.training_memory.activations_bytes) > 20e9);
    CHECK(static_cast<double>(n.report.training_memory.total_bytes) > n.report.gpu_memory_bytes);  // the old "no"
    // full fine-tuning and pretraining keep recompute=none (Megatron-LM recomputes only when asked)
    Inputs pre = in;
    pre.finetune = Finetune::Full;
    Result p = compute(pre);
    REQUIRE(p.ok());
    CHECK(p.report.recompute == Recompute::None);
    pre.task = Task::Inference;
    pre.finetune = Finetune::Lora;
    Result i = compute(pre);
    REQUIRE(i.ok());
    CHECK(i.report.recompute == Recompute::None);
}

// zero=auto (the default): the lowest ZeRO stage at which the per-GPU total fits. Independent count for Llama 2 7B
// (psi = 6,738,415,616) pretrained on 256 H100 (dp = 256) with AdamW in mixed precision (Rajbhandari et al. 2020
// Sec. 3.1: 2 psi weights + 2 psi gradients + K psi with K = 12 for fp32 moments and master copy): stage 0 holds
// 16 psi = 107.8 GB, more than an H100's 80 GiB before any activation; stage 1 holds 4 psi + 12 psi / 256 = 27.3 GB
// plus activations, so stage 1 is the answer a practitioner gives (Megatron-LM's distributed optimizer).
TEST_CASE("zero=auto: pretraining 7B on 256 H100 fits at ZeRO stage 1 (Llama 2 7B)") {
    Inputs in;
    in.model = "llama-2-7b";
    in.task = Task::Training;
    in.gpu = "h100-sxm";
    in.gpus = 256;
    CHECK(in.zero == kZeroAuto);  // the default
    CHECK(get_input(in, "zero") == "auto");
    Result r = compute(in);
    REQUIRE(r.ok());
    const double psi = static_cast<double>(r.report.params.total);
    CHECK(psi == 6738415616.0);
    CHECK(16 * psi > r.report.gpu_memory_bytes);  // stage 0 cannot fit: model states alone exceed the card
    CHECK(r.report.zero == 1);
    CHECK(r.report.parallel.dp == 256);
    const TrainingMemory& tm = r.report.training_memory;
    CHECK(static_cast<double>(tm.weights_bytes + tm.gradients_bytes) == doctest::Approx(4 * psi));
    CHECK(static_cast<double>(tm.optimizer_bytes + tm.master_weights_bytes) == doctest::Approx(12 * psi / 256).epsilon(1e-6));
    CHECK(static_cast<double>(tm.total_bytes) <= r.report.gpu_memory_bytes);
    CHECK(report_json(r.report).find("\"recompute\":\"none\",\"zero\":1") != std::string::npos);
    // a typed stage wins: zero=0 is the plain data-parallel figure, which does not fit
    REQUIRE(!set_input(in, "zero", "0"));
    Result z0 = compute(in);
    REQUIRE(z0.ok());
    CHECK(z0.report.zero == 0);
    CHECK(static_cast<double>(z0.report.training_memory.total_bytes) > z0.report.gpu_memory_bytes);
    // the key takes auto and 0-3 only
    CHECK(!set_input(in, "zero", "auto"));
    CHECK(in.zero == kZeroAuto);
    CHECK(set_input(in, "zero", "4"));
    CHECK(set_input(in, "zero", "-1"));
}

TEST_CASE("zero=auto: one GPU or inference use stage 0; gpus_needed may use any stage and names the lowest that fits") {
    Inputs in;
    in.model = "llama-2-7b";
    in.task = Task::Training;
    in.gpu = "h100-sxm";
    Result one = compute(in);  // dp = 1: every stage holds the same bytes
    REQUIRE(one.ok());
    CHECK(one.report.zero == 0);
    // gpus_needed: the fewest data-parallel ranks at the most sharded stage (3), reported with the lowest stage that
    // fits at that dp; the same count as typing zero=3
    Inputs z3 = in;
    z3.zero = 3;
    Result three = compute(z3);
    REQUIRE(three.ok());
    CHECK(one.report.gpus_needed == three.report.gpus_needed);
    CHECK(one.report.gpus_needed_basis == "dp");
    CHECK(one.report.gpus_needed_zero >= 1);
    // at that dp the named stage fits and the stage below it does not
    Inputs at = in;
    at.gpus = one.report.gpus_needed;
    at.zero = one.report.gpus_needed_zero;
    Result fits = compute(at);
    REQUIRE(fits.ok());
    CHECK(static_cast<double>(fits.report.training_memory.total_bytes) <= fits.report.gpu_memory_bytes);
    at.zero = one.report.gpus_needed_zero - 1;
    Result below = compute(at);
    REQUIRE(below.ok());
    CHECK(static_cast<double>(below.report.training_memory.total_bytes) > below.report.gpu_memory_bytes);
    in.task = Task::Inference;
    in.gpus = 2;
    Result inf = compute(in);
    REQUIRE(inf.ok());
    CHECK(inf.report.zero == 0);
}
