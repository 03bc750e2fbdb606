#include "text/PreTokenizer.h"

#include "text/UnicodeProps.h"

namespace ms::text {
namespace {

// IGNORECASE compares by simple case folding: besides the ASCII letter itself, the long s
// (U+017F) folds to 's'. Lower-cased input leaves no other character that folds to one of the
// pattern's letters.
bool foldsTo(char32_t c, char32_t ascii) {
    if (c == ascii || (c >= U'A' && c <= U'Z' && c + 32 == ascii)) return true;
    return ascii == U's' && c == 0x017F;
}

// Length of `literal` matched case-insensitively at text[i], or 0.
std::size_t matchLiteral(std::u32string_view text, std::size_t i, std::u32string_view literal) {
    if (text.size() - i < literal.size()) return 0;
    for (std::size_t k = 0; k < literal.size(); ++k)
        if (!foldsTo(text[i + k], literal[k])) return 0;
    return literal.size();
}

std::size_t matchSpecialOrContraction(std::u32string_view text, std::size_t i) {
    static constexpr std::u32string_view kAlternatives[] = {
        U"<|startoftext|>", U"<|endoftext|>", U"'s", U"'t", U"'re", U"'ve", U"'m", U"'ll", U"'d"};
    if (text[i] != U'<' && text[i] != U'\'') return 0;
    for (std::u32string_view alternative : kAlternatives)
        if (std::size_t n = matchLiteral(text, i, alternative)) return n;
    return 0;
}

bool isOther(char32_t c) { return !isRegexSpace(c) && !isLetter(c) && !isNumber(c); }

}  // namespace

std::vector<Piece> splitPieces(std::u32string_view text) {
    std::vector<Piece> pieces;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t n = matchSpecialOrContraction(text, i);
        if (n == 0) {
            const char32_t c = text[i];
            if (isLetter(c)) {
                n = 1;
                while (i + n < text.size() && isLetter(text[i + n])) ++n;
            } else if (isNumber(c)) {
                n = 1;
            } else if (isOther(c)) {
                n = 1;
                while (i + n < text.size() && isOther(text[i + n])) ++n;
            } else {
                ++i;  // whitespace: not part of any piece
                continue;
            }
        }
        pieces.push_back({i, n});
        i += n;
    }
    return pieces;
}

}  // namespace ms::text
