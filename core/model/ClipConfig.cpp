#include "model/ClipConfig.h"

#include <algorithm>
#include <numeric>

namespace ms {

const char* visionFamilyName(VisionFamily family) {
    return family == VisionFamily::ViT ? "vit" : "resnet";
}

int ClipConfig::visionBlockCount() const {
    return std::accumulate(visionLayers.begin(), visionLayers.end(), 0);
}

int ClipConfig::visionGrid() const {
    if (family == VisionFamily::ViT) return visionPatchSize > 0 ? imageResolution / visionPatchSize : 0;
    return imageResolution / 32;
}

bool ClipConfig::operator==(const ClipConfig& o) const {
    return family == o.family && embedDim == o.embedDim && imageResolution == o.imageResolution &&
           visionLayers == o.visionLayers && visionWidth == o.visionWidth &&
           visionPatchSize == o.visionPatchSize && visionHeads == o.visionHeads &&
           contextLength == o.contextLength && vocabSize == o.vocabSize &&
           transformerWidth == o.transformerWidth && transformerHeads == o.transformerHeads &&
           transformerLayers == o.transformerLayers;
}

int defaultTextHeads(int transformerWidth) { return std::max(1, transformerWidth / 64); }

int defaultVisionHeads(VisionFamily family, int visionWidth) {
    // The reference: ResNet attention pool heads = width·32 // 64, ViT heads = width // 64.
    const int heads = family == VisionFamily::ViT ? visionWidth / 64 : visionWidth * 32 / 64;
    return std::max(1, heads);
}

}  // namespace ms
