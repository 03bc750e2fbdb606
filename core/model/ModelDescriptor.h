#pragma once
// What the rest of Multiscope knows about a loaded CLIP model without touching LibTorch:
// its architecture, input resolution and normalisation, the capture points in forward order
// with their unit counts and shapes, and the content hash that identifies it everywhere
// (caches, indexes, job keys). Torch-free.
//
// Tensor layouts of capture points (what ClipNetwork::capture returns for the full tensor):
//   Conv   [N, C, H, W]   ResNet points and the ViT patch embedding; units = C
//   Tokens [N, L, D]      transformer points, batch-first (the reference runs L, N, D
//                         internally); units = D. ViT image points: position 0 is the class
//                         token, positions 1.. the patches in row-major (y, x) order.
//   Vector [N, D]         attention-pool output (ResNet), ln_post class token (ViT)

#include "model/ClipConfig.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ms {

enum class Tower { Image, Text };
enum class PointLayout { Conv, Tokens, Vector };

const char* towerName(Tower tower);          // "image" / "text"
const char* pointLayoutName(PointLayout l);  // "conv" / "tokens" / "vector"

// One place in the forward pass whose output can be captured.
struct CapturePointInfo {
    std::string name;  // the reference module path, e.g. "visual.layer4.5.add"
    Tower tower = Tower::Image;
    PointLayout layout = PointLayout::Conv;
    int64_t units = 0;           // channels (conv) or features (transformer)
    std::vector<int64_t> shape;  // per-sample shape of the full tensor: [C,H,W], [L,D] or [D]
    // The grid that per-unit maps and the spatial reductions use: conv H×W; ViT token points
    // the patch grid (class token excluded); text token points 1×L; vector points 1×1.
    int64_t gridHeight = 1;
    int64_t gridWidth = 1;
    bool hasClassToken = false;  // ViT image token points
    std::string description;     // one line for people ("residual sum before the last ReLU")
};

// The CLIP normalisation constants (RGB), applied after scaling pixels to [0, 1].
extern const std::array<float, 3> kClipMean;
extern const std::array<float, 3> kClipStd;

// Everything about a model that is not its weights.
struct ModelDescriptor {
    std::string family;  // "resnet" or "vit"
    ClipConfig config;
    int inputResolution = 0;  // square input side in pixels
    std::array<float, 3> mean = kClipMean;
    std::array<float, 3> std = kClipStd;
    std::vector<CapturePointInfo> points;  // forward order: image tower, then text tower
    std::string defaultLayer;              // the layer a new session studies first
    std::string contentHash;               // lowercase hex SHA-256 of the weights file
    std::string source;                    // path (or name) the model was loaded from

    // The point with this canonical name, or nullptr.
    const CapturePointInfo* find(const std::string& canonicalName) const;
    // Canonical name for a name or a Microscope alias; throws ms::Error listing close names.
    std::string resolve(const std::string& nameOrAlias) const;
    // resolve() then find(); throws like resolve().
    const CapturePointInfo& point(const std::string& nameOrAlias) const;
};

// The capture points of an architecture in forward order, shapes at its input resolution.
std::vector<CapturePointInfo> capturePointsFor(const ClipConfig& config);

// The layer the Distill article studies, generalised: for ResNets the residual sum of the
// last block of layer4 (`image_block_4/5/Add_6` in RN50x4); for ViTs the MLP hidden units of
// the last residual block (the closest ViT analogue: wide, late, before the projection).
std::string defaultStudiedLayer(const ClipConfig& config);

// The canonical name a Microscope-style name stands for: `image_block_S/B/Add_N`,
// `image_block_S/B/Add_N:0` or `image_block_S_B_Add_N_0` → `visual.layerS.B.add` (blocks
// counted from 0, N ignored). Empty when `name` is not of that form.
std::string microscopeAliasTarget(const std::string& name);

}  // namespace ms
