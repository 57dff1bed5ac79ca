// basic_stages.h: small stages that wrap library functions.
//   "language":    doc.meta.language from CLD2 when the input did not declare it.
//   "fingerprint": doc.meta.simhash (near-duplicate detection) and doc.meta.wire_agency
//                  (credits and sign-offs from data/, dedup/wire_agency.h).
// Issue 16: alike in shape only to segment_stage.h (every stage factory header is).
#ifndef TIES_PIPELINE_BASIC_STAGES_H_
#define TIES_PIPELINE_BASIC_STAGES_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

Result<std::unique_ptr<Stage>> MakeLanguageStage(const StageOptions& options);
Result<std::unique_ptr<Stage>> MakeFingerprintStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_PIPELINE_BASIC_STAGES_H_
