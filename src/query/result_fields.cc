// result_fields.cc: the field tables and writers of result_fields.h.
#include "query/result_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace ties {

namespace {

// One field whose value is a member of the row (text or number).
#define TIES_FIELD(Row, member) \
  ResultField<Row> { #member, [](const Row& r) -> FieldValue { return FieldValue(Value(r.member)); } }

FieldValue Value(const std::string& s) { return std::string_view(s); }
FieldValue Value(uint64_t n) { return n; }
FieldValue Value(int64_t n) { return n; }
FieldValue Value(double x) { return x; }

const ResultField<ArticleHit> kArticleFields[] = {
    TIES_FIELD(ArticleHit, id),  TIES_FIELD(ArticleHit, published), TIES_FIELD(ArticleHit, source),
    TIES_FIELD(ArticleHit, title), TIES_FIELD(ArticleHit, url),     TIES_FIELD(ArticleHit, snippet),
    TIES_FIELD(ArticleHit, rank),
};

const ResultField<QuoteRow> kQuoteFields[] = {
    // `text` last: the long cell ends a CSV line.
    TIES_FIELD(QuoteRow, article_id),      TIES_FIELD(QuoteRow, published),    TIES_FIELD(QuoteRow, url),
    TIES_FIELD(QuoteRow, kind),            TIES_FIELD(QuoteRow, speaker),      TIES_FIELD(QuoteRow, speaker_country),
    TIES_FIELD(QuoteRow, speaker_role),    TIES_FIELD(QuoteRow, speaker_mention), TIES_FIELD(QuoteRow, cue),
    TIES_FIELD(QuoteRow, start),           TIES_FIELD(QuoteRow, end),          TIES_FIELD(QuoteRow, text),
};

const ResultField<EntityRow> kEntityFields[] = {
    TIES_FIELD(EntityRow, canonical), TIES_FIELD(EntityRow, type),     TIES_FIELD(EntityRow, country),
    TIES_FIELD(EntityRow, role),      TIES_FIELD(EntityRow, articles), TIES_FIELD(EntityRow, mentions),
};

const ResultField<DyadPoint> kDyadFields[] = {
    TIES_FIELD(DyadPoint, period),
    TIES_FIELD(DyadPoint, articles),
    TIES_FIELD(DyadPoint, events),
    {"verbal_coop", [](const DyadPoint& p) -> FieldValue { return p.quad[0]; }},
    {"material_coop", [](const DyadPoint& p) -> FieldValue { return p.quad[1]; }},
    {"verbal_conflict", [](const DyadPoint& p) -> FieldValue { return p.quad[2]; }},
    {"material_conflict", [](const DyadPoint& p) -> FieldValue { return p.quad[3]; }},
    TIES_FIELD(DyadPoint, mean_goldstein),
    TIES_FIELD(DyadPoint, mean_tone),
};

const ResultField<NetworkEdge> kNetworkEdgeFields[] = {
    TIES_FIELD(NetworkEdge, a), TIES_FIELD(NetworkEdge, b), TIES_FIELD(NetworkEdge, articles),
    TIES_FIELD(NetworkEdge, events),
};

const ResultField<NetworkNode> kNetworkNodeFields[] = {TIES_FIELD(NetworkNode, country),
                                                       TIES_FIELD(NetworkNode, weight)};

const ResultField<TopEntry> kTopEntryFields[] = {
    {"name", [](const TopEntry& e) -> FieldValue { return std::string_view(e.first); }},
    {"articles", [](const TopEntry& e) -> FieldValue { return e.second; }},
};

const ResultField<Stats> kStatsFields[] = {
    TIES_FIELD(Stats, articles), TIES_FIELD(Stats, sources), TIES_FIELD(Stats, entities),
    TIES_FIELD(Stats, mentions), TIES_FIELD(Stats, places),  TIES_FIELD(Stats, quotes),
    TIES_FIELD(Stats, events),   TIES_FIELD(Stats, clusters), TIES_FIELD(Stats, first_date),
    TIES_FIELD(Stats, last_date),
};

#undef TIES_FIELD

constexpr std::string_view kArticleTableColumns[] = {"id", "published", "source", "title", "snippet"};
constexpr std::string_view kQuoteTableColumns[] = {"speaker", "speaker_country", "speaker_role", "kind",
                                                   "cue",     "text",            "article_id",   "published"};

void WriteTopList(JsonWriter& w, std::string_view key, const std::vector<TopEntry>& entries) {
  w.Key(key).BeginArray();
  for (const TopEntry& e : entries) WriteRowJson<TopEntry>(w, kTopEntryFields, e);
  w.EndArray();
}

}  // namespace

std::span<const ResultField<ArticleHit>> ArticleFields() { return kArticleFields; }
std::span<const ResultField<QuoteRow>> QuoteFields() { return kQuoteFields; }
std::span<const ResultField<EntityRow>> EntityFields() { return kEntityFields; }
std::span<const ResultField<DyadPoint>> DyadFields() { return kDyadFields; }
std::span<const ResultField<NetworkEdge>> NetworkEdgeFields() { return kNetworkEdgeFields; }
std::span<const ResultField<NetworkNode>> NetworkNodeFields() { return kNetworkNodeFields; }
std::span<const ResultField<TopEntry>> TopEntryFields() { return kTopEntryFields; }
std::span<const ResultField<Stats>> StatsFields() { return kStatsFields; }
std::span<const std::string_view> ArticleTableColumns() { return kArticleTableColumns; }
std::span<const std::string_view> QuoteTableColumns() { return kQuoteTableColumns; }

void WriteFieldJson(JsonWriter& w, const FieldValue& value) {
  if (const auto* s = std::get_if<std::string_view>(&value)) w.String(*s);
  else if (const auto* u = std::get_if<uint64_t>(&value)) w.Uint(*u);
  else if (const auto* i = std::get_if<int64_t>(&value)) w.Int(*i);
  else w.Double(std::get<double>(value));
}

void AppendFieldCsv(std::string& out, const FieldValue& value) {
  if (const auto* s = std::get_if<std::string_view>(&value)) AppendCsvField(out, *s, true);
  else if (const auto* u = std::get_if<uint64_t>(&value)) fmt::format_to(std::back_inserter(out), "{}", *u);
  else if (const auto* i = std::get_if<int64_t>(&value)) fmt::format_to(std::back_inserter(out), "{}", *i);
  else if (const double x = std::get<double>(value); std::isfinite(x)) fmt::format_to(std::back_inserter(out), "{}", x);
}

std::string FieldText(const FieldValue& value) {
  if (const auto* s = std::get_if<std::string_view>(&value)) return std::string(*s);
  if (const auto* u = std::get_if<uint64_t>(&value)) return std::to_string(*u);
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  const double x = std::get<double>(value);
  return std::isfinite(x) ? fmt::format("{:.2f}", x) : "";
}

void AppendCsvField(std::string& out, std::string_view value, bool is_text) {
  const bool formula = is_text && !value.empty() &&
                       (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                        value[0] == '\t' || value[0] == '\r');
  const bool quote = formula || value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out.append(value);
    return;
  }
  out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string DyadJson(const DyadQuery& query, const std::vector<DyadPoint>& series, bool pretty) {
  std::string out;
  JsonWriter w(out, pretty);
  w.BeginObject().Field("a", query.a).Field("b", query.b).Field("by", query.by).Field("dedup", query.dedup);
  w.Key("series").BeginArray();
  for (const DyadPoint& p : series) WriteRowJson<DyadPoint>(w, kDyadFields, p);
  w.EndArray().EndObject();
  return out;
}

std::vector<NetworkNode> NetworkNodes(const std::vector<NetworkEdge>& edges) {
  std::vector<NetworkNode> nodes;
  auto add = [&nodes](const std::string& country, uint64_t articles) {
    for (NetworkNode& node : nodes) {
      if (node.country == country) {
        node.weight += articles;
        return;
      }
    }
    nodes.push_back({country, articles});
  };
  for (const NetworkEdge& e : edges) {
    add(e.a, e.articles);
    add(e.b, e.articles);
  }
  std::sort(nodes.begin(), nodes.end(), [](const NetworkNode& x, const NetworkNode& y) {
    return x.weight != y.weight ? x.weight > y.weight : x.country < y.country;
  });
  return nodes;
}

std::string NetworkJson(const std::vector<NetworkEdge>& edges, uint32_t limit, bool pretty) {
  std::string out;
  JsonWriter w(out, pretty);
  w.BeginObject().Key("nodes").BeginArray();
  for (const NetworkNode& node : NetworkNodes(edges)) WriteRowJson<NetworkNode>(w, kNetworkNodeFields, node);
  w.EndArray().Key("edges").BeginArray();
  for (const NetworkEdge& e : edges) WriteRowJson<NetworkEdge>(w, kNetworkEdgeFields, e);
  w.EndArray().Field("limit", limit).Field("complete", edges.size() < limit).EndObject();
  return out;
}

std::string StatsJson(const Stats& stats, bool pretty) {
  std::string out;
  JsonWriter w(out, pretty);
  w.BeginObject();
  for (const ResultField<Stats>& f : kStatsFields) {
    w.Key(f.name);
    WriteFieldJson(w, f.get(stats));
  }
  WriteTopList(w, "top_sources", stats.top_sources);
  WriteTopList(w, "top_entities", stats.top_entities);
  WriteTopList(w, "top_countries", stats.top_countries);
  WriteTopList(w, "top_themes", stats.top_themes);
  w.EndObject();
  return out;
}

std::string StatsCsv(const Stats& stats) {
  std::string out = "metric,value\r\n";
  for (const ResultField<Stats>& f : kStatsFields) {
    AppendCsvField(out, f.name, true);
    out += ',';
    AppendFieldCsv(out, f.get(stats));
    out += "\r\n";
  }
  return out;
}

std::string ThemesJson(const Stats& stats, bool pretty) {
  std::string out;
  JsonWriter w(out, pretty);
  w.BeginObject();
  WriteTopList(w, "items", stats.top_themes);
  w.Key("next_cursor").Null().EndObject();
  return out;
}

}  // namespace ties
