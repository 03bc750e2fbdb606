#include "text/TextCleaner.h"

#include "text/HtmlEntities.h"
#include "text/TextFixer.h"
#include "text/UnicodeProps.h"
#include "text/Utf8.h"

namespace ms {
namespace {

std::u32string_view stripPySpace(std::u32string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && text::isPySpace(text[begin])) ++begin;
    while (end > begin && text::isPySpace(text[end - 1])) --end;
    return text.substr(begin, end - begin);
}

std::u32string collapseWhitespace(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    bool inRun = false;
    for (char32_t c : text) {
        if (text::isRegexSpace(c)) {
            if (!inRun) out.push_back(U' ');
            inRun = true;
        } else {
            out.push_back(c);
            inRun = false;
        }
    }
    return out;
}

}  // namespace

std::u32string TextCleaner::clean(std::u32string_view input, const Options& options) {
    std::u32string text = options.fixText ? text::fixText(input) : std::u32string(input);
    text = text::htmlUnescape(text::htmlUnescape(text));
    text = collapseWhitespace(stripPySpace(text));
    return text::pyLower(stripPySpace(text));
}

std::string TextCleaner::cleanUtf8(std::string_view utf8, const Options& options) {
    return text::encodeUtf8(clean(text::decodeUtf8(utf8), options));
}

}  // namespace ms
