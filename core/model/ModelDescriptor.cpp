#include "model/ModelDescriptor.h"

#include "util/Error.h"

#include <algorithm>
#include <regex>
#include <sstream>

namespace ms {

const std::array<float, 3> kClipMean = {0.48145466f, 0.4578275f, 0.40821073f};
const std::array<float, 3> kClipStd = {0.26862954f, 0.26130258f, 0.27577711f};

const char* towerName(Tower tower) { return tower == Tower::Text ? "text" : "image"; }

const char* pointLayoutName(PointLayout l) {
    switch (l) {
    case PointLayout::Conv: return "conv";
    case PointLayout::Tokens: return "tokens";
    case PointLayout::Vector: return "vector";
    }
    return "?";
}

namespace {

CapturePointInfo convPoint(std::string name, int64_t c, int64_t h, int64_t w, std::string what) {
    CapturePointInfo p;
    p.name = std::move(name);
    p.layout = PointLayout::Conv;
    p.units = c;
    p.shape = {c, h, w};
    p.gridHeight = h;
    p.gridWidth = w;
    p.description = std::move(what);
    return p;
}

CapturePointInfo vectorPoint(std::string name, int64_t d, std::string what) {
    CapturePointInfo p;
    p.name = std::move(name);
    p.layout = PointLayout::Vector;
    p.units = d;
    p.shape = {d};
    p.description = std::move(what);
    return p;
}

CapturePointInfo tokenPoint(std::string name, Tower tower, int64_t length, int64_t d, int64_t grid,
                            std::string what) {
    CapturePointInfo p;
    p.name = std::move(name);
    p.tower = tower;
    p.layout = PointLayout::Tokens;
    p.units = d;
    p.shape = {length, d};
    p.hasClassToken = tower == Tower::Image;
    p.gridHeight = p.hasClassToken ? grid : 1;
    p.gridWidth = p.hasClassToken ? grid : length;
    p.description = std::move(what);
    return p;
}

void addResNetPoints(const ClipConfig& c, std::vector<CapturePointInfo>& out) {
    const int64_t w = c.visionWidth;
    int64_t h = (c.imageResolution + 2 - 3) / 2 + 1;  // conv1: 3×3, stride 2, padding 1
    out.push_back(convPoint("visual.relu1", w / 2, h, h, "stem: relu(bn1(conv1)), 3x3 stride 2"));
    out.push_back(convPoint("visual.relu2", w / 2, h, h, "stem: relu(bn2(conv2))"));
    out.push_back(convPoint("visual.relu3", w, h, h, "stem: relu(bn3(conv3))"));
    h /= 2;
    out.push_back(convPoint("visual.avgpool", w, h, h, "stem output (2x2 average pool)"));
    for (int s = 1; s <= 4; ++s) {
        const int64_t planes = w << (s - 1);
        const std::string stage = "visual.layer" + std::to_string(s);
        for (int b = 0; b < c.visionLayers[s - 1]; ++b) {
            const std::string block = stage + "." + std::to_string(b);
            const int64_t stride = (b == 0 && s > 1) ? 2 : 1;
            out.push_back(convPoint(block + ".relu1", planes, h, h, "bottleneck: relu(bn1(conv1 1x1))"));
            out.push_back(convPoint(block + ".relu2", planes, h, h, "bottleneck: relu(bn2(conv2 3x3))"));
            h /= stride;
            out.push_back(convPoint(block + ".add", planes * 4, h, h,
                                    "residual sum before the block's last ReLU (can be negative)"));
            out.push_back(convPoint(block, planes * 4, h, h, "bottleneck output"));
        }
        out.push_back(convPoint(stage, planes * 4, h, h, "stage output"));
    }
    out.push_back(vectorPoint("visual.attnpool", c.embedDim, "attention pool output = image embedding"));
}

void addViTPoints(const ClipConfig& c, std::vector<CapturePointInfo>& out) {
    const int64_t w = c.visionWidth;
    const int64_t g = c.visionGrid();
    const int64_t len = 1 + g * g;
    out.push_back(convPoint("visual.conv1", w, g, g, "patch embedding"));
    out.push_back(tokenPoint("visual.ln_pre", Tower::Image, len, w, g, "ln_pre(tokens + positional embedding)"));
    for (int b = 0; b < c.visionBlockCount(); ++b) {
        const std::string block = "visual.transformer.resblocks." + std::to_string(b);
        out.push_back(tokenPoint(block + ".mlp.gelu", Tower::Image, len, 4 * w, g, "MLP hidden units (QuickGELU)"));
        out.push_back(tokenPoint(block, Tower::Image, len, w, g, "residual block output"));
    }
    out.push_back(vectorPoint("visual.ln_post", w, "ln_post of the class token"));
}

void addTextPoints(const ClipConfig& c, std::vector<CapturePointInfo>& out) {
    for (int b = 0; b < c.transformerLayers; ++b)
        out.push_back(tokenPoint("transformer.resblocks." + std::to_string(b), Tower::Text, c.contextLength,
                                 c.transformerWidth, 1, "text residual block output"));
    out.push_back(tokenPoint("ln_final", Tower::Text, c.contextLength, c.transformerWidth, 1, "text ln_final"));
}

size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::vector<CapturePointInfo> capturePointsFor(const ClipConfig& config) {
    std::vector<CapturePointInfo> points;
    if (config.family == VisionFamily::ResNet)
        addResNetPoints(config, points);
    else
        addViTPoints(config, points);
    addTextPoints(config, points);
    return points;
}

std::string defaultStudiedLayer(const ClipConfig& config) {
    if (config.family == VisionFamily::ResNet)
        return "visual.layer4." + std::to_string(config.visionLayers.at(3) - 1) + ".add";
    return "visual.transformer.resblocks." + std::to_string(config.visionBlockCount() - 1) + ".mlp.gelu";
}

std::string microscopeAliasTarget(const std::string& name) {
    static const std::regex slashForm(R"(image_block_(\d+)/(\d+)/Add_\d+(:0)?)");
    static const std::regex underscoreForm(R"(image_block_(\d+)_(\d+)_Add_\d+(_0)?)");
    std::smatch m;
    if (std::regex_match(name, m, slashForm) || std::regex_match(name, m, underscoreForm))
        return "visual.layer" + m[1].str() + "." + m[2].str() + ".add";
    return {};
}

const CapturePointInfo* ModelDescriptor::find(const std::string& canonicalName) const {
    for (const CapturePointInfo& p : points)
        if (p.name == canonicalName) return &p;
    return nullptr;
}

std::string ModelDescriptor::resolve(const std::string& nameOrAlias) const {
    if (find(nameOrAlias)) return nameOrAlias;
    const std::string target = microscopeAliasTarget(nameOrAlias);
    if (!target.empty()) {
        if (find(target)) return target;
        throw Error(source + ": '" + nameOrAlias + "' stands for '" + target +
                    "', which this model does not have (blocks are counted from 0)");
    }
    std::vector<std::pair<size_t, const std::string*>> ranked;
    for (const CapturePointInfo& p : points) ranked.emplace_back(editDistance(nameOrAlias, p.name), &p.name);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::ostringstream msg;
    msg << source << ": no capture point named '" << nameOrAlias << "'; closest: ";
    for (size_t i = 0; i < ranked.size() && i < 5; ++i) msg << (i ? ", " : "") << *ranked[i].second;
    msg << " (" << points.size() << " points in all)";
    throw Error(msg.str());
}

const CapturePointInfo& ModelDescriptor::point(const std::string& nameOrAlias) const {
    return *find(resolve(nameOrAlias));
}

}  // namespace ms
