// Property tests over many random valid scenarios (seeded PRNG): parts sum to totals, memory never decreases
// with batch, seq or model size, no NaN/Inf/negative numbers in the report, bad values give a named error for
// their key, and the URL hash round-trips.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog.hpp"
#include "report.hpp"
#include "test_rng.hpp"

using namespace llmcalc;
using json = nlohmann::json;

namespace {

using test_util::Rng;

Inputs random_scenario(Rng& g) {
    Inputs in;
    const auto& ps = presets();
    const Preset& p = ps[static_cast<size_t>(g.next() % ps.size())];
    in.model = p.config.id;
    const ModelConfig& m = p.config;
    in.task = g.coin() ? Task::Inference : Task::Training;
    in.batch = g.range(1, 16);
    in.seq = g.range(1, 16384);
    in.gen = g.range(0, 2048);
    in.concurrency = g.range(1, 16);
    std::vector<std::string> wf, kf;
    for (const auto& f : number_formats()) {
        if (f.for_weights) wf.push_back(f.id);
        if (f.for_kv) kf.push_back(f.id);
    }
    in.weights = g.pick(wf);
    in.kv = g.pick(kf);
    std::vector<std::string> gs;
    for (const auto& x : gpus()) gs.push_back(x.id);
    in.gpu = g.pick(gs);
    std::vector<int64_t> tps;
    for (int64_t t : {1, 2, 4, 8})
        if (m.num_heads % t == 0) tps.push_back(t);
    in.tp = g.pick(tps);
    in.pp = std::min<int64_t>(m.num_layers, g.pick(std::vector<int64_t>{1, 1, 2, 4}));
    in.dp = g.pick(std::vector<int64_t>{1, 2, 8});
    in.gpus = in.tp * in.pp * in.dp;
    in.sp = in.tp > 1 && g.coin();
    in.zero = g.range(0, 3);
    std::vector<std::string> os;
    for (const auto& o : optimizers()) os.push_back(o.id);
    in.optimizer = g.pick(os);
    in.grad_dtype = g.pick(std::vector<GradDtype>{GradDtype::Fp32, GradDtype::Bf16, GradDtype::Fp16});
    in.master_weights = g.coin();
    in.recompute = g.pick(std::vector<Recompute>{Recompute::None, Recompute::Selective, Recompute::Full});
    in.finetune = g.pick(std::vector<Finetune>{Finetune::Full, Finetune::Freeze, Finetune::Lora, Finetune::Qlora});
    in.lora_rank = g.range(1, 128);
    in.lora_targets = g.pick(std::vector<std::string>{"q,v", "q,k,v,o", "q,k,v,o,gate,up,down", "down"});
    in.freeze_train_layers = g.range(0, 4);
    in.grad_accum = g.range(1, 8);
    in.flash_attention = g.coin();
    in.overhead_pct = static_cast<double>(g.range(0, 20));
    in.cuda_context_gb = static_cast<double>(g.range(0, 2)) * 0.5;
    in.reserve_gb = static_cast<double>(g.range(0, 1));
    in.kv_block = g.pick(std::vector<int64_t>{0, 16, 32});
    in.prefill_chunk = g.pick(std::vector<int64_t>{0, 512, 8192});
    in.comm_buffer_gb = static_cast<double>(g.range(0, 2));
    in.fragmentation_pct = static_cast<double>(g.range(0, 10));
    in.embed_16bit = g.coin();
    in.tp_comm = g.coin();
    in.gpu_mem_util = g.pick(std::vector<double>{1.0, 0.9});
    in.hfu = g.coin() ? 0.0 : static_cast<double>(g.range(20, 60)) / 100;
    in.optimizer_states = g.pick(std::vector<OptimizerStates>{OptimizerStates::Auto, OptimizerStates::Fp32,
                                                              OptimizerStates::Bf16, OptimizerStates::Int8});
    return in;
}

void check_numbers(const json& j, const std::string& path) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) check_numbers(it.value(), path + "/" + it.key());
    } else if (j.is_array()) {
        for (size_t i = 0; i < j.size(); ++i) check_numbers(j[i], path + "/" + std::to_string(i));
    } else if (j.is_number_float()) {
        const double x = j.get<double>();
        CAPTURE(path);
        CHECK(std::isfinite(x));
        CHECK(x >= 0);
    } else if (j.is_number_integer()) {
        CAPTURE(path);
        CHECK(j.get<int64_t>() >= 0);
    }
}

}  // namespace

TEST_CASE("2,000 random scenarios: parts sum to totals, monotone memory, finite non-negative report") {
    Rng g{20251122};
    int checked = 0;
    for (int n = 0; n < 2000; ++n) {
        const Inputs in = random_scenario(g);
        CAPTURE(write_hash(in));
        Result r = compute(in);
        if (!r.ok()) {
            for (const auto& e : r.errors) CAPTURE(e.key + ": " + e.message);
            FAIL("a valid random scenario was rejected");
            continue;
        }
        const InferenceMemory& im = r.report.inference_memory;
        const TrainingMemory& tm = r.report.training_memory;
        // issue #12: hybrid models' linear-attention state and sparse-attention models' indexer key cache are their
        // own terms of the total (0 for plain attention models)
        CHECK(im.total_bytes == im.weights_bytes + im.kv_cache_bytes + im.state_bytes + im.indexer_cache_bytes +
                                    im.activations_bytes + im.overhead_bytes);
        CHECK(im.overhead_bytes == im.overhead_pct_bytes + im.cuda_context_bytes + im.reserve_bytes);
        CHECK(tm.total_bytes == tm.weights_bytes + tm.gradients_bytes + tm.optimizer_bytes + tm.master_weights_bytes +
                                    tm.activations_bytes + tm.overhead_bytes);
        // overhead_pct applies to training too (its share of the model states + activations)
        CHECK(tm.overhead_bytes == tm.cuda_context_bytes + tm.comm_buffer_bytes + tm.fragmentation_bytes +
                                       tm.overhead_pct_bytes);
        const WeightBytes& w = r.report.weights_detail;
        // the MTP layers (include_mtp) and a multimodal checkpoint's vision tower (gemma-3-*-it presets, unless
        // lm_only) are parts of the weights too (memory.cpp weight_bytes_detail)
        CHECK(w.total == w.embeddings + w.lm_head + w.layers + w.experts + w.small + w.mtp + w.vision);
        int64_t comp = 0;
        for (const auto& c : r.report.params.by_component) comp += c.second;
        CHECK(comp == r.report.params.total);
        const json j = json::parse(report_json(r.report), nullptr, false);
        REQUIRE(!j.is_discarded());
        check_numbers(j, "");
        CHECK(std::isfinite(r.report.inference.tpot_seconds));
        CHECK(r.report.inference.tpot_seconds > 0);

        // monotone: one more sequence, one more token, a wider MLP never need less memory
        Inputs more = in;
        more.batch += 1;
        Result rb = compute(more);
        REQUIRE(rb.ok());
        CHECK(rb.report.inference_memory.total_bytes >= im.total_bytes);
        CHECK(rb.report.training_memory.total_bytes >= tm.total_bytes);
        more = in;
        more.seq += 1 + static_cast<int64_t>(g.next() % 1000);
        Result rs = compute(more);
        REQUIRE(rs.ok());
        CHECK(rs.report.inference_memory.total_bytes >= im.total_bytes);
        CHECK(rs.report.training_memory.total_bytes >= tm.total_bytes);
        more = in;
        more.intermediate = r.report.model.dense_ffn() + 256;
        if (r.report.model.num_experts > 0) more.moe_intermediate = r.report.model.moe_intermediate_size + 256;
        Result rp = compute(more);
        REQUIRE(rp.ok());
        CHECK(rp.report.params.total > r.report.params.total);
        CHECK(rp.report.inference_memory.total_bytes >= im.total_bytes);
        CHECK(rp.report.training_memory.total_bytes >= tm.total_bytes);

        // every 40th training scenario also runs the layout search: what it reports fits and is sorted
        if (n % 40 == 0) {
            Inputs ls = in;
            ls.task = Task::Training;
            ls.layout_search = true;
            ls.global_batch = g.range(1, 256);
            Result rl = compute(ls);
            REQUIRE(rl.ok());
            REQUIRE(rl.report.has_layout);
            double prev = 0;
            for (const auto& c : rl.report.layout.best) {
                CHECK(static_cast<double>(c.memory.total_bytes) <= rl.report.gpu_memory_bytes);
                CHECK(c.time.total >= prev);
                CHECK(std::isfinite(c.time.total));
                prev = c.time.total;
            }
        }

        // URL hash: write -> parse -> write is identical
        const std::string h = write_hash(in);
        Inputs back;
        CHECK(parse_hash(h, back).empty());
        CHECK(write_hash(back) == h);
        ++checked;
    }
    CHECK(checked == 2000);
}

TEST_CASE("random bad values for every key give a named error for that key, never a crash") {
    Rng g{7};
    const std::vector<std::string> bad_common = {"", "abc", "-1", "1e999", "nan", "inf", "0x10", " 1", "1.5.2",
                                                 "99999999999999999999", "%", "true false"};
    for (const auto& k : input_keys()) {
        const std::string key = k.key;
        if (key == "config" || key == "model") continue;  // free text checked at compute time / below
        for (int n = 0; n < 12; ++n) {
            std::string v = bad_common[static_cast<size_t>(n)];
            if (n == 0 && (k.kind == KeyKind::Int) && key != "vocab") v = "0.5";
            Inputs in;
            auto err = set_input(in, key, v);
            if (!err) {
                // the value was accepted (e.g. "" clears an optional override): it must still compute or fail
                // with named errors
                Result r = compute(in);
                for (const auto& e : r.errors) CHECK(!e.key.empty());
                continue;
            }
            CAPTURE(key);
            CAPTURE(v);
            CHECK(err->key == key);
            CHECK(!err->message.empty());
        }
        // random garbage bytes
        for (int n = 0; n < 5; ++n) {
            std::string v;
            for (int i = 0; i < 6; ++i) v += static_cast<char>(g.range(1, 255));
            Inputs in;
            if (auto err = set_input(in, key, v)) CHECK(err->key == key);
        }
    }
    Inputs in;
    auto e = set_input(in, "model", "no-such-model");
    REQUIRE(e);
    CHECK(e->key == "model");
    in = Inputs{};
    REQUIRE(!set_input(in, "config", "{not json"));
    Result r = compute(in);
    REQUIRE(!r.ok());
    CHECK(r.errors[0].key == "config");
    // scenario-level checks name their key
    in = Inputs{};
    in.ep = 3;
    r = compute(in);
    REQUIRE(!r.ok());
    CHECK(r.errors[0].key == "ep");
}
