// sqlite_store.h: the embedded default Store (schema in docs/storage.md).
#ifndef TIES_STORE_SQLITE_SQLITE_STORE_H_
#define TIES_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "ties/store.h"

namespace ties {

// Opens or creates the database at `path` (WAL mode). Not thread-safe: one
// writer thread owns a SqliteStore; readers use their own connections.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace ties

#endif  // TIES_STORE_SQLITE_SQLITE_STORE_H_
