#include "bundled/WordByteTokenizer.h"

namespace ms {
namespace {

// Splits into runs of letters/digits and single other non-space characters.
QStringList pieces(const QString& text) {
    QStringList out;
    QString word;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber()) {
            word += c;
            continue;
        }
        if (!word.isEmpty()) out << word;
        word.clear();
        if (!c.isSpace()) out << QString(c);
    }
    if (!word.isEmpty()) out << word;
    return out;
}

}  // namespace

WordByteTokenizer::WordByteTokenizer(QStringList words)
    : m_words(std::move(words)),
      m_startOfText(kFirstWord + static_cast<int>(m_words.size())),
      m_endOfText(m_startOfText + 1) {
    for (int i = 0; i < m_words.size(); ++i) m_ids.emplace(m_words[i].toStdString(), kFirstWord + i);
}

std::vector<int> WordByteTokenizer::encode(const QString& text) const {
    std::vector<int> ids;
    bool lastSpelled = false;
    for (const QString& piece : pieces(text)) {
        auto it = m_ids.find(piece.toStdString());
        if (it != m_ids.end()) {
            ids.push_back(it->second);
            lastSpelled = false;
            continue;
        }
        if (lastSpelled) ids.push_back(kFirstByte + ' ');  // keeps two spelled words apart
        for (const char byte : piece.toUtf8()) ids.push_back(kFirstByte + static_cast<unsigned char>(byte));
        lastSpelled = true;
    }
    return ids;
}

QString WordByteTokenizer::decode(const std::vector<int>& ids) const {
    QStringList out;
    QByteArray spelled;
    auto flush = [&] {
        if (!spelled.isEmpty()) out << QString::fromUtf8(spelled);
        spelled.clear();
    };
    for (int id : ids) {
        if (id == kFirstByte + ' ') {
            flush();
        } else if (id >= kFirstByte && id < kFirstWord) {
            spelled += static_cast<char>(id - kFirstByte);
        } else {
            flush();
            if (id >= kFirstWord && id < m_startOfText) out << m_words[id - kFirstWord];
        }
    }
    flush();
    return out.join(QLatin1Char(' '));
}

std::vector<std::int64_t> WordByteTokenizer::tokenize(const QString& text, int contextLength) const {
    std::vector<std::int64_t> out(contextLength, kPadding);
    const std::vector<int> ids = encode(text);
    out[0] = m_startOfText;
    const int n = std::min<int>(static_cast<int>(ids.size()), contextLength - 2);
    for (int i = 0; i < n; ++i) out[1 + i] = ids[i];
    out[1 + n] = m_endOfText;
    return out;
}

}  // namespace ms
