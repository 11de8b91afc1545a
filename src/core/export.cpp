#include "export.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

namespace llmcalc {
namespace {

ExportRow int_row(const char* section, std::string label, std::string path, ExportUnit unit, int64_t v) {
    ExportRow r;
    r.section = section;
    r.label = std::move(label);
    r.path = std::move(path);
    r.unit = unit;
    r.is_integer = true;
    r.integer = v;
    return r;
}

ExportRow real_row(const char* section, std::string label, std::string path, ExportUnit unit, double v) {
    ExportRow r;
    r.section = section;
    r.label = std::move(label);
    r.path = std::move(path);
    r.unit = unit;
    r.value = v;
    return r;
}

ExportRow text_row(const char* section, std::string label, std::string path, std::string text) {
    ExportRow r;
    r.section = section;
    r.label = std::move(label);
    r.path = std::move(path);
    r.unit = ExportUnit::Text;
    r.text = std::move(text);
    return r;
}

bool training(const Inputs& in) { return in.task == Task::Training; }

int64_t per_gpu_total(const Report& r, const Inputs& in) {
    return training(in) ? r.training_memory.total_bytes : r.inference_memory.total_bytes;
}

// report_json writes the usable memory as floor(bytes) (an integer path).
int64_t usable_bytes(const Report& r) {
    return std::isfinite(r.gpu_memory_bytes) ? static_cast<int64_t>(std::floor(r.gpu_memory_bytes)) : 0;
}

bool fits(const Report& r, const Inputs& in) {
    return static_cast<double>(per_gpu_total(r, in)) <= r.gpu_memory_bytes;
}

// 3 significant digits, at most 2 decimals above 1 (as the app's tables show numbers).
std::string short_number(double v) {
    if (!std::isfinite(v)) return "-";
    if (v == 0) return "0";
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    int decimals = 2 - magnitude;
    if (decimals < 0) decimals = 0;
    if (magnitude >= 0 && decimals > 2) decimals = 2;
    char buf[64];
    if (decimals > 6) std::snprintf(buf, sizeof buf, "%.2e", v);
    else std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

struct Scale {
    double factor;
    const char* prefix;
};

std::string scaled(double v, const Scale* scales, int n, const char* unit) {
    if (!std::isfinite(v)) return "-";
    for (int i = 0; i < n; ++i)
        if (std::fabs(v) >= scales[i].factor || i == n - 1)
            return short_number(v / scales[i].factor) + " " + scales[i].prefix + unit;
    return "-";
}

std::string human_seconds(double v) {
    if (!std::isfinite(v)) return "-";
    const double a = std::fabs(v);
    if (a == 0) return "0 s";
    if (a < 1e-3) return short_number(v * 1e6) + " us";
    if (a < 1) return short_number(v * 1e3) + " ms";
    if (a < 120) return short_number(v) + " s";
    if (a < 7200) return short_number(v / 60) + " min";
    if (a < 2 * 86400) return short_number(v / 3600) + " h";
    if (a < 2 * 365.25 * 86400) return short_number(v / 86400) + " days";
    return short_number(v / (365.25 * 86400)) + " years";
}

// "|" inside a Markdown table cell ends the cell: escape it.
std::string md_cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    return out;
}

const char* section_title(const std::string& section) {
    if (section == "scenario") return "Scenario";
    if (section == "headline") return "Headline";
    if (section == "memory") return "Memory per GPU";
    if (section == "params") return "Parameters";
    if (section == "flops") return "FLOPs per token";
    return "Other";
}

}  // namespace

std::vector<ExportRow> export_rows(const Report& r, const Inputs& in) {
    std::vector<ExportRow> rows;
    const bool train = training(in);
    const char* mem = train ? "memory.training." : "memory.inference.";
    const std::string m = mem;

    rows.push_back(text_row("scenario", "model", "model.name", r.model.name));
    rows.push_back(text_row("scenario", "task", "", task_name(in.task)));
    rows.push_back(text_row("scenario", "GPU", "gpu.name", r.gpu.name));
    rows.push_back(int_row("scenario", "GPUs", "", ExportUnit::Count, in.gpus));

    rows.push_back(text_row("headline", "fits on each GPU", "", fits(r, in) ? "yes" : "no"));
    rows.push_back(int_row("headline", "memory per GPU", m + "total_bytes", ExportUnit::Bytes, per_gpu_total(r, in)));
    rows.push_back(int_row("headline", "usable memory of one GPU", "memory.gpu_usable_bytes", ExportUnit::Bytes,
                           usable_bytes(r)));
    rows.push_back(int_row("headline", "GPUs needed", "gpus_needed", ExportUnit::Count, r.gpus_needed));
    if (train) {
        rows.push_back(real_row("headline", "training time", "time.training_seconds", ExportUnit::Seconds,
                                r.training_seconds));
        rows.push_back(real_row("headline", "GPU-hours", "time.training_gpu_hours", ExportUnit::Count,
                                r.training_gpu_hours));
        rows.push_back(real_row("headline", "cost", "time.training_cost_usd", ExportUnit::Usd, r.training_cost));
        rows.push_back(real_row("headline", "training FLOPs", "time.training_total_flops", ExportUnit::Flops,
                                r.training_total_flops));
    } else {
        const InferenceSpeed& s = r.inference;
        rows.push_back(real_row("headline", "tokens/s per request", "inference.tokens_per_second",
                                ExportUnit::PerSecond, s.tokens_per_second));
        rows.push_back(real_row("headline", "tokens/s total", "inference.aggregate_tokens_per_second",
                                ExportUnit::PerSecond, s.aggregate_tokens_per_second));
        rows.push_back(real_row("headline", "TTFT (prefill)", "inference.ttft_seconds", ExportUnit::Seconds,
                                s.ttft_seconds));
        rows.push_back(real_row("headline", "TPOT (decode)", "inference.tpot_seconds", ExportUnit::Seconds,
                                s.tpot_seconds));
        rows.push_back(real_row("headline", "latency", "inference.latency_seconds", ExportUnit::Seconds,
                                s.latency_seconds));
    }

    if (train) {
        const TrainingMemory& t = r.training_memory;
        rows.push_back(int_row("memory", "weights", m + "weights_bytes", ExportUnit::Bytes, t.weights_bytes));
        rows.push_back(int_row("memory", "gradients", m + "gradients_bytes", ExportUnit::Bytes, t.gradients_bytes));
        rows.push_back(int_row("memory", "optimizer states", m + "optimizer_bytes", ExportUnit::Bytes, t.optimizer_bytes));
        rows.push_back(int_row("memory", "master weights", m + "master_weights_bytes", ExportUnit::Bytes,
                               t.master_weights_bytes));
        rows.push_back(int_row("memory", "activations", m + "activations_bytes", ExportUnit::Bytes, t.activations_bytes));
        rows.push_back(int_row("memory", "overhead", m + "overhead_bytes", ExportUnit::Bytes, t.overhead_bytes));
        rows.push_back(int_row("memory", "total", m + "total_bytes", ExportUnit::Bytes, t.total_bytes));
        rows.push_back(int_row("memory", "trainable parameters", m + "trainable_params", ExportUnit::Count,
                               t.trainable_params));
    } else {
        const InferenceMemory& i = r.inference_memory;
        rows.push_back(int_row("memory", "weights", m + "weights_bytes", ExportUnit::Bytes, i.weights_bytes));
        rows.push_back(int_row("memory", "KV cache", m + "kv_cache_bytes", ExportUnit::Bytes, i.kv_cache_bytes));
        if (i.state_bytes > 0)  // hybrid models only, so pure-attention exports keep their rows
            rows.push_back(int_row("memory", "linear-attention state", m + "state_bytes", ExportUnit::Bytes, i.state_bytes));
        if (i.indexer_cache_bytes > 0)  // DeepSeek Sparse Attention models only
            rows.push_back(int_row("memory", "sparse-attention indexer cache", m + "indexer_cache_bytes", ExportUnit::Bytes,
                                   i.indexer_cache_bytes));
        rows.push_back(int_row("memory", "activations (peak)", m + "activations_bytes", ExportUnit::Bytes,
                               i.activations_bytes));
        rows.push_back(int_row("memory", "overhead", m + "overhead_bytes", ExportUnit::Bytes, i.overhead_bytes));
        rows.push_back(int_row("memory", "total", m + "total_bytes", ExportUnit::Bytes, i.total_bytes));
        rows.push_back(int_row("memory", "total, model-parallel group", m + "total_all_gpus_bytes", ExportUnit::Bytes,
                               i.total_all_gpus));
        rows.push_back(int_row("memory", "KV cache per token", "memory.kv_cache_bytes_per_token", ExportUnit::Bytes,
                               r.kv_cache_bytes_per_token));
    }

    rows.push_back(int_row("params", "total", "params.total", ExportUnit::Count, r.params.total));
    rows.push_back(int_row("params", "active per token", "params.active", ExportUnit::Count, r.params.active));
    rows.push_back(int_row("params", "embedding", "params.embedding", ExportUnit::Count, r.params.embedding));
    rows.push_back(int_row("params", "non-embedding", "params.non_embedding", ExportUnit::Count, r.params.non_embedding));
    for (const auto& [name, n] : r.params.by_component)
        rows.push_back(int_row("params", name, "params.by_component." + name, ExportUnit::Count, n));

    const FlopsReport& f = r.flops;
    rows.push_back(real_row("flops", "forward", "flops.forward_per_token", ExportUnit::Flops, f.forward_per_token));
    rows.push_back(real_row("flops", "decode (with KV cache)", "flops.decode_per_token", ExportUnit::Flops,
                            f.decode_per_token));
    rows.push_back(real_row("flops", "training (executed)", "flops.training_per_token", ExportUnit::Flops,
                            f.training_per_token));
    rows.push_back(real_row("flops", "6N rule (Kaplan)", "flops.rule_6n_per_token", ExportUnit::Flops,
                            f.rule_6n_per_token));
    return rows;
}

std::string export_title(const Report& r, const Inputs& in) {
    return r.model.name + ", " + task_name(in.task) + " on " + std::to_string(in.gpus) + " x " + r.gpu.name;
}

std::string export_exact(const ExportRow& row) {
    if (row.unit == ExportUnit::Text) return row.text;
    char buf[64];
    if (row.is_integer) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(row.integer));
    else if (!std::isfinite(row.value)) return "";  // JSON writes null; an empty CSV cell
    else if (row.value == std::floor(row.value) && std::fabs(row.value) < 9007199254740992.0)
        std::snprintf(buf, sizeof buf, "%.0f", row.value);  // whole numbers exactly, no exponent
    else std::snprintf(buf, sizeof buf, "%.17g", row.value);
    return buf;
}

std::string export_human(const ExportRow& row) {
    static const Scale kCount[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}, {1, ""}};
    static const Scale kDecimal[] = {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "K"}, {1, ""}};
    static const Scale kFlops[] = {{1e24, "Y"}, {1e21, "Z"}, {1e18, "E"}, {1e15, "P"}, {1e12, "T"},
                                   {1e9, "G"},  {1e6, "M"},  {1e3, "k"},  {1, ""}};
    const double v = row.is_integer ? static_cast<double>(row.integer) : row.value;
    switch (row.unit) {
        case ExportUnit::Text: return row.text;
        case ExportUnit::Count: {
            // a whole count below a thousand is itself ("GPUs needed: 2", not "2.00"); larger ones scale ("8.03 B")
            if (row.is_integer && row.integer > -1000 && row.integer < 1000) return std::to_string(row.integer);
            std::string s = scaled(v, kCount, 5, "");
            if (!s.empty() && s.back() == ' ') s.pop_back();
            return s;
        }
        case ExportUnit::Bytes: return scaled(v, kDecimal, 5, "B");
        case ExportUnit::Flops: return scaled(v, kFlops, 9, "FLOP");
        case ExportUnit::Seconds: return human_seconds(v);
        case ExportUnit::PerSecond: return short_number(v) + " /s";
        case ExportUnit::Usd: {
            std::string s = scaled(v, kCount, 5, "");
            if (!s.empty() && s.back() == ' ') s.pop_back();
            return "$" + s;
        }
    }
    return "";
}

const char* export_unit_name(ExportUnit u) {
    switch (u) {
        case ExportUnit::Count: return "count";
        case ExportUnit::Bytes: return "bytes";
        case ExportUnit::Flops: return "FLOP";
        case ExportUnit::Seconds: return "s";
        case ExportUnit::PerSecond: return "1/s";
        case ExportUnit::Usd: return "USD";
        case ExportUnit::Text: return "";
    }
    return "";
}

std::string csv_field(std::string_view s) {
    bool quote = !s.empty() && (s.front() == ' ' || s.back() == ' ');
    for (char c : s)
        if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
    if (!quote) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string export_markdown(const Report& r, const Inputs& in) {
    std::string out = "### llmcalc: " + md_cell(export_title(r, in)) + "\n\n";
    const std::string hash = write_hash(in);
    out += "Scenario: `#" + hash + "`\n";
    std::string section;
    for (const ExportRow& row : export_rows(r, in)) {
        if (row.section == "scenario") continue;  // in the title and the hash
        if (row.section != section) {
            section = row.section;
            out += "\n| ";
            out += section_title(section);
            out += " | value | exact |\n|---|---:|---:|\n";
        }
        const std::string exact = row.unit == ExportUnit::Text ? std::string() : export_exact(row);
        out += "| " + md_cell(row.label) + " | " + md_cell(export_human(row)) + " | " + exact + " |\n";
    }
    return out;
}

std::string export_csv(const Report& r, const Inputs& in) {
    std::string out = "section,quantity,value,unit,path\r\n";
    for (const ExportRow& row : export_rows(r, in)) {
        out += csv_field(row.section) + "," + csv_field(row.label) + "," + csv_field(export_exact(row)) + "," +
               csv_field(export_unit_name(row.unit)) + "," + csv_field(row.path) + "\r\n";
    }
    return out;
}

std::string export_json(const Report& r) { return report_json(r, true); }

std::string export_plain(const Report& r, const Inputs& in, Translate translate) {
    auto T = [&](const std::string& english) { return std::string(translate ? translate(english.c_str()) : english.c_str()); };
    std::string title = export_title(r, in);
    if (translate) {  // the same words as export_title, in the reader's language
        const std::string format = T("%s, %s on %s x %s");
        const std::string task = T(task_name(in.task));
        std::vector<char> buf(format.size() + r.model.name.size() + task.size() + r.gpu.name.size() + 64);
        std::snprintf(buf.data(), buf.size(), format.c_str(), r.model.name.c_str(), task.c_str(),
                      std::to_string(in.gpus).c_str(), r.gpu.name.c_str());
        title = buf.data();
    }
    // a reader's punctuation too: "：" and "。" in Chinese, where no space follows the full stop
    const std::string colon = T(": "), stop = T("."), space = T(" ");
    std::string out = "llmcalc" + colon + title + stop;
    for (const ExportRow& row : export_rows(r, in)) {
        if (row.section != "headline") continue;
        std::string human = row.unit == ExportUnit::Text ? T(row.text) : export_human(row);
        const size_t unit_at = human.rfind(' ');  // "3.2 days": the unit is a word to translate
        if (row.unit == ExportUnit::Seconds && unit_at != std::string::npos)
            human = human.substr(0, unit_at + 1) + T(human.substr(unit_at + 1));
        // "tokens/s per request: 161", not "161 /s": the label names the rate already
        if (row.unit == ExportUnit::PerSecond && row.label.find("/s") != std::string::npos && human.size() > 3 &&
            human.compare(human.size() - 3, 3, " /s") == 0)
            human.resize(human.size() - 3);
        out += space + T(row.label) + colon + human + stop;
    }
    return out;
}

}  // namespace llmcalc
