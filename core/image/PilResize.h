#pragma once
// Pillow 9.4's Image.resize(size, BICUBIC), re-implemented so that Multiscope feeds CLIP the
// very bytes the reference preprocessing (torchvision on PIL) produces: a separable
// convolution with Keys' cubic (a = -0.5) whose support widens with the downscale factor
// (antialiasing), weights rounded to 22-bit fixed point, the horizontal pass first, and
// rounding to uint8 between the passes. A pass whose dimension does not change is skipped.
// OpenCV's and LibTorch's bicubic resizers differ from it in the last bits.

#include "image/ImageDecode.h"

#include <opencv2/core/mat.hpp>

namespace ms {

// Bicubic resampling of CV_8UC1..CV_8UC4 (8-bit fixed point, every channel on its own, as
// Pillow treats L, LA, RGB, RGBA, La and RGBa storage) or CV_32SC1 (Pillow's mode "I": double
// accumulation, rounded half away from zero). Returns a copy when `size` equals the input's.
// Throws ms::Error for another type or a non-positive size.
cv::Mat pilResampleBicubic(const cv::Mat& src, cv::Size size);

// Pillow's nearest-neighbour scaling (used for modes "1" and "P"): output pixel x takes input
// column int(x·sx + sx/2), sx = in/out, positions accumulated as Pillow does. Any type.
cv::Mat pilResampleNearest(const cv::Mat& src, cv::Size size);

// Pillow's alpha premultiplication (LA → La, RGBA → RGBa) and its inverse, on CV_8UC2 (L, A)
// or CV_8UC4 (R, G, B, A) images; the last channel is alpha.
cv::Mat premultiplyAlpha(const cv::Mat& src);
cv::Mat unpremultiplyAlpha(const cv::Mat& src);

// Image.resize(size, BICUBIC) for a picture in `mode`: nearest for "1" and "P", bicubic on
// premultiplied pixels for "LA" and "RGBA", plain bicubic otherwise; a copy at the same size.
cv::Mat pilResize(const cv::Mat& src, PixelMode mode, cv::Size size);

}  // namespace ms
