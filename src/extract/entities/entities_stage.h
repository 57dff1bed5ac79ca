// entities_stage.h: the "entities" stage: persons, organisations, countries and demonyms (issue #3).
#ifndef TIES_EXTRACT_ENTITIES_ENTITIES_STAGE_H_
#define TIES_EXTRACT_ENTITIES_ENTITIES_STAGE_H_

#include <memory>
#include <string>

#include "ties/stage.h"

namespace ties {

// Requires kFieldTokens | kFieldSentences; assigns kFieldEntities (entities and mentions).
// Loads its resources from options.data_dir once (data/common/countries*.tsv, orgs.tsv,
// data/en/entities/*; see docs/entities.md); the stage is then immutable and thread-safe.
// Fails with NotFound/ParseError when a table is missing or malformed.
Result<std::unique_ptr<Stage>> MakeEntitiesStage(const StageOptions& options);

// The English word list the stage reads to tell dictionary words from names:
// $TIES_WORDLIST, else Debian wamerican's /usr/share/dict/american-english. Optional: when the
// file is absent the stage still runs, with weaker sentence-initial decisions.
std::string EntitiesWordListPath();

}  // namespace ties

#endif  // TIES_EXTRACT_ENTITIES_ENTITIES_STAGE_H_
