// capture_ingest.h: stores the articles of a closed capture file exactly as
// `ties ingest FILE.warc.gz` would: the WARC reader, the pipeline runner and
// the Store, with the same resume check (Store::IsStored). Because the fetch
// path and a later replay read the same bytes through the same code, a replay
// of the capture gives byte-identical records.
//
// Thread-safety: one ingester per thread (the runner uses worker threads inside).
#ifndef TIES_FETCH_CAPTURE_INGEST_H_
#define TIES_FETCH_CAPTURE_INGEST_H_

#include <functional>
#include <string>

#include "fetch/crawler.h"
#include "pipeline/runner.h"
#include "ties/pipeline.h"
#include "ties/store.h"

namespace ties {

class PipelineIngester : public ArticleIngester {
 public:
  // `pipeline` and `store` must outlive the ingester. `on_error` receives the
  // one-line errors of records that could not be read or annotated.
  PipelineIngester(const Pipeline& pipeline, Store& store, RunOptions run, std::function<void(const Status&)> on_error)
      : pipeline_(pipeline), store_(store), run_(std::move(run)), on_error_(std::move(on_error)) {}
  Result<IngestResult> IngestWarc(const std::string& path) override;

 private:
  const Pipeline& pipeline_;
  Store& store_;
  RunOptions run_;
  std::function<void(const Status&)> on_error_;
};

}  // namespace ties

#endif  // TIES_FETCH_CAPTURE_INGEST_H_
