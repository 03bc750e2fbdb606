#include "catalog/Checkpoints.h"

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

const VocabularyInfo& bpeVocabulary() {
    static const VocabularyInfo vocab{
        "bpe_simple_vocab_16e6.txt.gz", "924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a",
        "https://raw.githubusercontent.com/openai/CLIP/d05afc436d78f1c48dc0dbf8e5980a9d471f35f6/clip/"
        "bpe_simple_vocab_16e6.txt.gz"};
    return vocab;
}

std::optional<CheckpointInfo> findCheckpoint(const std::string& name) {
    const QString wanted = QString::fromStdString(name).replace(QLatin1Char('-'), QLatin1Char('/'));
    for (const CheckpointInfo& c : officialCheckpoints()) {
        const QString candidate = QString::fromStdString(c.name).replace(QLatin1Char('-'), QLatin1Char('/'));
        if (candidate.compare(wanted, Qt::CaseInsensitive) == 0) return c;
    }
    return std::nullopt;
}

}  // namespace ms
