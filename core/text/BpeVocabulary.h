#pragma once
// CLIP's byte-level BPE vocabulary, built from the merges file bpe_simple_vocab_16e6.txt.gz
// exactly as the reference builds it: ids 0-255 are the 256 byte symbols in the order of its
// bytes_to_unicode() table, 256-511 the same symbols ending a word ("</w>"), 512-49405 the
// 48,894 merges in file order (lines 2..48895), 49406 <|startoftext|>, 49407 <|endoftext|>.
// Symbols are identified by their vocabulary string, as in the reference. Immutable after
// loading, so one instance can be shared between threads.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ms {

class BpeVocabulary {
public:
    static constexpr int kMergeCount = 48894;
    static constexpr int kStartOfText = 49406;
    static constexpr int kEndOfText = 49407;
    static constexpr int kSize = 49408;

    // Reads the gzip-compressed merges file; throws ms::Error naming the file and the problem.
    static BpeVocabulary fromFile(const std::string& gzPath);
    // The same from the decompressed text; `source` names it in error messages.
    static BpeVocabulary fromMergesText(std::string_view text, const std::string& source);

    int size() const { return static_cast<int>(mStrings.size()); }

    // The symbol of one byte (ending a word or not).
    int byteSymbol(unsigned char byte, bool endOfWord) const {
        return mByteSymbol[byte] + (endOfWord ? 256 : 0);
    }

    // Merge of two adjacent symbols: the merged symbol's id and the merge's rank (lower merges
    // first), or false when the pair is not a merge.
    bool merge(int left, int right, int& rank, int& merged) const;

    // The id of a vocabulary string (byte-encoded form, "</w>" spelled out), or -1.
    int idOf(std::string_view symbol) const;
    // The vocabulary string of an id (UTF-8 of the byte-encoding characters).
    const std::string& symbol(int id) const { return mStrings.at(static_cast<std::size_t>(id)); }
    // The bytes an id stands for; an end-of-word symbol keeps the literal "</w>".
    const std::string& bytes(int id) const { return mBytes.at(static_cast<std::size_t>(id)); }

private:
    BpeVocabulary() = default;
    void addByteSymbols();
    void addSymbol(std::string symbol);

    std::vector<std::string> mStrings;
    std::vector<std::string> mBytes;
    std::unordered_map<std::string, int> mIds;
    struct MergeTarget {
        int rank;
        int merged;
    };
    std::unordered_map<std::uint64_t, MergeTarget> mMerges;
    int mByteSymbol[256] = {};
    char32_t mByteToChar[256] = {};
    std::unordered_map<char32_t, unsigned char> mCharToByte;
};

}  // namespace ms
