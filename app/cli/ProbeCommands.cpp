// Probing from the command line (issue 8's CLI contract):
//   multiscope-cli probe --model M IMAGE --layer L [-k 10] [--json]
//     {"top_units": [{"unit", "activation", "max", "x", "y"}], "zero_shot": [{"label", "probability"}], ...}
//   multiscope-cli attack --model M --images DIR --words W1,W2 [--labels FILE] [--json]
//     {"clean_accuracy", "attacks": [{"word", "success_rate", "accuracy", "trials"}], "success_rate", "images"}
// Both share core/analysis with the GUI's probe dock and attack bench.

#include "CliCommand.h"
#include "CliProgress.h"
#include "ModelOptions.h"

#include "analysis/AttackBench.h"
#include "analysis/ModelInput.h"
#include "analysis/ModelText.h"
#include "analysis/Probe.h"
#include "bundled/BundledSidecar.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"
#include "world/ConceptArt.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <memory>

namespace ms::cli {
namespace {

// One label per line (blank lines and lines starting with '#' skipped).
QStringList readClassList(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) throw Error(path + ": cannot read the class list");
    QStringList labels;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#'))) labels << line;
    }
    if (labels.isEmpty()) throw Error(path + ": no class names in it");
    return labels;
}

// Zero-shot labels: --classes FILE, else the bundled model's concepts, else the generated
// world's concept names.
QStringList classesFor(const ModelBundle& bundle, const std::string& classesFile) {
    if (!classesFile.empty()) return readClassList(classesFile);
    if (bundle.sidecar() && !bundle.sidecar()->concepts.isEmpty()) return bundle.sidecar()->concepts;
    return QStringList(conceptNames().begin(), conceptNames().end());
}

QStringList templatesFor(const ModelBundle& bundle, const std::vector<std::string>& given) {
    if (given.empty()) return promptTemplatesFor(bundle);
    QStringList templates;
    for (const std::string& t : given) templates << QString::fromStdString(t);
    return templates;
}

// "DejaVu Sans Bold", "serif italic", "mono": family, then any of bold/italic/oblique/condensed.
FontSpec parseFont(const std::string& text) {
    FontSpec spec;
    const QString lower = QString::fromStdString(text).toLower();
    spec.family = lower.contains(QLatin1String("serif")) ? FontFamily::Serif
                  : lower.contains(QLatin1String("mono")) ? FontFamily::Mono
                                                           : FontFamily::Sans;
    spec.bold = lower.contains(QLatin1String("bold"));
    spec.italic = lower.contains(QLatin1String("italic")) || lower.contains(QLatin1String("oblique"));
    spec.condensed = lower.contains(QLatin1String("condensed"));
    return spec;
}

QColor parseColor(const std::string& text, const char* option) {
    const QColor c(QString::fromStdString(text));
    if (!c.isValid()) throw Error(std::string(option) + ": '" + text + "' is not a colour (#rrggbb or a name)");
    return c;
}

struct ProbeArgs {
    std::string image, layer, classes;
    std::vector<std::string> templates;
    int k = 10;
    bool json = false;
};

int runProbe(const ModelOptions& model, const ProbeArgs& a) {
    const ModelBundle bundle = loadModel(model);
    const ClipNetwork& network = bundle.model().network();
    const ZeroShotClassifier classifier(network, tokenizeFnFor(bundle), classesFor(bundle, a.classes), templatesFor(bundle, a.templates),
                                        promptEnsembleFor(bundle));
    const at::Tensor input = modelInputFromFile(a.image, network.descriptor());
    const ProbeResult result = probeImage(network, classifier, input, a.layer);
    const auto units = result.topUnits(a.k);
    const auto labels = result.zeroShot(classifier);
    if (a.json) {
        QJsonArray top, zeroShot;
        for (const ProbeUnit& u : units)
            top.append(QJsonObject{{QStringLiteral("unit"), u.unit}, {QStringLiteral("activation"), double(u.activation)},
                                   {QStringLiteral("max"), double(u.max)}, {QStringLiteral("x"), u.x}, {QStringLiteral("y"), u.y}});
        for (const ProbeLabel& l : labels)
            zeroShot.append(QJsonObject{{QStringLiteral("label"), l.label}, {QStringLiteral("probability"), double(l.probability)}});
        const QJsonObject out{{QStringLiteral("image"), QString::fromStdString(a.image)},
                              {QStringLiteral("layer"), QString::fromStdString(result.layer)},
                              {QStringLiteral("grid"), QJsonArray{result.gridWidth, result.gridHeight}},
                              {QStringLiteral("top_units"), top},
                              {QStringLiteral("zero_shot"), zeroShot}};
        printResult(QJsonDocument(out).toJson(QJsonDocument::Compact).toStdString());
        return 0;
    }
    QString text = QStringLiteral("%1 at %2 (grid %3×%4)\ntop units (spatial mean, max at x,y):\n")
                       .arg(QString::fromStdString(a.image), QString::fromStdString(result.layer))
                       .arg(result.gridWidth).arg(result.gridHeight);
    for (const ProbeUnit& u : units)
        text += QStringLiteral("  %1  %2  max %3 at %4,%5\n").arg(u.unit, 5).arg(u.activation, 9, 'f', 4).arg(u.max, 9, 'f', 4).arg(u.x).arg(u.y);
    text += QStringLiteral("zero-shot:\n");
    for (size_t i = 0; i < std::min<size_t>(labels.size(), 5); ++i)
        text += QStringLiteral("  %1 %2%\n").arg(labels[i].label, -16).arg(labels[i].probability * 100, 5, 'f', 1);
    text.chop(1);
    printResult(text.toStdString());
    return 0;
}

struct AttackArgs {
    std::string images, labels, classes, font = "sans bold", color = "#000000", box = "#ffffff", placement = "fixed", csv;
    std::vector<std::string> words, templates;
    double textHeight = 0.15;
    std::uint64_t seed = 1;
    int batch = 32;
    bool json = false;
};

int runAttack(const ModelOptions& model, const AttackArgs& a) {
    const ModelBundle bundle = loadModel(model);
    AttackBenchOptions o;
    o.imagesDir = QString::fromStdString(a.images);
    for (const std::string& w : a.words) o.words << QString::fromStdString(w);
    o.labelsFile = QString::fromStdString(a.labels);
    if (!a.classes.empty()) o.labels = readClassList(a.classes);
    o.templates = templatesFor(bundle, a.templates);
    o.ensemble = promptEnsembleFor(bundle);
    o.placement = a.placement == "random" ? AttackPlacement::Random : AttackPlacement::Fixed8;
    o.style.font = parseFont(a.font);
    o.style.color = parseColor(a.color, "--color");
    if (a.box != "none") o.style.background = parseColor(a.box, "--box");
    o.textHeight = a.textHeight;
    o.seed = a.seed;
    o.batchSize = a.batch;
    CliProgress progress("attack");
    const AttackBenchReport report = runAttackBench(bundle.model().network(), tokenizeFnFor(bundle), o, &progress.feedback());
    progress.finish();
    if (!a.csv.empty()) {
        QSaveFile file(QString::fromStdString(a.csv));
        if (!file.open(QIODevice::WriteOnly) || file.write(report.toCsv().toUtf8()) < 0 || !file.commit())
            throw Error(a.csv + ": cannot write the CSV");
    }
    printResult(a.json ? QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact).toStdString() : report.toText().toStdString());
    return 0;
}

}  // namespace

void addProbeCommands(CLI::App& app, Command& chosen) {
    {
        auto* cmd = app.add_subcommand("probe", "Which units of a layer fire for an image, and what the model thinks it shows");
        auto model = std::make_shared<ModelOptions>();
        auto a = std::make_shared<ProbeArgs>();
        addModelOptions(*cmd, *model);
        cmd->add_option("image", a->image, "The image file")->required();
        cmd->add_option("--layer", a->layer, "Capture point (default: the model's studied layer)");
        cmd->add_option("-k", a->k, "How many units to list")->check(CLI::PositiveNumber);
        cmd->add_option("--classes", a->classes, "Zero-shot labels, one per line (default: the bundled model's concepts)");
        cmd->add_option("--template", a->templates, "Prompt template with {} for the label (repeatable; default: the model's)");
        cmd->add_flag("--json", a->json, "Print one JSON object");
        cmd->callback([&chosen, model, a] { chosen.run = [model, a] { return runProbe(*model, *a); }; });
    }
    {
        auto* cmd = app.add_subcommand("attack", "Typographic-attack bench: write words on labelled images, measure how often top-1 becomes the word");
        auto model = std::make_shared<ModelOptions>();
        auto a = std::make_shared<AttackArgs>();
        addModelOptions(*cmd, *model);
        cmd->add_option("--images", a->images, "Folder of labelled images")->required();
        cmd->add_option("--words", a->words, "Attack words, comma-separated")->required()->delimiter(',');
        cmd->add_option("--labels", a->labels, "CSV with file,concept columns (default: the folder's labels.csv, else sub-folder names)");
        cmd->add_option("--classes", a->classes, "Zero-shot labels, one per line (default: the images' labels plus the words)");
        cmd->add_option("--template", a->templates, "Prompt template with {} (repeatable; default: the model's)");
        cmd->add_option("--placement", a->placement, "fixed (8 positions: corners and edge midpoints, in turn) or random")
            ->check(CLI::IsMember({"fixed", "random"}));
        cmd->add_option("--font", a->font, "Face for fixed placements, e.g. \"sans bold\", \"serif italic\", \"mono\"");
        cmd->add_option("--text-height", a->textHeight, "Word height as a fraction of the image height")->check(CLI::Range(0.02, 1.0));
        cmd->add_option("--color", a->color, "Text colour");
        cmd->add_option("--box", a->box, "Background box colour, or none");
        cmd->add_option("--seed", a->seed, "Random placements' seed");
        cmd->add_option("--batch", a->batch, "Images per forward pass")->check(CLI::PositiveNumber);
        cmd->add_option("--csv", a->csv, "Also write the per-word table as CSV");
        cmd->add_flag("--json", a->json, "Print one JSON object");
        cmd->callback([&chosen, model, a] {
            chosen.drawsText = true;
            chosen.run = [model, a] { return runAttack(*model, *a); };
        });
    }
}

}  // namespace ms::cli
