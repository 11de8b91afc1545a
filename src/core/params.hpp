// Exact parameter counts per component. Every count is the number of stored weight elements, tied
// embeddings counted once (the convention of ../shared/reference/published.json).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "formats.hpp"  // TensorRole
#include "model.hpp"
#include "trace.hpp"

namespace llmcalc {

// Parameters of one decoder layer, split by component. Names are stable: they are report keys.
struct LayerParams {
    int64_t attn_q = 0, attn_k = 0, attn_v = 0, attn_o = 0;  // weights (MLA: q_a+q_b, kv_a, kv_b, o)
    int64_t attn_bias = 0;       // all attention biases
    int64_t attn_extra = 0;      // q/k norms, MLA's latent norms, attention sinks
    int64_t norms = 0;           // pre/post layer norms
    int64_t mlp = 0;             // dense MLP (weights + biases)
    int64_t experts = 0;         // all routed experts
    int64_t expert_one = 0;      // one routed expert
    int64_t shared_experts = 0;  // all shared experts (+ their gate)
    int64_t router = 0;
    int64_t moe_latent = 0;      // latent MoE: fc1_latent_proj + fc2_latent_proj (run by every token)
    int64_t linear_attn = 0;     // a Gated DeltaNet / Mamba-2 mixer: projections, conv, A, D, dt bias, gated norm
    int64_t linear_attn_matrices = 0;  // its projection matrices only (part of linear_attn; FLOPs and formats)
    int64_t indexer = 0;         // DeepSeek Sparse Attention's lightning indexer (wq_b, wk, k_norm, weights_proj)
    int64_t per_layer_input = 0; // Gemma 4's per-layer input gate, projection and norm (PLE)
    int64_t total() const {
        return attn_q + attn_k + attn_v + attn_o + attn_bias + attn_extra + norms + mlp + experts + shared_experts +
               router + moe_latent + linear_attn + indexer + per_layer_input;
    }
};

struct LayerGroup {
    std::string kind;   // e.g. "dense", "moe", "dense+sliding"
    int64_t count = 0;  // layers of this kind
    int64_t params_per_layer = 0;
};

struct ParamReport {
    int64_t total = 0;
    int64_t active = 0;                 // per token: shared + top-k routed experts only (embeddings included)
    int64_t active_non_embedding = 0;   // active minus the input embedding and position table (gpt-oss card's convention)
    int64_t embedding = 0;              // token embedding table
    int64_t non_embedding = 0;          // total - embedding - position table (Kaplan's N)
    int64_t mtp = 0;                    // DeepSeek MTP modules (included in total only when asked)
    int64_t vision = 0;                 // vision (and audio) encoders + projectors of a multimodal checkpoint (in total
                                        // unless lm_only)
    std::vector<std::pair<std::string, int64_t>> by_component;  // ordered, sums to total
    std::vector<LayerGroup> layer_groups;
    // Rules of thumb shown beside the exact count.
    int64_t rule_12lh2 = 0;             // 12 * l * h^2
    int64_t rule_12h2_13h = 0;          // l * (12h^2 + 13h) + V*h (the seeds' formula)
};

// One weight matrix of a layer: `count` copies of a Linear(in, out) weight (in × out elements), as the Hugging Face
// modeling file holds it.
struct WeightMatrix {
    const char* name;       // the tensor's name in the modeling file ("q_proj", "kv_b_proj", "down_proj", ...)
    const char* component;  // the params.by_component part it is counted in ("attn_q", "mlp", "experts", ...)
    TensorRole role;        // which GGUF recipe rule stores it (formats.hpp)
    int64_t in = 0, out = 0, count = 1;
    bool expert = false;    // a routed expert's
    char lora = 'x';        // LoRA target letter (q k v o g u d); 'x': not a LoRA target
};
// Every weight matrix of a layer of the given shape (dense_width as in shaped_layer_params) or of layer i: the one
// enumeration the parameter count sums its matrix parts from and weight memory stores (per format, LoRA adapters).
// A layer's other parameters (norms, biases, convolutions, the router, ...) are small tensors: layer_params(i).total()
// minus these.
std::vector<WeightMatrix> layer_matrices(const ModelConfig& m, Mixer mixer, bool moe, bool ffn, int64_t dense_width = 0);
std::vector<WeightMatrix> layer_matrices(const ModelConfig& m, int64_t layer_index);

// The blocks of one MTP module: one attention layer with the model's FFN (DeepSeek-V3, Qwen3-Next), or Nemotron-H's
// mtp_hybrid_override_pattern, one block per character (* attention, E MoE, - MLP, M Mamba-2).
struct BlockShape {
    Mixer mixer = Mixer::Attention;
    bool moe = false, ffn = true;
};
std::vector<BlockShape> mtp_block_shapes(const ModelConfig& m);

// One decoder layer (index i decides mixer, MoE, FFN, sliding).
LayerParams layer_params(const ModelConfig& m, int64_t layer_index);
// A layer of the given shape (the MTP block is an attention layer with the model's FFN).
// dense_width: the dense FFN's width (0: intermediate_size; NAS models pass the layer's own).
LayerParams shaped_layer_params(const ModelConfig& m, Mixer mixer, bool moe, bool ffn, int64_t dense_width = 0);
// One Gated DeltaNet mixer and one Mamba-2 mixer (all their parameters; `matrices`: the projection part).
int64_t gated_deltanet_params(const ModelConfig& m, int64_t* matrices = nullptr);
int64_t mamba2_params(const ModelConfig& m, int64_t* matrices = nullptr);
// One DeepSeek Sparse Attention indexer (0 without one); `matrices`: its projection part (wq_b, wk, weights_proj).
int64_t indexer_params(const ModelConfig& m, int64_t* matrices = nullptr);
// A multimodal checkpoint's vision encoder (SigLIP ViT) and its projector into the language model; 0 without one.
int64_t vision_encoder_params(const ModelConfig& m);
// Gemma 4's audio tower with its embedder into the language model (counted in ParamReport::vision); 0 without one.
int64_t audio_encoder_params(const ModelConfig& m);
// Gemma 4's per-layer embeddings outside the layers: the table (vocab_size_per_layer_input x L·p) and the model
// projection h -> L·p with its norm (`matrix`: the projection's h x L·p); 0 without them.
int64_t per_layer_table_params(const ModelConfig& m);
int64_t per_layer_projection_params(const ModelConfig& m, int64_t* matrix = nullptr);
int64_t mm_projector_params(const ModelConfig& m);
// One DeepSeek MTP module: a full decoder layer (MoE as the last layer) + enorm + hnorm + eh_proj(2h -> h) + a norm.
int64_t mtp_module_params(const ModelConfig& m);
// The whole model. include_mtp adds the MTP modules to total (DeepSeek's 685B vs 671B).
// The symbol of a layer kind's count in traced formulas: "L" for a model of one kind, else "L_<mixer>,<dense|moe>,
// <sliding|chunked>" (model.hpp layer_kind; the mixer only for hybrid models).
std::string layer_kind_symbol(const ModelConfig& m, int64_t layer_index, bool single_kind);
// With a trace, params.total (the sum of the components) and params.active (the parameters one token runs through)
// are recorded with their terms (trace.hpp).
// lm_only leaves a multimodal checkpoint's vision encoder and projector out (Gemma 3 27B: 27.43B checkpoint, 27.01B
// language model).
ParamReport count_params(const ModelConfig& m, bool include_mtp = false, bool lm_only = false, Trace* tr = nullptr);

// Norm parameters of one norm over `dim` features: RMSNorm dim, LayerNorm 2*dim (with bias).
int64_t norm_params(const ModelConfig& m, int64_t dim);

}  // namespace llmcalc
