#include "util/CacheDir.h"

#include <QDir>
#include <QStandardPaths>

namespace ms {

QString multiscopeCacheDir(const QString& name) {
    const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME");
    const QString base = !xdg.isEmpty() ? xdg : QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return QDir(base).filePath(QStringLiteral("multiscope/") + name);
}

}  // namespace ms
