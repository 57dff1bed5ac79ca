// pipeline.h: an ordered list of stages, checked once and then run on every
// Document. Built from stage names (ties/stage_registry.h); src/pipeline/runner.h
// drives one over many threads.
#ifndef TIES_PIPELINE_H_
#define TIES_PIPELINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ties/document.h"
#include "ties/stage.h"
#include "ties/stage_registry.h"
#include "ties/status.h"

namespace ties {

// An ordered list of stages whose requires/assigns were checked at Create().
// Thread-safe: Process() may run concurrently on different Documents.
class Pipeline {
 public:
  // Fails with InvalidArgument when a stage requires a field no earlier stage
  // assigns, or a name is unknown.
  static Result<Pipeline> Create(const std::vector<std::string>& stage_names,
                                 const StageOptions& options);

  Pipeline(Pipeline&&) = default;
  Pipeline& operator=(Pipeline&&) = default;

  // Runs every stage in order. Exceptions thrown by a stage are caught and
  // returned as Internal errors naming the stage and the document.
  Status Process(Document& doc) const;
  // Same, adding each stage's wall time in nanoseconds to stage_nanos[i]
  // (REQUIRES: stage_nanos.size() == stages().size()). For profiling.
  Status Process(Document& doc, std::vector<uint64_t>& stage_nanos) const;

  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

 private:
  Pipeline() = default;
  std::vector<std::unique_ptr<Stage>> stages_;
};

}  // namespace ties

#endif  // TIES_PIPELINE_H_
