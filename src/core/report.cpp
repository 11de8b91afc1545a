#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "catalog.hpp"
#include "hf_config.hpp"
#include "magnitude.hpp"
#include "model_file.hpp"
#include "optimizers.hpp"
#include "timing.hpp"
#include "sources.hpp"

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }
const char* kZeroRule = "ZeRO, Rajbhandari et al. 2020 Sec. 5 / Fig. 1: stage 1 shards optimizer states (and the fp32 "
                        "master copy), stage 2 gradients, stage 3 parameters over the dp ranks";


// What `gpus` means when the layout is not given: inference splits the model over the fewest GPUs that fit
// (smallest_inference_split; the other GPUs hold replicas), training fills the GPUs with data parallelism.
Inputs resolve_parallel(const Inputs& given, const ModelConfig& m, const InferencePlan& plan, double usable, Report& r) {
    Inputs in = given;
    ParallelUsed& pu = r.parallel;
    const std::string gpus_text = "gpus=" + std::to_string(given.gpus);
    if (given.task == Task::Training) {
        if (given.dp <= 1 && given.gpus > 1) {
            in.dp = given.gpus / (given.tp * given.pp * given.cp);  // validate_scenario: a whole multiple
            pu.automatic = true;
            pu.basis = "fill_dp";
            r.notes.push_back(gpus_text + ": data parallelism over the GPUs, dp = gpus / (tp x pp x cp) = " +
                              std::to_string(in.dp) + " (set dp, tp or pp to choose another layout)");
        } else if (given.gpus > 1) {
            pu.basis = "explicit";
        }
    } else if (given.gpus > 1 && given.tp <= 1 && given.pp <= 1 && given.dp <= 1 && m.params_only()) {
        // Parameters only: no heads or layers to split by, so the weights are taken as divided evenly.
        in.tp = given.gpus;
        pu.automatic = true;
        pu.basis = "even_split";
        r.notes.push_back(gpus_text + ": parameters only: the weights are divided evenly over the GPUs (a real split "
                                      "follows the model's heads and layers)");
    } else if (given.gpus > 1 && given.tp <= 1 && given.pp <= 1 && given.dp <= 1) {
        InferenceSplit s = smallest_inference_split(plan, m, given, usable, given.gpus);
        pu.automatic = true;
        pu.basis = "smallest_fit";
        if (s.tp == 0) {
            s = lowest_memory_inference_split(plan, m, given, given.gpus);
            pu.basis = "lowest_memory";
        }
        in.tp = s.tp;
        in.pp = s.pp;
        std::string note = gpus_text + ": the model is split tp=" + std::to_string(s.tp) + " x pp=" + std::to_string(s.pp) +
                           (pu.basis == "smallest_fit" ? ", the fewest GPUs that fit"
                                                       : ": nothing fits on these GPUs; the split with the least memory per GPU");
        if (given.gpus / s.gpus() > 1)
            note += "; the GPUs hold " + std::to_string(given.gpus / s.gpus()) + " replicas of it";
        r.notes.push_back(note + " (set tp or pp to choose another layout)");
    } else if (given.gpus > 1) {
        pu.basis = "explicit";
    }
    pu.tp = in.tp; pu.pp = in.pp; pu.dp = in.dp; pu.ep = in.ep; pu.cp = in.cp;
    pu.replicas = given.task == Task::Training ? 1 : std::max<int64_t>(1, given.gpus / (in.tp * in.pp));
    return in;
}

// The lowest ZeRO stage, 0 to `highest`, at which the per-GPU total of layout `l` fits `usable`; -1 when none does.
int lowest_fitting_zero(const TrainingPlan& p, const Inputs& in, TrainLayout l, double usable, int highest = 3) {
    for (int z = 0; z <= highest; ++z) {
        l.zero = z;
        if (d(evaluate_training(p, in, l).total_bytes) <= usable) return z;
    }
    return -1;
}

// zero=auto: the smallest ZeRO stage at which the per-GPU total fits. Each stage shards more of the model states over
// the dp ranks and communicates more (stage 3 gathers the parameters again in every forward and backward pass:
// Rajbhandari et al. 2020 Sec. 5 and 7), so trainers take the lowest stage that fits (DeepSpeed's ZeRO tutorial;
// Megatron-LM's --use-distributed-optimizer is stage 1). When none fits, the stage with the least memory per GPU.
// With dp = 1 every stage holds the same bytes: stage 0.
int64_t resolved_zero(const TrainingPlan& p, const Inputs& in, double usable, Report& r) {
    if (in.zero != kZeroAuto) return in.zero;
    if (in.task != Task::Training || in.dp <= 1) return 0;
    TrainLayout l = layout_from_inputs(in);
    if (const int z = lowest_fitting_zero(p, in, l, usable); z >= 0) {
        l.zero = z;
        r.notes.push_back("zero=auto: ZeRO stage " + std::to_string(z) + ", the lowest at which the per-GPU total fits (" +
                          gb_text(d(evaluate_training(p, in, l).total_bytes)) + " over dp=" + std::to_string(in.dp) +
                          "); set zero to choose a stage");
        return z;
    }
    int64_t best = 0, least = std::numeric_limits<int64_t>::max();
    for (int z = 0; z <= 3; ++z) {
        l.zero = z;
        if (const int64_t total = evaluate_training(p, in, l).total_bytes; total < least) { least = total; best = z; }
    }
    r.notes.push_back("zero=auto: no ZeRO stage fits over dp=" + std::to_string(in.dp) + "; stage " + std::to_string(best) +
                      ", the least memory per GPU, is shown");
    return best;
}

}  // namespace

std::string gb_text(double bytes) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
    return buf;
}

Inputs effective_inputs(const Inputs& in, const Report& r) {
    Inputs e = in;
    e.recompute = r.recompute;
    e.zero = r.zero;
    e.tp = r.parallel.tp;
    e.pp = r.parallel.pp;
    e.dp = r.parallel.dp;
    return e;
}

namespace {
// A parameter count as people write it: 32B, 7.616B, 1.5T, 500M.
std::string short_count(double n) {
    static const char* const kSuffix[] = {"", "K", "M", "B", "T", "P"};
    int i = 0;
    while (n >= 1000 && i < 5) { n /= 1000; ++i; }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.4g%s", n, kSuffix[i]);
    return buf;
}

// "Parameters only" (total_params): a model known by its parameter count. Every key that would describe it further
// (config.json, a model file, typed dimensions) is a named error: the two descriptions cannot both hold.
ResolvedModel resolve_params_only(const Inputs& in, bool file) {
    ResolvedModel r;
    const int64_t total = *in.total_params;
    if (!in.config.empty()) r.errors.push_back({"total_params", "cannot be used with config: the config gives the model"});
    if (file) r.errors.push_back({"total_params", "cannot be used with a model file: the file gives the model"});
    for (const char* k : {"vocab", "hidden", "layers", "heads", "kv_heads", "head_dim", "intermediate", "experts", "top_k",
                          "shared_experts", "moe_intermediate", "tie"})
        if (!get_input(in, k).empty())
            r.errors.push_back({k, "does not apply with total_params (parameters only has no dimensions); clear "
                                   "total_params to type dimensions"});
    if (in.active_params && *in.active_params > total)
        r.errors.push_back({"active_params", "must not exceed total_params (" + std::to_string(total) + ")"});
    if (!r.errors.empty()) return r;
    ModelConfig& m = r.config;
    m.given_total = total;
    m.given_active = in.active_params ? *in.active_params : total;
    m.id = "params-only";
    m.name = short_count(static_cast<double>(total)) + " parameters" +
             (m.given_active != total ? ", " + short_count(static_cast<double>(m.given_active)) + " active" : "");
    m.family = "params_only";
    m.source = "total_params (typed)";
    m.num_layers = 0;  // not known: no layer, head or vocabulary is invented
    r.notes.push_back("parameters only: weights, model states, 2N / 6N FLOPs and weight-bound speeds from " +
                      short_count(static_cast<double>(total)) + " parameters; the KV cache, activations and attention FLOPs need the model's dimensions (choose a "
                      "preset or paste config.json) and are not counted");
    return r;
}
}  // namespace

ResolvedModel resolve_model(const Inputs& in, const ModelConfig* base) {
    if (in.total_params) return resolve_params_only(in, base != nullptr);
    ResolvedModel r;
    std::string source_key = "model";
    if (base && in.config.empty()) {
        r.config = *base;
        source_key = "file";
    } else if (!in.config.empty()) {
        ImportResult imp = import_hf_config(in.config);
        r.errors = imp.errors;
        r.notes = imp.notes;
        r.warnings = imp.warnings;
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
    const int64_t old_heads = m.num_heads, old_kv = m.kv_heads();
    over(in.heads, m.num_heads);
    over(in.kv_heads, m.num_kv_heads);
    // heads typed over a GQA/MQA model without kv_heads: by default every head gets its own K/V (MHA), as in the
    // models one types over a preset (LLaMA-65B's dimensions over Llama 3.1 70B are MHA); keep_gqa_ratio keeps the
    // model's query heads per KV head instead. The note says which was done.
    if (in.heads && !in.kv_heads && m.attn == AttnKind::Standard && old_kv == old_heads) {
        m.num_kv_heads = m.num_heads;  // an MHA model stays MHA
    } else if (in.heads && !in.kv_heads && m.attn == AttnKind::Standard) {
        const int64_t group = old_kv > 0 ? old_heads / old_kv : 1;
        if (in.keep_gqa_ratio && group > 0 && *in.heads % group == 0) {
            m.num_kv_heads = *in.heads / group;
            r.notes.push_back("heads changed on a GQA model: kv_heads = heads / " + std::to_string(group) + " = " +
                              std::to_string(m.num_kv_heads) + " (keep_gqa_ratio; type kv_heads to choose)");
        } else if (in.keep_gqa_ratio) {
            r.errors.push_back({"heads", "keep_gqa_ratio: must be a multiple of the model's " + std::to_string(group) +
                                             " query heads per KV head, got " + std::to_string(*in.heads)});
            return r;
        } else {
            m.num_kv_heads = m.num_heads;
            r.notes.push_back("heads changed on a GQA model: kv_heads follows heads (" + std::to_string(m.num_heads) +
                              ", multi-head attention); set keep_gqa_ratio=true to keep " + std::to_string(old_heads) +
                              "/" + std::to_string(old_kv) + ", or type kv_heads");
        }
    }
    over(in.head_dim, m.head_dim);
    over(in.intermediate, m.intermediate_size);
    if (m.double_wide_mlp) {
        // Gemma 4: the KV-sharing layers' MLP stays twice intermediate_size, on the last kv_shared_layers layers
        double_wide_mlp_widths(m);
    } else if (in.intermediate && !m.ffn_widths.empty()) {
        // a typed MLP width replaces the NAS model's per-layer widths
        m.ffn_widths.clear();
        m.layer_ffn_slot.clear();
        r.notes.push_back("intermediate typed: every dense layer is " + std::to_string(m.intermediate_size) +
                          " wide (the per-layer widths of block_configs are replaced)");
    }
    over(in.experts, m.num_experts);
    over(in.top_k, m.experts_per_token);
    over(in.shared_experts, m.num_shared_experts);
    over(in.moe_intermediate, m.moe_intermediate_size);
    if (in.tie) { m.tie_embeddings = *in.tie; overridden = true; }
    if (overridden) {
        m.id = "custom";
        m.name += " (edited)";
        // per-layer patterns sized for the old layer count are resized by their own rule (model.hpp
        // resize_layer_pattern: dense prefix + period), with a note.
        if (m.is_hybrid() && static_cast<int64_t>(std::max(m.layer_mixer.size(), m.layer_no_ffn.size())) != m.num_layers) {
            // mixer, FFN presence, MoE and the FFN width continue together, one code per layer, so a block stays
            // what it was
            const int64_t old_layers = static_cast<int64_t>(std::max(m.layer_mixer.size(), m.layer_no_ffn.size()));
            std::vector<int> code(static_cast<size_t>(old_layers));
            for (int64_t i = 0; i < old_layers; ++i)
                code[static_cast<size_t>(i)] = m.ffn_slot(i) * 16 + static_cast<int>(m.mixer(i)) * 4 +
                                               (m.has_ffn(i) ? 0 : 2) + (m.is_moe_layer(i) ? 1 : 0);
            code = resize_pattern(code, m.num_layers);
            const bool moe_pattern = !m.layer_moe.empty(), no_ffn_pattern = !m.layer_no_ffn.empty();
            m.layer_mixer.assign(code.size(), Mixer::Attention);
            m.layer_no_ffn.assign(no_ffn_pattern ? code.size() : 0, false);
            m.layer_moe.assign(moe_pattern ? code.size() : 0, false);
            const bool slot_pattern = !m.layer_ffn_slot.empty();
            m.layer_ffn_slot.assign(slot_pattern ? code.size() : 0, 0);
            for (size_t i = 0; i < code.size(); ++i) {
                m.layer_mixer[i] = static_cast<Mixer>(code[i] / 4 % 4);
                if (slot_pattern) m.layer_ffn_slot[i] = static_cast<uint8_t>(code[i] / 16);
                if (no_ffn_pattern) m.layer_no_ffn[i] = (code[i] & 2) != 0;
                if (moe_pattern) m.layer_moe[i] = (code[i] & 1) != 0;
            }
            r.notes.push_back("layer count changed: the hybrid layer pattern (mixers, FFN blocks, MoE) is continued for the new count");
        } else if (!m.layer_moe.empty() && static_cast<int64_t>(m.layer_moe.size()) != m.num_layers) {
            m.layer_moe = resize_layer_pattern(m.layer_moe, m.num_layers);
            r.notes.push_back("layer count changed: the MoE layer pattern is continued for the new count");
        }
        if (!m.layer_sliding.empty() && static_cast<int64_t>(m.layer_sliding.size()) != m.num_layers) {
            m.layer_sliding = resize_layer_pattern(m.layer_sliding, m.num_layers);
            r.notes.push_back("layer count changed: the sliding/global layer pattern is continued for the new count");
        }
    }
    auto errs = validate_model(m, source_key, &in);
    r.errors.insert(r.errors.end(), errs.begin(), errs.end());
    return r;
}

std::vector<InputError> validate_model(const ModelConfig& m, const std::string& src, const Inputs* typed) {
    std::vector<InputError> e;
    // The key an error is shown beside: the first of the involved typed keys the user set, else the imported
    // config (the message then names the JSON key), else the first involved key.
    auto add = [&](std::initializer_list<const char*> keys, const char* hf, const std::string& msg) {
        for (const char* k : keys)
            if (typed && !get_input(*typed, k).empty()) { e.push_back({k, msg}); return; }
        if (src == "config") e.push_back({"config", std::string("'") + hf + "' " + msg});
        else e.push_back({*keys.begin(), msg});
    };
    if (m.vocab_size < 1) add({"vocab"}, "vocab_size", "must be at least 1");
    if (m.hidden_size < 1) add({"hidden"}, "hidden_size", "must be at least 1");
    if (m.num_layers < 1) add({"layers"}, "num_hidden_layers", "must be at least 1");
    if (m.num_heads < 1) add({"heads"}, "num_attention_heads", "must be at least 1");
    if (!e.empty()) return e;
    if (m.attn == AttnKind::Standard) {
        if (m.head_dim == 0 && m.hidden_size % m.num_heads != 0)
            add({"heads", "hidden"}, "num_attention_heads",
                "must divide the hidden size when no head_dim is given (" + std::to_string(m.hidden_size) + " / " +
                    std::to_string(m.num_heads) + ")");
        if (m.kv_heads() > m.num_heads)
            add({"kv_heads", "heads"}, "num_key_value_heads", "must not exceed the number of attention heads (" +
                                                                  std::to_string(m.kv_heads()) + " > " +
                                                                  std::to_string(m.num_heads) + ")");
        else if (m.num_heads % m.kv_heads() != 0)
            add({"kv_heads", "heads"}, "num_key_value_heads",
                "must divide the number of attention heads (" + std::to_string(m.num_heads) + " / " +
                    std::to_string(m.kv_heads()) + ")");
    } else if (m.kv_lora_rank < 1 || m.v_head_dim < 1 || m.qk_nope_head_dim + m.qk_rope_head_dim < 1) {
        add({"config"}, "kv_lora_rank", "MLA needs kv_lora_rank, qk_nope_head_dim/qk_rope_head_dim and v_head_dim");
    }
    if (m.num_experts > 0) {
        if (m.experts_per_token < 1 || m.experts_per_token > m.num_experts)
            add({"top_k", "experts"}, "num_experts_per_tok", "must be between 1 and the number of experts (" +
                                                                 std::to_string(m.num_experts) + ")");
        if (m.moe_intermediate_size < 1)
            add({"moe_intermediate"}, "moe_intermediate_size", "must be at least 1 for an MoE model");
    }
    return e;
}

std::vector<InputError> validate_scenario(const Inputs& in, const ModelConfig& m) {
    std::vector<InputError> e;
    if (m.params_only() && in.pp > 1)
        e.push_back({"pp", "needs the model's layers: with total_params the weights are divided evenly over tp"});
    if (m.params_only() && in.task == Task::Training && in.finetune != Finetune::Full)
        e.push_back({"finetune", "needs the model's weight matrices (LoRA adapters and frozen layers are sized from "
                                 "them): choose a preset or paste config.json"});
    if (!e.empty()) return e;
    if (in.tp > 1 && m.num_heads % in.tp != 0)
        e.push_back({"tp", "must divide the number of attention heads (" + std::to_string(m.num_heads) + ")"});
    if (!m.params_only() && in.pp > m.num_layers)
        e.push_back({"pp", "must not exceed the number of layers (" + std::to_string(m.num_layers) + ")"});
    // In double: each size may be up to 1e6, so the product can pass int64 (signed overflow; found by fuzz_report).
    // Training uses every GPU: dp given (> 1) must make tp x pp x dp x cp = gpus; else dp = gpus / (tp x pp x cp)
    // fills them, so gpus must be a multiple of tp x pp x cp.
    auto text = [](double x) {
        char t[40];
        std::snprintf(t, sizeof t, "%.0f", x);
        return std::string(t);
    };
    const double model_group = d(in.tp) * d(in.pp) * d(in.cp);
    const double train_group = model_group * d(in.dp);
    if (in.task == Task::Training && in.dp > 1 && train_group != d(in.gpus))
        e.push_back({"gpus", "must equal tp x pp x dp x cp = " + text(train_group) +
                                 " (leave dp at 1 and data parallelism fills the GPUs: dp = gpus / (tp x pp x cp))"});
    else if (in.task == Task::Training && in.dp <= 1 && model_group > d(in.gpus))
        e.push_back({"gpus", "must be at least tp x pp x cp = " + text(model_group)});
    else if (in.task == Task::Training && in.dp <= 1 && std::fmod(d(in.gpus), model_group) != 0)
        e.push_back({"gpus", "must be a multiple of tp x pp x cp = " + text(model_group) +
                                 " (data parallelism fills the GPUs: dp = gpus / (tp x pp x cp))"});
    if (in.task == Task::Inference && in.tp * in.pp > in.gpus)
        e.push_back({"gpus", "must be at least tp x pp = " + std::to_string(in.tp * in.pp)});
    if (in.ep > 1 && m.num_experts > 0 && m.num_experts % in.ep != 0)
        e.push_back({"ep", "must divide the number of experts (" + std::to_string(m.num_experts) + ")"});
    if (in.ep > 1 && m.num_experts == 0)
        e.push_back({"ep", "expert parallelism needs an MoE model (this model has no experts)"});
    if (in.cp > in.seq)
        e.push_back({"cp", "must not exceed seq (" + std::to_string(in.seq) + ")"});
    if (in.task == Task::Training && in.finetune == Finetune::Freeze && in.freeze_train_layers > m.num_layers)
        e.push_back({"freeze_train_layers", "must not exceed the number of layers (" + std::to_string(m.num_layers) + ")"});
    return e;
}

std::vector<std::string> inapplicable_inputs(const Inputs& in, const ModelConfig& m, bool from_file) {
    // Inputs the model cannot honour, named instead of silently ignored (issue #14).
    std::vector<std::string> w;
    if (m.num_experts == 0) {
        for (const char* k : {"top_k", "shared_experts", "moe_intermediate"})
            if (!get_input(in, k).empty())
                w.push_back(std::string(k) + " does not apply: the model has no routed experts (set experts too)");
    }
    if (m.attn == AttnKind::MLA) {
        // MLA (DeepSeek-V2 Sec. 2.1): the cache is one latent per token, and the heads' shapes are the config's
        // qk_nope_head_dim, qk_rope_head_dim and v_head_dim, so neither key changes a count
        for (const char* k : {"kv_heads", "head_dim"})
            if (!get_input(in, k).empty())
                w.push_back(std::string(k) + " does not apply: MLA attention caches one latent of kv_lora_rank + "
                            "qk_rope_head_dim per token, and its heads take their sizes from the config");
    }
    if (in.active_params && !in.total_params)
        w.push_back("active_params does not apply: it goes with total_params (parameters only)");
    if (m.params_only() && in.layout_search)
        w.push_back("layout_search does not apply: parameters only has no heads or layers to split by");
    if (in.lm_only && !m.has_vision() && !m.has_audio())
        w.push_back("lm_only does not apply: the model has no vision encoder counted (its total is the language model)");
    // Fine-tuning keys that only one method reads, set away from their defaults under another method (issue #14:
    // options that do not apply are named, as top_k on a dense model is above).
    auto set_but_unused = [&](const char* key, bool used) {
        if (!used && get_input(in, key) != get_input(default_inputs(), key))
            w.push_back(std::string(key) + " does not apply: finetune=" + finetune_name(in.finetune) + " does not read it");
    };
    const bool lora = in.finetune == Finetune::Lora || in.finetune == Finetune::Qlora;
    set_but_unused("lora_rank", lora);
    set_but_unused("lora_targets", lora);
    set_but_unused("freeze_train_layers", in.finetune == Finetune::Freeze);
    // Keys that only act through another setting, named when that setting leaves them nothing to do. A discrete
    // card's memory is its own (the share is for Apple's, compute_model); embed_16bit widens the embedding and LM
    // head of a non-GGUF format below 16 bits (memory.cpp weight_bytes_detail), never a file's stored bytes.
    const Gpu* gpu = in.gpu == "custom" ? nullptr : find_gpu(in.gpu);
    if (!(gpu && gpu->unified) && in.unified_memory_fraction != default_inputs().unified_memory_fraction)
        w.push_back("unified_memory_fraction does not apply: gpu '" + in.gpu + "' has its own memory (the share is "
                    "for Apple's unified memory)");
    const NumberFormat* wf = find_weight_format(in.weights);
    if (!in.embed_16bit && (from_file || m.params_only() || !wf || wf->experts_only || wf->is_gguf() ||
                            wf->bits_num >= 16 * wf->bits_den))
        w.push_back("embed_16bit does not apply with weights=" + in.weights + ": it only widens the embeddings "
                    "of a format narrower than 16 bits (GGUF's recipe decides its own)");
    // The context a request holds: prompt plus generated tokens (inference), the sequence (training).
    const int64_t context = in.task == Task::Inference ? in.seq + in.gen : in.seq;
    if (m.max_positions > 0 && context > m.max_positions)
        w.push_back("context of " + std::to_string(context) + " tokens (" + (in.task == Task::Inference ? "seq + gen" : "seq") +
                    ") is longer than the model's maximum of " + std::to_string(m.max_positions) +
                    " (max_position_embeddings): the model was not trained for it");
    return w;
}

void gpus_needed_search(Report& r, const Inputs& in, const InferencePlan& plan, const TrainingPlan& tplan, double usable,
                        Trace* tr) {
    const ModelConfig& m = r.model;
    const Tx usable_t = named(tr, usable, "M_usable", "B");
    Tx need;  // the GPU count, as the rule that found it computes it
    std::string note, note_zh, source = "per-GPU totals compared with one GPU's usable memory M_usable (" + r.gpu.source + ")";
    if (in.task == Task::Training) {
        // zero=auto may use any stage: the fewest GPUs are those of stage 3 (the most sharded), reported with the
        // lowest stage that fits at that dp
        const int64_t stage = r.zero_auto ? 3 : in.zero;
        TrainLayout layout = layout_from_inputs(in);
        layout.zero = static_cast<int>(stage);
        const Tx group = named(tr, d(in.tp), "tp") * named(tr, d(in.pp), "pp") * named(tr, d(in.cp), "cp");
        // ZeRO (Rajbhandari et al. 2020 Sec. 5): stages >= 1 shard states over dp, so per-GPU memory falls as dp
        // grows; the smallest dp (at the given tp, pp, cp and stage) whose per-GPU total fits, by bisection.
        auto fits = [&](int64_t dp) {
            TrainLayout l = layout;
            l.dp = dp;
            return d(evaluate_training(tplan, in, l).total_bytes) <= usable;
        };
        int64_t dp_min = 0;
        if (fits(1)) {
            dp_min = 1;
        } else if (stage >= 1 && fits(1'000'000)) {
            int64_t lo = 1, hi = 1'000'000;  // fits(hi), !fits(lo)
            while (hi - lo > 1) {
                const int64_t mid = lo + (hi - lo) / 2;
                (fits(mid) ? hi : lo) = mid;
            }
            dp_min = hi;
        }
        // The lower bound: model states pooled as under ZeRO-3 over GPUs that each keep activations and overheads.
        TrainLayout pooled_layout = layout;
        pooled_layout.dp = 1;
        pooled_layout.zero = 3;
        const TrainingMemory one = evaluate_training(tplan, in, pooled_layout);
        const double per_gpu_fixed = d(one.activations_bytes + one.cuda_context_bytes + one.comm_buffer_bytes);
        const double states = d(one.weights_bytes + one.gradients_bytes + one.optimizer_bytes + one.master_weights_bytes);
        const Tx pooled = usable > per_gpu_fixed
                              ? group * ceil_(named(tr, states, "model_states", "B") /
                                              (usable_t - named(tr, per_gpu_fixed, "per_gpu_fixed", "B")))
                              : Tx(0.0);
        r.gpus_needed_pooled = usable > per_gpu_fixed ? saturated_gpu_count(pooled.v) : 0;
        r.gpus_needed_tp = in.tp;
        r.gpus_needed_pp = in.pp;
        source += std::string("; ") + kZeroRule;
        if (dp_min > 0) {
            need = group * named(tr, d(dp_min), "dp_min");
            r.gpus_needed_dp = dp_min;
            r.gpus_needed_basis = "dp";
            TrainLayout at_min = layout;
            at_min.dp = dp_min;  // fits at `stage`, so a stage <= stage is found
            r.gpus_needed_zero = lowest_fitting_zero(tplan, in, at_min, usable, static_cast<int>(stage));
            if (tr) {
                TrainLayout l = layout;
                l.dp = dp_min;
                const std::string fit = gb_text(d(evaluate_training(tplan, in, l).total_bytes)) + " ≤ " + gb_text(usable);
                note = "dp_min = the smallest data-parallel size whose per-GPU total fits at zero=" +
                       std::to_string(stage) + ": " + fit;
                note_zh = "dp_min = 在 zero=" + std::to_string(stage) + " 下每 GPU 总量放得下的最小数据并行数：" + fit;
                if (dp_min > 1) {
                    l.dp = dp_min - 1;
                    const std::string below = "dp=" + std::to_string(dp_min - 1) + " ";
                    const std::string bytes = gb_text(d(evaluate_training(tplan, in, l).total_bytes));
                    note += "; " + below + "needs " + bytes;
                    note_zh += "；" + below + "需要 " + bytes;
                }
            }
        } else {
            // Nothing fits at this ZeRO stage: the pooled ZeRO-3 bound is reported.
            need = with_value(pooled, d(r.gpus_needed_pooled));  // saturated at kMaxGpuCount
            r.gpus_needed_dp = in.tp * in.pp * in.cp > 0 ? r.gpus_needed_pooled / (in.tp * in.pp * in.cp) : 0;
            r.gpus_needed_basis = "pooled_zero3";
            r.gpus_needed_zero = 3;
            note = usable > per_gpu_fixed ? "nothing fits at zero=" + std::to_string(stage) +
                                                ": model states (weights, gradients, optimizer, master) pooled as under "
                                                "ZeRO-3; per_gpu_fixed = activations + context + buffers"
                                          : "activations and per-GPU overheads alone exceed one GPU";
            note_zh = usable > per_gpu_fixed ? "zero=" + std::to_string(stage) +
                                                   " 下都放不下：模型状态（权重、梯度、优化器状态、主权重）按 ZeRO-3 "
                                                   "合并计算；per_gpu_fixed = 激活值 + 上下文 + 缓冲区"
                                             : "仅激活值和每 GPU 的额外开销就超过了一张 GPU";
            r.warnings.push_back(usable > per_gpu_fixed
                                     ? "does not fit at any data-parallel size with zero=" + std::to_string(stage) +
                                           ": gpus_needed pools the model states as ZeRO-3 would"
                                     : "activations and per-GPU overheads alone exceed one GPU: raise tp, pp, cp or recompute");
        }
    } else if (m.params_only()) {
        // Parameters only: the weights divided evenly, so the pooled count is the answer
        r.gpus_needed_pooled = r.inverse.gpus_needed_pooled;
        need = named(tr, d(r.gpus_needed_pooled), "GPUs_pooled");
        r.gpus_needed_tp = r.gpus_needed_pooled;
        r.gpus_needed_pp = r.gpus_needed_dp = 1;
        r.gpus_needed_basis = "pooled";
        source += "; memory.inference.total_bytes pooled";
        note = "parameters only: the bytes pooled over GPUs that each repeat the per-GPU overheads (the weights taken "
               "as divided evenly; a real split follows the heads and layers and may need more)";
        note_zh = "仅参数量：显存按 GPU 合并计算，每张 GPU 各自计入固定开销（权重视为均分；实际切分取决于头数和层数，可能需要更多）";
    } else {
        r.gpus_needed_pooled = r.inverse.gpus_needed_pooled;
        // The fewest GPUs of any tp x pp split that fits, whatever `gpus` and the layout keys say: tensor parallelism
        // needs tp | heads (Megatron-LM's column/row split; vLLM checks num_attention_heads % tp == 0) within a node,
        // pipeline stages split the layers (memory.hpp smallest_inference_split).
        const InferenceSplit split = smallest_inference_split(plan, m, in, usable, std::numeric_limits<int64_t>::max());
        source += "; tensor parallelism needs tp | heads (Megatron-LM, vLLM), pipeline stages split the layers";
        if (split.tp > 0) {
            need = named(tr, d(split.tp), "tp") * named(tr, d(split.pp), "pp");
            r.gpus_needed_tp = split.tp;
            r.gpus_needed_pp = split.pp;
            r.gpus_needed_dp = 1;
            r.gpus_needed_basis = split.pp == 1 ? "tp" : "tp_pp";
            if (tr) {
                const std::string layout_text = "tp=" + std::to_string(split.tp) + " x pp=" + std::to_string(split.pp);
                const std::string fit =
                    gb_text(d(evaluate_inference(plan, in, split.tp, split.pp, in.batch, in.concurrency, in.seq, in.gen)
                                  .total_bytes)) +
                    " ≤ " + gb_text(usable);
                const std::string pooled_n = std::to_string(r.gpus_needed_pooled);
                note = "the fewest GPUs of any split that fits (tp dividing heads = " + std::to_string(m.num_heads) +
                       ", at most gpus_per_node; pp up to the layers): " + layout_text + " needs " + fit +
                       " per GPU; the memory pooled over " + pooled_n + " GPUs is the lower bound";
                note_zh = "放得下的各种切分中 GPU 最少的一种（tp 整除头数 " + std::to_string(m.num_heads) +
                          "，不超过 gpus_per_node；pp 最多到层数）：" + layout_text + " 每 GPU 需要 " + fit +
                          "；合并 " + pooled_n + " 张 GPU 的显存是下限";
            }
        } else {
            need = Tx(0.0);
            r.gpus_needed_basis = "none";
            note = "no tp x pp split fits: one GPU's share of the activations and overheads alone exceeds it";
            note_zh = "没有放得下的 tp x pp 切分：仅一张 GPU 分到的激活值和额外开销就超过了它";
            r.warnings.push_back("no tp x pp split fits (tp within a node of gpus_per_node = " +
                                 std::to_string(in.gpus_per_node) + ", pp up to the layers): gpus_needed is 0; " +
                                 "the memory pooled over " + std::to_string(r.gpus_needed_pooled) +
                                 " GPUs is only a lower bound");
        }
    }
    r.gpus_needed = static_cast<int64_t>(need.v);
    if (tr) tr->record("gpus_needed", "GPUs", need, "GPUs", source, note, note_zh);
}

void training_time(Report& r, const Inputs& in, Trace* tr) {
    // FLOPs per token over the utilisation that counts the same FLOPs (PaLM, Chowdhery et al. 2022, App. B): mfu
    // divides model FLOPs (no recompute); hfu the FLOPs the GPUs execute, recompute included — under full recompute
    // that is Narayanan et al. 2021 eq. (4), 8TP/(nX), with X = peak x hfu.
    const TrainingRate rate = training_rate(r.flops.model_training_per_token, r.flops.training_per_token, in.mfu, in.hfu);
    r.utilisation_basis = rate.basis;
    const bool hfu = r.utilisation_basis == "hfu";
    const Tx tokens = named(tr, resolved_tokens(in), "D_tokens");
    const Tx f_train = named(tr, r.flops.training_per_token, "F_train/token", "FLOP");
    const Tx f_rate = hfu ? f_train : named(tr, rate.flops_per_token, "F_model/token", "FLOP");
    const Tx util = named(tr, rate.utilisation, hfu ? "hfu" : "mfu");
    const Tx gpus = named(tr, d(in.gpus), "gpus");
    const Tx peak = named(tr, r.peak_flops, tr ? "peak(" + in.weights + ")" : std::string(), "FLOP/s");
    const Tx total = tokens * f_train;
    const Tx seconds = training_seconds(tokens * f_rate, gpus, peak, util);
    const Tx t_train = named(tr, seconds.v, "T_train", "s");
    const Tx hours = t_train * gpus / Tx(3600.0);
    const Tx cost = named(tr, hours.v, "GPU_hours") * named(tr, in.price_per_gpu_hour, "price_per_gpu_hour");
    const Tx narayanan = narayanan_training_seconds(tokens, named(tr, d(r.params.active), "N_active"), gpus, peak * util);
    const Tx per_day = tokens_per_day(gpus, peak, util, f_rate);
    r.training_total_flops = total.v;
    r.training_seconds = seconds.v;
    r.training_gpu_hours = hours.v;
    r.training_cost = cost.v;
    r.narayanan_seconds = narayanan.v;
    r.tokens_per_day = per_day.v;
    // Inverse: the GPUs that finish the same FLOPs within deadline_days (0 = off)
    const Tx deadline = in.deadline_days > 0 ? gpus_for_deadline(tokens * f_rate,
                                                                 named(tr, in.deadline_days, "deadline_days") *
                                                                     Tx(kSecondsPerDay),
                                                                 peak, util)
                                             : Tx(0.0);
    r.gpus_for_deadline = static_cast<int64_t>(deadline.v);
    if (!tr) return;
    tr->record("time.gpus_for_deadline", "GPUs", deadline, "GPUs",
               "the training-time formula (PaLM App. B; " LLMCALC_SEED000 ") solved for the GPU count; " + r.gpu.source,
               in.deadline_days > 0 ? "at least 1, rounded up; 86,400 seconds per day; the same FLOPs per token and "
                                      "utilisation as time.training_seconds"
                                    : "deadline_days = 0: off",
               in.deadline_days > 0 ? "至少 1，向上取整；每天 86,400 秒；每 token FLOPs 和利用率与 time.training_seconds 相同"
                                    : "deadline_days = 0：未启用");
    const std::string peak_src = "peak from " + r.gpu.source;
    if (hfu)
        tr->record("time.training_seconds", "T_train", seconds, "s",
                   "Narayanan et al. 2021 Sec. 5.1 eq. 4 (X = achieved FLOP/s counting recompute, 8TP/(nX) under full "
                   "recompute); PaLM App. B (HFU); " + peak_src,
                   "executed FLOPs per token, recompute included, over hfu = achieved ÷ peak",
                   "每 token 实际执行的 FLOPs（含重计算），除以 hfu = 实际达到 ÷ 峰值");
    else
        tr->record("time.training_seconds", "T_train", seconds, "s",
                   "PaLM, Chowdhery et al. 2022 App. B (MFU = model FLOPs / peak); " LLMCALC_SEED000 ": training time = FLOPs / (GPUs × "
                   "peak × utilisation); " + peak_src,
                   "model FLOPs = 3 × forward per token (recompute not counted: it lowers MFU instead; or give hfu)",
                   "模型 FLOPs = 每 token 3 × 前向（不计重计算：它体现为 MFU 降低；或填写 hfu）");
    tr->record("time.training_total_flops", "C_train", total, "FLOP",
               "Kaplan et al. 2020 eq. 2.1 (C ≈ 6ND) counted exactly; Narayanan et al. 2021 eq. 3",
               "what the GPUs execute, recompute included", "GPU 实际执行的计算量，含重计算");
    tr->record("time.training_days", "days", t_train / Tx(kSecondsPerDay), "days", "86,400 seconds per day");
    tr->record("time.training_gpu_hours", "GPU-hours", hours, "GPU-h", "T_train × GPUs ÷ 3,600 s");
    tr->record("time.training_cost_usd", "cost", cost, "USD",
               "GPU-hours × price per GPU-hour (named input price_per_gpu_hour)");
    tr->record("time.narayanan_8tp_seconds", "T_8TP", narayanan, "s",
               "Narayanan et al. 2021 eq. 4: end-to-end time ≈ 8TP / (nX) (full recompute convention)",
               hfu ? "X = peak × hfu achieved per GPU" : "X = peak × mfu achieved per GPU (hfu counts recompute as X does)",
               hfu ? "X = 每 GPU 达到的 峰值 × hfu" : "X = 每 GPU 达到的 峰值 × mfu（hfu 与 X 一样计入重计算）");
    tr->record("time.tokens_per_day", "tokens/day", per_day, "tokens",
               "seconds per day × GPUs × peak × utilisation ÷ the FLOPs per token it counts (PaLM App. B)");
}

void inference_speed(Report& r, const Inputs& in, const InferencePlan& plan, Trace* tr) {
    // One request crosses the pipeline stages one after another, so a replica's speed comes from its tp GPUs; every
    // tensor-parallel rank reads its share of the weights and KV cache.
    const ModelConfig& m = r.model;
    const WeightBytes& w = r.weights_detail;
    InferenceSpeed& s = r.inference;
    const int64_t sequences = in.batch * in.concurrency;
    const Tx seqs = named(tr, d(in.batch), "batch") * named(tr, d(in.concurrency), "concurrency");
    const Tx tp = named(tr, d(in.tp), "tp");
    const Tx peak = named(tr, r.peak_flops, tr ? "peak(" + in.weights + ")" : std::string(), "FLOP/s");
    const Tx prefill_eff = named(tr, in.prefill_efficiency, "prefill_efficiency");
    Tx ttft = prefill_seconds(named(tr, r.flops.forward_per_sequence, "F_prefill/seq", "FLOP") * seqs, tp, peak, prefill_eff);
    // A decode step runs the language model only: a multimodal checkpoint's vision (and audio) encoder runs on the
    // prompt's images, not per generated token. MoE: a step reads the experts the step's tokens select (uniform
    // routing); the MTP modules' experts (include_mtp) are routed as the layers' are.
    const int64_t lm_bytes = w.total - w.vision;
    Tx weights_read = named(tr, d(lm_bytes), "W_LM", "B");
    const int64_t routed = w.experts + w.mtp_experts;
    if (m.num_experts > 0 && m.experts_per_token < m.num_experts)
        weights_read = named(tr, d(lm_bytes - routed), "W_dense", "B") +
                       named(tr, d(routed), "W_experts", "B") *
                           experts_touched_fraction(named(tr, d(m.num_experts), "experts"),
                                                    named(tr, d(m.experts_per_token), "top_k"), seqs);
    // KV read at the mean context over the generation (prompt + half the generated tokens).
    const Tx kv_read = named(tr, d(plan_kv_bytes(plan, sequences, in.seq + in.gen / 2, 0)), "KV_read", "B");
    const Tx bytes = weights_read + kv_read;
    const Tx flops = named(tr, r.flops.decode_per_token, "F_decode/token", "FLOP") * seqs;
    const Tx bw = named(tr, r.gpu.bandwidth, "bandwidth", "B/s") * named(tr, in.decode_bw_efficiency, "decode_bw_efficiency") * tp;
    const Tx comp = peak * prefill_eff * tp;
    Tx tpot = decode_seconds(bytes, bw, flops, comp);  // roofline, timing.hpp
    s.decode_bytes_per_step = bytes.v;
    s.decode_flops_per_step = flops.v;
    s.decode_bound = decode_memory_bound(bytes.v, bw.v, flops.v, comp.v) ? "memory" : "compute";
    if (in.tp_comm && in.tp > 1) {
        // Megatron-style TP: two all-reduces of the hidden state per layer (after attention and after the MLP).
        const double bw_tp = (in.tp <= in.gpus_per_node ? in.nvlink_gbs : in.internode_gbs) * 1e9;
        const double per_token_msg = 2.0 * d(m.hidden_size);  // 16-bit activations
        s.tp_comm_seconds_per_token = 2.0 * d(m.num_layers) * ring_allreduce_seconds(per_token_msg * d(sequences), d(in.tp), bw_tp);
        s.tp_comm_seconds_prefill =
            2.0 * d(m.num_layers) * ring_allreduce_seconds(per_token_msg * d(sequences) * d(in.seq), d(in.tp), bw_tp);
        tpot = tpot + named(tr, s.tp_comm_seconds_per_token, "T_allreduce", "s");
        ttft = ttft + named(tr, s.tp_comm_seconds_prefill, "T_allreduce", "s");
    }
    s.ttft_seconds = ttft.v;
    s.tpot_seconds = tpot.v;
    const Tx tpot_t = named(tr, tpot.v, "TPOT", "s");
    const Tx latency = named(tr, ttft.v, "TTFT", "s") + tpot_t * named(tr, d(in.gen), "gen");
    const Tx tps = Tx(1.0) / tpot_t;
    const Tx aggregate = seqs / tpot_t;
    // seed 004 item 4: "每秒生成 Token (TPS) = 生成总 Token / 延迟" (generated tokens over the latency, prefill included)
    const Tx generated = latency.v > 0 ? named(tr, d(in.gen), "gen") / latency : Tx(0.0);
    const Tx generated_all = generated * seqs;
    s.generated_tokens_per_second = generated.v;
    s.aggregate_generated_tokens_per_second = generated_all.v;
    s.latency_seconds = latency.v;
    s.tokens_per_second = tps.v;
    s.aggregate_tokens_per_second = aggregate.v;
    if (!tr) return;
    std::string ttft_note = "compute-bound prefill of every sequence's prompt on one replica's tp GPUs (pipeline stages "
                            "run one after another)";
    std::string ttft_note_zh = "计算受限的预填充：每条序列的提示词在一个副本的 tp 张 GPU 上处理（流水线各阶段依次运行）";
    if (s.tp_comm_seconds_prefill > 0) {
        ttft_note += "; + two ring all-reduces of the hidden state per layer (tp_comm)";
        ttft_note_zh += "；+ 每层两次隐藏状态的环形 all-reduce（tp_comm）";
    }
    tr->record("inference.ttft_seconds", "TTFT", ttft, "s",
               LLMCALC_SEED004 ": prefill time = 2 × N × prompt tokens / (GPUs × peak × utilisation); peak from " + r.gpu.source,
               ttft_note, ttft_note_zh);
    std::string tpot_note = "decode is " + s.decode_bound + "-bound here; W_LM = the weights less a multimodal "
                            "checkpoint's vision / audio encoder, which a decode step does not run; KV_read = the KV cache "
                            "of every sequence at the mean context of the generation (memory.inference.kv_cache_bytes' "
                            "formula)";
    std::string tpot_note_zh = std::string(s.decode_bound == "memory" ? "此处解码受访存限制" : "此处解码受计算限制") +
                               "；W_LM = 权重减去多模态检查点的视觉/音频编码器（解码步不运行它）；KV_read = 每条序列在生成过程"
                               "平均上下文长度下的 KV 缓存（memory.inference.kv_cache_bytes 的公式）";
    if (m.num_experts > 0) {
        tpot_note += "; MoE: an expert is read when one of the step's tokens routes to it (W_dense = W_LM − W_experts; "
                     "W_experts: the layers' routed experts and the counted MTP modules')";
        tpot_note_zh += "；MoE：这一步有 token 路由到某个专家时才读取它（W_dense = W_LM − W_experts；W_experts：各层的路由专家"
                        "及计入的 MTP 模块的路由专家）";
    }
    if (s.tp_comm_seconds_per_token > 0) {
        tpot_note += "; + TP all-reduces (tp_comm)";
        tpot_note_zh += "；+ TP all-reduce（tp_comm）";
    }
    tr->record("inference.tpot_seconds", "TPOT", tpot, "s",
               "roofline (Williams et al. 2009): one decode step reads the weights and the KV cache once (memory time) or "
               "is compute-bound, whichever is longer (" LLMCALC_SEED004 ": decode reuses the KV cache); bandwidth and peak from " +
                   r.gpu.source,
               tpot_note, tpot_note_zh);
    tr->record("inference.tokens_per_second", "tokens/s", tps, "tokens/s", LLMCALC_SEED004 ": TPS per request = 1 / TPOT",
               "per request; the aggregate is × batch × concurrency", "每个请求；总计为 × batch × concurrency");
    tr->record("inference.aggregate_tokens_per_second", "tokens/s (all)", aggregate, "tokens/s",
               "every sequence of the batch emits one token per decode step");
    tr->record("inference.generated_tokens_per_second", "generated tokens/s", generated, "tokens/s",
               LLMCALC_SEED004 ": TPS = generated tokens / latency", "per request, prefill included (1 / TPOT leaves it out)",
               "每个请求，含预填充时间（1 / TPOT 不含）");
    tr->record("inference.aggregate_generated_tokens_per_second", "generated tokens/s (all)", generated_all, "tokens/s",
               LLMCALC_SEED004 ": TPS = generated tokens / latency", "every sequence of the batch and every concurrent request",
               "批中的每条序列和每个并发请求");
    tr->record("inference.latency_seconds", "latency", latency, "s", LLMCALC_SEED004 ": Latency = TTFT + TPOT × generated tokens",
               "time until the last generated token", "直到最后一个生成 token 的时间");
}

namespace {
Result compute_model(const Inputs& given, const FileModel* file, LayoutResult* layouts = nullptr, bool* searched = nullptr);
}  // namespace

Result compute(const Inputs& given) { return compute_model(given, nullptr); }

Result compute(const Inputs& given, const FileModel& file) { return compute_model(given, &file); }

Result compute_with_layouts(const Inputs& in, const FileModel* file, LayoutResult* layouts, bool* searched) {
    *searched = false;
    return compute_model(in, file, layouts, searched);
}

namespace {

// Inputs (and optionally a model file) -> Report. A file gives the model (resolve_file_model) and the stored weight
// bytes; everything else follows from them as for a preset. `layouts` (compute_with_layouts): the training layout search
// whatever layout_search says, written there.
Result compute_model(const Inputs& typed, const FileModel* file, LayoutResult* layouts, bool* searched) {
    Result res;
    Inputs given = typed;
    given.recompute = resolved_recompute(typed);
    given.tokens = resolved_tokens(typed);
    ResolvedModel rm = file ? resolve_file_model(given, *file) : resolve_model(given);
    if (!rm.errors.empty()) { res.errors = rm.errors; return res; }
    res.errors = validate_scenario(given, rm.config);
    if (res.errors.empty()) res.errors = validate_magnitudes(given, rm.config);  // int64 overflow guard (H5, fuzzing)
    if (!res.errors.empty()) return res;

    Report& r = res.report;
    r.model = rm.config;
    r.recompute = given.recompute;
    r.training_tokens = *given.tokens;
    r.notes = rm.notes;
    if (typed.recompute == Recompute::Auto && given.recompute == Recompute::Full)
        r.notes.push_back("recompute=auto: full recomputation (gradient checkpointing), as LLaMA-Factory and PEFT run " +
                          std::string(finetune_name(given.finetune)) + " by default; set recompute=none to keep every activation");
    if (!typed.tokens && given.task == Task::Training && given.finetune != Finetune::Full)
        r.notes.push_back("tokens=auto: " + format_plain_number(r.training_tokens) +
                          " training tokens, the size of Stanford Alpaca's fine-tuning (52,002 examples x 512 tokens x "
                          "3 epochs); set tokens to your dataset's tokens x epochs");
    r.warnings = rm.warnings;
    const ModelConfig& m = r.model;
    const std::vector<std::string> inapplicable = inapplicable_inputs(given, m, file != nullptr);
    r.warnings.insert(r.warnings.end(), inapplicable.begin(), inapplicable.end());
    r.params = count_params(m, given.include_mtp, given.lm_only);
    FlopsOptions fo;
    fo.causal_halving = given.causal;
    r.flops = count_flops(m, given.seq, r.params.active, given.recompute, fo);
    r.kv_cache_bytes_per_token =
        kv_cache_bytes_per_token(m, *find_kv_format(given.kv), nullptr, mtp_attention_layers(m, given.include_mtp));
    r.state_per_sequence = recurrent_state_per_sequence(m);
    r.indexer_cache_bytes_per_token = indexer_cache_bytes_per_token(m);
    if (m.has_indexer())
        r.notes.push_back("DeepSeek Sparse Attention: attention FLOPs and times are those of dense MLA over every key; the "
                          "indexer's top-" + std::to_string(m.index_topk) + " key selection (and its own scoring) is not "
                          "modelled, so long-context speeds are lower bounds");
    const NumberFormat& wf = *find_weight_format(given.weights);
    if (m.params_only()) {
        r.unavailable = {"memory.kv_cache_bytes_per_token", "memory.inference.kv_cache_bytes",
                         "memory.inference.activations_bytes", "flops.attn_scores_per_token"};
        const std::vector<std::string> more =
            given.task == Task::Training
                ? std::vector<std::string>{"memory.training.activations_bytes", "inverse_training.max_seq",
                                           "inverse_training.max_micro_batch"}
                : std::vector<std::string>{"inverse.max_seq", "inverse.max_context", "inverse.max_batch",
                                           "inverse.max_concurrency"};
        r.unavailable.insert(r.unavailable.end(), more.begin(), more.end());
        if (wf.experts_only)
            r.warnings.push_back("weights=" + given.weights + " stores only a model's routed experts in it: parameters "
                                 "only counts every weight in it; choose a preset for the exact bytes");
        else if (wf.is_gguf())
            r.warnings.push_back("weights=" + given.weights + " follows llama.cpp's per-tensor recipe: parameters only "
                                 "counts every weight at its base type's bits; choose a preset for the exact bytes");
    }
    r.weights_detail = file ? file->weights : weight_bytes_detail(m, wf, given.embed_16bit, given.include_mtp, given.lm_only);
    if (file) add_file_findings(*file, r);

    r.gpu = given.gpu == "custom" ? custom_gpu(given.custom_memory_gb, given.custom_bandwidth_gbs, given.custom_tflops)
                               : *find_gpu(given.gpu);
    const Gpu& g = r.gpu;
    // Usable bytes per GPU: the card's memory x the share the OS lets the GPU use (Apple) x the runtime's cap
    // (vLLM gpu_memory_utilization). Named per-GPU overheads are then part of each total, never a hidden factor.
    const double share = g.unified ? given.unified_memory_fraction : g.usable_fraction;
    r.gpu_memory_bytes = g.memory_bytes * share * given.gpu_mem_util;
    const double usable = r.gpu_memory_bytes;
    r.peak_flops = peak_flops_for(g, given.weights);
    const double peak = r.peak_flops;
    if (!g.verified) r.warnings.push_back("some figures of gpu '" + g.id + "' are not verified against a datasheet");

    // ---- inference memory and its inverse answers
    const InferencePlan plan = make_inference_plan(m, given, &r.weights_detail);
    // ---- the parallel layout every per-GPU figure below uses; `in` is `given` with tp, pp, dp resolved
    Inputs resolved = resolve_parallel(given, m, plan, usable, r);
    // ---- training memory for the layout given by the keys (zero=auto resolved at that layout)
    const TrainingPlan tplan = make_training_plan(m, r.params, resolved, &r.weights_detail);
    r.zero_auto = given.zero == kZeroAuto && given.task == Task::Training;
    resolved.zero = resolved_zero(tplan, resolved, usable, r);
    r.zero = resolved.zero;
    const Inputs& in = resolved;
    // memory.cpp training activations: Megatron sequence parallelism splits them over the tensor-parallel group. Not
    // in inapplicable_inputs: it needs tp as resolved here (an inference layout may choose tp > 1 itself).
    if (in.sp && in.tp <= 1)
        r.warnings.push_back("sp does not apply: sequence parallelism splits activations over the tensor-parallel group, "
                             "and tp is 1");
    r.inference_memory = evaluate_inference(plan, in, in.tp, in.pp, in.batch, in.concurrency, in.seq, in.gen);
    const TrainLayout layout = layout_from_inputs(in);
    r.training_memory = evaluate_training(tplan, in, layout);

    if (in.task == Task::Training) {
        // parameters only: the activations that grow with seq and micro-batch are not known, so no answer (0)
        if (!m.params_only()) r.training_inverse = training_inverse(tplan, in, layout, usable);
        r.has_training_inverse = true;
        if ((in.finetune == Finetune::Full || in.finetune == Finetune::Freeze) && wf.quantized)
            r.warnings.push_back("training quantized weights (" + in.weights +
                                 ") with finetune=" + finetune_name(in.finetune) + " is unusual: QLoRA-style adapters are finetune=qlora");
        if (in.finetune != Finetune::Full)
            r.notes.push_back(std::string("time.training_seconds counts full-model training FLOPs (forward + backward); ") +
                              finetune_name(in.finetune) + " skips most weight gradients, about a third of those FLOPs");
        if (const Optimizer* o = find_optimizer(in.optimizer);
            o && in.optimizer_states != OptimizerStates::Auto && in.optimizer_states != o->own_states && o->states > 0) {
            const std::string states = optimizer_states_name(in.optimizer_states);
            r.notes.push_back("optimizer_states=" + states + ": " + in.optimizer + "'s states (" +
                              optimizer_states_name(o->own_states) + " by default) are counted in " + states);
        }
        if (in.finetune == Finetune::Qlora && !wf.quantized)
            r.notes.push_back("finetune=qlora: the frozen base weights are counted in nf4 (weights=" + in.weights +
                              " is used for the adapters' compute)");
    } else {
        r.inverse = inference_inverse(plan, m, in, usable);
        r.has_inverse = true;
    }
    gpus_needed_search(r, in, plan, tplan, usable);
    if (r.gpus_needed < 1) r.warnings.push_back("per-GPU overheads alone exceed the GPU's usable memory");

    training_time(r, in);
    if (d(r.gpus_for_deadline) >= kMaxGpuCount)
    {
        char days[32];
        std::snprintf(days, sizeof days, "%g", in.deadline_days);
        r.warnings.push_back(std::string("gpus_for_deadline is capped at 1e15 GPUs: a deadline of ") + days +
                             " days cannot be met at any realistic size");
    }
    if (in.task == Task::Training && in.hfu > 0)
        r.notes.push_back(std::string("hfu is set: training time divides the FLOPs the GPUs execute (recompute=") +
                          recompute_name(in.recompute) + " included) by peak x hfu; mfu is not used");

    inference_speed(r, in, plan);

    // ---- parallel-layout search (task=training, layout_search=true, or asked for through compute_with_layouts)
    if (layouts && in.task == Task::Training) {
        *layouts = LayoutResult();  // parameters only: nothing to search, as report.layout stays then
        *searched = true;
    }
    if (in.task == Task::Training && (in.layout_search || layouts) && !m.params_only()) {
        LayoutInputs li;
        li.gpus = in.gpus;
        li.global_batch = in.global_batch > 0 ? in.global_batch : in.batch * in.grad_accum * in.dp;
        li.usable_bytes = usable;
        li.peak_flops = peak;
        li.utilisation = training_rate(r.flops.model_training_per_token, r.flops.training_per_token, in.mfu, in.hfu)
                             .utilisation;
        li.top = in.layout_top;
        // model FLOPs + what each recompute mode re-runs (flops.cpp: selective re-runs attention scores, full the
        // layers' forward)
        const double layers_fwd = r.flops.attn_proj_per_token + r.flops.attn_scores_per_token + r.flops.mlp_per_token;
        li.flops_per_token[0] = r.flops.model_training_per_token;
        li.flops_per_token[1] = r.flops.model_training_per_token + r.flops.attn_scores_per_token;
        li.flops_per_token[2] = r.flops.model_training_per_token + layers_fwd;
        LayoutResult found = search_layouts(tplan, m, in, li);
        if (!in.layout_search) {
            if (layouts) *layouts = std::move(found);  // the app's list only: no copy
        } else {
            if (layouts) *layouts = found;  // both asked for it: the caller's copy and the report's
            r.layout = std::move(found);
            r.has_layout = true;
            if (r.layout.best.empty()) r.warnings.push_back("layout search: no layout fits the cluster");
        }
    }

    if (r.inference_memory.total_bytes >= kSaturatedBytes || r.training_memory.total_bytes >= kSaturatedBytes)
        r.warnings.push_back("memory figures exceed 2^60 bytes and are saturated: the scenario is far beyond any GPU set");
    if (in.task == Task::Inference && d(r.inference_memory.total_bytes) > usable)
        r.warnings.push_back("does not fit: " + gb_text(d(r.inference_memory.total_bytes)) +
                             " per GPU exceed the usable " + gb_text(usable));
    if (in.task == Task::Training && d(r.training_memory.total_bytes) > usable)
        r.warnings.push_back("does not fit: " + gb_text(d(r.training_memory.total_bytes)) +
                             " per GPU exceed the usable " + gb_text(usable));
    return res;
}

}  // namespace

}  // namespace llmcalc
