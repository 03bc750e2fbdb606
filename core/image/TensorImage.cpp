#include "image/TensorImage.h"

#include "util/Error.h"

#include <ATen/ATen.h>

#include <cmath>
#include <string>

namespace ms {
namespace {

uint8_t toByte(float v) {
    if (!(v > 0.0f)) return 0;  // also NaN
    if (v >= 1.0f) return 255;
    return static_cast<uint8_t>(std::lround(v * 255.0f));
}

std::string shapeText(const at::Tensor& t) {
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "]";
}

}  // namespace

QImage tensorToQImage(const at::Tensor& chw) {
    at::Tensor t = chw;
    if (t.dim() == 4 && t.size(0) == 1) t = t.squeeze(0);
    if (t.dim() != 3 || t.size(0) != 3 || !at::isFloatingType(t.scalar_type()))
        throw Error("tensorToQImage: expects a floating [3, H, W] tensor, got shape " + shapeText(t));
    t = t.detach().to(at::kCPU, at::kFloat).contiguous();
    const int h = static_cast<int>(t.size(1)), w = static_cast<int>(t.size(2));
    QImage out(w, h, QImage::Format_RGB888);
    const float* data = t.data_ptr<float>();
    const size_t plane = static_cast<size_t>(h) * w;
    for (int y = 0; y < h; ++y) {
        uchar* row = out.scanLine(y);
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c)
                row[3 * x + c] = toByte(data[c * plane + static_cast<size_t>(y) * w + x]);
    }
    return out;
}

at::Tensor qImageToTensor(const QImage& image) {
    if (image.isNull()) return at::Tensor();
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const int h = rgb.height(), w = rgb.width();
    at::Tensor out = at::empty({3, h, w}, at::kFloat);
    float* data = out.data_ptr<float>();
    const size_t plane = static_cast<size_t>(h) * w;
    for (int y = 0; y < h; ++y) {
        const uchar* row = rgb.constScanLine(y);
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c)
                data[c * plane + static_cast<size_t>(y) * w + x] = static_cast<float>(row[3 * x + c]) / 255.0f;
    }
    return out;
}

}  // namespace ms
