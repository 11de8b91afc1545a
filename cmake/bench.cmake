# llmcalc_bench: native timing (thread CPU time) of count_params() + count_flops() (issue #3), compute() and
# report_json() (issue #4/#6) and the layout search over >= 100k candidates (issue #4). Run through bench/run.sh
# (builds Release in build/bench). Not a test: timings and their targets are printed, never asserted.
if(NOT EMSCRIPTEN)
  add_executable(llmcalc_bench EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/bench/bench.cpp)
  target_link_libraries(llmcalc_bench PRIVATE llmcalc::core)
  target_compile_definitions(llmcalc_bench PRIVATE LLMCALC_BENCH_SCENARIOS="${PROJECT_SOURCE_DIR}/bench/scenarios.tsv")
endif()
