// The tests' one seeded random generator (SplitMix64, Steele, Lea & Flood 2014): the same sequence on every
// platform, so a generated case that fails reproduces from its seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace test_util {

struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // uniform-ish in [lo, hi] (modulo bias is irrelevant for test generation)
    int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1)); }
    size_t below(size_t n) { return static_cast<size_t>(next() % n); }
    bool coin() { return next() & 1; }
    template <class T> T pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

}  // namespace test_util
