// place_candidates.cc: the places stage's second pass (places_stage.cc): candidate toponyms at
// capitalised words (gazetteer names and the county, street and feature patterns), the entities
// stage's LOC mentions, qualifiers ("Paris, Texas"), and the filters that drop what is no place.
#include <algorithm>

#include "common/text_util.h"
#include "extract/places/places_internal.h"

namespace ties::places_internal {

StrSet PlacesStage::PersonWords(const Document& doc, const Persons& persons, const std::vector<Word>& words) const {
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
  return person_words;
}

PlacesStage::SentenceCase PlacesStage::FindTitleCase(const Document& doc, const std::vector<Word>& words) {
  const uint32_t n = static_cast<uint32_t>(words.size());
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
  return {std::move(title_case), std::move(sentence_of)};
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
      if (j == i || !words_.connectors.count(w.lower)) break;
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
  if (words_.road_heads.count(head_dot) && joinable(after_head) && words[after_head].digit) {
    *source = Source::kStreet;
    return after_head + 1;
  }
  if (words_.feature_heads.count(head_dot) && joinable(after_head) && words[after_head].upper && words[after_head].alpha) {
    uint32_t k = after_head;
    while (k < n && k < after_head + 3 && joinable(k) && words[k].upper && words[k].alpha) ++k;
    *source = Source::kFeature;
    return k;
  }
  // Tails: 1-3 capitalised words then a county, street or feature word.
  uint32_t k = i;
  while (k < n && k < i + 3 && (k == i || joinable(k)) && words[k].upper && words[k].alpha) {
    if (k > i && (words_.county.count(lower(k)) || words_.street.count(lower(k)) || words_.feature_tails.count(lower(k)) ||
                  words_.road_heads.count(lower(k)))) {
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
  if ((tail == "road" || words_.road_heads.count(tail)) && joinable(end) && words[end].digit) {
    *source = Source::kStreet;
    return end + 1;
  }
  if (end < n && !words[end].space_before && doc.View(words[end].span) == ".") {
    if (words_.street.count(tail + ".")) {
      tail += ".";
      ++end;
    }
  }
  if (words_.county.count(tail)) {
    *source = Source::kCounty;
    return end;
  }
  if (words_.street.count(tail)) {
    *source = Source::kStreet;
    return end;
  }
  if (words_.feature_tails.count(tail)) {
    *source = Source::kFeature;
    return end;
  }
  return i;
}

std::vector<Candidate> PlacesStage::FindCandidates(const Document& doc, const std::vector<Word>& words) const {
  const uint32_t n = static_cast<uint32_t>(words.size());
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
      const bool cue = i > 0 && words[i - 1].alpha && words_.strong_cues.count(WordLower(doc, words[i - 1]));
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
  return cands;
}

void PlacesStage::AddEntityCandidates(const Document& doc, const std::vector<Word>& words,
                                      std::vector<Candidate>& cands) const {
  const uint32_t n = static_cast<uint32_t>(words.size());
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
}

void PlacesStage::LinkQualifiers(const Document& doc, const std::vector<Word>& words,
                                 std::vector<Candidate>& cands) const {
  const uint32_t n = static_cast<uint32_t>(words.size());
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
    if ((never_.count(k) || MonthFromName(k) != 0 || words_.weekdays.count(k)) && c.qualifier < 0 && c.abbrev_admin < 0) {
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
        !words_.modifiers.count(WordLower(doc, prev))) {
      return false;
    }
  }
  return true;
}

void PlacesStage::FilterCandidates(const Document& doc, const std::vector<Word>& words, const StrSet& person_words,
                                   const SentenceCase& sentences, std::vector<Candidate>& cands) const {
  const uint32_t n = static_cast<uint32_t>(words.size());
  const std::vector<bool>& title_case = sentences.title_case;
  const std::vector<uint32_t>& sentence_of = sentences.sentence_of;
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
}

}  // namespace ties::places_internal
