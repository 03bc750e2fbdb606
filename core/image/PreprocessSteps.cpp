#include "image/PreprocessSteps.h"

#include "image/PilResize.h"
#include "util/Error.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <string>

namespace ms {
namespace {

// Python's round(d / 2) for an integer d ≥ 0: halves go to the even neighbour.
int halfRoundedToEven(int d) {
    const int q = d / 2;
    return (d % 2 == 0 || q % 2 == 0) ? q : q + 1;
}

cv::Mat replicateGrey(const cv::Mat& grey) {
    cv::Mat out(grey.size(), CV_8UC3);
    const int from_to[] = {0, 0, 0, 1, 0, 2};
    cv::mixChannels(&grey, 1, &out, 1, from_to, 3);
    return out;
}

cv::Mat firstChannels(const cv::Mat& image, int count) {
    cv::Mat out(image.size(), CV_MAKETYPE(image.depth(), count));
    const int from_to[] = {0, 0, 1, 1, 2, 2};
    cv::mixChannels(&image, 1, &out, 1, from_to, static_cast<size_t>(count));
    return out;
}

void expectType(const cv::Mat& image, int type, PixelMode mode) {
    if (image.type() != type)
        throw Error(std::string("image of mode ") + pixelModeName(mode) + " has an unexpected pixel layout");
}

}  // namespace

PixelMode modeOfMat(const cv::Mat& image) {
    switch (image.type()) {
    case CV_8UC1: return PixelMode::L;
    case CV_8UC2: return PixelMode::LA;
    case CV_8UC3: return PixelMode::RGB;
    case CV_8UC4: return PixelMode::RGBA;
    case CV_32SC1: return PixelMode::I;
    default: throw Error("image has an unsupported pixel type (expects 8-bit 1–4 channels or 32-bit grey)");
    }
}

cv::Size shortSideSize(cv::Size input, int n) {
    if (n <= 0 || input.width <= 0 || input.height <= 0)
        throw Error("resize: cannot bring a " + std::to_string(input.width) + "×" +
                    std::to_string(input.height) + " image to a short side of " + std::to_string(n));
    const bool portrait = input.width <= input.height;
    const int64_t shortSide = portrait ? input.width : input.height;
    const int64_t longSide = portrait ? input.height : input.width;
    // Python's int(n * long / short): exact product, one correctly rounded division, truncation.
    const double ratio = static_cast<double>(static_cast<int64_t>(n) * longSide) / static_cast<double>(shortSide);
    const int newLong = static_cast<int>(ratio);
    return portrait ? cv::Size(n, newLong) : cv::Size(newLong, n);
}

DecodedImage resizeShortSide(const DecodedImage& image, int n) {
    const cv::Size size = shortSideSize(image.pixels.size(), n);
    DecodedImage out = image;
    if (size != image.pixels.size()) out.pixels = pilResize(image.pixels, image.mode, size);
    return out;
}

cv::Mat resizeShortSide(const cv::Mat& image, int n) {
    DecodedImage d;
    d.pixels = image;
    d.mode = modeOfMat(image);
    return resizeShortSide(d, n).pixels;
}

cv::Mat centerCrop(const cv::Mat& image, int n) {
    if (n <= 0 || image.empty()) throw Error("center crop: invalid size " + std::to_string(n));
    cv::Mat src = image;
    if (src.cols < n || src.rows < n) {
        const int padW = std::max(n - src.cols, 0), padH = std::max(n - src.rows, 0);
        cv::copyMakeBorder(image, src, padH / 2, (padH + 1) / 2, padW / 2, (padW + 1) / 2,
                           cv::BORDER_CONSTANT, cv::Scalar::all(0));
    }
    const int top = halfRoundedToEven(src.rows - n);
    const int left = halfRoundedToEven(src.cols - n);
    return src(cv::Rect(left, top, n, n)).clone();
}

cv::Mat toRgb(const DecodedImage& image) {
    const cv::Mat& px = image.pixels;
    switch (image.mode) {
    case PixelMode::Bilevel:
    case PixelMode::L: expectType(px, CV_8UC1, image.mode); return replicateGrey(px);
    case PixelMode::LA: expectType(px, CV_8UC2, image.mode); return replicateGrey(firstChannels(px, 1));
    case PixelMode::P:
    case PixelMode::RGB: expectType(px, CV_8UC3, image.mode); return px.clone();
    case PixelMode::RGBA: expectType(px, CV_8UC4, image.mode); return firstChannels(px, 3);
    case PixelMode::I: {
        expectType(px, CV_32SC1, image.mode);
        cv::Mat grey;
        px.convertTo(grey, CV_8U);  // saturating: values clip to 0..255 as in PIL
        return replicateGrey(grey);
    }
    }
    throw Error("image has an unknown mode");
}

cv::Mat toRgb(const cv::Mat& image) {
    DecodedImage d;
    d.pixels = image;
    d.mode = modeOfMat(image);
    return toRgb(d);
}

cv::Mat clipInputRgb(const DecodedImage& image, int resolution) {
    DecodedImage resized = resizeShortSide(image, resolution);
    resized.pixels = centerCrop(resized.pixels, resolution);
    return toRgb(resized);
}

}  // namespace ms
