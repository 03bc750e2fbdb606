#include "image/ClipPreprocess.h"

#include "image/ImageDecode.h"
#include "image/PreprocessSteps.h"
#include "util/Error.h"

#include <ATen/ATen.h>

namespace ms {

at::Tensor toNormalizedTensor(const cv::Mat& rgbU8, const ImageNormalization& norm) {
    if (rgbU8.type() != CV_8UC3 || rgbU8.empty())
        throw Error("toNormalizedTensor: expects a non-empty 8-bit RGB image");
    const int h = rgbU8.rows, w = rgbU8.cols;
    at::Tensor out = at::empty({3, h, w}, at::kFloat);
    float* planes = out.data_ptr<float>();
    const size_t plane = static_cast<size_t>(h) * w;
    for (int c = 0; c < 3; ++c) {
        // Two float32 roundings, as torchvision's ToTensor (div 255) then Normalize (sub, div).
        const float mean = norm.mean[static_cast<size_t>(c)], stdev = norm.std[static_cast<size_t>(c)];
        float* dst = planes + c * plane;
        for (int y = 0; y < h; ++y) {
            const uint8_t* row = rgbU8.ptr<uint8_t>(y);
            for (int x = 0; x < w; ++x) {
                const float scaled = static_cast<float>(row[3 * x + c]) / 255.0f;
                dst[static_cast<size_t>(y) * w + x] = (scaled - mean) / stdev;
            }
        }
    }
    return out;
}

at::Tensor preprocessImage(const DecodedImage& image, int resolution, const ImageNormalization& norm) {
    return toNormalizedTensor(clipInputRgb(image, resolution), norm);
}

at::Tensor preprocessImageFile(const std::string& path, int resolution, const ImageNormalization& norm,
                               const DecodeOptions& options) {
    return preprocessImage(decodeImageFile(path, options), resolution, norm);
}

at::Tensor preprocessImageBytes(const uint8_t* data, size_t size, const std::string& name, int resolution,
                                const ImageNormalization& norm, const DecodeOptions& options) {
    return preprocessImage(decodeImageBytes(data, size, name, options), resolution, norm);
}

}  // namespace ms
