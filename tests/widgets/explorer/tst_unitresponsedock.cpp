// The unit-response charts, offscreen, on the rn_tiny reference model and an indexed
// generated folder: every picture of the index is in the histogram exactly once; each
// concept's box shows the median and quartiles of the unit's mean scores on that concept's
// pictures (computed here from the index's top list and labels.csv, another path); the word
// dots are the rendered-word scores of the concept names; concepts are ordered by strength; a
// folder without labels still gives a distribution. The charts are grabbed to PNG.

#include "TinyModelSession.h"

#include "analysis/RenderedWords.h"
#include "explorer/FoldersDock.h"
#include "explorer/UnitResponseDock.h"
#include "index/IndexReader.h"
#include "io/NpyTensor.h"
#include "model/ModelBundle.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QChartView>
#include <QLabel>
#include <QTabWidget>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <map>

using namespace ms;

namespace {

float quantile(std::vector<float> v, double q) {
    std::sort(v.begin(), v.end());
    const double at = q * (v.size() - 1);
    const auto lo = size_t(std::floor(at)), hi = size_t(std::ceil(at));
    return float(v[lo] + (at - lo) * (v[hi] - v[lo]));
}

}  // namespace

class TestUnitResponseDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::TinyModelSession m_tiny;

private Q_SLOTS:
    void initTestCase() {
        test::useEmptyTestAppData();
        qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        QVERIFY(m_tiny.load());
        writeWorldFolder(m_dir.filePath(QStringLiteral("pictures")), 60, 8, WorldOptions{64, 1.0}, 1);
    }

    void chartsOfAUnit() {
        FoldersDock folders(m_tiny.session.get());
        QSignalSpy indexed(&folders, &FoldersDock::folderIndexed);
        const QString pictures = m_dir.filePath(QStringLiteral("pictures"));
        folders.addFolder(pictures);
        QVERIFY(indexed.wait(120'000));
        const QString indexDir = indexed.first().at(1).toString();

        UnitResponseDock dock(m_tiny.session.get(), &folders);
        dock.resize(700, 500);
        dock.show();
        QSignalSpy shown(&dock, &UnitResponseDock::responseShown);
        const QString layer = QString::fromStdString(m_tiny.session->bundle()->defaultLayer());
        const int unit = 5;
        dock.setUnit(layer, unit);
        QVERIFY(shown.wait(60'000));

        // Expected, from the index's full top list (mean scores) and labels.csv.
        const auto reader = IndexReader::open(indexDir.toStdString());
        const auto hits = reader->top(layer.toStdString(), unit, 1000, false, ScoreKind::Mean);
        std::map<QString, float> scoreOf;
        for (const TopHit& h : hits) scoreOf[QString::fromStdString(h.path)] = h.score;
        std::map<QString, std::vector<float>> byConcept;
        for (const LabelRow& r : readLabels(QDir(pictures).filePath(labelsFileName())))
            if (r.rendition == QLatin1String("photo") || r.rendition == QLatin1String("drawing") || r.rendition == QLatin1String("icon"))
                byConcept[r.concept].push_back(scoreOf.at(r.file));

        int histogramTotal = 0;
        for (const auto& [name, n] : dock.histogramGroups()) histogramTotal += n;
        QCOMPARE(histogramTotal, int(hits.size()));

        const auto& rows = dock.shownConcepts();
        QCOMPARE(int(rows.size()), std::min<int>(UnitResponseDock::kMaxConcepts, int(byConcept.size())));
        QStringList concepts;
        for (const auto& [c, v] : byConcept) concepts << c;
        const RenderedWordsTable words = scoreRenderedWords(*m_tiny.session->bundle(), layer.toStdString(), concepts);
        for (size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            const std::vector<float>& v = byConcept.at(r.concept);
            QCOMPARE(r.pictures, int(v.size()));
            QVERIFY(std::abs(r.pictureMedian - quantile(v, 0.5)) < 1e-6f);
            QVERIFY(std::abs(r.pictureLow - quantile(v, 0.25)) < 1e-6f);
            QVERIFY(std::abs(r.pictureHigh - quantile(v, 0.75)) < 1e-6f);
            const float word = words.score(int(concepts.indexOf(r.concept)), unit);
            QVERIFY2(std::abs(r.word - word) <= 1e-4f * (1 + std::abs(word)), qPrintable(r.concept));
            if (i > 0) QVERIFY(std::max(r.pictureMedian, r.word) <= std::max(rows[i - 1].pictureMedian, rows[i - 1].word));
        }
        // Exports: the chart as SVG with its sidecar, the data as CSV (one row per concept).
        QVERIFY(dock.exportTo(m_dir.filePath(QStringLiteral("chart.svg"))));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("chart.svg.json"))));
        QVERIFY(dock.exportTo(m_dir.filePath(QStringLiteral("chart.csv"))));
        QFile csv(m_dir.filePath(QStringLiteral("chart.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), int(byConcept.size()) + 1);
        QVERIFY(lines[0].startsWith(QStringLiteral("concept,pictures,picture_mean")));
        // The unit on every indexed picture as .npy, the pictures' paths beside it in the same order.
        QSignalSpy exported(&dock, &UnitResponseDock::exported);
        const QString npy = m_dir.filePath(QStringLiteral("unit.npy"));
        QVERIFY(dock.exportTo(npy));
        QVERIFY(exported.wait(60'000));
        QCOMPARE(exported.first().at(0).toString(), npy);
        const at::Tensor column = readNpy(npy.toStdString());
        QCOMPARE(column.scalar_type(), at::kFloat);
        QCOMPARE(column.numel(), int64_t(hits.size()));
        QFile pathsFile(npy + QStringLiteral(".paths.txt"));
        QVERIFY(pathsFile.open(QIODevice::ReadOnly));
        const QStringList paths = QString::fromUtf8(pathsFile.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(paths.size(), int(hits.size()));
        for (int i = 0; i < paths.size(); ++i)
            QCOMPARE(column[i].item<float>(), scoreOf.at(QDir(pictures).relativeFilePath(paths[i])));
        QFile sidecar(npy + QStringLiteral(".json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject provenance = QJsonDocument::fromJson(sidecar.readAll()).object();
        QCOMPARE(provenance.value(QStringLiteral("pictures")).toInt(), int(hits.size()));
        QCOMPARE(provenance.value(QStringLiteral("unit")).toInt(), unit);
        QCOMPARE(provenance.value(QStringLiteral("score")).toString(), QStringLiteral("spatial mean"));
        QCOMPARE(provenance.value(QStringLiteral("model_hash")).toString(), QString::fromStdString(m_tiny.session->bundle()->descriptor().contentHash));
        // A folder that cannot be written: the error is reported, nothing is left behind.
        const QString nowhere = m_dir.filePath(QStringLiteral("missing/unit.npy"));
        QVERIFY(dock.exportTo(nowhere));
        QVERIFY(exported.wait(60'000));
        QCOMPARE(exported.last().at(0).toString(), QString());
        QVERIFY(!exported.last().at(1).toString().isEmpty());
        QVERIFY(!QFile::exists(nowhere));
        QVERIFY(dock.textVersusImageView()->grab().save(m_dir.filePath(QStringLiteral("text-vs-image.png"))));
        if (qEnvironmentVariableIsSet("MULTISCOPE_KEEP_GRABS"))
        {
            dock.grab().save(qEnvironmentVariable("MULTISCOPE_KEEP_GRABS") + QStringLiteral("/unit-response.png"));
            dock.findChild<QTabWidget*>()->setCurrentIndex(1);
            QCoreApplication::processEvents();
            dock.distributionView()->grab().save(qEnvironmentVariable("MULTISCOPE_KEEP_GRABS") + QStringLiteral("/distribution.png"));
        }
    }

    void unlabelledFolderGivesADistribution() {
        const QString plain = m_dir.filePath(QStringLiteral("plain"));
        QDir().mkpath(plain);
        for (int i = 0; i < 6; ++i)
            QVERIFY(generateSample(9, std::uint64_t(i), Rendition::Photo, WorldOptions{64, 1.0}).image.save(
                QDir(plain).filePath(QStringLiteral("p%1.png").arg(i))));
        FoldersDock folders(m_tiny.session.get());
        for (const QString& f : folders.folders()) folders.removeFolder(f);
        QSignalSpy indexed(&folders, &FoldersDock::folderIndexed);
        folders.addFolder(plain);
        QVERIFY(indexed.wait(120'000));
        UnitResponseDock dock(m_tiny.session.get(), &folders);
        QSignalSpy shown(&dock, &UnitResponseDock::responseShown);
        dock.setUnit(QString::fromStdString(m_tiny.session->bundle()->defaultLayer()), 2);
        QVERIFY(shown.wait(60'000));
        QVERIFY(dock.shownConcepts().empty());
        const auto groups = dock.histogramGroups();
        QCOMPARE(int(groups.size()), 1);
        QCOMPARE(groups[0].second, 6);
        QVERIFY(dock.findChild<QLabel*>(QStringLiteral("status"))->text().contains(QStringLiteral("No labels")));
    }
};

QTEST_MAIN(TestUnitResponseDock)
#include "tst_unitresponsedock.moc"
