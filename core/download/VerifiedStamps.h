#pragma once
// Remembers which files in the model cache were hashed and matched, so listing the cache
// says "verified" without re-reading gigabytes. A stamp holds the file's SHA-256, size and
// modification time; any change to the file invalidates it. Stored as
// <cache>/.multiscope-verified.json (the Python clip package ignores it).

#include <QString>

namespace ms {

class VerifiedStamps {
public:
    explicit VerifiedStamps(QString cacheDir);

    // True when `path` (a file in the cache) has a stamp for `sha256` that still fits it.
    bool isVerified(const QString& path, const QString& sha256) const;
    void markVerified(const QString& path, const QString& sha256);
    void forget(const QString& path);

private:
    QString stampFile() const;
    QString m_cacheDir;
};

}  // namespace ms
