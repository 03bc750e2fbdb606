// Dataset examples, offscreen, on the rn_tiny reference model and an indexed generated
// folder: the grid shows the index's top pictures of the unit, best first (the same order as
// the index query), the least exciting ones on request, a clear message for a layer that was
// not indexed, and a double-click hands the picture to the probe.

#include "TinyModelSession.h"

#include "explorer/ExamplesDock.h"
#include "explorer/FoldersDock.h"
#include "index/IndexReader.h"
#include "model/ModelBundle.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

using namespace ms;

class TestExamplesDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::TinyModelSession m_tiny;

private Q_SLOTS:
    void initTestCase() {
        test::useEmptyTestAppData();
        QVERIFY(m_tiny.load());
        writeWorldFolder(m_dir.filePath(QStringLiteral("pictures")), 24, 5, WorldOptions{64, 1.0}, 1);
    }

    void topPicturesOfAUnit() {
        FoldersDock folders(m_tiny.session.get());
        QSignalSpy indexed(&folders, &FoldersDock::folderIndexed);
        folders.addFolder(m_dir.filePath(QStringLiteral("pictures")));
        QVERIFY(indexed.wait(120'000));
        const QString indexDir = indexed.first().at(1).toString();

        ExamplesDock dock(m_tiny.session.get(), &folders);
        dock.show();
        QSignalSpy shown(&dock, &ExamplesDock::examplesShown);
        const QString layer = QString::fromStdString(m_tiny.session->bundle()->defaultLayer());
        dock.setUnit(layer, 3);
        QVERIFY(shown.wait(60'000));
        QCOMPARE(dock.shownCount(), 16);
        auto* grid = dock.findChild<QListWidget*>(QStringLiteral("exampleGrid"));
        const auto hits = IndexReader::open(indexDir.toStdString())->top(layer.toStdString(), 3, 16);
        for (int i = 0; i < 16; ++i)
            QCOMPARE(grid->item(i)->data(Qt::UserRole).toString(),
                     QDir(m_dir.filePath(QStringLiteral("pictures"))).filePath(QString::fromStdString(hits[size_t(i)].path)));
        QVERIFY(grid->item(0)->text().toDouble() >= grid->item(15)->text().toDouble());
        // "Show where it fires": each picture's whole map of the unit, from the model; its peak is
        // the score the index holds (the spatial max, stored as float16) at the index's peak cell.
        for (const ExampleImage& e : dock.shownExamples()) {
            QCOMPARE(e.map.size(), size_t(e.gridWidth) * size_t(e.gridHeight));
            const auto peak = std::max_element(e.map.begin(), e.map.end());
            QVERIFY2(std::abs(*peak - e.score) <= 0.01f * std::abs(e.score) + 1e-3f, qPrintable(e.path));
            QVERIFY(e.map[size_t(e.y * e.gridWidth + e.x)] >= *peak - 0.01f * std::abs(*peak) - 1e-3f);
        }

        dock.findChild<QCheckBox*>()->setChecked(true);  // least exciting
        QVERIFY(shown.wait(60'000));
        QVERIFY(grid->item(0)->text().toDouble() <= grid->item(15)->text().toDouble());

        if (const QString keep = qEnvironmentVariable("MULTISCOPE_KEEP_GRABS"); !keep.isEmpty()) dock.grab().save(keep + QStringLiteral("/examples.png"));
        // Export: the table lists the shown pictures in order with their scores.
        QVERIFY(dock.exportTo(m_dir.filePath(QStringLiteral("top.csv"))));
        QFile csv(m_dir.filePath(QStringLiteral("top.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(csv.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(rows.size(), 17);
        QCOMPARE(rows[0], QStringLiteral("rank,path,score,x,y,grid_width,grid_height"));
        QVERIFY(rows[1].startsWith(QStringLiteral("1,") + grid->item(0)->data(Qt::UserRole).toString() + QLatin1Char(',')));
        QVERIFY(dock.exportTo(m_dir.filePath(QStringLiteral("top.svg"))));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("top.svg.json"))));

        QSignalSpy activated(&dock, &ExamplesDock::imageActivated);
        Q_EMIT grid->itemDoubleClicked(grid->item(2));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), grid->item(2)->data(Qt::UserRole).toString());

        dock.setUnit(QStringLiteral("visual.layer1"), 0);  // not in the index
        QVERIFY(shown.wait(60'000));
        QCOMPARE(dock.shownCount(), 0);
        const QString status = dock.findChild<QLabel*>(QStringLiteral("status"))->text();
        QVERIFY2(status.contains(m_dir.filePath(QStringLiteral("pictures"))) && status.contains(QStringLiteral("layer1")), qPrintable(status));
    }
};

QTEST_MAIN(TestExamplesDock)
#include "tst_examplesdock.moc"
