// The one table of UI strings: English (the key, as written at the call site) -> Simplified Chinese.
// The build extracts the Chinese characters of this file (tools/i18n_chars.py) to subset the CJK font, so a string
// added here is drawable without any other change; tools/check_glyphs.py (ctest glyph_coverage) checks that every
// tr("...") literal of the app has an entry and that every character of every UI string has a glyph.
// Terms follow common Chinese ML usage (参数量, 显存, 张量并行, KV 缓存, 首 token 延迟 ...).
#include "i18n.hpp"

#include "json.hpp"
#include "messages.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <unordered_map>

namespace ui {

namespace {

Lang g_lang = Lang::En;
bool g_zh_drawable = false;  // the Chinese glyphs are in the font atlas (platform_web.cpp loads them on demand)

struct Entry {
    const char* en;
    const char* zh;
};

// Built with LLMCALC_ZH_PACK (the served page, cmake/web.cmake), only the English column is compiled in (kEnglish,
// below: the very literals of the tr() call sites); the Chinese arrives with the Chinese font as dist/llmcalc-zh.json
// (tools/zh_pack.cpp writes it from this table, in this order) and load_zh_pack() pairs them, so an English visit
// does not download the Chinese. Everywhere else (the offline page, native builds) the whole table is compiled in.
// clang-format off
constexpr Entry kTable[] = {
    // header and page
    {"LLM parameters, FLOPs, memory and time, computed in your browser", "大模型参数量、FLOPs、显存与时间，在浏览器中计算"},
    {"Copy link", "复制链接"},
    {"copies this page's URL: every input that differs from the defaults is in it", "复制本页网址：所有与默认值不同的输入都在其中"},
    {"URL: %s: %s (ignored)", "网址：%s：%s（已忽略）"},
    {"open in llmcalc", "在 llmcalc 中打开"},
    {"English", "English"},
    {"中文", "中文"},  // the language button in English mode (listed so its characters are in the CJK subset)
    {"switch the language / 切换语言", "切换语言 / switch the language"},
    {"Light", "浅色"},
    {"Dark", "深色"},
    {"switch between the dark and the light theme", "在深色与浅色主题之间切换"},
    {"byte units: GB = 10^9 bytes (datasheets), GiB = 2^30 bytes (nvidia-smi, PyTorch)", "字节单位：GB = 10^9 字节（数据手册），GiB = 2^30 字节（nvidia-smi、PyTorch）"},
    {"Saved settings were ignored: %s", "已忽略保存的设置：%s"},
    {"not valid JSON", "不是有效的 JSON"},
    {"wrong type of a saved value", "保存的值类型错误"},
    {"the saved scenario has bad keys", "保存的场景含有错误的键"},
    {"the saved scenario failed or was slow last time", "保存的场景上次计算失败或过慢"},
    {"Load it anyway", "仍然载入"},
    {"Dismiss", "关闭"},
    // input labels (the key itself is in every tooltip)
    {"Preset", "预设模型"}, {"Vocabulary", "词表大小"}, {"Hidden size", "隐藏维度"}, {"Layers", "层数"},
    {"Heads", "注意力头数"}, {"KV heads", "KV 头数"}, {"Head dim", "头维度"}, {"MLP width", "MLP 宽度"},
    {"Experts", "专家数"}, {"Experts / token", "每 token 专家数"}, {"Shared experts", "共享专家数"},
    {"Expert width", "专家宽度"}, {"Tied embeddings", "共享输入输出嵌入"}, {"Count MTP", "计入 MTP"}, {"LM only", "仅语言模型"},
    {"Or parameters only", "或仅参数量"}, {"Active parameters", "激活参数量"},
    {"needs the model's dimensions", "需要模型的各维度"}, {"e.g. 32B", "例如 32B"},
    {"e.g. 32B (this model: %s)", "例如 32B（当前模型：%s）"}, {"all of them", "全部"},
    {"Parameters only: type a count (e.g. 32B)", "仅参数量：输入参数个数（例如 32B）"}, {"Parameters only: %s", "仅参数量：%s"}, {"Parameters only", "仅参数量"}, {"  (weights and overheads only)", "（仅计权重和额外开销）"},
    {"the weights divided evenly; a real split follows the heads and layers", "权重视为均分；实际切分取决于头数和层数"},
    {"parameters only: the weights divided evenly over these GPUs", "仅参数量：权重在这些 GPU 上均分"},
    {"Dimensions (clear 'Or parameters only' to type them):", "维度（清空“或仅参数量”后才能输入）："},
    {"KV cache, activations and the longest context that fits need the model's dimensions: choose a preset or paste "
     "its config.json.",
     "KV 缓存、激活值以及放得下的最长上下文需要模型的各维度：请选择预设或粘贴它的 config.json。"}, {"Task", "任务"},
    {"Batch", "批大小"}, {"Context (seq)", "上下文长度"}, {"Generated", "生成长度"}, {"Concurrency", "并发数"},
    {"Weights", "权重"}, {"KV cache", "KV 缓存"}, {"GPU", "GPU"}, {"GPUs", "GPU 数量"}, {"Tensor par.", "张量并行"},
    {"Pipeline par.", "流水线并行"}, {"Data par.", "数据并行"}, {"Expert par.", "专家并行"},
    {"Context par.", "上下文并行"}, {"Sequence par.", "序列并行"}, {"ZeRO stage", "ZeRO 阶段"},
    {"Optimizer", "优化器"}, {"Gradients", "梯度"}, {"FP32 master", "FP32 主权重"}, {"Recompute", "激活重计算"},
    {"Method", "训练方法"}, {"LoRA rank", "LoRA 秩"}, {"LoRA targets", "LoRA 目标层"},
    {"Trained layers", "训练层数"}, {"Grad. accum.", "梯度累积"}, {"Tokens", "训练 token 数"}, {"MFU", "MFU"},
    {"Causal halving", "因果掩码减半"}, {"Flash attention", "Flash Attention"}, {"Overhead %", "额外开销 %"},
    {"CUDA ctx (GB)", "CUDA 上下文 (GB)"}, {"GPU mem util.", "显存利用率"}, {"Prefill eff.", "预填充效率"},
    {"Decode BW eff.", "解码带宽效率"}, {"$ / GPU-hour", "$ / GPU 小时"},
    {"16-bit embeddings", "16 位嵌入层"}, {"KV block (tokens)", "KV 块大小（token）"}, {"Prefill chunk", "预填充分块"},
    {"Reserve (GB)", "预留显存 (GB)"}, {"Comm. buffers (GB)", "通信缓冲 (GB)"}, {"Fragmentation %", "显存碎片 %"},
    {"Deadline (days)", "期限（天）"}, {"Search layouts", "搜索并行布局"}, {"Global batch", "全局批大小"},
    {"Layouts shown", "显示布局数"}, {"NVLink (GB/s)", "NVLink (GB/s)"}, {"Network (GB/s)", "节点间网络 (GB/s)"},
    {"GPUs per node", "每节点 GPU 数"}, {"TP comm. time", "张量并行通信时间"}, {"Custom memory (GB)", "自定义显存 (GB)"},
    {"Custom bandwidth (GB/s)", "自定义带宽 (GB/s)"}, {"Custom TFLOPS", "自定义 TFLOPS"},
    {"Unified memory share", "统一内存可用比例"},
    // choice values shown in combos (the value itself stays the identifier)
    {"inference", "推理"}, {"training", "训练"}, {"none", "无"}, {"selective", "选择性"}, {"full", "全量"},
    {"freeze", "冻结部分层"}, {"from the model", "取自模型"}, {"true", "是"}, {"false", "否"},
    // tooltips of input rows
    {"key", "键"}, {"default", "默认值"},
    // the help of every input key (KeySpec::help in src/core/inputs.cpp; tests/app/ui_smoke_test.cpp checks each has one)
    {"preset id (llmcalc --list-models)", "预设模型 id（llmcalc --list-models）"},
    {"Hugging Face config.json text (CLI: a file path)", "Hugging Face config.json 文本（CLI：文件路径）"},
    {"parameters only: the model's parameter count (e.g. 32B), no preset or dimensions: weights, GPU counts and "
     "weight-bound speeds; the KV cache and activations need the dimensions",
     "仅参数量：模型的参数个数（例如 32B），不用预设或维度：给出权重、GPU 数量和受权重读取限制的速度；KV 缓存和激活值需要维度"},
    {"parameters only: parameters a token runs (MoE, e.g. 3B of 30B); default all",
     "仅参数量：一个 token 经过的参数（MoE，例如 30B 中的 3B）；默认为全部"},
    {"vocabulary size (overrides the model)", "词表大小（覆盖模型的值）"},
    {"hidden size d_model (overrides the model)", "隐藏维度 d_model（覆盖模型的值）"},
    {"number of decoder layers (overrides the model)", "解码器层数（覆盖模型的值）"},
    {"attention heads (overrides the model)", "注意力头数（覆盖模型的值）"},
    {"key/value heads: GQA/MQA (overrides the model)", "键/值头数：GQA/MQA（覆盖模型的值）"},
    {"per-head dimension (overrides hidden/heads)", "每个头的维度（覆盖 hidden/heads）"},
    {"MLP intermediate size (overrides the model)", "MLP 中间层宽度（覆盖模型的值）"},
    {"routed experts per MoE layer (overrides the model)", "每个 MoE 层的路由专家数（覆盖模型的值）"},
    {"experts per token (overrides the model)", "每个 token 激活的专家数（覆盖模型的值）"},
    {"shared experts per MoE layer (overrides the model)", "每个 MoE 层的共享专家数（覆盖模型的值）"},
    {"width of one expert (overrides the model)", "单个专家的宽度（覆盖模型的值）"},
    {"tie input embedding and LM head (overrides the model)", "输入嵌入与 LM head 共享权重（覆盖模型的值）"},
    {"heads typed over a GQA/MQA model: keep its heads / kv_heads ratio (default false: kv_heads follows heads unless kv_heads is typed)",
     "在 GQA/MQA 模型上改写 heads 时保持其 heads / kv_heads 比例（默认 false：除非输入了 kv_heads，否则 kv_heads 随 heads 变化）"},
    {"count the multi-token-prediction layers (DeepSeek, GLM, Qwen3-Next) in the total, in weight memory and in the KV cache (as when they draft tokens)",
     "将多 token 预测（MTP）层（DeepSeek、GLM、Qwen3-Next）计入总参数量、权重显存和 KV 缓存（如它们起草 token 时）"},
    {"multimodal checkpoints: count the language model alone (no vision encoder or projector) in the total and in weight memory",
     "多模态模型：总参数量和权重显存只计语言模型（不含视觉编码器和投影层）"},
    {"what is estimated", "估算的内容"},
    {"sequences processed together (training: micro-batch per GPU)", "同时处理的序列数（训练：每 GPU 的微批大小）"},
    {"context / prompt length, tokens", "上下文 / 提示词长度，单位 tokens"},
    {"tokens generated per sequence (inference)", "每条序列生成的 token 数（推理）"},
    {"concurrent inference requests", "并发推理请求数"},
    {"weight storage format", "权重存储格式"},
    {"KV-cache element format", "KV 缓存元素格式"},
    {"accelerator id (llmcalc --list-gpus)", "加速卡 id（llmcalc --list-gpus）"},
    {"number of accelerators", "加速卡数量"},
    {"tensor-parallel size", "张量并行度"},
    {"pipeline-parallel size", "流水线并行度"},
    {"data-parallel size", "数据并行度"},
    {"expert-parallel size", "专家并行度"},
    {"context-parallel size", "上下文并行度"},
    {"sequence parallelism (with tp)", "序列并行（与 tp 配合）"},
    {"ZeRO stage over the data-parallel group (auto: the smallest stage at which the per-GPU total fits)",
     "数据并行组上的 ZeRO 阶段（auto：每 GPU 总显存放得下的最小阶段）"},
    {"training optimizer (llmcalc --list-optimizers)", "训练优化器（llmcalc --list-optimizers）"},
    {"LoRA rank r: width of the low-rank adapters (PEFT default 8)", "LoRA 秩 r：低秩适配器的宽度（PEFT 默认为 8）"},
    {"optimizer-state element format (auto: the optimizer's own; bf16 as pure-BF16 trainers; 8bit: block-wise quantized states)",
     "优化器状态元素格式（auto：优化器自身的格式；bf16：如纯 BF16 训练框架；8bit：分块量化的状态）"},
    {"gradient element format", "梯度元素格式"},
    {"keep fp32 master weights under mixed precision", "混合精度下保留 fp32 主权重"},
    {"activation recomputation (auto: full for finetune=lora/qlora, as LLaMA-Factory and PEFT run them with gradient checkpointing; none otherwise)",
     "激活重计算（auto：finetune=lora/qlora 时为 full，与 LLaMA-Factory 和 PEFT 开启梯度检查点一致；其他情况为 none）"},
    {"training method", "训练方法"},
    {"LoRA target modules, comma list of q,k,v,o,gate,up,down", "LoRA 目标模块，以逗号分隔，取自 q,k,v,o,gate,up,down"},
    {"finetune=freeze: how many last layers are trained", "finetune=freeze：训练最后多少层"},
    {"gradient-accumulation steps", "梯度累积步数"},
    {"training tokens in total, epochs included (empty = auto: 1T for pre-training and finetune=full, 52,002 examples x 512 tokens x 3 epochs = 79,875,072 for finetune=freeze/lora/qlora, Stanford Alpaca's fine-tuning run)",
     "训练 token 总数，含所有轮次（留空 = auto：预训练和 finetune=full 为 1T；finetune=freeze/lora/qlora 为 52,002 条样本 x 512 tokens x 3 轮 = 79,875,072，即 Stanford Alpaca 的微调规模）"},
    {"model FLOPs utilisation assumed for training time: achieved / peak (large runs reach 0.3-0.5: PaLM 540B 0.46, Llama 3 405B 0.38-0.43)",
     "估算训练时间所用的模型 FLOPs 利用率（MFU）：实际 / 峰值（大规模训练一般为 0.3-0.5：PaLM 540B 0.46，Llama 3 405B 0.38-0.43）"},
    {"hardware FLOPs utilisation, recompute counted (achieved TFLOP/s per GPU / peak); 0 = off, else it sets the training time instead of mfu",
     "硬件 FLOPs 利用率（HFU），计入重计算（每 GPU 实际 TFLOP/s / 峰值）；0 = 关闭，否则用它代替 mfu 计算训练时间"},
    {"halve attention-score FLOPs for the causal mask", "因果掩码使注意力分数的 FLOPs 减半"},
    {"attention without a stored s x s score matrix", "注意力计算不保存 s x s 分数矩阵"},
    {"overhead as % of weights + KV cache (10 is a common rule of thumb)", "额外开销，占权重 + KV 缓存的 %（常用经验值为 10）"},
    {"per-GPU CUDA context and framework reserve, GB", "每 GPU 的 CUDA 上下文与框架预留，单位 GB"},
    {"fraction of GPU memory the runtime may use (vLLM gpu_memory_utilization, default 0.9 there)",
     "推理框架可用的显存比例（即 vLLM 的 gpu_memory_utilization，其默认值为 0.9）"},
    {"achieved / peak FLOP/s during prefill (compute-bound; 0.5 = half the datasheet's dense peak)",
     "预填充阶段实际 / 峰值 FLOP/s（计算受限；0.5 = 数据手册稠密峰值的一半）"},
    {"achieved / peak memory bandwidth during decode (memory-bound; 0.8 = 80% of the datasheet bandwidth)",
     "解码阶段实际 / 峰值显存带宽（访存受限；0.8 = 数据手册带宽的 80%）"},
    {"price of one GPU-hour, USD", "每 GPU 小时的价格，单位美元"},
    {"quantized weights: keep token embedding and LM head in 16-bit (default true)", "量化权重时，token 嵌入层和 LM head 保持 16 位（默认 true）"},
    {"paged KV-cache block size in tokens, e.g. vLLM 16 (0 = no rounding)", "分页 KV 缓存的块大小，单位 tokens，如 vLLM 为 16（0 = 不取整）"},
    {"tokens per prefill step, vLLM max_num_batched_tokens (0 = whole prompt)", "每个预填充步的 token 数，即 vLLM 的 max_num_batched_tokens（0 = 整个提示词）"},
    {"per-GPU framework reserve (allocator pools, workspaces), GB", "每 GPU 的框架预留（分配器内存池、工作区），单位 GB"},
    {"training: per-GPU communication buffers, GB", "训练：每 GPU 的通信缓冲，单位 GB"},
    {"training: allocator fragmentation, % of the other terms", "训练：分配器显存碎片，占其他各项之和的 %"},
    {"training: GPUs needed to finish within this many days (0 = off)", "训练：在这么多天内完成所需的 GPU 数（0 = 关闭）"},
    {"training: search TP x PP x DP x ZeRO x micro-batch x recompute layouts", "训练：搜索 TP x PP x DP x ZeRO x 微批 x 重计算的并行布局"},
    {"layout search: sequences per optimizer step (0 = batch x grad_accum x dp)", "布局搜索：每个优化器步的序列数（0 = batch x grad_accum x dp）"},
    {"layout search: number of best layouts reported", "布局搜索：报告的最佳布局数量"},
    {"intra-node per-GPU bandwidth, GB/s (one direction)", "节点内每 GPU 带宽，单位 GB/s（单向）"},
    {"inter-node per-GPU bandwidth, GB/s (one direction)", "节点间每 GPU 带宽，单位 GB/s（单向）"},
    {"GPUs per node (TP stays inside a node)", "每节点 GPU 数（张量并行不跨节点）"},
    {"inference: add tensor-parallel all-reduce time", "推理：计入张量并行 all-reduce 通信时间"},
    {"gpu=custom: memory per GPU, GB", "gpu=custom：每 GPU 显存，单位 GB"},
    {"gpu=custom: memory bandwidth, GB/s", "gpu=custom：显存带宽，单位 GB/s"},
    {"gpu=custom: dense 16-bit TFLOPS", "gpu=custom：16 位稠密 TFLOPS"},
    {"Apple unified memory: share the GPU may use (default 0.75)", "Apple 统一内存：GPU 可用的比例（默认 0.75）"},
    // model panel
    {"Model", "模型"}, {"type to search", "输入以搜索"}, {"nothing matches", "没有匹配项"}, {"bits", "位"},
    {"(config.json replaces the preset)", "（config.json 取代预设）"},
    {"file: %s", "文件：%s"},  // the Preset control with a model file loaded
    {"Hugging Face config.json (paste with Ctrl+V, or drop the file on the page):", "Hugging Face config.json（用 Ctrl+V 粘贴，或把文件拖到页面上）："},
    {"Clear config", "清除配置"}, {"the config replaces the preset", "该配置取代预设"},
    {"Dimensions (empty = the model's value):", "维度（留空 = 模型自身的值）："}, {"Reset dimensions", "重置维度"},
    {"%s (not applied)", "%s（未应用）"},
    {"My models", "我的模型"}, {"name", "名称"}, {"Save config as", "将配置另存为"}, {"Use", "选用"},
    {"Delete", "删除"}, {"paste a config.json above to save it here", "在上方粘贴 config.json 后即可保存到这里"},
    {"saved in this browser (localStorage)", "保存在本浏览器中（localStorage）"},
    // scenario panel
    {"Scenario", "场景"}, {"Hardware and parallelism", "硬件与并行"}, {"Training", "训练"}, {"Assumptions", "假设"},
    // results
    {"%s  ·  %s parameters (%s active)  ·  %s on %lld × %s", "%s  ·  参数量 %s（激活 %s）  ·  %s，%lld × %s"},
    {"Fits on each GPU?", "单卡显存够用吗？"}, {"yes ✓", "够用 ✓"}, {"no ✗", "不够 ✗"},
    {"Memory per GPU", "每 GPU 显存"}, {"%s of %s", "%s / %s"}, {"GPUs needed", "所需 GPU 数"},
    {"none fits", "无法放下"}, {"Training time", "训练时间"}, {"GPU-hours", "GPU 小时"}, {"Cost", "成本"},
    {"GPUs for the deadline", "按期完成所需 GPU"}, {"%s × %s to finish in %s days", "%s × %s，%s 天内完成"},
    {"Training FLOPs", "训练 FLOPs"}, {"Trainable params", "可训练参数量"},
    {"Tokens/s per request", "每请求每秒生成 token 数"},
    {"Generated tokens ÷ latency", "生成 token ÷ 延迟"}, {"%s per request, %s total", "每请求 %s，总计 %s"},
    {"Prompt FLOPs (prefill)", "提示词 FLOPs（预填充）"}, {"%s per request", "每请求 %s"}, {"auto", "自动"},
    {"Base weights: NF4 (QLoRA's 4-bit NormalFloat); Weights (%s) is the adapters' compute format",
     "基座权重：NF4（QLoRA 的 4 位 NormalFloat）；权重（%s）是适配器的计算格式"},
    {"fastest step, least memory of the equally fast", "单步最快，同速中显存最少"}, {"fastest step", "单步最快"},
    {"as fast, more memory", "同样快，显存更多"}, {"%s%% longer step", "单步慢 %s%%"}, {"why it wins", "胜出原因"},
    {"Largest that fits at this layout: sequence %s, micro-batch %s", "此布局下可容纳的最大值：序列长度 %s，微批大小 %s"},
    {"Even a one-token sequence does not fit at this layout.", "此布局下连 1 个 token 的序列也放不下。"},
    {"NF4 base · %s adapters", "NF4 基座 · %s 适配器"},
    {"Tokens: %s (auto: a pre-training run; type yours in Tokens)", "训练 token：%s（自动：按预训练计；可在“训练 token 数”中填写）"},
    {"Tokens: %s (auto: Stanford Alpaca's fine-tuning, 52,002 examples × 512 tokens × 3 epochs; type your dataset's "
     "tokens × epochs in Tokens)",
     "训练 token：%s（自动：按 Stanford Alpaca 的微调规模，52,002 条样本 × 512 token × 3 轮；请在“训练 token 数”中填写你的数据集 token 数 × 轮数）"},
    {"auto: %s", "自动：%s"}, {"(if it fit)", "（假如放得下）"},
    {"It does not fit: the speeds and times below are what it would do if it fit.",
     "放不下：下面的速度和时间是假如放得下时的数值。"},
    {"Recompute: full (auto: gradient checkpointing, as LLaMA-Factory and PEFT run LoRA/QLoRA)",
     "激活重计算：全量（自动：梯度检查点，LLaMA-Factory 与 PEFT 对 LoRA/QLoRA 默认如此）"}, {"Tokens/s total", "总计每秒生成 token 数"},
    {"TTFT (prefill)", "首 token 延迟 (TTFT)"}, {"TPOT (decode)", "每 token 延迟 (TPOT)"},
    {"memory-bound", "访存受限"}, {"compute-bound", "计算受限"}, {"Latency", "总延迟"},
    {"Training memory per GPU", "每 GPU 训练显存"}, {"Inference memory per GPU", "每 GPU 推理显存"},
    {"weights", "权重"}, {"gradients", "梯度"}, {"optimizer", "优化器状态"}, {"master weights", "主权重"},
    {"activations", "激活值"}, {"overhead", "额外开销"},
    {"%s: %s (%s bytes)", "%s：%s（%s 字节）"}, {"| GPU usable %s", "| GPU 可用 %s"},
    {"source: %s", "来源：%s"}, {"note: %s", "注：%s"}, {"report path: %s", "报告路径：%s"},
    {"Inference memory", "推理显存"}, {"Training memory", "训练显存"}, {"per GPU", "每 GPU"}, {"bytes", "字节"},
    {"activations (peak)", "激活值（峰值）"}, {"total", "合计"}, {"total, model-parallel group", "合计（模型并行组）"},
    {"KV cache per token", "每 token KV 缓存"}, {"optimizer states", "优化器状态"},
    {"linear-attention state", "线性注意力状态"}, {"state per sequence", "每序列状态"}, {"state", "状态"},
    {"sparse-attention indexer cache", "稀疏注意力索引器缓存"}, {"indexer cache per token", "每 token 索引器缓存"},
    {"indexer cache", "索引器缓存"},
    {"trainable parameters", "可训练参数量"},
    {"Parameters", "参数量"}, {"parameters", "参数"}, {"count", "数量"}, {"exact", "精确值"},
    {"active per token", "每 token 激活参数"}, {"embedding", "嵌入"}, {"non-embedding", "非嵌入"},
    {"by component (sum = total)", "各组件（之和 = 总数）"},
    {"MTP modules", "MTP 模块"}, {"rule of thumb 12·l·h²", "经验公式 12·l·h²"},
    {"FLOPs per token", "每 token FLOPs"}, {"per token", "每 token"}, {"forward", "前向"},
    {"attention projections", "注意力投影"}, {"attention scores", "注意力分数"}, {"MLP / experts", "MLP / 专家"},
    {"LM head", "LM 输出头"}, {"decode (with KV cache)", "解码（使用 KV 缓存）"},
    {"training (executed)", "训练（实际执行）"}, {"training (model, 3× forward)", "训练（模型，3× 前向）"},
    {"6N rule (Kaplan)", "6N 规则 (Kaplan)"},
    {"Notes and warnings", "说明与警告"}, {"model source: %s", "模型来源：%s"},
    {"%s: %s (not applied)", "%s：%s（未应用）"},
    {"The inputs have problems (fields are marked):", "输入有问题（已在对应字段处标出）："},
    {"Showing the last valid result:", "显示上一次有效的结果："},
    // charts.cpp, compare.cpp (H7's panels)
    {"Charts", "图表"}, {"Compare", "对比"}, {"Memory vs batch", "显存随批大小变化"},
    {"Memory vs context length", "显存随上下文长度变化"}, {"Throughput vs batch", "吞吐随批大小变化"},
    {"Fits on one GPU? batch × context", "单卡放得下吗？批大小 × 上下文长度"},
    {"Colour: memory per GPU as % of usable GPU memory (log scale).", "颜色：每 GPU 显存占可用显存的百分比（对数刻度）。"},
    {"White line: capacity (memory = usable GPU memory); cells below and left of it fit.", "白线：容量（显存 = 可用显存）；线左下方的格子放得下。"},
    {"% of usable", "% 可用显存"}, {"GPU usable", "GPU 可用"}, {"batch (sequences)", "批大小（序列数）"},
    {"context", "上下文"}, {"context length (tokens)", "上下文长度（token）"}, {"memory per GPU", "每 GPU 显存"},
    {"fits on one GPU", "单卡放得下"}, {"does not fit on one GPU", "单卡放不下"},
    {"shaded: does not fit on one GPU", "阴影：单卡放不下"}, {"tokens/s per request", "每请求 token/s"},
    {"tokens/s total", "总计 token/s"}, {"tokens/s total (left)", "总计 token/s（左轴）"},
    {"TPOT, time per output token (right)", "TPOT，每个输出 token 的时间（右轴）"}, {"TTFT", "TTFT"}, {"TPOT", "TPOT"},
    {"Save PNG", "保存 PNG"}, {"The heatmap shader failed:", "热力图着色器出错："},
    {"Pin a scenario to compare the next one with it.", "固定一个场景，再与之后的场景对比。"},
    {"Pin as A", "固定为 A"}, {"Pin current as A", "将当前场景固定为 A"}, {"Unpin", "取消固定"},
    {"keeps this scenario as A; later changes are B, compared with A", "将此场景保留为 A；之后的修改为 B，与 A 对比"},
    {"(defaults)", "（默认值）"}, {"B has input errors: nothing to compare.", "B 的输入有错误：无法对比。"},
    {"not used (MLA)", "不适用（MLA）"},
    {"The inputs have problems:", "输入有问题："}, {"yes", "是"}, {"no", "否"},
    {": ", "："}, {".", "。"}, {" ", ""},  // the screen-reader text's punctuation and sentence space (export_plain,
                                          // results_text.cpp): Chinese puts no space after "。"
    // extras.cpp (H9's panels: export, precision reference, layer stack)
    {"Export:", "导出："}, {"Copy as Markdown", "复制为 Markdown"}, {"Copy as CSV", "复制为 CSV"},
    {"Copy as JSON", "复制为 JSON"}, {"copied", "已复制"}, {"copying...", "正在复制..."},
    {"the browser refused the clipboard; Ctrl+V inside this page still pastes it", "浏览器拒绝了剪贴板；在本页内按 Ctrl+V 仍可粘贴"},
    {"headline, memory, parameters and FLOPs as Markdown tables", "概览、显存、参数量和 FLOPs，Markdown 表格"},
    {"one row per number: section, quantity, exact value, unit, report path", "每个数字一行：分区、量、精确值、单位、报告路径"},
    {"the full report, as the CLI and the JS API write it", "完整报告，与 CLI 和 JS API 的输出相同"},
    {"Precision reference", "数值格式参考"},
    // the GPU table (extras.cpp)
    {"GPU table", "GPU 一览表"},
    {"Memory, bandwidth and dense peak TFLOPS by precision, from each datasheet. Tap a row to use that GPU; tap its "
     "name for the sources.",
     "显存、带宽和各精度的稠密峰值 TFLOPS，均取自各自的数据手册。点按一行即使用该 GPU；点按其名称查看来源。"},
    {"Memory, bandwidth and dense peak TFLOPS by precision, from each datasheet. Click a row to use that GPU; hover "
     "its name for the sources.",
     "显存、带宽和各精度的稠密峰值 TFLOPS，均取自各自的数据手册。单击一行即使用该 GPU；悬停在名称上查看来源。"},
    {"filter, e.g. h100 or 4090", "筛选，例如 h100 或 4090"},
    {"No GPU in the table matches these words.", "表中没有与这些词匹配的 GPU。"},
    {"memory (GB)", "显存 (GB)"}, {"memory (GiB)", "显存 (GiB)"}, {"memory", "显存"},
    {"bandwidth (TB/s)", "带宽 (TB/s)"},
    {"FP32 TFLOPS", "FP32 TFLOPS"}, {"TF32 TFLOPS", "TF32 TFLOPS"}, {"BF16 TFLOPS", "BF16 TFLOPS"},
    {"FP8 TFLOPS", "FP8 TFLOPS"}, {"FP4 TFLOPS", "FP4 TFLOPS"},
    {"* some figure not confirmed from the vendor datasheet", "* 部分数值未经厂商数据手册确认"},
    {"Bit layout and range of number formats; hover a row for its specification.", "数值格式的位布局与范围；悬停在行上可查看其规范。"},
    {"Bit layout and range of number formats; tap a row for its specification.", "数值格式的位布局与范围；轻点某行可查看其规范。"},
    {"Format", "格式"}, {"Bits", "位数"}, {"Bytes", "字节数"}, {"Sign", "符号"}, {"Exp.", "指数"}, {"Mant.", "尾数"},
    {"Max", "最大值"}, {"Min normal", "最小正规数"}, {"smallest subnormal", "最小次正规数"}, {"Inf / NaN", "Inf / NaN"},
    {"block scaling", "块缩放"}, {"Used for", "用途"}, {"source", "来源"}, {"range", "范围"},
    {"Layers (thop/ptflops style)", "逐层统计（thop/ptflops 风格）"}, {"layer", "层"}, {"output", "输出"},
    {"params", "参数"}, {"MACs", "MACs"}, {"FLOPs", "FLOPs"}, {"figure", "指标"}, {"line", "行"},
    // answer.cpp (the answer card)
    {"model states pooled as under ZeRO-3 (nothing fits at this ZeRO stage)", "按 ZeRO-3 合并模型状态（此 ZeRO 阶段放不下）"},
    {"the model is the pasted config.json (Model panel below)", "模型取自粘贴的 config.json（见下方“模型”面板）"},
    {"✓ Fits: %s of %s per GPU (%s%%)", "✓ 放得下：每 GPU %s / %s（%s%%）"},
    {"✗ Does not fit: %s per GPU, %s usable (%s%%)", "✗ 放不下：每 GPU 需 %s，可用 %s（%s%%）"},
    {"largest part: %s, %s per GPU", "最大部分：%s，每 GPU %s"}, {"; it alone exceeds the GPU", "；仅此一项就超过单卡显存"},
    {"Largest that fits on these GPUs: context %s, batch %s, concurrency %s", "这些 GPU 上能放下的最大值：上下文 %s，批大小 %s，并发数 %s"},
    {"Even the shortest context does not fit on these GPUs.", "即使最短的上下文，这些 GPU 也放不下。"},
    {"; pooled memory alone: %s", "；仅按合并显存计：%s"},
    {"A is kept in the link", "A 保存在链接中"}, {"(long value: see the input)", "（值较长：请查看输入框）"},
    {"no input differs", "输入均相同"},
    {"Best parallel layouts", "最佳并行布局"},
    {"Search TP × PP × DP × ZeRO × micro-batch × recompute layouts on these GPUs, ranked by estimated step time:", "在这些 GPU 上搜索 TP × PP × DP × ZeRO × 微批大小 × 重计算的布局，按估计的单步时间排序："},
    {"Search layouts", "搜索布局"}, {"%lld layouts tried, %lld fit; global batch %lld sequences; fastest first:", "尝试了 %lld 种布局，%lld 种放得下；全局批大小 %lld 条序列；最快的在前："},
    {"no layout fits on these GPUs", "这些 GPU 上没有放得下的布局"}, {"micro-batch", "微批大小"}, {"recompute", "重计算"},
    // the layout table's column heads: the parallelism abbreviations are written the same in Chinese
    {"TP", "TP"}, {"PP", "PP"}, {"DP", "DP"}, {"EP", "EP"}, {"ZeRO", "ZeRO"},
    {"step time", "单步时间"}, {"bubble", "气泡"}, {"largest overhead", "最大开销"}, {"pipeline bubble", "流水线气泡"},
    {"TP communication", "TP 通信"}, {"PP communication", "PP 通信"}, {"DP communication", "DP 通信"},
    {"EP all-to-all", "EP all-to-all"},
    {"no tensor × pipeline split fits", "没有可放下的张量 × 流水线切分"}, {"TP %s × PP %s × DP %s", "TP %s × PP %s × DP %s"},
    {"the fewest of these GPUs that fit", "能放下的最少 GPU 数"},
    {"nothing fits on these GPUs: the split with the least memory per GPU", "这些 GPU 上放不下：取每 GPU 显存最少的切分"},
    {"data parallel over the rest of the GPUs", "其余 GPU 做数据并行"}, {"as set below", "按下方设置"}, {"one GPU", "单 GPU"},
    {"Layout: TP %s × PP %s × DP %s", "布局：TP %s × PP %s × DP %s"}, {", ZeRO %s", "，ZeRO %s"},
    {"ZeRO: stage %s (auto: the lowest stage that fits; Megatron-LM's distributed optimizer is stage 1)",
     "ZeRO：阶段 %s（自动：放得下的最低阶段；Megatron-LM 的分布式优化器即阶段 1）"}, {", %s replicas", "，%s 个副本"},
    // model_file_ui.cpp (a GGUF / safetensors file read by its headers)
    {"Open model file...", "打开模型文件..."},
    {"GGUF, or safetensors (all shards, with model.safetensors.index.json and config.json if you have them); or drop the files on the page. Only the headers are read, in this browser: nothing is uploaded.", "GGUF，或 safetensors（全部分片，如有 model.safetensors.index.json 和 config.json 也一并选择）；也可以把文件拖到页面上。只在本浏览器中读取文件头，不上传任何内容。"},
    {"reading the header of %s (file %s): %s read", "正在读取 %s 的文件头（第 %s 个文件）：已读 %s"},
    {"GGUF or safetensors: exact numbers from the file's header", "GGUF 或 safetensors：由文件头得到精确数字"},
    {"%s and %s more", "%s 及另外 %s 个文件"}, {"%s: %s, %s tensors", "%s：%s，%s 个张量"}, {"Remove file", "移除文件"},
    {"Parameters (exact, from the file): %s", "参数量（精确，来自文件）：%s"},
    {"Type", "类型"}, {"Tensors", "张量数"}, {"Stored bytes", "存储字节数"},
    {"With this file: %s per GPU of %s usable on %s", "使用此文件：每 GPU %s，可用 %s，%s"},
    {"The file does not give %s: type it below, or drop or paste the model's config.json", "文件未给出 %s：请在下方填写，或拖入或粘贴该模型的 config.json"},
    {"The model file could not be read:", "无法读取模型文件："},
    {"the file replaces the preset model and its weights count as stored; it is not kept in the link", "文件取代预设模型，权重按文件中的存储计算；文件不会保存在链接中"},
    {"the model is the file %s, its weights as stored (see below)", "模型取自文件 %s，权重按存储计算（见下方）"},
    // format.cpp time units
    // labels of keys added later, values of choices, parameter components, the layer calculator's help
    {"Optimizer states", "优化器状态精度"}, {"HFU", "HFU"}, {"Keep GQA ratio", "保持 GQA 比例"},
    {"auto", "自动"}, {"fp32", "FP32"}, {"bf16", "BF16"}, {"fp16", "FP16"}, {"8bit", "8 位"}, {"lora", "LoRA"},
    {"qlora", "QLoRA"}, {"embed_tokens", "词嵌入 (embed_tokens)"}, {"lm_head", "输出头 (lm_head)"},
    {"attn_q", "注意力 Q (attn_q)"}, {"attn_k", "注意力 K (attn_k)"}, {"attn_v", "注意力 V (attn_v)"},
    {"attn_o", "注意力输出 (attn_o)"}, {"attn_norms_sinks", "注意力归一化与 sink"}, {"mlp", "MLP"},
    {"layer_norms", "层归一化"}, {"final_norm", "最终归一化"}, {"embed_positions", "位置嵌入 (embed_positions)"},
    {"attn_bias", "注意力偏置 (attn_bias)"}, {"experts", "路由专家 (experts)"}, {"shared_experts", "共享专家 (shared_experts)"},
    {"router", "路由器 (router)"}, {"moe_latent", "潜空间投影 (moe_latent)"}, {"linear_attn", "线性注意力 (linear_attn)"},
    {"indexer", "稀疏注意力索引器 (indexer)"},
    {"mtp", "多 token 预测层 (mtp)"}, {"vision_encoder", "视觉编码器 (vision_encoder)"},
    {"mm_projector", "多模态投影层 (mm_projector)"}, {"vision tower", "视觉塔"}, {"given", "输入的参数量 (given)"},
    {"One layer per line: linear in= out= [n=] | conv2d in= out= k= s= p= h= w= | layernorm dim= | rmsnorm dim= | "
     "embedding vocab= dim= | attention embed= heads= seq= | block hidden= heads= seq= [ffn=]. 1 MAC = 2 FLOPs.",
     "每行一层：linear in= out= [n=] | conv2d in= out= k= s= p= h= w= | layernorm dim= | rmsnorm dim= | "
     "embedding vocab= dim= | attention embed= heads= seq= | block hidden= heads= seq= [ffn=]。1 次乘加 (MAC) = 2 FLOPs。"},
    // formulas and unit symbols: the same in Chinese
    {"PaLM 6N + 12LHQT", "PaLM 6N + 12LHQT"}, {"l(12h² + 13h) + Vh", "l(12h² + 13h) + Vh"}, {"GB", "GB"},
    {"GiB", "GiB"}, {"s", "s"}, {"ms", "ms"}, {"us", "µs"},  // "us": export_plain's microseconds (the screen-reader text)
    // the screen-reader text (export_plain's phrases, see extras.cpp)
    {"%s, %s on %s x %s", "%s，%s，%s × %s"}, {"fits on each GPU", "每 GPU 放得下"},
    {"usable memory of one GPU", "单 GPU 可用显存"}, {"training time", "训练时间"}, {"cost", "费用"},
    {"training FLOPs", "训练 FLOPs"}, {"latency", "延迟"},
    {"min", "分钟"}, {"h", "小时"}, {"days", "天"}, {"years", "年"},
};
// clang-format on
constexpr size_t kEntries = sizeof kTable / sizeof kTable[0];

// The English column alone, taken at compile time: a build that never reads kTable at run time (LLMCALC_ZH_PACK)
// does not emit it, and its Chinese literals with it.
template <size_t... I>
constexpr std::array<const char*, sizeof...(I)> english_of(std::index_sequence<I...>) {
    return {{kTable[I].en...}};
}
constexpr std::array<const char*, kEntries> kEnglish = english_of(std::make_index_sequence<kEntries>{});

// FNV-1a (64 bit) of the English column, each key with its NUL, in hex: llmcalc-zh.json carries the value of the
// build that wrote it, so Chinese strings are never paired with the keys of another build.
std::string english_digest() {
    uint64_t h = 14695981039346656037ull;
    for (const char* key : kEnglish)
        for (const char* c = key;; ++c) {
            h = (h ^ static_cast<unsigned char>(*c)) * 1099511628211ull;
            if (!*c) break;
        }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

// The table in use (compiled in, or loaded) and its lookup by English.
struct Table {
    std::vector<Entry> entries;
    std::unordered_map<std::string, const char*> zh;
};

void index_by_english(Table& t) {
    t.zh.clear();
    for (const Entry& e : t.entries) t.zh.emplace(e.en, e.zh);
}

Table& table() {
    static Table g_table = [] {
        Table out;
#ifndef LLMCALC_ZH_PACK
        out.entries.assign(std::begin(kTable), std::end(kTable));
        index_by_english(out);
#endif
        return out;
    }();
    return g_table;
}

const std::unordered_map<std::string, const char*>& zh_map() { return table().zh; }

}  // namespace

// English strings asked for under Chinese that the table lacks (test hook: window.llmcalcApp.untranslated()).
std::set<std::string> g_missing;

const char* tr(const char* english) {
    if (g_lang == Lang::En || !g_zh_drawable || !english) return english;
    const auto& m = zh_map();
    auto it = m.find(english);
    if (it != m.end()) return it->second;
    // a string without a letter (a number such as a ZeRO stage of the zero list, a symbol) reads the same in
    // Chinese unless the table says otherwise (the punctuation ": " and ".")
    bool letter = false;
    for (const char* c = english; *c && !letter; ++c) letter = std::isalpha(static_cast<unsigned char>(*c)) != 0;
    if (!letter) return english;
    if (g_missing.size() < 1000) g_missing.insert(english);
    return english;
}

std::string tr_message(const std::string& english) {
    if (g_lang == Lang::En || !g_zh_drawable) return english;
    if (auto zh = llmcalc::message_zh(english)) return *zh;
    if (g_missing.size() < 1000) g_missing.insert(english);
    return english;
}

const std::set<std::string>& untranslated() { return g_missing; }

const std::string& zh_text(const std::string& en, const std::string& zh) {
    if (g_lang != Lang::Zh || !g_zh_drawable) return en;
    if (zh.empty() && !en.empty()) g_missing.insert(en);
    return zh.empty() ? en : zh;
}

std::string filled(const char* format, const std::string& a, const std::string& b, const std::string& c) {
    char buf[512];
    std::snprintf(buf, sizeof buf, format, a.c_str(), b.c_str(), c.c_str());
    return buf;
}

std::vector<std::pair<std::string, std::string>> string_table() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Entry& e : table().entries) out.emplace_back(e.en, e.zh);
    return out;
}

std::string zh_pack_json() {
    llmcalc::json::Writer w;
    // the UI's Chinese in kTable's order (the page has the English), with the digest of that English
    w.begin_object().key("ui_english").value(english_digest()).key("ui").begin_array();
    for (const Entry& e : table().entries) w.value(e.zh);  // kTable's order (compiled in, or as loaded)
    w.end_array().key("messages").begin_array();
    for (const llmcalc::MessageTemplate& t : llmcalc::message_templates())
        w.begin_array().value(t.en).value(t.zh).end_array();
    w.end_array().end_object();
    return w.take();
}

bool load_zh_pack(std::string_view json, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    const llmcalc::json::ParseResult parsed = llmcalc::json::parse(json);
    if (!parsed.ok()) return fail("not valid JSON: " + parsed.error);
    const llmcalc::json::Value* digest = parsed.value.find("ui_english");
    if (!digest || !digest->is_string() || digest->as_string() != english_digest())
        return fail("'ui_english' is not this page's (the file is of another build)");
    const llmcalc::json::Value* ui_list = parsed.value.find("ui");
    const bool ui_ok = ui_list && ui_list->is_array() && ui_list->size() == kEntries &&
                       std::all_of(ui_list->items().begin(), ui_list->items().end(),
                                   [](const llmcalc::json::Value& v) { return v.is_string(); });
    if (!ui_ok) return fail("'ui' is not a list of " + std::to_string(kEntries) + " strings");
    // [["English", "中文"], ...], every pair two strings
    const llmcalc::json::Value* messages = parsed.value.find("messages");
    auto is_pair = [](const llmcalc::json::Value& p) {
        return p.is_array() && p.size() == 2 && p[0].is_string() && p[1].is_string();
    };
    if (!messages || !messages->is_array() || messages->size() == 0 ||
        !std::all_of(messages->items().begin(), messages->items().end(), is_pair))
        return fail("'messages' is not a non-empty list of [English, Chinese] pairs");
    // The texts live here for the rest of the page's life (the tables point into them); a second load replaces them.
    static std::vector<std::string> g_pack_texts;
    std::vector<std::string> texts;
    texts.reserve(kEntries + 2 * messages->size());
    for (const llmcalc::json::Value& v : ui_list->items()) texts.push_back(v.as_string());
    for (const llmcalc::json::Value& p : messages->items()) {
        texts.push_back(p[0].as_string());
        texts.push_back(p[1].as_string());
    }
    Table t;
    std::vector<llmcalc::MessageTemplate> templates;
    size_t at = 0;
    for (size_t i = 0; i < kEntries; ++i, ++at) t.entries.push_back({kEnglish[i], texts[at].c_str()});
    for (size_t i = 0; i < messages->size(); ++i, at += 2)
        templates.push_back({texts[at].c_str(), texts[at + 1].c_str()});
    index_by_english(t);
    g_pack_texts.swap(texts);  // the old texts go only after both tables point at the new ones
    llmcalc::set_message_templates(templates);
    table() = std::move(t);
    return true;
}

bool has_translation(const char* english) { return english && zh_map().count(english) > 0; }

void set_lang(Lang l) { g_lang = l; }
Lang lang() { return g_lang; }
void set_zh_drawable(bool yes) { g_zh_drawable = yes; }
bool zh_drawable() { return g_zh_drawable; }

}  // namespace ui
