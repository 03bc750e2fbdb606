#include "index/ActivationSource.h"

#include <cstdio>

namespace ms {

std::string describeClipPreprocessing(int resolution, const ImageNormalization& n) {
    // %.9g keeps every float digit, so that any change of constants changes the text.
    char text[256];
    std::snprintf(text, sizeof text,
                  "clip-reference: resize shorter side to %d (PIL bicubic, source mode), center crop %dx%d, RGB, "
                  "/255, normalize mean=(%.9g,%.9g,%.9g) std=(%.9g,%.9g,%.9g)",
                  resolution, resolution, resolution, n.mean[0], n.mean[1], n.mean[2], n.std[0], n.std[1], n.std[2]);
    return text;
}

std::string ActivationSource::preprocessing() const { return describeClipPreprocessing(resolution(), normalization()); }

}  // namespace ms
