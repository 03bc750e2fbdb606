#include "text/HtmlEntities.h"

#include "text/CodePage1252.h"
#include "text/UnicodeProps.h"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace ms::text {
namespace {

struct Entity {
    const char* name;
    char32_t value;
};

// The character entity references of HTML 4.01 (ISO 8859-1, symbols and Greek, special
// characters) with the values HTML5 gives them, plus HTML5's &apos; and its upper-case
// spellings of the legacy names. Sorted by name (byte order). Other HTML5-only names (such as
// &checkmark;) are left undecoded.
constexpr Entity kEntities[] = {
    {"AElig", 0xC6}, {"AMP", 0x26}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0},
    {"Alpha", 0x391}, {"Aring", 0xC5}, {"Atilde", 0xC3}, {"Auml", 0xC4}, {"Beta", 0x392},
    {"COPY", 0xA9}, {"Ccedil", 0xC7}, {"Chi", 0x3A7}, {"Dagger", 0x2021}, {"Delta", 0x394},
    {"ETH", 0xD0}, {"Eacute", 0xC9}, {"Ecirc", 0xCA}, {"Egrave", 0xC8}, {"Epsilon", 0x395},
    {"Eta", 0x397}, {"Euml", 0xCB}, {"GT", 0x3E}, {"Gamma", 0x393}, {"Iacute", 0xCD},
    {"Icirc", 0xCE}, {"Igrave", 0xCC}, {"Iota", 0x399}, {"Iuml", 0xCF}, {"Kappa", 0x39A},
    {"LT", 0x3C}, {"Lambda", 0x39B}, {"Mu", 0x39C}, {"Ntilde", 0xD1}, {"Nu", 0x39D},
    {"OElig", 0x152}, {"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2}, {"Omega", 0x3A9},
    {"Omicron", 0x39F}, {"Oslash", 0xD8}, {"Otilde", 0xD5}, {"Ouml", 0xD6}, {"Phi", 0x3A6},
    {"Pi", 0x3A0}, {"Prime", 0x2033}, {"Psi", 0x3A8}, {"QUOT", 0x22}, {"REG", 0xAE},
    {"Rho", 0x3A1}, {"Scaron", 0x160}, {"Sigma", 0x3A3}, {"THORN", 0xDE}, {"Tau", 0x3A4},
    {"Theta", 0x398}, {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Ugrave", 0xD9}, {"Upsilon", 0x3A5},
    {"Uuml", 0xDC}, {"Xi", 0x39E}, {"Yacute", 0xDD}, {"Yuml", 0x178}, {"Zeta", 0x396},
    {"aacute", 0xE1}, {"acirc", 0xE2}, {"acute", 0xB4}, {"aelig", 0xE6}, {"agrave", 0xE0},
    {"alefsym", 0x2135}, {"alpha", 0x3B1}, {"amp", 0x26}, {"and", 0x2227}, {"ang", 0x2220},
    {"apos", 0x27}, {"aring", 0xE5}, {"asymp", 0x2248}, {"atilde", 0xE3}, {"auml", 0xE4},
    {"bdquo", 0x201E}, {"beta", 0x3B2}, {"brvbar", 0xA6}, {"bull", 0x2022}, {"cap", 0x2229},
    {"ccedil", 0xE7}, {"cedil", 0xB8}, {"cent", 0xA2}, {"chi", 0x3C7}, {"circ", 0x2C6},
    {"clubs", 0x2663}, {"cong", 0x2245}, {"copy", 0xA9}, {"crarr", 0x21B5}, {"cup", 0x222A},
    {"curren", 0xA4}, {"dArr", 0x21D3}, {"dagger", 0x2020}, {"darr", 0x2193}, {"deg", 0xB0},
    {"delta", 0x3B4}, {"diams", 0x2666}, {"divide", 0xF7}, {"eacute", 0xE9}, {"ecirc", 0xEA},
    {"egrave", 0xE8}, {"empty", 0x2205}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"epsilon", 0x3B5},
    {"equiv", 0x2261}, {"eta", 0x3B7}, {"eth", 0xF0}, {"euml", 0xEB}, {"euro", 0x20AC},
    {"exist", 0x2203}, {"fnof", 0x192}, {"forall", 0x2200}, {"frac12", 0xBD}, {"frac14", 0xBC},
    {"frac34", 0xBE}, {"frasl", 0x2044}, {"gamma", 0x3B3}, {"ge", 0x2265}, {"gt", 0x3E},
    {"hArr", 0x21D4}, {"harr", 0x2194}, {"hearts", 0x2665}, {"hellip", 0x2026}, {"iacute", 0xED},
    {"icirc", 0xEE}, {"iexcl", 0xA1}, {"igrave", 0xEC}, {"image", 0x2111}, {"infin", 0x221E},
    {"int", 0x222B}, {"iota", 0x3B9}, {"iquest", 0xBF}, {"isin", 0x2208}, {"iuml", 0xEF},
    {"kappa", 0x3BA}, {"lArr", 0x21D0}, {"lambda", 0x3BB}, {"lang", 0x27E8}, {"laquo", 0xAB},
    {"larr", 0x2190}, {"lceil", 0x2308}, {"ldquo", 0x201C}, {"le", 0x2264}, {"lfloor", 0x230A},
    {"lowast", 0x2217}, {"loz", 0x25CA}, {"lrm", 0x200E}, {"lsaquo", 0x2039}, {"lsquo", 0x2018},
    {"lt", 0x3C}, {"macr", 0xAF}, {"mdash", 0x2014}, {"micro", 0xB5}, {"middot", 0xB7},
    {"minus", 0x2212}, {"mu", 0x3BC}, {"nabla", 0x2207}, {"nbsp", 0xA0}, {"ndash", 0x2013},
    {"ne", 0x2260}, {"ni", 0x220B}, {"not", 0xAC}, {"notin", 0x2209}, {"nsub", 0x2284},
    {"ntilde", 0xF1}, {"nu", 0x3BD}, {"oacute", 0xF3}, {"ocirc", 0xF4}, {"oelig", 0x153},
    {"ograve", 0xF2}, {"oline", 0x203E}, {"omega", 0x3C9}, {"omicron", 0x3BF}, {"oplus", 0x2295},
    {"or", 0x2228}, {"ordf", 0xAA}, {"ordm", 0xBA}, {"oslash", 0xF8}, {"otilde", 0xF5},
    {"otimes", 0x2297}, {"ouml", 0xF6}, {"para", 0xB6}, {"part", 0x2202}, {"permil", 0x2030},
    {"perp", 0x22A5}, {"phi", 0x3C6}, {"pi", 0x3C0}, {"piv", 0x3D6}, {"plusmn", 0xB1},
    {"pound", 0xA3}, {"prime", 0x2032}, {"prod", 0x220F}, {"prop", 0x221D}, {"psi", 0x3C8},
    {"quot", 0x22}, {"rArr", 0x21D2}, {"radic", 0x221A}, {"rang", 0x27E9}, {"raquo", 0xBB},
    {"rarr", 0x2192}, {"rceil", 0x2309}, {"rdquo", 0x201D}, {"real", 0x211C}, {"reg", 0xAE},
    {"rfloor", 0x230B}, {"rho", 0x3C1}, {"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"scaron", 0x161}, {"sdot", 0x22C5}, {"sect", 0xA7}, {"shy", 0xAD},
    {"sigma", 0x3C3}, {"sigmaf", 0x3C2}, {"sim", 0x223C}, {"spades", 0x2660}, {"sub", 0x2282},
    {"sube", 0x2286}, {"sum", 0x2211}, {"sup", 0x2283}, {"sup1", 0xB9}, {"sup2", 0xB2},
    {"sup3", 0xB3}, {"supe", 0x2287}, {"szlig", 0xDF}, {"tau", 0x3C4}, {"there4", 0x2234},
    {"theta", 0x3B8}, {"thetasym", 0x3D1}, {"thinsp", 0x2009}, {"thorn", 0xFE}, {"tilde", 0x2DC},
    {"times", 0xD7}, {"trade", 0x2122}, {"uArr", 0x21D1}, {"uacute", 0xFA}, {"uarr", 0x2191},
    {"ucirc", 0xFB}, {"ugrave", 0xF9}, {"uml", 0xA8}, {"upsih", 0x3D2}, {"upsilon", 0x3C5},
    {"uuml", 0xFC}, {"weierp", 0x2118}, {"xi", 0x3BE}, {"yacute", 0xFD}, {"yen", 0xA5},
    {"yuml", 0xFF}, {"zeta", 0x3B6}, {"zwj", 0x200D}, {"zwnj", 0x200C},
};

const Entity* findEntity(std::string_view name) {
    const auto* begin = std::begin(kEntities);
    const auto* end = std::end(kEntities);
    const auto* it = std::lower_bound(begin, end, name, [](const Entity& e, std::string_view n) {
        return std::string_view(e.name) < n;
    });
    return it != end && std::string_view(it->name) == name ? it : nullptr;
}

// HTML5 keeps the entities of HTML 2/3.2 decodable without their semicolon: those of the
// Latin-1 characters and the four markup characters (&amp &lt &gt &quot, any spelling).
bool isLegacy(const Entity& e) {
    return (e.value >= 0xA0 && e.value <= 0xFF) || e.value == U'&' || e.value == U'<' ||
           e.value == U'>' || e.value == U'"';
}

bool isAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool isHexDigit(char32_t c) {
    return isAsciiDigit(c) || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}
int hexValue(char32_t c) {
    if (isAsciiDigit(c)) return static_cast<int>(c - U'0');
    return static_cast<int>((c | 0x20) - U'a' + 10);
}

// ASCII text of a code point range, or false when it holds anything else.
bool asciiName(std::u32string_view s, std::string& out) {
    out.clear();
    for (char32_t c : s) {
        if (c >= 0x80) return false;
        out.push_back(static_cast<char>(c));
    }
    return true;
}

// The rules of Python's html.unescape for a numeric reference: HTML5's replacements for the
// C1 range, NUL and CR; U+FFFD for surrogates and values past U+10FFFF; nothing for other
// control characters and noncharacters.
void appendNumericReference(std::u32string& out, char32_t value) {
    if (value == 0) {
        out.push_back(0xFFFD);
    } else if (value == 0x0D) {
        out.push_back(0x0D);
    } else if (value >= 0x80 && value <= 0x9F) {
        out.push_back(windows1252ToUnicode(static_cast<unsigned char>(value)));
    } else if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
        out.push_back(0xFFFD);
    } else if ((value >= 0x01 && value <= 0x08) || value == 0x0B ||
               (value >= 0x0E && value <= 0x1F) || value == 0x7F ||
               (value >= 0xFDD0 && value <= 0xFDEF) || (value & 0xFFFE) == 0xFFFE) {
        // dropped
    } else {
        out.push_back(value);
    }
}

// Parses the digits of a numeric reference starting at `i`; returns the index past them (== i
// when there is none). Values saturate just past U+10FFFF.
std::size_t parseNumber(std::u32string_view text, std::size_t i, bool hex, char32_t& value) {
    value = 0;
    std::size_t j = i;
    while (j < text.size() && (hex ? isHexDigit(text[j]) : isAsciiDigit(text[j]))) {
        const char32_t digit = static_cast<char32_t>(hex ? hexValue(text[j]) : text[j] - U'0');
        value = std::min<char32_t>(value * (hex ? 16 : 10) + digit, 0x110000);
        ++j;
    }
    return j;
}

// A numeric reference at text[i] == '&', text[i+1] == '#'. Returns the index past it, or i
// when the text there is not one. Decimal digits are tried first, as the reference's regex does.
std::size_t numericReference(std::u32string_view text, std::size_t i, char32_t& value) {
    std::size_t start = i + 2;
    bool hex = false;
    if (start < text.size() && !isAsciiDigit(text[start]) && (text[start] | 0x20) == U'x') {
        hex = true;
        ++start;
    }
    const std::size_t end = parseNumber(text, start, hex, value);
    if (end == start) return i;
    return end < text.size() && text[end] == U';' ? end + 1 : end;
}

bool isNameChar(char32_t c) {
    return c != U'\t' && c != U'\n' && c != U'\f' && c != U' ' && c != U'<' && c != U'&' &&
           c != U'#' && c != U';';
}

// Python's rule for a named reference `s` (up to 32 name characters, then an optional ';'):
// the whole of it when it is a known name (without ';' only a legacy one), else the longest
// legacy name that prefixes it, the rest kept as text; else nothing is decoded.
void appendNamedReference(std::u32string& out, std::u32string_view s) {
    std::string name;
    const bool terminated = !s.empty() && s.back() == U';';
    const std::u32string_view bare = terminated ? s.substr(0, s.size() - 1) : s;
    if (asciiName(bare, name)) {
        if (const Entity* e = findEntity(name); e && (terminated || isLegacy(*e))) {
            out.push_back(e->value);
            return;
        }
    }
    for (std::size_t len = s.size() - 1; len >= 2; --len) {
        if (!asciiName(s.substr(0, len), name)) continue;
        if (const Entity* e = findEntity(name); e && isLegacy(*e)) {
            out.push_back(e->value);
            out.append(s.substr(len));
            return;
        }
    }
    out.push_back(U'&');
    out.append(s);
}

// ftfy's decoding of an upper-cased name such as &EACUTE;: the lower-case entity's character,
// upper-cased, provided the upper-case spelling means nothing else to html.unescape.
bool appendUpperCasedEntity(std::u32string& out, const std::string& name) {
    std::string lower = name;
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (lower == name) return false;
    for (char c : name)
        if (c >= 'a' && c <= 'z') return false;  // only all-capital spellings
    const Entity* e = findEntity(lower);
    if (!e) return false;
    std::u32string spelled = U"&";
    spelled.append(name.begin(), name.end());
    spelled.push_back(U';');
    if (htmlUnescape(spelled) != spelled) return false;
    out.append(pyUpper(std::u32string(1, e->value)));
    return true;
}

bool isAsciiAlnum(char32_t c) {
    return isAsciiDigit(c) || ((c | 0x20) >= U'a' && (c | 0x20) <= U'z');
}

}  // namespace

std::u32string htmlUnescape(std::u32string_view text) {
    if (text.find(U'&') == std::u32string_view::npos) return std::u32string(text);
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != U'&') {
            out.push_back(text[i++]);
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == U'#') {
            char32_t value = 0;
            const std::size_t end = numericReference(text, i, value);
            if (end == i) {
                out.push_back(text[i++]);
            } else {
                appendNumericReference(out, value);
                i = end;
            }
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() && end - (i + 1) < 32 && isNameChar(text[end])) ++end;
        if (end == i + 1) {
            out.push_back(text[i++]);
            continue;
        }
        if (end < text.size() && text[end] == U';') ++end;
        appendNamedReference(out, text.substr(i + 1, end - i - 1));
        i = end;
    }
    return out;
}

std::u32string htmlUnescapeTerminated(std::u32string_view text) {
    if (text.find(U'&') == std::u32string_view::npos) return std::u32string(text);
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != U'&') {
            out.push_back(text[i++]);
            continue;
        }
        // &#?[0-9A-Za-z]{1,24};
        const bool numeric = i + 1 < text.size() && text[i + 1] == U'#';
        const std::size_t start = i + (numeric ? 2 : 1);
        std::size_t end = start;
        while (end < text.size() && isAsciiAlnum(text[end])) ++end;
        const std::size_t len = end - start;
        if (len == 0 || len > 24 || end >= text.size() || text[end] != U';') {
            out.push_back(text[i++]);
            continue;
        }
        const std::u32string_view ref = text.substr(i, end + 1 - i);
        if (numeric) {
            const std::u32string decoded = htmlUnescape(ref);
            out.append(decoded.find(U';') == std::u32string::npos ? std::u32string_view(decoded)
                                                                  : ref);
        } else {
            std::string name;
            asciiName(text.substr(start, len), name);
            if (const Entity* e = findEntity(name)) {
                out.push_back(e->value);
            } else if (!appendUpperCasedEntity(out, name)) {
                out.append(ref);
            }
        }
        i = end + 1;
    }
    return out;
}

}  // namespace ms::text
