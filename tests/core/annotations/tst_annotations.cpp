// Unit annotations: set/get/delete, per-model separation, persistence across reopening,
// JSON and CSV round trips (commas, quotes, multi-line notes), malformed imports, and the
// unit address format.

#include "annotations/AnnotationStore.h"
#include "util/Error.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {
const QString kModel = QStringLiteral("7e526bd135e493cef0776de27d5f42653e6b4c8bf9e0f653bb11773263205fdd");
const QString kOther = QStringLiteral("afeb0e10f9e5a86da6080e35cf09123aca3b358a0c3e3b6c78a7b63bc04b6762");
}  // namespace

class TestAnnotations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void setGetDeleteAndPersist() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/annotations.sqlite"));
        {
            AnnotationStore store(path);
            store.set(kModel, {QStringLiteral("visual.layer4.5.add"), 89, QStringLiteral("spider"), QStringLiteral("fires on webs too"), true});
            store.set(kModel, {QStringLiteral("visual.layer4.5.add"), 7, QStringLiteral("Spider-Man?"), {}, false});
            store.set(kModel, {QStringLiteral("visual.layer3"), 1, {}, {}, true});
            store.set(kOther, {QStringLiteral("visual.layer4.5.add"), 89, QStringLiteral("other model"), {}, false});
            const UnitAnnotation a = store.get(kModel, QStringLiteral("visual.layer4.5.add"), 89);
            QCOMPARE(a.label, QStringLiteral("spider"));
            QCOMPARE(a.notes, QStringLiteral("fires on webs too"));
            QVERIFY(a.favourite);
            QVERIFY(store.get(kModel, QStringLiteral("visual.layer4.5.add"), 90).isEmpty());
            store.set(kModel, {QStringLiteral("visual.layer4.5.add"), 89, QStringLiteral("spider"), {}, false});  // edit
            QCOMPARE(store.get(kModel, QStringLiteral("visual.layer4.5.add"), 89).notes, QString());
        }
        AnnotationStore reopened(path);
        const auto all = reopened.all(kModel);
        QCOMPARE(all.size(), size_t(3));
        QCOMPARE(all[0].layer, QStringLiteral("visual.layer3"));  // by layer, then unit
        QCOMPARE(all[1].unit, 7);
        QCOMPARE(all[2].unit, 89);
        QCOMPARE(reopened.all(kModel, QStringLiteral("visual.layer3")).size(), size_t(1));
        QCOMPARE(reopened.all(kOther).size(), size_t(1));
        reopened.set(kModel, {QStringLiteral("visual.layer3"), 1, {}, {}, false});  // empty: removed
        QCOMPARE(reopened.all(kModel).size(), size_t(2));
    }

    void jsonAndCsvRoundTrips() {
        QTemporaryDir dir;
        AnnotationStore store(dir.filePath(QStringLiteral("a.sqlite")));
        const UnitAnnotation tricky{QStringLiteral("visual.layer4.0.add"), 12, QStringLiteral("cup, \"mug\""),
                                    QStringLiteral("line one\nline two, with comma"), true};
        store.set(kModel, tricky);
        store.set(kModel, {QStringLiteral("visual.layer4.0.add"), 3, QStringLiteral("sun"), {}, false});

        AnnotationStore fromJson(dir.filePath(QStringLiteral("b.sqlite")));
        QCOMPARE(fromJson.importJson(kModel, QJsonDocument(store.exportJson(kModel)).toJson()), 2);
        AnnotationStore fromCsv(dir.filePath(QStringLiteral("c.sqlite")));
        QCOMPARE(fromCsv.importCsv(kModel, store.exportCsv(kModel)), 2);
        for (AnnotationStore* copy : {&fromJson, &fromCsv}) {
            const UnitAnnotation a = copy->get(kModel, tricky.layer, tricky.unit);
            QCOMPARE(a.label, tricky.label);
            QCOMPARE(a.notes, tricky.notes);
            QCOMPARE(a.favourite, true);
            QCOMPARE(copy->get(kModel, tricky.layer, 3).label, QStringLiteral("sun"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, fromJson.importJson(kModel, "{\"not\": \"an array\"}"));
        QVERIFY_THROWS_EXCEPTION(Error, fromJson.importJson(kModel, "[{\"unit\": 3}]"));
        QVERIFY_THROWS_EXCEPTION(Error, fromCsv.importCsv(kModel, QStringLiteral("a,b\n1,2\n")));
        QVERIFY_THROWS_EXCEPTION(Error, fromCsv.importCsv(kModel, QStringLiteral("layer,unit,label\nvisual.layer3,x,y\n")));
    }

    void addresses() {
        QCOMPARE(unitAddress(kModel, QStringLiteral("visual.layer4.5.add"), 89),
                 QStringLiteral("multiscope://7e526bd135e4/visual.layer4.5.add/89"));
        const auto full = parseUnitAddress(QStringLiteral("multiscope://7e526bd135e4/visual.layer4.5.add/89"));
        QVERIFY(full);
        QCOMPARE(full->hashPrefix, QStringLiteral("7e526bd135e4"));
        QCOMPARE(full->layer, QStringLiteral("visual.layer4.5.add"));
        QCOMPARE(full->unit, 89);
        const auto shortForm = parseUnitAddress(QStringLiteral(" visual.layer4.5.add:89 "));
        QVERIFY(shortForm);
        QVERIFY(shortForm->hashPrefix.isEmpty());
        QCOMPARE(shortForm->unit, 89);
        QVERIFY(!parseUnitAddress(QStringLiteral("visual.layer4.5.add")));
        QVERIFY(!parseUnitAddress(QStringLiteral("multiscope://xyz/visual/1")));
    }
};

QTEST_GUILESS_MAIN(TestAnnotations)
#include "tst_annotations.moc"
