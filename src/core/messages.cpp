// Chinese templates of the core's notes and warnings (messages.hpp). Keys, values and code names inside quotes stay
// as they are: they are what a user types in the URL, the CLI or config.json.
#include "messages.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace llmcalc {

namespace {

// Built with LLMCALC_ZH_PACK (the served page, cmake/web.cmake), the table is not compiled in: the page's Chinese
// arrives with its Chinese font, as dist/llmcalc-zh.json (tools/zh_pack.cpp writes it from this table), and
// set_message_templates() installs it. Everywhere else (CLI, JS API, the offline page, tests) it is compiled in.
#ifndef LLMCALC_ZH_PACK
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
    {"config: '{}' is a multimodal wrapper; the language model is read from 'text_config'",
     "config：'{0}' 是多模态封装；语言模型从 'text_config' 读取"},
    {"config: the vision encoder (SigLIP, {} layers of {}) and its projector are counted, as in the checkpoint; "
     "lm_only counts the language model alone",
     "config：视觉编码器（SigLIP，{0} 层，宽 {1}）及其投影层已计入，与检查点一致；lm_only 只计语言模型"},
    {"config: the vision encoder (Pixtral, {} layers of {}) and its projector are counted, as in the checkpoint; "
     "lm_only counts the language model alone",
     "config：视觉编码器（Pixtral，{0} 层，宽 {1}）及其投影层已计入，与检查点一致；lm_only 只计语言模型"},
    {"config: the vision encoder (Qwen3.5 ViT, {} layers of {}) and its patch merger are counted, as in the checkpoint; "
     "lm_only counts the language model alone",
     "config：视觉编码器（Qwen3.5 ViT，{0} 层，宽 {1}）及其图块合并层已计入，与检查点一致；lm_only 只计语言模型"},
    {"config: the vision encoder (Gemma 4, {} layers of {}) and its embedder are counted, as in the checkpoint; "
     "lm_only counts the language model alone",
     "config：视觉编码器（Gemma 4，{0} 层，宽 {1}）及其嵌入投影层已计入，与检查点一致；lm_only 只计语言模型"},
    {"config: the audio encoder (Gemma 4, {} layers of {}) and its embedder are counted, as in the checkpoint; "
     "lm_only counts the language model alone",
     "config：音频编码器（Gemma 4，{0} 层，宽 {1}）及其嵌入投影层已计入，与检查点一致；lm_only 只计语言模型"},
    {"config: 'use_double_wide_mlp' with 'enable_moe_block': the doubled MLP of the KV-sharing layers is not counted",
     "config：'use_double_wide_mlp' 与 'enable_moe_block' 同时出现：KV 共享层加倍的 MLP 未计入"},
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
    {"config: block_configs read per layer: {} layers without attention, {} without an FFN, {} KV heads, FFN widths {}",
     "config：已逐层读取 block_configs：{0} 层无注意力，{1} 层无 FFN，{2} 个 KV 头，FFN 宽度 {3}"},
    {"config: block_configs has block features not understood, so the counts are approximate: {} (such blocks are "
     "counted as plain attention / gated FFN)",
     "config：block_configs 含有未能理解的块特性，因此计数是近似值：{0}（这些块按普通注意力 / 门控 FFN 计）"},
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
    {"parameters only: weights, model states, 2N / 6N FLOPs and weight-bound speeds from {} parameters; the KV cache, "
     "activations and attention FLOPs need the model's dimensions (choose a preset or paste config.json) and are not "
     "counted",
     "仅参数量：由 {0} 个参数算出权重、模型状态、2N / 6N FLOPs 和受权重读取限制的速度；KV 缓存、激活值和注意力 FLOPs "
     "需要模型的各维度（请选择预设或粘贴 config.json），未计入"},
    {"gpus={}: parameters only: the weights are divided evenly over the GPUs (a real split follows the model's heads "
     "and layers)",
     "gpus={0}：仅参数量：权重视为在这些 GPU 上均分（实际切分取决于模型的头数和层数）"},
    {"weights={} stores only a model's routed experts in it: parameters only counts every weight in it; choose a "
     "preset for the exact bytes",
     "weights={0} 只用于存储模型的路由专家：仅参数量模式把每个权重都按它计；精确字节数请选择预设"},
    {"weights={} follows llama.cpp's per-tensor recipe: parameters only counts every weight at its base type's bits; "
     "choose a preset for the exact bytes",
     "weights={0} 按 llama.cpp 的逐张量配方存储：仅参数量模式把每个权重都按其基础类型的位数计；精确字节数请选择预设"},
    {"active_params does not apply: it goes with total_params (parameters only)",
     "active_params 不适用：它需与 total_params（仅参数量）一起使用"},
    {"layout_search does not apply: parameters only has no heads or layers to split by",
     "layout_search 不适用：仅参数量模式没有可供切分的头数和层数"},
    {"layer count changed: the hybrid layer pattern (mixers, FFN blocks, MoE) is continued for the new count",
     "层数已改：混合层模式（混合器、FFN 块、MoE）按新层数延续"},
    {"layer count changed: the MoE layer pattern is continued for the new count", "层数已改：MoE 层模式按新层数延续"},
    {"layer count changed: the sliding/global layer pattern is continued for the new count",
     "层数已改：滑动/全局注意力层模式按新层数延续"},
    {"{} does not apply: the model has no routed experts (set experts too)", "{0} 不适用：该模型没有路由专家（请同时设置 experts）"},
    {"unified_memory_fraction does not apply: gpu '{}' has its own memory (the share is for Apple's unified memory)",
     "unified_memory_fraction 不适用：GPU '{0}' 有独立显存（该比例用于苹果芯片的统一内存）"},
    {"embed_16bit does not apply with weights={}: it only widens the embeddings of a format narrower than 16 bits "
     "(GGUF's recipe decides its own)",
     "embed_16bit 在 weights={0} 下不适用：它只把窄于 16 位的格式的嵌入加宽到 16 位（GGUF 由其配方决定）"},
    {"sp does not apply: sequence parallelism splits activations over the tensor-parallel group, and tp is 1",
     "sp 不适用：序列并行在张量并行组内切分激活值，而 tp 为 1"},
    {"{} does not apply: MLA attention caches one latent of kv_lora_rank + qk_rope_head_dim per token, and its heads "
     "take their sizes from the config",
     "{0} 不适用：MLA 注意力每个 token 缓存一个 kv_lora_rank + qk_rope_head_dim 的潜向量，其各头的尺寸取自配置"},
    {"intermediate typed: every dense layer is {} wide (the per-layer widths of block_configs are replaced)",
     "已输入 'intermediate'：每个稠密层宽 {0}（替换 block_configs 的逐层宽度）"},
    {"lm_only does not apply: the model has no vision encoder counted (its total is the language model)",
     "lm_only 不适用：该模型没有计入视觉编码器（其总数就是语言模型）"},
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
    {"zero=auto: ZeRO stage {}, the lowest at which the per-GPU total fits ({} over dp={}); set zero to choose a stage",
     "zero=auto：ZeRO 阶段 {0}，是每 GPU 总量放得下的最低阶段（dp={2} 时 {1}）；设 zero=0、1、2 或 3 可指定阶段"},
    {"zero=auto: no ZeRO stage fits over dp={}; stage {}, the least memory per GPU, is shown",
     "zero=auto：dp={0} 时任何 ZeRO 阶段都放不下；显示每 GPU 显存最少的阶段 {1}"},
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
    // the page's file reader (platform_web.cpp): the browser's own reason stays as it gave it
    {"{file}: could not be read ({reason})", "{file}：无法读取（{reason}）"},

    // ==== errors (InputError messages: shown beside the field, printed by the CLI). Named parameters: `{name}` in
    // the English stands for one argument and places it in the Chinese; `{why}` is itself a message (a number
    // parser's reason, a JSON parser's error) and must have a template too, else the whole message has none.

    // ---- the key table (inputs.cpp): numbers, choices, catalogs
    {"must be a whole number: {why}", "须为整数：{why}"},
    {"must be a whole number, got '{value}'", "须为整数，实际为 '{value}'"},
    {"must be between {lo} and {hi}, got {value}", "须在 {lo} 到 {hi} 之间，实际为 {value}"},
    {"must be a number: {why}", "须为数字：{why}"},
    {"takes no '%' (only fractions and percentages do), got '{value}'", "不接受 '%'（只有比例和百分数可以），实际为 '{value}'"},
    {"must be greater than {lo} and at most {hi}, got {value}", "须大于 {lo} 且不超过 {hi}，实际为 {value}"},
    {"must be at least {lo} and at most {hi}, got {value}", "须不小于 {lo} 且不超过 {hi}，实际为 {value}"},
    {"must be 0 (off) or at least {lo}, got {value}", "须为 0（关闭）或不小于 {lo}，实际为 {value}"},
    {"must be 0 (off) or between {lo} and 1, got {value}", "须为 0（关闭）或在 {lo} 到 1 之间，实际为 {value}"},
    {"must be true or false, got '{value}'", "须为 true 或 false，实际为 '{value}'"},
    {"must be one of {choices}, got '{value}'", "须为 {choices} 之一，实际为 '{value}'"},
    {"unknown value '{value}' (see --list-{list})", "未知的值 '{value}'（见 --list-{list}）"},
    {"is more than {n} bytes; config.json text may be at most {max} bytes", "超过 {n} 字节；config.json 文本最多 {max} 字节"},
    {"must name at least one module of q,k,v,o,gate,up,down", "须至少指定 q,k,v,o,gate,up,down 中的一个模块"},
    {"unknown module '{value}' (use q,k,v,o,gate,up,down)", "未知模块 '{value}'（可用 q,k,v,o,gate,up,down）"},
    {"is given more than once; give each key once", "给出了不止一次；每个键只能给一次"},
    {"unknown key", "未知的键"},
    {"bad percent-encoding in the URL", "URL 中的百分号编码有误"},
    {"needs a value", "缺少值"},
    // the one number parser (parse_number_text): the reason after "must be a number: "
    {"the field is empty", "字段为空"},
    {"'{value}...' is too long for a number", "'{value}...' 太长，不是数字"},
    {"'{value}' mixes thousands separators", "'{value}' 混用了不同的千位分隔符"},
    {"'{value}': thousands separators go between groups of three digits (1,000,000)",
     "'{value}'：千位分隔符应放在每三位数字之间（1,000,000）"},
    {"'{value}' is not a number", "'{value}' 不是数字"},
    {"'{value}' is out of range", "'{value}' 超出范围"},
    {"'{value}': unknown '{suffix}' (use k, M, B, T, Ki, Mi, % or a plain number)",
     "'{value}'：无法识别 '{suffix}'（请用 k、M、B、T、Ki、Mi、% 或普通数字）"},

    // ---- the model and the scenario (report.cpp)
    {"unknown preset '{value}'", "未知的预设 '{value}'"},
    {"keep_gqa_ratio: must be a multiple of the model's {group} query heads per KV head, got {value}",
     "keep_gqa_ratio：须为模型每个 KV 头所对应查询头数 {group} 的倍数，实际为 {value}"},
    {"must be at least {lo}", "须不小于 {lo}"},
    {"must divide the hidden size when no head_dim is given ({a} / {b})", "未给出 head_dim 时须能整除隐藏维度（{a} / {b}）"},
    {"must not exceed the number of attention heads ({a} > {b})", "不得超过注意力头数（{a} > {b}）"},
    {"must divide the number of attention heads ({a} / {b})", "须能整除注意力头数（{a} / {b}）"},
    {"must divide the number of attention heads ({n})", "须能整除注意力头数（{n}）"},
    {"MLA needs kv_lora_rank, qk_nope_head_dim/qk_rope_head_dim and v_head_dim",
     "MLA 需要 kv_lora_rank、qk_nope_head_dim/qk_rope_head_dim 和 v_head_dim"},
    {"must be between 1 and the number of experts ({n})", "须在 1 到专家数（{n}）之间"},
    {"must be at least 1 for an MoE model", "对 MoE 模型须不小于 1"},
    {"must not exceed the number of layers ({n})", "不得超过层数（{n}）"},
    {"must equal tp x pp x dp x cp = {n} (leave dp at 1 and data parallelism fills the GPUs: dp = gpus / (tp x pp x cp))",
     "须等于 tp × pp × dp × cp = {n}（将 dp 保持为 1，则由数据并行占满这些 GPU：dp = gpus / (tp × pp × cp)）"},
    {"must be at least tp x pp x cp = {n}", "须不小于 tp × pp × cp = {n}"},
    {"must be a multiple of tp x pp x cp = {n} (data parallelism fills the GPUs: dp = gpus / (tp x pp x cp))",
     "须为 tp × pp × cp = {n} 的倍数（由数据并行占满这些 GPU：dp = gpus / (tp × pp × cp)）"},
    {"must be at least tp x pp = {n}", "须不小于 tp × pp = {n}"},
    {"must divide the number of experts ({n})", "须能整除专家数（{n}）"},
    {"expert parallelism needs an MoE model (this model has no experts)", "专家并行需要 MoE 模型（该模型没有专家）"},
    {"must not exceed seq ({n})", "不得超过 seq（{n}）"},
    {"cannot be used with config: the config gives the model", "不能与 config 同时使用：模型已由 config 给出"},
    {"cannot be used with a model file: the file gives the model", "不能与模型文件同时使用：模型已由文件给出"},
    {"does not apply with total_params (parameters only has no dimensions); clear total_params to type dimensions",
     "设置了 total_params 时不适用（仅参数量模式没有维度）；清空 total_params 才能输入维度"},
    {"must not exceed total_params ({n})", "不得超过 total_params（{n}）"},
    {"needs the model's layers: with total_params the weights are divided evenly over tp",
     "需要模型的层数：设置 total_params 时权重按 tp 均分"},
    {"needs the model's weight matrices (LoRA adapters and frozen layers are sized from them): choose a preset or "
     "paste config.json",
     "需要模型的权重矩阵（低秩适配器和冻结层的大小由它们决定）：请选择预设或粘贴 config.json"},

    // ---- config.json (hf_config.cpp; report.cpp names the config field too): "'<field>' <why>"
    {"'{field}' {why}", "'{field}' {why}"},
    {"must be a whole number, got {value}", "须为整数，实际为 {value}"},
    {"must be at least {lo}, got {value}", "须不小于 {lo}，实际为 {value}"},
    {"is too large ({value}): at most {hi}, as for key '{key}'", "太大（{value}）：最多为 {hi}，与键 '{key}' 相同"},
    {"is too large ({value})", "太大（{value}）"},
    {"must be true or false, got {value}", "须为 true 或 false，实际为 {value}"},
    {"must be a number, got {value}", "须为数字，实际为 {value}"},
    {"must be an array of strings", "须为字符串数组"},
    {"has {n} entries but 'num_hidden_layers' is {layers}", "有 {n} 项，但 'num_hidden_layers' 为 {layers}"},
    {"entry {i} must be a string", "第 {i} 项须为字符串"},
    {"must be an array of layer indices", "须为层序号数组"},
    {"entries must be layer indices in [0, {n}), got {value}", "各项须为 [0, {n}) 内的层序号，实际为 {value}"},
    {"must be \"per_layer\" or \"per_head\", got \"{value}\"", "须为 \"per_layer\" 或 \"per_head\"，实际为 \"{value}\""},
    {"is required for Gated DeltaNet layers", "Gated DeltaNet 层需要此项"},
    {"must list one block per layer ({n})", "须为每层列出一个块（{n}）"},
    {"must have an 'attention' and an 'ffn' object", "须有 'attention' 和 'ffn' 对象"},
    {"must be a whole number that divides 'num_attention_heads' ({n}), got {value}",
     "须为能整除 'num_attention_heads'（{n}）的整数，实际为 {value}"},
    {"must be a number in (0, 1000], got {value}", "须为 (0, 1000] 内的数，实际为 {value}"},
    {"must be a multiple of 'patch_size' ({a} / {b})", "须为 'patch_size' 的倍数（{a} / {b}）"},
    {"must list one type per layer ({n})", "须为每层列出一种类型（{n}）"},
    {"entry {i} must be \"linear_attention\" or \"full_attention\", got {value}",
     "第 {i} 项须为 \"linear_attention\" 或 \"full_attention\"，实际为 {value}"},
    {"must give one block per layer ({n}), got {m}", "须为每层给出一个块（{n}），实际为 {m}"},
    {"entry {i} must be \"mamba\", \"attention\", \"mlp\" or \"moe\", got {value}",
     "第 {i} 项须为 \"mamba\"、\"attention\"、\"mlp\" 或 \"moe\"，实际为 {value}"},
    {"must be a string of the characters M * - E or a list of block types, got {value}",
     "须为由字符 M * - E 组成的字符串或块类型列表，实际为 {value}"},
    {"disagrees with '{key}'", "与 '{key}' 不一致"},
    {"character {i} must be one of M * - E, got '{value}'", "第 {i} 个字符须为 M * - E 之一，实际为 '{value}'"},
    {"must be a non-empty string of the characters M * - E, got {value}",
     "须为由字符 M * - E 组成的非空字符串，实际为 {value}"},
    {"is required for Mamba-2 layers", "Mamba-2 层需要此项"},
    {"not valid JSON: {why}", "不是有效的 JSON：{why}"},
    {"must be a JSON object (a Hugging Face config.json)", "须为 JSON 对象（Hugging Face 的 config.json）"},
    {"'model_type' must be a string", "'model_type' 须为字符串"},
    {"'text_config' must be an object", "'text_config' 须为对象"},
    {"missing '{key}'", "缺少 '{key}'"},
    {"entries must be 0 or 1", "各项须为 0 或 1"},
    {"is required when 'n_routed_experts' is set", "设置了 'n_routed_experts' 时需要此项"},
    {"is required when 'layer_types' has sliding layers", "'layer_types' 含滑动窗口层时需要此项"},
    {"is required for an MoE model", "MoE 模型需要此项"},
    {"must not exceed 'num_attention_heads' ({a} > {b})", "不得超过 'num_attention_heads'（{a} > {b}）"},
    {"must not exceed 'num_hidden_layers' ({a} > {b})", "不得超过 'num_hidden_layers'（{a} > {b}）"},
    {"is required when 'enable_moe_block' is true", "'enable_moe_block' 为 true 时需要此项"},
    {"must divide 'num_attention_heads' ({a} / {b})", "须能整除 'num_attention_heads'（{a} / {b}）"},
    {"must divide 'hidden_size' when no 'head_dim' is given ({a} / {b})", "未给出 'head_dim' 时须能整除 'hidden_size'（{a} / {b}）"},
    {"must be two channel counts (4 to 65536 and 1 to 65536), got {value}",
     "须为两个通道数（4 到 65536 和 1 到 65536），实际为 {value}"},
    {"must be between 1 and the number of routed experts ({a} of {b})", "须在 1 到路由专家数之间（{a}，共 {b} 个专家）"},
    {"describes a model of up to {n} parameters; at most 1e15 are supported (check 'hidden_size', 'num_hidden_layers', "
     "'intermediate_size', 'vocab_size')",
     "描述的模型多达 {n} 个参数；最多支持 1e15 个（请检查 'hidden_size'、'num_hidden_layers'、'intermediate_size'、'vocab_size'）"},

    // ---- the JSON parser (json.cpp): "<what> at line L, column C (byte B)"
    {"{why} at line {line}, column {column} (byte {byte})", "{why}（第 {line} 行第 {column} 列，字节 {byte}）"},
    {"unexpected text after the JSON value", "JSON 值之后还有多余的文本"},
    {"invalid literal (expected a value)", "无效的字面量（此处应为一个值）"},
    {"too many values for the size of the text (more than {n} bytes of values per byte of text)",
     "相对于文本长度值太多（每字节文本超过 {n} 字节的值）"},
    {"unexpected end of text (expected a value)", "文本意外结束（此处应为一个值）"},
    {"unexpected character (expected a value)", "意外的字符（此处应为一个值）"},
    {"nested deeper than {n} levels", "嵌套超过 {n} 层"},
    {"unexpected end of text in an array", "数组中文本意外结束"},
    {"expected ',' or ']' in an array", "数组中此处应为 ',' 或 ']'"},
    {"unexpected end of text in an object", "对象中文本意外结束"},
    {"expected a string key in an object", "对象中此处应为字符串键"},
    {"expected ':' after an object key", "对象的键之后应为 ':'"},
    {"expected ',' or '}' in an object", "对象中此处应为 ',' 或 '}'"},
    {"unexpected end of text in a \\u escape", "\\u 转义中文本意外结束"},
    {"\\u must be followed by four hex digits", "\\u 之后须跟四位十六进制数字"},
    {"unexpected end of text in a string (missing closing quote)", "字符串中文本意外结束（缺少右引号）"},
    {"control character in a string (write it as an escape such as \\n)", "字符串中有控制字符（请写成转义，如 \\n）"},
    {"invalid UTF-8 in a string", "字符串中有无效的 UTF-8"},
    {"unexpected end of text in a string escape", "字符串的转义中文本意外结束"},
    {"lone low surrogate \\u escape", "孤立的低位代理 \\u 转义"},
    {"high surrogate \\u escape without a low surrogate after it", "高位代理 \\u 转义之后没有低位代理"},
    {"high surrogate \\u escape not followed by a low surrogate", "高位代理 \\u 转义之后跟的不是低位代理"},
    {"invalid escape in a string", "字符串中有无效的转义"},
    {"expected a digit in a number", "数字中此处应为数字字符"},
    {"expected a digit after the decimal point", "小数点之后应为数字字符"},
    {"expected a digit in the exponent", "指数中此处应为数字字符"},
    {"number out of the double range", "数字超出双精度浮点数范围"},

    // ---- model files (model_file.cpp, gguf.cpp, safetensors.cpp): "<file>: <what> at byte <offset>"
    {"{file}: {why} at byte {offset}", "{file}：{why}（字节 {offset}）"},
    {"truncated header: it needs {need} bytes but the file has {size}", "头部被截断：需要 {need} 字节，但文件只有 {size} 字节"},
    {"header larger than the cap of {cap} bytes", "头部超过 {cap} 字节的上限"},
    {"a JSON file, not a model file (a model.safetensors.index.json is given as an index)",
     "这是 JSON 文件，不是模型文件（model.safetensors.index.json 应作为索引给出）"},
    {"no model file given", "没有给出模型文件"},
    {"mixed formats: {a} is {fa}, {b} is {fb}", "格式混杂：{a} 是 {fa}，{b} 是 {fb}"},
    {"a safetensors index was given with GGUF files", "safetensors 索引与 GGUF 文件一起给出"},
    {"{file}: split {i} given twice", "{file}：分片 {i} 给出了两次"},
    {"several GGUF files that are not splits of one model", "多个 GGUF 文件不是同一个模型的分片"},
    {"tensor '{tensor}' is in more than one file ({file})", "张量 '{tensor}' 出现在不止一个文件中（{file}）"},
    {"the {format} header does not give {what}: give config.json (config) or {key}",
     "{format} 头部没有给出 {what}：请提供 config.json（config）或 {key}"},
    {"the {format} header's {what} is too large ({value}): at most {hi}, as for key '{key}'",
     "{format} 头部的 {what} 太大（{value}）：最多为 {hi}，与键 '{key}' 相同"},
    {"the file list is not a JSON array", "文件列表不是 JSON 数组"},
    {"each file needs a name, a size and a length", "每个文件都需要名称、大小和长度"},
    {"{file}: its length runs past the bytes given", "{file}：其长度超出了所给的字节"},
    {"{file}: the bytes given end inside the header (it needs {need})", "{file}：所给字节在头部中间就结束了（需要 {need}）"},
    {"{file}: {why}", "{file}：{why}"},
    {"string value length {n} exceeds the header cap", "字符串值长度 {n} 超过头部上限"},
    {"array string length {n} exceeds the header cap", "数组中的字符串长度 {n} 超过头部上限"},
    {"key length {n} exceeds the header cap", "键长度 {n} 超过头部上限"},
    {"tensor name length {n} exceeds the header cap", "张量名长度 {n} 超过头部上限"},
    {"bool value {n} is neither 0 nor 1", "布尔值 {n} 既不是 0 也不是 1"},
    {"arrays of arrays are not supported", "不支持数组的数组"},
    {"unknown array element type {n}", "未知的数组元素类型 {n}"},
    {"array of {n} elements exceeds the header cap", "{n} 个元素的数组超过头部上限"},
    {"unknown metadata value type {n}", "未知的元数据值类型 {n}"},
    {"not a GGUF file (no \"GGUF\" magic)", "不是 GGUF 文件（没有 \"GGUF\" 魔数）"},
    {"GGUF version 1 is not supported (versions 2 and 3 are)", "不支持 GGUF 版本 1（支持版本 2 和 3）"},
    {"big-endian GGUF is not supported", "不支持大端序的 GGUF"},
    {"unsupported GGUF version {n}", "不支持的 GGUF 版本 {n}"},
    {"tensor count {n} exceeds what the header cap can hold", "张量数 {n} 超过头部上限所能容纳的数量"},
    {"metadata count {n} exceeds what the header cap can hold", "元数据条数 {n} 超过头部上限所能容纳的数量"},
    {"general.alignment must be a power of two (up to 2^20)", "general.alignment 须为 2 的幂（最大 2^20）"},
    {"tensor '{tensor}' has {n} dimensions (at most 4)", "张量 '{tensor}' 有 {n} 个维度（最多 4 个）"},
    {"tensor '{tensor}' dimension {n} is too large", "张量 '{tensor}' 的维度 {n} 太大"},
    {"tensor '{tensor}' element count overflows", "张量 '{tensor}' 的元素个数溢出"},
    {"tensor '{tensor}' has unknown ggml type {n} (newer than this calculator, or corrupt)",
     "张量 '{tensor}' 的 ggml 类型 {n} 未知（比本计算器新，或文件已损坏）"},
    {"tensor '{tensor}': row length {n} is not a multiple of {type}'s block of {block}",
     "张量 '{tensor}'：行长度 {n} 不是 {type} 块大小 {block} 的倍数"},
    {"tensor '{tensor}' byte size overflows", "张量 '{tensor}' 的字节数溢出"},
    {"tensor '{tensor}' data offset {offset} is not a multiple of the alignment {alignment}",
     "张量 '{tensor}' 的数据偏移 {offset} 不是对齐值 {alignment} 的倍数"},
    {"tensor '{tensor}' data offset is too large", "张量 '{tensor}' 的数据偏移太大"},
    {"tensor data reaches byte {end} but the file has {size} bytes (truncated?)",
     "张量数据延伸到第 {end} 字节，但文件只有 {size} 字节（被截断了？）"},
    {"header length {n} exceeds the cap of {cap} bytes (not a safetensors file?)",
     "头部长度 {n} 超过 {cap} 字节的上限（不是 safetensors 文件？）"},
    {"header length {n} is too short for a JSON object", "头部长度 {n} 太短，容纳不下 JSON 对象"},
    {"header JSON: {why}", "头部 JSON：{why}"},
    {"header JSON is not an object", "头部 JSON 不是对象"},
    {"tensor '{tensor}': {why}", "张量 '{tensor}'：{why}"},
    {"__metadata__ is not an object", "__metadata__ 不是对象"},
    {"appears twice in the header", "在头部出现了两次"},
    {"entry is not an object", "条目不是对象"},
    {"no \"dtype\" string", "没有 \"dtype\" 字符串"},
    {"no \"shape\" array", "没有 \"shape\" 数组"},
    {"\"data_offsets\" is not [begin, end]", "\"data_offsets\" 不是 [begin, end]"},
    {"unknown dtype \"{dtype}\"", "未知的 dtype \"{dtype}\""},
    {"shape holds a value that is not a non-negative integer", "shape 中有不是非负整数的值"},
    {"element count overflows", "元素个数溢出"},
    {"more than 8 dimensions", "超过 8 个维度"},
    {"data_offsets [{begin}, {end}] are not ordered", "data_offsets [{begin}, {end}] 顺序不对"},
    {"data_offsets span {n} bytes but {dtype} x shape needs {need}", "data_offsets 跨 {n} 字节，但 {dtype} × shape 需要 {need}"},
    {"index JSON is larger than the cap of {cap} bytes", "索引 JSON 超过 {cap} 字节的上限"},
    {"index JSON: {why}", "索引 JSON：{why}"},
    {"index JSON has no \"weight_map\" object", "索引 JSON 没有 \"weight_map\" 对象"},
    {"weight_map['{tensor}'] is not a file name", "weight_map['{tensor}'] 不是文件名"},
    {"index JSON names more than 100000 shards", "索引 JSON 列出了超过 100000 个分片"},
    {"metadata.total_size is not a byte count", "metadata.total_size 不是字节数"},

    // ---- the layer stack (layers.cpp): "line N: <why>"
    {"line {n}: {why}", "第 {n} 行：{why}"},
    {"'{key}' must be a whole number from {lo} to {hi}, got '{value}'", "'{key}' 须为 {lo} 到 {hi} 之间的整数，实际为 '{value}'"},
    {"missing '{key}=' (and no previous layer to take it from)", "缺少 '{key}='（也没有前一层可沿用）"},
    {"'{key}' must be true or false, got '{value}'", "'{key}' 须为 true 或 false，实际为 '{value}'"},
    {"unknown key '{key}' for {kind}", "{kind} 没有键 '{key}'"},
    {"expected key=value, got '{value}'", "应为 key=value，实际为 '{value}'"},
    {"the layer has more than 1e15 parameters", "该层参数超过 1e15 个"},
    {"the stack has more than 1e15 parameters", "整个层栈参数超过 1e15 个"},
    {"'g' ({g}) must divide 'in' ({in}) and 'out' ({out})", "'g'（{g}）须能整除 'in'（{in}）和 'out'（{out}）"},
    {"the kernel ({kh}x{kw}, dilation {dilation}) does not fit the padded input {h}x{w}",
     "卷积核（{kh}x{kw}，膨胀 {dilation}）放不进填充后的输入 {h}x{w}"},
    {"'heads' ({heads}) must divide 'embed' ({embed})", "'heads'（{heads}）须能整除 'embed'（{embed}）"},
    {"'heads' ({heads}) must divide 'hidden' ({hidden})", "'heads'（{heads}）须能整除 'hidden'（{hidden}）"},
    {"'kv_heads' must divide 'heads'", "'kv_heads' 须能整除 'heads'"},
    {"'norm' must be layernorm or rmsnorm, got '{value}'", "'norm' 须为 layernorm 或 rmsnorm，实际为 '{value}'"},
    {"unknown layer '{kind}' (linear, conv2d, layernorm, rmsnorm, embedding, attention, block)",
     "未知的层 '{kind}'（可用 linear、conv2d、layernorm、rmsnorm、embedding、attention、block）"},
    {"no layers: write one layer per line, e.g. 'linear in=1000 out=500'", "没有层：每行写一层，例如 'linear in=1000 out=500'"},

    // ---- charts (sweeps.cpp): a point that failed names the point
    {"at {key}={value}: {why}", "在 {key}={value} 处：{why}"},
    {"batch={batch}, {why}", "batch={batch}，{why}"},
    {"the batch sweep's largest batch must be between 1 and {max}, got {n}", "批量扫描的最大批量须在 1 到 {max} 之间，实际为 {n}"},
    {"sweep range must be positive (min {min}, max {max})", "扫描范围须为正数（最小 {min}，最大 {max}）"},
    {"the grid needs 2 to 256 batch rows", "网格需要 2 到 256 行批量"},
    {"the grid needs 2 to 256 context columns", "网格需要 2 到 256 列上下文长度"},
    {"the grid's batch range must satisfy 1 <= min <= max", "网格的批量范围须满足 1 <= 最小值 <= 最大值"},
    {"the grid's context range must satisfy 1 <= min <= max", "网格的上下文范围须满足 1 <= 最小值 <= 最大值"},
    {"the GPU has no usable memory to compare against", "该 GPU 没有可用显存可供比较"},

    // ---- the command line (cli_args.cpp, src/cli/main.cpp)
    {"needs a report path, e.g. --explain memory.training.optimizer_bytes", "需要报告路径，例如 --explain memory.training.optimizer_bytes"},
    {"unknown report path '{path}' (one of {first}, ... or params.by_component.<name>)",
     "未知的报告路径 '{path}'（可用 {first} 等，或 params.by_component.<name>）"},
    {"must be en or zh, got '{value}'", "须为 en 或 zh，实际为 '{value}'"},
    {"unknown option", "未知选项"},
    {"'{path}' does not apply to this scenario", "'{path}' 不适用于此场景"},
    {"cannot read file '{path}': {reason}", "无法读取文件 '{path}'：{reason}"},
    {"cannot read file '{path}' (not a regular file)", "无法读取文件 '{path}'（不是普通文件）"},
    {"cannot read file '{path}'", "无法读取文件 '{path}'"},
    {"'{path}' is a directory, not a config.json file", "'{path}' 是目录，不是 config.json 文件"},
    {"file '{path}' is {n} bytes; config.json text may be at most {max} bytes", "文件 '{path}' 有 {n} 字节；config.json 文本最多 {max} 字节"},
    {"'{path}' gives more than {n} bytes; config.json text may be at most {max} bytes",
     "'{path}' 超过 {n} 字节；config.json 文本最多 {max} 字节"},
    {"file '{path}' is empty", "文件 '{path}' 是空的"},
    {"{path}: index JSON larger than the cap", "{path}：索引 JSON 超过上限"},
};
// clang-format on
#endif

// A placeholder at `p` of an English template: `{}` (positional) or `{name}` (letters, digits, '_'); its length, or
// 0 when the brace is literal text (a JSON parser's "expected ',' or '}'").
size_t placeholder_at(const std::string& s, size_t p) {
    if (s[p] != '{') return 0;
    size_t q = p + 1;
    while (q < s.size() && (std::isalnum(static_cast<unsigned char>(s[q])) || s[q] == '_')) ++q;
    return q < s.size() && s[q] == '}' ? q + 1 - p : 0;
}

// An English template split at its placeholders: n placeholders give n + 1 literal pieces and n names ("" for `{}`).
struct Parsed {
    std::vector<std::string> pieces, names;
    size_t literal = 0;  // characters of literal text: the more, the more specific the template
};

Parsed parse(const char* en) {
    Parsed t;
    const std::string s(en);
    std::string piece;
    for (size_t i = 0; i < s.size();) {
        if (const size_t n = placeholder_at(s, i)) {
            t.pieces.push_back(piece);
            t.names.push_back(s.substr(i + 1, n - 2));
            piece.clear();
            i += n;
        } else {
            piece += s[i++];
        }
    }
    t.pieces.push_back(piece);
    for (const auto& p : t.pieces) t.literal += p.size();
    return t;
}

struct Compiled {
    MessageTemplate text;
    Parsed parsed;
};

// The templates parsed, in the order they are tried, and as given back by message_templates().
struct Tables {
    std::vector<Compiled> compiled;
    std::vector<MessageTemplate> ordered;
};

void build(Tables& t, const MessageTemplate* first, size_t n) {
    t.compiled.clear();
    t.ordered.clear();
    for (size_t i = 0; i < n; ++i) t.compiled.push_back({first[i], parse(first[i].en)});
    std::stable_sort(t.compiled.begin(), t.compiled.end(),
                     [](const Compiled& a, const Compiled& b) { return a.parsed.literal > b.parsed.literal; });
    for (const Compiled& c : t.compiled) t.ordered.push_back(c.text);
}

Tables& tables() {
    static Tables t = [] {
        Tables out;
#ifndef LLMCALC_ZH_PACK
        build(out, kTemplates, sizeof kTemplates / sizeof kTemplates[0]);
#endif
        return out;
    }();
    return t;
}

const std::vector<Compiled>& compiled() { return tables().compiled; }

// `{why}` holds a message of its own (a parser's reason): its Chinese, or nullopt when it has none.
bool nested(const std::string& name) { return name == "why"; }

// Matches `s` from `pos` against pieces[i..]: piece i is at `pos`, then an argument (possibly empty) up to a
// later occurrence of piece i + 1, and so on; the last piece ends the text. Backtracks over the occurrences. An
// argument named `why` must itself be a message with a template (its Chinese is what `args` gets).
bool match(const std::string& s, size_t pos, const Parsed& t, size_t i, std::vector<std::string>& args) {
    const auto& p = t.pieces;
    if (s.compare(pos, p[i].size(), p[i]) != 0) return false;
    pos += p[i].size();
    if (i + 1 == p.size()) return pos == s.size();
    const std::string& next = p[i + 1];
    auto take = [&](size_t end) {
        std::string a = s.substr(pos, end - pos);
        if (nested(t.names[i])) {
            auto zh = message_zh(a);
            if (!zh) return false;
            a = *zh;
        }
        args.push_back(std::move(a));
        return true;
    };
    if (i + 2 == p.size()) {  // the last argument runs to where the last piece ends the text
        if (s.size() < pos + next.size() || s.compare(s.size() - next.size(), next.size(), next) != 0) return false;
        return take(s.size() - next.size());
    }
    for (size_t q = s.find(next, pos); q != std::string::npos; q = s.find(next, q + 1)) {
        if (!take(q)) continue;
        if (match(s, q, t, i + 1, args)) return true;
        args.pop_back();
    }
    return false;
}

// The Chinese with its placeholders filled: `{0}`, `{1}`, ... by position, `{name}` by the English's name.
std::string fill(const char* zh, const Parsed& t, const std::vector<std::string>& args) {
    std::string out, z(zh);
    for (size_t i = 0; i < z.size(); ++i) {
        if (const size_t n = placeholder_at(z, i); n > 2) {
            const std::string name = z.substr(i + 1, n - 2);
            size_t k = args.size();
            if (std::isdigit(static_cast<unsigned char>(name[0]))) {
                k = std::stoul(name);
            } else {
                for (size_t j = 0; j < t.names.size(); ++j)
                    if (t.names[j] == name) { k = j; break; }
            }
            if (k < args.size()) out += args[k];
            i += n - 1;
            continue;
        }
        out += z[i];
    }
    return out;
}

}  // namespace

const std::vector<MessageTemplate>& message_templates() { return tables().ordered; }

void set_message_templates(const std::vector<MessageTemplate>& templates) {
    build(tables(), templates.data(), templates.size());
}

std::vector<std::string> template_names(const MessageTemplate& t) { return parse(t.en).names; }

namespace {

std::optional<std::string> translate(const std::string& english) {
    for (const Compiled& c : compiled()) {
        std::vector<std::string> args;
        if (!match(english, 0, c.parsed, 0, args)) continue;
        // A positional argument that is itself a message (a URL problem quoting an error) is shown in Chinese too.
        for (size_t i = 0; i < args.size(); ++i)
            if (c.parsed.names[i].empty())
                if (auto inner = message_zh(args[i])) args[i] = *inner;
        return fill(c.text.zh, c.parsed, args);
    }
    return std::nullopt;
}

// The answers of one top-level message_zh call, by text: a `{file}: {why}` template tries every ": " of a file name
// and each try the rest again, which without this is exponential in the number of ": " (a name made of them).
thread_local std::unordered_map<std::string, std::optional<std::string>>* t_memo = nullptr;

}  // namespace

std::optional<std::string> message_zh(const std::string& english) {
    if (t_memo) {
        if (auto it = t_memo->find(english); it != t_memo->end()) return it->second;
        auto r = translate(english);
        t_memo->emplace(english, r);
        return r;
    }
    std::unordered_map<std::string, std::optional<std::string>> memo;
    t_memo = &memo;
    struct Reset { ~Reset() { t_memo = nullptr; } } reset;
    auto r = translate(english);
    return r;
}

std::string message_in(const std::string& english, const std::string& lang) {
    if (lang != "zh") return english;
    if (auto zh = message_zh(english)) return *zh;
    return english;
}

}  // namespace llmcalc
