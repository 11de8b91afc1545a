// Settings that survive a reload, in localStorage "llmcalc" as one JSON object:
//   {"v":1, "lang":"en"|"zh", "theme":"dark"|"light", "units":"GB"|"GiB", "scenario":"<write_hash of the inputs>",
//    "models":[{"name":"...", "config":"<config.json text>"}, ...], "trial":true (only while the saved scenario is
//    being tried at start-up), "compare":"<A's write_hash, while A is pinned>"}. "scenario" is the last one that
//    computed without errors in under kSlowComputeSeconds.
// Absent values follow the browser (navigator.language, prefers-color-scheme). Corrupt storage (bad JSON, wrong types,
// a scenario with bad keys) is ignored, with AppState::storage_notice saying so; it is never fatal.
#pragma once

#include <string>

#include "app_state.hpp"

// At start, after platform::init: language, theme, units, My models; the scenario (and compare's A) from the URL hash
// when it holds inputs, else the saved ones.
void settings_start(AppState& s);
// Each frame: applies theme/units changes and writes localStorage when what is saved changed.
void settings_save(AppState& s);

// The pure part, for the functions above: reads stored text into `s` (not the scenario); returns the saved scenario
// hash ("" when none) and sets s.storage_notice on problems.
// `trial` (optional) is set when the saved scenario was being tried at start-up and never passed (it froze, crashed,
// failed or was slow then).
std::string settings_parse(AppState& s, const std::string& stored, bool* trial = nullptr);
std::string settings_json(const AppState& s);
