#include "text/TextFixer.h"

#include "text/HtmlEntities.h"
#include "text/Mojibake.h"
#include "text/UnicodeProps.h"

#include <QChar>

namespace ms::text {
namespace {

// Latin ligatures and the digraphs that exist only for legacy encodings: Ĳ ĳ, ŉ, the Ǆ..ǌ and
// Ǳ..ǳ digraphs, and the ﬀ..ﬆ presentation forms. (Ligatures of other scripts are kept.)
bool isLatinLigature(char32_t c) {
    return c == 0x0132 || c == 0x0133 || c == 0x0149 || (c >= 0x01C4 && c <= 0x01CC) ||
           (c >= 0x01F1 && c <= 0x01F3) || (c >= 0xFB00 && c <= 0xFB06);
}

bool isAsciiOnly(std::u32string_view text) {
    for (char32_t c : text)
        if (c >= 0x80) return false;
    return true;
}

std::u32string fixSegment(std::u32string_view segment, bool unescapeHtml) {
    std::u32string text(segment);
    // The fixes feed each other (an entity may reveal mojibake and vice versa); a fixed
    // point is reached within a few rounds, the bound only guards against surprises.
    for (int round = 0; round < 16; ++round) {
        const std::u32string before = text;
        if (unescapeHtml) text = htmlUnescapeTerminated(text);
        text = fixEncoding(text);
        text = fixC1Controls(text);
        text = fixLatinLigatures(text);
        text = fixCharacterWidth(text);
        text = uncurlQuotes(text);
        text = fixLineBreaks(text);
        text = removeTerminalEscapes(text);
        text = removeControlChars(text);
        text = normalizeNfc(text);
        if (text == before) break;
    }
    return text;
}

}  // namespace

std::u32string fixLatinLigatures(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (isLatinLigature(c))
            out.append(decompositionOf(c));  // one level: ﬅ -> ſt, not st
        else
            out.push_back(c);
    }
    return out;
}

std::u32string fixCharacterWidth(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c == 0x3000) {
            out.push_back(U' ');  // the ideographic space is the full-width space
        } else if (c >= 0xFF01 && c <= 0xFFEF) {
            out.append(normalizeNfkc(std::u32string(1, c)));
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::u32string uncurlQuotes(std::u32string_view text) {
    std::u32string out(text);
    for (char32_t& c : out) {
        if (c == 0x02BC || (c >= 0x2018 && c <= 0x201B))
            c = U'\'';
        else if (c >= 0x201C && c <= 0x201F)
            c = U'"';
    }
    return out;
}

std::u32string fixLineBreaks(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == U'\r') {
            out.push_back(U'\n');
            if (i + 1 < text.size() && text[i + 1] == U'\n') ++i;
        } else if (c == 0x2028 || c == 0x2029 || c == 0x85) {
            out.push_back(U'\n');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// ESC '[' (digits | ';')* letter — "ANSI" colour and cursor sequences.
std::u32string removeTerminalEscapes(std::u32string_view text) {
    if (text.find(0x1B) == std::u32string_view::npos) return std::u32string(text);
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == 0x1B && i + 1 < text.size() && text[i + 1] == U'[') {
            std::size_t j = i + 2;
            while (j < text.size() &&
                   (text[j] == U';' || QChar::category(text[j]) == QChar::Number_DecimalDigit))
                ++j;
            if (j < text.size() && (text[j] | 0x20) >= U'a' && (text[j] | 0x20) <= U'z') {
                i = j + 1;
                continue;
            }
        }
        out.push_back(text[i++]);
    }
    return out;
}

// C0 controls other than tab, line feed, form feed and carriage return; DEL; the deprecated
// Arabic format controls U+206A..U+206F; the byte order mark; the interlinear annotation
// characters and the object replacement character.
std::u32string removeControlChars(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        const bool control = (c <= 0x08) || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F ||
                             (c >= 0x206A && c <= 0x206F) || c == 0xFEFF ||
                             (c >= 0xFFF9 && c <= 0xFFFC);
        if (!control) out.push_back(c);
    }
    return out;
}

std::u32string fixText(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    bool unescapeHtml = true;  // once a line shows markup ('<'), entities are left alone
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find(U'\n', pos);
        end = end == std::u32string_view::npos ? text.size() : end + 1;
        const std::u32string_view segment = text.substr(pos, end - pos);
        if (segment.find(U'<') != std::u32string_view::npos) unescapeHtml = false;
        if (isAsciiOnly(segment) && segment.find(U'&') == std::u32string_view::npos &&
            segment.find(U'\r') == std::u32string_view::npos) {
            out.append(removeControlChars(removeTerminalEscapes(segment)));
        } else {
            out.append(fixSegment(segment, unescapeHtml));
        }
        pos = end;
    }
    return out;
}

}  // namespace ms::text
