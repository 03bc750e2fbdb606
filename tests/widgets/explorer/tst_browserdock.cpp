// The layer and unit browser, offscreen, on the rn_tiny reference model: the layer list,
// keyboard navigation (j/k, J/K, f, /, Alt+←/→) announcing each unit once, labels and
// favourites saved per model and shown in the list, the filter, addresses and goTo.

#include "TinyModelSession.h"

#include "annotations/AnnotationStore.h"
#include "explorer/BrowserDock.h"
#include "model/ModelBundle.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>

using namespace ms;

class TestBrowserDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::TinyModelSession m_tiny;

    QString hash() const { return QString::fromStdString(m_tiny.session->bundle()->descriptor().contentHash); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tiny.load()); }

    void keyboardNavigationAnnouncesEachUnit() {
        AnnotationStore store(m_dir.filePath(QStringLiteral("a.sqlite")));
        BrowserDock dock(m_tiny.session.get(), &store);
        dock.show();
        QVERIFY(dock.findChild<QListWidget*>(QStringLiteral("layerList"))->count() > 5);
        QCOMPARE(dock.currentLayer(), QString::fromStdString(m_tiny.session->bundle()->defaultLayer()));
        QCOMPARE(dock.currentUnit(), 0);

        QSignalSpy selected(&dock, &BrowserDock::unitSelected);
        auto* units = dock.findChild<QListView*>(QStringLiteral("unitList"));
        units->setFocus();
        QTest::keyClick(units, Qt::Key_J);
        QTest::keyClick(units, Qt::Key_J);
        QTest::keyClick(units, Qt::Key_J);
        QTest::keyClick(units, Qt::Key_K);
        QCOMPARE(selected.size(), 4);
        QCOMPARE(selected.at(2).at(1).toInt(), 3);
        QCOMPARE(dock.currentUnit(), 2);

        const QString before = dock.currentLayer();
        QTest::keyClick(units, Qt::Key_J, Qt::ShiftModifier);  // J: next layer, same unit number
        QVERIFY(dock.currentLayer() != before);
        QCOMPARE(selected.last().at(0).toString(), dock.currentLayer());
        QCOMPARE(dock.currentUnit(), 2);

        QTest::keyClick(units, Qt::Key_Left, Qt::AltModifier);  // back to the previous layer
        QCOMPARE(dock.currentLayer(), before);
        QCOMPARE(dock.currentUnit(), 2);
        QTest::keyClick(units, Qt::Key_Right, Qt::AltModifier);
        QVERIFY(dock.currentLayer() != before);
    }

    void labelsAndFavouritesPersistPerModel() {
        AnnotationStore store(m_dir.filePath(QStringLiteral("b.sqlite")));
        {
            BrowserDock dock(m_tiny.session.get(), &store);
            dock.show();
            QVERIFY(dock.selectUnit(QStringLiteral("visual.layer4"), 5));
            auto* label = dock.findChild<QLineEdit*>(QStringLiteral("unitLabel"));
            label->setText(QStringLiteral("spider"));
            Q_EMIT label->editingFinished();
            auto* units = dock.findChild<QListView*>(QStringLiteral("unitList"));
            units->setFocus();
            QTest::keyClick(units, Qt::Key_F);
            const UnitAnnotation saved = store.get(hash(), QStringLiteral("visual.layer4"), 5);
            QCOMPARE(saved.label, QStringLiteral("spider"));
            QVERIFY(saved.favourite);
            QVERIFY(units->currentIndex().data().toString().contains(QStringLiteral("spider")));
            QVERIFY(units->currentIndex().data().toString().contains(QStringLiteral("★")));
        }
        BrowserDock again(m_tiny.session.get(), &store);
        again.show();
        QApplication::setActiveWindow(&again);
        QVERIFY(QTest::qWaitForWindowActive(&again));
        QVERIFY(again.selectUnit(QStringLiteral("visual.layer4"), 0));
        auto* units = again.findChild<QListView*>(QStringLiteral("unitList"));
        units->setFocus();
        QTest::keyClick(units, Qt::Key_Slash);  // "/" focuses the filter
        auto* filter = again.findChild<QLineEdit*>(QStringLiteral("unitFilter"));
        QTRY_VERIFY(filter->hasFocus());
        filter->setText(QStringLiteral("spid"));
        QCOMPARE(units->model()->rowCount(), 1);
        QVERIFY(units->model()->index(0, 0).data().toString().startsWith(QStringLiteral("5 · spider")));
    }

    void annotationsTravelAsJsonAndCsv() {
        AnnotationStore mine(m_dir.filePath(QStringLiteral("mine.sqlite")));
        mine.set(hash(), {QStringLiteral("visual.layer4"), 9, QStringLiteral("cup, mug"), QStringLiteral("two\nlines"), true});
        BrowserDock dock(m_tiny.session.get(), &mine);
        for (const char* name : {"shared.json", "shared.csv"}) {
            const QString path = m_dir.filePath(QLatin1String(name));
            QVERIFY(dock.exportAnnotations(path).contains(QStringLiteral("1 annotations written")));
            AnnotationStore theirs(m_dir.filePath(QStringLiteral("theirs-%1.sqlite").arg(QLatin1String(name))));
            BrowserDock colleague(m_tiny.session.get(), &theirs);
            QVERIFY(colleague.selectUnit(QStringLiteral("visual.layer4"), 9));
            QVERIFY(colleague.importAnnotations(path).startsWith(QStringLiteral("1 annotations read")));
            const UnitAnnotation a = theirs.get(hash(), QStringLiteral("visual.layer4"), 9);
            QCOMPARE(a.label, QStringLiteral("cup, mug"));
            QCOMPARE(a.notes, QStringLiteral("two\nlines"));
            QVERIFY(a.favourite);
            // The list and the editor show it at once.
            QCOMPARE(colleague.findChild<QLineEdit*>(QStringLiteral("unitLabel"))->text(), QStringLiteral("cup, mug"));
            QVERIFY(colleague.findChild<QListView*>(QStringLiteral("unitList"))->currentIndex().data().toString().contains(QStringLiteral("cup, mug")));
        }
        QFile junk(m_dir.filePath(QStringLiteral("junk.json")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not json");
        junk.close();
        QVERIFY(dock.importAnnotations(junk.fileName()).contains(QStringLiteral("not a JSON array")));
    }

    void addressesAndGoTo() {
        AnnotationStore store(m_dir.filePath(QStringLiteral("c.sqlite")));
        BrowserDock dock(m_tiny.session.get(), &store);
        const QString address = unitAddress(hash(), QStringLiteral("visual.layer3"), 7);
        QVERIFY(dock.goTo(address));
        QCOMPARE(dock.currentLayer(), QStringLiteral("visual.layer3"));
        QCOMPARE(dock.currentUnit(), 7);
        QCOMPARE(dock.currentAddress(), address);
        QVERIFY(dock.goTo(QStringLiteral("visual.layer4:1")));
        QCOMPARE(dock.currentUnit(), 1);
        QVERIFY(!dock.goTo(QStringLiteral("multiscope://000000000000/visual.layer3/7")));  // another model
        QVERIFY(!dock.goTo(QStringLiteral("visual.layer4:100000")));
        QVERIFY(!dock.goTo(QStringLiteral("transformer.resblocks.0:1")));  // text tower
        dock.findChild<QPushButton*>(QStringLiteral("copyAddress"))->click();
        QCOMPARE(QApplication::clipboard()->text(), dock.currentAddress());
    }
};

QTEST_MAIN(TestBrowserDock)
#include "tst_browserdock.moc"
