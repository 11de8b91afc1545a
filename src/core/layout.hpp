// Parallel-layout search for training: enumerate TP x PP x DP x EP x ZeRO x micro-batch x recompute on a cluster,
// drop the layouts that do not fit per GPU, rank the rest by an estimated step time (documented communication
// model with named bandwidth inputs: nvlink_gbs, internode_gbs, gpus_per_node).
#pragma once

#include <cstdint>
#include <vector>

#include "flops.hpp"
#include "inputs.hpp"
#include "memory.hpp"
#include "model.hpp"

namespace llmcalc {

struct StepTime {
    double compute = 0;   // model + recompute FLOPs / (gpus x peak x utilisation)
    double bubble = 0;    // pipeline bubble: compute x (pp - 1) / microbatches (Narayanan et al. 2021 Sec. 2.2.1)
    double tp_comm = 0;   // TP all-reduces: 4 per layer per micro-batch (6 with full recompute)
    double pp_comm = 0;   // activations and their gradients across stage boundaries
    double dp_comm = 0;   // gradient all-reduce (ZeRO-3: 1.5x, Rajbhandari et al. 2020 Sec. 7)
    double dp_bytes = 0;  // gradient bytes one GPU all-reduces (its shard's, before ZeRO)
    double ep_comm = 0;   // MoE all-to-all: 2 forward + 2 backward per MoE layer per micro-batch
    double total = 0;
};

struct LayoutCandidate {
    TrainLayout layout;
    StepTime time;
    TrainingMemory memory;
};

struct LayoutResult {
    int64_t candidates = 0;   // layouts enumerated
    int64_t fitting = 0;      // layouts whose per-GPU total fits
    int64_t global_batch = 0; // sequences per step used
    std::vector<LayoutCandidate> best;  // fastest first
};

struct LayoutInputs {
    int64_t gpus = 1;
    int64_t global_batch = 1;
    double usable_bytes = 0;       // per GPU
    double peak_flops = 0;         // per GPU at the compute precision
    double utilisation = 0.4;      // of the executed FLOPs (report.cpp training_rate: hfu, else mfu)
    double flops_per_token[3] = {0, 0, 0};  // training FLOPs per token for recompute none / selective / full
    int64_t top = 5;
    int64_t max_micro_batch = 64;
};

// Estimated step time of one layout (no allocation; O(1)).
StepTime layout_step_time(const TrainingPlan& p, const ModelConfig& m, const Inputs& in, const LayoutInputs& li,
                          const TrainLayout& l);
LayoutResult search_layouts(const TrainingPlan& p, const ModelConfig& m, const Inputs& in, const LayoutInputs& li);

}  // namespace llmcalc
