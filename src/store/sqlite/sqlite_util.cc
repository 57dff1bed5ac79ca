// sqlite_util.cc: see sqlite_util.h. The schema lives here, documented in docs/storage.md.
#include "store/sqlite/sqlite_util.h"

namespace ties {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                         nullptr) != SQLITE_OK) {
    error_ = sqlite3_errmsg(db);
    stmt_ = nullptr;
  }
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    error_ = std::move(other.error_);
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement& Statement::Bind(int idx, std::string_view value) {
  sqlite3_bind_text(stmt_, idx, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindStatic(int idx, std::string_view value) {
  sqlite3_bind_text(stmt_, idx, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::Bind(int idx, int64_t value) {
  sqlite3_bind_int64(stmt_, idx, value);
  return *this;
}
Statement& Statement::Bind(int idx, double value) {
  sqlite3_bind_double(stmt_, idx, value);
  return *this;
}
Statement& Statement::BindNull(int idx) {
  sqlite3_bind_null(stmt_, idx);
  return *this;
}
Statement& Statement::BindOptional(int idx, std::string_view value) {
  return value.empty() ? BindNull(idx) : Bind(idx, value);
}

bool Statement::Step(Status* status) {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status != nullptr) *status = Status::IoError(std::string("sqlite: ") + sqlite3_errmsg(db_));
  return false;
}

Status Statement::Exec() {
  Status status;
  while (Step(&status)) {
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return status;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (p == nullptr) return {};
  return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}
int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }
bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Status ExecSql(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IoError("sqlite: " + msg);
  }
  return Status::Ok();
}

Result<sqlite3*> OpenDatabase(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IoError(path + ": cannot open database: " + msg);
  }
  sqlite3_busy_timeout(db, 10000);
  Status s = ExecSql(db, read_only ? "PRAGMA query_only=1; PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824;"
                                   : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;"
                                     " PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824;");
  if (!s.ok()) {
    sqlite3_close(db);
    return Status::IoError(path + ": " + s.message());
  }
  return db;
}

const char* SchemaSql() {
  return R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  url TEXT, source TEXT, title TEXT,
  published TEXT, pub_date TEXT, language TEXT, author TEXT, site_name TEXT,
  dateline_place TEXT, dateline_country TEXT, dateline_date TEXT, dateline_agency TEXT,
  dateline_start INTEGER, dateline_end INTEGER,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  simhash INTEGER, cluster_id INTEGER, wire_agency TEXT,
  tone REAL, positive REAL, negative REAL, polarity REAL, activity REAL, self_group REAL, word_count INTEGER,
  origin TEXT, ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS articles_pub_date ON articles(pub_date);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster_id);
CREATE TABLE IF NOT EXISTS entities (
  article INTEGER NOT NULL, idx INTEGER NOT NULL,
  type TEXT NOT NULL, canonical TEXT NOT NULL, country TEXT, role TEXT, org_kind TEXT, gender TEXT,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_canonical ON entities(canonical);
CREATE INDEX IF NOT EXISTS entities_country ON entities(country, type);
CREATE TABLE IF NOT EXISTS mentions (
  article INTEGER NOT NULL, entity INTEGER NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE TABLE IF NOT EXISTS places (
  article INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
  name TEXT, kind TEXT, geonameid INTEGER, lat REAL, lon REAL, country TEXT, admin1 TEXT, entity INTEGER
);
CREATE INDEX IF NOT EXISTS places_article ON places(article);
CREATE INDEX IF NOT EXISTS places_geonameid ON places(geonameid);
CREATE TABLE IF NOT EXISTS quotes (
  qid INTEGER PRIMARY KEY,
  article INTEGER NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
  speaker TEXT, speaker_entity INTEGER, speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT,
  speaker_country TEXT, speaker_role TEXT,
  cue TEXT, cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
  tone REAL, positive REAL, negative REAL, polarity REAL, activity REAL, self_group REAL, word_count INTEGER,
  pub_date TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS quotes_country ON quotes(speaker_country);
CREATE TABLE IF NOT EXISTS events (
  article INTEGER NOT NULL, idx INTEGER NOT NULL,
  source TEXT, target TEXT, source_country TEXT, target_country TEXT,
  code TEXT NOT NULL, root TEXT NOT NULL, goldstein REAL, quad_class INTEGER, plover TEXT, negated INTEGER,
  sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT,
  source_start INTEGER, source_end INTEGER, target_start INTEGER, target_end INTEGER,
  pub_date TEXT
);
CREATE INDEX IF NOT EXISTS events_article ON events(article);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country, pub_date);
CREATE TABLE IF NOT EXISTS themes (
  article INTEGER NOT NULL, theme TEXT NOT NULL, count INTEGER NOT NULL, score REAL,
  PRIMARY KEY (article, theme)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS themes_theme ON themes(theme);
CREATE TABLE IF NOT EXISTS dates (
  article INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article);
CREATE TABLE IF NOT EXISTS article_countries (
  country TEXT NOT NULL, article INTEGER NOT NULL, mentions INTEGER NOT NULL, pub_date TEXT,
  PRIMARY KEY (country, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_countries_article ON article_countries(article);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
  text, content='quotes', content_rowid='qid', tokenize='unicode61 remove_diacritics 2');
)sql";
}

}  // namespace ties
