// tag_stage.h: the "tag" stage: part-of-speech tags and IOB chunks for every
// token of an English document (Document::pos, Document::chunks).
#ifndef TIES_TAGGER_TAG_STAGE_H_
#define TIES_TAGGER_TAG_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences; assigns kFieldTags. Loads
// <data>/en/tagger/pos.model and chunk.model (docs/tagger.md); a missing or
// corrupt model fails here, naming the file and the reason. Documents in other
// languages get kNone / O for every token (the vectors stay parallel to tokens).
Result<std::unique_ptr<Stage>> MakeTagStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_TAGGER_TAG_STAGE_H_
