#include "catalog/ModelLocator.h"

#include "catalog/Checkpoints.h"
#include "util/Error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace ms {
namespace {

const char* kBundledModelFile = "models/multiscope-bundled.safetensors";

bool isFile(const QString& path) { return QFileInfo(path).isFile(); }

}  // namespace

std::string modelCacheDir() {
    const QString env = qEnvironmentVariable("MULTISCOPE_MODEL_DIR");
    if (!env.isEmpty()) return QDir::cleanPath(env).toStdString();
    const QString setting = QSettings().value(QLatin1String(kModelCacheDirSetting)).toString();
    if (!setting.isEmpty()) return QDir::cleanPath(setting).toStdString();
    return QDir(QDir::homePath()).filePath(QStringLiteral(".cache/clip")).toStdString();
}

std::string dataDir() {
    const QString env = qEnvironmentVariable("MULTISCOPE_DATA_DIR");
    if (!env.isEmpty()) return QDir::cleanPath(env).toStdString();
    if (QCoreApplication::instance()) {
        const QString installed = QDir(QCoreApplication::applicationDirPath())
                                      .filePath(QStringLiteral("../" MULTISCOPE_INSTALL_DATADIR));
        if (QFileInfo(installed).isDir()) return QDir::cleanPath(installed).toStdString();
    }
    return MULTISCOPE_SOURCE_DATA_DIR;
}

std::string resolveModelPath(const std::string& modelArgument) {
    const QString arg = QString::fromStdString(modelArgument);
    if (arg.isEmpty()) throw Error("no model given");
    if (arg == QStringLiteral("bundled")) {
        const QString path = QDir(QString::fromStdString(dataDir())).filePath(QString::fromLatin1(kBundledModelFile));
        if (!isFile(path)) throw Error("the bundled model is not at " + path.toStdString());
        return path.toStdString();
    }
    if (auto checkpoint = findCheckpoint(modelArgument)) {
        const QString path = QDir(QString::fromStdString(modelCacheDir())).filePath(QString::fromStdString(checkpoint->file));
        if (!isFile(path))
            throw Error(checkpoint->name + " is not in the model cache: " + path.toStdString() +
                        " does not exist (get it with `multiscope-cli download " + checkpoint->name +
                        "` or File → Get model…; set MULTISCOPE_MODEL_DIR to use another folder)");
        return path.toStdString();
    }
    const QFileInfo info(arg);
    if (!info.exists()) throw Error(modelArgument + ": no such file, and not a checkpoint name or 'bundled'");
    if (!info.isFile()) throw Error(modelArgument + ": not a regular file");
    return info.absoluteFilePath().toStdString();
}

}  // namespace ms
