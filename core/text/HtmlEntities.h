#pragma once
// Decoding of HTML character references, twice over: as Python's html.unescape() does it (the
// CLIP reference applies it twice to every caption), and as ftfy does it (only references that
// end in ';', plus all-capital spellings such as &EACUTE;), which the text fixer uses.

#include <string>
#include <string_view>

namespace ms::text {

// Python's html.unescape(): numeric references with or without ';' (with HTML5's
// replacements for invalid values), named references with ';', the legacy names also without
// it and as the longest prefix of a longer name ("&notit;" -> "¬it;").
std::u32string htmlUnescape(std::u32string_view text);

// ftfy's unescape_html(): only "&name;" and "&#...;" forms are decoded.
std::u32string htmlUnescapeTerminated(std::u32string_view text);

}  // namespace ms::text
