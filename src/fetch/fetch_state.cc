// fetch_state.cc: fetch_log and url_state in SQLite (see fetch_state.h).
#include "fetch/fetch_state.h"

#include <sqlite3.h>

#include "store/sqlite/fetch_log_sql.h"

namespace ties {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS fetch_log (
  seq INTEGER PRIMARY KEY,
  url TEXT NOT NULL, source TEXT, kind TEXT, time TEXT NOT NULL,
  status INTEGER, bytes INTEGER, article_id TEXT, error TEXT, warc TEXT
);
CREATE INDEX IF NOT EXISTS fetch_log_source ON fetch_log(source, time);
CREATE TABLE IF NOT EXISTS url_state (
  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, changed TEXT, status INTEGER, article_id TEXT, fetched_at TEXT
) WITHOUT ROWID;
)sql";

// A prepared statement that finalizes itself.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  Stmt& Text(int i, const std::string& v) {
    if (v.empty()) sqlite3_bind_null(stmt_, i);
    else sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Int(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Col(int i) const {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t == nullptr ? "" : reinterpret_cast<const char*>(t);
  }
  int64_t ColInt(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

Status Exec(sqlite3* db, const char* sql, const std::string& what) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = what + ": " + (err ? err : sqlite3_errmsg(db));
    sqlite3_free(err);
    return Status::IoError(message);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<FetchState>> FetchState::Open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = path + ": cannot open: " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return Status::IoError(message);
  }
  std::unique_ptr<FetchState> state(new FetchState(db));
  sqlite3_busy_timeout(db, 30000);
  if (Status s = Exec(db, "PRAGMA journal_mode=WAL", path); !s.ok()) return s;
  if (Status s = Exec(db, kSchema, path + ": creating fetch tables"); !s.ok()) return s;
  Stmt q(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='articles'");
  state->has_articles_ = q.ok() && q.Step() == SQLITE_ROW;
  return state;
}

FetchState::~FetchState() { sqlite3_close(db_); }

UrlState FetchState::Get(const std::string& url) {
  UrlState out;
  Stmt q(db_, "SELECT etag, last_modified, changed, status, article_id FROM url_state WHERE url = ?");
  if (!q.ok()) return out;
  q.Text(1, url);
  if (q.Step() == SQLITE_ROW) {
    out.known = true;
    out.etag = q.Col(0);
    out.last_modified = q.Col(1);
    out.changed = q.Col(2);
    out.status = static_cast<int>(q.ColInt(3));
    out.article_id = q.Col(4);
  }
  return out;
}

bool FetchState::ArticleStored(const std::string& id) {
  if (!has_articles_) {
    Stmt q(db_, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='articles'");
    has_articles_ = q.ok() && q.Step() == SQLITE_ROW;
    if (!has_articles_) return false;
  }
  Stmt q(db_, "SELECT 1 FROM articles WHERE id = ?");
  if (!q.ok()) return false;
  q.Text(1, id);
  return q.Step() == SQLITE_ROW;
}

Status FetchState::Commit(const std::vector<FetchLogRow>& log, const std::vector<UrlStateUpdate>& states) {
  if (log.empty() && states.empty()) return Status::Ok();
  if (Status s = Exec(db_, "BEGIN IMMEDIATE", "fetch state"); !s.ok()) return s;
  Stmt insert(db_,
              "INSERT INTO fetch_log(url, source, kind, time, status, bytes, article_id, error, warc) "
              "VALUES (?,?,?,?,?,?,?,?,?)");
  Stmt upsert(db_,
              "INSERT INTO url_state(url, etag, last_modified, changed, status, article_id, fetched_at) "
              "VALUES (?,?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now')) ON CONFLICT(url) DO UPDATE SET "
              "etag=excluded.etag, last_modified=excluded.last_modified, changed=excluded.changed, "
              "status=excluded.status, article_id=COALESCE(excluded.article_id, url_state.article_id), "
              "fetched_at=excluded.fetched_at");
  bool ok = insert.ok() && upsert.ok();
  for (const FetchLogRow& r : log) {
    if (!ok) break;
    insert.Text(1, r.url).Text(2, r.source).Text(3, r.kind).Text(4, r.time).Int(5, r.status);
    insert.Int(6, static_cast<int64_t>(r.bytes)).Text(7, r.article_id).Text(8, r.error).Text(9, r.warc);
    ok = insert.Step() == SQLITE_DONE;
    insert.Reset();
  }
  for (const UrlStateUpdate& u : states) {
    if (!ok) break;
    upsert.Text(1, u.url).Text(2, u.state.etag).Text(3, u.state.last_modified).Text(4, u.state.changed);
    upsert.Int(5, u.state.status).Text(6, u.state.article_id);
    ok = upsert.Step() == SQLITE_DONE;
    upsert.Reset();
  }
  if (!ok) {
    const std::string message = std::string("fetch state: ") + sqlite3_errmsg(db_);
    (void)Exec(db_, "ROLLBACK", "fetch state");
    return Status::IoError(message);
  }
  return Exec(db_, "COMMIT", "fetch state");
}

Result<std::vector<SourceSummary>> FetchState::Sources() {
  Stmt q(db_, kSourceSummarySql);
  if (!q.ok()) return Status::IoError(std::string("fetch_log: ") + sqlite3_errmsg(db_));
  std::vector<SourceSummary> out;
  while (q.Step() == SQLITE_ROW) {
    SourceSummary s;
    s.name = q.Col(0);
    s.last_success = q.Col(1);
    s.last_failure = q.Col(2);
    s.fetches = static_cast<uint64_t>(q.ColInt(3));
    s.failures = static_cast<uint64_t>(q.ColInt(4));
    s.articles = static_cast<uint64_t>(q.ColInt(5));
    s.last_error = q.Col(6);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ties
