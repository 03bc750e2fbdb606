#pragma once
// Probe: drop an image file or raw image data (or paste, or File → Probe image…) and see, for
// the chosen layer, the units that respond most (value, change against the clean picture,
// heatmap of the selected one) and what the model thinks it shows (zero-shot chart with
// editable labels and prompt templates). Words can be written on the picture — text, face,
// size, colour, box — and dragged, and units switched off (ablation); every edit re-runs the
// model (debounced, on the worker) and shows the changes against the clean picture.

#include "jobs/Job.h"
#include "world/WorldGenerator.h"

#include <QDockWidget>
#include <QHash>
#include <QIcon>
#include <QImage>
#include <QStringList>

#include <functional>
#include <memory>
#include <set>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMimeData;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace ms {

class ModelSession;
class CompareStrip;
class FeatureVisCache;
class ProbeCanvas;
class ProbeMemo;
class ProbeOutput;
class ZeroShotChart;

class ProbeDock : public QDockWidget {
    Q_OBJECT
public:
    explicit ProbeDock(ModelSession* session, QWidget* parent = nullptr);
    ~ProbeDock() override;

    // Whether the data can be probed (file URLs or image data) — and probes it.
    static bool canProbe(const QMimeData* data);
    bool probeMimeData(const QMimeData* data);
    void probeFile(const QString& path);
    void probeImage(const QImage& image);

    void setLabels(const QStringList& labels, const QStringList& templates);
    QStringList labels() const { return m_labels; }
    QStringList templates() const { return m_templates; }

    // The typographic-attack editor.
    int addOverlay(const QString& word);  // at the picture's centre; returns its index
    void setOverlays(const std::vector<WordOverlay>& overlays);
    const std::vector<WordOverlay>& overlays() const { return m_overlays; }

    // Ablation: units of the layer switched off (zeroed) in the edited pass ("Off" column).
    void setAblated(int unit, bool off);
    const std::set<int>& ablated() const { return m_ablated; }
    // Mean-ablation: switched-off units read their mean over these indexes (images folder,
    // index folder) instead of 0, when the user picks "dataset mean".
    using IndexSource = std::function<std::vector<std::pair<QString, QString>>()>;
    void setMeanSource(IndexSource source);
    void setMeanAblation(bool on);

    // File → Probe image… (the dock's Open… button does the same).
    QAction* openAction() const { return m_openAction; }
    void chooseImageFile();

    std::shared_ptr<const ProbeOutput> lastResult() const { return m_result; }
    ProbeCanvas* canvas() const { return m_canvas; }
    ZeroShotChart* chart() const { return m_chart; }
    QTableWidget* unitTable() const { return m_units; }
    // Compare mode: the shown result pinned beside the earlier ones (the Pin button).
    void pinForComparison();
    CompareStrip* compareStrip() const { return m_compare; }

Q_SIGNALS:
    void probed();                                        // a result is on screen
    void unitActivated(const QString& layer, int unit);  // double-click on a unit

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void submit();
    void scheduleRun();
    void showResult(std::shared_ptr<const ProbeOutput> result);
    void showHeatmapOfSelectedUnit();
    // The unit's cached feature visualization, small (empty when none was made yet).
    QIcon unitThumbnail(const std::string& layer, int unit);
    void onModelLoaded();
    void editLabels();
    void syncEditorFromOverlay(int index);
    void applyEditorToOverlay();
    void retranslate();

    ModelSession* m_session;
    std::shared_ptr<ProbeMemo> m_memo;
    std::shared_ptr<const ProbeOutput> m_result;
    JobId m_job = 0;
    QImage m_view;               // the model's view of the probed picture (null until known)
    QString m_pendingPath;       // a picture still to be turned into the view
    QImage m_pendingImage;
    std::vector<WordOverlay> m_overlays;
    std::set<int> m_ablated;
    QStringList m_labels, m_templates;
    bool m_userLabels = false;

    QTimer* m_debounce;
    QAction* m_openAction;
    QPushButton* m_open;
    QComboBox* m_layer;
    QPushButton* m_labelsButton;
    ProbeCanvas* m_canvas;
    QPushButton* m_addText;
    QLineEdit* m_word;
    QComboBox* m_font;
    QSpinBox* m_size;
    QPushButton* m_colour;
    QCheckBox* m_box;
    QPushButton* m_remove;
    QTableWidget* m_units;
    ZeroShotChart* m_chart;
    QLabel* m_status;
    QLabel* m_layerLabel;
    QCheckBox* m_heatmap;
    QComboBox* m_ablationMode;
    IndexSource m_meanSource;
    QPushButton* m_pin;
    CompareStrip* m_compare;
    QString m_pictureName;  // file name of the probed picture, or a description
    std::unique_ptr<FeatureVisCache> m_fvCache;
    QHash<QString, QIcon> m_thumbnails;  // "layer:unit" → thumbnail, for this model
};

}  // namespace ms
