// CLIP BPE tokenizer against the reference: all 463 cases of tokenizer_cases.jsonl (ids,
// clip.tokenize rows, the cleaned text, decode), the cleaning rules one by one, the vocabulary
// file and where it is looked for.

#include "TestSupport.h"
#include "TokenizerCases.h"
#include "text/BpeTokenizer.h"
#include "text/HtmlEntities.h"
#include "text/TextCleaner.h"
#include "text/UnicodeProps.h"
#include "text/Utf8.h"
#include "text/VocabularyLocator.h"
#include "util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <optional>

using ms::BpeTokenizer;
using ms::BpeVocabulary;
using ms::TextCleaner;
using ms::test::TokenizerCase;
using ms::test::tokenizerCases;

namespace {

QString show(const std::vector<int>& ids) {
    QStringList parts;
    for (int id : ids) parts << QString::number(id);
    return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

std::string withoutSpaces(const std::string& s) {
    std::string out;
    for (char32_t c : ms::text::decodeUtf8(s))
        if (!ms::text::isPySpace(c)) ms::text::appendUtf8(out, c);
    return out;
}

void writeGzip(const QString& path, const std::string& content) {
    gzFile f = gzopen(path.toLocal8Bit().constData(), "wb");
    QVERIFY(f);
    QCOMPARE(gzwrite(f, content.data(), static_cast<unsigned>(content.size())),
             static_cast<int>(content.size()));
    gzclose(f);
}

void writeFile(const QString& path, const QByteArray& content) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

template <typename F>
QString errorOf(F&& f) {
    try {
        f();
    } catch (const ms::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

    std::optional<BpeTokenizer> mTokenizer;

    void addCaseRows() {
        QTest::addColumn<int>("index");
        const auto& cases = tokenizerCases();
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::addRow("%d:%s", cases[i].line, cases[i].category.c_str()) << static_cast<int>(i);
    }
    const TokenizerCase& caseAt(int index) { return tokenizerCases()[static_cast<std::size_t>(index)]; }
    const BpeTokenizer& tok() { return *mTokenizer; }

private Q_SLOTS:
    void initTestCase() {
        mTokenizer.emplace(BpeTokenizer::fromFile(ms::test::vocabularyFixture().toStdString()));
        QCOMPARE(tokenizerCases().size(), std::size_t(463));
    }

    void vocabularyLayout() {
        const BpeVocabulary& v = tok().vocabulary();
        QCOMPARE(v.size(), 49408);
        QCOMPARE(v.symbol(0), std::string("!"));  // bytes_to_unicode order: '!' first
        QCOMPARE(v.symbol(93), std::string("~"));
        QCOMPARE(v.symbol(94), std::string("\u00a1"));   // then ¡..¬, ®..ÿ
        QCOMPARE(v.symbol(188), std::string("\u0100"));  // then byte 0 as U+0100
        QCOMPARE(v.symbol(256), std::string("!</w>"));
        QCOMPARE(v.symbol(512), std::string("in"));            // line 2 of the merges file
        QCOMPARE(v.symbol(49405), std::string("jekyll</w>"));  // line 48895
        QCOMPARE(v.symbol(49406), std::string("<|startoftext|>"));
        QCOMPARE(v.symbol(49407), std::string("<|endoftext|>"));
        QCOMPARE(v.byteSymbol(' ', false), 188 + 32);
        QCOMPARE(v.bytes(v.byteSymbol(0xE9, true)), std::string("\xE9</w>"));
        int rank = -1, merged = -1;
        QVERIFY(v.merge(v.idOf("i"), v.idOf("n"), rank, merged));
        QCOMPARE(rank, 0);
        QCOMPARE(merged, 512);
        QVERIFY(!v.merge(v.idOf("q"), v.idOf("z</w>"), rank, merged));
    }

    // clip.tokenize rows and SimpleTokenizer.encode ids; ftfy-dependent cases may match either
    // the reference with ftfy or the reference with ftfy replaced by the identity.
    void cases_data() { addCaseRows(); }
    void cases() {
        QFETCH(int, index);
        const TokenizerCase& c = caseAt(index);
        const std::vector<std::int64_t> row = tok().tokenize(c.text);
        const std::vector<int> row32(row.begin(), row.end());
        QCOMPARE(show(row32), show(c.tokenized77));
        const std::vector<int> ids = tok().encode(c.text);
        if (!c.ftfySensitive)
            QCOMPARE(show(ids), show(c.ids));
        else if (ids != c.ids)
            QCOMPARE(show(ids), show(c.idsWithoutFtfy));
    }

    // Everything after ftfy must agree exactly: the reference with fix_text as the identity.
    void casesWithoutFtfy_data() { addCaseRows(); }
    void casesWithoutFtfy() {
        QFETCH(int, index);
        const TokenizerCase& c = caseAt(index);
        TextCleaner::Options raw;
        raw.fixText = false;
        QCOMPARE(show(tok().encode(c.text, raw)), show(c.idsWithoutFtfy));
    }

    void decode_data() { addCaseRows(); }
    void decode() {
        QFETCH(int, index);
        const TokenizerCase& c = caseAt(index);
        QCOMPARE(tok().decode(c.ids), c.decoded);
        // Round trip: decoding what we encode gives back the cleaned text, words spaced out.
        QCOMPARE(withoutSpaces(tok().decode(tok().encode(c.text))),
                 withoutSpaces(TextCleaner::cleanUtf8(c.text)));
    }

    // The cleaned text equals the reference's wherever the ids do not depend on ftfy, and for
    // the ftfy-dependent cases whose ids we reproduce.
    void normalized_data() {
        QTest::addColumn<int>("index");
        const auto& cases = tokenizerCases();
        for (std::size_t i = 0; i < cases.size(); ++i)
            if (!cases[i].ftfySensitive || tok().encode(cases[i].text) == cases[i].ids)
                QTest::addRow("%d:%s", cases[i].line, cases[i].category.c_str()) << static_cast<int>(i);
    }
    void normalized() {
        QFETCH(int, index);
        const TokenizerCase& c = caseAt(index);
        QCOMPARE(QString::fromStdString(TextCleaner::cleanUtf8(c.text)),
                 QString::fromStdString(c.normalized));
    }

    void exactMatchSummary() {
        int exact = 0, sensitive = 0, sensitiveExact = 0, normalizedExact = 0;
        const auto& cases = tokenizerCases();
        for (const TokenizerCase& c : cases) {
            const bool same = tok().encode(c.text) == c.ids;
            exact += same;
            sensitive += c.ftfySensitive;
            sensitiveExact += c.ftfySensitive && same;
            normalizedExact += TextCleaner::cleanUtf8(c.text) == c.normalized;
        }
        qInfo(
            "tokenizer cases matching the reference ids exactly: %d/%d (ftfy-sensitive: %d/%d); "
            "cleaned text identical: %d/%d",
            exact, int(cases.size()), sensitiveExact, sensitive, normalizedExact, int(cases.size()));
        QCOMPARE(sensitive, 49);
        QCOMPARE(exact - sensitiveExact, int(cases.size()) - sensitive);
        // All of them are reproduced today; keep it that way.
        QCOMPARE(sensitiveExact, sensitive);
    }

    void tokenizeContext() {
        std::string words;
        for (int i = 0; i < 100; ++i) words += "cat ";
        const auto row = tok().tokenize(words, 10);
        QCOMPARE(row.size(), std::size_t(10));
        QCOMPARE(row.front(), std::int64_t(BpeTokenizer::kStartOfText));
        QCOMPARE(row.back(), std::int64_t(BpeTokenizer::kEndOfText));
        QVERIFY(!errorOf([&] { tok().tokenize(words, 77, false); }).isEmpty());
        QVERIFY(errorOf([&] { tok().tokenize("a cat", 77, false); }).isEmpty());
        QVERIFY(!errorOf([&] { tok().tokenize("a cat", 0); }).isEmpty());
        const auto padded = tok().tokenize("", 5);
        QCOMPARE(padded, (std::vector<std::int64_t>{49406, 49407, 0, 0, 0}));
        const auto batch = tok().tokenizeBatch({"a", "b c"}, 6);
        QCOMPARE(batch.size(), std::size_t(12));
        QCOMPARE(batch[6], std::int64_t(49406));
        QVERIFY(!errorOf([&] { tok().decode({49408}); }).isEmpty());
        QVERIFY(!errorOf([&] { tok().decode({-1}); }).isEmpty());
    }

    void cacheDoesNotChangeResults() {
        const BpeTokenizer cached = *mTokenizer;  // shares the warm cache
        BpeTokenizer uncached = BpeTokenizer::fromFile(ms::test::vocabularyFixture().toStdString());
        uncached.setCacheCapacity(0);
        for (const TokenizerCase& c : tokenizerCases())
            QCOMPARE(uncached.encode(c.text), cached.encode(c.text));
        QCOMPARE(uncached.cacheSize(), std::size_t(0));
        uncached.setCacheCapacity(3);  // tiny: emptied again and again
        for (const TokenizerCase& c : tokenizerCases())
            QCOMPARE(uncached.encode(c.text), cached.encode(c.text));
        QVERIFY(uncached.cacheSize() <= 3);
    }

    // html.unescape's rules, beyond what the cases exercise.
    void htmlUnescape_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("legacy without ;") << "&eacutex &lt3" << QString::fromUtf8("\u00e9x <3");
        QTest::newRow("longest legacy prefix") << "&notit; &ampere" << QString::fromUtf8("\u00acit; &ere");
        QTest::newRow("non-legacy needs ;") << "&hearts &hearts;" << QString::fromUtf8("&hearts \u2665");
        QTest::newRow("C1 as windows-1252")
            << "&#150;&#x80;&#129;" << QString::fromUtf8("\u2013\u20ac\u0081");
        QTest::newRow("invalid dropped") << "a&#1;b&#x7f;c&#xFFFE;d"
                                         << "abcd";
        QTest::newRow("out of range")
            << "&#x110000;&#xD800;&#99999999999999999999;" << QString::fromUtf8("\ufffd\ufffd\ufffd");
        QTest::newRow("decimal before hex") << "&#0x41;" << QString::fromUtf8("\ufffdx41;");
        QTest::newRow("no digits") << "&#x; &#; & ;"
                                   << "&#x; &#; & ;";
        QTest::newRow("CR kept") << "a&#13;b"
                                 << "a\rb";
        QTest::newRow("upper alias") << "&AMP;&COPY" << QString::fromUtf8("&\u00a9");
        QTest::newRow("case matters") << "&Eacute;&EAcute;" << QString::fromUtf8("\u00c9&EAcute;");
        QTest::newRow("lang is HTML5's") << "&lang;" << QString::fromUtf8("\u27e8");
    }
    void htmlUnescape() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const std::u32string out = ms::text::htmlUnescape(input.toStdU32String());
        QCOMPARE(QString::fromStdU32String(out), expected);
    }

    // ftfy's stricter rules: ';' required, all-capital spellings decoded.
    void htmlUnescapeTerminated() {
        auto run = [](const char* s) {
            return QString::fromStdU32String(
                ms::text::htmlUnescapeTerminated(QString::fromUtf8(s).toStdU32String()));
        };
        QCOMPARE(run("&amp &amp; &not that"), QStringLiteral("&amp & &not that"));
        QCOMPARE(run("P&EACUTE;REZ STRA&SZLIG;E"), QString::fromUtf8("P\u00c9REZ STRASSE"));
        QCOMPARE(run("&nTILDE; &#x41; &#12ab;"), QStringLiteral("&nTILDE; A &#12ab;"));
    }

    void cleanerRules_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("final sigma") << QString::fromUtf8("\u039f\u0394\u039f\u03a3 \u03a3")
                                     << QString::fromUtf8("\u03bf\u03b4\u03bf\u03c2 \u03c3");
        QTest::newRow("dotted I") << QString::fromUtf8("\u0130") << QString::fromUtf8("i\u0307");
        QTest::newRow("strip vs \\s")
            << QString::fromUtf8("\u001fa\u2009\u2009b\u200b") << QString::fromUtf8("a b\u200b");
        QTest::newRow("ligature one level") << QString::fromUtf8("\ufb05") << QString::fromUtf8("\u017ft");
        QTest::newRow("ANSI escape") << "\x1b[1;31mred\x1b[0m"
                                     << "red";
        QTest::newRow("double mojibake")
            << QString::fromUtf8("\u00c3\u0083\u00c2\u00a9t\u00c3\u0083\u00c2\u00a9")
            << QString::fromUtf8("\u00e9t\u00e9");
        QTest::newRow("mojibake beside CJK")
            << QString::fromUtf8("\u732b caf\u00c3\u00a9") << QString::fromUtf8("\u732b caf\u00e9");
        QTest::newRow("real accents kept")
            << QString::fromUtf8("Bront\u00eb\u2026\u201d") << QString::fromUtf8("bront\u00eb\u2026\"");
        QTest::newRow("not UTF-8 after all")
            << QString::fromUtf8("Nestl\u00e9\u00ae\u2122") << QString::fromUtf8("nestl\u00e9\u00ae\u2122");
        QTest::newRow("entities only without <") << "&amp;amp;lt; x"
                                                 << "< x";
        QTest::newRow("markup keeps one level") << "<b>&amp;amp;lt;</b>"
                                                << "<b>&lt;</b>";
        QTest::newRow("CRLF and NEL") << "a\r\n\x7f"
                                         "b"
                                      << "a b";
    }
    void cleanerRules() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const std::string out = TextCleaner::cleanUtf8(input.toStdString());
        QCOMPARE(QString::fromStdString(out), expected);
    }

    void malformedUtf8() {
        const std::string bad("a\xff\xe2\x82 \xed\xa0\x80z", 9);
        QCOMPARE(QString::fromStdU32String(ms::text::decodeUtf8(bad)),
                 QString::fromUtf8("a\ufffd\ufffd \ufffd\ufffd\ufffdz"));
        QVERIFY(!tok().encode(bad).empty());
    }

    void vocabularyFileErrors() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath("none.txt.gz");
        QVERIFY(errorOf([&] { BpeVocabulary::fromFile(missing.toStdString()); }).contains(missing));
        const QString plain = dir.filePath("plain.txt.gz");
        writeFile(plain, "#version: 0.2\ni n\n");
        QVERIFY(errorOf([&] { BpeVocabulary::fromFile(plain.toStdString()); }).contains("not a gzip file"));
        const QString few = dir.filePath("few.txt.gz");
        writeGzip(few, "#version: 0.2\ni n\nt h\n");
        QVERIFY(errorOf([&] { BpeVocabulary::fromFile(few.toStdString()); }).contains("holds 2 merges"));
        const QString garbage = dir.filePath("garbage.txt.gz");
        writeGzip(garbage, "#version: 0.2\ni n\nnonsense\n");
        QVERIFY(errorOf([&] { BpeVocabulary::fromFile(garbage.toStdString()); }).contains("line 3"));
    }

    void locateVocabulary() {
        QTemporaryDir modelDir, cacheDir, emptyDir;
        const QByteArray savedEnv = qgetenv("MULTISCOPE_MODEL_DIR");
        const bool hadEnv = qEnvironmentVariableIsSet("MULTISCOPE_MODEL_DIR");
        const std::string model = modelDir.filePath("weights.safetensors").toStdString();
        const QString besideModel = modelDir.filePath(ms::kBpeVocabularyFileName);
        const QString inCache = cacheDir.filePath(ms::kBpeVocabularyFileName);

        // An explicit path that is not there: the error names it.
        const QString given = emptyDir.filePath("my_vocab.txt.gz");
        QVERIFY(errorOf([&] { ms::findBpeVocabulary(given.toStdString(), model); }).contains(given));

        // Nothing anywhere: the error lists the model's folder and the cache folder.
        qputenv("MULTISCOPE_MODEL_DIR", emptyDir.path().toUtf8());
        const QString none = errorOf([&] { ms::findBpeVocabulary("", model); });
        QVERIFY2(none.contains(besideModel) && none.contains(emptyDir.filePath(ms::kBpeVocabularyFileName)),
                 qPrintable(none));

        // The cache folder from $MULTISCOPE_MODEL_DIR.
        writeFile(inCache, "x");
        qputenv("MULTISCOPE_MODEL_DIR", cacheDir.path().toUtf8());
        QCOMPARE(QString::fromStdString(ms::findBpeVocabulary("", model)), inCache);
        QCOMPARE(QString::fromStdString(ms::findBpeVocabulary("", "")), inCache);

        // Beside the model file wins over the cache; an explicit path wins over both.
        writeFile(besideModel, "x");
        QCOMPARE(QString::fromStdString(ms::findBpeVocabulary("", model)), besideModel);
        QCOMPARE(QString::fromStdString(ms::findBpeVocabulary(inCache.toStdString(), model)), inCache);

        // Without the variable: ~/.cache/clip.
        qunsetenv("MULTISCOPE_MODEL_DIR");
        const auto places = ms::bpeVocabularyCandidates("");
        QCOMPARE(places.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(places[0]).endsWith(
            QStringLiteral("/.cache/clip/bpe_simple_vocab_16e6.txt.gz")));
        if (hadEnv) qputenv("MULTISCOPE_MODEL_DIR", savedEnv);
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
