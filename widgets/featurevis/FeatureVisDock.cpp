#include "featurevis/FeatureVisDock.h"

#include "featurevis/FeatureVisCache.h"
#include "featurevis/FeatureVisJob.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"
#include "util/CpuFeatures.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ms {
namespace {

// The batch's pictures side by side, scaled to fit, never smoothed beyond the pixels' size
// (a 128 px visualization stays crisp when enlarged).
class PictureStrip : public QWidget {
public:
    explicit PictureStrip(const std::vector<QImage>* images, QWidget* parent) : QWidget(parent), m_images(images) {
        setMinimumSize(160, 160);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.fillRect(rect(), palette().window());
        if (m_images->empty()) return;
        const int n = static_cast<int>(m_images->size());
        const int gap = 4;
        const int side = std::max(1, std::min((width() - gap * (n - 1)) / n, height()));
        int x = (width() - (side * n + gap * (n - 1))) / 2;
        const int y = (height() - side) / 2;
        const bool enlarge = side > m_images->front().width();
        p.setRenderHint(QPainter::SmoothPixmapTransform, !enlarge);
        for (const QImage& image : *m_images) {
            p.drawImage(QRect(x, y, side, side), image);
            x += side + gap;
        }
    }

private:
    const std::vector<QImage>* m_images;
};

}  // namespace

FeatureVisDock::FeatureVisDock(ModelSession* session, QWidget* parent)
    : QDockWidget(parent),
      m_session(session),
      m_worker(session->worker()),
      m_cache(std::make_unique<FeatureVisCache>()),
      m_objective(new QLineEdit),
      m_preset(new QComboBox),
      m_steps(new QSpinBox),
      m_size(new QSpinBox),
      m_batch(new QSpinBox),
      m_diversity(new QDoubleSpinBox),
      m_seed(new QSpinBox),
      m_bf16(new QCheckBox),
      m_run(new QPushButton),
      m_cancel(new QPushButton),
      m_view(new PictureStrip(&m_images, nullptr)),
      m_progress(new QProgressBar),
      m_status(new QLabel),
      m_objectiveLabel(new QLabel) {
    setObjectName(QStringLiteral("FeatureVisDock"));
    m_objective->setObjectName(QStringLiteral("objective"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_status->setObjectName(QStringLiteral("status"));
    m_view->setObjectName(QStringLiteral("pictures"));
    m_objective->setPlaceholderText(QStringLiteral("visual.layer4.0.add:12"));
    for (const char* preset : {"lucid", "distill", "none"}) m_preset->addItem(QLatin1String(preset));
    m_steps->setRange(1, 100'000);
    m_steps->setValue(512);
    m_size->setRange(0, 2048);
    m_size->setSpecialValueText(tr("model's"));
    m_batch->setRange(1, 16);
    m_diversity->setRange(0, 1000);
    m_diversity->setDecimals(2);
    m_seed->setRange(0, 1'000'000);
    // bf16 where the CPU computes it natively: ~1.4x faster, as good a picture (README).
    m_bf16->setChecked(cpuHasNativeBf16());
    restoreSettings();
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* top = new QHBoxLayout;
    top->addWidget(m_objectiveLabel);
    top->addWidget(m_objective, 1);
    top->addWidget(m_run);
    top->addWidget(m_cancel);
    auto* params = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_preset, m_steps, m_size, m_batch, m_diversity, m_seed, m_bf16}) params->addWidget(w);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_progress);
    auto* layout = new QVBoxLayout;
    layout->addLayout(top);
    layout->addLayout(params);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_status);
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);

    // The parameters are the user's working set: kept across sessions as they change.
    connect(m_preset, &QComboBox::currentIndexChanged, this, &FeatureVisDock::saveSettings);
    for (QSpinBox* box : {m_steps, m_size, m_batch, m_seed}) connect(box, &QSpinBox::valueChanged, this, &FeatureVisDock::saveSettings);
    connect(m_diversity, &QDoubleSpinBox::valueChanged, this, &FeatureVisDock::saveSettings);
    connect(m_bf16, &QCheckBox::toggled, this, &FeatureVisDock::saveSettings);
    connect(m_run, &QPushButton::clicked, this, &FeatureVisDock::run);
    connect(m_objective, &QLineEdit::returnPressed, this, &FeatureVisDock::run);
    connect(m_cancel, &QPushButton::clicked, this, &FeatureVisDock::cancel);
    connect(m_session, &ModelSession::modelLoaded, this, &FeatureVisDock::onModelLoaded);
    connect(m_worker, &ComputeWorker::jobPartialResult, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id != m_job) return;
        if (const auto* fv = dynamic_cast<const FeatureVisOutput*>(out.get())) display(*fv);
    });
    connect(m_worker, &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id != m_job) return;
        setBusy(false);
        if (const auto* fv = dynamic_cast<const FeatureVisOutput*>(out.get())) display(*fv);
    });
    connect(m_worker, &ComputeWorker::jobFailed, this, [this](JobId id, const QString& error) {
        if (id != m_job) return;
        setBusy(false);
        m_status->setText(tr("Failed: %1").arg(error));
    });
    connect(m_worker, &ComputeWorker::jobStatusChanged, this, [this](JobId id, JobStatus status) {
        if (id != m_job || status != JobStatus::Canceled) return;
        setBusy(false);
        m_status->setText(tr("Canceled"));
    });
    connect(m_worker, &ComputeWorker::jobProgress, this, [this](JobId id, double fraction, const QString&) {
        if (id == m_job) m_progress->setValue(int(fraction * 1000));
    });
    m_progress->setRange(0, 1000);
    retranslate();
    setBusy(false);
    if (m_session->bundle()) onModelLoaded();
}

FeatureVisDock::~FeatureVisDock() = default;

QString FeatureVisDock::objective() const { return m_objective->text().trimmed(); }

void FeatureVisDock::setObjective(const QString& objective) {
    m_objective->setText(objective);
    run();
}

FeatureVisRequest FeatureVisDock::currentRequest() const {
    FeatureVisRequest r;
    r.objective = objective().toStdString();
    r.preset = m_preset->currentText().toStdString();
    r.steps = m_steps->value();
    r.size = m_size->value();
    r.batch = m_batch->value();
    r.diversity = m_diversity->value();
    r.seed = static_cast<std::uint64_t>(m_seed->value());
    r.precision = m_bf16->isChecked() ? "bfloat16" : "float32";
    return r;
}

void FeatureVisDock::run() {
    const auto bundle = m_session->bundle();
    if (!bundle || objective().isEmpty()) return;
    FeatureVisRequest request;
    try {
        request = currentRequest().resolvedFor(bundle->descriptor());
        request.validate();
    } catch (const std::exception& e) {
        m_status->setText(QString::fromUtf8(e.what()));
        return;
    }
    // A cached result is shown at once, with no job.
    if (const auto cached = m_cache->find(request)) {
        if (m_job) cancel();
        FeatureVisOutput out;
        out.request = request;
        out.images = cached->images;
        out.loss = cached->loss;
        out.step = out.steps = request.steps;
        out.final = true;
        out.fromCache = true;
        display(out);
        return;
    }
    if (m_prefetchJob) m_worker->cancel(m_prefetchJob);  // the user's choice comes first
    m_prefetchJob = 0;
    auto jobCache = std::make_shared<FeatureVisCache>(m_cache->directory(), m_cache->maxBytes());
    m_job = m_worker->submit(std::make_unique<FeatureVisJob>(bundle->model(), request, featureVisContextFor(bundle), jobCache, 400));
    m_progress->setValue(0);
    m_status->setText(tr("Optimising…"));
    setBusy(true);
}

void FeatureVisDock::cancel() {
    if (m_job) m_worker->cancel(m_job);
}

void FeatureVisDock::display(const FeatureVisOutput& output) {
    m_images = output.images;
    m_shownRequest = QString::fromStdString(output.request.toJson());
    m_view->update();
    if (output.final) m_progress->setValue(1000);
    const QString loss = QString::number(output.loss, 'f', 3);
    m_status->setText(output.fromCache ? tr("From the cache (loss %1)").arg(loss)
                      : output.final   ? tr("Done: %1 steps, loss %2").arg(output.steps).arg(loss)
                                       : tr("Step %1 of %2, loss %3").arg(output.step).arg(output.steps).arg(loss));
    Q_EMIT snapshotShown(output.step, output.steps, output.final, output.fromCache);
    if (output.final && m_prefetchNext) prefetchAfter(output.request);
}

bool FeatureVisDock::isPrefetching() const { return m_prefetchJob != 0 && m_worker->isActive(m_prefetchJob); }

void FeatureVisDock::prefetchAfter(const FeatureVisRequest& shown) {
    const auto bundle = m_session->bundle();
    static const QRegularExpression unitObjective(QStringLiteral("^(\\S+):(\\d+)$"));
    const auto match = unitObjective.match(QString::fromStdString(shown.objective));
    if (!bundle || !match.hasMatch()) return;
    const CapturePointInfo* point = bundle->descriptor().find(match.captured(1).toStdString());
    const int next = match.captured(2).toInt() + 1;
    if (!point || next >= point->units) return;
    FeatureVisRequest request = shown;
    request.objective = match.captured(1).toStdString() + ":" + std::to_string(next);
    if (m_cache->find(request)) return;
    auto job = std::make_unique<FeatureVisJob>(bundle->model(), request, featureVisContextFor(bundle),
                                               std::make_shared<FeatureVisCache>(m_cache->directory(), m_cache->maxBytes()));
    job->setPrefetch();
    m_prefetchJob = m_worker->submit(std::move(job));
}

void FeatureVisDock::setBusy(bool busy) {
    if (!busy) m_job = 0;
    m_cancel->setEnabled(busy);
    m_run->setEnabled(m_session->bundle() != nullptr);
}

void FeatureVisDock::onModelLoaded() {
    if (m_job) cancel();
    m_images.clear();
    m_shownRequest.clear();
    m_view->update();
    m_run->setEnabled(true);
    if (objective().isEmpty()) m_objective->setText(QString::fromStdString(m_session->bundle()->defaultLayer()) + QStringLiteral(":0"));
    m_status->setText(tr("Model ready: press Run (or Enter) to visualize the objective."));
}

namespace {
const QString kSettingsGroup = QStringLiteral("featureVisualization");
}

void FeatureVisDock::restoreSettings() {
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    const int preset = m_preset->findText(settings.value(QStringLiteral("preset")).toString());
    if (preset >= 0) m_preset->setCurrentIndex(preset);
    m_steps->setValue(settings.value(QStringLiteral("steps"), m_steps->value()).toInt());
    m_size->setValue(settings.value(QStringLiteral("size"), m_size->value()).toInt());
    m_batch->setValue(settings.value(QStringLiteral("batch"), m_batch->value()).toInt());
    m_diversity->setValue(settings.value(QStringLiteral("diversity"), m_diversity->value()).toDouble());
    m_seed->setValue(settings.value(QStringLiteral("seed"), m_seed->value()).toInt());
    m_bf16->setChecked(settings.value(QStringLiteral("bf16"), m_bf16->isChecked()).toBool());
}

void FeatureVisDock::saveSettings() const {
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    settings.setValue(QStringLiteral("preset"), m_preset->currentText());
    settings.setValue(QStringLiteral("steps"), m_steps->value());
    settings.setValue(QStringLiteral("size"), m_size->value());
    settings.setValue(QStringLiteral("batch"), m_batch->value());
    settings.setValue(QStringLiteral("diversity"), m_diversity->value());
    settings.setValue(QStringLiteral("seed"), m_seed->value());
    settings.setValue(QStringLiteral("bf16"), m_bf16->isChecked());
}

void FeatureVisDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

void FeatureVisDock::retranslate() {
    setWindowTitle(tr("Feature visualization"));
    m_objectiveLabel->setText(tr("Objective:"));
    m_run->setText(tr("&Run"));
    m_cancel->setText(tr("Cancel"));
    m_preset->setToolTip(tr("Transform preset: Lucid's standard set, the Distill article's, or none"));
    m_steps->setToolTip(tr("Optimisation steps"));
    m_steps->setSuffix(tr(" steps"));
    m_size->setToolTip(tr("Image side in pixels (the model's input resolution by default)"));
    m_size->setPrefix(tr("size "));
    m_batch->setToolTip(tr("Images optimised together"));
    m_batch->setPrefix(tr("batch "));
    m_diversity->setToolTip(tr("Weight of the diversity term (batches of two or more)"));
    m_diversity->setPrefix(tr("diversity "));
    m_seed->setToolTip(tr("Random seed: the same settings and seed give the same picture"));
    m_seed->setPrefix(tr("seed "));
    m_bf16->setText(tr("bf16"));
    m_bf16->setToolTip(cpuHasNativeBf16()
                           ? tr("Run the network in bfloat16: about 1.4× faster on this CPU, a slightly different picture")
                           : tr("Run the network in bfloat16: this CPU has no native bfloat16, so it would be slower than float32"));
    if (!m_session->bundle()) m_status->setText(tr("No model loaded."));
}

}  // namespace ms
