// The torch-free image steps: header parsing and decoding (formats by content, PIL modes,
// refusals), Pillow-exact resampling, centre crop, RGB conversion, cv::Mat ↔ QImage.
// Built twice: linked to multiscope_core, and compiled with the sources under ASan/UBSan.

#include "image/ImageDecode.h"
#include "image/ImageHeader.h"
#include "image/PilResize.h"
#include "image/PreprocessSteps.h"
#include "image/QtImageConvert.h"
#include "util/Error.h"

#include "ImageTestData.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace ms;

namespace {

template <typename F>
QString errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

DecodedImage decode(const std::vector<uint8_t>& bytes, const DecodeOptions& o = {}) {
    return decodeImageBytes(bytes.data(), bytes.size(), "mem.png", o);
}

bool sameMat(const cv::Mat& a, const cv::Mat& b) {
    return a.type() == b.type() && a.size() == b.size() && cv::norm(a, b, cv::NORM_INF) == 0;
}

cv::Mat randomImage(int w, int h, int type, int seed) {
    cv::Mat m(h, w, type);
    cv::RNG rng(static_cast<uint64_t>(seed));
    rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    return m;
}

std::string writeFile(const QTemporaryDir& dir, const QString& name, const std::vector<uint8_t>& bytes) {
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
    return path;
}

// A PNG signature and IHDR claiming w×h, followed by garbage instead of image data.
std::vector<uint8_t> lyingPngHeader(uint32_t w, uint32_t h) {
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<uint8_t> ihdr;
    imgtest::putBE32(ihdr, w);
    imgtest::putBE32(ihdr, h);
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});
    imgtest::putChunk(png, "IHDR", ihdr);
    png.insert(png.end(), 64, 0xAB);
    return png;
}

}  // namespace

class TestImageSteps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // ---- decoding -------------------------------------------------------------------------
    void formatIsRecognisedByContentNotExtension() {
        QTemporaryDir dir;
        const cv::Mat bgr = randomImage(9, 7, CV_8UC3, 1);
        const std::string path = writeFile(dir, "really_a_png.jpg", imgtest::encode(".png", bgr));
        const DecodedImage d = decodeImageFile(path);
        QCOMPARE(d.format, ImageFormat::Png);
        QCOMPARE(d.mode, PixelMode::RGB);
        cv::Mat rgb;
        cv::Mat channels[3];
        cv::split(bgr, channels);
        std::swap(channels[0], channels[2]);
        cv::merge(channels, 3, rgb);
        QVERIFY(sameMat(d.pixels, rgb));
    }

    void headersOfEveryFormat_data() {
        QTest::addColumn<QString>("ext");
        QTest::addColumn<int>("format");
        QTest::newRow("png") << ".png" << int(ImageFormat::Png);
        QTest::newRow("jpeg") << ".jpg" << int(ImageFormat::Jpeg);
        QTest::newRow("bmp") << ".bmp" << int(ImageFormat::Bmp);
        QTest::newRow("tiff") << ".tiff" << int(ImageFormat::Tiff);
        QTest::newRow("webp") << ".webp" << int(ImageFormat::WebP);
    }
    void headersOfEveryFormat() {
        QFETCH(QString, ext);
        QFETCH(int, format);
        const cv::Mat bgr = randomImage(37, 23, CV_8UC3, 2);
        const auto bytes = imgtest::encode(ext.toStdString(), bgr);
        const ImageHeaderInfo h = readImageHeader(bytes.data(), bytes.size(), "x");
        QCOMPARE(int(h.format), format);
        QCOMPARE(h.width, uint64_t(37));
        QCOMPARE(h.height, uint64_t(23));
        const DecodedImage d = decode(bytes);
        QCOMPARE(d.mode, PixelMode::RGB);
        QCOMPARE(d.pixels.size(), cv::Size(37, 23));
    }

    void webpLosslessAndGifHeaders() {
        const auto lossless = imgtest::encode(".webp", randomImage(300, 5, CV_8UC3, 3), {cv::IMWRITE_WEBP_QUALITY, 101});
        const ImageHeaderInfo h = readImageHeader(lossless.data(), lossless.size(), "x");
        QCOMPARE(h.width, uint64_t(300));
        QCOMPARE(h.height, uint64_t(5));
        const std::vector<uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a', 0x10, 0x27, 0x02, 0x00, 0, 0, 0, ';'};
        const ImageHeaderInfo g = readImageHeader(gif.data(), gif.size(), "x");
        QCOMPARE(g.format, ImageFormat::Gif);
        QCOMPARE(g.width, uint64_t(10000));
        QCOMPARE(g.height, uint64_t(2));
        QVERIFY(errorOf([&] { decode(gif); }).contains("GIF"));
    }

    void greyPngIsModeL() {
        const cv::Mat grey = randomImage(11, 6, CV_8UC1, 4);
        const DecodedImage d = decode(imgtest::encode(".png", grey));
        QCOMPARE(d.mode, PixelMode::L);
        QVERIFY(sameMat(d.pixels, grey));
        const cv::Mat rgb = toRgb(d);
        QCOMPARE(rgb.type(), CV_8UC3);
        QCOMPARE(rgb.at<cv::Vec3b>(2, 3), cv::Vec3b(grey.at<uint8_t>(2, 3), grey.at<uint8_t>(2, 3), grey.at<uint8_t>(2, 3)));
    }

    void rgbaPngKeepsAlphaInRgbaOrder() {
        cv::Mat bgra(2, 2, CV_8UC4, cv::Scalar(10, 20, 30, 40));  // B, G, R, A
        const DecodedImage d = decode(imgtest::encode(".png", bgra));
        QCOMPARE(d.mode, PixelMode::RGBA);
        QCOMPARE(d.pixels.at<cv::Vec4b>(1, 1), cv::Vec4b(30, 20, 10, 40));
        QCOMPARE(toRgb(d).at<cv::Vec3b>(0, 0), cv::Vec3b(30, 20, 10));  // alpha dropped, not composited
    }

    void palettePngIsModeP() {
        const std::vector<uint8_t> palette = {255, 0, 0, 0, 255, 0, 0, 0, 255};
        const std::vector<uint8_t> indices = {0, 1, 2, 1, 2, 0};
        const DecodedImage d = decode(imgtest::makePng(3, 2, 3, indices, palette, {255, 0}));
        QCOMPARE(d.mode, PixelMode::P);
        QCOMPARE(d.pixels.type(), CV_8UC3);  // transparency of a palette is not PIL's mode
        QCOMPARE(d.pixels.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 0, 0));
        QCOMPARE(d.pixels.at<cv::Vec3b>(1, 1), cv::Vec3b(0, 0, 255));
        // Pillow resizes "P" images with nearest neighbour whatever filter is asked for.
        QVERIFY(sameMat(pilResize(d.pixels, d.mode, {2, 1}), pilResampleNearest(d.pixels, {2, 1})));
    }

    void greyAlphaPngIsModeLA() {
        const DecodedImage d = decode(imgtest::makePng(2, 1, 4, {200, 255, 100, 0}));
        QCOMPARE(d.mode, PixelMode::LA);
        QCOMPARE(d.pixels.type(), CV_8UC2);
        QCOMPARE(d.pixels.at<cv::Vec2b>(0, 1), cv::Vec2b(100, 0));
        QCOMPARE(toRgb(d).at<cv::Vec3b>(0, 1), cv::Vec3b(100, 100, 100));
    }

    void sixteenBitPngs() {
        cv::Mat grey16(1, 3, CV_16UC1);
        grey16.at<uint16_t>(0, 0) = 12;
        grey16.at<uint16_t>(0, 1) = 300;
        grey16.at<uint16_t>(0, 2) = 65535;
        const DecodedImage g = decode(imgtest::encode(".png", grey16));
        QCOMPARE(g.mode, PixelMode::I);  // PIL opens 16-bit grey as 32-bit integers...
        QCOMPARE(g.pixels.at<int32_t>(0, 1), 300);
        QCOMPARE(toRgb(g).at<cv::Vec3b>(0, 1), cv::Vec3b(255, 255, 255));  // ...and clips them to RGB
        QCOMPARE(toRgb(g).at<cv::Vec3b>(0, 0), cv::Vec3b(12, 12, 12));

        const cv::Mat bgr16(1, 1, CV_16UC3, cv::Scalar(0x0102, 0x80FF, 0xFF00));
        const DecodedImage c = decode(imgtest::encode(".png", bgr16));
        QCOMPARE(c.mode, PixelMode::RGB);  // colour keeps the high byte of each sample
        QCOMPARE(c.pixels.at<cv::Vec3b>(0, 0), cv::Vec3b(0xFF, 0x80, 0x01));
    }

    void truncatedJpegIsRefused() {
        const auto jpg = imgtest::encode(".jpg", randomImage(64, 48, CV_8UC3, 5));
        QVERIFY(decode(jpg).pixels.rows == 48);
        auto withTail = jpg;
        withTail.insert(withTail.end(), {'j', 'u', 'n', 'k'});  // bytes after EOI are harmless
        QVERIFY(decode(withTail).pixels.rows == 48);
        const std::vector<uint8_t> cut(jpg.begin(), jpg.begin() + static_cast<long>(jpg.size() / 2));
        const QString err = errorOf([&] { decodeImageBytes(cut.data(), cut.size(), "half.jpg"); });
        QVERIFY2(err.startsWith("half.jpg: truncated JPEG"), qPrintable(err));
    }

    void exifOrientationIsIgnored() {
        // An APP1 block with orientation 6 ("rotate 90°") after SOI: PIL's Image.open does not
        // apply it, so neither may the decoder (the size stays 37×23 instead of 23×37).
        auto jpg = imgtest::encode(".jpg", randomImage(37, 23, CV_8UC3, 14));
        const std::vector<uint8_t> app1 = {0xFF, 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,    // APP1, length, id
                                           'I', 'I', 42, 0, 8, 0, 0, 0,                   // TIFF header
                                           1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0,  // orientation = 6
                                           0, 0, 0, 0};
        jpg.insert(jpg.begin() + 2, app1.begin(), app1.end());
        const DecodedImage d = decode(jpg);
        QCOMPARE(d.pixels.size(), cv::Size(37, 23));
    }

    void corruptDataThrowsOrDecodes() {
        // Damaged bodies either decode (libjpeg conceals errors, as PIL's decoder does) or
        // throw ms::Error; nothing else escapes and nothing reads out of bounds.
        const cv::Mat bgr = randomImage(32, 24, CV_8UC3, 15);
        for (const char* ext : {".png", ".jpg", ".bmp", ".webp", ".tiff"}) {
            const auto clean = imgtest::encode(ext, bgr);
            cv::RNG rng(16);
            for (int round = 0; round < 12; ++round) {
                auto bytes = clean;
                for (int k = 0; k < 4; ++k) bytes[static_cast<size_t>(rng.uniform(0, int(bytes.size())))] ^= 0x5A;
                try {
                    const DecodedImage d = decode(bytes);
                    QVERIFY(!d.pixels.empty());
                } catch (const Error&) {
                }
            }
        }
    }

    void truncatedPngIsRefused() {
        const auto png = imgtest::encode(".png", randomImage(64, 48, CV_8UC3, 6));
        const std::vector<uint8_t> cut(png.begin(), png.begin() + static_cast<long>(png.size() / 2));
        const QString err = errorOf([&] { decodeImageBytes(cut.data(), cut.size(), "half.png"); });
        QVERIFY2(err == "half.png: truncated or corrupt PNG data", qPrintable(err));
    }

    void emptyAndUnknownFiles() {
        QTemporaryDir dir;
        const std::string empty = writeFile(dir, "empty.png", {});
        QCOMPARE(errorOf([&] { decodeImageFile(empty); }), QString::fromStdString(empty + ": empty file"));
        const std::string text = writeFile(dir, "notes.png", {'h', 'e', 'l', 'l', 'o'});
        QVERIFY(errorOf([&] { decodeImageFile(text); }).contains("unsupported image format"));
        const std::string missing = dir.filePath("missing.png").toStdString();
        QVERIFY(errorOf([&] { decodeImageFile(missing); }).startsWith(QString::fromStdString(missing + ": cannot open")));
    }

    void decompressionBombIsRefusedFromTheHeader() {
        const auto bomb = lyingPngHeader(50000, 50000);  // no valid data: decoding would fail differently
        const QString err = errorOf([&] { decodeImageBytes(bomb.data(), bomb.size(), "bomb.png"); });
        QCOMPARE(err, QString::fromUtf8("bomb.png: 50000×50000 pixels exceeds the limit of 178956970"));
        DecodeOptions tight;
        tight.maxPixels = 20;
        const auto small = imgtest::encode(".png", randomImage(5, 5, CV_8UC3, 7));
        QVERIFY(errorOf([&] { decode(small, tight); }).contains("5×5 pixels exceeds the limit of 20"));
        tight.maxPixels = 25;
        QCOMPARE(decode(small, tight).pixels.cols, 5);
    }

    void malformedHeadersNeverReadPastTheEnd() {
        // Every prefix of valid files: each either parses or throws ms::Error (the ASan build
        // of this suite checks that no read leaves the buffer).
        const cv::Mat bgr = randomImage(13, 9, CV_8UC3, 8);
        for (const char* ext : {".png", ".jpg", ".bmp", ".tiff", ".webp"}) {
            const auto bytes = imgtest::encode(ext, bgr);
            for (size_t n = 0; n < std::min<size_t>(bytes.size(), 400); ++n) {
                const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<long>(n));
                try {
                    readImageHeader(prefix.data(), prefix.size(), "p");
                    (void)jpegHasEndMarker(prefix.data(), prefix.size());
                } catch (const Error&) {
                }
            }
        }
        const std::vector<uint8_t> tiffBadIfd = {'I', 'I', 42, 0, 0xFF, 0xFF, 0xFF, 0x7F};
        QVERIFY(errorOf([&] { readImageHeader(tiffBadIfd.data(), tiffBadIfd.size(), "t.tif"); }).contains("malformed TIFF"));
    }

    // ---- resampling -----------------------------------------------------------------------
    void twoPixelsAverageWhenHalved() {
        // Hand-worked: halving two pixels weighs both 0.5 → (a + b + 1) >> 1.
        const cv::Mat src = (cv::Mat_<uint8_t>(1, 2) << 10, 13);
        QCOMPARE(pilResampleBicubic(src, {1, 1}).at<uint8_t>(0, 0), uint8_t(12));
    }

    void upscalingKeepsTheUnscaledSupport() {
        // 2 → 4: output 0 is centred at 0.25 with weights cubic(0.25) = 0.8671875 and
        // cubic(1.25) = −0.0703125 (support 2, not shrunk), normalised by their sum:
        // 100·1.08824 − 200·0.08824 = 91.18 → 91. A support scaled by 0.5 would give 100.
        const cv::Mat src = (cv::Mat_<uint8_t>(1, 2) << 100, 200);
        const cv::Mat out = pilResampleBicubic(src, {4, 1});
        QCOMPARE(out.at<uint8_t>(0, 0), uint8_t(91));
        QCOMPARE(out.at<uint8_t>(0, 3), uint8_t(209));
        QVERIFY(sameMat(out, imgtest::referenceBicubic(src, {4, 1})));
    }

    void bicubicMatchesThePlainStatement_data() {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::addColumn<int>("ow");
        QTest::addColumn<int>("oh");
        QTest::addColumn<int>("channels");
        QTest::newRow("down both 1ch") << 40 << 30 << 13 << 11 << 1;
        QTest::newRow("down both 3ch") << 451 << 300 << 48 << 32 << 3;
        QTest::newRow("up both 3ch") << 17 << 9 << 50 << 29 << 3;
        QTest::newRow("up x, down y 4ch") << 7 << 33 << 19 << 8 << 4;
        QTest::newRow("horizontal only 2ch") << 10 << 4 << 3 << 4 << 2;
        QTest::newRow("vertical only 3ch") << 7 << 7 << 7 << 3 << 3;
        QTest::newRow("from one pixel") << 1 << 1 << 3 << 2 << 3;
        QTest::newRow("to one pixel") << 9 << 5 << 1 << 1 << 1;
    }
    void bicubicMatchesThePlainStatement() {
        QFETCH(int, w);
        QFETCH(int, h);
        QFETCH(int, ow);
        QFETCH(int, oh);
        QFETCH(int, channels);
        const cv::Mat src = randomImage(w, h, CV_8UC(channels), w * 100 + h);
        QVERIFY(sameMat(pilResampleBicubic(src, {ow, oh}), imgtest::referenceBicubic(src, {ow, oh})));
    }

    void bicubicOnStridedViews() {
        const cv::Mat big = randomImage(50, 40, CV_8UC3, 9);
        const cv::Mat view = big(cv::Rect(3, 5, 31, 22));
        QVERIFY(sameMat(pilResampleBicubic(view, {12, 9}), pilResampleBicubic(view.clone(), {12, 9})));
    }

    void opaqueRgbaResizesLikeRgb() {
        const cv::Mat rgb = randomImage(23, 17, CV_8UC3, 10);
        cv::Mat rgba;
        const cv::Mat alpha(rgb.size(), CV_8UC1, cv::Scalar(255));
        const cv::Mat parts[] = {rgb, alpha};
        cv::merge(parts, 2, rgba);
        const cv::Mat out = pilResize(rgba, PixelMode::RGBA, {9, 30});
        QVERIFY(sameMat(toRgb(out), pilResampleBicubic(rgb, {9, 30})));
    }

    void alphaIsPremultipliedWhileResizing() {
        // (200, α 255) and (100, α 0) halved: premultiplied L = (200 + 0 + 1) >> 1 = 100,
        // α = 128, then L = 255·100 / 128 = 199. The transparent pixel's grey does not bleed.
        const cv::Mat la = (cv::Mat_<cv::Vec2b>(1, 2) << cv::Vec2b(200, 255), cv::Vec2b(100, 0));
        QCOMPARE(pilResize(la, PixelMode::LA, {1, 1}).at<cv::Vec2b>(0, 0), cv::Vec2b(199, 128));
        const cv::Mat rgba = (cv::Mat_<cv::Vec4b>(1, 1) << cv::Vec4b(255, 128, 7, 51));
        QCOMPARE(premultiplyAlpha(rgba).at<cv::Vec4b>(0, 0), cv::Vec4b(51, 26, 1, 51));
        QCOMPARE(unpremultiplyAlpha(premultiplyAlpha(rgba)).at<cv::Vec4b>(0, 0), cv::Vec4b(255, 130, 5, 51));
    }

    void integerModeRoundsHalfAwayFromZero() {
        cv::Mat src(1, 2, CV_32SC1);
        src.at<int32_t>(0, 0) = 1000;
        src.at<int32_t>(0, 1) = 3001;
        QCOMPARE(pilResize(src, PixelMode::I, {1, 1}).at<int32_t>(0, 0), 2001);
    }

    void nearestSamplesPixelCentres() {
        const cv::Mat src = (cv::Mat_<uint8_t>(1, 4) << 1, 2, 3, 4);
        const cv::Mat half = pilResampleNearest(src, {2, 1});
        QCOMPARE(half.at<uint8_t>(0, 0), uint8_t(2));
        QCOMPARE(half.at<uint8_t>(0, 1), uint8_t(4));
        const cv::Mat three = pilResampleNearest(src, {3, 1});  // centres 0.67, 2, 3.33
        QCOMPARE(three.at<uint8_t>(0, 0), uint8_t(1));
        QCOMPARE(three.at<uint8_t>(0, 1), uint8_t(3));
        QCOMPARE(three.at<uint8_t>(0, 2), uint8_t(4));
    }

    // ---- resize, crop, RGB ----------------------------------------------------------------
    void shortSideSizes_data() {
        QTest::addColumn<QSize>("in");
        QTest::addColumn<int>("n");
        QTest::addColumn<QSize>("out");
        QTest::newRow("chelsea") << QSize(451, 300) << 224 << QSize(336, 224);
        QTest::newRow("synthetic") << QSize(43, 30) << 32 << QSize(45, 32);
        QTest::newRow("portrait") << QSize(300, 451) << 64 << QSize(64, 96);
        QTest::newRow("square") << QSize(512, 512) << 224 << QSize(224, 224);
        QTest::newRow("truncated") << QSize(3, 2) << 5 << QSize(7, 5);
    }
    void shortSideSizes() {
        QFETCH(QSize, in);
        QFETCH(int, n);
        QFETCH(QSize, out);
        const cv::Size s = shortSideSize({in.width(), in.height()}, n);
        QCOMPARE(QSize(s.width, s.height), out);
    }

    void imageAlreadyAtSizeIsNotResampled() {
        const cv::Mat src = randomImage(64, 100, CV_8UC3, 11);
        QVERIFY(sameMat(resizeShortSide(src, 64), src));
    }

    void centreCropRoundsHalfToEven_data() {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("left");
        QTest::newRow("97 → 48") << 321 << 224 << 48;
        QTest::newRow("27 → 14") << 91 << 64 << 14;
        QTest::newRow("13 → 6") << 45 << 32 << 6;
        QTest::newRow("112 exact") << 336 << 224 << 56;
    }
    void centreCropRoundsHalfToEven() {
        QFETCH(int, w);
        QFETCH(int, n);
        QFETCH(int, left);
        cv::Mat src(n, w, CV_16UC1);
        for (int x = 0; x < w; ++x) src.col(x).setTo(x);
        const cv::Mat crop = centerCrop(src, n);
        QCOMPARE(crop.size(), cv::Size(n, n));
        QCOMPARE(int(crop.at<uint16_t>(0, 0)), left);
    }

    void centreCropPadsSmallImages() {
        const cv::Mat src(3, 5, CV_8UC1, cv::Scalar(9));
        const cv::Mat crop = centerCrop(src, 4);  // one zero row added at the bottom
        QCOMPARE(crop.size(), cv::Size(4, 4));
        QCOMPARE(int(crop.at<uint8_t>(0, 0)), 9);
        QCOMPARE(int(crop.at<uint8_t>(3, 0)), 0);
        const cv::Mat wide = centerCrop(cv::Mat(2, 2, CV_8UC1, cv::Scalar(9)), 5);  // 1 left/top, 2 right/bottom
        QCOMPARE(int(wide.at<uint8_t>(1, 1)), 9);
        QCOMPARE(int(wide.at<uint8_t>(2, 2)), 9);
        QCOMPARE(int(wide.at<uint8_t>(0, 0)), 0);
        QCOMPARE(int(wide.at<uint8_t>(3, 3)), 0);
    }

    // ---- cv::Mat ↔ QImage -----------------------------------------------------------------
    void matQImageRoundTrip() {
        cv::Mat big = randomImage(20, 10, CV_8UC3, 12);
        const cv::Mat view = big(cv::Rect(1, 2, 7, 5));  // odd width: QImage rows get padded
        const QImage img = matToQImage(view);
        QCOMPARE(img.format(), QImage::Format_RGB888);
        const cv::Vec3b p = view.at<cv::Vec3b>(4, 6);
        QCOMPARE(img.pixel(6, 4), qRgb(p[0], p[1], p[2]));
        QVERIFY(sameMat(qImageToMat(img), view));
        big.setTo(cv::Scalar::all(0));  // deep copy: the QImage does not see this
        QCOMPARE(img.pixel(6, 4), qRgb(p[0], p[1], p[2]));

        QImage argb(3, 2, QImage::Format_ARGB32);
        argb.fill(qRgba(10, 20, 30, 255));
        QCOMPARE(qImageToMat(argb).at<cv::Vec3b>(1, 2), cv::Vec3b(10, 20, 30));
        const cv::Mat grey = randomImage(5, 3, CV_8UC1, 13);
        QCOMPARE(qGray(matToQImage(grey).pixel(4, 2)), int(grey.at<uint8_t>(2, 4)));
    }
};

QTEST_GUILESS_MAIN(TestImageSteps)
#include "tst_imagesteps.moc"
