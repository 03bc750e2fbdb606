#include "explorer/ExamplesDock.h"

#include "explorer/FoldersDock.h"
#include "export/FigureExport.h"
#include "probe/Heatmap.h"
#include "world/WorldFolder.h"
#include "index/ExamplesJob.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"

#include <QCheckBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>

namespace ms {
namespace {

constexpr int kThumb = 112;

// The thumbnail with where the unit fired: its spatial map as a heatmap when the model
// computed it, and a box on the grid cell where it peaked.
QPixmap withPeak(const ExampleImage& e, bool showWhere) {
    QImage image = e.thumbnail.isNull() ? QImage(kThumb, kThumb, QImage::Format_RGB32) : e.thumbnail.convertToFormat(QImage::Format_RGB32);
    if (e.thumbnail.isNull()) image.fill(Qt::darkGray);
    if (showWhere && !e.thumbnail.isNull()) {
        QPainter p(&image);
        if (e.map.size() == size_t(e.gridWidth) * size_t(e.gridHeight)) {
            p.setRenderHint(QPainter::SmoothPixmapTransform);  // a smooth map: the grid is coarse
            p.drawImage(QRectF(image.rect()), heatmapImage(e.map.data(), e.gridWidth, e.gridHeight));
        }
        const double cw = double(image.width()) / e.gridWidth, ch = double(image.height()) / e.gridHeight;
        p.setPen(QPen(QColor(255, 200, 0), 2));
        p.drawRect(QRectF(e.x * cw + 1, e.y * ch + 1, cw - 2, ch - 2));
    }
    return QPixmap::fromImage(image);
}

}  // namespace

ExamplesDock::ExamplesDock(ModelSession* session, FoldersDock* folders, QWidget* parent)
    : QDockWidget(parent),
      m_session(session),
      m_folders(folders),
      m_grid(new QListWidget),
      m_bottom(new QCheckBox),
      m_where(new QCheckBox),
      m_status(new QLabel),
      m_export(new QPushButton) {
    setObjectName(QStringLiteral("ExamplesDock"));
    m_grid->setObjectName(QStringLiteral("exampleGrid"));
    m_status->setObjectName(QStringLiteral("status"));
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setIconSize(QSize(kThumb, kThumb));
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setMovement(QListView::Static);
    m_grid->setSpacing(4);
    m_where->setChecked(true);
    m_status->setWordWrap(true);
    auto* options = new QHBoxLayout;
    options->addWidget(m_bottom);
    options->addWidget(m_where);
    options->addStretch();
    options->addWidget(m_export);
    m_export->setEnabled(false);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export dataset examples"),
                                                          QStringLiteral("%1-%2-examples.csv").arg(m_layer).arg(m_unit),
                                                          tr("Table (*.csv);;") + figureFileFilter());
        QString error;
        if (!path.isEmpty() && !exportTo(path, &error)) m_status->setText(error);
    });
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addLayout(options);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_status);
    setWidget(content);

    connect(m_bottom, &QCheckBox::toggled, this, &ExamplesDock::request);
    connect(m_where, &QCheckBox::toggled, this, &ExamplesDock::request);
    connect(m_grid, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        Q_EMIT imageActivated(item->data(Qt::UserRole).toString());
    });
    connect(m_folders, &FoldersDock::folderIndexed, this, &ExamplesDock::request);
    // The pictures arrive first (partial result), their heatmaps when the model has run.
    connect(m_session->worker(), &ComputeWorker::jobPartialResult, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (const auto* pictures = dynamic_cast<const ExamplesOutput*>(out.get()); pictures && id == m_job) display(*pictures);
    });
    connect(m_session->worker(), &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id != m_job) return;
        m_job = 0;
        const auto* result = dynamic_cast<const ExamplesOutput*>(out.get());
        if (!result) return;
        display(*result);
        Q_EMIT examplesShown();
    });
    retranslate();
}

void ExamplesDock::display(const ExamplesOutput& result) {
    m_grid->clear();
    m_shown = result.images;
    m_shownRequest = result.request;
    m_export->setEnabled(!m_shown.empty());
    for (const ExampleImage& e : result.images) {
        auto* item = new QListWidgetItem(QIcon(withPeak(e, m_where->isChecked())), QString::number(double(e.score), 'f', 2), m_grid);
        item->setData(Qt::UserRole, e.path);
        item->setToolTip(QStringLiteral("%1\n%2").arg(e.path).arg(double(e.score), 0, 'f', 4));
    }
    QString status = result.images.empty() ? tr("No indexed pictures yet: add a folder in Image folders.")
                                            : tr("%1 pictures from %2 folders").arg(result.images.size()).arg(result.request.indexes.size());
    if (!result.problems.isEmpty()) status += QLatin1Char('\n') + result.problems.join(QLatin1Char('\n'));
    m_status->setText(status);
}

int ExamplesDock::shownCount() const { return m_grid->count(); }

void ExamplesDock::setUnit(const QString& layer, int unit) {
    m_layer = layer;
    m_unit = unit;
    request();
}

void ExamplesDock::request() {
    const auto bundle = m_session->bundle();
    if (!bundle || m_layer.isEmpty()) return;
    ExamplesRequest r;
    r.indexes = m_folders->readyIndexList();
    r.modelHash = bundle->descriptor().contentHash;
    r.layer = m_layer.toStdString();
    r.unit = m_unit;
    r.bottom = m_bottom->isChecked();
    r.thumbSize = kThumb;
    if (m_where->isChecked()) r.bundle = bundle;  // heatmaps: one forward per picture
    m_job = m_session->worker()->submit(std::make_unique<ExamplesJob>(std::move(r)));
}

void ExamplesDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

bool ExamplesDock::exportTo(const QString& path, QString* error) const {
    if (!path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        FigureSpec spec;
        spec.title = QStringLiteral("%1:%2").arg(QString::fromStdString(m_shownRequest.layer)).arg(m_shownRequest.unit);
        QJsonArray images;
        for (const ExampleImage& e : m_shown) images.append(QJsonObject{{"path", e.path}, {"score", double(e.score)}});
        spec.provenance = QJsonObject{{"model", m_session->path()}, {"model_hash", QString::fromStdString(m_shownRequest.modelHash)},
                                      {"layer", QString::fromStdString(m_shownRequest.layer)}, {"unit", m_shownRequest.unit},
                                      {"bottom", m_shownRequest.bottom}, {"images", images}};
        return exportWidgetFigure(path, m_grid, spec, error);
    }
    // The table: rank, picture, score, and the grid cell where the unit peaked.
    QString csv = QStringLiteral("rank,path,score,x,y,grid_width,grid_height\n");
    for (size_t i = 0; i < m_shown.size(); ++i) {
        const ExampleImage& e = m_shown[i];
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n").arg(i + 1).arg(csvField(e.path)).arg(double(e.score), 0, 'g', 7)
                   .arg(e.x).arg(e.y).arg(e.gridWidth).arg(e.gridHeight);
    }
    return writeDataFile(path, csv.toUtf8(), error);
}

void ExamplesDock::retranslate() {
    setWindowTitle(tr("Dataset examples"));
    m_bottom->setText(tr("Least exciting"));
    m_where->setText(tr("Show where it fires"));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("The pictures as a table (CSV) or a figure (PNG, SVG, PDF with a provenance sidecar)"));
    m_grid->setToolTip(tr("Double-click a picture to probe it"));
}

}  // namespace ms
