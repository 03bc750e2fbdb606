#pragma once
// The text fixing the CLIP reference runs first on every caption (ftfy.fix_text with its
// default settings), re-implemented from its general rules: HTML entities (when the line has
// no '<'), mojibake repair, C1 controls as Windows-1252, Latin ligatures and digraphs split,
// full-width/half-width forms folded, curly quotes straightened, line breaks unified,
// terminal escapes and invisible control characters removed, NFC composition. Each line is
// fixed on its own, and the fixes repeat until the line no longer changes.

#include <string>
#include <string_view>

namespace ms::text {

std::u32string fixText(std::u32string_view text);

// The single fixes, exposed for tests.
std::u32string fixLatinLigatures(std::u32string_view text);
std::u32string fixCharacterWidth(std::u32string_view text);
std::u32string uncurlQuotes(std::u32string_view text);
std::u32string fixLineBreaks(std::u32string_view text);
std::u32string removeTerminalEscapes(std::u32string_view text);
std::u32string removeControlChars(std::u32string_view text);

}  // namespace ms::text
