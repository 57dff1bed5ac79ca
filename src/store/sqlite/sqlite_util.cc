// sqlite_util.cc: see sqlite_util.h. The schema lives here, documented in docs/storage.md.
#include "store/sqlite/sqlite_util.h"

#include "store/sqlite/fts_tokenizer.h"

#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ties {

namespace {

// zstd level for article text: 3 (the library default) compresses a 1-5 KB
// news article to about half at ~300 MB/s; levels 9 and 19 gain 1-4% more
// for several times the CPU (docs/storage.md).
constexpr int kTextLevel = 3;

struct CCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

// The stored dictionary (meta 'text_dictionary'), or empty.
std::string ReadDictionary(sqlite3* db) {
  Statement st(db, "SELECT value FROM meta WHERE key = 'text_dictionary'");
  if (!st.valid() || !st.Step()) return "";
  return std::string(st.Text(0));
}

}  // namespace

std::string MentionKindCase(const std::string& code) {
  std::string out = "CASE " + code;
  for (int k = 1; k <= static_cast<int>(MentionKind::kPronoun); ++k) {
    out += " WHEN " + std::to_string(k) + " THEN '" + std::string(MentionKindName(static_cast<MentionKind>(k))) + "'";
  }
  return out + " ELSE '" + std::string(MentionKindName(MentionKind::kName)) + "' END";
}

TextCompressor::TextCompressor() : cctx_(ZSTD_createCCtx()) {}
TextCompressor::~TextCompressor() {
  ZSTD_freeCDict(cdict_);
  ZSTD_freeCCtx(cctx_);
}

Status TextCompressor::Load(sqlite3* db) {
  ZSTD_freeCDict(cdict_);
  cdict_ = nullptr;
  train_failed_ = false;
  const std::string dict = ReadDictionary(db);
  if (dict.empty()) return Status::Ok();
  cdict_ = ZSTD_createCDict(dict.data(), dict.size(), kTextLevel);
  if (cdict_ == nullptr) return Status::Corruption("the stored text dictionary is not a zstd dictionary");
  return Status::Ok();
}

Status TextCompressor::MaybeTrain(sqlite3* db, const std::vector<std::string_view>& texts) {
  if (cdict_ != nullptr || train_failed_) return Status::Ok();
  std::string samples;
  std::vector<size_t> sizes;
  for (std::string_view t : texts) {
    if (samples.size() + t.size() > kMaxSampleBytes) break;
    samples.append(t);
    sizes.push_back(t.size());
  }
  if (samples.size() < kMinSampleBytes || sizes.size() < kMinSamples) return Status::Ok();  // a later batch
  std::string dict(std::min(kMaxDictionaryBytes, samples.size() / 16), '\0');
  const size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), samples.data(), sizes.data(),
                                         static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) {
    train_failed_ = true;  // e.g. texts too alike or too few: go on without one
    return Status::Ok();
  }
  dict.resize(n);
  Statement st(db, "INSERT INTO meta(key, value) VALUES ('text_dictionary', ?1)");
  if (!st.valid()) return Status::Internal("storing the text dictionary: " + st.error());
  st.BindBlob(1, dict);
  TIES_RETURN_IF_ERROR(st.Exec());
  cdict_ = ZSTD_createCDict(dict.data(), dict.size(), kTextLevel);
  return Status::Ok();
}

namespace {

// `out.bytes` holds a zstd result of `n` bytes (or `n` is a zstd error) for `text`: the stored
// form is those bytes when they are smaller than the text, else the text itself, uncompressed.
StoredText KeepIfSmaller(StoredText out, size_t n, std::string_view text) {
  if (ZSTD_isError(n) || n >= text.size()) {
    out.bytes.assign(text);
    return out;
  }
  out.bytes.resize(n);
  out.compressed = true;
  return out;
}

}  // namespace

StoredText TextCompressor::Compress(std::string_view text) {
  if (cdict_ == nullptr) return CompressText(text);
  StoredText out;
  out.bytes.resize(ZSTD_compressBound(text.size()));
  const size_t n = ZSTD_compress_usingCDict(cctx_, out.bytes.data(), out.bytes.size(), text.data(), text.size(),
                                            cdict_);
  return KeepIfSmaller(std::move(out), n, text);
}

std::optional<int64_t> EncodeTone(double value, uint32_t word_count) {
  if (word_count == 0 || !std::isfinite(value) || std::fabs(value) > 1e12) return std::nullopt;
  const auto k = static_cast<int64_t>(std::llround(value * word_count / 100.0));
  const double back = DecodeTone(k, word_count);
  if (std::memcmp(&back, &value, sizeof value) != 0) return std::nullopt;  // bit-exact, sign of zero included
  return k;
}

double DecodeTone(int64_t k, uint32_t word_count) {
  return 100.0 * static_cast<double>(k) / static_cast<double>(word_count);
}

StoredText CompressText(std::string_view text) {
  thread_local std::unique_ptr<ZSTD_CCtx, CCtxDeleter> cctx(ZSTD_createCCtx());
  StoredText out;
  out.bytes.resize(ZSTD_compressBound(text.size()));
  const size_t n = ZSTD_compressCCtx(cctx.get(), out.bytes.data(), out.bytes.size(), text.data(), text.size(), kTextLevel);
  return KeepIfSmaller(std::move(out), n, text);
}

Status RegisterFunctions(sqlite3* db) {
  if (RegisterTextFunctions(db) != SQLITE_OK) {
    return Status::Internal(std::string("sqlite: registering functions: ") + sqlite3_errmsg(db));
  }
  if (RegisterFtsTokenizer(db) != SQLITE_OK) {
    return Status::Internal(std::string("sqlite: registering the FTS5 tokenizer 'ties': ") + sqlite3_errmsg(db));
  }
  return Status::Ok();
}

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
Statement& Statement::BindTone(int idx, double value, uint32_t word_count) {
  if (const std::optional<int64_t> k = EncodeTone(value, word_count)) return Bind(idx, *k);
  return Bind(idx, value);
}
double Statement::Tone(int col, uint32_t word_count) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_INTEGER) return DecodeTone(Int(col), word_count);
  return Double(col);
}

Statement& Statement::BindBlob(int idx, std::string_view value) {
  sqlite3_bind_blob(stmt_, idx, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
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
  Status s = RegisterFunctions(db);
  if (s.ok()) s = ExecSql(db, read_only ? "PRAGMA query_only=1; PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824;"
                                   : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;"
                                     " PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824;");
  if (!s.ok()) {
    sqlite3_close(db);
    return Status::IoError(path + ": " + s.message());
  }
  return db;
}

Status CheckSchemaVersion(sqlite3* db, bool* empty) {
  if (empty != nullptr) *empty = false;
  Statement st(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!st.valid()) {
    Statement any(db, "SELECT count(*) FROM sqlite_master");
    Status status;
    if (any.valid() && any.Step(&status) && any.Int(0) > 0) {
      return Status::InvalidArgument("not a ties database (it has tables but no ties metadata)");
    }
    if (empty != nullptr) *empty = true;
    return status;
  }
  Status status;
  if (!st.Step(&status)) {
    if (!status.ok()) return status;
    return Status::InvalidArgument("not a ties database (no schema_version in meta)");
  }
  const std::string version(st.Text(0));
  if (version != std::to_string(kSchemaVersion)) {
    return Status::InvalidArgument("database schema version " + version + ", this ties reads version " +
                                   std::to_string(kSchemaVersion) +
                                   " (span texts are no longer stored, article text is compressed: docs/storage.md);"
                                   " re-ingest the articles into a new database file");
  }
  return Status::Ok();
}

// Indexes only queries need (not the writer): left out while a new database
// is bulk-loaded and built at the end (SqliteStore::Flush), one sorted pass
// each instead of a random insert per row.
constexpr const char* kQueryIndexSql = R"sql(
CREATE INDEX IF NOT EXISTS articles_pub_date ON articles(pub_date);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster_id);
CREATE INDEX IF NOT EXISTS entities_canonical ON entities(canonical);
CREATE INDEX IF NOT EXISTS entities_country ON entities(country, type);
CREATE INDEX IF NOT EXISTS quotes_country ON quotes(speaker_country);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country, pub_date);
CREATE INDEX IF NOT EXISTS themes_theme ON themes(theme);
)sql";

const std::string& SchemaSql(bool query_indexes) {
  if (query_indexes) {
    static const std::string* const kFull = new std::string(SchemaSql(false) + kQueryIndexSql);
    return *kFull;
  }
  // Span texts (quote, speaker, cue, mention, place, date, trigger) are not
  // stored: they are cut from the article text by their code point offsets
  // (ties_span). Per-article rows are keyed (article, idx) WITHOUT ROWID, which
  // serves the per-article reads without a second index. Indexes exist only
  // where a query of src/query/sqlite_query.cc uses them (docs/storage.md).
  static const std::string* const kSchema = new std::string(std::string(R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  url TEXT, source TEXT, title TEXT,
  published TEXT, pub_date TEXT, language TEXT, author TEXT, site_name TEXT,
  dateline_place TEXT, dateline_country TEXT, dateline_date TEXT, dateline_agency TEXT,
  dateline_start INTEGER, dateline_end INTEGER,
  text NOT NULL,
  content_hash TEXT NOT NULL,
  simhash INTEGER, cluster_id INTEGER, wire_agency TEXT,
  tone REAL, positive REAL, negative REAL, polarity REAL, activity REAL, self_group REAL, word_count INTEGER,
  origin TEXT, ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE IF NOT EXISTS entities (
  article INTEGER NOT NULL, idx INTEGER NOT NULL,
  type TEXT NOT NULL, canonical TEXT NOT NULL, country TEXT, role TEXT, org_kind TEXT, gender TEXT,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (article, idx)
) WITHOUT ROWID;
-- Mentions and dates, the most numerous rows, are one JSON array each per
-- article (one insert instead of ~20); the views give them their rows back
-- in any SQLite connection (json_each is built in).
CREATE TABLE IF NOT EXISTS article_spans (
  article INTEGER PRIMARY KEY,
  mentions TEXT NOT NULL,  -- [[entity, start, length, kind code], ...]
  dates TEXT NOT NULL      -- [[start, length, value], ...]
);
CREATE VIEW IF NOT EXISTS mentions(article, idx, entity, start, end, kind) AS
  SELECT s.article, j.key, j.value->>0, j.value->>1, j.value->>1 + j.value->>2, )sql") +
                                                             MentionKindCase("j.value->>3") + R"sql(
  FROM article_spans s, json_each(s.mentions) j;
CREATE VIEW IF NOT EXISTS dates(article, idx, start, end, value) AS
  SELECT s.article, j.key, j.value->>0, j.value->>0 + j.value->>1, j.value->>2
  FROM article_spans s, json_each(s.dates) j;
-- A toponym's resolution (name, kind, gazetteer id, point, country, admin1)
-- repeats across mentions and articles: stored once in place_names, each
-- mention refers to it; the view `places` has the rows' full shape.
CREATE TABLE IF NOT EXISTS place_names (
  id INTEGER PRIMARY KEY,
  name TEXT, kind TEXT, geonameid INTEGER, lat REAL, lon REAL, country TEXT, admin1 TEXT
);
CREATE TABLE IF NOT EXISTS place_mentions (
  article INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  place INTEGER NOT NULL, entity INTEGER,
  PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS places(article, idx, start, end, name, kind, geonameid, lat, lon, country, admin1,
                                 entity) AS
  SELECT m.article, m.idx, m.start, m.end, n.name, n.kind, n.geonameid, n.lat, n.lon, n.country, n.admin1, m.entity
  FROM place_mentions m JOIN place_names n ON n.id = m.place;
CREATE TABLE IF NOT EXISTS quotes (
  qid INTEGER PRIMARY KEY,
  article INTEGER NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL,
  speaker TEXT, speaker_entity INTEGER, speaker_start INTEGER, speaker_end INTEGER,
  speaker_country TEXT,
  cue TEXT, cue_start INTEGER, cue_end INTEGER,
  -- Tone percentages: the integer k when the value is exactly 100.0 * k / word_count
  -- (almost always: they are word counts over word_count), else the REAL value
  -- (EncodeTone/DecodeTone). No column affinity, so INTEGER and REAL stay apart.
  tone, positive, negative, polarity, activity, self_group, word_count INTEGER,
  pub_date TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
CREATE TABLE IF NOT EXISTS events (
  article INTEGER NOT NULL, idx INTEGER NOT NULL,
  source TEXT, target TEXT, source_country TEXT, target_country TEXT,
  code TEXT NOT NULL, root TEXT NOT NULL, goldstein REAL, quad_class INTEGER, plover TEXT, negated INTEGER,
  sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER, trigger_end INTEGER,
  source_start INTEGER, source_end INTEGER, target_start INTEGER, target_end INTEGER,
  pub_date TEXT,
  PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS themes (
  article INTEGER NOT NULL, theme TEXT NOT NULL, count INTEGER NOT NULL, score REAL,
  PRIMARY KEY (article, theme)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_countries (
  country TEXT NOT NULL, article INTEGER NOT NULL, mentions INTEGER NOT NULL, pub_date TEXT,
  PRIMARY KEY (country, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_countries_article ON article_countries(article);
-- The texts, readable through ties' connections and any SQLite client that
-- loaded build/libties_sqlite.so (ties_text/ties_span, text_functions.h).
CREATE VIEW IF NOT EXISTS article_text(seq, title, text) AS SELECT seq, title, ties_text(text) FROM articles;
CREATE VIEW IF NOT EXISTS quote_text(qid, text, speaker_text, cue_text) AS
  SELECT q.qid, ties_span(a.text, q.start, q.end), ties_span(a.text, q.speaker_start, q.speaker_end),
         ties_span(a.text, q.cue_start, q.cue_end)
  FROM quotes q JOIN articles a ON a.seq = q.article;
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, text, content='article_text', content_rowid='seq', tokenize='ties');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
  text, content='quote_text', content_rowid='qid', tokenize='ties');
)sql");
  return *kSchema;
}

}  // namespace ties
