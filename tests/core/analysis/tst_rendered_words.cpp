// Rendered words: the common-word list follows its rule and is deterministic; a word is drawn
// in four distinct, legible styles; the sliced job gives the same table as scoring in one go,
// caches it per model, layer and list (a damaged cache file is recomputed, not trusted); the
// rankings order as documented; text-tower and unknown layers are refused.

#include "TestSupport.h"

#include "analysis/RenderedWords.h"
#include "jobs/Feedback.h"
#include "model/ModelBundle.h"
#include "text/CommonWords.h"
#include "util/Error.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ms;

namespace {

std::shared_ptr<const ModelBundle> tinyModel() {
    ModelSpec spec;
    spec.model = test::fixturePath(QStringLiteral("clip/rn_tiny/weights.safetensors")).toStdString();
    return std::make_shared<const ModelBundle>(ModelBundle::load(spec));
}

const QStringList kWords = {"star", "fish", "umbrella", "key", "house", "tree", "moon", "cup", "spider", "sun"};

void writeLines(const QString& path, const QStringList& lines) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(lines.join(QLatin1Char('\n')).toUtf8());
}

int countSteps(RenderedWordsJob& job, Feedback& feedback) {
    int steps = 1;
    while (job.step(feedback) == Job::Step::MoreWork) ++steps;
    return steps;
}

}  // namespace

class TestRenderedWords : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commonWordsFollowTheirRule() {
        QTemporaryDir dir;
        const QString dict = dir.filePath(QStringLiteral("dict"));
        // walk has 4 forms (walks, walked, walking, walker), bake 3 (bakes, baked, baking by the
        // e-rule), cat 2, walker 1 (walker's); ox is too short, Paris a proper noun, jump's not a
        // plain word; the words with no forms follow, shortest first.
        writeLines(dict, {"walk", "walks", "walked", "walking", "walker", "walker's", "bake", "bakes", "baked", "baking",
                          "cat", "cats", "cat's", "ox", "Paris", "Paris's", "zyx", "jump's"});
        QCOMPARE(commonEnglishWords(dict, 5), (QStringList{"walk", "bake", "cat", "walker", "zyx"}));
        QCOMPARE(commonEnglishWords(dict, 2), (QStringList{"walk", "bake"}));
        QVERIFY_THROWS_EXCEPTION(Error, commonEnglishWords(dir.filePath(QStringLiteral("missing"))));
    }

    void commonWordsFromTheDebianDictionary() {
        const QString dict = defaultDictionaryPath();
        QVERIFY2(QFile::exists(dict), qPrintable(dict + " is missing: install wamerican (packaging/setup-deps.sh)"));
        const QStringList words = commonEnglishWords();
        QCOMPARE(words.size(), kCommonWordCount);
        QCOMPARE(commonEnglishWords(), words);  // deterministic
        const QSet<QString> unique(words.begin(), words.end());
        QCOMPARE(unique.size(), words.size());
        const QRegularExpression plain(QStringLiteral("^[a-z]{3,10}$"));
        for (const QString& w : words) QVERIFY2(plain.match(w).hasMatch(), qPrintable(w));
        for (const char* everyday : {"house", "water", "light", "work"}) QVERIFY2(words.contains(QLatin1String(everyday)), everyday);

        QCOMPARE(mergeWordLists({"Star", "fish"}, {"star", "house", "fish", "tree"}), (QStringList{"Star", "fish", "house", "tree"}));
    }

    void aWordIsDrawnInFourStyles() {
        const auto images = renderedWordImages(QStringLiteral("umbrella"), 64);
        QCOMPARE(int(images.size()), kRenderedWordStyles);
        for (size_t i = 0; i < images.size(); ++i) {
            QCOMPARE(images[i].size(), QSize(64, 64));
            // Ink and paper: many colours after antialiasing, not a blank page.
            QSet<QRgb> colours;
            for (int y = 0; y < 64; ++y)
                for (int x = 0; x < 64; ++x) colours.insert(images[i].pixel(x, y));
            QVERIFY(colours.size() > 8);
            for (size_t j = 0; j < i; ++j) QVERIFY(images[i] != images[j]);
        }
        QCOMPARE(renderedWordImages(QStringLiteral("umbrella"), 64)[2], images[2]);  // deterministic
        QVERIFY(renderedWordImages(QStringLiteral("key"), 64)[0] != images[0]);
    }

    void slicedJobMatchesOneGoAndCaches() {
        const auto bundle = tinyModel();
        const std::string layer = "visual.layer3";
        const RenderedWordsTable whole = scoreRenderedWords(*bundle, layer, kWords);
        QCOMPARE(whole.words, kWords);
        QCOMPARE(whole.units, int(bundle->descriptor().find(layer)->units));
        QCOMPARE(whole.scores.size(), std::size_t(kWords.size()) * whole.units);

        QTemporaryDir cache;
        Feedback feedback;
        RenderedWordsJob job(bundle, RenderedWordsRequest{layer, kWords, cache.path(), 3, false});
        QCOMPARE(countSteps(job, feedback), 4);  // 10 words, 3 per slice
        const auto first = std::dynamic_pointer_cast<const RenderedWordsOutput>(job.takeResult());
        QVERIFY(first && !first->fromCache);
        for (std::size_t i = 0; i < whole.scores.size(); ++i)  // batching changes float noise only
            QVERIFY(std::abs(first->table.scores[i] - whole.scores[i]) <= 1e-4f * (1 + std::abs(whole.scores[i])));

        const QString path = renderedWordsCachePath(cache.path(), bundle->descriptor().contentHash, layer, kWords);
        QVERIFY(QFile::exists(path));
        RenderedWordsJob again(bundle, RenderedWordsRequest{layer, kWords, cache.path(), 3, false});
        QCOMPARE(countSteps(again, feedback), 1);
        const auto cached = std::dynamic_pointer_cast<const RenderedWordsOutput>(again.takeResult());
        QVERIFY(cached && cached->fromCache);
        QVERIFY(cached->table.scores == first->table.scores);

        // Another list or layer is another file; a damaged file is recomputed.
        QVERIFY(renderedWordsCachePath(cache.path(), bundle->descriptor().contentHash, layer, kWords.mid(1)) != path);
        QVERIFY(renderedWordsCachePath(cache.path(), bundle->descriptor().contentHash, "visual.layer4", kWords) != path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 5));
        f.close();
        QVERIFY(!loadRenderedWords(path, bundle->descriptor().contentHash, layer, kWords));
        RenderedWordsJob repaired(bundle, RenderedWordsRequest{layer, kWords, cache.path(), 5, false});
        QCOMPARE(countSteps(repaired, feedback), 2);
        QVERIFY(loadRenderedWords(path, bundle->descriptor().contentHash, layer, kWords));
        QVERIFY(!loadRenderedWords(path, "another-model", layer, kWords));
    }

    void rankingsOrderAsDocumented() {
        RenderedWordsTable t;
        t.words = {"a", "b", "c", "d"};
        t.units = 2;
        // unit 0: 1, 3, 3, 2   unit 1: 0, 0, 0, 4
        t.scores = {1, 0, 3, 0, 3, 0, 2, 4};
        const auto top = t.topWords(0, 3);
        QCOMPARE(int(top.size()), 3);
        QCOMPARE(top[0].first, 1);  // tie with c: list order
        QCOMPARE(top[1].first, 2);
        QCOMPARE(top[2].first, 3);
        QCOMPARE(t.topWords(1, 10).size(), std::size_t(4));
        // z-scores: unit 0 mean 2.25, sd sqrt(0.6875); unit 1 mean 1, sd sqrt(3).
        const auto ranked = t.rankUnits({3.0f, 4.0f}, 2);
        QCOMPARE(ranked[0].first, 1);
        QVERIFY(std::abs(ranked[0].second - float(3 / std::sqrt(3.0))) < 1e-5f);
        QVERIFY(std::abs(ranked[1].second - float(0.75 / std::sqrt(0.6875))) < 1e-5f);
    }

    void textTowerLayersAreRefused() {
        const auto bundle = tinyModel();
        QVERIFY_THROWS_EXCEPTION(Error, scoreRenderedWords(*bundle, "transformer.resblocks.0", kWords));
        QVERIFY_THROWS_EXCEPTION(Error, scoreRenderedWords(*bundle, "visual.nowhere", kWords));
    }
};

QTEST_MAIN(TestRenderedWords)
#include "tst_rendered_words.moc"
