#include "image/QtImageConvert.h"

#include "util/Error.h"

#include <cstring>

namespace ms {

QImage matToQImage(const cv::Mat& image) {
    if (image.empty()) return QImage();
    QImage::Format format;
    if (image.type() == CV_8UC3) format = QImage::Format_RGB888;
    else if (image.type() == CV_8UC1) format = QImage::Format_Grayscale8;
    else throw Error("matToQImage: expects an 8-bit RGB or grey image");
    QImage out(image.cols, image.rows, format);
    const size_t rowBytes = static_cast<size_t>(image.cols) * image.elemSize();
    for (int y = 0; y < image.rows; ++y) std::memcpy(out.scanLine(y), image.ptr(y), rowBytes);
    return out;
}

cv::Mat qImageToMat(const QImage& image) {
    if (image.isNull()) return cv::Mat();
    const QImage rgb = image.format() == QImage::Format_RGB888 ? image : image.convertToFormat(QImage::Format_RGB888);
    cv::Mat out(rgb.height(), rgb.width(), CV_8UC3);
    const size_t rowBytes = static_cast<size_t>(rgb.width()) * 3;
    for (int y = 0; y < rgb.height(); ++y) std::memcpy(out.ptr(y), rgb.constScanLine(y), rowBytes);
    return out;
}

}  // namespace ms
