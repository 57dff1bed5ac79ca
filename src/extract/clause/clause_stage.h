// clause_stage.h: the "clause" stage: subjects, objects, complements, negation,
// modality and clause kinds per verb group (ties/clause.h, docs/clauses.md).
#ifndef TIES_EXTRACT_CLAUSE_CLAUSE_STAGE_H_
#define TIES_EXTRACT_CLAUSE_CLAUSE_STAGE_H_

#include <memory>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences | kFieldTags; assigns kFieldClauses.
// Loads <data>/en/clause/words.tsv and modality.tsv once. Documents in other
// languages (their tags are all kNone) get no clauses.
Result<std::unique_ptr<Stage>> MakeClauseStage(const StageOptions& options);

}  // namespace ties

#endif  // TIES_EXTRACT_CLAUSE_CLAUSE_STAGE_H_
