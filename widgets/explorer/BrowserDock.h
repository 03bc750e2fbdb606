#pragma once
// The model & layer browser: the image tower's capture points with their unit counts, the
// selected point's units (label, favourite ★, thumbnail from the feature-visualization
// cache), a filter box, and the selected unit's label, notes, favourite and copyable address.
// Keyboard first: j/k (or ↓/↑) next/previous unit, J/K next/previous layer, f favourite,
// / filter, Alt+←/→ back/forward through the units visited.

#include <QDockWidget>

#include <memory>
#include <utility>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace ms {

class AnnotationStore;
class FeatureVisCache;
class ModelSession;
class UnitListModel;
class UnitFilter;

class BrowserDock : public QDockWidget {
    Q_OBJECT
public:
    BrowserDock(ModelSession* session, AnnotationStore* annotations, QWidget* parent = nullptr);
    ~BrowserDock() override;

    // Selects a unit (a layer name or Microscope alias); false when there is no such unit.
    bool selectUnit(const QString& layer, int unit);
    // "visual.layer4.0.add:12" or a multiscope:// address of this model.
    bool goTo(const QString& address);
    QString currentLayer() const { return m_layer; }
    int currentUnit() const { return m_unit; }
    QString currentAddress() const;
    QString currentLabel() const;

    // The model's labels, notes and favourites as JSON (.json) or CSV (any other suffix), to
    // share with colleagues; import adds to or replaces what is here. They return a message
    // for the user (what was written or read, or what went wrong).
    QString exportAnnotations(const QString& path) const;
    QString importAnnotations(const QString& path);

    void stepUnit(int delta);
    void stepLayer(int delta);
    void toggleFavourite();
    void back();
    void forward();

Q_SIGNALS:
    void unitSelected(const QString& layer, int unit);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onModelLoaded();
    void showLayer(const QString& layer, int unit);  // unit -1: keep the current number
    void onUnitChosen(int unit, bool record);
    void saveAnnotation();
    void retranslate();

    ModelSession* m_session;
    AnnotationStore* m_annotations;
    std::unique_ptr<FeatureVisCache> m_cache;
    QString m_modelHash;
    QString m_layer;
    int m_unit = -1;
    QString m_shownLayer;  // the unit last announced by unitSelected
    int m_shownUnit = -1;
    std::vector<std::pair<QString, int>> m_history;
    int m_historyPos = -1;
    bool m_recording = true;

    QListWidget* m_layers;
    QLineEdit* m_filter;
    QCheckBox* m_favouritesOnly;
    QListView* m_units;
    UnitListModel* m_model;
    UnitFilter* m_proxy;
    QLabel* m_address;
    QPushButton* m_copy;
    QPushButton* m_export;
    QPushButton* m_import;
    QLabel* m_message;
    QLineEdit* m_label;
    QCheckBox* m_favourite;
    QPlainTextEdit* m_notes;
    QTimer* m_saveTimer;
    QLabel* m_layersTitle;
    QLabel* m_unitsTitle;
};

}  // namespace ms
