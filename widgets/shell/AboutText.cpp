#include "shell/AboutText.h"

#include "util/BuildInfo.h"

#include <QCoreApplication>

namespace ms {

QString aboutText(const BuildInfo& info) {
    return QStringLiteral("<h3>Multiscope %1</h3><p>%2</p><table>"
                          "<tr><td>Qt</td><td>%3</td></tr>"
                          "<tr><td>LibTorch</td><td>%4</td></tr>"
                          "<tr><td>OpenCV</td><td>%5</td></tr>"
                          "<tr><td>%6</td><td>%7</td></tr></table>")
        .arg(QString::fromStdString(info.multiscope),
             QCoreApplication::translate("ms::AboutText",
                                         "An explorer for the neurons of vision-language models such as CLIP."),
             QString::fromStdString(info.qt), QString::fromStdString(info.libtorch),
             QString::fromStdString(info.opencv), QCoreApplication::translate("ms::AboutText", "Compute device"),
             QString::fromStdString(info.device));
}

}  // namespace ms
