// clause.h: the clause layer: for each verb group of a sentence, who does what
// to whom (Document::clauses, Document::clause_args; field kFieldClauses).
//
// The "clause" stage fills it from the tag stage's POS tags and IOB chunks by
// shallow parsing (docs/clauses.md): noun-phrase chunks, verb groups, the
// subject to the left of each verb group, objects and prepositional
// complements to its right, clause boundaries at complementizers, relative
// pronouns and conjunctions. Every position is a token index into
// Document::tokens; nothing is copied from the text.
#ifndef TIES_CLAUSE_H_
#define TIES_CLAUSE_H_

#include <cstdint>
#include <string_view>

namespace ties {

// "No token": an absent token index (shared with the quotes stage).
inline constexpr uint32_t kNoToken = UINT32_MAX;

// A token range [begin, end) with its head token (the last noun of a noun
// phrase, the lexical verb of a verb group). head == kNoToken when empty.
struct TokenRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t head = kNoToken;
  bool empty() const { return head == kNoToken; }
};

// How a clause hangs in its sentence.
enum class ClauseKind : uint8_t {
  kMain,        // an independent clause (also each conjunct of "X did A and Y did B")
  kRelative,    // "..., which signed the deal": subject is the antecedent noun phrase
  kSpeech,      // complement of a speech verb: "said (that) China would ..."
  kComplement,  // other "that" complement, or "to"-infinitive of a control verb ("agreed to meet")
  kConditional, // "if" / "unless"
  kPurpose,     // "to"-infinitive after a complete clause, "in order to"
  kAdverbial,   // "while", "after", "because", ... (time, cause, concession)
};
std::string_view ClauseKindName(ClauseKind kind);  // "main", "relative", "speech", ...

// What the clause's verb group (or the frame verb governing it) says about
// whether the action happened. Values name the data file's classes
// (data/en/clause/modality.tsv).
enum class Modality : uint8_t {
  kNone,      // asserted: "signed", "has signed"
  kWill,      // future or conditional auxiliary: "will sign", "would sign"
  kPossible,  // "can", "could", "may", "might"
  kMust,      // "must", "should", "ought to", "has to"
  kPlan,      // intention: "plans to", "agreed to", "pledged to", "wants to"
  kRefuse,    // "refused to", "declined to"
  kThreat,    // "threatened to"
  kAppeal,    // "urged X to", "called on X to", "asked X to"
  kDemand,    // "demanded that", "ordered X to"
  kTry,       // "tried to", "sought to"
};
std::string_view ModalityName(Modality modality);  // "none", "will", ...

enum class ArgRole : uint8_t {
  kObject,  // a noun phrase after the verb group: "signed [a deal]", "met [Xi]"
  kPrep,    // a prepositional complement: "met [with] [Xi]", "accused X [of] [spying]"
  kAgent,   // the "by" phrase of a passive: "was criticised [by] [China]"
};
std::string_view ArgRoleName(ArgRole role);  // "object", "prep", "agent"

// One argument of a clause (Document::clause_args).
struct ClauseArg {
  ArgRole role = ArgRole::kObject;
  uint32_t preposition = kNoToken;  // kPrep/kAgent: the preposition token
  TokenRange phrase;                // the noun phrase (coordinated ones joined: "China and Russia")
};

struct Clause {
  uint32_t sentence = 0;       // index into Document::sentences
  TokenRange verb;             // the verb group ("has not yet signed"); head = the lexical verb
  uint32_t particle = kNoToken;  // a verb particle: "set [up]", "called [off]"
  TokenRange subject;          // empty when none was found; shared by coordinated verbs
  uint32_t args_begin = 0;     // this clause's arguments: clause_args[args_begin, args_end)
  uint32_t args_end = 0;
  ClauseKind kind = ClauseKind::kMain;
  Modality modality = Modality::kNone;
  uint32_t frame_verb = kNoToken;  // the verb that gave the modality ("refused" in "refused to sign")
  bool negated = false;        // "not", "n't", "never" in the verb group or on its frame verb
  bool passive = false;        // a form of "be"/"get" + past participle
  bool subject_inherited = false;  // taken from a coordinated or governing clause, not found before the verb
  int32_t parent = -1;         // index into Document::clauses of the governing clause, -1 for none
  uint32_t boundary = kNoToken;  // the word that opened the clause: "that", "which", "if", "to"
};

}  // namespace ties

#endif  // TIES_CLAUSE_H_
