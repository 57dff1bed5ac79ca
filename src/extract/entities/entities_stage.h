// entities_stage.h: the "entities" stage: persons, organisations, countries and demonyms (issue #3).
#ifndef TIES_EXTRACT_ENTITIES_ENTITIES_STAGE_H_
#define TIES_EXTRACT_ENTITIES_ENTITIES_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences; assigns kFieldEntities.
// Loads its resources from options.data_dir once; the stage is then immutable.
Result<std::unique_ptr<Stage>> MakeEntitiesStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_ENTITIES_ENTITIES_STAGE_H_
