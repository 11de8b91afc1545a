#include "layout.hpp"

#include <algorithm>
#include <cmath>

#include "timing.hpp"

namespace llmcalc {
namespace {

constexpr double kGB = 1e9;
constexpr double kActBytes = 2.0;  // 16-bit activations on the wire
constexpr int64_t kMaxTop = 100;

double d(int64_t v) { return static_cast<double>(v); }

void divisors(int64_t n, std::vector<int64_t>& out) {
    out.clear();
    for (int64_t i = 1; i * i <= n; ++i) {
        if (n % i) continue;
        out.push_back(i);
        if (i != n / i) out.push_back(n / i);
    }
    std::sort(out.begin(), out.end());
}

}  // namespace

StepTime layout_step_time(const TrainingPlan& p, const ModelConfig& m, const Inputs& in, const LayoutInputs& li,
                          const TrainLayout& l) {
    StepTime t;
    const double gpus = d(l.tp * l.pp * l.dp * l.cp);
    const double tokens = d(li.global_batch) * d(in.seq);
    t.compute = tokens * li.flops_per_token[static_cast<int>(l.recompute)] / (gpus * li.peak_flops * li.utilisation);
    const double mbs = d(std::max<int64_t>(1, l.microbatches));
    t.bubble = t.compute * d(l.pp - 1) / mbs;
    const double node = d(in.gpus_per_node);
    const double bw_intra = in.nvlink_gbs * kGB, bw_inter = in.internode_gbs * kGB;
    const double stage_layers = std::ceil(d(m.num_layers) / d(l.pp));
    const double act_msg = kActBytes * d(l.micro_batch) * d(in.seq) / d(l.cp) * d(m.hidden_size);
    const double bw_tp = d(l.tp) <= node ? bw_intra : bw_inter;
    const double allreduces = l.recompute == Recompute::Full ? 6.0 : 4.0;  // Megatron: 2 fwd + 2 bwd per layer (+2 recompute)
    t.tp_comm = mbs * stage_layers * allreduces * ring_allreduce_seconds(act_msg, d(l.tp), bw_tp);
    const double bw_pp = d(l.tp * l.pp) <= node ? bw_intra : bw_inter;
    if (l.pp > 1) t.pp_comm = mbs * 2.0 * act_msg / d(l.tp) / bw_pp;
    const double bw_dp = d(l.tp * l.pp * l.dp) <= node ? bw_intra : bw_inter;
    // gradients of this GPU's parameters: the same shard memory counts (memory.cpp param_shard)
    t.dp_bytes = param_shard(p, l).trainable * p.grad_bytes;
    t.dp_comm = ring_allreduce_seconds(t.dp_bytes, d(l.dp), bw_dp) * (l.zero >= 3 ? 1.5 : 1.0);
    if (l.ep > 1 && m.num_experts > 0) {
        const double moe_layers = stage_layers;  // upper bound: every layer of the stage routes
        t.ep_comm = mbs * moe_layers * 4.0 *
                    all_to_all_seconds(act_msg * d(m.experts_per_token) / d(l.tp), d(l.ep), bw_dp);
    }
    t.total = t.compute + t.bubble + t.tp_comm + t.pp_comm + t.dp_comm + t.ep_comm;
    return t;
}

LayoutResult search_layouts(const TrainingPlan& p, const ModelConfig& m, const Inputs& in, const LayoutInputs& li) {
    LayoutResult r;
    r.global_batch = li.global_batch;
    const int64_t top = std::min<int64_t>(std::max<int64_t>(1, li.top), kMaxTop);
    LayoutCandidate best[kMaxTop];
    int64_t nbest = 0;
    std::vector<int64_t> tps, pps, eps, mbs;  // filled outside the hot loop
    divisors(li.gpus, tps);
    for (int64_t tp : tps) {
        if (tp > in.gpus_per_node || m.num_heads % tp != 0) continue;
        divisors(li.gpus / tp, pps);
        for (int64_t pp : pps) {
            if (pp > m.num_layers) continue;
            const int64_t dp = li.gpus / (tp * pp);
            if (li.global_batch % dp != 0) continue;
            const int64_t per_replica = li.global_batch / dp;
            eps.clear();
            if (m.num_experts > 0) {
                for (int64_t e = 1; e <= dp; ++e)
                    if (dp % e == 0 && m.num_experts % e == 0) eps.push_back(e);
            } else {
                eps.push_back(1);
            }
            divisors(per_replica, mbs);
            for (int64_t ep : eps)
                for (int zero = 0; zero <= 3; ++zero) {
                    if (zero > 0 && dp == 1) continue;  // nothing to shard over
                    for (int64_t mb : mbs) {
                        if (mb > li.max_micro_batch) break;
                        for (int rc = 0; rc <= 2; ++rc) {
                            TrainLayout l;
                            l.tp = tp; l.pp = pp; l.dp = dp; l.ep = ep; l.cp = 1; l.sp = tp > 1;
                            l.zero = zero; l.micro_batch = mb; l.microbatches = per_replica / mb; l.recompute = static_cast<Recompute>(rc);
                            ++r.candidates;
                            const TrainingMemory mem = evaluate_training(p, in, l);
                            if (d(mem.total_bytes) > li.usable_bytes) continue;
                            ++r.fitting;
                            const StepTime st = layout_step_time(p, m, in, li, l);
                            // faster first; among equal times the smaller per-GPU memory
                            auto better = [&](const LayoutCandidate& c) {
                                return st.total < c.time.total ||
                                       (st.total == c.time.total && mem.total_bytes < c.memory.total_bytes);
                            };
                            if (nbest == top && !better(best[nbest - 1])) continue;
                            int64_t pos = nbest < top ? nbest++ : nbest - 1;
                            while (pos > 0 && better(best[pos - 1])) {
                                best[pos] = best[pos - 1];
                                --pos;
                            }
                            best[pos] = LayoutCandidate{l, st, mem};
                        }
                    }
                }
        }
    }
    r.best.assign(best, best + nbest);
    return r;
}

}  // namespace llmcalc
