// .npy reading and writing: round trips over dtypes and shapes (0-d included), byte-identical
// headers to numpy's, the reference fixtures, Fortran order, and malformed files.

#include "io/Npy.h"
#include "io/NpyTensor.h"
#include "util/Error.h"

#include "TestSupport.h"

#include <ATen/ATen.h>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

Q_DECLARE_METATYPE(at::ScalarType)
Q_DECLARE_METATYPE(std::vector<int64_t>)

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

// A v1.0 header whose dictionary is given literally (unpadded: the reader does not need padding).
QByteArray headerWithDict(const QByteArray& dict) {
    QByteArray out("\x93NUMPY\x01\x00", 8);
    out.append(static_cast<char>(dict.size() & 0xff));
    out.append(static_cast<char>(dict.size() >> 8));
    return out + dict;
}

at::Tensor sample(at::ScalarType type, const std::vector<int64_t>& shape) {
    const at::Tensor values = at::arange(c10::multiply_integers(shape), at::kDouble).reshape(shape);
    if (type == at::kBool) return (values.fmod(3) == 0);
    if (at::isFloatingType(type)) return (values * 0.37 - 3.25).to(type);
    return (values * 7 - 11).to(type);
}

}  // namespace

class TestNpy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data() {
        QTest::addColumn<at::ScalarType>("type");
        QTest::addColumn<std::vector<int64_t>>("shape");
        const std::pair<const char*, at::ScalarType> types[] = {
            {"f4", at::kFloat}, {"f8", at::kDouble}, {"f2", at::kHalf}, {"i8", at::kLong}, {"i4", at::kInt},
            {"i2", at::kShort}, {"i1", at::kChar},   {"u1", at::kByte}, {"b1", at::kBool}};
        const std::vector<std::vector<int64_t>> shapes = {{}, {0}, {5}, {2, 3}, {2, 0, 3}, {2, 3, 4, 1}};
        for (const auto& [name, type] : types)
            for (const auto& shape : shapes)
                QTest::addRow("%s_%dd_%lld", name, int(shape.size()), (long long)c10::multiply_integers(shape))
                    << type << shape;
    }
    void roundTrip() {
        QFETCH(at::ScalarType, type);
        QFETCH(std::vector<int64_t>, shape);
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.npy").toStdString();
        const at::Tensor original = sample(type, shape);
        ms::writeNpy(path, original);
        const QByteArray bytes = readBytes(QString::fromStdString(path));
        const size_t dataStart = ms::parseNpyHeader(bytes.toStdString(), path).dataOffset;
        QCOMPARE(dataStart % 64, size_t(0));
        const at::Tensor loaded = ms::readNpy(path);
        QCOMPARE(loaded.scalar_type(), type);
        QCOMPARE(loaded.sizes().vec(), shape);
        QVERIFY(loaded.is_contiguous());
        QVERIFY(at::equal(loaded, original));
    }

    void writesNonContiguousTensorsInCOrder() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("t.npy").toStdString();
        const at::Tensor t = at::arange(12, at::kFloat).reshape({3, 4}).t();
        ms::writeNpy(path, t);
        QVERIFY(at::equal(ms::readNpy(path), t.contiguous()));
    }

    // numpy 1.24's numpy.save wrote the fixture; our header must be the same bytes.
    void headerMatchesNumpy() {
        const QString fixture = ms::test::fixturePath("clip/rn_tiny/images.npy");
        const QByteArray numpyBytes = readBytes(fixture);
        const std::string ours = ms::formatNpyHeader("<f4", false, {3, 3, 64, 64});
        QCOMPARE(ours.size(), size_t(128));
        QCOMPARE(QByteArray::fromStdString(ours), numpyBytes.left(128));
        QTemporaryDir dir;
        const std::string copy = dir.filePath("images.npy").toStdString();
        ms::writeNpy(copy, ms::readNpy(fixture.toStdString()));
        QCOMPARE(readBytes(QString::fromStdString(copy)), numpyBytes);
    }

    void readsFixtures() {
        const at::Tensor images = ms::readNpy(ms::test::fixturePath("clip/rn_tiny/images.npy").toStdString());
        QCOMPARE(images.scalar_type(), at::kFloat);
        QCOMPARE(images.sizes().vec(), (std::vector<int64_t>{3, 3, 64, 64}));
        QVERIFY(images.isfinite().all().item<bool>());
        const at::Tensor tokens = ms::readNpy(ms::test::fixturePath("clip/rn_tiny/tokens.npy").toStdString());
        QCOMPARE(tokens.scalar_type(), at::kLong);
        QCOMPARE(tokens.sizes().vec(), (std::vector<int64_t>{8, 77}));
        QCOMPARE(tokens[0][0].item<int64_t>(), int64_t(49406));
        const at::Tensor eot = ms::readNpy(ms::test::fixturePath("clip/rn_tiny/text_eot_index.npy").toStdString());
        QVERIFY(at::equal(eot, tokens.argmax(-1)));
        const at::Tensor crop =
            ms::readNpy(ms::test::fixturePath("clip/preprocess/camera_32_crop_rgb_u8.npy").toStdString());
        QCOMPARE(crop.scalar_type(), at::kByte);
        QCOMPARE(crop.sizes().vec(), (std::vector<int64_t>{32, 32, 3}));
    }

    void readsFortranOrder() {
        QTemporaryDir dir;
        const QString path = dir.filePath("f.npy");
        // Column-major 2×3 [[0,1,2],[3,4,5]] is stored as 0 3 1 4 2 5.
        const int32_t data[] = {0, 3, 1, 4, 2, 5};
        writeBytes(path, QByteArray::fromStdString(ms::formatNpyHeader("<i4", true, {2, 3})) +
                             QByteArray(reinterpret_cast<const char*>(data), sizeof data));
        const at::Tensor t = ms::readNpy(path.toStdString());
        QVERIFY(t.is_contiguous());
        QVERIFY(at::equal(t, at::arange(6, at::kInt).reshape({2, 3})));
    }

    void headerForms_data() {
        QTest::addColumn<QByteArray>("dict");
        QTest::addColumn<std::vector<int64_t>>("shape");
        QTest::newRow("double quotes, no trailing comma")
            << QByteArray("{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 1)}") << std::vector<int64_t>{2, 1};
        QTest::newRow("key order, python2 longs")
            << QByteArray("{'shape': (3L,), 'fortran_order': False, 'descr': '<f4'}") << std::vector<int64_t>{3};
        QTest::newRow("0-d with spaces") << QByteArray("{ 'descr' : '<f4' , 'fortran_order' : False , 'shape' : ( ) , }\n")
                                         << std::vector<int64_t>{};
    }
    void headerForms() {
        QFETCH(QByteArray, dict);
        QFETCH(std::vector<int64_t>, shape);
        const ms::NpyHeader header = ms::parseNpyHeader(headerWithDict(dict).toStdString(), "x.npy");
        QCOMPARE(header.descr, std::string("<f4"));
        QCOMPARE(header.shape, shape);
        QCOMPARE(header.itemSize, size_t(4));
        QCOMPARE(header.dataOffset, size_t(10 + dict.size()));
    }

    void badFiles_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        const QByteArray okData(8, '\0');
        QTest::newRow("empty") << QByteArray() << "not a .npy file";
        QTest::newRow("random bytes") << QByteArray("\x01\x02 hello, world, not numpy", 26) << "not a .npy file";
        QTest::newRow("magic only") << QByteArray("\x93NUMPY", 6) << "truncated";
        QTest::newRow("version 4") << QByteArray("\x93NUMPY\x04\x00\x10\x00{}", 12) << "version 4";
        QTest::newRow("header beyond file") << QByteArray("\x93NUMPY\x01\x00\xff\x00{'descr'", 18) << "claims 255 bytes";
        QTest::newRow("missing shape") << headerWithDict("{'descr': '<f4', 'fortran_order': False}") << "lacks";
        QTest::newRow("big-endian") << headerWithDict("{'descr': '>f4', 'fortran_order': False, 'shape': (2,)}") + okData
                                    << "big-endian";
        QTest::newRow("complex") << headerWithDict("{'descr': '<c8', 'fortran_order': False, 'shape': (1,)}") + okData
                                 << "unsupported dtype '<c8'";
        QTest::newRow("structured") << headerWithDict("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}")
                                    << "structured";
        QTest::newRow("negative dim") << headerWithDict("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}")
                                      << "non-negative";
        QTest::newRow("overflowing shape")
            << headerWithDict("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}") << "overflows";
        QTest::newRow("unterminated") << headerWithDict("{'descr': '<f4") << "unterminated";
        QTest::newRow("bad bool") << headerWithDict("{'descr': '<f4', 'fortran_order': 0, 'shape': ()}") << "neither";
        QTest::newRow("data truncated")
            << headerWithDict("{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}") + okData << "data truncated";
    }
    void badFiles() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad_input.npy");
        writeBytes(path, bytes);
        try {
            ms::readNpy(path.toStdString());
            QFAIL("no error thrown");
        } catch (const ms::Error& e) {
            const QString message = QString::fromStdString(e.what());
            qInfo("%s", e.what());
            QVERIFY2(message.startsWith(path + ": "), qPrintable(message));
            QVERIFY2(message.contains(problem), qPrintable(message));
        }
    }

    void missingFileAndUnwritablePath() {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(ms::Error, ms::readNpy(dir.filePath("absent.npy").toStdString()));
        QVERIFY_THROWS_EXCEPTION(ms::Error, ms::writeNpy(dir.filePath("no/such/dir/x.npy").toStdString(), at::zeros({2})));
        QVERIFY_THROWS_EXCEPTION(ms::Error, ms::writeNpy(dir.filePath("c.npy").toStdString(),
                                                         at::zeros({2}, at::kComplexFloat)));
    }
};

QTEST_GUILESS_MAIN(TestNpy)
#include "tst_npy.moc"
