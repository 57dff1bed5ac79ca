// native_lexicon.h: the language knowledge the entities and places stages use for Russian, Kazakh
// and Chinese text (issue #20), read once from data/<lang>/ and then only read.
//
// Everything here is data: the files named below hold the words and suffixes; this code only knows
// the file formats and how a lemma is guessed from a suffix table. A language whose files are
// absent gets an empty lexicon (no rule, no word), never an error.
//
//   data/<lang>/inflection.txt        "suffix<TAB>replacement" ("-" = nothing): a word ending in the
//                                     suffix may be a form of the word ending in the replacement
//                                     (ru "ии -> ия": Италии -> Италия; kk "да -> -": Астанада ->
//                                     Астана). Used for gazetteer lookups and canonical names.
//   data/<lang>/entities/<set>.txt    one word a line, lower case (sets are named by NativeSet)
//   data/<lang>/place_stopwords.txt   words that are never places alone in that language
//
// Thread-safety: immutable after Load(); any number of threads may read one lexicon.
#ifndef TIES_EXTRACT_NATIVE_NATIVE_LEXICON_H_
#define TIES_EXTRACT_NATIVE_NATIVE_LEXICON_H_

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ties/status.h"

namespace ties {

// True for the languages with a native lexicon: "ru", "kk", "zh".
bool IsNativeLanguage(std::string_view language);
// True when `cp` is a Han ideograph (CJK Unified Ideographs and their extensions, compatibility
// ideographs).
bool IsHan(char32_t cp);
// True when the first character of `text` is a Han ideograph.
bool StartsWithHan(std::string_view text);

// Word sets of data/<lang>/entities/, one file each (the file name is the set's name + ".txt").
enum class NativeSet : uint8_t {
  kRoles,          // roles.txt: "министр", "президент", "主席": stripped from persons, kept as role
  kRoleModifiers,  // role_modifiers.txt: "вице", "заместитель", "первый": extend a role leftwards
  kOrgHeads,       // org_heads.txt: "министерство", "компания": an organisation name starts here
  kOrgTails,       // org_tails.txt: "公司", "大学", "部": an organisation name ends here (Chinese)
  kOrgNames,       // org_names.txt: organisations known by name alone ("ООН", "НАТО", "新华社")
  kNotNames,       // not_names.txt: capitalised words that are no names ("Однако", "Министр" alone)
  kSurnames,       // surnames.txt: Chinese family names ("王", "欧阳")
  kPersonTails,    // person_tails.txt: "先生", "女士": a title after a Chinese name, not in it
  kGivenNames,     // given_names.txt: "аида", "қасым": a capitalised run with one is a person
  kSurnameEndings,     // surname_endings.txt: "ова", "ұлы": ends of surnames (EndsWith)
  kPatronymicEndings,  // patronymic_endings.txt: "ович", "қызы": ends of patronymics (EndsWith)
  kTransliteration,    // transliteration.txt: Han characters of transliterated foreign names
  kCount
};

// A set of words looked up by string_view without building a std::string.
struct WordSetHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using NativeWordSet = std::unordered_set<std::string, WordSetHash, std::equal_to<>>;

class NativeLexicon {
 public:
  NativeLexicon() = default;
  // Reads data_dir/<language>/...; missing files give empty sets. Errors only for unreadable files.
  static Result<NativeLexicon> Load(const std::string& data_dir, std::string_view language);

  // The lemma guesses of a lower-case word: the word itself first, then one per matching suffix
  // rule, longest suffix first, without duplicates; at most `max` (>= 1). Appends to `out`.
  void Lemmas(std::string_view lower, std::vector<std::string>& out, size_t max = 8) const;
  // Suffix rules whose suffix `lower` ends with exist (cheap pre-check).
  bool Inflected(std::string_view lower) const;

  bool Has(NativeSet set, std::string_view lower) const {
    return sets_[static_cast<size_t>(set)].find(lower) != sets_[static_cast<size_t>(set)].end();
  }
  const NativeWordSet& Set(NativeSet set) const { return sets_[static_cast<size_t>(set)]; }
  bool PlaceStopword(std::string_view lower) const { return place_stopwords_.count(std::string(lower)) != 0; }
  // True when `word` or one of its lemma guesses is in `set`.
  bool HasLemma(NativeSet set, std::string_view lower) const;
  // True when `lower` ends with an entry of `set` and keeps at least one more letter before it.
  bool EndsWith(NativeSet set, std::string_view lower) const;
  // Longest entry of `set` that `text` starts with (in bytes), 0 when none; entries are at most
  // MaxBytes(set) long. For Chinese surnames and org tails, which are not space-delimited.
  size_t MaxBytes(NativeSet set) const { return max_bytes_[static_cast<size_t>(set)]; }

 private:
  struct Rule {
    std::string suffix, replacement;
  };
  std::vector<Rule> rules_;  // longest suffix first
  std::array<NativeWordSet, static_cast<size_t>(NativeSet::kCount)> sets_;
  std::array<size_t, static_cast<size_t>(NativeSet::kCount)> max_bytes_{};
  std::unordered_set<std::string> place_stopwords_;
};

// The lexicons of ru, kk and zh, loaded once per data directory per process and shared (read-only)
// by every stage instance. Never null; languages without files have empty lexicons.
const NativeLexicon* SharedNativeLexicon(const std::string& data_dir, std::string_view language);

}  // namespace ties

#endif  // TIES_EXTRACT_NATIVE_NATIVE_LEXICON_H_
