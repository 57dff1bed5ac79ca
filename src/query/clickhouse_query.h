// clickhouse_query.h: the QueryEngine over a ClickHouse ties database.
//
// Reads the Distributed tables when the database has them (a cluster), else the
// server's local tables, always with FINAL so that rows re-sent after a failed
// insert count once. Answers are those of the SQLite engine for the same corpus
// (same filters, same order, same ties), except full-text search, which ClickHouse
// lacks: see docs/scale.md ("Search on ClickHouse").
#ifndef TIES_QUERY_CLICKHOUSE_QUERY_H_
#define TIES_QUERY_CLICKHOUSE_QUERY_H_

#include <memory>
#include <string>

#include "ties/query.h"

namespace ties {

// Thread-safe (one HTTP connection per calling thread). NotFound when the
// database holds no ties tables; Unavailable when the server does not answer.
Result<std::unique_ptr<QueryEngine>> OpenClickHouseQueryEngine(const std::string& location);

}  // namespace ties

#endif  // TIES_QUERY_CLICKHOUSE_QUERY_H_
