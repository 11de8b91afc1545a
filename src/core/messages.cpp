// Chinese templates of the core's notes and warnings (messages.hpp). Keys, values and code names inside quotes stay
// as they are: they are what a user types in the URL, the CLI or config.json.
#include "messages.hpp"

#include <algorithm>

namespace llmcalc {

namespace {

// clang-format off
const MessageTemplate kTemplates[] = {
    // ---- config.json import (hf_config.cpp)
    {"config: '{}' missing, using the {} default {}", "config：缺少 '{0}'，使用 {1} 的默认值 {2}"},
    {"config: '{}' appears more than once in 'text_config'; the last value is used",
     "config：'{0}' 在 'text_config' 中出现不止一次；使用最后一个值"},
    {"config: '{}' appears more than once; the last value is used", "config：'{0}' 出现不止一次；使用最后一个值"},
    {"config: {} more keys appear more than once in 'text_config'", "config：'text_config' 中另有 {0} 个键出现不止一次"},
    {"config: {} more keys appear more than once", "config：另有 {0} 个键出现不止一次"},
    {"config: no 'moe_intermediate_size': the experts use 'intermediate_size' ({}, Mixtral's convention)",
     "config：没有 'moe_intermediate_size'：专家使用 'intermediate_size'（{0}，Mixtral 的约定）"},
    {"config: '{}' is not a dtype read here; the state is counted in 16 bits", "config：'{0}' 不是此处能读取的数据类型；状态按 16 位计"},
    {"config: '{}' is a multimodal wrapper; counting the language model in 'text_config' only (vision encoder and "
     "projector not included)",
     "config：'{0}' 是多模态封装；只计 'text_config' 中的语言模型（不含视觉编码器和投影层）"},
    {"config: model_type '{}' read as 'qwen2' (same language-model structure)",
     "config：model_type '{0}' 按 'qwen2' 读取（语言模型结构相同）"},
    {"config: unknown model_type '{}': read from its keys as a decoder (RMSNorm, gated MLP, RoPE unless its keys say "
     "otherwise); keys not understood are listed in the warnings",
     "config：未知的 model_type '{0}'：按其键读作解码器（除非键另有说明，采用 RMSNorm、门控 MLP、RoPE）；未能理解的键列在警告中"},
    {"config: no 'model_type': read as a generic Llama-style decoder", "config：没有 'model_type'：按通用 Llama 式解码器读取"},
    {"config: 'attn_type_list' has layers that are not full attention (MiniMax's lightning attention); every layer "
     "is counted as full attention",
     "config：'attn_type_list' 中有非全注意力层（MiniMax-M1 式线性注意力）；每层都按全注意力计"},
    {"config: 'num_mtp_modules' {}: MiniMax-M2's released checkpoints carry no MTP weights, so they are not counted "
     "(include_mtp has nothing to add)",
     "config：'num_mtp_modules' {0}：MiniMax-M2 发布的检查点不含 MTP 权重，因此不计入（include_mtp 无可增加）"},
    {"config: 'layer_types' has layer kinds not understood here; every layer is counted as full attention",
     "config：'layer_types' 含有此处不理解的层类型；每层都按全注意力计"},
    {"config: 'intermediate_size' missing: using 4 x hidden_size = {}", "config：缺少 'intermediate_size'：使用 4 × hidden_size = {0}"},
    {"config: keys not understood, so the counts are approximate: {} (a vision encoder and projector are not counted)",
     "config：有未能理解的键，因此计数是近似值：{0}（未计入视觉编码器和投影层）"},
    {"config: keys not understood, so the counts are approximate: {}", "config：有未能理解的键，因此计数是近似值：{0}"},
    {"config: the checkpoint is stored quantized ('quantization_config'); the weights format input decides the bytes, "
     "and scale tensors are not counted",
     "config：检查点以量化形式存储（'quantization_config'）；字节数由“权重格式”输入决定，缩放张量不计入"},

    // ---- model files: GGUF and safetensors headers (model_file.cpp)
    {"{} differs per layer ({} to {}): the model uses the largest", "{0} 各层不同（{1} 到 {2}）：模型取最大值"},
    {"{} is not an integer: ignored", "{0} 不是整数：已忽略"},
    {"no general.architecture in the GGUF metadata: the model dimensions must be given",
     "GGUF 元数据中没有 general.architecture：须给出模型尺寸"},
    {"value heads ({}) differ from key heads ({}): the model uses the key length for both",
     "值头长度（{0}）与键头长度（{1}）不同：模型两者都用键的长度"},
    {"sliding window of {} tokens with no per-layer pattern in the file: every layer is taken as sliding",
     "滑动窗口 {0} 个 token，文件中没有逐层模式：每层都按滑动窗口计"},
    {"{}.nextn_predict_layers: the file holds multi-token-prediction layers; their tensors are in the file's counts",
     "{0}.nextn_predict_layers：文件含多 token 预测层；其张量计入文件的计数"},
    {"a safetensors header has no head counts: give config.json (--config) or --heads and --kv_heads",
     "safetensors 头部没有注意力头数：请提供 config.json（--config）或 --heads 和 --kv_heads"},
    {"only {} of {} GGUF splits given: the counts cover only their tensors", "只给了 {1} 个 GGUF 分片中的 {0} 个：计数只覆盖它们的张量"},
    {"the first split (metadata) is missing: the model dimensions must be given", "缺少第一个分片（元数据）：须给出模型尺寸"},
    {"split.tensors.count says {} tensors, the splits hold {}", "split.tensors.count 为 {0} 个张量，分片中有 {1} 个"},
    {"packed quantized tensors (I32/U8/U32 matrices: GPTQ/AWQ qweight, MXFP4 blocks): their element count is not the "
     "number of weights they hold, so params undercounts them; bytes are exact",
     "打包的量化张量（I32/U8/U32 矩阵：GPTQ/AWQ qweight、MXFP4 块）：其元素个数不等于所含权重数，参数量因此少计；字节数准确"},
    {"{} tensors of the index's weight_map are not in the given shards", "索引 weight_map 中有 {0} 个张量不在所给分片中"},
    {"only the index was given: bytes are its metadata.total_size; give the shards for parameters and dtypes",
     "只给了索引：字节数取其 metadata.total_size；要得到参数量和数据类型，请提供分片"},
    {"the index has no metadata.total_size", "索引没有 metadata.total_size"},
    {"only {} of the index's {} shards given: the counts cover only those", "索引的 {1} 个分片只给了 {0} 个：计数只覆盖这些分片"},
    {"the index's metadata.total_size ({}) differs from the shards' tensor bytes ({})",
     "索引的 metadata.total_size（{0}）与分片张量字节数（{1}）不同"},
    {"model dimensions from config.json; weights as stored in the file", "模型尺寸来自 config.json；权重按文件中的存储计"},
    {"kv_heads = {} from k_proj's {} rows / head size {}", "kv_heads = {0}，由 k_proj 的 {1} 行 / 头维度 {2} 得出"},
    {"weights as stored in the file: {} bytes in {} tensors (the weights key is not used for their size)",
     "权重按文件中的存储计：{1} 个张量共 {0} 字节（其大小不使用 weights 键）"},
    {"the file holds {} parameters; the architecture gives {} (tensors it does not describe, e.g. vision or MTP layers, "
     "or packed quantized tensors): FLOPs and activations follow the architecture",
     "文件含 {0} 个参数；架构给出 {1} 个（架构未描述的张量，例如视觉层或 MTP 层，或打包的量化张量）：FLOPs 和激活值按架构计算"},

    // ---- the scenario (report.cpp)
    {"{}: data parallelism over the GPUs, dp = gpus / (tp x pp x cp) = {} (set dp, tp or pp to choose another layout)",
     "{0}：在这些 GPU 上做数据并行，dp = gpus / (tp × pp × cp) = {1}（设置 dp、tp 或 pp 可选择其他布局）"},
    {"{}: the model is split tp={} x pp={}, the fewest GPUs that fit; the GPUs hold {} replicas of it (set tp or pp to "
     "choose another layout)",
     "{0}：模型按 tp={1} × pp={2} 切分，这是放得下的最少 GPU；这些 GPU 上有 {3} 个副本（设置 tp 或 pp 可选择其他布局）"},
    {"{}: the model is split tp={} x pp={}, the fewest GPUs that fit (set tp or pp to choose another layout)",
     "{0}：模型按 tp={1} × pp={2} 切分，这是放得下的最少 GPU（设置 tp 或 pp 可选择其他布局）"},
    {"{}: the model is split tp={} x pp={}: nothing fits on these GPUs; the split with the least memory per GPU; the "
     "GPUs hold {} replicas of it (set tp or pp to choose another layout)",
     "{0}：模型按 tp={1} × pp={2} 切分：这些 GPU 上放不下；这是每 GPU 显存最少的切分；这些 GPU 上有 {3} 个副本（设置 tp 或 pp 可选择其他布局）"},
    {"{}: the model is split tp={} x pp={}: nothing fits on these GPUs; the split with the least memory per GPU (set tp "
     "or pp to choose another layout)",
     "{0}：模型按 tp={1} × pp={2} 切分：这些 GPU 上放不下；这是每 GPU 显存最少的切分（设置 tp 或 pp 可选择其他布局）"},
    {"heads changed on a GQA model: kv_heads = heads / {} = {} (keep_gqa_ratio; type kv_heads to choose)",
     "GQA 模型的注意力头数已改：kv_heads = heads / {0} = {1}（keep_gqa_ratio；输入 kv_heads 可自选）"},
    {"heads changed on a GQA model: kv_heads follows heads ({}, multi-head attention); set keep_gqa_ratio=true to keep "
     "{}/{}, or type kv_heads",
     "GQA 模型的注意力头数已改：kv_heads 随 heads 变化（{0}，多头注意力）；设 keep_gqa_ratio=true 可保持 {1}/{2}，或输入 kv_heads"},
    {"layer count changed: the hybrid layer pattern (mixers, FFN blocks, MoE) is continued for the new count",
     "层数已改：混合层模式（混合器、FFN 块、MoE）按新层数延续"},
    {"layer count changed: the MoE layer pattern is continued for the new count", "层数已改：MoE 层模式按新层数延续"},
    {"layer count changed: the sliding/global layer pattern is continued for the new count",
     "层数已改：滑动/全局注意力层模式按新层数延续"},
    {"{} does not apply: the model has no routed experts (set experts too)", "{0} 不适用：该模型没有路由专家（请同时设置 experts）"},
    {"{} does not apply: finetune={} does not read it", "{0} 不适用：finetune={1} 不读取它"},
    {"context of {} tokens (seq + gen) is longer than the model's maximum of {} (max_position_embeddings): the model "
     "was not trained for it",
     "上下文 {0} 个 token（seq + gen）超过模型的最大长度 {1}（max_position_embeddings）：模型没有为此训练"},
    {"context of {} tokens (seq) is longer than the model's maximum of {} (max_position_embeddings): the model was not "
     "trained for it",
     "上下文 {0} 个 token（seq）超过模型的最大长度 {1}（max_position_embeddings）：模型没有为此训练"},
    {"does not fit at any data-parallel size with zero={}: gpus_needed pools the model states as ZeRO-3 would",
     "zero={0} 时任何数据并行规模都放不下：gpus_needed 按 ZeRO-3 的方式汇总模型状态"},
    {"activations and per-GPU overheads alone exceed one GPU: raise tp, pp, cp or recompute",
     "仅激活值和每 GPU 开销就超过一块 GPU：请提高 tp、pp、cp 或使用重计算"},
    {"no tp x pp split fits (tp within a node of gpus_per_node = {}, pp up to the layers): gpus_needed is 0; the memory "
     "pooled over {} GPUs is only a lower bound",
     "没有放得下的 tp × pp 切分（tp 在一个节点内，gpus_per_node = {0}；pp 最多到层数）：gpus_needed 为 0；汇总到 {1} 块 GPU 的显存只是下限"},
    {"DeepSeek Sparse Attention: attention FLOPs and times are those of dense MLA over every key; the indexer's top-{} "
     "key selection (and its own scoring) is not modelled, so long-context speeds are lower bounds",
     "DeepSeek 稀疏注意力：注意力 FLOPs 和时间按对全部键做稠密 MLA 计；索引器选取前 {0} 个键（及其自身打分）未建模，因此长上下文速度是下限"},
    {"some figures of gpu '{}' are not verified against a datasheet", "GPU '{0}' 的部分数据未与规格书核对"},
    {"training quantized weights ({}) with finetune={} is unusual: QLoRA-style adapters are finetune=qlora",
     "在 finetune={1} 下训练量化权重（{0}）并不常见：QLoRA 式适配器请用 finetune=qlora"},
    {"time.training_seconds counts full-model training FLOPs (forward + backward); {} skips most weight gradients, "
     "about a third of those FLOPs",
     "time.training_seconds 按全模型训练 FLOPs（前向 + 反向）计；{0} 省去大部分权重梯度，约为这些 FLOPs 的三分之一"},
    {"optimizer_states={}: {}'s states ({} by default) are counted in {}", "optimizer_states={0}：{1} 的状态（默认 {2}）按 {3} 计"},
    {"finetune=qlora: the frozen base weights are counted in nf4 (weights={} is used for the adapters' compute)",
     "finetune=qlora：冻结的基础权重按 nf4 计（weights={0} 用于适配器的计算）"},
    {"per-GPU overheads alone exceed the GPU's usable memory", "仅每 GPU 开销就超过 GPU 的可用显存"},
    {"gpus_for_deadline is capped at 1e15 GPUs: a deadline of {} days cannot be met at any realistic size",
     "gpus_for_deadline 上限为 1e15 块 GPU：{0} 天的期限在任何现实规模下都无法达到"},
    {"recompute=auto: full recomputation (gradient checkpointing), as LLaMA-Factory and PEFT run {} by default; set "
     "recompute=none to keep every activation",
     "recompute=auto：完全重计算（梯度检查点），与 LLaMA-Factory 和 PEFT 默认运行 {0} 的方式相同；设置 recompute=none 可保留全部激活"},
    {"tokens=auto: {} training tokens, the size of Stanford Alpaca's fine-tuning (52,002 examples x 512 tokens x 3 "
     "epochs); set tokens to your dataset's tokens x epochs",
     "tokens=auto：{0} 个训练 token，即 Stanford Alpaca 微调的规模（52,002 条样本 × 512 token × 3 轮）；请把 tokens 设为你的数据集 token 数 × 轮数"},
    {"hfu is set: training time divides the FLOPs the GPUs execute (recompute={} included) by peak x hfu; mfu is not used",
     "已设置 hfu：训练时间 = GPU 实际执行的 FLOPs（含 recompute={0}）÷（峰值 × hfu）；不使用 mfu"},
    {"layout search: no layout fits the cluster", "布局搜索：没有适合该集群的布局"},
    {"memory figures exceed 2^60 bytes and are saturated: the scenario is far beyond any GPU set",
     "显存数值超过 2^60 字节，已饱和：该场景远超任何 GPU 集群"},
    {"does not fit: {} per GPU exceed the usable {}", "放不下：每 GPU {0}，超过可用的 {1}"},

    // ---- the page (app_state.cpp): a problem of the URL the page was opened with
    {"URL: {}: {} (ignored)", "URL：{0}：{1}（已忽略）"},
};
// clang-format on

size_t literal_length(const char* en) {
    std::string s(en);
    size_t n = s.size();
    for (size_t p = s.find("{}"); p != std::string::npos; p = s.find("{}", p + 2)) n -= 2;
    return n;
}

// Splits an English template at its `{}` placeholders: n placeholders give n + 1 literal pieces.
std::vector<std::string> pieces(const std::string& en) {
    std::vector<std::string> out;
    size_t from = 0;
    for (size_t p = en.find("{}"); p != std::string::npos; p = en.find("{}", from)) {
        out.push_back(en.substr(from, p - from));
        from = p + 2;
    }
    out.push_back(en.substr(from));
    return out;
}

// Matches `s` from `pos` against pieces[i..]: piece i is at `pos`, then an argument (possibly empty) up to a
// later occurrence of piece i + 1, and so on; the last piece ends the text. Backtracks over the occurrences.
bool match(const std::string& s, size_t pos, const std::vector<std::string>& p, size_t i, std::vector<std::string>& args) {
    if (s.compare(pos, p[i].size(), p[i]) != 0) return false;
    pos += p[i].size();
    if (i + 1 == p.size()) return pos == s.size();
    const std::string& next = p[i + 1];
    if (i + 2 == p.size()) {  // the last argument runs to where the last piece ends the text
        if (s.size() < pos + next.size() || s.compare(s.size() - next.size(), next.size(), next) != 0) return false;
        args.push_back(s.substr(pos, s.size() - next.size() - pos));
        return true;
    }
    for (size_t q = s.find(next, pos); q != std::string::npos; q = s.find(next, q + 1)) {
        args.push_back(s.substr(pos, q - pos));
        if (match(s, q, p, i + 1, args)) return true;
        args.pop_back();
    }
    return false;
}

std::string fill(const char* zh, const std::vector<std::string>& args) {
    std::string out, z(zh);
    for (size_t i = 0; i < z.size(); ++i) {
        if (z[i] == '{') {
            size_t close = z.find('}', i);
            if (close != std::string::npos && close > i + 1) {
                size_t k = std::stoul(z.substr(i + 1, close - i - 1));
                if (k < args.size()) out += args[k];
                i = close;
                continue;
            }
        }
        out += z[i];
    }
    return out;
}

}  // namespace

const std::vector<MessageTemplate>& message_templates() {
    static const std::vector<MessageTemplate> t = [] {
        std::vector<MessageTemplate> v(std::begin(kTemplates), std::end(kTemplates));
        std::stable_sort(v.begin(), v.end(), [](const MessageTemplate& a, const MessageTemplate& b) {
            return literal_length(a.en) > literal_length(b.en);
        });
        return v;
    }();
    return t;
}

std::optional<std::string> message_zh(const std::string& english) {
    for (const MessageTemplate& t : message_templates()) {
        const std::vector<std::string> p = pieces(t.en);
        std::vector<std::string> args;
        if (!match(english, 0, p, 0, args)) continue;
        // An argument that is itself a message (a URL problem quoting an error) is shown in Chinese too.
        for (auto& a : args)
            if (auto inner = message_zh(a)) a = *inner;
        return fill(t.zh, args);
    }
    return std::nullopt;
}

}  // namespace llmcalc
