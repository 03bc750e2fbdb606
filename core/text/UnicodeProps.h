#pragma once
// The few Unicode properties the CLIP text pipeline needs, with the semantics of the Python
// reference: `regex`'s \p{L}, \p{N} and \s, Python's str.isspace() and str.lower(), and the
// NFC/NFKC normalisations. Character data comes from QtCore (Unicode 14.0 in Qt 6.4, the same
// version as the reference's Python 3.11; its `regex` module used Unicode 15.0, so a letter or
// digit first assigned in 15.0 counts as unassigned here).

#include <string>
#include <string_view>

namespace ms::text {

bool isLetter(char32_t c);      // general category L*
bool isNumber(char32_t c);      // general category N*
bool isRegexSpace(char32_t c);  // the White_Space property (`regex`'s \s)
bool isPySpace(char32_t c);     // Python's str.isspace(): White_Space plus U+001C..U+001F

// Python's str.lower(): simple lowercase mappings plus the unconditional special casing of
// U+0130 and the context-dependent final sigma.
std::u32string pyLower(std::u32string_view text);
std::u32string pyUpper(std::u32string_view text);

std::u32string normalizeNfc(std::u32string_view text);
std::u32string normalizeNfkc(std::u32string_view text);

// The character's own decomposition mapping (one level, canonical or compatibility), or the
// character itself when it has none.
std::u32string decompositionOf(char32_t c);

}  // namespace ms::text
