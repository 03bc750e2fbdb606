// CLIP preprocessing against the reference fixtures (fixtures/clip/preprocess, made with
// torchvision 0.14 + Pillow 9.4): every resized and cropped uint8 image byte-identical, the
// final tensors within 1e-6; plus the tensor ↔ QImage conversions.

#include "image/ClipPreprocess.h"
#include "image/ImageDecode.h"
#include "image/PreprocessSteps.h"
#include "image/QtImageConvert.h"
#include "image/TensorImage.h"
#include "util/Error.h"

#include "ImageTestData.h"
#include "TestSupport.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>

using namespace ms;

namespace {

nlohmann::json loadCases() {
    std::ifstream in(test::fixturePath("clip/preprocess/cases.json").toStdString());
    return nlohmann::json::parse(in);
}

std::string preprocessFile(const std::string& name) {
    return test::fixturePath("clip/preprocess/" + QString::fromStdString(name)).toStdString();
}

// Number of bytes that differ between `m` and a uint8 .npy array of the same shape
// (-1 when the shapes differ).
int64_t bytesDiffering(const cv::Mat& m, const imgtest::NpyArray& a) {
    const std::vector<int64_t> shape = m.channels() == 1 ? std::vector<int64_t>{m.rows, m.cols}
                                                         : std::vector<int64_t>{m.rows, m.cols, m.channels()};
    if (a.descr != "|u1" || a.shape != shape || m.depth() != CV_8U) return -1;
    const cv::Mat c = m.clone();
    int64_t diff = 0;
    for (int64_t i = 0; i < a.count(); ++i) diff += c.data[i] != static_cast<uint8_t>(a.data[static_cast<size_t>(i)]);
    return diff;
}

at::Tensor floatTensor(const imgtest::NpyArray& a) {
    if (a.descr != "<f4") throw std::runtime_error("expected float32");
    return at::from_blob(const_cast<char*>(a.data.data()), a.shape, at::kFloat).clone();
}

}  // namespace

class TestPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesTheReference_data() {
        QTest::addColumn<int>("index");
        const nlohmann::json cases = loadCases();
        QVERIFY(cases.size() == 9);
        for (size_t i = 0; i < cases.size(); ++i) {
            const std::string row = cases[i]["source"].get<std::string>() + " @" + std::to_string(cases[i]["n_px"].get<int>());
            QTest::newRow(row.c_str()) << int(i);
        }
    }
    void matchesTheReference() {
        QFETCH(int, index);
        const nlohmann::json c = loadCases()[static_cast<size_t>(index)];
        const int n = c["n_px"];
        const std::string source = test::fixturePath("clip/" + QString::fromStdString(c["source"])).toStdString();

        const DecodedImage decoded = decodeImageFile(source);
        QCOMPARE(QString(pixelModeName(decoded.mode)), QString::fromStdString(c["source_mode"]));
        QCOMPARE(decoded.pixels.cols, c["source_size_wh"][0].get<int>());
        QCOMPARE(decoded.pixels.rows, c["source_size_wh"][1].get<int>());

        const DecodedImage resized = resizeShortSide(decoded, n);
        const int64_t resizedDiff = bytesDiffering(resized.pixels, imgtest::loadNpy(preprocessFile(c["resized_u8"]["file"])));
        const cv::Mat crop = toRgb(centerCrop(resized.pixels, n));
        const int64_t cropDiff = bytesDiffering(crop, imgtest::loadNpy(preprocessFile(c["crop_rgb_u8"]["file"])));

        const at::Tensor expected = floatTensor(imgtest::loadNpy(preprocessFile(c["tensor"]["file"])));
        const at::Tensor viaSteps = toNormalizedTensor(crop).unsqueeze(0);
        const at::Tensor viaFile = preprocessImageFile(source, n).unsqueeze(0);
        const double maxErr = (viaFile - expected).abs().max().item<double>();
        qInfo("%s n=%d: resized %lld differing bytes, crop %lld differing bytes, tensor max |err| %.3g",
              c["source"].get<std::string>().c_str(), n, static_cast<long long>(resizedDiff),
              static_cast<long long>(cropDiff), maxErr);

        QCOMPARE(resizedDiff, int64_t(0));
        QCOMPARE(cropDiff, int64_t(0));
        QCOMPARE(viaFile.sizes(), expected.sizes());
        QVERIFY(at::equal(viaFile, viaSteps));
        QVERIFY2(maxErr <= 1e-6, qPrintable(QString::number(maxErr)));
    }

    void bytesAndFileGiveTheSameTensor() {
        const std::string path = test::fixturePath("clip/images/camera.png").toStdString();
        std::ifstream in(path, std::ios::binary);
        const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const at::Tensor a = preprocessImageBytes(bytes.data(), bytes.size(), "camera", 64);
        QCOMPARE(a.sizes(), (at::IntArrayRef{3, 64, 64}));
        QCOMPARE(a.scalar_type(), at::kFloat);
        QVERIFY(at::equal(a, preprocessImageFile(path, 64)));
    }

    void normalisationIsFloat32ToTensorThenNormalize() {
        const cv::Mat rgb(1, 2, CV_8UC3, cv::Scalar(0, 128, 255));
        const at::Tensor t = toNormalizedTensor(rgb);
        for (int c = 0; c < 3; ++c) {
            const float u = c == 0 ? 0.f : c == 1 ? 128.f : 255.f;
            const float want = (u / 255.f - kClipImageNormalization.mean[c]) / kClipImageNormalization.std[c];
            QCOMPARE(t[c][0][1].item<float>(), want);
        }
        const ImageNormalization identity{{0.f, 0.f, 0.f}, {1.f, 1.f, 1.f}};
        QCOMPARE(toNormalizedTensor(rgb, identity)[1][0][0].item<float>(), 128.f / 255.f);
        bool threw = false;
        try {
            toNormalizedTensor(cv::Mat(2, 2, CV_8UC1));
        } catch (const Error&) {
            threw = true;
        }
        QVERIFY(threw);
    }

    void tensorQImageRoundTrip() {
        cv::Mat rgb(5, 7, CV_8UC3);
        cv::randu(rgb, 0, 256);
        const at::Tensor t = qImageToTensor(matToQImage(rgb));
        QCOMPARE(t.sizes(), (at::IntArrayRef{3, 5, 7}));
        QCOMPARE(t[0][2][3].item<float>(), rgb.at<cv::Vec3b>(2, 3)[0] / 255.f);
        const QImage back = tensorToQImage(t);
        QCOMPARE(back.format(), QImage::Format_RGB888);
        QVERIFY(cv::norm(qImageToMat(back), rgb, cv::NORM_INF) == 0);
        QCOMPARE(tensorToQImage(t.unsqueeze(0)), back);
    }

    void tensorToQImageClampsAndRounds() {
        const at::Tensor t = at::tensor({0.5f, -1.f, 2.f, std::nanf(""), 0.2f, 1.f}, at::kFloat).view({3, 1, 2});
        const QImage img = tensorToQImage(t.to(at::kDouble));
        QCOMPARE(img.pixel(0, 0), qRgb(128, 255, 51));  // 127.5 → 128, 2 → 255, 51.0 → 51
        QCOMPARE(img.pixel(1, 0), qRgb(0, 0, 255));     // −1 → 0, NaN → 0
        bool threw = false;
        try {
            tensorToQImage(at::zeros({4, 2, 2}));
        } catch (const Error&) {
            threw = true;
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestPreprocess)
#include "tst_preprocess.moc"
