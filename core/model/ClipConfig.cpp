#include "model/ClipConfig.h"

#include "util/Error.h"

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

namespace {

struct Preset {
    const char* name;
    VisionFamily family;
    int embedDim, resolution;
    std::vector<int> layers;
    int visionWidth, patch, textWidth;
};

// From the reference's published checkpoints (CLIP paper, tables 19 and 20).
const std::vector<Preset>& presets() {
    static const std::vector<Preset> all = {
        {"RN50", VisionFamily::ResNet, 1024, 224, {3, 4, 6, 3}, 64, 0, 512},
        {"RN101", VisionFamily::ResNet, 512, 224, {3, 4, 23, 3}, 64, 0, 512},
        {"RN50x4", VisionFamily::ResNet, 640, 288, {4, 6, 10, 6}, 80, 0, 640},
        {"RN50x16", VisionFamily::ResNet, 768, 384, {6, 8, 18, 8}, 96, 0, 768},
        {"RN50x64", VisionFamily::ResNet, 1024, 448, {3, 15, 36, 10}, 128, 0, 1024},
        {"ViT-B/32", VisionFamily::ViT, 512, 224, {12}, 768, 32, 512},
        {"ViT-B/16", VisionFamily::ViT, 512, 224, {12}, 768, 16, 512},
        {"ViT-L/14", VisionFamily::ViT, 768, 224, {24}, 1024, 14, 768},
        {"ViT-L/14@336px", VisionFamily::ViT, 768, 336, {24}, 1024, 14, 768},
    };
    return all;
}

}  // namespace

ClipConfig clipPresetConfig(const std::string& name) {
    for (const Preset& p : presets()) {
        if (name != p.name) continue;
        ClipConfig c;
        c.family = p.family;
        c.embedDim = p.embedDim;
        c.imageResolution = p.resolution;
        c.visionLayers = p.layers;
        c.visionWidth = p.visionWidth;
        c.visionPatchSize = p.patch;
        c.visionHeads = defaultVisionHeads(p.family, p.visionWidth);
        c.contextLength = 77;
        c.vocabSize = 49408;
        c.transformerWidth = p.textWidth;
        c.transformerHeads = defaultTextHeads(p.textWidth);
        c.transformerLayers = 12;
        return c;
    }
    std::string known;
    for (const Preset& p : presets()) known += (known.empty() ? "" : ", ") + std::string(p.name);
    throw Error("unknown CLIP architecture '" + name + "' (known: " + known + ")");
}

std::vector<std::string> clipPresetNames() {
    std::vector<std::string> names;
    for (const Preset& p : presets()) names.push_back(p.name);
    return names;
}

}  // namespace ms
