#pragma once
// UTF-8 <-> code point conversion for the text pipeline. The tokenizer works on code points
// (as Python's str does), so every string from the outside is decoded once here; malformed
// bytes never throw but become U+FFFD, one per maximal ill-formed subpart (Python's
// errors="replace" policy), so that any byte string can be tokenized.

#include <string>
#include <string_view>

namespace ms::text {

std::u32string decodeUtf8(std::string_view bytes);

void appendUtf8(std::string& out, char32_t codePoint);
std::string encodeUtf8(std::u32string_view text);

// Strict validity (no overlongs, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view bytes);

}  // namespace ms::text
