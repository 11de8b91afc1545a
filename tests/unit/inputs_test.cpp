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

TEST_CASE("one URL-hash splitter: parts decoded in order, bare keys true, bad encoding named") {
    const std::vector<HashPart> p = split_hash("#seq=8%2C192&&sp&lang=zh&tokens=1%ZZ");
    REQUIRE(p.size() == 4);
    CHECK((p[0].key == "seq" && p[0].value == "8,192" && p[0].decoded));
    CHECK((p[1].key == "sp" && p[1].value == "true"));
    CHECK((p[2].key == "lang" && p[2].value == "zh"));
    CHECK((p[3].key == "tokens" && !p[3].decoded));
    // the core knows no page options: lang (the page's own, src/app split_page_hash) is an unknown key here, and
    // the other keys still apply
    Inputs in;
    const std::vector<InputError> errors = parse_hash("seq=8%2C192&sp&lang=zh&tokens=1%ZZ", in);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].key == "lang");
    CHECK(errors[1].key == "tokens");
    CHECK(errors[1].message.find("percent-encoding") != std::string::npos);
    CHECK(in.seq == 8192);
    CHECK(in.sp);
}

TEST_CASE("typed choices: task, finetune, recompute parse once into enums and write back their key spelling") {
    Inputs in;
    REQUIRE(parse_hash("task=training&finetune=qlora&recompute=selective", in).empty());
    CHECK(in.task == Task::Training);
    CHECK(in.finetune == Finetune::Qlora);
    CHECK(in.recompute == Recompute::Selective);
    CHECK(write_hash(in) == "task=training&recompute=selective&finetune=qlora");
    CHECK(std::string(task_name(Task::Inference)) == "inference");
    CHECK(std::string(finetune_name(Finetune::Freeze)) == "freeze");
    CHECK(std::string(recompute_name(Recompute::Full)) == "full");
    const std::optional<InputError> bad = set_input(in, "finetune", "LoRA");
    REQUIRE(bad.has_value());
    CHECK(bad->message == "must be one of full, freeze, lora, qlora, got 'LoRA'");
    CHECK(in.finetune == Finetune::Qlora);  // unchanged by the bad value
    // issue #11: recompute=auto (the default) joins the choices; resolved_recompute turns it into full or none
    CHECK(std::string(find_key("recompute")->choices) == "none|selective|full|auto");
    CHECK(Inputs{}.recompute == Recompute::Auto);
    REQUIRE(parse_hash("recompute=auto", in).empty());
    CHECK(in.recompute == Recompute::Auto);
    CHECK(resolved_recompute(in) == Recompute::Full);  // task=training, finetune=qlora
    in.finetune = Finetune::Full;
    CHECK(resolved_recompute(in) == Recompute::None);
}
