// stage_registry.h: stages by name. The names are those of data/pipeline.cfg
// and --stages; src/pipeline/registry.cc maps each to its factory.
#ifndef TIES_STAGE_REGISTRY_H_
#define TIES_STAGE_REGISTRY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ties/stage.h"
#include "ties/status.h"

namespace ties {

// Creates the stage registered under `name` ("segment", "entities", ...).
Result<std::unique_ptr<Stage>> MakeStage(std::string_view name, const StageOptions& options);

// The names MakeStage knows, in their default order.
const std::vector<std::string>& DefaultStageNames();

}  // namespace ties

#endif  // TIES_STAGE_REGISTRY_H_
