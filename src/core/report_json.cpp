// Report -> JSON with the paths of ../shared/INTERFACE.md. Counts and bytes are integers; FLOPs that are whole
// numbers below 2^53 are written as integers too, larger ones and times as doubles.
#include <cmath>

#include <nlohmann/json.hpp>

#include "presets.hpp"
#include "report.hpp"

namespace llmcalc {
namespace {

using ojson = nlohmann::ordered_json;

ojson num(double x) {
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9007199254740992.0) return static_cast<int64_t>(x);
    return x;
}

}  // namespace

std::string report_json(const Report& r, bool pretty) {
    ojson j;
    const ModelConfig& m = r.model;
    j["model"] = {{"id", m.id}, {"name", m.name}, {"source", m.source},
                  {"vocab_size", m.vocab_size}, {"hidden_size", m.hidden_size}, {"num_layers", m.num_layers},
                  {"num_heads", m.num_heads}, {"num_kv_heads", m.kv_heads()}, {"head_dim", m.head_size()},
                  {"intermediate_size", m.dense_ffn()}, {"num_experts", m.num_experts},
                  {"experts_per_token", m.experts_per_token}, {"tie_embeddings", m.tie_embeddings}};

    ojson by = ojson::object();
    for (const auto& [k, v] : r.params.by_component) by[k] = v;
    ojson groups = ojson::array();
    for (const auto& g : r.params.layer_groups)
        groups.push_back({{"kind", g.kind}, {"count", g.count}, {"params_per_layer", g.params_per_layer}});
    j["params"] = {{"total", r.params.total}, {"active", r.params.active}, {"embedding", r.params.embedding},
                   {"non_embedding", r.params.non_embedding}, {"mtp", r.params.mtp},
                   {"active_non_embedding", r.params.active_non_embedding}, {"by_component", by},
                   {"layer_groups", groups}, {"rule_12lh2", r.params.rule_12lh2},
                   {"rule_12h2_13h", r.params.rule_12h2_13h}};
    // The preset's published count beside ours (unedited presets only; presets.cpp cites each figure).
    if (const Preset* p = find_preset(m.id)) {
        ojson pub = {{"source", p->total_source}, {"includes_mtp", p->total_includes_mtp}};
        if (p->published_total > 0) {
            pub["total"] = p->published_total;
        } else {
            pub["approx_total"] = p->approx_total;
            pub["approx_tolerance"] = p->approx_tolerance;
        }
        j["params"]["published"] = pub;
    }

    const FlopsReport& f = r.flops;
    j["flops"] = {{"forward_per_token", num(f.forward_per_token)},
                  {"forward_per_token_by_component",
                   {{"attn_proj", num(f.attn_proj_per_token)}, {"attn_scores", num(f.attn_scores_per_token)},
                    {"attn_qk", num(f.attn_qk_per_token)}, {"attn_av", num(f.attn_av_per_token)},
                    {"mlp", num(f.mlp_per_token)}, {"lm_head", num(f.lm_head_per_token)}}},
                  {"forward_per_sequence", num(f.forward_per_sequence)},
                  {"decode_per_token", num(f.decode_per_token)},
                  {"training_per_token", num(f.training_per_token)},
                  {"model_training_per_token", num(f.model_training_per_token)},
                  {"training_multiplier", f.training_multiplier},
                  {"rule_6n_per_token", num(f.rule_6n_per_token)},
                  {"rule_8n_per_token", num(f.rule_8n_per_token)},
                  {"palm_per_token", num(f.palm_per_token)},
                  {"kaplan_forward_per_token", num(f.kaplan_forward_per_token)},
                  {"forward_macs_per_token", num(f.forward_macs_per_token)},
                  {"forward_macs_per_sequence", num(f.forward_macs_per_sequence)},
                  {"decode_macs_per_token", num(f.decode_macs_per_token)}};

    const InferenceMemory& im = r.inference_memory;
    const TrainingMemory& tm = r.training_memory;
    const WeightBytes& wd = r.weights_detail;
    j["memory"] = {{"kv_cache_bytes_per_token", r.kv_cache_bytes_per_token},
                   {"gpu_usable_bytes", num(std::floor(r.gpu_memory_bytes))},
                   {"weights_by_part",
                    {{"total_bytes", wd.total}, {"embeddings_bytes", wd.embeddings}, {"lm_head_bytes", wd.lm_head},
                     {"layers_bytes", wd.layers}, {"experts_bytes", wd.experts}, {"norms_biases_bytes", wd.small}}},
                   {"inference",
                    {{"weights_bytes", im.weights_bytes}, {"kv_cache_bytes", im.kv_cache_bytes},
                     {"activations_bytes", im.activations_bytes}, {"overhead_bytes", im.overhead_bytes},
                     {"overhead",
                      {{"overhead_pct_bytes", im.overhead_pct_bytes}, {"cuda_context_bytes", im.cuda_context_bytes},
                       {"reserve_bytes", im.reserve_bytes}}},
                     {"total_bytes", im.total_bytes}, {"total_all_gpus_bytes", im.total_all_gpus},
                     {"weights_total_bytes", im.weights_total_bytes}, {"kv_cache_total_bytes", im.kv_total_bytes}}},
                   {"training",
                    {{"trainable_params", tm.trainable_params}, {"weights_bytes", tm.weights_bytes},
                     {"gradients_bytes", tm.gradients_bytes}, {"optimizer_bytes", tm.optimizer_bytes},
                     {"master_weights_bytes", tm.master_weights_bytes}, {"activations_bytes", tm.activations_bytes},
                     {"logits_bytes", tm.logits_bytes}, {"overhead_bytes", tm.overhead_bytes},
                     {"overhead",
                      {{"cuda_context_bytes", tm.cuda_context_bytes}, {"comm_buffer_bytes", tm.comm_buffer_bytes},
                       {"fragmentation_bytes", tm.fragmentation_bytes}}},
                     {"total_bytes", tm.total_bytes}}}};
    j["gpus_needed"] = r.gpus_needed;
    j["gpus_needed_basis"] = r.gpus_needed_basis;
    j["gpu"] = {{"id", r.gpu.id}, {"name", r.gpu.name}, {"memory_bytes", num(r.gpu.memory_bytes)},
                {"bandwidth_bytes_per_second", num(r.gpu.bandwidth)}, {"peak_flops", num(r.peak_flops)},
                {"verified", r.gpu.verified}, {"source", r.gpu.source}};
    j["time"] = {{"training_seconds", r.training_seconds}, {"training_days", r.training_seconds / 86400.0},
                 {"training_gpu_hours", r.training_gpu_hours}, {"training_cost_usd", r.training_cost},
                 {"training_total_flops", r.training_total_flops},
                 {"narayanan_8tp_seconds", r.narayanan_seconds}, {"tokens_per_day", r.tokens_per_day},
                 {"gpus_for_deadline", r.gpus_for_deadline}};
    const InferenceSpeed& s = r.inference;
    j["inference"] = {{"ttft_seconds", s.ttft_seconds}, {"tpot_seconds", s.tpot_seconds},
                      {"latency_seconds", s.latency_seconds}, {"tokens_per_second", s.tokens_per_second},
                      {"aggregate_tokens_per_second", s.aggregate_tokens_per_second},
                      {"decode_bound", s.decode_bound}, {"decode_bytes_per_step", num(s.decode_bytes_per_step)},
                      {"decode_flops_per_step", num(s.decode_flops_per_step)},
                      {"tp_comm_seconds_per_token", s.tp_comm_seconds_per_token},
                      {"tp_comm_seconds_prefill", s.tp_comm_seconds_prefill}};
    if (r.has_inverse) {  // task=inference: what fits the GPU set
        const InferenceInverse& inv = r.inverse;
        j["inverse"] = {{"max_seq", inv.max_seq}, {"max_context", inv.max_context}, {"max_batch", inv.max_batch},
                        {"max_concurrency", inv.max_concurrency}, {"gpus_needed_tp", inv.gpus_needed_tp},
                        {"gpus_needed_pooled", inv.gpus_needed_pooled}, {"fits_one_card", inv.fits_one_card}};
    }
    if (r.has_layout) {
        ojson best = ojson::array();
        for (const auto& c : r.layout.best) {
            const TrainLayout& l = c.layout;
            static const char* rc[] = {"none", "selective", "full"};
            best.push_back({{"tp", l.tp}, {"pp", l.pp}, {"dp", l.dp}, {"ep", l.ep}, {"cp", l.cp}, {"sp", l.sp},
                            {"zero", l.zero}, {"micro_batch", l.micro_batch}, {"microbatches", l.microbatches},
                            {"recompute", rc[l.recompute]},
                            {"step_seconds", c.time.total},
                            {"step_time", {{"compute", c.time.compute}, {"bubble", c.time.bubble},
                                           {"tp_comm", c.time.tp_comm}, {"pp_comm", c.time.pp_comm},
                                           {"dp_comm", c.time.dp_comm}, {"ep_comm", c.time.ep_comm}}},
                            {"memory", {{"weights_bytes", c.memory.weights_bytes},
                                        {"gradients_bytes", c.memory.gradients_bytes},
                                        {"optimizer_bytes", c.memory.optimizer_bytes},
                                        {"master_weights_bytes", c.memory.master_weights_bytes},
                                        {"activations_bytes", c.memory.activations_bytes},
                                        {"overhead_bytes", c.memory.overhead_bytes},
                                        {"total_bytes", c.memory.total_bytes}}}});
        }
        j["layout"] = {{"candidates", r.layout.candidates}, {"fitting", r.layout.fitting},
                       {"global_batch", r.layout.global_batch}, {"best", best}};
    }
    j["notes"] = r.notes;
    j["warnings"] = r.warnings;
    // Replace invalid UTF-8 (from a user's text quoted in notes/warnings) instead of throwing: the wasm core has
    // no exceptions (found by fuzz/fuzz_hash).
    return j.dump(pretty ? 2 : -1, ' ', false, ojson::error_handler_t::replace);
}

std::string errors_json(const std::vector<InputError>& errors) {
    ojson arr = ojson::array();
    for (const auto& e : errors) arr.push_back({{"key", e.key}, {"message", e.message}});
    ojson j;
    j["errors"] = arr;
    // Error messages quote the user's bytes, which may be invalid UTF-8: replace, never throw (fuzz_hash found it).
    return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace llmcalc
