#pragma once
// A feature visualization job as a value (after Sonic Visualiser's Transform): everything that
// determines the picture. It compares, hashes to a stable key (the cache's file name), and
// reads/writes JSON. Torch-free, so the GUI and the CLI build and store requests freely.
//
// Determinism: on one machine (same LibTorch, BLAS and thread count) the same resolved
// request gives the same image, bit for bit.

#include "model/ModelDescriptor.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace ms {

struct FeatureVisRequest {
    // Bumped when the algorithm changes so that old cache entries stop matching.
    static constexpr int kAlgorithmVersion = 1;

    std::string modelHash;           // ModelDescriptor::contentHash
    std::string objective;           // expression, see ObjectiveParser.h
    std::string param = "fourier";   // "fourier" (Lucid's default) or "pixel"
    bool decorrelate = true;         // Lucid's colour decorrelation
    std::string preset = "lucid";    // transform preset: "lucid", "distill" or "none"
    int steps = 512;
    double lr = 0.05;                // Adam learning rate
    int size = 0;                    // image side in pixels; 0 = the model's input resolution
    int batch = 1;
    double diversity = 0.0;          // weight of diversity() at the objective's first layer
    std::uint64_t seed = 0;
    // "float32", or "bfloat16": the network runs under bf16 autocast (the image, transforms,
    // objective and Adam stay float32) — ~1.4× faster where the CPU has native bf16
    // (cpuHasNativeBf16()), slower elsewhere; the picture differs slightly from float32's.
    std::string precision = "float32";

    bool operator==(const FeatureVisRequest& other) const;
    bool operator!=(const FeatureVisRequest& other) const { return !(*this == other); }

    // 32 lowercase hex digits: SHA-256 of the canonical JSON (with kAlgorithmVersion), cut.
    // Float32 requests leave precision out of it, so their keys are those from before the
    // field existed (the users' caches stay valid).
    std::string key() const;
    // One JSON object with every field (pretty when `indent` ≥ 0).
    std::string toJson(int indent = -1) const;
    // Reads toJson()'s output; missing fields keep their defaults. Throws ms::Error for
    // malformed JSON or a field of the wrong type.
    static FeatureVisRequest fromJson(const std::string& json);

    // Throws ms::Error naming the field for values out of range (steps < 1, lr ≤ 0, …) or an
    // unknown param or preset.
    void validate() const;
    // A copy with the defaults that depend on the model filled in: size (the input
    // resolution) and modelHash. Throws ms::Error when modelHash names another model.
    FeatureVisRequest resolvedFor(const ModelDescriptor& model) const;
};

}  // namespace ms

template <>
struct std::hash<ms::FeatureVisRequest> {
    std::size_t operator()(const ms::FeatureVisRequest& r) const noexcept;
};
