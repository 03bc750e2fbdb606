// `multiscope-cli quantize WEIGHTS --out FILE --int8 PREFIX...`: rewrites a .safetensors model
// with the tensors under each PREFIX stored as int8 (io/Int8Weights.h) and every other floating
// tensor as F16; any reader of the project loads the result as ordinary float weights. A
// Multiscope sidecar beside WEIGHTS is copied beside FILE with a "quantization" record. Prints
// one JSON object: out, bytes_before, bytes_after, tensors, elements, max_relative_error.

#include "CliCommand.h"

#include "bundled/BundledSidecar.h"
#include "io/Int8Weights.h"
#include "io/MappedFile.h"
#include "io/Safetensors.h"
#include "util/Error.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <memory>

namespace ms::cli {
namespace {

std::map<std::string, std::string> metadataOf(const std::string& path) {
    const MappedFile file(path);
    return parseSafetensors(file.data(), file.size(), file.size(), path).metadata;
}

void copySidecarWithRecord(const QString& from, const QString& to, const QJsonObject& record) {
    QFile in(from);
    if (!in.exists()) return;
    if (!in.open(QIODevice::ReadOnly)) throw Error(from.toStdString() + ": cannot read: " + in.errorString().toStdString());
    QJsonParseError error;
    QJsonObject json = QJsonDocument::fromJson(in.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) throw Error(from.toStdString() + ": invalid JSON: " + error.errorString().toStdString());
    json.insert(QStringLiteral("quantization"), record);
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly)) throw Error(to.toStdString() + ": cannot write: " + out.errorString().toStdString());
    out.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!out.commit()) throw Error(to.toStdString() + ": cannot write: " + out.errorString().toStdString());
}

}  // namespace

void addQuantizeCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("quantize", "Store a .safetensors model's large tensors as int8 (one scale per row) to shrink it");
    struct Args {
        std::string weights;
        std::string out;
        std::vector<std::string> prefixes;
    };
    auto args = std::make_shared<Args>();
    cmd->add_option("weights", args->weights, "The .safetensors model to read")->required()->check(CLI::ExistingFile);
    cmd->add_option("--out", args->out, "The .safetensors file to write (may be the input)")->required();
    cmd->add_option("--int8", args->prefixes, "Quantize the tensors whose names start with this (repeatable), e.g. visual.attnpool.")
        ->required();
    cmd->callback([&chosen, args] {
        chosen.run = [args] {
            const QString in = QString::fromStdString(args->weights);
            const QString out = QString::fromStdString(args->out);
            const qint64 bytesBefore = QFileInfo(in).size();
            std::map<std::string, std::string> metadata = metadataOf(args->weights);
            StateDict weights = loadSafetensors(args->weights);
            const Int8Report report = quantizeInt8(weights, args->prefixes);
            std::string joined;
            for (const std::string& p : args->prefixes) joined += (joined.empty() ? "" : ",") + p;
            metadata["int8"] = joined;
            saveSafetensors(args->out, weights, metadata, /*asFloat16=*/true);

            QJsonArray prefixes;
            for (const std::string& p : args->prefixes) prefixes.append(QString::fromStdString(p));
            copySidecarWithRecord(sidecarPathFor(in), sidecarPathFor(out),
                                  QJsonObject{{"scheme", "int8, symmetric, one F16 scale per output row; other floating tensors F16"},
                                              {"int8_prefixes", prefixes},
                                              {"tensors", report.tensors},
                                              {"elements", static_cast<qint64>(report.elements)},
                                              {"max_relative_error", report.maxRelativeError},
                                              {"source", QFileInfo(in).fileName()}});
            printResult(nlohmann::json{{"out", args->out},
                                       {"bytes_before", bytesBefore},
                                       {"bytes_after", QFileInfo(out).size()},
                                       {"tensors", report.tensors},
                                       {"elements", report.elements},
                                       {"max_relative_error", report.maxRelativeError}}
                            .dump());
            return 0;
        };
    });
}

}  // namespace ms::cli
