// query_engine.cc: OpenQueryEngine (ties/query.h), which picks the engine for
// a database location: clickhouse://host:port/db for ClickHouse, else a SQLite
// file.
#include "query/sqlite_query.h"
#include "ties/query.h"
#ifdef TIES_HAVE_CLICKHOUSE
#include "query/clickhouse_query.h"
#endif

namespace ties {

Result<std::unique_ptr<QueryEngine>> OpenQueryEngine(const std::string& location) {
  if (location.rfind("clickhouse://", 0) == 0) {
#ifdef TIES_HAVE_CLICKHOUSE
    return OpenClickHouseQueryEngine(location);
#endif
    return Status::Unavailable(location + ": ClickHouse support is not built into this binary yet");
  }
  return OpenSqliteQueryEngine(location);
}

}  // namespace ties
