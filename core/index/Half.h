#pragma once
// IEEE 754 binary16 ("float16") as the index stores scores, and the sort key that orders
// binary16 bit patterns like the values they stand for. Written out here rather than taken
// from LibTorch so that storage and queries stay torch-free and bit-exact everywhere.

#include <cstdint>
#include <cstring>

namespace ms::half {

// Round-to-nearest-even float → binary16. Overflow gives ±infinity, NaN stays NaN, and −0
// becomes +0 so that equal scores are equal bit patterns (ties are then broken by path).
inline uint16_t fromFloat(float value) {
    uint32_t f;
    std::memcpy(&f, &value, 4);
    const uint32_t sign = (f >> 16) & 0x8000u;
    const uint32_t absf = f & 0x7fffffffu;
    if (absf == 0) return 0;
    if (absf >= 0x7f800000u) return static_cast<uint16_t>(sign | (absf > 0x7f800000u ? 0x7e00u : 0x7c00u));
    if (absf >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // rounds to ≥ 65520
    if (absf < 0x38800000u) {  // below the smallest normal half: a subnormal or zero
        if (absf <= 0x33000000u) return 0;  // at most 2^−25: rounds (to even) to zero
        // value = M · 2^(e − 150) with M the 24-bit significand; in subnormal half units
        // (2^−24) that is M >> (126 − e), rounded to nearest even.
        const uint32_t mant = (absf & 0x007fffffu) | 0x00800000u;
        const int shift = 126 - static_cast<int>(absf >> 23);
        uint32_t h = mant >> shift;
        const uint32_t rem = mant & ((1u << shift) - 1u);
        const uint32_t halfway = 1u << (shift - 1);
        if (rem > halfway || (rem == halfway && (h & 1u))) ++h;
        return static_cast<uint16_t>(sign | h);
    }
    uint32_t h = ((absf >> 13) - (112u << 10));  // rebias exponent 127 → 15
    const uint32_t rem = absf & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) ++h;
    return static_cast<uint16_t>(sign | h);
}

inline float toFloat(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    uint32_t f;
    if (exp == 0x1f) {
        f = sign | 0x7f800000u | (mant << 13);
    } else if (exp != 0) {
        f = sign | ((exp + 112u) << 23) | (mant << 13);
    } else if (mant == 0) {
        f = sign;
    } else {  // subnormal: normalise
        int e = -1;
        do {
            mant <<= 1;
            ++e;
        } while ((mant & 0x400u) == 0);
        f = sign | ((112u - static_cast<uint32_t>(e)) << 23) | ((mant & 0x3ffu) << 13);
    }
    float out;
    std::memcpy(&out, &f, 4);
    return out;
}

// A 16-bit key whose unsigned order is the numeric order of the halves (negative values
// below positive ones, −infinity lowest). NaNs sort above +infinity.
inline uint16_t sortKey(uint16_t h) {
    return static_cast<uint16_t>((h & 0x8000u) ? ~h : (h | 0x8000u));
}
inline uint16_t fromSortKey(uint16_t key) {
    return static_cast<uint16_t>((key & 0x8000u) ? (key & 0x7fffu) : ~key);
}

}  // namespace ms::half
