// sqlite_util.h: RAII wrappers over the SQLite C API (internal to store/ and query/).
#ifndef TIES_STORE_SQLITE_SQLITE_UTIL_H_
#define TIES_STORE_SQLITE_SQLITE_UTIL_H_

#include <sqlite3.h>

struct ZSTD_CCtx_s;
struct ZSTD_CDict_s;

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/text_functions.h"
#include "ties/document.h"
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
  Statement& BindBlob(int idx, std::string_view value);
  // A tone percentage of a text of `word_count` words, stored compactly
  // (EncodeTone); Tone() reads it back bit-exactly.
  Statement& BindTone(int idx, double value, uint32_t word_count);
  double Tone(int col, uint32_t word_count) const;
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

// Article text is stored zstd-compressed (docs/storage.md, "Compressed text").
// Returns the value to store in `articles.text`: a zstd frame, or the text
// itself when compressing would not make it smaller (short texts). Thread-safe
// (one compression context per thread).
struct StoredText {
  std::string bytes;
  bool compressed = false;  // bind as BLOB when true, as TEXT otherwise
};
StoredText CompressText(std::string_view text);

// The writer's compressor: zstd with a dictionary trained on the first batch
// of article text written to the database (stored in meta 'text_dictionary';
// news articles of 1-5 KB compress to ~0.38 of their size with one instead of
// ~0.47 without, docs/storage.md). Texts stored before the dictionary existed
// stay readable: each zstd frame names its dictionary (0 = none).
// Not thread-safe: one per writer connection.
class TextCompressor {
 public:
  TextCompressor();
  ~TextCompressor();
  TextCompressor(const TextCompressor&) = delete;  // owns zstd contexts
  TextCompressor& operator=(const TextCompressor&) = delete;

  // (Re)loads the dictionary stored in `db`, if any (after a rollback too).
  Status Load(sqlite3* db);
  // When there is no dictionary yet and `texts` are enough samples (at least
  // kMinSampleBytes in kMinSamples texts), trains one and inserts it into
  // meta, inside the caller's transaction.
  Status MaybeTrain(sqlite3* db, const std::vector<std::string_view>& texts);
  StoredText Compress(std::string_view text);
  bool has_dictionary() const { return cdict_ != nullptr; }

  static constexpr size_t kMinSampleBytes = 128 * 1024;
  static constexpr size_t kMinSamples = 64;
  static constexpr size_t kMaxSampleBytes = 1024 * 1024;
  static constexpr size_t kMaxDictionaryBytes = 64 * 1024;

 private:
  ZSTD_CCtx_s* cctx_;
  ZSTD_CDict_s* cdict_ = nullptr;
  bool train_failed_ = false;
};

// Registers ties' SQL functions ties_text/ties_span on a connection
// (RegisterTextFunctions, text_functions.h; OpenDatabase does it for every
// connection it opens; the views and FTS5 tables of the schema need them).
// The loadable extension libties_sqlite.so registers the same functions in
// other programs (sqlite3 shell, Python).
Status RegisterFunctions(sqlite3* db);

// Tone percentages are (almost always) 100 * count / word_count: stored as the
// integer count k (1 byte instead of 8) when DecodeTone(k, word_count) gives
// back exactly the same double, else as the double (quotes' tone columns).
std::optional<int64_t> EncodeTone(double value, uint32_t word_count);
double DecodeTone(int64_t k, uint32_t word_count);

// Runs one or more SQL statements without results.
Status ExecSql(sqlite3* db, const std::string& sql);

// Opens a connection with ties' pragmas (WAL, busy timeout) and functions
// (RegisterFunctions). `read_only` connections never write and can serve while
// an ingest writes.
Result<sqlite3*> OpenDatabase(const std::string& path, bool read_only);

// The schema (docs/storage.md); idempotent. Without `query_indexes` it leaves
// out the secondary indexes only queries use (a bulk load into a new database
// builds them at the end: SchemaSql(true) creates what is missing).
const std::string& SchemaSql(bool query_indexes = true);
// SQL mapping a stored MentionKind code (the expression `code`) to its name.
std::string MentionKindCase(const std::string& code);
// 2: span texts are cut from articles.text at query time, article text is
// zstd-compressed, FTS5 content comes from views. Version 1 databases are
// refused with a message (re-ingest into a new file).
constexpr int kSchemaVersion = 2;

// Fails with a clear message when `db` holds a ties database of another schema
// version; OK for a ties database of this version and for an empty file.
// `*empty` (optional) tells whether the database has no ties schema yet.
// The message does not name the file: callers prefix it.
Status CheckSchemaVersion(sqlite3* db, bool* empty = nullptr);

}  // namespace ties

#endif  // TIES_STORE_SQLITE_SQLITE_UTIL_H_
