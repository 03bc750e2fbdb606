#pragma once
// The drawable concepts of the generated world: each concept's outline (filled in photos and
// icons, traced in drawings) and its detail lines, in a 100 × 100 box centred on (0, 0).

#include <QPainterPath>
#include <QString>

#include <vector>

namespace ms {

struct ConceptArt {
    QPainterPath body;     // closed outline(s)
    QPainterPath details;  // lines drawn over the body (eyes, hands, veins)
};

// The concept names, in a fixed order (their index is the concept id).
const std::vector<QString>& conceptNames();

// Throws ms::Error for an unknown name.
ConceptArt conceptArt(const QString& name);

}  // namespace ms
