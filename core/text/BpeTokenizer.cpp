#include "text/BpeTokenizer.h"

#include "text/PreTokenizer.h"
#include "text/Utf8.h"
#include "util/Error.h"

#include <algorithm>
#include <climits>
#include <mutex>
#include <unordered_map>

namespace ms {

struct BpeTokenizer::Cache {
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<int>> entries;
    std::size_t capacity = kDefaultCacheCapacity;
};

BpeTokenizer::BpeTokenizer(std::shared_ptr<const BpeVocabulary> vocabulary)
    : mVocabulary(std::move(vocabulary)), mCache(std::make_shared<Cache>()) {
    if (!mVocabulary) throw Error("BpeTokenizer: no vocabulary");
}

BpeTokenizer BpeTokenizer::fromFile(const std::string& gzPath) {
    return BpeTokenizer(std::make_shared<const BpeVocabulary>(BpeVocabulary::fromFile(gzPath)));
}

void BpeTokenizer::setCacheCapacity(std::size_t entries) {
    std::lock_guard lock(mCache->mutex);
    mCache->capacity = entries;
    if (mCache->entries.size() >= entries) mCache->entries.clear();
}

void BpeTokenizer::clearCache() const {
    std::lock_guard lock(mCache->mutex);
    mCache->entries.clear();
}

std::size_t BpeTokenizer::cacheSize() const {
    std::lock_guard lock(mCache->mutex);
    return mCache->entries.size();
}

// The reference's merge loop: take the adjacent pair of lowest rank, merge each of its
// occurrences left to right, repeat until no adjacent pair is a merge.
void BpeTokenizer::mergeWord(std::vector<int>& word) const {
    const BpeVocabulary& vocab = *mVocabulary;
    while (word.size() > 1) {
        int bestRank = INT_MAX, first = -1, second = -1, merged = -1;
        for (std::size_t i = 0; i + 1 < word.size(); ++i) {
            int rank = 0, id = 0;
            if (vocab.merge(word[i], word[i + 1], rank, id) && rank < bestRank) {
                bestRank = rank;
                first = word[i];
                second = word[i + 1];
                merged = id;
            }
        }
        if (merged < 0) break;
        std::size_t out = 0;
        for (std::size_t i = 0; i < word.size(); ++i) {
            if (i + 1 < word.size() && word[i] == first && word[i + 1] == second) {
                word[out++] = merged;
                ++i;
            } else {
                word[out++] = word[i];
            }
        }
        word.resize(out);
    }
}

void BpeTokenizer::appendBpe(std::string_view wordBytes, std::vector<int>& out) const {
    // The special tokens, when the text spells them, are single symbols (the reference seeds
    // its cache with them).
    if (wordBytes == "<|startoftext|>") return out.push_back(kStartOfText);
    if (wordBytes == "<|endoftext|>") return out.push_back(kEndOfText);

    const std::string key(wordBytes);
    {
        std::lock_guard lock(mCache->mutex);
        if (const auto it = mCache->entries.find(key); it != mCache->entries.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    std::vector<int> word;
    word.reserve(wordBytes.size());
    for (std::size_t i = 0; i < wordBytes.size(); ++i)
        word.push_back(
            mVocabulary->byteSymbol(static_cast<unsigned char>(wordBytes[i]), i + 1 == wordBytes.size()));
    mergeWord(word);
    out.insert(out.end(), word.begin(), word.end());

    std::lock_guard lock(mCache->mutex);
    if (mCache->capacity == 0) return;
    if (mCache->entries.size() >= mCache->capacity) mCache->entries.clear();
    mCache->entries.emplace(key, std::move(word));
}

std::vector<int> BpeTokenizer::encode(const std::string& utf8) const {
    return encode(utf8, TextCleaner::Options{});
}

std::vector<int> BpeTokenizer::encode(std::string_view utf8, const TextCleaner::Options& cleaning) const {
    const std::u32string text = TextCleaner::clean(text::decodeUtf8(utf8), cleaning);
    std::vector<int> ids;
    std::string bytes;
    for (const text::Piece& piece : text::splitPieces(text)) {
        bytes.clear();
        for (std::size_t k = 0; k < piece.length; ++k) text::appendUtf8(bytes, text[piece.begin + k]);
        appendBpe(bytes, ids);
    }
    return ids;
}

std::string BpeTokenizer::decode(const std::vector<int>& ids) const {
    std::string bytes;
    for (int id : ids) {
        if (id < 0 || id >= mVocabulary->size())
            throw Error("token id " + std::to_string(id) + " is outside the vocabulary (0.." +
                        std::to_string(mVocabulary->size() - 1) + ")");
        bytes += mVocabulary->bytes(id);
    }
    // Like the reference: decode the bytes (errors replaced), then "</w>" becomes a space.
    std::string text = text::encodeUtf8(text::decodeUtf8(bytes));
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    for (std::size_t hit; (hit = text.find("</w>", pos)) != std::string::npos; pos = hit + 4) {
        out.append(text, pos, hit - pos);
        out.push_back(' ');
    }
    out.append(text, pos, std::string::npos);
    return out;
}

std::vector<std::int64_t> BpeTokenizer::tokenize(const std::string& text, int contextLength,
                                                 bool truncate) const {
    if (contextLength < 1)
        throw Error("context length must be positive, got " + std::to_string(contextLength));
    const std::vector<int> ids = encode(text);
    const std::size_t context = static_cast<std::size_t>(contextLength);
    if (ids.size() + 2 > context && !truncate)
        throw Error("input is too long for context length " + std::to_string(contextLength) + ": " +
                    std::to_string(ids.size() + 2) + " tokens");
    std::vector<std::int64_t> tokens;
    tokens.reserve(ids.size() + 2);
    tokens.push_back(kStartOfText);
    tokens.insert(tokens.end(), ids.begin(), ids.end());
    tokens.push_back(kEndOfText);
    if (tokens.size() > context) {
        tokens.resize(context);
        tokens.back() = kEndOfText;
    }
    tokens.resize(context, 0);
    return tokens;
}

std::vector<std::int64_t> BpeTokenizer::tokenizeBatch(const std::vector<std::string>& texts,
                                                      int contextLength, bool truncate) const {
    std::vector<std::int64_t> out;
    out.reserve(texts.size() * static_cast<std::size_t>(std::max(contextLength, 0)));
    for (const std::string& text : texts) {
        const std::vector<std::int64_t> row = tokenize(text, contextLength, truncate);
        out.insert(out.end(), row.begin(), row.end());
    }
    return out;
}

}  // namespace ms
