// Memory figures pinned to published numbers (../shared/reference/published.json and the seeds); each case cites
// its source and states its tolerance.
#include <doctest/doctest.h>

#include <cmath>

#include "formats.hpp"
#include "memory.hpp"
#include "params.hpp"
#include "presets.hpp"
#include "report.hpp"
#include "timing.hpp"

using namespace llmcalc;

namespace {

ModelConfig mha(int64_t vocab, int64_t h, int64_t layers, int64_t heads, int64_t inter, MlpKind mlp) {
    ModelConfig m;
    m.id = "test";
    m.vocab_size = vocab; m.hidden_size = h; m.num_layers = layers; m.num_heads = heads; m.num_kv_heads = heads;
    m.intermediate_size = inter; m.mlp = mlp;
    return m;
}

// ZeRO's mixed-precision Adam (Sec. 3.1): 2 psi fp16 weights, 2 psi fp16 gradients, K psi = 12 psi optimizer states
// (fp32 master copy 4 + m and v 8), through the partitioning the training path runs.
double zero_states(double psi, int zero, double dp) {
    return zero_partition({2 * psi, 2 * psi, 8 * psi, 4 * psi}, zero, dp).total();
}

}  // namespace

TEST_CASE("ZeRO Fig. 1: psi = 7.5B, K = 12, Nd = 64 -> 120 / 31.4 / 16.6 / 1.9 GB") {
    // Rajbhandari et al. 2020 (arXiv:1910.02054) Fig. 1; published.json zero_fig1_model_states: exact values
    // 120, 31.40625, 16.640625, 1.875 GB (fp16 weights and gradients, K = 12 incl. the fp32 master copy).
    const double psi = 7.5e9;
    CHECK(zero_states(psi, 0, 64) == doctest::Approx(120.0e9).epsilon(1e-12));
    CHECK(zero_states(psi, 1, 64) == doctest::Approx(31.40625e9).epsilon(1e-12));
    CHECK(zero_states(psi, 2, 64) == doctest::Approx(16.640625e9).epsilon(1e-12));
    CHECK(zero_states(psi, 3, 64) == doctest::Approx(1.875e9).epsilon(1e-12));

    // The same through the training-memory path: K = 12 = AdamW's 8 bytes (m, v) + 4 bytes fp32 master weights.
    TrainingPlan p;
    p.params = psi;
    p.trainable = psi;
    p.weight_bytes_total = 2 * psi;
    p.grad_bytes = 2;
    p.opt_bytes_per_trainable = 8;
    p.master_bytes = 4;
    p.layers = 1;
    Inputs in;
    in.task = Task::Training;
    in.finetune = Finetune::Full;
    const double expected[4] = {120.0e9, 31.40625e9, 16.640625e9, 1.875e9};
    for (int z = 0; z <= 3; ++z) {
        CAPTURE(z);
        TrainLayout l;
        l.dp = 64;
        l.zero = z;
        const TrainingMemory t = evaluate_training(p, in, l);
        const double states = static_cast<double>(t.weights_bytes + t.gradients_bytes + t.optimizer_bytes +
                                                  t.master_weights_bytes);
        CHECK(states == doctest::Approx(expected[z]).epsilon(1e-9));
        CHECK(t.total_bytes == t.weights_bytes + t.gradients_bytes + t.optimizer_bytes + t.master_weights_bytes +
                                   t.activations_bytes + t.overhead_bytes);
    }
}

TEST_CASE("ZeRO Sec. 1/3.1: 16 bytes per parameter for mixed-precision Adam") {
    // published.json zero_text_examples: GPT-2 1.5B needs 24 GB of model states; 1T params 16 TB, 16 GB per GPU
    // on 1024 GPUs (the paper rounds 15.6 up).
    CHECK(zero_states(1.5e9, 0, 1) == doctest::Approx(24e9));
    CHECK(zero_states(1e12, 0, 1) == doctest::Approx(16e12));
    CHECK(zero_states(1e12, 3, 1024) / 1e9 == doctest::Approx(16.0).epsilon(0.03));
}

TEST_CASE("vLLM: OPT-13B KV cache is 800 KB per token, 1.6 GB per 2048-token request") {
    // Kwon et al. 2023 (arXiv:2309.06180) Sec. 3; published.json vllm_kv_cache: 2 x 5120 x 40 x 2 B = 819200 B.
    ModelConfig opt = mha(50272, 5120, 40, 40, 20480, MlpKind::Plain);
    const NumberFormat& fp16 = *find_format("fp16");
    CHECK(kv_cache_bytes_per_token(opt, fp16) == 819200);
    CHECK(kv_cache_bytes(opt, fp16, 1, 2048) == 1677721600);
    // Llama-2-13B has the same h = 5120, L = 40, MHA (published.json note): also 819200 B per token.
    ModelConfig l13 = mha(32000, 5120, 40, 40, 13824, MlpKind::Gated);
    CHECK(kv_cache_bytes_per_token(l13, fp16) == 819200);
}

TEST_CASE("seed 004: Llama-2-13B, 10 concurrent 4096-token requests, 10% overhead -> 63.8 GB, 2 A100-40GB") {
    // Seed 004 (LLM-Tools example): model 13e9 x 2 B = 26 GB; KV 800 KB x 4096 x 10 = "32 GB";
    // overhead 0.1 x (26 + 32) = 5.8 GB; total 63.8 GB; "needs 2 A100". The seed rounds 800 KB x 4096 x 10 =
    // 32.768e9 B down to 32 GB, so with its own inputs our functions give 64.6448e9 B: 1.3% above 63.8 (tolerance
    // 1.5%). With the seed's rounded 32 GB of KV the total is 63.8e9 B exactly.
    Inputs in;
    in.overhead_pct = 10;
    in.flash_attention = true;
    InferencePlan p;
    p.weights_total = 26'000'000'000;   // 13e9 x 2 bytes, the seed's model size (not the exact 13,015,864,320)
    p.kv_global_elems = 400'000;        // 800e3 bytes per token at 2 bytes per element (the seed's 800 KB)
    p.kv_heads = 1;
    p.kv_bits_num = 16;
    p.kv_bits_den = 1;
    const InferenceMemory r = evaluate_inference(p, in, 1, 1, 1, 10, 4096, 0);
    CHECK(r.weights_bytes == 26'000'000'000);
    CHECK(r.kv_cache_bytes == 32'768'000'000);
    CHECK(r.overhead_bytes == 5'876'800'000);
    CHECK(r.total_bytes == 64'644'800'000);
    CHECK(static_cast<double>(r.total_bytes) == doctest::Approx(63.8e9).epsilon(0.015));
    // the seed's rounded KV (32 GB = 781,250 B per token over 40,960 tokens) gives its 63.8 GB exactly
    p.kv_global_elems = 390'625;
    CHECK(evaluate_inference(p, in, 1, 1, 1, 10, 4096, 0).total_bytes == 63'800'000'000);
    // "需要 2 块 A100": two 40 GB cards (memory pooled over tensor parallelism)
    p.kv_global_elems = 400'000;
    ModelConfig l13 = mha(32000, 5120, 40, 40, 13824, MlpKind::Gated);
    CHECK(inference_inverse(p, l13, [] { Inputs x; x.overhead_pct = 10; x.concurrency = 10; x.seq = 4096; x.gen = 0;
                                        return x; }(), 40e9).gpus_needed_pooled == 2);
}

TEST_CASE("Korthikanti et al. 2022: per-layer activation bytes for GPT-3 175B") {
    // arXiv:2205.05198 eqs. 1-6; published.json korthikanti_activation_formulas: s=2048, b=1, h=12288, a=96, t=8.
    const double s = 2048, b = 1, h = 12288, a = 96;
    CHECK(5 * a * s / h == 80);
    // the paper's terms: 10sbh replicated, 24sbh TP-split, 5as^2b attention scores (dropped by selective recompute)
    const double rep = 10 * s * b * h, split = 24 * s * b * h, scores = 5 * a * s * s * b;
    CHECK(korthikanti_layer_bytes(rep, split, scores, 1, false) == 2868903936.0);
    CHECK(korthikanti_layer_bytes(rep, split, scores, 8, false) == 578813952.0);
    CHECK(korthikanti_layer_bytes(rep, split, scores, 8, true) == 358612992.0);
    CHECK(korthikanti_layer_bytes(rep, split, 0, 8, true) == 106954752.0);
    // Sec. 5: selective recompute saves 70% of the activation memory for GPT-3 (80 / (34 + 80))
    CHECK(1.0 - korthikanti_layer_bytes(rep, split, 0, 1, true) / korthikanti_layer_bytes(rep, split, scores, 1, true) ==
          doctest::Approx(0.70).epsilon(0.01));

    // The generalized per-layer model of the training path reduces to the paper's for a GPT-3 layer (MHA, plain
    // 4h MLP): 48 layers of the first of two pipeline stages, one micro-batch in flight, TP 8 with SP.
    ModelConfig gpt3 = mha(51200, 12288, 96, 96, 4 * 12288, MlpKind::Plain);
    gpt3.norm = NormKind::LayerNorm;
    gpt3.norm_bias = true;
    Inputs in;
    in.task = Task::Training;
    in.seq = 2048;
    in.flash_attention = false;
    const TrainingPlan p = make_training_plan(gpt3, count_params(gpt3), in);
    TrainLayout l;
    l.tp = 8; l.sp = true; l.pp = 2; l.micro_batch = 1; l.microbatches = 1;
    CHECK(evaluate_training(p, in, l).activations_bytes == 48 * 358612992LL);
    l.sp = false;
    CHECK(evaluate_training(p, in, l).activations_bytes == 48 * 578813952LL);
    l.sp = true;
    l.recompute = Recompute::Selective;
    CHECK(evaluate_training(p, in, l).activations_bytes == 48 * 106954752LL);
    // Sec. 4.3 / Table 2: full recompute keeps each layer's 2sbh input (50,331,648 B for GPT-3); while a layer is
    // recomputed its own activations are live, without the scores (recomputed layers are selective): 34sbh at t = 1.
    l.tp = 1; l.sp = false; l.recompute = Recompute::Full;
    CHECK(evaluate_training(p, in, l).activations_bytes == 48 * 50331648LL + 34 * 2048LL * 12288LL);
}

TEST_CASE("QLoRA: double quantization costs 0.127 bits per parameter instead of 0.5") {
    // Dettmers et al. 2023 (arXiv:2305.14314) Sec. 3; published.json qlora_memory: 0.126953125 bits exactly.
    CHECK(find_format("nf4")->bits() - 4.0 == 0.126953125);
    CHECK(find_format("nf4_nodq")->bits() - 4.0 == 0.5);
}

TEST_CASE("QLoRA: 65B fine-tunes in < 48 GB; 16-bit full fine-tuning needs > 780 GB") {
    // Dettmers et al. 2023 abstract / Sec. 1 (published.json qlora_memory). LLaMA-65B shapes: h 8192, 80 layers,
    // 64 heads, MLP 22016, vocab 32000 (Touvron et al. 2023 Table 2; HF config). The paper's setting: NF4 + DQ
    // base, LoRA r = 64 on all linear layers, paged 8-bit AdamW, gradient checkpointing, batch 1; seq 512 here.
    ModelConfig m = mha(32000, 8192, 80, 64, 22016, MlpKind::Gated);
    const ParamReport pr = count_params(m);
    CHECK(pr.total > 65e9);
    Inputs q;
    q.task = Task::Training;
    q.finetune = Finetune::Qlora;
    q.weights = "nf4";
    q.lora_rank = 64;
    q.lora_targets = "q,k,v,o,gate,up,down";
    q.optimizer = "paged_adamw_8bit";
    q.recompute = Recompute::Full;
    q.batch = 1;
    q.seq = 512;
    const TrainingMemory tq = training_memory(m, pr, q);
    CHECK(tq.total_bytes < 48e9);
    Inputs f;
    f.task = Task::Training;
    f.finetune = Finetune::Full;
    f.weights = "bf16";
    f.grad_dtype = GradDtype::Bf16;
    f.recompute = Recompute::Full;
    f.batch = 1;
    f.seq = 512;
    CHECK(training_memory(m, pr, f).total_bytes > 780e9);
}

TEST_CASE("llama.cpp Q4_K_M of Llama-2-13B: 7.87 GB") {
    // localmodels/Llama-2-13B-ggml README, "Provided files": llama-2-13b.ggmlv3.q4_K_M.bin 7.87 GB ("Q6_K for half
    // of the attention.wv and feed_forward.w2 tensors, else Q4_K"; llama.cpp k-quants of June 2023, whose Q4_K_M
    // recipe is the use_more_bits rule still in llama-quant.cpp). Tolerance 0.1% (file header and rounding).
    ModelConfig m = mha(32000, 5120, 40, 40, 13824, MlpKind::Gated);
    const double bytes = static_cast<double>(weight_bytes_detail(m, *find_format("q4_k_m"), true).total);
    CHECK(bytes == doctest::Approx(7.87e9).epsilon(0.001));
    // Half of the 40 attn_v / ffn_down tensors get Q6_K (the README's "half").
    int more = 0;
    for (int i = 0; i < 40; ++i) more += gguf_use_more_bits(i, 40);
    CHECK(more == 20);
}

TEST_CASE("Llama 3 8B BF16 weights equal the safetensors total_size") {
    // published.json Meta-Llama-3-8B safetensors_total_size_bytes = 16060522496 = 2 x 8030261248.
    ModelConfig m = mha(128256, 4096, 32, 32, 14336, MlpKind::Gated);
    m.num_kv_heads = 8;
    CHECK(weight_bytes_detail(m, *find_format("bf16"), true).total == 16060522496LL);
    // GQA: 32 layers x 2 x 8 heads x 128 x 2 B = 131072 B per token
    CHECK(kv_cache_bytes_per_token(m, *find_format("bf16")) == 131072);
}

TEST_CASE("gpt-oss model card: MXFP4 experts + BF16 rest -> 60.8 GiB (120b) and 12.8 GiB (20b) checkpoints") {
    // OpenAI gpt-oss model card (arXiv:2508.10925) Table 1 checkpoint sizes, quoted by fitmygpu.com's gpt-oss-120b
    // page ("60.8 GiB checkpoint"); 12.8 GiB for gpt-oss-20b from the same table (not re-read: secondary).
    // Tolerance: the printed rounding (0.05 GiB).
    constexpr double GiB = 1024.0 * 1024.0 * 1024.0;
    const Preset* big = find_preset("gpt-oss-120b");
    const Preset* small = find_preset("gpt-oss-20b");
    REQUIRE(big);
    REQUIRE(small);
    const double b = static_cast<double>(weight_bytes_detail(big->config, *find_format("mxfp4_moe"), true).total);
    const double s = static_cast<double>(weight_bytes_detail(small->config, *find_format("mxfp4_moe"), true).total);
    CHECK(std::abs(b / GiB - 60.8) <= 0.05);
    CHECK(std::abs(s / GiB - 12.8) <= 0.05);
}

TEST_CASE("seed 004 through compute(): the Llama-2-13B preset, exact shapes") {
    // Same scenario with the real checkpoint: weights 2 x 13,015,864,320 B (published.json total), KV 819,200 B
    // per token x 4096 x 10 (vLLM formula); two A100-40GB needed as the seed says.
    Inputs in;
    in.model = "llama-2-13b";
    in.seq = 4096;
    in.gen = 0;
    in.concurrency = 10;
    in.overhead_pct = 10;
    in.gpu = "a100-40g";
    Result r = compute(in);
    REQUIRE(r.ok());
    CHECK(r.report.inference_memory.weights_bytes == 2 * 13015864320LL);
    CHECK(r.report.inference_memory.kv_cache_bytes == 819200LL * 4096 * 10);
    CHECK(r.report.inference_memory.overhead_pct_bytes ==
          (r.report.inference_memory.weights_bytes + r.report.inference_memory.kv_cache_bytes + 9) / 10);
    CHECK(r.report.gpus_needed == 2);
}

TEST_CASE("llama.cpp GGUF file sizes of DeepSeek-V3-0324 (bartowski, llama.cpp b4944)") {
    // huggingface.co/bartowski/deepseek-ai_DeepSeek-V3-0324-GGUF README, "Download a file": Q8_0 713.29 GB,
    // Q6_K 550.80 GB, Q5_K_M 475.40 GB, Q5_K_S 461.81 GB, Q4_K_M 404.43 GB (V1 files, stock llama-quant.cpp recipe).
    // Our tensor bytes must be within 0.02 GB below each file (the file adds metadata and the tokenizer).
    const Preset* p = find_preset("deepseek-v3");
    REQUIRE(p);
    struct Row { const char* id; double gb; };
    for (const Row& r : {Row{"q8_0", 713.29}, Row{"q6_k", 550.80}, Row{"q5_k_m", 475.40}, Row{"q5_k_s", 461.81},
                         Row{"q4_k_m", 404.43}}) {
        CAPTURE(r.id);
        const double gb = static_cast<double>(weight_bytes_detail(p->config, *find_format(r.id), true).total) / 1e9;
        CHECK(gb <= r.gb + 0.005);
        CHECK(gb >= r.gb - 0.02);
    }
}
