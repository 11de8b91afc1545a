// llmcalc: the native command line. A thin shell over llmcalc_core: parse flags, read --config's file, print JSON.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <cstddef>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "catalog_json.hpp"
#include "catalog.hpp"
#include "cli_args.hpp"
#include "explain.hpp"
#include "limits.hpp"
#include "messages.hpp"
#include "model_file.hpp"
#include "report.hpp"

namespace {

constexpr int kBadInput = 2;

void print_usage() {
    std::cout << "usage: llmcalc [--key value ...] [--file PATH ...] [--json] [--pretty]\n"
                 "       llmcalc [--key value ...] --explain REPORT.PATH [--lang en|zh] [--json]\n"
                 "       llmcalc --list-models | --list-gpus | --list-formats | --list-optimizers | --list-keys\n\n"
                 "--file PATH: a GGUF or safetensors file (repeat for GGUF splits / safetensors shards, plus an optional\n"
                 "  model.safetensors.index.json); only its header is read (at most 128 MiB). docs/model-files.md\n\n"
                 "keys (the same as the web page's URL hash and the JS API):\n";
    for (const auto& k : llmcalc::input_keys()) std::cout << "  --" << k.key << "  " << k.help << "\n";
}

// The text of --config's file, or the reason it cannot be used. Refused by name: a missing or unreadable path, a
// directory, an empty file (or /dev/null), and anything over limits::kMaxConfigBytes: a regular file by its size
// before reading, anything else (a pipe, /dev/zero) after reading at most one byte more than the cap.
std::optional<std::string> read_config_file(const std::string& path, std::string& error) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        error = "cannot read file '" + path + "': " + std::strerror(errno);
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "'" + path + "' is a directory, not a config.json file";
        return std::nullopt;
    }
    const size_t cap = llmcalc::limits::kMaxConfigBytes;
    if (S_ISREG(st.st_mode) && static_cast<unsigned long long>(st.st_size) > cap) {
        error = "file '" + path + "' is " + std::to_string(st.st_size) + " bytes; config.json text may be at most " +
                std::to_string(cap) + " bytes";
        return std::nullopt;
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = "cannot read file '" + path + "': " + std::strerror(errno);
        return std::nullopt;
    }
    std::string text;
    char buf[65536];
    bool failed = false;
    while (text.size() <= cap) {
        const size_t n = std::fread(buf, 1, sizeof buf, f);
        text.append(buf, n);
        if (n < sizeof buf) { failed = std::ferror(f) != 0; break; }
    }
    std::fclose(f);
    if (failed) error = "cannot read file '" + path + "'";
    else if (text.size() > cap)
        error = "'" + path + "' gives more than " + std::to_string(cap) + " bytes; config.json text may be at most " +
                std::to_string(cap) + " bytes";
    else if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        error = "file '" + path + "' is empty";
    if (!error.empty()) return std::nullopt;
    return text;
}

// The first `n` bytes of a file (fewer at its end).
std::string read_prefix(std::ifstream& f, uint64_t n) {
    std::string buf(static_cast<size_t>(n), '\0');
    f.clear();
    f.seekg(0);
    f.read(&buf[0], static_cast<std::streamsize>(n));
    buf.resize(static_cast<size_t>(f.gcount()));
    return buf;
}

// --file PATH ...: each file's header only, read in growing chunks as the parser asks (llmcalc::parse_model_file).
bool load_model_files(const std::vector<std::string>& paths, llmcalc::FileModel& out, std::string& error) {
    std::vector<llmcalc::ParsedFile> files;
    llmcalc::SafetensorsIndex index;
    bool has_index = false;
    for (const auto& path : paths) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) { error = "cannot read file '" + path + "' (not a regular file)"; return false; }
        std::ifstream f(path, std::ios::binary);
        if (!f) { error = "cannot read file '" + path + "'"; return false; }
        const uint64_t size = static_cast<uint64_t>(st.st_size);
        std::string head = read_prefix(f, std::min(size, llmcalc::kFirstHeaderRead));
        if (llmcalc::looks_like_index_json(head)) {
            if (size > llmcalc::kMaxHeaderBytes) { error = path + ": index JSON larger than the cap"; return false; }
            error = llmcalc::parse_safetensors_index(read_prefix(f, size), index);
            if (!error.empty()) { error = path + ": " + error; return false; }
            has_index = true;
            continue;
        }
        for (;;) {
            llmcalc::HeaderParse p = llmcalc::parse_model_file(head, size, path);
            if (p.status == llmcalc::HeaderParse::Status::Error) { error = p.error; return false; }
            if (p.ok()) { files.push_back(std::move(p.file)); break; }
            head = read_prefix(f, p.need);
        }
    }
    llmcalc::FileModelResult r = llmcalc::combine_model_files(files, has_index ? &index : nullptr);
    if (!r.ok()) { error = r.error; return false; }
    out = std::move(r.model);
    return true;
}

// --lang en|zh as given (before parse_cli: the --config and --file errors come first), "" when not given.
std::string lang_of(const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--lang" && i + 1 < args.size()) return args[i + 1];
        if (args[i].rfind("--lang=", 0) == 0) return args[i].substr(7);
    }
    return "";
}

std::string g_lang;  // --lang: errors (and, when given, the report's warnings) on stderr in that language

int bad_input(const std::vector<llmcalc::InputError>& errors) {
    for (const auto& e : errors) std::cerr << "llmcalc: --" << e.key << ": " << llmcalc::message_in(e.message, g_lang) << "\n";
    return kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    g_lang = lang_of(args);
    llmcalc::Inputs in;
    // --config names a file on the command line; the core takes its text.
    for (size_t i = 0; i < args.size(); ++i) {
        std::string path;
        if (args[i] == "--config" && i + 1 < args.size()) path = args[i + 1];
        else if (args[i].rfind("--config=", 0) == 0) path = args[i].substr(9);
        else continue;
        std::string error;
        const std::optional<std::string> text = read_config_file(path, error);
        if (!text) return bad_input({{"config", error}});
        if (args[i] == "--config") args[++i] = *text;
        else args[i] = "--config=" + *text;
    }
    // --file PATH (repeatable): model files whose headers give the model and its stored weights.
    std::vector<std::string> file_paths;
    for (size_t i = 0; i < args.size();) {
        if (args[i] == "--file" && i + 1 < args.size()) {
            file_paths.push_back(args[i + 1]);
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        } else if (args[i].rfind("--file=", 0) == 0) {
            file_paths.push_back(args[i].substr(7));
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }
    const llmcalc::CliCommand cmd = llmcalc::parse_cli(args, in);
    using A = llmcalc::CliCommand::Action;
    switch (cmd.action) {
        case A::Help: print_usage(); return 0;
        case A::ListModels:
            for (const auto& p : llmcalc::presets()) std::cout << p.config.id << "\t" << p.config.name << "\n";
            return 0;
        case A::ListGpus:
            if (cmd.json) {  // the GPU table: memory (and its source), bandwidth, TFLOPS by precision
                std::cout << llmcalc::gpus_json() << "\n";
                return 0;
            }
            // one line per GPU: id, name, memory GB, usable fraction, bandwidth GB/s, dense TFLOPS fp32 tf32 bf16
            // fp16 fp8 int8 fp4 (0 = none / unpublished), verified, source
            for (const auto& g : llmcalc::gpus())
                std::cout << g.id << "\t" << g.name << "\t" << g.memory_bytes / 1e9 << "\t" << g.usable_fraction << "\t"
                          << g.bandwidth / 1e9 << "\t" << g.fp32 / 1e12 << "\t" << g.tf32 / 1e12 << "\t" << g.bf16 / 1e12
                          << "\t" << g.fp16 / 1e12 << "\t" << g.fp8 / 1e12 << "\t" << g.int8 / 1e12 << "\t" << g.fp4 / 1e12
                          << "\t" << (g.verified ? "true" : "false") << "\t" << g.source << "\n";
            return 0;
        case A::ListFormats:
            for (const auto& f : llmcalc::number_formats())
                std::cout << f.id << "\t" << f.label << "\t" << f.bits() << " bits\n";
            return 0;
        case A::ListOptimizers:
            for (const auto& o : llmcalc::optimizers())
                std::cout << o.id << "\t" << o.name << "\t" << o.state_bytes_per_param << " bytes/param\n";
            return 0;
        case A::ListKeys:
            for (const auto& k : llmcalc::input_keys()) std::cout << k.key << "\t" << k.help << "\n";
            return 0;
        case A::Report:
        case A::Explain: break;
    }
    if (!cmd.errors.empty()) return bad_input(cmd.errors);
    llmcalc::FileModel file;
    if (!file_paths.empty()) {
        std::string error;
        if (!load_model_files(file_paths, file, error)) return bad_input({{"file", error}});
    }
    llmcalc::Result res = file_paths.empty() ? llmcalc::compute(in) : llmcalc::compute(in, file);
    if (!res.ok()) return bad_input(res.errors);
    if (cmd.action == A::Explain) {
        const llmcalc::Explanation e = llmcalc::explain(in, res.report, cmd.explain_path);
        if (!e.found) return bad_input({{"explain", "'" + cmd.explain_path + "' does not apply to this scenario"}});
        std::cout << (cmd.json ? llmcalc::explain_json(e, cmd.lang, cmd.pretty) + "\n" : llmcalc::explain_text(e, cmd.lang));
        return 0;
    }
    // --lang given: the report's warnings on stderr in that language too (the JSON keeps its English, INTERFACE.md)
    if (!g_lang.empty())
        for (const auto& w : res.report.warnings)
            std::cerr << (g_lang == "zh" ? "llmcalc: 警告：" : "llmcalc: warning: ") << llmcalc::message_in(w, g_lang) << "\n";
    std::cout << llmcalc::report_json(res.report, cmd.pretty) << "\n";
    return 0;
}
