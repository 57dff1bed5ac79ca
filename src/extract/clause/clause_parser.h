// clause_parser.h: chunk-based shallow parsing of one sentence into clauses
// (ties/clause.h). The "clause" stage runs it per sentence; tests run it on
// hand-tagged sentences.
//
// A sentence is first cut into units (noun phrases, verb groups, prepositions,
// clause openers, commas, coordinators, stops) from the tag stage's IOB chunks
// and POS tags. Each verb group then looks left for its subject, never further
// than the previous verb group, and its arguments are the units to its right
// up to the next clause. Every unit is looked at a bounded number of times, so
// a sentence costs time linear in its length (docs/clauses.md).
#ifndef TIES_EXTRACT_CLAUSE_CLAUSE_PARSER_H_
#define TIES_EXTRACT_CLAUSE_CLAUSE_PARSER_H_

#include <string>
#include <vector>

#include "lexicon/words.h"
#include "ties/document.h"
#include "ties/status.h"

namespace ties::clause {

// Word classes of data/en/clause/words.tsv and modality.tsv, one bit each.
enum WordClass : uint32_t {
  kNeg = 1u << 0,
  kPassiveAux = 1u << 1,
  kSpeech = 1u << 2,
  kRelative = 1u << 3,
  kThat = 1u << 4,
  kConditional = 1u << 5,
  kAdverbial = 1u << 6,
  kPurpose = 1u << 7,
  kControl = 1u << 8,
  kAuxWill = 1u << 9,
  kAuxPossible = 1u << 10,
  kAuxMust = 1u << 11,
  kFramePlan = 1u << 12,
  kFrameRefuse = 1u << 13,
  kFrameThreat = 1u << 14,
  kFrameAppeal = 1u << 15,
  kFrameDemand = 1u << 16,
  kFrameTry = 1u << 17,
};

// The word classes, loaded once from <data_dir>/en/clause/; read-only afterwards.
class ClauseLexicon {
 public:
  // ParseError naming file and line for a malformed line, NotFound for a missing file.
  static Result<ClauseLexicon> Load(const std::string& data_dir);
  uint32_t Classes(uint64_t word_hash) const { return words_.Get(word_hash); }

 private:
  lex::WordMap words_;
};

// What the parser reads per token, besides the Document.
enum class UnitKind : uint8_t { kNP, kVerbGroup, kPrep, kOpener, kComma, kCoord, kParticle, kStop, kOther };

struct Unit {
  UnitKind kind = UnitKind::kOther;
  uint32_t begin = 0, end = 0;  // token range
  uint32_t head = kNoToken;     // NP: last noun; verb group: last verb; others: last token
};

// Reused between sentences so parsing allocates nothing once warm.
struct ParseScratch {
  std::vector<Unit> units;
  std::vector<uint32_t> word_classes;  // per token of the sentence
  std::vector<int32_t> clause_at_unit; // clause index per verb-group unit, -1 otherwise
  std::vector<uint32_t> subject_unit;  // per clause of the sentence: first unit of its subject (or its verb unit)
  std::vector<uint32_t> verb_unit;     // per clause of the sentence: its verb-group unit
  std::vector<uint8_t> finite_after;   // per unit: a finite verb group follows it
};

// Appends the clauses of doc.sentences[sentence_idx] to doc.clauses and their
// arguments to doc.clause_args. REQUIRES: doc.pos and doc.chunks parallel to
// doc.tokens; `lower` built for doc.
void ParseSentence(const ClauseLexicon& lexicon, const lex::LowerText& lower, uint32_t sentence_idx, Document& doc,
                   ParseScratch& scratch);

}  // namespace ties::clause

#endif  // TIES_EXTRACT_CLAUSE_CLAUSE_PARSER_H_
