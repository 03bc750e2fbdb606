#include "analysis/UnitScoresExport.h"

#include "index/IndexReader.h"
#include "index/JsonPath.h"
#include "io/Npy.h"
#include "util/Error.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

namespace ms {
namespace {

void commitFile(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw Error(path.toStdString() + ": cannot write the file (" + file.errorString().toStdString() + ")");
}

// One line of the paths file: printable like the CLI's JSON, and never two lines for one name.
std::string pathLine(const std::string& folder, const std::string& relative) {
    std::string line;
    for (char c : jsonPath(folder.empty() ? relative : folder + "/" + relative)) {
        if (c == '\n') line += "%0A";
        else if (c == '\r') line += "%0D";
        else line += c;
    }
    return line + '\n';
}

}  // namespace

void writeFloat32Npy(const QString& path, const std::vector<float>& values) {
    static_assert(sizeof(float) == 4, "float32");
    QByteArray bytes = QByteArray::fromStdString(formatNpyHeader("<f4", false, {int64_t(values.size())}));
    // The .npy says little-endian; so is every machine Multiscope builds for (x86-64, arm64).
    bytes.append(reinterpret_cast<const char*>(values.data()), qsizetype(values.size() * sizeof(float)));
    commitFile(path, bytes);
}

int64_t exportUnitScores(const UnitScoresExportRequest& request) {
    std::vector<float> scores;
    std::string paths;
    QJsonArray folders;
    for (const auto& [folder, indexDir] : request.indexes) {
        const auto reader = IndexReader::open(indexDir.toStdString(), request.modelHash);
        const std::vector<float> column = reader->unitColumn(request.layer, request.unit, request.by);
        const std::string root = request.relativePaths ? std::string() : QDir::cleanPath(folder).toStdString();
        int64_t taken = 0;
        for (const auto& [row, path] : reader->rowPaths()) {
            if (row < 0 || size_t(row) >= column.size() || !std::isfinite(column[size_t(row)])) continue;
            scores.push_back(column[size_t(row)]);
            paths += pathLine(root, path);
            ++taken;
        }
        folders.append(QJsonObject{{"images", folder}, {"index", indexDir}, {"pictures", qint64(taken)},
                                   {"layer", QString::fromStdString(reader->layer(request.layer).name)}});
    }
    const QFileInfo npy(request.path);
    QJsonObject provenance = request.provenance;
    provenance.insert("file", npy.fileName());
    provenance.insert("paths", npy.fileName() + QStringLiteral(".paths.txt"));
    provenance.insert("dtype", "float32");
    provenance.insert("pictures", qint64(scores.size()));
    provenance.insert("model_hash", QString::fromStdString(request.modelHash));
    provenance.insert("layer", QString::fromStdString(request.layer));
    provenance.insert("unit", request.unit);
    provenance.insert("score", request.by == ScoreKind::Mean ? "spatial mean" : "spatial max");
    provenance.insert("folders", folders);
    if (!provenance.contains("app_version")) provenance.insert("app_version", MULTISCOPE_VERSION);
    provenance.insert("date", QDateTime::currentDateTimeUtc().toString(Qt::ISODate));

    writeFloat32Npy(request.path, scores);
    commitFile(request.path + QStringLiteral(".paths.txt"), QByteArray::fromStdString(paths));
    commitFile(request.path + QStringLiteral(".json"), QJsonDocument(provenance).toJson());
    return int64_t(scores.size());
}

Job::Step UnitScoresExportJob::step(Feedback&) {
    auto out = std::make_shared<UnitScoresExportOutput>();
    out->request = m_request;
    out->pictures = exportUnitScores(m_request);
    m_result = out;
    return Step::Done;
}

}  // namespace ms
