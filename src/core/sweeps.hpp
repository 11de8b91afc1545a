// Chart data: the report recomputed with one input varied. Every point is `compute(Inputs)` itself, so a chart
// can never disagree with the headline numbers. Results are plain vectors (doubles for plotting, int64 axes for
// exact labels); a sweep whose base inputs are invalid returns the input errors and no points.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "inputs.hpp"

namespace llmcalc {

struct FileModel;  // model_file.hpp: a model read from a file's headers (compute(in, file))
struct Result;     // report.hpp: what compute() returns (begin_*()'s base_result)

// Per-GPU memory parts along one axis (task from the base inputs). Inference fills weights, kv_cache,
// activations, overhead; training fills weights, gradients, optimizer, master_weights, activations, overhead.
// The parts a task does not have stay 0. total = the report's per-GPU total.
struct MemoryCurve {
    Task task = Task::Inference;
    std::string x_key;                // the input varied: "seq" or "batch"
    std::vector<int64_t> x_values;    // exact axis values
    std::vector<double> x;            // the same as doubles (ImPlot takes double arrays)
    std::vector<double> weights, kv_cache, activations, overhead, gradients, optimizer, master_weights, total;
    double usable_bytes = 0;          // one GPU's usable memory: the "fits" line
    std::vector<InputError> errors;
    bool ok() const { return errors.empty(); }
};

// Inference speed along the batch axis.
struct ThroughputCurve {
    std::vector<int64_t> x_values;    // batch 1..N
    std::vector<double> x;
    std::vector<double> aggregate_tokens_per_second;  // over batch x concurrency
    std::vector<double> tokens_per_second;            // per request (1 / TPOT)
    std::vector<double> tpot_seconds, ttft_seconds;
    std::vector<double> total_bytes;  // per GPU, to grey out what does not fit
    double usable_bytes = 0;
    std::vector<InputError> errors;
    bool ok() const { return errors.empty(); }
};

// batch x context grid of total per-GPU bytes / usable GPU bytes (<= 1 fits). ratio is row-major with one row
// per batch value and one column per context value: ratio[row * seq.size() + col], ready to upload as an R32F
// texture of width seq.size() and height batch.size(). The capacity contour is the level set ratio = 1.
struct FitsGrid {
    std::vector<int64_t> batch;       // rows, ascending
    std::vector<int64_t> seq;         // columns, ascending
    std::vector<float> ratio;
    float min_ratio = 0, max_ratio = 0;
    // For each row: the largest context on the axis that fits at that batch (0: none fits).
    std::vector<int64_t> max_fitting_seq;
    double usable_bytes = 0;
    std::vector<InputError> errors;
    bool ok() const { return errors.empty(); }
};

struct GridSpec {
    int n_batch = 16, n_seq = 16;           // 2..256 each
    int64_t batch_min = 1, batch_max = 1024;
    int64_t seq_min = 128, seq_max = 0;     // 0: the model's max_positions (kDefaultSweepMaxSeq if it has none)
};

// Used when a model states no context length and no maximum is given.
constexpr int64_t kDefaultSweepMaxSeq = 32768;
// Largest number of points one sweep computes (bounds the work a URL can ask for).
constexpr int64_t kMaxSweepPoints = 4096;

// Powers of two from `lo` while below `hi`, then `hi` itself: 128, 256, ..., hi. lo is clamped to hi.
std::vector<int64_t> log2_axis(int64_t lo, int64_t hi);
// n strictly increasing integers from lo to hi, spaced evenly in log space (rounded; n is cut to hi - lo + 1).
std::vector<int64_t> geometric_axis(int64_t lo, int64_t hi, int n);

// Memory vs context length: seq on log2_axis(min_seq, max_seq); max_seq 0 = the model's max_positions.
MemoryCurve memory_vs_seq(const Inputs& base, int64_t max_seq = 0, int64_t min_seq = 128);
// Memory vs batch: batch = 1..max_batch.
MemoryCurve memory_vs_batch(const Inputs& base, int64_t max_batch = 64);
// Inference speed vs batch: batch = 1..max_batch.
ThroughputCurve throughput_vs_batch(const Inputs& base, int64_t max_batch = 64);
// The fits heatmap over geometric batch and context axes.
FitsGrid fits_grid(const Inputs& base, const GridSpec& spec = {});

// ---- The same sweeps, a few points at a time ----------------------------------------------------------------------
// An interactive page spreads a sweep over frames so that no frame waits for all of its points. begin_*() checks the
// base inputs and lays out the axis (one compute(), for the base) without computing a point; step() computes up to
// `max_points` more and returns true once the sweep is finished: complete, or failed (errors set, no points). The
// functions above are begin_*() followed by step() to the end, so both forms give the same curves.
// `file` (optional): every point is compute(in, *file), the model read from a file's headers.
// `base_result` (optional): compute(base[, *file]) when the caller has it already (the app's report of the scenario
// on screen), so begin_*() computes nothing; without it, begin_*() computes it.
struct MemorySweep {
    MemoryCurve curve;
    Inputs in;                        // the sweep copy, varied per point
    std::shared_ptr<const FileModel> file;
    int64_t Inputs::*field = nullptr;
    std::vector<int64_t> xs;          // the axis; xs[next] is the next point
    size_t next = 0;
    bool done() const { return !curve.ok() || next >= xs.size(); }
};
struct ThroughputSweep {
    ThroughputCurve curve;
    Inputs in;
    std::shared_ptr<const FileModel> file;
    int64_t max_batch = 0, next = 1;
    bool done() const { return !curve.ok() || next > max_batch; }
};
struct GridSweep {
    FitsGrid grid;
    Inputs in;
    std::shared_ptr<const FileModel> file;
    size_t next = 0;                  // row-major cell index
    bool done() const { return !grid.ok() || next >= grid.ratio.size(); }
};

using FilePtr = std::shared_ptr<const FileModel>;
MemorySweep begin_memory_vs_seq(const Inputs& base, int64_t max_seq = 0, int64_t min_seq = 128, FilePtr file = nullptr,
                                const Result* base_result = nullptr);
MemorySweep begin_memory_vs_batch(const Inputs& base, int64_t max_batch = 64, FilePtr file = nullptr,
                                  const Result* base_result = nullptr);
ThroughputSweep begin_throughput_vs_batch(const Inputs& base, int64_t max_batch = 64, FilePtr file = nullptr,
                                          const Result* base_result = nullptr);
GridSweep begin_fits_grid(const Inputs& base, const GridSpec& spec = {}, FilePtr file = nullptr,
                          const Result* base_result = nullptr);
bool step(MemorySweep& s, int max_points);
bool step(ThroughputSweep& s, int max_points);
bool step(GridSweep& s, int max_points);

}  // namespace llmcalc
