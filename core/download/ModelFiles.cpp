#include "download/ModelFiles.h"

#include "catalog/Checkpoints.h"
#include "catalog/ModelLocator.h"
#include "download/VerifiedStamps.h"

#include <QDir>
#include <QFileInfo>

namespace ms {

QString checkpointBaseUrl(const QString& override) {
    if (!override.isEmpty()) return override;
    const QString env = qEnvironmentVariable("MULTISCOPE_CLIP_BASE_URL");
    return env.isEmpty() ? QString::fromStdString(defaultCheckpointBaseUrl()) : env;
}

std::vector<ModelFile> modelFiles(const QString& baseUrl) {
    const QDir cache(QString::fromStdString(modelCacheDir()));
    std::vector<ModelFile> files;
    for (const CheckpointInfo& c : checkpointCatalogue()) {
        files.push_back(ModelFile{QString::fromStdString(c.name), QStringLiteral("checkpoint"),
                                  QString::fromStdString(c.sha256), QString::fromStdString(c.url(baseUrl.toStdString())),
                                  cache.filePath(QString::fromStdString(c.file)), c.inputResolution, c.approxBytes});
    }
    const VocabularyInfo vocab = bpeVocabulary();
    files.push_back(ModelFile{QString::fromLatin1(kVocabularyName), QStringLiteral("vocabulary"),
                              QString::fromStdString(vocab.sha256), QString::fromStdString(vocab.url),
                              cache.filePath(QString::fromStdString(vocab.file)), 0, 1'356'917});
    return files;
}

std::optional<ModelFile> findModelFile(const QString& name, const QString& baseUrl) {
    const auto files = modelFiles(baseUrl);
    const auto checkpoint = findCheckpoint(name.toStdString());
    const QString wanted = checkpoint ? QString::fromStdString(checkpoint->name) : name;
    for (const ModelFile& f : files)
        if (f.name.compare(wanted, Qt::CaseInsensitive) == 0) return f;
    return std::nullopt;
}

QString stateName(ModelFileState state) {
    switch (state) {
    case ModelFileState::Missing: return QStringLiteral("missing");
    case ModelFileState::Present: return QStringLiteral("present");
    case ModelFileState::Verified: return QStringLiteral("verified");
    case ModelFileState::Mismatch: return QStringLiteral("mismatch");
    }
    return {};
}

ModelFileStatus modelFileStatus(const ModelFile& file, bool verifyNow, const HashProgressFn& onProgress) {
    ModelFileStatus status{file, ModelFileState::Missing, 0, 0};
    const QFileInfo part(FileDownload::partPath(file.path));
    if (part.isFile()) status.partialBytes = part.size();
    const QFileInfo info(file.path);
    if (!info.isFile()) return status;
    status.bytesOnDisk = info.size();
    VerifiedStamps stamps(info.absolutePath());
    if (stamps.isVerified(file.path, file.sha256)) {
        status.state = ModelFileState::Verified;
    } else if (!verifyNow) {
        status.state = ModelFileState::Present;
    } else {
        const auto sha = sha256OfFile(file.path, onProgress);
        const bool good = sha && *sha == file.sha256;
        if (good) stamps.markVerified(file.path, file.sha256);
        status.state = good ? ModelFileState::Verified : ModelFileState::Mismatch;
    }
    return status;
}

DownloadRequest downloadRequestFor(const ModelFile& file) {
    return DownloadRequest{QUrl(file.url), file.path, file.sha256, file.approxBytes};
}

}  // namespace ms
