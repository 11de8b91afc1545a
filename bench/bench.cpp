// llmcalc native micro-benchmark: time per call of compute() (the whole report), report_json(), count_params()
// and count_flops() on representative scenarios, and the training layout search. Each figure is the median of
// kRuns timed runs, each run long enough (>= kRunSeconds) to make clock resolution irrelevant.
// Prints Markdown tables; bench/run.sh adds wasm, page weight and browser numbers. Targets are printed here,
// never asserted in tests (timing on shared CI machines is noise).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "report.hpp"
#include "sweeps.hpp"

namespace {

// Thread CPU time, not wall time: the bench machine is shared and loaded (load average ~10 on 2 cores), and wall time
// would count the slices other processes run in. CPU time of the calling thread is what the call itself costs.
struct Clock {
    using duration = std::chrono::nanoseconds;
    using time_point = std::chrono::time_point<Clock, duration>;
    static time_point now() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return time_point(duration(int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec));
    }
};
constexpr int kRuns = 15;
constexpr double kRunSeconds = 0.05;

volatile double g_sink = 0;  // keeps results alive so the optimizer cannot drop the timed calls

// Median seconds per call of f().
template <class F>
double time_per_call(F&& f) {
    f();  // warm up (static tables, caches)
    int64_t iters = 1;
    for (;;) {  // calibrate: double the iteration count until a run is long enough
        const auto t0 = Clock::now();
        for (int64_t i = 0; i < iters; ++i) f();
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        if (s >= kRunSeconds || iters >= (int64_t{1} << 30)) break;
        iters *= 2;
    }
    std::vector<double> per_call;
    for (int r = 0; r < kRuns; ++r) {
        const auto t0 = Clock::now();
        for (int64_t i = 0; i < iters; ++i) f();
        per_call.push_back(std::chrono::duration<double>(Clock::now() - t0).count() / static_cast<double>(iters));
    }
    std::sort(per_call.begin(), per_call.end());
    return per_call[per_call.size() / 2];
}

struct Scenario {
    std::string kind, name, hash;
};

// bench/scenarios.tsv: kind<TAB>name<TAB>hash per line, '#' comments (shared with bench/wasm_bench.js).
std::vector<Scenario> read_scenarios(const char* path) {
    std::vector<Scenario> out;
    std::ifstream f(path);
    std::string line;
    while (std::getline(f, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t a = line.find('\t'), b = line.find('\t', a == std::string::npos ? a : a + 1);
        if (a == std::string::npos || b == std::string::npos) continue;
        out.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
    }
    return out;
}

// Targets set by the issues (printed next to the measurements, never asserted; docs/benchmarks.md says why):
constexpr double kTargetCountUs = 1.0;      // issue #3: count_params() + count_flops() for one model <= 1 us
constexpr double kTargetComputeUs = 2.0;    // issue #4: compute() for one scenario, no layout search <= 2 us
constexpr double kTargetLayoutS = 1.0;      // issue #4: the layout search over >= 100k candidates <= 1 s
constexpr double kTargetGridMs = 100.0;     // the fits chart: a 16 x 16 grid (256 reports) <= 100 ms
constexpr int64_t kMinCandidates = 100000;  // issue #4: the search space the 1 s target is stated for

bool prepare(const std::string& hash_text, llmcalc::Inputs& in) {
    const char* hash = hash_text.c_str();
    const auto errors = llmcalc::parse_hash(hash, in);
    if (!errors.empty()) {
        std::printf("| (skipped: `%s`: --%s: %s) | | | | | |\n", hash, errors[0].key.c_str(), errors[0].message.c_str());
        return false;
    }
    const auto res = llmcalc::compute(in);
    if (!res.ok()) {
        std::printf("| (skipped: `%s`: --%s: %s) | | | | | |\n", hash, res.errors[0].key.c_str(),
                    res.errors[0].message.c_str());
        return false;
    }
    return true;
}

const char* verdict(bool ok) { return ok ? "ok" : "MISS"; }

}  // namespace

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : LLMCALC_BENCH_SCENARIOS;
    const std::vector<Scenario> scenarios = read_scenarios(path);
    if (scenarios.empty()) {
        std::fprintf(stderr, "llmcalc_bench: no scenarios in %s\n", path);
        return 1;
    }
    std::printf("### Native core (Release; thread CPU time; median of %d timed runs of >= %.0f ms each, after a warm-up)\n\n", kRuns,
                kRunSeconds * 1e3);
    std::printf("#### Issue #3: count_params() + count_flops() for one model (target <= %.0f µs)\n\n", kTargetCountUs);
    std::printf("| scenario (model) | kind | params + FLOPs µs | count_params() µs | count_flops() µs | target |\n");
    std::printf("|---|---|---:|---:|---:|---|\n");
    for (const auto& s : scenarios) {
        if (s.kind != "report") continue;
        llmcalc::Inputs in;
        if (!prepare(s.hash, in)) continue;
        const llmcalc::Result res = llmcalc::compute(in);
        const llmcalc::ModelConfig m = res.report.model;
        const int64_t seq = in.seq;
        // Both counts from the model config, as a caller computing "params and FLOPs of this model" does.
        const double t_both = time_per_call([&] {
            const auto pc = llmcalc::count_params(m);
            g_sink = g_sink + llmcalc::count_flops(m, seq, pc.active, llmcalc::Recompute::None).forward_per_token;
        });
        const double t_params = time_per_call([&] { g_sink = g_sink + static_cast<double>(llmcalc::count_params(m).total); });
        const double t_flops = time_per_call([&] {
            g_sink = g_sink + llmcalc::count_flops(m, seq, res.report.params.active, llmcalc::Recompute::None).forward_per_token;
        });
        std::string kind = m.num_experts > 0 ? "MoE" : "dense";
        if (m.attn == llmcalc::AttnKind::MLA) kind += " + MLA";
        std::printf("| %s | %s | %.3f | %.3f | %.3f | %s |\n", s.name.c_str(), kind.c_str(), t_both * 1e6, t_params * 1e6,
                    t_flops * 1e6, verdict(t_both * 1e6 <= kTargetCountUs));
    }

    std::printf("\n#### Issue #4 / #6: full report compute() per scenario, no layout search (target <= %.0f µs)\n\n",
                kTargetComputeUs);
    std::printf("| scenario | compute() µs | target | report_json() µs (not in the target) |\n");
    std::printf("|---|---:|---|---:|\n");
    for (const auto& s : scenarios) {
        if (s.kind != "report") continue;
        llmcalc::Inputs in;
        if (!prepare(s.hash, in)) continue;
        const llmcalc::Result res = llmcalc::compute(in);
        const double t_compute = time_per_call([&] { g_sink = g_sink + llmcalc::compute(in).report.inference.tpot_seconds; });
        const double t_json = time_per_call([&] { g_sink = g_sink + static_cast<double>(llmcalc::report_json(res.report).size()); });
        std::printf("| %s | %.2f | %s | %.1f |\n", s.name.c_str(), t_compute * 1e6,
                    verdict(t_compute * 1e6 <= kTargetComputeUs), t_json * 1e6);
    }

    std::printf("\n#### Issue #4 / #6: parallel-layout search (compute() with layout_search=true; target <= %.0f s over >= %lld candidates)\n\n",
                kTargetLayoutS, static_cast<long long>(kMinCandidates));
    std::printf("| scenario | candidates (report.layout.candidates) | >= 100k? | fitting | compute() with search ms | search alone ms | candidates/s | target |\n");
    std::printf("|---|---:|---|---:|---:|---:|---:|---|\n");
    for (const auto& s : scenarios) {
        if (s.kind != "layout") continue;
        llmcalc::Inputs in;
        if (!prepare(s.hash, in)) continue;
        const llmcalc::Result res = llmcalc::compute(in);
        llmcalc::Inputs without = in;
        without.layout_search = false;
        const double t_with = time_per_call([&] { g_sink = g_sink + static_cast<double>(llmcalc::compute(in).report.layout.fitting); });
        const double t_without = time_per_call([&] { g_sink = g_sink + llmcalc::compute(without).report.training_seconds; });
        const double search = std::max(1e-12, t_with - t_without);
        const auto& l = res.report.layout;
        const bool big = l.candidates >= kMinCandidates;
        // The 1 s target is stated for >= 100k candidates; smaller spaces are shown for the rate only.
        std::printf("| %s | %lld | %s | %lld | %.2f | %.2f | %.3g | %s |\n", s.name.c_str(),
                    static_cast<long long>(l.candidates), big ? "yes" : "no", static_cast<long long>(l.fitting),
                    t_with * 1e3, search * 1e3, static_cast<double>(l.candidates) / search,
                    big ? verdict(t_with <= kTargetLayoutS) : "(rate only)");
    }

    std::printf("\n#### Chart sweep: fits_grid() 16 x 16 (256 reports; target <= %.0f ms)\n\n", kTargetGridMs);
    std::printf("| scenario | ms | target |\n|---|---:|---|\n");
    llmcalc::Inputs grid_in;
    grid_in.model = "llama-3.1-8b";
    grid_in.seq = 1024;
    grid_in.gen = 128;
    const double t_grid = time_per_call([&] { g_sink = g_sink + llmcalc::fits_grid(grid_in).max_ratio; });
    std::printf("| llama-3.1-8b inference, seq 1024, gen 128 | %.2f | %s |\n", t_grid * 1e3, verdict(t_grid * 1e3 <= kTargetGridMs));
    return 0;
}
