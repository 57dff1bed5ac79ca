// clickhouse_store.cc: Documents -> RowBinary buffers -> INSERTs into *_local tables.
//
// The rows mirror the SQLite store's (src/store/sqlite/sqlite_store.cc): offsets
// in code points, entity mention counts, event actor countries, and
// article_countries from LOC/NORP entity mentions plus places without an entity.
// Absent values are '' or 0 with a has_* flag instead of NULL.
#include "store/clickhouse/clickhouse_store.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/text_util.h"
#include "store/clickhouse/clickhouse_client.h"
#include "store/clickhouse/clickhouse_dedup.h"
#include "store/clickhouse/clickhouse_util.h"
#include "store/clickhouse/schema.h"
#include "ties/record.h"

namespace ties {

namespace ch = clickhouse;

namespace {

constexpr size_t kMaxBufferBytes = size_t{256} << 20;

std::string CountryOfActor(const std::string& actor) {
  if (actor.size() < 3) return "";
  for (int i = 0; i < 3; ++i) {
    if (actor[i] < 'A' || actor[i] > 'Z') return "";
  }
  return actor.substr(0, 3);
}

class ClickHouseStore : public Store {
 public:
  explicit ClickHouseStore(const ch::Location& location) : client_(location), db_(location.database) {
    for (const ch::Table& t : ch::Tables()) buffers_.emplace(t.name, Buffer{});
  }
  ~ClickHouseStore() override = default;  // unsent rows are dropped: Flush() sends them
  ClickHouseStore(const ClickHouseStore&) = delete;
  ClickHouseStore& operator=(const ClickHouseStore&) = delete;

  Status Init() {
    const ch::Location& loc = client_.location();
    if (!loc.cluster.empty()) {
      Result<std::string> n =
          client_.Query("SELECT count() FROM system.clusters WHERE cluster = " + ch::Quote(loc.cluster), false);
      if (!n.ok()) return n.status();
      if (ch::TrimNewline(*n) == "0") {
        return Status::InvalidArgument("cluster '" + loc.cluster + "' is not in the remote_servers configuration of " +
                                       loc.host + ":" + std::to_string(loc.port));
      }
    }
    for (const std::string& sql : ch::SchemaSql(db_, loc.cluster)) {
      Result<std::string> r = client_.Query(sql, false);
      if (!r.ok()) return r.status();
    }
    TIES_RETURN_IF_ERROR(Migrate());
    Result<std::string> v = client_.Query("SELECT toString(max(toUInt32OrZero(value))) FROM meta_local WHERE key = 'schema_version'");
    if (!v.ok()) return v.status();
    if (ch::TrimNewline(*v) != std::to_string(ch::kSchemaVersion)) {
      Result<std::string> r = client_.Query("INSERT INTO meta_local (key, value) VALUES ('schema_version', '" +
                                            std::to_string(ch::kSchemaVersion) + "')");
      if (!r.ok()) return r.status();
    }
    return Status::Ok();
  }

  // Schema 1 -> 2 on this server: the articles tables (local and Distributed)
  // get the columns they lack (ALTER ... ADD COLUMN changes metadata only; old
  // rows read the defaults, fingerprinted = 0). Idempotent; clusters_local is
  // created by SchemaSql.
  Status Migrate() {
    const std::vector<std::string> tables = client_.location().cluster.empty()
                                                ? std::vector<std::string>{"articles_local"}
                                                : std::vector<std::string>{"articles_local", "articles"};
    for (const std::string& table : tables) {
      Result<std::string> cols = client_.Query("SELECT name FROM system.columns WHERE database = " + ch::Quote(db_) +
                                               " AND table = " + ch::Quote(table) + " FORMAT TabSeparated");
      if (!cols.ok()) return cols.status();
      std::set<std::string> have;
      for (auto& row : ch::ParseTsv(*cols)) {
        if (!row.empty()) have.insert(row[0]);
      }
      for (const ch::Column& c : ch::ArticleColumnsSince1()) {
        if (have.count(c.name)) continue;
        Result<std::string> r =
            client_.Query("ALTER TABLE " + table + " ADD COLUMN " + c.name + " " + c.type);
        if (!r.ok()) return r.status();
      }
    }
    return Status::Ok();
  }

  Status PutBatch(const std::vector<const Document*>& docs, StoreCounts& counts) override {
    StoreCounts local;
    size_t i = 0;
    while (i < docs.size()) {
      // A run of documents whose ids are not buffered yet (a buffered id must
      // reach the server before its next version is compared with it).
      size_t end = i;
      std::unordered_set<std::string_view> run_ids;
      while (end < docs.size() && !pending_ids_.count(docs[end]->meta.id) && run_ids.insert(docs[end]->meta.id).second) {
        ++end;
      }
      if (end == i) {
        TIES_RETURN_IF_ERROR(Send());
        continue;
      }
      std::unordered_map<std::string, std::string> stored;
      TIES_RETURN_IF_ERROR(LookUp(docs, i, end, stored));
      for (; i < end; ++i) {
        const Document& doc = *docs[i];
        const std::string hash = ContentHash(doc.text);
        auto it = stored.find(doc.meta.id);
        if (it != stored.end() && it->second == hash) {
          ++local.unchanged;
          continue;
        }
        if (it != stored.end()) {
          stale_.emplace_back(doc.meta.id, it->second);
          ++local.replaced;
        } else {
          ++local.inserted;
        }
        Append(doc, hash);
      }
    }
    counts.inserted += local.inserted;
    counts.replaced += local.replaced;
    counts.unchanged += local.unchanged;
    const auto now = std::chrono::steady_clock::now();
    const double age = std::chrono::duration<double>(now - first_pending_).count();
    if (pending_ids_.size() >= client_.location().flush_rows || buffered_bytes_ >= kMaxBufferBytes ||
        (!pending_ids_.empty() && age >= client_.location().flush_seconds)) {
      TIES_RETURN_IF_ERROR(Send());
    }
    return Status::Ok();
  }

  Status Flush() override {
    TIES_RETURN_IF_ERROR(Send());
    return WaitForMutations();
  }

  Status AssignClusters(ClusterCounts& counts) override {
    TIES_RETURN_IF_ERROR(Flush());
    return ch::AssignClusters(client_, counts);
  }

 private:
  struct Buffer {
    std::string rows;
    size_t count = 0;
  };

  Status LookUp(const std::vector<const Document*>& docs, size_t begin, size_t end,
                std::unordered_map<std::string, std::string>& stored) {
    std::string ids;
    for (size_t k = begin; k < end; ++k) ids += (ids.empty() ? "" : ",") + ch::Quote(docs[k]->meta.id);
    Result<std::string> r = client_.Query("SELECT id, argMax(hash, version) FROM articles_local WHERE id IN (" + ids +
                                          ") GROUP BY id FORMAT TabSeparated");
    if (!r.ok()) return r.status();
    for (auto& row : ch::ParseTsv(*r)) {
      if (row.size() == 2) stored[row[0]] = row[1];
    }
    return Status::Ok();
  }

  ch::RowWriter Row(const char* table) {
    Buffer& b = buffers_.at(table);
    ++b.count;
    return ch::RowWriter(b.rows);
  }

  uint64_t NextVersion() {
    const uint64_t now = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    version_ = std::max(version_ + 1, now);
    return version_;
  }

  // Appends every row of one article to the buffers, in each table's column order (schema.cc).
  void Append(const Document& doc, const std::string& hash) {
    if (pending_ids_.empty()) first_pending_ = std::chrono::steady_clock::now();
    pending_ids_.insert(doc.meta.id);
    const CodepointIndex cp(doc.text);
    auto pos = [&](uint32_t byte) { return cp(byte); };
    const std::string pub_day = doc.meta.published.substr(0, std::min<size_t>(10, doc.meta.published.size()));
    const uint16_t pub_date = ch::DateDays(pub_day);
    const ch::Origin origin = ch::SplitOrigin(doc.meta.origin);
    const std::string& id = doc.meta.id;
    auto child = [&](const char* table) {
      ch::RowWriter w = Row(table);
      w.Str(id).Str(hash).U16(pub_date);
      return w;
    };

    std::vector<uint32_t> mention_counts(doc.entities.size(), 0);
    for (const Mention& m : doc.mentions) {
      if (m.entity < mention_counts.size()) ++mention_counts[m.entity];
    }
    for (size_t i = 0; i < doc.entities.size(); ++i) {
      const Entity& e = doc.entities[i];
      child("entities").U32(static_cast<uint32_t>(i)).Str(EntityTypeName(e.type)).Str(e.canonical).Str(e.country)
          .Str(e.role).Str(e.org_kind).Str(e.gender ? std::string_view(&e.gender, 1) : std::string_view())
          .U32(mention_counts[i]);
    }
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
      const Mention& m = doc.mentions[i];
      child("mentions").U32(static_cast<uint32_t>(i)).U32(m.entity).U32(pos(m.span.begin)).U32(pos(m.span.end))
          .Str(doc.View(m.span)).Str(MentionKindName(m.kind));
    }
    for (size_t i = 0; i < doc.places.size(); ++i) {
      const Place& p = doc.places[i];
      child("places").U32(static_cast<uint32_t>(i)).U32(pos(p.span.begin)).U32(pos(p.span.end)).Str(doc.View(p.span))
          .Str(p.name).Str(PlaceKindName(p.kind)).I64(p.geonameid).U8(p.has_coordinates)
          .F64(p.has_coordinates ? p.lat : 0).F64(p.has_coordinates ? p.lon : 0).Str(p.country).Str(p.admin1)
          .I32(p.entity);
    }
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
      const Quote& q = doc.quotes[i];
      std::string_view country, role;
      int32_t speaker = -1;
      if (q.speaker_entity >= 0 && static_cast<size_t>(q.speaker_entity) < doc.entities.size()) {
        speaker = q.speaker_entity;
        country = doc.entities[speaker].country;
        role = doc.entities[speaker].role;
      }
      ch::RowWriter w = child("quotes");
      w.Str(pub_day).Str(doc.meta.published).Str(doc.meta.url).Str(origin.path).U64(origin.line);
      w.U32(static_cast<uint32_t>(i)).Str(QuoteKindName(q.kind)).U32(pos(q.span.begin)).U32(pos(q.span.end));
      w.Str(doc.View(q.span)).Str(q.speaker_name).I32(speaker);
      const bool has_speaker = !q.speaker_span.empty();
      w.U8(has_speaker).U32(has_speaker ? pos(q.speaker_span.begin) : 0).U32(has_speaker ? pos(q.speaker_span.end) : 0);
      w.Str(has_speaker ? doc.View(q.speaker_span) : std::string_view()).Str(country).Str(role).Str(q.cue);
      const bool has_cue = !q.cue_span.empty();
      w.U8(has_cue).U32(has_cue ? pos(q.cue_span.begin) : 0).U32(has_cue ? pos(q.cue_span.end) : 0);
      w.Str(has_cue ? doc.View(q.cue_span) : std::string_view());
      const Tone t = i < doc.quote_tones.size() ? doc.quote_tones[i] : Tone{};
      w.U8(i < doc.quote_tones.size()).F64(t.tone).F64(t.positive).F64(t.negative).F64(t.polarity).F64(t.activity);
      w.F64(t.self_group).U32(t.word_count);
    }
    for (size_t i = 0; i < doc.events.size(); ++i) {
      const Event& e = doc.events[i];
      ch::RowWriter w = child("events");
      w.Str(pub_day).U32(static_cast<uint32_t>(i)).Str(e.source).Str(e.target).Str(CountryOfActor(e.source));
      w.Str(CountryOfActor(e.target)).Str(e.code).Str(std::string_view(e.code).substr(0, 2)).F64(e.goldstein);
      w.I32(e.quad_class).Str(e.plover).U8(e.negated).U32(pos(e.sentence.begin)).U32(pos(e.sentence.end));
      w.U32(pos(e.trigger.begin)).U32(pos(e.trigger.end)).Str(doc.View(e.trigger));
      for (const Span& span : {e.source_span, e.target_span}) {
        const bool has = !span.empty();
        w.U8(has).U32(has ? pos(span.begin) : 0).U32(has ? pos(span.end) : 0);
      }
    }
    {
      // SQLite keys themes by (article, theme) and keeps the last; so do we.
      std::map<std::string_view, const Theme*> themes;
      for (const Theme& t : doc.themes) themes[t.name] = &t;
      for (const auto& [name, t] : themes) child("themes").Str(name).U32(t->count).F64(t->score);
    }
    for (size_t i = 0; i < doc.dates.size(); ++i) {
      const DateMention& d = doc.dates[i];
      child("dates").U32(static_cast<uint32_t>(i)).U32(pos(d.span.begin)).U32(pos(d.span.end)).Str(doc.View(d.span))
          .Str(d.value);
    }
    std::map<std::string, uint32_t> countries;
    for (const Mention& m : doc.mentions) {
      if (m.entity >= doc.entities.size()) continue;
      const Entity& e = doc.entities[m.entity];
      if ((e.type == EntityType::kLoc || e.type == EntityType::kNorp) && !e.country.empty()) ++countries[e.country];
    }
    for (const Place& p : doc.places) {
      if (p.entity < 0 && !p.country.empty()) ++countries[p.country];
    }
    for (const auto& [country, n] : countries) {
      child("article_countries").Str(country).Str(pub_day).U32(n).F64(doc.tone.tone);
    }

    const bool dateline = doc.dateline.present();
    const auto ingested = static_cast<uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    ch::RowWriter a = Row("articles");
    a.Str(id).Str(hash).U64(NextVersion()).U32(ingested).U16(pub_date).Str(pub_day).Str(doc.meta.published);
    a.Str(doc.meta.url).Str(doc.meta.source).Str(doc.meta.title).Str(doc.meta.language).Str(doc.meta.author);
    a.Str(doc.meta.site_name).U8(dateline);
    if (dateline) {
      a.Str(doc.dateline.place).Str(doc.dateline.country).Str(doc.dateline.date).Str(doc.dateline.agency);
      a.U32(pos(doc.dateline.span.begin)).U32(pos(doc.dateline.span.end));
    } else {
      a.Str("").Str("").Str("").Str("").U32(0).U32(0);
    }
    a.Str(doc.text).F64(doc.tone.tone).F64(doc.tone.positive).F64(doc.tone.negative).F64(doc.tone.polarity);
    a.F64(doc.tone.activity).F64(doc.tone.self_group).U32(doc.tone.word_count);
    a.Str(doc.meta.origin).Str(origin.path).U64(origin.line).Str("");
    a.U64(doc.meta.simhash).Str(doc.meta.wire_agency).U8(1);

    buffered_bytes_ = 0;
    for (const auto& [name, b] : buffers_) buffered_bytes_ += b.rows.size();
  }

  // Sends the buffers (children first, articles last), then deletes the old
  // versions of replaced articles.
  Status Send() {
    for (const ch::Table& t : ch::Tables()) {
      Buffer& b = buffers_.at(t.name);
      if (b.count == 0) continue;
      TIES_RETURN_IF_ERROR(client_.InsertRowBinary(std::string(t.name) + "_local", t.ColumnList(), b.rows));
      b.rows.clear();
      b.count = 0;
    }
    pending_ids_.clear();
    buffered_bytes_ = 0;
    if (!stale_.empty()) {
      std::string keys;
      for (const auto& [id, hash] : stale_) keys += (keys.empty() ? "(" : ", (") + ch::Quote(id) + ", " + ch::Quote(hash) + ")";
      for (const ch::Table& t : ch::Tables()) {
        Result<std::string> r = client_.Query("ALTER TABLE " + std::string(t.name) + "_local DELETE WHERE (" + t.key +
                                              ", hash) IN (" + keys + ")");
        if (!r.ok()) return r.status();
      }
      stale_.clear();
      mutations_pending_ = true;
    }
    return Status::Ok();
  }

  // Deletes are asynchronous mutations; wait so that readers see one version.
  Status WaitForMutations() {
    if (!mutations_pending_) return Status::Ok();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(client_.location().timeout_seconds);
    for (;;) {
      Result<std::string> r = client_.Query("SELECT count() FROM system.mutations WHERE database = " + ch::Quote(db_) +
                                            " AND is_done = 0");
      if (!r.ok()) return r.status();
      if (ch::TrimNewline(*r) == "0") break;
      if (std::chrono::steady_clock::now() > deadline) {
        return Status::Unavailable("clickhouse: deletes of replaced articles still running after " +
                                   std::to_string(client_.location().timeout_seconds) + "s (see system.mutations)");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    mutations_pending_ = false;
    return Status::Ok();
  }

  ch::Client client_;
  std::string db_;
  std::map<std::string, Buffer, std::less<>> buffers_;
  std::unordered_set<std::string> pending_ids_;
  std::vector<std::pair<std::string, std::string>> stale_;  // (id, old hash) of replaced articles
  size_t buffered_bytes_ = 0;
  std::chrono::steady_clock::time_point first_pending_;
  uint64_t version_ = 0;
  bool mutations_pending_ = false;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenClickHouseStore(const std::string& location) {
  Result<ch::Location> loc = ch::ParseLocation(location);
  if (!loc.ok()) return loc.status();
  if (loc->retry_seconds < 0) loc->retry_seconds = ch::kWriterRetrySeconds;  // ride out a server restart
  auto store = std::make_unique<ClickHouseStore>(*loc);
  Status s = store->Init();
  if (!s.ok()) return Status(s.code(), location + ": " + s.message());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ties
