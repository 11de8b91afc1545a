// The catalogs the key table validates against: model presets, number formats, accelerators, optimizers.
#pragma once

#include "formats.hpp"
#include "hardware.hpp"
#include "optimizers.hpp"
#include "presets.hpp"
