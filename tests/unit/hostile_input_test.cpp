// Issue #14: hostile input cannot freeze, exhaust or fool the core. Each case is one of the issue's inputs (a
// 221-byte link with "num_hidden_layers": 1e9, oversized or dense config text, deadline_days=1e-300,
// gpu_mem_util=1e-300, a context beyond max_position_embeddings, options that do not apply, repeated keys) and the
// named error or warning it must now give.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "formats.hpp"
#include "hf_config.hpp"
#include "inputs.hpp"
#include "json.hpp"
#include "limits.hpp"
#include "magnitude.hpp"
#include "messages.hpp"
#include "report.hpp"

namespace {

using llmcalc::Inputs;

bool has_error(const std::vector<llmcalc::InputError>& errors, const std::string& key, const std::string& part) {
    for (const auto& e : errors)
        if (e.key == key && e.message.find(part) != std::string::npos) return true;
    return false;
}

bool has_text(const std::vector<std::string>& list, const std::string& part) {
    for (const auto& s : list)
        if (s.find(part) != std::string::npos) return true;
    return false;
}

std::string llama_config(const std::string& extra) {
    return R"({"model_type":"llama","hidden_size":4096,"num_attention_heads":32,"num_hidden_layers":32,)"
           R"("vocab_size":32000,"intermediate_size":11008)" + extra + "}";
}

}  // namespace

TEST_CASE("config fields are held to the range of the key that means the same") {
    // The issue's link: the `layers` key stopped at 1,000,000 (now 10,000), "num_hidden_layers" let 1e9 through
    // (14 min frozen).
    const std::string text = R"({"model_type":"llama","num_hidden_layers":1000000000,"hidden_size":4096,)"
                             R"("num_attention_heads":32,"vocab_size":32000})";
    const auto r = llmcalc::import_hf_config(text);
    CHECK(has_error(r.errors, "config", "'num_hidden_layers' is too large (1000000000): at most 10000, as for key 'layers'"));
    // an alias is held to the same bound and named as written
    const auto alias = llmcalc::import_hf_config(R"({"model_type":"gpt2","n_layer":20000})");
    CHECK(has_error(alias.errors, "config", "'n_layer' is too large"));
    // the bound is the key's own: exactly the key's maximum is accepted by both
    const llmcalc::KeySpec* layers = llmcalc::find_key("layers");
    REQUIRE(layers != nullptr);
    CHECK(layers->hi == 10000);
    Inputs in;
    CHECK(llmcalc::set_input(in, "layers", "10001").has_value());
    CHECK_FALSE(llmcalc::set_input(in, "layers", "10000").has_value());
    for (const auto& pair : std::vector<std::pair<std::string, std::string>>{
             {"num_attention_heads", "heads"}, {"num_key_value_heads", "kv_heads"}, {"num_local_experts", "experts"},
             {"max_position_embeddings", "seq"}, {"first_k_dense_replace", "layers"}}) {
        // named copies, not a structured binding: clang 14 (em++) cannot capture a binding in CAPTURE's lambda
        const std::string field = pair.first;
        const std::string key = pair.second;
        CAPTURE(field);
        const llmcalc::KeySpec* k = llmcalc::find_key(key);
        REQUIRE(k != nullptr);
        const std::string over = std::to_string(k->hi + 1);
        const std::string type = field == "first_k_dense_replace" ? "deepseek_v3" : "mixtral";
        const auto res = llmcalc::import_hf_config(R"({"model_type":")" + type + R"(","hidden_size":64,)"
                                                   R"("num_attention_heads":4,"num_hidden_layers":2,"vocab_size":10,")" +
                                                   field + "\":" + over + "}");
        CHECK(has_error(res.errors, "config", "'" + field + "' is too large (" + over + "): at most"));
    }
}

TEST_CASE("config text over limits::kMaxConfigBytes is refused by size before parsing") {
    Inputs in;
    const std::string big(llmcalc::limits::kMaxConfigBytes + 1, ' ');
    const auto err = llmcalc::set_input(in, "config", big);
    REQUIRE(err.has_value());
    CHECK(err->key == "config");
    CHECK(err->message.find("may be at most " + std::to_string(llmcalc::limits::kMaxConfigBytes) + " bytes") !=
          std::string::npos);
    CHECK(in.config.empty());
    // exactly the cap is still taken (then parsed: here it is not JSON, a named error again)
    const std::string at_cap(llmcalc::limits::kMaxConfigBytes, ' ');
    CHECK_FALSE(llmcalc::set_input(in, "config", at_cap).has_value());
}

TEST_CASE("the JSON parser refuses text whose values would outgrow a small multiple of it") {
    namespace json = llmcalc::json;
    // 1 MB of "0," is 500,000 values: ~100 bytes each as a tree, ~50x the text. Refused by name.
    std::string zeros = "[";
    for (int i = 0; i < 500000; ++i) zeros += "0,";
    zeros += "0]";
    const auto r = json::parse(zeros);
    CHECK_FALSE(r.ok());
    CHECK(r.error.rfind(json::kTooDense, 0) == 0);
    // a dense but small array (under the 1 MiB floor) parses as before
    std::string small = "[";
    for (int i = 0; i < 1000; ++i) small += "1,";
    small += "1]";
    CHECK(json::parse(small).ok());
    // config-like text near the size cap parses: long strings cost little per byte
    std::string types;
    for (int i = 0; i < 90000; ++i) types += std::string(i ? "," : "") + "\"sliding_attention\"";
    const auto big = llmcalc::import_hf_config(llama_config(",\"id2label\":[" + types + "]"));
    CHECK(big.ok());
}

TEST_CASE("a key given twice in a hash or on the command line is a named error") {
    Inputs in;
    CHECK(has_error(llmcalc::parse_hash("seq=4096&batch=2&seq=10", in), "seq", "more than once"));
    Inputs args_in;
    std::vector<std::string> rest;
    CHECK(has_error(llmcalc::parse_args({"--seq", "10", "--seq=20"}, args_in, &rest), "seq", "more than once"));
    // different keys are fine
    Inputs ok;
    CHECK(llmcalc::parse_hash("seq=10&batch=2", ok).empty());
}

TEST_CASE("a config.json key written twice gets a note naming it (the last value is used, as Python's json does)") {
    const auto r = llmcalc::import_hf_config(llama_config(R"(,"num_hidden_layers":16)"));
    REQUIRE(r.ok());
    CHECK(r.config.num_layers == 16);
    CHECK(has_text(r.notes, "'num_hidden_layers' appears more than once; the last value is used"));
}

TEST_CASE("deadline_days=1e-300 is refused by name; a real deadline that needs > 1e15 GPUs saturates with a warning") {
    Inputs in;
    const auto err = llmcalc::set_input(in, "deadline_days", "1e-300");
    REQUIRE(err.has_value());
    CHECK(err->key == "deadline_days");
    CHECK(err->message.find("0 (off) or at least 0.01") != std::string::npos);
    CHECK_FALSE(llmcalc::set_input(in, "deadline_days", "0").has_value());
    CHECK_FALSE(llmcalc::set_input(in, "deadline_days", "0.01").has_value());
    // 6 x 405e9 x 1e18 FLOPs in 864 s at 0.1 % of an H100's peak needs ~3e15 GPUs: capped, never 2^63 - 1
    Inputs huge;
    REQUIRE(llmcalc::parse_hash("model=llama-3.1-405b&task=training&tokens=1e18&mfu=0.001&deadline_days=0.01", huge)
                .empty());
    const auto res = llmcalc::compute(huge);
    REQUIRE(res.ok());
    CHECK(res.report.gpus_for_deadline == static_cast<int64_t>(llmcalc::kMaxGpuCount));
    CHECK(static_cast<double>(res.report.gpus_for_deadline) <= 9007199254740992.0);  // 2^53
    CHECK(has_text(res.report.warnings, "gpus_for_deadline is capped at 1e15"));
    // a real deadline: no warning
    Inputs real;
    REQUIRE(llmcalc::parse_hash("task=training&deadline_days=30", real).empty());
    const auto ok = llmcalc::compute(real);
    REQUIRE(ok.ok());
    CHECK(ok.report.gpus_for_deadline >= 1);
    CHECK_FALSE(has_text(ok.report.warnings, "gpus_for_deadline"));
}

TEST_CASE("fractions have a meaningful range: 1e-300 is refused by name") {
    for (const char* key : {"gpu_mem_util", "unified_memory_fraction", "mfu", "prefill_efficiency", "decode_bw_efficiency"}) {
        CAPTURE(std::string(key));
        Inputs in;
        const auto err = llmcalc::set_input(in, key, "1e-300");
        REQUIRE(err.has_value());
        CHECK(err->key == key);
        CHECK(err->message.find("at least 0.001") != std::string::npos);
        CHECK_FALSE(llmcalc::set_input(in, key, "0.001").has_value());
        CHECK_FALSE(llmcalc::set_input(in, key, "1").has_value());
    }
}

TEST_CASE("a context beyond max_position_embeddings is warned about") {
    // Llama 3.1 8B: max_position_embeddings 131072 (its config.json)
    Inputs in;
    REQUIRE(llmcalc::parse_hash("model=llama-3.1-8b&seq=200000&gen=0", in).empty());
    const auto res = llmcalc::compute(in);
    REQUIRE(res.ok());
    CHECK(has_text(res.report.warnings, "longer than the model's maximum of 131072 (max_position_embeddings)"));
    Inputs fits;
    REQUIRE(llmcalc::parse_hash("model=llama-3.1-8b&seq=4096", fits).empty());
    CHECK_FALSE(has_text(llmcalc::compute(fits).report.warnings, "max_position_embeddings"));
}

TEST_CASE("options that do not apply are named: top_k on a dense model, freeze_train_layers beyond the layers") {
    Inputs dense;
    REQUIRE(llmcalc::parse_hash("model=llama-3.1-8b&top_k=2", dense).empty());
    const auto res = llmcalc::compute(dense);
    REQUIRE(res.ok());
    CHECK(has_text(res.report.warnings, "top_k does not apply"));
    Inputs moe;
    REQUIRE(llmcalc::parse_hash("model=mixtral-8x7b&top_k=1", moe).empty());
    CHECK_FALSE(has_text(llmcalc::compute(moe).report.warnings, "does not apply"));
    Inputs freeze;  // Llama 3.1 8B has 32 layers
    REQUIRE(llmcalc::parse_hash("task=training&finetune=freeze&freeze_train_layers=1000", freeze).empty());
    CHECK(has_error(llmcalc::compute(freeze).errors, "freeze_train_layers", "must not exceed the number of layers (32)"));
}

TEST_CASE("kv_heads and head_dim on an MLA model are named: they change no count there") {
    // DeepSeek-V2 Sec. 2.1: MLA caches one latent per token and sizes its heads by qk_nope / qk_rope / v_head_dim
    Inputs plain;
    REQUIRE(llmcalc::parse_hash("model=deepseek-v3", plain).empty());
    const auto base = llmcalc::compute(plain);
    REQUIRE(base.ok());
    for (const char* key : {"kv_heads", "head_dim"}) {
        const std::string k = key;
        CAPTURE(k);
        Inputs in;
        REQUIRE(llmcalc::parse_hash("model=deepseek-v3&" + k + "=8", in).empty());
        const auto res = llmcalc::compute(in);
        REQUIRE(res.ok());
        CHECK(has_text(res.report.warnings, k + " does not apply: MLA attention"));
        for (const std::string& w : res.report.warnings)
            if (w.find("MLA attention") != std::string::npos) {
                const auto zh = llmcalc::message_zh(w);  // in Chinese too, the key kept
                REQUIRE(zh);
                CHECK(zh->rfind(k + " 不适用：MLA", 0) == 0);
            }
        // the reason for the warning: nothing it could change did change
        CHECK(res.report.params.total == base.report.params.total);
        CHECK(res.report.kv_cache_bytes_per_token == base.report.kv_cache_bytes_per_token);
    }
    Inputs gqa;  // on standard attention both keys count
    REQUIRE(llmcalc::parse_hash("model=llama-3.1-8b&kv_heads=4&head_dim=64", gqa).empty());
    CHECK_FALSE(has_text(llmcalc::compute(gqa).report.warnings, "does not apply"));
}

TEST_CASE("keys that act through another setting are named when it leaves them nothing to do") {
    struct Case { const char* hash; const char* named; };
    const Case idle[] = {
        // a discrete card's memory is its own: the unified-memory share is Apple's (report.cpp: g.unified)
        {"gpu=h100-sxm&unified_memory_fraction=0.5", "unified_memory_fraction does not apply: gpu 'h100-sxm'"},
        // 16-bit weights leave no embedding narrower than 16 bits to widen; a GGUF recipe sets its own
        {"weights=bf16&embed_16bit=false", "embed_16bit does not apply with weights=bf16"},
        {"weights=q4_k_m&embed_16bit=false", "embed_16bit does not apply with weights=q4_k_m"},
        // sequence parallelism splits activations over the tensor-parallel group: nothing to split at tp 1
        {"task=training&sp=true", "sp does not apply"},
    };
    for (const Case& c : idle) {
        const std::string hash = c.hash;
        CAPTURE(hash);
        Inputs in;
        REQUIRE(llmcalc::parse_hash(c.hash, in).empty());
        const auto res = llmcalc::compute(in);
        REQUIRE(res.ok());
        CHECK(has_text(res.report.warnings, c.named));
        for (const std::string& w : res.report.warnings)
            if (w.find("does not apply") != std::string::npos) CHECK(llmcalc::message_zh(w));  // in Chinese too
    }
    // where they do act: the figures move and nothing is named
    const char* acting[][2] = {{"gpu=m2-ultra", "unified_memory_fraction=0.5"},
                               {"weights=int4", "embed_16bit=false"},
                               {"task=training&tp=2&gpus=2", "sp=true"}};
    for (const auto& a : acting) {
        const std::string base = a[0], key = a[1];
        CAPTURE(base + "&" + key);
        Inputs without, with;
        REQUIRE(llmcalc::parse_hash(base, without).empty());
        REQUIRE(llmcalc::parse_hash(base + "&" + key, with).empty());
        const auto r0 = llmcalc::compute(without), r1 = llmcalc::compute(with);
        REQUIRE(r0.ok());
        REQUIRE(r1.ok());
        CHECK_FALSE(has_text(r1.report.warnings, "does not apply"));
        CHECK((r1.report.gpu_memory_bytes != r0.report.gpu_memory_bytes ||
               r1.report.weights_detail.total != r0.report.weights_detail.total ||
               r1.report.training_memory.activations_bytes != r0.report.training_memory.activations_bytes));
    }
}

TEST_CASE("fine-tuning keys of another method are named, not silently unused") {
    // lora_rank / lora_targets are read only by finetune=lora|qlora, freeze_train_layers only by finetune=freeze.
    struct Case { const char* hash; const char* named; };
    const Case unused[] = {
        {"task=training&finetune=full&lora_rank=64", "lora_rank does not apply: finetune=full"},
        {"task=training&finetune=freeze&lora_targets=q,v", "lora_targets does not apply: finetune=freeze"},
        {"task=training&finetune=lora&freeze_train_layers=4", "freeze_train_layers does not apply: finetune=lora"},
    };
    for (const Case& c : unused) {
        const std::string hash = c.hash, named = c.named;
        CAPTURE(hash);
        Inputs in;
        REQUIRE(llmcalc::parse_hash(c.hash, in).empty());
        const auto res = llmcalc::compute(in);
        REQUIRE(res.ok());
        CHECK(has_text(res.report.warnings, named));
    }
    const char* used[] = {"task=training&finetune=lora&lora_rank=64&lora_targets=q,v",
                          "task=training&finetune=qlora&lora_rank=8", "task=training&finetune=freeze&freeze_train_layers=4",
                          "task=training&finetune=full"};
    for (const char* h : used) {
        const std::string hash = h;
        CAPTURE(hash);
        Inputs in;
        REQUIRE(llmcalc::parse_hash(h, in).empty());
        CHECK_FALSE(has_text(llmcalc::compute(in).report.warnings, "does not apply"));
    }
}

TEST_CASE("the GGUF recipe depends on the layer index only through gguf_layer_class") {
    // weight_bytes_detail evaluates llama.cpp's recipe once per class instead of per layer (issue #14); this holds
    // when any two layers of one class get the same type for every role, format and depth.
    using llmcalc::TensorRole;
    for (const auto& f : llmcalc::number_formats()) {
        if (!f.is_gguf()) continue;
        for (int64_t n : {1, 2, 5, 16, 32, 61, 80, 126, 1000, 10000}) {
            llmcalc::GgufContext c;
            c.n_layers = n;
            c.row = 4096;
            int64_t first[32];
            for (auto& x : first) x = -1;
            for (int64_t i = 0; i < n; ++i) {
                const int cls = llmcalc::gguf_layer_class(i, n);
                REQUIRE(cls >= 0);
                REQUIRE(cls < 32);
                if (first[cls] < 0) { first[cls] = i; continue; }
                for (TensorRole role : {TensorRole::AttnQ, TensorRole::AttnK, TensorRole::AttnV, TensorRole::AttnOutput,
                                        TensorRole::FfnGate, TensorRole::FfnUp, TensorRole::FfnDown, TensorRole::Other}) {
                    for (int64_t experts : {0, 8}) {
                        llmcalc::GgufContext a = c, b = c;
                        a.n_expert = b.n_expert = experts;
                        a.layer = first[cls];
                        b.layer = i;
                        if (llmcalc::gguf_tensor_type(f, role, a) != llmcalc::gguf_tensor_type(f, role, b)) {
                            CAPTURE(f.id);
                            CAPTURE(n);
                            CAPTURE(i);
                            FAIL_CHECK("layers of one class get different types");
                        }
                    }
                }
            }
        }
    }
}
