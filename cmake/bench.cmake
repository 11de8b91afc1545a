# llmcalc_bench: native timing of compute(), report_json(), count_params(), count_flops() and the layout search.
# Run through bench/run.sh (builds Release in build/bench). Not a test: timings are printed, never asserted.
if(NOT EMSCRIPTEN)
  add_executable(llmcalc_bench EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/bench/bench.cpp)
  target_link_libraries(llmcalc_bench PRIVATE llmcalc::core)
  target_compile_definitions(llmcalc_bench PRIVATE LLMCALC_BENCH_SCENARIOS="${PROJECT_SOURCE_DIR}/bench/scenarios.tsv")
endif()
