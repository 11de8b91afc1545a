#include "flops.hpp"

#include <algorithm>

#include "params.hpp"
#include "trace.hpp"
#include "sources.hpp"

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }

// q.k is a dot product over the q/k head size, attention x V one over the v head size (MLA: nope+rope and v_head_dim;
// Gemma 4: layer i's own head size, global_head_dim on its full-attention layers).
int64_t qk_head_dim(const ModelConfig& m, int64_t i) {
    return m.attn == AttnKind::MLA ? m.qk_nope_head_dim + m.qk_rope_head_dim : m.head_size(i);
}
int64_t v_head_dim(const ModelConfig& m, int64_t i) { return m.attn == AttnKind::MLA ? m.v_head_dim : m.head_size(i); }

}  // namespace

namespace {
const char* kFlopsSource = "2 FLOPs per multiply-accumulate of every weight matrix, plus QK^T and attention × V over the "
                           "keys each query sees (" LLMCALC_SEED000 ": 24Bsh²l + 4Bs²hl + 2BsVh; Kaplan et al. 2020 Table 1; "
                           "Narayanan et al. 2021 Sec. 5.1)";

// Weight elements one token multiplies through in an MLP of `width` (gated: gate, up, down; plain: up, down) that
// reads and writes `io` features (h; a latent MoE's routed expert: moe_latent_size).
Tx mlp_weights_t(const ModelConfig& m, const Tx& width, const Trace* tr, const Tx* io = nullptr) {
    return Tx(m.mlp == MlpKind::Gated ? 3.0 : 2.0) * (io ? *io : named(tr, d(m.hidden_size), "h")) * width;
}

// Matmul FLOPs of one token through layer i: its attention (or linear mixer) projections and its MLP.
void layer_matmul(const ModelConfig& m, int64_t i, const Trace* tr, Tx* attn, Tx* ffn) {
    const LayerParams p = layer_params(m, i);
    // Every projection weight is used once per token (MLA: the naive, non-absorbed form of DeepSeek-V2 eqs. 9-19).
    // A linear-attention mixer (Gated DeltaNet, Mamba-2) is counted by its projection matrices; its recurrence
    // costs O(state) per token, independent of the context (not counted, like the norms).
    const Mixer mixer = m.mixer(i);
    const char* sym = mixer == Mixer::GatedDeltaNet ? "W_deltanet" : mixer == Mixer::Mamba2 ? "W_mamba2" : "W_attn";
    *attn = mixer == Mixer::None ? Tx(0.0)
                                 : Tx(kFlopsPerMac) * named(tr, d(p.attn_q + p.attn_k + p.attn_v + p.attn_o +
                                                                  p.linear_attn_matrices), sym);
    if (!m.has_ffn(i)) {
        *ffn = Tx(0.0);  // a Nemotron-H mixer-only block
    } else if (m.is_moe_layer(i)) {
        // Only the top-k routed experts and the shared experts run for a token (Shazeer et al. 2017; Fedus et al.
        // 2021); the router is one h x E matmul, Qwen2-MoE's shared-expert gate one h x 1.
        const Tx h = named(tr, d(m.hidden_size), "h"), experts = named(tr, d(m.num_experts), "experts");
        // latent MoE (modeling_nemotron_h.NemotronHMoE): the routed experts read and write the latent width, and
        // every token runs fc1_latent_proj + fc2_latent_proj (params.cpp moe_latent, 2 h ℓ weights)
        const Tx io = m.moe_latent_size > 0 ? named(tr, d(m.moe_latent_size), "latent") : h;
        Tx w = named(tr, d(m.experts_per_token), "top_k") *
               mlp_weights_t(m, named(tr, d(m.moe_intermediate_size), "I_expert"), tr, &io);
        if (m.moe_latent_size > 0) w = w + named(tr, d(p.moe_latent), "W_latent");
        if (m.num_shared_experts > 0)
            w = w + named(tr, d(m.num_shared_experts), "shared") * mlp_weights_t(m, named(tr, d(m.shared_ffn()), "I_shared"), tr);
        w = w + h * experts;
        if (m.shared_expert_gate) w = w + h;
        *ffn = Tx(kFlopsPerMac) * w;
    } else {
        *ffn = Tx(kFlopsPerMac) * mlp_weights_t(m, named(tr, d(m.dense_ffn(i)), "I"), tr);
    }
    // Gemma 4's per-layer input after the FFN: per_layer_input_gate h -> p and per_layer_projection p -> h
    // (modeling_gemma4.Gemma4TextDecoderLayer), counted with the FFN part
    if (m.per_layer_input > 0)
        *ffn = *ffn + Tx(kFlopsPerMac) * Tx(2.0) * named(tr, d(m.hidden_size), "h") * named(tr, d(m.per_layer_input), "p");
}

// Per query: QK^T (heads x dqk x keys MACs) and attention x V (heads x dv x keys MACs); seed 000 gives 2Bs^2h for
// each over a whole sequence with h = heads x head_dim. GQA/MQA share K/V but every query head still computes.
Tx score_flops(const ModelConfig& m, int64_t i, Tx context, const Trace* tr) {
    if (!m.is_attention_layer(i)) return Tx(0.0);  // linear-attention / MLP-only layers attend no keys
    // sliding layers see at most the window (a single key, the cost per key, needs no cap)
    if (m.is_sliding_layer(i) && (context.traced() || context.v > d(m.sliding_window)))
        context = min_(context, named(tr, d(m.sliding_window), m.chunked_attention ? "chunk" : "window"));
    return Tx(kFlopsPerMac) * named(tr, d(m.num_heads), "heads") *
           (named(tr, d(qk_head_dim(m, i)), "d_qk") + named(tr, d(v_head_dim(m, i)), "d_v")) * context;
}

Tx keys_over_sequence(int64_t seq, int64_t window, bool causal, const Trace* tr) {
    const Tx s = named(tr, d(seq), "s");
    if (window <= 0 || window >= seq) return causal ? s * (s + Tx(1.0)) / Tx(2.0) : s * s;
    const Tx w = named(tr, d(window), "window");
    if (!causal) return s * w;
    // query t (1-based) attends min(t, w) keys: 1..w for the first w queries, w for the rest
    return w * (w + Tx(1.0)) / Tx(2.0) + (s - w) * w;
}

Tx keys_chunked(int64_t seq, int64_t chunk, bool causal, const Trace* tr) {
    if (chunk <= 0 || chunk >= seq) return keys_over_sequence(seq, 0, causal, tr);
    // ⌊s / chunk⌋ full chunks and a remainder of s mod chunk tokens
    const Tx full = named(tr, d(seq / chunk), "n_chunks"), c = named(tr, d(chunk), "chunk"),
             r = named(tr, d(seq % chunk), "s_rem");
    return causal ? full * c * (c + Tx(1.0)) / Tx(2.0) + r * (r + Tx(1.0)) / Tx(2.0) : full * c * c + r * r;
}

}  // namespace

double matmul_flops_per_token_layer(const ModelConfig& m, int64_t i, double* attn_proj, double* mlp) {
    Tx attn, ffn;
    layer_matmul(m, i, nullptr, &attn, &ffn);
    if (attn_proj) *attn_proj += attn.v;
    if (mlp) *mlp += ffn.v;
    return (attn + ffn).v;
}

double attention_score_flops(const ModelConfig& m, int64_t i, double context) {
    return score_flops(m, i, Tx(context), nullptr).v;
}

double attended_keys_over_sequence(int64_t seq, int64_t window, bool causal) {
    return keys_over_sequence(seq, window, causal, nullptr).v;
}

double attended_keys_chunked(int64_t seq, int64_t chunk, bool causal) { return keys_chunked(seq, chunk, causal, nullptr).v; }

double decode_flops_at(const ModelConfig& m, int64_t t) {
    FlopsReport f = count_flops(m, t > 0 ? t - 1 : 0, 0, Recompute::None);
    return f.decode_per_token;
}

FlopsReport count_flops(const ModelConfig& m, int64_t seq, int64_t active_params, Recompute recompute,
                        const FlopsOptions& opt, Trace* tr) {
    FlopsReport f;
    Tx matmul, attn_proj, mlp_total, attn_seq, attn_decode;
    // Layers of one kind (MoE or not x sliding or not) cost the same: evaluate one representative per kind and
    // multiply, so the cost does not grow with depth.
    constexpr int K = ModelConfig::kLayerKinds;  // model.hpp layer_kind: mixer, MoE, FFN, sliding
    int64_t kind_count[K] = {};
    int64_t kind_first[K] = {};
    int kinds = 0;
    for (int64_t i = 0; i < m.num_layers; ++i) {
        const int k = m.layer_kind(i);
        if (kind_count[k]++ == 0) { kind_first[k] = i; ++kinds; }
    }
    const Tx s = named(tr, d(seq), "s");
    // Parameters only: each active weight multiplies once per token, 2 N_active (Kaplan et al. 2020 eq. 2.2 without
    // its attention term, which needs the layers and heads); counted with the MLP part so that full recompute re-runs it.
    if (m.params_only()) mlp_total = matmul = Tx(kFlopsPerMac) * named(tr, d(active_params), "N_active");
    // Gemma 4's per_layer_model_projection h -> L·p, once per token before the layers (with the MLP part)
    if (m.per_layer_input > 0)
        mlp_total = matmul = Tx(kFlopsPerMac) * named(tr, d(m.hidden_size), "h") * named(tr, d(m.num_layers), "L") *
                             named(tr, d(m.per_layer_input), "p");
    for (int k = 0; k < m.layer_kind_bound(); ++k) {
        if (kind_count[k] == 0) continue;
        const int64_t i = kind_first[k];
        const Tx n = named(tr, d(kind_count[k]), tr ? layer_kind_symbol(m, i, kinds == 1) : std::string());
        Tx proj, mlp;
        layer_matmul(m, i, tr, &proj, &mlp);
        matmul = matmul + n * (proj + mlp);
        attn_proj = attn_proj + n * proj;
        mlp_total = mlp_total + n * mlp;
        const int64_t window = m.is_sliding_layer(i) ? m.sliding_window : 0;
        // score_flops(context = 1) is the cost per attended key
        const Tx per_key = score_flops(m, i, Tx(1.0), tr);
        const bool chunked = m.chunked_attention && window > 0;
        if (per_key.v != 0)
            attn_seq = attn_seq + n * per_key *
                                      (chunked ? keys_chunked(seq, window, opt.causal_halving, tr)
                                               : keys_over_sequence(seq, window, opt.causal_halving, tr));
        // decode of the token after a `seq`-token context: it attends seq + 1 keys (itself included); in a chunked
        // layer only the keys of its own chunk
        const Tx decode_keys = (chunked ? named(tr, d(seq % window), "s_rem") : s) + Tx(1.0);
        attn_decode = attn_decode + n * score_flops(m, i, decode_keys, tr);
    }
    // The LM head runs for every position in training and prefill-as-counted (logits of each position).
    const Tx lm_head = Tx(kFlopsPerMac) * named(tr, d(m.hidden_size), "h") * named(tr, d(m.vocab_size), "V");
    const Tx scores = seq > 0 ? attn_seq / s : Tx(0.0);
    f.attn_proj_per_token = attn_proj.v;
    f.mlp_per_token = mlp_total.v;
    f.lm_head_per_token = lm_head.v;
    f.attn_scores_per_token = scores.v;
    // QK^T is a dot product over d_qk, attention x V one over d_v: split the score term in that ratio
    const double dqk = d(qk_head_dim(m, 0)), dv = d(v_head_dim(m, 0));
    f.attn_qk_per_token = dqk + dv > 0 ? f.attn_scores_per_token * dqk / (dqk + dv) : 0;
    f.attn_av_per_token = f.attn_scores_per_token - f.attn_qk_per_token;
    const Tx forward = attn_proj + scores + mlp_total + lm_head;
    const Tx per_sequence = s * (matmul + lm_head) + attn_seq;
    const Tx decode = matmul + lm_head + attn_decode;
    f.forward_per_token = forward.v;
    f.forward_per_sequence = per_sequence.v;
    f.decode_per_token = decode.v;

    // Backward costs twice the forward: gradients w.r.t. inputs and w.r.t. weights (Narayanan et al. 2021 Sec. 5.1).
    // Full recompute runs the layers' forward once more but not the LM head (Narayanan eq. 3: 96 = 4 x 24 for the
    // layers, 6BsVh = 3 x 2BsVh for the head). Selective recompute (Korthikanti et al. 2022 Sec. 4.2) re-runs only
    // the attention core (QK^T, softmax, attention x V).
    const Tx fwd = named(tr, forward.v, "F_fwd", "FLOP");
    const Tx model_training = Tx(3.0) * fwd;
    Tx hardware = model_training;
    if (recompute == Recompute::Full)
        hardware = hardware + named(tr, f.attn_proj_per_token + f.attn_scores_per_token + f.mlp_per_token, "F_layers", "FLOP");
    else if (recompute == Recompute::Selective)
        hardware = hardware + named(tr, f.attn_scores_per_token, "F_scores", "FLOP");
    // training_per_token is what the GPUs execute (HFU's numerator); model_training_per_token excludes recompute
    // (MFU's numerator, PaLM App. B).
    f.training_per_token = hardware.v;
    f.model_training_per_token = model_training.v;
    f.training_multiplier = f.forward_per_token > 0 ? f.training_per_token / f.forward_per_token : 3.0;

    f.rule_6n_per_token = 6.0 * d(active_params);
    f.rule_8n_per_token = 8.0 * d(active_params);
    // PaLM App. B and Kaplan eq. 2.2 use N without the embedding table (and learned positions).
    const double positions = m.pos == PosKind::Learned ? d(m.max_positions) * d(m.hidden_size) : 0.0;
    const double n_non_embedding = d(active_params) - d(m.vocab_size) * d(m.hidden_size) - positions;
    const double d_attn = d(m.num_heads) * d(qk_head_dim(m, 0));
    f.palm_per_token = palm_model_flops_per_token(n_non_embedding, d(m.num_layers), d(m.num_heads), d(qk_head_dim(m, 0)), d(seq));
    f.kaplan_forward_per_token = 2.0 * n_non_embedding + 2.0 * d(m.num_layers) * d(seq) * d_attn;

    f.forward_macs_per_token = f.forward_per_token / kFlopsPerMac;
    f.decode_macs_per_token = f.decode_per_token / kFlopsPerMac;
    f.forward_macs_per_sequence = f.forward_per_sequence / kFlopsPerMac;
    if (!tr) return f;

    const std::string mask = opt.causal_halving ? "causal mask: a query sees (s + 1) ÷ 2 keys on average"
                                                : "full s × s score matrix (causal=false)";
    const std::string mask_zh = opt.causal_halving ? "因果掩码：每个查询平均看到 (s + 1) ÷ 2 个键"
                                                   : "完整的 s × s 分数矩阵（causal=false）";
    if (m.params_only()) {
        tr->record("flops.forward_per_token", "F_fwd/token", forward, "FLOP",
                   "Kaplan et al. 2020 eq. 2.2: C_forward ≈ 2N per token",
                   "parameters only: 2 × active parameters; the attention scores (2 × layers × context × d_attn) need the "
                   "model's dimensions and are not counted",
                   "仅参数量：2 × 激活参数；注意力分数项（2 × 层数 × 上下文 × d_attn）需要模型维度，未计入");
    } else {
        tr->record("flops.forward_per_token", "F_fwd/token", forward, "FLOP", kFlopsSource,
                   "matmuls only (norms, softmax, activations not counted); W_attn = one layer's attention projection "
                   "weights (q, k, v, o; MLA's low-rank pairs); " + mask,
                   "只计矩阵乘（不计归一化、softmax、激活函数）；W_attn = 一层注意力投影的权重（q、k、v、o；MLA 的低秩矩阵对）；" +
                       mask_zh);
    }
    tr->record("flops.forward_per_sequence", "F_prefill/seq", per_sequence, "FLOP", kFlopsSource,
               "one sequence's prompt: every token through every weight, attention over the mask; " LLMCALC_SEED004 ": ≈ 2 × N × "
               "prompt tokens; " + mask,
               "一条序列的提示词：每个 token 经过每个权重，注意力按掩码计算；" LLMCALC_SEED004 "：≈ 2 × N × 提示词 token 数；" +
                   mask_zh);
    tr->record("flops.decode_per_token", "F_decode/token", decode, "FLOP", kFlopsSource,
               "the token after an s-token context: attends s + 1 keys (itself included) from the KV cache",
               "s 个 token 上下文之后的那个 token：从 KV 缓存中关注 s + 1 个键（含它自己）");
    std::string note = "forward + backward (2 × forward: gradients w.r.t. inputs and weights)";
    std::string note_zh = "前向 + 反向（反向 = 2 × 前向：对输入和对权重的梯度）";
    if (recompute == Recompute::Full) {
        note += "; full recompute runs the layers' forward once more, not the LM head (Narayanan eq. 3)";
        note_zh += "；完全重计算把各层的前向再跑一遍，LM 头不重算（Narayanan 式 3）";
    } else if (recompute == Recompute::Selective) {
        note += "; selective recompute re-runs the attention scores (Korthikanti et al. 2022 Sec. 5)";
        note_zh += "；选择性重计算只重算注意力分数（Korthikanti et al. 2022 第 5 节）";
    }
    tr->record("flops.training_per_token", "F_train/token", hardware, "FLOP",
               "Narayanan et al. 2021 Sec. 5.1 (backward = 2 × forward; eq. 3 with recompute); " LLMCALC_SEED000 ": F_train = 3 or 4 "
               "× F_fwd",
               note, note_zh);
    tr->record("flops.model_training_per_token", "F_model/token", model_training, "FLOP",
               "PaLM, Chowdhery et al. 2022 App. B: model FLOPs = forward + backward, no recompute", "MFU's numerator",
               "MFU 的分子");
    return f;
}

double flops_utilization(double tokens_per_second, double flops_per_token, double devices, double peak_per_device) {
    const double capacity = devices * peak_per_device;
    return capacity > 0 ? tokens_per_second * flops_per_token / capacity : 0.0;
}

double palm_model_flops_per_token(double n, double layers, double heads, double head_dim, double seq) {
    return 6.0 * n + 12.0 * layers * heads * head_dim * seq;
}

}  // namespace llmcalc
