#include "text/BpeVocabulary.h"

#include "text/Utf8.h"
#include "util/Error.h"

#include <zlib.h>

#include <memory>

namespace ms {
namespace {

std::uint64_t pairKey(int left, int right) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) |
           static_cast<std::uint32_t>(right);
}

std::string readGzip(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file) throw Error(path + ": cannot open the BPE vocabulary file");
    std::unique_ptr<gzFile_s, int (*)(gzFile)> guard(file, gzclose);
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const int n = gzread(file, buffer, sizeof buffer);
        if (n < 0) {
            int code = 0;
            throw Error(path + ": corrupt gzip data (" + gzerror(file, &code) + ")");
        }
        if (n == 0) break;
        if (gzdirect(file)) throw Error(path + ": not a gzip file (expected bpe_simple_vocab_16e6.txt.gz)");
        text.append(buffer, static_cast<std::size_t>(n));
    }
    if (text.empty()) throw Error(path + ": empty BPE vocabulary file");
    return text;
}

// One line of the merges file: two symbols separated by a space.
bool splitMerge(std::string_view line, std::string_view& left, std::string_view& right) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos || space == 0 || space + 1 >= line.size()) return false;
    left = line.substr(0, space);
    right = line.substr(space + 1);
    return right.find(' ') == std::string_view::npos;
}

// Lines 2..48895 of the merges file as (left, right) symbol pairs.
std::vector<std::pair<std::string_view, std::string_view>> readMerges(std::string_view text,
                                                                     const std::string& source) {
    std::vector<std::pair<std::string_view, std::string_view>> merges;
    merges.reserve(BpeVocabulary::kMergeCount);
    std::size_t pos = text.find('\n');  // line 1 is the version header
    int lineNumber = 1;
    while (pos != std::string_view::npos && static_cast<int>(merges.size()) < BpeVocabulary::kMergeCount) {
        const std::size_t start = pos + 1;
        pos = text.find('\n', start);
        const std::string_view line =
            text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
        ++lineNumber;
        if (line.empty() && pos == std::string_view::npos) break;  // the final newline
        std::string_view left, right;
        if (!splitMerge(line, left, right))
            throw Error(source + ": line " + std::to_string(lineNumber) + " is not a BPE merge ('A B')");
        merges.emplace_back(left, right);
    }
    if (static_cast<int>(merges.size()) < BpeVocabulary::kMergeCount)
        throw Error(source + ": holds " + std::to_string(merges.size()) +
                    " merges, CLIP's vocabulary needs " + std::to_string(BpeVocabulary::kMergeCount));
    return merges;
}

}  // namespace

void BpeVocabulary::addSymbol(std::string symbol) {
    // The bytes behind a symbol: each byte-encoding character back to its byte; the literal
    // "</w>" characters are printable ASCII and map to themselves.
    std::string raw;
    for (char32_t c : text::decodeUtf8(symbol)) {
        const auto it = mCharToByte.find(c);
        raw.push_back(static_cast<char>(it != mCharToByte.end() ? it->second : '?'));
    }
    const int id = static_cast<int>(mStrings.size());
    mIds[symbol] = id;  // a repeated string resolves to its last id, as a Python dict does
    mStrings.push_back(std::move(symbol));
    mBytes.push_back(std::move(raw));
}

// bytes_to_unicode(): printable Latin-1 bytes stand for themselves and come first; the others
// (controls, space, NBSP, soft hyphen) get the characters from U+0100 on, and follow.
void BpeVocabulary::addByteSymbols() {
    auto printable = [](int b) { return (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || b >= 174; };
    std::vector<unsigned char> order;
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
        mByteToChar[b] = printable(b) ? static_cast<char32_t>(b) : next++;
        mCharToByte[mByteToChar[b]] = static_cast<unsigned char>(b);
        if (printable(b)) order.push_back(static_cast<unsigned char>(b));
    }
    for (int b = 0; b < 256; ++b)
        if (!printable(b)) order.push_back(static_cast<unsigned char>(b));
    for (int i = 0; i < 256; ++i) {
        mByteSymbol[order[static_cast<std::size_t>(i)]] = i;
        addSymbol(text::encodeUtf8(std::u32string(1, mByteToChar[order[static_cast<std::size_t>(i)]])));
    }
    for (int i = 0; i < 256; ++i) addSymbol(mStrings[static_cast<std::size_t>(i)] + "</w>");
}

BpeVocabulary BpeVocabulary::fromMergesText(std::string_view text, const std::string& source) {
    const auto merges = readMerges(text, source);
    BpeVocabulary v;
    v.mStrings.reserve(kSize);
    v.addByteSymbols();
    for (const auto& [left, right] : merges) v.addSymbol(std::string(left) + std::string(right));
    v.addSymbol("<|startoftext|>");
    v.addSymbol("<|endoftext|>");

    v.mMerges.reserve(merges.size());
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [left, right] = merges[rank];
        const int l = v.idOf(left), r = v.idOf(right);
        if (l < 0 || r < 0)
            throw Error(source + ": line " + std::to_string(rank + 2) +
                        " merges a symbol that is not in the vocabulary");
        v.mMerges[pairKey(l, r)] = {static_cast<int>(rank), v.idOf(std::string(left) + std::string(right))};
    }
    return v;
}

BpeVocabulary BpeVocabulary::fromFile(const std::string& gzPath) {
    return fromMergesText(readGzip(gzPath), gzPath);
}

bool BpeVocabulary::merge(int left, int right, int& rank, int& merged) const {
    const auto it = mMerges.find(pairKey(left, right));
    if (it == mMerges.end()) return false;
    rank = it->second.rank;
    merged = it->second.merged;
    return true;
}

int BpeVocabulary::idOf(std::string_view symbol) const {
    const auto it = mIds.find(std::string(symbol));
    return it == mIds.end() ? -1 : it->second;
}

}  // namespace ms
