#pragma once
// A folder of generated samples: PNG files plus labels.csv with the columns
// file, concept, rendition, colour, caption, overlay_word, objects. Such folders train and
// evaluate the bundled model and serve the GUI and the tests as labelled sample data.

#include "world/WorldGenerator.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace ms {

class Feedback;

struct LabelRow {
    QString file;  // relative to the folder
    QString concept;
    QString rendition;
    QString colour;
    QString caption;
    QString overlayWord;
    QStringList objects;
};

// Writes count samples (index 0 … count-1, renditions cycling) into dir, using `threads`
// threads; the bytes written depend only on (seed, count, options). Stops early when
// feedback is canceled. Throws ms::Error when dir cannot be written.
void writeWorldFolder(const QString& dir, std::uint64_t count, std::uint64_t seed, const WorldOptions& options,
                      int threads, Feedback* feedback = nullptr);

QString labelsFileName();  // "labels.csv"
std::vector<LabelRow> readLabels(const QString& labelsCsvPath);
void writeLabels(const QString& labelsCsvPath, const std::vector<LabelRow>& rows);

// One CSV field, quoted when it contains a comma, quote or line break.
QString csvField(const QString& value);
// Splits one CSV record (RFC 4180 quoting).
QStringList parseCsvLine(const QString& line);

}  // namespace ms
