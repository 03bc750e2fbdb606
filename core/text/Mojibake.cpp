#include "text/Mojibake.h"

#include "text/CodePage1252.h"
#include "text/Utf8.h"

#include <QChar>

#include <optional>

namespace ms::text {
namespace {

// Characters that legitimately follow a letter and happen to encode as continuation bytes.
bool isCommonAfterLetter(char32_t c) {
    switch (c) {
    case 0x00A0: case 0x00AD: case 0x00B4: case 0x00B7:
    case 0x2013: case 0x2014: case 0x2019: case 0x2026:
        return true;
    default:
        return false;
    }
}

int byteOf(char32_t c) { return unicodeToWindows1252(c); }

bool isContinuation(int b) { return b >= 0x80 && b <= 0xBF; }

// Number of continuation bytes a lead byte announces (0 when it is no lead byte).
int continuationCount(int b) {
    if (b >= 0xC2 && b <= 0xDF) return 1;
    if (b >= 0xE0 && b <= 0xEF) return 2;
    if (b >= 0xF0 && b <= 0xF4) return 3;
    return 0;
}

// The text's bytes in a single-byte code page (Latin-1 or sloppy Windows-1252), if it fits.
std::optional<std::string> encodeSingleByte(std::u32string_view text, bool latin1) {
    std::string bytes;
    bytes.reserve(text.size());
    for (char32_t c : text) {
        const int b = latin1 ? (c <= 0xFF ? static_cast<int>(c) : -1) : byteOf(c);
        if (b < 0) return std::nullopt;
        bytes.push_back(static_cast<char>(b));
    }
    return bytes;
}

bool isAsciiLetter(char32_t c) { return (c | 0x20) >= U'a' && (c | 0x20) <= U'z'; }

// Mojibake decodes to real characters in a sensible place. A result holding private-use or
// unassigned code points, or a letter from beyond U+0800 (CJK, Hangul, Indic...) glued to a
// Latin letter ("Nestlé®™" read as UTF-8 gives "Nestl鮙"), means the bytes only happened to
// form UTF-8.
bool isPlausible(std::u32string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        const auto category = QChar::category(c);
        if (category == QChar::Other_PrivateUse || category == QChar::Other_NotAssigned) return false;
        if (c >= 0x800 && QChar::isLetter(c) &&
            ((i > 0 && isAsciiLetter(text[i - 1])) || (i + 1 < text.size() && isAsciiLetter(text[i + 1]))))
            return false;
    }
    return true;
}

std::optional<std::u32string> reReadAsUtf8(std::u32string_view text, bool latin1) {
    const auto bytes = encodeSingleByte(text, latin1);
    if (!bytes || !isValidUtf8(*bytes)) return std::nullopt;
    std::u32string fixed = decodeUtf8(*bytes);
    if (fixed == text || !isPlausible(fixed)) return std::nullopt;
    return fixed;
}

// Length of the UTF-8-shaped cluster (lead character plus its continuation characters) that
// starts at text[i], or 0.
std::size_t clusterAt(std::u32string_view text, std::size_t i) {
    const int need = continuationCount(byteOf(text[i]));
    if (need == 0 || i + static_cast<std::size_t>(need) >= text.size()) return 0;
    for (int k = 1; k <= need; ++k)
        if (!isContinuation(byteOf(text[i + static_cast<std::size_t>(k)]))) return 0;
    return static_cast<std::size_t>(need) + 1;
}

// Repairs runs of UTF-8-shaped clusters one by one, for text that also holds characters no
// single-byte code page has (so the whole cannot be re-read at once).
std::u32string fixClusters(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = i;
        while (end < text.size()) {
            const std::size_t len = clusterAt(text, end);
            if (len == 0) break;
            end += len;
        }
        if (end == i) {
            out.push_back(text[i++]);
            continue;
        }
        const std::u32string_view run = text.substr(i, end - i);
        std::u32string fixed = run.size() < text.size() && looksLikeMojibake(run) ? fixEncoding(run)
                                                                                  : std::u32string(run);
        // The repaired run must also fit its neighbours.
        std::u32string inContext = fixed;
        if (i > 0) inContext.insert(inContext.begin(), text[i - 1]);
        if (end < text.size()) inContext.push_back(text[end]);
        out.append(isPlausible(inContext) ? std::u32string_view(fixed) : run);
        i = end;
    }
    return out;
}

bool hasC1(std::u32string_view text) {
    for (char32_t c : text)
        if (c >= 0x80 && c <= 0x9F) return true;
    return false;
}

}  // namespace

bool looksLikeMojibake(std::u32string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (continuationCount(byteOf(text[i])) == 0 || text[i] < 0x80) continue;
        const char32_t next = text[i + 1];
        if (isContinuation(byteOf(next)) && !isCommonAfterLetter(next)) return true;
    }
    return false;
}

std::u32string fixEncodingOnce(std::u32string_view text) {
    bool ascii = true;
    for (char32_t c : text) ascii = ascii && c < 0x80;
    if (ascii || !looksLikeMojibake(text)) return std::u32string(text);
    if (auto fixed = reReadAsUtf8(text, true)) return *fixed;
    if (auto fixed = reReadAsUtf8(text, false)) return *fixed;
    std::u32string clusters = fixClusters(text);
    if (clusters != text) return clusters;
    if (hasC1(text)) return fixC1Controls(text);
    return std::u32string(text);
}

std::u32string fixEncoding(std::u32string_view text) {
    std::u32string current(text);
    // Each round shortens the text, so this ends; the bound only guards against surprises.
    for (int round = 0; round < 16; ++round) {
        std::u32string next = fixEncodingOnce(current);
        if (next == current) break;
        current = std::move(next);
    }
    return current;
}

std::u32string fixC1Controls(std::u32string_view text) {
    std::u32string out(text);
    for (char32_t& c : out)
        if (c >= 0x80 && c <= 0x9F) c = windows1252ToUnicode(static_cast<unsigned char>(c));
    return out;
}

}  // namespace ms::text
