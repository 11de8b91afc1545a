// Closed forms from papers and the seeds, used by the tests as independent oracles for the core's exact counts
// (the core computes these quantities layer by layer and never calls these).
#pragma once

namespace llmcalc::oracle {

// Narayanan et al. 2021 (arXiv:2104.04473) Sec. 5.1 eq. (3): FLOPs per iteration of batch B, sequence s, l layers,
// hidden h, vocabulary V, with full recomputation: 96 B s l h^2 (1 + s/(6h) + V/(16 l h)).
inline double narayanan_flops_per_iteration(double B, double s, double l, double h, double V) {
    return 96.0 * B * s * l * h * h * (1.0 + s / (6.0 * h) + V / (16.0 * l * h));
}

// The seeds' forward FLOPs (seed 000, seed 003): 24 B s h^2 l + 4 B s^2 h l + 2 B s V h.
inline double seed_forward_flops(double B, double s, double h, double l, double V) {
    return 24.0 * B * s * h * h * l + 4.0 * B * s * s * h * l + 2.0 * B * s * V * h;
}

}  // namespace llmcalc::oracle
