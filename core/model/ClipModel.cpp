#include "model/ClipModel.h"

#include "io/StateDict.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <QCryptographicHash>
#include <QFile>

namespace ms {

namespace {

// SHA-256 of a whole file, read in chunks so that multi-gigabyte weights need no extra memory.
std::string sha256OfFile(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open for hashing: " + file.errorString().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) throw Error(path + ": read error while hashing: " + file.errorString().toStdString());
    return hash.result().toHex().toStdString();
}

}  // namespace

ClipModel ClipModel::load(const std::string& path, const ClipLoadOptions& options) {
    const StateDict weights = loadStateDict(path);
    return ClipModel(ClipNetwork::fromStateDict(weights, path, options, sha256OfFile(path)));
}

ClipModel ClipModel::randomlyInitialised(const ClipConfig& config, uint64_t seed) {
    return ClipModel(ClipNetwork::randomlyInitialised(config, seed));
}

ClipModel::ClipModel(std::shared_ptr<ClipNetwork> network) : mNetwork(std::move(network)) {
    if (!mNetwork) throw Error("ClipModel: no network");
}

const ModelDescriptor& ClipModel::descriptor() const { return mNetwork->descriptor(); }

std::string ClipModel::resolveCapturePoint(const std::string& nameOrAlias) const {
    return descriptor().resolve(nameOrAlias);
}

const CapturePointInfo& ClipModel::capturePoint(const std::string& nameOrAlias) const {
    return descriptor().point(nameOrAlias);
}

}  // namespace ms
