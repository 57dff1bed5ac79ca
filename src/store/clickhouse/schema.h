// schema.h: the ClickHouse tables of a ties database (docs/scale.md).
//
// Every table exists twice per server: `NAME_local`, a ReplacingMergeTree
// partitioned by month of publication (toYYYYMM(pub_date)) that a shard's
// writer fills, and, when the location names a cluster, `NAME`, a Distributed
// table over all shards' NAME_local that queries read. Child rows carry the
// article's id and content hash; their sorting keys end in (article, hash, idx),
// so re-inserting an article's rows collapses into one copy (FINAL reads).
#ifndef TIES_STORE_CLICKHOUSE_SCHEMA_H_
#define TIES_STORE_CLICKHOUSE_SCHEMA_H_

#include <string>
#include <vector>

namespace ties::clickhouse {

inline constexpr int kSchemaVersion = 1;

struct Column {
  const char* name;
  const char* type;
};

struct Table {
  const char* name;                 // without the _local suffix
  std::vector<Column> columns;      // in RowBinary order
  const char* order_by;             // sorting key: the replacing key
  const char* version;              // ReplacingMergeTree version column, or ""
  const char* key;                  // "id" for articles, "article" elsewhere (sharding and deletes)
  std::string ColumnList() const;   // "a, b, c"
};

// The tables, children first and `articles` last (the insert order: an
// article row is written only after all its annotations, so its presence
// means the article is complete).
const std::vector<Table>& Tables();
const Table& TableNamed(const char* name);

// CREATE statements for `database` (local tables, plus Distributed ones over
// `cluster` when it is not empty), and the meta table (key, value).
std::vector<std::string> SchemaSql(const std::string& database, const std::string& cluster);

}  // namespace ties::clickhouse

#endif  // TIES_STORE_CLICKHOUSE_SCHEMA_H_
