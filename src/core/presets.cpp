// Preset catalog. Each config value comes from the model's public config.json (Hugging Face repo named in
// `source`); published totals are cited per entry.
#include "presets.hpp"

namespace llmcalc {
namespace {

ModelConfig gpt2(const char* id, const char* name, int64_t h, int64_t l, int64_t heads) {
    ModelConfig m;
    m.id = id; m.name = name;
    m.source = "openai-community config.json (n_embd, n_layer, n_head; vocab 50257, n_positions 1024)";
    m.vocab_size = 50257; m.hidden_size = h; m.num_layers = l; m.num_heads = heads; m.num_kv_heads = heads;
    m.intermediate_size = 4 * h; m.mlp = MlpKind::Plain; m.norm = NormKind::LayerNorm; m.norm_bias = true;
    m.pos = PosKind::Learned; m.max_positions = 1024; m.tie_embeddings = true;
    m.qkv_bias = m.o_bias = m.mlp_bias = true;
    return m;
}

ModelConfig llama(const char* id, const char* name, const char* source, int64_t vocab, int64_t h, int64_t l,
                  int64_t heads, int64_t kv, int64_t inter, int64_t ctx, bool tie = false) {
    ModelConfig m;
    m.id = id; m.name = name; m.source = source;
    m.vocab_size = vocab; m.hidden_size = h; m.num_layers = l; m.num_heads = heads; m.num_kv_heads = kv;
    m.intermediate_size = inter; m.max_positions = ctx; m.tie_embeddings = tie;
    return m;
}

}  // namespace

const std::vector<Preset>& presets() {
    static const std::vector<Preset> table = {
        {gpt2("gpt2", "GPT-2 (124M)", 768, 12, 12), 124439808, 0, "keras-hub gpt2 preset params (published.json)"},
        {llama("llama-2-7b", "Llama 2 7B", "meta-llama/Llama-2-7b-hf config.json", 32000, 4096, 32, 32, 32, 11008, 4096),
         6738415616, 0, "keras-hub llama_presets.py (published.json)"},
        {llama("llama-3-8b", "Llama 3 8B", "meta-llama/Meta-Llama-3-8B config.json", 128256, 4096, 32, 32, 8, 14336, 8192),
         8030261248, 0, "published.json Meta-Llama-3-8B total_params"},
        {llama("llama-3.1-8b", "Llama 3.1 8B", "meta-llama/Llama-3.1-8B config.json", 128256, 4096, 32, 32, 8, 14336, 131072),
         8030261248, 0, "same architecture as Llama 3 8B (published.json)"},
    };
    return table;
}

const Preset* find_preset(std::string_view id) {
    for (const auto& p : presets())
        if (p.config.id == id) return &p;
    return nullptr;
}

}  // namespace llmcalc
