#pragma once
// Dataset examples of the selected unit: the pictures of the indexed folders that excite it
// most (or least), best first, each with its score and a box on the cell of the activation
// grid where the unit peaked; hover for path and score, double-click to probe the picture.

#include "index/ExamplesJob.h"
#include "jobs/Job.h"

#include <QDockWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace ms {

class FoldersDock;
class ModelSession;

class ExamplesDock : public QDockWidget {
    Q_OBJECT
public:
    ExamplesDock(ModelSession* session, FoldersDock* folders, QWidget* parent = nullptr);

    void setUnit(const QString& layer, int unit);
    int shownCount() const;
    const std::vector<ExampleImage>& shownExamples() const { return m_shown; }
    // The shown pictures as a CSV table (rank, path, score, peak cell) or, by suffix, a figure.
    bool exportTo(const QString& path, QString* error = nullptr) const;

Q_SIGNALS:
    void imageActivated(const QString& path);
    void examplesShown();

protected:
    void changeEvent(QEvent* event) override;

private:
    void request();
    void display(const ExamplesOutput& result);
    void retranslate();

    ModelSession* m_session;
    FoldersDock* m_folders;
    QString m_layer;
    int m_unit = -1;
    JobId m_job = 0;
    QListWidget* m_grid;
    QCheckBox* m_bottom;
    QCheckBox* m_where;
    QLabel* m_status;
    std::vector<ExampleImage> m_shown;
    ExamplesRequest m_shownRequest;
    QPushButton* m_export;
};

}  // namespace ms
