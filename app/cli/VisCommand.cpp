// `multiscope-cli vis`: feature visualization from the command line.
//   vis --model M --objective "visual.layer4.5.add:89" [--batch 4 --diversity W] [--preset lucid|distill]
//       [--steps 512] [--size N] [--lr 0.05] [--seed 0] [--precision float32|bfloat16] --out FILE.png
//   vis --model M --objective visual.layer4.5.add --units 0-63 --out DIR   (one PNG per unit + contact sheet)
// A batch of several images is written side by side in one PNG.

#include "CliCommand.h"
#include "CliProgress.h"
#include "ModelOptions.h"

#include "analysis/ModelText.h"
#include "featurevis/FeatureVisRun.h"
#include "featurevis/FeatureVisSession.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <QDir>
#include <QFileInfo>
#include <QPainter>

#include <torch/torch.h>

#include <memory>

namespace ms::cli {
namespace {

QImage sideBySide(const std::vector<QImage>& images, int columns) {
    if (images.empty()) return {};
    const int w = images.front().width(), h = images.front().height();
    const int cols = std::max(1, std::min<int>(columns, static_cast<int>(images.size())));
    const int rows = (static_cast<int>(images.size()) + cols - 1) / cols;
    QImage sheet(cols * w, rows * h, QImage::Format_RGB888);
    sheet.fill(Qt::white);
    QPainter painter(&sheet);
    for (size_t i = 0; i < images.size(); ++i)
        painter.drawImage(static_cast<int>(i % cols) * w, static_cast<int>(i / cols) * h, images[i]);
    return sheet;
}

void save(const QImage& image, const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!image.save(path, "PNG")) throw Error(path.toStdString() + ": cannot write the image");
}

std::pair<int, int> parseRange(const std::string& text) {
    const QStringList parts = QString::fromStdString(text).split(QLatin1Char('-'));
    bool ok1 = false, ok2 = true;
    const int first = parts.value(0).toInt(&ok1);
    const int last = parts.size() > 1 ? parts[1].toInt(&ok2) : first;
    if (parts.size() > 2 || !ok1 || !ok2 || first < 0 || last < first)
        throw Error("--units needs a range like 0-63, not '" + text + "'");
    return {first, last};
}

}  // namespace

void addVisCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("vis", "Feature visualization of a unit or an objective (Lucid's method)");
    auto model = std::make_shared<ModelOptions>();
    auto request = std::make_shared<FeatureVisRequest>();
    auto out = std::make_shared<std::string>();
    auto units = std::make_shared<std::string>();
    addModelOptions(*cmd, *model);
    cmd->add_option("--objective", request->objective, "Objective, e.g. \"visual.layer4.5.add:89\" (with --units: the layer)")->required();
    cmd->add_option("--units", *units, "Visualize each unit of a range (e.g. 0-63) of the --objective layer");
    cmd->add_option("--batch", request->batch, "Images optimised together")->check(CLI::Range(1, 64));
    cmd->add_option("--diversity", request->diversity, "Weight of the diversity term across the batch");
    cmd->add_option("--preset", request->preset, "Transforms: lucid, distill or none")->check(CLI::IsMember({"lucid", "distill", "none"}));
    cmd->add_option("--param", request->param, "Image parameterisation: fourier or pixel")->check(CLI::IsMember({"fourier", "pixel"}));
    cmd->add_option("--steps", request->steps, "Optimisation steps")->check(CLI::PositiveNumber);
    cmd->add_option("--size", request->size, "Image side (default: the model's input resolution)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--lr", request->lr, "Adam learning rate")->check(CLI::PositiveNumber);
    cmd->add_option("--seed", request->seed, "Random seed (same request, same image)");
    cmd->add_option("--precision", request->precision,
                    "float32, or bfloat16: the network under bf16 autocast (~1.4x faster on CPUs with native bf16)")
        ->check(CLI::IsMember({"float32", "bfloat16"}));
    cmd->add_option("--out", *out, "PNG file (or a folder with --units)")->required();
    cmd->callback([&chosen, model, request, out, units] {
        chosen.run = [model, request, out, units] {
            const ModelBundle bundle = loadModel(*model);
            FeatureVisContext context;
            context.textEncoder = [&bundle, tokenize = tokenizeFnFor(bundle)](const std::string& text) {
                return bundle.model().network().encodeText(tokenize({text}))[0];
            };
            auto render = [&](const FeatureVisRequest& r, const std::string& label) {
                FeatureVisSession session(bundle.model(), r.resolvedFor(bundle.descriptor()), context);
                CliProgress progress("vis " + label);
                FeatureVisSnapshot last;
                runFeatureVis(session, progress.feedback(), [&](const FeatureVisSnapshot& s) { if (s.final) last = s; });
                progress.finish();
                return sideBySide(last.images, static_cast<int>(last.images.size()));
            };
            if (units->empty()) {
                save(render(*request, request->objective), QString::fromStdString(*out));
                return 0;
            }
            const auto [first, last] = parseRange(*units);
            const std::string layer = bundle.model().resolveCapturePoint(request->objective);
            QDir dir(QString::fromStdString(*out));
            if (!dir.mkpath(QStringLiteral("."))) throw Error(*out + ": cannot create the folder");
            std::vector<QImage> sheet;
            for (int unit = first; unit <= last; ++unit) {
                FeatureVisRequest r = *request;
                r.objective = layer + ":" + std::to_string(unit);
                const QImage image = render(r, r.objective);
                save(image, dir.filePath(QStringLiteral("unit-%1.png").arg(unit, 4, 10, QLatin1Char('0'))));
                sheet.push_back(image);
            }
            save(sideBySide(sheet, 8), dir.filePath(QStringLiteral("contact-sheet.png")));
            return 0;
        };
    });
}

}  // namespace ms::cli
