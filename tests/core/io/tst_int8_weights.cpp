// Int8 weights (io/Int8Weights.h): each weight read back within half its row's step, other
// tensors untouched, the file smaller, plain int8 tensors left alone, and clear errors for a
// prefix that matches nothing and for scales that do not fit their tensor.

#include "io/Int8Weights.h"
#include "io/StateDict.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

// A conv weight with an all-zero row and an outlier row, a matrix, a bias and a count.
StateDict sample() {
    at::manual_seed(3);
    StateDict d;
    at::Tensor conv = at::randn({64, 32, 3, 3});
    conv[2].zero_();
    conv[5][0][0][0] = 40;
    d["visual.layer.conv.weight"] = conv;
    d["visual.layer.proj.weight"] = at::randn({32, 24}) * 0.02;
    d["visual.layer.proj.bias"] = at::randn({32});
    d["text.proj.weight"] = at::randn({24, 32});
    d["visual.layer.bn.num_batches_tracked"] = at::scalar_tensor(int64_t(7), at::kLong);
    return d;
}

QString message(const std::function<void()>& body) {
    try {
        body();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("(no error)");
}

}  // namespace

class TestInt8Weights : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripIsWithinHalfAStepPerRow() {
        const StateDict original = sample();
        StateDict quantized = original;
        const Int8Report report = quantizeInt8(quantized, {"visual.layer."});
        QCOMPARE(report.tensors, 2);  // conv and proj weights; the 1-D bias and the count are not matrices
        QCOMPARE(report.elements, int64_t(64 * 32 * 9 + 32 * 24));
        QCOMPARE(quantized.at("visual.layer.conv.weight").scalar_type(), at::kChar);
        QCOMPARE(quantized.at("visual.layer.conv.weight.int8_scale").sizes().vec(), std::vector<int64_t>{64});

        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("q.safetensors")).toStdString();
        const std::string plain = dir.filePath(QStringLiteral("f16.safetensors")).toStdString();
        saveSafetensors(path, quantized, {}, true);
        saveSafetensors(plain, original, {}, true);
        QVERIFY(QFileInfo(QString::fromStdString(path)).size() < QFileInfo(QString::fromStdString(plain)).size() * 0.7);

        const StateDict loaded = loadSafetensors(path);
        QCOMPARE(loaded.size(), original.size());  // the scales are folded back in
        for (const char* name : {"visual.layer.conv.weight", "visual.layer.proj.weight"}) {
            const at::Tensor w = original.at(name);
            const at::Tensor r = loaded.at(name);
            QCOMPARE(r.scalar_type(), at::kFloat);
            const at::Tensor rowMax = w.abs().reshape({w.size(0), -1}).amax(1);
            const at::Tensor rowError = (r - w).abs().reshape({w.size(0), -1}).amax(1);
            // Half a step of 1/127 of the row's largest weight, plus the F16 rounding of the scale.
            QVERIFY2(at::all(rowError <= rowMax / 254 * 1.002 + 1e-7).item<bool>(), name);
        }
        QVERIFY(at::equal(loaded.at("visual.layer.conv.weight")[2], at::zeros({32, 3, 3})));  // the zero row, exactly
        QVERIFY(std::abs(loaded.at("visual.layer.conv.weight")[5][0][0][0].item<float>() - 40.0f) < 0.01f);  // the outlier itself
        // The outlier costs only its own row: another row keeps a fine step.
        const at::Tensor row1 = original.at("visual.layer.conv.weight")[1];
        QVERIFY((loaded.at("visual.layer.conv.weight")[1] - row1).abs().max().item<double>() <= row1.abs().max().item<double>() / 254 * 1.002);
        QVERIFY(report.maxRelativeError > 0 && report.maxRelativeError <= 1.002 / 254);
        // Untouched: the bias (F16-rounded only), another prefix's matrix, the count.
        QVERIFY(at::equal(loaded.at("visual.layer.proj.bias"), original.at("visual.layer.proj.bias").to(at::kHalf).to(at::kFloat)));
        QVERIFY(at::equal(loaded.at("text.proj.weight"), original.at("text.proj.weight").to(at::kHalf).to(at::kFloat)));
        QCOMPARE(loaded.at("visual.layer.bn.num_batches_tracked").item<int64_t>(), int64_t(7));
    }

    void aPlainInt8TensorStaysInt8() {
        StateDict d;
        d["codes"] = at::arange(-5, 5, at::kChar).reshape({2, 5});
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("i8.safetensors")).toStdString();
        saveSafetensors(path, d, {});
        const StateDict loaded = loadSafetensors(path);
        QCOMPARE(loaded.at("codes").scalar_type(), at::kChar);
        QVERIFY(at::equal(loaded.at("codes"), d.at("codes")));
    }

    void aPrefixThatMatchesNothingIsAnError() {
        StateDict d = sample();
        const QString m = message([&] { quantizeInt8(d, {"visual.layer.", "visual.atnpool."}); });
        QVERIFY2(m.contains(QLatin1String("visual.atnpool.")) && m.contains(QLatin1String("no floating tensor")), qPrintable(m));
        QCOMPARE(d.at("visual.layer.conv.weight").scalar_type(), at::kFloat);  // nothing changed
    }

    void scalesThatDoNotFitTheirTensorAreErrors() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.safetensors")).toStdString();
        StateDict orphan;
        orphan["w.int8_scale"] = at::ones({4});
        saveSafetensors(path, orphan, {});
        QString m = message([&] { loadSafetensors(path); });
        QVERIFY2(m.startsWith(QString::fromStdString(path)) && m.contains(QLatin1String("not an int8 tensor")), qPrintable(m));

        StateDict wrongShape;
        wrongShape["w"] = at::ones({4, 3}, at::kChar);
        wrongShape["w.int8_scale"] = at::ones({3});
        saveSafetensors(path, wrongShape, {});
        m = message([&] { loadSafetensors(path); });
        QVERIFY2(m.contains(QLatin1String("one scale per row")), qPrintable(m));
    }
};

QTEST_GUILESS_MAIN(TestInt8Weights)
#include "tst_int8_weights.moc"
