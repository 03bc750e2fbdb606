#pragma once
// The JSON file beside a Multiscope-trained model's weights (`<name>.json` next to
// `<name>.safetensors`): what the weights alone cannot say — the tokenizer (the project's
// word vocabulary), head counts, the concepts and prompt templates for zero-shot
// classification, and the training provenance.

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ms {

struct BundledSidecar {
    QStringList words;         // WordByteTokenizer vocabulary
    int contextLength = 32;
    int textHeads = 0;
    int visionHeads = 0;
    QStringList concepts;      // default labels for zero-shot classification
    QStringList templates;     // prompt templates with "{}" for the label
    // How the templates combine for zero-shot classification (analysis/ZeroShot.h): "mean"
    // (of their embeddings, as CLIP does) or "best" (the best-matching template per label).
    QString promptEnsemble = QStringLiteral("mean");
    QString defaultLayer;      // the layer the app opens (multimodal units are clearest there)
    QJsonObject training;      // seed, steps, samples, final loss, minutes, command, …

    QJsonObject toJson() const;
    static BundledSidecar fromJson(const QJsonObject& json, const QString& nameForErrors);
};

// `<weights without extension>.json`.
QString sidecarPathFor(const QString& weightsPath);
// Reads the sidecar beside weightsPath, or nothing when there is none (an official CLIP).
// Throws ms::Error when it exists but is malformed.
std::optional<BundledSidecar> readSidecarFor(const QString& weightsPath);
void writeSidecar(const QString& path, const BundledSidecar& sidecar);

}  // namespace ms
