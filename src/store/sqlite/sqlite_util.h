// sqlite_util.h: RAII wrappers over the SQLite C API (internal to store/ and query/).
#ifndef TIES_STORE_SQLITE_SQLITE_UTIL_H_
#define TIES_STORE_SQLITE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ties/status.h"

namespace ties {

// One prepared statement. Bind indexes are 1-based, column indexes 0-based.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_), error_(std::move(other.error_)) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;  // owns a sqlite3_stmt
  Statement& operator=(const Statement&) = delete;

  bool valid() const { return stmt_ != nullptr; }
  const std::string& error() const { return error_; }

  Statement& Bind(int idx, std::string_view value);
  // Binds without copying: `value` must stay valid until Exec()/Reset() (for
  // article text and spans of it, which outlive the statement's step).
  Statement& BindStatic(int idx, std::string_view value);
  Statement& Bind(int idx, int64_t value);
  Statement& Bind(int idx, double value);
  Statement& BindNull(int idx);
  // Binds NULL for an empty string.
  Statement& BindOptional(int idx, std::string_view value);

  // Returns true while a row is available; false at the end. Errors set *status.
  bool Step(Status* status = nullptr);
  // Runs to completion; returns the error, if any.
  Status Exec();
  void Reset();

  std::string_view Text(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  bool IsNull(int col) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  std::string error_;
};

// Runs one or more SQL statements without results.
Status ExecSql(sqlite3* db, const std::string& sql);

// Opens a connection with ties' pragmas (WAL, busy timeout). `read_only`
// connections never write and can serve while an ingest writes.
Result<sqlite3*> OpenDatabase(const std::string& path, bool read_only);

// The schema (docs/storage.md); idempotent.
const char* SchemaSql();
constexpr int kSchemaVersion = 1;

}  // namespace ties

#endif  // TIES_STORE_SQLITE_SQLITE_UTIL_H_
