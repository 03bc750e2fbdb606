#pragma once
// The DejaVu font faces Multiscope draws words with (rendered-word probes, typographic
// attacks, the generated training world). Faces are loaded from their files, not looked up by
// family name, so a picture depends only on the font files and not on fontconfig's choices.
// Needs a QGuiApplication (any platform, e.g. offscreen). Thread-safe: each thread keeps its
// own loaded fonts.

#include <QRawFont>
#include <QString>

#include <string>
#include <vector>

namespace ms {

enum class FontFamily { Sans, Serif, Mono };

struct FontSpec {
    FontFamily family = FontFamily::Sans;
    bool bold = false;
    bool italic = false;     // oblique for Sans and Mono
    bool condensed = false;  // Sans and Serif only

    bool operator==(const FontSpec& o) const {
        return family == o.family && bold == o.bold && italic == o.italic && condensed == o.condensed;
    }
    std::string name() const;  // "DejaVu Sans Condensed Bold Oblique"
};

class FontLibrary {
public:
    // The folder holding the DejaVu .ttf files ($MULTISCOPE_FONT_DIR overrides the Debian path).
    static QString fontDir();

    // Every face the installed packages provide (fonts-dejavu-core and -extra), in a fixed order.
    static std::vector<FontSpec> availableFaces();

    static QString fileName(const FontSpec& spec);  // "DejaVuSansCondensed-BoldOblique.ttf"

    // The face at a reference size (scale its glyph paths to the size you need).
    // Throws ms::Error when the file is missing or there is no QGuiApplication.
    static QRawFont load(const FontSpec& spec);

    static constexpr double kReferencePixelSize = 64.0;
};

}  // namespace ms
