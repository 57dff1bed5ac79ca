// capture_ingest.cc: capture file -> Store, through the ingest path (see capture_ingest.h).
#include "fetch/capture_ingest.h"

#include <mutex>

#include "ties/reader.h"

namespace ties {

Result<IngestResult> PipelineIngester::IngestWarc(const std::string& path) {
  ReadOptions read;
  read.format = InputFormat::kWarc;
  Result<std::unique_ptr<ArticleStream>> stream = ArticleStream::Open({path}, read);
  if (!stream.ok()) return stream.status();
  IngestResult result;
  std::mutex mu;
  RunOptions run = run_;
  run.skip = [&](const Document& doc) {
    const bool stored = store_.IsStored(doc.meta.id, ContentHash(doc.text));
    if (stored) {
      std::lock_guard<std::mutex> lock(mu);
      result.stored_ids.insert(doc.meta.id);
    }
    return stored;
  };
  StoreCounts counts;
  RunProgress progress;
  Status s = RunPipeline(
      **stream, pipeline_, run,
      [&](const std::vector<Document*>& batch) {
        std::vector<const Document*> docs(batch.begin(), batch.end());
        Status put = store_.PutBatch(docs, counts);
        if (put.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          for (const Document* d : docs) result.stored_ids.insert(d->meta.id);
        }
        return put;
      },
      [&](const Status& error) {
        if (on_error_) on_error_(error);
      },
      nullptr, &progress);
  if (!s.ok()) return s;
  result.inserted = counts.inserted;
  result.replaced = counts.replaced;
  result.unchanged = counts.unchanged + progress.skipped;
  result.errors = progress.errors;
  return result;
}

}  // namespace ties
