// File → Get model…, offscreen, against a loopback HTTP server the test starts: the list,
// a download driven by clicks with progress and the model opening in the window, cancel, and
// `--model NAME` for a checkpoint that is missing (the dialog offers it).

#include "LoopbackHttpServer.h"

#include "jobs/ComputeWorker.h"
#include "models/GetModelDialog.h"
#include "shell/LanguageSwitcher.h"
#include "shell/MainWindow.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace ms;

namespace {

QString sha256Of(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray randomBytes(int n, quint32 seed) {
    QRandomGenerator rng(seed);
    QByteArray bytes(n, Qt::Uninitialized);
    for (char& c : bytes) c = char(rng.bounded(256));
    return bytes;
}

QTreeWidgetItem* rowNamed(QTreeWidget* list, const QString& name) {
    const auto items = list->findItems(name, Qt::MatchFixedString, 0);
    return items.isEmpty() ? nullptr : items.first();
}

}  // namespace

class TestGetModel : public QObject {
    Q_OBJECT
    LoopbackHttpServer server;
    QTemporaryDir work;
    QTemporaryDir cache;
    const QByteArray model = randomBytes(300'000, 11);
    const QByteArray slowModel = randomBytes(2'000'000, 12);
    const QByteArray vocab = randomBytes(5'000, 13);

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // settings of the test, not the user's
        for (const char* v : {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"}) qunsetenv(v);
        qputenv("no_proxy", "127.0.0.1,localhost");
        QVERIFY(server.listen());
        server.serve("/m/" + sha256Of(model).toLatin1() + "/small.pt", model);
        LoopbackHttpServer::Behaviour slow;
        slow.trickleBytes = 8'192;
        server.serve("/m/" + sha256Of(slowModel).toLatin1() + "/slow.pt", slowModel, slow);
        server.serve("/vocab.gz", vocab);
        auto entry = [](const char* name, const char* file, const QByteArray& bytes) {
            return QJsonObject{{QStringLiteral("name"), QLatin1String(name)}, {QStringLiteral("file"), QLatin1String(file)},
                               {QStringLiteral("sha256"), sha256Of(bytes)}, {QStringLiteral("input_resolution"), 64},
                               {QStringLiteral("size_bytes"), double(bytes.size())}};
        };
        const QJsonObject catalogue{
            {QStringLiteral("checkpoints"), QJsonArray{entry("Small", "small.pt", model), entry("Slow", "slow.pt", slowModel)}},
            {QStringLiteral("vocabulary"), QJsonObject{{QStringLiteral("file"), QStringLiteral("bpe_simple_vocab_16e6.txt.gz")},
                                                       {QStringLiteral("sha256"), sha256Of(vocab)},
                                                       {QStringLiteral("url"), server.baseUrl() + QStringLiteral("/vocab.gz")}}}};
        QFile f(work.filePath(QStringLiteral("catalogue.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(catalogue).toJson());
        f.close();
        qputenv("MULTISCOPE_CATALOG", f.fileName().toUtf8());
        qputenv("MULTISCOPE_MODEL_DIR", cache.path().toUtf8());
        qputenv("MULTISCOPE_CLIP_BASE_URL", (server.baseUrl() + QStringLiteral("/m")).toUtf8());
    }

    void listsTheCatalogueWithStatus() {
        GetModelDialog dialog;
        auto* list = dialog.findChild<QTreeWidget*>(QStringLiteral("modelList"));
        QCOMPARE(list->topLevelItemCount(), 11);  // nine official + two stand-ins; the vocabulary is not a model
        QVERIFY(rowNamed(list, QStringLiteral("RN50x4")));
        QCOMPARE(rowNamed(list, QStringLiteral("RN50x4"))->text(1), QStringLiteral("288 px"));
        QCOMPARE(rowNamed(list, QStringLiteral("Small"))->text(3), QStringLiteral("missing"));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("downloadButton"))->isEnabled());  // nothing selected
        dialog.offer(QStringLiteral("Small"));
        QCOMPARE(dialog.selectedName(), QStringLiteral("Small"));
        QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("downloadButton"))->isEnabled());
    }

    void downloadFromTheMenuOpensTheModel() {
        ComputeWorker worker;
        LanguageSwitcher languages;
        MainWindow window(&worker, &languages);
        window.show();
        QSignalSpy opened(&window, &MainWindow::modelOpened);
        GetModelDialog* dialog = window.showGetModelDialog();
        QTRY_VERIFY(dialog->isVisible());
        auto* list = dialog->findChild<QTreeWidget*>(QStringLiteral("modelList"));
        list->setCurrentItem(rowNamed(list, QStringLiteral("Small")));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("downloadButton")), Qt::LeftButton);
        QVERIFY(dialog->findChild<QProgressBar*>(QStringLiteral("downloadProgress"))->isVisible());
        QVERIFY(opened.wait(20'000));
        QCOMPARE(opened.first().first().toString(), cache.filePath(QStringLiteral("small.pt")));
        QCOMPARE(window.currentModelPath(), cache.filePath(QStringLiteral("small.pt")));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Small")));
        QVERIFY(QFile::exists(cache.filePath(QStringLiteral("bpe_simple_vocab_16e6.txt.gz"))));  // fetched alongside
        QTRY_VERIFY(!dialog->isVisible());  // it closes when the model is ready
    }

    void cancelKeepsTheFinalLocationEmpty() {
        GetModelDialog dialog;
        dialog.show();
        dialog.offer(QStringLiteral("Slow"));
        auto* cancel = dialog.findChild<QPushButton*>(QStringLiteral("cancelButton"));
        auto* text = dialog.findChild<QLabel*>(QStringLiteral("downloadText"));
        QVERIFY(!cancel->isEnabled());
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("downloadButton")), Qt::LeftButton);
        QVERIFY(cancel->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(text->text().contains(QStringLiteral(" of ")), 10'000);  // bytes are arriving
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!cancel->isEnabled(), 10'000);
        QVERIFY2(text->text().contains(QStringLiteral("canceled")), qPrintable(text->text()));
        QVERIFY(!QFile::exists(cache.filePath(QStringLiteral("slow.pt"))));
        auto* list = dialog.findChild<QTreeWidget*>(QStringLiteral("modelList"));
        QVERIFY(rowNamed(list, QStringLiteral("Slow"))->text(3).contains(QStringLiteral("partly downloaded")));
        // For looking at the dialog: MULTISCOPE_TEST_GRABS=DIR saves it there.
        if (const QString grabs = qEnvironmentVariable("MULTISCOPE_TEST_GRABS"); !grabs.isEmpty())
            QVERIFY(dialog.grab().save(grabs + QStringLiteral("/get-model-dialog.png")));
    }

    void missingCheckpointByNameIsOffered() {
        ComputeWorker worker;
        LanguageSwitcher languages;
        MainWindow window(&worker, &languages);
        window.show();
        QVERIFY(!window.openModelArgument(QStringLiteral("RN50x16")));
        GetModelDialog* dialog = window.findChild<GetModelDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->selectedName(), QStringLiteral("RN50x16"));
        QVERIFY(window.currentModelPath().isEmpty());

        // A file that is there opens at once.
        QVERIFY(window.openModelArgument(cache.filePath(QStringLiteral("small.pt"))));
        QCOMPARE(window.currentModelPath(), cache.filePath(QStringLiteral("small.pt")));
    }
};

QTEST_MAIN(TestGetModel)
#include "tst_getmodel.moc"
