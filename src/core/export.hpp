// Export of a report as text a person pastes elsewhere: a Markdown table (issues, notes), CSV (spreadsheets),
// JSON (= report_json) and a short plain-text summary (the app's screen-reader mirror). Every format is built
// from the same rows, each carrying the report JSON path of its value (../shared/INTERFACE.md), so a reader (or a
// test) can match a row to the report. Numbers in CSV and in the Markdown "exact" column are written exactly:
// integers in full, doubles with 17 significant digits (they parse back to the same double).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "inputs.hpp"
#include "report.hpp"

namespace llmcalc {

enum class ExportUnit { Count, Bytes, Flops, Seconds, PerSecond, Usd, Text };

struct ExportRow {
    std::string section;   // "headline", "memory", "params", "flops"
    std::string label;     // English label
    std::string path;      // report JSON path of the value ("" for derived text such as "fits")
    ExportUnit unit = ExportUnit::Count;
    bool is_integer = false;
    int64_t integer = 0;   // when is_integer (bytes and counts are exact int64)
    double value = 0;      // otherwise
    std::string text;      // unit Text: the value as text
};

// The rows of every export: headline numbers for the task, the memory breakdown per GPU, parameters, FLOPs.
std::vector<ExportRow> export_rows(const Report& r, const Inputs& in);

// One line saying what was computed: "Llama 3.1 8B, inference on 1 x H100 SXM 80GB".
std::string export_title(const Report& r, const Inputs& in);
// The row's value written exactly ("8030261248", "0.0123456789012345", "yes").
std::string export_exact(const ExportRow& row);
// The row's value for people, in decimal units ("8.03 B", "16.06 GB", "12.3 ms").
std::string export_human(const ExportRow& row);
// Unit name for the CSV unit column ("bytes", "count", "FLOP", "s", "1/s", "USD", "").
const char* export_unit_name(ExportUnit u);

// RFC 4180 field: quoted (with doubled quotes) when it holds a comma, quote, CR or LF, or starts/ends with a space.
std::string csv_field(std::string_view s);

// Title, scenario (URL hash) and one table per section: | quantity | value | exact |.
std::string export_markdown(const Report& r, const Inputs& in);
// Header "section,quantity,value,unit,path", one line per row (CRLF line ends, as RFC 4180 writes them).
std::string export_csv(const Report& r, const Inputs& in);
// report_json, pretty-printed.
std::string export_json(const Report& r);
// A few sentences with the headline numbers, in the words and units a person reads ("16.9 GB", "161"): what a
// screen reader announces and the page shows before its canvas. The exact figures are the exports' above. `translate`,
// when given, maps each English phrase (the title format "%s, %s on %s x %s", labels, task, "yes"/"no", time units)
// to the reader's language (the web app passes its string table's lookup).
using Translate = const char* (*)(const char* english);
std::string export_plain(const Report& r, const Inputs& in, Translate translate = nullptr);

}  // namespace llmcalc
