// Dear ImGui configuration of the native UI smoke test (tests/app/ui_smoke_test.cpp, cmake/app_native.cmake): an
// IM_ASSERT that fails throws, so the test reports the broken expression instead of aborting, and the test-engine
// hooks are on, so the test sees every item ImGui lays out (its rectangle, label and open/checked state).
#pragma once

[[noreturn]] void llmcalc_smoke_imgui_assert(const char* expr, const char* file, int line);
#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : llmcalc_smoke_imgui_assert(#_EXPR, __FILE__, __LINE__))
#define IMGUI_ENABLE_TEST_ENGINE
