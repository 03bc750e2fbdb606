#include "explorer/BrowserDock.h"

#include "export/FigureExport.h"
#include "annotations/AnnotationStore.h"
#include "explorer/UnitListModel.h"
#include "export/FigureExport.h"
#include "featurevis/FeatureVisCache.h"
#include "featurevis/FeatureVisRequest.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace ms {

// Units whose number starts with the filter text, or whose label contains it; optionally
// favourites only.
class UnitFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setText(const QString& text) {
        m_text = text.trimmed();
        invalidateRowsFilter();
    }
    void setFavouritesOnly(bool on) {
        m_favourites = on;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        if (m_favourites && !i.data(UnitListModel::FavouriteRole).toBool()) return false;
        if (m_text.isEmpty()) return true;
        if (QString::number(i.data(UnitListModel::UnitRole).toInt()).startsWith(m_text)) return true;
        return i.data(UnitListModel::LabelRole).toString().contains(m_text, Qt::CaseInsensitive);
    }

private:
    QString m_text;
    bool m_favourites = false;
};

BrowserDock::BrowserDock(ModelSession* session, AnnotationStore* annotations, QWidget* parent)
    : QDockWidget(parent),
      m_session(session),
      m_annotations(annotations),
      m_cache(std::make_unique<FeatureVisCache>()),
      m_layers(new QListWidget),
      m_filter(new QLineEdit),
      m_favouritesOnly(new QCheckBox),
      m_units(new QListView),
      m_model(new UnitListModel(this)),
      m_proxy(new UnitFilter(this)),
      m_address(new QLabel),
      m_copy(new QPushButton),
      m_export(new QPushButton),
      m_import(new QPushButton),
      m_message(new QLabel),
      m_label(new QLineEdit),
      m_favourite(new QCheckBox),
      m_notes(new QPlainTextEdit),
      m_saveTimer(new QTimer(this)),
      m_layersTitle(new QLabel),
      m_unitsTitle(new QLabel) {
    setObjectName(QStringLiteral("BrowserDock"));
    m_layers->setObjectName(QStringLiteral("layerList"));
    m_units->setObjectName(QStringLiteral("unitList"));
    m_filter->setObjectName(QStringLiteral("unitFilter"));
    m_label->setObjectName(QStringLiteral("unitLabel"));
    m_notes->setObjectName(QStringLiteral("unitNotes"));
    m_address->setObjectName(QStringLiteral("unitAddress"));
    m_copy->setObjectName(QStringLiteral("copyAddress"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_proxy->setSourceModel(m_model);
    m_units->setModel(m_proxy);
    m_units->setUniformItemSizes(true);
    m_units->setIconSize(QSize(40, 40));
    m_notes->setMaximumHeight(90);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(400);
    m_model->setThumbnailFn([this](const QString& layer, int unit) -> QPixmap {
        const auto bundle = m_session->bundle();
        if (!bundle) return {};
        const QImage picture = cachedUnitPicture(*m_cache, bundle->descriptor(), layer.toStdString(), unit);
        if (picture.isNull()) return {};
        return QPixmap::fromImage(picture.scaled(40, 40, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    });

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_favouritesOnly);
    auto* addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(m_copy);
    auto* labelRow = new QHBoxLayout;
    labelRow->addWidget(m_label, 1);
    labelRow->addWidget(m_favourite);
    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_layersTitle);
    topLayout->addWidget(m_layers);
    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_unitsTitle);
    bottomLayout->addLayout(filterRow);
    bottomLayout->addWidget(m_units, 1);
    bottomLayout->addLayout(addressRow);
    bottomLayout->addLayout(labelRow);
    bottomLayout->addWidget(m_notes);
    auto* shareRow = new QHBoxLayout;
    shareRow->addWidget(m_message, 1);
    shareRow->addWidget(m_export);
    shareRow->addWidget(m_import);
    bottomLayout->addLayout(shareRow);
    m_message->setObjectName(QStringLiteral("annotationMessage"));
    m_message->setWordWrap(true);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(1, 3);
    setWidget(split);

    m_units->installEventFilter(this);
    m_layers->installEventFilter(this);
    auto* backKey = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Left), this, [this] { back(); }, Qt::WidgetWithChildrenShortcut);
    auto* forwardKey = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Right), this, [this] { forward(); }, Qt::WidgetWithChildrenShortcut);
    Q_UNUSED(backKey);
    Q_UNUSED(forwardKey);
    connect(m_layers, &QListWidget::currentTextChanged, this, [this](const QString& text) {
        const QString layer = text.section(QLatin1Char(' '), 0, 0);
        if (!layer.isEmpty() && layer != m_layer) showLayer(layer, -1);
    });
    connect(m_units->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        if (current.isValid()) onUnitChosen(current.data(UnitListModel::UnitRole).toInt(), true);
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) { m_proxy->setText(text); });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_units->setCurrentIndex(m_proxy->index(0, 0));
            m_units->setFocus();
        }
    });
    connect(m_favouritesOnly, &QCheckBox::toggled, this, [this](bool on) { m_proxy->setFavouritesOnly(on); });
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(currentAddress()); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export annotations"), QStringLiteral("annotations.json"),
                                                          tr("JSON (*.json);;CSV (*.csv)"));
        if (!path.isEmpty()) m_message->setText(exportAnnotations(path));
    });
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import annotations"), QString(), tr("JSON or CSV (*.json *.csv)"));
        if (!path.isEmpty()) m_message->setText(importAnnotations(path));
    });
    connect(m_label, &QLineEdit::editingFinished, this, &BrowserDock::saveAnnotation);
    connect(m_favourite, &QCheckBox::clicked, this, &BrowserDock::saveAnnotation);
    connect(m_notes, &QPlainTextEdit::textChanged, m_saveTimer, qOverload<>(&QTimer::start));
    connect(m_saveTimer, &QTimer::timeout, this, &BrowserDock::saveAnnotation);
    connect(m_session, &ModelSession::modelLoaded, this, &BrowserDock::onModelLoaded);
    retranslate();
    if (m_session->bundle()) onModelLoaded();
}

BrowserDock::~BrowserDock() = default;

void BrowserDock::onModelLoaded() {
    const auto bundle = m_session->bundle();
    m_modelHash = QString::fromStdString(bundle->descriptor().contentHash);
    m_history.clear();
    m_historyPos = -1;
    m_layer.clear();
    m_unit = -1;
    m_shownLayer.clear();
    m_shownUnit = -1;
    {
        const QSignalBlocker block(m_layers);
        m_layers->clear();
        for (const CapturePointInfo& p : bundle->descriptor().points)
            if (p.tower == Tower::Image)
                m_layers->addItem(QStringLiteral("%1  (%2)").arg(QString::fromStdString(p.name)).arg(p.units));
    }
    selectUnit(QString::fromStdString(bundle->defaultLayer()), 0);
}

void BrowserDock::showLayer(const QString& layer, int unitWanted) {
    const auto bundle = m_session->bundle();
    if (!bundle) return;
    const CapturePointInfo* point = bundle->descriptor().find(layer.toStdString());
    if (!point) return;
    m_layer = layer;
    m_model->setLayer(layer, int(point->units), m_annotations->all(m_modelHash, layer));
    for (int i = 0; i < m_layers->count(); ++i)
        if (m_layers->item(i)->text().section(QLatin1Char(' '), 0, 0) == layer) {
            const QSignalBlocker block(m_layers);
            m_layers->setCurrentRow(i);
        }
    m_unitsTitle->setText(tr("Units of %1").arg(layer));
    // By default the same unit number in the new layer when it exists (handy between the .add
    // and its ReLU), else the last one.
    const int unit = std::clamp(unitWanted >= 0 ? unitWanted : m_unit, 0, int(point->units) - 1);
    const QModelIndex i = m_proxy->mapFromSource(m_model->index(unit));
    if (i.isValid()) m_units->setCurrentIndex(i);
    else onUnitChosen(unit, true);
}

bool BrowserDock::selectUnit(const QString& layer, int unit) {
    const auto bundle = m_session->bundle();
    if (!bundle) return false;
    std::string canonical;
    try {
        canonical = bundle->descriptor().resolve(layer.toStdString());
    } catch (const std::exception&) {
        return false;
    }
    const CapturePointInfo* point = bundle->descriptor().find(canonical);
    if (!point || point->tower != Tower::Image || unit < 0 || unit >= point->units) return false;
    m_filter->clear();
    if (QString::fromStdString(canonical) != m_layer) {
        showLayer(QString::fromStdString(canonical), unit);
    } else {
        const QModelIndex i = m_proxy->mapFromSource(m_model->index(unit));
        m_units->setCurrentIndex(i);
    }
    m_units->scrollTo(m_proxy->mapFromSource(m_model->index(unit)));
    return m_unit == unit && m_layer == QString::fromStdString(canonical);
}

bool BrowserDock::goTo(const QString& address) {
    const auto parsed = parseUnitAddress(address);
    if (!parsed) return false;
    if (!parsed->hashPrefix.isEmpty() && !m_modelHash.startsWith(parsed->hashPrefix)) return false;
    return selectUnit(parsed->layer, parsed->unit);
}

QString BrowserDock::currentLabel() const { return m_label->text(); }

QString BrowserDock::currentAddress() const {
    return m_unit < 0 ? QString() : unitAddress(m_modelHash, m_layer, m_unit);
}

void BrowserDock::onUnitChosen(int unit, bool record) {
    if (m_saveTimer->isActive()) {
        m_saveTimer->stop();
        saveAnnotation();
    }
    const bool changed = unit != m_shownUnit || m_layer != m_shownLayer;
    m_unit = unit;
    const UnitAnnotation a = m_model->annotation(unit);
    {
        const QSignalBlocker b1(m_label), b2(m_notes), b3(m_favourite);
        m_label->setText(a.label);
        m_notes->setPlainText(a.notes);
        m_favourite->setChecked(a.favourite);
    }
    m_address->setText(currentAddress());
    if (!changed) return;
    m_shownLayer = m_layer;
    m_shownUnit = unit;
    if (record && m_recording) {
        m_history.resize(size_t(m_historyPos + 1));
        m_history.emplace_back(m_layer, unit);
        m_historyPos = int(m_history.size()) - 1;
    }
    Q_EMIT unitSelected(m_layer, unit);
}

QString BrowserDock::exportAnnotations(const QString& path) const {
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    const QByteArray bytes = json ? QJsonDocument(m_annotations->exportJson(m_modelHash)).toJson()
                                  : m_annotations->exportCsv(m_modelHash).toUtf8();
    QString error;
    if (!writeDataFile(path, bytes, &error)) return error;
    return tr("%1 annotations written to %2").arg(m_annotations->all(m_modelHash).size()).arg(path);
}

QString BrowserDock::importAnnotations(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return tr("Cannot read %1: %2").arg(path, file.errorString());
    const QByteArray bytes = file.readAll();
    try {
        const int n = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? m_annotations->importJson(m_modelHash, bytes)
                                                                                  : m_annotations->importCsv(m_modelHash, QString::fromUtf8(bytes));
        if (!m_layer.isEmpty()) {
            const auto bundle = m_session->bundle();
            m_model->setLayer(m_layer, int(bundle->descriptor().find(m_layer.toStdString())->units), m_annotations->all(m_modelHash, m_layer));
            const QModelIndex i = m_proxy->mapFromSource(m_model->index(m_unit));
            if (i.isValid()) m_units->setCurrentIndex(i);
            onUnitChosen(m_unit, false);
        }
        return tr("%1 annotations read from %2").arg(n).arg(path);
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
}

void BrowserDock::saveAnnotation() {
    if (m_unit < 0 || m_modelHash.isEmpty()) return;
    const UnitAnnotation a{m_layer, m_unit, m_label->text().trimmed(), m_notes->toPlainText(), m_favourite->isChecked()};
    m_annotations->set(m_modelHash, a);
    m_model->setAnnotation(a);
}

void BrowserDock::stepUnit(int delta) {
    const QModelIndex current = m_units->currentIndex();
    const int row = std::clamp((current.isValid() ? current.row() : 0) + delta, 0, std::max(0, m_proxy->rowCount() - 1));
    if (m_proxy->rowCount() > 0) m_units->setCurrentIndex(m_proxy->index(row, 0));
}

void BrowserDock::stepLayer(int delta) {
    const int row = std::clamp(m_layers->currentRow() + delta, 0, std::max(0, m_layers->count() - 1));
    if (m_layers->count() > 0) showLayer(m_layers->item(row)->text().section(QLatin1Char(' '), 0, 0), -1);
}

void BrowserDock::toggleFavourite() {
    m_favourite->setChecked(!m_favourite->isChecked());
    saveAnnotation();
}

void BrowserDock::back() {
    if (m_historyPos <= 0) return;
    --m_historyPos;
    m_recording = false;  // moving through the history does not add to it
    selectUnit(m_history[size_t(m_historyPos)].first, m_history[size_t(m_historyPos)].second);
    m_recording = true;
}

void BrowserDock::forward() {
    if (m_historyPos + 1 >= int(m_history.size())) return;
    ++m_historyPos;
    m_recording = false;
    selectUnit(m_history[size_t(m_historyPos)].first, m_history[size_t(m_historyPos)].second);
    m_recording = true;
}

bool BrowserDock::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress && (watched == m_units || watched == m_layers)) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool shift = key->modifiers() & Qt::ShiftModifier;
        const bool plain = !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
        const QString text = key->text();
        if (plain && key->key() == Qt::Key_J) return (shift ? stepLayer(1) : stepUnit(1)), true;
        if (plain && key->key() == Qt::Key_K) return (shift ? stepLayer(-1) : stepUnit(-1)), true;
        if (plain && !shift && key->key() == Qt::Key_F) return toggleFavourite(), true;
        if (key->modifiers() == Qt::AltModifier && key->key() == Qt::Key_Left) return back(), true;
        if (key->modifiers() == Qt::AltModifier && key->key() == Qt::Key_Right) return forward(), true;
        if (text == QLatin1String("/")) {
            m_filter->setFocus();
            m_filter->selectAll();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

void BrowserDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

void BrowserDock::retranslate() {
    setWindowTitle(tr("Layers and units"));
    m_layersTitle->setText(tr("Layers (units)"));
    if (m_layer.isEmpty()) m_unitsTitle->setText(tr("Units"));
    m_filter->setPlaceholderText(tr("Filter: unit number or label  (/)"));
    m_favouritesOnly->setText(tr("★ only"));
    m_copy->setText(tr("Copy address"));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Export this model's labels, notes and favourites (JSON or CSV)"));
    m_import->setText(tr("Import…"));
    m_import->setToolTip(tr("Import labels, notes and favourites from a colleague (JSON or CSV)"));
    m_label->setPlaceholderText(tr("Label this unit"));
    m_favourite->setText(tr("Favourite (f)"));
    m_notes->setPlaceholderText(tr("Notes"));
}

}  // namespace ms
