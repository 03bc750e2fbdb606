#include "download/VerifiedStamps.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ms {
namespace {

QJsonObject readStamps(const QString& file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();  // a damaged file counts as empty
}

void writeStamps(const QString& file, const QJsonObject& stamps) {
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly)) return;  // stamps are a cache: failing to write is harmless
    f.write(QJsonDocument(stamps).toJson());
    f.commit();
}

QJsonObject describe(const QFileInfo& info, const QString& sha256) {
    return QJsonObject{{QStringLiteral("sha256"), sha256.toLower()},
                       {QStringLiteral("size"), double(info.size())},
                       {QStringLiteral("mtime_ms"), double(info.lastModified().toMSecsSinceEpoch())}};
}

}  // namespace

VerifiedStamps::VerifiedStamps(QString cacheDir) : m_cacheDir(std::move(cacheDir)) {}

QString VerifiedStamps::stampFile() const { return QDir(m_cacheDir).filePath(QStringLiteral(".multiscope-verified.json")); }

bool VerifiedStamps::isVerified(const QString& path, const QString& sha256) const {
    const QFileInfo info(path);
    if (!info.isFile()) return false;
    return readStamps(stampFile()).value(info.fileName()).toObject() == describe(info, sha256);
}

void VerifiedStamps::markVerified(const QString& path, const QString& sha256) {
    QJsonObject stamps = readStamps(stampFile());
    const QFileInfo info(path);
    stamps.insert(info.fileName(), describe(info, sha256));
    writeStamps(stampFile(), stamps);
}

void VerifiedStamps::forget(const QString& path) {
    QJsonObject stamps = readStamps(stampFile());
    stamps.remove(QFileInfo(path).fileName());
    writeStamps(stampFile(), stamps);
}

}  // namespace ms
