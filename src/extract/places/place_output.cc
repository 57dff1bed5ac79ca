// place_output.cc: the places stage's last pass (places_stage.cc): one Place per resolved
// toponym, counties and local namesakes placed at the article's focus, each linked to a LOC
// entity (the entities stage's, or a new one).
#include <algorithm>

#include "extract/places/places_internal.h"

namespace ties::places_internal {

PlacesStage::Focus PlacesStage::FindFocus(const std::vector<Candidate>& cands) const {
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
  return Focus{focus_admin, focus_admin_n, focus_city};
}

std::vector<bool> PlacesStage::LocalNamesakes(const Document& doc, const std::vector<Candidate>& cands,
                                              const Focus& focus) const {
  const std::string_view focus_admin = focus.admin;
  const int focus_admin_n = focus.admin_mentions;
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
  return to_focus;
}

void PlacesStage::Emit(Document& doc, const std::vector<Word>& words, std::vector<Candidate>& cands,
                       const Votes& votes) const {
  const Focus focus = FindFocus(cands);
  const std::string_view focus_admin = focus.admin;
  const int32_t focus_city = focus.city;
  (void)votes;
  (void)words;
  const std::vector<bool> to_focus = LocalNamesakes(doc, cands, focus);

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
      if (at >= 0) SetCoordinates(gaz_->entry(at), p);
    } else if (c.chosen >= 0) {
      FillPlace(gaz_->entry(c.chosen), p);
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
      if (at >= 0) SetCoordinates(gaz_->entry(at), p);
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

}  // namespace ties::places_internal
