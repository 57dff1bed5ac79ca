// themes_stage.h: the "themes" stage: theme taxonomy with evidence counts (issue #5).
#ifndef TIES_EXTRACT_THEMES_THEMES_STAGE_H_
#define TIES_EXTRACT_THEMES_THEMES_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens; assigns kFieldThemes.
// Loads its resources from options.data_dir once; the stage is then immutable.
Result<std::unique_ptr<Stage>> MakeThemesStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_THEMES_THEMES_STAGE_H_
