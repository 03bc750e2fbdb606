#pragma once
// The selected unit's response over the indexed, labelled folders, as two charts:
// - Text vs image: per concept, a box plot of the unit's scores on the concept's pictures next
//   to a dot for its score on the concept's written word (drawn as in the rendered-words panel)
//   — a multimodal unit answers both for its concept and little for the others;
// - Distribution: a histogram of the unit over every indexed picture, split by label (the
//   concepts it answers most, the other labelled pictures, the unlabelled ones).
// Index reads run on the worker (superseded when the user moves on); the concepts' words are
// scored once per layer, in the background, and cached.

#include "jobs/Job.h"

#include <QDockWidget>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

class QChart;
class QChartView;
class QLabel;
class QPushButton;
class QTabWidget;

namespace ms {

class FoldersDock;
class ModelSession;
class UnitResponseOutput;

class UnitResponseDock : public QDockWidget {
    Q_OBJECT
public:
    UnitResponseDock(ModelSession* session, FoldersDock* folders, QWidget* parent = nullptr);
    ~UnitResponseDock() override;

    void setUnit(const QString& layer, int unit);

    // One concept of the text-versus-image chart as drawn (NaN: not known yet).
    struct ConceptRow {
        QString concept;
        float pictureMedian, pictureLow, pictureHigh;  // median, quartiles
        float word;
        int pictures;
    };
    const std::vector<ConceptRow>& shownConcepts() const { return m_rows; }
    // Pictures per histogram group (the groups' names are the legend's).
    std::vector<std::pair<QString, int>> histogramGroups() const;
    QChartView* textVersusImageView() const { return m_textView; }
    QChartView* distributionView() const { return m_histView; }

    // The current chart as a figure (PNG/SVG/PDF by suffix, with its provenance sidecar), or
    // the text-versus-image data as CSV (concept, pictures, mean, quartiles, word).
    // With a .npy suffix: the unit's spatial mean on every indexed picture, with the pictures'
    // paths and provenance beside it (analysis/UnitScoresExport.h); written on the worker,
    // exported() says when.
    bool exportTo(const QString& path, QString* error = nullptr);

    static constexpr int kMaxConcepts = 12;

Q_SIGNALS:
    void responseShown();  // both charts show the current unit (words included when known)
    void exported(const QString& path, const QString& error);  // a .npy export is written (or failed: path empty)

protected:
    void changeEvent(QEvent* event) override;

private:
    void request();
    void requestWords();
    void draw();
    void drawTextVersusImage();
    void drawDistribution();
    float wordScore(const QString& concept) const;
    void retranslate();

    ModelSession* m_session;
    FoldersDock* m_folders;
    QString m_layer;
    int m_unit = -1;
    JobId m_job = 0;
    JobId m_wordsJob = 0;
    JobId m_exportJob = 0;
    QString m_wordsLayer;
    std::shared_ptr<const UnitResponseOutput> m_response;
    std::map<QString, std::map<QString, std::vector<float>>> m_words;  // layer → concept → per-unit scores
    std::vector<ConceptRow> m_rows;

    QTabWidget* m_tabs;
    QChart* m_textChart;
    QChartView* m_textView;
    QChart* m_histChart;
    QChartView* m_histView;
    QLabel* m_status;
    QPushButton* m_export;
};

}  // namespace ms
