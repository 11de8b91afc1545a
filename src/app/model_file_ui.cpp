// The model-file section (model_file_ui.hpp). Every figure is read from the file's tallies (FileModel) or the report;
// what it showed in the last frame is kept as JSON for window.llmcalcApp.modelFile() (docs/js-api.md).
#include "model_file_ui.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "format.hpp"
#include "i18n.hpp"
#include "imgui.h"
#include "json.hpp"
#include "model_file.hpp"
#include "panels.hpp"
#include "platform.hpp"
#include "widgets.hpp"

namespace ui {
namespace {

float em(float n) { return n * ImGui::GetFontSize(); }
// A button label in the current language with an id that stays the same across languages.
std::string lbl_text(const char* english) { return std::string(tr(english)) + "###" + english; }

std::string files_text(const llmcalc::FileModel& f) {
    if (f.files.empty()) return std::string();
    if (f.files.size() == 1) return f.files[0];
    return filled(tr("%s and %s more"), f.files[0], std::to_string(f.files.size() - 1));
}

}  // namespace

// The last frame's section, for the test hook.
struct ModelFileView {
    std::string json = "{}";
};

std::string model_file_json(const AppState& s) { return s.views.model_file ? s.views.model_file->json : "{}"; }

bool take_model_files(AppState& s) {
    std::string heads, files_json, error;
    if (!platform::take_model_files(&heads, &files_json, &error)) return false;
    if (!error.empty()) s.file_error = error;
    else load_model_files(s, heads, files_json);
    return true;
}

void draw_model_file(AppState& s) {
    if (!s.views.model_file) s.views.model_file = std::make_shared<ModelFileView>();
    llmcalc::json::Writer w;
    w.begin_object();
    ImGui::PushID("model_file");
    if (ImGui::Button(lbl_text("Open model file...").c_str()) || enter_on_last_item()) platform::open_model_file_picker();
    record_widget_rect("model_file_open");
    if (ImGui::IsItemHovered())
        tooltip_text("%s", tr("GGUF, or safetensors (all shards, with model.safetensors.index.json and config.json if you have them); or drop the files on the page. Only the headers are read, in this browser: nothing is uploaded."));
    if (s.file) {
        ImGui::SameLine();
        if (ImGui::Button(lbl_text("Remove file").c_str()) || enter_on_last_item()) clear_model_file(s);
        record_widget_rect("model_file_remove");
    }
    const platform::ModelFileRead rd = platform::model_file_read();
    w.field("reading", rd.reading);
    if (rd.reading) {
        // Progress of the header read: the files done, plus this file's bytes read of those asked for now (the
        // header's size is known only at its end: a GGUF asking for more doubles the read, and the bar goes back to
        // half of this file's share). The text says the bytes read.
        const std::string status = filled(tr("reading the header of %s (file %s): %s read"), rd.name,
                                          std::to_string(rd.index + 1) + "/" + std::to_string(rd.count),
                                          fmt_ui::bytes(rd.read));
        const double in_file = rd.want > 0 ? std::min(1.0, rd.read / rd.want) : 0.0;
        const double progress = rd.count > 0 ? (rd.index + in_file) / rd.count : 0.0;
        ImGui::ProgressBar(static_cast<float>(progress), ImVec2(em(4), 0), "");
        w.field("progress", progress);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", status.c_str());
        w.field("status", status);
        platform::request_frame();
    } else if (!s.file_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, error_color());
        ImGui::TextWrapped("%s %s", tr("The model file could not be read:"), tr_message(s.file_error).c_str());
        ImGui::PopStyleColor();
        record_widget_rect("model_file_error");
        w.field("error", s.file_error);
    } else if (!s.file) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", tr("GGUF or safetensors: exact numbers from the file's header"));
    }
    const llmcalc::FileModel* f = s.file.get();
    w.field("loaded", f != nullptr);
    if (f) {
        const std::string head = filled(tr("%s: %s, %s tensors"), files_text(*f), f->format,
                                        fmt_ui::with_commas(f->tensors));
        ImGui::TextWrapped("%s", head.c_str());
        const std::string params = filled(tr("Parameters (exact, from the file): %s"), fmt_ui::with_commas(f->params));
        ImGui::TextUnformatted(params.c_str());
        w.field("files", head).field("params_text", params).field("params", f->params).field("bytes", f->bytes);
        // Stored bytes by quant type, largest first (file.by_dtype)
        w.key("by_dtype").begin_array();
        if (ImGui::BeginTable("by_dtype", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                 ImGuiTableFlags_SizingStretchProp)) {
            // type and tensor count as wide as their text; the exact counts share the rest and wrap (a phone)
            ImGui::TableSetupColumn(tr("Type"), ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn(tr("Tensors"), ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn(tr("Parameters"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(tr("Stored bytes"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
            ImGui::TableHeadersRow();
            auto row = [&](const std::string& type, int64_t tensors, int64_t params, int64_t bytes) {
                const std::string b = fmt_ui::bytes(static_cast<double>(bytes)) + " (" + fmt_ui::with_commas(bytes) + ")";
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(type.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(fmt_ui::with_commas(tensors).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(fmt_ui::with_commas(params).c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", b.c_str());
                w.begin_object().field("dtype", type).field("params", params).field("bytes", bytes).field("text", b).end_object();
            };
            for (const auto& t : f->by_dtype) row(t.key, t.tensors, t.params, t.bytes);
            row(tr("total"), f->tensors, f->params, f->bytes);
            ImGui::EndTable();
        }
        w.end_array();
        // The scenario with this file: memory per GPU against the usable memory (the answer card says whether it fits)
        if (s.result.ok()) {
            const llmcalc::Report& r = s.result.report;
            const bool training = s.inputs.task == llmcalc::Task::Training;
            const double per_gpu = static_cast<double>(training ? r.training_memory.total_bytes : r.inference_memory.total_bytes);
            const std::string mem = filled(tr("With this file: %s per GPU of %s usable on %s"), fmt_ui::bytes(per_gpu),
                                           fmt_ui::bytes(r.gpu_memory_bytes),
                                           std::to_string(s.inputs.gpus) + " × " + r.gpu.name);
            ImGui::TextWrapped("%s", mem.c_str());
            w.field("memory", mem);
        }
        if (!f->missing.empty() && s.inputs.config.empty()) {
            // What the file lacks (a safetensors header has no head counts) is asked for right here, in the same
            // fields as under Dimensions (drawn once: here while the file needs them); kv_heads then follows from
            // k_proj's rows (resolve_file_model) unless typed.
            std::string keys;
            for (const auto& k : f->missing) keys += (keys.empty() ? "" : ", ") + llmcalc::missing_input_key(k);
            if (!s.result.ok()) {
                ImGui::PushStyleColor(ImGuiCol_Text, warn_color());
                ImGui::TextWrapped(tr("The file does not give %s: type it below, or drop or paste the model's config.json"),
                                   keys.c_str());
                ImGui::PopStyleColor();
            }
            w.field("missing", keys);
            if (begin_input_rows("file_missing")) {
                for (const auto& k : f->missing) input_row(s, llmcalc::missing_input_key(k).c_str());
                ImGui::EndTable();
            }
        }
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", tr("the file replaces the preset model and its weights count as stored; it is not kept in the link"));
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
    w.end_object();
    s.views.model_file->json = w.take();
}

}  // namespace ui
