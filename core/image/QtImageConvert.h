#pragma once
// Conversions between OpenCV images and QImage, for showing and saving what the pipeline
// sees. Both directions make deep copies (a QImage never points into a cv::Mat's buffer, or
// the reverse) and respect row padding (QImage rows are 4-byte aligned, cv::Mat rows may be
// views with a stride). Torch-free.

#include <QImage>

#include <opencv2/core/mat.hpp>

namespace ms {

// CV_8UC3 in RGB order → QImage::Format_RGB888; CV_8UC1 → Format_Grayscale8.
// Throws ms::Error for other types. An empty Mat gives a null QImage.
QImage matToQImage(const cv::Mat& image);

// Any QImage → CV_8UC3 in RGB order (converted through Format_RGB888: grey replicated, alpha
// dropped). A null QImage gives an empty Mat.
cv::Mat qImageToMat(const QImage& image);

}  // namespace ms
