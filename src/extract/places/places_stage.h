// places_stage.h: the "places" stage: toponyms resolved against the GeoNames gazetteer (issue #3).
#ifndef TIES_EXTRACT_PLACES_PLACES_STAGE_H_
#define TIES_EXTRACT_PLACES_PLACES_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences | kFieldEntities | kFieldDateline; assigns kFieldPlaces.
// Loads its resources from options.data_dir once; the stage is then immutable.
Result<std::unique_ptr<Stage>> MakePlacesStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_PLACES_PLACES_STAGE_H_
