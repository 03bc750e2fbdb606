#pragma once
// One feature visualization being optimised (Lucid's make_vis_T, built separately from the
// loop that runs it): the image parameterisation, the transforms, the objective and an Adam
// optimiser, all fixed by a FeatureVisRequest. step() performs one optimisation step;
// image() is the current picture. The caller owns the loop (FeatureVisRun.h does it with
// cancellation and snapshots).
//
// Determinism: every random draw comes from generators seeded by request.seed (the initial
// image from a torch CPU generator, the transforms from an ms::Rng), so the same request on
// the same machine and thread count gives the same image bit for bit.
// Thread-safety: one session on one thread, and the model's rule applies (one model is used
// by one worker thread at a time). Grad mode is set inside step(), whatever the caller's.

#include "featurevis/FeatureVisRequest.h"
#include "featurevis/Objective.h"
#include "featurevis/ObjectiveParser.h"
#include "model/ClipModel.h"

#include <ATen/core/Tensor.h>

#include <QImage>

#include <memory>
#include <string>
#include <vector>

namespace ms {

// What a session needs besides the request: explicit, no globals.
struct FeatureVisContext {
    TextEncoder textEncoder;  // for text("...") terms; may be empty otherwise
};

class FeatureVisSession {
public:
    // Parses request.objective (with the context's text encoder) and adds
    // request.diversity × diversity(first layer of the objective). The request is resolved
    // for the model first (size, modelHash). Throws ms::Error for a bad request or objective.
    FeatureVisSession(const ClipModel& model, const FeatureVisRequest& request, const FeatureVisContext& context = {});
    // The same with an objective built in code (the diversity term is still added);
    // request.objective then only describes it.
    FeatureVisSession(const ClipModel& model, const FeatureVisRequest& request, Objective objective);
    ~FeatureVisSession();
    FeatureVisSession(const FeatureVisSession&) = delete;
    FeatureVisSession& operator=(const FeatureVisSession&) = delete;

    // One optimisation step: image → transforms → normalise → forward (stopping at the last
    // point the objective reads) → loss = −score → backward → Adam.
    void step();

    // The current image batch [N, 3, H, W] in [0, 1] (detached, CPU, float32).
    at::Tensor image() const;
    // The same as RGB888 pictures, one per batch image.
    std::vector<QImage> images() const;
    // −score of the last step (NaN before the first).
    double loss() const;
    int stepsDone() const;
    int totalSteps() const;
    bool finished() const { return stepsDone() >= totalSteps(); }

    const FeatureVisRequest& request() const;  // resolved: size and modelHash filled in
    const Objective& objective() const;
    // "visual.layer4.2.add:0 · fourier 224x224, batch 1, decorrelated · pad 12 (0.5), …".
    std::string description() const;

private:
    struct State;
    std::unique_ptr<State> d;
};

// The objective a request describes: the parsed expression plus the diversity term.
Objective requestObjective(const FeatureVisRequest& request, const ModelDescriptor& model,
                           const TextEncoder& textEncoder = {});

}  // namespace ms
