// Rendered words, offscreen, on the rn_tiny reference model with a small dictionary: the
// table is scored in the background with progress in the panel, then the unit's best words
// show best first with the scores of the core table; another unit of the same layer shows at
// once (no job); a second panel reads the disk cache; the text probe ranks units by z-score
// and a double-click on one goes there; a word-list file replaces the default list.

#include "TinyModelSession.h"

#include "analysis/RenderedWords.h"
#include "explorer/FoldersDock.h"
#include "explorer/RenderedWordsDock.h"
#include "analysis/ModelInput.h"
#include "analysis/ModelText.h"
#include "analysis/ZeroShot.h"
#include "index/IndexReader.h"
#include "model/ClipModelTorch.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"
#include "model/ModelBundle.h"

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QTableWidget>
#include <QTemporaryDir>

#include <torch/torch.h>

using namespace ms;

namespace {

const QStringList kDictionary = {"star",  "stars", "starry", "fish",  "fishes", "fished", "fishing", "house", "houses",
                                 "housed", "tree", "trees", "moon",  "moons", "cup",    "cups",    "key",   "keys",
                                 "sun",   "suns",  "sunny", "cloud", "clouds", "cloudy", "arrow", "arrows", "heart",
                                 "hearts", "eye",  "eyes",  "eyed",  "bird",   "birds",  "river", "rivers", "rock", "rocks"};

}  // namespace

class TestRenderedWordsDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::TinyModelSession m_tiny;
    QString m_layer;

    void writeLines(const QString& name, const QStringList& lines) {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(lines.join(QLatin1Char('\n')).toUtf8());
    }

private Q_SLOTS:
    void initTestCase() {
        test::useEmptyTestAppData();
        writeLines(QStringLiteral("dict"), kDictionary);
        qputenv("MULTISCOPE_DICTIONARY", m_dir.filePath(QStringLiteral("dict")).toUtf8());
        qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        QVERIFY(m_tiny.load());
        m_layer = QString::fromStdString(m_tiny.session->bundle()->defaultLayer());
    }

    void wordsOfAUnitThenTheCache() {
        const QStringList words = defaultRenderedWords(*m_tiny.session->bundle());
        QVERIFY(words.size() >= 12 && words.size() <= kDictionary.size());
        const RenderedWordsTable expected = scoreRenderedWords(*m_tiny.session->bundle(), m_layer.toStdString(), words);

        RenderedWordsDock dock(m_tiny.session.get());
        dock.show();
        QSignalSpy shown(&dock, &RenderedWordsDock::wordsShown);
        dock.setUnit(m_layer, 3);
        QVERIFY(dock.findChild<QProgressBar*>()->isVisible());  // scoring, in this panel
        QVERIFY(shown.wait(60'000));
        QVERIFY(!dock.findChild<QProgressBar*>()->isVisible());
        QCOMPARE(dock.shownWords().size(), std::min<int>(RenderedWordsDock::kShownWords, words.size()));
        const auto top = expected.topWords(3, 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(dock.shownWords()[i], expected.words[top[size_t(i)].first]);
            QCOMPARE(dock.wordTable()->item(i, 1)->text(), QString::number(double(top[size_t(i)].second), 'f', 3));
        }

        dock.setUnit(m_layer, 7);  // the layer's table is here: shown at once
        QCOMPARE(shown.count(), 2);
        QCOMPARE(dock.shownWords().first(), expected.words[expected.topWords(7, 1)[0].first]);

        RenderedWordsDock second(m_tiny.session.get());
        QSignalSpy fromCache(&second, &RenderedWordsDock::wordsShown);
        second.setUnit(m_layer, 3);
        QVERIFY(fromCache.wait(30'000));
        QVERIFY(second.findChild<QLabel*>(QStringLiteral("status"))->text().contains(QStringLiteral("cache")));
        QCOMPARE(second.shownWords().first(), expected.words[top[0].first]);
    }

    void textProbeRanksUnitsAndGoesThere() {
        RenderedWordsDock dock(m_tiny.session.get());
        dock.show();
        QSignalSpy shown(&dock, &RenderedWordsDock::wordsShown);
        dock.setUnit(m_layer, 0);
        QVERIFY(shown.wait(30'000));
        QSignalSpy probed(&dock, &RenderedWordsDock::conceptProbed);
        auto* box = dock.findChild<QLineEdit*>(QStringLiteral("conceptBox"));
        box->setFocus();
        QTest::keyClicks(box, QStringLiteral("umbrella"));
        QTest::keyClick(box, Qt::Key_Return);
        QVERIFY(probed.wait(30'000));
        QTableWidget* units = dock.unitTable();
        QCOMPARE(units->rowCount(), 20);
        QCOMPARE(units->horizontalHeaderItem(1)->text(), QStringLiteral("z"));
        // The z-scores the core ranks by, highest first.
        const RenderedWordsTable words = scoreRenderedWords(*m_tiny.session->bundle(), m_layer.toStdString(),
                                                            defaultRenderedWords(*m_tiny.session->bundle()));
        const RenderedWordsTable concept = scoreRenderedWords(*m_tiny.session->bundle(), m_layer.toStdString(), {"umbrella"});
        const auto ranked = words.rankUnits(concept.scores, 20);
        for (int row = 0; row < 20; ++row) {
            QCOMPARE(units->item(row, 0)->data(Qt::UserRole).toInt(), ranked[size_t(row)].first);
            if (row > 0) QVERIFY(units->item(row, 1)->text().toDouble() <= units->item(row - 1, 1)->text().toDouble());
        }
        QSignalSpy activated(&dock, &RenderedWordsDock::unitActivated);
        const QRect cell = units->visualItemRect(units->item(2, 0));
        QTest::mouseClick(units->viewport(), Qt::LeftButton, {}, cell.center());  // a double-click's first press
        QTest::mouseDClick(units->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(0).toString(), m_layer);
        QCOMPARE(activated.first().at(1).toInt(), ranked[2].first);
    }

    void zeroShotNeuronSearchByDatasetExamples() {
        const QString pictures = m_dir.filePath(QStringLiteral("pictures"));
        writeWorldFolder(pictures, 30, 4, WorldOptions{64, 1.0}, 1);
        FoldersDock folders(m_tiny.session.get());
        QSignalSpy indexed(&folders, &FoldersDock::folderIndexed);
        folders.addFolder(pictures);
        QVERIFY(indexed.wait(120'000));
        const QString indexDir = indexed.first().at(1).toString();

        RenderedWordsDock dock(m_tiny.session.get(), &folders);
        QSignalSpy searched(&dock, &RenderedWordsDock::conceptSearched);
        dock.probeConcept(QStringLiteral("a red star"));
        QVERIFY(searched.wait(120'000));
        QTableWidget* table = dock.searchTable();
        QCOMPARE(table->rowCount(), 20);
        for (int row = 1; row < 20; ++row)
            QVERIFY(table->item(row, 1)->text().toDouble() <= table->item(row - 1, 1)->text().toDouble());

        // The best unit's score, recomputed: the mean cosine similarity of its top 8 pictures'
        // image embeddings with the concept's text embedding (the model's templates averaged).
        const auto bundle = m_tiny.session->bundle();
        const ClipNetwork& net = bundle->model().network();
        const int unit = table->item(0, 0)->data(Qt::UserRole).toInt();
        c10::InferenceMode inference;
        std::vector<at::Tensor> inputs;
        for (const TopHit& hit : IndexReader::open(indexDir.toStdString())->top(m_layer.toStdString(), unit, 8))
            inputs.push_back(modelInputFromFile(QDir(pictures).filePath(QString::fromStdString(hit.path)).toStdString(), bundle->descriptor()));
        at::Tensor images = net.encodeImage(torch::stack(inputs));
        images = images / images.norm(2, 1, true);
        const ZeroShotClassifier text(net, tokenizeFnFor(*bundle), {QStringLiteral("a red star")}, promptTemplatesFor(*bundle));
        const double expected = images.matmul(text.labelEmbeddings()[0]).mean().item<double>();
        QVERIFY2(std::abs(table->item(0, 1)->text().toDouble() - expected) < 2e-3,
                 qPrintable(QStringLiteral("%1 vs %2").arg(table->item(0, 1)->text()).arg(expected)));

        // The pictures' embeddings are cached: a second search gives the same ranking.
        QVERIFY(!QDir(m_dir.filePath(QStringLiteral("cache/multiscope/embeddings"))).isEmpty());
        const QString first = table->item(0, 0)->text();
        dock.probeConcept(QStringLiteral("a red star"));
        QVERIFY(searched.wait(60'000));
        QCOMPARE(table->item(0, 0)->text(), first);

        QSignalSpy activated(&dock, &RenderedWordsDock::unitActivated);
        Q_EMIT table->cellDoubleClicked(0, 0);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(1).toInt(), unit);
    }

    void aWordListFileReplacesTheDefault() {
        writeLines(QStringLiteral("mine.txt"), {"alpha", "beta", "gamma"});
        RenderedWordsDock dock(m_tiny.session.get());
        QSignalSpy shown(&dock, &RenderedWordsDock::wordsShown);
        dock.setUnit(m_layer, 1);
        QVERIFY(shown.wait(30'000));
        dock.setWordListFile(m_dir.filePath(QStringLiteral("mine.txt")));
        QVERIFY(shown.wait(30'000));
        QStringList got = dock.shownWords();
        got.sort();
        QCOMPARE(got, (QStringList{"alpha", "beta", "gamma"}));
    }
};

QTEST_MAIN(TestRenderedWordsDock)
#include "tst_renderedwordsdock.moc"
