#include "featurevis/FeatureVisSession.h"

#include "featurevis/ImageParam.h"
#include "featurevis/Objectives.h"
#include "featurevis/Transforms.h"
#include "image/TensorImage.h"
#include "model/ClipModelTorch.h"
#include "util/CpuAutocast.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>
#include <torch/optim/adam.h>

#include <array>
#include <limits>

namespace ms {

namespace {

// Stream index of the transforms' generator (the initial image uses the torch generator).
constexpr std::uint64_t kTransformStream = 1;

// Autograd on, inference mode off, whatever the calling thread had.
struct GradScope {
    c10::InferenceMode noInference{false};
    at::AutoGradMode grad{true};
};

bool needsFullResolution(const Objective& objective, const ModelDescriptor& model) {
    if (objective.needsEmbedding() || model.config.family == VisionFamily::ViT) return true;
    for (const std::string& p : objective.points())
        if (model.resolve(p) == "visual.attnpool") return true;
    return false;
}

Objective withDiversity(Objective objective, double weight) {
    if (weight <= 0.0) return objective;
    if (objective.points().empty())
        throw Error("feature visualization: a diversity weight needs an objective that reads a layer");
    return objective + weight * objectives::diversity(objective.points().front());
}

at::Tensor channelConstants(const std::array<float, 3>& values) {
    return at::tensor({values[0], values[1], values[2]}, at::kFloat).view({1, 3, 1, 1});
}

}  // namespace

struct FeatureVisSession::State {
    ClipModel model;
    FeatureVisRequest request;
    Objective objective;
    ImageParam param;
    Transform transform;
    Rng rng;
    CaptureRequest capture;
    bool needsForward = false;
    at::Tensor mean, std;
    std::unique_ptr<torch::optim::Adam> optimizer;
    double loss = std::numeric_limits<double>::quiet_NaN();
    int steps = 0;

    State(const ClipModel& m, const FeatureVisRequest& r, Objective o)
        : model(m), request(r), objective(std::move(o)), rng(r.seed, kTransformStream) {}
};

Objective requestObjective(const FeatureVisRequest& request, const ModelDescriptor& model, const TextEncoder& textEncoder) {
    return withDiversity(parseObjective(request.objective, model, textEncoder), request.diversity);
}

FeatureVisSession::FeatureVisSession(const ClipModel& model, const FeatureVisRequest& request,
                                     const FeatureVisContext& context)
    : FeatureVisSession(model, request,
                        parseObjective(request.objective, model.descriptor(), context.textEncoder)) {}

FeatureVisSession::FeatureVisSession(const ClipModel& model, const FeatureVisRequest& request, Objective objective) {
    FeatureVisRequest r = request.resolvedFor(model.descriptor());
    r.validate();
    const ModelDescriptor& descriptor = model.descriptor();
    d = std::make_unique<State>(model, r, withDiversity(std::move(objective), r.diversity));
    const GradScope grad;

    ParamOptions options;
    options.kind = parseParamKind(r.param);
    options.batch = r.batch;
    options.height = options.width = r.size;
    options.decorrelate = r.decorrelate;
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(r.seed);
    d->param = makeImageParam(options, generator);

    std::vector<Transform> steps{transforms::fromPreset(transformPreset(r.preset), r.size, r.size)};
    const int resolution = descriptor.inputResolution;
    if (needsFullResolution(d->objective, descriptor)) steps.push_back(transforms::fitToSize(resolution, resolution));
    d->transform = transforms::compose(std::move(steps));

    for (const std::string& p : d->objective.points()) d->capture.add(p, PointCapture{true, false, false});
    d->capture.embedding = d->objective.needsEmbedding();
    d->needsForward = !d->capture.points.empty() || d->capture.embedding;
    d->mean = channelConstants(descriptor.mean);
    d->std = channelConstants(descriptor.std);
    d->optimizer = std::make_unique<torch::optim::Adam>(d->param.parameters, torch::optim::AdamOptions(r.lr));
}

FeatureVisSession::~FeatureVisSession() = default;

void FeatureVisSession::step() {
    const GradScope grad;
    const at::Tensor image = d->param.image();
    CaptureResult captured;
    if (d->needsForward) {
        const at::Tensor seen = (d->transform(image, d->rng) - d->mean) / d->std;
        {
            const CpuAutocast autocast(d->request.precision == "bfloat16");
            captured = d->model.network().capture(seen, d->capture);
        }
        // Objectives (means, Gram matrices, cosines) in float32 whatever the network ran in.
        for (auto& [name, point] : captured.points)
            if (point.full.defined()) point.full = point.full.to(at::kFloat);
        if (captured.embedding.defined()) captured.embedding = captured.embedding.to(at::kFloat);
    }
    const ObjectiveInput input{image, &captured, &d->model.descriptor()};
    const at::Tensor loss = -d->objective.score(input);
    d->optimizer->zero_grad();
    if (loss.requires_grad()) {
        loss.backward();
        d->optimizer->step();
    }
    d->loss = loss.item<double>();
    ++d->steps;
}

at::Tensor FeatureVisSession::image() const {
    c10::InferenceMode noInference(false);
    at::NoGradGuard noGrad;
    return d->param.image().contiguous();
}

std::vector<QImage> FeatureVisSession::images() const {
    const at::Tensor batch = image();
    std::vector<QImage> out;
    for (int64_t i = 0; i < batch.size(0); ++i) out.push_back(tensorToQImage(batch[i]));
    return out;
}

double FeatureVisSession::loss() const { return d->loss; }
int FeatureVisSession::stepsDone() const { return d->steps; }
int FeatureVisSession::totalSteps() const { return d->request.steps; }
const FeatureVisRequest& FeatureVisSession::request() const { return d->request; }
const Objective& FeatureVisSession::objective() const { return d->objective; }

std::string FeatureVisSession::description() const {
    return d->objective.description() + " · " + d->param.description + " · " +
           describePreset(transformPreset(d->request.preset));
}

}  // namespace ms
