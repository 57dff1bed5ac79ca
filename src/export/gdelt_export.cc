// gdelt_export.cc: GDELT 2.0 events, GKG 2.1 and CSV writers (see gdelt_export.h).
#include "export/gdelt_export.h"

#include <cstdio>
#include <map>
#include <tuple>
#include <vector>

#include "common/text_util.h"
#include "ties/record.h"

namespace ties {

namespace {

// Text for a GDELT field: no tabs or newlines, and none of the list delimiters
// given in `also` (GKG uses ; # , | inside fields).
std::string Clean(std::string_view s, std::string_view also = "") {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\t' || c == '\n' || c == '\r' || also.find(c) != std::string_view::npos) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Number(double v, int precision) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", precision, v);
  return buf;
}

// "2025-06-17T10:34:05" -> "20250617103405"; "" when the date is invalid.
std::string Timestamp(std::string_view iso) {
  int y, m, d;
  if (!ParseIsoDate(iso, &y, &m, &d)) return "";
  int hh = 0, mm = 0, ss = 0;
  if (iso.size() >= 16 && (iso[10] == 'T' || iso[10] == ' ')) {
    hh = std::atoi(std::string(iso.substr(11, 2)).c_str());
    mm = std::atoi(std::string(iso.substr(14, 2)).c_str());
    if (iso.size() >= 19 && iso[16] == ':') ss = std::atoi(std::string(iso.substr(17, 2)).c_str());
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", y, m, d, hh, mm, ss);
  return buf;
}

std::string DateAdded(const Document& doc, const ExportOptions& options) {
  return !options.date_added.empty() ? options.date_added : Timestamp(doc.meta.published);
}

std::string Domain(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  start += 3;
  size_t end = url.find_first_of("/:?#", start);
  std::string_view host = url.substr(start, end == std::string_view::npos ? url.npos : end - start);
  if (host.substr(0, 4) == "www.") host.remove_prefix(4);
  return std::string(host);
}

// GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
int GeoType(const Place& p) {
  const bool us = p.country == "USA";
  switch (p.kind) {
    case PlaceKind::kCountry: return 1;
    case PlaceKind::kAdmin: return us ? 2 : 5;
    case PlaceKind::kCity: return us ? 3 : 4;
    case PlaceKind::kRegion:
    case PlaceKind::kOther: return 4;
  }
  return 4;
}

// The 8 geo columns: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
void AppendGeo(const Place* p, std::string& out) {
  if (!p) {
    out += "\t\t\t\t\t\t\t\t";
    return;
  }
  std::string full = p->name;
  if (!p->admin1.empty() && p->kind != PlaceKind::kAdmin && p->kind != PlaceKind::kCountry) full += ", " + p->admin1;
  out += '\t' + std::to_string(GeoType(*p));
  out += '\t' + Clean(full);
  out += '\t' + p->country;
  out += '\t';  // ADM1Code: GDELT uses FIPS codes, which we do not have
  out += '\t';  // ADM2Code
  out += '\t' + (p->has_coordinates ? Number(p->lat, 4) : "");
  out += '\t' + (p->has_coordinates ? Number(p->lon, 4) : "");
  out += '\t' + (p->geonameid ? std::to_string(p->geonameid) : "");
}

// The 10 actor columns: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
// Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
void AppendActor(const Document& doc, const std::string& code, Span span, std::string& out) {
  std::string country, group, type;
  if (code.size() >= 3) {
    if (code.substr(0, 3) == "IGO" || code.substr(0, 3) == "IMG") {
      group = code.size() > 3 ? code.substr(3) : "";
      type = code.substr(0, 3);
    } else {
      country = code.substr(0, 3);
      type = code.size() > 3 ? code.substr(3, 3) : "";
    }
  }
  out += '\t' + code;
  out += '\t' + (code.empty() ? "" : Upper(Clean(doc.View(span))));
  out += '\t' + country;
  out += '\t' + group;
  out += "\t\t\t";  // ethnic, religion 1, religion 2
  out += '\t' + type;
  out += "\t\t";    // type 2, type 3
}

const Place* PlaceInSpan(const Document& doc, Span span) {
  for (const Place& p : doc.places) {
    if (p.span.begin >= span.begin && p.span.end <= span.end) return &p;
  }
  return nullptr;
}

const Place* PlaceForCountry(const Document& doc, std::string_view country) {
  if (country.size() != 3) return nullptr;
  const Place* fallback = nullptr;
  for (const Place& p : doc.places) {
    if (p.country != country) continue;
    if (p.kind == PlaceKind::kCity || p.kind == PlaceKind::kAdmin) return &p;
    if (!fallback) fallback = &p;
  }
  return fallback;
}

const Place* DatelinePlace(const Document& doc) {
  if (!doc.dateline.present()) return nullptr;
  for (const Place& p : doc.places) {
    if (p.span.begin >= doc.dateline.span.begin && p.span.end <= doc.dateline.span.end) return &p;
  }
  for (const Place& p : doc.places) {
    if (p.name == doc.dateline.place) return &p;
  }
  return nullptr;
}

std::string ToneList(const Tone& t) {
  return Number(t.tone, 6) + "," + Number(t.positive, 6) + "," + Number(t.negative, 6) + "," +
         Number(t.polarity, 6) + "," + Number(t.activity, 6) + "," + Number(t.self_group, 6) + "," +
         std::to_string(t.word_count);
}

void CsvField(std::string_view s, std::string& out) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string_view GdeltEventHeader() {
  static const std::string header = [] {
    std::vector<std::string> cols = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"};
    for (const char* a : {"Actor1", "Actor2"}) {
      for (const char* f : {"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                            "Religion2Code", "Type1Code", "Type2Code", "Type3Code"}) {
        cols.push_back(std::string(a) + f);
      }
    }
    for (const char* f : {"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"}) {
      cols.push_back(f);
    }
    for (const char* g : {"Actor1Geo_", "Actor2Geo_", "ActionGeo_"}) {
      for (const char* f : {"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"}) {
        cols.push_back(std::string(g) + f);
      }
    }
    cols.push_back("DATEADDED");
    cols.push_back("SOURCEURL");
    std::string out;
    for (size_t i = 0; i < cols.size(); ++i) out += (i ? "\t" : "") + cols[i];
    return out + "\n";
  }();
  return header;
}

void AppendGdeltEventRows(const Document& doc, const ExportOptions& options, uint64_t* next_event_id,
                          std::string& out) {
  int y = 0, m = 0, d = 0;
  const bool has_date = ParseIsoDate(doc.meta.published, &y, &m, &d);
  const std::string added = DateAdded(doc, options);
  // One row per distinct triple, in first-seen order, counting mentions.
  std::map<std::tuple<std::string, std::string, std::string>, size_t> first_index;
  std::vector<std::pair<const Event*, uint32_t>> rows;
  for (const Event& e : doc.events) {
    auto key = std::make_tuple(e.source, e.target, e.code);
    auto it = first_index.find(key);
    if (it == first_index.end()) {
      first_index.emplace(key, rows.size());
      rows.push_back({&e, 1});
    } else {
      ++rows[it->second].second;
    }
  }
  const Place* dateline_place = DatelinePlace(doc);
  for (const auto& [e, mentions] : rows) {
    out += std::to_string((*next_event_id)++);
    if (has_date) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f", y, m, d, y, m, y,
                    y + (m * 30 + d) / 365.0);
      out += buf;
    } else {
      out += "\t\t\t\t";
    }
    AppendActor(doc, e->source, e->source_span, out);
    AppendActor(doc, e->target, e->target_span, out);
    // GDELT's IsRootEvent marks events from the lead: the first three sentences here.
    bool root = false;
    for (size_t si = 0; si < doc.sentences.size() && si < 3; ++si) root |= doc.sentences[si].span.begin == e->sentence.begin;
    out += root ? "\t1" : "\t0";
    const std::string base = e->code.substr(0, std::min<size_t>(3, e->code.size()));
    const std::string root_code = e->code.substr(0, std::min<size_t>(2, e->code.size()));
    out += '\t' + e->code + '\t' + base + '\t' + root_code;
    out += '\t' + std::to_string(e->quad_class);
    out += '\t' + Number(e->goldstein, 1);
    out += '\t' + std::to_string(mentions) + "\t1\t1";
    out += '\t' + Number(doc.tone.tone, 6);
    AppendGeo(PlaceForCountry(doc, e->source.substr(0, std::min<size_t>(3, e->source.size()))), out);
    AppendGeo(PlaceForCountry(doc, e->target.substr(0, std::min<size_t>(3, e->target.size()))), out);
    const Place* action = PlaceInSpan(doc, e->sentence);
    AppendGeo(action ? action : dateline_place, out);
    out += '\t' + added;
    out += '\t' + Clean(doc.meta.url.empty() ? doc.meta.id : doc.meta.url);
    out += '\n';
  }
}

std::string_view GdeltGkgHeader() {
  static const std::string header =
      "GKGRECORDID\tV2.1DATE\tV2SOURCECOLLECTIONIDENTIFIER\tV2SOURCECOMMONNAME\tV2DOCUMENTIDENTIFIER\t"
      "V1COUNTS\tV2.1COUNTS\tV1THEMES\tV2ENHANCEDTHEMES\tV1LOCATIONS\tV2ENHANCEDLOCATIONS\tV1PERSONS\t"
      "V2ENHANCEDPERSONS\tV1ORGANIZATIONS\tV2ENHANCEDORGANIZATIONS\tV1.5TONE\tV2.1ENHANCEDDATES\tV2GCAM\t"
      "V2.1SHARINGIMAGE\tV2.1RELATEDIMAGES\tV2.1SOCIALIMAGEEMBEDS\tV2.1SOCIALVIDEOEMBEDS\tV2.1QUOTATIONS\t"
      "V2.1ALLNAMES\tV2.1AMOUNTS\tV2.1TRANSLATIONINFO\tV2EXTRASXML\n";
  return header;
}

void AppendGdeltGkgRow(const Document& doc, const ExportOptions& options, uint64_t record_seq, std::string& out) {
  const CodepointIndex cp(doc.text);
  const std::string date = DateAdded(doc, options);
  out += date + "-" + std::to_string(record_seq);
  out += '\t' + date;
  out += "\t1";  // WEB
  const std::string domain = Domain(doc.meta.url);
  out += '\t' + Clean(domain.empty() ? doc.meta.source : domain);
  out += '\t' + Clean(doc.meta.url.empty() ? doc.meta.id : doc.meta.url);
  out += "\t\t";  // V1COUNTS, V2.1COUNTS
  // Themes: ranked; GDELT theme names are upper case. V2 offsets are the article
  // start (0) because themes carry counts, not evidence positions.
  std::string v1_themes, v2_themes;
  for (const Theme& t : doc.themes) {
    const std::string name = Upper(Clean(t.name, ";,#"));
    v1_themes += name + ";";
    v2_themes += name + ",0;";
  }
  out += '\t' + v1_themes + '\t' + v2_themes;
  // Locations: Type#FullName#CountryCode#ADM1Code#Lat#Long#FeatureID (V2 adds ADM2 and the offset).
  std::string v1_loc, v2_loc;
  for (const Place& p : doc.places) {
    const std::string lat = p.has_coordinates ? Number(p.lat, 4) : "";
    const std::string lon = p.has_coordinates ? Number(p.lon, 4) : "";
    const std::string id = p.geonameid ? std::to_string(p.geonameid) : "";
    const std::string type = std::to_string(GeoType(p));
    const std::string name = Clean(p.name, ";#");
    v1_loc += type + "#" + name + "#" + p.country + "##" + lat + "#" + lon + "#" + id + ";";
    v2_loc += type + "#" + name + "#" + p.country + "###" + lat + "#" + lon + "#" + id + "#" +
              std::to_string(cp(p.span.begin)) + ";";
  }
  out += '\t' + v1_loc + '\t' + v2_loc;
  // Persons and organizations: canonical names (V1, once each) and every named mention with its offset (V2).
  for (EntityType type : {EntityType::kPerson, EntityType::kOrg}) {
    std::string v1, v2;
    for (const Entity& e : doc.entities) {
      if (e.type == type) v1 += Clean(e.canonical, ";,#") + ";";
    }
    for (const Mention& m : doc.mentions) {
      if (m.kind != MentionKind::kName || doc.entities[m.entity].type != type) continue;
      v2 += Clean(doc.entities[m.entity].canonical, ";,#") + "," + std::to_string(cp(m.span.begin)) + ";";
    }
    out += '\t' + v1 + '\t' + v2;
  }
  out += '\t' + ToneList(doc.tone);
  // Dates: Resolution#Month#Day#Year#Offset (4 full date, 2 month and year, 1 year only).
  std::string dates;
  for (const DateMention& dm : doc.dates) {
    int y = 0, m = 0, d = 0;
    int resolution = 0;
    if (ParseIsoDate(dm.value, &y, &m, &d)) {
      resolution = 4;
    } else if (dm.value.size() == 7 && dm.value[4] == '-') {
      y = std::atoi(dm.value.substr(0, 4).c_str());
      m = std::atoi(dm.value.substr(5, 2).c_str());
      resolution = 2;
    } else if (dm.value.size() == 4) {
      y = std::atoi(dm.value.c_str());
      resolution = 1;
    } else {
      continue;  // ISO weeks have no GKG resolution
    }
    dates += std::to_string(resolution) + "#" + std::to_string(m) + "#" + std::to_string(d) + "#" +
             std::to_string(y) + "#" + std::to_string(cp(dm.span.begin)) + ";";
  }
  out += '\t' + dates;
  out += "\twc:" + std::to_string(doc.tone.word_count);  // V2GCAM: word count only
  out += "\t\t\t\t";  // images and embeds
  // Quotations: Offset|Length|Verb|Quote, '#'-separated; speakers in the extras field.
  std::string quotes, speakers;
  for (const Quote& q : doc.quotes) {
    const uint32_t off = cp(q.span.begin), len = cp(q.span.end) - off;
    if (!quotes.empty()) quotes += '#';
    quotes += std::to_string(off) + "|" + std::to_string(len) + "|" + Clean(q.cue, "|#") + "|" +
              Clean(doc.View(q.span), "|#");
    if (!speakers.empty()) speakers += '#';
    const std::string country = q.speaker_entity >= 0 ? doc.entities[q.speaker_entity].country : "";
    speakers += std::to_string(off) + "|" + std::to_string(len) + "|" + Clean(q.speaker_name, "|#<>") + "|" + country;
  }
  out += '\t' + quotes;
  std::string all_names;
  for (const Mention& m : doc.mentions) {
    if (m.kind != MentionKind::kName) continue;
    all_names += Clean(doc.View(m.span), ";,") + "," + std::to_string(cp(m.span.begin)) + ";";
  }
  out += '\t' + all_names;
  out += "\t\t";  // amounts, translation info
  std::string extras;
  if (!doc.meta.title.empty()) extras += "<PAGE_TITLE>" + Clean(doc.meta.title, "<>") + "</PAGE_TITLE>";
  if (!speakers.empty()) extras += "<TIES_QUOTE_SPEAKERS>" + speakers + "</TIES_QUOTE_SPEAKERS>";
  out += '\t' + extras;
  out += '\n';
}

std::string_view EventsCsvHeader() {
  return "article_id,published,url,source,source_text,target,target_text,code,base_code,root,quad_class,"
         "goldstein,plover,negated,trigger,trigger_start,trigger_end,sentence_start,sentence_end,sentence\n";
}

void AppendEventsCsvRows(const Document& doc, std::string& out) {
  const CodepointIndex cp(doc.text);
  for (const Event& e : doc.events) {
    CsvField(doc.meta.id, out);
    out += ',';
    CsvField(doc.meta.published, out);
    out += ',';
    CsvField(doc.meta.url, out);
    out += ',' + e.source + ',';
    CsvField(Clean(doc.View(e.source_span)), out);
    out += ',' + e.target + ',';
    CsvField(Clean(doc.View(e.target_span)), out);
    out += ',' + e.code + ',' + e.code.substr(0, std::min<size_t>(3, e.code.size())) + ',' +
           e.code.substr(0, std::min<size_t>(2, e.code.size()));
    out += ',' + std::to_string(e.quad_class) + ',' + Number(e.goldstein, 1) + ',' + e.plover;
    out += e.negated ? ",true," : ",false,";
    CsvField(Clean(doc.View(e.trigger)), out);
    out += ',' + std::to_string(cp(e.trigger.begin)) + ',' + std::to_string(cp(e.trigger.end));
    out += ',' + std::to_string(cp(e.sentence.begin)) + ',' + std::to_string(cp(e.sentence.end)) + ',';
    CsvField(Clean(doc.View(e.sentence)), out);
    out += '\n';
  }
}

}  // namespace ties
