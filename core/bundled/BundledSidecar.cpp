#include "bundled/BundledSidecar.h"

#include "util/Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace ms {
namespace {

const char* kFormat = "multiscope-model-sidecar";
constexpr int kVersion = 1;

QJsonArray toArray(const QStringList& list) { return QJsonArray::fromStringList(list); }

QStringList toList(const QJsonValue& v) {
    QStringList out;
    for (const QJsonValue& x : v.toArray()) out << x.toString();
    return out;
}

}  // namespace

QJsonObject BundledSidecar::toJson() const {
    QJsonObject tokenizer{{"type", "word-byte"}, {"words", toArray(words)}, {"context_length", contextLength}};
    return QJsonObject{{"format", kFormat},
                       {"version", kVersion},
                       {"tokenizer", tokenizer},
                       {"text_heads", textHeads},
                       {"vision_heads", visionHeads},
                       {"concepts", toArray(concepts)},
                       {"prompt_templates", toArray(templates)},
                       {"prompt_ensemble", promptEnsemble},
                       {"default_layer", defaultLayer},
                       {"training", training}};
}

BundledSidecar BundledSidecar::fromJson(const QJsonObject& json, const QString& name) {
    auto fail = [&](const std::string& what) { throw Error(name.toStdString() + ": " + what); };
    if (json.value(QStringLiteral("format")).toString() != QLatin1String(kFormat)) fail("not a Multiscope model sidecar");
    if (json.value(QStringLiteral("version")).toInt() > kVersion) fail("written by a newer Multiscope");
    const QJsonObject tokenizer = json.value(QStringLiteral("tokenizer")).toObject();
    if (tokenizer.value(QStringLiteral("type")).toString() != QStringLiteral("word-byte"))
        fail("unknown tokenizer type '" + tokenizer.value(QStringLiteral("type")).toString().toStdString() + "'");
    BundledSidecar s;
    s.words = toList(tokenizer.value(QStringLiteral("words")));
    s.contextLength = tokenizer.value(QStringLiteral("context_length")).toInt();
    if (s.words.isEmpty() || s.contextLength < 4) fail("the tokenizer needs words and a context length of at least 4");
    s.textHeads = json.value(QStringLiteral("text_heads")).toInt();
    s.visionHeads = json.value(QStringLiteral("vision_heads")).toInt();
    s.concepts = toList(json.value(QStringLiteral("concepts")));
    s.templates = toList(json.value(QStringLiteral("prompt_templates")));
    for (const QString& t : s.templates)
        if (!t.contains(QStringLiteral("{}"))) fail("prompt template '" + t.toStdString() + "' has no {}");
    s.promptEnsemble = json.value(QStringLiteral("prompt_ensemble")).toString(QStringLiteral("mean"));
    if (s.promptEnsemble != QLatin1String("mean") && s.promptEnsemble != QLatin1String("best"))
        fail("prompt_ensemble '" + s.promptEnsemble.toStdString() + "' is neither mean nor best");
    s.defaultLayer = json.value(QStringLiteral("default_layer")).toString();
    s.training = json.value(QStringLiteral("training")).toObject();
    return s;
}

QString sidecarPathFor(const QString& weightsPath) {
    const QFileInfo info(weightsPath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".json"));
}

std::optional<BundledSidecar> readSidecarFor(const QString& weightsPath) {
    const QString path = sidecarPathFor(weightsPath);
    QFile file(path);
    if (!file.exists()) return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) throw Error(path.toStdString() + ": cannot read: " + file.errorString().toStdString());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw Error(path.toStdString() + ": invalid JSON: " + error.errorString().toStdString());
    return BundledSidecar::fromJson(doc.object(), path);
}

void writeSidecar(const QString& path, const BundledSidecar& sidecar) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) throw Error(path.toStdString() + ": cannot write");
    file.write(QJsonDocument(sidecar.toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) throw Error(path.toStdString() + ": cannot write: " + file.errorString().toStdString());
}

}  // namespace ms
