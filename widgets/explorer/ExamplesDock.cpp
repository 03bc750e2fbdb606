#include "explorer/ExamplesDock.h"

#include "explorer/FoldersDock.h"
#include "index/ExamplesJob.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"

#include <QCheckBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>

namespace ms {
namespace {

constexpr int kThumb = 112;

// The thumbnail with a box on the grid cell where the unit peaked.
QPixmap withPeak(const ExampleImage& e, bool showWhere) {
    QImage image = e.thumbnail.isNull() ? QImage(kThumb, kThumb, QImage::Format_RGB32) : e.thumbnail.convertToFormat(QImage::Format_RGB32);
    if (e.thumbnail.isNull()) image.fill(Qt::darkGray);
    if (showWhere && !e.thumbnail.isNull()) {
        QPainter p(&image);
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
      m_status(new QLabel) {
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
    connect(m_session->worker(), &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id != m_job) return;
        m_job = 0;
        const auto* result = dynamic_cast<const ExamplesOutput*>(out.get());
        if (!result) return;
        m_grid->clear();
        m_shown = result->images;
        for (const ExampleImage& e : result->images) {
            auto* item = new QListWidgetItem(QIcon(withPeak(e, m_where->isChecked())), QString::number(double(e.score), 'f', 2), m_grid);
            item->setData(Qt::UserRole, e.path);
            item->setToolTip(QStringLiteral("%1\n%2").arg(e.path).arg(double(e.score), 0, 'f', 4));
        }
        QString status = result->images.empty() ? tr("No indexed pictures yet: add a folder in Image folders.")
                                                : tr("%1 pictures from %2 folders").arg(result->images.size()).arg(result->request.indexes.size());
        if (!result->problems.isEmpty()) status += QLatin1Char('\n') + result->problems.join(QLatin1Char('\n'));
        m_status->setText(status);
        Q_EMIT examplesShown();
    });
    retranslate();
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
    m_job = m_session->worker()->submit(std::make_unique<ExamplesJob>(std::move(r)));
}

void ExamplesDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

void ExamplesDock::retranslate() {
    setWindowTitle(tr("Dataset examples"));
    m_bottom->setText(tr("Least exciting"));
    m_where->setText(tr("Show where it fires"));
    m_grid->setToolTip(tr("Double-click a picture to probe it"));
}

}  // namespace ms
