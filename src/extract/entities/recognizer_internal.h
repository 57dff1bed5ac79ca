// recognizer_internal.h: the Recognizer class that recognizer.h's Recognize runs, shared by the
// files that define its passes (one per seam of the algorithm in recognizer.h):
//   recognizer.cc          words, word predicates, dictionary entities, persons, output
//   recognizer_roles.cc    roles ("Foreign Minister X"), organisation patterns, sports teams
//   recognizer_passes.cc   the main left-to-right pass, runs of capitalised words, the second pass
//   recognizer_context.cc  organisations from context, nominal and pronoun coreference
// Short member functions stay defined in the class so that every pass can inline them.
// Not a public interface: include it only from those files.
#ifndef TIES_EXTRACT_ENTITIES_RECOGNIZER_INTERNAL_H_
#define TIES_EXTRACT_ENTITIES_RECOGNIZER_INTERNAL_H_

#include "extract/entities/recognizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/text_util.h"

namespace ties::entities::detail {

// How many sentences back a pronoun looks for its antecedent.
inline constexpr uint32_t kPronounWindowSentences = 3;
// Longest person name, in words ("Kassym-Jomart Kemeluly Tokayev" is 3).
inline constexpr uint32_t kMaxNameWords = 4;

struct Word {
  Span span;
  std::string_view text;
  std::string_view lower;  // into Scratch::lower_buf (set once every word is made)
  uint64_t hash = 0;  // HashWord(lower): every table probe uses it
  WordInfo info;    // copies of the table entries (ProbeWords): the passes read them often
  CasedInfo cased;
  uint32_t sent = 0;
  uint32_t lower_begin = 0;         // offset of `lower` in Scratch::lower_buf
  bool upper_initial = false;
  bool all_upper = false;  // every letter upper case, at least two letters
  bool has_letter = false;
  bool initial = false;    // first word of a sentence, a line, or after an opening quote/bracket
  bool caps_line = false;  // inside a mostly upper-case line (headline)
  bool line_start = false; // first word of a line
  bool has_dash = false;   // contains '-' (IsHyphenModifier needs one)
};

struct Cand {  // an entity under construction
  EntityType type = EntityType::kPerson;
  std::string canonical;
  std::string country;
  std::string role;
  std::string org_kind;
  std::string role_head;
  char gender = 0;
  std::vector<std::string> name_words;  // persons: the words of the canonical name
  int merged_into = -1;
};

struct TmpMention {
  Span span;
  int cand = 0;
  MentionKind kind = MentionKind::kName;
  Span role_span;
  uint32_t first_word = 0;
  uint32_t sent = 0;
};

struct Nominal {
  Span span;
  std::string head;
  std::string country;
  uint32_t first_word = 0;
  uint32_t sent = 0;
};

struct PhraseMatch {
  const PhraseEntry* entry = nullptr;
  uint32_t end = 0;  // one past the last word
};

inline char32_t FirstCodePoint(std::string_view s) {
  size_t pos = 0;
  return s.empty() ? 0 : DecodeUtf8(s, &pos);
}

inline bool IsOpeningPunct(std::string_view t) {
  // Every opening mark is 1 to 3 bytes: most words are rejected by their length or first byte.
  if (t.empty() || t.size() > 3) return false;
  const unsigned char c = static_cast<unsigned char>(t[0]);
  if (c != '(' && c != '[' && c != ':' && c != '-' && c != '"' && c != '\'' && c != 0xE2 && c != 0xC2) return false;
  return t == "(" || t == "[" || t == ":" || t == "--" || t == "\"" || t == "“" || t == "‘" || t == "«" ||
         t == "—" || t == "–" || t == "'";
}

inline bool IsNameParticle(std::string_view lower) {
  static constexpr std::string_view kParticles[] = {"de", "del", "della", "da", "das", "dos", "di", "du", "van", "von", "der",
                                           "den", "ter", "bin", "ibn", "al", "el", "la", "le", "ben", "mac", "st."};
  for (std::string_view p : kParticles) {
    if (lower == p) return true;
  }
  return false;
}

inline std::string TitleCaseWords(std::string_view role) {
  // "foreign minister" -> "Foreign Minister"; connectors stay lower case.
  std::string out;
  size_t start = 0;
  while (start <= role.size()) {
    size_t end = role.find(' ', start);
    if (end == std::string_view::npos) end = role.size();
    std::string_view word = role.substr(start, end - start);
    if (!out.empty()) out.push_back(' ');
    if (word == "of" || word == "and" || word == "for" || word == "the" || word == "to" || word.empty() ||
        static_cast<unsigned char>(word[0]) >= 0x80) {
      out.append(word);
    } else {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(word[0]))));
      out.append(word.substr(1));
    }
    start = end + 1;
  }
  return out;
}

class Recognizer {
 public:
  // The per-document containers, kept by each thread between documents so that their
  // capacity is reused (no allocation per document once the thread has seen a long one).
  // Issue 16: alike in shape only to quote_extractor.h's tables (other types and data).
  struct Scratch {
    std::vector<Word> words;
    std::string lower_buf;
    std::vector<uint32_t> sent_of;
    std::vector<uint64_t> cased_hash;
    std::vector<bool> used;
    std::vector<Cand> cands;
    std::vector<int> persons;
    std::vector<int> org_word;
    std::vector<uint32_t> org_run;
    std::unordered_map<std::string, int> keyed;
    std::unordered_map<std::string, int> acronyms;
    std::vector<TmpMention> mentions;
    std::vector<Nominal> nominals;
    std::vector<std::pair<uint32_t, uint32_t>> pending;
    std::unordered_map<std::string, int> org_strings;
    std::vector<int8_t> phrase_done_all, phrase_done_nocap, name_word;
    std::vector<PhraseMatch> phrase_memo_all, phrase_memo_nocap;
  };

  Recognizer(const EntityLexicon& lex, Document& doc, Scratch& scratch)
      : lex_(lex),
        doc_(doc),
        words_(scratch.words),
        lower_buf_(scratch.lower_buf),
        sent_of_(scratch.sent_of),
        cased_hash_(scratch.cased_hash),
        used_(scratch.used),
        cands_(scratch.cands),
        persons_(scratch.persons),
        org_word_(scratch.org_word),
        org_run_(scratch.org_run),
        keyed_(scratch.keyed),
        acronyms_(scratch.acronyms),
        mentions_(scratch.mentions),
        nominals_(scratch.nominals),
        pending_(scratch.pending),
        org_strings_(scratch.org_strings),
        phrase_done_all_(scratch.phrase_done_all),
        phrase_done_nocap_(scratch.phrase_done_nocap),
        name_word_(scratch.name_word),
        phrase_memo_all_(scratch.phrase_memo_all),
        phrase_memo_nocap_(scratch.phrase_memo_nocap) {
    words_.clear();
    cands_.clear();
    persons_.clear();
    keyed_.clear();
    acronyms_.clear();
    mentions_.clear();
    nominals_.clear();
    pending_.clear();
    org_strings_.clear();
  }

  void Run() {
    BuildWords();
    const size_t n = words_.size();
    used_.assign(n, false);
    name_word_.assign(n, -1);
    phrase_done_all_.assign(n, 0);
    phrase_done_nocap_.assign(n, 0);
    phrase_memo_all_.resize(n);
    phrase_memo_nocap_.resize(n);
    sports_ = sport_words_ >= 3;
    if (sports_) TeamPass();
    MainPass();
    SecondPass();
    ContextOrgs();
    ResolveNominals();
    ResolvePronouns();
    Emit();
  }

 private:
  // ---- words ---------------------------------------------------------------------------------

  // Byte classes of ASCII for MakeWord.
  enum : uint8_t { kUpper = 1, kLower = 2, kDigit = 4, kHigh = 8, kDash = 16 };
  static constexpr std::array<uint8_t, 256> kByteClass = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      t[c] = c >= 'A' && c <= 'Z' ? kUpper : c >= 'a' && c <= 'z' ? kLower : c >= '0' && c <= '9' ? kDigit
           : c >= 0x80 ? kHigh : c == '-' ? kDash : 0;
    }
    return t;
  }();

  // Makes the word of `span` in `w` (default-constructed): writes its lower case at lower_len_
  // in lower_buf_ and hashes it. The table probes (info, cased) are left to ProbeWords, and
  // Word::lower to BuildWords, once the buffer no longer grows. `cased_hash` receives the hash
  // to probe the case-sensitive table with, or 0 when the word has no upper-case letter (the
  // table holds capitalised words only).
  void MakeWord(Word& w, Span span, uint32_t sent, uint64_t* cased_hash);

  // The table probes of every word (after MakeWord has hashed and prefetched them all).
  [[gnu::noinline]] void ProbeWords() {
    pronoun_words_.clear();
    sport_words_ = 0;
    for (size_t k = 0; k < words_.size(); ++k) {
      Word& w = words_[k];
      w.info = lex_.WordOf(w.hash);
      if (const uint64_t h = cased_hash_[k]; h != 0) w.cased = lex_.CasedOf(h);
      if (w.info.pronoun != 0) pronoun_words_.push_back(static_cast<uint32_t>(k));
      if (w.info.Has(WordInfo::kSport)) ++sport_words_;
    }
  }

  // True when `text` contains a dash and a capitalised part of it is a one-word dictionary name
  // while the whole is not ("Kazakhstan-China", not "Guinea-Bissau").
  bool SplitsAtDashes(std::string_view text);

  void BuildWords();

  // ---- word predicates -----------------------------------------------------------------------

  bool Is(uint32_t i, std::string_view lower) const { return i < words_.size() && words_[i].lower == lower; }

  bool IsMonthOrDay(uint32_t i) const {
    return words_[i].info.Has(WordInfo::kMonth) && words_[i].text.find('.') == std::string_view::npos;
  }

  // A capitalised word that can be part of a name (outside headline lines). Memoised.
  bool IsNameWord(uint32_t i) const {
    if (i >= words_.size()) return false;
    if (name_word_[i] < 0) name_word_[i] = ComputeNameWord(i) ? 1 : 0;
    return name_word_[i] == 1;
  }

  // "Ontario-based", "Family-controlled", "Communist-led": a capitalised hyphen compound ending in
  // a lower-case participle modifies the name after it and is not part of it.
  static bool IsHyphenModifier(std::string_view text) {
    size_t dash = text.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= text.size()) return false;
    char c = text[dash + 1];
    if (!(c >= 'a' && c <= 'z')) return false;
    std::string_view tail = text.substr(dash + 1);
    return tail == "based" || tail.ends_with("ed") || tail == "owned" || tail == "run" || tail == "listed" ||
           tail == "registered" || tail == "born";
  }

  static bool IsPluralAcronym(std::string_view text) {
    if (text.size() < 3 || text.back() != 's') return false;
    for (size_t k = 0; k + 1 < text.size(); ++k) {
      if (!(text[k] >= 'A' && text[k] <= 'Z')) return false;
    }
    return true;
  }

  bool ComputeNameWord(uint32_t i) const;

  // An initial such as "J." or "J" followed by "." inside a name.
  uint32_t InitialLength(uint32_t i) const {
    if (i >= words_.size()) return 0;
    const Word& w = words_[i];
    if (w.text.size() == 2 && w.upper_initial && w.text[1] == '.') return 1;
    if (w.text.size() == 1 && w.upper_initial && Is(i + 1, ".")) return 2;
    return 0;
  }

  bool CaseMatches(const PhraseEntry& e, uint32_t begin) const;

  // Longest dictionary phrase starting at word i (any kind), or {nullptr}.
  // Memoised per word: the recogniser asks for the same word many times.
  PhraseMatch MatchPhrase(uint32_t i, bool include_capitals = true) const {
    if (i >= words_.size() || !words_[i].has_letter || !words_[i].info.Has(WordInfo::kPhraseStart)) {
      return PhraseMatch{};
    }
    std::vector<int8_t>& done = include_capitals ? phrase_done_all_ : phrase_done_nocap_;
    std::vector<PhraseMatch>& memo = include_capitals ? phrase_memo_all_ : phrase_memo_nocap_;
    if (!done[i]) {
      memo[i] = ComputePhrase(i, include_capitals);
      done[i] = 1;
    }
    return memo[i];
  }

  PhraseMatch ComputePhrase(uint32_t i, bool include_capitals) const;

  static int Rank(PhraseKind kind) {
    switch (kind) {
      case PhraseKind::kOrg: return 0;
      case PhraseKind::kCountry: return 1;
      case PhraseKind::kRegion: return 2;
      case PhraseKind::kDemonym: return 3;
      case PhraseKind::kCapital: return 4;
    }
    return 5;
  }

  // Longest title starting at word i: number of words, or 0.
  uint32_t MatchTitle(uint32_t i, const TitleInfo** info) const;

  bool Common(const Word& w) const {
    return w.info.Has(WordInfo::kCommon);
  }

  const OrgPattern* OrgPat(const Word& w) const {
    return w.info.org_pattern >= 0 ? &lex_.OrgPatternAt(w.info.org_pattern) : nullptr;
  }

  // ---- entities ------------------------------------------------------------------------------

  int Resolve(int cand) const {
    while (cands_[cand].merged_into >= 0) cand = cands_[cand].merged_into;
    return cand;
  }

  int KeyedEntity(const std::string& key, EntityType type, std::string canonical, std::string country,
                  std::string org_kind = "");

  void AddMention(int cand, uint32_t begin_word, uint32_t end_word, MentionKind kind = MentionKind::kName,
                  Span role_span = {}) {
    TmpMention m;
    m.span = Span{words_[begin_word].span.begin, words_[end_word - 1].span.end};
    m.cand = cand;
    m.kind = kind;
    m.role_span = role_span;
    m.first_word = begin_word;
    m.sent = words_[begin_word].sent;
    mentions_.push_back(m);
    for (uint32_t k = begin_word; k < end_word; ++k) used_[k] = true;
  }

  // Emits the entity for a dictionary match; returns false when the match is not used here
  // (a capital not used for its government).
  bool EmitPhrase(const PhraseMatch& m, uint32_t i);

  // "Beijing and Astana signed", "Washington said", "talks between Moscow and Kyiv".
  bool IsGovernmentMetonym(uint32_t begin, uint32_t end) const;

  // "Shanghai Cooperation Organisation (SCO)": remembers SCO for the organisation.
  void MaybeAcronymDefinition(int cand, uint32_t j) {
    if (!Is(j, "(") || j + 2 >= words_.size() || !Is(j + 2, ")")) return;
    const Word& acr = words_[j + 1];
    if (!acr.all_upper || acr.text.size() > 10) return;
    acronyms_[std::string(acr.text)] = cand;
    AddMention(cand, j + 1, j + 2);
  }

  // ---- persons -------------------------------------------------------------------------------

  // The person whose name contains `words` [begin, end) as a whole name, a surname or a family
  // name, or -1.
  int FindPerson(uint32_t begin, uint32_t end) const;

  // A 1024-bit filter over the lower-case hashes of the persons' name words (two bits a word).
  // A text match of two words implies equal lower case, hence equal hashes.
  static uint32_t FilterBit(uint64_t hash, int n) { return static_cast<uint32_t>(hash >> (n ? 54 : 44)) & 1023; }
  bool InPersonFilter(uint64_t hash) const {
    const uint32_t a = FilterBit(hash, 0), b = FilterBit(hash, 1);
    return (person_filter_[a >> 6] >> (a & 63) & 1) && (person_filter_[b >> 6] >> (b & 63) & 1);
  }
  void AddToPersonFilter(const Word& w) {
    for (int n = 0; n < 2; ++n) {
      const uint32_t bit = FilterBit(w.hash, n);
      person_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    // A word with a space would let a whole-name comparison cross word boundaries.
    if (w.text.find(' ') != std::string_view::npos) person_filter_off_ = true;
  }

  char NameGender(uint32_t begin, uint32_t end) const {
    char g = words_[begin].cased.given;
    if (g == 'm' || g == 'f') return g;
    if (end - begin >= 2) {
      char s = lex_.SurnameSuffixGender(words_[end - 1].lower);
      if (s == 'm' || s == 'f') return s;
    }
    return 0;
  }

  // Creates or finds the person named by words [begin, end) and adds a name mention.
  int AddPerson(uint32_t begin, uint32_t end, char gender_hint, Span role_span = {});

  // Length of the person name starting at word i (name words, particles, initials), at most
  // kMaxNameWords name words; 0 when no name starts there. Stops before dictionary names
  // (countries, organisations), titles, and words already used.
  uint32_t NameLength(uint32_t i, bool after_signal) const;

  // ---- roles ---------------------------------------------------------------------------------

  // Tries "[country/demonym/modifier]* TITLE [of X] [Name]" at word i. Returns the word after what
  // it used, or i when there is no role here.
  uint32_t TryRole(uint32_t i);

  bool IsNameWordOrAny(uint32_t j) const { return j < words_.size() && words_[j].has_letter; }

  // ---- organisations by pattern --------------------------------------------------------------

  // "Ministry of Culture and Information", "Kazakh National University", "Communist Party of
  // China". Returns the end word of the organisation, or i when there is none.
  uint32_t TryOrgPattern(uint32_t i, uint32_t min_end);

  // ---- sports teams --------------------------------------------------------------------------

  // True when word i is inside the dateline or on a line that starts with a place and a date
  // ("NICE , France 1996-08-30", "MILAN 1996-08-30").
  bool InDatelineLine(uint32_t i) const;

  // Sports reports only: names from sports_teams.tsv. Full names and aliases first ("Cleveland
  // Indians", "Indians", "Kent"); then the homes of the teams so named ("Cleveland" after
  // "Indians"). An alias or home is not the team after in/at/from/to/near, in a dateline line,
  // inside a longer capitalised name, or when it is a sentence-initial dictionary word.
  [[gnu::noinline]] void TeamPass();

  // Organisation heads that take an "on <topic>" complement ("Commission on Presidential Debates");
  // others do not ("Hofstra University on Long Island").
  static bool TakesTopic(std::string_view head) {
    return head == "commission" || head == "committee" || head == "council" || head == "conference" ||
           head == "panel" || head == "subcommittee" || head == "board";
  }

  // Legal forms of companies ("Inc", "Corp", "SpA"): their removal leaves the company's name.
  static bool IsLegalForm(std::string_view lower) {
    static constexpr std::string_view kForms[] = {"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc",
                                         "spa", "s.p.a.", "ag", "sa", "s.a.", "nv", "n.v.", "bv", "ab", "asa",
                                         "oyj", "gmbh", "bhd", "tbk", "pte", "llp", "lp", "bros", "bros."};
    for (std::string_view f : kForms) {
      if (lower == f) return true;
    }
    return false;
  }
  // Generic words between a company's name and its legal form ("Magna International Inc").
  static bool IsGenericCompanyWord(std::string_view lower) {
    static constexpr std::string_view kWords[] = {"international", "holdings", "holding", "group", "corporation", "company",
                                         "bancorp", "bancshares", "industries", "enterprises", "incorporated"};
    for (std::string_view f : kWords) {
      if (lower == f) return true;
    }
    return false;
  }

  // True when the word at `k` turns the organisation name before it into the name of an event,
  // holiday or index: "UEFA Cup", "Fed Cup", "Labor Day", "Dow Jones industrial average".
  bool NamesEventOrIndex(uint32_t k) const;

  // ---- the main pass -------------------------------------------------------------------------

  [[gnu::noinline]] void MainPass();

  // True when word i follows a capitalised place-name prefix ("New Jersey", "West Virginia",
  // "Baja California", "Nova Scotia"): a country or demonym there is the last word of a longer
  // place name, which the places stage resolves.
  bool AfterPlacePrefix(uint32_t i) const {
    if (i == 0 || !words_[i - 1].upper_initial || used_[i - 1]) return false;
    static constexpr std::string_view kPrefixes[] = {"new", "north", "south", "east", "west", "northern", "southern",
                                            "eastern", "western", "upper", "lower", "greater", "little", "baja",
                                            "nova", "port", "fort", "san", "santa", "st", "st.", "saint", "mount",
                                            "lake", "cape", "old"};
    for (std::string_view p : kPrefixes) {
      if (words_[i - 1].lower == p) return true;
    }
    return false;
  }

  // "Atlanta, Georgia", "the U.S. state of Georgia": the country name used for a U.S. state.
  bool IsUsStateReading(uint32_t i, const PhraseMatch& pm) const {
    const CountryInfo& c = lex_.countries()[pm.entry->index];
    if (c.alpha3 != "GEO") return false;
    if (i >= 2 && Is(i - 1, "of") && Is(i - 2, "state")) return true;
    if (i >= 2 && Is(i - 1, ",") && words_[i - 2].upper_initial && !MatchPhrase(i - 2).entry) return true;
    if (Is(pm.end, ",") && pm.end + 1 < words_.size() &&
        (words_[pm.end + 1].lower == "u.s." || words_[pm.end + 1].lower == "usa")) {
      return true;
    }
    return false;
  }

  // Types a run of capitalised words starting at i; returns the word after it.
  uint32_t NameRun(uint32_t i);

  static bool IsRoman(std::string_view s) {
    return s.find_first_not_of("IVXLC") == std::string_view::npos;
  }

  // Runs left untyped by the main pass that name a person found later in the text.
  [[gnu::noinline]] void SecondPass();

  // ---- organisations from context -------------------------------------------------------------

  // A word that can belong to a context run: capitalised, not used by a mention, not a stop word,
  // month, pronoun or single letter, not a sentence-initial dictionary word ("Results").
  bool ContextRunWord(uint32_t k) const {
    const Word& w = words_[k];
    if (used_[k] || !w.has_letter || !w.upper_initial || w.text.size() < 2) return false;
    if ((w.has_dash && IsHyphenModifier(w.text)) || IsPluralAcronym(w.text)) return false;  // "Ohio-based", "GDRs"
    if (w.info.Has(WordInfo::kStop) || w.info.Has(WordInfo::kMonth) || w.info.pronoun) return false;
    if (w.info.Has(WordInfo::kTeamVerb) || w.info.Has(WordInfo::kTeamPrep)) return false;
    if (!w.caps_line && w.initial && Common(w) && !w.cased.proper) return false;
    return true;
  }

  // A score or table number: "2", "74", ".596", "532-8", "1/2" (not a date "1996-08-30").
  bool IsScore(uint32_t k) const {
    if (k >= words_.size()) return false;
    std::string_view t = words_[k].text;
    if (t.empty() || t.size() > 7) return false;
    int digits = 0, dashes = 0;
    for (char c : t) {
      if (c >= '0' && c <= '9') ++digits;
      else if (c == '-') ++dashes;
      else if (c != '.' && c != '/') return false;
    }
    return digits > 0 && dashes <= 1;
  }

  bool IsPossessive(uint32_t k) const { return Is(k, "'s") || Is(k, "’s"); }

  // "( U.S. )", "( Madagascar )" at k: the nationality after an individual's name in results.
  bool CountryInParens(uint32_t k) const {
    if (!Is(k, "(")) return false;
    PhraseMatch pm = MatchPhrase(k + 1, false);
    return pm.entry && (pm.entry->kind == PhraseKind::kCountry || pm.entry->kind == PhraseKind::kRegion) &&
           Is(pm.end, ")");
  }

  // A capitalised dictionary word opening a results or standings line ("Partizan 6 Becej 0",
  // "Red Star 4 4 0 0 9 3 12"): the context pass takes it although it is line-initial.
  bool ResultsLineStart(uint32_t k) const {
    const Word& w = words_[k];
    if (!w.line_start || used_[k] || !w.upper_initial || w.text.size() < 2 || w.info.Has(WordInfo::kStop) ||
        w.info.Has(WordInfo::kMonth)) {
      return false;
    }
    return IsScore(k + 1) || (k + 2 < words_.size() && words_[k + 1].upper_initial && !used_[k + 1] &&
                              !words_[k + 1].info.Has(WordInfo::kStop) && IsScore(k + 2));
  }

  // A name [b, e) followed by a company word ("Pirelli shares", "Fiat 's chairman", "Petofi
  // general manager") or after "shares of"/"stake in".
  bool CompanyContext(uint32_t b, uint32_t e) const {
    uint32_t after = e + (IsPossessive(e) ? 1 : 0);
    if (after < words_.size() && !words_[after].upper_initial) {
      const std::string_view a = words_[after].lower;
      if ((a == "general" || a == "chief" || a == "managing" || a == "executive") && after + 1 < words_.size() &&
          !words_[after + 1].upper_initial) {
        ++after;
      }
      if (words_[after].info.Has(WordInfo::kCoAfter)) return true;
    }
    return b >= 2 && (Is(b - 1, "of") || Is(b - 1, "in")) && words_[b - 2].info.Has(WordInfo::kCoBefore);
  }

  // "news agency Tanjug", "packaging company Cofinec", "serie A club Atalanta": a lower-case
  // organisation noun right before the name.
  bool OrgNounBefore(uint32_t b) const {
    return b > 0 && words_[b - 1].info.Has(WordInfo::kOrgBefore) && !words_[b - 1].upper_initial &&
           !words_[b - 1].caps_line;
  }

  // Sports teams and companies without a pattern word, typed by their context, then every
  // other occurrence of the same name in the article gets the same type:
  //  - in a sports report (3+ words of org_context.tsv class `sport`): a name next to a result
  //    verb ("Leicestershire beat Somerset"), after "against"/"v", before a sports role ("Surrey
  //    captain"), or in a results/standings line (a name after the line start or a score, followed
  //    by a score: "Lotte 6 Hyundai 2", "NEW YORK 74 58 .561");
  //  - anywhere: before a company word ("Pirelli shares", "Fiat's chairman") or after one with
  //    of/in ("shares of Magna"); the name of "X Corp"/"X SpA" without its suffix.
  // Names that are known persons, countries or other dictionary names are not runs here (used).
  [[gnu::noinline]] void ContextOrgs();

  // ---- coreference ---------------------------------------------------------------------------

  [[gnu::noinline]] void ResolveNominals();

  void InsertSorted(const TmpMention& m) {
    auto pos = std::upper_bound(mentions_.begin(), mentions_.end(), m,
                                [](const TmpMention& a, const TmpMention& b) { return a.span.begin < b.span.begin; });
    mentions_.insert(pos, m);
  }

  [[gnu::noinline]] void ResolvePronouns();

  // ---- output --------------------------------------------------------------------------------

  [[gnu::noinline]] void Emit();

  const EntityLexicon& lex_;
  Document& doc_;
  std::vector<Word>& words_;
  std::string& lower_buf_;  // the lower-case words, back to back, in its first lower_len_ bytes
  size_t lower_len_ = 0;
  std::string non_ascii_lower_;  // MakeWord's scratch for words with non-ASCII bytes
  std::vector<const TmpMention*> pronoun_before_;  // ResolvePronouns' candidates
  std::vector<uint32_t> pronoun_words_;  // ProbeWords: the words that are pronouns
  int sport_words_ = 0;                  // ProbeWords: words of org_context.tsv class `sport`
  bool any_caps_line_ = false;           // BuildWords: some word is on a headline line
  std::vector<uint32_t>& sent_of_;
  std::vector<uint64_t>& cased_hash_;  // per word: MakeWord's `cased_hash`
  std::vector<bool>& used_;
  std::vector<Cand>& cands_;
  std::vector<int>& persons_;  // the candidates AddPerson created, in order
  std::vector<int>& org_word_;  // ContextOrgs: the organisation each word belongs to, or -1
  std::vector<uint32_t>& org_run_;  // TryOrgPattern: the words of the run
  std::unordered_map<std::string, int>& keyed_;
  std::unordered_map<std::string, int>& acronyms_;
  std::vector<TmpMention>& mentions_;
  std::vector<Nominal>& nominals_;
  std::vector<std::pair<uint32_t, uint32_t>>& pending_;
  bool sports_ = false;  // a sports report (3+ org_context.tsv `sport` words)
  uint64_t person_filter_[16] = {};  // FindPerson's filter (InPersonFilter)
  bool person_filter_off_ = false;
  std::unordered_map<std::string, int>& org_strings_;  // lower-cased name -> ORG cand (context pass)
  // Memos per word (filled on first use): phrase matches with and without capitals, name words.
  std::vector<int8_t>& phrase_done_all_;
  std::vector<int8_t>& phrase_done_nocap_;
  std::vector<int8_t>& name_word_;
  std::vector<PhraseMatch>& phrase_memo_all_;
  std::vector<PhraseMatch>& phrase_memo_nocap_;
};

}  // namespace ties::entities::detail

#endif  // TIES_EXTRACT_ENTITIES_RECOGNIZER_INTERNAL_H_
