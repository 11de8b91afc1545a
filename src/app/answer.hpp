// The answer card: the inputs of the common question (model or config.json, task, context, weights and KV formats,
// GPU, GPU count, fine-tuning method) and the answer (fits or not and why, memory per GPU with its bar, GPUs needed
// with the layout it assumes, speed or training time and cost). It sits at the top of the page, and alone in embed
// mode. Every figure is read from the report: the app computes nothing itself.
#pragma once

#include "app_state.hpp"

namespace ui {

void draw_answer_card(AppState& s);
// window.llmcalcApp.answer() (docs/js-api.md): what the card showed in the last frame.
std::string answer_json(const AppState& s);
// Training: the layout search's ranked table (report path layout.best), or a button that turns the search on.
void draw_layout_table(AppState& s);

}  // namespace ui
