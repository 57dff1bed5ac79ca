// sqlite_store.cc: writes Documents into SQLite, one transaction per batch.
//
// Offsets are stored as Unicode code points (like the output record); span
// texts are not stored (they are cut from the article text when read), and the
// article text is stored zstd-compressed (CompressText). Each article's rows
// are keyed by its `seq`; replacing an article deletes all of its rows (and its
// FTS entries, which external-content FTS5 needs explicitly, with the text
// that was indexed) before inserting the new ones, inside the same transaction.
#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <vector>

#include <climits>
#include <cstring>
#include <unordered_map>

#include "common/byte_index.h"
#include "common/json_writer.h"
#include "common/text_util.h"
#include "dedup/clusters.h"
#include "dedup/duplicate_index.h"
#include "dedup/simhash.h"
#include "store/sqlite/sqlite_util.h"
#include "ties/record.h"

namespace ties {

namespace {

std::string CountryOfActor(const std::string& actor) {
  if (actor.size() < 3) return "";
  for (int i = 0; i < 3; ++i) {
    if (actor[i] < 'A' || actor[i] > 'Z') return "";
  }
  return actor.substr(0, 3);
}

class SqliteStore : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override {
    BuildQueryIndexes();  // when Flush() was not called (an error ended the ingest)
    statements_.clear();
    sqlite3_close(db_);
    lookup_find_.reset();
    if (lookup_db_ != nullptr) sqlite3_close(lookup_db_);
  }
  SqliteStore(const SqliteStore&) = delete;  // owns the connection
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status Init() {
    bool empty = false;
    TIES_RETURN_IF_ERROR(CheckSchemaVersion(db_, &empty));
    // A new database is bulk-loaded: the query-only indexes are built by
    // Flush() (or the destructor, or the next open after a crash).
    bulk_ = empty;
    TIES_RETURN_IF_ERROR(ExecSql(db_, SchemaSql(!bulk_)));
    // Bulk writes: checkpoint the WAL every ~32 MB instead of every 4 MB (fewer
    // fsyncs; each batch is still one atomic transaction).
    // No memory map for the writer: pages it touches would count in its RSS
    // (up to mmap_size, 1 GB) without making inserts faster; the page cache
    // (cache_size) bounds what it keeps.
    TIES_RETURN_IF_ERROR(ExecSql(db_, "PRAGMA wal_autocheckpoint=8192; PRAGMA mmap_size=0"));
    TIES_RETURN_IF_ERROR(ExecSql(db_, "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '" +
                                          std::to_string(kSchemaVersion) + "')"));
    const std::pair<const char*, const char*> kStatements[] = {
        {"find", "SELECT seq, content_hash FROM articles WHERE id = ?1"},
        {"article",
         "INSERT INTO articles(id, url, source, title, published, pub_date, language, author, site_name,"
         " dateline_place, dateline_country, dateline_date, dateline_agency, dateline_start, dateline_end,"
         " text, content_hash, tone, positive, negative, polarity, activity, self_group, word_count, origin,"
         " seq, simhash, cluster_id, wire_agency)"
         " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,"
         "?26,?27,?28,?29)"},
        {"article_fts", "INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)"},
        {"entity",
         "INSERT INTO entities(article, idx, type, canonical, country, role, org_kind, gender, mentions)"
         " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)"},
        {"spans", "INSERT INTO article_spans(article, mentions, dates) VALUES (?1,?2,?3)"},
        {"place", "INSERT INTO place_mentions(article, idx, start, end, place, entity) VALUES (?1,?2,?3,?4,?5,?6)"},
        {"place_name",
         "INSERT INTO place_names(name, kind, geonameid, lat, lon, country, admin1) VALUES (?1,?2,?3,?4,?5,?6,?7)"},
        {"quote",
         "INSERT INTO quotes(article, idx, kind, start, end, speaker, speaker_entity, speaker_start,"
         " speaker_end, speaker_country, cue, cue_start, cue_end,"
         " tone, positive, negative, polarity, activity, self_group, word_count, pub_date)"
         " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)"},
        {"quote_fts", "INSERT INTO quotes_fts(rowid, text) VALUES (?1, ?2)"},
        {"event",
         "INSERT INTO events(article, idx, source, target, source_country, target_country, code, root, goldstein,"
         " quad_class, plover, negated, sentence_start, sentence_end, trigger_start, trigger_end,"
         " source_start, source_end, target_start, target_end, pub_date)"
         " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)"},
        {"theme", "INSERT OR REPLACE INTO themes(article, theme, count, score) VALUES (?1,?2,?3,?4)"},
        {"country", "INSERT OR REPLACE INTO article_countries(country, article, mentions, pub_date) VALUES (?1,?2,?3,?4)"},
        {"old_article", "SELECT title, ties_text(text) FROM articles WHERE seq = ?1"},
        {"old_quotes", "SELECT qid, start, end FROM quotes WHERE article = ?1"},
    };
    for (const auto& [name, sql] : kStatements) {
      Statement st(db_, sql);
      if (!st.valid()) return Status::Internal(std::string("preparing ") + name + ": " + st.error());
      statements_.emplace(name, std::move(st));
    }
    TIES_RETURN_IF_ERROR(compressor_.Load(db_));
    TIES_RETURN_IF_ERROR(LoadPlaceNames());
    return LoadDuplicateIndex();
  }

  // The key of a place resolution in place_names (all its fields, exactly).
  static std::string PlaceKey(std::string_view name, std::string_view kind, int64_t geonameid, bool has_point,
                              double lat, double lon, std::string_view country, std::string_view admin1) {
    std::string key;
    key.reserve(name.size() + country.size() + admin1.size() + kind.size() + 40);
    key.append(name).push_back('\x1f');
    key.append(kind).push_back('\x1f');
    key.append(std::to_string(geonameid)).push_back('\x1f');
    if (has_point) {
      char bits[2 * sizeof(double)];
      std::memcpy(bits, &lat, sizeof lat);
      std::memcpy(bits + sizeof lat, &lon, sizeof lon);
      key.append(bits, sizeof bits);
    }
    key.push_back('\x1f');
    key.append(country).push_back('\x1f');
    key.append(admin1);
    return key;
  }

  // Rebuilds the in-memory map of place_names (a few thousand rows: distinct
  // resolutions), at open and after a rollback.
  Status LoadPlaceNames() {
    place_names_.clear();
    Statement st(db_, "SELECT id, name, kind, geonameid, lat, lon, country, admin1 FROM place_names");
    Status status;
    while (st.Step(&status)) {
      place_names_.emplace(PlaceKey(st.Text(1), st.Text(2), st.Int(3), !st.IsNull(4), st.Double(4), st.Double(5),
                                    st.Text(6), st.Text(7)),
                           st.Int(0));
    }
    return status;
  }

  // The place_names id of `p`'s resolution, inserting it when new.
  Status PlaceName(const Place& p, int64_t* id) {
    // Stored as bound: empty strings as NULL (read back as ""), geonameid 0 as NULL.
    std::string key = PlaceKey(p.name, PlaceKindName(p.kind), p.geonameid, p.has_coordinates, p.lat, p.lon,
                               p.country, p.admin1);
    if (auto it = place_names_.find(key); it != place_names_.end()) {
      *id = it->second;
      return Status::Ok();
    }
    Statement& st = St("place_name");
    st.BindOptional(1, p.name).Bind(2, PlaceKindName(p.kind));
    if (p.geonameid) st.Bind(3, p.geonameid); else st.BindNull(3);
    if (p.has_coordinates) st.Bind(4, p.lat).Bind(5, p.lon); else st.BindNull(4).BindNull(5);
    st.BindOptional(6, p.country).BindOptional(7, p.admin1);
    TIES_RETURN_IF_ERROR(st.Exec());
    *id = sqlite3_last_insert_rowid(db_);
    place_names_.emplace(std::move(key), *id);
    return Status::Ok();
  }

  // Rebuilds the in-memory near-duplicate index from the stored fingerprints
  // (about 100 bytes per article) and the next article key.
  Status LoadDuplicateIndex() {
    duplicates_ = DuplicateIndex();
    wire_copies_.clear();
    Statement st(db_, "SELECT seq, simhash, cluster_id, wire_agency, pub_date FROM articles ORDER BY seq");
    Status status;
    next_seq_ = 1;
    while (st.Step(&status)) {
      const int64_t seq = st.Int(0);
      if (!st.IsNull(1)) {
        duplicates_.Add(static_cast<uint64_t>(seq), static_cast<uint64_t>(st.Int(1)));
        AddWireCopy(st.Text(3), st.Text(4), static_cast<uint64_t>(st.Int(1)), st.Int(2));
      }
      next_seq_ = seq + 1;
    }
    return status;
  }

  // Wire copies: articles crediting the same agency within a few days of each
  // other are reprints of one story when their fingerprints are within
  // kWireDistance bits — looser than the global near-duplicate test, since
  // reprints get new headlines, datelines and trimmed sentences.
  static constexpr int kWireDistance = 12;
  static constexpr int kWireDays = 3;
  struct WireCopy {
    uint64_t simhash;
    int64_t cluster;
  };
  static std::string WireKey(std::string_view agency, int64_t day) {
    return std::string(agency) + "|" + std::to_string(day);
  }
  static int64_t DayNumber(std::string_view pub_date) {
    int y, m, d;
    return ParseIsoDate(pub_date, &y, &m, &d) ? DaysFromCivil(y, m, d) : INT64_MIN;
  }
  void AddWireCopy(std::string_view agency, std::string_view pub_date, uint64_t simhash, int64_t cluster) {
    const int64_t day = DayNumber(pub_date);
    if (agency.empty() || day == INT64_MIN) return;
    wire_copies_[WireKey(agency, day)].push_back({simhash, cluster});
  }
  // The cluster of a wire copy of this story stored earlier, or -1.
  int64_t FindWireCopy(std::string_view agency, std::string_view pub_date, uint64_t simhash) const {
    const int64_t day = DayNumber(pub_date);
    if (agency.empty() || day == INT64_MIN) return -1;
    int best_distance = kWireDistance + 1;
    int64_t best = -1;
    for (int64_t d = day - kWireDays; d <= day + kWireDays; ++d) {
      auto it = wire_copies_.find(WireKey(agency, d));
      if (it == wire_copies_.end()) continue;
      for (const WireCopy& copy : it->second) {
        const int distance = Hamming(copy.simhash, simhash);
        if (distance < best_distance || (distance == best_distance && copy.cluster < best)) {
          best_distance = distance;
          best = copy.cluster;
        }
      }
    }
    return best;
  }

  Status PutBatch(const std::vector<const Document*>& docs, StoreCounts& counts) override {
    StoreCounts local;
    TIES_RETURN_IF_ERROR(ExecSql(db_, "BEGIN IMMEDIATE"));
    if (!compressor_.has_dictionary()) {
      std::vector<std::string_view> texts;
      for (const Document* doc : docs) texts.push_back(doc->text);
      if (Status s = compressor_.MaybeTrain(db_, texts); !s.ok()) {
        ExecSql(db_, "ROLLBACK");
        compressor_.Load(db_);
        return s;
      }
    }
    for (const Document* doc : docs) {
      Status s = PutOne(*doc, local);
      if (!s.ok()) {
        ExecSql(db_, "ROLLBACK");
        LoadDuplicateIndex();  // forget the fingerprints of the rolled-back batch
        LoadPlaceNames();       // and the place names it added
        compressor_.Load(db_);  // and a dictionary it trained
        return Status(s.code(), doc->meta.origin + ": " + s.message());
      }
    }
    Status s = ExecSql(db_, "COMMIT");
    if (!s.ok()) {
      ExecSql(db_, "ROLLBACK");
      LoadDuplicateIndex();
      LoadPlaceNames();
      compressor_.Load(db_);
      return s;
    }
    counts.inserted += local.inserted;
    counts.replaced += local.replaced;
    counts.unchanged += local.unchanged;
    return Status::Ok();
  }

  Status Flush() override {
    TIES_RETURN_IF_ERROR(BuildQueryIndexes());
    ClusterCounts clusters;
    TIES_RETURN_IF_ERROR(AssignClusters(clusters));
    // Copy the WAL into the database and truncate it, so the files on disk are
    // the database's size (the WAL grows to ~32 MB between checkpoints). Waits
    // for readers up to the busy timeout; if one is still reading, the WAL is
    // left for the next checkpoint (not an error).
    return ExecSql(db_, "PRAGMA wal_checkpoint(TRUNCATE)");
  }

  // The exact clusters over every stored article (dedup/clusters.h): PutOne's
  // assignment (the closest earlier copy) depends on the ingest order; this
  // one does not. cluster_id is the seq of the member with the smallest id.
  // One transaction for all the changed rows.
  Status AssignClusters(ClusterCounts& counts) override {
    std::vector<ClusterArticle> articles;
    std::vector<std::pair<int64_t, int64_t>> stored;  // (seq, cluster_id or 0)
    {
      Statement st(db_, "SELECT seq, id, simhash, wire_agency, pub_date, cluster_id FROM articles ORDER BY seq");
      Status status;
      while (st.Step(&status)) {
        ClusterArticle a;
        a.id = st.Text(1);
        a.simhash = st.IsNull(2) ? 0 : static_cast<uint64_t>(st.Int(2));
        a.wire_agency = st.Text(3);
        a.day = ClusterDay(st.Text(4));
        articles.push_back(std::move(a));
        stored.emplace_back(st.Int(0), st.IsNull(5) ? 0 : st.Int(5));
      }
      TIES_RETURN_IF_ERROR(status);
    }
    const std::vector<uint32_t> names = ties::AssignClusters(articles);
    counts.articles = articles.size();
    counts.clusters = 0;
    std::vector<std::pair<int64_t, int64_t>> changes;  // (seq, new cluster_id)
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == i) ++counts.clusters;
      const int64_t cluster = stored[names[i]].first;
      if (stored[i].second != cluster) changes.emplace_back(stored[i].first, cluster);
    }
    counts.changed = changes.size();
    if (changes.empty()) return Status::Ok();
    TIES_RETURN_IF_ERROR(ExecSql(db_, "BEGIN IMMEDIATE"));
    Statement update(db_, "UPDATE articles SET cluster_id = ?1 WHERE seq = ?2");
    for (const auto& [seq, cluster] : changes) {
      update.Bind(1, cluster).Bind(2, seq);
      if (Status s = update.Exec(); !s.ok()) {
        ExecSql(db_, "ROLLBACK");
        return s;
      }
    }
    if (Status s = ExecSql(db_, "COMMIT"); !s.ok()) {
      ExecSql(db_, "ROLLBACK");
      return s;
    }
    return LoadDuplicateIndex();  // later provisional assignments start from the exact clusters
  }

  // Lookups run on a second, read-only connection (opened on first use) under
  // their own mutex: the writer's connection belongs to the PutBatch thread,
  // and in WAL mode a reader sees the last committed batch without blocking it.
  // An in-memory or temporary database cannot be opened twice: no lookups.
  bool IsStored(const std::string& id, const std::string& content_hash) override {
    if (path_.empty() || path_ == ":memory:" || path_.rfind("file:", 0) == 0) return false;
    std::lock_guard<std::mutex> lock(lookup_mu_);
    if (lookup_db_ == nullptr) {
      if (lookup_failed_) return false;
      Result<sqlite3*> db = OpenDatabase(path_, true);
      if (!db.ok()) {
        lookup_failed_ = true;
        return false;
      }
      lookup_db_ = *db;
      ExecSql(lookup_db_, "PRAGMA mmap_size=0; PRAGMA cache_size=-8192");  // index pages only
      lookup_find_ = std::make_unique<Statement>(lookup_db_, "SELECT content_hash FROM articles WHERE id = ?1");
      if (!lookup_find_->valid()) {
        lookup_failed_ = true;
        return false;
      }
    }
    if (lookup_failed_) return false;
    lookup_find_->Bind(1, id);
    Status status;
    const bool same = lookup_find_->Step(&status) && lookup_find_->Text(0) == content_hash;
    lookup_find_->Reset();
    return same && status.ok();
  }

 private:
  Statement& St(const char* name) { return statements_.at(name); }

  // Ends a bulk load: creates the indexes left out (one sorted build each).
  Status BuildQueryIndexes() {
    if (!bulk_) return Status::Ok();
    TIES_RETURN_IF_ERROR(ExecSql(db_, SchemaSql(true)));
    bulk_ = false;
    return Status::Ok();
  }

  Status DeleteArticle(int64_t seq) {
    // External-content FTS5 tables need the old values to delete their entries.
    // The quote texts indexed are cut from the old article text.
    Statement& old = St("old_article");
    old.Bind(1, seq);
    Status status;
    std::string old_text;
    if (old.Step(&status)) {
      old_text = old.Text(1);
      Statement del(db_, "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?1, ?2, ?3)");
      del.Bind(1, seq).Bind(2, old.Text(0)).BindStatic(3, old_text);
      Status s = del.Exec();
      if (!s.ok()) {
        old.Reset();
        return s;
      }
    }
    old.Reset();
    TIES_RETURN_IF_ERROR(status);
    const ByteIndex old_bytes(old_text);
    Statement& quotes = St("old_quotes");
    quotes.Bind(1, seq);
    std::vector<std::pair<int64_t, std::string_view>> old_quotes;
    while (quotes.Step(&status)) {
      old_quotes.emplace_back(quotes.Int(0), old_bytes.Cut(old_text, quotes.Int(1), quotes.Int(2)));
    }
    quotes.Reset();
    TIES_RETURN_IF_ERROR(status);
    for (const auto& [qid, text] : old_quotes) {
      Statement del(db_, "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', ?1, ?2)");
      del.Bind(1, qid).BindStatic(2, text);
      TIES_RETURN_IF_ERROR(del.Exec());
    }
    for (const char* table : {"entities", "place_mentions", "quotes", "events", "themes", "article_countries"}) {
      Statement del(db_, std::string("DELETE FROM ") + table + " WHERE article = ?1");
      del.Bind(1, seq);
      TIES_RETURN_IF_ERROR(del.Exec());
    }
    {
      Statement del(db_, "DELETE FROM article_spans WHERE article = ?1");
      del.Bind(1, seq);
      TIES_RETURN_IF_ERROR(del.Exec());
    }
    Statement del(db_, "DELETE FROM articles WHERE seq = ?1");
    del.Bind(1, seq);
    return del.Exec();
  }

  Status PutOne(const Document& doc, StoreCounts& counts) {
    const std::string hash = ContentHash(doc.text);
    Statement& find = St("find");
    find.Bind(1, doc.meta.id);
    Status status;
    bool exists = false;
    int64_t old_seq = 0;
    if (find.Step(&status)) {
      exists = true;
      old_seq = find.Int(0);
      if (find.Text(1) == hash) {
        find.Reset();
        ++counts.unchanged;
        return Status::Ok();
      }
    }
    find.Reset();
    TIES_RETURN_IF_ERROR(status);
    if (exists) TIES_RETURN_IF_ERROR(DeleteArticle(old_seq));

    const CodepointIndex cp(doc.text);
    const std::string pub_date = doc.meta.published.substr(0, 10);
    Statement& a = St("article");
    a.Bind(1, doc.meta.id).BindOptional(2, doc.meta.url).BindOptional(3, doc.meta.source);
    a.BindOptional(4, doc.meta.title).BindOptional(5, doc.meta.published).BindOptional(6, pub_date);
    a.BindOptional(7, doc.meta.language).BindOptional(8, doc.meta.author).BindOptional(9, doc.meta.site_name);
    if (doc.dateline.present()) {
      a.BindOptional(10, doc.dateline.place).BindOptional(11, doc.dateline.country);
      a.BindOptional(12, doc.dateline.date).BindOptional(13, doc.dateline.agency);
      a.Bind(14, static_cast<int64_t>(cp(doc.dateline.span.begin)));
      a.Bind(15, static_cast<int64_t>(cp(doc.dateline.span.end)));
    }
    const StoredText stored = compressor_.Compress(doc.text);
    if (stored.compressed) a.BindBlob(16, stored.bytes); else a.Bind(16, stored.bytes);
    a.Bind(17, hash);
    a.Bind(18, doc.tone.tone).Bind(19, doc.tone.positive).Bind(20, doc.tone.negative);
    a.Bind(21, doc.tone.polarity).Bind(22, doc.tone.activity).Bind(23, doc.tone.self_group);
    a.Bind(24, static_cast<int64_t>(doc.tone.word_count)).BindOptional(25, doc.meta.origin);
    const int64_t seq = next_seq_++;
    a.Bind(26, seq);
    if (doc.meta.simhash != 0) {
      // Syndicated copies share the cluster of the first copy stored, until
      // AssignClusters (at Flush) gives the exact, order-independent clusters.
      int64_t cluster = static_cast<int64_t>(duplicates_.Add(static_cast<uint64_t>(seq), doc.meta.simhash));
      if (cluster == seq) {
        const int64_t wire = FindWireCopy(doc.meta.wire_agency, pub_date, doc.meta.simhash);
        if (wire >= 0) cluster = wire;
      }
      AddWireCopy(doc.meta.wire_agency, pub_date, doc.meta.simhash, cluster);
      a.Bind(27, static_cast<int64_t>(doc.meta.simhash)).Bind(28, cluster);
    } else {
      a.BindNull(27).Bind(28, seq);
    }
    a.BindOptional(29, doc.meta.wire_agency);
    TIES_RETURN_IF_ERROR(a.Exec());
    St("article_fts").Bind(1, seq).BindStatic(2, doc.meta.title).BindStatic(3, doc.text);
    TIES_RETURN_IF_ERROR(St("article_fts").Exec());

    std::vector<int64_t> mention_counts(doc.entities.size(), 0);
    for (const Mention& m : doc.mentions) {
      if (m.entity < mention_counts.size()) ++mention_counts[m.entity];
    }
    for (size_t i = 0; i < doc.entities.size(); ++i) {
      const Entity& e = doc.entities[i];
      Statement& st = St("entity");
      st.Bind(1, seq).Bind(2, static_cast<int64_t>(i)).Bind(3, EntityTypeName(e.type)).Bind(4, e.canonical);
      st.BindOptional(5, e.country).BindOptional(6, e.role).BindOptional(7, e.org_kind);
      if (e.gender) st.Bind(8, std::string_view(&e.gender, 1)); else st.BindNull(8);
      st.Bind(9, mention_counts[i]);
      TIES_RETURN_IF_ERROR(st.Exec());
    }
    if (!doc.mentions.empty() || !doc.dates.empty()) {
      // [[entity, start, length, kind code], ...] and [[start, length, value], ...]
      // (the views `mentions` and `dates` turn them back into rows).
      std::string mentions = "[", dates = "[";
      for (const Mention& m : doc.mentions) {
        if (mentions.size() > 1) mentions += ',';
        const uint32_t begin = cp(m.span.begin);
        mentions += '[' + std::to_string(m.entity) + ',' + std::to_string(begin) + ',' +
                    std::to_string(std::max(cp(m.span.end), begin) - begin) + ',' + std::to_string(static_cast<int>(m.kind)) + ']';
      }
      for (const DateMention& d : doc.dates) {
        if (dates.size() > 1) dates += ',';
        const uint32_t begin = cp(d.span.begin);
        dates += '[' + std::to_string(begin) + ',' + std::to_string(std::max(cp(d.span.end), begin) - begin) + ',';
        AppendJsonString(dates, d.value);
        dates += ']';
      }
      mentions += ']';
      dates += ']';
      St("spans").Bind(1, seq).BindStatic(2, mentions).BindStatic(3, dates);
      TIES_RETURN_IF_ERROR(St("spans").Exec());
    }
    for (size_t i = 0; i < doc.places.size(); ++i) {
      const Place& p = doc.places[i];
      int64_t place = 0;
      TIES_RETURN_IF_ERROR(PlaceName(p, &place));
      Statement& st = St("place");
      st.Bind(1, seq).Bind(2, static_cast<int64_t>(i));
      st.Bind(3, static_cast<int64_t>(cp(p.span.begin))).Bind(4, static_cast<int64_t>(cp(p.span.end)));
      st.Bind(5, place);
      if (p.entity >= 0) st.Bind(6, static_cast<int64_t>(p.entity)); else st.BindNull(6);
      TIES_RETURN_IF_ERROR(st.Exec());
    }
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
      const Quote& q = doc.quotes[i];
      Statement& st = St("quote");
      st.Bind(1, seq).Bind(2, static_cast<int64_t>(i)).Bind(3, QuoteKindName(q.kind));
      st.Bind(4, static_cast<int64_t>(cp(q.span.begin))).Bind(5, static_cast<int64_t>(cp(q.span.end)));
      st.BindOptional(6, q.speaker_name);
      // The speaker's role is read from `entities` (article, speaker_entity);
      // the country is kept here, indexed, for `quotes --country`.
      std::string_view country;
      if (q.speaker_entity >= 0 && static_cast<size_t>(q.speaker_entity) < doc.entities.size()) {
        st.Bind(7, static_cast<int64_t>(q.speaker_entity));
        country = doc.entities[q.speaker_entity].country;
      } else {
        st.BindNull(7);
      }
      if (!q.speaker_span.empty()) {
        st.Bind(8, static_cast<int64_t>(cp(q.speaker_span.begin))).Bind(9, static_cast<int64_t>(cp(q.speaker_span.end)));
      } else {
        st.BindNull(8).BindNull(9);
      }
      st.BindOptional(10, country).BindOptional(11, q.cue);
      if (!q.cue_span.empty()) {
        st.Bind(12, static_cast<int64_t>(cp(q.cue_span.begin))).Bind(13, static_cast<int64_t>(cp(q.cue_span.end)));
      } else {
        st.BindNull(12).BindNull(13);
      }
      if (i < doc.quote_tones.size()) {
        const Tone& t = doc.quote_tones[i];
        const uint32_t words = t.word_count;
        st.BindTone(14, t.tone, words).BindTone(15, t.positive, words).BindTone(16, t.negative, words);
        st.BindTone(17, t.polarity, words).BindTone(18, t.activity, words).BindTone(19, t.self_group, words);
        st.Bind(20, static_cast<int64_t>(words));
      } else {
        for (int k = 14; k <= 20; ++k) st.BindNull(k);
      }
      st.BindOptional(21, pub_date);
      TIES_RETURN_IF_ERROR(st.Exec());
      const int64_t qid = sqlite3_last_insert_rowid(db_);
      St("quote_fts").Bind(1, qid).BindStatic(2, doc.View(q.span));
      TIES_RETURN_IF_ERROR(St("quote_fts").Exec());
    }
    for (size_t i = 0; i < doc.events.size(); ++i) {
      const Event& e = doc.events[i];
      Statement& st = St("event");
      st.Bind(1, seq).Bind(2, static_cast<int64_t>(i)).BindOptional(3, e.source).BindOptional(4, e.target);
      st.BindOptional(5, CountryOfActor(e.source)).BindOptional(6, CountryOfActor(e.target));
      st.Bind(7, e.code).Bind(8, std::string_view(e.code).substr(0, 2)).Bind(9, e.goldstein);
      st.Bind(10, static_cast<int64_t>(e.quad_class)).BindOptional(11, e.plover).Bind(12, static_cast<int64_t>(e.negated));
      st.Bind(13, static_cast<int64_t>(cp(e.sentence.begin))).Bind(14, static_cast<int64_t>(cp(e.sentence.end)));
      st.Bind(15, static_cast<int64_t>(cp(e.trigger.begin))).Bind(16, static_cast<int64_t>(cp(e.trigger.end)));
      auto bind_span = [&](int idx, Span span) {
        if (span.empty()) {
          st.BindNull(idx).BindNull(idx + 1);
        } else {
          st.Bind(idx, static_cast<int64_t>(cp(span.begin))).Bind(idx + 1, static_cast<int64_t>(cp(span.end)));
        }
      };
      bind_span(17, e.source_span);
      bind_span(19, e.target_span);
      st.BindOptional(21, pub_date);
      TIES_RETURN_IF_ERROR(st.Exec());
    }
    for (const Theme& t : doc.themes) {
      St("theme").Bind(1, seq).Bind(2, t.name).Bind(3, static_cast<int64_t>(t.count)).Bind(4, t.score);
      TIES_RETURN_IF_ERROR(St("theme").Exec());
    }
    // Countries the article mentions (entities with a country of type LOC/NORP, and places).
    std::map<std::string, int64_t> countries;
    for (const Mention& m : doc.mentions) {
      const Entity& e = doc.entities[m.entity];
      if ((e.type == EntityType::kLoc || e.type == EntityType::kNorp) && !e.country.empty()) ++countries[e.country];
    }
    for (const Place& p : doc.places) {
      if (p.entity < 0 && !p.country.empty()) ++countries[p.country];
    }
    for (const auto& [country, n] : countries) {
      St("country").Bind(1, country).Bind(2, seq).Bind(3, n).BindOptional(4, pub_date);
      TIES_RETURN_IF_ERROR(St("country").Exec());
    }
    if (exists) ++counts.replaced; else ++counts.inserted;
    return Status::Ok();
  }

  sqlite3* db_;
  std::map<std::string, Statement, std::less<>> statements_;
  TextCompressor compressor_;  // article text, with the database's dictionary
  bool bulk_ = false;          // query-only indexes not built yet (a new database)
  std::unordered_map<std::string, int64_t> place_names_;  // PlaceKey -> place_names.id
  DuplicateIndex duplicates_;
  std::unordered_map<std::string, std::vector<WireCopy>> wire_copies_;
  int64_t next_seq_ = 1;

  const std::string path_;
  std::mutex lookup_mu_;                    // guards the lookup connection
  sqlite3* lookup_db_ = nullptr;            // read-only, for IsStored()
  std::unique_ptr<Statement> lookup_find_;
  bool lookup_failed_ = false;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  Result<sqlite3*> db = OpenDatabase(path, false);
  if (!db.ok()) return db.status();
  auto store = std::make_unique<SqliteStore>(*db, path);
  Status s = store->Init();
  if (!s.ok()) return Status(s.code(), path + ": " + s.message());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ties
