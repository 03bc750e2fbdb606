#include "download/Sha256.h"

#include "util/Error.h"

#include <QCryptographicHash>
#include <QFile>

namespace ms {

std::optional<QString> sha256OfFile(const QString& path, const HashProgressFn& onProgress,
                                    const std::atomic<bool>* cancel) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error("cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const std::int64_t total = file.size();
    std::int64_t done = 0;
    QByteArray chunk(4 << 20, Qt::Uninitialized);
    while (true) {
        if (cancel && cancel->load()) return std::nullopt;
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n < 0) throw Error("cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
        if (n == 0) break;
        hash.addData(QByteArrayView(chunk.constData(), n));
        done += n;
        if (onProgress) onProgress(done, total);
    }
    return QString::fromLatin1(hash.result().toHex());
}

}  // namespace ms
