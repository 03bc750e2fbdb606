#pragma once
// The reference fixtures' activation files (clip/<variant>/<file>.npy, without .npy) and the
// capture points they hold, for the parity tests of the C++ API and of the CLI.

#include <QString>

#include <map>
#include <string>

namespace ms::test {

inline const std::map<QString, std::string>& fixtureCapturePoints(const QString& variant) {
    static const std::map<QString, std::string> rn = {
        {"visual_stem_relu1", "visual.relu1"},       {"visual_stem_relu2", "visual.relu2"},
        {"visual_stem_relu3", "visual.relu3"},       {"visual_stem", "visual.avgpool"},
        {"visual_layer1", "visual.layer1"},          {"visual_layer2_block0", "visual.layer2.0"},
        {"visual_layer2_block1", "visual.layer2.1"}, {"visual_layer2", "visual.layer2"},
        {"visual_layer3", "visual.layer3"},          {"visual_layer4", "visual.layer4"},
        {"visual_attnpool", "visual.attnpool"},      {"text_block0", "transformer.resblocks.0"},
        {"text_block1", "transformer.resblocks.1"},  {"text_ln_final", "ln_final"}};
    static const std::map<QString, std::string> vit = {
        {"visual_conv1", "visual.conv1"},
        {"visual_ln_pre", "visual.ln_pre"},
        {"visual_block0", "visual.transformer.resblocks.0"},
        {"visual_block1", "visual.transformer.resblocks.1"},
        {"visual_ln_post", "visual.ln_post"},
        {"text_block0", "transformer.resblocks.0"},
        {"text_block1", "transformer.resblocks.1"},
        {"text_ln_final", "ln_final"}};
    return variant == QLatin1String("rn_tiny") ? rn : vit;
}

}  // namespace ms::test
