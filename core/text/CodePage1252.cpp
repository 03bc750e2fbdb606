#include "text/CodePage1252.h"

namespace ms::text {
namespace {

// Bytes 0x80-0x9F; zero marks the five undefined positions (kept as C1 controls).
constexpr char32_t kHighControls[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

}  // namespace

char32_t windows1252ToUnicode(unsigned char b) {
    if (b < 0x80 || b >= 0xA0) return b;
    const char32_t mapped = kHighControls[b - 0x80];
    return mapped != 0 ? mapped : b;
}

int unicodeToWindows1252(char32_t c) {
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) return static_cast<int>(c);
    if (c >= 0x80 && c < 0xA0) return kHighControls[c - 0x80] == 0 ? static_cast<int>(c) : -1;
    for (int i = 0; i < 32; ++i)
        if (kHighControls[i] == c) return 0x80 + i;
    return -1;
}

}  // namespace ms::text
