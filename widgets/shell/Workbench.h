#pragma once
// The whole application window as users get it: the main window, the model session, the
// annotation store and every dock, wired to each other (the browser's unit drives the neuron
// page's panels; double-clicks elsewhere go to a unit or probe a picture). The GUI's main()
// and the end-to-end tests build the same one.

#include <QObject>

#include <memory>

namespace ms {

class AnnotationStore;
class AttackBenchDock;
class BrowserDock;
class ComputeWorker;
class ExamplesDock;
class FeatureVisDock;
class FoldersDock;
class LanguageSwitcher;
class MainWindow;
class ModelSession;
class NeuronCardExporter;
class ProbeDock;
class RenderedWordsDock;
class UnitResponseDock;

class Workbench : public QObject {
    Q_OBJECT
public:
    // annotationsPath empty: the user's database (in memory when it cannot be opened).
    Workbench(ComputeWorker* worker, LanguageSwitcher* languages, const QString& annotationsPath = {});
    ~Workbench() override;

    MainWindow* window() const { return m_window.get(); }
    ModelSession* session() const { return m_session.get(); }
    BrowserDock* browser() const { return m_browser; }
    FoldersDock* folders() const { return m_folders; }
    ExamplesDock* examples() const { return m_examples; }
    FeatureVisDock* featureVis() const { return m_featureVis; }
    RenderedWordsDock* words() const { return m_words; }
    UnitResponseDock* response() const { return m_response; }
    ProbeDock* probe() const { return m_probe; }
    AttackBenchDock* bench() const { return m_bench; }
    NeuronCardExporter* cardExporter() const { return m_cardExporter; }

    // Goes to a unit address once the model being opened has loaded (--goto).
    void goToWhenLoaded(const QString& address);

private:
    std::unique_ptr<ModelSession> m_session;
    std::unique_ptr<AnnotationStore> m_annotations;
    std::unique_ptr<MainWindow> m_window;
    BrowserDock* m_browser;
    FoldersDock* m_folders;
    ExamplesDock* m_examples;
    FeatureVisDock* m_featureVis;
    RenderedWordsDock* m_words;
    UnitResponseDock* m_response;
    ProbeDock* m_probe;
    AttackBenchDock* m_bench;
    NeuronCardExporter* m_cardExporter;
};

}  // namespace ms
