// lexicon.h: word-sequence dictionaries over lowercased tokens, shared by the
// events, themes and tone stages.
//
// Dictionary phrases are tokenized with the same tokenizer as the article, so a
// phrase matches exactly the token sequence the article would produce
// ("People's Republic" -> people ' s republic). Matching is on lowercased token
// text (curly apostrophes folded to '), except for phrases written with an
// uppercase letter that are marked case-sensitive by the loader (US vs "us").
// Verb lemmas ("~agree") expand to their inflections at load time; "*" is a
// gap of up to kMaxGap skippable tokens. Everything is built once and then
// read-only, so matchers may be shared between threads.
#ifndef TIES_EXTRACT_EVENTS_LEXICON_H_
#define TIES_EXTRACT_EVENTS_LEXICON_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties::lex {

// Lowercased text of every token of `doc` (ASCII fast path, ICU otherwise;
// U+2019 and U+2018 folded to '). `out` is resized to doc.tokens.size().
void LowerTokens(const Document& doc, std::vector<std::string>* out);

// Reads a UTF-8 data file: skips blank lines and lines starting with '#',
// splits the rest on tabs and calls `fn(columns, line_number)`.
// Returns NotFound when the file cannot be opened, or the first error of `fn`.
Status ReadTsv(const std::string& path,
               const std::function<Status(const std::vector<std::string_view>&, int)>& fn);

// Splits `s` on `sep`, trimming ASCII spaces and dropping empty parts.
std::vector<std::string_view> Split(std::string_view s, char sep);

// The inflections of an English verb lemma: base, 3rd person singular, past,
// past participle, gerund (regular rules, consonant doubling variants and an
// irregular table). `participles` receives the past-participle forms.
std::vector<std::string> Inflect(std::string_view lemma, std::vector<std::string>* participles = nullptr);

// The base-form spellings (lemma and 3rd person singular) of a lemma; these are
// the forms that double as nouns ("attack", "attacks").
bool IsBaseForm(std::string_view word, std::string_view lemma);

// A dictionary of word sequences with a payload each.
class PhraseMatcher {
 public:
  static constexpr int kMaxGap = 5;

  struct Match {
    uint32_t payload = 0;
    uint32_t begin = 0;  // token index of the first matched word
    uint32_t end = 0;    // one past the last matched word
  };

  // Adds a phrase. `pattern` is space-separated; "~lemma" words match any
  // inflection, "*" is a gap. When `case_sensitive` is true, words written with
  // an uppercase letter must match the token text exactly.
  // Returns InvalidArgument for an empty pattern or one that starts or ends with "*".
  Status Add(std::string_view pattern, uint32_t payload, bool case_sensitive = false);

  // The most specific phrase (most literal words, then longest) starting at
  // token `start` and ending at or before `limit`.
  // `lower` holds the lowercased tokens (LowerTokens), `doc` the original text
  // for case-sensitive words. `skippable(i)` says whether token i may be
  // skipped by a gap. Ties go to the phrase added first.
  bool LongestAt(const Document& doc, const std::vector<std::string>& lower, uint32_t start, uint32_t limit,
                 const std::function<bool(uint32_t)>& skippable, Match* match) const;

  // True when `word` is a past participle of some "~lemma" added.
  bool IsParticiple(std::string_view word) const { return participles_.count(std::string(word)) != 0; }

  size_t size() const { return phrases_.size(); }

 private:
  struct Word {
    std::vector<std::string> forms;  // lowercase alternatives; empty for a gap
    std::string exact;               // when non-empty: the token text must equal it
    bool gap = false;
  };
  struct Phrase {
    std::vector<Word> words;
    uint32_t payload = 0;
    uint32_t order = 0;
    size_t literal_words = 0;  // words that are not gaps: the phrase's specificity
  };
  bool MatchFrom(const Document& doc, const std::vector<std::string>& lower, const Phrase& phrase, size_t word_idx,
                 uint32_t pos, uint32_t limit, const std::function<bool(uint32_t)>& skippable,
                 uint32_t* end) const;
  static bool WordMatches(const Document& doc, const std::vector<std::string>& lower, const Word& word,
                          uint32_t pos);

  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_first_;  // first-word form -> phrase ids
  std::unordered_set<std::string> participles_;
};

}  // namespace ties::lex

#endif  // TIES_EXTRACT_EVENTS_LEXICON_H_
