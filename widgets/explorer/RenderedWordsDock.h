#pragma once
// Rendered words of the selected unit: the words that excite it most when drawn as pictures
// (from the model's concepts plus 3,000 common English words, or the user's own list). The
// layer's table is scored once in the background — with progress here only, the rest of the
// window stays live — and cached on disk per model, layer and list. Below it, the text probe:
// type a concept, see the units of the layer it excites most when written out (z-scored
// against the list) and, from the indexed folders, the units whose top pictures match the
// concept's text embedding best (zero-shot neuron search); double-click one to go there.

#include "jobs/Job.h"

#include <QDockWidget>
#include <QStringList>

#include <map>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableWidget;
class QTabWidget;

namespace ms {

class ConceptSearchOutput;
class FoldersDock;
class ModelSession;
class RenderedWordsOutput;

class RenderedWordsDock : public QDockWidget {
    Q_OBJECT
public:
    // folders: where the zero-shot neuron search finds indexed pictures (may be null).
    explicit RenderedWordsDock(ModelSession* session, FoldersDock* folders = nullptr, QWidget* parent = nullptr);
    ~RenderedWordsDock() override;

    void setUnit(const QString& layer, int unit);
    // The text probe (also what pressing Enter in its box does).
    void probeConcept(const QString& concept);
    // A word list file instead of the default list (empty: back to the default).
    void setWordListFile(const QString& path);

    // The words on screen for the unit, best first.
    QStringList shownWords() const;
    QTableWidget* wordTable() const { return m_words; }
    QTableWidget* unitTable() const { return m_units; }
    QTableWidget* searchTable() const { return m_search; }

    static constexpr int kShownWords = 20;

Q_SIGNALS:
    void wordsShown();                                    // the unit's words are on screen
    void conceptProbed();                                 // the text probe's units are on screen
    void conceptSearched();                               // the neuron search's units are on screen
    void unitActivated(const QString& layer, int unit);  // double-click in the text probe

protected:
    void changeEvent(QEvent* event) override;

private:
    void onModelLoaded();
    void requestTable();
    void showWords();
    void showConcept();
    void showSearch(const ConceptSearchOutput& result);
    void chooseWordList(int index);
    void retranslate();

    ModelSession* m_session;
    FoldersDock* m_folders;
    JobId m_searchJob = 0;
    QString m_layer;
    int m_unit = -1;
    QString m_listFile;
    std::map<QString, std::shared_ptr<const RenderedWordsOutput>> m_tables;  // by layer
    JobId m_tableJob = 0;
    QString m_tableLayer;  // the layer m_tableJob scores
    JobId m_conceptJob = 0;
    std::shared_ptr<const RenderedWordsOutput> m_concept;  // one row: the typed concept

    QComboBox* m_list;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableWidget* m_words;
    QLineEdit* m_conceptBox;
    QTableWidget* m_units;
    QTableWidget* m_search;
    QTabWidget* m_conceptTabs;
    QLabel* m_conceptStatus;
};

}  // namespace ms
