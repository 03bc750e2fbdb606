#pragma once
// The neuron card: one figure that shows what a unit responds to — its feature visualization,
// its top dataset examples, its best rendered words and its text-versus-image chart — with a
// caption naming the model, the unit and its label. Painted with QPainter, so it exports as
// PNG, SVG or PDF (export/FigureExport.h); the chart stays vector.

#include <QImage>
#include <QJsonObject>
#include <QSize>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;
class QRectF;
class QWidget;

namespace ms {

struct NeuronCardContent {
    QString modelName, modelHash;
    QString layer;
    int unit = -1;
    QString label;    // the user's label of the unit (may be empty)
    QString address;  // multiscope://…
    QImage featureVis;               // null: none yet
    QString featureVisRequest;       // its request as JSON text
    std::vector<QImage> examples;    // best first
    QStringList examplePaths;
    std::vector<float> exampleScores;
    QStringList words;               // best rendered words, best first
    // The text-versus-image chart view: rendered as vector, laid out at the card's size for
    // the duration of the painting.
    QWidget* chart = nullptr;
};

QSize neuronCardSize();
void paintNeuronCard(QPainter& painter, const QRectF& rect, const NeuronCardContent& card);
// model name and hash, layer, unit, label, images used (paths and scores), FV request, words.
QJsonObject neuronCardProvenance(const NeuronCardContent& card);

}  // namespace ms
