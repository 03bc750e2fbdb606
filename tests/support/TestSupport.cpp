#include "TestSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

namespace ms::test {

QString fixturePath(const QString& relative) {
    const QString root = QStringLiteral(MULTISCOPE_FIXTURES_DIR);
    if (!QFileInfo(root).isDir())
        qFatal("Test fixtures not found at %s. Lay out shared/ beside the checkout (as CI does) or "
               "configure with -DMULTISCOPE_FIXTURES_DIR=/path/to/shared/fixtures.",
               qPrintable(root));
    const QString path = QDir(root).filePath(relative);
    if (!QFileInfo::exists(path)) qFatal("Fixture missing: %s", qPrintable(path));
    return path;
}

QString binaryDir() { return QStringLiteral(MULTISCOPE_BINARY_DIR); }

}  // namespace ms::test
