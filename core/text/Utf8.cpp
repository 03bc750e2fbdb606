#include "text/Utf8.h"

namespace ms::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Length of the well-formed sequence at bytes[i], or 0 with `consumed` set to the length of
// the maximal ill-formed subpart to replace (Unicode 3.9, "U+FFFD substitution of maximal
// subparts"). The second byte's allowed range depends on the lead byte.
std::size_t sequenceAt(std::string_view bytes, std::size_t i, char32_t& cp, std::size_t& consumed) {
    const auto b0 = static_cast<unsigned char>(bytes[i]);
    consumed = 1;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    for (std::size_t k = 1; k <= need; ++k) {
        if (i + k >= bytes.size()) return 0;
        const auto b = static_cast<unsigned char>(bytes[i + k]);
        const unsigned char first = k == 1 ? lo : 0x80;
        const unsigned char last = k == 1 ? hi : 0xBF;
        if (b < first || b > last) return 0;
        cp = (cp << 6) | (b & 0x3F);
        consumed = k + 1;
    }
    return need + 1;
}

}  // namespace

std::u32string decodeUtf8(std::string_view bytes) {
    std::u32string out;
    out.reserve(bytes.size());
    std::size_t i = 0;
    while (i < bytes.size()) {
        char32_t cp = 0;
        std::size_t consumed = 1;
        const std::size_t len = sequenceAt(bytes, i, cp, consumed);
        if (len > 0) {
            out.push_back(cp);
            i += len;
        } else {
            out.push_back(kReplacement);
            i += consumed;
        }
    }
    return out;
}

bool isValidUtf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        char32_t cp = 0;
        std::size_t consumed = 1;
        const std::size_t len = sequenceAt(bytes, i, cp, consumed);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = kReplacement;  // not encodable in UTF-8
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp <= 0x10FFFF) {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        appendUtf8(out, kReplacement);
    }
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text) appendUtf8(out, cp);
    return out;
}

}  // namespace ms::text
