// Report -> JSON with the paths of ../shared/INTERFACE.md. Counts and bytes are integers; FLOPs that are whole
// numbers below 2^53 are written as integers too, larger ones and times as doubles.
#include <cmath>

#include "json.hpp"
#include "presets.hpp"
#include "report.hpp"

namespace llmcalc {

std::string report_json(const Report& r, bool pretty) {
    // Streamed in the order of INTERFACE.md; FLOPs and other counts computed in floating point go through number()
    // (an integer when whole and below 2^53), times, rates and fractions through value(double).
    json::Writer w(pretty);
    w.begin_object();
    const ModelConfig& m = r.model;
    w.key("model").begin_object()
        .field("id", m.id).field("name", m.name).field("source", m.source)
        .field("vocab_size", m.vocab_size).field("hidden_size", m.hidden_size).field("num_layers", m.num_layers)
        .field("num_heads", m.num_heads).field("num_kv_heads", m.kv_heads()).field("head_dim", m.head_size())
        .field("intermediate_size", m.dense_ffn()).field("num_experts", m.num_experts)
        .field("experts_per_token", m.experts_per_token).field("tie_embeddings", m.tie_embeddings)
        .field("attention_layers", attention_layer_count(m))
        .field("linear_attention_layers", r.state_per_sequence.layers)
        .field("approximate", !m.ignored_keys.empty()).field("params_only", m.params_only());
    w.key("ignored_keys").begin_array();
    for (const auto& k : m.ignored_keys) w.value(k);
    w.end_array().end_object();

    w.key("params").begin_object()
        .field("total", r.params.total).field("active", r.params.active).field("embedding", r.params.embedding)
        .field("non_embedding", r.params.non_embedding).field("mtp", r.params.mtp).field("vision", r.params.vision)
        .field("active_non_embedding", r.params.active_non_embedding);
    w.key("by_component").begin_object();
    for (const auto& [k, v] : r.params.by_component) w.field(k, v);
    w.end_object();
    w.key("layer_groups").begin_array();
    for (const auto& g : r.params.layer_groups)
        w.begin_object().field("kind", g.kind).field("count", g.count).field("params_per_layer", g.params_per_layer).end_object();
    w.end_array();
    w.field("rule_12lh2", r.params.rule_12lh2).field("rule_12h2_13h", r.params.rule_12h2_13h);
    // The preset's published count beside ours (unedited presets only; presets.cpp cites each figure).
    if (const Preset* p = find_preset(m.id)) {
        w.key("published").begin_object().field("source", p->total_source).field("includes_mtp", p->total_includes_mtp);
        if (p->published_total > 0) w.field("total", p->published_total);
        else w.field("approx_total", p->approx_total).field("approx_tolerance", p->approx_tolerance);
        w.end_object();
    }
    w.end_object();

    const FlopsReport& f = r.flops;
    w.key("flops").begin_object().field_number("forward_per_token", f.forward_per_token);
    w.key("forward_per_token_by_component").begin_object()
        .field_number("attn_proj", f.attn_proj_per_token).field_number("attn_scores", f.attn_scores_per_token)
        .field_number("attn_qk", f.attn_qk_per_token).field_number("attn_av", f.attn_av_per_token)
        .field_number("mlp", f.mlp_per_token).field_number("lm_head", f.lm_head_per_token)
        .end_object();
    w.field_number("forward_per_sequence", f.forward_per_sequence)
        .field_number("decode_per_token", f.decode_per_token)
        .field_number("training_per_token", f.training_per_token)
        .field_number("model_training_per_token", f.model_training_per_token)
        .field("training_multiplier", f.training_multiplier)
        .field_number("rule_6n_per_token", f.rule_6n_per_token)
        .field_number("rule_8n_per_token", f.rule_8n_per_token)
        .field_number("palm_per_token", f.palm_per_token)
        .field_number("kaplan_forward_per_token", f.kaplan_forward_per_token)
        .field_number("forward_macs_per_token", f.forward_macs_per_token)
        .field_number("forward_macs_per_sequence", f.forward_macs_per_sequence)
        .field_number("decode_macs_per_token", f.decode_macs_per_token)
        .end_object();

    const InferenceMemory& im = r.inference_memory;
    const TrainingMemory& tm = r.training_memory;
    const WeightBytes& wd = r.weights_detail;
    w.key("memory").begin_object()
        .field("kv_cache_bytes_per_token", r.kv_cache_bytes_per_token)
        .field("state_bytes_per_sequence", r.state_per_sequence.bytes)
        .field("indexer_cache_bytes_per_token", r.indexer_cache_bytes_per_token)
        .field_number("gpu_usable_bytes", std::floor(r.gpu_memory_bytes));
    w.key("weights_by_part").begin_object()
        .field("total_bytes", wd.total).field("embeddings_bytes", wd.embeddings).field("lm_head_bytes", wd.lm_head)
        .field("layers_bytes", wd.layers).field("experts_bytes", wd.experts).field("norms_biases_bytes", wd.small)
        .field("mtp_bytes", wd.mtp).field("vision_bytes", wd.vision)
        .end_object();
    w.key("inference").begin_object()
        .field("weights_bytes", im.weights_bytes).field("kv_cache_bytes", im.kv_cache_bytes)
        .field("state_bytes", im.state_bytes).field("indexer_cache_bytes", im.indexer_cache_bytes)
        .field("activations_bytes", im.activations_bytes).field("overhead_bytes", im.overhead_bytes);
    w.key("overhead").begin_object()
        .field("overhead_pct_bytes", im.overhead_pct_bytes).field("cuda_context_bytes", im.cuda_context_bytes)
        .field("reserve_bytes", im.reserve_bytes)
        .end_object();
    w.field("total_bytes", im.total_bytes).field("total_all_gpus_bytes", im.total_all_gpus)
        .field("weights_total_bytes", im.weights_total_bytes).field("kv_cache_total_bytes", im.kv_total_bytes)
        .field("state_total_bytes", im.state_total_bytes).field("indexer_cache_total_bytes", im.indexer_cache_total_bytes)
        .end_object();
    w.key("training").begin_object()
        .field("trainable_params", tm.trainable_params).field("weights_bytes", tm.weights_bytes)
        .field("gradients_bytes", tm.gradients_bytes).field("optimizer_bytes", tm.optimizer_bytes)
        .field("master_weights_bytes", tm.master_weights_bytes).field("activations_bytes", tm.activations_bytes)
        .field("logits_bytes", tm.logits_bytes).field("overhead_bytes", tm.overhead_bytes);
    w.key("overhead").begin_object()
        .field("cuda_context_bytes", tm.cuda_context_bytes).field("comm_buffer_bytes", tm.comm_buffer_bytes)
        .field("fragmentation_bytes", tm.fragmentation_bytes).field("overhead_pct_bytes", tm.overhead_pct_bytes)
        .end_object();
    w.field("total_bytes", tm.total_bytes).field("recompute", recompute_name(r.recompute))
        .field("zero", r.zero).end_object();
    w.end_object();  // memory

    w.field("gpus_needed", r.gpus_needed);
    w.field("gpus_needed_basis", r.gpus_needed_basis);
    w.field("gpus_needed_pooled", r.gpus_needed_pooled);
    w.key("gpus_needed_layout").begin_object()
        .field("tp", r.gpus_needed_tp).field("pp", r.gpus_needed_pp).field("dp", r.gpus_needed_dp)
        .field("zero", r.gpus_needed_zero).end_object();
    const ParallelUsed& pu = r.parallel;
    w.key("parallel").begin_object()
        .field("tp", pu.tp).field("pp", pu.pp).field("dp", pu.dp).field("ep", pu.ep).field("cp", pu.cp)
        .field("replicas", pu.replicas).field("auto", pu.automatic).field("basis", pu.basis)
        .end_object();
    w.key("gpu").begin_object()
        .field("id", r.gpu.id).field("name", r.gpu.name).field_number("memory_bytes", r.gpu.memory_bytes)
        .field("memory_source", r.gpu.memory_source)
        .field_number("bandwidth_bytes_per_second", r.gpu.bandwidth).field_number("peak_flops", r.peak_flops)
        .field("verified", r.gpu.verified).field("source", r.gpu.source)
        .end_object();
    w.key("time").begin_object()
        .field("training_tokens", r.training_tokens)
        .field("training_seconds", r.training_seconds).field("training_days", r.training_seconds / 86400.0)
        .field("training_gpu_hours", r.training_gpu_hours).field("training_cost_usd", r.training_cost)
        .field("training_total_flops", r.training_total_flops)
        .field("narayanan_8tp_seconds", r.narayanan_seconds).field("tokens_per_day", r.tokens_per_day)
        .field("gpus_for_deadline", r.gpus_for_deadline).field("utilisation_basis", r.utilisation_basis)
        .end_object();
    const InferenceSpeed& s = r.inference;
    w.key("inference").begin_object()
        .field("ttft_seconds", s.ttft_seconds).field("tpot_seconds", s.tpot_seconds)
        .field("latency_seconds", s.latency_seconds).field("tokens_per_second", s.tokens_per_second)
        .field("aggregate_tokens_per_second", s.aggregate_tokens_per_second)
        .field("generated_tokens_per_second", s.generated_tokens_per_second)
        .field("aggregate_generated_tokens_per_second", s.aggregate_generated_tokens_per_second)
        .field("decode_bound", s.decode_bound).field_number("decode_bytes_per_step", s.decode_bytes_per_step)
        .field_number("decode_flops_per_step", s.decode_flops_per_step)
        .field("tp_comm_seconds_per_token", s.tp_comm_seconds_per_token)
        .field("tp_comm_seconds_prefill", s.tp_comm_seconds_prefill)
        .end_object();
    if (r.has_inverse) {  // task=inference: what fits the GPU set
        const InferenceInverse& inv = r.inverse;
        w.key("inverse").begin_object()
            .field("max_seq", inv.max_seq).field("max_context", inv.max_context).field("max_batch", inv.max_batch)
            .field("max_concurrency", inv.max_concurrency).field("gpus_needed_tp", inv.gpus_needed_tp)
            .field("gpus_needed_pooled", inv.gpus_needed_pooled).field("fits_one_card", inv.fits_one_card)
            .end_object();
    }
    if (r.has_training_inverse) {  // task=training: what fits at the layout used
        w.key("inverse_training").begin_object()
            .field("max_seq", r.training_inverse.max_seq).field("max_micro_batch", r.training_inverse.max_micro_batch)
            .end_object();
    }
    if (r.has_layout) {
        w.key("layout").begin_object()
            .field("candidates", r.layout.candidates).field("fitting", r.layout.fitting)
            .field("global_batch", r.layout.global_batch);
        w.key("best").begin_array();
        for (const auto& c : r.layout.best) {
            const TrainLayout& l = c.layout;
            w.begin_object()
                .field("tp", l.tp).field("pp", l.pp).field("dp", l.dp).field("ep", l.ep).field("cp", l.cp)
                .field("sp", l.sp).field("zero", l.zero).field("micro_batch", l.micro_batch)
                .field("microbatches", l.microbatches).field("recompute", recompute_name(l.recompute))
                .field("step_seconds", c.time.total);
            w.key("step_time").begin_object()
                .field("compute", c.time.compute).field("bubble", c.time.bubble).field("tp_comm", c.time.tp_comm)
                .field("pp_comm", c.time.pp_comm).field("dp_comm", c.time.dp_comm).field("ep_comm", c.time.ep_comm)
                .end_object();
            w.key("memory").begin_object()
                .field("weights_bytes", c.memory.weights_bytes).field("gradients_bytes", c.memory.gradients_bytes)
                .field("optimizer_bytes", c.memory.optimizer_bytes)
                .field("master_weights_bytes", c.memory.master_weights_bytes)
                .field("activations_bytes", c.memory.activations_bytes)
                .field("overhead_bytes", c.memory.overhead_bytes).field("total_bytes", c.memory.total_bytes)
                .end_object();
            w.end_object();
        }
        w.end_array().end_object();
    }
    if (!r.file_json.empty()) w.key("file").raw(r.file_json);  // model_file.hpp: present only for a model file
    // Notes and warnings may quote a user's text: invalid UTF-8 is replaced by U+FFFD (found by fuzz/fuzz_hash).
    // Paths whose 0 means "not known" (parameters only: total_params); an empty list otherwise.
    w.key("unavailable").begin_array();
    for (const auto& p : r.unavailable) w.value(p);
    w.end_array();
    w.key("notes").begin_array();
    for (const auto& n : r.notes) w.value(n);
    w.end_array();
    w.key("warnings").begin_array();
    for (const auto& n : r.warnings) w.value(n);
    w.end_array();
    w.end_object();
    return w.take();
}

std::string errors_json(const std::vector<InputError>& errors) {
    // Error messages quote the user's bytes, which may be invalid UTF-8: the writer replaces them (fuzz_hash).
    json::Writer w;
    w.begin_object().key("errors").begin_array();
    for (const auto& e : errors) w.begin_object().field("key", e.key).field("message", e.message).end_object();
    w.end_array().end_object();
    return w.take();
}

}  // namespace llmcalc
