#include "probe/ProbeDock.h"

#include "analysis/ModelText.h"
#include "analysis/ProbeJob.h"
#include "bundled/BundledSidecar.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "featurevis/FeatureVisCache.h"
#include "probe/CompareStrip.h"
#include "probe/ProbeCanvas.h"
#include "probe/ZeroShotChart.h"
#include "render/FontLibrary.h"
#include "session/ModelSession.h"
#include "world/ConceptArt.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QColorDialog>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace ms {
namespace {

constexpr int kUnitsShown = 20;
constexpr int kDebounceMs = 120;
constexpr int kOffColumn = 4;

QString imageFileIn(const QMimeData* data) {
    for (const QUrl& url : data->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile()) return url.toLocalFile();
    return {};
}

QImage imageIn(const QMimeData* data) {
    if (data->hasImage()) {
        const QImage image = qvariant_cast<QImage>(data->imageData());
        if (!image.isNull()) return image;
    }
    for (const QString& format : data->formats())
        if (format.startsWith(QLatin1String("image/"))) {
            const QImage image = QImage::fromData(data->data(format));
            if (!image.isNull()) return image;
        }
    return {};
}

void setSwatch(QPushButton* button, const QColor& colour) {
    QPixmap swatch(16, 16);
    swatch.fill(colour);
    button->setIcon(QIcon(swatch));
}

}  // namespace

ProbeDock::ProbeDock(ModelSession* session, QWidget* parent)
    : QDockWidget(parent),
      m_session(session),
      m_memo(makeProbeMemo()),
      m_debounce(new QTimer(this)),
      m_openAction(new QAction(this)),
      m_open(new QPushButton),
      m_layer(new QComboBox),
      m_labelsButton(new QPushButton),
      m_canvas(new ProbeCanvas),
      m_addText(new QPushButton),
      m_word(new QLineEdit),
      m_font(new QComboBox),
      m_size(new QSpinBox),
      m_colour(new QPushButton),
      m_box(new QCheckBox),
      m_remove(new QPushButton),
      m_units(new QTableWidget(0, 5)),
      m_chart(new ZeroShotChart),
      m_status(new QLabel),
      m_layerLabel(new QLabel),
      m_heatmap(new QCheckBox),
      m_ablationMode(new QComboBox),
      m_pin(new QPushButton),
      m_compare(new CompareStrip),
      m_fvCache(std::make_unique<FeatureVisCache>()) {
    setObjectName(QStringLiteral("ProbeDock"));
    setAcceptDrops(true);
    m_addText->setObjectName(QStringLiteral("addText"));
    m_word->setObjectName(QStringLiteral("overlayWord"));
    m_word->setMinimumWidth(120);
    m_units->setObjectName(QStringLiteral("unitTable"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);

    for (const FontSpec& face : FontLibrary::availableFaces()) {
        m_font->addItem(QString::fromStdString(face.name()));
        m_font->setItemData(m_font->count() - 1, QVariant::fromValue(int(m_font->count() - 1)));
    }
    m_font->setCurrentText(QStringLiteral("DejaVu Sans Bold"));
    m_size->setRange(4, 400);
    m_size->setValue(20);
    m_size->setSuffix(QStringLiteral(" px"));
    m_box->setChecked(true);
    m_heatmap->setObjectName(QStringLiteral("showHeatmap"));
    m_heatmap->setChecked(true);
    connect(m_heatmap, &QCheckBox::toggled, this, &ProbeDock::showHeatmapOfSelectedUnit);
    m_colour->setProperty("colour", QColor(Qt::black));
    setSwatch(m_colour, Qt::black);
    m_units->verticalHeader()->hide();
    m_units->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_units->setSelectionMode(QAbstractItemView::SingleSelection);
    m_units->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_units->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_units->horizontalHeader()->setStretchLastSection(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_open);
    top->addWidget(m_layerLabel);
    top->addWidget(m_layer, 1);
    top->addWidget(m_labelsButton);
    auto* editor = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_addText, m_word, m_font, m_size, m_colour, m_box, m_remove}) editor->addWidget(w);
    editor->addStretch();
    editor->addWidget(m_heatmap);
    m_ablationMode->setObjectName(QStringLiteral("ablationMode"));
    m_ablationMode->addItems({QString(), QString()});
    m_ablationMode->setItemData(1, false, Qt::UserRole - 1);  // enabled once there is an index source
    editor->addWidget(m_ablationMode);
    editor->addWidget(m_pin);
    m_pin->setObjectName(QStringLiteral("pin"));
    m_pin->setEnabled(false);
    m_compare->hide();
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_units);
    right->addWidget(m_chart);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_canvas);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({500, 420});
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(editor);
    layout->addWidget(m_compare);
    layout->addWidget(m_status);
    setWidget(content);

    auto* paste = new QShortcut(QKeySequence::Paste, this);
    paste->setContext(Qt::WidgetWithChildrenShortcut);
    connect(paste, &QShortcut::activated, this, [this] { probeMimeData(QApplication::clipboard()->mimeData()); });
    connect(m_debounce, &QTimer::timeout, this, &ProbeDock::submit);
    connect(m_openAction, &QAction::triggered, this, &ProbeDock::chooseImageFile);
    connect(m_open, &QPushButton::clicked, this, &ProbeDock::chooseImageFile);
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] {
        m_ablated.clear();  // unit numbers belong to a layer
        scheduleRun();
    });
    connect(m_labelsButton, &QPushButton::clicked, this, &ProbeDock::editLabels);
    connect(m_addText, &QPushButton::clicked, this, [this] { addOverlay(m_word->text().isEmpty() ? tr("text") : m_word->text()); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int i = m_canvas->selectedOverlay();
        if (i < 0 || i >= int(m_overlays.size())) return;
        m_overlays.erase(m_overlays.begin() + i);
        m_canvas->setOverlays(m_overlays);
        m_canvas->selectOverlay(-1);
        scheduleRun();
    });
    connect(m_colour, &QPushButton::clicked, this, [this] {
        const QColor c = QColorDialog::getColor(m_colour->property("colour").value<QColor>(), this);
        if (!c.isValid()) return;
        m_colour->setProperty("colour", c);
        setSwatch(m_colour, c);
        applyEditorToOverlay();
    });
    connect(m_word, &QLineEdit::textEdited, this, &ProbeDock::applyEditorToOverlay);
    connect(m_font, &QComboBox::currentIndexChanged, this, &ProbeDock::applyEditorToOverlay);
    connect(m_size, &QSpinBox::valueChanged, this, &ProbeDock::applyEditorToOverlay);
    connect(m_box, &QCheckBox::toggled, this, &ProbeDock::applyEditorToOverlay);
    connect(m_canvas, &ProbeCanvas::overlaySelected, this, &ProbeDock::syncEditorFromOverlay);
    connect(m_canvas, &ProbeCanvas::overlayMoved, this, [this](int index, const QPointF& centre) {
        m_overlays[size_t(index)].centre = centre;
        scheduleRun();
    });
    connect(m_units, &QTableWidget::itemSelectionChanged, this, &ProbeDock::showHeatmapOfSelectedUnit);
    connect(m_units, &QTableWidget::itemSelectionChanged, this, [this] {
        if (m_result && m_units->currentRow() >= 0)
            m_compare->setUnit(QString::fromStdString(m_result->layer), m_units->item(m_units->currentRow(), 0)->text().toInt());
    });
    connect(m_pin, &QPushButton::clicked, this, &ProbeDock::pinForComparison);
    connect(m_ablationMode, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_ablated.empty()) scheduleRun();
    });
    connect(m_compare, &CompareStrip::reprobe, this, [this](const QImage& picture) {
        setOverlays({});
        probeImage(picture);
    });
    connect(m_units, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() != kOffColumn) return;
        const int unit = m_units->item(item->row(), 0)->text().toInt();
        setAblated(unit, item->checkState() == Qt::Checked);
    });
    connect(m_units, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (m_result) Q_EMIT unitActivated(QString::fromStdString(m_result->layer), m_units->item(row, 0)->text().toInt());
    });

    ComputeWorker* worker = m_session->worker();
    connect(worker, &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id != m_job) return;
        m_job = 0;
        if (auto result = std::dynamic_pointer_cast<const ProbeOutput>(out)) showResult(result);
    });
    connect(worker, &ComputeWorker::jobFailed, this, [this](JobId id, const QString& error) {
        if (id != m_job) return;
        m_job = 0;
        m_pendingPath.clear();
        m_pendingImage = QImage();
        m_status->setText(error);
    });
    connect(m_session, &ModelSession::modelLoaded, this, &ProbeDock::onModelLoaded);
    retranslate();
    if (m_session->bundle()) onModelLoaded();
}

ProbeDock::~ProbeDock() = default;

bool ProbeDock::canProbe(const QMimeData* data) {
    if (!data) return false;
    if (!imageFileIn(data).isEmpty() || data->hasImage()) return true;
    const QStringList formats = data->formats();
    return std::any_of(formats.begin(), formats.end(), [](const QString& f) { return f.startsWith(QLatin1String("image/")); });
}

bool ProbeDock::probeMimeData(const QMimeData* data) {
    if (!canProbe(data)) return false;
    const QString file = imageFileIn(data);
    if (!file.isEmpty()) {
        probeFile(file);
        return true;
    }
    const QImage image = imageIn(data);
    if (image.isNull()) {
        m_status->setText(tr("The dropped data is not an image Multiscope can read."));
        return false;
    }
    probeImage(image);
    return true;
}

void ProbeDock::probeFile(const QString& path) {
    m_debounce->stop();  // a new picture replaces any edit still waiting
    m_pendingPath = path;
    m_pendingImage = QImage();
    m_pictureName = QFileInfo(path).fileName();
    m_view = QImage();
    m_status->setText(tr("Probing %1…").arg(QFileInfo(path).fileName()));
    submit();
}

void ProbeDock::probeImage(const QImage& image) {
    m_debounce->stop();
    m_pendingPath.clear();
    m_pendingImage = image;
    m_pictureName = tr("pasted picture");
    m_view = QImage();
    m_status->setText(tr("Probing the pasted picture…"));
    submit();
}

void ProbeDock::chooseImageFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Probe image"), QString(), tr("Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff);;All files (*)"));
    if (path.isEmpty()) return;
    show();
    raise();
    probeFile(path);
}

void ProbeDock::setLabels(const QStringList& labels, const QStringList& templates) {
    m_labels = labels;
    m_templates = templates;
    m_userLabels = true;
    scheduleRun();
}

int ProbeDock::addOverlay(const QString& word) {
    const int side = m_view.isNull() ? 224 : m_view.width();
    WordOverlay o;
    o.word = word;
    o.style.font = FontLibrary::availableFaces().at(size_t(std::max(0, m_font->currentIndex())));
    o.style.pixelSize = m_size->value() * side / 128.0;  // the size box speaks in 128-px pictures
    o.style.color = m_colour->property("colour").value<QColor>();
    if (m_box->isChecked()) o.style.background = QColor(Qt::white);
    o.centre = QPointF(side / 2.0, side * 0.8);
    m_overlays.push_back(o);
    m_canvas->setOverlays(m_overlays);
    m_canvas->selectOverlay(int(m_overlays.size()) - 1);
    syncEditorFromOverlay(int(m_overlays.size()) - 1);
    scheduleRun();
    return int(m_overlays.size()) - 1;
}

void ProbeDock::setMeanSource(IndexSource source) {
    m_meanSource = std::move(source);
    m_ablationMode->setItemData(1, QVariant(), Qt::UserRole - 1);  // selectable
}

void ProbeDock::setMeanAblation(bool on) { m_ablationMode->setCurrentIndex(on && m_meanSource ? 1 : 0); }

void ProbeDock::setAblated(int unit, bool off) {
    if (off) m_ablated.insert(unit);
    else m_ablated.erase(unit);
    scheduleRun();
}

void ProbeDock::setOverlays(const std::vector<WordOverlay>& overlays) {
    m_overlays = overlays;
    m_canvas->setOverlays(m_overlays);
    scheduleRun();
}

void ProbeDock::syncEditorFromOverlay(int index) {
    m_remove->setEnabled(index >= 0);
    if (index < 0 || index >= int(m_overlays.size())) return;
    const WordOverlay& o = m_overlays[size_t(index)];
    const QSignalBlocker b1(m_word), b2(m_font), b3(m_size), b4(m_box);
    m_word->setText(o.word);
    m_font->setCurrentText(QString::fromStdString(o.style.font.name()));
    const int side = m_view.isNull() ? 224 : m_view.width();
    m_size->setValue(int(std::lround(o.style.pixelSize * 128.0 / side)));
    m_box->setChecked(o.style.background.has_value());
    m_colour->setProperty("colour", o.style.color);
    setSwatch(m_colour, o.style.color);
}

void ProbeDock::applyEditorToOverlay() {
    const int index = m_canvas->selectedOverlay();
    if (index < 0 || index >= int(m_overlays.size())) return;
    WordOverlay& o = m_overlays[size_t(index)];
    const int side = m_view.isNull() ? 224 : m_view.width();
    if (!m_word->text().isEmpty()) o.word = m_word->text();
    o.style.font = FontLibrary::availableFaces().at(size_t(std::max(0, m_font->currentIndex())));
    o.style.pixelSize = m_size->value() * side / 128.0;
    o.style.color = m_colour->property("colour").value<QColor>();
    o.style.background = m_box->isChecked() ? std::optional<QColor>(Qt::white) : std::nullopt;
    m_canvas->setOverlays(m_overlays);
    scheduleRun();
}

void ProbeDock::scheduleRun() {
    if (!m_view.isNull()) m_debounce->start();
}

void ProbeDock::submit() {
    const auto bundle = m_session->bundle();
    if (!bundle) {
        m_status->setText(tr("No model loaded."));
        return;
    }
    if (m_view.isNull() && m_pendingPath.isEmpty() && m_pendingImage.isNull()) return;
    ProbeRequest request;
    request.view = m_view;
    request.sourcePath = m_pendingPath.toStdString();
    request.source = m_pendingImage;
    request.overlays = m_overlays;
    request.ablated.assign(m_ablated.begin(), m_ablated.end());
    if (m_ablationMode->currentIndex() == 1 && m_meanSource) request.meanFrom = m_meanSource();
    request.layer = m_layer->currentText().toStdString();
    request.labels = m_labels;
    request.templates = m_templates;
    m_job = m_session->worker()->submit(std::make_unique<ProbeJob>(bundle, std::move(request), m_memo));
}

void ProbeDock::showResult(std::shared_ptr<const ProbeOutput> result) {
    const bool newPicture = m_view.isNull() || m_view.cacheKey() != result->clean.cacheKey();
    m_result = result;
    if (newPicture) {
        m_view = result->clean;
        m_pendingPath.clear();
        m_pendingImage = QImage();
        m_canvas->setImage(m_view);
    }
    const ProbeValues& shown = result->hasEdits() ? result->editedValues : result->cleanValues;
    const int selectedUnit = m_units->currentRow() >= 0 ? m_units->item(m_units->currentRow(), 0)->text().toInt() : -1;
    const std::vector<int> ranking = shown.ranking();
    const int rows = std::min<int>(kUnitsShown, int(ranking.size()));
    const QSignalBlocker block(m_units);
    m_units->setRowCount(rows);
    int reselect = -1;
    for (int r = 0; r < rows; ++r) {
        const int unit = ranking[size_t(r)];
        const float value = shown.means[size_t(unit)];
        const float delta = result->hasEdits() ? value - result->cleanValues.means[size_t(unit)] : 0.0f;
        const QStringList cells{QString::number(unit), QString::number(value, 'f', 3),
                                result->hasEdits() ? QString::asprintf("%+.3f", double(delta)) : QStringLiteral("–"),
                                QString::number(shown.maxima[size_t(unit)], 'f', 3)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_units->setItem(r, c, item);
        }
        m_units->item(r, 0)->setIcon(unitThumbnail(result->layer, unit));
        auto* off = new QTableWidgetItem;
        off->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        off->setCheckState(m_ablated.count(unit) ? Qt::Checked : Qt::Unchecked);
        off->setToolTip(tr("Switch this unit off (ablate) and see what changes"));
        m_units->setItem(r, kOffColumn, off);
        if (unit == selectedUnit) reselect = r;
    }
    m_units->selectRow(reselect >= 0 ? reselect : 0);
    showHeatmapOfSelectedUnit();
    m_chart->setProbabilities(result->labels, result->cleanValues.probabilities,
                              result->hasEdits() ? result->editedValues.probabilities : std::vector<float>{});
    m_pin->setEnabled(true);
    m_status->setText(result->hasEdits() ? tr("Top-1: %1 (clean picture: %2)")
                                                .arg(m_chart->topLabel(),
                                                     result->labels.value(int(std::max_element(result->cleanValues.probabilities.begin(),
                                                                                               result->cleanValues.probabilities.end()) -
                                                                              result->cleanValues.probabilities.begin())))
                                          : tr("Top-1: %1").arg(m_chart->topLabel()));
    Q_EMIT probed();
}

void ProbeDock::pinForComparison() {
    if (!m_result) return;
    const bool edited = m_result->hasEdits();
    const ProbeValues& v = edited ? m_result->editedValues : m_result->cleanValues;
    QStringList words;
    for (const WordOverlay& o : m_overlays) words << QStringLiteral("“%1”").arg(o.word);
    QString name = m_pictureName.isEmpty() ? tr("picture") : m_pictureName;
    if (!words.isEmpty()) name += QStringLiteral(" + ") + words.join(QStringLiteral(", "));
    if (!m_result->ablated.empty()) name += tr(" (%n units off)", nullptr, int(m_result->ablated.size()));
    m_compare->pin({name, edited ? m_result->edited : m_result->clean, QString::fromStdString(m_result->layer), v.means,
                    m_result->labels, v.probabilities});
    if (m_units->currentRow() >= 0)
        m_compare->setUnit(QString::fromStdString(m_result->layer), m_units->item(m_units->currentRow(), 0)->text().toInt());
}

QIcon ProbeDock::unitThumbnail(const std::string& layer, int unit) {
    const QString key = QString::fromStdString(layer) + QLatin1Char(':') + QString::number(unit);
    auto it = m_thumbnails.find(key);
    if (it == m_thumbnails.end()) {
        const QImage picture = cachedUnitPicture(*m_fvCache, m_session->bundle()->descriptor(), layer, unit);
        it = m_thumbnails.insert(key, picture.isNull() ? QIcon()
                                                       : QIcon(QPixmap::fromImage(picture.scaled(32, 32, Qt::KeepAspectRatio,
                                                                                                 Qt::SmoothTransformation))));
    }
    return *it;
}

void ProbeDock::showHeatmapOfSelectedUnit() {
    if (!m_result || m_units->currentRow() < 0 || !m_heatmap->isChecked()) {
        m_canvas->setHeatmap({}, 0, 0);
        return;
    }
    const int unit = m_units->item(m_units->currentRow(), 0)->text().toInt();
    const ProbeValues& v = m_result->hasEdits() ? m_result->editedValues : m_result->cleanValues;
    const float* map = v.map(unit);
    m_canvas->setHeatmap(std::vector<float>(map, map + v.gridWidth * v.gridHeight), v.gridWidth, v.gridHeight);
}

void ProbeDock::onModelLoaded() {
    const auto bundle = m_session->bundle();
    const QSignalBlocker block(m_layer);
    m_layer->clear();
    for (const CapturePointInfo& p : bundle->descriptor().points)
        if (p.tower == Tower::Image) m_layer->addItem(QString::fromStdString(p.name));
    m_layer->setCurrentText(QString::fromStdString(bundle->defaultLayer()));
    if (!m_userLabels) {
        const BundledSidecar* sidecar = bundle->sidecar();
        m_labels = sidecar && !sidecar->concepts.isEmpty() ? sidecar->concepts
                                                           : QStringList(conceptNames().begin(), conceptNames().end());
        m_templates = promptTemplatesFor(*bundle);
    }
    m_memo = makeProbeMemo();
    m_thumbnails.clear();
    m_view = QImage();  // the view depends on the model's resolution
    m_result.reset();
    m_status->setText(tr("Drop an image to probe it."));
}

void ProbeDock::editLabels() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Zero-shot labels"));
    auto* labels = new QPlainTextEdit(m_labels.join(QLatin1Char('\n')));
    auto* templates = new QPlainTextEdit(m_templates.join(QLatin1Char('\n')));
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Labels (one per line):"), labels);
    form->addRow(tr("Prompt templates, {} for the label (averaged):"), templates);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    // ImageNet-style class lists: one name per line ('#' comments and blank lines skipped).
    QPushButton* load = buttons->addButton(tr("Load labels…"), QDialogButtonBox::ActionRole);
    connect(load, &QPushButton::clicked, &dialog, [&dialog, labels] {
        const QString path = QFileDialog::getOpenFileName(&dialog, tr("Labels (one per line)"), QString(),
                                                          tr("Text files (*.txt);;All files (*)"));
        QFile file(path);
        if (path.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text)) return;
        QStringList names;
        for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(QLatin1Char('#'))) names << line.trimmed();
        labels->setPlainText(names.join(QLatin1Char('\n')));
    });
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return;
    auto lines = [](const QPlainTextEdit* edit) {
        QStringList out;
        for (const QString& line : edit->toPlainText().split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty()) out << line.trimmed();
        return out;
    };
    setLabels(lines(labels), lines(templates));
}

void ProbeDock::dragEnterEvent(QDragEnterEvent* event) {
    if (canProbe(event->mimeData())) event->acceptProposedAction();
}

void ProbeDock::dropEvent(QDropEvent* event) {
    if (probeMimeData(event->mimeData())) event->acceptProposedAction();
}

void ProbeDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

void ProbeDock::retranslate() {
    setWindowTitle(tr("Probe"));
    m_open->setText(tr("Open…"));
    m_openAction->setText(tr("&Probe image…"));
    m_layerLabel->setText(tr("Layer:"));
    m_labelsButton->setText(tr("Labels…"));
    m_addText->setText(tr("Add text"));
    m_word->setPlaceholderText(tr("word to write"));
    m_colour->setToolTip(tr("Text colour"));
    m_box->setText(tr("Box"));
    m_remove->setText(tr("Remove"));
    m_heatmap->setText(tr("Heatmap"));
    m_heatmap->setToolTip(tr("Show where in the picture the selected unit fires"));
    m_pin->setText(tr("Pin"));
    m_ablationMode->setItemText(0, tr("Off = 0"));
    m_ablationMode->setItemText(1, tr("Off = dataset mean"));
    m_ablationMode->setToolTip(tr("What a switched-off unit reads: zero, or its mean over the indexed pictures"));
    m_pin->setToolTip(tr("Keep this result beside the others to compare pictures"));
    m_units->setHorizontalHeaderLabels({tr("Unit"), tr("Activation"), tr("Δ vs clean"), tr("Max"), tr("Off")});
}

}  // namespace ms
