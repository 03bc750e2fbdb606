#pragma once
// Where Multiscope keeps what it can recompute (feature visualizations, rendered-word tables,
// image embeddings): $XDG_CACHE_HOME/multiscope/<name> when XDG_CACHE_HOME is set, else the
// generic cache location (~/.cache) + /multiscope/<name>.

#include <QString>

namespace ms {

QString multiscopeCacheDir(const QString& name);

}  // namespace ms
