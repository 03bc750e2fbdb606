#pragma once
// The bundled model's tokenizer, which needs no external file: a word vocabulary built by the
// project (stored in the model's JSON sidecar) plus the 256 bytes, so that any text can be
// written — known words are one token, unknown words are spelled byte by byte.
// Ids: 0 = padding, 1…256 = bytes 0…255, 257… = words, then start and end of text (the end
// id is the largest, as the CLIP text tower expects: it reads features at the argmax id).

#include <QString>
#include <QStringList>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ms {

class WordByteTokenizer {
public:
    explicit WordByteTokenizer(QStringList words);

    const QStringList& words() const { return m_words; }
    int vocabularySize() const { return m_endOfText + 1; }
    int startOfText() const { return m_startOfText; }
    int endOfText() const { return m_endOfText; }

    // Lower-cased words (letters and digits) and single punctuation marks become tokens.
    std::vector<int> encode(const QString& text) const;
    QString decode(const std::vector<int>& ids) const;
    // [start, ids…, end, 0…] of exactly contextLength; when too long, cut with the end token last.
    std::vector<std::int64_t> tokenize(const QString& text, int contextLength) const;

    static constexpr int kPadding = 0;
    static constexpr int kFirstByte = 1;
    static constexpr int kFirstWord = 257;

private:
    QStringList m_words;
    std::unordered_map<std::string, int> m_ids;
    int m_startOfText;
    int m_endOfText;
};

}  // namespace ms
