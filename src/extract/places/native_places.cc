// native_places.cc: toponyms of Russian, Kazakh and Chinese text (see native_places.h).
#include "extract/places/native_places.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/text_util.h"

namespace ties {

namespace {

// Longest name tried, in words (Russian, Kazakh) and in Han characters (Chinese).
constexpr uint32_t kMaxWords = 3;
constexpr size_t kMaxHanChars = 8;
// Lookups per word run: the product of the words' lemma guesses is cut here.
constexpr size_t kMaxKeys = 24;
// A one-word name that opens a sentence is a place only when it names a country, a division or a
// city of at least this many people (sentence-initial capitals are no evidence).
constexpr int64_t kSentenceStartMinPopulation = 15000;
// A Latin-script word in Russian or Kazakh text is a place only as a primary name of a country, a
// division or a city of at least this many people ("Google" is no town).
constexpr int64_t kLatinMinPopulation = 100000;

struct NativeCandidate {
  Span span;
  std::vector<uint32_t> entries;  // gazetteer readings (empty: an entities-stage LOC mention)
  int32_t mention = -1;           // the entities stage's LOC mention of this exact span
  bool in_org = false;            // inside an ORG mention: a place, but no LOC mention of its own
  bool dateline = false;
  int32_t chosen = -1;
};

bool IsCyrillicOrLatinWord(const Document& doc, const Token& t) {
  return t.Has(kTokAlpha) && !StartsWithHan(doc.View(t.span));
}

double Prior(const GazetteerEntry& e) {
  const double pop = std::log10(static_cast<double>(std::max<int64_t>(e.population, 0)) + 1.0);
  switch (e.kind) {
    case PlaceKind::kCountry:
      return 12.0;
    case PlaceKind::kAdmin:
      return pop - 0.5;
    case PlaceKind::kRegion:
      return 6.0;
    default:
      return pop + (e.fcode == "PPLC" ? 2.0 : e.fcode == "PPLA" ? 1.0 : 0.0);
  }
}

// The readings of `key` that a native document may take; Latin keys only as strong primary names.
void Readings(const Gazetteer& gaz, std::string_view key, bool latin, std::vector<uint32_t>& out) {
  out.clear();
  for (const NameHit& h : gaz.Find(key)) {
    const GazetteerEntry& e = gaz.entry(h.entry);
    if (latin && (h.alternate || (e.kind == PlaceKind::kCity && e.population < kLatinMinPopulation))) continue;
    if (std::find(out.begin(), out.end(), h.entry) == out.end()) out.push_back(h.entry);
  }
}

bool Strong(const Gazetteer& gaz, const std::vector<uint32_t>& entries) {
  for (uint32_t ei : entries) {
    const GazetteerEntry& e = gaz.entry(ei);
    if (e.kind != PlaceKind::kCity || e.population >= kSentenceStartMinPopulation) return true;
  }
  return false;
}

// Mention index covering each token, by type (-1: none).
struct Coverage {
  std::vector<int32_t> person, org, loc;
};

void BuildCoverage(const Document& doc, Coverage& cov) {
  const size_t n = doc.tokens.size();
  cov.person.assign(n, -1);
  cov.org.assign(n, -1);
  cov.loc.assign(n, -1);
  // Mentions are in text order; walk tokens and mentions together.
  size_t t = 0;
  for (uint32_t mi = 0; mi < doc.mentions.size(); ++mi) {
    const Mention& m = doc.mentions[mi];
    if (m.entity >= doc.entities.size() || m.kind != MentionKind::kName) continue;
    const EntityType type = doc.entities[m.entity].type;
    std::vector<int32_t>* target = type == EntityType::kPerson ? &cov.person
                                   : type == EntityType::kOrg  ? &cov.org
                                   : type == EntityType::kLoc  ? &cov.loc
                                                               : nullptr;
    if (target == nullptr) continue;
    while (t > 0 && doc.tokens[t - 1].span.end > m.span.begin) --t;  // mentions may overlap
    while (t < n && doc.tokens[t].span.end <= m.span.begin) ++t;
    for (size_t k = t; k < n && doc.tokens[k].span.begin < m.span.end; ++k) {
      if ((*target)[k] < 0) (*target)[k] = static_cast<int32_t>(mi);
    }
  }
}

// Russian and Kazakh: the longest run of 1..kMaxWords words from token i that names a place.
// Returns the end token (i when none) and fills `entries`.
uint32_t MatchWords(const Gazetteer& gaz, const NativeLexicon& lex, const Document& doc, const Coverage& cov,
                    uint32_t i, std::vector<uint32_t>& entries) {
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  thread_local std::vector<std::vector<std::string>> lemmas;
  thread_local std::vector<std::string> keys;
  uint32_t last = i;  // one past the last word usable in a run
  while (last < n && last < i + kMaxWords && IsCyrillicOrLatinWord(doc, doc.tokens[last]) && cov.person[last] < 0) {
    if (last > i) {  // words of a run are separated by whitespace only
      const std::string_view gap(doc.text.data() + doc.tokens[last - 1].span.end,
                                 doc.tokens[last].span.begin - doc.tokens[last - 1].span.end);
      if (gap.empty() || gap.find_first_not_of(" \t") != std::string_view::npos) break;
    }
    ++last;
  }
  if (last == i) return i;
  lemmas.resize(kMaxWords);
  for (uint32_t k = i; k < last; ++k) {
    lemmas[k - i].clear();
    lex.Lemmas(Utf8Lower(doc.TokenText(k)), lemmas[k - i], 6);
  }
  const bool latin = static_cast<unsigned char>(doc.TokenText(i)[0]) < 0x80;
  for (uint32_t end = last; end > i; --end) {
    // Keys: every combination of the words' guesses, as written first, at most kMaxKeys.
    keys.clear();
    keys.emplace_back();
    for (uint32_t k = i; k < end; ++k) {
      const size_t have = keys.size();
      std::vector<std::string> next;
      for (size_t a = 0; a < have; ++a) {
        for (const std::string& l : lemmas[k - i]) {
          if (next.size() >= kMaxKeys) break;
          next.push_back(keys[a].empty() ? l : keys[a] + " " + l);
        }
      }
      keys.swap(next);
    }
    for (const std::string& key : keys) {
      if (end == i + 1 && lex.PlaceStopword(key)) break;  // as written or a lemma: never alone
      Readings(gaz, key, latin, entries);
      if (!entries.empty()) return end;
    }
  }
  entries.clear();
  return i;
}

// Chinese: the longest run of Han characters over whole tokens from i that names a place.
uint32_t MatchHan(const Gazetteer& gaz, const NativeLexicon& lex, const Document& doc, const Coverage& cov,
                  uint32_t i, std::vector<uint32_t>& entries) {
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  thread_local std::vector<uint32_t> ends;
  ends.clear();
  size_t chars = 0;
  for (uint32_t k = i; k < n; ++k) {
    const Token& t = doc.tokens[k];
    if (cov.person[k] >= 0 || !StartsWithHan(doc.View(t.span))) break;
    if (k > i && doc.tokens[k - 1].span.end != t.span.begin) break;
    size_t pos = 0;
    const std::string_view text = doc.View(t.span);
    size_t c = 0;
    bool han = true;
    while (pos < text.size()) {
      han &= IsHan(DecodeUtf8(text, &pos));
      ++c;
    }
    if (!han || chars + c > kMaxHanChars) break;
    chars += c;
    ends.push_back(k + 1);
  }
  thread_local std::vector<std::string> keys;
  for (size_t e = ends.size(); e > 0; --e) {
    const uint32_t end = ends[e - 1];
    const std::string key(doc.text.substr(doc.tokens[i].span.begin, doc.tokens[end - 1].span.end - doc.tokens[i].span.begin));
    if (key.size() < 6 || lex.PlaceStopword(key)) continue;  // one Han character is no name
    keys.clear();
    lex.Lemmas(key, keys, 4);
    for (const std::string& k : keys) {
      if (k.size() < 6 || lex.PlaceStopword(k)) continue;
      Readings(gaz, k, false, entries);
      if (!entries.empty()) return end;
    }
  }
  entries.clear();
  return i;
}

// The reading of `key` (with lemma guesses) that is most likely, or -1.
int32_t BestReading(const Gazetteer& gaz, const NativeLexicon& lex, std::string_view text) {
  std::vector<std::string> keys;
  lex.Lemmas(Utf8Lower(text), keys, 8);
  std::vector<uint32_t> entries;
  for (const std::string& k : keys) {
    Readings(gaz, k, false, entries);
    if (entries.empty()) continue;
    int32_t best = -1;
    double best_score = -1e9;
    for (uint32_t ei : entries) {
      const double s = Prior(gaz.entry(ei));
      if (s > best_score) {
        best_score = s;
        best = static_cast<int32_t>(ei);
      }
    }
    return best;
  }
  return -1;
}

void Resolve(const Gazetteer& gaz, const Document& doc, std::vector<NativeCandidate>& cands) {
  // Home countries: the dateline's, and those every reading of a name agrees on.
  std::vector<std::pair<std::string_view, double>> votes;
  auto vote = [&](std::string_view country, double w) {
    if (country.empty()) return;
    for (auto& [c, v] : votes) {
      if (c == country) {
        v += w;
        return;
      }
    }
    votes.emplace_back(country, w);
  };
  if (!doc.dateline.country.empty()) vote(doc.dateline.country, 2.0);
  for (const NativeCandidate& c : cands) {
    if (c.entries.empty()) continue;
    const std::string_view first = gaz.entry(c.entries[0]).country;
    bool same = true;
    for (uint32_t ei : c.entries) same &= gaz.entry(ei).country == first;
    if (same) vote(first, 1.0);
  }
  double total = 0;
  for (const auto& [c, v] : votes) total += v;
  for (NativeCandidate& c : cands) {
    double best_score = -1e9;
    for (uint32_t ei : c.entries) {
      const GazetteerEntry& e = gaz.entry(ei);
      double s = Prior(e);
      for (const auto& [country, v] : votes) {
        if (country == e.country && total > 0) s += 3.0 * v / total;
      }
      if (s > best_score) {
        best_score = s;
        c.chosen = static_cast<int32_t>(ei);
      }
    }
  }
}

void Emit(const Gazetteer& gaz, Document& doc, const std::vector<NativeCandidate>& cands) {
  bool added = false;
  for (const NativeCandidate& c : cands) {
    Place p;
    p.span = c.span;
    if (c.chosen >= 0) {
      FillPlace(gaz.entry(static_cast<uint32_t>(c.chosen)), p);
    } else {
      p.name = std::string(doc.View(c.span));
      p.kind = PlaceKind::kOther;
    }
    if (c.mention >= 0) {
      p.entity = static_cast<int32_t>(doc.mentions[c.mention].entity);
    } else if (!c.in_org) {
      int64_t found = -1;
      for (uint32_t ei = 0; ei < doc.entities.size() && found < 0; ++ei) {
        const Entity& ent = doc.entities[ei];
        if (ent.type == EntityType::kLoc && ent.canonical == p.name && ent.country == p.country) found = ei;
      }
      if (found < 0) {
        Entity ent;
        ent.type = EntityType::kLoc;
        ent.canonical = p.name;
        ent.country = p.country;
        found = static_cast<int64_t>(doc.entities.size());
        doc.entities.push_back(std::move(ent));
      }
      Mention m;
      m.span = c.span;
      m.entity = static_cast<uint32_t>(found);
      doc.mentions.push_back(m);
      added = true;
      p.entity = static_cast<int32_t>(found);
    }
    doc.places.push_back(std::move(p));
  }
  if (added) {
    doc.SortMentions();
  }
}

}  // namespace

void FindNativePlaces(const Gazetteer& gaz, const NativeLexicon& lex, Document& doc) {
  doc.places.clear();
  if (doc.dateline.present() && !doc.dateline.place.empty() && doc.dateline.country.empty()) {
    const int32_t best = BestReading(gaz, lex, doc.dateline.place);
    if (best >= 0) doc.dateline.country = std::string(gaz.entry(static_cast<uint32_t>(best)).country);
  }
  thread_local Coverage cov;
  BuildCoverage(doc, cov);
  const bool chinese = doc.meta.language == "zh";
  std::vector<NativeCandidate> cands;
  std::vector<uint32_t> entries;
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  for (uint32_t i = 0; i < n;) {
    const Token& t = doc.tokens[i];
    uint32_t end = i;
    if (cov.person[i] < 0) {
      if (chinese && StartsWithHan(doc.View(t.span))) {
        end = MatchHan(gaz, lex, doc, cov, i, entries);
      } else if (!chinese && t.Has(kTokUpperInitial) && IsCyrillicOrLatinWord(doc, t)) {
        end = MatchWords(gaz, lex, doc, cov, i, entries);
        if (end == i + 1 && t.Has(kTokSentenceStart) && !Strong(gaz, entries)) end = i;
      } else if (chinese && t.Has(kTokUpperInitial) && t.Has(kTokAlpha)) {
        end = MatchWords(gaz, lex, doc, cov, i, entries);
      }
    }
    if (end == i) {
      ++i;
      continue;
    }
    NativeCandidate c;
    c.span = {t.span.begin, doc.tokens[end - 1].span.end};
    c.entries = entries;
    c.in_org = cov.org[i] >= 0;
    if (cov.loc[i] >= 0) {
      const Mention& m = doc.mentions[cov.loc[i]];
      if (m.span.begin == c.span.begin && m.span.end == c.span.end) c.mention = cov.loc[i];
    }
    c.dateline = doc.dateline.present() && doc.dateline.span.begin <= c.span.begin &&
                 c.span.end <= doc.dateline.span.end;
    cands.push_back(std::move(c));
    i = end;
  }
  // The entities stage's LOC mentions no candidate covers: places by their text, else "other".
  size_t next = 0;
  const size_t found = cands.size();
  for (uint32_t mi = 0; mi < doc.mentions.size(); ++mi) {
    const Mention& m = doc.mentions[mi];
    if (m.entity >= doc.entities.size() || doc.entities[m.entity].type != EntityType::kLoc ||
        m.kind != MentionKind::kName) {
      continue;
    }
    while (next < found && cands[next].span.end <= m.span.begin) ++next;
    if (next < found && cands[next].span.begin < m.span.end) continue;  // overlaps a gazetteer name
    NativeCandidate c;
    c.span = m.span;
    c.mention = static_cast<int32_t>(mi);
    const int32_t best = BestReading(gaz, lex, doc.View(m.span));
    if (best >= 0) c.entries.push_back(static_cast<uint32_t>(best));
    cands.push_back(std::move(c));
  }
  std::sort(cands.begin(), cands.end(),
            [](const NativeCandidate& a, const NativeCandidate& b) { return a.span.begin < b.span.begin; });
  Resolve(gaz, doc, cands);
  Emit(gaz, doc, cands);
}

}  // namespace ties
