// Memory: inference (weights, KV cache, activations, overheads) and training (weights, gradients, optimizer
// states, master weights, activations, overheads), per GPU. Bytes are exact integers where the inputs make them
// exact (weights and KV cache); activation models are documented estimates rounded up to whole bytes.
// docs/formulas-memory.md describes every formula, its source and every assumption key.
#pragma once

#include <cstdint>
#include <vector>

#include "flops.hpp"
#include "formats.hpp"
#include "inputs.hpp"
#include "model.hpp"
#include "params.hpp"
#include "trace.hpp"

namespace llmcalc {

// Each byte term saturates here (2^60 B ~ 1.15e18, above magnitude.cpp's 1e18 input guard, so only the inverse
// searches' probes reach it); totals add at most 7 such terms, which stays inside int64. A report whose total
// reaches it carries a warning.
constexpr int64_t kSaturatedBytes = int64_t{1} << 60;

// ---------------------------------------------------------------- weights
struct WeightBytes {
    int64_t total = 0;        // whole model
    int64_t embeddings = 0;   // token (+ position) embedding
    int64_t lm_head = 0;      // untied LM head
    int64_t layers = 0;       // decoder layers' matrices (excl. experts)
    int64_t experts = 0;      // routed experts
    int64_t small = 0;        // norms, biases, routers, sinks (16-bit; F32 in GGUF)
    int64_t mtp = 0;          // multi-token-prediction layers, only when counted (include_mtp)
    int64_t mtp_experts = 0;  // of mtp: the MTP modules' routed experts
    int64_t vision = 0;       // vision encoder + projector of a multimodal checkpoint (not with lm_only)
};
// Weight bytes of the model stored in format f: linear weights at f's bits (GGUF: llama.cpp's per-tensor recipe),
// norms/biases 16-bit (F32 for GGUF), embeddings/LM head 16-bit when embed_16bit and f is below 16 bits.
// include_mtp adds the multi-token-prediction layers (ParamReport::mtp) in the same storage rules; a multimodal
// checkpoint's vision encoder and projector are stored 16-bit (fp32 under fp32) unless lm_only.
WeightBytes weight_bytes_detail(const ModelConfig& m, const NumberFormat& f, bool embed_16bit, bool include_mtp = false,
                                bool lm_only = false);
int64_t weight_bytes(const ModelConfig& m, const ParamReport& p, const NumberFormat& f);

// ---------------------------------------------------------------- KV cache
// KV cache elements of one layer for one token: 2 (K and V) x kv_heads x head_dim (vLLM paper, Kwon et al. 2023
// Sec. 3); MLA caches the compressed latent kv_lora_rank + qk_rope_head_dim (DeepSeek-V2 paper Sec. 2.1.2).
int64_t kv_elements_per_token_layer(const ModelConfig& m, int64_t layer_index);
// KV cache bytes for one token across all attention layers (no window cap); linear-attention layers keep none.
// mtp_layers: the attention layers of the counted MTP modules (mtp_attention_layers), which keep keys too.
int64_t kv_cache_bytes_per_token(const ModelConfig& m, const NumberFormat& kv, Trace* tr = nullptr,
                                 int64_t mtp_layers = 0);
// The attention layers of the multi-token-prediction modules when they are counted (include_mtp): each MTP module
// is a Transformer block over the whole sequence (DeepSeek-V3 report, arXiv 2412.19437, Sec. 2.2 eq. 22: TRM_k
// over positions 1..T-k), so when it drafts tokens (speculative decoding) its attention keeps keys and values of
// the model's full-attention shape. One per module; Nemotron-H: the '*' blocks of mtp_hybrid_override_pattern.
int64_t mtp_attention_layers(const ModelConfig& m, bool include_mtp);
int64_t attention_layer_count(const ModelConfig& m);

// The constant state one sequence keeps in the linear-attention layers (Gated DeltaNet, Mamba-2): a convolution
// window and a recurrent state per layer, whatever the context length (vLLM MambaStateShapeCalculator shapes), in
// the dtypes the config names (ModelConfig::state_conv_bytes / state_ssm_bytes).
struct RecurrentState {
    int64_t layers = 0;         // linear-attention layers
    int64_t conv_elements = 0;  // per sequence, all layers
    int64_t ssm_elements = 0;   // per sequence, all layers
    int64_t bytes = 0;          // per sequence, all layers
};
RecurrentState recurrent_state_per_sequence(const ModelConfig& m);
// DeepSeek Sparse Attention's indexer key cache (DeepSeek-V3.2, GLM-5): per token and attention layer one
// index_head_dim key in FP8 plus one fp32 scale per 128 elements, whatever the KV format (reference
// inference/model.py Indexer k_cache float8_e4m3fn + k_scale_cache float32; vLLM's indexer cache stride
// head_dim + head_dim / 128 x 4 = 132 B). Bytes per token over all layers; 0 without an indexer.
int64_t indexer_cache_bytes_per_token(const ModelConfig& m, Trace* tr = nullptr);
// KV cache bytes of the model's own layers (MTP modules not counted) for `sequences` sequences of `context` tokens
// each; sliding layers keep at most `sliding_window` tokens; with block > 0 every sequence's token count is rounded
// up to whole blocks (vLLM PagedAttention).
int64_t kv_cache_bytes(const ModelConfig& m, const NumberFormat& kv, int64_t sequences, int64_t context,
                       int64_t block = 0);

// ---------------------------------------------------------------- inference
struct InferenceMemory {
    int64_t weights_bytes = 0;      // per GPU
    int64_t kv_cache_bytes = 0;     // per GPU
    int64_t state_bytes = 0;        // per GPU: linear-attention state of every sequence (hybrid models)
    int64_t indexer_cache_bytes = 0;  // per GPU: sparse-attention indexer key cache (DeepSeek-V3.2, GLM-5)
    int64_t activations_bytes = 0;  // per GPU, peak during prefill
    int64_t overhead_bytes = 0;     // per GPU: sum of the three named terms below
    int64_t overhead_pct_bytes = 0; // overhead_pct % of (weights + KV cache)
    int64_t cuda_context_bytes = 0; // cuda_context_gb
    int64_t reserve_bytes = 0;      // reserve_gb
    int64_t total_bytes = 0;        // per GPU
    int64_t total_all_gpus = 0;     // the fullest stage's per-GPU total x tp x pp
    int64_t stage = 0, stage_first = 0, stage_last = 0;  // pp > 1: the fullest stage and its layers [first, last)
    int64_t weights_total_bytes = 0;  // whole model, all GPUs
    int64_t kv_total_bytes = 0;       // whole cache, all GPUs
    int64_t state_total_bytes = 0;    // linear-attention state, all GPUs
    int64_t indexer_cache_total_bytes = 0;  // indexer key cache, all GPUs
};

// Everything about the model that inference memory needs, precomputed once (O(layers)) so that a scenario is
// evaluated in O(1): the inverse searches call evaluate() a few dozen times.
struct InferencePlan {
    int64_t weights_total = 0;
    int64_t kv_global_elems = 0;    // per token, summed over full-attention layers (the MTP layers' included)
    int64_t kv_mtp_elems = 0;       // per token, the MTP modules' attention layers (on the last pipeline stage)
    int64_t kv_sliding_elems = 0;   // per token, summed over sliding-window layers
    int64_t state_bytes_per_seq = 0;  // linear-attention state of one sequence (recurrent_state_per_sequence)
    int64_t indexer_bytes_per_token = 0;  // indexer_cache_bytes_per_token
    int64_t window = 0;
    int64_t kv_heads = 1;           // 0 for MLA (latent replicated on every TP rank)
    int64_t kv_bits_num = 16, kv_bits_den = 1;
    double act_elems_per_token = 0; // residual stream + widest MLP intermediate of one layer
    int64_t heads = 1;
    int64_t vocab = 0;
    // Pipeline stages hold whole layers (InferenceStage): the weight bytes outside the decoder layers and, per
    // layer, running sums from layer 0 (entry i = layers [0, i)) of what a stage of layers [a, b) adds up.
    int64_t layers = 1;
    int64_t embed_bytes = 0;        // first stage: token (+ position) embedding, vision tower
    int64_t head_bytes = 0;         // last stage: LM head (tied: the embedding's copy, as vLLM loads it there), MTP
    int64_t layer_bytes = 0;        // decoder layers (non-expert part, norms and other small tensors)
    int64_t expert_bytes = 0;       // decoder layers' routed experts
    int64_t kv_layer_elems = 0;     // KV elements per token of one attention layer
    struct LayerSums {
        int64_t params = 0, expert_params = 0;  // layer_params: non-expert and routed-expert parameters
        int64_t global = 0, sliding = 0, linear = 0;  // full-attention, sliding-window, linear-attention layers
        int64_t kv_global = 0, kv_sliding = 0;      // their KV elements per token (kv_elements_per_token_layer)
    };
    std::vector<LayerSums> sums;    // layers + 1 entries
};
// The layers one pipeline stage holds, as vLLM places them (vllm/distributed/utils.py get_pp_indices): L / pp
// each, the L mod pp left over go one each to the stages before the last, from the second-to-last backwards (the
// first stage holds the embedding, the last the final norm and LM head). A stage holds whole layers.
struct InferenceStage {
    int64_t index = 0, first = 0, last = 0;  // stage `index` holds layers [first, last)
    int64_t weights_bytes = 0;               // its weights, all TP ranks together (+ embedding / LM head)
    int64_t global_layers = 0, sliding_layers = 0, linear_layers = 0;
    int64_t kv_global_elems = 0, kv_sliding_elems = 0;  // KV elements per token of its full / sliding layers
};
InferenceStage inference_stage(const InferencePlan& p, int64_t pp, int64_t index);
// `weights` (optional): weight_bytes_detail of in.weights, when the caller already has it.
InferencePlan make_inference_plan(const ModelConfig& m, const Inputs& in, const WeightBytes* weights = nullptr);
// KV bytes of the whole cache (all GPUs) for `sequences` sequences of `ctx` tokens (block: paged rounding, 0 = off).
int64_t plan_kv_bytes(const InferencePlan& p, int64_t sequences, int64_t ctx, int64_t block);
// The same on traced numbers (E_global / E_sliding: elements per token summed over the full-attention / sliding layers).
Tx plan_kv_bytes(const InferencePlan& p, const Tx& sequences, const Tx& ctx, int64_t block, const Trace* tr);
// The same for layers holding `global` / `sliding` KV elements per token (a pipeline stage's layers).
Tx kv_bytes_of(const InferencePlan& p, int64_t global, int64_t sliding, const Tx& sequences, const Tx& ctx,
               int64_t block, const Trace* tr);
// Per-GPU memory for a scenario; only the arguments vary, the rest comes from `in`. With pp > 1 the figures are
// those of the GPUs of the fullest stage (weights + KV cache + state), the one that decides whether the split fits.
// With a trace, every per-GPU figure (memory.inference.*) is recorded with the terms it combined (trace.hpp).
InferenceMemory evaluate_inference(const InferencePlan& p, const Inputs& in, int64_t tp, int64_t pp, int64_t batch,
                                   int64_t concurrency, int64_t seq, int64_t gen, Trace* tr = nullptr);
InferenceMemory inference_memory(const ModelConfig& m, const ParamReport& p, const Inputs& in);

struct InferenceInverse {
    int64_t max_seq = 0;          // largest prompt (gen fixed) that fits per GPU; 0 = nothing fits
    int64_t max_context = 0;      // max_seq + gen
    int64_t max_batch = 0;        // largest batch (concurrency fixed)
    int64_t max_concurrency = 0;  // largest concurrency (batch fixed)
    int64_t gpus_needed_tp = 0;   // smallest tp (dividing the heads) whose per-GPU total fits; 0 = none
    int64_t gpus_needed_pooled = 0;  // ceil(model-wide bytes / usable per GPU), per-GPU overheads repeated
    bool fits_one_card = false;
};
// With a trace, inverse.max_seq, max_context, max_batch and max_concurrency are recorded: each search result with the
// per-GPU totals that bracket it (it fits, one more does not).
InferenceInverse inference_inverse(const InferencePlan& p, const ModelConfig& m, const Inputs& in, double usable,
                                   Trace* tr = nullptr);

// A model-parallel split for inference: tp x pp GPUs hold one copy of the model.
struct InferenceSplit {
    int64_t tp = 0, pp = 0;  // 0, 0: none
    int64_t gpus() const { return tp * pp; }
};
// Tensor-parallel sizes an inference engine accepts: tp divides the attention heads (Megatron-LM column/row
// split; vLLM checks num_attention_heads % tp == 0) and tp and the KV heads divide one another (vLLM splits KV
// heads when kv_heads >= tp, else replicates each one tp / kv_heads times); MLA has no KV heads to split.
bool inference_tp_allowed(const ModelConfig& m, int64_t tp);
// The smallest split (fewest GPUs, tp x pp <= max_gpus) whose per-GPU total fits `usable`: tp as above and at most
// gpus_per_node (tensor parallelism stays inside a node), pp <= layers. Per-GPU memory never grows with pp at a
// fixed tp, so the smallest pp for each tp is a bisection. Among splits of the same size the larger tp wins (a
// request's decode step then reads its weights from tp GPUs at once instead of crossing pp stages in turn).
// {0, 0} when no split of at most max_gpus fits.
InferenceSplit smallest_inference_split(const InferencePlan& p, const ModelConfig& m, const Inputs& in, double usable,
                                        int64_t max_gpus);
// The split of at most max_gpus GPUs with the lowest per-GPU total (the figure shown when nothing fits).
InferenceSplit lowest_memory_inference_split(const InferencePlan& p, const ModelConfig& m, const Inputs& in,
                                             int64_t max_gpus);

// ---------------------------------------------------------------- training
struct TrainingMemory {
    int64_t trainable_params = 0;   // whole model
    int64_t weights_bytes = 0, gradients_bytes = 0, optimizer_bytes = 0, master_weights_bytes = 0;
    int64_t activations_bytes = 0, overhead_bytes = 0, total_bytes = 0;  // all per GPU
    int64_t logits_bytes = 0;       // part of activations: fp32 logits of the last stage
    int64_t cuda_context_bytes = 0, comm_buffer_bytes = 0, fragmentation_bytes = 0;  // parts of overhead
    int64_t overhead_pct_bytes = 0;  // part of overhead: overhead_pct % of model states + activations
};

// Model-state bytes of one GPU, before or after ZeRO partitioning.
struct ModelStates {
    double weights = 0, gradients = 0, optimizer = 0, master = 0;
    double total() const { return weights + gradients + optimizer + master; }
};
// ZeRO (Rajbhandari et al. 2020, arXiv:1910.02054, Sec. 5 and Fig. 1) over `dp` data-parallel ranks: stage 1
// partitions the optimizer states (with the fp32 master copy: K = 12 = 4 + 8 for mixed-precision Adam), stage 2
// also the gradients, stage 3 also the parameters. With 2 + 2 + K bytes per parameter: stage 0 (2+2+K)psi;
// 1: 2psi + 2psi + K psi/Nd; 2: 2psi + (2+K)psi/Nd; 3: (2+2+K)psi/Nd.
ModelStates zero_partition(const ModelStates& replicated, int zero, double dp);
// The one rule behind it, for one state: divided by dp from ZeRO stage `stage` on (1 optimizer states and master
// copy, 2 gradients, 3 parameters).
Tx zero_shard(const Tx& replicated, int stage, int zero, const Tx& dp);

// Training memory model precomputed from the model and the fine-tuning method.
struct TrainingPlan {
    double params = 0;            // total
    double expert_params = 0;     // routed experts (sharded over ep)
    double embed_params = 0;      // token + position embedding
    double head_params = 0;       // LM head (tied: the same table; Megatron keeps a copy on the last stage)
    double trainable = 0;         // whole model
    double trainable_expert = 0;
    double weight_bytes_total = 0;   // frozen + trainable base weights in their storage format
    double adapter_bytes_per_param = 0;  // LoRA/QLoRA: adapters are extra 16-bit weights
    double opt_bytes_per_trainable = 8;  // incl. Adafactor factoring / Muon's AdamW part, averaged
    double grad_bytes = 2;
    double master_bytes = 4;      // 0 without master weights
    bool lora = false;
    bool full = true;             // finetune=full: every parameter trains
    int64_t layers = 1;
    int64_t act_layers = 1;       // layers that keep activations (freeze: the trained ones)
    // activation model (generalized Korthikanti): per token of one layer, in bytes / (s*b)
    double act_replicated = 0;    // 10h: layer-norm inputs, attention/MLP inputs, dropout masks
    double act_parallel = 0;      // attention projections' inputs + MLP intermediates (split by TP)
    double act_score_coeff = 0;   // 5 * heads (x keys) summed as average per layer over windows
    double sliding_fraction = 0;  // share of layers with a sliding window
    int64_t window = 0;
    double hidden = 0;
    double vocab = 0;
    int64_t heads = 1;
};
TrainingPlan make_training_plan(const ModelConfig& m, const ParamReport& p, const Inputs& in,
                                const WeightBytes* weights = nullptr);

// One parallel layout; the rest (seq, optimizer, overheads) comes from Inputs.
struct TrainLayout {
    int64_t tp = 1, pp = 1, dp = 1, ep = 1, cp = 1;
    bool sp = false;
    int zero = 0;
    int64_t micro_batch = 1;
    int64_t microbatches = 1;      // gradient-accumulation steps (in flight on the first stage: min(pp, this))
    Recompute recompute = Recompute::None;
};
// Parameters held by the most loaded GPU of a training layout (pipeline stage with the embedding or LM head),
// the one count that memory (evaluate_training) and the layout search's gradient all-reduce use.
struct ParamShard {
    double params = 0;     // parameters on the GPU (before ZeRO-3)
    double trainable = 0;  // trainable parameters on the GPU (before ZeRO)
    double share = 1;      // params / whole model
};
// Tensor parallelism splits each layer (experts over ep), pipeline parallelism the layers (the most loaded stage
// holds ceil(L/pp) of them plus the larger of embedding and LM head, as Megatron-LM places them); fine-tuning
// methods train a part of them.
ParamShard param_shard(const TrainingPlan& p, const TrainLayout& l);
// With a trace, every per-GPU figure (memory.training.*) is recorded with the terms it combined (trace.hpp).
TrainingMemory evaluate_training(const TrainingPlan& p, const Inputs& in, const TrainLayout& l, Trace* tr = nullptr);
TrainingMemory training_memory(const ModelConfig& m, const ParamReport& p, const Inputs& in);
// Training's inverse answers at one layout: the longest sequence (micro-batch fixed) and the largest micro-batch (seq
// fixed) whose per-GPU total (evaluate_training, the memory report's own function) fits `usable`; 0 = none fits.
struct TrainingInverse {
    int64_t max_seq = 0;
    int64_t max_micro_batch = 0;
};
TrainingInverse training_inverse(const TrainingPlan& p, const Inputs& in, const TrainLayout& l, double usable);
TrainLayout layout_from_inputs(const Inputs& in);

// Korthikanti et al. 2022 (arXiv:2205.05198) Sec. 4: activation bytes of one transformer layer for one micro-batch,
// from its three kinds of terms: `replicated` (kept whole on every TP rank: 10sbh, layer-norm inputs and dropout
// masks), `split` (split by TP: 24sbh for GPT shapes) and `scores` (split by TP: 5as^2b, 0 with flash attention or
// selective recompute). Without SP: replicated + (split + scores)/t = sbh(10 + 24/t + 5as/(ht)) (eq. 2; t = 1 is
// eq. 1's sbh(34 + 5as/h)); with SP everything is split: sbh/t (34 + 5as/h) (eq. 4); selective recompute (Sec. 4.3,
// scores = 0) gives 34sbh/t.
double korthikanti_layer_bytes(double replicated, double split, double scores, double t, bool sp);
Tx korthikanti_layer_bytes(const Tx& replicated, const Tx& split, const Tx& scores, const Tx& t, bool sp);

// LoRA (Hu et al. 2021, arXiv:2106.09685): an adapted matrix W (in x out) gains A (in x r) and B (r x out):
// r * (in + out) trainable parameters. make_training_plan sums it over the target matrices (q,k,v,o,gate,up,down)
// with their real shapes (GQA k/v widths, gated MLP, every routed and shared expert): TrainingPlan::trainable.
int64_t lora_params_per_matrix(int64_t in, int64_t out, int64_t r);

}  // namespace llmcalc
