# libFuzzer targets (fuzz/*.cpp), built when -DLLMCALC_FUZZ=ON with clang. fuzz/run.sh configures a separate
# build dir (build/fuzz) with CMAKE_CXX_FLAGS="-fsanitize=address,undefined,fuzzer-no-link ...", so llmcalc_core
# (and the test binary) carry the same sanitizers as the fuzz drivers; only the drivers link libFuzzer's main.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(WARNING "LLMCALC_FUZZ needs clang (CXX=clang++): fuzz targets skipped")
  return()
endif()

# The drivers' sanitizers (with libFuzzer's). Long campaigns of a core built with UBSan only may drop ASan from the
# drivers too (-DLLMCALC_FUZZ_DRIVER_SANITIZERS=undefined): ASan's allocator alone costs those runs most of their time
# (page faults of its quarantine and of large vectors) and checks nothing in an uninstrumented core. docs/fuzzing.md.
set(LLMCALC_FUZZ_DRIVER_SANITIZERS "address,undefined" CACHE STRING "sanitizers of the fuzz drivers, besides fuzzer")
set(LLMCALC_FUZZ_TARGETS fuzz_hf_config fuzz_hash fuzz_args fuzz_report fuzz_model_file)
foreach(t ${LLMCALC_FUZZ_TARGETS})
  add_executable(${t} ${PROJECT_SOURCE_DIR}/fuzz/${t}.cpp)
  target_link_libraries(${t} PRIVATE llmcalc::core)
  target_include_directories(${t} SYSTEM PRIVATE ${LLMCALC_DEPS_INCLUDE})
  target_compile_options(${t} PRIVATE -fsanitize=fuzzer,${LLMCALC_FUZZ_DRIVER_SANITIZERS} -fno-sanitize-recover=all)
  target_link_options(${t} PRIVATE -fsanitize=fuzzer,${LLMCALC_FUZZ_DRIVER_SANITIZERS})
endforeach()
add_custom_target(fuzz_all DEPENDS ${LLMCALC_FUZZ_TARGETS})
