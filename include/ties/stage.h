// stage.h: the one interface every pipeline stage implements.
//
// A stage reads some Document fields and assigns others (spaCy's Pipe with
// requires/assigns, ties/doc_fields.h). Stages are built once, load their
// language resources in their factory, and are then immutable: Process() is
// const and may be called from many threads at once on different Documents.
// Stages are made by name (ties/stage_registry.h) and run in order by a
// Pipeline (ties/pipeline.h).
#ifndef TIES_STAGE_H_
#define TIES_STAGE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "ties/doc_fields.h"
#include "ties/document.h"
#include "ties/status.h"

namespace ties {

// What every stage factory receives.
struct StageOptions {
  // Root of the resource tree: <data_dir>/common/... and <data_dir>/<lang>/...
  std::string data_dir;
};

// Finds the data directory: $TIES_DATA_DIR, else <exe_dir>/../data,
// <exe_dir>/../share/ties/data, else the source tree's data/ compiled in.
std::string DefaultDataDir();

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

}  // namespace ties

#endif  // TIES_STAGE_H_
