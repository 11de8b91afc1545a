// The one entry point: Inputs -> Report. Shells (CLI, JS API, ImGui app) call `compute` and show the Report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flops.hpp"
#include "hardware.hpp"
#include "inputs.hpp"
#include "layout.hpp"
#include "memory.hpp"
#include "model.hpp"
#include "params.hpp"

namespace llmcalc {

struct FileModel;  // model_file.hpp: a model read from GGUF / safetensors headers

struct InferenceSpeed {
    double ttft_seconds = 0;         // prefill of the prompt (all sequences of the batch)
    double tpot_seconds = 0;         // one decode step
    double latency_seconds = 0;      // ttft + tpot x gen
    double tokens_per_second = 0;    // per request (1 / tpot)
    double aggregate_tokens_per_second = 0;  // over batch x concurrency
    double generated_tokens_per_second = 0;  // per request: gen / latency (seed 004 "TPS = generated tokens / latency")
    double aggregate_generated_tokens_per_second = 0;  // the same over batch x concurrency
    std::string decode_bound;        // "memory" or "compute"
    double decode_bytes_per_step = 0;  // weights read (MoE: experts touched) + KV cache read
    double decode_flops_per_step = 0;
    double tp_comm_seconds_per_token = 0;  // inside tpot when tp_comm
    double tp_comm_seconds_prefill = 0;    // inside ttft when tp_comm
};

// The parallel layout every per-GPU figure of the report assumes (report path `parallel`). With gpus > 1 and no
// explicit layout the core picks it: inference the smallest tp x pp split that fits (the other GPUs hold
// replicas), training dp = gpus / (tp x pp x cp).
struct ParallelUsed {
    int64_t tp = 1, pp = 1, dp = 1, ep = 1, cp = 1;
    int64_t replicas = 1;         // inference: copies of the model on the GPU set, floor(gpus / (tp x pp))
    bool automatic = false;       // true: chosen by the core from `gpus`
    // "single" (one GPU), "explicit" (tp/pp/dp as given), "smallest_fit" (inference: fewest GPUs that fit),
    // "lowest_memory" (inference: nothing fits on `gpus`; the split with the lowest per-GPU total),
    // "fill_dp" (training: dp = gpus / (tp x pp x cp))
    std::string basis = "single";
};

struct Report {
    ModelConfig model;
    ParamReport params;
    FlopsReport flops;
    int64_t kv_cache_bytes_per_token = 0;
    RecurrentState state_per_sequence;  // hybrid models: linear-attention state of one sequence (memory.hpp)
    int64_t indexer_cache_bytes_per_token = 0;  // DeepSeek Sparse Attention indexer keys, all layers (memory.hpp)
    InferenceMemory inference_memory;
    TrainingMemory training_memory;
    int64_t gpus_needed = 0;
    double gpu_memory_bytes = 0;     // usable memory of one GPU
    double training_total_flops = 0;
    double training_seconds = 0;
    double training_gpu_hours = 0;
    double training_cost = 0;
    InferenceSpeed inference;
    Gpu gpu;                            // the accelerator used (custom: from custom_* keys)
    WeightBytes weights_detail;         // whole-model weight bytes by part, in the chosen format
    InferenceInverse inverse;           // task=inference
    bool has_inverse = false;
    TrainingInverse training_inverse;   // task=training: at the layout used (inverse_training in the JSON)
    bool has_training_inverse = false;
    // "tp" (inference: smallest split has pp = 1), "tp_pp" (inference: tp x pp), "none" (inference: no split fits;
    // gpus_needed = 0), "dp" (training), "pooled_zero3" (training)
    std::string gpus_needed_basis;
    int64_t gpus_needed_tp = 0, gpus_needed_pp = 0;  // the layout gpus_needed assumes (training: dp = the rest)
    int64_t gpus_needed_dp = 0;
    int64_t gpus_needed_zero = 0;       // training: the smallest ZeRO stage that fits at that layout (zero=auto)
    int64_t gpus_needed_pooled = 0;     // lower bound: memory pooled over GPUs, per-GPU overheads repeated
    ParallelUsed parallel;              // the layout the per-GPU figures use
    double peak_flops = 0;              // per GPU at the compute precision
    double narayanan_seconds = 0;       // 8TP/(nX) with X = peak x (hfu, else mfu) (full-recompute convention)
    std::string utilisation_basis = "mfu";  // "mfu" (model FLOPs / mfu) or "hfu" (executed FLOPs / hfu)
    int64_t gpus_for_deadline = 0;      // deadline_days > 0
    double tokens_per_day = 0;          // training throughput of `gpus`
    bool has_layout = false;
    LayoutResult layout;
    double training_tokens = 0;         // the tokens the training time uses (resolved_tokens: tokens=auto resolved)
    Recompute recompute = Recompute::None;  // the recomputation used (resolved_recompute, never Auto)
    int64_t zero = 0;                   // the ZeRO stage used (zero=auto resolved by compute(), never kZeroAuto)
    bool zero_auto = false;             // zero=auto: gpus_needed may use any stage
    // Report paths with no answer because the model is known only by its parameter count (total_params): their
    // values are 0 and mean "not known", never "none" (the page shows them as needing the dimensions).
    std::vector<std::string> unavailable;
    std::vector<std::string> notes;     // import notes, defaults applied
    std::vector<std::string> warnings;
    std::string file_json;              // the report's "file" section (model_file.hpp) when a model file was given
};

struct Result {
    Report report;
    std::vector<InputError> errors;
    bool ok() const { return errors.empty(); }
};

// The model the inputs describe: config.json (if given) or the preset, then typed dimension overrides.
struct ResolvedModel {
    ModelConfig config;
    std::vector<std::string> notes;
    std::vector<std::string> warnings;  // config keys not understood (the counts are then approximate)
    std::vector<InputError> errors;
};
// `base` (optional): the model read from a file, used instead of the preset when no config.json is given.
ResolvedModel resolve_model(const Inputs& in, const ModelConfig* base = nullptr);
// Structural checks; errors name the input key a user would change: a typed dimension the user set (heads,
// kv_heads, hidden, ...) when one is involved, else `config` (naming the JSON key) for an import, else the dimension.
std::vector<InputError> validate_model(const ModelConfig& m, const std::string& source_key, const Inputs* typed = nullptr);
// Checks across scenario keys (tp divides heads, gpus covers tp x pp x dp, ...).
std::vector<InputError> validate_scenario(const Inputs& in, const ModelConfig& m);
// Warnings for inputs the model cannot honour: MoE keys on a dense model, a context beyond max_position_embeddings,
// keys another setting leaves nothing to do (from_file: the weights' bytes are the file's own).
std::vector<std::string> inapplicable_inputs(const Inputs& in, const ModelConfig& m, bool from_file = false);

Result compute(const Inputs& in);
// The same from a model file's headers (model_file.hpp): its architecture (GGUF metadata; config.json or typed keys
// fill what a safetensors header lacks), its weights exactly as stored, and a "file" section in the report.
Result compute(const Inputs& in, const FileModel& file);
// compute(in) (with `file` when not null), plus the training layout search whatever in.layout_search says, in one pass
// (the app lists the ranked layouts under the answer either way): for task=training with no errors, `layouts` gets what
// compute() with layout_search=true puts in report.layout and *searched is true; the returned report is compute(in)'s.
Result compute_with_layouts(const Inputs& in, const FileModel* file, LayoutResult* layouts, bool* searched);

// Bytes as text for notes and warnings: "28.84 GB" (1 GB = 1e9 B, two decimals).
std::string gb_text(double bytes);

// The report's later stages, each from the figures before it (flops, params, gpu, weights_detail) and the inputs
// compute() resolved (effective_inputs); with a trace, each figure is recorded with its terms (explain.cpp shows
// them). training_time: time.* and utilisation_basis; inference_speed: inference.* (plan: make_inference_plan).
void training_time(Report& r, const Inputs& in, Trace* tr = nullptr);
// gpus_needed and its layout (gpus_needed_tp/pp/dp/basis/pooled): training the smallest dp that fits at the ZeRO
// stage (else the pooled ZeRO-3 bound), inference the smallest tp x pp split (reads r.inverse).
void gpus_needed_search(Report& r, const Inputs& in, const InferencePlan& plan, const TrainingPlan& tplan, double usable,
                        Trace* tr = nullptr);
void inference_speed(Report& r, const Inputs& in, const InferencePlan& plan, Trace* tr = nullptr);

// `in` with tp, pp, dp set to the layout the report used (r.parallel) and recompute resolved: what compute()
// evaluated.
Inputs effective_inputs(const Inputs& in, const Report& r);

// The report as JSON (report paths of ../shared/INTERFACE.md). Integers stay exact.
std::string report_json(const Report& r, bool pretty = false);
// Errors as JSON: {"errors":[{"key":..,"message":..}]}
std::string errors_json(const std::vector<InputError>& errors);

}  // namespace llmcalc
