// Training compute of Llama 3 405B pinned to the Llama 3 paper.
#include <doctest/doctest.h>

#include "report.hpp"

using namespace llmcalc;

TEST_CASE("Llama 3 paper: 405B on 15.6T tokens is 3.8e25 FLOPs") {
    // Llama Team 2024, "The Llama 3 Herd of Models" (arXiv:2407.21783) Sec. 3.2.1 / 1: "a flagship model with
    // 405B trainable parameters on 15.6T text tokens ... 3.8 x 10^25 FLOPs" (the 6ND rule with N = 405B). The
    // printed figure has two significant digits, so the tolerance is half a unit of the last digit: 1.3%.
    Inputs in;
    in.model = "llama-3.1-405b";
    in.task = Task::Training;
    in.tokens = 15.6e12;
    in.seq = 8192;  // Sec. 3.4.1: pre-training sequences of 8K tokens
    in.causal = true;
    in.gpus = 16384;
    const Result r = compute(in);
    REQUIRE(r.ok());
    const double rule_6nd = r.report.flops.rule_6n_per_token * *in.tokens;
    CHECK(rule_6nd == doctest::Approx(3.8e25).epsilon(0.013));
    // The exact count adds the causal attention-score term (about 12 * L * H * Q * T / 2 per token) and the
    // embedding-free LM head to 6N: it must be above the rule, and by less than the attention share at 8K (10%).
    const double exact = r.report.flops.model_training_per_token * *in.tokens;
    CHECK(exact > rule_6nd * 0.99);
    CHECK(exact < 3.8e25 * 1.10);
}
