// The memory/time keys added to the key table: present, documented with a help line, and their defaults round-trip.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "inputs.hpp"

using namespace llmcalc;

TEST_CASE("memory/time keys exist with help lines and are documented in docs/formulas-memory.md") {
    std::ifstream f(LLMCALC_TEST_DATA "/../../docs/formulas-memory.md");
    std::stringstream ss;
    ss << f.rdbuf();
    const std::string doc = ss.str();
    REQUIRE(!doc.empty());
    for (const char* k : {"embed_16bit", "kv_block", "prefill_chunk", "reserve_gb", "comm_buffer_gb",
                          "fragmentation_pct", "deadline_days", "layout_search", "global_batch", "layout_top",
                          "nvlink_gbs", "internode_gbs", "gpus_per_node", "tp_comm", "custom_memory_gb",
                          "custom_bandwidth_gbs", "custom_tflops", "unified_memory_fraction", "overhead_pct", "cuda_context_gb", "gpu_mem_util",
                          "prefill_efficiency", "decode_bw_efficiency", "mfu", "price_per_gpu_hour",
                          "flash_attention"}) {
        CAPTURE(k);
        const KeySpec* s = find_key(k);
        REQUIRE(s);
        CHECK(std::string(s->help).size() > 10);
        CHECK(doc.find(std::string("`") + k + "`") != std::string::npos);
    }
}

TEST_CASE("new keys parse, reject bad values by name, and round-trip through the URL hash") {
    Inputs in;
    CHECK(!set_input(in, "kv_block", "16"));
    CHECK(!set_input(in, "layout_search", "true"));
    CHECK(!set_input(in, "deadline_days", "30"));
    CHECK(!set_input(in, "custom_tflops", "123.5"));
    CHECK(set_input(in, "kv_block", "-16")->key == "kv_block");
    CHECK(set_input(in, "nvlink_gbs", "0")->key == "nvlink_gbs");
    CHECK(set_input(in, "fragmentation_pct", "abc")->key == "fragmentation_pct");
    const std::string h = write_hash(in);
    CHECK(h.find("kv_block=16") != std::string::npos);
    Inputs back;
    CHECK(parse_hash(h, back).empty());
    CHECK(back.kv_block == 16);
    CHECK(back.layout_search);
    CHECK(back.custom_tflops == 123.5);
    CHECK(write_hash(back) == h);
}

TEST_CASE("a negative whole number is named as out of range, not as 'not a whole number'") {
    Inputs in;
    auto err = set_input(in, "batch", "-1");
    REQUIRE(err);
    CHECK(err->key == "batch");
    CHECK(err->message.find("between 1 and") != std::string::npos);
    CHECK(in.batch == Inputs{}.batch);  // nothing applied
    err = set_input(in, "gen", "-5");
    REQUIRE(err);
    CHECK(err->message.find("between 0 and") != std::string::npos);
    CHECK(set_input(in, "seq", "-"));  // a lone sign is not a number
    CHECK(set_input(in, "seq", "1.5"));
}
