// Test hooks: the app state that window.llmcalcApp reads (see app_hooks.cpp).
#pragma once

#include "app_state.hpp"

void hooks_attach(const AppState* s);
