// Report -> JSON with the paths of ../shared/INTERFACE.md. Counts and bytes are integers; FLOPs that are whole
// numbers below 2^53 are written as integers too, larger ones and times as doubles.
#include <cmath>

#include <nlohmann/json.hpp>

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
                   {"non_embedding", r.params.non_embedding}, {"mtp", r.params.mtp}, {"by_component", by},
                   {"layer_groups", groups}, {"rule_12lh2", r.params.rule_12lh2},
                   {"rule_12h2_13h", r.params.rule_12h2_13h}};

    const FlopsReport& f = r.flops;
    j["flops"] = {{"forward_per_token", num(f.forward_per_token)},
                  {"forward_per_token_by_component",
                   {{"attn_proj", num(f.attn_proj_per_token)}, {"attn_scores", num(f.attn_scores_per_token)},
                    {"mlp", num(f.mlp_per_token)}, {"lm_head", num(f.lm_head_per_token)}}},
                  {"forward_per_sequence", num(f.forward_per_sequence)},
                  {"decode_per_token", num(f.decode_per_token)},
                  {"training_per_token", num(f.training_per_token)},
                  {"model_training_per_token", num(f.model_training_per_token)},
                  {"training_multiplier", f.training_multiplier},
                  {"rule_6n_per_token", num(f.rule_6n_per_token)},
                  {"rule_8n_per_token", num(f.rule_8n_per_token)},
                  {"palm_per_token", num(f.palm_per_token)}};

    const InferenceMemory& im = r.inference_memory;
    const TrainingMemory& tm = r.training_memory;
    j["memory"] = {{"kv_cache_bytes_per_token", r.kv_cache_bytes_per_token},
                   {"gpu_usable_bytes", num(std::floor(r.gpu_memory_bytes))},
                   {"inference",
                    {{"weights_bytes", im.weights_bytes}, {"kv_cache_bytes", im.kv_cache_bytes},
                     {"activations_bytes", im.activations_bytes}, {"overhead_bytes", im.overhead_bytes},
                     {"total_bytes", im.total_bytes}, {"total_all_gpus_bytes", im.total_all_gpus}}},
                   {"training",
                    {{"trainable_params", tm.trainable_params}, {"weights_bytes", tm.weights_bytes},
                     {"gradients_bytes", tm.gradients_bytes}, {"optimizer_bytes", tm.optimizer_bytes},
                     {"master_weights_bytes", tm.master_weights_bytes}, {"activations_bytes", tm.activations_bytes},
                     {"overhead_bytes", tm.overhead_bytes}, {"total_bytes", tm.total_bytes}}}};
    j["gpus_needed"] = r.gpus_needed;
    j["time"] = {{"training_seconds", r.training_seconds}, {"training_days", r.training_seconds / 86400.0},
                 {"training_gpu_hours", r.training_gpu_hours}, {"training_cost_usd", r.training_cost},
                 {"training_total_flops", r.training_total_flops}};
    const InferenceSpeed& s = r.inference;
    j["inference"] = {{"ttft_seconds", s.ttft_seconds}, {"tpot_seconds", s.tpot_seconds},
                      {"latency_seconds", s.latency_seconds}, {"tokens_per_second", s.tokens_per_second},
                      {"aggregate_tokens_per_second", s.aggregate_tokens_per_second},
                      {"decode_bound", s.decode_bound}};
    j["notes"] = r.notes;
    j["warnings"] = r.warnings;
    return j.dump(pretty ? 2 : -1);
}

std::string errors_json(const std::vector<InputError>& errors) {
    ojson arr = ojson::array();
    for (const auto& e : errors) arr.push_back({{"key", e.key}, {"message", e.message}});
    ojson j;
    j["errors"] = arr;
    return j.dump();
}

}  // namespace llmcalc
