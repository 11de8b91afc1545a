// The app owns its data: one AppState { Inputs, Result, per-key field text and errors, dirty flag }.
// Panels draw it and edit Inputs only through edit_field (the core's set_input); recompute() runs when dirty.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "model_file.hpp"
#include "report.hpp"

namespace ui {
// What a panel keeps between frames besides the inputs (its last frame for the test hooks, its caches). Each is
// defined in its panel's .cpp and made there on first use.
struct AnswerView;     // answer.cpp
struct CompareView;    // compare.cpp
struct ModelFileView;  // model_file_ui.cpp
struct ChartsView;     // charts.cpp
struct ExtrasView;     // extras.cpp
struct PanelsView;     // panels.cpp
}  // namespace ui

struct FieldState {
    std::string text;   // what the user typed (kept when it is invalid)
    std::string error;  // set_input's message for `text`; empty when the text is applied
    std::string applied;  // get_input when `text` was last shown or committed (a change elsewhere refreshes `text`)
    std::string before;   // `text` when editing began (leaving the field unchanged commits nothing)
    bool editing = false; // the field has the keyboard: `text` is pending, not applied
};

struct AppState {
    llmcalc::Inputs inputs;
    llmcalc::Result result;            // of `inputs`
    llmcalc::Report last_good;         // shown (dimmed) while the inputs have scenario errors
    bool has_good = false;
    std::map<std::string, FieldState> fields;
    std::vector<llmcalc::InputError> hash_errors;  // from the URL at start (shown, not fatal)
    bool dirty = true;                 // inputs changed: recompute and write the hash
    std::string hash;                  // write_hash(inputs), updated by recompute()
    // Saved-state safety (issue #14): only a scenario that computed without errors and quickly is kept for the next
    // visit; one being tried at start-up is marked, so a visit that froze or crashed on it does not load it again.
    double compute_seconds = 0;        // of the last recompute()
    std::string safe_hash;             // the last `hash` whose result was ok and fast: what settings.cpp saves
    bool trial = false;                // the saved scenario is being tried (stored as "trial": true until it passes)
    std::string skipped_scenario;      // a saved scenario not loaded because it failed or was slow last time
    // training: the ranked parallel layouts (compute() with layout_search=true), shown under the card whatever
    // layout_search is; `result` keeps the key as typed, so it equals the CLI's and the JS API's report
    llmcalc::LayoutResult layouts;
    bool has_layouts = false;
    std::string model_filter;          // search text of the open dropdown (widgets.cpp)
    int combo_highlight = 0;           // highlighted row of the open dropdown
    std::string gpu_filter;            // the GPU table's filter text (extras.cpp)
    // A model file (GGUF, safetensors shards) read from its headers (model_file.hpp): while set it is the model
    // (compute(inputs, *file)); not in the URL, so a reload or a hash edit goes back to the inputs alone.
    std::shared_ptr<const llmcalc::FileModel> file;
    std::string file_error;            // why the last file(s) dropped or picked could not be read (beside the button)

    // Settings kept in localStorage (settings.cpp); the language itself is ui::lang().
    bool light = false;                // light theme
    bool gib = false;                  // bytes in GiB (2^30) instead of GB (10^9)
    struct SavedModel {
        std::string name, config;      // a pasted config.json under the user's name
    };
    std::vector<SavedModel> my_models;
    std::string my_model_name;         // the name field of "Save config as"
    std::string storage_notice;        // why saved settings were ignored (shown until dismissed)
    std::string font_notice;           // the Chinese font or strings could not be loaded (shown until dismissed)
    std::string url_options;           // the page options of the URL (embed=, lang=, theme=), kept in it (page_hash)
    bool pinned = false;               // compare: a scenario A is pinned
    std::string pinned_hash;           // compare: A as write_hash() text (empty = all defaults)
    // settings.cpp: the text last read from or written to localStorage (unchanged settings are not rewritten every
    // frame), and compare's A as the stored settings pinned it (applied with the saved scenario only)
    std::string saved_settings;
    bool saved_compare_present = false;
    std::string saved_compare;
    // Phones: where the text fields were drawn in the last frame (x, y, w, h each; widgets.cpp, platform::set_text_fields)
    std::vector<float> text_rects;

    // The panels' own state (ui::*View above; shared_ptr, as the types are complete only in their .cpp files).
    struct Views {
        std::shared_ptr<ui::AnswerView> answer;
        std::shared_ptr<ui::CompareView> compare;
        std::shared_ptr<ui::ModelFileView> model_file;
        std::shared_ptr<ui::ChartsView> charts;
        std::shared_ptr<ui::ExtrasView> extras;
        std::shared_ptr<ui::PanelsView> panels;
    } views;
};

// Applies `text` to `key`. On error the text and message are kept beside the field and Inputs is untouched.
void edit_field(AppState& s, const char* key, const std::string& text);
// The field's text: the user's text while it is invalid or being edited, else the input's current value.
FieldState& field(AppState& s, const char* key);
// Re-reads every field from Inputs (after a hash load), dropping stale error text.
void reset_fields(AppState& s);
// The page's URL hash split (llmcalc::split_hash) into the page's own options and the scenario's inputs. The options
// are the page's, not the core's: embed=1 (compact layout), lang=en|zh, theme=dark|light, compare=<A's hash>.
struct PageHash {
    std::vector<llmcalc::HashPart> inputs;  // every other part, in order
    std::string embed, lang, theme;         // as given ("" when absent)
    bool has_compare = false;
    std::string compare;                    // A's hash, decoded
};
PageHash split_page_hash(const std::string& hash);
// The options of `p` as URL text: "embed=1&lang=zh&theme=light" (those given), "" when none.
std::string page_options_text(const PageHash& p);
// Parses a URL hash into fresh Inputs; errors are kept in hash_errors (other keys still apply). compare= pins A.
void load_hash(AppState& s, const std::string& hash);
// A compute() slower than this is not kept for the next visit (a report normally takes milliseconds).
constexpr double kSlowComputeSeconds = 1.0;
// The page's URL hash: the page options it was opened with (url_options), the inputs (hash), then
// compare=<A's hash, percent-encoded> while A is pinned.
std::string page_hash(const AppState& s);
// The headers of one model's files back to back + [{name, size, length}] (what the page read): the model becomes
// s.file, or s.file_error says why not (the file before stays).
void load_model_files(AppState& s, const std::string& heads, const std::string& files_json);
void clear_model_file(AppState& s);
// compute() and cache hash + JSON; returns true when it ran.
bool recompute(AppState& s);
// An error from compute() for this key (scenario checks like "tp must divide heads"), or nullptr.
const llmcalc::InputError* result_error(const AppState& s, const char* key);
// The core's warning that this key does not apply to the model or method ("top_k does not apply: ..."), or nullptr:
// shown beside the field that was typed, as well as with the other warnings.
const std::string* not_applied_warning(const AppState& s, const char* key);
