#include "inputs.hpp"

#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <type_traits>
#include <unordered_map>

#include "catalog.hpp"
#include "limits.hpp"

namespace llmcalc {
namespace {

constexpr std::array<const char*, 2> kTaskNames = {"inference", "training"};
constexpr std::array<const char*, 4> kFinetuneNames = {"full", "freeze", "lora", "qlora"};
constexpr std::array<const char*, 4> kRecomputeNames = {"none", "selective", "full", "auto"};
constexpr std::array<const char*, 4> kOptimizerStatesNames = {"auto", "fp32", "bf16", "8bit"};
constexpr std::array<const char*, 3> kGradDtypeNames = {"fp32", "bf16", "fp16"};

using Setter = std::function<std::optional<std::string>(Inputs&, std::string_view)>;
using Getter = std::function<std::string(const Inputs&)>;

struct Entry {
    KeySpec spec;
    Setter set;
    Getter get;
};

// A fraction key's number: "0.4" or "40%" (parse_number_text), nullopt when the text is not a number.
std::optional<double> parse_fraction(std::string_view v) {
    const NumberText n = parse_number_text(v);
    if (!n.error.empty()) return std::nullopt;
    return n.percent ? n.value / 100 : n.value;
}

std::optional<bool> parse_bool(std::string_view v) {
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    return std::nullopt;
}

std::string fmt_number(double x) { return format_plain_number(x); }

bool in_choices(std::string_view choices, std::string_view v) {
    size_t start = 0;
    while (start <= choices.size()) {
        size_t bar = choices.find('|', start);
        if (bar == std::string_view::npos) bar = choices.size();
        if (choices.substr(start, bar - start) == v) return true;
        start = bar + 1;
    }
    return false;
}

std::string choices_text(std::string_view choices) {
    std::string out;
    for (char c : choices) out += c == '|' ? std::string(", ") : std::string(1, c);
    return out;
}

// A whole number in [lo, hi] into `out`, or the message naming what is wrong with `v` (parse_number_text reads it,
// so "32k", "1,000" and "1e6" are whole numbers; "1.5" and "40%" are not).
std::optional<std::string> check_int(std::string_view v, int64_t lo, int64_t hi, int64_t& out) {
    const NumberText n = parse_number_text(v);
    if (!n.error.empty()) return "must be a whole number: " + n.error;
    if (n.percent || n.value != std::floor(n.value))
        return "must be a whole number, got '" + std::string(v) + "'";
    if (n.value < static_cast<double>(lo) || n.value > static_cast<double>(hi))
        return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + std::string(v);
    out = static_cast<int64_t>(n.value);
    return std::nullopt;
}

Entry int_key(const char* key, const char* help, int64_t Inputs::*member, int64_t lo, int64_t hi) {
    return {{key, KeyKind::Int, help, "", lo, hi},
            [=](Inputs& in, std::string_view v) -> std::optional<std::string> {
                int64_t x = 0;
                if (auto msg = check_int(v, lo, hi, x)) return msg;
                in.*member = x;
                return std::nullopt;
            },
            [=](const Inputs& in) { return std::to_string(in.*member); }};
}

Entry opt_int_key(const char* key, const char* help, std::optional<int64_t> Inputs::*member, int64_t lo, int64_t hi) {
    return {{key, KeyKind::Int, help, "", lo, hi},
            [=](Inputs& in, std::string_view v) -> std::optional<std::string> {
                if (v.empty()) { in.*member = std::nullopt; return std::nullopt; }
                int64_t x = 0;
                if (auto msg = check_int(v, lo, hi, x)) return msg;
                in.*member = x;
                return std::nullopt;
            },
            [=](const Inputs& in) { return (in.*member) ? std::to_string(*(in.*member)) : std::string(); }};
}

// A number key; M is double, or std::optional<double> for a key whose empty text means "auto" (resolved by a named
// function, e.g. resolved_tokens).
template <class M>
Entry num_key(const char* key, const char* help, M Inputs::*member, double lo, double hi, bool lo_open) {
    constexpr bool kOptional = std::is_same_v<M, std::optional<double>>;
    return {{key, KeyKind::Number, help, ""},
            [=](Inputs& in, std::string_view v) -> std::optional<std::string> {
                if constexpr (kOptional)
                    if (v.empty() || v == "auto") { in.*member = std::nullopt; return std::nullopt; }
                const NumberText n = parse_number_text(v);
                if (!n.error.empty()) return "must be a number: " + n.error;
                // "40%": a fraction key (at most 1) takes 0.4; a key counted in percent (*_pct) takes 40
                const bool pct_key = std::string_view(key).size() > 4 &&
                                     std::string_view(key).substr(std::string_view(key).size() - 4) == "_pct";
                if (n.percent && hi != 1 && !pct_key)
                    return "takes no '%' (only fractions and percentages do), got '" + std::string(v) + "'";
                const std::optional<double> x = n.percent && !pct_key ? n.value / 100 : n.value;
                if ((lo_open ? *x <= lo : *x < lo) || *x > hi)
                    return std::string("must be ") + (lo_open ? "greater than " : "at least ") + fmt_number(lo) +
                           " and at most " + fmt_number(hi) + ", got " + std::string(v);
                in.*member = *x;
                return std::nullopt;
            },
            [=](const Inputs& in) {
                if constexpr (kOptional) return in.*member ? fmt_number(*(in.*member)) : std::string();
                else return fmt_number(in.*member);
            }};
}

// A key whose 0 means "off" and whose other values start at `min`: deadline_days=1e-300 asked for 2^63 GPUs (issue #14).
Entry off_or_at_least(Entry e, double min) {
    auto set = e.set;
    e.set = [=](Inputs& in, std::string_view v) -> std::optional<std::string> {
        Inputs probe = in;
        if (auto msg = set(probe, v)) return msg;
        const NumberText n = parse_number_text(v);
        if (n.value != 0 && n.value < min)
            return "must be 0 (off) or at least " + fmt_number(min) + ", got " + std::string(v);
        return set(in, v);
    };
    return e;
}

Entry bool_key(const char* key, const char* help, bool Inputs::*member) {
    return {{key, KeyKind::Bool, help, "true|false"},
            [=](Inputs& in, std::string_view v) -> std::optional<std::string> {
                auto x = parse_bool(v);
                if (!x) return "must be true or false, got '" + std::string(v) + "'";
                in.*member = *x;
                return std::nullopt;
            },
            [=](const Inputs& in) { return std::string(in.*member ? "true" : "false"); }};
}

Entry opt_bool_key(const char* key, const char* help, std::optional<bool> Inputs::*member) {
    return {{key, KeyKind::Bool, help, "true|false"},
            [=](Inputs& in, std::string_view v) -> std::optional<std::string> {
                if (v.empty()) { in.*member = std::nullopt; return std::nullopt; }
                auto x = parse_bool(v);
                if (!x) return "must be true or false, got '" + std::string(v) + "'";
                in.*member = *x;
                return std::nullopt;
            },
            [=](const Inputs& in) { return (in.*member) ? std::string(*(in.*member) ? "true" : "false") : std::string(); }};
}

// A typed choice (inputs.hpp Task, Finetune, Recompute, OptimizerStates, GradDtype): `names` in the enum's order are the accepted values.
template <class E, size_t N>
Entry enum_key(const char* key, const char* help, E Inputs::*member, const std::array<const char*, N>& names) {
    static const std::string choices = [&] {  // one per enum type: "a|b|c" for the key table
        std::string out;
        for (const char* n : names) out += (out.empty() ? "" : "|") + std::string(n);
        return out;
    }();
    return {{key, KeyKind::Choice, help, choices.c_str()},
            [=](Inputs& in, std::string_view v) -> std::optional<std::string> {
                for (size_t i = 0; i < N; ++i)
                    if (v == names[i]) { in.*member = static_cast<E>(i); return std::nullopt; }
                return "must be one of " + choices_text(choices) + ", got '" + std::string(v) + "'";
            },
            [=](const Inputs& in) { return std::string(names[static_cast<size_t>(in.*member)]); }};
}

// zero: a stage 0-3 or "auto" (kZeroAuto), offered as a list of those five.
Entry zero_key() {
    return {{"zero", KeyKind::Choice,
             "ZeRO stage over the data-parallel group (auto: the smallest stage at which the per-GPU total fits)",
             "auto|0|1|2|3"},
            [](Inputs& in, std::string_view v) -> std::optional<std::string> {
                if (v == "auto") { in.zero = kZeroAuto; return std::nullopt; }
                if (v.size() == 1 && v[0] >= '0' && v[0] <= '3') { in.zero = v[0] - '0'; return std::nullopt; }
                return "must be one of " + choices_text("auto|0|1|2|3") + ", got '" + std::string(v) + "'";
            },
            [](const Inputs& in) { return in.zero == kZeroAuto ? std::string("auto") : std::to_string(in.zero); }};
}

// A key whose valid values come from a catalog (presets, GPUs, number formats, optimizers).
Entry catalog_key(const char* key, const char* help, std::string Inputs::*member,
                  std::function<bool(std::string_view)> known, const char* list_hint) {
    return {{key, KeyKind::Choice, help, ""},
            [=](Inputs& in, std::string_view v) -> std::optional<std::string> {
                if (!known(v)) return "unknown value '" + std::string(v) + "' (" + list_hint + ")";
                in.*member = std::string(v);
                return std::nullopt;
            },
            [=](const Inputs& in) { return in.*member; }};
}

const std::vector<Entry>& entries() {
    constexpr int64_t kBig = 1'000'000'000'000LL;  // sanity bound for dimensions and counts
    constexpr int64_t kMaxLayers = 10'000;
    // Smallest efficiency / rate for keys that divide a time: "> 0" alone let mfu=1e-300 make every time Inf
    // (JSON null); 1e-6 keeps the largest time (1e18 tokens of a 1e15-parameter model) finite. Found by fuzz_report.
    constexpr double kMinRate = 1e-6;
    // Smallest value of a fraction: below 0.1% (1e-3) an efficiency or a memory share describes no real deployment,
    // and values like gpu_mem_util=1e-300 only made counts saturate (issue #14: every fraction has a meaningful range).
    constexpr double kMinFraction = 1e-3;
    // Shortest training deadline: 0.01 days (about 15 minutes); a shorter one describes no training run.
    constexpr double kMinDeadlineDays = 0.01;
    static const std::vector<Entry> table = {
        catalog_key("model", "preset id (llmcalc --list-models)", &Inputs::model,
                    [](std::string_view v) { return find_preset(v) != nullptr; }, "see --list-models"),
        {{"config", KeyKind::Text, "Hugging Face config.json text (CLI: a file path)", ""},
         [](Inputs& in, std::string_view v) -> std::optional<std::string> {
             // refused by size before any parsing (limits.hpp); the CLI, the JS API and the page check it first too
             // (no byte count: a dropped file reaches here cut just past 4 MB, platform_web.cpp)
             if (v.size() > limits::kMaxConfigBytes)
                 return "is more than " + std::to_string(limits::kMaxConfigBytes) +
                        " bytes; config.json text may be at most " + std::to_string(limits::kMaxConfigBytes) + " bytes";
             in.config = std::string(v);
             return std::nullopt;
         },
         [](const Inputs& in) { return in.config; }},
        // up to kMaxParams (magnitude.hpp, 1e15); a model of fewer than 1,000 parameters is a typo
        opt_int_key("total_params", "parameters only: the model's parameter count (e.g. 32B), no preset or dimensions: "
                    "weights, GPU counts and weight-bound speeds; the KV cache and activations need the dimensions",
                    &Inputs::total_params, 1000, 1'000'000'000'000'000),
        opt_int_key("active_params", "parameters only: parameters a token runs (MoE, e.g. 3B of 30B); default all",
                    &Inputs::active_params, 1000, 1'000'000'000'000'000),
        opt_int_key("vocab", "vocabulary size (overrides the model)", &Inputs::vocab, 1, kBig),
        opt_int_key("hidden", "hidden size d_model (overrides the model)", &Inputs::hidden, 1, kBig),
        // 10,000 layers: 10x the deepest trained Transformer (DeepNet, Wang et al. 2022, arXiv:2203.00555: 1,000
        // layers). Per-layer work (the GGUF recipe, layer patterns) stays milliseconds per report in wasm; at the
        // former 1,000,000 a report took 0.4-4 s and the page's charts run hundreds (issue #14).
        opt_int_key("layers", "number of decoder layers (overrides the model)", &Inputs::layers, 1, kMaxLayers),
        opt_int_key("heads", "attention heads (overrides the model)", &Inputs::heads, 1, 1'000'000),
        opt_int_key("kv_heads", "key/value heads: GQA/MQA (overrides the model)", &Inputs::kv_heads, 1, 1'000'000),
        opt_int_key("head_dim", "per-head dimension (overrides hidden/heads)", &Inputs::head_dim, 1, 1'000'000),
        opt_int_key("intermediate", "MLP intermediate size (overrides the model)", &Inputs::intermediate, 1, kBig),
        opt_int_key("experts", "routed experts per MoE layer (overrides the model)", &Inputs::experts, 1, 1'000'000),
        opt_int_key("top_k", "experts per token (overrides the model)", &Inputs::top_k, 1, 1'000'000),
        opt_int_key("shared_experts", "shared experts per MoE layer (overrides the model)", &Inputs::shared_experts, 0, 1'000'000),
        opt_int_key("moe_intermediate", "width of one expert (overrides the model)", &Inputs::moe_intermediate, 1, kBig),
        opt_bool_key("tie", "tie input embedding and LM head (overrides the model)", &Inputs::tie),
        bool_key("keep_gqa_ratio", "heads typed over a GQA/MQA model: keep its heads / kv_heads ratio (default false: "
                 "kv_heads follows heads unless kv_heads is typed)", &Inputs::keep_gqa_ratio),
        bool_key("include_mtp", "count the multi-token-prediction layers (DeepSeek, GLM, Qwen3-Next) in the total, in weight memory and in the KV cache (as when they draft tokens)", &Inputs::include_mtp),

        bool_key("lm_only", "multimodal checkpoints: count the language model alone (no vision encoder or projector) "
                 "in the total and in weight memory", &Inputs::lm_only),

        enum_key("task", "what is estimated", &Inputs::task, kTaskNames),
        int_key("batch", "sequences processed together (training: micro-batch per GPU)", &Inputs::batch, 1, 1'000'000),
        int_key("seq", "context / prompt length, tokens", &Inputs::seq, 1, 100'000'000),
        int_key("gen", "tokens generated per sequence (inference)", &Inputs::gen, 0, 100'000'000),
        int_key("concurrency", "concurrent inference requests", &Inputs::concurrency, 1, 1'000'000),
        catalog_key("weights", "weight storage format", &Inputs::weights,
                    [](std::string_view v) { return find_weight_format(v) != nullptr; }, "see --list-formats"),
        catalog_key("kv", "KV-cache element format", &Inputs::kv,
                    [](std::string_view v) { return find_kv_format(v) != nullptr; }, "see --list-formats"),
        catalog_key("gpu", "accelerator id (llmcalc --list-gpus)", &Inputs::gpu,
                    [](std::string_view v) { return find_gpu(v) != nullptr; }, "see --list-gpus"),
        int_key("gpus", "number of accelerators", &Inputs::gpus, 1, 1'000'000),
        int_key("tp", "tensor-parallel size", &Inputs::tp, 1, 1'000'000),
        int_key("pp", "pipeline-parallel size", &Inputs::pp, 1, 1'000'000),
        int_key("dp", "data-parallel size", &Inputs::dp, 1, 1'000'000),
        int_key("ep", "expert-parallel size", &Inputs::ep, 1, 1'000'000),
        int_key("cp", "context-parallel size", &Inputs::cp, 1, 1'000'000),
        bool_key("sp", "sequence parallelism (with tp)", &Inputs::sp),
        zero_key(),
        catalog_key("optimizer", "training optimizer (llmcalc --list-optimizers)", &Inputs::optimizer,
                    [](std::string_view v) { return find_optimizer(v) != nullptr; }, "see --list-optimizers"),
        enum_key("optimizer_states", "optimizer-state element format (auto: the optimizer's own; bf16 as pure-BF16 "
                 "trainers; 8bit: block-wise quantized states)", &Inputs::optimizer_states, kOptimizerStatesNames),
        enum_key("grad_dtype", "gradient element format", &Inputs::grad_dtype, kGradDtypeNames),
        bool_key("master_weights", "keep fp32 master weights under mixed precision", &Inputs::master_weights),
        enum_key("recompute", "activation recomputation (auto: full for finetune=lora/qlora, as LLaMA-Factory and PEFT "
                 "run them with gradient checkpointing; none otherwise)", &Inputs::recompute, kRecomputeNames),
        enum_key("finetune", "training method", &Inputs::finetune, kFinetuneNames),
        // PEFT LoraConfig r defaults to 8 (Hugging Face PEFT LoraConfig reference)
        int_key("lora_rank", "LoRA rank r: width of the low-rank adapters (PEFT default 8)", &Inputs::lora_rank, 1,
                1'000'000),
        {{"lora_targets", KeyKind::Text, "LoRA target modules, comma list of q,k,v,o,gate,up,down", ""},
         [](Inputs& in, std::string_view v) -> std::optional<std::string> {
             if (v.empty()) return "must name at least one module of q,k,v,o,gate,up,down";
             size_t start = 0;
             while (start <= v.size()) {
                 size_t comma = v.find(',', start);
                 if (comma == std::string_view::npos) comma = v.size();
                 if (!in_choices("q|k|v|o|gate|up|down", v.substr(start, comma - start)))
                     return "unknown module '" + std::string(v.substr(start, comma - start)) +
                            "' (use q,k,v,o,gate,up,down)";
                 start = comma + 1;
             }
             in.lora_targets = std::string(v);
             return std::nullopt;
         },
         [](const Inputs& in) { return in.lora_targets; }},
        int_key("freeze_train_layers", "finetune=freeze: how many last layers are trained", &Inputs::freeze_train_layers, 0, 1'000'000),
        int_key("grad_accum", "gradient-accumulation steps", &Inputs::grad_accum, 1, 1'000'000),
        num_key("tokens", "training tokens in total, epochs included (empty = auto: 1T for pre-training and "
                          "finetune=full, 52,002 examples x 512 tokens x 3 epochs = 79,875,072 for finetune=freeze/lora/"
                          "qlora, Stanford Alpaca's fine-tuning run)",
                &Inputs::tokens, 0, 1e18, true),
        // MFU of large runs: PaLM 540B 46.2% (Chowdhery et al. 2022, arXiv:2204.02311, Table 3); Llama 3 405B 38-43%
        // (Dubey et al. 2024, arXiv:2407.21783, Table 4)
        num_key("mfu", "model FLOPs utilisation assumed for training time: achieved / peak (large runs reach 0.3-0.5: "
                        "PaLM 540B 0.46, Llama 3 405B 0.38-0.43)", &Inputs::mfu, kMinFraction, 1, false),
        {{"hfu", KeyKind::Number, "hardware FLOPs utilisation, recompute counted (achieved TFLOP/s per GPU / peak); "
                                  "0 = off, else it sets the training time instead of mfu", ""},
         [](Inputs& in, std::string_view v) -> std::optional<std::string> {
             auto x = parse_fraction(v);
             if (!x) return "must be a number: " + parse_number_text(v).error;
             if (*x != 0 && (*x < kMinFraction || *x > 1))
                 return "must be 0 (off) or between " + fmt_number(kMinFraction) + " and 1, got " + std::string(v);
             in.hfu = *x;
             return std::nullopt;
         },
         [](const Inputs& in) { return fmt_number(in.hfu); }},

        bool_key("causal", "halve attention-score FLOPs for the causal mask", &Inputs::causal),
        bool_key("flash_attention", "attention without a stored s x s score matrix", &Inputs::flash_attention),
        num_key("overhead_pct", "overhead as % of weights + KV cache (10 is a common rule of thumb)", &Inputs::overhead_pct, 0, 1000, false),
        num_key("cuda_context_gb", "per-GPU CUDA context and framework reserve, GB", &Inputs::cuda_context_gb, 0, 1000, false),
        // vLLM EngineArgs gpu_memory_utilization defaults to 0.9 (vLLM engine arguments documentation)
        num_key("gpu_mem_util", "fraction of GPU memory the runtime may use (vLLM gpu_memory_utilization, default 0.9 there)",
                &Inputs::gpu_mem_util, kMinFraction, 1, false),
        num_key("prefill_efficiency", "achieved / peak FLOP/s during prefill (compute-bound; 0.5 = half the datasheet's dense peak)",
                &Inputs::prefill_efficiency, kMinFraction, 1, false),
        num_key("decode_bw_efficiency", "achieved / peak memory bandwidth during decode (memory-bound; 0.8 = 80% of the datasheet bandwidth)",
                &Inputs::decode_bw_efficiency, kMinFraction, 1, false),
        num_key("price_per_gpu_hour", "price of one GPU-hour, USD", &Inputs::price_per_gpu_hour, 0, 1e6, false),
        bool_key("embed_16bit", "quantized weights: keep token embedding and LM head in 16-bit (default true)",
                 &Inputs::embed_16bit),
        int_key("kv_block", "paged KV-cache block size in tokens, e.g. vLLM 16 (0 = no rounding)", &Inputs::kv_block, 0, 1'000'000),
        int_key("prefill_chunk", "tokens per prefill step, vLLM max_num_batched_tokens (0 = whole prompt)",
                &Inputs::prefill_chunk, 0, 100'000'000),
        num_key("reserve_gb", "per-GPU framework reserve (allocator pools, workspaces), GB", &Inputs::reserve_gb, 0, 1e6, false),
        num_key("comm_buffer_gb", "training: per-GPU communication buffers, GB", &Inputs::comm_buffer_gb, 0, 1e6, false),
        num_key("fragmentation_pct", "training: allocator fragmentation, % of the other terms", &Inputs::fragmentation_pct,
                0, 1000, false),
        off_or_at_least(num_key("deadline_days", "training: GPUs needed to finish within this many days (0 = off)",
                                &Inputs::deadline_days, 0, 1e6, false),
                        kMinDeadlineDays),
        bool_key("layout_search", "training: search TP x PP x DP x ZeRO x micro-batch x recompute layouts", &Inputs::layout_search),
        int_key("global_batch", "layout search: sequences per optimizer step (0 = batch x grad_accum x dp)",
                &Inputs::global_batch, 0, 1'000'000'000),
        int_key("layout_top", "layout search: number of best layouts reported", &Inputs::layout_top, 1, 100),
        num_key("nvlink_gbs", "intra-node per-GPU bandwidth, GB/s (one direction)", &Inputs::nvlink_gbs, 0, 1e6, true),
        num_key("internode_gbs", "inter-node per-GPU bandwidth, GB/s (one direction)", &Inputs::internode_gbs, 0, 1e6, true),
        int_key("gpus_per_node", "GPUs per node (TP stays inside a node)", &Inputs::gpus_per_node, 1, 1'000'000),
        bool_key("tp_comm", "inference: add tensor-parallel all-reduce time", &Inputs::tp_comm),
        num_key("custom_memory_gb", "gpu=custom: memory per GPU, GB", &Inputs::custom_memory_gb, 0, 1e6, true),
        num_key("custom_bandwidth_gbs", "gpu=custom: memory bandwidth, GB/s", &Inputs::custom_bandwidth_gbs, kMinRate, 1e8, false),
        num_key("custom_tflops", "gpu=custom: dense 16-bit TFLOPS", &Inputs::custom_tflops, kMinRate, 1e8, false),
        num_key("unified_memory_fraction", "Apple unified memory: share the GPU may use (default 0.75)",
                &Inputs::unified_memory_fraction, kMinFraction, 1, false),
    };
    return table;
}

// By key through an index built once (the page looks keys up several times per input row and frame, issue #15).
const Entry* find_entry(std::string_view key) {
    static const std::unordered_map<std::string_view, const Entry*> index = [] {
        std::unordered_map<std::string_view, const Entry*> out;
        for (const auto& e : entries()) out.emplace(e.spec.key, &e);
        return out;
    }();
    auto it = index.find(key);
    return it != index.end() ? it->second : nullptr;
}

// A key met a second time in one hash or command line: which value was meant is unclear, so it is an error
// naming the key instead of a silent last-wins (issue #14). `seen` collects the keys met so far.
std::optional<InputError> repeated(std::vector<std::string>& seen, const std::string& key) {
    for (const auto& k : seen)
        if (k == key) return InputError{key, "is given more than once; give each key once"};
    seen.push_back(key);
    return std::nullopt;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

NumberText parse_number_text(std::string_view text) {
    NumberText out;
    auto fail = [&](std::string why) {
        out = NumberText{};
        out.error = std::move(why);
        return out;
    };
    // No-break and thin spaces (U+00A0, U+202F, U+2009: what "1 000 000" pastes as) read as plain spaces.
    std::string s;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto at = [&](size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
        if (at(0) == 0xC2 && at(1) == 0xA0) { s += ' '; i += 1; continue; }
        if (at(0) == 0xE2 && at(1) == 0x80 && (at(2) == 0xAF || at(2) == 0x89)) { s += ' '; i += 2; continue; }
        s += text[i];
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i == s.size()) return fail("the field is empty");
    if (s.size() > 64) return fail("'" + s.substr(0, 24) + "...' is too long for a number");
    const std::string shown = s.substr(i);
    auto is_digit = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };

    std::string digits;  // sign, integer digits, '.', fraction digits: what strtod reads
    if (s[i] == '+' || s[i] == '-') digits += s[i++];
    // integer part, optionally grouped by one kind of separator: "1,000,000", "1 000 000", "1_000_000"
    char sep = 0;
    int groups = 0, run = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (is_digit(i)) { digits += c; ++run; ++i; continue; }
        if ((c == ',' || c == '_' || c == ' ') && run > 0 && is_digit(i + 1)) {
            if (sep && c != sep) return fail("'" + shown + "' mixes thousands separators");
            if ((groups == 0 && run > 3) || (groups > 0 && run != 3))
                return fail("'" + shown + "': thousands separators go between groups of three digits (1,000,000)");
            sep = c;
            ++groups;
            run = 0;
            ++i;
            continue;
        }
        break;
    }
    if (groups > 0 && run != 3)
        return fail("'" + shown + "': thousands separators go between groups of three digits (1,000,000)");
    bool any_digit = run > 0 || groups > 0;
    if (i < s.size() && s[i] == '.') {
        digits += '.';
        ++i;
        while (is_digit(i)) { digits += s[i++]; any_digit = true; }
    }
    if (!any_digit) return fail("'" + shown + "' is not a number");
    long exponent = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E') &&
        (is_digit(i + 1) || ((s[i + 1] == '+' || s[i + 1] == '-') && is_digit(i + 2)))) {
        ++i;
        const bool neg = s[i] == '-';
        if (s[i] == '+' || s[i] == '-') ++i;
        while (is_digit(i)) {
            exponent = exponent * 10 + (s[i++] - '0');
            if (exponent > 9999) return fail("'" + shown + "' is out of range");
        }
        if (neg) exponent = -exponent;
    }
    while (i < s.size() && s[i] == ' ') ++i;
    // one suffix: a scale, or '%'
    const std::string suffix = s.substr(i);
    double binary = 1;
    if (suffix.empty()) {
    } else if (suffix == "%") {
        out.percent = true;
    } else if (suffix == "万") {
        exponent += 4;
    } else if (suffix == "亿") {
        exponent += 8;
    } else {
        static const char kScale[] = "kmgtp";  // k, M, G, T, P; B (billion) = G
        char c = static_cast<char>(std::tolower(static_cast<unsigned char>(suffix[0])));
        if (c == 'b') c = 'g';
        const char* at = std::strchr(kScale, c);
        const int power = at && c ? static_cast<int>(at - kScale) + 1 : 0;
        if (power > 0 && suffix.size() == 1) {
            exponent += 3 * power;
        } else if (power > 0 && power <= 4 && suffix.size() == 2 && (suffix[1] == 'i' || suffix[1] == 'I')) {
            binary = std::ldexp(1.0, 10 * power);  // Ki = 2^10 ... Ti = 2^40
        } else {
            return fail("'" + shown + "': unknown '" + suffix + "' (use k, M, B, T, Ki, Mi, % or a plain number)");
        }
    }
    digits += "e" + std::to_string(exponent);
    errno = 0;
    char* end = nullptr;
    const double x = std::strtod(digits.c_str(), &end) * binary;
    if (end != digits.c_str() + digits.size() || errno == ERANGE || !std::isfinite(x))
        return fail("'" + shown + "' is out of range");
    out.value = x == 0 ? 0.0 : x;  // no "-0"
    return out;
}

std::string format_plain_number(double x) {
    if (!std::isfinite(x)) return x != x ? "nan" : (x > 0 ? "inf" : "-inf");
    if (x == 0) return "0";
    // Whole numbers below 2^53 (counts, lengths, sizes: most inputs) are exactly their integer digits, which is also
    // what the shortest round-trip text below spells; written directly they skip up to 17 snprintf/strtod rounds.
    if (std::fabs(x) < 9007199254740992.0 && x == std::trunc(x)) return std::to_string(static_cast<int64_t>(x));
    // the shortest %.*e text that reads back to x, then its digits written out without the exponent
    char buf[48];
    for (int prec = 0; prec <= 16; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*e", prec, x);
        if (std::strtod(buf, nullptr) == x) break;
    }
    std::string m(buf);
    const size_t e = m.find('e');
    const int exp10 = std::atoi(m.c_str() + e + 1);
    std::string sign, digits;
    for (size_t k = 0; k < e; ++k) {
        if (m[k] == '-') sign = "-";
        else if (m[k] != '.') digits += m[k];
    }
    const int point = exp10 + 1;  // digits before the decimal point
    std::string out;
    if (point <= 0) out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
    else if (point >= static_cast<int>(digits.size())) out = digits + std::string(point - digits.size(), '0');
    else out = digits.substr(0, point) + "." + digits.substr(point);
    // A magnitude no one types (beyond about 1e-20 or 1e30) keeps its exponent: written out it would pass the
    // number parser's length bound (kMaxPlainNumberChars) and the value would no longer read back.
    if (sign.size() + out.size() > kMaxPlainNumberChars) return m;
    return sign + out;
}

const char* task_name(Task t) { return kTaskNames[static_cast<size_t>(t)]; }
const char* finetune_name(Finetune f) { return kFinetuneNames[static_cast<size_t>(f)]; }
const char* recompute_name(Recompute r) { return kRecomputeNames[static_cast<size_t>(r)]; }
const char* optimizer_states_name(OptimizerStates s) { return kOptimizerStatesNames[static_cast<size_t>(s)]; }
const char* grad_dtype_name(GradDtype g) { return kGradDtypeNames[static_cast<size_t>(g)]; }

Recompute resolved_recompute(const Inputs& in) {
    if (in.recompute != Recompute::Auto) return in.recompute;
    // LLaMA-Factory trains with gradient checkpointing unless disable_gradient_checkpointing; PEFT's
    // prepare_model_for_kbit_training has use_gradient_checkpointing=True; the QLoRA paper's qlora.py sets
    // --gradient_checkpointing True. Megatron-LM recomputes nothing unless asked.
    const bool peft = in.finetune == Finetune::Lora || in.finetune == Finetune::Qlora;
    return in.task == Task::Training && peft ? Recompute::Full : Recompute::None;
}

double resolved_tokens(const Inputs& in) {
    if (in.tokens) return *in.tokens;
    // Pre-training (and finetune=full, which cannot be told from it): 1T tokens, the order of Llama 2's 2T and
    // Chinchilla's 20 tokens/parameter for a 50B model. A fine-tune trains on a dataset, not a corpus: Stanford
    // Alpaca (github.com/tatsu-lab/stanford_alpaca README: 52K examples in alpaca_data.json, 52,002 of them; fine-tuning
    // hyperparameters: 3 epochs, max length 512) is at most 52,002 x 512 x 3 tokens.
    constexpr double kPretrainTokens = 1e12;
    constexpr double kFinetuneTokens = 52'002.0 * 512.0 * 3.0;
    return in.finetune == Finetune::Full ? kPretrainTokens : kFinetuneTokens;
}

const std::vector<KeySpec>& input_keys() {
    static const std::vector<KeySpec> specs = [] {
        std::vector<KeySpec> out;
        for (const auto& e : entries()) out.push_back(e.spec);
        return out;
    }();
    return specs;
}

const KeySpec* find_key(std::string_view key) {
    const Entry* e = find_entry(key);
    return e ? &e->spec : nullptr;
}

std::optional<InputError> set_input(Inputs& in, std::string_view key, std::string_view value) {
    const Entry* e = find_entry(key);
    if (!e) return InputError{std::string(key), "unknown key"};
    if (auto msg = e->set(in, value)) return InputError{std::string(key), *msg};
    return std::nullopt;
}

std::string get_input(const Inputs& in, std::string_view key) {
    const Entry* e = find_entry(key);
    return e ? e->get(in) : std::string();
}

std::vector<InputError> apply_inputs(Inputs& in, const KeyValues& kv) {
    std::vector<InputError> errors;
    for (const auto& [k, v] : kv)
        if (auto err = set_input(in, k, v)) errors.push_back(*err);
    return errors;
}

const Inputs& default_inputs() {
    static const Inputs defaults;
    return defaults;
}

KeyValues changed_inputs(const Inputs& in) {
    KeyValues out;
    for (const auto& e : entries()) {
        std::string v = e.get(in);
        if (v != e.get(default_inputs())) out.emplace_back(e.spec.key, std::move(v));
    }
    return out;
}

std::string percent_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') out += static_cast<char>(c);
        else { out += '%'; out += hex[c >> 4]; out += hex[c & 15]; }
    }
    return out;
}

std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<HashPart> split_hash(std::string_view hash) {
    std::vector<HashPart> parts;
    if (!hash.empty() && hash[0] == '#') hash.remove_prefix(1);
    size_t start = 0;
    while (start < hash.size()) {
        size_t amp = hash.find('&', start);
        if (amp == std::string_view::npos) amp = hash.size();
        const std::string_view part = hash.substr(start, amp - start);
        start = amp + 1;
        if (part.empty()) continue;
        const size_t eq = part.find('=');
        auto key = percent_decode(part.substr(0, eq));
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view("true") : part.substr(eq + 1));
        if (key && value) parts.push_back({std::move(*key), std::move(*value), true});
        else parts.push_back({key ? *key : std::string(part.substr(0, eq)), std::string(), false});
    }
    return parts;
}

std::vector<InputError> apply_hash(const std::vector<HashPart>& parts, Inputs& in) {
    std::vector<InputError> errors;
    std::vector<std::string> seen;
    for (const HashPart& p : parts) {
        if (!p.decoded) { errors.push_back({p.key, "bad percent-encoding in the URL"}); continue; }
        if (auto err = repeated(seen, p.key)) { errors.push_back(*err); continue; }
        if (auto err = set_input(in, p.key, p.value)) errors.push_back(*err);
    }
    return errors;
}

std::vector<InputError> parse_hash(std::string_view hash, Inputs& in) { return apply_hash(split_hash(hash), in); }

std::string write_hash(const Inputs& in) {
    std::string out;
    for (const auto& [k, v] : changed_inputs(in)) {
        if (!out.empty()) out += '&';
        out += k + "=" + percent_encode(v);
    }
    return out;
}

std::vector<InputError> parse_args(const std::vector<std::string>& args, Inputs& in, std::vector<std::string>* rest) {
    std::vector<InputError> errors;
    std::vector<std::string> seen;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0) {
            if (rest) rest->push_back(a);
            continue;
        }
        std::string key = a.substr(2), value;
        bool has_value = false;
        if (auto eq = key.find('='); eq != std::string::npos) {
            value = key.substr(eq + 1);
            key = key.substr(0, eq);
            has_value = true;
        }
        const KeySpec* spec = find_key(key);
        if (!spec) {
            if (rest) rest->push_back(a);
            continue;
        }
        if (!has_value) {
            const bool next_is_value = i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0;
            if (spec->kind == KeyKind::Bool && !(next_is_value && parse_bool(args[i + 1]))) {
                value = "true";
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                errors.push_back({key, "needs a value"});
                continue;
            }
        }
        if (auto err = repeated(seen, key)) { errors.push_back(*err); continue; }
        if (auto err = set_input(in, key, value)) errors.push_back(*err);
    }
    return errors;
}

}  // namespace llmcalc
