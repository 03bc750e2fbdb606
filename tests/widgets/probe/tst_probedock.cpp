// The probe dock, offscreen, on the rn_tiny reference model: a simulated drop of a file URL
// and of raw PNG data both probe the picture (unit table, zero-shot chart, heatmap), the two
// give the same model view; words added in the editor re-run the model with deltas against
// the clean picture; dragging a word moves it and re-probes; unreadable data says so.

#include "TinyModelSession.h"

#include "analysis/ProbeJob.h"
#include "probe/ProbeCanvas.h"
#include "explorer/FoldersDock.h"
#include "index/IndexReader.h"
#include "probe/CompareStrip.h"
#include "probe/ProbeDock.h"
#include "probe/ZeroShotChart.h"
#include "world/WorldFolder.h"

#include <QBuffer>
#include <QDir>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

void drop(QWidget* target, QMimeData* data) {
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropped(QPointF(at), Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
}

}  // namespace

class TestProbeDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::TinyModelSession m_tiny;
    ModelSession* m_session = nullptr;
    QString m_photo;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tiny.load());
        m_session = m_tiny.session.get();
        writeWorldFolder(m_dir.path(), 6, 8, WorldOptions{96, 1.0}, 1);
        for (const LabelRow& row : readLabels(QDir(m_dir.path()).filePath(labelsFileName())))
            if (row.rendition == QLatin1String("photo")) m_photo = QDir(m_dir.path()).filePath(row.file);
        QVERIFY(!m_photo.isEmpty());
    }

    void dropsOfAFileAndOfRawDataProbeTheSamePicture() {
        ProbeDock dock(m_session);
        dock.show();
        QSignalSpy probed(&dock, &ProbeDock::probed);

        auto* urls = new QMimeData;
        urls->setUrls({QUrl::fromLocalFile(m_photo)});
        drop(&dock, urls);
        QVERIFY(probed.wait(30'000));
        const auto fromFile = dock.lastResult();
        QVERIFY(fromFile);
        QCOMPARE(dock.unitTable()->rowCount(), 20);
        QVERIFY(!dock.chart()->topLabel().isEmpty());
        QCOMPARE(dock.chart()->shownLabels().size(), 8);
        QVERIFY(dock.canvas()->hasHeatmap());
        const int side = m_session->bundle() ? fromFile->clean.width() : 0;
        QCOMPARE(fromFile->clean.size(), QSize(side, side));
        delete urls;

        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(QImage(m_photo).save(&buffer, "PNG"));
        auto* raw = new QMimeData;
        raw->setData(QStringLiteral("image/png"), png);
        drop(&dock, raw);
        QVERIFY(probed.wait(30'000));
        const auto fromData = dock.lastResult();
        QVERIFY(fromData != fromFile);
        QCOMPARE(fromData->clean.convertToFormat(QImage::Format_RGB888), fromFile->clean.convertToFormat(QImage::Format_RGB888));
        QCOMPARE(fromData->cleanValues.means, fromFile->cleanValues.means);
        delete raw;
    }

    void wordsOnThePictureRerunWithDeltas() {
        ProbeDock dock(m_session);
        dock.resize(900, 600);
        dock.show();
        QSignalSpy probed(&dock, &ProbeDock::probed);
        dock.probeFile(m_photo);
        QVERIFY(probed.wait(30'000));

        dock.findChild<QLineEdit*>(QStringLiteral("overlayWord"))->setText(QStringLiteral("spider"));
        QTest::mouseClick(dock.findChild<QPushButton*>(QStringLiteral("addText")), Qt::LeftButton);
        QVERIFY(probed.wait(30'000));
        auto result = dock.lastResult();
        QVERIFY(result->hasEdits());
        QVERIFY(result->edited != result->clean);
        QCOMPARE(dock.overlays().size(), size_t(1));
        QCOMPARE(dock.overlays()[0].word, QStringLiteral("spider"));
        QVERIFY(dock.unitTable()->item(0, 2)->text() != QStringLiteral("–"));  // a delta
        QCOMPARE(dock.chart()->shownLabels().size(), 8);

        // Drag the word to the top-left corner: the overlay moves and the model re-runs.
        ProbeCanvas* canvas = dock.canvas();
        const QPointF before = dock.overlays()[0].centre;
        const QPoint grab = canvas->toWidget(before).toPoint();
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, grab);
        QMouseEvent move(QEvent::MouseMove, QPointF(grab - QPoint(60, 60)), canvas->mapToGlobal(QPointF(grab - QPoint(60, 60))),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, grab - QPoint(60, 60));
        QVERIFY(canvas->overlays()[0].centre.x() < before.x());
        QVERIFY(probed.wait(30'000));
        QVERIFY(dock.lastResult()->edited != result->edited);
        QCOMPARE(dock.lastResult()->cleanValues.means, result->cleanValues.means);  // the clean pass is reused

        // The chart's first label is the attacked picture's top-1.
        const auto& p = dock.lastResult()->editedValues.probabilities;
        const int best = int(std::max_element(p.begin(), p.end()) - p.begin());
        QCOMPARE(dock.chart()->topLabel(), dock.lastResult()->labels[best]);
        QTest::qWait(50);  // the chart lays out its scene in a posted event
        if (const QString grabs = qEnvironmentVariable("MULTISCOPE_TEST_GRABS"); !grabs.isEmpty())
            QVERIFY(dock.grab().save(grabs + QStringLiteral("/probe-dock.png")));
    }

    void ablatingTheTopUnitZeroesItAndMovesTheChart() {
        ProbeDock dock(m_session);
        QSignalSpy probed(&dock, &ProbeDock::probed);
        dock.probeFile(m_photo);
        QVERIFY(probed.wait(30'000));
        const auto clean = dock.lastResult();
        const int top = clean->cleanValues.ranking().front();
        QVERIFY(clean->cleanValues.means[size_t(top)] > 0);

        // Tick the top unit's "Off" box in the table.
        QTableWidget* table = dock.unitTable();
        QCOMPARE(table->item(0, 0)->text().toInt(), top);
        table->item(0, 4)->setCheckState(Qt::Checked);
        QVERIFY(probed.wait(30'000));
        const auto off = dock.lastResult();
        QVERIFY(off->hasEdits());
        QCOMPARE(off->ablated, std::vector<int>{top});
        QCOMPARE(off->editedValues.means[size_t(top)], 0.0f);
        QCOMPARE(off->edited, off->clean);  // no words: the same picture
        QVERIFY(off->editedValues.probabilities != off->cleanValues.probabilities);
        QVERIFY(dock.ablated().count(top));
        // Unticking brings the clean values back.
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->text().toInt() == top) table->item(r, 4)->setCheckState(Qt::Unchecked);
        if (dock.ablated().count(top)) dock.setAblated(top, false);  // not listed any more: as the box would
        QVERIFY(probed.wait(30'000));
        QVERIFY(!dock.lastResult()->hasEdits());
        QCOMPARE(dock.lastResult()->cleanValues.means, clean->cleanValues.means);
    }

    void meanAblationReadsTheIndexMean() {
        test::useEmptyTestAppData();
        FoldersDock folders(m_session);
        QSignalSpy indexed(&folders, &FoldersDock::folderIndexed);
        folders.addFolder(m_dir.path());
        QVERIFY(indexed.wait(120'000));
        const QString indexDir = indexed.first().at(1).toString();

        ProbeDock dock(m_session);
        QSignalSpy probed(&dock, &ProbeDock::probed);
        dock.setMeanSource([&] { return folders.readyIndexList(); });
        dock.setMeanAblation(true);
        QCOMPARE(dock.findChild<QComboBox*>(QStringLiteral("ablationMode"))->currentIndex(), 1);
        dock.probeFile(m_photo);
        QVERIFY(probed.wait(30'000));
        const int top = dock.lastResult()->cleanValues.ranking().front();
        dock.setAblated(top, true);
        QVERIFY(probed.wait(30'000));
        const auto off = dock.lastResult();
        // The unit's mean over the indexed pictures (their spatial means), from the index's own list.
        const auto reader = IndexReader::open(indexDir.toStdString());
        const std::string layer = off->layer;
        double sum = 0;
        const auto all = reader->top(layer, top, 1000, false, ScoreKind::Mean);
        for (const TopHit& h : all) sum += h.score;
        QVERIFY(!all.empty());
        QCOMPARE(off->ablatedValues.size(), size_t(1));
        QVERIFY(std::abs(off->ablatedValues[0] - sum / all.size()) < 1e-4);
        QVERIFY(std::abs(off->editedValues.means[size_t(top)] - off->ablatedValues[0]) < 1e-4);
        QVERIFY(off->editedValues.means[size_t(top)] != 0.0f);
    }

    void compareModePinsPicturesSideBySide() {
        ProbeDock dock(m_session);
        dock.show();
        QSignalSpy probed(&dock, &ProbeDock::probed);
        auto* pin = dock.findChild<QPushButton*>(QStringLiteral("pin"));
        QVERIFY(!pin->isEnabled());
        dock.probeFile(m_photo);
        QVERIFY(probed.wait(60'000));
        QTest::mouseClick(pin, Qt::LeftButton);
        const auto clean = dock.lastResult();
        dock.addOverlay(QStringLiteral("umbrella"));
        QVERIFY(probed.wait(60'000));
        QVERIFY(dock.lastResult()->hasEdits());
        QTest::mouseClick(pin, Qt::LeftButton);
        const auto edited = dock.lastResult();

        CompareStrip* strip = dock.compareStrip();
        QVERIFY(strip->isVisible());
        QCOMPARE(strip->count(), 2);
        QCOMPARE(strip->pinned()[0].means, clean->cleanValues.means);
        QCOMPARE(strip->pinned()[1].means, edited->editedValues.means);
        QVERIFY(strip->caption(0).startsWith(QFileInfo(m_photo).fileName()));
        QVERIFY(strip->caption(1).contains(QStringLiteral("“umbrella”")));
        // Each caption shows the selected unit's value on that picture; choosing another unit follows.
        const int row = 3, unit = dock.unitTable()->item(row, 0)->text().toInt();
        dock.unitTable()->selectRow(row);
        for (int i = 0; i < 2; ++i)
            QVERIFY2(strip->caption(i).contains(QStringLiteral("unit %1: %2").arg(unit).arg(double(strip->pinned()[size_t(i)].means[size_t(unit)]), 0, 'f', 3)),
                     qPrintable(strip->caption(i)));
        const int top = int(std::max_element(clean->cleanValues.probabilities.begin(), clean->cleanValues.probabilities.end()) -
                            clean->cleanValues.probabilities.begin());
        QVERIFY(strip->caption(0).contains(clean->labels[top]));
        if (const QString keep = qEnvironmentVariable("MULTISCOPE_KEEP_GRABS"); !keep.isEmpty()) {
            dock.resize(900, 760);
            QCoreApplication::processEvents();
            dock.grab().save(keep + QStringLiteral("/probe-compare.png"));
        }

        // Double-click probes a pinned picture again; Delete unpins it.
        QSignalSpy again(&dock, &ProbeDock::probed);
        Q_EMIT strip->itemDoubleClicked(strip->item(1));
        QVERIFY(again.wait(60'000));
        QVERIFY(dock.overlays().empty());
        QCOMPARE(dock.lastResult()->cleanValues.means, edited->editedValues.means);  // the words are now part of the picture
        strip->setCurrentRow(0);
        QTest::keyClick(strip, Qt::Key_Delete);
        QCOMPARE(strip->count(), 1);
        QVERIFY(strip->caption(0).contains(QStringLiteral("umbrella")));
    }

    void unreadableDataSaysSo() {
        ProbeDock dock(m_session);
        auto* junk = new QMimeData;
        junk->setData(QStringLiteral("image/png"), QByteArray("not a png at all"));
        QVERIFY(ProbeDock::canProbe(junk));
        QVERIFY(!dock.probeMimeData(junk));
        QVERIFY(dock.findChild<QLabel*>(QStringLiteral("status"))->text().contains(QStringLiteral("not an image")));
        delete junk;
    }
};

QTEST_MAIN(TestProbeDock)
#include "tst_probedock.moc"
