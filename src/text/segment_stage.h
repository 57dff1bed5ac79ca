// segment_stage.h: the "segment" stage (tokens and sentences).
#ifndef TIES_TEXT_SEGMENT_STAGE_H_
#define TIES_TEXT_SEGMENT_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Assigns kFieldTokens | kFieldSentences. Loads <data>/<lang>/abbreviations.txt.
Result<std::unique_ptr<Stage>> MakeSegmentStage(const StageOptions& options);

// Assigns kFieldDateline: parses "ASTANA, June 16 (Xinhua) --" at the start of
// the text and resolves its date against the publication date. The dateline's
// country is filled later by the places stage (which owns the gazetteer).
Result<std::unique_ptr<Stage>> MakeDatelineStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_TEXT_SEGMENT_STAGE_H_
