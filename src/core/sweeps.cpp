// Sweeps: the base Inputs copied once, one field changed per point, compute() called. No formula lives here.
#include "sweeps.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "model_file.hpp"
#include "report.hpp"

namespace llmcalc {
namespace {

double d(int64_t v) { return static_cast<double>(v); }

bool training(const Inputs& in) { return in.task == Task::Training; }

double total_bytes(const Report& r, bool train) {
    return d(train ? r.training_memory.total_bytes : r.inference_memory.total_bytes);
}

// The copy each sweep varies. The layout search (task=training, layout_search=true) fills only report.layout,
// which no chart reads, and costs more than the rest of compute(): it is switched off for the points.
Inputs sweep_copy(const Inputs& base) {
    Inputs in = base;
    in.layout_search = false;
    return in;
}

// One point: the inputs alone, or with the model read from a file.
Result run(const Inputs& in, const FileModel* file) { return file ? compute(in, *file) : compute(in); }

// The base scenario's report, which every sweep starts from: the caller's when it has one (`base_result`, the app's
// report on screen), else computed here into `storage`.
const Result& base_report(const Inputs& base, const FilePtr& file, const Result* base_result, Result& storage) {
    if (base_result) return *base_result;
    storage = run(base, file.get());
    return storage;
}

// Prefixes the errors of a failed point with the point, so the UI can say where the sweep stopped.
std::vector<InputError> at_point(std::vector<InputError> errors, const char* key, int64_t value) {
    for (auto& e : errors) e.message = "at " + std::string(key) + "=" + std::to_string(value) + ": " + e.message;
    return errors;
}

void reserve_curve(MemoryCurve& c, size_t n) {
    for (auto* v : {&c.x, &c.weights, &c.kv_cache, &c.activations, &c.overhead, &c.gradients, &c.optimizer,
                    &c.master_weights, &c.total})
        v->reserve(n);
    c.x_values.reserve(n);
}

void push_memory(MemoryCurve& c, const Report& r, int64_t x) {
    c.x_values.push_back(x);
    c.x.push_back(d(x));
    if (c.task == Task::Training) {
        const TrainingMemory& t = r.training_memory;
        c.weights.push_back(d(t.weights_bytes));
        c.kv_cache.push_back(0);
        c.activations.push_back(d(t.activations_bytes));
        c.overhead.push_back(d(t.overhead_bytes));
        c.gradients.push_back(d(t.gradients_bytes));
        c.optimizer.push_back(d(t.optimizer_bytes));
        c.master_weights.push_back(d(t.master_weights_bytes));
        c.total.push_back(d(t.total_bytes));
    } else {
        const InferenceMemory& m = r.inference_memory;
        c.weights.push_back(d(m.weights_bytes));
        c.kv_cache.push_back(d(m.kv_cache_bytes));
        c.activations.push_back(d(m.activations_bytes));
        c.overhead.push_back(d(m.overhead_bytes));
        c.gradients.push_back(0);
        c.optimizer.push_back(0);
        c.master_weights.push_back(0);
        c.total.push_back(d(m.total_bytes));
    }
}

void clear_curve(MemoryCurve& c) {
    for (auto* v : {&c.x, &c.weights, &c.kv_cache, &c.activations, &c.overhead, &c.gradients, &c.optimizer,
                    &c.master_weights, &c.total})
        v->clear();
    c.x_values.clear();
}

// A sweep over `xs` of the int64 field `field`, no point computed yet; the base result gives usable bytes.
MemorySweep begin_memory_sweep(const Inputs& base, const char* key, int64_t Inputs::*field, std::vector<int64_t> xs,
                               const Result& base_result, FilePtr file) {
    MemorySweep s;
    s.file = std::move(file);
    s.curve.task = base.task;
    s.curve.x_key = key;
    s.curve.usable_bytes = base_result.report.gpu_memory_bytes;
    reserve_curve(s.curve, xs.size());
    s.in = sweep_copy(base);
    s.field = field;
    s.xs = std::move(xs);
    return s;
}

// Runs a sweep begun above to its end (the all-at-once functions).
template <class Sweep>
Sweep finish(Sweep s) {
    while (!step(s, 1 << 20)) {
    }
    return s;
}

std::vector<int64_t> one_to(int64_t n) {
    std::vector<int64_t> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i + 1;
    return v;
}

std::optional<InputError> check_count(const char* key, int64_t n, const char* what) {
    if (n < 1 || n > kMaxSweepPoints)
        return InputError{key, std::string(what) + " must be between 1 and " + std::to_string(kMaxSweepPoints) +
                                   ", got " + std::to_string(n)};
    return std::nullopt;
}

}  // namespace

std::vector<int64_t> log2_axis(int64_t lo, int64_t hi) {
    std::vector<int64_t> v;
    if (hi < 1) return v;
    lo = std::max<int64_t>(1, std::min(lo, hi));
    for (int64_t x = lo; x < hi; x *= 2) v.push_back(x);
    v.push_back(hi);
    return v;
}

std::vector<int64_t> geometric_axis(int64_t lo, int64_t hi, int n) {
    std::vector<int64_t> v;
    if (lo < 1 || hi < lo || n < 1) return v;
    const int64_t count = std::min<int64_t>(n, hi - lo + 1);
    if (count == 1) return {lo};
    v.reserve(static_cast<size_t>(count));
    const double ratio = std::log(d(hi) / d(lo)) / d(count - 1);
    for (int64_t i = 0; i < count; ++i) {
        int64_t x = i == count - 1 ? hi : static_cast<int64_t>(std::llround(d(lo) * std::exp(ratio * d(i))));
        // keep strictly increasing and leave room for the remaining points below hi
        if (!v.empty()) x = std::max(x, v.back() + 1);
        x = std::min(x, hi - (count - 1 - i));
        v.push_back(x);
    }
    return v;
}

MemorySweep begin_memory_vs_seq(const Inputs& base, int64_t max_seq, int64_t min_seq, FilePtr file, const Result* base_result) {
    MemorySweep s;
    Result computed;
    const Result& r0 = base_report(base, file, base_result, computed);
    if (!r0.ok()) { s.curve.errors = r0.errors; return s; }
    if (max_seq < 0 || min_seq < 1) {
        s.curve.errors.push_back({"seq", "sweep range must be positive (min " + std::to_string(min_seq) + ", max " +
                                             std::to_string(max_seq) + ")"});
        return s;
    }
    if (max_seq == 0) max_seq = r0.report.model.max_positions > 0 ? r0.report.model.max_positions : kDefaultSweepMaxSeq;
    return begin_memory_sweep(base, "seq", &Inputs::seq, log2_axis(min_seq, max_seq), r0, std::move(file));
}

MemorySweep begin_memory_vs_batch(const Inputs& base, int64_t max_batch, FilePtr file, const Result* base_result) {
    MemorySweep s;
    if (auto e = check_count("batch", max_batch, "the batch sweep's largest batch")) {
        s.curve.errors.push_back(*e);
        return s;
    }
    Result computed;
    const Result& r0 = base_report(base, file, base_result, computed);
    if (!r0.ok()) { s.curve.errors = r0.errors; return s; }
    return begin_memory_sweep(base, "batch", &Inputs::batch, one_to(max_batch), r0, std::move(file));
}

bool step(MemorySweep& s, int max_points) {
    for (int i = 0; i < max_points && !s.done(); ++i) {
        const int64_t x = s.xs[s.next++];
        s.in.*s.field = x;
        const Result r = run(s.in, s.file.get());
        if (!r.ok()) {
            clear_curve(s.curve);
            s.curve.errors = at_point(r.errors, s.curve.x_key.c_str(), x);
            break;
        }
        push_memory(s.curve, r.report, x);
    }
    return s.done();
}

MemoryCurve memory_vs_seq(const Inputs& base, int64_t max_seq, int64_t min_seq) {
    return finish(begin_memory_vs_seq(base, max_seq, min_seq)).curve;
}

MemoryCurve memory_vs_batch(const Inputs& base, int64_t max_batch) {
    return finish(begin_memory_vs_batch(base, max_batch)).curve;
}

ThroughputSweep begin_throughput_vs_batch(const Inputs& base, int64_t max_batch, FilePtr file, const Result* base_result) {
    ThroughputSweep s;
    ThroughputCurve& c = s.curve;
    if (auto e = check_count("batch", max_batch, "the batch sweep's largest batch")) { c.errors.push_back(*e); return s; }
    Result computed;
    const Result& r0 = base_report(base, file, base_result, computed);
    if (!r0.ok()) { c.errors = r0.errors; return s; }
    c.usable_bytes = r0.report.gpu_memory_bytes;
    const size_t n = static_cast<size_t>(max_batch);
    for (auto* v : {&c.x, &c.aggregate_tokens_per_second, &c.tokens_per_second, &c.tpot_seconds, &c.ttft_seconds,
                    &c.total_bytes})
        v->reserve(n);
    c.x_values.reserve(n);
    s.in = sweep_copy(base);
    s.file = std::move(file);
    s.max_batch = max_batch;
    return s;
}

bool step(ThroughputSweep& s, int max_points) {
    ThroughputCurve& c = s.curve;
    for (int i = 0; i < max_points && !s.done(); ++i) {
        const int64_t b = s.next++;
        s.in.batch = b;
        const Result r = run(s.in, s.file.get());
        if (!r.ok()) {
            c = ThroughputCurve{};
            c.errors = at_point(r.errors, "batch", b);
            break;
        }
        const InferenceSpeed& sp = r.report.inference;
        c.x_values.push_back(b);
        c.x.push_back(d(b));
        c.aggregate_tokens_per_second.push_back(sp.aggregate_tokens_per_second);
        c.tokens_per_second.push_back(sp.tokens_per_second);
        c.tpot_seconds.push_back(sp.tpot_seconds);
        c.ttft_seconds.push_back(sp.ttft_seconds);
        c.total_bytes.push_back(total_bytes(r.report, training(s.in)));
    }
    return s.done();
}

ThroughputCurve throughput_vs_batch(const Inputs& base, int64_t max_batch) {
    return finish(begin_throughput_vs_batch(base, max_batch)).curve;
}

GridSweep begin_fits_grid(const Inputs& base, const GridSpec& spec, FilePtr file, const Result* base_result) {
    GridSweep s;
    FitsGrid& g = s.grid;
    if (spec.n_batch < 2 || spec.n_batch > 256) g.errors.push_back({"batch", "the grid needs 2 to 256 batch rows"});
    if (spec.n_seq < 2 || spec.n_seq > 256) g.errors.push_back({"seq", "the grid needs 2 to 256 context columns"});
    if (spec.batch_min < 1 || spec.batch_max < spec.batch_min)
        g.errors.push_back({"batch", "the grid's batch range must satisfy 1 <= min <= max"});
    if (spec.seq_min < 1 || (spec.seq_max != 0 && spec.seq_max < spec.seq_min))
        g.errors.push_back({"seq", "the grid's context range must satisfy 1 <= min <= max"});
    if (!g.errors.empty()) return s;
    Result computed;
    const Result& r0 = base_report(base, file, base_result, computed);
    if (!r0.ok()) { g.errors = r0.errors; return s; }
    g.usable_bytes = r0.report.gpu_memory_bytes;
    if (!(g.usable_bytes > 0)) {
        g.errors.push_back({"gpu", "the GPU has no usable memory to compare against"});
        return s;
    }
    int64_t seq_max = spec.seq_max;
    if (seq_max == 0) seq_max = r0.report.model.max_positions > 0 ? r0.report.model.max_positions : kDefaultSweepMaxSeq;
    const int64_t seq_min = std::min(spec.seq_min, seq_max);
    g.batch = geometric_axis(spec.batch_min, spec.batch_max, spec.n_batch);
    g.seq = geometric_axis(seq_min, seq_max, spec.n_seq);
    g.ratio.resize(g.batch.size() * g.seq.size());
    g.max_fitting_seq.assign(g.batch.size(), 0);
    s.in = sweep_copy(base);
    s.file = std::move(file);
    return s;
}

bool step(GridSweep& s, int max_points) {
    FitsGrid& g = s.grid;
    const size_t cols = g.seq.size();
    for (int i = 0; i < max_points && !s.done(); ++i) {
        const size_t cell = s.next++;
        const size_t row = cell / cols;
        s.in.batch = g.batch[row];
        s.in.seq = g.seq[cell % cols];
        const Result r = run(s.in, s.file.get());
        if (!r.ok()) {
            FitsGrid failed;
            failed.errors = at_point(r.errors, "seq", s.in.seq);
            for (auto& e : failed.errors) e.message = "batch=" + std::to_string(s.in.batch) + ", " + e.message;
            g = std::move(failed);
            return true;
        }
        const double exact = total_bytes(r.report, training(s.in)) / g.usable_bytes;
        g.ratio[cell] = static_cast<float>(exact);
        if (exact <= 1.0) g.max_fitting_seq[row] = std::max(g.max_fitting_seq[row], s.in.seq);
    }
    if (s.done() && g.ok() && !g.ratio.empty()) {
        const auto [lo, hi] = std::minmax_element(g.ratio.begin(), g.ratio.end());
        g.min_ratio = *lo;
        g.max_ratio = *hi;
    }
    return s.done();
}

FitsGrid fits_grid(const Inputs& base, const GridSpec& spec) { return finish(begin_fits_grid(base, spec)).grid; }

}  // namespace llmcalc
