// quotes_stage.h: the "quotes" stage: direct and reported quotes with speakers (issue #4).
//
// Finds (1) direct quotes between quotation marks (quote_marks.h), (2) reported
// speech introduced by a cue from <data>/<lang>/quotes/cues.tsv ("X said (that)
// ...", "..., X said.", "noting that ...", "according to X, ..."), and gives each
// quote its cue and speaker. Speakers come from the attribution structure (cue
// plus the phrase before or after it) and are resolved to entities when the
// entities stage ran: the mention covering the phrase, else pronouns and
// nominals ("she", "the minister") resolve to the most recent matching person.
// Without entities, capitalised names are kept as speakers. Unnamed speakers
// ("a source", "officials") keep speaker_entity = -1 and their description.
// See docs/quotes.md for every rule and for the meaning of kind "mixed".
#ifndef TIES_EXTRACT_QUOTES_QUOTES_STAGE_H_
#define TIES_EXTRACT_QUOTES_QUOTES_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences | kFieldEntities; assigns kFieldQuotes.
// Loads <data_dir>/en/quotes/{cues,speakers}.tsv once; the stage is then
// immutable and Process() is thread-safe.
Result<std::unique_ptr<Stage>> MakeQuotesStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_QUOTES_QUOTES_STAGE_H_
