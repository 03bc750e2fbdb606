// `multiscope-cli about [--json]`: versions of Multiscope, its libraries and the compute device.

#include "CliCommand.h"

#include "util/BuildInfo.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace ms::cli {

void addAboutCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("about", "Print versions of Multiscope, Qt, LibTorch, OpenCV and the compute device");
    auto json = std::make_shared<bool>(false);
    auto threads = std::make_shared<int>(0);
    cmd->add_flag("--json", *json, "Print one JSON object");
    cmd->add_option("--threads", *threads, "Compute threads (default: all cores)")->check(CLI::PositiveNumber);
    cmd->callback([&chosen, json, threads] {
        chosen.run = [json, threads] {
            const BuildInfo info = buildInfo(*threads);
            if (*json) {
                nlohmann::json out{{"multiscope", info.multiscope}, {"qt", info.qt},
                                   {"libtorch", info.libtorch},     {"opencv", info.opencv},
                                   {"device", info.device},         {"threads", info.computeThreads}};
                printResult(out.dump());
            } else {
                printResult("Multiscope " + info.multiscope + "\nQt " + info.qt + "\nLibTorch " + info.libtorch +
                            "\nOpenCV " + info.opencv + "\nDevice " + info.device);
            }
            return 0;
        };
    });
}

}  // namespace ms::cli
