#pragma once
// What a feature visualization maximises, as a small value (Lucid's objectives): a function
// of the current image and the model's activations, plus a readable description and the
// capture points it reads. Objectives add, subtract and scale; the description follows
// in the expression syntax ObjectiveParser.h reads ("visual.layer4.2.add:0 + 10*l2").
//
// Convention: an objective is a score to MAXIMISE. Penalties are written as negative scores
// (l2 = −mean((x − 0.5)²), diversity = −similarity), so terms always combine with positive
// weights. The session minimises loss = −score.

#include "model/CaptureResult.h"
#include "model/ModelDescriptor.h"

#include <ATen/core/Tensor.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ms {

// Everything an objective may read in one step.
struct ObjectiveInput {
    at::Tensor image;                         // [N, 3, H, W] in [0, 1], before the transforms
    const CaptureResult* capture = nullptr;   // activations of the transformed, normalised batch
    const ModelDescriptor* model = nullptr;

    // The captured point as a unit map [N, units, gh, gw]: conv points as they are, ViT image
    // token points as their patch grid, vector points as 1×1. Throws ms::Error when the point
    // was not captured.
    at::Tensor unitMap(const std::string& point) const;
    // The image embedding [N, D]; throws when it was not computed.
    at::Tensor embedding() const;
};

class Objective {
public:
    using ScoreFn = std::function<at::Tensor(const ObjectiveInput&)>;

    // The zero objective (adding it changes nothing).
    Objective() = default;
    // `points`: canonical capture-point names the score reads; `needsEmbedding`: whether it
    // reads the image embedding (which needs the whole tower at its input resolution).
    Objective(std::string description, ScoreFn score, std::vector<std::string> points = {},
              bool needsEmbedding = false);

    // The scalar score to maximise (summed over the batch as each term defines).
    at::Tensor score(const ObjectiveInput& input) const;
    const std::string& description() const { return mDescription; }
    const std::vector<std::string>& points() const { return mPoints; }
    bool needsEmbedding() const { return mNeedsEmbedding; }
    bool isZero() const { return mTerms.empty(); }

    Objective operator-() const;
    Objective& operator+=(const Objective& other);
    Objective& operator-=(const Objective& other);
    Objective& operator*=(double factor);

private:
    // Sums stay flat: a + 2·(b − c) is three weighted terms, which keeps descriptions short.
    struct Term {
        double weight;
        std::string description;
        std::shared_ptr<const ScoreFn> score;
        std::vector<std::string> points;
        bool needsEmbedding;
    };
    void rebuild();

    std::vector<Term> mTerms;  // score = Σ weight · term
    std::string mDescription = "0";
    std::vector<std::string> mPoints;
    bool mNeedsEmbedding = false;
};

Objective operator+(Objective a, const Objective& b);
Objective operator-(Objective a, const Objective& b);
Objective operator*(Objective a, double factor);
Objective operator*(double factor, Objective a);

}  // namespace ms
