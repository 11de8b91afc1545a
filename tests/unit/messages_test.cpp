// Core notes and warnings in Chinese (messages.hpp): every message the core can emit has a template, found two ways:
// (1) the string literals of every statement in src/core that builds a note or warning appear in some template's
// English; (2) the notes and warnings of real scenarios (presets, every config of tests/data/configs, changed
// dimensions, fine-tuning methods, out-of-range contexts) all match a template, and the Chinese has no English word.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "messages.hpp"
#include "report.hpp"

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
    // every template's Chinese places each argument once and is Chinese (no English word outside keys)
    for (const auto& t : message_templates()) {
        const std::string en = t.en, zh = t.zh;
        CAPTURE(en);
        size_t n = 0;
        for (size_t p = en.find("{}"); p != std::string::npos; p = en.find("{}", p + 2)) ++n;
        for (size_t k = 0; k < n; ++k) CHECK(zh.find("{" + std::to_string(k) + "}") != std::string::npos);
        CHECK(english_word(zh, {"config", "GPU", "GGUF", "GPTQ", "AWQ", "MXFP4", "qweight", "MLA", "MoE", "FFN", "GQA",
                                "token", "FLOPs", "RMSNorm", "MLP", "RoPE", "Llama", "Mixtral", "QLoRA", "URL", "DeepSeek",
                                "safetensors", "MTP", "seq", "gen", "gpus", "weights", "experts", "heads", "kv_heads", "hidden_size", "ZeRO", "mfu", "hfu", "nf4", "PEFT", "Stanford", "Alpaca", "tokens"}) == "");  // PEFT: Hugging Face's library, a name; Stanford Alpaca: a dataset's name; tokens: the key
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
