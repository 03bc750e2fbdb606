#include "image/PilResize.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace ms {
namespace {

// Fixed-point weights keep 2 bits of headroom above 8-bit pixels in a 32-bit accumulator.
constexpr int kPrecisionBits = 32 - 8 - 2;
constexpr double kCubicSupport = 2.0;

// Keys' cubic convolution kernel with a = -0.5, written in the Horner form (and operation
// order) Pillow evaluates, so that the double weights match to the last bit.
double cubicWeight(double x) {
    constexpr double a = -0.5;
    if (x < 0.0) x = -x;
    if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
}

// The input samples that contribute to one output sample.
struct Window {
    int first = 0;
    int count = 0;
};

// Normalised weights of every output sample along one axis (Pillow's precompute_coeffs with
// the full-image box): `taps` slots per output, zero past `count`.
struct Kernel {
    int taps = 0;
    std::vector<Window> windows;
    std::vector<double> weights;
    const double* at(int i) const { return &weights[static_cast<size_t>(i) * taps]; }
};

Kernel makeKernel(int inSize, int outSize) {
    // Pillow takes the box edges as float: (in1 - in0) / out with in0 = 0, in1 = inSize.
    const double scale = static_cast<double>(static_cast<float>(inSize)) / outSize;
    const double filterScale = std::max(scale, 1.0);  // widen only when downscaling
    const double support = kCubicSupport * filterScale;
    const double invFilterScale = 1.0 / filterScale;
    Kernel k;
    k.taps = static_cast<int>(std::ceil(support)) * 2 + 1;
    k.windows.resize(static_cast<size_t>(outSize));
    k.weights.assign(static_cast<size_t>(outSize) * k.taps, 0.0);
    for (int i = 0; i < outSize; ++i) {
        const double center = (i + 0.5) * scale;
        // Window edges rounded by truncating value + 0.5, then clamped to the input.
        const int lo = std::max(static_cast<int>(center - support + 0.5), 0);
        const int hi = std::min(static_cast<int>(center + support + 0.5), inSize);
        const int count = std::clamp(hi - lo, 0, k.taps);
        double* w = &k.weights[static_cast<size_t>(i) * k.taps];
        double sum = 0.0;
        for (int j = 0; j < count; ++j) {
            w[j] = cubicWeight((j + lo - center + 0.5) * invFilterScale);
            sum += w[j];
        }
        if (sum != 0.0)
            for (int j = 0; j < count; ++j) w[j] /= sum;
        k.windows[static_cast<size_t>(i)] = {lo, count};
    }
    return k;
}

// Weights in fixed point, rounded half away from zero (Pillow's normalize_coeffs_8bpc).
std::vector<int32_t> fixedPointWeights(const Kernel& k) {
    std::vector<int32_t> out(k.weights.size());
    const double one = static_cast<double>(1 << kPrecisionBits);
    for (size_t i = 0; i < out.size(); ++i) {
        const double w = k.weights[i];
        out[i] = static_cast<int32_t>(w < 0 ? -0.5 + w * one : 0.5 + w * one);
    }
    return out;
}

inline uint8_t clip8(int32_t acc) {
    if (acc >= (1 << (kPrecisionBits + 8))) return 255;
    if (acc <= 0) return 0;
    return static_cast<uint8_t>(acc >> kPrecisionBits);
}

constexpr int32_t kHalf = 1 << (kPrecisionBits - 1);  // rounds the final shift to nearest

// One output row of the horizontal pass with the channel count known at compile time, so
// that the channels of a pixel accumulate together.
template <int C>
void horizontalRow(const uint8_t* in, uint8_t* out, int outWidth, const Kernel& k, const int32_t* fixed) {
    for (int x = 0; x < outWidth; ++x) {
        const Window win = k.windows[static_cast<size_t>(x)];
        const int32_t* w = fixed + static_cast<size_t>(x) * k.taps;
        const uint8_t* p = in + static_cast<size_t>(win.first) * C;
        int32_t acc[C];
        for (int ch = 0; ch < C; ++ch) acc[ch] = kHalf;
        for (int j = 0; j < win.count; ++j)
            for (int ch = 0; ch < C; ++ch) acc[ch] += p[j * C + ch] * w[j];
        for (int ch = 0; ch < C; ++ch) out[x * C + ch] = clip8(acc[ch]);
    }
}

// Rows [rowFirst, rowFirst + rowCount) of `src` resampled horizontally to `outWidth`.
cv::Mat horizontal8(const cv::Mat& src, int rowFirst, int rowCount, int outWidth, const Kernel& k) {
    const std::vector<int32_t> fixed = fixedPointWeights(k);
    using RowFn = void (*)(const uint8_t*, uint8_t*, int, const Kernel&, const int32_t*);
    static const RowFn kRowFns[] = {horizontalRow<1>, horizontalRow<2>, horizontalRow<3>, horizontalRow<4>};
    const RowFn row = kRowFns[src.channels() - 1];
    cv::Mat out(rowCount, outWidth, src.type());
    for (int y = 0; y < rowCount; ++y) row(src.ptr<uint8_t>(rowFirst + y), out.ptr<uint8_t>(y), outWidth, k, fixed.data());
    return out;
}

// `src` (whose row 0 is input row `rowOffset`) resampled vertically to `outHeight` rows.
cv::Mat vertical8(const cv::Mat& src, int rowOffset, int outHeight, const Kernel& k) {
    const std::vector<int32_t> fixed = fixedPointWeights(k);
    const size_t rowLen = static_cast<size_t>(src.cols) * src.channels();
    cv::Mat out(outHeight, src.cols, src.type());
    std::vector<int32_t> acc(rowLen);
    for (int y = 0; y < outHeight; ++y) {
        const Window win = k.windows[static_cast<size_t>(y)];
        const int32_t* w = &fixed[static_cast<size_t>(y) * k.taps];
        std::fill(acc.begin(), acc.end(), kHalf);
        for (int j = 0; j < win.count; ++j) {
            const uint8_t* in = src.ptr<uint8_t>(win.first - rowOffset + j);
            const int32_t wj = w[j];
            for (size_t i = 0; i < rowLen; ++i) acc[i] += in[i] * wj;
        }
        uint8_t* o = out.ptr<uint8_t>(y);
        for (size_t i = 0; i < rowLen; ++i) o[i] = clip8(acc[i]);
    }
    return out;
}

// Mode "I": weights stay double, sums are rounded half away from zero after each pass.
inline int32_t roundHalfAway(double v) {
    return static_cast<int32_t>(v >= 0.0 ? v + 0.5f : v - 0.5f);
}

cv::Mat horizontal32(const cv::Mat& src, int rowFirst, int rowCount, int outWidth, const Kernel& k) {
    cv::Mat out(rowCount, outWidth, CV_32SC1);
    for (int y = 0; y < rowCount; ++y) {
        const int32_t* in = src.ptr<int32_t>(rowFirst + y);
        int32_t* o = out.ptr<int32_t>(y);
        for (int x = 0; x < outWidth; ++x) {
            const Window win = k.windows[static_cast<size_t>(x)];
            const double* w = k.at(x);
            double acc = 0.0;
            for (int j = 0; j < win.count; ++j) acc += in[win.first + j] * w[j];
            o[x] = roundHalfAway(acc);
        }
    }
    return out;
}

cv::Mat vertical32(const cv::Mat& src, int rowOffset, int outHeight, const Kernel& k) {
    cv::Mat out(outHeight, src.cols, CV_32SC1);
    std::vector<double> acc(static_cast<size_t>(src.cols));
    for (int y = 0; y < outHeight; ++y) {
        const Window win = k.windows[static_cast<size_t>(y)];
        const double* w = k.at(y);
        std::fill(acc.begin(), acc.end(), 0.0);
        for (int j = 0; j < win.count; ++j) {
            const int32_t* in = src.ptr<int32_t>(win.first - rowOffset + j);
            for (int x = 0; x < src.cols; ++x) acc[static_cast<size_t>(x)] += in[x] * w[j];
        }
        int32_t* o = out.ptr<int32_t>(y);
        for (int x = 0; x < src.cols; ++x) o[x] = roundHalfAway(acc[static_cast<size_t>(x)]);
    }
    return out;
}

void checkSize(const cv::Mat& src, cv::Size size, const char* what) {
    if (size.width <= 0 || size.height <= 0 || src.empty())
        throw Error(std::string(what) + ": cannot resize " + std::to_string(src.cols) + "×" +
                    std::to_string(src.rows) + " to " + std::to_string(size.width) + "×" +
                    std::to_string(size.height));
}

// (a·b)/255 rounded, in integers (Pillow's MULDIV255).
inline uint8_t mulDiv255(unsigned a, unsigned b) {
    const unsigned t = a * b + 128;
    return static_cast<uint8_t>(((t >> 8) + t) >> 8);
}

void checkAlphaLayout(const cv::Mat& src, const char* what) {
    if (src.type() != CV_8UC2 && src.type() != CV_8UC4)
        throw Error(std::string(what) + ": expects 8-bit LA or RGBA pixels");
}

}  // namespace

cv::Mat pilResampleBicubic(const cv::Mat& src, cv::Size size) {
    checkSize(src, size, "bicubic resize");
    const bool is8 = src.depth() == CV_8U && src.channels() <= 4;
    if (!is8 && src.type() != CV_32SC1)
        throw Error("bicubic resize: unsupported pixel type (expects 8-bit 1–4 channels or 32-bit integer grey)");
    const bool needH = size.width != src.cols, needV = size.height != src.rows;
    const Kernel kh = makeKernel(src.cols, size.width);
    const Kernel kv = makeKernel(src.rows, size.height);
    cv::Mat img = src;
    int rowOffset = 0;
    if (needH) {
        // Only the rows the vertical pass reads are resampled horizontally.
        const Window last = kv.windows.back();
        rowOffset = kv.windows.front().first;
        const int rows = last.first + last.count - rowOffset;
        img = is8 ? horizontal8(src, rowOffset, rows, size.width, kh)
                  : horizontal32(src, rowOffset, rows, size.width, kh);
    }
    if (needV)
        img = is8 ? vertical8(img, rowOffset, size.height, kv) : vertical32(img, rowOffset, size.height, kv);
    return needH || needV ? img : src.clone();
}

cv::Mat pilResampleNearest(const cv::Mat& src, cv::Size size) {
    checkSize(src, size, "nearest resize");
    const double sx = static_cast<double>(static_cast<float>(src.cols)) / size.width;
    const double sy = static_cast<double>(static_cast<float>(src.rows)) / size.height;
    // Sample positions are accumulated step by step from the first pixel's centre, and
    // truncated, as Pillow's affine scaling does (the sums' rounding decides ties).
    std::vector<int> columns(static_cast<size_t>(size.width), -1);
    double xo = sx * 0.5;
    for (int x = 0; x < size.width; ++x, xo += sx) {
        const int xin = xo < 0.0 ? -1 : static_cast<int>(xo);
        if (xin >= 0 && xin < src.cols) columns[static_cast<size_t>(x)] = xin;
    }
    cv::Mat out = cv::Mat::zeros(size, src.type());
    const size_t elem = src.elemSize();
    double yo = sy * 0.5;
    for (int y = 0; y < size.height; ++y, yo += sy) {
        const int yin = yo < 0.0 ? -1 : static_cast<int>(yo);
        if (yin < 0 || yin >= src.rows) continue;
        const uint8_t* in = src.ptr<uint8_t>(yin);
        uint8_t* o = out.ptr<uint8_t>(y);
        for (int x = 0; x < size.width; ++x) {
            const int c = columns[static_cast<size_t>(x)];
            if (c >= 0) std::memcpy(o + x * elem, in + c * elem, elem);
        }
    }
    return out;
}

cv::Mat premultiplyAlpha(const cv::Mat& src) {
    checkAlphaLayout(src, "premultiply");
    cv::Mat out(src.size(), src.type());
    const int c = src.channels();
    for (int y = 0; y < src.rows; ++y) {
        const uint8_t* in = src.ptr<uint8_t>(y);
        uint8_t* o = out.ptr<uint8_t>(y);
        for (int x = 0; x < src.cols; ++x, in += c, o += c) {
            const unsigned alpha = in[c - 1];
            for (int ch = 0; ch < c - 1; ++ch) o[ch] = mulDiv255(in[ch], alpha);
            o[c - 1] = static_cast<uint8_t>(alpha);
        }
    }
    return out;
}

cv::Mat unpremultiplyAlpha(const cv::Mat& src) {
    checkAlphaLayout(src, "unpremultiply");
    cv::Mat out(src.size(), src.type());
    const int c = src.channels();
    for (int y = 0; y < src.rows; ++y) {
        const uint8_t* in = src.ptr<uint8_t>(y);
        uint8_t* o = out.ptr<uint8_t>(y);
        for (int x = 0; x < src.cols; ++x, in += c, o += c) {
            const unsigned alpha = in[c - 1];
            for (int ch = 0; ch < c - 1; ++ch) {
                // Fully opaque and fully transparent pixels pass through unchanged.
                const unsigned v = alpha == 0 || alpha == 255 ? in[ch] : (255u * in[ch]) / alpha;
                o[ch] = static_cast<uint8_t>(std::min(v, 255u));
            }
            o[c - 1] = static_cast<uint8_t>(alpha);
        }
    }
    return out;
}

cv::Mat pilResize(const cv::Mat& src, PixelMode mode, cv::Size size) {
    checkSize(src, size, "resize");
    if (src.size() == size) return src.clone();
    switch (mode) {
    case PixelMode::Bilevel:
    case PixelMode::P: return pilResampleNearest(src, size);
    case PixelMode::LA:
    case PixelMode::RGBA: return unpremultiplyAlpha(pilResampleBicubic(premultiplyAlpha(src), size));
    default: return pilResampleBicubic(src, size);
    }
}

}  // namespace ms
