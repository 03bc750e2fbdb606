// Robustness transforms: each is deterministic for a seed and differs across seeds, sizes
// change as Lucid's do, gradients pass through, and the presets are the published lists.

#include "featurevis/TransformPresets.h"
#include "featurevis/Transforms.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/CPUGeneratorImpl.h>

#include <QtTest>

#include <cmath>

using namespace ms;

namespace {

at::Tensor noise(int n, int h, int w, uint64_t seed = 11) {
    return at::rand({n, 3, h, w}, at::make_generator<at::CPUGeneratorImpl>(seed));
}

Transform named(const QString& name) {
    if (name == "pad") return transforms::pad(6);
    if (name == "jitter") return transforms::jitter(8);
    if (name == "scale") return transforms::randomScale({0.8, 0.9, 1.1, 1.25});
    if (name == "rotate") return transforms::randomRotate({-30, -10, 15, 40});
    if (name == "fit") return transforms::fitToSize(50, 70);
    if (name == "lucid") return transforms::fromPreset(lucidTransforms(), 64, 64);
    return transforms::fromPreset(distillTransforms(), 64, 64);
}

}  // namespace

class TestFvTransforms : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { at::set_num_threads(1); }

    void deterministicForASeed_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("random");
        QTest::newRow("pad") << "pad" << false;
        QTest::newRow("jitter") << "jitter" << true;
        QTest::newRow("scale") << "scale" << true;
        QTest::newRow("rotate") << "rotate" << true;
        QTest::newRow("fit") << "fit" << false;
        QTest::newRow("lucid preset") << "lucid" << true;
        QTest::newRow("distill preset") << "distill" << true;
    }

    // Several applications in a row (a run's sequence): same seed → bitwise the same outputs;
    // another seed → some output differs.
    void deterministicForASeed() {
        QFETCH(QString, name);
        QFETCH(bool, random);
        const Transform t = named(name);
        const at::Tensor x = noise(2, 64, 64);
        Rng a(42, 1), b(42, 1), c(43, 1);
        bool anyDifferent = false;
        for (int i = 0; i < 8; ++i) {
            const at::Tensor ya = t(x, a), yb = t(x, b), yc = t(x, c);
            QVERIFY(ya.sizes() == yb.sizes() && at::equal(ya, yb));
            anyDifferent = anyDifferent || ya.sizes() != yc.sizes() || !at::equal(ya, yc);
        }
        QCOMPARE(anyDifferent, random);
    }

    void sizes() {
        Rng rng(0, 0);
        const at::Tensor x = noise(1, 40, 30);
        QCOMPARE(transforms::pad(5)(x, rng).sizes(), (at::IntArrayRef{1, 3, 50, 40}));
        QCOMPARE(transforms::jitter(4)(x, rng).sizes(), (at::IntArrayRef{1, 3, 36, 26}));
        QCOMPARE(transforms::randomScale({1.5})(x, rng).sizes(), (at::IntArrayRef{1, 3, 60, 45}));
        QCOMPARE(transforms::randomRotate({20})(x, rng).sizes(), x.sizes());
        QCOMPARE(transforms::fitToSize(32, 32)(x, rng).sizes(), (at::IntArrayRef{1, 3, 32, 32}));
        // Lucid at 224: 224 + 24 − 8 = 240 before scaling, − 4 after.
        const at::Tensor lucid = transforms::fromPreset(lucidTransforms(), 224, 224)(noise(1, 224, 224), rng);
        QVERIFY(lucid.size(2) >= 212 && lucid.size(2) <= 260 && lucid.size(2) == lucid.size(3));
        // Distill ends at the requested size whatever the draws.
        const at::Tensor distill = transforms::fromPreset(distillTransforms(), 96, 96)(noise(1, 96, 96), rng);
        QCOMPARE(distill.sizes(), (at::IntArrayRef{1, 3, 96, 96}));
    }

    void values() {
        Rng rng(0, 0);
        const at::Tensor x = noise(1, 10, 10);
        const at::Tensor padded = transforms::pad(2, 0.5)(x, rng);
        QCOMPARE(padded[0][1][0][0].item<float>(), 0.5f);
        QVERIFY(at::equal(padded.slice(2, 2, 12).slice(3, 2, 12), x));
        // The jitter crop is a window of the input.
        const at::Tensor j = transforms::jitter(3)(x, rng);
        bool found = false;
        for (int dy = 0; dy <= 3; ++dy)
            for (int dx = 0; dx <= 3; ++dx) found = found || at::equal(j, x.slice(2, dy, dy + 7).slice(3, dx, dx + 7));
        QVERIFY(found);
        // Rotating by 0 is the identity; by 90° moves the top row to the left column.
        QVERIFY(at::equal(transforms::randomRotate({0})(x, rng), x));
        const at::Tensor r = transforms::randomRotate({90})(x, rng);
        const bool leftOrRight = (r.select(3, 0) - x.select(2, 0).flip(-1)).abs().max().item<double>() < 1e-5 ||
                                 (r.select(3, 9) - x.select(2, 0)).abs().max().item<double>() < 1e-5;
        QVERIFY(leftOrRight);
        // Fitting pads with the value, centred.
        const at::Tensor fit = transforms::fitToSize(14, 10, 0.25)(x, rng);
        QCOMPARE(fit[0][0][0][0].item<float>(), 0.25f);
        QVERIFY(at::equal(fit.slice(2, 2, 12), x));
    }

    void gradientsPassThrough() {
        Rng rng(3, 0);
        const at::Tensor x = noise(2, 64, 64).requires_grad_(true);
        const at::Tensor y = transforms::fromPreset(distillTransforms(), 64, 64)(x, rng);
        y.sum().backward();
        QVERIFY(x.grad().defined());
        QVERIFY(x.grad().abs().sum().item<double>() > 0);
    }

    void presetsAreThePublishedLists() {
        const TransformPreset lucid = lucidTransforms();
        QCOMPARE(int(lucid.steps.size()), 5);
        QCOMPARE(lucid.steps[0].kind, TransformStep::Kind::Pad);
        QCOMPARE(lucid.steps[0].pixels, 12);
        QCOMPARE(lucid.steps[0].value, 0.5);
        QCOMPARE(lucid.steps[1].pixels, 8);
        QCOMPARE(int(lucid.steps[2].choices.size()), 11);
        QCOMPARE(lucid.steps[2].choices.front(), 0.9);
        QCOMPARE(lucid.steps[2].choices.back(), 1.1);
        QCOMPARE(int(lucid.steps[3].choices.size()), 21 + 5);
        QCOMPARE(int(std::count(lucid.steps[3].choices.begin(), lucid.steps[3].choices.end(), 0.0)), 6);
        QCOMPARE(lucid.steps[4].pixels, 4);

        const TransformPreset distill = distillTransforms();
        QCOMPARE(int(distill.steps.size()), 1 + 10 + 1 + 1 + 1 + 1);
        QCOMPARE(distill.steps[0].pixels, 2);
        for (int i = 1; i <= 10; ++i) QCOMPARE(distill.steps[i].pixels, 4);
        const std::vector<double>& scales = distill.steps[11].choices;
        QCOMPARE(int(scales.size()), 85 + 40);
        QVERIFY(std::abs(scales.front() - std::pow(0.995, -5)) < 1e-12);
        QVERIFY(std::abs(scales[84] - std::pow(0.995, 79)) < 1e-12);
        QVERIFY(std::abs(scales.back() - std::pow(0.998, 39)) < 1e-12);
        const std::vector<double>& angles = distill.steps[12].choices;
        QCOMPARE(int(angles.size()), 40 + 20 + 10 + 5);
        QCOMPARE(angles.front(), -20.0);
        QCOMPARE(distill.steps[13].pixels, 2);
        QCOMPARE(distill.steps[14].kind, TransformStep::Kind::FitToSize);

        QCOMPARE(transformPreset("none").steps.size(), size_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, transformPreset("lucent"));
        QCOMPARE(QString::fromStdString(describePreset(lucid)),
                 QString("pad 12 (0.5), jitter 8, scale ×0.900…1.100 (11), rotate -10…10° (26), jitter 4"));
        QVERIFY(QString::fromStdString(describePreset(distill)).contains("10 × jitter 4"));
    }
};

QTEST_GUILESS_MAIN(TestFvTransforms)
#include "tst_fv_transforms.moc"
