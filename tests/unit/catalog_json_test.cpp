// catalog_json: the JSON the JS API returns for keys(), models(), gpus(), formats(), optimizers(), fromHash().
// The lists must mirror the core's tables exactly (the JS API adds nothing), and inputs_json must type values by
// key kind so that fromHash(toHash(x)) gives numbers and booleans back.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "catalog.hpp"
#include "catalog_json.hpp"
#include "inputs.hpp"

using namespace llmcalc;
using json = nlohmann::json;

TEST_CASE("catalog lists mirror the core tables in order") {
    const json models = json::parse(models_json());
    REQUIRE(models.size() == presets().size());
    for (size_t i = 0; i < presets().size(); ++i) {
        CAPTURE(i);
        CHECK(models[i]["id"] == presets()[i].config.id);
        CHECK(models[i]["published_total"].get<int64_t>() == presets()[i].published_total);
    }
    const json g = json::parse(gpus_json());
    REQUIRE(g.size() == gpus().size());
    for (size_t i = 0; i < gpus().size(); ++i) {
        CHECK(g[i]["id"] == gpus()[i].id);
        CHECK(g[i]["memory_bytes"].get<double>() == gpus()[i].memory_bytes);
        CHECK(g[i]["peak_flops"]["bf16"].get<double>() == gpus()[i].bf16);
    }
    const json f = json::parse(formats_json());
    REQUIRE(f.size() == number_formats().size());
    for (size_t i = 0; i < number_formats().size(); ++i) {
        CHECK(f[i]["id"] == number_formats()[i].id);
        CHECK(f[i]["bits"].get<double>() == number_formats()[i].bits());
    }
    const json o = json::parse(optimizers_json());
    REQUIRE(o.size() == optimizers().size());
    for (size_t i = 0; i < optimizers().size(); ++i) CHECK(o[i]["id"] == optimizers()[i].id);
}

TEST_CASE("keys_json lists every key with its kind, choices and default text") {
    const json keys = json::parse(keys_json());
    REQUIRE(keys.size() == input_keys().size());
    const Inputs defaults;
    for (size_t i = 0; i < keys.size(); ++i) {
        const KeySpec& spec = input_keys()[i];
        CAPTURE(spec.key);
        CHECK(keys[i]["key"] == spec.key);
        CHECK(keys[i]["default"] == get_input(defaults, spec.key));
        // every listed choice is accepted by set_input (choices and validation come from one table)
        for (const auto& c : keys[i]["choices"]) {
            Inputs in;
            CHECK_FALSE(set_input(in, spec.key, c.get<std::string>()).has_value());
        }
    }
    // spot checks of the kind names
    auto kind_of = [&](const char* key) {
        for (const auto& k : keys)
            if (k["key"] == key) return k["kind"].get<std::string>();
        return std::string("missing");
    };
    CHECK(kind_of("seq") == "int");
    CHECK(kind_of("mfu") == "number");
    CHECK(kind_of("sp") == "bool");
    CHECK(kind_of("task") == "choice");
    CHECK(kind_of("config") == "text");
}

TEST_CASE("inputs_json types values by kind; changed_only matches write_hash") {
    Inputs in;
    REQUIRE(parse_hash("seq=8192&kv_heads=4&sp=true&mfu=0.45&task=training&tokens=3e11", in).empty());
    const json changed = json::parse(inputs_json(in, true));
    CHECK(changed["seq"] == 8192);
    CHECK(changed["kv_heads"] == 4);
    CHECK(changed["sp"] == true);
    CHECK(changed["mfu"].get<double>() == 0.45);
    CHECK(changed["task"] == "training");
    CHECK(changed["tokens"].get<double>() == 3e11);
    CHECK(changed.size() == changed_inputs(in).size());
    // every key present when not changed_only; an unset optional override is null
    const json all = json::parse(inputs_json(in, false));
    CHECK(all.size() == input_keys().size());
    CHECK(all["layers"].is_null());
    CHECK(all["batch"] == 1);
    // defaults: nothing changed
    CHECK(json::parse(inputs_json(Inputs(), true)).empty());
}
