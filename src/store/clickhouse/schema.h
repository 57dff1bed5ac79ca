// schema.h: the ClickHouse tables of a ties database (docs/scale.md).
//
// Every table exists twice per server: `NAME_local`, a ReplacingMergeTree
// partitioned by month of publication (toYYYYMM(pub_date)) that a shard's
// writer fills, and, when the location names a cluster, `NAME`, a Distributed
// table over all shards' NAME_local that queries read. Child rows carry the
// article's id and content hash; their sorting keys end in (article, hash, idx),
// so re-inserting an article's rows collapses into one copy (FINAL reads).
//
// Schema 2 (issue #23) adds the articles' SimHash fingerprint, wire agency and
// a `fingerprinted` flag (0 on rows written by schema 1, whose fingerprints
// `ties dedup` computes from the text), and the `clusters` table: the
// non-trivial cluster assignments of `ties dedup`, one full copy on every shard
// so that each shard joins its own rows with it locally.
#ifndef TIES_STORE_CLICKHOUSE_SCHEMA_H_
#define TIES_STORE_CLICKHOUSE_SCHEMA_H_

#include <string>
#include <vector>

namespace ties::clickhouse {

inline constexpr int kSchemaVersion = 2;

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

// clusters(id, cluster, version, copy, pub_date): article id -> the id naming
// its cluster (dedup/clusters.h), for articles not alone in their cluster (and
// for an article whose stored cluster it left). ReplacingMergeTree(version) by
// id, unpartitioned (pub_date is always 0); the Distributed table is sharded by
// `copy`, so an insert with copy = a shard's first weight slot reaches exactly
// that shard (`ties dedup` writes every row once per shard).
const Table& ClustersTable();

// Columns of the articles table added after schema 1, with their types, for
// the migration of older tables (ALTER TABLE ... ADD COLUMN).
std::vector<Column> ArticleColumnsSince1();

// CREATE statements for `database` (local tables, plus Distributed ones over
// `cluster` when it is not empty), the clusters tables and the meta table (key, value).
std::vector<std::string> SchemaSql(const std::string& database, const std::string& cluster);

}  // namespace ties::clickhouse

#endif  // TIES_STORE_CLICKHOUSE_SCHEMA_H_
