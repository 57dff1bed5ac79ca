// quote_lexicon.h: the language data of the "quotes" stage (cue verbs and speaker words).
//
// Loaded once from <data_dir>/<lang>/quotes/{cues.tsv,speakers.tsv} (formats are
// documented in the files' headers) and then read-only: safe to share between threads.
#ifndef TIES_EXTRACT_QUOTES_QUOTE_LEXICON_H_
#define TIES_EXTRACT_QUOTES_QUOTE_LEXICON_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lexicon/words.h"
#include <vector>

#include "ties/status.h"

namespace ties {

// How a cue introduces reported content (letters of cues.tsv's "frames" column).
enum CueFrame : uint32_t {
  kCueClause = 1u << 0,      // c: clause directly after the cue
  kCueThat = 1u << 1,        // t: clause after "that"
  kCueObject = 1u << 2,      // o: object before the clause ("told Xinhua that")
  kCueInfinitive = 1u << 3,  // i: "urged X to ..."
  kCueTail = 1u << 4,        // a: "..., she said."
  kCueDirect = 1u << 5,      // d: attributes direct quotes
  kCuePrep = 1u << 6,        // p: "according to X"
};
// Issue 16: a bit enum alike in shape only to clause_parser.h's WordClass.
// Word classes of speakers.tsv, as a bit set per word.
enum SpeakerWordClass : uint32_t {
  kWordPronoun = 1u << 0,
  kWordRelative = 1u << 1,
  kWordUnnamed = 1u << 2,
  kWordRole = 1u << 3,
  kWordOrg = 1u << 4,
  kWordModifier = 1u << 5,
  kWordDet = 1u << 6,
  kWordSkip = 1u << 7,
  kWordTitle = 1u << 8,
  kWordBarrier = 1u << 9,
  kWordIntro = 1u << 10,
  kWordTime = 1u << 11,
  kWordDocument = 1u << 12,  // documents and polls that report ("a new poll shows")
  kWordAux = 1u << 13,       // auxiliaries and modals before a verb ("has", "will", "could")
};

struct CueEntry {
  std::string normalised;  // "say", "express hope"
  uint32_t frames = 0;     // CueFrame bits
};

struct CueForm {
  std::vector<std::string> words;  // lowercase tokens: {"expressed", "hope"}
  uint32_t entry = 0;              // index into QuoteLexicon::cues
  bool participle = false;         // first word ends in "ing"
};

// Heterogeneous lookup: string_view keys without building a std::string.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;

class QuoteLexicon {
 public:
  // Reads <dir>/cues.tsv and <dir>/speakers.tsv. NotFound/ParseError on failure.
  static Result<QuoteLexicon> Load(const std::string& dir);

  // The longest cue form whose words equal lowered[0..]; nullptr when none.
  // `lowered` holds lowercase token texts; at most `available` of them are read.
  const CueForm* MatchCue(const std::string_view* lowered, size_t available) const;
  // The same, with the first word found by its lex::HashWord hash (the hot path:
  // one flat-table probe for the many tokens that start no cue).
  const CueForm* MatchCue(uint64_t first_hash, const std::string_view* lowered, size_t available) const;

  const CueEntry& entry(const CueForm& form) const { return cues_[form.entry]; }

  uint32_t WordClass(std::string_view lower_word) const {
    auto it = words_.find(lower_word);
    return it == words_.end() ? 0 : it->second;
  }
  // WordClass by the word's lex::HashWord hash.
  uint32_t WordClass(uint64_t hash) const { return class_by_hash_.Get(hash); }
  bool Is(std::string_view lower_word, SpeakerWordClass c) const { return (WordClass(lower_word) & c) != 0; }
  // 'f', 'm', 'p', 'n', 's' for pronouns; 0 otherwise.
  char PronounGender(std::string_view lower_word) const;

  size_t cue_count() const { return cues_.size(); }

 private:
  std::vector<CueEntry> cues_;
  // First word -> forms starting with it, longest first.
  StringMap<std::vector<CueForm>> forms_;
  StringMap<uint32_t> words_;
  StringMap<char> genders_;
  // Hash-keyed copies for the per-token hot path: word -> class bits, and
  // first word -> 1 + index into first_forms_.
  lex::WordMap class_by_hash_;
  lex::WordMap forms_by_hash_;
  std::vector<const std::vector<CueForm>*> first_forms_;
};

}  // namespace ties

#endif  // TIES_EXTRACT_QUOTES_QUOTE_LEXICON_H_
