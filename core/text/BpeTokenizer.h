#pragma once
// CLIP's text tokenizer (the reference's SimpleTokenizer and clip.tokenize): cleaning
// (TextCleaner), the splitting pattern, byte-level BPE over BpeVocabulary, start/end tokens,
// padding and truncation. Torch-free: ids come back as plain vectors.
//
// Thread-safety: encode/tokenize/decode are const and may run on several threads at once; the
// BPE cache is guarded by a mutex. Copies share the vocabulary and the cache.

#include "text/BpeVocabulary.h"
#include "text/TextCleaner.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ms {

class BpeTokenizer {
public:
    static constexpr int kStartOfText = BpeVocabulary::kStartOfText;
    static constexpr int kEndOfText = BpeVocabulary::kEndOfText;
    static constexpr int kDefaultContextLength = 77;
    static constexpr std::size_t kDefaultCacheCapacity = 100000;

    explicit BpeTokenizer(std::shared_ptr<const BpeVocabulary> vocabulary);
    // Loads bpe_simple_vocab_16e6.txt.gz; throws ms::Error naming the file and the problem.
    static BpeTokenizer fromFile(const std::string& gzPath);

    // The reference's SimpleTokenizer.encode(): BPE ids without start/end tokens. Any bytes
    // are accepted (malformed UTF-8 becomes U+FFFD).
    std::vector<int> encode(const std::string& utf8) const;
    std::vector<int> encode(std::string_view utf8, const TextCleaner::Options& cleaning) const;

    // SimpleTokenizer.decode(): the bytes of the ids, "</w>" read as a space. Throws
    // ms::Error for an id outside the vocabulary.
    std::string decode(const std::vector<int>& ids) const;

    // clip.tokenize() for one text: start, ids, end, zero padding to `contextLength`. When the
    // text does not fit: cut to contextLength with the last id forced to the end token, or, if
    // `truncate` is false, throw ms::Error.
    std::vector<std::int64_t> tokenize(const std::string& text, int contextLength = kDefaultContextLength,
                                       bool truncate = true) const;
    // Row-major [texts.size(), contextLength].
    std::vector<std::int64_t> tokenizeBatch(const std::vector<std::string>& texts,
                                            int contextLength = kDefaultContextLength,
                                            bool truncate = true) const;

    const BpeVocabulary& vocabulary() const { return *mVocabulary; }

    // The BPE cache maps a word's bytes to its ids (the reference keeps one too). It is
    // emptied when it reaches `entries`; 0 turns it off.
    void setCacheCapacity(std::size_t entries);
    void clearCache() const;
    std::size_t cacheSize() const;

private:
    struct Cache;
    void appendBpe(std::string_view wordBytes, std::vector<int>& out) const;
    void mergeWord(std::vector<int>& word) const;

    std::shared_ptr<const BpeVocabulary> mVocabulary;
    std::shared_ptr<Cache> mCache;
};

}  // namespace ms
