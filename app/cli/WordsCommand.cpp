// Rendered words from the command line:
//   multiscope-cli words --model M [--layer L] --unit U [-k 20] [--words FILE] [--json]
//     the words that, drawn as pictures, excite unit U most: {"layer", "unit", "words": [{"word", "score"}]}
//   multiscope-cli words --model M [--layer L] --concept TEXT [-k 20] [--json]
//     the text probe: the units that TEXT, drawn, excites unusually strongly (z-score against
//     the word list): {"layer", "concept", "units": [{"unit", "z", "activation"}]}
// The layer's table is cached like the GUI's (same files), so a second call is instant.

#include "CliCommand.h"
#include "CliProgress.h"
#include "ModelOptions.h"

#include "analysis/RenderedWords.h"
#include "jobs/Feedback.h"
#include "model/ModelBundle.h"
#include "text/CommonWords.h"
#include "util/Error.h"
#include "util/Log.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace ms::cli {
namespace {

struct WordsArgs {
    std::string layer, wordsFile, concept;
    int unit = -1;
    int k = 20;
    bool json = false, noCache = false;
};

RenderedWordsTable runJob(const std::shared_ptr<const ModelBundle>& bundle, RenderedWordsRequest request, const char* what) {
    RenderedWordsJob job(bundle, std::move(request));
    CliProgress progress(what);
    Feedback& feedback = progress.feedback();
    while (job.step(feedback) == Job::Step::MoreWork) {
    }
    progress.finish();
    return static_cast<const RenderedWordsOutput&>(*job.takeResult()).table;
}

int runWords(const ModelOptions& model, const WordsArgs& a) {
    if ((a.unit >= 0) == !a.concept.empty()) throw Error("words: give either --unit or --concept");
    const auto bundle = std::make_shared<const ModelBundle>(loadModel(model));
    QString warning;
    const QStringList words = a.wordsFile.empty() ? defaultRenderedWords(*bundle, &warning)
                                                  : readWordList(QString::fromStdString(a.wordsFile));
    if (!warning.isEmpty()) logWarning("words: " + warning.toStdString() + "; using the model's concepts only");
    const QString cache = a.noCache ? QString() : defaultRenderedWordsCacheDir();
    const RenderedWordsTable table = runJob(bundle, RenderedWordsRequest{a.layer, words, cache, 16, false}, "words");
    const QString layer = QString::fromStdString(table.layer);
    if (a.unit >= 0) {
        if (a.unit >= table.units)
            throw Error("--unit " + std::to_string(a.unit) + ": " + table.layer + " has " + std::to_string(table.units) + " units");
        const auto top = table.topWords(a.unit, a.k);
        if (a.json) {
            QJsonArray list;
            for (const auto& [w, s] : top) list.append(QJsonObject{{"word", table.words[w]}, {"score", double(s)}});
            printResult(QJsonDocument(QJsonObject{{"layer", layer}, {"unit", a.unit}, {"word_count", table.words.size()}, {"words", list}})
                            .toJson(QJsonDocument::Compact).toStdString());
            return 0;
        }
        QString text = QStringLiteral("%1:%2, words drawn as pictures (%3 scored):\n").arg(layer).arg(a.unit).arg(table.words.size());
        for (const auto& [w, s] : top) text += QStringLiteral("  %1 %2\n").arg(table.words[w], -14).arg(double(s), 9, 'f', 4);
        text.chop(1);
        printResult(text.toStdString());
        return 0;
    }
    const QString concept = QString::fromStdString(a.concept);
    const RenderedWordsTable probe = runJob(bundle, RenderedWordsRequest{table.layer, {concept}, {}, 1, true, "text-probe"}, "concept");
    const auto ranked = table.rankUnits(probe.scores, a.k);
    if (a.json) {
        QJsonArray list;
        for (const auto& [u, z] : ranked)
            list.append(QJsonObject{{"unit", u}, {"z", double(z)}, {"activation", double(probe.score(0, u))}});
        printResult(QJsonDocument(QJsonObject{{"layer", layer}, {"concept", concept}, {"units", list}})
                        .toJson(QJsonDocument::Compact).toStdString());
        return 0;
    }
    QString text = QStringLiteral("units of %1 that \"%2\", drawn, excites (z against %3 words):\n").arg(layer, concept).arg(table.words.size());
    for (const auto& [u, z] : ranked)
        text += QStringLiteral("  %1  z %2  activation %3\n").arg(u, 5).arg(double(z), 6, 'f', 2).arg(double(probe.score(0, u)), 9, 'f', 4);
    text.chop(1);
    printResult(text.toStdString());
    return 0;
}

}  // namespace

void addWordsCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("words", "Rendered words: the words that excite a unit, or the units a written concept excites");
    auto model = std::make_shared<ModelOptions>();
    auto a = std::make_shared<WordsArgs>();
    addModelOptions(*cmd, *model);
    cmd->add_option("--layer", a->layer, "Capture point (default: the model's studied layer)");
    cmd->add_option("--unit", a->unit, "The unit whose words to list")->check(CLI::NonNegativeNumber);
    cmd->add_option("--concept", a->concept, "Text probe: a word or phrase to draw and rank units by");
    cmd->add_option("-k", a->k, "How many to list")->check(CLI::PositiveNumber);
    cmd->add_option("--words", a->wordsFile, "Word list, one per line (default: the model's concepts + 3,000 common English words)");
    cmd->add_flag("--no-cache", a->noCache, "Score every word again instead of reading the cache");
    cmd->add_flag("--json", a->json, "Print one JSON object");
    cmd->callback([&chosen, model, a] {
        chosen.drawsText = true;
        chosen.run = [model, a] { return runWords(*model, *a); };
    });
}

}  // namespace ms::cli
