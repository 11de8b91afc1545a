// Parameter counts pinned to published totals (../shared/reference/published.json) and the seeds' formulas.
#include <doctest/doctest.h>

#include "params.hpp"
#include "presets.hpp"

using namespace llmcalc;

TEST_CASE("GPT-2 124M: published checkpoint count and component split") {
    // published.json "gpt2": total 124439808; token_embedding 38597376; position_embedding 786432; per_layer 7087872
    const Preset* p = find_preset("gpt2");
    REQUIRE(p);
    const ParamReport r = count_params(p->config);
    CHECK(r.total == 124439808);
    CHECK(r.embedding == 38597376);
    REQUIRE(r.layer_groups.size() == 1);
    CHECK(r.layer_groups[0].params_per_layer == 7087872);
    // seed 002: each transformer layer is 12h^2 + 13h with biases and two LayerNorms
    CHECK(r.layer_groups[0].params_per_layer == 12 * 768 * 768 + 13 * 768);
}

TEST_CASE("every preset with a published total matches it exactly") {
    for (const auto& p : presets()) {
        if (p.published_total == 0) continue;
        CAPTURE(p.config.id);
        const ParamReport r = count_params(p.config);
        CHECK(r.total == p.published_total);
        if (p.published_active) CHECK(r.active == p.published_active);
        if (p.config.num_experts == 0) CHECK(r.active == r.total);
        int64_t sum = 0;
        for (const auto& c : r.by_component) sum += c.second;
        CHECK(sum == r.total);
    }
}
