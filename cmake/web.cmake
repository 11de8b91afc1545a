# Web targets (Emscripten only; included by CMakeLists.txt):
#   llmcalc_js           dist/llmcalc-core.js: embind JS API, one file (wasm embedded), loads in node and browsers
#   llmcalc_app          dist/llmcalc_app.js + .wasm: the Dear ImGui app (index.html is generated from web/shell.html)
#   llmcalc_app_offline  dist/llmcalc-offline.html: the same app in ONE file that works from file://
# Outputs land in ${CMAKE_BINARY_DIR}/web; build-wasm.sh copies them to dist/.

set(LLMCALC_IMGUI_DIR "${PROJECT_SOURCE_DIR}/third_party/imgui" CACHE PATH
    "Dear ImGui source tree (1.86; build-wasm.sh extracts Debian's source package here)")
set(LLMCALC_FONT_TTF "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH
    "TTF embedded (subset) into the app (fonts-dejavu-core)")
# Droid Sans Fallback rather than WenQuanYi Micro Hei (which is derived from it): its outlines are drawn on a 256-unit
# em, so the same 318 characters weigh 30.9 KB of gzip instead of 36.6 KB.
set(LLMCALC_FONT_CJK_TTF "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf" CACHE FILEPATH
    "CJK font subset to the Chinese UI strings of src/app/i18n.cpp (fonts-droid-fallback)")
set(LLMCALC_PYTHON "/usr/bin/python3" CACHE FILEPATH "python3 with fontTools (python3-fonttools)")
if(NOT EXISTS "${LLMCALC_IMGUI_DIR}/imgui.h")
  message(FATAL_ERROR "Dear ImGui not found in LLMCALC_IMGUI_DIR=${LLMCALC_IMGUI_DIR}: run ./build-wasm.sh "
                      "(or clone ocornut/imgui v1.86 there)")
endif()

set(LLMCALC_WEB_OUT "${CMAKE_BINARY_DIR}/web")
file(MAKE_DIRECTORY "${LLMCALC_WEB_OUT}")

# Size-optimised release; -sDYNAMIC_EXECUTION=0 keeps eval/new Function out of the glue (strict CSP works).
# The page weight target (issue #5: first visit <= 300 KB gzip) is met with, measured on the app's wasm (gzip -9):
#   -flto (Emscripten ships LTO builds of its libraries)  -10 KB;  -fno-rtti (std::function's type names) and
#   emmalloc instead of dlmalloc                            -6 KB;  -fno-exceptions (the core never throws)  -1.5 KB.
# The core, ImGui and the app use no typeid/dynamic_cast and catch nothing (the wasm build never had exception
# catching); embind (bindings.cpp) needs RTTI, so LLMCALC_WEB_LEAN is not applied to it.
set(LLMCALC_WEB_OPT $<$<CONFIG:Release>:-Oz -flto> $<$<CONFIG:MinSizeRel>:-Oz -flto>)
set(LLMCALC_WEB_LEAN -fno-rtti -fno-exceptions)
set(LLMCALC_WEB_LINK_COMMON ${LLMCALC_WEB_OPT} -sALLOW_MEMORY_GROWTH=1 -sNO_FILESYSTEM=1 -sDYNAMIC_EXECUTION=0
    -sMALLOC=emmalloc)

# The core in the web build: size over speed too (a report is microseconds either way).
target_compile_options(llmcalc_core PRIVATE ${LLMCALC_WEB_OPT} ${LLMCALC_WEB_LEAN})

# ---- JS API ---------------------------------------------------------------------------------------------------------
add_executable(llmcalc_js ${PROJECT_SOURCE_DIR}/src/web/bindings.cpp)
target_link_libraries(llmcalc_js PRIVATE llmcalc::core)
target_compile_options(llmcalc_js PRIVATE ${LLMCALC_WEB_OPT})
target_link_options(llmcalc_js PRIVATE ${LLMCALC_WEB_LINK_COMMON} -lembind -sMODULARIZE=1
                    -sEXPORT_NAME=createLlmcalcCore -sSINGLE_FILE=1 -sENVIRONMENT=web,worker,node)
set_target_properties(llmcalc_js PROPERTIES OUTPUT_NAME llmcalc-core SUFFIX ".js"
                      RUNTIME_OUTPUT_DIRECTORY "${LLMCALC_WEB_OUT}")

# ---- Dear ImGui (third-party: no project warnings) ------------------------------------------------------------------
add_library(llmcalc_imgui STATIC
  ${LLMCALC_IMGUI_DIR}/imgui.cpp ${LLMCALC_IMGUI_DIR}/imgui_draw.cpp ${LLMCALC_IMGUI_DIR}/imgui_tables.cpp
  ${LLMCALC_IMGUI_DIR}/imgui_widgets.cpp ${LLMCALC_IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp
  ${LLMCALC_IMGUI_DIR}/backends/imgui_impl_glfw.cpp)  # the renderer is ours: src/app/render_gl.cpp
target_include_directories(llmcalc_imgui SYSTEM PUBLIC ${LLMCALC_IMGUI_DIR} ${LLMCALC_IMGUI_DIR}/backends
                           ${LLMCALC_IMGUI_DIR}/misc/cpp)
# No imgui.ini / file I/O. No metrics window or debug tools (item picker, ID stack tool): the app opens none of them,
# but NewFrame() would still link the picker and the stack-tool queries.
target_compile_definitions(llmcalc_imgui PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_DISABLE_METRICS_WINDOW)
target_compile_options(llmcalc_imgui PRIVATE ${LLMCALC_WEB_OPT} ${LLMCALC_WEB_LEAN})

# ---- the embedded fonts: DejaVu Sans (Latin, Greek, math) + Droid Sans Fallback cut to the Chinese strings of
#      i18n.cpp, generated into the build tree (never into git) ---------------------------------------------------------
set(LLMCALC_FONT_HEADER "${CMAKE_BINARY_DIR}/generated/app_font.h")
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/generated")
# The Latin subset follows the non-ASCII characters of every string literal in src/app and src/core, so the header
# depends on all of them (only platform_web.cpp includes it; font_cjk.cpp includes app_font_cjk.h).
file(GLOB LLMCALC_FONT_TEXT_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/app/*.[ch]pp
     ${PROJECT_SOURCE_DIR}/src/core/*.[ch]pp)
set(LLMCALC_FONT_CJK_HEADER "${CMAKE_BINARY_DIR}/generated/app_font_cjk.h")
add_custom_command(
  OUTPUT ${LLMCALC_FONT_HEADER} ${LLMCALC_FONT_CJK_HEADER} ${CMAKE_BINARY_DIR}/generated/app_font_cjk.ttf
  COMMAND ${LLMCALC_PYTHON} ${PROJECT_SOURCE_DIR}/src/app/font_embed.py ${LLMCALC_FONT_TTF} ${LLMCALC_FONT_CJK_TTF}
          ${PROJECT_SOURCE_DIR}/src/app/i18n.cpp ${LLMCALC_FONT_HEADER} ${CMAKE_BINARY_DIR}/generated
          ${PROJECT_SOURCE_DIR}/src/app ${PROJECT_SOURCE_DIR}/src/core
  DEPENDS ${PROJECT_SOURCE_DIR}/src/app/font_embed.py ${LLMCALC_FONT_TTF} ${LLMCALC_FONT_CJK_TTF}
          ${LLMCALC_FONT_TEXT_SOURCES}
  COMMENT "Subsetting ${LLMCALC_FONT_TTF} and ${LLMCALC_FONT_CJK_TTF} into app_font.h"
  VERBATIM)
# One target owns the generated fonts; the targets that use them depend on it (with the Makefile generator, two
# targets listing the same custom command output would each run the command, concurrently under -j).
add_custom_target(llmcalc_fonts DEPENDS ${LLMCALC_FONT_HEADER} ${LLMCALC_FONT_CJK_HEADER})
if(LLMCALC_TESTS)
  # Every character of every UI string (app literals, the i18n table, the core's texts) has a glyph in the embedded
  # subsets and lies in the ranges ImGui bakes; every tr("...") literal has a Chinese entry. The second test feeds
  # a character that is in no subset and must fail (the check can fail).
  set(_glyph_check ${LLMCALC_PYTHON} ${PROJECT_SOURCE_DIR}/tools/check_glyphs.py ${CMAKE_BINARY_DIR}/generated
      ${PROJECT_SOURCE_DIR}/src/app ${PROJECT_SOURCE_DIR}/src/core)
  add_test(NAME glyph_coverage COMMAND ${_glyph_check})
  add_test(NAME glyph_coverage_detects_missing COMMAND ${_glyph_check} --extra-codepoint 0x9F98)
  set_tests_properties(glyph_coverage_detects_missing PROPERTIES WILL_FAIL TRUE)
endif()

# ---- the app: objects shared by the served build and the single-file offline page -----------------------------------
file(GLOB LLMCALC_APP_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/app/*.cpp)
list(FILTER LLMCALC_APP_SOURCES EXCLUDE REGEX "/font_cjk\\.cpp$")  # compiled per page, below
list(FILTER LLMCALC_APP_SOURCES EXCLUDE REGEX "/platform_native\\.cpp$")  # the native stubs (app_native.cmake)
# The app's state, string table and results text: also linked into the build-time tool that writes the default
# scenario's answer into index.html (below), so they are objects of their own.
# i18n.cpp is compiled per page (llmcalc_page_sources below): the served page without its Chinese table.
set(LLMCALC_APP_TEXT_SOURCES ${PROJECT_SOURCE_DIR}/src/app/app_state.cpp ${PROJECT_SOURCE_DIR}/src/app/results_text.cpp)
set(LLMCALC_I18N_SOURCE ${PROJECT_SOURCE_DIR}/src/app/i18n.cpp)
list(REMOVE_ITEM LLMCALC_APP_SOURCES ${LLMCALC_APP_TEXT_SOURCES} ${LLMCALC_I18N_SOURCE})
add_library(llmcalc_app_text OBJECT ${LLMCALC_APP_TEXT_SOURCES})
target_link_libraries(llmcalc_app_text PUBLIC llmcalc::core)
target_compile_options(llmcalc_app_text PRIVATE ${LLMCALC_WEB_OPT} ${LLMCALC_WEB_LEAN} -Wall -Wextra)
add_library(llmcalc_app_objs OBJECT ${LLMCALC_APP_SOURCES})
add_dependencies(llmcalc_app_objs llmcalc_fonts)
target_link_libraries(llmcalc_app_objs PUBLIC llmcalc::core llmcalc_imgui)
target_include_directories(llmcalc_app_objs PRIVATE ${CMAKE_BINARY_DIR}/generated ${PROJECT_SOURCE_DIR}/src/app)
target_compile_options(llmcalc_app_objs PRIVATE ${LLMCALC_WEB_OPT} ${LLMCALC_WEB_LEAN} -Wall -Wextra)
include(${PROJECT_SOURCE_DIR}/cmake/shaders.cmake)  # shaders/ -> generated/app_shaders.h

set(LLMCALC_APP_EXPORTS
  "-sEXPORTED_FUNCTIONS=['_main','_llmcalc_platform_hook_json','_malloc','_free']"
  "-sEXPORTED_RUNTIME_METHODS=['UTF8ToString','stringToUTF8','lengthBytesUTF8']")
set(LLMCALC_APP_LINK ${LLMCALC_WEB_LINK_COMMON} -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sENVIRONMENT=web ${LLMCALC_APP_EXPORTS})

# font_cjk.cpp and i18n.cpp are compiled per page: the offline page embeds the full Chinese font subset
# (LLMCALC_EMBED_CJK) and has the Chinese strings compiled in; the served page fetches the font as llmcalc-zh.ttf and
# the strings as llmcalc-zh.json when the UI turns Chinese (src/app/font_cjk.hpp; LLMCALC_ZH_PACK, below).
function(llmcalc_page_sources target)
  target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/app/font_cjk.cpp ${LLMCALC_I18N_SOURCE})
  add_dependencies(${target} llmcalc_fonts)
  set_source_files_properties(${PROJECT_SOURCE_DIR}/src/app/font_cjk.cpp PROPERTIES OBJECT_DEPENDS
                              ${LLMCALC_FONT_CJK_HEADER})
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/generated ${PROJECT_SOURCE_DIR}/src/app)
  target_compile_options(${target} PRIVATE ${LLMCALC_WEB_OPT} ${LLMCALC_WEB_LEAN} -Wall -Wextra)
endfunction()
add_custom_command(
  OUTPUT ${LLMCALC_WEB_OUT}/llmcalc-zh.ttf
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_BINARY_DIR}/generated/app_font_cjk.ttf ${LLMCALC_WEB_OUT}/llmcalc-zh.ttf
  DEPENDS ${CMAKE_BINARY_DIR}/generated/app_font_cjk.ttf
  COMMENT "The Chinese font subset of the served page: web/llmcalc-zh.ttf")

# node runs the build-time tools and terser: the emulator build-wasm.sh configures, else the one on PATH.
set(LLMCALC_NODE "${CMAKE_CROSSCOMPILING_EMULATOR}")
if(NOT LLMCALC_NODE)
  find_program(LLMCALC_NODE node REQUIRED)
endif()

# The served page's Chinese strings (the UI's and the core's messages): dist/llmcalc-zh.json, written from the
# compiled-in tables by tools/zh_pack.cpp (run under node), fetched with llmcalc-zh.ttf (web/boot.js).
add_executable(llmcalc_zh_pack ${PROJECT_SOURCE_DIR}/tools/zh_pack.cpp ${LLMCALC_I18N_SOURCE})
target_link_libraries(llmcalc_zh_pack PRIVATE llmcalc::core)
target_include_directories(llmcalc_zh_pack PRIVATE ${PROJECT_SOURCE_DIR}/src/app)
target_compile_options(llmcalc_zh_pack PRIVATE ${LLMCALC_WEB_OPT} ${LLMCALC_WEB_LEAN} -Wall -Wextra)
target_link_options(llmcalc_zh_pack PRIVATE ${LLMCALC_WEB_OPT} -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sSINGLE_FILE=1)
set_target_properties(llmcalc_zh_pack PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tools")
add_custom_command(
  OUTPUT ${LLMCALC_WEB_OUT}/llmcalc-zh.json
  COMMAND ${CMAKE_COMMAND} -DNODE=${LLMCALC_NODE} -DTOOL=$<TARGET_FILE:llmcalc_zh_pack>
          -DOUT=${LLMCALC_WEB_OUT}/llmcalc-zh.json -P ${PROJECT_SOURCE_DIR}/cmake/run_to_file.cmake
  DEPENDS llmcalc_zh_pack ${PROJECT_SOURCE_DIR}/cmake/run_to_file.cmake
  COMMENT "The Chinese strings of the served page: web/llmcalc-zh.json")

add_executable(llmcalc_app $<TARGET_OBJECTS:llmcalc_app_objs> $<TARGET_OBJECTS:llmcalc_app_text>
               ${LLMCALC_WEB_OUT}/llmcalc-zh.ttf ${LLMCALC_WEB_OUT}/llmcalc-zh.json)
llmcalc_page_sources(llmcalc_app)
# Without the Chinese tables (they come with llmcalc-zh.json): i18n.cpp above, and the core's messages.cpp compiled
# once more for this page; its object defines everything the archive's messages.cpp does, so the linker never takes
# that one (a symbol defined twice would be a link error, not a silent choice).
target_sources(llmcalc_app PRIVATE ${PROJECT_SOURCE_DIR}/src/core/messages.cpp)
target_compile_definitions(llmcalc_app PRIVATE LLMCALC_ZH_PACK)
target_link_libraries(llmcalc_app PRIVATE llmcalc::core llmcalc_imgui)
target_link_options(llmcalc_app PRIVATE ${LLMCALC_APP_LINK})
set_target_properties(llmcalc_app PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${LLMCALC_WEB_OUT}")
# The served page's JS glue, minified in place after each link (tools/minify_js.js: -5 KB of gzip on a first visit).
# terser is Debian's node-terser (build-wasm.sh installs it); node is the emulator build-wasm.sh configures.
execute_process(COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs ${LLMCALC_NODE} -e "require.resolve('terser')"
                RESULT_VARIABLE _llmcalc_terser OUTPUT_QUIET ERROR_QUIET)
if(NOT _llmcalc_terser EQUAL 0)
  message(FATAL_ERROR "terser not found under /usr/share/nodejs: install node-terser (./build-wasm.sh does)")
endif()
add_custom_command(TARGET llmcalc_app POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs ${LLMCALC_NODE}
          ${PROJECT_SOURCE_DIR}/tools/minify_js.js ${LLMCALC_WEB_OUT}/llmcalc_app.js
  COMMENT "Minifying llmcalc_app.js (terser)"
  VERBATIM)

# One shell for both pages. index.html loads app.css, boot.js and llmcalc_app.js as files, so it runs under a strict
# CSP (docs/security.md). The offline page must be one file: its shell (generated below, in the build dir) has the
# style and the boot script inlined and no icon link, and emcc inlines llmcalc_app.js into it.
set(LLMCALC_SHELL "${PROJECT_SOURCE_DIR}/web/shell.html")
set(LLMCALC_SHELL_PARTS "${PROJECT_SOURCE_DIR}/web/app.css" "${PROJECT_SOURCE_DIR}/web/boot.js")
file(READ "${LLMCALC_SHELL}" _llmcalc_shell)
file(READ "${PROJECT_SOURCE_DIR}/web/app.css" _llmcalc_css)
file(READ "${PROJECT_SOURCE_DIR}/web/boot.js" _llmcalc_boot)
set(_llmcalc_offline_shell "${_llmcalc_shell}")
string(REPLACE "<link rel=\"stylesheet\" href=\"app.css\">" "<style>\n${_llmcalc_css}</style>"
       _llmcalc_offline_shell "${_llmcalc_offline_shell}")
string(REPLACE "<script src=\"boot.js\"></script>" "<script>\n${_llmcalc_boot}</script>"
       _llmcalc_offline_shell "${_llmcalc_offline_shell}")
string(REPLACE "<link rel=\"icon\" href=\"icon.svg\" type=\"image/svg+xml\">" ""
       _llmcalc_offline_shell "${_llmcalc_offline_shell}")
set(LLMCALC_OFFLINE_SHELL "${CMAKE_CURRENT_BINARY_DIR}/offline-shell.html")
file(WRITE "${LLMCALC_OFFLINE_SHELL}" "${_llmcalc_offline_shell}")
file(COPY ${LLMCALC_SHELL_PARTS} DESTINATION "${LLMCALC_WEB_OUT}")
add_executable(llmcalc_app_offline $<TARGET_OBJECTS:llmcalc_app_objs> $<TARGET_OBJECTS:llmcalc_app_text>)
llmcalc_page_sources(llmcalc_app_offline)
target_compile_definitions(llmcalc_app_offline PRIVATE LLMCALC_EMBED_CJK)
target_link_libraries(llmcalc_app_offline PRIVATE llmcalc::core llmcalc_imgui)
target_link_options(llmcalc_app_offline PRIVATE ${LLMCALC_APP_LINK} -sSINGLE_FILE=1 -sMINIFY_HTML=0
                    "SHELL:--shell-file ${LLMCALC_OFFLINE_SHELL}")
set_target_properties(llmcalc_app_offline PROPERTIES OUTPUT_NAME llmcalc-offline SUFFIX ".html"
                      RUNTIME_OUTPUT_DIRECTORY "${LLMCALC_WEB_OUT}" LINK_DEPENDS "${LLMCALC_OFFLINE_SHELL}")

set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${LLMCALC_SHELL}" ${LLMCALC_SHELL_PARTS})
# index.html: boot.js adds llmcalc_app.js (its data-app) after the first paint, so the script and the wasm's compile
# (both cores on a small machine) do not delay the numbers already in the page (issue #15).
string(REPLACE "{{{ SCRIPT }}}" "" _llmcalc_index "${_llmcalc_shell}")
string(REPLACE "<script src=\"boot.js\"></script>" "<script src=\"boot.js\" data-app=\"llmcalc_app.js\"></script>"
       _llmcalc_index "${_llmcalc_index}")
# index.html itself is written after each link of llmcalc_app, with the default scenario's answer in it (issue #15:
# numbers before the canvas): cmake/prerender_index.cmake runs llmcalc_prerender_text (the app's results_text() over
# its start-up steps, tools/prerender_results_text.cpp) under node and fills #llmcalc-results-text of this template.
set(LLMCALC_INDEX_TEMPLATE "${CMAKE_CURRENT_BINARY_DIR}/index.in.html")
file(WRITE "${LLMCALC_INDEX_TEMPLATE}.tmp" "${_llmcalc_index}")
configure_file("${LLMCALC_INDEX_TEMPLATE}.tmp" "${LLMCALC_INDEX_TEMPLATE}" COPYONLY)  # rewritten only when it changed (relinks)
add_executable(llmcalc_prerender_text ${PROJECT_SOURCE_DIR}/tools/prerender_results_text.cpp ${LLMCALC_I18N_SOURCE})
target_link_libraries(llmcalc_prerender_text PRIVATE llmcalc_app_text llmcalc::core)
target_include_directories(llmcalc_prerender_text PRIVATE ${PROJECT_SOURCE_DIR}/src/app)
target_compile_options(llmcalc_prerender_text PRIVATE ${LLMCALC_WEB_OPT} ${LLMCALC_WEB_LEAN} -Wall -Wextra)
target_link_options(llmcalc_prerender_text PRIVATE ${LLMCALC_WEB_OPT} -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sSINGLE_FILE=1)
set_target_properties(llmcalc_prerender_text PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tools")
add_dependencies(llmcalc_app llmcalc_prerender_text)
set_property(TARGET llmcalc_app APPEND PROPERTY LINK_DEPENDS "${LLMCALC_INDEX_TEMPLATE}")
add_custom_command(TARGET llmcalc_app POST_BUILD
  COMMAND ${CMAKE_COMMAND} -DNODE=${LLMCALC_NODE} -DTOOL=$<TARGET_FILE:llmcalc_prerender_text>
          -DTEMPLATE=${LLMCALC_INDEX_TEMPLATE} -DOUT=${LLMCALC_WEB_OUT}/index.html
          -P ${PROJECT_SOURCE_DIR}/cmake/prerender_index.cmake
  BYPRODUCTS ${LLMCALC_WEB_OUT}/index.html
  COMMENT "index.html with the default scenario's answer (llmcalc_prerender_text)"
  VERBATIM)

include(${PROJECT_SOURCE_DIR}/cmake/pwa.cmake)  # sw.js, manifest.webmanifest, icon.svg (offline after one visit)
