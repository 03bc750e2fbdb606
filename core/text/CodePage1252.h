#pragma once
// Windows code page 1252 in its "sloppy" form (the five bytes the code page leaves undefined
// stand for the C1 controls of the same value, as Web browsers and HTML5 treat them). Used to
// map C1 controls to what they were meant to be and to undo UTF-8 read as Windows-1252.

namespace ms::text {

// The character byte `b` stands for: Latin-1 for 0x00-0x7F and 0xA0-0xFF.
char32_t windows1252ToUnicode(unsigned char b);

// The byte that encodes `c`, or -1 when the code page has no byte for it.
int unicodeToWindows1252(char32_t c);

}  // namespace ms::text
