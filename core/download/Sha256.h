#pragma once
// SHA-256 of a file, read in chunks, with progress and cancellation (checkpoints are up to
// 1.3 GB, so hashing takes seconds and must be interruptible).

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

namespace ms {

using HashProgressFn = std::function<void(std::int64_t doneBytes, std::int64_t totalBytes)>;

// Lower-case hex digest, or nullopt when `cancel` became true. Throws ms::Error when the file
// cannot be read.
std::optional<QString> sha256OfFile(const QString& path, const HashProgressFn& onProgress = {},
                                    const std::atomic<bool>* cancel = nullptr);

}  // namespace ms
