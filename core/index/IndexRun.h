#pragma once
// Indexing an images folder: `multiscope-cli index` and the GUI call runIndexing.
//
// One call: if the index holds an interrupted run (killed, canceled), it is resumed from its
// last committed batch with its recorded work list — so the finished index is the same as
// an uninterrupted run's. Then (not for shards) the folder is compared with the index and a
// new run processes new and changed files and drops deleted ones. Bad files are recorded
// with their reason and never stop the run.
//
// Threads: `options.threads` decode and preprocess; the model runs on the calling thread.
// Progress (with rate and ETA) goes to `feedback`; isCanceled() is polled between batches —
// what was committed stays, and the next call resumes.

#include "index/IndexTypes.h"

namespace ms {

class ActivationSource;
class Feedback;

// Throws ms::Error for what makes the run impossible: an unreadable images folder, an index
// built with another model or settings (the message says which), an index locked by another
// process, a layer the model does not have.
IndexReport runIndexing(const IndexOptions& options, ActivationSource& source, Feedback& feedback);

}  // namespace ms
