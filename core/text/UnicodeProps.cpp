#include "text/UnicodeProps.h"

#include <QChar>
#include <QString>

namespace ms::text {
namespace {

QString toQString(std::u32string_view text) {
    return QString::fromUcs4(text.data(), static_cast<qsizetype>(text.size()));
}

std::u32string fromQString(const QString& s) {
    std::u32string out;
    out.reserve(static_cast<std::size_t>(s.size()));
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            out.push_back(QChar::surrogateToUcs4(c, s.at(i + 1)));
            ++i;
        } else {
            out.push_back(c.unicode());
        }
    }
    return out;
}

bool isAscii(std::u32string_view text) {
    for (char32_t c : text)
        if (c >= 0x80) return false;
    return true;
}

// Unicode's Cased property, approximated from the data Qt exposes: cased letters plus the
// characters that have a case mapping (circled letters, Roman numerals).
bool isCased(char32_t c) {
    const auto cat = QChar::category(c);
    if (cat == QChar::Letter_Uppercase || cat == QChar::Letter_Lowercase ||
        cat == QChar::Letter_Titlecase)
        return true;
    return QChar::toLower(c) != c || QChar::toUpper(c) != c;
}

// Unicode's Case_Ignorable property: marks, format characters, modifier letters and symbols,
// and the word-internal punctuation of the word-break rules (apostrophes, periods, colons).
bool isCaseIgnorable(char32_t c) {
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
    case QChar::Letter_Modifier:
    case QChar::Symbol_Modifier:
        return true;
    default:
        break;
    }
    switch (c) {
    case U'\'': case U'.': case U':': case 0x00B7: case 0x0387: case 0x055F: case 0x05F4:
    case 0x2018: case 0x2019: case 0x2024: case 0x2027: case 0xFE13: case 0xFE52: case 0xFE55:
    case 0xFF07: case 0xFF0E: case 0xFF1A:
        return true;
    default:
        return false;
    }
}

// Final_Sigma: preceded by a cased letter and not followed by one (case-ignorable characters
// in between are skipped both ways).
bool isFinalSigma(std::u32string_view text, std::size_t i) {
    std::size_t j = i;
    bool casedBefore = false;
    while (j > 0) {
        const char32_t c = text[--j];
        if (isCaseIgnorable(c)) continue;
        casedBefore = isCased(c);
        break;
    }
    if (!casedBefore) return false;
    for (std::size_t k = i + 1; k < text.size(); ++k) {
        if (isCaseIgnorable(text[k])) continue;
        return !isCased(text[k]);
    }
    return true;
}

}  // namespace

bool isLetter(char32_t c) {
    if (c < 0x80) return (c | 0x20) >= U'a' && (c | 0x20) <= U'z';
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
        return true;
    default:
        return false;
    }
}

bool isNumber(char32_t c) {
    if (c < 0x80) return c >= U'0' && c <= U'9';
    switch (QChar::category(c)) {
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
        return true;
    default:
        return false;
    }
}

bool isRegexSpace(char32_t c) {
    if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isPySpace(char32_t c) { return isRegexSpace(c) || (c >= 0x1C && c <= 0x1F); }

std::u32string pyLower(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c < 0x80) {
            out.push_back(c >= U'A' && c <= U'Z' ? c + 32 : c);
        } else if (c == 0x0130) {  // SpecialCasing: İ -> i + combining dot above
            out.push_back(U'i');
            out.push_back(0x0307);
        } else if (c == 0x03A3) {
            out.push_back(isFinalSigma(text, i) ? 0x03C2 : 0x03C3);
        } else {
            out.push_back(QChar::toLower(c));
        }
    }
    return out;
}

std::u32string pyUpper(std::u32string_view text) {
    if (isAscii(text)) {
        std::u32string out(text);
        for (char32_t& c : out)
            if (c >= U'a' && c <= U'z') c -= 32;
        return out;
    }
    return fromQString(toQString(text).toUpper());  // full mappings (ß -> SS) as Python
}

std::u32string normalizeNfc(std::u32string_view text) {
    if (isAscii(text)) return std::u32string(text);
    return fromQString(toQString(text).normalized(QString::NormalizationForm_C));
}

std::u32string normalizeNfkc(std::u32string_view text) {
    if (isAscii(text)) return std::u32string(text);
    return fromQString(toQString(text).normalized(QString::NormalizationForm_KC));
}

std::u32string decompositionOf(char32_t c) {
    const QString d = QChar::decomposition(c);
    if (d.isEmpty()) return std::u32string(1, c);
    return fromQString(d);
}

}  // namespace ms::text
