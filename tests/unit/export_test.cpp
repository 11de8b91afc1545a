// Export formats (Markdown, CSV, JSON, plain text): every number written equals the report's value at the row's
// JSON path, CSV quoting follows RFC 4180, and nothing is lost for text that needs quoting or escaping.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "export.hpp"
#include "inputs.hpp"
#include "report.hpp"

using namespace llmcalc;
using json = nlohmann::json;

namespace {

// RFC 4180 reader: fields separated by commas, records by CRLF, quoted fields may hold "" , CR and LF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, in_quotes = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
            else if (c == '"') in_quotes = false;
            else field += c;
        } else if (c == '"' && field.empty() && !quoted) {
            in_quotes = quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field); field.clear(); quoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field); field.clear(); quoted = false;
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.empty() || quoted) rows.back().push_back(field);
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

json at_path(const json& j, const std::string& dotted) {
    const json* cur = &j;
    size_t start = 0;
    while (start <= dotted.size()) {
        const size_t dot = dotted.find('.', start);
        const std::string key = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!cur->is_object() || !cur->contains(key)) return json();
        cur = &(*cur)[key];
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return *cur;
}

// Each CSV row with a path holds the report's value at that path: integers digit for digit, doubles to the bit.
void check_csv_matches_report(const Inputs& in) {
    const Result res = compute(in);
    REQUIRE(res.ok());
    const json j = json::parse(report_json(res.report), nullptr, false);
    REQUIRE(!j.is_discarded());
    const auto rows = parse_csv(export_csv(res.report, in));
    REQUIRE(rows.size() > 20);
    CHECK(rows[0] == std::vector<std::string>{"section", "quantity", "value", "unit", "path"});
    int checked = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        REQUIRE(row.size() == 5);
        const std::string& value = row[2];
        const std::string& path = row[4];
        CAPTURE(path);
        CAPTURE(value);
        if (path.empty()) continue;
        const json v = at_path(j, path);
        REQUIRE(!v.is_null());
        if (v.is_string()) CHECK(value == v.get<std::string>());
        else if (v.is_number_integer()) CHECK(value == std::to_string(v.get<int64_t>()));
        else CHECK(std::stod(value) == v.get<double>());
        ++checked;
    }
    CHECK(checked > 20);
}

}  // namespace

TEST_CASE("CSV: every value equals the report's value at its path (inference and training)") {
    Inputs in;  // Llama 3.1 8B on one H100, inference
    check_csv_matches_report(in);
    in.model = "gpt2";
    in.task = Task::Training;
    in.gpus = 8;
    in.dp = 8;
    in.zero = 1;
    check_csv_matches_report(in);
    Inputs moe;
    moe.model = "mixtral-8x7b";
    moe.gpus = 2;
    moe.tp = 2;
    check_csv_matches_report(moe);
}

TEST_CASE("CSV: the headline memory and parameter rows are the report's, with their units") {
    Inputs in;
    const Result res = compute(in);
    REQUIRE(res.ok());
    const auto rows = parse_csv(export_csv(res.report, in));
    bool saw_total = false, saw_params = false, saw_fits = false;
    for (const auto& row : rows) {
        if (row[0] == "headline" && row[4] == "memory.inference.total_bytes") {
            CHECK(row[2] == std::to_string(res.report.inference_memory.total_bytes));
            CHECK(row[3] == "bytes");
            saw_total = true;
        }
        if (row[4] == "params.total") {
            CHECK(row[2] == std::to_string(res.report.params.total));
            CHECK(row[3] == "count");
            saw_params = true;
        }
        if (row[1] == "fits on each GPU") {
            CHECK(row[2] == (res.report.inference_memory.total_bytes <= res.report.gpu_memory_bytes ? "yes" : "no"));
            saw_fits = true;
        }
    }
    CHECK(saw_total);
    CHECK(saw_params);
    CHECK(saw_fits);
}

TEST_CASE("CSV quoting (RFC 4180): commas, quotes and line breaks survive a round trip") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field(" padded") == "\" padded\"");
    CHECK(csv_field("") == "");
    Inputs in;
    Result res = compute(in);
    REQUIRE(res.ok());
    res.report.model.name = "My \"model\", v2\r\nbeta";
    const auto rows = parse_csv(export_csv(res.report, in));
    bool found = false;
    for (const auto& row : rows) {
        CHECK(row.size() == 5);
        if (row[4] == "model.name") {
            CHECK(row[2] == res.report.model.name);
            found = true;
        }
    }
    CHECK(found);
}

TEST_CASE("Markdown: one table per section; exact column equals the report; '|' in names is escaped") {
    Inputs in;
    Result res = compute(in);
    REQUIRE(res.ok());
    const std::string md = export_markdown(res.report, in);
    CHECK(md.find("### llmcalc: " + res.report.model.name) == 0);
    CHECK(md.find("`#" + write_hash(in) + "`") != std::string::npos);
    CHECK(md.find("| Headline | value | exact |\n|---|---:|---:|\n") != std::string::npos);
    CHECK(md.find("| Memory per GPU | value | exact |") != std::string::npos);
    CHECK(md.find("| Parameters | value | exact |") != std::string::npos);
    const std::string total = std::to_string(res.report.params.total);
    CHECK(md.find("| total | " + export_human(ExportRow{"params", "total", "params.total", ExportUnit::Count, true,
                                                          res.report.params.total, 0, ""}) +
                  " | " + total + " |") != std::string::npos);
    CHECK(md.find(" | " + std::to_string(res.report.inference_memory.total_bytes) + " |") != std::string::npos);
    // every table line has the same number of cells
    size_t pos = 0;
    while ((pos = md.find("\n|", pos)) != std::string::npos) {
        const size_t end = md.find('\n', pos + 1);
        const std::string line = md.substr(pos + 1, end - pos - 1);
        int bars = 0;
        for (size_t i = 0; i < line.size(); ++i)
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
        CAPTURE(line);
        CHECK(bars == 4);
        pos = end;
    }
    res.report.model.name = "a|b";
    CHECK(export_markdown(res.report, in).find("a\\|b") != std::string::npos);
}

TEST_CASE("Human values use decimal units; exact values are integers or 17 significant digits") {
    ExportRow bytes{"memory", "w", "", ExportUnit::Bytes, true, 16060522496, 0, ""};
    CHECK(export_human(bytes) == "16.1 GB");  // 3 significant digits, as the app shows
    CHECK(export_exact(bytes) == "16060522496");
    ExportRow count{"params", "t", "", ExportUnit::Count, true, 8030261248, 0, ""};
    CHECK(export_human(count) == "8.03 B");
    ExportRow gpus{"headline", "GPUs needed", "", ExportUnit::Count, true, 2, 0, ""};
    CHECK(export_human(gpus) == "2");  // a whole count below a thousand as itself (it read "2.00")
    ExportRow layers{"model", "layers", "", ExportUnit::Count, true, 999, 0, ""};
    CHECK(export_human(layers) == "999");
    ExportRow thousand{"model", "t", "", ExportUnit::Count, true, 1000, 0, ""};
    CHECK(export_human(thousand) == "1.00 K");
    ExportRow secs{"headline", "t", "", ExportUnit::Seconds, false, 0, 0.0123, ""};
    CHECK(export_human(secs) == "12.3 ms");
    ExportRow third{"headline", "t", "", ExportUnit::Seconds, false, 0, 1.0 / 3.0, ""};
    CHECK(std::stod(export_exact(third)) == 1.0 / 3.0);
    ExportRow whole{"flops", "f", "", ExportUnit::Flops, false, 0, 1.6e10, ""};
    CHECK(export_exact(whole) == "16000000000");
    CHECK(export_human(whole) == "16.0 GFLOP");
}

TEST_CASE("JSON export is the report JSON; plain text carries the headline numbers") {
    Inputs in;
    const Result res = compute(in);
    REQUIRE(res.ok());
    const json a = json::parse(export_json(res.report), nullptr, false);
    const json b = json::parse(report_json(res.report), nullptr, false);
    CHECK(a == b);
    const std::string plain = export_plain(res.report, in);
    CHECK(plain.find(res.report.model.name) != std::string::npos);
    // in the units a person reads: the memory in GB to three digits, a rate without a second "/s", no raw bytes
    char gb[32];
    std::snprintf(gb, sizeof gb, "%.1f GB.", static_cast<double>(res.report.inference_memory.total_bytes) / 1e9);
    CAPTURE(plain);
    CHECK(plain.find(std::string("memory per GPU: ") + gb) != std::string::npos);
    CHECK(plain.find("bytes") == std::string::npos);
    CHECK(plain.find(std::to_string(res.report.inference_memory.total_bytes)) == std::string::npos);
    CHECK(plain.find("tokens/s per request: ") != std::string::npos);
    CHECK(plain.find(" /s") == std::string::npos);
    CHECK(plain.find("GPUs needed: " + std::to_string(res.report.gpus_needed) + ".") != std::string::npos);
    CHECK(plain.find('\n') == std::string::npos);
}

namespace {
// A stand-in for the app's string table: upper-cases the phrases it knows, as a translation replaces them.
const char* shout(const char* english) {
    static const std::pair<const char*, const char*> table[] = {
        {"%s, %s on %s x %s", "%s / %s / %s * %s"}, {"memory per GPU", "MEMORY PER GPU"},
        {"inference", "INFERENCE"}, {"training", "TRAINING"}, {"training time", "TRAINING TIME"}, {"days", "DAYS"}, {"years", "YEARS"},
        {"yes", "YES"}, {"no", "NO"}, {"fits on each GPU", "FITS"}, {": ", " = "}, {".", ";"}, {" ", "|"}};
    for (const auto& [en, other] : table)
        if (std::string(en) == english) return other;
    return english;
}
}  // namespace

TEST_CASE("plain text in the reader's language: every phrase goes through the translation, the numbers stay") {
    Inputs in;
    const Result res = compute(in);
    REQUIRE(res.ok());
    const std::string plain = export_plain(res.report, in, shout);
    CAPTURE(plain);
    CHECK(plain.find(" / INFERENCE / 1 * ") != std::string::npos);
    CHECK(plain.find("MEMORY PER GPU = ") != std::string::npos);  // the punctuation too ("：" and "。" in Chinese)
    CHECK(plain.find(" GB;") != std::string::npos);  // units are symbols, the same in every language
    CHECK(plain.find(";|MEMORY PER GPU = ") != std::string::npos);  // the space between sentences is asked for too
    CHECK((plain.find("FITS = YES;") != std::string::npos || plain.find("FITS = NO;") != std::string::npos));
    CHECK(plain.rfind("llmcalc = ", 0) == 0);
    CHECK(plain.find("memory per GPU") == std::string::npos);
    // without a translation the text is export_plain's English, word for word
    CHECK(export_plain(res.report, in, nullptr) == export_plain(res.report, in));
    // a long run is counted in days or years: the unit word is translated too
    Inputs t = in;
    REQUIRE(!set_input(t, "task", "training"));
    REQUIRE(!set_input(t, "tokens", "1T"));
    const Result tr = compute(t);
    REQUIRE(tr.ok());
    const std::string tplain = export_plain(tr.report, t, shout);
    CAPTURE(tplain);
    CHECK(tplain.find("TRAINING TIME = ") != std::string::npos);
    CHECK(tplain.find(" days") == std::string::npos);
    CHECK(tplain.find(" years") == std::string::npos);
}
