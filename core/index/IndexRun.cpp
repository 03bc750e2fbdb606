#include "index/IndexRun.h"

#include "index/ActivationSource.h"
#include "index/DecodePipeline.h"
#include "index/FolderWalk.h"
#include "index/IndexPlan.h"
#include "index/IndexWriter.h"
#include "index/LayerMatrix.h"
#include "jobs/Feedback.h"
#include "util/Error.h"

#include <ATen/ops/stack.h>

#include <chrono>
#include <cmath>
#include <thread>

namespace ms {
namespace {

using Clock = std::chrono::steady_clock;

// Everything one call works with.
struct RunContext {
    const IndexOptions& options;
    ActivationSource& source;
    Feedback& feedback;
    IndexWriter& writer;
    IngestSettings ingest;
    int threads = 1;
    std::vector<std::string> layerNames;
    IndexReport& report;
    int64_t imagesThisCall = 0;
    double processingSeconds = 0.0;
};

std::vector<IndexLayerInfo> resolveLayers(const std::vector<std::string>& names, const ActivationSource& source) {
    std::vector<IndexLayerInfo> layers;
    for (const std::string& name : names) {
        const SourceLayer l = source.layer(name);
        for (const IndexLayerInfo& seen : layers)
            if (seen.name == l.name) throw Error("layer " + l.name + " is listed twice");
        layers.push_back({l.name, l.units, l.gridHeight, l.gridWidth, argmaxBytesFor(l.gridHeight, l.gridWidth)});
    }
    return layers;
}

IndexIdentity baseIdentity(const IndexOptions& o, const ActivationSource& source) {
    IndexIdentity id;
    id.modelHash = source.modelHash();
    id.modelSource = o.model.empty() ? source.modelSource() : o.model;
    id.preprocessing = source.preprocessing();
    id.maxPixels = o.maxPixels;
    id.shard = o.shard;
    return id;
}

// The existing index (checked against the model and options), or a new one.
std::unique_ptr<IndexWriter> openIndex(const IndexOptions& o, const ActivationSource& source) {
    IndexIdentity wanted = baseIdentity(o, source);
    if (IndexWriter::exists(o.indexDir)) {
        auto writer = IndexWriter::open(o.indexDir);
        const IndexIdentity& stored = writer->identity();
        wanted.modelSource = stored.modelSource;  // for people only
        wanted.layers = o.layers.empty() ? stored.layers : resolveLayers(o.layers, source);
        wanted.batchSize = o.batchSize > 0 ? o.batchSize : stored.batchSize;
        wanted.blockRows = o.blockRows > 0 ? o.blockRows : stored.blockRows;
        const std::string why = identityMismatch(stored, wanted);
        if (!why.empty()) throw Error(o.indexDir + ": cannot add to this index: " + why);
        return writer;
    }
    wanted.layers = resolveLayers(o.layers.empty() ? std::vector<std::string>{source.defaultLayer()} : o.layers, source);
    wanted.batchSize = o.batchSize > 0 ? o.batchSize : kDefaultIndexBatchSize;
    wanted.blockRows = o.blockRows > 0 ? o.blockRows : kDefaultIndexBlockRows;
    return IndexWriter::create(o.indexDir, wanted);
}

std::string withThousands(int64_t n) {
    std::string digits = std::to_string(n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), ",");
    return digits;
}

std::string duration(double seconds) {
    const auto s = static_cast<int64_t>(std::lround(seconds));
    if (s < 60) return std::to_string(s) + " s";
    if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
    return std::to_string(s / 3600) + " h " + std::to_string((s % 3600) / 60) + " min";
}

void reportProgress(RunContext& c, int64_t done, int64_t total, int64_t images, Clock::time_point start) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const double rate = elapsed > 0 ? static_cast<double>(images) / elapsed : 0.0;
    const double filesRate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    char rateText[32];
    std::snprintf(rateText, sizeof rateText, "%.1f", rate);
    std::string message = withThousands(done) + " / " + withThousands(total) + " files · " + rateText + " images/s";
    if (done < total && filesRate > 0)
        message += " · ETA " + duration(static_cast<double>(total - done) / filesRate);
    c.feedback.setProgress(total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0, message);
}

// Runs the model over the decoded images of a batch; rows in tail layout per layer.
std::vector<std::vector<uint8_t>> forward(RunContext& c, std::vector<IngestResult>& items) {
    const auto& layers = c.writer.identity().layers;
    std::vector<std::vector<uint8_t>> rows(layers.size());
    std::vector<at::Tensor> images;
    for (IngestResult& item : items)
        if (item.record.status == FileRecord::Status::Image) images.push_back(std::move(item.tensor));
    if (images.empty()) return rows;
    const auto n = static_cast<int64_t>(images.size());
    const std::vector<LayerReductions> out = c.source.run(at::stack(images), c.layerNames);
    images.clear();
    if (out.size() != layers.size()) throw Error("the model returned " + std::to_string(out.size()) + " layers, not " + std::to_string(layers.size()));
    for (size_t l = 0; l < layers.size(); ++l) {
        const MatrixGeometry g{layers[l].units, layers[l].argmaxBytes, c.writer.identity().blockRows};
        const at::Tensor max = out[l].max.contiguous();
        const at::Tensor mean = out[l].mean.contiguous();
        const at::Tensor argmax = out[l].argmax.contiguous();
        for (const at::Tensor* t : {&max, &mean, &argmax})
            if (t->dim() != 2 || t->size(0) != n || t->size(1) != g.units)
                throw Error("layer " + layers[l].name + ": the model returned reductions of the wrong shape");
        if (max.scalar_type() != at::kFloat || mean.scalar_type() != at::kFloat || argmax.scalar_type() != at::kLong)
            throw Error("layer " + layers[l].name + ": the model returned reductions of the wrong type");
        rows[l].resize(static_cast<size_t>(n * g.rowBytes()));
        for (int64_t r = 0; r < n; ++r)
            packRow(g, max.data_ptr<float>() + r * g.units, mean.data_ptr<float>() + r * g.units,
                    argmax.data_ptr<int64_t>() + r * g.units, rows[l].data() + r * g.rowBytes());
    }
    return rows;
}

// Processes the batches of a run not yet committed.
void executeRun(RunContext& c, const PendingRun& run) {
    struct Span {
        int64_t batch;
        size_t begin, end;
    };
    std::vector<Span> spans;
    for (size_t i = 0; i < run.entries.size(); ++i) {
        if (spans.empty() || spans.back().batch != run.entries[i].batch) spans.push_back({run.entries[i].batch, i, i});
        spans.back().end = i + 1;
    }
    const auto firstTodo = static_cast<size_t>(std::min<int64_t>(run.committedBatches, static_cast<int64_t>(spans.size())));
    std::vector<size_t> sizes;
    for (size_t s = firstTodo; s < spans.size(); ++s) sizes.push_back(spans[s].end - spans[s].begin);
    const size_t offset = firstTodo < spans.size() ? spans[firstTodo].begin : run.entries.size();
    const auto total = static_cast<int64_t>(run.entries.size());
    int64_t done = static_cast<int64_t>(offset);

    const Clock::time_point start = Clock::now();
    DecodePipeline pipeline(sizes, [&](size_t item) { return ingestFile(run.entries[offset + item], c.ingest); }, c.threads);
    std::vector<IngestResult> items;
    int64_t imagesAtStart = c.imagesThisCall;
    reportProgress(c, done, total, 0, start);
    for (size_t s = firstTodo; s < spans.size(); ++s) {
        if (c.feedback.isCanceled() || !pipeline.next(items)) {
            c.report.canceled = true;
            break;
        }
        if (c.options.hook) c.options.hook(IndexHook::BatchDecoded, spans[s].batch);
        const std::vector<std::vector<uint8_t>> rows = forward(c, items);
        std::vector<FileRecord> records;
        for (IngestResult& item : items) {
            c.imagesThisCall += item.record.status == FileRecord::Status::Image;
            records.push_back(std::move(item.record));
        }
        c.writer.commitBatch(run.id, spans[s].batch, records, rows, c.options.hook);
        ++c.report.batches;
        done += static_cast<int64_t>(records.size());
        reportProgress(c, done, total, c.imagesThisCall - imagesAtStart, start);
        if (c.options.stopAfterBatch && c.options.stopAfterBatch()) {
            c.report.canceled = true;
            break;
        }
    }
    c.processingSeconds += std::chrono::duration<double>(Clock::now() - start).count();
    if (!c.report.canceled) c.writer.finishRun(run.id);

    const RunSummary summary = c.writer.runSummary(run.id);
    c.report.planned += total;
    c.report.indexed += summary.images;
    c.report.ignored += summary.ignored;
    c.report.errors.insert(c.report.errors.end(), summary.errors.begin(), summary.errors.end());
}

// Compares the folder with the index and records a new run; nullopt when nothing changed.
std::optional<PendingRun> planNewRun(RunContext& c) {
    c.feedback.setProgress(0.0, "listing " + c.options.imagesDir);
    const std::vector<WalkEntry> listing = walkFolder(c.options.imagesDir, c.options.indexDir);
    c.report.filesFound = static_cast<int64_t>(listing.size());
    const IndexIdentity& id = c.writer.identity();
    RunPlan plan = planRun(listing, c.writer.storedFiles(), c.options.imagesDir, id.batchSize, id.shard);
    c.report.unchanged += plan.unchanged;
    c.report.changed += plan.changed;
    c.report.removed += static_cast<int64_t>(plan.removed.size());
    if (plan.entries.empty() && plan.removed.empty() && plan.touched.empty() && c.writer.completedRuns() > 0)
        return std::nullopt;
    PendingRun run;
    run.record.imagesRoot = c.options.imagesDir;
    run.record.planHash = plan.planHash;
    run.record.modelSource = c.options.model.empty() ? c.source.modelSource() : c.options.model;
    run.record.decodeThreads = c.threads;
    run.record.computeThreads = c.source.computeThreads();
    run.record.shard = id.shard;
    run.record.planBatches = plan.totalBatches;
    run.id = c.writer.beginRun(run.record, plan.entries, plan.removed, plan.touched);
    run.entries = std::move(plan.entries);
    return run;
}

}  // namespace

IndexReport runIndexing(const IndexOptions& options, ActivationSource& source, Feedback& feedback) {
    const Clock::time_point start = Clock::now();
    if (options.imagesDir.empty() || options.indexDir.empty()) throw Error("indexing needs an images folder and an index folder");
    if (options.batchSize < 0) throw Error("the batch size must be positive");
    const std::unique_ptr<IndexWriter> writer = openIndex(options, source);
    IndexReport report;
    RunContext c{options, source, feedback, *writer, {}, 1, {}, report};
    c.ingest.root = options.imagesDir;
    c.ingest.maxPixels = options.maxPixels;
    c.ingest.resolution = source.resolution();
    c.ingest.normalization = source.normalization();
    c.threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (const IndexLayerInfo& l : writer->identity().layers) c.layerNames.push_back(l.name);

    if (std::optional<PendingRun> pending = writer->pendingRun()) {
        report.resumed = true;
        executeRun(c, *pending);
    }
    const bool finishedShard = writer->identity().shard.active() && writer->completedRuns() > 0;
    if (!report.canceled && !finishedShard) {
        if (std::optional<PendingRun> run = planNewRun(c)) executeRun(c, *run);
    } else if (finishedShard && !report.resumed) {
        report.alreadyComplete = true;
    }
    report.totalImages = writer->liveRows();
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report.imagesPerSecond = c.processingSeconds > 0 ? static_cast<double>(c.imagesThisCall) / c.processingSeconds : 0.0;
    if (!report.canceled) feedback.setProgress(1.0, withThousands(report.totalImages) + " images in the index");
    return report;
}

}  // namespace ms
