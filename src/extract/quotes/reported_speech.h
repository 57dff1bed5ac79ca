// reported_speech.h: reported speech from a source subject and its stance verb (issue #18).
//
// The cue pass of quotes_stage.cc finds speech introduced by the cues of
// cues.tsv in their frames ("X said that Y", "Y, X said"). News also reports
// claims, evaluations and plans without a complementiser: "The campaign called
// the charges fabricated", "Clinton cited his remarks as an example", "The
// ministry wants to double the quota", "Officials noted the new rules". This
// pass reads, in each sentence the cue pass left without any quote, a source
// subject (an entity mention, a pronoun, or a nominal whose head is a role,
// organisation, unnamed-source or document word of speakers.tsv) followed by a
// verb of stance.tsv or cues.tsv, and reports the rest of the clause as the
// content, bounded to kMaxReportedTokens tokens (docs/quotes.md).
#ifndef TIES_EXTRACT_QUOTES_REPORTED_SPEECH_H_
#define TIES_EXTRACT_QUOTES_REPORTED_SPEECH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/words.h"
#include "extract/quotes/quote_lexicon.h"
#include "ties/document.h"
#include "ties/status.h"

namespace ties {

// The content of one reported clause holds at most this many tokens: it ends at
// the clause end (";", sentence end) or here, whichever comes first, so one
// multi-megabyte sentence with a cue every few words stays linear.
constexpr uint32_t kMaxReportedTokens = 100;

// stance.tsv (verbs and their speech-act kinds) and cue_kinds.tsv (the kinds
// of the cues of cues.tsv). Loaded once, then read-only: thread-safe.
class StanceLexicon {
 public:
  struct Form {
    std::vector<std::string> words;  // lowercase tokens: {"point", "to"}
    std::string normalised, kind;    // "point to", "claim"
  };

  // Reads <dir>/stance.tsv, <dir>/clause_verbs.tsv and <dir>/cue_kinds.tsv. NotFound/ParseError on failure.
  static Result<StanceLexicon> Load(const std::string& dir);

  // The longest stance.tsv form whose words equal lowered[0..available); nullptr when none.
  const Form* Match(uint64_t first_hash, const std::string_view* lowered, size_t available) const {
    return stance_.Match(first_hash, lowered, available);
  }
  // The same over clause_verbs.tsv (verbs read only when the clause layer found their clause).
  const Form* MatchClauseVerb(uint64_t first_hash, const std::string_view* lowered, size_t available) const {
    return clause_verbs_.Match(first_hash, lowered, available);
  }

  const std::string& normalised(const Form& f) const { return f.normalised; }
  const std::string& kind(const Form& f) const { return f.kind; }
  // The kind of a cues.tsv cue ("deny" -> "denial"); "statement" when not listed.
  const std::string& CueKind(std::string_view normalised_cue) const;

 private:
  // The forms of one file (stance.tsv's format), found by their first word.
  struct FormTable {
    std::vector<std::vector<Form>> by_first;  // forms sharing a first word, longest first
    lex::WordMap first;                       // first-word hash -> 1 + index into by_first
    Status Load(const std::string& path);
    const Form* Match(uint64_t first_hash, const std::string_view* lowered, size_t available) const;
  };
  FormTable stance_, clause_verbs_;
  StringMap<std::string> cue_kinds_;
  std::string statement_ = "statement";
};

// Adds indirect quotes for "SUBJECT VERB CONTENT" sentences that hold no quote
// yet, and keeps doc.quotes in text order. REQUIRES: doc.quotes in text order
// (as the cue pass emits them), tokens and sentences segmented. Linear in the
// tokens (each sentence is read once, content bounded by kMaxReportedTokens).
void AddSubjectAttributions(const QuoteLexicon& cues, const StanceLexicon& stance, Document& doc);

// Adds one indirect attribution per clause of Document::clauses (the clause
// stage) whose subject names a source and whose verb no quote cues yet; cuts an
// existing reported content where a clause it does not govern begins ("A, but
// he said that B"). Nothing without clauses. Linear in tokens and clauses.
void AddClauseAttributions(const QuoteLexicon& cues, const StanceLexicon& stance, Document& doc);

// Fills Quote::cue_kind for every quote from its normalised cue.
void SetCueKinds(const StanceLexicon& stance, Document& doc);

}  // namespace ties

#endif  // TIES_EXTRACT_QUOTES_REPORTED_SPEECH_H_
