// The model cache from the command line (issue 9's contract):
//   multiscope-cli models [--json] [--verify]        the catalogue with local status
//   multiscope-cli download NAME... [--vocab]        checksummed, resumable downloads
//   multiscope-cli verify NAME...                    recompute SHA-256
// --base-url (or $MULTISCOPE_CLIP_BASE_URL) points checkpoint downloads at a mirror.

#include "CliCommand.h"

#include "catalog/ModelLocator.h"
#include "download/ModelFiles.h"
#include "download/VerifiedStamps.h"
#include "util/Error.h"
#include "util/Log.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace ms::cli {
namespace {

std::string knownNames(const QString& baseUrl) {
    std::string names;
    for (const ModelFile& f : modelFiles(baseUrl)) names += (names.empty() ? "" : ", ") + f.name.toStdString();
    return names;
}

ModelFile lookUp(const std::string& name, const QString& baseUrl) {
    if (auto file = findModelFile(QString::fromStdString(name), baseUrl)) return *file;
    throw Error("unknown model '" + name + "' (known: " + knownNames(baseUrl) + ")");
}

std::string clock(double seconds) {
    if (seconds < 0) return "--:--";
    const int s = static_cast<int>(seconds);
    char text[32];
    std::snprintf(text, sizeof text, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    return text;
}

// A live line on a terminal; otherwise a line per 10% (batch logs stay short).
class DownloadMeter {
public:
    explicit DownloadMeter(std::string name) : m_name(std::move(name)), m_tty(::isatty(STDERR_FILENO) == 1) {}
    ~DownloadMeter() {
        if (m_shown) std::fputc('\n', stderr);
    }
    void show(const DownloadProgress& p) {
        const double fraction = p.totalBytes > 0 ? double(p.receivedBytes) / double(p.totalBytes) : 0;
        const std::string line = m_name + ": " + formatBytes(p.receivedBytes).toStdString() +
                                 (p.totalBytes > 0 ? " / " + formatBytes(p.totalBytes).toStdString() : std::string()) +
                                 "  " + formatBytes(static_cast<std::int64_t>(p.bytesPerSecond)).toStdString() + "/s  ETA " +
                                 clock(p.etaSeconds);
        if (m_tty) {
            std::fprintf(stderr, "\r%5.1f%%  %s\033[K", fraction * 100, line.c_str());
            m_shown = true;
        } else if (int(fraction * 10) > m_lastTenth) {
            m_lastTenth = int(fraction * 10);
            std::fprintf(stderr, "%5.1f%%  %s\n", fraction * 100, line.c_str());
        }
        std::fflush(stderr);
    }

private:
    std::string m_name;
    bool m_tty;
    bool m_shown = false;
    int m_lastTenth = 0;
};

struct ModelsOptions {
    bool json = false;
    bool verify = false;
    bool vocab = false;
    std::string baseUrl;
    std::vector<std::string> names;
};

nlohmann::ordered_json statusJson(const ModelFileStatus& s) {
    nlohmann::ordered_json j{{"name", s.file.name.toStdString()},     {"sha256", s.file.sha256.toStdString()},
                             {"url", s.file.url.toStdString()},       {"status", stateName(s.state).toStdString()},
                             {"path", s.file.path.toStdString()},     {"kind", s.file.kind.toStdString()},
                             {"approx_bytes", s.file.approxBytes},    {"bytes_on_disk", s.bytesOnDisk}};
    if (s.file.inputResolution > 0) j["input_resolution"] = s.file.inputResolution;
    if (s.partialBytes > 0) j["partial_bytes"] = s.partialBytes;
    return j;
}

int runModels(const ModelsOptions& o) {
    const QString base = checkpointBaseUrl(QString::fromStdString(o.baseUrl));
    std::vector<ModelFileStatus> statuses;
    for (const ModelFile& f : modelFiles(base)) statuses.push_back(modelFileStatus(f, o.verify));
    if (o.json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& s : statuses) out.push_back(statusJson(s));
        printResult(out.dump(2));
        return 0;
    }
    std::string table = "model cache: " + modelCacheDir() + "\n";
    char line[512];
    std::snprintf(line, sizeof line, "%-16s %6s %10s  %-9s %s\n", "NAME", "INPUT", "SIZE", "STATUS", "PATH");
    table += line;
    for (const auto& s : statuses) {
        const std::string input = s.file.inputResolution > 0 ? std::to_string(s.file.inputResolution) : "-";
        std::string status = stateName(s.state).toStdString();
        if (s.partialBytes > 0) status += " (" + formatBytes(s.partialBytes).toStdString() + " partial)";
        std::snprintf(line, sizeof line, "%-16s %6s %10s  %-9s %s\n", s.file.name.toUtf8().constData(), input.c_str(),
                      formatBytes(s.file.approxBytes).toUtf8().constData(), status.c_str(), s.file.path.toUtf8().constData());
        table += line;
    }
    table.pop_back();
    printResult(table);
    return 0;
}

int runDownload(const ModelsOptions& o) {
    const QString base = checkpointBaseUrl(QString::fromStdString(o.baseUrl));
    std::vector<ModelFile> wanted;
    for (const std::string& name : o.names) wanted.push_back(lookUp(name, base));
    if (o.vocab) wanted.push_back(lookUp(kVocabularyName, base));
    if (wanted.empty()) throw Error("nothing to download: name a model (see `multiscope-cli models`) or pass --vocab");
    int failures = 0;
    for (const ModelFile& file : wanted) {
        logInfo("fetching " + file.name.toStdString() + " from " + file.url.toStdString());
        DownloadMeter meter(file.name.toStdString());
        const DownloadResult result =
            downloadNow(downloadRequestFor(file), [&meter](const DownloadProgress& p) { meter.show(p); });
        const bool ok = result.outcome == DownloadOutcome::Downloaded || result.outcome == DownloadOutcome::AlreadyPresent;
        if (!ok) ++failures;
        (ok ? logInfo : logError)(file.name.toStdString() + ": " + result.message.toStdString());
    }
    if (failures) throw Error(std::to_string(failures) + " of " + std::to_string(wanted.size()) + " downloads failed");
    return 0;
}

int runVerify(const ModelsOptions& o) {
    const QString base = checkpointBaseUrl({});
    std::vector<ModelFile> wanted;
    for (const std::string& name : o.names) wanted.push_back(lookUp(name, base));
    if (o.vocab) wanted.push_back(lookUp(kVocabularyName, base));
    int bad = 0;
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    std::string text;
    for (const ModelFile& file : wanted) {
        VerifiedStamps(QFileInfo(file.path).absolutePath()).forget(file.path);  // recompute, never trust a stamp
        const ModelFileStatus s = modelFileStatus(file, true);
        if (s.state != ModelFileState::Verified) ++bad;
        out.push_back(statusJson(s));
        text += (text.empty() ? "" : "\n") + file.name.toStdString() + ": " + stateName(s.state).toStdString() + "  " +
                file.path.toStdString();
    }
    printResult(o.json ? out.dump(2) : text);
    return bad ? 1 : 0;
}

}  // namespace

void addModelsCommands(CLI::App& app, Command& chosen) {
    auto o = std::make_shared<ModelsOptions>();
    const std::string baseHelp = "Base URL of checkpoint downloads, before <sha256>/<file> (default: $MULTISCOPE_CLIP_BASE_URL or the official one)";

    auto* models = app.add_subcommand("models", "List the official checkpoints and the vocabulary with their local status");
    models->add_flag("--json", o->json, "Print a JSON array of {name, sha256, url, status, path, ...}");
    models->add_flag("--verify", o->verify, "Hash present files that were not verified yet");
    models->add_option("--base-url", o->baseUrl, baseHelp);
    models->callback([&chosen, o] { chosen.run = [o] { return runModels(*o); }; });

    auto* download = app.add_subcommand("download", "Download checkpoints (and the vocabulary) into the model cache, verified by SHA-256");
    download->add_option("names", o->names, "Checkpoint names, e.g. RN50x4 ViT-B/32 (see `models`)");
    download->add_flag("--vocab", o->vocab, "Also download the BPE vocabulary");
    download->add_option("--base-url", o->baseUrl, baseHelp);
    download->callback([&chosen, o] { chosen.run = [o] { return runDownload(*o); }; });

    auto* verify = app.add_subcommand("verify", "Recompute the SHA-256 of cached checkpoints (exit status 1 when one is missing or wrong)");
    verify->add_option("names", o->names, "Checkpoint names");
    verify->add_flag("--vocab", o->vocab, "Also verify the BPE vocabulary");
    verify->add_flag("--json", o->json, "Print a JSON array like `models --json`");
    verify->callback([&chosen, o] {
        if (o->names.empty() && !o->vocab) throw CLI::ValidationError("verify", "name a checkpoint or pass --vocab");
        chosen.run = [o] { return runVerify(*o); };
    });
}

}  // namespace ms::cli
