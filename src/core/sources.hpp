// The five articles whose formulas and worked examples llmcalc reproduces, cited by their published titles wherever
// a citation reaches a person (the explanations, `--explain`, the precision reference, the GPU catalog): the project's
// own names for them ("seed 000" ... "seed 004") appear only in code comments and tests. The titles are Chinese, as
// published; src/app/font_embed.py embeds the characters of this file's literals in the font drawn in every language.
#pragma once

#define LLMCALC_SEED000 "《计算量评估》"
#define LLMCALC_SEED001 "《大模型训练内存与参数计算》(刘凯旋)"
#define LLMCALC_SEED002 "《LLM推理与训练显存的计算方法》(2024)"
#define LLMCALC_SEED003 "《大模型参数量与计算量(FLOPs)估算方法》"
#define LLMCALC_SEED004 "《简单计算LLM推理和训练所需资源》"
