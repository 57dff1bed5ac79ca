// document.cc: names of the Document enums and Reset().
#include "ties/document.h"

#include <algorithm>

namespace ties {

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson: return "PERSON";
    case EntityType::kOrg: return "ORG";
    case EntityType::kLoc: return "LOC";
    case EntityType::kNorp: return "NORP";
  }
  return "";
}

std::string_view MentionKindName(MentionKind kind) {
  switch (kind) {
    case MentionKind::kName: return "name";
    case MentionKind::kNominal: return "nominal";
    case MentionKind::kPronoun: return "pronoun";
  }
  return "";
}

std::string_view PlaceKindName(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCountry: return "country";
    case PlaceKind::kCity: return "city";
    case PlaceKind::kAdmin: return "admin";
    case PlaceKind::kRegion: return "region";
    case PlaceKind::kOther: return "other";
  }
  return "";
}

std::string_view QuoteKindName(QuoteKind kind) {
  switch (kind) {
    case QuoteKind::kDirect: return "direct";
    case QuoteKind::kIndirect: return "indirect";
    case QuoteKind::kMixed: return "mixed";
  }
  return "";
}

// Inverses of the names above, for reading stored records back.
EntityType EntityTypeFromName(std::string_view s) {
  if (s == "ORG") return EntityType::kOrg;
  if (s == "LOC") return EntityType::kLoc;
  if (s == "NORP") return EntityType::kNorp;
  return EntityType::kPerson;
}

MentionKind MentionKindFromName(std::string_view s) {
  if (s == "nominal") return MentionKind::kNominal;
  if (s == "pronoun") return MentionKind::kPronoun;
  return MentionKind::kName;
}

PlaceKind PlaceKindFromName(std::string_view s) {
  if (s == "country") return PlaceKind::kCountry;
  if (s == "admin") return PlaceKind::kAdmin;
  if (s == "region") return PlaceKind::kRegion;
  if (s == "other") return PlaceKind::kOther;
  return PlaceKind::kCity;
}

QuoteKind QuoteKindFromName(std::string_view s) {
  if (s == "indirect") return QuoteKind::kIndirect;
  if (s == "mixed") return QuoteKind::kMixed;
  return QuoteKind::kDirect;
}

void Document::SortMentions() {
  std::stable_sort(mentions.begin(), mentions.end(),
                   [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  std::vector<bool> seen(entities.size(), false);
  for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
    const uint32_t ei = mentions[mi].entity;
    if (ei < seen.size() && !seen[ei]) {
      seen[ei] = true;
      entities[ei].first_mention = mi;
    }
  }
}

void Document::Reset() {
  meta = ArticleMeta();
  text.clear();
  dateline = Dateline();
  tokens.clear();
  sentences.clear();
  entities.clear();
  mentions.clear();
  places.clear();
  quotes.clear();
  events.clear();
  dates.clear();
  themes.clear();
  tone = Tone();
  quote_tones.clear();
  pos.clear();
  chunks.clear();
  clauses.clear();
  clause_args.clear();
}

}  // namespace ties
