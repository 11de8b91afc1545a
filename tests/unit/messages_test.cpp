// Core notes, warnings and errors in Chinese (messages.hpp): every message the core can emit has a template, found
// two ways: (1) the string literals of every statement in src/core (and the CLI) that builds a note, warning or error
// appear in some template's English; (2) the notes and warnings of real scenarios (presets, every config of
// tests/data/configs, changed dimensions, fine-tuning methods, out-of-range contexts) and the errors of bad input
// (every key with bad values, impossible layouts, broken config.json, URL, layer stacks, model files, charts, CLI)
// all match a template, and the Chinese has no English word.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_args.hpp"
#include "inputs.hpp"
#include "layers.hpp"
#include "messages.hpp"
#include "model_file.hpp"
#include "report.hpp"
#include "sweeps.hpp"

using namespace llmcalc;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// The string literals of a C++ statement, unescaped (\" and \\ only: the messages use no other escapes).
std::vector<std::string> literals(const std::string& stmt) {
    std::vector<std::string> out;
    for (size_t i = 0; i < stmt.size(); ++i) {
        if (stmt[i] == '\'' && i + 2 < stmt.size()) {  // a char literal such as '"' is skipped
            const size_t close = stmt.find('\'', i + (stmt[i + 1] == '\\' ? 3 : 2));
            if (close != std::string::npos && close - i <= 3) { i = close; continue; }
        }
        if (stmt[i] != '"') continue;
        std::string lit;
        for (++i; i < stmt.size() && stmt[i] != '"'; ++i) {
            if (stmt[i] == '\\' && i + 1 < stmt.size()) ++i;
            lit += stmt[i];
        }
        out.push_back(lit);
    }
    return out;
}

bool in_some_template(const std::string& lit) {
    for (const auto& t : message_templates())
        if (std::string(t.en).find(lit) != std::string::npos) return true;
    return false;
}

// An ASCII word of three or more letters outside quotes, keys and code names: English left in the Chinese.
std::string english_word(const std::string& zh, const std::vector<std::string>& allowed) {
    std::string word;
    auto done = [&](std::string& w) {
        std::string found;
        if (w.size() >= 3) {
            bool ok = false;
            for (const auto& a : allowed) ok = ok || a == w;
            if (!ok) found = w;
        }
        w.clear();
        return found;
    };
    for (size_t i = 0; i <= zh.size(); ++i) {
        const char c = i < zh.size() ? zh[i] : ' ';
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += c;
        } else if (c == '_' || c == '.' || c == '=' || c == '\'' || c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            // part of a key (max_position_embeddings, metadata.total_size, zero=3, 'text_config'): not prose
            while (i < zh.size() && !std::isspace(static_cast<unsigned char>(zh[i])) &&
                   static_cast<unsigned char>(zh[i]) < 0x80 && zh[i] != ',' && zh[i] != ')')
                ++i;
            word.clear();
        } else if (auto w = done(word); !w.empty()) {
            return w;
        }
    }
    return "";
}

// Names, keys and code words that stay as they are in the Chinese (PEFT: Hugging Face's library).
const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {
        "config", "GPU", "GGUF", "GPTQ", "AWQ", "MXFP4", "qweight", "MLA", "MoE", "FFN", "GQA", "token", "FLOPs",
        "RMSNorm", "MLP", "RoPE", "Llama", "Mixtral", "QLoRA", "URL", "DeepSeek", "safetensors", "MTP", "seq", "gen",
        "gpus", "weights", "experts", "heads", "kv_heads", "hidden_size", "ZeRO", "mfu", "hfu", "nf4", "PEFT",
        "Stanford", "Alpaca", "tokens",  // Stanford Alpaca: a dataset's name; tokens: the key (issue #11)
        "SigLIP", "Pixtral", "ViT", "Gemma",  // vision encoders' names (issue #12)
        // errors: JSON, file formats, key names and values a user types as they are
        "JSON", "UTF", "double", "true", "false", "dtype", "shape", "ggml", "KV", "Gated", "DeltaNet", "Mamba",
        "Hugging", "Face", "tensor", "key", "value", "begin", "end", "linear", "layernorm", "rmsnorm", "embedding",
        "attention", "block", "embed", "hidden", "norm", "out", "kv_lora_rank", "v_head_dim", "head_dim", "list",
        "models", "gpus", "formats", "optimizers", "explain", "params", "name", "gate", "down", "zh",
        "mamba", "mlp", "moe"};  // Nemotron-H layers_block_type values, as config.json writes them
    return n;
}

}  // namespace

TEST_CASE("messages: every literal of a note or warning built in src/core is part of a template") {
    const std::string dir = std::string(LLMCALC_TEST_DATA) + "/../../src/core/";
    size_t statements = 0;
    for (const char* file : {"report.cpp", "hf_config.cpp", "model_file.cpp", "inputs.cpp"}) {
        const std::string src = slurp(dir + file);
        REQUIRE(!src.empty());
        // statements that add a note or warning, or build the text of one (report.cpp's split note, `w` of
        // inapplicable_inputs)
        for (const char* marker : {"notes.push_back(", "warnings.push_back(", " w.push_back(", "std::string note = ",
                                   "note += "}) {
            for (size_t p = src.find(marker); p != std::string::npos; p = src.find(marker, p + 1)) {
                const std::string stmt = src.substr(p, src.find(';', p) - p);
                ++statements;
                for (const auto& lit : literals(stmt)) {
                    // a literal without a space is a key, a value compared with, or a joint ("'", "gpus=")
                    if (lit.find(' ') == std::string::npos) continue;
                    const std::string where = std::string(file) + ": " + lit;
                    CAPTURE(where);
                    CHECK((in_some_template(lit) || message_zh(lit).has_value()));
                }
            }
        }
    }
    CHECK(statements > 50);
}

TEST_CASE("messages: templates fill their arguments; the most specific variant wins; unknown text has none") {
    CHECK(*message_zh("does not fit: 28.84 GB per GPU exceed the usable 22.00 GB") == "放不下：每 GPU 28.84 GB，超过可用的 22.00 GB");
    CHECK(*message_zh("only 2 of 5 GGUF splits given: the counts cover only their tensors") ==
          "只给了 5 个 GGUF 分片中的 2 个：计数只覆盖它们的张量");
    CHECK(*message_zh("config: keys not understood, so the counts are approximate: 'a', 'b' (a vision encoder and "
                      "projector are not counted)") == "config：有未能理解的键，因此计数是近似值：'a', 'b'（未计入视觉编码器和投影层）");
    CHECK(*message_zh("URL: layers: some figures of gpu 'x' are not verified against a datasheet (ignored)") ==
          "URL：layers：GPU 'x' 的部分数据未与规格书核对（已忽略）");
    CHECK_FALSE(message_zh("something the core never says").has_value());
    // errors: named parameters; a {why} is a message of its own, translated through its template, and a text whose
    // {why} has no template has no Chinese either
    CHECK(*message_zh("must be a whole number: '5T': unknown 'T' (use k, M, B, T, Ki, Mi, % or a plain number)") !=
          "");
    CHECK(*message_zh("must be between 1 and 100, got 500") == "须在 1 到 100 之间，实际为 500");
    CHECK(*message_zh("must be a number: 'abc' is not a number") == "须为数字：'abc' 不是数字");
    CHECK(*message_zh("not valid JSON: unexpected end of text in an object at line 1, column 6 (byte 5)") ==
          "不是有效的 JSON：对象中文本意外结束（第 1 行第 6 列，字节 5）");
    CHECK_FALSE(message_zh("must be a number: something the core never says").has_value());
    // a file name made of ": " (each one a place where "{file}: {why}" could split) is answered, not tried 2^60 ways
    std::string colons;
    for (int i = 0; i < 60; ++i) colons += "f: ";
    CHECK_FALSE(message_zh(colons + "x").has_value());
    std::string zh_colons;
    for (int i = 0; i < 60; ++i) zh_colons += "f：";
    CHECK(*message_zh(colons + "the file list is not a JSON array") == zh_colons + "文件列表不是 JSON 数组");
    CHECK(message_in("must be between 1 and 100, got 500", "en") == "must be between 1 and 100, got 500");
    CHECK(message_in("must be between 1 and 100, got 500", "zh") == "须在 1 到 100 之间，实际为 500");
    CHECK(message_in("something the core never says", "zh") == "something the core never says");
    // every template's Chinese places each argument once and is Chinese (no English word outside keys)
    for (const auto& t : message_templates()) {
        const std::string en = t.en, zh = t.zh;
        CAPTURE(en);
        size_t k = 0;
        std::string prose = zh;  // the Chinese without its placeholders
        for (const auto& name : template_names(t)) {
            const std::string placeholder = "{" + (name.empty() ? std::to_string(k++) : name) + "}";
            CAPTURE(placeholder);
            CHECK(zh.find(placeholder) != std::string::npos);
            for (size_t p = prose.find(placeholder); p != std::string::npos; p = prose.find(placeholder))
                prose.replace(p, placeholder.size(), " ");
        }
        CHECK(english_word(prose, names()) == "");
    }
}

TEST_CASE("messages: the notes and warnings of real scenarios all have Chinese") {
    std::vector<std::vector<std::pair<const char*, std::string>>> scenarios = {
        {{"gpus", "2"}},
        {{"gpus", "8"}, {"weights", "fp8"}},
        {{"task", "training"}, {"gpus", "8"}},
        {{"task", "training"}, {"finetune", "lora"}, {"hfu", "0.5"}},
        {{"task", "training"}, {"finetune", "qlora"}},  // recompute=auto chosen as full (issue #11)
        {{"task", "training"}, {"finetune", "full"}, {"lora_rank", "64"}, {"weights", "q4_k_m"}},
        {{"task", "training"}, {"finetune", "qlora"}, {"optimizer_states", "bf16"}},
        {{"model", "llama-3.1-405b"}, {"task", "training"}, {"tokens", "1e18"}, {"mfu", "0.001"}, {"deadline_days", "0.01"}},
        {{"top_k", "2"}},
        {{"seq", "1000000"}, {"gen", "1000"}},
        {{"task", "training"}, {"seq", "1000000"}},
        {{"heads", "16"}},
        {{"heads", "16"}, {"keep_gqa_ratio", "true"}},
        {{"model", "qwen3-30b-a3b"}, {"layers", "10"}},
        {{"model", "gemma-3-27b"}, {"layers", "10"}},
        {{"model", "qwen3-coder-next"}, {"layers", "10"}},
        {{"model", "deepseek-v3.2"}, {"gpus", "3"}},
        {{"model", "deepseek-r1"}, {"gpus", "2"}, {"task", "training"}},
        {{"model", "deepseek-r1"}, {"gpus", "2"}},
        {{"total_params", "32B"}, {"gpus", "4"}, {"weights", "q4_k_m"}},  // parameters only (issue #11)
        {{"total_params", "32B"}, {"weights", "mxfp4_moe"}, {"task", "training"}, {"layout_search", "true"}},
        {{"active_params", "3B"}},
    };
    for (const auto& e : std::filesystem::directory_iterator(std::string(LLMCALC_TEST_DATA) + "/configs"))
        scenarios.push_back({{"config", slurp(e.path().string())}});
    size_t seen = 0;
    for (const auto& s : scenarios) {
        Inputs in;
        for (const auto& [k, v] : s) {
            const std::string key = k, value = v.substr(0, 40);
            CAPTURE(key);
            CAPTURE(value);
            REQUIRE_FALSE(set_input(in, k, v).has_value());
        }
        const Result r = compute(in);
        if (!r.ok()) continue;
        std::vector<std::string> all = r.report.notes;
        all.insert(all.end(), r.report.warnings.begin(), r.report.warnings.end());
        for (const auto& m : all) {
            ++seen;
            CAPTURE(m);
            CHECK(message_zh(m).has_value());
        }
    }
    CHECK(seen > 20);
}

TEST_CASE("messages: every literal of an error built in src/core and the CLI is part of a template") {
    const std::string dir = std::string(LLMCALC_TEST_DATA) + "/../../src/";
    size_t statements = 0;
    for (const char* file : {"core/inputs.cpp", "core/report.cpp", "core/hf_config.cpp", "core/json.cpp", "core/model_file.cpp",
                             "core/gguf.cpp", "core/safetensors.cpp", "core/layers.cpp", "core/sweeps.cpp",
                             "core/cli_args.cpp", "cli/main.cpp"}) {
        const std::string src = slurp(dir + file);
        REQUIRE(!src.empty());
        // statements that build an error message: the key table's setters (return "..."), the parsers' fail() and
        // error(), errors.push_back of an InputError, a header error
        for (const char* marker : {"return \"", "return std::string(\"", "fail(", "error(", "errors.push_back(",
                                   "e.push_back(", "InputError{", "error = ", "add({", "bad(key", "header_error(name"}) {
            for (size_t p = src.find(marker); p != std::string::npos; p = src.find(marker, p + 1)) {
                const std::string stmt = src.substr(p, src.find(';', p) - p);
                ++statements;
                for (const auto& lit : literals(stmt)) {
                    if (lit.find(' ') == std::string::npos) continue;  // a key, a value, a joint
                    if (lit == " values]") continue;  // model_file.cpp: "[N values]", a GGUF array shown, not an error
                    const std::string where = std::string(file) + ": " + lit;
                    CAPTURE(where);
                    CHECK((in_some_template(lit) || message_zh(lit).has_value()));
                }
            }
        }
    }
    CHECK(statements > 150);
}

namespace {

// An error has Chinese: a template matches it (and every {why} inside it). The templates' own Chinese is checked
// for English words above; what fills them is values, keys and file names as given.
void check_error(const std::string& where, const std::string& message) {
    CAPTURE(where);
    CAPTURE(message);
    CHECK(message_zh(message).has_value());
}

}  // namespace

TEST_CASE("messages: the errors of bad input all have Chinese") {
    size_t seen = 0;
    auto errors_of = [&](const std::string& where, const std::vector<InputError>& errors) {
        for (const auto& e : errors) { check_error(where + " -> " + e.key, e.message); ++seen; }
    };
    // every key with values it refuses: the number parser's reasons, ranges, choices, catalogs
    const char* bad[] = {"", "abc", "5T", "1,00", "1,000 000", "-1", "1e99999", "40%", "1.5", "2000000000000", "0", "x5",
                         "5 Q", "1e-300", "1_0", "1111111111111111111111111111111111111111111111111111111111111111111"};
    for (const auto& k : input_keys())
        for (const char* v : bad) {
            Inputs in;
            if (auto e = set_input(in, k.key, v)) { check_error(std::string(k.key) + "=" + v, e->message); ++seen; }
        }
    {
        Inputs in;
        if (auto e = set_input(in, "no_such_key", "1")) { check_error("unknown key", e->message); ++seen; }
        errors_of("hash", parse_hash("seq=%zz&gpus=2&gpus=3", in));
        std::vector<std::string> rest;
        errors_of("args", parse_args({"--seq"}, in, &rest));
    }
    // scenarios the core refuses: layouts, GQA ratios, model dimensions
    const std::vector<std::vector<std::pair<const char*, const char*>>> scenarios = {
        {{"tp", "3"}},
        {{"pp", "1000"}},
        {{"total_params", "8B"}, {"hidden", "64"}},
        {{"total_params", "8B"}, {"pp", "2"}, {"gpus", "2"}},
        {{"total_params", "8B"}, {"active_params", "9B"}},
        {{"total_params", "8B"}, {"task", "training"}, {"finetune", "lora"}},
        {{"tp", "2"}, {"gpus", "1"}},
        {{"task", "training"}, {"tp", "2"}, {"dp", "3"}, {"gpus", "8"}},
        {{"task", "training"}, {"tp", "4"}, {"gpus", "2"}},
        {{"task", "training"}, {"tp", "2"}, {"gpus", "3"}},
        {{"ep", "2"}},
        {{"model", "qwen3-30b-a3b"}, {"ep", "7"}},
        {{"cp", "4096"}, {"seq", "100"}},
        {{"task", "training"}, {"finetune", "freeze"}, {"freeze_train_layers", "1000"}},
        {{"heads", "12"}, {"keep_gqa_ratio", "true"}},
        {{"heads", "7"}},
        {{"kv_heads", "64"}},
        {{"kv_heads", "3"}},
        {{"model", "qwen3-30b-a3b"}, {"top_k", "1000"}},
    };
    for (const auto& s : scenarios) {
        Inputs in;
        std::string where;
        for (const auto& [k, v] : s) {
            const std::string key = k, value = v;
            where += key + "=" + value + " ";
            REQUIRE_FALSE(set_input(in, key, value).has_value());
        }
        const Result r = compute(in);
        CAPTURE(where);
        CHECK_FALSE(r.ok());
        errors_of(where, r.errors);
    }
    // config.json texts the importer refuses
    const char* configs[] = {
        "", "[1]", "{", "{\"a\": tru}", "{\"a\": [1 2]}", "{\"a\" 1}", "{\"a\": \"\\u12\"}", "{\"a\": \"\\x\"}",
        "{\"a\": 1} x", "{\"a\": \"\x01\"}", "{\"a\": \"\\ud800\"}", "{\"a\": \"\\udc00\"}", "{\"a\": -}", "{\"a\": 1.}",
        "{\"a\": 1e}", "{\"a\": 1e999}", "{\"a\": \"abc", "{\"a\": [1,",
        "{\"model_type\": 3}", "{\"model_type\": \"llama\", \"text_config\": 1}",
        "{\"model_type\": \"llama\"}",
        "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_hidden_layers\": 2.5, \"num_attention_heads\": 32, "
        "\"vocab_size\": 1000}",
        "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 30, "
        "\"vocab_size\": 1000, \"intermediate_size\": 100}",
        "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 32, "
        "\"num_key_value_heads\": 64, \"vocab_size\": 1000, \"intermediate_size\": 100}",
        "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 32, "
        "\"num_key_value_heads\": 5, \"vocab_size\": 1000, \"intermediate_size\": 100, \"tie_word_embeddings\": 3}",
        "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 32, "
        "\"vocab_size\": 1000, \"intermediate_size\": 100, \"rms_norm_eps\": \"x\", \"layer_types\": 3}",
        "{\"model_type\": \"llama\", \"hidden_size\": 1e9, \"num_hidden_layers\": 10000, \"num_attention_heads\": 32, "
        "\"vocab_size\": 1000, \"intermediate_size\": 1e9}",
        "{\"model_type\": \"mixtral\", \"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 32, "
        "\"vocab_size\": 1000, \"intermediate_size\": 100, \"num_local_experts\": 8, \"num_experts_per_tok\": 9}",
        "{\"model_type\": \"gemma3_text\", \"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 32, "
        "\"vocab_size\": 1000, \"intermediate_size\": 100, \"layer_types\": [\"full_attention\"]}",
        "{\"model_type\": \"nemotron_h\", \"hidden_size\": 4096, \"num_hidden_layers\": 2, \"num_attention_heads\": 32, "
        "\"vocab_size\": 1000, \"intermediate_size\": 100, \"hybrid_override_pattern\": \"MX\"}",
    };
    for (const char* c : configs) {
        Inputs in;
        const std::string where = std::string("config ") + c;
        if (auto e = set_input(in, "config", c)) { check_error(where, e->message); ++seen; continue; }
        const Result r = compute(in);
        errors_of(where, r.errors);
    }
    // layer stacks (the layer calculator)
    for (const char* text : {"", "linear in=x out=5", "linear out=5", "linear in=5 out=5 bias=maybe", "linear in=5 out=5 foo=1",
                             "linear in5", "conv2d in=4 out=6 g=4 k=3 h=8 w=8", "conv2d in=4 out=4 k=30 h=8 w=8",
                             "attention embed=10 heads=3", "block hidden=10 heads=3 seq=4", "block hidden=12 heads=3 norm=x",
                             "attention embed=12 heads=4 kv_heads=3", "dense in=1", "linear in=100000000000 out=100000000000"})
        errors_of(std::string("layers ") + text, layer_stack(text).errors);
    // model files
    for (const std::string head : {std::string("GGUF\x01\0\0\0", 8), std::string("GGUF\x09\0\0\0", 8), std::string("{\"a\":1}"),
                                   std::string("\x05\0\0\0\0\0\0\0{\"a\":", 13), std::string("\xff\xff\xff\xff\0\0\0\0", 8),
                                   std::string("\x02\0\0\0\0\0\0\0[]", 10)}) {
        const HeaderParse p = parse_model_file(head, head.size(), "m.bin");
        if (p.status == HeaderParse::Status::Error) { check_error("file " + head, p.error); ++seen; }
    }
    {
        SafetensorsIndex index;
        for (const char* text : {"{", "{}", "{\"weight_map\": {\"a\": 1}}"}) {
            const std::string e = parse_safetensors_index(text, index);
            if (!e.empty()) { check_error(std::string("index ") + text, e); ++seen; }
        }
        const FileModelResult none = combine_model_files({});
        check_error("no files", none.error);
        ++seen;
    }
    // charts: a failed point names it; bad ranges
    {
        Inputs in;
        REQUIRE_FALSE(set_input(in, "tp", "3").has_value());
        errors_of("sweep", memory_vs_seq(in).errors);
        GridSpec g;
        g.n_batch = 1;
        errors_of("grid", fits_grid(Inputs{}, g).errors);
        errors_of("batch sweep", memory_vs_batch(Inputs{}, 0).errors);
    }
    // the CLI's own options
    {
        Inputs in;
        errors_of("cli", parse_cli({"--explain"}, in).errors);
        errors_of("cli", parse_cli({"--explain", "nope.path"}, in).errors);
        errors_of("cli", parse_cli({"--lang", "fr"}, in).errors);
        errors_of("cli", parse_cli({"--frobnicate"}, in).errors);
    }
    CHECK(seen > 150);
}
