// Image parameterisations and the image regularisers, without a model: the Fourier
// parameterisation round-trips (image → spectrum → image), the 1/f scale and the colour matrix
// are Lucid's, random starts are deterministic for a seed, and optimising each regulariser
// lowers its loss.

#include "featurevis/ImageParam.h"
#include "featurevis/Objectives.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adam.h>

#include <QtTest>

#include <cmath>

using namespace ms;

namespace {

at::Generator generator(uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

// A smooth, colourful test image in (0.05, 0.95).
at::Tensor testImage(int n, int h, int w) {
    const at::Tensor y = at::linspace(0, 1, h, at::kFloat).view({1, 1, h, 1});
    const at::Tensor x = at::linspace(0, 1, w, at::kFloat).view({1, 1, 1, w});
    const at::Tensor phase = at::arange(3 * n, at::kFloat).view({n, 3, 1, 1});
    return 0.5 + 0.45 * at::sin(6.0 * x + 4.0 * y + phase) * at::cos(3.0 * y - 2.0 * x + 0.5 * phase);
}

double maxDiff(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class TestFvParam : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { at::set_num_threads(1); }

    void roundTrip_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("decorrelate");
        QTest::newRow("fourier 224 decorrelated") << int(ParamKind::Fourier) << 224 << 224 << true;
        QTest::newRow("fourier 64 plain colours") << int(ParamKind::Fourier) << 64 << 64 << false;
        QTest::newRow("fourier odd 33x47") << int(ParamKind::Fourier) << 33 << 47 << true;
        QTest::newRow("fourier 1 row") << int(ParamKind::Fourier) << 1 << 16 << true;
        QTest::newRow("pixel 40x30") << int(ParamKind::Pixels) << 40 << 30 << true;
    }

    // An image → the parameterisation that reproduces it → its image.
    void roundTrip() {
        QFETCH(int, kind);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(bool, decorrelate);
        ParamOptions o;
        o.kind = ParamKind(kind);
        o.decorrelate = decorrelate;
        const at::Tensor image = testImage(2, height, width);
        const ImageParam p = imageParamFrom(image, o);
        const at::Tensor back = p.image();
        QCOMPARE(back.sizes(), image.sizes());
        QVERIFY2(maxDiff(back, image) < 2e-5, qPrintable(QString::number(maxDiff(back, image))));
        QVERIFY(p.parameters.at(0).requires_grad());
        QVERIFY(back.requires_grad());
    }

    // The spectrum itself: pre-sigmoid image → spectrum → image, odd and even widths.
    void spectrumRoundTrip() {
        for (const auto& [h, w] : {std::pair{32, 32}, std::pair{31, 45}}) {
            const FourierGeometry g{h, w};
            const at::Tensor scale = fourierScale(g, 1.0);
            const at::Tensor raw = at::randn({1, 3, h, w}, generator(3));
            const at::Tensor spectrum = imageToSpectrum(raw, g, scale);
            QCOMPARE(spectrum.sizes(), (at::IntArrayRef{1, 3, h, g.spectrumWidth()}));
            QVERIFY(spectrum.is_complex());
            QVERIFY(maxDiff(spectrumToImage(spectrum, g, scale), raw) < 1e-5);
        }
    }

    // Lucid's numbers: DC scaled by sqrt(w·h)·max(w, h); other bins by sqrt(w·h)/f.
    void fourierScaleIsLucids() {
        const FourierGeometry g{8, 6};
        const at::Tensor s = fourierScale(g, 1.0);
        QCOMPARE(s.sizes(), (at::IntArrayRef{8, 4}));
        const double root = std::sqrt(48.0);
        QVERIFY(std::abs(s[0][0].item<double>() - root * 8.0) < 1e-3);
        QVERIFY(std::abs(s[1][0].item<double>() - root / (1.0 / 8.0)) < 1e-3);  // fy = 1/8
        QVERIFY(std::abs(s[0][3].item<double>() - root / 0.5) < 1e-3);          // fx = 3/6
        QVERIFY(std::abs(s[7][1].item<double>() - root / std::sqrt(1.0 / 64 + 1.0 / 36)) < 1e-3);
        QVERIFY(std::abs(fourierScale(g, 2.0)[0][3].item<double>() - root / 0.25) < 1e-3);
    }

    void colourMatrix() {
        const at::Tensor m = colourCorrelation();
        QVERIFY(std::abs(m.norm(2, {0}).max().item<double>() - 1.0) < 1e-6);
        const double column0 = std::sqrt(0.26 * 0.26 + 0.27 * 0.27 + 0.27 * 0.27);
        QVERIFY(std::abs(m[0][1].item<double>() - 0.09 / column0) < 1e-6);
        QVERIFY(std::abs(m[1][2].item<double>() + 0.05 / column0) < 1e-6);
        const at::Tensor x = at::randn({2, 3, 5, 4}, generator(1));
        QVERIFY(maxDiff(correlateColours(decorrelateColours(x)), x) < 1e-5);
        // Pixel (1, 0, 0) becomes the matrix's first column.
        at::Tensor red = at::zeros({1, 3, 1, 1});
        red[0][0] = 1.0;
        QVERIFY(maxDiff(decorrelateColours(red).flatten(), m.select(1, 0)) < 1e-7);
    }

    void randomStartIsDeterministic_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("fourier") << int(ParamKind::Fourier);
        QTest::newRow("pixel") << int(ParamKind::Pixels);
    }

    void randomStartIsDeterministic() {
        QFETCH(int, kind);
        ParamOptions o;
        o.kind = ParamKind(kind);
        o.batch = 3;
        o.height = 48;
        o.width = 40;
        at::Generator g1 = generator(7), g2 = generator(7), g3 = generator(8);
        const at::Tensor a = makeImageParam(o, g1).image(), b = makeImageParam(o, g2).image();
        const at::Tensor c = makeImageParam(o, g3).image();
        QCOMPARE(a.sizes(), (at::IntArrayRef{3, 3, 48, 40}));
        QVERIFY(at::equal(a, b));
        QVERIFY(!at::equal(a, c));
        QVERIFY(a.min().item<double>() > 0.0 && a.max().item<double>() < 1.0);
        // Lucid's start is a faint grey texture around 0.5.
        QVERIFY(std::abs(a.mean().item<double>() - 0.5) < 0.05);
        QVERIFY(a.std().item<double>() > 1e-4 && a.std().item<double>() < 0.1);
    }

    void badSizesAreErrors() {
        ParamOptions o;
        o.width = 0;
        at::Generator g = generator(0);
        QVERIFY_THROWS_EXCEPTION(Error, makeImageParam(o, g));
        QVERIFY_THROWS_EXCEPTION(Error, parseParamKind("wavelet"));
        QCOMPARE(parseParamKind("pixel"), ParamKind::Pixels);
        QCOMPARE(parseParamKind("fourier"), ParamKind::Fourier);
    }

    void regularisersLowerTheirLoss_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"l1", "l2", "tv", "blur"}) QTest::newRow(n) << QString(n);
    }

    // Optimise only the regulariser from a noisy start; its loss (−score) must fall.
    void regularisersLowerTheirLoss() {
        QFETCH(QString, name);
        const Objective objective = name == "l1"   ? objectives::l1()
                                    : name == "l2" ? objectives::l2()
                                    : name == "tv" ? objectives::totalVariation()
                                                   : objectives::blur();
        QCOMPARE(QString::fromStdString(objective.description()), name);
        const at::Tensor noisy = (0.5 + 0.3 * at::randn({1, 3, 32, 32}, generator(5))).clamp(0.02, 0.98);
        ImageParam p = imageParamFrom(noisy, ParamOptions{});
        torch::optim::Adam adam(p.parameters, torch::optim::AdamOptions(0.05));
        const auto loss = [&] { return -objective.score(ObjectiveInput{p.image(), nullptr, nullptr}); };
        const double before = loss().item<double>();
        for (int i = 0; i < 10; ++i) {
            adam.zero_grad();
            loss().backward();
            adam.step();
        }
        const double after = loss().item<double>();
        QVERIFY2(after < before * 0.9, qPrintable(QString("%1 → %2").arg(before).arg(after)));
    }
};

QTEST_GUILESS_MAIN(TestFvParam)
#include "tst_fv_param.moc"
