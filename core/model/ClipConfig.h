#pragma once
// The architecture of a CLIP model, as the reference `build_model` infers it from the
// weights (the arguments of openai/CLIP's `CLIP` constructor), plus the two head counts that
// the weights cannot tell. Torch-free: Qt code and the CLI read it from the descriptor.

#include <string>
#include <vector>

namespace ms {

// Which image tower the model has.
enum class VisionFamily { ResNet, ViT };

// "resnet" or "vit" (the descriptor's family string).
const char* visionFamilyName(VisionFamily family);

// The CLIP constructor's arguments plus the vision head count the reference derives.
struct ClipConfig {
    VisionFamily family = VisionFamily::ResNet;
    int embedDim = 0;                // joint embedding width (text_projection columns)
    int imageResolution = 0;         // input side in pixels
    std::vector<int> visionLayers;   // ResNet: blocks per stage (4 entries); ViT: one entry
    int visionWidth = 0;             // ResNet stem width / ViT transformer width
    int visionPatchSize = 0;         // ViT patch side; 0 for ResNets
    int visionHeads = 0;             // ResNet: attention-pool heads (width·32/64); ViT: width/64
    int contextLength = 0;           // text positions (77 for the official models)
    int vocabSize = 0;
    int transformerWidth = 0;        // text transformer width
    int transformerHeads = 0;        // text heads (width/64 unless overridden)
    int transformerLayers = 0;

    // Total vision blocks (sum of visionLayers).
    int visionBlockCount() const;
    // ViT: patches per side (imageResolution / visionPatchSize); ResNet: attention-pool grid
    // side (imageResolution / 32).
    int visionGrid() const;

    bool operator==(const ClipConfig& other) const;
    bool operator!=(const ClipConfig& other) const { return !(*this == other); }
};

// How to build a model from weights whose head counts differ from the reference default.
struct ClipLoadOptions {
    int textHeads = 0;    // text transformer heads; 0 = infer (width/64, at least 1)
    int visionHeads = 0;  // attention-pool (ResNet) or ViT heads; 0 = infer as the reference
};

// The reference's default head counts for a width.
int defaultTextHeads(int transformerWidth);
int defaultVisionHeads(VisionFamily family, int visionWidth);

// The architectures of OpenAI's released checkpoints ("RN50", "RN101", "RN50x4", "RN50x16",
// "RN50x64", "ViT-B/32", "ViT-B/16", "ViT-L/14", "ViT-L/14@336px"), for benchmarks and shape
// tables; loading a checkpoint never needs them (the architecture comes from the weights).
// Throws ms::Error for another name.
ClipConfig clipPresetConfig(const std::string& name);
std::vector<std::string> clipPresetNames();

}  // namespace ms
