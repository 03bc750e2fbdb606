#pragma once
// The pixel steps of CLIP's reference preprocessing (torchvision Resize(n, BICUBIC),
// CenterCrop(n), convert("RGB")) on cv::Mat, torch-free so they can be tested under the
// sanitizers. ClipPreprocess.h adds the tensor at the end (ToTensor, Normalize).
//
// Order matters and follows the reference: resize and crop happen in the source mode (a
// greyscale picture is resized as one channel, RGBA premultiplied), RGB conversion comes last.

#include "image/ImageDecode.h"

#include <opencv2/core/mat.hpp>

namespace ms {

// The PIL mode a cv::Mat stands for when no DecodedImage says otherwise: CV_8UC1 "L",
// CV_8UC2 "LA", CV_8UC3 "RGB", CV_8UC4 "RGBA", CV_32SC1 "I". Throws ms::Error for other types.
PixelMode modeOfMat(const cv::Mat& image);

// torchvision's Resize(n) size: the short side becomes n, the long side int(n·long/short)
// (truncated). Throws ms::Error for n ≤ 0 or an empty image.
cv::Size shortSideSize(cv::Size input, int n);

// Resize(n, BICUBIC) as the reference runs it on a PIL image in `image.mode` (see PilResize.h).
// An image whose size does not change is returned as is, never resampled.
DecodedImage resizeShortSide(const DecodedImage& image, int n);
cv::Mat resizeShortSide(const cv::Mat& image, int n);  // mode from modeOfMat

// torchvision's CenterCrop(n): an n×n window at top = round((H−n)/2), left = round((W−n)/2),
// Python's round (half to even); an image smaller than n is first padded with zeros
// ((n−W)//2 on the left, the rest on the right; likewise top and bottom). Any type.
cv::Mat centerCrop(const cv::Mat& image, int n);

// PIL's convert("RGB"): grey modes repeated over three channels, alpha dropped (not
// composited), "I" clipped to 0..255. Returns CV_8UC3 in RGB order.
cv::Mat toRgb(const DecodedImage& image);
cv::Mat toRgb(const cv::Mat& image);  // mode from modeOfMat

// Resize, crop and RGB conversion together: the uint8 image the reference turns into a tensor.
cv::Mat clipInputRgb(const DecodedImage& image, int resolution);

}  // namespace ms
