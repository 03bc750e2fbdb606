#include "featurevis/ImageParam.h"

#include "util/Error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace ms {

namespace {

// The square root of the ImageNet colour covariance (rows: output channel), as Lucid has it.
constexpr float kColourSqrt[3][3] = {{0.26f, 0.09f, 0.02f}, {0.27f, 0.00f, -0.05f}, {0.27f, -0.09f, 0.03f}};

// Values within this distance of 0 or 1 are pulled in before inverting the sigmoid.
constexpr double kLogitMargin = 1e-4;

void checkOptions(const ParamOptions& o) {
    if (o.batch < 1 || o.height < 1 || o.width < 1)
        throw Error("image parameterisation: batch " + std::to_string(o.batch) + " of " + std::to_string(o.height) +
                    "x" + std::to_string(o.width) + " images is not a valid size");
    if (!(o.initStd >= 0.0)) throw Error("image parameterisation: the initial std must be >= 0");
}

std::string describe(const ParamOptions& o) {
    return std::string(paramKindName(o.kind)) + " " + std::to_string(o.height) + "x" + std::to_string(o.width) +
           ", batch " + std::to_string(o.batch) + (o.decorrelate ? ", decorrelated" : "");
}

// The pre-sigmoid image → the (0, 1) image: colour mixing (when `colours` is defined), then
// the sigmoid.
at::Tensor toValidRgb(const at::Tensor& raw, const at::Tensor& colours) {
    return at::sigmoid(colours.defined() ? at::einsum("ck,nkhw->nchw", {colours, raw}) : raw);
}

at::Tensor coloursFor(const ParamOptions& o) { return o.decorrelate ? colourCorrelation() : at::Tensor(); }

// The inverse of toValidRgb.
at::Tensor fromValidRgb(const at::Tensor& image, bool decorrelate) {
    const at::Tensor raw = at::logit(image.to(at::kFloat).clamp(kLogitMargin, 1.0 - kLogitMargin));
    return decorrelate ? correlateColours(raw) : raw;
}

ImageParam pixelParam(at::Tensor pixels, const ParamOptions& o) {
    pixels.requires_grad_(true);
    ImageParam p;
    p.parameters = {pixels};
    p.image = [pixels, colours = coloursFor(o)] { return toValidRgb(pixels, colours); };
    p.description = describe(o);
    return p;
}

// `spectrum` is the real view [N, 3, H, spectrumWidth, 2] of the complex spectrum.
ImageParam fourierParam(at::Tensor spectrum, const ParamOptions& o) {
    spectrum.requires_grad_(true);
    const FourierGeometry g{o.height, o.width};
    const at::Tensor scale = fourierScale(g, o.decayPower);
    ImageParam p;
    p.parameters = {spectrum};
    p.image = [spectrum, g, scale, colours = coloursFor(o)] {
        return toValidRgb(spectrumToImage(at::view_as_complex(spectrum), g, scale), colours);
    };
    p.description = describe(o);
    return p;
}

}  // namespace

const char* paramKindName(ParamKind kind) { return kind == ParamKind::Pixels ? "pixel" : "fourier"; }

ParamKind parseParamKind(const std::string& name) {
    if (name == "pixel" || name == "pixels") return ParamKind::Pixels;
    if (name == "fourier" || name == "fft") return ParamKind::Fourier;
    throw Error("unknown image parameterisation '" + name + "' (choose pixel or fourier)");
}

at::Tensor colourCorrelation() {
    float values[3][3];
    std::copy(&kColourSqrt[0][0], &kColourSqrt[0][0] + 9, &values[0][0]);
    const at::Tensor m = at::from_blob(values, {3, 3}, at::kFloat).clone();
    return m / m.norm(2, {0}).max();
}

at::Tensor decorrelateColours(const at::Tensor& nchw) {
    return at::einsum("ck,nkhw->nchw", {colourCorrelation().to(nchw.options()), nchw});
}

at::Tensor correlateColours(const at::Tensor& nchw) {
    const at::Tensor inverse = at::linalg_inv(colourCorrelation().to(at::kDouble)).to(nchw.options());
    return at::einsum("ck,nkhw->nchw", {inverse, nchw});
}

at::Tensor fourierScale(const FourierGeometry& g, double decayPower) {
    const int64_t h = g.height, evenW = g.evenWidth(), wf = g.spectrumWidth();
    // |fftfreq(h)| down the rows, rfftfreq(evenW) across the columns.
    const at::Tensor k = at::arange(h, at::kDouble);
    const at::Tensor fy = at::minimum(k, h - k).div(static_cast<double>(h)).unsqueeze(1);
    const at::Tensor fx = at::arange(wf, at::kDouble).div(static_cast<double>(evenW)).unsqueeze(0);
    const at::Tensor f = (fx * fx + fy * fy).sqrt();
    const double floorFrequency = 1.0 / std::max(g.width, g.height);
    const at::Tensor scale = at::clamp_min(f, floorFrequency).pow(-decayPower) * std::sqrt(double(g.width) * g.height);
    return scale.to(at::kFloat);
}

at::Tensor spectrumToImage(const at::Tensor& spectrum, const FourierGeometry& g, const at::Tensor& scale) {
    const at::Tensor full = at::fft_irfftn(spectrum * scale, {{g.height, g.evenWidth()}}, {{2, 3}});
    return full.slice(3, 0, g.width) / 4.0;
}

at::Tensor imageToSpectrum(const at::Tensor& image, const FourierGeometry& g, const at::Tensor& scale) {
    at::Tensor x = image.to(at::kFloat) * 4.0;
    if (g.evenWidth() != g.width) x = at::cat({x, x.slice(3, g.width - 1, g.width)}, 3);  // any value: cropped
    return at::fft_rfftn(x, {{g.height, g.evenWidth()}}, {{2, 3}}) / scale;
}

ImageParam makeImageParam(const ParamOptions& o, at::Generator& generator) {
    checkOptions(o);
    if (o.kind == ParamKind::Pixels)
        return pixelParam(at::randn({o.batch, 3, o.height, o.width}, generator, at::kFloat) * o.initStd, o);
    const FourierGeometry g{o.height, o.width};
    return fourierParam(at::randn({o.batch, 3, o.height, g.spectrumWidth(), 2}, generator, at::kFloat) * o.initStd, o);
}

ImageParam imageParamFrom(const at::Tensor& image, ParamOptions o) {
    if (!image.defined() || image.dim() != 4 || image.size(1) != 3)
        throw Error("image parameterisation: the start image must be a [N, 3, H, W] tensor");
    o.batch = static_cast<int>(image.size(0));
    o.height = static_cast<int>(image.size(2));
    o.width = static_cast<int>(image.size(3));
    checkOptions(o);
    const at::Tensor raw = fromValidRgb(image.detach(), o.decorrelate);
    if (o.kind == ParamKind::Pixels) return pixelParam(raw.clone(), o);
    const FourierGeometry g{o.height, o.width};
    const at::Tensor spectrum = imageToSpectrum(raw, g, fourierScale(g, o.decayPower));
    return fourierParam(at::view_as_real(spectrum).clone(), o);
}

}  // namespace ms
