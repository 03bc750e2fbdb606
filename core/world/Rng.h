#pragma once
// The generated world's random numbers: one generator per sample, seeded from (seed, index),
// so a sample does not depend on which thread made it or in which order.

#include <cmath>
#include <cstdint>
#include <random>

namespace ms {

inline std::uint64_t splitMix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t index) : m_engine(splitMix64(seed ^ splitMix64(index + 0x1234567))) {}

    // Uniform in [0, 1), from 53 bits (does not depend on the library's distributions).
    double unit() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
    int below(int n) { return static_cast<int>(unit() * n); }  // 0 .. n-1
    bool chance(double p) { return unit() < p; }
    double normal() {  // Box–Muller: deterministic across standard libraries
        const double u = 1.0 - unit(), v = unit();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }
    std::uint64_t bits() { return m_engine(); }

private:
    std::mt19937_64 m_engine;
};

}  // namespace ms
