# llmcalc_app_native_check (native builds, when Dear ImGui is in third_party/imgui): the app's sources compiled with the
# host compiler against platform_native.cpp's stubs instead of platform_web.cpp. Every browser call of the app (EM_JS,
# EM_ASM, emscripten_*, EMSCRIPTEN_KEEPALIVE) lives in platform_web.cpp (issue #10); one anywhere else breaks this
# build. Compiled only (an OBJECT library, never linked); built by the ctest test app_native_compile, not by `all`.
# font_cjk.cpp is left out: it includes the generated Chinese font, which needs the web build's font tools.
# ctest app_globals (needs no Dear ImGui): the app's state is one object, AppState; a mutable namespace-scope or
# function-static variable in src/app/*.cpp outside tests/app/app_globals_check.py's short allow-list fails it.
find_program(LLMCALC_PYTHON3 python3)
if(LLMCALC_TESTS AND LLMCALC_PYTHON3)
  add_test(NAME app_globals
           COMMAND ${LLMCALC_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/app/app_globals_check.py ${PROJECT_SOURCE_DIR}/src/app)
endif()

set(_imgui "${PROJECT_SOURCE_DIR}/third_party/imgui")
if(NOT EXISTS "${_imgui}/imgui.h")
  message(STATUS "llmcalc_app_native_check: no Dear ImGui in ${_imgui} (./build-wasm.sh fetches it): not configured")
  return()
endif()
file(GLOB _app_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/app/*.cpp)
list(FILTER _app_sources EXCLUDE REGEX "/(platform_web|font_cjk)\\.cpp$")
set(_shader_header "${CMAKE_BINARY_DIR}/generated-native/app_shaders.h")
file(GLOB _shaders CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/shaders/*.vert" "${PROJECT_SOURCE_DIR}/shaders/*.frag")
add_custom_command(
  OUTPUT ${_shader_header}
  COMMAND ${CMAKE_COMMAND} -DSHADER_DIR=${PROJECT_SOURCE_DIR}/shaders -DOUT=${_shader_header}
          -P ${PROJECT_SOURCE_DIR}/cmake/shaders.cmake
  DEPENDS ${_shaders} ${PROJECT_SOURCE_DIR}/cmake/shaders.cmake
  VERBATIM)
add_library(llmcalc_app_native_check OBJECT EXCLUDE_FROM_ALL ${_app_sources} ${_shader_header})
target_link_libraries(llmcalc_app_native_check PRIVATE llmcalc::core)
target_include_directories(llmcalc_app_native_check PRIVATE ${CMAKE_BINARY_DIR}/generated-native
                           ${PROJECT_SOURCE_DIR}/src/app)
target_include_directories(llmcalc_app_native_check SYSTEM PRIVATE ${_imgui} ${_imgui}/misc/cpp)
target_compile_definitions(llmcalc_app_native_check PRIVATE IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_DISABLE_METRICS_WINDOW)
target_compile_options(llmcalc_app_native_check PRIVATE -Wall -Wextra)
if(LLMCALC_TESTS)
  add_test(NAME app_native_compile
           COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target llmcalc_app_native_check)
endif()

# llmcalc_app_smoke (ctest app_ui_smoke): the app's panels headless over platform_native.cpp — an ImGui context with a
# font atlas, no window, no GL — for a few hundred scripted frames in both languages at desktop and phone width
# (tests/app/ui_smoke_test.cpp). ImGui's asserts throw and its test-engine hooks report every item
# (tests/app/imconfig_smoke.h), for every source of this target including Dear ImGui's own.
if(LLMCALC_TESTS)
  set(_smoke_sources ${_app_sources})
  list(FILTER _smoke_sources EXCLUDE REGEX "/(main|render_gl)\\.cpp$")
  add_executable(llmcalc_app_smoke ${PROJECT_SOURCE_DIR}/tests/app/ui_smoke_test.cpp ${_smoke_sources}
                 ${_imgui}/imgui.cpp ${_imgui}/imgui_draw.cpp ${_imgui}/imgui_tables.cpp ${_imgui}/imgui_widgets.cpp
                 ${_imgui}/misc/cpp/imgui_stdlib.cpp ${_shader_header})
  # charts.cpp draws its heatmap with GL in a draw callback; nothing is rendered here, so GL is linked, never called
  target_link_libraries(llmcalc_app_smoke PRIVATE llmcalc::core GLESv2)
  target_include_directories(llmcalc_app_smoke PRIVATE ${CMAKE_BINARY_DIR}/generated-native ${PROJECT_SOURCE_DIR}/src/app ${PROJECT_SOURCE_DIR}/tests/app)
  target_include_directories(llmcalc_app_smoke SYSTEM PRIVATE ${_imgui} ${_imgui}/misc/cpp ${LLMCALC_DEPS_INCLUDE})
  target_compile_definitions(llmcalc_app_smoke PRIVATE IMGUI_USER_CONFIG="imconfig_smoke.h"
                             IMGUI_DISABLE_FILE_FUNCTIONS DOCTEST_CONFIG_COLORS_NONE)
  add_test(NAME app_ui_smoke COMMAND llmcalc_app_smoke)
endif()
