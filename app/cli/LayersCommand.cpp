// `multiscope-cli layers --model M [--json]`: the model's capture points in forward order
// with their unit counts and per-sample shapes ([C, H, W], [L, D] or [D]).

#include "CliCommand.h"
#include "ModelOptions.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace ms::cli {

namespace {

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string out;
    for (int64_t s : shape) out += (out.empty() ? "" : "x") + std::to_string(s);
    return out;
}

std::string table(const ModelDescriptor& d) {
    size_t width = 4;
    for (const CapturePointInfo& p : d.points) width = std::max(width, p.name.size());
    std::string out;
    char line[512];
    std::snprintf(line, sizeof line, "%-*s  %-5s  %-6s  %6s  %s\n", static_cast<int>(width), "name", "tower", "layout",
                  "units", "shape");
    out += line;
    for (const CapturePointInfo& p : d.points) {
        std::snprintf(line, sizeof line, "%-*s  %-5s  %-6s  %6lld  %s\n", static_cast<int>(width), p.name.c_str(),
                      towerName(p.tower), pointLayoutName(p.layout), static_cast<long long>(p.units),
                      shapeText(p.shape).c_str());
        out += line;
    }
    return out;
}

}  // namespace

void addLayersCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("layers", "List the capture points (layers) with unit counts and shapes, in forward order");
    auto options = std::make_shared<ModelOptions>();
    auto json = std::make_shared<bool>(false);
    addModelOptions(*cmd, *options);
    cmd->add_flag("--json", *json, "Print a JSON array of {\"name\", \"units\", \"shape\"}");
    cmd->callback([&chosen, options, json] {
        chosen.run = [options, json] {
            const ModelBundle bundle = loadModel(*options);
            const ModelDescriptor& d = bundle.descriptor();
            if (!*json) {
                printResult(table(d));
                return 0;
            }
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const CapturePointInfo& p : d.points)
                out.push_back(nlohmann::ordered_json{{"name", p.name}, {"units", p.units}, {"shape", p.shape}});
            printResult(out.dump());
            return 0;
        };
    });
}

}  // namespace ms::cli
