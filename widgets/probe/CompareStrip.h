#pragma once
// The probe's compare mode: probed pictures pinned side by side, each with what the model
// thinks it shows (top-1 label and probability) and how strongly the unit selected in the
// probe responds to it — so a photo, a drawing and a written word of one concept, or a picture
// before and after a typographic attack, can be read at a glance. Hover for the top labels and
// units; double-click a picture to probe it again; Delete removes it.

#include <QImage>
#include <QListWidget>
#include <QString>
#include <QStringList>

#include <vector>

namespace ms {

struct ProbeValues;

class CompareStrip : public QListWidget {
    Q_OBJECT
public:
    explicit CompareStrip(QWidget* parent = nullptr);

    struct Pinned {
        QString name;
        QImage picture;               // the picture as the model saw it (words included)
        QString layer;
        std::vector<float> means;     // every unit's spatial mean at the layer
        QStringList labels;
        std::vector<float> probabilities;
    };
    void pin(Pinned pinned);
    // The unit whose value each picture shows (of the given layer; other layers show none).
    void setUnit(const QString& layer, int unit);
    const std::vector<Pinned>& pinned() const { return m_pinned; }
    // What the caption of picture i says.
    QString caption(int i) const;

Q_SIGNALS:
    void reprobe(const QImage& picture);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void refresh();

    std::vector<Pinned> m_pinned;
    QString m_layer;
    int m_unit = -1;
};

}  // namespace ms
