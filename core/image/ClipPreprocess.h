#pragma once
// CLIP's reference preprocessing from an encoded picture to the network's input tensor:
// decode, Resize(n, BICUBIC) and CenterCrop(n) in the source mode, convert("RGB"),
// ToTensor (uint8 / 255 in float32) and Normalize ((x − mean) / std in float32). The result
// matches openai/CLIP's `preprocess` to float rounding (uint8 stages bit-identical).
// Tensor convention: float32, CHW, RGB, on the CPU; add the batch dimension yourself.
// This header needs neither OpenCV's nor Torch's full headers (PreprocessSteps.h has the
// cv::Mat steps).

#include "image/ImageOptions.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace cv {
class Mat;
}

namespace ms {

struct DecodedImage;

// ToTensor + Normalize of an RGB CV_8UC3 image: float32 [3, H, W], computed per element in
// float32 as ((u8 / 255.f) − mean[c]) / std[c]. Throws ms::Error for another pixel type.
at::Tensor toNormalizedTensor(const cv::Mat& rgbU8, const ImageNormalization& norm = kClipImageNormalization);

// The full pipeline for a decoded image, a file, or bytes in memory (`name` for errors):
// float32 [3, resolution, resolution]. Throws ms::Error as decodeImage*() do.
at::Tensor preprocessImage(const DecodedImage& image, int resolution,
                           const ImageNormalization& norm = kClipImageNormalization);
at::Tensor preprocessImageFile(const std::string& path, int resolution,
                               const ImageNormalization& norm = kClipImageNormalization,
                               const DecodeOptions& options = {});
at::Tensor preprocessImageBytes(const uint8_t* data, size_t size, const std::string& name, int resolution,
                                const ImageNormalization& norm = kClipImageNormalization,
                                const DecodeOptions& options = {});

}  // namespace ms
