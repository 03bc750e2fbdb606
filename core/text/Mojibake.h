#pragma once
// Repair of mojibake: UTF-8 text that was decoded as Latin-1 or Windows-1252 ("cafÃ©",
// "doesnâ€™t"), possibly several times over. This is the general rule ftfy's fix_encoding
// applies for these code pages, with a simpler heuristic for deciding that text is broken.

#include <string>
#include <string_view>

namespace ms::text {

// True when the text holds a character pair typical of UTF-8 read as a single-byte code page:
// a character standing for a UTF-8 lead byte (Â..ô) directly followed by one standing for a
// continuation byte that ordinary text would not put after a letter (currency, ©, ±, ¼,
// Windows-1252's symbols...). Punctuation that follows words naturally (… ’ – — · ´ NBSP SHY)
// does not count, so "Brontë…" is not flagged.
bool looksLikeMojibake(std::u32string_view text);

// One round of repair; returns the text unchanged when nothing applies. Tries, in order: the
// whole text re-read as UTF-8 through Latin-1, then through Windows-1252 (kept only when that
// gives valid UTF-8 of plausible characters); each broken cluster
// repaired on its own (text mixing mojibake with characters outside the code page); C1
// controls read as Windows-1252.
std::u32string fixEncodingOnce(std::u32string_view text);

// fixEncodingOnce repeated until nothing changes (multiply-encoded text).
std::u32string fixEncoding(std::u32string_view text);

// C1 controls (U+0080-U+009F) replaced by the Windows-1252 characters of the same byte.
std::u32string fixC1Controls(std::u32string_view text);

}  // namespace ms::text
