#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "i18n.hpp"

namespace fmt_ui {
namespace {

bool g_binary = false;

struct Unit {
    double scale;
    const char* suffix;
};

// IEC 80000-13 binary prefixes: Ki = 2^10 ... Pi = 2^50. bytes() starts at Ti (kBinary + 1), the charts' axes at Pi.
const Unit kBinary[] = {{1125899906842624.0, "Pi"}, {1099511627776.0, "Ti"}, {1073741824.0, "Gi"},
                        {1048576.0, "Mi"},          {1024.0, "Ki"},          {1, ""}};
constexpr int kBinaryCount = sizeof kBinary / sizeof kBinary[0];

std::string scaled(double v, const Unit* units, int n, const char* unit_suffix) {
    if (!std::isfinite(v)) return "-";
    const double a = std::fabs(v);
    for (int i = 0; i < n; ++i) {
        if (a >= units[i].scale || i == n - 1) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%s %s%s", number(v / units[i].scale).c_str(), units[i].suffix, unit_suffix);
            return buf;
        }
    }
    return "-";
}

}  // namespace

std::string number(double v, int significant) {
    if (!std::isfinite(v)) return "-";
    if (v == 0) return "0";
    // fixed notation with `significant` digits, capped at 2 decimals for readability above 1
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    int decimals = std::max(0, significant - 1 - magnitude);
    if (magnitude >= 0 && decimals > 2) decimals = 2;
    if (decimals > 6) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.*e", significant - 1, v);
        return buf;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    // thousands separators in the whole part (85648 tokens/s reads as 85,648; issue #11)
    std::string out = buf;
    const size_t start = out[0] == '-' ? 1 : 0;
    const size_t dot = std::min(out.find('.'), out.size());
    for (size_t k = dot; k > start + 3; k -= 3) out.insert(k - 3, ",");
    return out;
}

std::string with_commas(int64_t v) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    int n = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (n > 0 && n % 3 == 0) out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
        ++n;
    }
    return v < 0 ? "-" + out : out;
}

std::string count(double v) {
    static const Unit units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}, {1, ""}};
    return scaled(v, units, 5, "");
}

std::string bytes(double v) {
    static const Unit decimal[] = {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "K"}, {1, ""}};
    return g_binary ? scaled(v, kBinary + 1, kBinaryCount - 1, "B") : scaled(v, decimal, 5, "B");
}

void set_binary_units(bool binary) { g_binary = binary; }
const char* bytes_unit() { return g_binary ? "GiB" : "GB"; }
bool binary_units() { return g_binary; }

BinaryPrefix binary_prefix(double max_abs) {
    for (const Unit& u : kBinary)
        if (max_abs >= u.scale) return {u.scale, u.suffix};
    return {1, ""};
}

std::string flops(double v) {
    static const Unit units[] = {{1e24, "Y"}, {1e21, "Z"}, {1e18, "E"}, {1e15, "P"}, {1e12, "T"},
                                 {1e9, "G"},  {1e6, "M"},  {1e3, "k"},  {1, ""}};
    return scaled(v, units, 9, "FLOP");
}

std::string seconds(double v) {
    if (!std::isfinite(v)) return "-";
    const double a = std::fabs(v);
    if (a == 0) return "0 s";
    if (a < 1e-3) return number(v * 1e6) + " µs";
    if (a < 1) return number(v * 1e3) + " ms";
    if (a < 120) return number(v) + " s";
    if (a < 7200) return number(v / 60) + " " + ui::tr("min");
    if (a < 2 * 86400) return number(v / 3600) + " " + ui::tr("h");
    if (a < 2 * 365.25 * 86400) return number(v / 86400) + " " + ui::tr("days");
    return number(v / (365.25 * 86400)) + " " + ui::tr("years");
}

}  // namespace fmt_ui
