// result_fields.h: the one vocabulary of query results (issue 15 item 3).
//
// Each result kind (article hits, quotes, entities, dyad points, network
// edges and nodes, top lists, store statistics) has one table of fields here:
// name and value. The CLI (text, --json, --csv) and the HTTP API (JSON, CSV)
// serialise results only through these tables and the writers below, so a
// field has one name everywhere and the same query gives the same fields and
// values on every surface. docs/record.md ("Result fields") lists the tables;
// result_fields_test checks that the document and the code agree.
//
// Naming rule: a result field has the record's name for the same concept
// (`canonical`, `kind`, `published`, `text`), flattened with the parent's name
// where the record nests (`speaker.country` -> `speaker_country`); every
// count of articles is `articles`.
#ifndef TIES_QUERY_RESULT_FIELDS_H_
#define TIES_QUERY_RESULT_FIELDS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/json_writer.h"
#include "ties/query.h"

namespace ties {

// One cell: text, a count, a signed offset or a real number.
using FieldValue = std::variant<std::string_view, uint64_t, int64_t, double>;

// One named field of a result row. `get` returns a view into `row`, so the
// value lives as long as the row.
template <typename Row>
struct ResultField {
  std::string_view name;
  FieldValue (*get)(const Row& row);
};

// A top-list entry (Stats::top_*, /api/themes): the value counted and its articles.
using TopEntry = std::pair<std::string, uint64_t>;

// A node of the country network: an ISO3 code and the articles of its edges.
struct NetworkNode {
  std::string country;
  uint64_t weight = 0;
};

// The field tables, in output order (JSON keys, CSV columns).
std::span<const ResultField<ArticleHit>> ArticleFields();
std::span<const ResultField<QuoteRow>> QuoteFields();
std::span<const ResultField<EntityRow>> EntityFields();
std::span<const ResultField<DyadPoint>> DyadFields();
std::span<const ResultField<NetworkEdge>> NetworkEdgeFields();
std::span<const ResultField<NetworkNode>> NetworkNodeFields();
std::span<const ResultField<TopEntry>> TopEntryFields();
// The scalar statistics (counts, first_date, last_date); the top lists follow them in JSON.
std::span<const ResultField<Stats>> StatsFields();

// The columns the CLI's text tables show (a terminal is narrow), all names from
// the tables above; --json and --csv carry every field.
std::span<const std::string_view> ArticleTableColumns();
std::span<const std::string_view> QuoteTableColumns();

// "json" type of a field, as docs/record.md writes it: string, integer or number.
template <typename Row>
std::string_view FieldTypeName(const ResultField<Row>& field) {
  const FieldValue sample = field.get(Row{});
  if (std::holds_alternative<std::string_view>(sample)) return "string";
  if (std::holds_alternative<double>(sample)) return "number";
  return "integer";
}

// Writes `value` as one JSON value (NaN: null).
void WriteFieldJson(JsonWriter& w, const FieldValue& value);
// Appends `value` as one CSV cell: text quoted per RFC 4180 and, when it starts
// with = + - @ TAB or CR, prefixed with ' so spreadsheets do not run it as a
// formula; numbers as in JSON (NaN: empty).
void AppendFieldCsv(std::string& out, const FieldValue& value);
// A cell of the CLI's text table: text as is, reals with two decimals.
std::string FieldText(const FieldValue& value);

// RFC 4180 field (formula-protected when `is_text`), for cells built elsewhere.
void AppendCsvField(std::string& out, std::string_view value, bool is_text = true);

template <typename Row>
void WriteRowJson(JsonWriter& w, std::span<const ResultField<Row>> fields, const Row& row) {
  w.BeginObject();
  for (const ResultField<Row>& f : fields) {
    w.Key(f.name);
    WriteFieldJson(w, f.get(row));
  }
  w.EndObject();
}

// "name1,name2,...\r\n".
template <typename Row>
void AppendCsvHeader(std::string& out, std::span<const ResultField<Row>> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += fields[i].name;
  }
  out += "\r\n";
}

template <typename Row>
void AppendCsvRow(std::string& out, std::span<const ResultField<Row>> fields, const Row& row) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    AppendFieldCsv(out, fields[i].get(row));
  }
  out += "\r\n";
}

template <typename Row>
std::string ListCsv(std::span<const ResultField<Row>> fields, const std::vector<Row>& rows) {
  std::string out;
  AppendCsvHeader(out, fields);
  for (const Row& row : rows) AppendCsvRow(out, fields, row);
  return out;
}

// One page of a list: {"items":[...],"next_cursor":...|null[,"total":N],"limit":N}.
// `total` < 0 leaves it out (only article searches count every match).
template <typename Row>
std::string ListPageJson(std::span<const ResultField<Row>> fields, const std::vector<Row>& rows,
                         const std::string& next_cursor, int64_t total, uint32_t limit, bool pretty = false) {
  std::string out;
  JsonWriter w(out, pretty);
  w.BeginObject().Key("items").BeginArray();
  for (const Row& row : rows) WriteRowJson(w, fields, row);
  w.EndArray().Key("next_cursor");
  if (next_cursor.empty()) w.Null(); else w.String(next_cursor);
  if (total >= 0) w.Field("total", static_cast<uint64_t>(total));
  w.Field("limit", limit);
  w.EndObject();
  return out;
}

// Whole answers of the non-list queries, as JSON documents and CSV files. The
// API sends exactly these bodies; the CLI prints them (JSON indented).
std::string DyadJson(const DyadQuery& query, const std::vector<DyadPoint>& series, bool pretty = false);
// Nodes: every country on an edge, weighted by the articles of its edges, heaviest first.
std::vector<NetworkNode> NetworkNodes(const std::vector<NetworkEdge>& edges);
// {"nodes":[...],"edges":[...],"limit":N,"complete":bool}
std::string NetworkJson(const std::vector<NetworkEdge>& edges, uint32_t limit, bool pretty = false);
std::string StatsJson(const Stats& stats, bool pretty = false);
// "metric,value" rows: the scalar statistics.
std::string StatsCsv(const Stats& stats);
// /api/themes: {"items":[{"name","articles"}...],"next_cursor":null}
std::string ThemesJson(const Stats& stats, bool pretty = false);

}  // namespace ties

#endif  // TIES_QUERY_RESULT_FIELDS_H_
