// store.cc: store locations -> backends; content hashing.
#include <cstdio>
#include <cstdlib>

#include "store/sqlite/sqlite_store.h"
#include "ties/store.h"
#ifdef TIES_HAVE_CLICKHOUSE
#include "store/clickhouse/clickhouse_store.h"
#endif

namespace ties {

std::string DefaultDatabasePath() {
  if (const char* env = std::getenv("TIES_DB"); env != nullptr && *env) return env;
  return "ties.db";
}

std::string ContentHash(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (location.rfind("clickhouse://", 0) == 0) {
#ifdef TIES_HAVE_CLICKHOUSE
    return OpenClickHouseStore(location);
#endif
    return Status::Unavailable(location + ": ClickHouse support is not built into this binary yet");
  }
  return OpenSqliteStore(location);
}

}  // namespace ties
