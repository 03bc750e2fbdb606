// Loading TorchScript archives shaped like OpenAI's CLIP .pt files: tests/tools/
// make_torchscript_archive.py (run with Debian's /usr/bin/python3 + python3-torch) traces a
// CLIP-shaped module holding the rn_tiny fixture's weights in fp16, with the three extra
// int64 buffers and forward1-style methods; the loader must read exactly the tensors.

#include "io/StateDict.h"
#include "util/Error.h"

#include "TestSupport.h"

#include <ATen/ATen.h>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kPython = QStringLiteral(MULTISCOPE_SYSTEM_PYTHON);
const QString kScript = QStringLiteral(MULTISCOPE_TORCHSCRIPT_SCRIPT);

// Runs the archive-making script; fails the test with its output when it does not succeed.
bool runScript(const QStringList& arguments) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(kPython, QStringList{kScript} + arguments);
    if (!process.waitForFinished(180000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        QTest::qFail(qPrintable(QStringLiteral("%1 %2 failed:\n%3")
                                    .arg(kPython, arguments.join(' '), QString::fromUtf8(process.readAll()))),
                     __FILE__, __LINE__);
        return false;
    }
    return true;
}

QString fixtureDir(const QString& name) {
    return QFileInfo(ms::test::fixturePath("clip/" + name + "/weights.safetensors")).path();
}

}  // namespace

class TestTorchScript : public QObject {
    Q_OBJECT
private:
    QTemporaryDir mDir;
    QString mArchive;
    QString mTooNew;
    QString mVitArchive;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(QFileInfo(kPython).isExecutable(),
                 qPrintable(kPython + " is missing: install Debian's python3 and python3-torch "
                                      "(packaging/setup-deps.sh) to make the test archives"));
        QVERIFY(mDir.isValid());
        mArchive = mDir.filePath("rn_tiny.pt");
        mVitArchive = mDir.filePath("vit_tiny.pt");
        mTooNew = mDir.filePath("rn_tiny_from_the_future.pt");
        QVERIFY(runScript({"--fixture", fixtureDir("rn_tiny"), "--out", mArchive}));
        QVERIFY(runScript({"--fixture", fixtureDir("vit_tiny"), "--out", mVitArchive}));
        QVERIFY(runScript({"--bump-version", mArchive, mTooNew}));
    }

    // Every fixture tensor comes back as float32 (or int64), equal to the fp32 value rounded
    // to fp16: the loader adds no error of its own.
    void readsEveryTensorOfTheArchive_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("archive");
        QTest::addColumn<int>("tensors");
        QTest::newRow("rn_tiny") << "rn_tiny" << mArchive << 171;
        QTest::newRow("vit_tiny") << "vit_tiny" << mVitArchive << 62;
    }
    void readsEveryTensorOfTheArchive() {
        QFETCH(QString, fixture);
        QFETCH(QString, archive);
        QFETCH(int, tensors);
        const ms::StateDict reference = ms::loadSafetensors((fixtureDir(fixture) + "/weights.safetensors").toStdString());
        QCOMPARE(reference.size(), size_t(tensors));
        const ms::StateDict loaded = ms::loadTorchScriptArchive(archive.toStdString());
        QCOMPARE(loaded.size(), reference.size() + 3);
        for (const auto& [name, fp32] : reference) {
            QVERIFY2(loaded.count(name), name.c_str());
            const at::Tensor& t = loaded.at(name);
            QCOMPARE(t.scalar_type(), fp32.scalar_type() == at::kLong ? at::kLong : at::kFloat);
            QCOMPARE(t.sizes().vec(), fp32.sizes().vec());
            QVERIFY(t.is_contiguous());
            QVERIFY(!t.requires_grad());
            const at::Tensor expected = fp32.scalar_type() == at::kLong ? fp32 : fp32.to(at::kHalf).to(at::kFloat);
            QVERIFY2(at::equal(t, expected), name.c_str());
        }
    }

    void keepsOpenAiExtraBuffers() {
        const ms::StateDict loaded = ms::loadTorchScriptArchive(mArchive.toStdString());
        const std::pair<const char*, int64_t> extras[] = {
            {"input_resolution", 64}, {"context_length", 77}, {"vocab_size", 49408}};
        for (const auto& [name, value] : extras) {
            QVERIFY2(loaded.count(name), name);
            QCOMPARE(loaded.at(name).dim(), int64_t(0));
            QCOMPARE(loaded.at(name).scalar_type(), at::kLong);
            QCOMPARE(loaded.at(name).item<int64_t>(), value);
        }
    }

    void loadStateDictSniffsTheArchive() {
        QCOMPARE(ms::sniffModelFile(mArchive.toStdString()), ms::ModelFileFormat::TorchScriptArchive);
        const ms::StateDict viaSniff = ms::loadStateDict(mArchive.toStdString());
        const ms::StateDict direct = ms::loadTorchScriptArchive(mArchive.toStdString());
        QCOMPARE(viaSniff.size(), direct.size());
        for (const auto& [name, t] : direct) QVERIFY2(at::equal(viaSniff.at(name), t), name.c_str());
    }

    void tooNewArchiveIsAClearError() {
        try {
            ms::loadStateDict(mTooNew.toStdString());
            QFAIL("no error thrown");
        } catch (const ms::Error& e) {
            const QString message = QString::fromStdString(e.what());
            qInfo("%s", e.what());
            QVERIFY2(message.startsWith(mTooNew + ": "), qPrintable(message));
            QVERIFY2(message.contains("TorchScript archive version 99 is newer than this LibTorch (1.13) supports"),
                     qPrintable(message));
            QVERIFY2(!message.contains('\n'), qPrintable(message));
        }
    }

    void torchSavePickleIsAClearError() {
        const QString path = mDir.filePath("state_dict.pt");
        QVERIFY(runScript({"--torch-save", path}));
        try {
            ms::loadStateDict(path.toStdString());
            QFAIL("no error thrown");
        } catch (const ms::Error& e) {
            const QString message = QString::fromStdString(e.what());
            qInfo("%s", e.what());
            QVERIFY2(message.startsWith(path + ": a zip archive but not a TorchScript model"), qPrintable(message));
        }
    }

    void brokenZipIsAClearError_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("zip magic then junk") << QByteArray("PK\x03\x04 this is not really a zip file", 36);
        QFile archive(mArchive);
        QVERIFY(archive.open(QIODevice::ReadOnly));
        QTest::newRow("archive cut in half") << archive.readAll().left(archive.size() / 2);
    }
    void brokenZipIsAClearError() {
        QFETCH(QByteArray, bytes);
        const QString path = mDir.filePath("broken.pt");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        try {
            ms::loadStateDict(path.toStdString());
            QFAIL("no error thrown");
        } catch (const ms::Error& e) {
            const QString message = QString::fromStdString(e.what());
            qInfo("%s", e.what());
            QVERIFY2(message.startsWith(path + ": the TorchScript archive is truncated or not a valid zip file"),
                     qPrintable(message));
            QVERIFY2(!message.contains('\n'), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestTorchScript)
#include "tst_torchscript.moc"
