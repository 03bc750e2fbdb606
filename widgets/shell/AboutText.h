#pragma once
// The text of Help → About: Multiscope's version and those of the libraries and device.

#include <QString>

namespace ms {
struct BuildInfo;

QString aboutText(const BuildInfo& info);
}  // namespace ms
