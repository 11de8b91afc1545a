// Test hooks: registers every JSON hook of window.llmcalcApp over the app's state (see app_hooks.cpp).
#pragma once

#include "app_state.hpp"

void hooks_attach(const AppState& s);
