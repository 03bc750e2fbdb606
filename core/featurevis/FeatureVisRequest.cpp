#include "featurevis/FeatureVisRequest.h"

#include "featurevis/ImageParam.h"
#include "featurevis/TransformPresets.h"
#include "util/Error.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>

namespace ms {

namespace {

using Json = nlohmann::ordered_json;

Json toJsonValue(const FeatureVisRequest& r) {
    Json j;
    j["modelHash"] = r.modelHash;
    j["objective"] = r.objective;
    j["param"] = r.param;
    j["decorrelate"] = r.decorrelate;
    j["preset"] = r.preset;
    j["steps"] = r.steps;
    j["lr"] = r.lr;
    j["size"] = r.size;
    j["batch"] = r.batch;
    j["diversity"] = r.diversity;
    j["seed"] = r.seed;
    j["precision"] = r.precision;
    return j;
}

template <typename T>
void read(const Json& j, const char* field, T& out) {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) return;
    try {
        out = it->get<T>();
    } catch (const Json::exception&) {
        throw Error(std::string("feature visualization request: field '") + field + "' has the wrong type");
    }
}

}  // namespace

bool FeatureVisRequest::operator==(const FeatureVisRequest& o) const {
    return modelHash == o.modelHash && objective == o.objective && param == o.param && decorrelate == o.decorrelate &&
           preset == o.preset && steps == o.steps && lr == o.lr && size == o.size && batch == o.batch &&
           diversity == o.diversity && seed == o.seed && precision == o.precision;
}

std::string FeatureVisRequest::key() const {
    Json j = toJsonValue(*this);
    if (precision == "float32") j.erase("precision");
    j["algorithm"] = kAlgorithmVersion;
    const QByteArray bytes = QByteArray::fromStdString(j.dump());
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(32).toStdString();
}

std::string FeatureVisRequest::toJson(int indent) const { return toJsonValue(*this).dump(indent); }

FeatureVisRequest FeatureVisRequest::fromJson(const std::string& json) {
    const Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) throw Error("feature visualization request: not a JSON object");
    FeatureVisRequest r;
    read(j, "modelHash", r.modelHash);
    read(j, "objective", r.objective);
    read(j, "param", r.param);
    read(j, "decorrelate", r.decorrelate);
    read(j, "preset", r.preset);
    read(j, "steps", r.steps);
    read(j, "lr", r.lr);
    read(j, "size", r.size);
    read(j, "batch", r.batch);
    read(j, "diversity", r.diversity);
    read(j, "seed", r.seed);
    read(j, "precision", r.precision);
    return r;
}

void FeatureVisRequest::validate() const {
    const auto bad = [](const std::string& what) { throw Error("feature visualization request: " + what); };
    if (objective.empty()) bad("the objective is empty");
    if (steps < 1) bad("steps must be at least 1, got " + std::to_string(steps));
    if (!(lr > 0.0) || !std::isfinite(lr)) bad("the learning rate must be positive");
    if (size < 0 || size == 1 || size > 4096) bad("size " + std::to_string(size) + " is out of range (0 or 2…4096)");
    if (batch < 1 || batch > 256) bad("batch " + std::to_string(batch) + " is out of range (1…256)");
    if (!(diversity >= 0.0) || !std::isfinite(diversity)) bad("the diversity weight must be >= 0");
    if (precision != "float32" && precision != "bfloat16") bad("precision '" + precision + "' is neither float32 nor bfloat16");
    parseParamKind(param);
    transformPreset(preset);
}

FeatureVisRequest FeatureVisRequest::resolvedFor(const ModelDescriptor& model) const {
    if (!modelHash.empty() && modelHash != model.contentHash)
        throw Error("feature visualization request is for model " + modelHash.substr(0, 12) + "…, the loaded model is " +
                    model.contentHash.substr(0, 12) + "…");
    FeatureVisRequest r = *this;
    r.modelHash = model.contentHash;
    if (r.size == 0) r.size = model.inputResolution;
    return r;
}

}  // namespace ms

std::size_t std::hash<ms::FeatureVisRequest>::operator()(const ms::FeatureVisRequest& r) const noexcept {
    return std::hash<std::string>()(r.toJson());
}
