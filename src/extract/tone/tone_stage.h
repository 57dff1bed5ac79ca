// tone_stage.h: the "tone" stage: GDELT-style tone per article and quote (issue #5).
#ifndef TIES_EXTRACT_TONE_TONE_STAGE_H_
#define TIES_EXTRACT_TONE_TONE_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences; assigns kFieldTone.
// Loads its resources from options.data_dir once; the stage is then immutable.
Result<std::unique_ptr<Stage>> MakeToneStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_TONE_TONE_STAGE_H_
