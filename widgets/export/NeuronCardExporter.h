#pragma once
// File → Export neuron card…: gathers what the panels show for the selected unit (feature
// visualization, dataset examples, rendered words, text-versus-image chart, label) into a
// neuron card and writes it as PNG (DPI asked), SVG or PDF with its provenance sidecar.

#include "export/NeuronCard.h"

#include <QObject>

class QAction;
class QWidget;

namespace ms {

class BrowserDock;
class ExamplesDock;
class FeatureVisDock;
class ModelSession;
class RenderedWordsDock;
class UnitResponseDock;

class NeuronCardExporter : public QObject {
    Q_OBJECT
public:
    struct Panels {
        BrowserDock* browser;
        FeatureVisDock* featureVis;
        ExamplesDock* examples;
        RenderedWordsDock* words;
        UnitResponseDock* response;
    };
    NeuronCardExporter(ModelSession* session, Panels panels, QWidget* window);

    NeuronCardContent content() const;
    bool exportTo(const QString& path, int dpi = 300, QString* error = nullptr) const;
    QAction* action() const { return m_action; }

private:
    void chooseFileAndExport();

    ModelSession* m_session;
    Panels m_panels;
    QWidget* m_window;
    QAction* m_action;
};

}  // namespace ms
