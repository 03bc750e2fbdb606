#pragma once
// Image parameterisations for feature visualization (Lucid's param.image): the tensors the
// optimiser changes and a function that turns them into the image batch the transforms and
// the model see, float32 [N, 3, H, W] with values in (0, 1).
//
// Two kinds: pixels (one value per pixel and channel) and Lucid's default, a Fourier-space
// image whose spectrum is scaled by 1/f so that every frequency learns at a similar rate.
// Both optionally decorrelate colours (the ImageNet colour-correlation square root) and end
// in a sigmoid. Randomness comes only from the generator passed in.

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <functional>
#include <string>
#include <vector>

namespace ms {

enum class ParamKind { Pixels, Fourier };

const char* paramKindName(ParamKind kind);  // "pixel" / "fourier"
// "pixel", "pixels" or "fourier"; throws ms::Error listing the choices otherwise.
ParamKind parseParamKind(const std::string& name);

// How to parameterise an image batch. Defaults are Lucid's.
struct ParamOptions {
    ParamKind kind = ParamKind::Fourier;
    int batch = 1;
    int height = 224;
    int width = 224;
    bool decorrelate = true;  // colour decorrelation before the sigmoid
    double initStd = 0.01;    // std of the random initial values (spectrum or pixels)
    double decayPower = 1.0;  // Fourier: spectrum scaled by 1 / f^decayPower
};

// What the optimiser works on.
struct ImageParam {
    std::vector<at::Tensor> parameters;  // leaf tensors that require grad
    std::function<at::Tensor()> image;   // differentiable: [N, 3, H, W] in (0, 1)
    std::string description;             // "fourier 224x224, batch 1, decorrelated"
};

// A random start (the generator must be a CPU generator). Throws ms::Error for sizes < 1.
ImageParam makeImageParam(const ParamOptions& options, at::Generator& generator);

// A parameterisation whose image() reproduces `image` ([N, 3, H, W] in (0, 1); values are
// clamped to [1e-4, 1 − 1e-4] first so that the sigmoid can be inverted). options.batch,
// height and width are taken from the image.
ImageParam imageParamFrom(const at::Tensor& image, ParamOptions options);

// The colour-correlation matrix Lucid uses, normalised by its largest column norm [3, 3].
at::Tensor colourCorrelation();
// Applies the matrix to every pixel's RGB vector: out[c] = Σ_k M[c][k] · in[k].
at::Tensor decorrelateColours(const at::Tensor& nchw);
// The inverse mapping (pixels in the decorrelated space from ordinary ones).
at::Tensor correlateColours(const at::Tensor& nchw);

// The Fourier parameterisation's pieces, exposed for tests and for starting from an image.
// The spectrum has the shape of rfft2 over (height, evenWidth) where evenWidth = width rounded
// up to even; the image is cropped back to width.
struct FourierGeometry {
    int height = 0;
    int width = 0;
    int evenWidth() const { return width + (width & 1); }
    int spectrumWidth() const { return evenWidth() / 2 + 1; }
};
// [H, spectrumWidth] float32: sqrt(w·h) / max(f, 1/max(w, h))^decayPower.
at::Tensor fourierScale(const FourierGeometry& geometry, double decayPower);
// Complex spectrum [N, 3, H, spectrumWidth] → pre-sigmoid image [N, 3, H, W] (irfft, crop, /4).
at::Tensor spectrumToImage(const at::Tensor& spectrum, const FourierGeometry& geometry, const at::Tensor& scale);
// The inverse of spectrumToImage: pre-sigmoid image → complex spectrum.
at::Tensor imageToSpectrum(const at::Tensor& image, const FourierGeometry& geometry, const at::Tensor& scale);

}  // namespace ms
