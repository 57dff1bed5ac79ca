// doc_fields.h: the Document fields a stage reads and writes, as bits, for the
// requires/assigns check of Pipeline::Create (ties/pipeline.h).
#ifndef TIES_DOC_FIELDS_H_
#define TIES_DOC_FIELDS_H_

#include <cstdint>

namespace ties {

// Document fields, as a bit set, for the requires/assigns check.
enum DocField : uint32_t {
  kFieldTokens = 1u << 0,
  kFieldSentences = 1u << 1,
  kFieldDateline = 1u << 2,
  kFieldEntities = 1u << 3,  // entities and mentions
  kFieldPlaces = 1u << 4,
  kFieldQuotes = 1u << 5,
  kFieldEvents = 1u << 6,
  kFieldThemes = 1u << 7,
  kFieldTone = 1u << 8,
  kFieldDates = 1u << 9,
  kFieldTags = 1u << 10,  // pos and chunks, parallel to tokens (ties/tags.h)
  kFieldClauses = 1u << 11,  // clauses and clause_args (ties/clause.h)
};

}  // namespace ties

#endif  // TIES_DOC_FIELDS_H_
