#include "analysis/ModelInput.h"

#include "image/ClipPreprocess.h"
#include "image/ImageDecode.h"
#include "image/PreprocessSteps.h"
#include "image/QtImageConvert.h"
#include "model/ModelDescriptor.h"

namespace ms {

ImageNormalization normalizationOf(const ModelDescriptor& d) { return ImageNormalization{d.mean, d.std}; }

at::Tensor modelInputFromImage(const QImage& image, const ModelDescriptor& d) {
    const int r = d.inputResolution;
    return toNormalizedTensor(centerCrop(resizeShortSide(qImageToMat(image), r), r), normalizationOf(d));
}

at::Tensor modelInputFromFile(const std::string& path, const ModelDescriptor& d) {
    return preprocessImageFile(path, d.inputResolution, normalizationOf(d));
}

QImage modelViewFromFile(const std::string& path, const ModelDescriptor& d) {
    return matToQImage(clipInputRgb(decodeImageFile(path), d.inputResolution));
}

QImage modelViewFromImage(const QImage& image, const ModelDescriptor& d) {
    const int r = d.inputResolution;
    return matToQImage(centerCrop(resizeShortSide(qImageToMat(image), r), r));
}

}  // namespace ms
