#include "timing.hpp"

#include <algorithm>

namespace llmcalc {

double training_seconds(double total_flops, double gpus, double peak, double utilisation) {
    return total_flops / (gpus * peak * utilisation);
}

double prefill_seconds(double flops, double gpus, double peak, double efficiency) {
    return flops / (gpus * peak * efficiency);
}

double decode_seconds(double bytes_moved, double bandwidth, double flops, double peak_flops) {
    return std::max(bytes_moved / bandwidth, flops / peak_flops);
}

}  // namespace llmcalc
