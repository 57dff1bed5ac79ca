// sentence_splitter.h: sentences over tokens, with ICU and news abbreviations.
//
// ICU's sentence BreakIterator (with the CLDR "standard" suppressions for the
// language) proposes boundaries (run only around terminators: see IcuBreaks); a pass over tokens then removes boundaries
// that follow a known abbreviation ("Mr.", "Gen.", "Jan." before a number,
// "No." before a number, "U.S." before a capitalised non-sentence-starter,
// initials "J. Smith"), and adds boundaries at every paragraph break.
#ifndef TIES_TEXT_SENTENCE_SPLITTER_H_
#define TIES_TEXT_SENTENCE_SPLITTER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties {

// Language data for sentence splitting, loaded once and shared read-only.
struct SentenceRules {
  // Abbreviations that never end a sentence ("Mr", "Dr", "Gen"), stored without the dot.
  std::unordered_set<std::string> titles;
  // Abbreviations that end a sentence only before a sentence starter ("U.S.", "Inc").
  std::unordered_set<std::string> abbreviations;
  // Words that usually start a sentence ("The", "He", "But").
  std::unordered_set<std::string> sentence_starters;
  std::string icu_locale = "en";

  // Reads <dir>/abbreviations.txt (lines "title X", "abbr X", "starter X").
  static Result<SentenceRules> Load(const std::string& dir);
};

class SentenceSplitter {
 public:
  explicit SentenceSplitter(SentenceRules rules) : rules_(std::move(rules)) {}

  // REQUIRES: doc.tokens is filled for doc.text. Fills doc.sentences and sets
  // kTokSentenceStart. Thread-safe (each thread keeps its own ICU iterator).
  void Split(Document& doc) const;

  // The byte offsets where ICU's sentence iterator (with the CLDR
  // suppressions) breaks `text`. `full` walks ICU over the whole text (the
  // reference); otherwise ICU runs only on small windows around terminators
  // (what Split uses, 5-10x faster; equal to the reference on news text, see
  // the tests). Thread-safe.
  std::vector<uint32_t> IcuBreaks(std::string_view text, bool full) const;

 private:
  bool KeepTogether(const Document& doc, uint32_t last_token, uint32_t next_token) const;
  SentenceRules rules_;
};

}  // namespace ties

#endif  // TIES_TEXT_SENTENCE_SPLITTER_H_
