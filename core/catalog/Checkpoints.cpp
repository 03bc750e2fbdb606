#include "catalog/Checkpoints.h"

#include "util/Error.h"

#include <algorithm>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace ms {

std::string defaultCheckpointBaseUrl() { return "https://openaipublic.azureedge.net/clip/models"; }

std::string CheckpointInfo::url(const std::string& baseUrl) const {
    std::string base = baseUrl.empty() ? defaultCheckpointBaseUrl() : baseUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/" + sha256 + "/" + file;
}

const std::vector<CheckpointInfo>& officialCheckpoints() {
    constexpr std::int64_t MB = 1000 * 1000;
    static const std::vector<CheckpointInfo> table{
        {"RN50", "RN50.pt", "afeb0e10f9e5a86da6080e35cf09123aca3b358a0c3e3b6c78a7b63bc04b6762", 224, 244 * MB},
        {"RN101", "RN101.pt", "8fa8567bab74a42d41c5915025a8e4538c3bdbe8804a470a72f30b0d94fab599", 224, 278 * MB},
        {"RN50x4", "RN50x4.pt", "7e526bd135e493cef0776de27d5f42653e6b4c8bf9e0f653bb11773263205fdd", 288, 402 * MB},
        {"RN50x16", "RN50x16.pt", "52378b407f34354e150460fe41077663dd5b39c54cd0bfd2b27167a4a06ec9aa", 384, 630 * MB},
        {"RN50x64", "RN50x64.pt", "be1cfb55d75a9666199fb2206c106743da0f6468c9d327f3e0d0a543a9919d9c", 448, 1260 * MB},
        {"ViT-B/32", "ViT-B-32.pt", "40d365715913c9da98579312b702a82c18be219cc2a73407c4526f58eba950af", 224, 338 * MB},
        {"ViT-B/16", "ViT-B-16.pt", "5806e77cd80f8b59890b7e101eabd078d9fb84e6937f9e85e4ecb61988df416f", 224, 335 * MB},
        {"ViT-L/14", "ViT-L-14.pt", "b8cca3fd41ae0c99ba7e8951adf17d267cdb84cd88be6f7c2e0eca1737a03836", 224, 890 * MB},
        {"ViT-L/14@336px", "ViT-L-14-336px.pt", "3035c92b350959924f9f00213499208652fc7ea050643e8b385c2dac08641f02", 336,
         891 * MB},
    };
    return table;
}

const VocabularyInfo& officialBpeVocabulary() {
    static const VocabularyInfo vocab{
        "bpe_simple_vocab_16e6.txt.gz", "924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a",
        "https://raw.githubusercontent.com/openai/CLIP/d05afc436d78f1c48dc0dbf8e5980a9d471f35f6/clip/"
        "bpe_simple_vocab_16e6.txt.gz"};
    return vocab;
}

namespace {

struct ExtraCatalogue {
    std::vector<CheckpointInfo> checkpoints;
    std::optional<VocabularyInfo> vocabulary;
};

std::string requiredString(const QJsonObject& o, const char* key, const QString& file) {
    const QString value = o.value(QLatin1String(key)).toString();
    if (value.isEmpty())
        throw Error(file.toStdString() + ": an entry lacks the string \"" + key + "\"");
    return value.toStdString();
}

std::string checkedSha256(const QJsonObject& o, const QString& file) {
    const std::string sha = QString::fromStdString(requiredString(o, "sha256", file)).toLower().toStdString();
    const bool hex = sha.size() == 64 && sha.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex) throw Error(file.toStdString() + ": \"" + sha + "\" is not a SHA-256 (64 hex digits)");
    return sha;
}

ExtraCatalogue readExtraCatalogue(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error("MULTISCOPE_CATALOG: cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        throw Error(path.toStdString() + ": not a JSON object (" + parseError.errorString().toStdString() + ")");
    ExtraCatalogue extra;
    for (const QJsonValue& v : doc.object().value(QStringLiteral("checkpoints")).toArray()) {
        const QJsonObject o = v.toObject();
        CheckpointInfo c{requiredString(o, "name", path), requiredString(o, "file", path), checkedSha256(o, path),
                         o.value(QStringLiteral("input_resolution")).toInt(), 0};
        c.approxBytes = static_cast<std::int64_t>(o.value(QStringLiteral("size_bytes")).toDouble());
        extra.checkpoints.push_back(std::move(c));
    }
    const QJsonObject vocab = doc.object().value(QStringLiteral("vocabulary")).toObject();
    if (!vocab.isEmpty())
        extra.vocabulary = VocabularyInfo{requiredString(vocab, "file", path), checkedSha256(vocab, path),
                                          requiredString(vocab, "url", path)};
    return extra;
}

std::optional<ExtraCatalogue> extraCatalogue() {
    const QString path = qEnvironmentVariable("MULTISCOPE_CATALOG");
    if (path.isEmpty()) return std::nullopt;
    return readExtraCatalogue(path);
}

QString canonicalName(const std::string& name) {
    return QString::fromStdString(name).replace(QLatin1Char('-'), QLatin1Char('/'));
}

}  // namespace

std::vector<CheckpointInfo> checkpointCatalogue() {
    std::vector<CheckpointInfo> table = officialCheckpoints();
    if (const auto extra = extraCatalogue()) {
        for (const CheckpointInfo& added : extra->checkpoints) {
            auto same = std::find_if(table.begin(), table.end(), [&](const CheckpointInfo& c) {
                return canonicalName(c.name).compare(canonicalName(added.name), Qt::CaseInsensitive) == 0;
            });
            if (same != table.end()) *same = added;
            else table.push_back(added);
        }
    }
    return table;
}

VocabularyInfo bpeVocabulary() {
    const auto extra = extraCatalogue();
    return extra && extra->vocabulary ? *extra->vocabulary : officialBpeVocabulary();
}

std::optional<CheckpointInfo> findCheckpoint(const std::string& name) {
    const QString wanted = canonicalName(name);
    for (const CheckpointInfo& c : checkpointCatalogue()) {
        if (canonicalName(c.name).compare(wanted, Qt::CaseInsensitive) == 0) return c;
    }
    return std::nullopt;
}

}  // namespace ms
