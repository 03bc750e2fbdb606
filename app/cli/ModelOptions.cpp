#include "ModelOptions.h"

#include "jobs/ComputeThread.h"

namespace ms::cli {

void addModelOptions(CLI::App& command, ModelOptions& o) {
    command.add_option("--model", o.model, "A .pt or .safetensors file, 'bundled', or a checkpoint name (RN50x4, ViT-B/32, ...) in the model cache")
        ->required();
    command.add_option("--vocab", o.vocab, "BPE merges file (bpe_simple_vocab_16e6.txt.gz); default: beside the model, then the model cache folder");
    command.add_option("--text-heads", o.textHeads, "Text transformer heads (default: the model's sidecar, else width/64)")
        ->check(CLI::PositiveNumber);
    command.add_option("--vision-heads", o.visionHeads, "Attention-pool or ViT heads (default: the model's sidecar, else as the reference infers)")
        ->check(CLI::PositiveNumber);
    command.add_option("--threads", o.threads, "Compute threads (default: all cores)")->check(CLI::PositiveNumber);
}

ModelBundle loadModel(const ModelOptions& o) {
    configureComputeThread(o.threads > 0 ? o.threads : defaultComputeThreads());
    ModelSpec spec;
    spec.model = o.model;
    spec.vocabulary = o.vocab;
    spec.textHeads = o.textHeads;
    spec.visionHeads = o.visionHeads;
    return ModelBundle::load(spec);
}

}  // namespace ms::cli
