#pragma once
// Helpers shared by the test suites: where the shared fixtures and the build tree are.

#include <QString>

namespace ms::test {

// Absolute path of a file under ../shared/fixtures (e.g. "clip/rn_tiny/weights.safetensors").
// Aborts the test run with a clear message when the fixtures folder is missing.
QString fixturePath(const QString& relative);

// The CMake build tree (for executables such as multiscope-cli).
QString binaryDir();

}  // namespace ms::test
