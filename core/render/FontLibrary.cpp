#include "render/FontLibrary.h"

#include "util/Error.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>

#include <map>

namespace ms {

std::string FontSpec::name() const {
    std::string n = family == FontFamily::Sans ? "DejaVu Sans" : family == FontFamily::Serif ? "DejaVu Serif" : "DejaVu Sans Mono";
    if (condensed) n += " Condensed";
    if (bold) n += " Bold";
    if (italic) n += family == FontFamily::Serif ? " Italic" : " Oblique";
    return n;
}

QString FontLibrary::fontDir() {
    const QString env = qEnvironmentVariable("MULTISCOPE_FONT_DIR");
    return env.isEmpty() ? QStringLiteral("/usr/share/fonts/truetype/dejavu") : env;
}

QString FontLibrary::fileName(const FontSpec& spec) {
    QString base = spec.family == FontFamily::Sans ? QStringLiteral("DejaVuSans")
                   : spec.family == FontFamily::Serif ? QStringLiteral("DejaVuSerif")
                                                      : QStringLiteral("DejaVuSansMono");
    if (spec.condensed && spec.family != FontFamily::Mono) base += QStringLiteral("Condensed");
    QString style;
    if (spec.bold) style += QStringLiteral("Bold");
    if (spec.italic) style += spec.family == FontFamily::Serif ? QStringLiteral("Italic") : QStringLiteral("Oblique");
    return base + (style.isEmpty() ? QString() : QLatin1Char('-') + style) + QStringLiteral(".ttf");
}

std::vector<FontSpec> FontLibrary::availableFaces() {
    std::vector<FontSpec> faces;
    for (FontFamily family : {FontFamily::Sans, FontFamily::Serif, FontFamily::Mono})
        for (bool condensed : {false, true})
            for (bool bold : {false, true})
                for (bool italic : {false, true}) {
                    if (condensed && family == FontFamily::Mono) continue;
                    FontSpec spec{family, bold, italic, condensed};
                    if (QFileInfo::exists(QDir(fontDir()).filePath(fileName(spec)))) faces.push_back(spec);
                }
    return faces;
}

QRawFont FontLibrary::load(const FontSpec& spec) {
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        throw Error("drawing text needs a QGuiApplication (the offscreen platform is enough)");
    // QRawFont is not safe to share between threads: one cache per thread.
    thread_local std::map<QString, QRawFont> cache;
    const QString path = QDir(fontDir()).filePath(fileName(spec));
    auto it = cache.find(path);
    if (it != cache.end()) return it->second;
    QRawFont font(path, kReferencePixelSize, QFont::PreferNoHinting);
    if (!font.isValid())
        throw Error("cannot load the font " + spec.name() + " from " + path.toStdString() +
                    " (install fonts-dejavu-core and fonts-dejavu-extra)");
    cache.emplace(path, font);
    return font;
}

}  // namespace ms
