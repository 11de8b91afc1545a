// Sweeps: every point must be compute() at that point, memory must not fall as context or batch grows, and a
// few hundred points must stay cheap enough to redraw on every edit.
#include <doctest/doctest.h>


#include "presets.hpp"
#include "report.hpp"
#include "sweeps.hpp"

using namespace llmcalc;

namespace {

Inputs base_inputs(const char* model, const char* task) {
    Inputs in;
    in.model = model;
    REQUIRE_FALSE(set_input(in, "task", task));
    in.seq = 1024;
    in.gen = 128;
    return in;
}

double total_of(const Report& r, const Inputs& in) {
    return static_cast<double>(in.task == Task::Training ? r.training_memory.total_bytes : r.inference_memory.total_bytes);
}

void check_non_decreasing(const std::vector<double>& v, const char* what) {
    CAPTURE(what);
    for (size_t i = 1; i < v.size(); ++i) {
        CAPTURE(i);
        CHECK(v[i] >= v[i - 1]);
    }
}

void check_memory_curve(const MemoryCurve& c) {
    REQUIRE(c.ok());
    REQUIRE(!c.x.empty());
    const size_t n = c.x.size();
    for (const auto* v : {&c.weights, &c.kv_cache, &c.activations, &c.overhead, &c.gradients, &c.optimizer,
                          &c.master_weights, &c.total})
        CHECK(v->size() == n);
    check_non_decreasing(c.total, "total");
    check_non_decreasing(c.kv_cache, "kv_cache");
    check_non_decreasing(c.activations, "activations");
    check_non_decreasing(c.weights, "weights");
    for (size_t i = 0; i < n; ++i)
        CHECK(c.weights[i] + c.kv_cache[i] + c.activations[i] + c.overhead[i] + c.gradients[i] + c.optimizer[i] +
                  c.master_weights[i] == c.total[i]);
}

}  // namespace

TEST_CASE("axes") {
    CHECK(log2_axis(128, 1024) == std::vector<int64_t>{128, 256, 512, 1024});
    CHECK(log2_axis(128, 1000) == std::vector<int64_t>{128, 256, 512, 1000});
    CHECK(log2_axis(128, 100) == std::vector<int64_t>{100});
    CHECK(geometric_axis(1, 32768, 16) ==
          std::vector<int64_t>{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768});
    const auto g = geometric_axis(1, 256, 16);
    REQUIRE(g.size() == 16);
    CHECK(g.front() == 1);
    CHECK(g.back() == 256);
    for (size_t i = 1; i < g.size(); ++i) CHECK(g[i] > g[i - 1]);
    CHECK(geometric_axis(3, 5, 16) == std::vector<int64_t>{3, 4, 5});
}

TEST_CASE("memory vs context: log2 grid up to max_positions, ends equal compute()") {
    for (const char* task : {"inference", "training"}) {
        CAPTURE(task);
        const Inputs in = base_inputs("llama-3-8b", task);
        const MemoryCurve c = memory_vs_seq(in);
        check_memory_curve(c);
        CHECK(std::string(task_name(c.task)) == task);
        // Llama 3 8B config.json max_position_embeddings 8192: 128, 256, ..., 8192
        CHECK(c.x_values == std::vector<int64_t>{128, 256, 512, 1024, 2048, 4096, 8192});
        for (size_t i : {size_t(0), c.x.size() - 1}) {
            Inputs at = in;
            at.seq = c.x_values[i];
            const Result r = compute(at);
            REQUIRE(r.ok());
            CHECK(c.total[i] == total_of(r.report, at));
            CHECK(c.usable_bytes == r.report.gpu_memory_bytes);
            if (in.task == Task::Inference) CHECK(c.kv_cache[i] == static_cast<double>(r.report.inference_memory.kv_cache_bytes));
        }
        if (std::string(task) == "inference") CHECK(c.total.back() > c.total.front());  // the KV cache grows with s
    }
    const MemoryCurve gpt2 = memory_vs_seq(base_inputs("gpt2", "inference"));
    REQUIRE(gpt2.ok());
    CHECK(gpt2.x_values.back() == 1024);  // GPT-2 n_positions
    const MemoryCurve given = memory_vs_seq(base_inputs("llama-3.1-8b", "inference"), 3000);
    REQUIRE(given.ok());
    CHECK(given.x_values == std::vector<int64_t>{128, 256, 512, 1024, 2048, 3000});
}

TEST_CASE("memory vs batch: 1..N, non-decreasing, equal to compute()") {
    for (const char* task : {"inference", "training"}) {
        CAPTURE(task);
        const Inputs in = base_inputs("llama-2-7b", task);
        const MemoryCurve c = memory_vs_batch(in, 12);
        check_memory_curve(c);
        REQUIRE(c.x_values.size() == 12);
        CHECK(c.x_values.front() == 1);
        CHECK(c.x_values.back() == 12);
        for (size_t i : {size_t(0), size_t(6), size_t(11)}) {
            Inputs at = in;
            at.batch = c.x_values[i];
            const Result r = compute(at);
            REQUIRE(r.ok());
            CHECK(c.total[i] == total_of(r.report, at));
        }
        CHECK(c.total.back() > c.total.front());  // KV cache / activations scale with the batch
    }
}

TEST_CASE("throughput vs batch: aggregate tokens/s grows, points equal compute()") {
    const Inputs in = base_inputs("llama-3-8b", "inference");
    const ThroughputCurve c = throughput_vs_batch(in, 32);
    REQUIRE(c.ok());
    REQUIRE(c.x.size() == 32);
    for (size_t i : {size_t(0), size_t(31)}) {
        Inputs at = in;
        at.batch = c.x_values[i];
        const Result r = compute(at);
        REQUIRE(r.ok());
        CHECK(c.aggregate_tokens_per_second[i] == r.report.inference.aggregate_tokens_per_second);
        CHECK(c.tpot_seconds[i] == r.report.inference.tpot_seconds);
        CHECK(c.ttft_seconds[i] == r.report.inference.ttft_seconds);
        CHECK(c.tokens_per_second[i] == r.report.inference.tokens_per_second);
        CHECK(c.total_bytes[i] == total_of(r.report, at));
    }
    // decode is memory-bound at small batch: batching reuses the weight reads, so 32 sequences emit more tokens/s
    CHECK(c.aggregate_tokens_per_second.back() > c.aggregate_tokens_per_second.front());
    check_non_decreasing(c.tpot_seconds, "tpot");
}

TEST_CASE("fits grid: cells equal compute(), ratio grows along both axes, contour consistent") {
    for (const char* task : {"inference", "training"}) {
        CAPTURE(task);
        const Inputs in = base_inputs("llama-3.1-8b", task);
        GridSpec spec;
        spec.batch_max = 256;
        const FitsGrid g = fits_grid(in, spec);
        REQUIRE(g.ok());
        REQUIRE(g.batch.size() == 16);
        REQUIRE(g.seq.size() == 16);
        CHECK(g.seq.front() == 128);
        CHECK(g.seq.back() == 131072);  // Llama 3.1 max_position_embeddings
        REQUIRE(g.ratio.size() == 256);
        const size_t w = g.seq.size();
        for (size_t row = 0; row < g.batch.size(); ++row)
            for (size_t col = 0; col < w; ++col) {
                if (col > 0) CHECK(g.ratio[row * w + col] >= g.ratio[row * w + col - 1]);
                if (row > 0) CHECK(g.ratio[row * w + col] >= g.ratio[(row - 1) * w + col]);
            }
        for (size_t row = 0; row < g.batch.size(); ++row)
            for (size_t col = 0; col < w; ++col) {
                Inputs at = in;
                at.batch = g.batch[row];
                at.seq = g.seq[col];
                const Result r = compute(at);
                REQUIRE(r.ok());
                CHECK(g.ratio[row * w + col] == static_cast<float>(total_of(r.report, at) / r.report.gpu_memory_bytes));
            }
        for (size_t row = 0; row < g.batch.size(); ++row) {
            CAPTURE(row);
            for (size_t col = 0; col < w; ++col)
                if (g.seq[col] <= g.max_fitting_seq[row]) CHECK(g.ratio[row * w + col] <= 1.0f);
                else CHECK(g.ratio[row * w + col] > 1.0f - 1e-6f);
        }
        // an 8B model in bf16 fits on an 80 GB GPU at batch 1, 128 tokens for inference; 256 x 131072 does not
        if (std::string(task) == "inference") {
            CHECK(g.ratio.front() < 1.0f);
            CHECK(g.max_fitting_seq.front() > 0);
        }
        CHECK(g.ratio.back() > 1.0f);
        CHECK(g.min_ratio == g.ratio.front());
        CHECK(g.max_ratio == g.ratio.back());
    }
}

TEST_CASE("the layout search does not change a sweep's points") {
    Inputs in = base_inputs("llama-3-8b", "training");
    in.gpus = 8;
    in.layout_search = true;
    const MemoryCurve c = memory_vs_batch(in, 4);
    REQUIRE(c.ok());
    for (size_t i = 0; i < c.x.size(); ++i) {
        Inputs at = in;
        at.batch = c.x_values[i];
        const Result r = compute(at);  // with the search
        REQUIRE(r.ok());
        CHECK(c.total[i] == total_of(r.report, at));
    }
}

TEST_CASE("sweeps report input errors instead of points") {
    Inputs bad = base_inputs("no-such-model", "inference");
    const MemoryCurve c = memory_vs_seq(bad);
    CHECK_FALSE(c.ok());
    CHECK(c.x.empty());
    REQUIRE(!c.errors.empty());
    CHECK(c.errors[0].key == "model");
    CHECK_FALSE(memory_vs_batch(bad).ok());
    CHECK_FALSE(throughput_vs_batch(bad).ok());
    CHECK_FALSE(fits_grid(bad).ok());
    const Inputs good = base_inputs("llama-3-8b", "inference");
    CHECK(memory_vs_batch(good, 0).errors.at(0).key == "batch");
    CHECK(throughput_vs_batch(good, kMaxSweepPoints + 1).errors.at(0).key == "batch");
    GridSpec spec;
    spec.n_seq = 1;
    CHECK(fits_grid(good, spec).errors.at(0).key == "seq");
    CHECK(memory_vs_seq(good, -5).errors.at(0).key == "seq");
    Inputs split = good;
    split.tp = 3;  // Llama 3 8B has 32 heads: tp=3 is rejected
    split.gpus = 3;
    CHECK(fits_grid(split).errors.at(0).key == "tp");
}

TEST_CASE("the default grid is 16 x 16: 256 ratios") {
    // Its time (target <= 100 ms) is measured by bench/run.sh (llmcalc_bench), not asserted here.
    const Inputs in = base_inputs("llama-3.1-8b", "inference");
    const FitsGrid g = fits_grid(in);
    REQUIRE(g.ok());
    CHECK(g.batch.size() == 16);
    CHECK(g.seq.size() == 16);
    CHECK(g.ratio.size() == 256);
}

// The page computes sweeps a few points per frame (begin_*() + step()). Each point is compute() at that point
// (checked above for the all-at-once form), so the split must not matter: one point per step, an odd step size and
// the whole sweep at once give the same curves, and a step reports done only with every point computed.
TEST_CASE("sweeps computed a few points at a time equal the all-at-once sweeps") {
    for (const char* task : {"inference", "training"}) {
        CAPTURE(task);
        const Inputs in = base_inputs("qwen3-30b-a3b", task);
        const MemoryCurve seq_all = memory_vs_seq(in);
        const MemoryCurve batch_all = memory_vs_batch(in, 20);
        const ThroughputCurve speed_all = throughput_vs_batch(in, 20);
        GridSpec spec;
        spec.n_batch = 5;
        spec.n_seq = 7;
        const FitsGrid grid_all = fits_grid(in, spec);
        for (int per_step : {1, 3}) {
            CAPTURE(per_step);
            MemorySweep seq = begin_memory_vs_seq(in);
            CHECK(seq.curve.x.empty());  // nothing computed before the first step
            int steps = 0;
            while (!step(seq, per_step)) ++steps;
            CHECK(steps == static_cast<int>((seq_all.x.size() + per_step - 1) / per_step) - 1);
            CHECK(seq.curve.x_values == seq_all.x_values);
            CHECK(seq.curve.total == seq_all.total);
            CHECK(seq.curve.kv_cache == seq_all.kv_cache);
            MemorySweep batch = begin_memory_vs_batch(in, 20);
            while (!step(batch, per_step)) {}
            CHECK(batch.curve.total == batch_all.total);
            CHECK(batch.curve.activations == batch_all.activations);
            ThroughputSweep speed = begin_throughput_vs_batch(in, 20);
            while (!step(speed, per_step)) {}
            CHECK(speed.curve.tpot_seconds == speed_all.tpot_seconds);
            CHECK(speed.curve.aggregate_tokens_per_second == speed_all.aggregate_tokens_per_second);
            GridSweep grid = begin_fits_grid(in, spec);
            while (!step(grid, per_step)) {}
            CHECK(grid.grid.ratio == grid_all.ratio);
            CHECK(grid.grid.max_fitting_seq == grid_all.max_fitting_seq);
            CHECK(grid.grid.min_ratio == grid_all.min_ratio);
            CHECK(grid.grid.max_ratio == grid_all.max_ratio);
        }
        // the base's report given by the caller (the app passes the report it shows) instead of computed again
        const Result base = compute(in);
        MemorySweep seq = begin_memory_vs_seq(in, 0, 128, nullptr, &base);
        while (!step(seq, 4)) {}
        CHECK(seq.curve.x_values == seq_all.x_values);
        CHECK(seq.curve.total == seq_all.total);
        CHECK(seq.curve.usable_bytes == seq_all.usable_bytes);
        MemorySweep batch = begin_memory_vs_batch(in, 20, nullptr, &base);
        while (!step(batch, 4)) {}
        CHECK(batch.curve.total == batch_all.total);
        ThroughputSweep speed = begin_throughput_vs_batch(in, 20, nullptr, &base);
        while (!step(speed, 4)) {}
        CHECK(speed.curve.tpot_seconds == speed_all.tpot_seconds);
        CHECK(speed.curve.usable_bytes == speed_all.usable_bytes);
        GridSweep grid = begin_fits_grid(in, spec, nullptr, &base);
        while (!step(grid, 4)) {}
        CHECK(grid.grid.ratio == grid_all.ratio);
        CHECK(grid.grid.seq == grid_all.seq);
    }
    // a failed base is finished at once, with its errors
    MemorySweep bad = begin_memory_vs_batch(base_inputs("no-such-model", "inference"));
    CHECK(bad.done());
    CHECK(step(bad, 1));
    CHECK(bad.curve.errors.at(0).key == "model");
    const Inputs bad_in = base_inputs("no-such-model", "inference");
    const Result bad_base = compute(bad_in);
    MemorySweep bad_given = begin_memory_vs_seq(bad_in, 0, 128, nullptr, &bad_base);
    CHECK(bad_given.done());
    CHECK(bad_given.curve.errors.at(0).key == "model");
}
