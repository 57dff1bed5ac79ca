// stage.h: the one interface every pipeline stage implements, and the pipeline.
//
// A stage reads some Document fields and assigns others (spaCy's Pipe with
// requires/assigns). Stages are built once, load their language resources in
// their factory, and are then immutable: Process() is const and may be called
// from many threads at once on different Documents.
#ifndef TIES_STAGE_H_
#define TIES_STAGE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties {

// Document fields, as a bit set, for the requires/assigns check.
enum DocField : uint32_t {
  kFieldTokens = 1u << 0,
  kFieldSentences = 1u << 1,
  kFieldDateline = 1u << 2,
  kFieldEntities = 1u << 3,  // entities and mentions
  kFieldPlaces = 1u << 4,
  kFieldQuotes = 1u << 5,
  kFieldEvents = 1u << 6,
  kFieldThemes = 1u << 7,
  kFieldTone = 1u << 8,
  kFieldDates = 1u << 9,
  kFieldTags = 1u << 10,  // pos and chunks, parallel to tokens (ties/tags.h)
  kFieldClauses = 1u << 11,  // clauses and clause_args (ties/clause.h)
};

// What every stage factory receives.
struct StageOptions {
  // Root of the resource tree: <data_dir>/common/... and <data_dir>/<lang>/...
  std::string data_dir;
};

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view Name() const = 0;
  virtual uint32_t Requires() const = 0;  // DocField bits that must be assigned earlier
  virtual uint32_t Assigns() const = 0;   // DocField bits this stage writes
  // Annotates `doc`. Returns a non-OK Status only for input it cannot handle
  // (the document is then reported and skipped); never throws.
  virtual Status Process(Document& doc) const = 0;
};

// Creates the stage registered under `name` ("segment", "entities", ...).
Result<std::unique_ptr<Stage>> MakeStage(std::string_view name, const StageOptions& options);

// The names MakeStage knows, in their default order.
const std::vector<std::string>& DefaultStageNames();

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

// Finds the data directory: $TIES_DATA_DIR, else <exe_dir>/../data,
// <exe_dir>/../share/ties/data, else the source tree's data/ compiled in.
std::string DefaultDataDir();

}  // namespace ties

#endif  // TIES_STAGE_H_
