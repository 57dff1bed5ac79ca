// lexicon.h: the language resources of the entities stage, loaded once and shared read-only.
//
// An EntityLexicon holds every table the recogniser consults: countries (names, aliases,
// demonyms, capitals) from data/common/countries.tsv, regions from countries_regions.tsv, known
// organisations from orgs.tsv, and the English lexicons in data/en/entities/ (titles, honorifics,
// given names, pronouns, organisation pattern words, ...). docs/entities.md describes each file.
//
// Multi-word names are matched over tokens: each entry is tokenized with the project tokenizer,
// lower-cased, and stored under the key "tok1 tok2 ..." (PhraseKey); the recogniser builds the
// same key from the text's tokens and looks it up, longest first. No regex runs over the text.
//
// Thread-safety: immutable after Load(); all methods are const and safe from many threads.
#ifndef TIES_EXTRACT_ENTITIES_LEXICON_H_
#define TIES_EXTRACT_ENTITIES_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ties/status.h"

namespace ties::entities {

// A row of countries.tsv.
struct CountryInfo {
  std::string alpha3;  // "KAZ"
  std::string alpha2;  // "KZ"
  std::string name;    // "Kazakhstan"
  std::vector<std::string> aliases;
  std::vector<std::string> demonyms;  // "Kazakh", "Kazakhstani"
  std::vector<std::string> capitals;  // "Astana", "Nur-Sultan"
};

// A row of countries_regions.tsv.
struct RegionInfo {
  std::string name;     // "Central Asia"
  std::string country;  // alpha-3 or empty
  std::string kind;     // "region" | "nation"
};

// A row of orgs.tsv.
struct OrgInfo {
  std::string name;     // "Xinhua"
  std::string country;  // alpha-3 or empty
  std::string kind;     // "news agency"
};

// A row of titles.tsv.
struct TitleInfo {
  std::string title;   // "foreign minister"
  std::string sector;  // "GOV"
  std::string head;    // "minister": the word a nominal mention uses
  char gender = 0;     // 'm', 'f' or 0
};

enum class PhraseKind : uint8_t { kCountry, kDemonym, kRegion, kOrg, kCapital };

// One dictionary entry a phrase key maps to.
struct PhraseEntry {
  PhraseKind kind = PhraseKind::kCountry;
  uint32_t index = 0;  // into countries(), regions() or orgs() (kCapital, kDemonym: countries())
  // The entry's own tokens as written ("U.S.", "Kazakh"); the recogniser checks the text's case
  // against them: a capitalised entry token needs a capitalised text token, an acronym ("US",
  // "WHO") an all-upper one.
  std::vector<std::string> surface;
};

struct OrgPattern {
  std::string kind;  // org_kind
  bool prefix = false;  // "Ministry of ...": may start a name and take an of-complement
};

class EntityLexicon {
 public:
  // Loads <data_dir>/common/{countries,countries_regions,orgs}.tsv and
  // <data_dir>/<language>/entities/*. `wordlist_path` is an English word list (one word a line,
  // proper nouns capitalised; Debian's wamerican /usr/share/dict/american-english); when the file
  // does not exist the lexicon works without it (sentence-initial words are then judged by the
  // stop list only). Fails with NotFound/ParseError naming the file and line.
  static Result<std::unique_ptr<EntityLexicon>> Load(const std::string& data_dir,
                                                     const std::string& language = "en",
                                                     const std::string& wordlist_path = "");

  // The key of a token sequence: lower-cased tokens joined by one space.
  static std::string PhraseKey(const std::vector<std::string>& lower_tokens);
  // Lower case of one token (ASCII fast path, ICU otherwise).
  static std::string Lower(std::string_view token);

  // Dictionary entries for a phrase key, or nullptr.
  const std::vector<PhraseEntry>* FindPhrase(const std::string& key) const;
  // True when `key` is a phrase key or the start of one, word-aligned ("united" of "united
  // states"): matchers stop extending a key that is not.
  bool IsPhrasePrefix(const std::string& key) const { return phrase_prefixes_.count(key) > 0; }
  bool IsTitlePrefix(const std::string& key) const { return title_prefixes_.count(key) > 0; }
  // Longest number of tokens of any phrase entry.
  uint32_t max_phrase_tokens() const { return max_phrase_tokens_; }
  // True when some single-token entry has this lower-cased form (used to split "Kazakhstan-China").
  bool IsSingleTokenPhrase(const std::string& lower) const;

  // Titles: the entry for a lower-cased key ("secretary of state"), or nullptr.
  const TitleInfo* FindTitle(const std::string& key) const;
  uint32_t max_title_tokens() const { return max_title_tokens_; }
  // Role modifiers that may precede a title: "former", "deputy", "acting" (lower case).
  bool IsRoleModifier(const std::string& lower) const { return role_modifiers_.count(lower) > 0; }
  // Modifiers that date the role ("former", "then") and stay out of the role text.
  bool IsTimeModifier(const std::string& lower) const {
    auto it = role_modifiers_.find(lower);
    return it != role_modifiers_.end() && it->second;
  }

  // Honorific gender: 'm', 'f', '-' (no gender), or 0 when `lower` is not an honorific.
  char HonorificGender(const std::string& lower) const;
  // Given-name gender: 'm', 'f', '-', or 0 when not a known given name. Case-sensitive ("Aida").
  char GivenNameGender(std::string_view name) const;
  bool IsFamilyFirstSurname(std::string_view name) const { return family_first_.count(std::string(name)) > 0; }
  // Gender implied by a surname ending ("-ova" f, "-ov" m): 'm', 'f', '-' or 0 when no suffix.
  char SurnameSuffixGender(const std::string& lower) const;
  // Pronoun gender 'm'/'f', or 0 when `lower` is not a person pronoun.
  char PronounGender(const std::string& lower) const;
  bool IsPersonVerb(const std::string& lower) const { return person_verbs_.count(lower) > 0; }
  bool IsStopword(const std::string& lower) const { return stopwords_.count(lower) > 0; }
  // Organisation pattern word for a lower-cased token, or nullptr.
  const OrgPattern* FindOrgPattern(const std::string& lower) const;

  // Word list: a lower-case dictionary word ("media", "such"); a capitalised dictionary word
  // ("Kent", "Peter"). Both false when no word list was loaded.
  bool IsCommonWord(const std::string& lower) const { return common_words_.count(lower) > 0; }
  bool IsProperWord(std::string_view word) const { return proper_words_.count(std::string(word)) > 0; }
  bool has_wordlist() const { return !common_words_.empty(); }

  const std::vector<CountryInfo>& countries() const { return countries_; }
  const std::vector<RegionInfo>& regions() const { return regions_; }
  const std::vector<OrgInfo>& orgs() const { return orgs_; }
  // Index into countries() of an alpha-3 code, or -1.
  int CountryIndex(std::string_view alpha3) const;
  // Alpha-3 of the country whose capital is `name` ("Astana" -> "KAZ", "Nur-Sultan" -> "KAZ");
  // empty when unknown or when several countries share the name (Kingston). Case-sensitive.
  std::string CountryOfCapital(std::string_view name) const;

  EntityLexicon(const EntityLexicon&) = delete;  // large tables: share one instance
  EntityLexicon& operator=(const EntityLexicon&) = delete;

 private:
  EntityLexicon() = default;
  void AddPhrase(std::string_view text, PhraseKind kind, uint32_t index);
  void AddTitle(TitleInfo info);

  std::vector<CountryInfo> countries_;
  std::vector<RegionInfo> regions_;
  std::vector<OrgInfo> orgs_;
  std::unordered_map<std::string, int> country_by_alpha3_;
  std::unordered_map<std::string, std::string> capital_country_;  // "" when ambiguous
  std::unordered_map<std::string, std::vector<PhraseEntry>> phrases_;
  std::unordered_set<std::string> single_token_phrases_;
  std::unordered_set<std::string> phrase_prefixes_;
  std::unordered_set<std::string> title_prefixes_;
  uint32_t max_phrase_tokens_ = 1;
  std::unordered_map<std::string, TitleInfo> titles_;
  uint32_t max_title_tokens_ = 1;
  std::unordered_map<std::string, bool> role_modifiers_;  // value: time modifier
  std::unordered_map<std::string, char> honorifics_;
  std::unordered_map<std::string, char> given_names_;
  std::unordered_set<std::string> family_first_;
  std::vector<std::pair<std::string, char>> surname_suffixes_;  // longest first
  std::unordered_map<std::string, char> pronouns_;
  std::unordered_set<std::string> person_verbs_;
  std::unordered_set<std::string> stopwords_;
  std::unordered_map<std::string, OrgPattern> org_patterns_;
  std::unordered_set<std::string> common_words_;
  std::unordered_set<std::string> proper_words_;
};

}  // namespace ties::entities

#endif  // TIES_EXTRACT_ENTITIES_LEXICON_H_
