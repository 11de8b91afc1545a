// Memory model units: KV cache (GQA, MLA, sliding, paged), weights by format, inference inverse answers, training
// sharding, optimizers, LoRA counts.
#include <doctest/doctest.h>

#include "formats.hpp"
#include "memory.hpp"
#include "optimizers.hpp"
#include "params.hpp"

using namespace llmcalc;

namespace {

ModelConfig llama3_8b() {
    // meta-llama/Meta-Llama-3-8B config.json (published.json)
    ModelConfig m;
    m.id = "l3";
    m.vocab_size = 128256; m.hidden_size = 4096; m.num_layers = 32; m.num_heads = 32; m.num_kv_heads = 8;
    m.intermediate_size = 14336;
    return m;
}

ModelConfig deepseek_v3_attention() {
    // deepseek-ai/DeepSeek-V3 config.json: hidden 7168, 61 layers, 128 heads, q_lora_rank 1536, kv_lora_rank 512,
    // qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128 (MoE part omitted here)
    ModelConfig m;
    m.vocab_size = 129280; m.hidden_size = 7168; m.num_layers = 61; m.num_heads = 128; m.intermediate_size = 18432;
    m.attn = AttnKind::MLA; m.q_lora_rank = 1536; m.kv_lora_rank = 512; m.qk_nope_head_dim = 128;
    m.qk_rope_head_dim = 64; m.v_head_dim = 128;
    return m;
}

const NumberFormat& F(const char* id) { return *find_format(id); }

}  // namespace

TEST_CASE("KV cache: GQA, MLA latent, sliding-window cap, paged rounding, KV format") {
    const ModelConfig m = llama3_8b();
    CHECK(kv_cache_bytes_per_token(m, F("bf16")) == 32 * 2 * 8 * 128 * 2);
    CHECK(kv_cache_bytes_per_token(m, F("fp8")) == 32 * 2 * 8 * 128);
    CHECK(kv_cache_bytes_per_token(m, F("int4")) == 32 * 2 * 8 * 128 / 2);
    // DeepSeek-V2 paper Sec. 2.1.2: MLA caches (d_c + d_h^R) = 512 + 64 elements per token per layer
    CHECK(kv_cache_bytes_per_token(deepseek_v3_attention(), F("bf16")) == 61 * 576 * 2);
    // paged: 1000 tokens in blocks of 16 occupy 63 blocks = 1008 tokens (vLLM PagedAttention)
    CHECK(kv_cache_bytes(m, F("bf16"), 1, 1000, 16) == kv_cache_bytes(m, F("bf16"), 1, 1008));
    CHECK(kv_cache_bytes(m, F("bf16"), 3, 1000) == 3 * kv_cache_bytes(m, F("bf16"), 1, 1000));
    // sliding layers keep at most the window
    ModelConfig s = m;
    s.sliding_window = 512;
    s.layer_sliding = sliding_layers_every(32, 2);  // odd layers sliding (1-based every 2nd global)
    const int64_t per_layer_token = 2 * 8 * 128 * 2;
    CHECK(kv_cache_bytes(s, F("bf16"), 1, 4096) == 16 * per_layer_token * 4096 + 16 * per_layer_token * 512);
}

TEST_CASE("weights: 16-bit embeddings under quantized formats, experts-only MXFP4, norms 16-bit / F32 in GGUF") {
    const ModelConfig m = llama3_8b();
    const WeightBytes bf = weight_bytes_detail(m, F("bf16"), true);
    CHECK(bf.total == 2 * count_params(m).total);
    const WeightBytes i4 = weight_bytes_detail(m, F("int4"), true);
    CHECK(i4.embeddings == bf.embeddings);  // kept 16-bit
    CHECK(i4.small == bf.small);            // norms 16-bit
    CHECK(i4.layers * 4 == bf.layers);      // plain int4: exactly a quarter
    const WeightBytes i4q = weight_bytes_detail(m, F("int4"), false);
    CHECK(i4q.embeddings * 4 == bf.embeddings);
    CHECK(weight_bytes_detail(m, F("q4_k_m"), true).small == 2 * bf.small);  // GGUF: F32 norms
    // a dense model under mxfp4_moe keeps every linear in BF16
    CHECK(weight_bytes_detail(m, F("mxfp4_moe"), true).total == bf.total);
    ModelConfig moe = m;
    moe.num_experts = 8; moe.experts_per_token = 2; moe.moe_intermediate_size = 14336;
    const WeightBytes mx = weight_bytes_detail(moe, F("mxfp4_moe"), true);
    const WeightBytes mb = weight_bytes_detail(moe, F("bf16"), true);
    CHECK(mx.layers == mb.layers);
    CHECK(mx.experts * 64 == mb.experts * 17);  // 4.25 / 16 bits
}

TEST_CASE("inference: per-GPU split over TP/PP, KV heads never split below one per rank, named overheads") {
    const ModelConfig m = llama3_8b();
    Inputs in;
    in.seq = 4096; in.gen = 0;
    const InferencePlan p = make_inference_plan(m, in);
    const InferenceMemory one = evaluate_inference(p, in, 1, 1, 1, 1, 4096, 0);
    const InferenceMemory tp2 = evaluate_inference(p, in, 2, 1, 1, 1, 4096, 0);
    CHECK(tp2.kv_cache_bytes * 2 == one.kv_cache_bytes);
    CHECK(tp2.weights_bytes * 2 == one.weights_bytes);
    // 8 KV heads over tp 16: each rank still holds one head = 1/8 of the cache
    const InferenceMemory tp16 = evaluate_inference(p, in, 16, 1, 1, 1, 4096, 0);
    CHECK(tp16.kv_cache_bytes * 8 == one.kv_cache_bytes);
    in.overhead_pct = 10; in.cuda_context_gb = 0.5; in.reserve_gb = 1;
    const InferenceMemory o = evaluate_inference(p, in, 1, 1, 1, 1, 4096, 0);
    CHECK(o.cuda_context_bytes == 500'000'000);
    CHECK(o.reserve_bytes == 1'000'000'000);
    CHECK(o.overhead_pct_bytes == (one.weights_bytes + one.kv_cache_bytes + 9) / 10);
    CHECK(o.total_bytes == o.weights_bytes + o.kv_cache_bytes + o.activations_bytes + o.overhead_bytes);
    // flash attention off adds the score matrix
    in.flash_attention = false;
    CHECK(evaluate_inference(p, in, 1, 1, 1, 1, 4096, 0).activations_bytes > o.activations_bytes);
}

TEST_CASE("inverse answers are the boundary of what fits") {
    const ModelConfig m = llama3_8b();
    Inputs in;
    in.seq = 8192; in.gen = 512; in.batch = 2;
    const InferencePlan p = make_inference_plan(m, in);
    const double usable = 40e9;
    const InferenceInverse inv = inference_inverse(p, m, in, usable);
    REQUIRE(inv.max_seq > 0);
    CHECK(evaluate_inference(p, in, 1, 1, 2, 1, inv.max_seq, 512).total_bytes <= usable);
    CHECK(evaluate_inference(p, in, 1, 1, 2, 1, inv.max_seq + 1, 512).total_bytes > usable);
    CHECK(evaluate_inference(p, in, 1, 1, inv.max_batch, 1, 8192, 512).total_bytes <= usable);
    CHECK(evaluate_inference(p, in, 1, 1, inv.max_batch + 1, 1, 8192, 512).total_bytes > usable);
    CHECK(evaluate_inference(p, in, 1, 1, 2, inv.max_concurrency, 8192, 512).total_bytes <= usable);
    CHECK(evaluate_inference(p, in, 1, 1, 2, inv.max_concurrency + 1, 8192, 512).total_bytes > usable);
    CHECK(inv.fits_one_card);
    CHECK(inv.gpus_needed_tp == 1);
    // a card too small for the weights: nothing fits on one, TP 2 does
    const InferenceInverse small = inference_inverse(p, m, in, 12e9);
    CHECK(small.max_seq == 0);
    CHECK(!small.fits_one_card);
    CHECK(small.gpus_needed_tp == 2);
    CHECK(small.gpus_needed_pooled == 2);
}

TEST_CASE("LoRA: r (in + out) per adapted matrix with the model's real shapes") {
    // Hu et al. 2021: W (d x k) gains B (d x r) and A (r x k). Llama 3 8B, r = 16, q,k,v,o: per layer
    // q 16 x (4096 + 4096) + k 16 x (4096 + 1024) + v 16 x (4096 + 1024) + o 16 x (4096 + 4096) = 425,984;
    // x 32 layers = 13,631,488 (the count PEFT prints for this setting).
    CHECK(lora_params_per_matrix(4096, 1024, 16) == 81920);
    // through the training plan, the count memory uses
    auto lora = [](const char* targets) {
        Inputs in;
        in.task = Task::Training;
        in.finetune = Finetune::Lora;
        in.lora_rank = 16;
        in.lora_targets = targets;
        const ModelConfig m = llama3_8b();
        return make_training_plan(m, count_params(m), in).trainable;
    };
    CHECK(lora("q,k,v,o") == 13631488);
    CHECK(lora("q,v") == 32 * (131072 + 81920));
    // gate/up/down: 3 x 16 x (4096 + 14336) per layer
    CHECK(lora("gate,up,down") == 32 * 3 * 16 * (4096 + 14336));
}

TEST_CASE("training: fine-tuning methods, optimizers, ZeRO and parallel sharding") {
    const ModelConfig m = llama3_8b();
    const ParamReport pr = count_params(m);
    Inputs in;
    in.task = Task::Training;
    in.seq = 2048;
    const TrainingMemory full = training_memory(m, pr, in);
    CHECK(full.trainable_params == pr.total);
    CHECK(full.weights_bytes == 2 * pr.total);
    CHECK(full.master_weights_bytes == 4 * pr.total);
    CHECK(full.optimizer_bytes == 8 * pr.total);
    CHECK(full.gradients_bytes == 2 * pr.total);
    CHECK(full.total_bytes == full.weights_bytes + full.gradients_bytes + full.optimizer_bytes +
                                  full.master_weights_bytes + full.activations_bytes + full.overhead_bytes);
    // freeze: the last 2 layers are trained (LLaMA-Factory freeze_trainable_layers)
    in.finetune = Finetune::Freeze; in.freeze_train_layers = 2;
    CHECK(training_memory(m, pr, in).trainable_params == 2 * layer_params(m, 31).total());
    // lora and qlora
    in.finetune = Finetune::Lora; in.lora_rank = 16; in.lora_targets = "q,k,v,o";
    const TrainingMemory lora = training_memory(m, pr, in);
    CHECK(lora.trainable_params == 13631488);
    CHECK(lora.gradients_bytes == 2 * 13631488);
    in.finetune = Finetune::Qlora;
    const TrainingMemory ql = training_memory(m, pr, in);
    CHECK(ql.weights_bytes < lora.weights_bytes / 2);  // embeddings and LM head stay 16-bit (2.1 GB here)
    // optimizers: SGD none, momentum 4, Lion 4, 8-bit AdamW ~2, Adafactor far below AdamW
    in.finetune = Finetune::Full;
    auto opt = [&](const char* id) { in.optimizer = id; return training_memory(m, pr, in).optimizer_bytes; };
    CHECK(opt("sgd") == 0);
    CHECK(opt("sgd_momentum") == 4 * pr.total);
    CHECK(opt("lion") == 4 * pr.total);
    CHECK(opt("adamw_8bit") < 2.01 * pr.total);
    CHECK(opt("adafactor") < pr.total);
    const int64_t muon = opt("muon");
    CHECK(muon > 4 * pr.total);
    CHECK(muon < 8 * pr.total);
    in.optimizer = "adamw";
    // ZeRO stages shard optimizer, then gradients, then weights over dp
    in.dp = 8;
    int64_t prev = INT64_MAX;
    for (int z = 0; z <= 3; ++z) {
        in.zero = z;
        const int64_t t = training_memory(m, pr, in).total_bytes;
        CHECK(t < prev);
        prev = t;
    }
    in.zero = 0; in.dp = 1;
    // TP and PP shrink weights, CP and SP shrink activations, recompute too
    in.tp = 2;
    CHECK(training_memory(m, pr, in).weights_bytes < full.weights_bytes);
    const int64_t act_tp = training_memory(m, pr, in).activations_bytes;
    in.sp = true;
    CHECK(training_memory(m, pr, in).activations_bytes < act_tp);
    in.tp = 1; in.sp = false; in.cp = 2;
    CHECK(training_memory(m, pr, in).activations_bytes < full.activations_bytes);
    in.cp = 1; in.recompute = Recompute::Full;
    CHECK(training_memory(m, pr, in).activations_bytes < full.activations_bytes / 5);
    in.recompute = Recompute::None; in.pp = 4;
    CHECK(training_memory(m, pr, in).weights_bytes < full.weights_bytes / 3);
    // named overheads
    in.pp = 1; in.cuda_context_gb = 1; in.comm_buffer_gb = 2; in.fragmentation_pct = 5;
    const TrainingMemory o = training_memory(m, pr, in);
    CHECK(o.cuda_context_bytes == 1'000'000'000);
    CHECK(o.comm_buffer_bytes == 2'000'000'000);
    CHECK(o.overhead_bytes == o.cuda_context_bytes + o.comm_buffer_bytes + o.fragmentation_bytes);
    CHECK(o.fragmentation_bytes > 0);
}

TEST_CASE("MoE training: expert parallelism shards the routed experts") {
    ModelConfig m = llama3_8b();
    m.num_experts = 8; m.experts_per_token = 2; m.moe_intermediate_size = 14336;
    const ParamReport pr = count_params(m);
    Inputs in;
    in.task = Task::Training;
    in.seq = 1024;
    const TrainingMemory e1 = training_memory(m, pr, in);
    in.ep = 8;
    const TrainingMemory e8 = training_memory(m, pr, in);
    CHECK(e8.weights_bytes < e1.weights_bytes / 4);
}

TEST_CASE("inference KV per GPU: MLA latent replicated over TP, layers split over PP, paged blocks") {
    const ModelConfig m = deepseek_v3_attention();
    Inputs in;
    const InferencePlan p = make_inference_plan(m, in);
    const InferenceMemory one = evaluate_inference(p, in, 1, 1, 1, 1, 4096, 0);
    CHECK(one.kv_cache_bytes == 61LL * 576 * 2 * 4096);
    CHECK(evaluate_inference(p, in, 8, 1, 1, 1, 4096, 0).kv_cache_bytes == one.kv_cache_bytes);  // replicated
    // pp = 2 splits whole layers: 61 = 31 + 30 (vLLM get_pp_indices gives the odd layer to the first of two
    // stages); the fullest stage's GPU holds the latent of its 31 layers, not half of 61 (issue #11).
    const InferenceMemory half = evaluate_inference(p, in, 1, 2, 1, 1, 4096, 0);
    CHECK(half.stage_last - half.stage_first == 31);
    CHECK(half.kv_cache_bytes == 31LL * 576 * 2 * 4096);
    in.kv_block = 16;
    CHECK(evaluate_inference(p, in, 1, 1, 1, 1, 4090, 0).kv_cache_bytes == one.kv_cache_bytes);  // 4090 -> 4096
    CHECK(plan_kv_bytes(p, 3, 100, 0) == 3 * plan_kv_bytes(p, 1, 100, 0));
}

TEST_CASE("prefill chunking caps the activation peak; a bigger batch never lowers it") {
    const ModelConfig m = llama3_8b();
    Inputs in;
    const InferencePlan p = make_inference_plan(m, in);
    const int64_t whole = evaluate_inference(p, in, 1, 1, 4, 1, 8192, 0).activations_bytes;
    in.prefill_chunk = 2048;
    const int64_t chunked = evaluate_inference(p, in, 1, 1, 4, 1, 8192, 0).activations_bytes;
    CHECK(chunked < whole / 8);
    CHECK(evaluate_inference(p, in, 1, 1, 8, 1, 8192, 0).activations_bytes >= chunked);
}

TEST_CASE("pipeline stages hold whole layers, placed as vLLM's get_pp_indices") {
    // vllm/distributed/utils.py get_pp_indices: L / pp layers each, the L mod pp left over one each to the stages
    // before the last, from the second-to-last backwards. vLLM's docs and tests give 61 layers over 2 -> [31, 30],
    // over 4 -> [15, 15, 16, 15]; 22 over 4 -> [5, 6, 6, 5]; 5 over 3 -> [2, 2, 1]; 4 over 3 -> [1, 2, 1].
    struct Row { int64_t layers, pp; std::vector<int64_t> sizes; };
    const std::vector<Row> rows = {{61, 2, {31, 30}}, {61, 4, {15, 15, 16, 15}}, {22, 4, {5, 6, 6, 5}},
                                   {5, 3, {2, 2, 1}},  {4, 3, {1, 2, 1}},          {32, 4, {8, 8, 8, 8}},
                                   {7, 7, {1, 1, 1, 1, 1, 1, 1}}};
    for (const Row& row : rows) {
        const int64_t layers = row.layers, pp = row.pp;
        CAPTURE(layers);
        CAPTURE(pp);
        InferencePlan p;
        p.layers = layers;
        p.sums.assign(static_cast<size_t>(layers) + 1, {});
        int64_t next = 0;
        for (int64_t s = 0; s < pp; ++s) {
            const InferenceStage st = inference_stage(p, pp, s);
            CHECK(st.first == next);
            CHECK(st.last - st.first == row.sizes[static_cast<size_t>(s)]);
            next = st.last;
        }
        CHECK(next == layers);
    }
}
