// .safetensors loading and saving: the reference fixtures, round trips over dtypes (F16 and
// BF16 included), fp16 export, and malformed files built here, each a clear ms::Error.
// (No raw string literals here: Qt 6.4's moc misreads them and skips the test class.)

#include "io/Safetensors.h"
#include "io/StateDict.h"
#include "util/Error.h"

#include "TestSupport.h"

#include <ATen/ATen.h>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QByteArray readBytes(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

// A safetensors file with this header text (unpadded) followed by `data`.
QByteArray rawFile(const QByteArray& header, const QByteArray& data, uint64_t claimedLength = 0) {
    const uint64_t length = claimedLength ? claimedLength : uint64_t(header.size());
    QByteArray out;
    for (int i = 0; i < 8; ++i) out.append(static_cast<char>((length >> (8 * i)) & 0xff));
    return out + header + data;
}

// A small non-CLIP state dict over several dtypes, 0-d and empty tensors included.
ms::StateDict sampleDict() {
    ms::StateDict d;
    d["a.weight"] = at::linspace(-2, 3, 24, at::kFloat).reshape({2, 3, 4});
    d["b.double"] = at::linspace(-1, 1, 5, at::kDouble);
    d["c.half"] = at::linspace(-4, 4, 6, at::kFloat).to(at::kHalf);
    d["d.bf16"] = at::linspace(-4, 4, 7, at::kFloat).to(at::kBFloat16);
    d["e.count"] = at::scalar_tensor(int64_t(123456789012), at::kLong);
    d["f.int"] = at::arange(-3, 3, at::kInt);
    d["g.bytes"] = at::arange(0, 250, 10, at::kByte);
    d["h.mask"] = at::arange(5, at::kLong).fmod(2) == 0;
    d["i.scale"] = at::scalar_tensor(4.6052f, at::kFloat);
    d["j.empty"] = at::zeros({0, 3}, at::kFloat);
    return d;
}

void expectError(const std::function<void()>& call, const QString& path, const QString& problem) {
    try {
        call();
        QFAIL(qPrintable("no error thrown; expected: " + problem));
    } catch (const ms::Error& e) {
        const QString message = QString::fromStdString(e.what());
        qInfo("%s", e.what());
        QVERIFY2(message.startsWith(path + ": "), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message + "\n   expected to contain: " + problem));
    }
}

}  // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsFixtureWithReferenceKeys_data() {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("rn_tiny") << "clip/rn_tiny";
        QTest::newRow("vit_tiny") << "clip/vit_tiny";
    }
    void loadsFixtureWithReferenceKeys() {
        QFETCH(QString, fixture);
        const ms::StateDict dict =
            ms::loadStateDict(ms::test::fixturePath(fixture + "/weights.safetensors").toStdString());
        const QJsonArray keys =
            QJsonDocument::fromJson(readBytes(ms::test::fixturePath(fixture + "/state_dict_keys.json"))).array();
        QCOMPARE(dict.size(), size_t(keys.size()));
        for (const QJsonValue& value : keys) {
            const QJsonObject key = value.toObject();
            const std::string name = key["name"].toString().toStdString();
            QVERIFY2(dict.count(name), name.c_str());
            const at::Tensor& t = dict.at(name);
            const bool isInt = key["dtype"].toString() == "int64";
            QCOMPARE(t.scalar_type(), isInt ? at::kLong : at::kFloat);
            std::vector<int64_t> shape;
            for (const QJsonValue& dim : key["shape"].toArray()) shape.push_back(dim.toInteger());
            QCOMPARE(t.sizes().vec(), shape);
            QVERIFY(t.is_contiguous());
        }
    }

    void rnTinyDetails() {
        const std::string path = ms::test::fixturePath("clip/rn_tiny/weights.safetensors").toStdString();
        const ms::StateDict dict = ms::loadSafetensors(path);
        QCOMPARE(dict.size(), size_t(171));
        QCOMPARE(dict.at("logit_scale").dim(), int64_t(0));
        QCOMPARE(dict.at("logit_scale").scalar_type(), at::kFloat);
        QCOMPARE(dict.at("visual.bn1.num_batches_tracked").dim(), int64_t(0));
        QCOMPARE(dict.at("visual.bn1.num_batches_tracked").scalar_type(), at::kLong);
        int i64 = 0;
        for (const auto& [name, t] : dict) i64 += t.scalar_type() == at::kLong;
        QCOMPARE(i64, 22);
        // The data bytes of a tensor are what the header points at.
        const QByteArray bytes = readBytes(QString::fromStdString(path));
        const ms::SafetensorsLayout layout = ms::parseSafetensors(bytes.constData(), bytes.size(), bytes.size(), path);
        QCOMPARE(layout.metadata.at("format"), std::string("pt"));
        QVERIFY(layout.metadata.count("config"));
        for (const ms::SafetensorsEntry& e : layout.tensors) {
            if (e.name != "logit_scale") continue;
            float value;
            std::memcpy(&value, bytes.constData() + layout.dataStart + e.begin, 4);
            QCOMPARE(dict.at("logit_scale").item<float>(), value);
        }
    }

    void roundTrip() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("sample.safetensors").toStdString();
        const ms::StateDict original = sampleDict();
        const std::map<std::string, std::string> metadata{{"format", "pt"}, {"note", "ünïcode ✓"}};
        ms::saveSafetensors(path, original, metadata);

        const QByteArray bytes = readBytes(QString::fromStdString(path));
        const ms::SafetensorsLayout layout = ms::parseSafetensors(bytes.constData(), bytes.size(), bytes.size(), path);
        QCOMPARE(layout.metadata, metadata);
        QCOMPARE(layout.dataStart % 8, uint64_t(0));
        std::map<std::string, std::string> stored;
        for (const ms::SafetensorsEntry& e : layout.tensors) {
            stored[e.name] = ms::safetensorsDtypeName(e.dtype);
            QCOMPARE((layout.dataStart + e.begin) % ms::safetensorsDtypeSize(e.dtype), uint64_t(0));
        }
        QCOMPARE(stored.at("c.half"), std::string("F16"));
        QCOMPARE(stored.at("d.bf16"), std::string("BF16"));
        QCOMPARE(stored.at("b.double"), std::string("F64"));
        QCOMPARE(stored.at("h.mask"), std::string("BOOL"));

        const ms::StateDict loaded = ms::loadStateDict(path);
        QCOMPARE(loaded.size(), original.size());
        for (const auto& [name, t] : original) {
            const at::Tensor& back = loaded.at(name);
            const at::Tensor expected = at::isFloatingType(t.scalar_type()) ? t.to(at::kFloat) : t;
            QCOMPARE(back.scalar_type(), expected.scalar_type());
            QCOMPARE(back.sizes().vec(), t.sizes().vec());
            QVERIFY2(at::equal(back, expected), name.c_str());
        }
    }

    void float16Export() {
        QTemporaryDir dir;
        const QString source = ms::test::fixturePath("clip/rn_tiny/weights.safetensors");
        const ms::StateDict dict = ms::loadSafetensors(source.toStdString());
        const std::string path = dir.filePath("half.safetensors").toStdString();
        ms::saveSafetensors(path, dict, {{"format", "pt"}}, /*asFloat16=*/true);
        QVERIFY(QFileInfo(QString::fromStdString(path)).size() < QFileInfo(source).size() / 2 + 100000);
        const ms::StateDict half = ms::loadSafetensors(path);
        QCOMPARE(half.size(), dict.size());
        for (const auto& [name, t] : dict) {
            const at::Tensor expected = t.scalar_type() == at::kLong ? t : t.to(at::kHalf).to(at::kFloat);
            QCOMPARE(half.at(name).scalar_type(), t.scalar_type());
            QVERIFY2(at::equal(half.at(name), expected), name.c_str());
        }
    }

    void sniffsByContent() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("weights.pt").toStdString();  // misleading extension
        ms::saveSafetensors(path, sampleDict(), {});
        QCOMPARE(ms::sniffModelFile(path), ms::ModelFileFormat::Safetensors);
        QCOMPARE(ms::loadStateDict(path).size(), sampleDict().size());
        const QString zip = dir.filePath("archive.safetensors");
        writeBytes(zip, QByteArray("PK\x03\x04 rest of a zip", 20));
        QCOMPARE(ms::sniffModelFile(zip.toStdString()), ms::ModelFileFormat::TorchScriptArchive);
    }

    void badFiles_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("problem");
        const QByteArray good = rawFile("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", QByteArray(16, 'x'));
        auto entry = [](const char* dtype, const char* shape, const char* offsets) {
            return QByteArray("{\"w\":{\"dtype\":\"") + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}";
        };
        QTest::newRow("empty file") << QByteArray() << "empty.bin" << "the file is empty";
        QTest::newRow("random bytes") << QByteArray("\x9a\x13\x77\xfe\x01\x02\x03\x04\x05\x06\x07 junk", 18) << "random.bin"
                                      << "not a model file";
        QTest::newRow("shorter than 8") << QByteArray("\x05\x00\x00", 3) << "short.safetensors" << "too short";
        QTest::newRow("truncated data") << good.left(good.size() - 5) << "truncated.safetensors"
                                        << "tensor 'w' data ends at byte";
        QTest::newRow("header length beyond file") << rawFile("{}", {}, 4096) << "long.safetensors"
                                                   << "header length 4096 is larger than the file";
        QTest::newRow("huge header length") << rawFile("{}", {}, ~uint64_t(0)) << "huge.safetensors"
                                            << "larger than the file";
        QTest::newRow("offsets disagree with shape") << rawFile(entry("F32", "[2,2]", "[0,12]"), QByteArray(16, 'x'))
                                                     << "lies.safetensors" << "data_offsets span 12 bytes but shape and F32 need 16";
        QTest::newRow("offsets past the end") << rawFile(entry("F32", "[2,2]", "[16,32]"), QByteArray(16, 'x'))
                                              << "past.safetensors" << "ends at byte";
        QTest::newRow("negative offset") << rawFile(entry("F32", "[1]", "[-4,0]"), QByteArray(16, 'x'))
                                         << "negative.safetensors" << "non-negative";
        QTest::newRow("end before begin") << rawFile(entry("F32", "[0]", "[8,4]"), QByteArray(16, 'x'))
                                          << "backwards.safetensors" << "before they begin";
        QTest::newRow("overlap") << rawFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                                            "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                                            QByteArray(16, 'x'))
                                 << "overlap.safetensors" << "'a' and 'b' overlap";
        QTest::newRow("wrong dtype") << rawFile(entry("F33", "[2,2]", "[0,16]"), QByteArray(16, 'x'))
                                     << "dtype.safetensors" << "unknown dtype 'F33'";
        QTest::newRow("unloadable dtype") << rawFile(entry("U32", "[2,2]", "[0,16]"), QByteArray(16, 'x'))
                                          << "u32.safetensors" << "dtype U32";
        QTest::newRow("invalid JSON") << rawFile("{\"w\":{\"dtype\":\"F32\",", QByteArray(16, 'x')) << "json.safetensors"
                                      << "not valid JSON";
        QTest::newRow("not an object") << rawFile("[1,2]", {}) << "array.safetensors" << "not a JSON object";
        QTest::newRow("missing shape") << rawFile("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,16]}}", QByteArray(16, 'x'))
                                       << "noshape.safetensors" << "no \"shape\"";
        QTest::newRow("fractional dim") << rawFile(entry("F32", "[2.5]", "[0,10]"), QByteArray(16, 'x'))
                                        << "frac.safetensors" << "non-negative integers";
        QTest::newRow("overflowing shape") << rawFile(entry("F64", "[4294967296,4294967296]", "[0,16]"), QByteArray(16, 'x'))
                                           << "overflow.safetensors" << "overflows";
        QTest::newRow("metadata not strings") << rawFile("{\"__metadata__\":{\"epochs\":3}}", {}) << "meta.safetensors"
                                              << "metadata value 'epochs' is not a string";
    }
    void badFiles() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, fileName);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        writeBytes(path, bytes);
        expectError([&] { ms::loadStateDict(path.toStdString()); }, path, problem);
    }

    void missingFileAndFolder() {
        QTemporaryDir dir;
        expectError([&] { ms::loadStateDict(dir.filePath("absent.safetensors").toStdString()); },
                    dir.filePath("absent.safetensors"), "cannot open");
        expectError([&] { ms::loadSafetensors(dir.path().toStdString()); }, dir.path(), "folder");
    }

    void unsavableTensor() {
        QTemporaryDir dir;
        const QString path = dir.filePath("c.safetensors");
        expectError([&] { ms::saveSafetensors(path.toStdString(), {{"z", at::zeros({2}, at::kComplexFloat)}}, {}); },
                    path, "cannot store tensor 'z'");
        QVERIFY(!QFileInfo::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
