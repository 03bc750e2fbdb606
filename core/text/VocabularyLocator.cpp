#include "text/VocabularyLocator.h"

#include "catalog/ModelLocator.h"
#include "util/Error.h"

#include <QDir>
#include <QFileInfo>

namespace ms {
namespace {

bool isFile(const std::string& path) { return QFileInfo(QString::fromStdString(path)).isFile(); }

std::string joinPlaces(const std::vector<std::string>& places) {
    std::string out;
    for (const std::string& place : places) out += (out.empty() ? "" : ", ") + place;
    return out;
}

}  // namespace

std::vector<std::string> bpeVocabularyCandidates(const std::string& modelPath) {
    const QString name = QString::fromLatin1(kBpeVocabularyFileName);
    std::vector<std::string> places;
    if (!modelPath.empty()) {
        const QFileInfo model(QString::fromStdString(modelPath));
        places.push_back(QDir(model.absolutePath()).filePath(name).toStdString());
    }
    places.push_back(QDir(QString::fromStdString(modelCacheDir())).filePath(name).toStdString());
    return places;
}

std::string findBpeVocabulary(const std::string& explicitPath, const std::string& modelPath) {
    if (!explicitPath.empty()) {
        if (isFile(explicitPath)) return explicitPath;
        throw Error("BPE vocabulary not found: looked at " + explicitPath +
                    " (the path given), which is not a file");
    }
    const std::vector<std::string> places = bpeVocabularyCandidates(modelPath);
    for (const std::string& place : places)
        if (isFile(place)) return place;
    throw Error(std::string("BPE vocabulary ") + kBpeVocabularyFileName + " not found: looked at " +
                joinPlaces(places) +
                " (put it beside the model or in the model cache folder, set MULTISCOPE_MODEL_DIR, "
                "or pass --vocab PATH)");
}

}  // namespace ms
