// dates_stage.h: the "dates" stage: temporal expressions resolved against the publication date (issue #5).
#ifndef TIES_EXTRACT_DATES_DATES_STAGE_H_
#define TIES_EXTRACT_DATES_DATES_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens; assigns kFieldDates.
// Loads its resources from options.data_dir once; the stage is then immutable.
Result<std::unique_ptr<Stage>> MakeDatesStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_DATES_DATES_STAGE_H_
