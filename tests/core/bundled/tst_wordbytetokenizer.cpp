// The bundled model's tokenizer: known words are one token, anything else is spelled in
// bytes, the end token is the largest id, and the caption vocabulary covers every caption.

#include "bundled/WordByteTokenizer.h"
#include "world/Captions.h"
#include "world/Rng.h"
#include "world/WorldGenerator.h"

#include <QGuiApplication>
#include <QtTest>

using namespace ms;

class TestWordByteTokenizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knownWordsAreSingleTokens() {
        const WordByteTokenizer t({"a", "of", "photo", "star"});
        const std::vector<int> ids = t.encode(QStringLiteral("A photo of a Star"));
        QCOMPARE(ids.size(), size_t(5));
        for (int id : ids) QVERIFY(id >= WordByteTokenizer::kFirstWord && id < t.startOfText());
        QCOMPARE(t.decode(ids), QStringLiteral("a photo of a star"));
    }

    void unknownWordsAreSpelledAndStayApart() {
        const WordByteTokenizer t({"the", "word"});
        const std::vector<int> ids = t.encode(QStringLiteral("the word café dog"));
        QCOMPARE(t.decode(ids), QStringLiteral("the word café dog"));
        QCOMPARE(int(ids.size()), 2 + 5 /* café in UTF-8 */ + 1 /* space */ + 3);
    }

    void tokenizeLaysOutLikeClip() {
        const WordByteTokenizer t({"a", "star"});
        const auto row = t.tokenize(QStringLiteral("a star"), 8);
        QCOMPARE(row, (std::vector<std::int64_t>{t.startOfText(), 257, 258, t.endOfText(), 0, 0, 0, 0}));
        QCOMPARE(*std::max_element(row.begin(), row.end()), std::int64_t(t.endOfText()));
        const auto cut = t.tokenize(QStringLiteral("a star a star a star a star"), 5);
        QCOMPARE(cut.size(), size_t(5));
        QCOMPARE(cut.back(), std::int64_t(t.endOfText()));
        QCOMPARE(t.vocabularySize(), 257 + 2 + 2);
    }

    void captionVocabularyCoversEveryCaption() {
        const WordByteTokenizer t(captionVocabulary());
        for (std::uint64_t i = 0; i < 300; ++i) {
            const WorldSample s = generateSample(9, i, WorldOptions{48, 1.0});
            for (int id : t.encode(s.caption))  // words are whole tokens; only punctuation is a byte
                QVERIFY2(id >= WordByteTokenizer::kFirstWord || !QChar(id - WordByteTokenizer::kFirstByte).isLetterOrNumber(),
                         qPrintable(s.caption));
        }
    }
};

QTEST_MAIN(TestWordByteTokenizer)
#include "tst_wordbytetokenizer.moc"
