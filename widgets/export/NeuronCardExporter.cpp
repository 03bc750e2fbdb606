#include "export/NeuronCardExporter.h"

#include "explorer/BrowserDock.h"
#include "explorer/ExamplesDock.h"
#include "explorer/RenderedWordsDock.h"
#include "explorer/UnitResponseDock.h"
#include "export/FigureExport.h"
#include "featurevis/FeatureVisDock.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"

#include <QAction>
#include <QChartView>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>

namespace ms {

NeuronCardExporter::NeuronCardExporter(ModelSession* session, Panels panels, QWidget* window)
    : QObject(window), m_session(session), m_panels(panels), m_window(window), m_action(new QAction(this)) {
    m_action->setText(tr("Export neuron &card…"));
    m_action->setShortcut(QKeySequence(QStringLiteral("Ctrl+E")));
    connect(m_action, &QAction::triggered, this, &NeuronCardExporter::chooseFileAndExport);
}

NeuronCardContent NeuronCardExporter::content() const {
    NeuronCardContent card;
    if (const auto bundle = m_session->bundle()) {
        card.modelName = QFileInfo(m_session->path()).completeBaseName();
        card.modelHash = QString::fromStdString(bundle->descriptor().contentHash);
    }
    card.layer = m_panels.browser->currentLayer();
    card.unit = m_panels.browser->currentUnit();
    card.label = m_panels.browser->currentLabel();
    card.address = m_panels.browser->currentAddress();
    if (!m_panels.featureVis->images().empty()) {
        card.featureVis = m_panels.featureVis->images().front();
        card.featureVisRequest = m_panels.featureVis->shownRequestJson();
    }
    for (const ExampleImage& e : m_panels.examples->shownExamples()) {
        card.examples.push_back(e.thumbnail);
        card.examplePaths << e.path;
        card.exampleScores.push_back(e.score);
    }
    card.words = m_panels.words->shownWords();
    if (!m_panels.response->shownConcepts().empty()) card.chart = m_panels.response->textVersusImageView();
    return card;
}

bool NeuronCardExporter::exportTo(const QString& path, int dpi, QString* error) const {
    QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);  // charts lay out in posted events
    const NeuronCardContent card = content();
    FigureSpec spec;
    spec.size = neuronCardSize();
    spec.dpi = dpi;
    spec.title = QStringLiteral("%1:%2").arg(card.layer).arg(card.unit);
    spec.provenance = neuronCardProvenance(card);
    return exportFigure(path, spec, [&card](QPainter& p, const QRectF& r) { paintNeuronCard(p, r, card); }, error);
}

void NeuronCardExporter::chooseFileAndExport() {
    if (m_panels.browser->currentUnit() < 0) {
        QMessageBox::information(m_window, tr("Export neuron card"), tr("Select a unit first."));
        return;
    }
    const QString suggested = QStringLiteral("%1-%2.png").arg(m_panels.browser->currentLayer()).arg(m_panels.browser->currentUnit());
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export neuron card"), suggested, figureFileFilter());
    if (path.isEmpty()) return;
    int dpi = 300;
    if (figureFormatFor(path) == FigureFormat::Png) {
        bool ok = false;
        dpi = QInputDialog::getInt(m_window, tr("Export neuron card"), tr("Resolution (DPI):"), 300, 72, 1200, 1, &ok);
        if (!ok) return;
    }
    QString error;
    if (!exportTo(path, dpi, &error)) QMessageBox::warning(m_window, tr("Export neuron card"), error);
}

}  // namespace ms
