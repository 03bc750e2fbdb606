#include "model/ModelBundle.h"

#include "bundled/BundledSidecar.h"
#include "bundled/WordByteTokenizer.h"
#include "catalog/ModelLocator.h"
#include "text/BpeTokenizer.h"
#include "text/VocabularyLocator.h"
#include "util/Error.h"

#include <QString>
#include <QStringList>

namespace ms {

namespace {

class BpeTextTokenizer : public TextTokenizer {
public:
    explicit BpeTextTokenizer(BpeTokenizer bpe) : mBpe(std::move(bpe)) {}
    std::string kind() const override { return "clip-bpe"; }
    std::vector<std::int64_t> tokenize(const std::string& utf8, int contextLength) const override {
        return mBpe.tokenize(utf8, contextLength, /*truncate=*/true);
    }

private:
    BpeTokenizer mBpe;
};

class WordByteTextTokenizer : public TextTokenizer {
public:
    explicit WordByteTextTokenizer(QStringList words) : mTokenizer(std::move(words)) {}
    std::string kind() const override { return "word-byte"; }
    std::vector<std::int64_t> tokenize(const std::string& utf8, int contextLength) const override {
        return mTokenizer.tokenize(QString::fromStdString(utf8), contextLength);
    }

private:
    WordByteTokenizer mTokenizer;
};

// The sidecar's head counts are defaults; the user's explicit counts win.
ClipLoadOptions loadOptions(const ModelSpec& spec, const BundledSidecar* sidecar) {
    ClipLoadOptions options;
    options.textHeads = spec.textHeads > 0 ? spec.textHeads : (sidecar ? sidecar->textHeads : 0);
    options.visionHeads = spec.visionHeads > 0 ? spec.visionHeads : (sidecar ? sidecar->visionHeads : 0);
    return options;
}

void checkSidecarAgrees(const BundledSidecar& sidecar, const ClipModel& model, const std::string& path) {
    const ClipConfig& c = model.config();
    const std::string where = sidecarPathFor(QString::fromStdString(path)).toStdString();
    if (sidecar.contextLength != c.contextLength)
        throw Error(where + ": the tokenizer's context length is " + std::to_string(sidecar.contextLength) +
                    " but the weights have " + std::to_string(c.contextLength) + " positions");
    const WordByteTokenizer words(sidecar.words);
    if (words.vocabularySize() > c.vocabSize)
        throw Error(where + ": the tokenizer has " + std::to_string(words.vocabularySize()) +
                    " ids but the weights' token embedding has " + std::to_string(c.vocabSize));
}

}  // namespace

std::shared_ptr<const TextTokenizer> makeBpeTextTokenizer(const std::string& mergesPath) {
    return std::make_shared<BpeTextTokenizer>(BpeTokenizer::fromFile(mergesPath));
}

std::shared_ptr<const TextTokenizer> makeWordByteTextTokenizer(const std::vector<std::string>& words) {
    QStringList list;
    for (const std::string& w : words) list << QString::fromStdString(w);
    return std::make_shared<WordByteTextTokenizer>(list);
}

ModelBundle::ModelBundle(ClipModel model, std::string weightsPath, std::shared_ptr<const BundledSidecar> sidecar,
                         std::string vocabulary)
    : mModel(std::move(model)), mWeightsPath(std::move(weightsPath)), mSidecar(std::move(sidecar)),
      mVocabulary(std::move(vocabulary)), mTokenizer(std::make_shared<TokenizerSlot>()) {}

ModelBundle ModelBundle::load(const ModelSpec& spec) {
    const std::string path = resolveModelPath(spec.model);
    std::shared_ptr<const BundledSidecar> sidecar;
    if (auto read = readSidecarFor(QString::fromStdString(path)))
        sidecar = std::make_shared<const BundledSidecar>(std::move(*read));
    ClipModel model = ClipModel::load(path, loadOptions(spec, sidecar.get()));
    if (sidecar) checkSidecarAgrees(*sidecar, model, path);
    return ModelBundle(std::move(model), path, std::move(sidecar), spec.vocabulary);
}

std::string ModelBundle::defaultLayer() const {
    if (mSidecar && !mSidecar->defaultLayer.isEmpty()) {
        const std::string chosen = mSidecar->defaultLayer.toStdString();
        if (descriptor().find(chosen)) return chosen;
    }
    return descriptor().defaultLayer;
}

std::string ModelBundle::tokenizerKind() const { return mSidecar ? "word-byte" : "clip-bpe"; }

const TextTokenizer& ModelBundle::tokenizer() const {
    std::lock_guard<std::mutex> lock(mTokenizer->mutex);
    if (!mTokenizer->tokenizer) {
        if (mSidecar)
            mTokenizer->tokenizer = std::make_shared<WordByteTextTokenizer>(mSidecar->words);
        else
            mTokenizer->tokenizer = makeBpeTextTokenizer(findBpeVocabulary(mVocabulary, mWeightsPath));
    }
    return *mTokenizer->tokenizer;
}

std::vector<std::int64_t> ModelBundle::tokenize(const std::vector<std::string>& texts) const {
    const TextTokenizer& t = tokenizer();
    std::vector<std::int64_t> rows;
    rows.reserve(texts.size() * static_cast<size_t>(contextLength()));
    for (const std::string& text : texts) {
        const std::vector<std::int64_t> row = t.tokenize(text, contextLength());
        rows.insert(rows.end(), row.begin(), row.end());
    }
    return rows;
}

}  // namespace ms
