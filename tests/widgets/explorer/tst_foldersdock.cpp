// The image folders dock, offscreen, on the rn_tiny reference model: a folder added is
// indexed in the background (a readable index with every picture), the generated sample
// folder is made and indexed once, folders are remembered per model, removing one drops its
// index, and a folder that cannot be read says why.

#include "TinyModelSession.h"

#include "explorer/FoldersDock.h"
#include "index/IndexReader.h"
#include "model/ModelBundle.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QDir>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace ms;

class TestFoldersDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::TinyModelSession m_tiny;

    static QString rowText(FoldersDock& dock, const QString& dir) {
        auto* list = dock.findChild<QListWidget*>(QStringLiteral("folderList"));
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString() == dir) return list->item(i)->text();
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        test::useEmptyTestAppData();
        QVERIFY(m_tiny.load());
        writeWorldFolder(m_dir.filePath(QStringLiteral("pictures")), 12, 3, WorldOptions{64, 1.0}, 1);
    }

    void addedFolderIsIndexed() {
        FoldersDock dock(m_tiny.session.get());
        QSignalSpy indexed(&dock, &FoldersDock::folderIndexed);
        const QString pictures = m_dir.filePath(QStringLiteral("pictures"));
        dock.addFolder(pictures);
        QVERIFY(dock.isBusy());
        QVERIFY(indexed.wait(120'000));
        QCOMPARE(indexed.first().at(0).toString(), pictures);
        const auto reader = IndexReader::open(indexed.first().at(1).toString().toStdString(),
                                              m_tiny.session->bundle()->descriptor().contentHash);
        QCOMPARE(reader->info().images, qint64(12));
        QVERIFY2(rowText(dock, pictures).contains(QStringLiteral("12 images indexed")), qPrintable(rowText(dock, pictures)));
        QVERIFY(dock.readyIndexes().contains(pictures));
    }

    void sampleFolderOncePerModel() {
        FoldersDock dock(m_tiny.session.get());
        QSignalSpy indexed(&dock, &FoldersDock::folderIndexed);
        QVERIFY(dock.ensureSampleFolder(18));
        QVERIFY(indexed.wait(120'000));
        QCOMPARE(IndexReader::open(indexed.first().at(1).toString().toStdString())->info().images, qint64(18));
        QVERIFY(!dock.ensureSampleFolder(18));
        QCOMPARE(dock.folders().size(), 2);
    }

    void foldersAreRememberedAndRemoved() {
        FoldersDock dock(m_tiny.session.get());  // a new dock reads the model's folders
        const QString pictures = m_dir.filePath(QStringLiteral("pictures"));
        QCOMPARE(dock.folders().size(), 2);
        QVERIFY(rowText(dock, pictures).contains(QStringLiteral("12 images indexed")));
        const QString index = dock.indexDirFor(pictures);
        dock.removeFolder(pictures);
        QCOMPARE(dock.folders().size(), 1);
        QVERIFY(!QFileInfo::exists(index));
        QVERIFY(rowText(dock, pictures).isEmpty());
        QCOMPARE(FoldersDock(m_tiny.session.get()).folders().size(), 1);
    }

    void unreadableFolderSaysWhy() {
        FoldersDock dock(m_tiny.session.get());
        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder"));
        dock.addFolder(missing);
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isBusy(), 60'000);
        QVERIFY2(rowText(dock, missing).contains(QStringLiteral("failed")), qPrintable(rowText(dock, missing)));
    }
};

QTEST_MAIN(TestFoldersDock)
#include "tst_foldersdock.moc"
