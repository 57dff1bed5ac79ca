// runner.h: the streaming, parallel driver: reader -> N workers -> in-order sink.
//
// One reader thread pulls Documents from an ArticleStream, N worker threads
// run the Pipeline on them, and the calling thread receives finished
// Documents in input order, in batches, through `sink`. Queues are bounded, so
// memory stays flat whatever the input size; Documents are recycled, so
// buffers stay allocated. The records produced do not depend on N.
#ifndef TIES_PIPELINE_RUNNER_H_
#define TIES_PIPELINE_RUNNER_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "ties/reader.h"
#include "ties/pipeline.h"

namespace ties {

struct RunOptions {
  uint32_t threads = 0;        // workers; 0 = the number of cores
  uint32_t batch_size = 1;     // at most this many documents per sink call (a batch may be cut short to keep the chunk pool flowing)
  uint32_t queue_per_thread = 16;  // in-flight documents per worker (bounds memory)
  // Optional: asked by the worker threads before the pipeline runs on a
  // document; `true` means the document is already stored as it is (same id,
  // same content hash), so it is neither annotated nor passed to the sink, only
  // counted in RunProgress::skipped. `ties ingest` passes Store::IsStored, so
  // a resumed ingest does not annotate what it stored before. The answer may be
  // stale (the check runs ahead of the sink): when an earlier document of this
  // run with the same id reached the sink, the runner annotates the document
  // anyway and lets the sink decide. Must be thread-safe and must not throw.
  std::function<bool(const Document&)> skip;
};

struct RunProgress {
  uint64_t articles = 0;    // delivered to the sink
  uint64_t errors = 0;      // input or pipeline errors reported
  uint64_t skipped = 0;     // left out because RunOptions::skip said so
  uint64_t bytes_read = 0;  // input bytes consumed
  uint64_t bytes_total = 0; // 0 when unknown
  uint64_t text_bytes = 0;  // article text bytes processed
  // CPU time per stage (nanoseconds of the worker threads' CPU clocks, summed
  // over threads), parallel to Pipeline::stages(); filled at the end of the run.
  std::vector<uint64_t> stage_nanos;
};

using BatchSink = std::function<Status(const std::vector<Document*>& batch)>;
using ErrorSink = std::function<void(const Status& error)>;
using ProgressSink = std::function<void(const RunProgress& progress)>;

// Runs until the stream ends. Input and pipeline errors go to `on_error` (in
// input order) and processing continues; a non-OK Status from `sink` stops the
// run and is returned. `on_progress` (optional) is called about every 200 ms.
Status RunPipeline(ArticleStream& stream, const Pipeline& pipeline, const RunOptions& options,
                   const BatchSink& sink, const ErrorSink& on_error, const ProgressSink& on_progress,
                   RunProgress* final_progress);

}  // namespace ties

#endif  // TIES_PIPELINE_RUNNER_H_
