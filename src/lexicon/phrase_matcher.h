// phrase_matcher.h: dictionaries of word sequences over a document's
// lowercased tokens (lexicon/words.h), shared by the events, themes, tone,
// dates and quotes stages.
//
// Dictionary phrases are tokenized with the same tokenizer as the article, so a
// phrase matches exactly the token sequence the article would produce
// ("People's Republic" -> people ' s republic). Matching is on lowercased token
// text (curly apostrophes folded to '), except for phrases written with an
// uppercase letter that are marked case-sensitive by the loader (US vs "us").
// Verb lemmas ("~agree") expand to their inflections at load time; "*" is a
// gap of up to kMaxGap skippable tokens. Everything is built once and then
// read-only, so matchers may be shared between threads.
#ifndef TIES_LEXICON_PHRASE_MATCHER_H_
#define TIES_LEXICON_PHRASE_MATCHER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexicon/words.h"
#include "ties/document.h"
#include "ties/status.h"

namespace ties::lex {

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
  // `tags` are caller bits ORed per first word (FirstWords), e.g. the kind of entry.
  Status Add(std::string_view pattern, uint32_t payload, bool case_sensitive = false, uint32_t tags = 0);

  // Every first-word form hash with the OR of the tags of the phrases starting with it.
  std::vector<std::pair<uint64_t, uint32_t>> FirstWords() const;

  // The most specific phrase (most literal words, then longest) starting at
  // token `start` and ending at or before `limit`.
  // `lower` holds the lowercased tokens (LowerTokens), `doc` the original text
  // for case-sensitive words. `skippable(i)` says whether token i may be
  // skipped by a gap. Ties go to the phrase added first.
  bool LongestAt(const Document& doc, const LowerText& lower, uint32_t start, uint32_t limit, SkipFn skippable,
                 Match* match) const;

  // True when some phrase starts with the word of hash `h`: the cheap test to
  // run before LongestAt.
  bool StartsPhrase(uint64_t h) const { return by_first_.Contains(h); }

  // True when `word` is a past participle of some "~lemma" added.
  bool IsParticiple(std::string_view word) const { return participles_.Contains(HashWord(word)); }
  bool IsParticiple(uint64_t h) const { return participles_.Contains(h); }
  const WordMap& participles() const { return participles_; }

  size_t size() const { return phrases_.size(); }

 private:
  struct Word {
    std::vector<uint64_t> forms;  // hashes of the lowercase alternatives; empty for a gap
    std::string exact;            // when non-empty: the token text must equal it
    bool gap = false;
  };
  struct Phrase {
    std::vector<Word> words;
    uint32_t payload = 0;
    uint32_t order = 0;
    size_t literal_words = 0;  // words that are not gaps: the phrase's specificity
  };
  bool MatchFrom(const Document& doc, const LowerText& lower, const Phrase& phrase, size_t word_idx, uint32_t pos,
                 uint32_t limit, SkipFn skippable, uint32_t* end) const;
  static bool WordMatches(const Document& doc, const LowerText& lower, const Word& word, uint32_t pos);

  std::vector<Phrase> phrases_;
  WordMap by_first_;                          // first-word form hash -> index into first_lists_
  std::vector<std::vector<uint32_t>> first_lists_;  // phrase ids per first word
  std::vector<std::pair<uint64_t, uint32_t>> first_tags_;  // per first word: hash, OR of tags
  WordMap participles_;
};

}  // namespace ties::lex

#endif  // TIES_LEXICON_PHRASE_MATCHER_H_
