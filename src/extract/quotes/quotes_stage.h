// quotes_stage.h: the "quotes" stage: direct and reported quotes with speakers (issue #4).
#ifndef TIES_EXTRACT_QUOTES_QUOTES_STAGE_H_
#define TIES_EXTRACT_QUOTES_QUOTES_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences | kFieldEntities; assigns kFieldQuotes.
// Loads its resources from options.data_dir once; the stage is then immutable.
Result<std::unique_ptr<Stage>> MakeQuotesStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_QUOTES_QUOTES_STAGE_H_
