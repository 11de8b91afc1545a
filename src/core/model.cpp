#include "model.hpp"

namespace llmcalc {

// DeepSeek-V2/V3 modeling code: a layer is MoE when `n_routed_experts is not None and
// layer_idx >= first_k_dense_replace and layer_idx % moe_layer_freq == 0`.
std::vector<bool> moe_layers_first_dense(int64_t num_layers, int64_t first_dense, int64_t freq) {
    std::vector<bool> out(static_cast<size_t>(num_layers > 0 ? num_layers : 0), false);
    if (freq <= 0) freq = 1;
    for (int64_t i = 0; i < num_layers; ++i) out[static_cast<size_t>(i)] = i >= first_dense && i % freq == 0;
    return out;
}

// Llama 4 modeling code: `is_moe_layer = (layer_idx + 1) % interleave_moe_layer_step == 0`.
std::vector<bool> moe_layers_interleave(int64_t num_layers, int64_t step) {
    std::vector<bool> out(static_cast<size_t>(num_layers > 0 ? num_layers : 0), false);
    if (step <= 0) step = 1;
    for (int64_t i = 0; i < num_layers; ++i) out[static_cast<size_t>(i)] = (i + 1) % step == 0;
    return out;
}

// Gemma 2 (`sliding_window_pattern` 2) and Gemma 3 (6): layer i is global when (i + 1) % period == 0.
std::vector<bool> sliding_layers_every(int64_t num_layers, int64_t period) {
    std::vector<bool> out(static_cast<size_t>(num_layers > 0 ? num_layers : 0), true);
    if (period <= 0) return out;
    for (int64_t i = 0; i < num_layers; ++i) out[static_cast<size_t>(i)] = (i + 1) % period != 0;
    return out;
}

std::vector<bool> resize_layer_pattern(const std::vector<bool>& p, int64_t num_layers) {
    return resize_pattern(p, num_layers);
}

void double_wide_mlp_widths(ModelConfig& m) {
    m.ffn_widths.clear();
    m.layer_ffn_slot.clear();
    const int64_t first_shared = m.num_layers - m.kv_shared_layers;
    if (!m.double_wide_mlp || m.kv_shared_layers <= 0 || first_shared <= 0 || m.intermediate_size <= 0) return;
    m.ffn_widths = {m.intermediate_size, 2 * m.intermediate_size};
    m.layer_ffn_slot.assign(static_cast<size_t>(m.num_layers), 0);
    for (int64_t i = first_shared; i < m.num_layers; ++i) m.layer_ffn_slot[static_cast<size_t>(i)] = 1;
}

}  // namespace llmcalc
