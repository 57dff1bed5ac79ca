// sqlite_query.h: the QueryEngine over a SQLite ties database (docs/storage.md).
#ifndef TIES_QUERY_SQLITE_QUERY_H_
#define TIES_QUERY_SQLITE_QUERY_H_

#include <memory>
#include <string>

#include "ties/query.h"

namespace ties {

// Thread-safe (one read-only connection per calling thread). NotFound when no
// file is at `path`; an error when the file is not a ties database.
Result<std::unique_ptr<QueryEngine>> OpenSqliteQueryEngine(const std::string& path);

}  // namespace ties

#endif  // TIES_QUERY_SQLITE_QUERY_H_
