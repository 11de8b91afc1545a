// The answer card (answer.hpp). What it showed in the last frame is kept as JSON for window.llmcalcApp.answer().
#include "answer.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "catalog.hpp"
#include "format.hpp"
#include "formats.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "json.hpp"
#include "panels.hpp"

namespace ui {
namespace {

float em(float n) { return n * ImGui::GetFontSize(); }

// The inputs of the card, in two columns on wide screens (one below the other on narrow ones).
struct CardKeys {
    std::vector<const char*> left, right;
};
CardKeys card_keys(const AppState& s) {
    // training: recompute is an assumption a fine-tuner checks first (auto = full for LoRA/QLoRA), so it is here;
    // deadline_days: the inverse question of a pretraining run (how many GPUs to finish in N days)
    CardKeys k = s.inputs.task == llmcalc::Task::Training
                     ? CardKeys{{"model", "task", "finetune", "seq", "weights", "recompute"},
                                {"gpu", "gpus", "zero", "tokens", "deadline_days"}}
                     : CardKeys{{"model", "task", "seq", "weights"}, {"kv", "gpu", "gpus"}};
    // parameters only (total_params): its count, and the active count of an MoE, right under the model
    if (s.inputs.total_params) k.left.insert(k.left.begin() + 1, {"total_params", "active_params"});
    return k;
}

}  // namespace

// Last frame's answer, for the test hook: the figures' report values and the texts as drawn (current language).
struct AnswerView {
    llmcalc::json::Writer w;
    std::string json = "{\"ok\":false}";
    std::vector<std::pair<std::string, std::string>> texts;
};

namespace {

void shown(const AppState& s, const char* name, const std::string& text) {
    s.views.answer->texts.emplace_back(name, text);
}

// A figure: caption over value in a table cell; hovering either explains `path`.
// if_fit: a speed or time of a scenario that does not fit, greyed and marked as what it would be if it fit.
void stat(const AppState& s, const llmcalc::Report& r, const char* name, const char* caption, const std::string& shown_value,
          const char* path, const ImVec4* color = nullptr, bool if_fit = false) {
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", tr(caption));
    bool hovered = ImGui::IsItemHovered();
    const std::string value = if_fit ? shown_value + "  " + tr("(if it fit)") : shown_value;
    const ImVec4 grey = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    if (if_fit) color = &grey;
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImGui::TextWrapped("%s", value.c_str());
    if (color) ImGui::PopStyleColor();
    hovered = hovered || ImGui::IsItemHovered();
    explain_last_item(s, r, path, hovered);
    shown(s, name, value);
}

// The layout GPUs needed assumes (report paths gpus_needed_layout, gpus_needed_basis).
std::string gpus_needed_layout(const llmcalc::Report& r) {
    const std::string& basis = r.gpus_needed_basis;
    if (basis == "pooled_zero3") return tr("model states pooled as under ZeRO-3 (nothing fits at this ZeRO stage)");
    if (basis == "pooled") return tr("the weights divided evenly; a real split follows the heads and layers");
    if (r.gpus_needed_tp <= 0) return tr("no tensor × pipeline split fits");
    std::string out = filled(tr("TP %s × PP %s × DP %s"), std::to_string(r.gpus_needed_tp),
                             std::to_string(r.gpus_needed_pp), std::to_string(std::max<int64_t>(1, r.gpus_needed_dp)));
    if (basis == "dp" && r.gpus_needed_zero > 0) out += filled(tr(", ZeRO %s"), std::to_string(r.gpus_needed_zero));
    return out;
}

// The layout every per-GPU figure uses (report path parallel), and how it was chosen.
std::string layout_used(const llmcalc::Report& r, bool training) {
    const llmcalc::ParallelUsed& p = r.parallel;
    const char* why = p.basis == "smallest_fit"    ? "the fewest of these GPUs that fit"
                      : p.basis == "lowest_memory" ? "nothing fits on these GPUs: the split with the least memory per GPU"
                      : p.basis == "fill_dp"       ? "data parallel over the rest of the GPUs"
                      : p.basis == "explicit"      ? "as set below"
                      : p.basis == "even_split"    ? "parameters only: the weights divided evenly over these GPUs"
                                                   : "one GPU";
    std::string out = filled(tr("Layout: TP %s × PP %s × DP %s"), std::to_string(p.tp), std::to_string(p.pp),
                             std::to_string(p.dp));
    if (p.cp > 1) out += " × CP " + std::to_string(p.cp);
    if (training && r.zero > 0) out += filled(tr(", ZeRO %s"), std::to_string(r.zero));
    if (p.replicas > 1) out += filled(tr(", %s replicas"), std::to_string(p.replicas));
    return out + " (" + tr(why) + ")";
}

// The defaults a training answer rests on that a practitioner would check, named (empty when none applies):
// QLoRA's base weights in NF4 whatever Weights says, recompute=auto chosen as full for LoRA/QLoRA.
std::string assumptions(const AppState& s, const llmcalc::Report& r) {
    std::string out;
    if (s.inputs.task != llmcalc::Task::Training) return out;
    const llmcalc::NumberFormat* wf = llmcalc::find_weight_format(s.inputs.weights);
    if (s.inputs.finetune == llmcalc::Finetune::Qlora && wf && !wf->quantized)
        out = filled(tr("Base weights: NF4 (QLoRA's 4-bit NormalFloat); Weights (%s) is the adapters' compute format"),
                     s.inputs.weights);
    if (s.inputs.recompute == llmcalc::Recompute::Auto && r.recompute == llmcalc::Recompute::Full) {
        if (!out.empty()) out += "  ·  ";
        out += tr("Recompute: full (auto: gradient checkpointing, as LLaMA-Factory and PEFT run LoRA/QLoRA)");
    }
    // tokens=auto (report path time.training_tokens, resolved_tokens): a fine-tune's dataset, not a corpus
    if (!s.inputs.tokens) {
        if (!out.empty()) out += "  ·  ";
        const std::string n = fmt_ui::with_commas(static_cast<int64_t>(r.training_tokens));
        out += s.inputs.finetune == llmcalc::Finetune::Full
                   ? filled(tr("Tokens: %s (auto: a pre-training run; type yours in Tokens)"), n)
                   : filled(tr("Tokens: %s (auto: Stanford Alpaca's fine-tuning, 52,002 examples × 512 tokens × 3 "
                               "epochs; type your dataset's tokens × epochs in Tokens)"), n);
    }
    if (s.inputs.zero == llmcalc::kZeroAuto && r.parallel.dp > 1) {
        if (!out.empty()) out += "  ·  ";
        out += filled(tr("ZeRO: stage %s (auto: the lowest stage that fits; Megatron-LM's distributed optimizer is stage 1)"),
                      std::to_string(r.zero));
    }
    return out;
}

struct Part {
    const char* name;
    int64_t bytes;
};

void draw_inputs(AppState& s) {
    const CardKeys keys = card_keys(s);
    // tokens=auto shows the count it stands for in the empty field (resolved_tokens, the core's one resolution)
    const std::string tokens_hint =
        filled(tr("auto: %s"), fmt_ui::with_commas(static_cast<int64_t>(llmcalc::resolved_tokens(s.inputs))));
    auto column = [&](const char* id, const std::vector<const char*>& list) {
        if (!begin_input_rows(id)) return;
        for (const char* k : list)
            input_row(s, k, std::string(k) == "tokens"          ? tokens_hint.c_str()
                            : std::string(k) == "active_params" ? tr("all of them")
                                                                : nullptr);
        ImGui::EndTable();
    };
    shown(s, "weights_field", weights_field_text(s, s.inputs.weights));
    if (ImGui::GetContentRegionAvail().x >= em(40) && ImGui::BeginTable("card_inputs", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        column("card_left", keys.left);
        ImGui::TableNextColumn();
        column("card_right", keys.right);
        ImGui::EndTable();
    } else {
        std::vector<const char*> all = keys.left;
        all.insert(all.end(), keys.right.begin(), keys.right.end());
        column("card_all", all);
    }
    // wrapped: a long file name on a phone
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (!s.inputs.config.empty()) ImGui::TextWrapped("%s", tr("the model is the pasted config.json (Model panel below)"));
    if (s.file && !s.file->files.empty())
        ImGui::TextWrapped(tr("the model is the file %s, its weights as stored (see below)"), s.file->files[0].c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

void draw_answer(const AppState& s, const llmcalc::Report& r) {
    const bool training = s.inputs.task == llmcalc::Task::Training;
    const auto& im = r.inference_memory;
    const auto& tm = r.training_memory;
    const double per_gpu = static_cast<double>(training ? tm.total_bytes : im.total_bytes);
    const double usable = r.gpu_memory_bytes;
    const bool fits = per_gpu <= usable;
    const char* mem_path = training ? "memory.training.total_bytes" : "memory.inference.total_bytes";

    // what is being answered, in one line
    char what[512];
    std::snprintf(what, sizeof what, tr("%s  ·  %s parameters (%s active)  ·  %s on %lld × %s"),
                  r.model.params_only() ? tr("Parameters only") : r.model.name.c_str(),
                  fmt_ui::count(static_cast<double>(r.params.total)).c_str(),
                  fmt_ui::count(static_cast<double>(r.params.active)).c_str(), tr(training ? "training" : "inference"),
                  static_cast<long long>(s.inputs.gpus), r.gpu.name.c_str());
    ImGui::TextWrapped("%s", what);
    shown(s, "scenario", what);

    // the verdict
    const std::string pct = usable > 0 ? fmt_ui::number(100.0 * per_gpu / usable, 3) : std::string("–");
    const std::string verdict =
        fits ? filled(tr("✓ Fits: %s of %s per GPU (%s%%)"), fmt_ui::bytes(per_gpu), fmt_ui::bytes(usable), pct)
             : filled(tr("✗ Does not fit: %s per GPU, %s usable (%s%%)"), fmt_ui::bytes(per_gpu), fmt_ui::bytes(usable), pct);
    // parameters only: the verdict is about what the count decides (Report::unavailable lists the rest)
    const std::string verdict_text = r.model.params_only() ? verdict + tr("  (weights and overheads only)") : verdict;
    const ImVec4 color = fits ? good_color() : error_color();
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", verdict_text.c_str());
    ImGui::PopStyleColor();
    explain_last_item(s, r, mem_path, ImGui::IsItemHovered());
    shown(s, "verdict", verdict_text);

    // why: the largest part, and what would fit on this GPU set
    const std::vector<Part> parts =
        training ? std::vector<Part>{{"weights", tm.weights_bytes}, {"gradients", tm.gradients_bytes},
                                     {"optimizer", tm.optimizer_bytes}, {"master weights", tm.master_weights_bytes},
                                     {"activations", tm.activations_bytes}, {"overhead", tm.overhead_bytes}}
                 : std::vector<Part>{{"weights", im.weights_bytes}, {"KV cache", im.kv_cache_bytes},
                                     {"activations", im.activations_bytes}, {"overhead", im.overhead_bytes}};
    const Part& largest = *std::max_element(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.bytes < b.bytes; });
    std::string why = filled(tr("largest part: %s, %s per GPU"), tr(largest.name), fmt_ui::bytes(static_cast<double>(largest.bytes)));
    if (!fits && static_cast<double>(largest.bytes) > usable) why += tr("; it alone exceeds the GPU");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", why.c_str());
    shown(s, "why", why);
    if (r.model.params_only()) {
        // parameters only: report.unavailable lists what the count alone cannot answer
        const char* limits = tr("KV cache, activations and the longest context that fits need the model's "
                                "dimensions: choose a preset or paste its config.json.");
        ImGui::TextUnformatted(limits);
        shown(s, "limits", limits);
    } else if (r.has_inverse) {
        const auto& inv = r.inverse;
        std::string limits;
        if (inv.max_seq > 0)
            limits = filled(tr("Largest that fits on these GPUs: context %s, batch %s, concurrency %s"),
                               fmt_ui::with_commas(inv.max_context), fmt_ui::with_commas(inv.max_batch),
                               fmt_ui::with_commas(inv.max_concurrency));
        else
            limits = tr("Even the shortest context does not fit on these GPUs.");
        ImGui::TextUnformatted(limits.c_str());
        explain_last_item(s, r, "inverse.max_context", ImGui::IsItemHovered());
        shown(s, "limits", limits);
    }
    if (training && r.has_training_inverse && !r.model.params_only()) {
        const auto& inv = r.training_inverse;
        const std::string limits =
            inv.max_seq > 0 ? filled(tr("Largest that fits at this layout: sequence %s, micro-batch %s"),
                                     fmt_ui::with_commas(inv.max_seq), fmt_ui::with_commas(inv.max_micro_batch))
                            : std::string(tr("Even a one-token sequence does not fit at this layout."));
        ImGui::TextUnformatted(limits.c_str());
        explain_last_item(s, r, "memory.training.total_bytes", ImGui::IsItemHovered());
        shown(s, "limits", limits);
    }
    ImGui::PopTextWrapPos();

    if (const std::string a = assumptions(s, r); !a.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", a.c_str());
        ImGui::PopTextWrapPos();
        explain_last_item(s, r, "memory.training.activations_bytes", ImGui::IsItemHovered());
        shown(s, "assumptions", a);
    }
    if (r.parallel.basis != "single") {
        const std::string used = layout_used(r, s.inputs.task == llmcalc::Task::Training);
        ImGui::TextDisabled("%s", used.c_str());
        explain_last_item(s, r, "parallel", ImGui::IsItemHovered());
        shown(s, "layout", used);
    }
    draw_memory_bar(s, r);

    // the figures; speeds and times of a scenario that does not fit are what it would do if it fit, and say so
    const bool if_fit = !fits;
    if (if_fit) {
        ImGui::PushTextWrapPos(0.0f);
        const char* note = tr("It does not fit: the speeds and times below are what it would do if it fit.");
        ImGui::TextDisabled("%s", note);
        ImGui::PopTextWrapPos();
        shown(s, "if_fit", note);
    }
    const int cols = std::max(1, std::min(4, static_cast<int>(ImGui::GetContentRegionAvail().x / em(10))));
    if (ImGui::BeginTable("answer_figures", cols, ImGuiTableFlags_SizingStretchSame)) {
        const ImVec4 bad = error_color();
        std::string needed = r.gpus_needed > 0 ? std::to_string(r.gpus_needed) + "  (" + gpus_needed_layout(r) + ")"
                                               : std::string(tr("none fits"));
        if (r.gpus_needed_pooled > 0 && r.gpus_needed_basis != "pooled")
            needed += filled(tr("; pooled memory alone: %s"), std::to_string(r.gpus_needed_pooled));
        stat(s, r, "gpus_needed", "GPUs needed", needed, "gpus_needed", r.gpus_needed > 0 ? nullptr : &bad);
        if (training) {
            stat(s, r, "training_time", "Training time", fmt_ui::seconds(r.training_seconds), "time.training_seconds", nullptr, if_fit);
            stat(s, r, "gpu_hours", "GPU-hours", fmt_ui::count(r.training_gpu_hours), "time.training_gpu_hours", nullptr, if_fit);
            stat(s, r, "cost", "Cost", "$" + fmt_ui::count(r.training_cost), "time.training_cost_usd", nullptr, if_fit);
            // the inverse of the training time (report path time.gpus_for_deadline), once a deadline is set
            if (r.gpus_for_deadline > 0)
                stat(s, r, "gpus_for_deadline", "GPUs for the deadline",
                     filled(tr("%s × %s to finish in %s days"), fmt_ui::with_commas(r.gpus_for_deadline), r.gpu.name,
                            llmcalc::format_plain_number(s.inputs.deadline_days)),  // as typed: 30, not 30.0
                     "time.gpus_for_deadline", nullptr, if_fit);
        } else {
            stat(s, r, "tokens_per_second", "Tokens/s per request", fmt_ui::number(r.inference.tokens_per_second),
                 "inference.tokens_per_second", nullptr, if_fit);
            stat(s, r, "aggregate_tokens_per_second", "Tokens/s total",
                 fmt_ui::number(r.inference.aggregate_tokens_per_second), "inference.aggregate_tokens_per_second", nullptr, if_fit);
            // the seeds' TPS (seed 004): generated tokens over the whole latency, prefill included
            stat(s, r, "generated_tokens_per_second", "Generated tokens ÷ latency",
                 filled(tr("%s per request, %s total"), fmt_ui::number(r.inference.generated_tokens_per_second),
                        fmt_ui::number(r.inference.aggregate_generated_tokens_per_second)),
                 "inference.generated_tokens_per_second", nullptr, if_fit);
            stat(s, r, "prompt_flops", "Prompt FLOPs (prefill)",
                 filled(tr("%s per request"), fmt_ui::count(r.flops.forward_per_sequence)), "flops.forward_per_sequence");
            stat(s, r, "ttft", "TTFT (prefill)", fmt_ui::seconds(r.inference.ttft_seconds), "inference.ttft_seconds", nullptr, if_fit);
            std::string tpot = fmt_ui::seconds(r.inference.tpot_seconds);
            if (!r.inference.decode_bound.empty()) tpot += "  (" + std::string(tr((r.inference.decode_bound + "-bound").c_str())) + ")";
            stat(s, r, "tpot", "TPOT (decode)", tpot, "inference.tpot_seconds", nullptr, if_fit);
        }
        ImGui::EndTable();
    }

    s.views.answer->w.field("fits", fits).field_number("per_gpu_bytes", per_gpu).field_number("usable_bytes", usable)
        .field("gpus_needed", r.gpus_needed).field("gpus_needed_basis", r.gpus_needed_basis)
        .field("recompute", llmcalc::recompute_name(r.recompute)).field("zero", r.zero)
        .field("gpus_for_deadline", r.gpus_for_deadline);
}

// Why a layout wins: the largest part of its step time after compute (what the others spend more on).
const char* largest_overhead(const llmcalc::StepTime& t) {
    const std::pair<const char*, double> parts[] = {{"pipeline bubble", t.bubble}, {"TP communication", t.tp_comm},
                                                    {"PP communication", t.pp_comm}, {"DP communication", t.dp_comm},
                                                    {"EP all-to-all", t.ep_comm}};
    const auto* most = std::max_element(std::begin(parts), std::end(parts),
                                        [](const auto& a, const auto& b) { return a.second < b.second; });
    return most->second > 0 ? most->first : "none";
}


// Why layout i of the ranking wins (the search ranks by step time, then memory per GPU: layout.cpp).
std::string why_it_wins(const llmcalc::LayoutResult& L, size_t i) {
    const llmcalc::LayoutCandidate& c = L.best[i];
    const llmcalc::LayoutCandidate& first = L.best[0];
    if (i == 0) {
        const bool tie = L.best.size() > 1 && L.best[1].time.total == c.time.total;
        return tie ? tr("fastest step, least memory of the equally fast") : tr("fastest step");
    }
    if (c.time.total == first.time.total) return tr("as fast, more memory");
    return filled(tr("%s%% longer step"), fmt_ui::number(100.0 * (c.time.total / first.time.total - 1.0), 2));
}

}  // namespace

void draw_answer_card(AppState& s) {
    if (!s.views.answer) s.views.answer = std::make_shared<AnswerView>();
    AnswerView& v = *s.views.answer;
    v.texts.clear();
    v.w = llmcalc::json::Writer();
    v.w.begin_object().field("ok", s.result.ok());
    ImGui::PushID("answer");
    draw_inputs(s);
    ImGui::Spacing();
    if (!s.result.ok()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(error_color(), "%s", tr("The inputs have problems (fields are marked):"));
        for (const auto& e : s.result.errors) ImGui::TextColored(error_color(), "  %s: %s", e.key.c_str(), tr_message(e.message).c_str());
        ImGui::PopTextWrapPos();
        if (s.has_good) {
            ImGui::TextDisabled("%s", tr("Showing the last valid result:"));
            ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.55f);
            draw_answer(s, s.last_good);
            ImGui::PopStyleVar();
        }
    } else {
        draw_answer(s, s.result.report);
    }
    ImGui::PopID();
    if (s.inputs.task == llmcalc::Task::Training && s.has_layouts) {
        v.w.key("layouts").begin_array();
        for (const auto& c : s.layouts.best)
            v.w.begin_object().field("tp", c.layout.tp).field("pp", c.layout.pp).field("dp", c.layout.dp)
                .field("ep", c.layout.ep).field("zero", static_cast<int64_t>(c.layout.zero))
                .field("micro_batch", c.layout.micro_batch).field("recompute", llmcalc::recompute_name(c.layout.recompute))
                .field("total_bytes", c.memory.total_bytes).field_number("step_seconds", c.time.total).end_object();
        v.w.end_array();
    }
    v.w.key("text").begin_object();
    for (const auto& [name, text] : v.texts) v.w.field(name, text);
    v.w.end_object().end_object();
    v.json = v.w.take();
}

std::string answer_json(const AppState& s) { return s.views.answer ? s.views.answer->json : "{\"ok\":false}"; }

void draw_layout_table(AppState& s) {
    if (s.inputs.task != llmcalc::Task::Training || !s.has_layouts) return;
    if (!ImGui::CollapsingHeader((tr("Best parallel layouts") + std::string("###layouts")).c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        return;
    const llmcalc::LayoutResult& L = s.layouts;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(tr("%lld layouts tried, %lld fit; global batch %lld sequences; fastest first:"),
                       static_cast<long long>(L.candidates), static_cast<long long>(L.fitting),
                       static_cast<long long>(L.global_batch));
    ImGui::PopStyleColor();
    if (L.best.empty()) {
        ImGui::TextColored(error_color(), "%s", tr("no layout fits on these GPUs"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_ScrollX;
    const float row_h = ImGui::GetTextLineHeightWithSpacing();
    if (!ImGui::BeginTable("layouts", 13, flags, ImVec2(0, row_h * (static_cast<float>(L.best.size()) + 1.6f)))) return;
    for (const char* c : {"#", "TP", "PP", "DP", "EP", "ZeRO", "micro-batch", "recompute", "memory per GPU", "step time",
                          "bubble", "why it wins", "largest overhead"})
        ImGui::TableSetupColumn(tr(c));
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < L.best.size(); ++i) {
        const llmcalc::LayoutCandidate& c = L.best[i];
        const llmcalc::TrainLayout& l = c.layout;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%zu", i + 1);
        for (int64_t v : {l.tp, l.pp, l.dp, l.ep, static_cast<int64_t>(l.zero), l.micro_batch}) {
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(v));
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr(llmcalc::recompute_name(l.recompute)));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt_ui::bytes(static_cast<double>(c.memory.total_bytes)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt_ui::seconds(c.time.total).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt_ui::seconds(c.time.bubble).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(why_it_wins(L, i).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr(largest_overhead(c.time)));
    }
    ImGui::EndTable();
    record_widget_rect("layouts");
}

}  // namespace ui
