// events_stage.h: the "events" stage: CAMEO events between actors (issue #5).
#ifndef TIES_EXTRACT_EVENTS_EVENTS_STAGE_H_
#define TIES_EXTRACT_EVENTS_EVENTS_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences | kFieldEntities | kFieldTags | kFieldClauses (the tag and
// clause stages run before it); assigns kFieldEvents.
// Loads its resources from options.data_dir once; the stage is then immutable.
Result<std::unique_ptr<Stage>> MakeEventsStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_EVENTS_EVENTS_STAGE_H_
