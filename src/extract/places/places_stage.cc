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
// The passes live in place_words.cc (1), place_candidates.cc (2), place_resolution.cc (3) and
// place_output.cc (4); what they share is places_internal.h.
//
// Counties and parishes are not in the GeoNames cities file: they are placed at the article's
// focus (its most mentioned city in the dominant admin-1 division, else that division), without a
// geonameid. Streets and natural features get no coordinates.
#include "extract/places/places_stage.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "common/text_util.h"
#include "extract/places/gazetteer.h"
#include "extract/places/native_places.h"
#include "extract/places/places_internal.h"

namespace ties {
namespace places_internal {

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

  const StrSet person_words = PersonWords(doc, persons, words);
  const SentenceCase sentences = FindTitleCase(doc, words);
  std::vector<Candidate> cands = FindCandidates(doc, words);
  AddEntityCandidates(doc, words, cands);
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.span.begin < b.span.begin; });
  LinkQualifiers(doc, words, cands);
  FilterCandidates(doc, words, person_words, sentences, cands);
  const Votes base = BaseVotes(doc, cands);
  Resolve(cands, base, doc);
  DropUnsupportedTowns(doc, words, base, cands);
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

namespace {

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

}  // namespace places_internal

Result<std::unique_ptr<Stage>> MakePlacesStage(const StageOptions& options) {
  namespace pi = places_internal;
  Result<std::shared_ptr<const Gazetteer>> gaz = pi::SharedGazetteer(FindGazetteerPath(options.data_dir));
  if (!gaz.ok()) return gaz.status();
  Result<pi::PlaceWords> words = pi::PlaceWords::Load(options.data_dir + "/en/place_words.tsv");
  if (!words.ok()) return words.status();
  pi::StrSet cue_needed, never;
  pi::LoadStopwords(options.data_dir + "/en/place_stopwords.txt", &cue_needed, &never);
  return std::unique_ptr<Stage>(new pi::PlacesStage(
      std::move(gaz).value(), std::move(words).value(), std::move(cue_needed), std::move(never),
      pi::LoadDemonyms(options.data_dir + "/common/countries.tsv"),
      pi::LoadGivenNames(options.data_dir + "/en/entities/given_names.tsv"),
      pi::LoadGivenNames(options.data_dir + "/en/entities/honorifics.tsv"), options.data_dir));
}

}  // namespace ties
