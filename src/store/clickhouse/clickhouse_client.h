// clickhouse_client.h: a ClickHouse server over its HTTP interface, and the
// wire formats ties uses with it (RowBinary in, TabSeparated out).
//
// Locations look like
//   clickhouse://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?cluster=NAME&flush_rows=N&flush_seconds=S&timeout=S&retry=S]
// PORT is the HTTP port (default 8123), DATABASE defaults to "ties". `cluster`
// names a cluster of the servers' remote_servers configuration: the store then
// also creates Distributed tables over it, and queries read through them.
//
// Why RowBinary for inserts: ClickHouse 18.16's text parsers round some
// doubles to a neighbouring value, so a stored record would not read back
// identical; binary doubles are exact. Query results come back as
// TabSeparated, whose float printing is exact (shortest round trip).
#ifndef TIES_STORE_CLICKHOUSE_CLICKHOUSE_CLIENT_H_
#define TIES_STORE_CLICKHOUSE_CLICKHOUSE_CLIENT_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ties/status.h"

namespace ties::clickhouse {

struct Location {
  std::string host = "127.0.0.1";
  int port = 8123;
  std::string database = "ties";
  std::string cluster;    // empty: one server, no Distributed tables
  std::string user, password;
  uint64_t flush_rows = 20000;   // articles buffered before an insert is sent
  double flush_seconds = 5;      // ...or after this long
  int timeout_seconds = 600;     // per HTTP request
  // How long a request whose server cannot be reached (refused, reset, timed out before an answer) is retried,
  // with backoff, before it fails: a server restart must not kill a long ingest. -1: the opener decides
  // (writers kWriterRetrySeconds, queries 0, so that a query command fails at once).
  int retry_seconds = -1;
};

inline constexpr int kWriterRetrySeconds = 120;

// Parses "clickhouse://..." (see above). Names (database, cluster) must be
// plain identifiers ([A-Za-z_][A-Za-z0-9_]*) because they are spliced into SQL.
Result<Location> ParseLocation(const std::string& location);

// One HTTP connection to one server (keep-alive). Not thread-safe: use one
// Client per thread.
class Client {
 public:
  explicit Client(const Location& location);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Runs one statement; returns the response body (for SELECT ... FORMAT
  // TabSeparated, the rows). `use_database`: run in the location's database
  // (false for CREATE DATABASE before it exists).
  Result<std::string> Query(std::string_view sql, bool use_database = true);

  // INSERT INTO `table` (`columns`) FORMAT RowBinary, with `rows` as the body.
  // `settings`: extra URL parameters ("insert_distributed_sync=1"), or "".
  Status InsertRowBinary(std::string_view table, std::string_view columns, std::string_view rows,
                         std::string_view settings = "");

  const Location& location() const { return location_; }

 private:
  Result<std::string> Post(const std::string& path_and_query, std::string_view body);

  Location location_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A SQL string literal: 'it\'s'.
std::string Quote(std::string_view s);

// Appends RowBinary values (little-endian; strings are LEB128 length + bytes).
class RowWriter {
 public:
  explicit RowWriter(std::string& out) : out_(out) {}
  RowWriter& Str(std::string_view s) {
    uint64_t n = s.size();
    while (n >= 0x80) {
      out_.push_back(static_cast<char>((n & 0x7F) | 0x80));
      n >>= 7;
    }
    out_.push_back(static_cast<char>(n));
    out_.append(s.data(), s.size());
    return *this;
  }
  RowWriter& U8(uint8_t v) { return Raw(v); }
  RowWriter& U16(uint16_t v) { return Raw(v); }
  RowWriter& U32(uint32_t v) { return Raw(v); }
  RowWriter& U64(uint64_t v) { return Raw(v); }
  RowWriter& I32(int32_t v) { return Raw(v); }
  RowWriter& I64(int64_t v) { return Raw(v); }
  RowWriter& F64(double v) { return Raw(v); }

 private:
  template <typename T>
  RowWriter& Raw(T v) {  // x86-64 and aarch64 are little-endian, as RowBinary is
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out_.append(buf, sizeof(T));
    return *this;
  }
  std::string& out_;
};

// Splits a TabSeparated response into rows of unescaped fields.
std::vector<std::vector<std::string>> ParseTsv(std::string_view body);

}  // namespace ties::clickhouse

#endif  // TIES_STORE_CLICKHOUSE_CLICKHOUSE_CLIENT_H_
