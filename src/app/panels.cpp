// Index of this file
// [SECTION] Helpers: em sizes, help markers, widget rects, labels
// [SECTION] Input rows: one row per key (text / checkbox / combo), error text beside the field
// [SECTION] Catalog combos: model preset (with search), GPU, number format, optimizer
// [SECTION] Model panel: preset, config.json paste box, typed dimension overrides
// [SECTION] Scenario panel: task, shapes, hardware and parallelism, training, assumptions
// [SECTION] Results panel: memory bar (drawn by the answer card), params / memory / FLOPs tables, notes and warnings
// [SECTION] Layout: header bar, answer card (answer.cpp) and compare on top, then two columns on wide screens or one
//            scrolling column on narrow ones; embed: the card only
#include "panels.hpp"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include "catalog.hpp"
#include "charts.hpp"
#include "answer.hpp"
#include "compare.hpp"
#include "explain.hpp"
#include "extras.hpp"
#include "format.hpp"
#include "formats.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // the clip rect of a list (record_rect); NavWindow (keyboard focus at start)
#include "imgui_stdlib.h"
#include "model_file_ui.hpp"
#include "platform.hpp"
#include "widgets.hpp"

namespace ui {
namespace {

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Helpers
// -----------------------------------------------------------------------------------------------------------------

}  // namespace

// What the panels record while drawing a frame (AppState::views.panels).
struct PanelsView {
    std::map<std::string, WidgetRect> rects;  // widget_rects()
    std::set<std::string> drawn;  // keys drawn this frame (the Assumptions section lists the rest)
    // The report being drawn and the inputs it came from (explanations need both; none while showing a stale report).
    const AppState* explain_state = nullptr;
    const llmcalc::Report* explain_report = nullptr;
    bool light = false;  // the theme at the start of the frame (its colours stay for the frame if the theme is switched)
};

namespace {

PanelsView& view() {
    AppState& s = drawn_state();
    if (!s.views.panels) s.views.panels = std::make_shared<PanelsView>();
    return *s.views.panels;
}

float em(float n) { return n * ImGui::GetFontSize(); }

// Status colours per theme (light pastels vanish on the light theme's grey): error_color(), good_color(),
// warn_color() below, and the memory bar's background and capacity line.
ImU32 bar_background() { return view().light ? IM_COL32(205, 207, 212, 255) : IM_COL32(50, 52, 60, 255); }
ImU32 capacity_line() { return view().light ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255); }

// A translated label with a stable ImGui id (the English), so open/closed state survives a language switch.
std::string lbl(const char* english) { return std::string(tr(english)) + "###" + english; }

// tr() keeping leading spaces (indented table rows).
std::string tr_indented(const char* english) {
    const char* p = english;
    while (*p == ' ') ++p;
    return std::string(english, p) + tr(p);
}

// The help text is built only while the marker is hovered: a key row is drawn every frame, its help (several strings
// and the default value) is read once in a while (issue #15: the edit frame draws every row).
template <typename HelpText>
void help_marker(HelpText help_text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        const std::string text = help_text();
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(tooltip_wrap(28));
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        record_tooltip_rect();
        ImGui::EndTooltip();
    }
}

void record_rect(const char* key, bool clip = false) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    bool visible = ImGui::IsItemVisible();
    if (clip) {  // the part inside its scrolled list; "visible" when at least half of the row shows
        const ImRect c = ImGui::GetCurrentWindow()->ClipRect;
        const float h = b.y - a.y;
        a = ImMax(a, c.Min);
        b = ImMin(b, c.Max);
        visible = b.x > a.x && b.y - a.y >= 0.5f * h;
        if (!visible) b = ImMax(a, b);
    }
    view().rects[key] = WidgetRect{a.x, a.y, b.x - a.x, b.y - a.y, visible, item_has_focus_ring()};
}

// Short labels; the key itself is in every tooltip (it is also the CLI flag, URL key and JS field).
const char* label_of(const char* key) {
    static const std::map<std::string, const char*, std::less<>> labels = {  // less<>: no string per lookup
        {"model", "Preset"}, {"total_params", "Or parameters only"}, {"active_params", "Active parameters"},
        {"config", "config.json"}, {"vocab", "Vocabulary"}, {"hidden", "Hidden size"},
        {"layers", "Layers"}, {"heads", "Heads"}, {"kv_heads", "KV heads"}, {"head_dim", "Head dim"},
        {"intermediate", "MLP width"}, {"experts", "Experts"}, {"top_k", "Experts / token"},
        {"shared_experts", "Shared experts"}, {"moe_intermediate", "Expert width"}, {"tie", "Tied embeddings"},
        {"include_mtp", "Count MTP"}, {"lm_only", "LM only"}, {"task", "Task"}, {"batch", "Batch"}, {"seq", "Context (seq)"},
        {"gen", "Generated"}, {"concurrency", "Concurrency"}, {"weights", "Weights"}, {"kv", "KV cache"},
        {"gpu", "GPU"}, {"gpus", "GPUs"}, {"tp", "Tensor par."}, {"pp", "Pipeline par."}, {"dp", "Data par."},
        {"ep", "Expert par."}, {"cp", "Context par."}, {"sp", "Sequence par."}, {"zero", "ZeRO stage"},
        {"optimizer", "Optimizer"}, {"optimizer_states", "Optimizer states"}, {"hfu", "HFU"},
        {"keep_gqa_ratio", "Keep GQA ratio"}, {"grad_dtype", "Gradients"}, {"master_weights", "FP32 master"},
        {"recompute", "Recompute"}, {"finetune", "Method"}, {"lora_rank", "LoRA rank"},
        {"lora_targets", "LoRA targets"}, {"freeze_train_layers", "Trained layers"}, {"grad_accum", "Grad. accum."},
        {"tokens", "Tokens"}, {"mfu", "MFU"}, {"causal", "Causal halving"}, {"flash_attention", "Flash attention"},
        {"overhead_pct", "Overhead %"}, {"cuda_context_gb", "CUDA ctx (GB)"}, {"gpu_mem_util", "GPU mem util."},
        {"prefill_efficiency", "Prefill eff."}, {"decode_bw_efficiency", "Decode BW eff."},
        {"price_per_gpu_hour", "$ / GPU-hour"}, {"embed_16bit", "16-bit embeddings"},
        {"kv_block", "KV block (tokens)"}, {"prefill_chunk", "Prefill chunk"}, {"reserve_gb", "Reserve (GB)"},
        {"comm_buffer_gb", "Comm. buffers (GB)"}, {"fragmentation_pct", "Fragmentation %"},
        {"deadline_days", "Deadline (days)"}, {"layout_search", "Search layouts"}, {"global_batch", "Global batch"},
        {"layout_top", "Layouts shown"}, {"nvlink_gbs", "NVLink (GB/s)"}, {"internode_gbs", "Network (GB/s)"},
        {"gpus_per_node", "GPUs per node"}, {"tp_comm", "TP comm. time"}, {"custom_memory_gb", "Custom memory (GB)"},
        {"custom_bandwidth_gbs", "Custom bandwidth (GB/s)"}, {"custom_tflops", "Custom TFLOPS"},
        {"unified_memory_fraction", "Unified memory share"}};
    auto it = labels.find(key);
    return it != labels.end() ? it->second : key;
}

std::string help_of(const llmcalc::KeySpec& spec) {
    std::string t = tr(spec.help);  // the key help in the current language (i18n.cpp has a zh entry for each)
    t += "\n\n";
    t += tr("key");
    t += ": ";
    t += spec.key;
    t += "   (CLI --";
    t += spec.key;
    t += ", URL #";
    t += spec.key;
    t += "=...)";
    const std::string def = llmcalc::get_input(llmcalc::default_inputs(), spec.key);
    t += "\n" + std::string(tr("default")) + ": " + (def.empty() ? std::string(tr(std::string(spec.key) == "tokens" ? "auto" : "from the model"))
                                                         : group_thousands(def));
    return t;
}

std::vector<std::string> split_bar(const char* choices) {
    std::vector<std::string> out;
    std::string cur;
    for (const char* p = choices; *p; ++p) {
        if (*p == '|') { out.push_back(cur); cur.clear(); }
        else cur += *p;
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}


// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Catalog combos
// -----------------------------------------------------------------------------------------------------------------

template <typename Items, typename Label, typename Id>
void catalog_combo(AppState& s, const char* key, const Items& items, Label label, Id id) {
    const std::string current = llmcalc::get_input(s.inputs, key);
    std::string preview = current;
    for (const auto& it : items)
        if (id(it) == current) {
            preview = label(it);
            break;
        }
    std::vector<ComboItem> list;  // made only while the dropdown is open
    auto fill = [&] {
        for (const auto& it : items) list.push_back({id(it), label(it)});
    };
    if (std::string(key) == "model" && !s.inputs.config.empty()) preview = tr("(config.json replaces the preset)");
    if (std::string(key) == "weights") preview = weights_field_text(s, preview);
    if (std::string(key) == "model" && s.file && !s.file->files.empty()) {  // a dropped file is the model (issue #16)
        char buf[512];
        std::snprintf(buf, sizeof buf, tr("file: %s"), s.file->files[0].c_str());
        preview = buf;
    }
    if (std::string(key) != "model") {
        search_combo(s, key, list, fill, preview);
        return;
    }
    // "Parameters only" (total_params): first in the list, starting from the current model's count; a preset picked
    // afterwards leaves that mode again
    auto fill_model = [&] {
        const int64_t start = s.has_good && s.last_good.params.total > 0 ? s.last_good.params.total : 32'000'000'000LL;
        list.push_back(ComboItem{std::to_string(start), tr("Parameters only: type a count (e.g. 32B)"), "total_params"});
        fill();
    };
    if (s.inputs.total_params)
        preview = filled(tr("Parameters only: %s"), fmt_ui::count(static_cast<double>(*s.inputs.total_params)));
    const ComboItem* picked = nullptr;
    if (search_combo(s, key, list, fill_model, preview, &picked) && picked && !picked->key && s.inputs.total_params)
        edit_field(s, "total_params", "");
}

// The key's fixed choices (task, method, ...), shown translated, in the same dropdown as the catalogs.
void choice_combo(AppState& s, const char* key, const char* choices) {
    const std::string current = llmcalc::get_input(s.inputs, key);
    std::vector<ComboItem> list;
    for (const auto& c : split_bar(choices)) list.push_back({c, tr(c.c_str())});
    search_combo(s, key, list, tr(current.c_str()));
}

// Returns false when the key has no catalog combo (then a text field is drawn).
bool draw_catalog_widget(AppState& s, const char* key) {
    const std::string k = key;
    if (k == "model") {
        catalog_combo(
            s, key, llmcalc::presets(), [](const llmcalc::Preset& p) { return p.config.name + "  (" + p.config.id + ")"; },
            [](const llmcalc::Preset& p) { return p.config.id; });
    } else if (k == "gpu") {
        catalog_combo(
            s, key, llmcalc::gpus(),
            [](const llmcalc::Gpu& g) { return g.name + "  (" + fmt_ui::bytes(g.memory_bytes) + ")"; },
            [](const llmcalc::Gpu& g) { return g.id; });
    } else if (k == "weights" || k == "kv") {
        std::vector<llmcalc::NumberFormat> list;
        for (const auto& f : llmcalc::number_formats())
            if (k == "weights" ? f.for_weights : f.for_kv) list.push_back(f);
        catalog_combo(
            s, key, list,
            [](const llmcalc::NumberFormat& f) { char bits[32];
                std::snprintf(bits, sizeof bits, "%.4g", f.bits());
                return f.label + "  (" + bits + " " + tr("bits") + ")"; },
            [](const llmcalc::NumberFormat& f) { return f.id; });
    } else if (k == "optimizer") {
        catalog_combo(
            s, key, llmcalc::optimizers(),
            [](const llmcalc::Optimizer& o) { return o.name + "  (" + fmt_ui::number(o.state_bytes_per_param) + " B/param)"; },
            [](const llmcalc::Optimizer& o) { return o.id; });
    } else {
        return false;
    }
    return true;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Input rows
// -----------------------------------------------------------------------------------------------------------------

bool begin_fields(const char* id) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) return false;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, em(9.5f));
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    return true;
}

// One row: label (?) | widget, then the error for this key (from set_input, or from compute's checks) in red, or
// the core's warning that it does not apply here.
void key_row(AppState& s, const char* key, const char* hint = nullptr) {
    const llmcalc::KeySpec* spec = llmcalc::find_key(key);
    if (!spec || view().drawn.count(key)) return;  // not in this core's key table, or drawn already (the answer card)
    view().drawn.insert(key);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(label_of(key)));
    help_marker([spec] { return help_of(*spec); });
    ImGui::TableSetColumnIndex(1);
    ImGui::PushID(key);
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string value = llmcalc::get_input(s.inputs, key);
    const bool optional_bool = spec->kind == llmcalc::KeyKind::Bool && llmcalc::get_input(llmcalc::default_inputs(), key).empty();
    if (spec->kind == llmcalc::KeyKind::Bool && !optional_bool) {
        bool v = value == "true";
        bool toggled = ImGui::Checkbox("##v", &v);
        if (!toggled && enter_on_last_item()) {  // Enter as Space
            v = !v;
            toggled = true;
        }
        if (toggled) edit_field(s, key, v ? "true" : "false");
        record_rect(key);
    } else if (optional_bool) {
        const std::vector<ComboItem> tri = {{"", tr("from the model")}, {"true", tr("true")}, {"false", tr("false")}};
        search_combo(s, key, tri, value.empty() ? tri[0].label : tr(value.c_str()));
        record_rect(key);
    } else if (spec->kind == llmcalc::KeyKind::Choice && spec->choices[0] != '\0') {
        choice_combo(s, key, spec->choices);
        record_rect(key);
    } else if (spec->kind == llmcalc::KeyKind::Choice && draw_catalog_widget(s, key)) {
        record_rect(key);
    } else {
        committed_field(s, key, hint);
        record_rect(key);
    }
    const FieldState& fs = field(s, key);
    if (!fs.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, error_color());
        ImGui::TextWrapped(tr("%s (not applied)"), tr_message(fs.error).c_str());
        ImGui::PopStyleColor();
    } else if (const llmcalc::InputError* e = result_error(s, key)) {
        ImGui::PushStyleColor(ImGuiCol_Text, error_color());
        ImGui::TextWrapped("%s", tr_message(e->message).c_str());
        ImGui::PopStyleColor();
    } else if (const std::string* w = not_applied_warning(s, key)) {  // typed, but the model or method ignores it
        ImGui::PushStyleColor(ImGuiCol_Text, warn_color());
        ImGui::TextWrapped("%s", tr_message(*w).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
}

void key_rows(AppState& s, std::initializer_list<const char*> keys) {
    for (const char* k : keys) key_row(s, k);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Model panel
// -----------------------------------------------------------------------------------------------------------------

void draw_config_box(AppState& s) {
    FieldState& f = field(s, "config");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr("Hugging Face config.json (paste with Ctrl+V, or drop the file on the page):"));
    ImGui::PopStyleColor();
    ImGui::PushID("config");
    if (ImGui::InputTextMultiline("##v", &f.text, ImVec2(-FLT_MIN, em(6)))) {
        const std::string text = f.text;
        edit_field(s, "config", text);
    }
    record_rect("config");
    if (!ImGui::IsItemActive() && f.error.empty()) f.text = s.inputs.config;
    view().drawn.insert("config");
    if (!s.inputs.config.empty()) {
        if (ImGui::SmallButton(lbl("Clear config").c_str()) || enter_on_last_item()) edit_field(s, "config", "");
        ImGui::SameLine();
        ImGui::TextDisabled("%s", tr("the config replaces the preset"));
    }
    if (const llmcalc::InputError* e = result_error(s, "config")) {
        ImGui::PushStyleColor(ImGuiCol_Text, error_color());
        ImGui::TextWrapped("%s", tr_message(e->message).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
}

// My models: pasted config.json files kept under a name in this browser (settings.cpp saves them).
void draw_my_models(AppState& s) {
    if (!ImGui::TreeNodeEx(lbl("My models").c_str(), s.my_models.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (!s.inputs.config.empty()) {
        if (s.my_model_name.empty() && s.has_good) s.my_model_name = s.last_good.model.name;
        const bool save = ImGui::Button(lbl("Save config as").c_str()) || enter_on_last_item();
        record_rect("my_model_save");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-FLT_MIN);
        ImGui::InputTextWithHint("##my_model_name", tr("name"), &s.my_model_name);
        record_rect("my_model_name");
        if (save && !s.my_model_name.empty()) {
            auto same = std::find_if(s.my_models.begin(), s.my_models.end(),
                                     [&](const AppState::SavedModel& m) { return m.name == s.my_model_name; });
            if (same != s.my_models.end()) same->config = s.inputs.config;  // same name: replaced
            else s.my_models.push_back({s.my_model_name, s.inputs.config});
        }
    } else {
        ImGui::TextDisabled("%s", tr("paste a config.json above to save it here"));
    }
    int remove = -1;
    for (size_t i = 0; i < s.my_models.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const bool current = s.inputs.config == s.my_models[i].config;
        if (ImGui::SmallButton(lbl("Use").c_str()) || enter_on_last_item()) edit_field(s, "config", s.my_models[i].config);
        record_rect(("my_model_use_" + std::to_string(i)).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(lbl("Delete").c_str()) || enter_on_last_item()) remove = static_cast<int>(i);
        record_rect(("my_model_delete_" + std::to_string(i)).c_str());
        ImGui::SameLine();
        if (current) ImGui::TextColored(good_color(), "%s", s.my_models[i].name.c_str());
        else ImGui::TextUnformatted(s.my_models[i].name.c_str());
        ImGui::PopID();
    }
    if (remove >= 0) s.my_models.erase(s.my_models.begin() + remove);
    ImGui::TextDisabled("%s", tr("saved in this browser (localStorage)"));
    ImGui::TreePop();
}

// The hint of the parameters-only field: the current model's own count, the figure one would start from.
std::string total_params_hint(const AppState& s) {
    if (!s.has_good || s.last_good.model.params_only()) return tr("e.g. 32B");
    return filled(tr("e.g. 32B (this model: %s)"), fmt_ui::count(static_cast<double>(s.last_good.params.total)));
}

void draw_model_panel(AppState& s) {
    if (!ImGui::CollapsingHeader(lbl("Model").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (begin_fields("model_fields")) {
        key_row(s, "model");
        key_row(s, "total_params", total_params_hint(s).c_str());
        if (s.inputs.total_params) key_row(s, "active_params", tr("all of them"));
        ImGui::EndTable();
    }
    draw_config_box(s);
    draw_my_models(s);
    // Overrides show the model's own value as a hint; typing replaces it.
    const llmcalc::ModelConfig& m = s.last_good.model;
    auto hint = [&](int64_t v) { return s.has_good && !m.params_only() ? std::to_string(v) : std::string(); };
    // MLA sizes its cache and heads from the config (kv_lora_rank, qk_nope/rope, v_head_dim): hidden ÷ heads would
    // be a number nothing uses, and typing either key only earns the core's "does not apply" warning
    const bool mla = s.has_good && m.attn == llmcalc::AttnKind::MLA;
    const std::string h_vocab = hint(m.vocab_size), h_hidden = hint(m.hidden_size), h_layers = hint(m.num_layers),
                      h_heads = hint(m.num_heads), h_kv = mla ? tr("not used (MLA)") : hint(m.kv_heads()),
                      h_hd = mla ? tr("not used (MLA)") : hint(m.head_size()),
                      h_inter = hint(m.dense_ffn()), h_exp = hint(m.num_experts), h_topk = hint(m.experts_per_token),
                      h_shared = hint(m.num_shared_experts), h_moe = hint(m.moe_intermediate_size);
    ImGui::TextDisabled("%s", tr(s.inputs.total_params ? "Dimensions (clear 'Or parameters only' to type them):"
                                                         : "Dimensions (empty = the model's value):"));
    if (begin_fields("dims")) {
        key_row(s, "layers", h_layers.c_str());
        key_row(s, "hidden", h_hidden.c_str());
        key_row(s, "heads", h_heads.c_str());
        key_row(s, "kv_heads", h_kv.c_str());
        key_row(s, "head_dim", h_hd.c_str());
        key_row(s, "intermediate", h_inter.c_str());
        key_row(s, "vocab", h_vocab.c_str());
        key_row(s, "experts", h_exp.c_str());
        key_row(s, "top_k", h_topk.c_str());
        key_row(s, "shared_experts", h_shared.c_str());
        key_row(s, "moe_intermediate", h_moe.c_str());
        key_row(s, "tie");
        key_row(s, "include_mtp");
        key_row(s, "lm_only");
        ImGui::EndTable();
    }
    if (ImGui::SmallButton(lbl("Reset dimensions").c_str()) || enter_on_last_item()) {
        for (const char* k : {"layers", "hidden", "heads", "kv_heads", "head_dim", "intermediate", "vocab", "experts",
                              "top_k", "shared_experts", "moe_intermediate", "tie"})
            edit_field(s, k, "");
    }
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Scenario panel
// -----------------------------------------------------------------------------------------------------------------

void draw_scenario_panel(AppState& s) {
    if (ImGui::CollapsingHeader(lbl("Scenario").c_str(), ImGuiTreeNodeFlags_DefaultOpen) && begin_fields("scenario")) {
        key_rows(s, {"task", "batch", "seq", "gen", "concurrency", "weights", "kv"});
        ImGui::EndTable();
    }
    if (ImGui::CollapsingHeader(lbl("Hardware and parallelism").c_str(), ImGuiTreeNodeFlags_DefaultOpen) && begin_fields("hw")) {
        key_rows(s, {"gpu", "gpus", "tp", "pp", "dp", "ep", "cp", "sp"});
        ImGui::EndTable();
    }
    if (ImGui::CollapsingHeader(lbl("Training").c_str(), ImGuiTreeNodeFlags_DefaultOpen) && begin_fields("training")) {
        key_rows(s, {"finetune", "lora_rank", "lora_targets", "freeze_train_layers", "optimizer", "zero", "grad_dtype",
                     "master_weights", "recompute", "grad_accum", "tokens", "mfu"});
        ImGui::EndTable();
    }
    if (ImGui::CollapsingHeader(lbl("Assumptions").c_str(), ImGuiTreeNodeFlags_DefaultOpen) && begin_fields("assumptions")) {
        key_rows(s, {"causal", "flash_attention", "overhead_pct", "cuda_context_gb", "gpu_mem_util",
                     "prefill_efficiency", "decode_bw_efficiency", "price_per_gpu_hour"});
        // keys added to the core later show up here without a UI change
        for (const auto& spec : llmcalc::input_keys())
            if (!view().drawn.count(spec.key)) key_row(s, spec.key);
        ImGui::EndTable();
    }
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Results panel
// -----------------------------------------------------------------------------------------------------------------

const ImU32 kPartColors[] = {IM_COL32(86, 140, 220, 255), IM_COL32(230, 150, 60, 255), IM_COL32(110, 190, 110, 255),
                             IM_COL32(200, 90, 160, 255),  IM_COL32(150, 120, 220, 255), IM_COL32(90, 190, 190, 255),
                             IM_COL32(170, 170, 170, 255)};

struct Part {
    const char* name;
    double bytes;
};

// Stacked horizontal bar of memory parts against one GPU's usable memory (the white line).
void memory_bar(const std::vector<Part>& parts, double capacity) {
    double total = 0;
    for (const auto& p : parts) total += p.bytes;
    const double full = std::max({total, capacity, 1.0}) * 1.04;
    const float w = ImGui::GetContentRegionAvail().x, h = em(1.5f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + h), bar_background(), 3.0f);
    double acc = 0;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const Part* hovered = nullptr;
    for (size_t i = 0; i < parts.size(); ++i) {
        const float x0 = p0.x + static_cast<float>(acc / full * w);
        acc += parts[i].bytes;
        const float x1 = p0.x + static_cast<float>(acc / full * w);
        if (x1 <= x0) continue;
        dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p0.y + h), kPartColors[i % 7]);
        if (mouse.x >= x0 && mouse.x < x1 && mouse.y >= p0.y && mouse.y < p0.y + h) hovered = &parts[i];
    }
    if (capacity > 0) {
        const float xc = p0.x + static_cast<float>(capacity / full * w);
        dl->AddLine(ImVec2(xc, p0.y - em(0.25f)), ImVec2(xc, p0.y + h + em(0.25f)), capacity_line(), 2.0f);
    }
    ImGui::Dummy(ImVec2(w, h + em(0.3f)));
    if (hovered && ImGui::IsItemHovered())
        tooltip_text(tr("%s: %s (%s bytes)"), tr(hovered->name), fmt_ui::bytes(hovered->bytes).c_str(),
                          fmt_ui::with_commas(static_cast<int64_t>(hovered->bytes)).c_str());
    // legend, wrapping onto new lines at the right edge of the bar (its column, in a table)
    const float right = p0.x + w;
    for (size_t i = 0; i < parts.size(); ++i) {
        char text[96];
        std::snprintf(text, sizeof text, "%s %s", tr(parts[i].name), fmt_ui::bytes(parts[i].bytes).c_str());
        const float item_w = em(1.0f) + ImGui::CalcTextSize(text).x;
        if (i > 0) {
            ImGui::SameLine(0, em(1.0f));
            if (ImGui::GetCursorScreenPos().x + item_w > right) ImGui::NewLine();
        }
        const ImVec2 c = ImGui::GetCursorScreenPos();
        const float sq = em(0.7f), off = (ImGui::GetTextLineHeight() - sq) * 0.5f;
        dl->AddRectFilled(ImVec2(c.x, c.y + off), ImVec2(c.x + sq, c.y + off + sq), kPartColors[i % 7]);
        ImGui::Dummy(ImVec2(sq + em(0.3f), ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(text);
    }
    ImGui::SameLine(0, em(1.0f));
    if (ImGui::GetCursorScreenPos().x + em(12) > right) ImGui::NewLine();
    ImGui::TextDisabled(tr("| GPU usable %s"), fmt_ui::bytes(capacity).c_str());
}

// Tooltip for a hovered number: the formula, the same formula with this scenario's values, and its source
// (llmcalc::explain). Computed only while hovered.
void explain_tooltip(const char* path, bool hovered) {
    const PanelsView& v = view();
    if (!hovered || !path || !v.explain_state || !v.explain_report) return;
    const llmcalc::Explanation e = llmcalc::explain(v.explain_state->inputs, *v.explain_report, path);
    if (!e.found) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(tooltip_wrap(36));
    ImGui::TextUnformatted(e.formula.c_str());
    ImGui::TextColored(good_color(), "%s", e.substituted.c_str());
    if (!e.source.empty()) ImGui::TextDisabled(tr("source: %s"), e.source.c_str());
    if (!e.note.empty()) ImGui::TextDisabled(tr("note: %s"), zh_text(e.note, e.note_zh).c_str());
    ImGui::TextDisabled(tr("report path: %s"), path);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

bool begin_value_table(const char* id, const char* c1, const char* c2, const char* c3) {
    if (!ImGui::BeginTable(id, 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp))
        return false;
    ImGui::TableSetupColumn(tr(c1), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(tr(c2), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr(c3), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    begin_no_tab_stops();  // column titles are not controls
    ImGui::TableHeadersRow();
    end_no_tab_stops();
    return true;
}

// name | human value | exact value; hovering any cell explains `path` (when given).
void value_row(const char* name, const std::string& human, const std::string& raw, const char* path) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    // a row-wide selectable: the whole row highlights and reports hover (plain text only covers its glyphs)
    ImGui::PushID(name);
    ImGui::Selectable(tr_indented(name).c_str(), false,
                      ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(human.c_str());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", raw.c_str());
    explain_tooltip(path, hovered);
}

void bytes_row(const char* name, int64_t b, const char* path = nullptr) {
    value_row(name, fmt_ui::bytes(static_cast<double>(b)), fmt_ui::with_commas(b), path);
}
// A figure the report lists as not known (parameters only: a report path in Report::unavailable).
bool unknown(const llmcalc::Report& r, const char* path) {
    return std::find(r.unavailable.begin(), r.unavailable.end(), path) != r.unavailable.end();
}
// Such a figure says so instead of 0.
void bytes_row_of(const llmcalc::Report& r, const char* name, int64_t b, const char* path) {
    if (unknown(r, path))
        value_row(name, tr("needs the model's dimensions"), "", path);
    else
        bytes_row(name, b, path);
}
void count_row(const char* name, int64_t n, const char* path = nullptr) {
    value_row(name, fmt_ui::count(static_cast<double>(n)), fmt_ui::with_commas(n), path);
}
void flops_row(const char* name, double f, const char* path = nullptr) {
    // the exact column in plain digits, never scientific notation (FLOPs per token stay far below 2^63)
    const std::string raw = f < 9e18 ? fmt_ui::with_commas(static_cast<int64_t>(std::llround(f)))
                                     : group_thousands(llmcalc::format_plain_number(f));
    value_row(name, fmt_ui::flops(f), raw, path);
}

// The per-GPU memory bar of the scenario's task (the answer card draws it; the tables below give the bytes).
void memory_bar_of(const AppState& s, const llmcalc::Report& r) {
    const bool training = s.inputs.task == llmcalc::Task::Training;
    const auto& im = r.inference_memory;
    const auto& tm = r.training_memory;
    // figures the report lists as not known (parameters only: the KV cache, activations) are not drawn as 0
    if (training) {
        std::vector<Part> parts = {{"weights", static_cast<double>(tm.weights_bytes)},
                                   {"gradients", static_cast<double>(tm.gradients_bytes)},
                                   {"optimizer", static_cast<double>(tm.optimizer_bytes)},
                                   {"master weights", static_cast<double>(tm.master_weights_bytes)}};
        if (!unknown(r, "memory.training.activations_bytes"))
            parts.push_back({"activations", static_cast<double>(tm.activations_bytes)});
        parts.push_back({"overhead", static_cast<double>(tm.overhead_bytes)});
        memory_bar(parts, r.gpu_memory_bytes);
    } else {
        // hybrid models' linear-attention state and the sparse-attention indexer cache are their own terms
        std::vector<Part> parts = {{"weights", static_cast<double>(im.weights_bytes)}};
        if (!unknown(r, "memory.inference.kv_cache_bytes"))
            parts.push_back({"KV cache", static_cast<double>(im.kv_cache_bytes)});
        if (im.state_bytes > 0) parts.push_back({"state", static_cast<double>(im.state_bytes)});
        if (im.indexer_cache_bytes > 0) parts.push_back({"indexer cache", static_cast<double>(im.indexer_cache_bytes)});
        if (!unknown(r, "memory.inference.activations_bytes"))
            parts.push_back({"activations", static_cast<double>(im.activations_bytes)});
        parts.push_back({"overhead", static_cast<double>(im.overhead_bytes)});
        memory_bar(parts, r.gpu_memory_bytes);
    }
}

void draw_memory(const AppState& s, const llmcalc::Report& r) {
    const bool training = s.inputs.task == llmcalc::Task::Training;
    const auto& im = r.inference_memory;
    const auto& tm = r.training_memory;
    ImGui::Spacing();
    if (ImGui::CollapsingHeader(lbl("Inference memory").c_str(), training ? 0 : ImGuiTreeNodeFlags_DefaultOpen) &&
        begin_value_table("inf_mem", "per GPU", fmt_ui::bytes_unit(), "bytes")) {
        bytes_row("weights", im.weights_bytes, "memory.inference.weights_bytes");
        bytes_row_of(r, "KV cache", im.kv_cache_bytes, "memory.inference.kv_cache_bytes");
        if (im.state_bytes > 0) bytes_row("linear-attention state", im.state_bytes, "memory.inference.state_bytes");
        if (im.indexer_cache_bytes > 0)
            bytes_row("sparse-attention indexer cache", im.indexer_cache_bytes, "memory.inference.indexer_cache_bytes");
        bytes_row_of(r, "activations (peak)", im.activations_bytes, "memory.inference.activations_bytes");
        bytes_row("overhead", im.overhead_bytes, "memory.inference.overhead_bytes");
        bytes_row("total", im.total_bytes, "memory.inference.total_bytes");
        bytes_row("total, model-parallel group", im.total_all_gpus);
        bytes_row_of(r, "KV cache per token", r.kv_cache_bytes_per_token, "memory.kv_cache_bytes_per_token");
        if (r.state_per_sequence.bytes > 0) bytes_row("state per sequence", r.state_per_sequence.bytes);
        if (r.indexer_cache_bytes_per_token > 0)
            bytes_row("indexer cache per token", r.indexer_cache_bytes_per_token, "memory.indexer_cache_bytes_per_token");
        ImGui::EndTable();
    }
    if (ImGui::CollapsingHeader(lbl("Training memory").c_str(), training ? ImGuiTreeNodeFlags_DefaultOpen : 0) &&
        begin_value_table("train_mem", "per GPU", fmt_ui::bytes_unit(), "bytes")) {
        bytes_row("weights", tm.weights_bytes, "memory.training.weights_bytes");
        bytes_row("gradients", tm.gradients_bytes, "memory.training.gradients_bytes");
        bytes_row("optimizer states", tm.optimizer_bytes, "memory.training.optimizer_bytes");
        bytes_row("master weights", tm.master_weights_bytes, "memory.training.master_weights_bytes");
        bytes_row_of(r, "activations", tm.activations_bytes, "memory.training.activations_bytes");
        bytes_row("overhead", tm.overhead_bytes, "memory.training.overhead_bytes");
        bytes_row("total", tm.total_bytes, "memory.training.total_bytes");
        count_row("trainable parameters", tm.trainable_params);
        ImGui::EndTable();
    }
}

void draw_params(const llmcalc::Report& r) {
    if (!ImGui::CollapsingHeader(lbl("Parameters").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (begin_value_table("params", "parameters", "count", "exact")) {
        count_row("total", r.params.total, "params.total");
        count_row("active per token", r.params.active, "params.active");
        count_row("embedding", r.params.embedding);
        count_row("non-embedding", r.params.non_embedding);
        if (r.params.mtp > 0) count_row("MTP modules", r.params.mtp);
        if (r.params.vision > 0) count_row("vision tower", r.params.vision, "params.vision");
        // The components partition the total (embed_tokens and lm_head included): a heading row of their own, so
        // they do not read as parts of "non-embedding" above.
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", tr("by component (sum = total)"));
        for (const auto& [name, n] : r.params.by_component) {
            const std::string label = "  " + name, path = "params.by_component." + name;
            count_row(label.c_str(), n, path.c_str());
        }
        count_row("rule of thumb 12·l·h²", r.params.rule_12lh2);
        count_row("l(12h² + 13h) + Vh", r.params.rule_12h2_13h);
        ImGui::EndTable();
    }
}

void draw_flops(const llmcalc::Report& r) {
    if (!ImGui::CollapsingHeader(lbl("FLOPs per token").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    const auto& f = r.flops;
    if (begin_value_table("flops", "per token", "FLOPs", "exact")) {
        flops_row("forward", f.forward_per_token, "flops.forward_per_token");
        flops_row("  attention projections", f.attn_proj_per_token);
        flops_row("  attention scores", f.attn_scores_per_token);
        flops_row("  MLP / experts", f.mlp_per_token);
        flops_row("  LM head", f.lm_head_per_token);
        flops_row("decode (with KV cache)", f.decode_per_token, "flops.decode_per_token");
        flops_row("training (executed)", f.training_per_token, "flops.training_per_token");
        flops_row("training (model, 3× forward)", f.model_training_per_token, "flops.model_training_per_token");
        flops_row("6N rule (Kaplan)", f.rule_6n_per_token);
        flops_row("PaLM 6N + 12LHQT", f.palm_per_token);
        ImGui::EndTable();
    }
}

void draw_notes(const llmcalc::Report& r) {
    if (r.warnings.empty() && r.notes.empty() && r.model.note.empty()) return;
    if (!ImGui::CollapsingHeader(lbl("Notes and warnings").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    ImGui::PushTextWrapPos(0.0f);
    for (const auto& w : r.warnings) ImGui::TextColored(warn_color(), "! %s", tr_message(w).c_str());
    for (const auto& n : r.notes) ImGui::TextDisabled("· %s", tr_message(n).c_str());
    if (!r.model.note.empty()) ImGui::TextDisabled("· %s", r.model.note.c_str());
    if (!r.model.source.empty()) ImGui::TextDisabled(tr("model source: %s"), r.model.source.c_str());
    ImGui::PopTextWrapPos();
}

void draw_results_panel(const AppState& s) {
    for (const auto& [key, f] : s.fields)
        if (!f.error.empty()) ImGui::TextColored(error_color(), tr("%s: %s (not applied)"), key.c_str(), tr_message(f.error).c_str());
    if (!s.result.ok()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(error_color(), "%s", tr("The inputs have problems (fields are marked):"));
        for (const auto& e : s.result.errors) ImGui::TextColored(error_color(), "  %s: %s", e.key.c_str(), tr_message(e.message).c_str());
        ImGui::PopTextWrapPos();
        if (!s.has_good) return;
        ImGui::TextDisabled("%s", tr("Showing the last valid result:"));
        ImGui::Separator();
    }
    const llmcalc::Report& r = s.result.ok() ? s.result.report : s.last_good;
    view().explain_state = s.result.ok() ? &s : nullptr;
    view().explain_report = s.result.ok() ? &r : nullptr;
    if (!s.result.ok()) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.55f);
    draw_export_buttons(s);
    draw_memory(s, r);
    draw_params(r);
    draw_flops(r);
    draw_notes(r);
    if (!s.result.ok()) ImGui::PopStyleVar();
    draw_precision_reference();
    draw_layer_calculator();
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Layout
// -----------------------------------------------------------------------------------------------------------------

Actions draw_header(AppState& s) {
    Actions a;
    ImGui::TextUnformatted("llmcalc");
    if (ImGui::GetContentRegionAvail().x > em(58)) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", tr("LLM parameters, FLOPs, memory and time, computed in your browser"));
    }
    ImGui::SameLine();
    // Right-aligned: language (names the other one, in its own script), theme (names the other one), byte units
    // (the current ones), Copy link.
    const char* lang_text = ui::lang() == Lang::Zh ? "English" : "中文";
    const std::string theme_text = lbl(s.light ? "Dark" : "Light");
    const std::string units_text = std::string(fmt_ui::bytes_unit()) + "###units";
    // Copy link confirms as the export buttons do: its label says "copied" (or "copying..."); a refusal is said below
    const int copied = copy_feedback("copy_link");
    const char* copy_label = tr(copied == 2 ? "copied" : copied == 1 ? "copying..." : "Copy link");
    const std::string copy_text = std::string(copy_label) + "###Copy link";
    const ImGuiStyle& st = ImGui::GetStyle();
    float buttons_w = 0;
    for (const char* t : {lang_text, tr(s.light ? "Dark" : "Light"), fmt_ui::bytes_unit(), copy_label})
        buttons_w += ImGui::CalcTextSize(t).x + st.FramePadding.x * 2 + st.ItemSpacing.x;
    const float right = ImGui::GetWindowContentRegionMax().x - (buttons_w - st.ItemSpacing.x);
    if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
    else ImGui::NewLine();
    if (ImGui::Button((std::string(lang_text) + "###lang").c_str()) || enter_on_last_item())
        set_lang(ui::lang() == Lang::Zh ? Lang::En : Lang::Zh);
    record_rect("lang");
    if (ImGui::IsItemHovered()) tooltip_text("%s", tr("switch the language / 切换语言"));
    ImGui::SameLine();
    if (ImGui::Button(theme_text.c_str()) || enter_on_last_item()) s.light = !s.light;
    record_rect("theme");
    if (ImGui::IsItemHovered()) tooltip_text("%s", tr("switch between the dark and the light theme"));
    ImGui::SameLine();
    if (ImGui::Button(units_text.c_str()) || enter_on_last_item()) s.gib = !s.gib;
    record_rect("units");
    if (ImGui::IsItemHovered())
        tooltip_text("%s", tr("byte units: GB = 10^9 bytes (datasheets), GiB = 2^30 bytes (nvidia-smi, PyTorch)"));
    ImGui::SameLine();
    if (ImGui::Button(copy_text.c_str()) || enter_on_last_item()) {
        a.copy_link = true;
        mark_copied("copy_link");
    }
    record_rect("copy_link");
    if (ImGui::IsItemHovered()) tooltip_text("%s", tr("copies this page's URL: every input that differs from the defaults is in it"));
    if (copied < 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, warn_color());
        ImGui::TextWrapped("%s", tr("the browser refused the clipboard; Ctrl+V inside this page still pastes it"));
        ImGui::PopStyleColor();
        record_rect("copy_feedback");
    }
    for (const auto& e : s.hash_errors)
        ImGui::TextColored(error_color(), tr("URL: %s: %s (ignored)"), e.key.c_str(), tr_message(e.message).c_str());
    if (!s.storage_notice.empty()) {
        // reasons are stored in English, "; "-separated (settings.cpp), and translated here
        std::string why;
        for (size_t start = 0; start <= s.storage_notice.size();) {
            size_t end = s.storage_notice.find("; ", start);
            if (end == std::string::npos) end = s.storage_notice.size();
            if (!why.empty()) why += "; ";
            why += tr(s.storage_notice.substr(start, end - start).c_str());
            start = end + 2;
        }
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(warn_color(), tr("Saved settings were ignored: %s"), why.c_str());
        record_rect("storage_notice");
        if (!s.skipped_scenario.empty()) {
            ImGui::SameLine();
            if (ImGui::SmallButton(lbl("Load it anyway").c_str()) || enter_on_last_item()) {
                load_hash(s, s.skipped_scenario);
                s.skipped_scenario.clear();
                s.storage_notice.clear();
            }
            record_rect("load_skipped");
        }
        ImGui::SameLine();
        if (ImGui::SmallButton(lbl("Dismiss").c_str()) || enter_on_last_item()) s.storage_notice.clear();
    }
    if (!s.font_notice.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(warn_color(), "%s", s.font_notice.c_str());
        record_rect("font_notice");
        ImGui::SameLine();
        if (ImGui::SmallButton(lbl("Dismiss").c_str()) || enter_on_last_item()) s.font_notice.clear();
    }
    ImGui::Separator();
    return a;
}

}  // namespace

AppState& drawn_state() {
    void* s = ImGui::GetIO().UserData;
    IM_ASSERT(s && "drawn_state() outside draw_app()");
    return *static_cast<AppState*>(s);
}
const std::map<std::string, WidgetRect>& widget_rects(const AppState& s) {
    static const std::map<std::string, WidgetRect> kNone;
    return s.views.panels ? s.views.panels->rects : kNone;
}
void record_widget_rect(const char* key, bool clip_to_list) { record_rect(key, clip_to_list); }

void record_tooltip_rect() {
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    view().rects["tooltip"] = WidgetRect{w->Pos.x, w->Pos.y, w->Size.x, w->Size.y, true, false};
}
ImVec4 warn_color() { return view().light ? ImVec4(0.62f, 0.33f, 0.0f, 1.0f) : ImVec4(1.0f, 0.75f, 0.35f, 1.0f); }
ImVec4 good_color() { return view().light ? ImVec4(0.05f, 0.45f, 0.12f, 1.0f) : ImVec4(0.45f, 0.85f, 0.5f, 1.0f); }
ImVec4 error_color() { return view().light ? ImVec4(0.75f, 0.05f, 0.05f, 1.0f) : ImVec4(1.0f, 0.45f, 0.45f, 1.0f); }
bool begin_input_rows(const char* id) { return begin_fields(id); }
void input_row(AppState& s, const char* key, const char* hint) { key_row(s, key, hint); }

std::string weights_field_text(const AppState& s, const std::string& label) {
    const llmcalc::NumberFormat* wf = llmcalc::find_weight_format(s.inputs.weights);
    if (s.inputs.task != llmcalc::Task::Training || s.inputs.finetune != llmcalc::Finetune::Qlora || !wf || wf->quantized)
        return label;
    char buf[256];
    std::snprintf(buf, sizeof buf, tr("NF4 base · %s adapters"), wf->label.c_str());
    return buf;
}
void draw_memory_bar(const AppState& s, const llmcalc::Report& r) { memory_bar_of(s, r); }
void explain_last_item(const AppState& s, const llmcalc::Report& r, const char* path, bool hovered) {
    if (!s.result.ok() || &r != &s.result.report) return;  // explanations are of the current inputs only
    view().explain_state = &s;
    view().explain_report = &r;
    explain_tooltip(path, hovered);
}

// The page's columns are child windows; flattened for the keyboard, so Tab and arrows cross from one to the next.
constexpr ImGuiWindowFlags kFlatNav = ImGuiWindowFlags_NavFlattened;

Actions draw_app(AppState& s, bool embed) {
    ImGui::GetIO().UserData = &s;  // drawn_state(): what the helpers below record into
    s.text_rects.clear();
    view().rects.clear();
    view().drawn.clear();
    view().light = s.light;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    Actions a;
    // Tab works from the first key press: the window has the keyboard from the start (1.86 tabs in the focused one)
    if (!ImGui::GetCurrentContext()->NavWindow) ImGui::SetNextWindowFocus();
    ImGui::Begin("llmcalc", nullptr, flags);
    begin_tab_stops();  // every control of the page, in the order drawn (widgets.hpp)
    publish_page_outputs(s);  // aria-live text mirror, embed height (extras.cpp)
    if (embed) {
        // the answer card only, with one link to the full page (same scenario); it scrolls when the frame is short
        ImGui::BeginChild("all", ImVec2(0, 0), false, kFlatNav);
        // on a touch screen the link is a finger-sized button (issue #13: 40 CSS px), else a small one
        const bool pressed = platform::touch_device()
                                 ? ImGui::Button(lbl("open in llmcalc").c_str(), ImVec2(0, platform::kTouchTargetPx))
                                 : ImGui::SmallButton(lbl("open in llmcalc").c_str());
        if (pressed || enter_on_last_item()) a.open_full = true;
        record_rect("open_full");
        draw_answer_card(s);
        ImGui::EndChild();
        end_tab_stops();
        ImGui::End();
        return a;
    }
    a = draw_header(s);
    const float width = ImGui::GetContentRegionAvail().x;
    if (width >= em(52)) {
        // wide: the answer card with compare beside it on top; below, inputs on the left and results on the right
        // (each column scrolls)
        if (ImGui::BeginTable("top", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV)) {
            ImGui::TableSetupColumn("answer", ImGuiTableColumnFlags_WidthStretch, 1.5f);
            ImGui::TableSetupColumn("compare", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableNextColumn();
            draw_answer_card(s);
            ImGui::TableNextColumn();
            draw_compare(s);
            ImGui::EndTable();
        }
        draw_layout_table(s);  // training: the ranked layouts, on the first screen (issue #11)
        ImGui::Separator();
        const float left_w = std::min(em(30), width * 0.42f);
        ImGui::BeginChild("inputs", ImVec2(left_w, 0), false, kFlatNav);
        draw_model_file(s);
        draw_model_panel(s);
        draw_scenario_panel(s);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("results", ImVec2(0, 0), false, kFlatNav);
        draw_results_panel(s);
        draw_charts(s);
        draw_gpu_table(s);
        ImGui::EndChild();
    } else {
        // narrow: one column, the answer first, then compare, results and the other inputs
        ImGui::BeginChild("all", ImVec2(0, 0), false, kFlatNav);
        draw_answer_card(s);
        draw_layout_table(s);
        draw_compare(s);
        ImGui::Separator();
        draw_results_panel(s);
        draw_charts(s);
        draw_gpu_table(s);
        ImGui::Spacing();
        draw_model_file(s);
        draw_model_panel(s);
        draw_scenario_panel(s);
        ImGui::EndChild();
    }
    end_tab_stops();
    ImGui::End();
    return a;
}

}  // namespace ui
