// The scenario: every input the calculator takes, with one key table that the CLI flags, the URL hash and the
// JS API object all spell the same way (../shared/INTERFACE.md). Parsing and writing live here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace llmcalc {

// A named error for one input key: shown beside the field in the UI, printed by the CLI (exit code 2).
struct InputError {
    std::string key;
    std::string message;
};

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// Typed choices: each of these keys is parsed once, by the key table, into its enum; nothing else compares their
// text. The names are the keys' spellings (../shared/INTERFACE.md), in the enum's order.
enum class Task { Inference = 0, Training = 1 };
enum class Finetune { Full = 0, Freeze = 1, Lora = 2, Qlora = 3 };
// Activation recomputation (Korthikanti et al. 2022): none, selective (attention scores only), full (every layer).
// Auto is the key's default and never reaches a formula: resolved_recompute turns it into None or Full.
enum class Recompute { None = 0, Selective = 1, Full = 2, Auto = 3 };
// Element format of the optimizer states: Auto (the key's default) is the optimizer's own, resolved by
// optimizers.hpp effective_states; Int8 is spelled "8bit" (block-wise quantized states, Dettmers et al. 2022).
enum class OptimizerStates { Auto = 0, Fp32 = 1, Bf16 = 2, Int8 = 3 };
// Element format of the gradients; the spellings are number-format ids (formats.hpp find_format).
enum class GradDtype { Fp32 = 0, Bf16 = 1, Fp16 = 2 };
const char* task_name(Task t);            // "inference" | "training"
const char* finetune_name(Finetune f);    // "full" | "freeze" | "lora" | "qlora"
const char* recompute_name(Recompute r);  // "none" | "selective" | "full" | "auto"
const char* optimizer_states_name(OptimizerStates s);  // "auto" | "fp32" | "bf16" | "8bit"
const char* grad_dtype_name(GradDtype g);               // "fp32" | "bf16" | "fp16"
struct Inputs;
constexpr int64_t kZeroAuto = -1;  // Inputs::zero = "auto"
// The recomputation a scenario uses: recompute=auto is Full for task=training with finetune=lora/qlora (as the
// fine-tuning stacks run them) and None otherwise; any other value is itself. The one place Auto is resolved.
Recompute resolved_recompute(const Inputs& in);
// The training tokens a scenario uses: tokens as set, else 1e12 for finetune=full (pre-training) and 52,002 x 512 x 3
// (Stanford Alpaca's examples x max length x epochs) for freeze/lora/qlora. The one place tokens=auto is resolved.
double resolved_tokens(const Inputs& in);

struct Inputs {
    // --- the model: a preset, a pasted config.json, and/or typed dimensions that override either
    std::string model = "llama-3.1-8b";
    std::string config;                    // config.json text (the CLI reads the file named by --config)
    std::optional<int64_t> vocab, hidden, layers, heads, kv_heads, head_dim, intermediate;
    std::optional<int64_t> experts, top_k, shared_experts, moe_intermediate;
    std::optional<bool> tie;
    // "parameters only": the model is known by its parameter count (e.g. 32e9) and nothing else; replaces the preset.
    // active_params: the parameters a token runs (MoE), at most total_params (default: all of them).
    std::optional<int64_t> total_params, active_params;
    // heads typed over a model with GQA/MQA and no kv_heads typed: false = kv_heads follows heads (MHA), true = keep
    // the model's heads / kv_heads ratio. Either way the report carries a note saying which was done.
    bool keep_gqa_ratio = false;
    bool include_mtp = false;              // count the MTP layers in params.total and weight memory
    bool lm_only = false;                  // multimodal checkpoints: the language model alone (no vision tower)

    // --- the scenario
    Task task = Task::Inference;
    int64_t batch = 1;
    int64_t seq = 4096;
    int64_t gen = 512;
    int64_t concurrency = 1;
    std::string weights = "bf16";
    std::string kv = "bf16";
    std::string gpu = "h100-sxm";
    int64_t gpus = 1;
    int64_t tp = 1, pp = 1, dp = 1, ep = 1, cp = 1;
    bool sp = false;
    // ZeRO stage 0-3 over the data-parallel group, or kZeroAuto (the key's default, "auto"): the smallest stage at
    // which the per-GPU total fits, chosen once by compute() (report.cpp resolved_zero) and reported as training.zero
    int64_t zero = kZeroAuto;
    std::string optimizer = "adamw";
    GradDtype grad_dtype = GradDtype::Bf16;
    bool master_weights = true;
    // auto: full for task=training with finetune=lora/qlora (the fine-tuning stacks turn gradient checkpointing on
    // for them), none otherwise; resolved once, by resolved_recompute
    Recompute recompute = Recompute::Auto;
    Finetune finetune = Finetune::Full;
    int64_t lora_rank = 16;
    std::string lora_targets = "q,k,v,o";  // comma list of q,k,v,o,gate,up,down
    int64_t freeze_train_layers = 2;       // finetune=freeze: the last N layers are trained
    int64_t grad_accum = 1;
    // training tokens, epochs included; unset = auto (resolved once, by resolved_tokens): 1T for pre-training and
    // finetune=full, an instruction-tuning dataset for freeze/lora/qlora
    std::optional<double> tokens;
    double mfu = 0.4;
    // Hardware FLOPs utilisation (recompute counted, as Megatron's "TFLOP/s per GPU" is: achieved / peak). 0 = off;
    // when set it replaces mfu for the training time, which then divides the FLOPs the GPUs execute.
    double hfu = 0;
    OptimizerStates optimizer_states = OptimizerStates::Auto;  // auto (the optimizer's own) | fp32 | bf16 | 8bit

    // --- assumptions (every efficiency and overhead is a named input)
    bool causal = false;                   // halve the attention-score FLOPs for a causal mask
    bool flash_attention = true;           // no s^2 score matrix kept in memory
    double overhead_pct = 0;               // % of (weights + KV) added as overhead (the seeds use 10)
    double cuda_context_gb = 0;            // per-GPU CUDA context / framework reserve, GB
    double gpu_mem_util = 1.0;             // fraction of GPU memory usable (vLLM's gpu_memory_utilization)
    double prefill_efficiency = 0.5;       // achieved / peak FLOP/s during prefill
    double decode_bw_efficiency = 0.8;     // achieved / peak memory bandwidth during decode
    double price_per_gpu_hour = 2.0;       // USD, for training cost

    // --- memory / time / layout assumptions (docs/formulas-memory.md documents each key and default)
    bool embed_16bit = true;               // quantized formats: keep token embedding and LM head in 16-bit
    int64_t kv_block = 0;                  // paged KV cache block size in tokens (vLLM: 16); 0 = no rounding
    int64_t prefill_chunk = 0;             // tokens per prefill step (vLLM max_num_batched_tokens); 0 = whole prompt
    double reserve_gb = 0;                 // per-GPU framework reserve (allocator pools, workspaces), GB
    double comm_buffer_gb = 0;             // training: per-GPU communication buffers (NCCL, DDP buckets), GB
    double fragmentation_pct = 0;          // training: allocator fragmentation, % of the other terms
    double deadline_days = 0;              // training: GPUs needed to finish in this many days; 0 = off
    bool layout_search = false;            // training: search TP x PP x DP x ZeRO x micro-batch x recompute
    int64_t global_batch = 0;              // layout search: sequences per optimizer step; 0 = batch x grad_accum x dp
    int64_t layout_top = 5;                // layout search: how many best layouts to report
    double nvlink_gbs = 450;               // intra-node per-GPU bandwidth, GB/s one direction
    double internode_gbs = 50;             // inter-node per-GPU bandwidth, GB/s one direction
    int64_t gpus_per_node = 8;
    bool tp_comm = false;                  // inference: add TP all-reduce time to TTFT/TPOT
    double custom_memory_gb = 80;          // gpu=custom
    double custom_bandwidth_gbs = 2000;    // gpu=custom
    double custom_tflops = 400;            // gpu=custom: dense 16-bit TFLOPS
    double unified_memory_fraction = 0.75; // Apple unified memory: share the GPU may use
};

enum class KeyKind { Int, Number, Bool, Text, Choice };

struct KeySpec {
    const char* key;
    KeyKind kind;
    const char* help;          // one line: meaning, unit, default
    const char* choices;       // for Choice: "a|b|c" ("" when free text or resolved elsewhere)
    int64_t lo = 0, hi = 0;    // for Int: the accepted range; config.json fields meaning the same (hf_config.cpp)
                               // are held to it too
};

// The table of every key, in display order.
const std::vector<KeySpec>& input_keys();
const KeySpec* find_key(std::string_view key);

// The one number reader behind set_input, so the page, the URL hash, the CLI and the JS API accept the same text:
//   plain and scientific "4096", "1.5", "3e11"; thousands separators "1,000,000", "1 000 000", "1_000_000" (groups
//   of three digits); a scale suffix k/K = 10^3, M = 10^6, B/G = 10^9, T = 10^12, P = 10^15, 万 = 10^4, 亿 = 10^8,
//   or binary Ki/Mi/Gi/Ti = 2^10.. ("32Ki" = 32768; "32k" is 32000); a trailing "%" (percent = true, value = the
//   number before it, e.g. "40%" -> 40). Spaces around the text are ignored. Anything else (nan, inf, hex, "1,00",
//   "5T5", overflow) gives `error`, a message that says what is wrong; value is then 0.
struct NumberText {
    double value = 0;
    bool percent = false;
    std::string error;  // empty when the text is a number
};
NumberText parse_number_text(std::string_view text);
// A number as written for people and for the URL: positional, never scientific ("1000000000000", "0.000001"),
// the shortest digits that read back to the same double. A value whose positional form would be longer than
// kMaxPlainNumberChars (magnitudes no one types, e.g. 1e-300) keeps scientific notation so it still reads back.
constexpr size_t kMaxPlainNumberChars = 40;
std::string format_plain_number(double x);

// Set one key from its text. Returns an error naming the key when the value is not valid for that key.
std::optional<InputError> set_input(Inputs& in, std::string_view key, std::string_view value);
// The text of one key's current value ("" for an unset optional).
std::string get_input(const Inputs& in, std::string_view key);
// Apply many pairs; collects every error (nothing is applied for a key whose value is bad).
std::vector<InputError> apply_inputs(Inputs& in, const KeyValues& kv);
// Pairs whose value differs from the defaults, in table order.
KeyValues changed_inputs(const Inputs& in);
// The defaults, built once (what a key's value is compared with).
const Inputs& default_inputs();

// One part of a URL hash, percent-decoded: "key=value" (a bare "key" reads as key=true).
struct HashPart {
    std::string key, value;
    bool decoded = true;  // false: bad percent-encoding (`key` is then the raw text before '=')
};
// The one URL-hash splitter: "key=value&key=value", a leading '#' optional, empty parts skipped, order kept. The core
// (parse_hash) and the page (src/app/app_state.hpp split_page_hash, which takes out its own options) both use it.
std::vector<HashPart> split_hash(std::string_view hash);
// Applies split parts as inputs: every key must be an input key; a key given twice, an unknown key, a bad value or
// bad percent-encoding is an error naming the key (the other keys still apply).
std::vector<InputError> apply_hash(const std::vector<HashPart>& parts, Inputs& in);
// split_hash, then apply_hash. The web page's own options (embed, lang, theme, compare) are not inputs and are
// unknown keys here: the page takes them out first.
std::vector<InputError> parse_hash(std::string_view hash, Inputs& in);
std::string write_hash(const Inputs& in);
// Command line: --key value | --key=value | --flag (booleans) | --flag false. Non-key flags are left in `rest`.
std::vector<InputError> parse_args(const std::vector<std::string>& args, Inputs& in, std::vector<std::string>* rest);

std::string percent_encode(std::string_view s);
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace llmcalc
