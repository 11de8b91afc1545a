#include "report.hpp"

#include <algorithm>
#include <cmath>

#include "catalog.hpp"
#include "hf_config.hpp"
#include "timing.hpp"

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }

// Dense peak FLOP/s at the precision the matmuls run in: FP32 weights use TF32 tensor cores where they exist
// (not the non-tensor FP32 rate), FP8 weights the FP8 rate, everything else (16-bit, and weight-only integer
// formats that dequantize to 16-bit) the BF16/FP16 rate.
double peak_flops(const Gpu& g, const std::string& weights) {
    if (weights == "fp32") return g.tf32 > 0 ? g.tf32 : g.fp32;
    if (weights == "fp8" && g.fp8 > 0) return g.fp8;
    return g.bf16 > 0 ? g.bf16 : (g.fp16 > 0 ? g.fp16 : g.fp32);
}

Recompute recompute_of(const std::string& s) {
    if (s == "full") return Recompute::Full;
    if (s == "selective") return Recompute::Selective;
    return Recompute::None;
}

}  // namespace

ResolvedModel resolve_model(const Inputs& in) {
    ResolvedModel r;
    std::string source_key = "model";
    if (!in.config.empty()) {
        ImportResult imp = import_hf_config(in.config);
        r.errors = imp.errors;
        r.notes = imp.notes;
        r.config = imp.config;
        source_key = "config";
        if (!imp.ok()) return r;
    } else if (const Preset* p = find_preset(in.model)) {
        r.config = p->config;
    } else {
        r.errors.push_back({"model", "unknown preset '" + in.model + "'"});
        return r;
    }
    ModelConfig& m = r.config;
    bool overridden = false;
    auto over = [&](const std::optional<int64_t>& v, int64_t& field) { if (v) { field = *v; overridden = true; } };
    over(in.vocab, m.vocab_size);
    over(in.hidden, m.hidden_size);
    over(in.layers, m.num_layers);
    over(in.heads, m.num_heads);
    over(in.kv_heads, m.num_kv_heads);
    over(in.head_dim, m.head_dim);
    over(in.intermediate, m.intermediate_size);
    over(in.experts, m.num_experts);
    over(in.top_k, m.experts_per_token);
    over(in.shared_experts, m.num_shared_experts);
    over(in.moe_intermediate, m.moe_intermediate_size);
    if (in.tie) { m.tie_embeddings = *in.tie; overridden = true; }
    if (overridden) {
        m.id = "custom";
        m.name += " (edited)";
        // per-layer patterns sized for the old layer count are re-derived by the caller's pattern; keep them if
        // they still fit, else drop them (all layers alike) and say so.
        if (!m.layer_moe.empty() && static_cast<int64_t>(m.layer_moe.size()) != m.num_layers) {
            m.layer_moe.clear();
            r.notes.push_back("layer count changed: every layer is treated as MoE");
        }
        if (!m.layer_sliding.empty() && static_cast<int64_t>(m.layer_sliding.size()) != m.num_layers) {
            m.layer_sliding.clear();
            r.notes.push_back("layer count changed: every layer uses the sliding window");
        }
    }
    auto errs = validate_model(m, source_key);
    r.errors.insert(r.errors.end(), errs.begin(), errs.end());
    return r;
}

std::vector<InputError> validate_model(const ModelConfig& m, const std::string& src) {
    std::vector<InputError> e;
    auto key = [&](const char* k) { return src == "config" ? std::string("config") : std::string(k); };
    auto cfg = [&](const char* hf, const char* msg) { return src == "config" ? std::string("'") + hf + "' " + msg : std::string(msg); };
    if (m.vocab_size < 1) e.push_back({key("vocab"), cfg("vocab_size", "must be at least 1")});
    if (m.hidden_size < 1) e.push_back({key("hidden"), cfg("hidden_size", "must be at least 1")});
    if (m.num_layers < 1) e.push_back({key("layers"), cfg("num_hidden_layers", "must be at least 1")});
    if (m.num_heads < 1) e.push_back({key("heads"), cfg("num_attention_heads", "must be at least 1")});
    if (!e.empty()) return e;
    if (m.attn == AttnKind::Standard) {
        if (m.head_dim == 0 && m.hidden_size % m.num_heads != 0)
            e.push_back({key("heads"), cfg("num_attention_heads", "must divide the hidden size when no head_dim is given") +
                                           (" (" + std::to_string(m.hidden_size) + " / " + std::to_string(m.num_heads) + ")")});
        if (m.kv_heads() > m.num_heads)
            e.push_back({key("kv_heads"), cfg("num_key_value_heads", "must not exceed the number of attention heads")});
        else if (m.num_heads % m.kv_heads() != 0)
            e.push_back({key("kv_heads"), cfg("num_key_value_heads", "must divide the number of attention heads") +
                                              (" (" + std::to_string(m.num_heads) + " / " + std::to_string(m.kv_heads()) + ")")});
    } else if (m.kv_lora_rank < 1 || m.v_head_dim < 1 || m.qk_nope_head_dim + m.qk_rope_head_dim < 1) {
        e.push_back({key("config"), cfg("kv_lora_rank", "MLA needs kv_lora_rank, qk_nope_head_dim/qk_rope_head_dim and v_head_dim")});
    }
    if (m.num_experts > 0) {
        if (m.experts_per_token < 1 || m.experts_per_token > m.num_experts)
            e.push_back({key("top_k"), cfg("num_experts_per_tok", "must be between 1 and the number of experts")});
        if (m.moe_intermediate_size < 1)
            e.push_back({key("moe_intermediate"), cfg("moe_intermediate_size", "must be at least 1 for an MoE model")});
    }
    return e;
}

std::vector<InputError> validate_scenario(const Inputs& in, const ModelConfig& m) {
    std::vector<InputError> e;
    if (in.tp > 1 && m.num_heads % in.tp != 0)
        e.push_back({"tp", "must divide the number of attention heads (" + std::to_string(m.num_heads) + ")"});
    if (in.pp > m.num_layers)
        e.push_back({"pp", "must not exceed the number of layers (" + std::to_string(m.num_layers) + ")"});
    if (in.task == "training" && in.tp * in.pp * in.dp * in.cp > in.gpus)
        e.push_back({"gpus", "must be at least tp x pp x dp x cp = " + std::to_string(in.tp * in.pp * in.dp * in.cp)});
    if (in.task == "inference" && in.tp * in.pp > in.gpus)
        e.push_back({"gpus", "must be at least tp x pp = " + std::to_string(in.tp * in.pp)});
    return e;
}

Result compute(const Inputs& in) {
    Result res;
    ResolvedModel rm = resolve_model(in);
    if (!rm.errors.empty()) { res.errors = rm.errors; return res; }
    res.errors = validate_scenario(in, rm.config);
    if (!res.errors.empty()) return res;

    Report& r = res.report;
    r.model = rm.config;
    r.notes = rm.notes;
    const ModelConfig& m = r.model;
    r.params = count_params(m, in.include_mtp);
    FlopsOptions fo;
    fo.causal_halving = in.causal;
    r.flops = count_flops(m, in.seq, r.params.active, recompute_of(in.recompute), fo);
    r.kv_cache_bytes_per_token = kv_cache_bytes_per_token(m, *find_kv_format(in.kv));
    r.inference_memory = inference_memory(m, r.params, in);
    r.training_memory = training_memory(m, r.params, in);

    const Gpu& g = *find_gpu(in.gpu);
    r.gpu_memory_bytes = g.memory_bytes * g.usable_fraction * in.gpu_mem_util;
    const double peak = peak_flops(g, in.weights);

    // GPUs needed: memory pooled over tensor parallelism (weights, KV and activations split evenly), each GPU
    // keeping its own CUDA context.
    const double per_gpu_free = r.gpu_memory_bytes - in.cuda_context_gb * 1e9;
    if (in.task == "training") {
        const TrainingMemory& t = r.training_memory;
        const double pooled = d(t.total_bytes - t.overhead_bytes) * d(in.tp * in.pp) * (in.zero >= 1 ? d(in.dp) : 1.0);
        r.gpus_needed = per_gpu_free > 0 ? static_cast<int64_t>(std::ceil(pooled / per_gpu_free)) : 0;
    } else {
        const InferenceMemory& im = r.inference_memory;
        const double pooled = d(im.total_all_gpus) - in.cuda_context_gb * 1e9 * d(in.tp * in.pp);
        r.gpus_needed = per_gpu_free > 0 ? static_cast<int64_t>(std::ceil(pooled / per_gpu_free)) : 0;
    }
    if (per_gpu_free <= 0) r.warnings.push_back("the CUDA context alone exceeds the GPU's usable memory");
    if (r.gpus_needed < 1) r.gpus_needed = 1;

    // Training time from model FLOPs and MFU (PaLM, Chowdhery et al. 2022, App. B).
    r.training_total_flops = in.tokens * r.flops.training_per_token;
    r.training_seconds = training_seconds(in.tokens * r.flops.model_training_per_token, d(in.gpus), peak, in.mfu);
    r.training_gpu_hours = r.training_seconds * d(in.gpus) / 3600.0;
    r.training_cost = r.training_gpu_hours * in.price_per_gpu_hour;

    // Inference speed on the model-parallel group (tp x pp GPUs serve one replica).
    const int64_t sequences = in.batch * in.concurrency;
    const double group = d(in.tp * in.pp);
    InferenceSpeed& s = r.inference;
    s.ttft_seconds = prefill_seconds(r.flops.forward_per_sequence * d(sequences), group, peak, in.prefill_efficiency);
    const double active_fraction = r.params.total > 0 ? d(r.params.active) / d(r.params.total) : 1.0;
    const double weight_bytes_read = d(r.inference_memory.weights_bytes) * group * std::min(1.0, active_fraction * d(sequences));
    const double bytes = weight_bytes_read + d(r.inference_memory.kv_cache_bytes) * group;
    const double bw = g.bandwidth * in.decode_bw_efficiency * group;
    const double decode_flops = r.flops.decode_per_token * d(sequences);
    s.tpot_seconds = decode_seconds(bytes, bw, decode_flops, peak * in.prefill_efficiency * group);
    s.decode_bound = bytes / bw >= decode_flops / (peak * in.prefill_efficiency * group) ? "memory" : "compute";
    s.latency_seconds = s.ttft_seconds + s.tpot_seconds * d(in.gen);
    s.tokens_per_second = 1.0 / s.tpot_seconds;
    s.aggregate_tokens_per_second = d(sequences) / s.tpot_seconds;

    if (in.task == "inference" && d(r.inference_memory.total_bytes) > r.gpu_memory_bytes)
        r.warnings.push_back("does not fit: " + std::to_string(r.inference_memory.total_bytes) +
                             " bytes per GPU exceed the usable " + std::to_string(static_cast<int64_t>(r.gpu_memory_bytes)));
    if (in.task == "training" && d(r.training_memory.total_bytes) > r.gpu_memory_bytes)
        r.warnings.push_back("does not fit: " + std::to_string(r.training_memory.total_bytes) +
                             " bytes per GPU exceed the usable " + std::to_string(static_cast<int64_t>(r.gpu_memory_bytes)));
    return res;
}

}  // namespace llmcalc
