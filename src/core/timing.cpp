#include "timing.hpp"

#include <algorithm>
#include <cmath>

#include "magnitude.hpp"

namespace llmcalc {

Tx training_seconds(const Tx& total_flops, const Tx& gpus, const Tx& peak, const Tx& utilisation) {
    return total_flops / (gpus * peak * utilisation);
}
double training_seconds(double total_flops, double gpus, double peak, double utilisation) {
    return training_seconds(Tx(total_flops), Tx(gpus), Tx(peak), Tx(utilisation)).v;
}

Tx narayanan_training_seconds(const Tx& tokens, const Tx& params, const Tx& gpus, const Tx& achieved) {
    return Tx(8.0) * tokens * params / (gpus * achieved);  // eq. (4): 8TP / (nX)
}
double narayanan_training_seconds(double tokens, double params, double gpus, double achieved) {
    return narayanan_training_seconds(Tx(tokens), Tx(params), Tx(gpus), Tx(achieved)).v;
}

TrainingRate training_rate(double model_flops, double hardware_flops, double mfu, double hfu) {
    if (hfu > 0) return {hardware_flops, hfu, "hfu"};
    return {model_flops, mfu, "mfu"};
}

Tx gpus_for_deadline(const Tx& total_flops, const Tx& seconds, const Tx& peak, const Tx& utilisation) {
    if (seconds.v <= 0 || peak.v <= 0 || utilisation.v <= 0) return Tx(0.0);
    // the GPU-seconds the FLOPs need at peak x utilisation, spread over the deadline, rounded up (seed 000's
    // training-time formula solved for the GPU count)
    const Tx need = ceil_(total_flops / (seconds * peak * utilisation));
    // Saturated at kMaxGpuCount (1e15, exact as a JS number), not INT64_MAX, which JavaScript reads as a different
    // integer (issue #14: deadline_days=1e-300); report.cpp warns when the cap is reached.
    return with_value(max_(Tx(1.0), need), static_cast<double>(std::max<int64_t>(1, saturated_gpu_count(need.v))));
}
int64_t gpus_for_deadline(double total_flops, double seconds, double peak, double utilisation) {
    return static_cast<int64_t>(gpus_for_deadline(Tx(total_flops), Tx(seconds), Tx(peak), Tx(utilisation)).v);
}

Tx tokens_per_day(const Tx& gpus, const Tx& peak, const Tx& utilisation, const Tx& flops_per_token) {
    return flops_per_token.v > 0 ? Tx(kSecondsPerDay) * gpus * peak * utilisation / flops_per_token : Tx(0.0);
}
double tokens_per_day(double gpus, double peak, double utilisation, double flops_per_token) {
    return tokens_per_day(Tx(gpus), Tx(peak), Tx(utilisation), Tx(flops_per_token)).v;
}

Tx prefill_seconds(const Tx& flops, const Tx& gpus, const Tx& peak, const Tx& efficiency) {
    // compute-bound prefill (seed 004: 2 x 32e9 x 1000 / (10 x 312e12 x 0.462))
    return flops / (gpus * peak * efficiency);
}
double prefill_seconds(double flops, double gpus, double peak, double efficiency) {
    return prefill_seconds(Tx(flops), Tx(gpus), Tx(peak), Tx(efficiency)).v;
}

Tx decode_seconds(const Tx& bytes_moved, const Tx& bandwidth, const Tx& flops, const Tx& peak_flops) {
    // roofline (Williams et al. 2009): memory-bound or compute-bound, whichever is slower
    return max_(bytes_moved / bandwidth, flops / peak_flops);
}
double decode_seconds(double bytes_moved, double bandwidth, double flops, double peak_flops) {
    return decode_seconds(Tx(bytes_moved), Tx(bandwidth), Tx(flops), Tx(peak_flops)).v;
}

bool decode_memory_bound(double bytes_moved, double bandwidth, double flops, double peak_flops) {
    return bytes_moved / bandwidth >= flops / peak_flops;
}

double ring_allreduce_seconds(double bytes, double n, double bandwidth) {
    if (n <= 1 || bandwidth <= 0) return 0.0;
    return 2.0 * (n - 1.0) / n * bytes / bandwidth;
}

double all_to_all_seconds(double bytes, double n, double bandwidth) {
    if (n <= 1 || bandwidth <= 0) return 0.0;
    return (n - 1.0) / n * bytes / bandwidth;
}

Tx experts_touched_fraction(const Tx& experts, const Tx& k, const Tx& tokens) {
    if (experts.v <= 0 || k.v >= experts.v) return Tx(1.0);
    return Tx(1.0) - pow_(Tx(1.0) - k / experts, tokens);
}
double experts_touched_fraction(double experts, double k, double tokens) {
    return experts_touched_fraction(Tx(experts), Tx(k), Tx(tokens)).v;
}

}  // namespace llmcalc
