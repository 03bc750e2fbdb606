// Figure export, offscreen: PNG at the chosen DPI, SVG that parses as XML, PDF whose first page
// pdftoppm renders at the figure's size, each with a provenance sidecar; then the neuron card
// made from real panels on the rn_tiny reference model and an indexed labelled folder (feature
// visualization, dataset examples, rendered words, text-versus-image chart) in all three
// formats, its sidecar naming the model, unit, images and feature-visualization request.

#include "TinyModelSession.h"

#include "explorer/BrowserDock.h"
#include "explorer/ExamplesDock.h"
#include "explorer/FoldersDock.h"
#include "explorer/RenderedWordsDock.h"
#include "explorer/UnitResponseDock.h"
#include "export/FigureExport.h"
#include "export/NeuronCardExporter.h"
#include "featurevis/FeatureVisDock.h"
#include "annotations/AnnotationStore.h"
#include "model/ModelBundle.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QXmlStreamReader>

using namespace ms;

namespace {

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The SVG parses as XML with an <svg> root; returns how many <text> or <path> elements it holds.
int svgElements(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    QXmlStreamReader xml(&f);
    int elements = 0;
    bool root = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        if (!root) {
            if (xml.name() != QLatin1String("svg")) return -1;
            root = true;
        }
        elements += xml.name() == QLatin1String("text") || xml.name() == QLatin1String("path");
    }
    return xml.hasError() || !root ? -1 : elements;
}

// pdftoppm renders the first page at 72 DPI (1 px = 1 pt); the rendered image, or null.
QImage renderPdf(const QString& pdf, const QString& outBase) {
    QProcess p;
    p.start(QStringLiteral("pdftoppm"), {"-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", pdf, outBase});
    if (!p.waitForFinished(60'000) || p.exitCode() != 0) return {};
    return QImage(outBase + QStringLiteral(".png"));
}

}  // namespace

class TestFigureExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::TinyModelSession m_tiny;

private Q_SLOTS:
    void initTestCase() {
        test::useEmptyTestAppData();
        qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        QVERIFY(m_tiny.load());
    }

    void threeFormatsWithProvenance() {
        FigureSpec spec;
        spec.size = QSize(400, 250);
        spec.dpi = 192;
        spec.title = QStringLiteral("a test figure");
        spec.provenance = QJsonObject{{"layer", "visual.layer4"}, {"unit", 7}};
        auto paint = [](QPainter& p, const QRectF& r) {
            p.fillRect(r, Qt::white);
            p.setBrush(QColor(200, 30, 30));
            p.drawRect(QRectF(20, 20, 100, 60));
            p.drawText(QRectF(150, 20, 200, 40), QStringLiteral("unit 7"));
        };
        const QString png = m_dir.filePath(QStringLiteral("f.png")), svg = m_dir.filePath(QStringLiteral("f.svg")),
                      pdf = m_dir.filePath(QStringLiteral("f.pdf"));
        for (const QString& path : {png, svg, pdf}) {
            QString error;
            QVERIFY2(exportFigure(path, spec, paint, &error), qPrintable(error));
            const QJsonObject side = readJson(provenancePath(path));
            QCOMPARE(side.value(QStringLiteral("unit")).toInt(), 7);
            QCOMPARE(side.value(QStringLiteral("layer")).toString(), QStringLiteral("visual.layer4"));
            QCOMPARE(side.value(QStringLiteral("file")).toString(), QFileInfo(path).fileName());
            QCOMPARE(side.value(QStringLiteral("app_version")).toString(), QStringLiteral(MULTISCOPE_VERSION));
            QVERIFY(QDateTime::fromString(side.value(QStringLiteral("date")).toString(), Qt::ISODate).isValid());
        }
        const QImage image(png);
        QCOMPARE(image.size(), QSize(800, 500));  // 192 DPI = 2× the logical size
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 192);
        QCOMPARE(image.pixelColor(2 * 60, 2 * 40), QColor(200, 30, 30));
        QCOMPARE(readJson(provenancePath(png)).value(QStringLiteral("dpi")).toInt(), 192);
        QVERIFY(svgElements(svg) > 0);
        QFile head(pdf);
        QVERIFY(head.open(QIODevice::ReadOnly));
        QVERIFY(head.read(5) == "%PDF-");
        const QImage page = renderPdf(pdf, m_dir.filePath(QStringLiteral("page")));
        QCOMPARE(page.size(), QSize(400, 250));
        QCOMPARE(page.pixelColor(60, 40).red() > 150 && page.pixelColor(60, 40).green() < 80, true);
        QString error;
        QVERIFY(!exportFigure(m_dir.filePath(QStringLiteral("missing/dir/f.png")), spec, paint, &error));
        QVERIFY(error.contains(QStringLiteral("missing/dir")));
    }

    void neuronCardFromThePanels() {
        const QString pictures = m_dir.filePath(QStringLiteral("pictures"));
        writeWorldFolder(pictures, 48, 6, WorldOptions{64, 1.0}, 1);
        QFile dict(m_dir.filePath(QStringLiteral("dict")));
        QVERIFY(dict.open(QIODevice::WriteOnly));
        dict.write("star\nstars\nfish\nfishes\nfished\nhouse\nhouses\ntree\ntrees\nmoon\nmoons\n");
        dict.close();
        qputenv("MULTISCOPE_DICTIONARY", dict.fileName().toUtf8());

        AnnotationStore annotations(QStringLiteral(":memory:"));
        BrowserDock browser(m_tiny.session.get(), &annotations);
        FoldersDock folders(m_tiny.session.get());
        ExamplesDock examples(m_tiny.session.get(), &folders);
        FeatureVisDock featureVis(m_tiny.session.get());
        RenderedWordsDock words(m_tiny.session.get());
        UnitResponseDock response(m_tiny.session.get(), &folders);
        response.resize(640, 420);
        response.show();
        QSignalSpy indexed(&folders, &FoldersDock::folderIndexed);
        folders.addFolder(pictures);
        QVERIFY(indexed.wait(120'000));
        for (QSpinBox* box : featureVis.findChildren<QSpinBox*>())
            if (box->maximum() == 100'000) box->setValue(64);  // steps: enough for a picture
        QObject::connect(&browser, &BrowserDock::unitSelected, &examples, &ExamplesDock::setUnit);
        QObject::connect(&browser, &BrowserDock::unitSelected, &words, &RenderedWordsDock::setUnit);
        QObject::connect(&browser, &BrowserDock::unitSelected, &response, &UnitResponseDock::setUnit);
        QObject::connect(&browser, &BrowserDock::unitSelected, &featureVis, [&](const QString& layer, int unit) {
            featureVis.setObjective(layer + QLatin1Char(':') + QString::number(unit));
        });
        QSignalSpy examplesShown(&examples, &ExamplesDock::examplesShown), wordsShown(&words, &RenderedWordsDock::wordsShown),
            responseShown(&response, &UnitResponseDock::responseShown), fvShown(&featureVis, &FeatureVisDock::snapshotShown);
        const QString layer = QString::fromStdString(m_tiny.session->bundle()->defaultLayer());
        QVERIFY(browser.goTo(layer + QStringLiteral(":4")));
        QTRY_VERIFY_WITH_TIMEOUT(!examplesShown.isEmpty() && !wordsShown.isEmpty() && !responseShown.isEmpty(), 120'000);
        QTRY_VERIFY_WITH_TIMEOUT(!fvShown.isEmpty() && fvShown.last().at(2).toBool(), 120'000);

        NeuronCardExporter exporter(m_tiny.session.get(), {&browser, &featureVis, &examples, &words, &response}, nullptr);
        const NeuronCardContent card = exporter.content();
        QCOMPARE(card.unit, 4);
        QVERIFY(!card.featureVis.isNull());
        QVERIFY(card.examples.size() >= 9);
        QVERIFY(!card.words.isEmpty());
        QVERIFY(card.chart != nullptr);
        for (const char* name : {"card.png", "card.svg", "card.pdf"}) {
            const QString path = m_dir.filePath(QLatin1String(name));
            QString error;
            QVERIFY2(exporter.exportTo(path, 150, &error), qPrintable(error));
            const QJsonObject side = readJson(provenancePath(path));
            QCOMPARE(side.value(QStringLiteral("model_hash")).toString(), QString::fromStdString(m_tiny.session->bundle()->descriptor().contentHash));
            QCOMPARE(side.value(QStringLiteral("layer")).toString(), layer);
            QCOMPARE(side.value(QStringLiteral("unit")).toInt(), 4);
            QCOMPARE(side.value(QStringLiteral("images")).toArray().size(), 9);
            QCOMPARE(side.value(QStringLiteral("images")).toArray()[0].toObject().value(QStringLiteral("path")).toString(),
                     examples.shownExamples().front().path);
            QCOMPARE(side.value(QStringLiteral("feature_visualization")).toObject().value(QStringLiteral("objective")).toString(),
                     layer + QStringLiteral(":4"));
            QCOMPARE(side.value(QStringLiteral("rendered_words")).toArray()[0].toString(), words.shownWords().first());
            QVERIFY(side.contains(QStringLiteral("app_version")) && side.contains(QStringLiteral("date")) && side.contains(QStringLiteral("model")));
        }
        const QImage png(m_dir.filePath(QStringLiteral("card.png")));
        QCOMPARE(png.size(), neuronCardSize() * 150 / 96);
        QVERIFY(svgElements(m_dir.filePath(QStringLiteral("card.svg"))) > 20);  // text and chart stay vector
        QCOMPARE(renderPdf(m_dir.filePath(QStringLiteral("card.pdf")), m_dir.filePath(QStringLiteral("cardpage"))).size(), neuronCardSize());
        if (const QString keep = qEnvironmentVariable("MULTISCOPE_KEEP_GRABS"); !keep.isEmpty())
            QFile::copy(m_dir.filePath(QStringLiteral("card.png")), keep + QStringLiteral("/neuron-card.png"));
    }
};

QTEST_MAIN(TestFigureExport)
#include "tst_figureexport.moc"
