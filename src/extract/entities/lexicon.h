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
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/words.h"
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

// A row of sports_teams.tsv.
struct TeamInfo {
  std::string name;   // "Cleveland Indians"
  std::string sport;  // "baseball"
};

// How a team-table key names its team: the full name, an alias that names it alone in any sports
// report ("Indians", "Newcastle", "Kent"), or its home ("Cleveland"), which names it only in a
// document that also names the team.
enum class TeamNameKind : uint8_t { kName, kAlias, kHome };

struct TeamEntry {
  uint32_t team = 0;  // index into teams()
  TeamNameKind kind = TeamNameKind::kName;
};

// A word-sequence key of the team table (a separate table: teams are looked up in sports
// reports only, so they never shadow countries or persons elsewhere).
struct TeamKey {
  int32_t entries = -1;  // index of the entry list, or -1 (only a prefix)
  bool prefix = false;
};

struct OrgPattern {
  std::string kind;  // org_kind
  bool prefix = false;  // "Ministry of ...": may start a name and take an of-complement
};

// Words are hashed with the word layer's one hash (lexicon/words.h): the recogniser hashes each
// token once per document and probes every table with these hashes (no string keys, no allocation).
using lex::HashWord;
// The key of a word sequence: HashPhrase(HashPhrase(h1, h2), h3) ...; one word's key is its hash.
inline uint64_t HashPhrase(uint64_t prefix, uint64_t word) {
  uint64_t x = prefix * 0x9E3779B97F4A7C15ull + word + 0x632BE59BD9B4E019ull;
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 29;
  return x;
}

using lex::HashMap64;

// What the tables know about one lower-cased word (keyed by HashWord(lower)).
struct WordInfo {
  enum : uint32_t {
    kCommon = 1,         // a lower-case word of the word list (wordlist_path)
    kStop = 2,           // stopwords.txt
    kPersonVerb = 4,     // person_verbs.txt
    kRoleModifier = 8,   // role_modifiers.txt
    kTimeModifier = 16,  // role_modifiers.txt after "# time"
    kSinglePhrase = 32,  // a one-token phrase entry (the one-word key has phrase entries)
    kMonth = 64,         // month or weekday name (never an entity on its own)
    kPhraseStart = 128,  // some phrase entry starts with this word
    kTitleStart = 256,   // some title starts with this word
    // org_context.tsv classes
    kSport = 512,
    kTeamVerb = 1024,
    kTeamPrep = 2048,
    kTeamRole = 4096,
    kCoAfter = 8192,
    kCoBefore = 16384,
    kTeamStart = 32768,  // some sports_teams.tsv name starts with this word
    kOrgBefore = 65536,  // org_context.tsv org_before
    // Some phrase, title or team name has this word after its first word: a key of two or more
    // words ending in a word without it is in no table (matchers stop without probing).
    kContinues = 131072,
    kSingleTitle = 262144,  // a one-word title ("president")
  };
  uint32_t flags = 0;
  char honorific = 0;        // 'm', 'f', '-' or 0
  char pronoun = 0;          // 'm', 'f' or 0
  int16_t org_pattern = -1;  // index into the org pattern table
  bool Has(uint32_t f) const { return (flags & f) != 0; }
};

// What the tables know about a word as written (keyed by HashWord(text)): case-sensitive lists.
struct CasedInfo {
  char given = 0;  // given-name gender 'm', 'f', '-' or 0
  bool proper = false;        // a capitalised dictionary word ("Kent")
  bool family_first = false;  // "Xi", "Wang"
};

// A word-sequence key: a phrase and/or a title, or only the start of longer ones.
struct KeyInfo {
  int32_t phrase = -1;  // index of the phrase entry list, or -1
  int32_t title = -1;   // index of the title, or -1
  bool phrase_prefix = false;  // some phrase starts with (or is) these words
  bool title_prefix = false;
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

  // Hashed lookups (the recogniser's fast path). Never null: unknown words get an empty info.
  const WordInfo& WordOf(uint64_t lower_hash) const {
    const WordInfo* w = words_.Find(lower_hash);
    return w ? *w : kNoWord;
  }
  const CasedInfo& CasedOf(uint64_t text_hash) const {
    const CasedInfo* c = cased_.Find(text_hash);
    return c ? *c : kNoCased;
  }
  // Prefetch hints for WordOf/CasedOf: a caller that hashes many words first and probes them
  // afterwards lets the table loads overlap instead of waiting for each in turn.
  void PrefetchWord(uint64_t lower_hash) const { words_.Prefetch(lower_hash); }
  void PrefetchCased(uint64_t text_hash) const { cased_.Prefetch(text_hash); }
  // Key info for a word-sequence hash (HashPhrase chain), or nullptr when no phrase or title
  // starts with those words.
  const KeyInfo* KeyOf(uint64_t key_hash) const { return keys_.Find(key_hash); }
  const std::vector<PhraseEntry>& PhraseEntries(int32_t index) const { return phrase_entries_[index]; }
  const TitleInfo& Title(int32_t index) const { return title_list_[index]; }
  const OrgPattern& OrgPatternAt(int16_t index) const { return org_pattern_list_[index]; }

  // Dictionary entries for a phrase key, or nullptr.
  const std::vector<PhraseEntry>* FindPhrase(const std::string& key) const;
  // True when `key` is a phrase key or the start of one, word-aligned ("united" of "united
  // states"): matchers stop extending a key that is not.
  bool IsPhrasePrefix(const std::string& key) const;
  bool IsTitlePrefix(const std::string& key) const;
  // Longest number of tokens of any phrase entry.
  uint32_t max_phrase_tokens() const { return max_phrase_tokens_; }
  // True when some single-token entry has this lower-cased form (used to split "Kazakhstan-China").
  bool IsSingleTokenPhrase(const std::string& lower) const;

  // Titles: the entry for a lower-cased key ("secretary of state"), or nullptr.
  const TitleInfo* FindTitle(const std::string& key) const;
  uint32_t max_title_tokens() const { return max_title_tokens_; }
  // Role modifiers that may precede a title: "former", "deputy", "acting" (lower case).
  bool IsRoleModifier(const std::string& lower) const { return Info(lower).Has(WordInfo::kRoleModifier); }
  // Modifiers that date the role ("former", "then") and stay out of the role text.
  bool IsTimeModifier(const std::string& lower) const { return Info(lower).Has(WordInfo::kTimeModifier); }

  // Honorific gender: 'm', 'f', '-' (no gender), or 0 when `lower` is not an honorific.
  char HonorificGender(const std::string& lower) const;
  // Given-name gender: 'm', 'f', '-', or 0 when not a known given name. Case-sensitive ("Aida").
  char GivenNameGender(std::string_view name) const;
  bool IsFamilyFirstSurname(std::string_view name) const { return CasedOf(HashWord(name)).family_first; }
  // Gender implied by a surname ending ("-ova" f, "-ov" m): 'm', 'f', '-' or 0 when no suffix.
  char SurnameSuffixGender(std::string_view lower) const;
  // Pronoun gender 'm'/'f', or 0 when `lower` is not a person pronoun.
  char PronounGender(const std::string& lower) const;
  bool IsPersonVerb(const std::string& lower) const { return Info(lower).Has(WordInfo::kPersonVerb); }
  bool IsStopword(const std::string& lower) const { return Info(lower).Has(WordInfo::kStop); }
  // Organisation pattern word for a lower-cased token, or nullptr.
  const OrgPattern* FindOrgPattern(const std::string& lower) const;

  // Word list: a lower-case dictionary word ("media", "such"); a capitalised dictionary word
  // ("Kent", "Peter"). Both false when no word list was loaded.
  bool IsCommonWord(const std::string& lower) const { return IsCommonHash(HashWord(lower)); }
  // The same by HashWord(lower) (the kCommon flag of WordOf).
  bool IsCommonHash(uint64_t lower_hash) const { return WordOf(lower_hash).Has(WordInfo::kCommon); }
  bool IsProperWord(std::string_view word) const { return CasedOf(HashWord(word)).proper; }
  bool has_wordlist() const { return has_wordlist_; }

  const std::vector<CountryInfo>& countries() const { return countries_; }
  const std::vector<RegionInfo>& regions() const { return regions_; }
  const std::vector<OrgInfo>& orgs() const { return orgs_; }
  // Sports teams (sports_teams.tsv): key info for a HashPhrase chain over lower-cased words, or
  // nullptr when no team name starts with those words.
  const TeamKey* TeamKeyOf(uint64_t key_hash) const { return team_keys_.Find(key_hash); }
  const std::vector<TeamEntry>& TeamEntries(int32_t index) const { return team_entries_[index]; }
  const std::vector<TeamInfo>& teams() const { return teams_; }
  uint32_t max_team_tokens() const { return max_team_tokens_; }
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
  void AddTeamName(std::string_view text, TeamNameKind kind, uint32_t team);
  const WordInfo& Info(std::string_view lower) const { return WordOf(HashWord(lower)); }
  static uint64_t KeyHash(const std::string& key);  // "united states" -> HashPhrase chain

  static const WordInfo kNoWord;
  static const CasedInfo kNoCased;

  std::vector<CountryInfo> countries_;
  std::vector<RegionInfo> regions_;
  std::vector<OrgInfo> orgs_;
  std::unordered_map<std::string, int> country_by_alpha3_;
  std::unordered_map<std::string, std::string> capital_country_;  // "" when ambiguous
  // Lower-cased word -> flags (with kCommon for the ~64k words of the word list: one probe per
  // word answers every question the recogniser asks of its lower case), honorific, pronoun,
  // org pattern.
  HashMap64<WordInfo> words_;
  HashMap64<CasedInfo> cased_;  // word as written -> given name, proper word, family-first
  HashMap64<KeyInfo> keys_;     // word-sequence key -> phrase entries and titles
  std::vector<std::vector<PhraseEntry>> phrase_entries_;
  std::vector<TitleInfo> title_list_;
  std::vector<OrgPattern> org_pattern_list_;
  std::vector<TeamInfo> teams_;
  HashMap64<TeamKey> team_keys_;
  std::vector<std::vector<TeamEntry>> team_entries_;
  uint32_t max_team_tokens_ = 1;
  uint32_t max_phrase_tokens_ = 1;
  uint32_t max_title_tokens_ = 1;
  std::vector<std::pair<std::string, char>> surname_suffixes_;  // longest first
  bool has_wordlist_ = false;
};

}  // namespace ties::entities

#endif  // TIES_EXTRACT_ENTITIES_LEXICON_H_
