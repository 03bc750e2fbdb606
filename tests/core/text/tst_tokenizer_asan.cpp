// The tokenizer's text handling under AddressSanitizer + UBSan: a subset of the reference
// cases, edge inputs for the HTML and mojibake rules, and random byte strings (mostly invalid
// UTF-8, fixed seed) — each must encode to ids inside the vocabulary, tokenize to a full row
// and decode, without a sanitizer report.

#include "TestSupport.h"
#include "TokenizerCases.h"
#include "text/BpeTokenizer.h"
#include "text/TextCleaner.h"

#include <QtTest>

#include <random>
#include <thread>

using ms::BpeTokenizer;

namespace {

void checkIds(const BpeTokenizer& tok, const std::string& text) {
    const std::vector<int> ids = tok.encode(text);
    for (int id : ids) QVERIFY(id >= 0 && id < tok.vocabulary().size());
    const auto row = tok.tokenize(text);
    QCOMPARE(row.size(), std::size_t(77));
    QCOMPARE(row.front(), std::int64_t(BpeTokenizer::kStartOfText));
    (void)tok.decode(ids);
}

}  // namespace

class TestTokenizerAsan : public QObject {
    Q_OBJECT
    std::unique_ptr<BpeTokenizer> mTok;

private Q_SLOTS:
    void initTestCase() {
        mTok = std::make_unique<BpeTokenizer>(
            BpeTokenizer::fromFile(ms::test::vocabularyFixture().toStdString()));
    }

    void referenceSubset() {
        int checked = 0;
        for (const auto& c : ms::test::tokenizerCases()) {
            const bool interesting = c.ftfySensitive || c.category == "html" || c.category == "long" ||
                                     c.category == "random_unicode" || c.category == "special";
            if (!interesting && c.line % 4 != 0) continue;
            const std::vector<int> ids = mTok->encode(c.text);
            QVERIFY(ids == c.ids || (c.ftfySensitive && ids == c.idsWithoutFtfy));
            QCOMPARE(mTok->decode(c.ids), c.decoded);
            ++checked;
        }
        QVERIFY(checked > 150);
    }

    void edgeInputs() {
        const std::vector<std::string> inputs = {"",
                                                 "&",
                                                 "&#",
                                                 "&#x",
                                                 "&#;",
                                                 std::string(5000, '&'),
                                                 "&#" + std::string(200, '9') + ";",
                                                 "&#x" + std::string(200, 'f'),
                                                 "&" + std::string(100, 'a') + ";",
                                                 "&notit",
                                                 "&amp;amp;amp;amp;",
                                                 "\x1b[",
                                                 "\x1b[" + std::string(300, ';'),
                                                 std::string("\0\0\0", 3),
                                                 "\xc3",
                                                 "\xc3\xa9\xc3",
                                                 "\xc3\x83\xc2",
                                                 "\xe2\x82\xac\xe2\x80",
                                                 std::string(3000, '\x85'),
                                                 "<|startoftext|><|endoftext|",
                                                 "'",
                                                 "''''",
                                                 "'s's's",
                                                 std::string(2000, 'a'),
                                                 "\xef\xbf\xbd\xef\xbf\xbd",
                                                 "\xf4\x8f\xbf\xbf\xf4\x90\x80\x80"};
        for (const std::string& s : inputs) checkIds(*mTok, s);
    }

    void randomBytes() {
        std::mt19937 rng(20240229);
        std::uniform_int_distribution<int> length(0, 96), byte(0, 255), pick(0, 9);
        const char specials[] = "&#;<>'x\x1b[ \n\r";
        for (int n = 0; n < 3000; ++n) {
            std::string s;
            const int len = length(rng);
            for (int i = 0; i < len; ++i) {
                const int p = pick(rng);
                if (p < 5)
                    s.push_back(static_cast<char>(byte(rng)));
                else if (p < 7)
                    s.push_back(static_cast<char>(0xC2 + byte(rng) % 0x30));  // lead bytes
                else
                    s.push_back(specials[byte(rng) % (sizeof specials - 1)]);
            }
            checkIds(*mTok, s);
            (void)ms::TextCleaner::cleanUtf8(s);
        }
    }

    void concurrentEncoding() {
        const auto& cases = ms::test::tokenizerCases();
        std::vector<std::vector<int>> expected;
        for (const auto& c : cases) expected.push_back(mTok->encode(c.text));
        mTok->clearCache();
        mTok->setCacheCapacity(64);  // small: threads race on clearing and refilling it
        std::vector<int> mismatches(4, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (std::size_t i = 0; i < cases.size(); ++i) {
                    const std::size_t k = (i * 7 + static_cast<std::size_t>(t) * 101) % cases.size();
                    if (mTok->encode(cases[k].text) != expected[k]) ++mismatches[static_cast<std::size_t>(t)];
                }
            });
        for (auto& th : threads) th.join();
        QCOMPARE(mismatches, std::vector<int>(4, 0));
    }
};

QTEST_GUILESS_MAIN(TestTokenizerAsan)
#include "tst_tokenizer_asan.moc"
