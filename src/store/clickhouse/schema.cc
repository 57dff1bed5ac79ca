// schema.cc: table definitions. Only types and engine clauses that ClickHouse
// 18.16 (Debian 12) and current releases both accept: no Nullable (absent
// values are '' or 0 plus a has_* flag), no LowCardinality, String dates
// beside a Date partition column.
#include "store/clickhouse/schema.h"

#include <cstring>
#include <cstdlib>

namespace ties::clickhouse {

std::string Table::ColumnList() const {
  std::string out;
  for (const Column& c : columns) {
    if (!out.empty()) out += ", ";
    out += c.name;
  }
  return out;
}

namespace {

std::vector<Table> MakeTables() {
  // Columns every child table starts with.
  auto child = [](std::vector<Column> rest) {
    std::vector<Column> cols = {{"article", "String"}, {"hash", "String"}, {"pub_date", "Date"}};
    cols.insert(cols.end(), rest.begin(), rest.end());
    return cols;
  };
  std::vector<Table> t;
  t.push_back({"entities",
               child({{"idx", "UInt32"}, {"type", "String"}, {"canonical", "String"}, {"country", "String"},
                      {"role", "String"}, {"org_kind", "String"}, {"gender", "String"}, {"mentions", "UInt32"}}),
               "(article, hash, idx)", "", "article"});
  t.push_back({"mentions",
               child({{"idx", "UInt32"}, {"entity", "UInt32"}, {"start", "UInt32"}, {"end", "UInt32"},
                      {"text", "String"}, {"kind", "String"}}),
               "(article, hash, idx)", "", "article"});
  t.push_back({"places",
               child({{"idx", "UInt32"}, {"start", "UInt32"}, {"end", "UInt32"}, {"text", "String"},
                      {"name", "String"}, {"kind", "String"}, {"geonameid", "Int64"}, {"has_coordinates", "UInt8"},
                      {"lat", "Float64"}, {"lon", "Float64"}, {"country", "String"}, {"admin1", "String"},
                      {"entity", "Int32"}}),
               "(article, hash, idx)", "", "article"});
  t.push_back({"quotes",
               child({{"pub_day", "String"}, {"published", "String"}, {"url", "String"}, {"origin_path", "String"},
                      {"origin_line", "UInt64"}, {"idx", "UInt32"}, {"kind", "String"}, {"start", "UInt32"},
                      {"end", "UInt32"}, {"text", "String"}, {"speaker", "String"}, {"speaker_entity", "Int32"},
                      {"has_speaker_span", "UInt8"}, {"speaker_start", "UInt32"}, {"speaker_end", "UInt32"},
                      {"speaker_text", "String"}, {"speaker_country", "String"}, {"speaker_role", "String"},
                      {"cue", "String"}, {"has_cue_span", "UInt8"}, {"cue_start", "UInt32"}, {"cue_end", "UInt32"},
                      {"cue_text", "String"}, {"has_tone", "UInt8"}, {"tone", "Float64"}, {"positive", "Float64"},
                      {"negative", "Float64"}, {"polarity", "Float64"}, {"activity", "Float64"},
                      {"self_group", "Float64"}, {"word_count", "UInt32"}}),
               "(speaker_country, pub_day, article, hash, idx)", "", "article"});
  t.push_back({"events",
               child({{"pub_day", "String"}, {"idx", "UInt32"}, {"source", "String"}, {"target", "String"},
                      {"source_country", "String"}, {"target_country", "String"}, {"code", "String"},
                      {"root", "String"}, {"goldstein", "Float64"}, {"quad_class", "Int32"}, {"plover", "String"},
                      {"negated", "UInt8"}, {"sentence_start", "UInt32"}, {"sentence_end", "UInt32"},
                      {"trigger_start", "UInt32"}, {"trigger_end", "UInt32"}, {"trigger_text", "String"},
                      {"has_source_span", "UInt8"}, {"source_start", "UInt32"}, {"source_end", "UInt32"},
                      {"has_target_span", "UInt8"}, {"target_start", "UInt32"}, {"target_end", "UInt32"}}),
               "(source_country, target_country, pub_day, article, hash, idx)", "", "article"});
  t.push_back({"themes", child({{"theme", "String"}, {"count", "UInt32"}, {"score", "Float64"}}),
               "(theme, article, hash)", "", "article"});
  t.push_back({"dates",
               child({{"idx", "UInt32"}, {"start", "UInt32"}, {"end", "UInt32"}, {"text", "String"},
                      {"value", "String"}}),
               "(article, hash, idx)", "", "article"});
  t.push_back({"article_countries",
               child({{"country", "String"}, {"pub_day", "String"}, {"mentions", "UInt32"}, {"tone", "Float64"}}),
               "(country, pub_day, article, hash)", "", "article"});
  t.push_back({"articles",
               {{"id", "String"}, {"hash", "String"}, {"version", "UInt64"}, {"ingested_at", "DateTime"},
                {"pub_date", "Date"}, {"pub_day", "String"}, {"published", "String"}, {"url", "String"},
                {"source", "String"}, {"title", "String"}, {"language", "String"}, {"author", "String"},
                {"site_name", "String"}, {"has_dateline", "UInt8"}, {"dateline_place", "String"},
                {"dateline_country", "String"}, {"dateline_date", "String"}, {"dateline_agency", "String"},
                {"dateline_start", "UInt32"}, {"dateline_end", "UInt32"}, {"text", "String"}, {"tone", "Float64"},
                {"positive", "Float64"}, {"negative", "Float64"}, {"polarity", "Float64"}, {"activity", "Float64"},
                {"self_group", "Float64"}, {"word_count", "UInt32"}, {"origin", "String"}, {"origin_path", "String"},
                {"origin_line", "UInt64"}, {"cluster_id", "String"}, {"simhash", "UInt64"},
                {"wire_agency", "String"}, {"fingerprinted", "UInt8"}},
               "id", "version", "id"});
  return t;
}

}  // namespace

const std::vector<Table>& Tables() {
  static const std::vector<Table> tables = MakeTables();
  return tables;
}

const Table& ClustersTable() {
  static const Table table = {"clusters",
                              {{"id", "String"}, {"cluster", "String"}, {"version", "UInt64"}, {"copy", "UInt32"},
                               {"pub_date", "Date"}},
                              "id", "version", "copy"};
  return table;
}

std::vector<Column> ArticleColumnsSince1() {
  return {{"simhash", "UInt64"}, {"wire_agency", "String"}, {"fingerprinted", "UInt8"}};
}

const Table& TableNamed(const char* name) {
  for (const Table& t : Tables()) {
    if (std::strcmp(t.name, name) == 0) return t;
  }
  std::abort();  // programmer error: a table name that schema.cc does not define
}

std::vector<std::string> SchemaSql(const std::string& database, const std::string& cluster) {
  std::vector<std::string> sql;
  sql.push_back("CREATE DATABASE IF NOT EXISTS " + database);
  std::vector<const Table*> all;
  for (const Table& t : Tables()) all.push_back(&t);
  all.push_back(&ClustersTable());
  for (const Table* table : all) {
    const Table& t = *table;
    std::string cols;
    for (const Column& c : t.columns) cols += std::string(cols.empty() ? "" : ", ") + c.name + " " + c.type;
    const std::string local = database + "." + t.name + "_local";
    const bool clusters = &t == &ClustersTable();
    sql.push_back("CREATE TABLE IF NOT EXISTS " + local + " (" + cols + ") ENGINE = ReplacingMergeTree(" +
                  t.version + ") PARTITION BY toYYYYMM(pub_date) ORDER BY " + t.order_by);
    if (!cluster.empty()) {
      // clusters: routed by the value of `copy` itself (one copy per shard).
      const std::string sharding = clusters ? std::string(t.key) : "cityHash64(" + std::string(t.key) + ")";
      sql.push_back("CREATE TABLE IF NOT EXISTS " + database + "." + t.name + " AS " + local +
                    " ENGINE = Distributed(" + cluster + ", " + database + ", " + t.name + "_local, " + sharding + ")");
    }
  }
  sql.push_back("CREATE TABLE IF NOT EXISTS " + database +
                ".meta_local (key String, value String) ENGINE = ReplacingMergeTree() ORDER BY key");
  return sql;
}

}  // namespace ties::clickhouse
