// Human-readable numbers for the UI. Bytes in decimal units by default (1 GB = 1e9 bytes, as GPU datasheets use), or
// binary ones (1 GiB = 2^30 bytes, as nvidia-smi and PyTorch report) after set_binary_units(true).
#pragma once

#include <cstdint>
#include <string>

namespace fmt_ui {

std::string with_commas(int64_t v);               // 8030261248 -> "8,030,261,248"
std::string count(double v);                      // 8.03e9 -> "8.03 B" (thousand, million, billion, trillion)
std::string bytes(double v);                      // 1.6e10 -> "16.06 GB" (or "14.9 GiB")
void set_binary_units(bool binary);               // the header's GB / GiB switch
const char* bytes_unit();                         // "GB" or "GiB" (table headers)
bool binary_units();                              // true after set_binary_units(true)
// The IEC 80000-13 binary prefix for an axis whose largest value is max_abs: {1024^k, "Ki".."Pi"} ({1, ""} below 1 KiB).
struct BinaryPrefix {
    double scale;
    const char* prefix;
};
BinaryPrefix binary_prefix(double max_abs);
std::string flops(double v);                      // 1.6e10 -> "16.06 GFLOP"
std::string seconds(double v);                    // 0.0123 -> "12.3 ms", 90000 -> "1.04 days"
std::string number(double v, int significant = 3);

}  // namespace fmt_ui
