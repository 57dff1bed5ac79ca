// sqlite_query.cc: QueryEngine over the SQLite schema (docs/storage.md).
//
// Each calling thread gets its own read-only connection (SQLite connections
// are not shared across threads here), so a server can answer concurrently
// while an ingest writes through WAL.
#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <type_traits>

#include "query/sqlite_query.h"

#include "common/byte_index.h"
#include "common/text_util.h"
#include "query/dyad_series.h"
#include "store/sqlite/fetch_log_sql.h"
#include "store/sqlite/sqlite_util.h"
#include "ties/query.h"
#include "ties/query_deadline.h"
#include "ties/record.h"
#include "ties/store.h"

namespace ties {

namespace {

// Cursors are opaque to users; here they carry the offset of the next page.
std::string MakeCursor(uint64_t offset) { return "o" + std::to_string(offset); }

// Steps `st` into `list.items`, `read_row(st)` making each item, at most `limit` of them; the
// statement asks for one row more, whose presence means another page (`list.next_cursor`).
// A step error lands in `*status`.
template <typename List, typename ReadRow>
void ReadPage(Statement& st, Status* status, size_t limit, uint64_t offset, List& list, ReadRow read_row) {
  while (st.Step(status)) {
    if (list.items.size() == limit) {
      list.next_cursor = MakeCursor(offset + limit);
      break;
    }
    list.items.push_back(read_row(st));
  }
}
uint64_t ParseCursor(const std::string& cursor) {
  if (cursor.size() < 2 || cursor.size() > 19 || cursor[0] != 'o') return 0;
  uint64_t offset = 0;
  for (size_t i = 1; i < cursor.size(); ++i) {
    if (cursor[i] < '0' || cursor[i] > '9') return 0;
    offset = offset * 10 + static_cast<uint64_t>(cursor[i] - '0');
  }
  return offset;  // at most 18 digits: no overflow, and SQLite's OFFSET stays positive
}

// Quotes every bare word so that user text ("U.S.-China", "don't") is a valid
// FTS5 query; keeps explicit operators and quoted phrases when the user wrote them.
std::string SafeFtsQuery(const std::string& query) {
  std::string out;
  std::string word;
  bool in_phrase = false;
  auto flush = [&] {
    if (word.empty()) return;
    if (word == "AND" || word == "OR" || word == "NOT") {
      out += word;
    } else {
      out += '"';
      for (char c : word) {
        if (c == '"') out += "\"\"";
        else out += c;
      }
      out += '"';
      if (word.back() == '*') {
        out.pop_back();
        out.pop_back();
        out += "\"*";
      }
    }
    out += ' ';
    word.clear();
  };
  for (char c : query) {
    if (c == '"') {
      if (in_phrase) {
        out += '"' + word + "\" ";
        word.clear();
      } else {
        flush();
      }
      in_phrase = !in_phrase;
      continue;
    }
    if (!in_phrase && (c == ' ' || c == '\t' || c == '(' || c == ')')) {
      flush();
      continue;
    }
    word += c;
  }
  if (in_phrase) {
    out += '"' + word + "\" ";
    word.clear();
  }
  flush();
  return out;
}

// Stored code point offsets -> byte offsets of the text (ByteIndex, sqlite_util.h).
Span SpanOf(const ByteIndex& bytes, int64_t begin, int64_t end) { return {bytes(begin), bytes(end)}; }

// Parses the integer arrays of article_spans.mentions, "[[1,2,3,4],[5,6,7,8]]",
// appending `width` fields per inner array to *out; false when malformed.
bool ParseIntArrays(std::string_view json, size_t width, std::vector<int64_t>* out) {
  size_t depth = 0, fields = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '[') {
      if (++depth > 2) return false;
      fields = 0;
    } else if (c == ']') {
      if (depth == 0 || (depth == 2 && fields != width)) return false;
      --depth;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      if (depth != 2 || ++fields > width) return false;
      const bool negative = c == '-';
      if (negative) ++i;
      int64_t value = 0;
      size_t digits = 0;
      for (; i < json.size() && json[i] >= '0' && json[i] <= '9' && digits < 18; ++i, ++digits) {
        value = value * 10 + (json[i] - '0');
      }
      if (digits == 0) return false;
      out->push_back(negative ? -value : value);
      --i;
    } else if (c != ',' && c != ' ') {
      return false;
    }
  }
  return depth == 0;
}

// Builds "WHERE a AND b" pieces with positional parameters.
struct Where {
  std::vector<std::string> clauses;
  std::vector<std::string> params;
  void Add(const std::string& clause, const std::string& param) {
    clauses.push_back(clause);
    params.push_back(param);
  }
  std::string Sql(const char* lead = " WHERE ") const {
    if (clauses.empty()) return "";
    std::string out = lead;
    for (size_t i = 0; i < clauses.size(); ++i) out += (i ? " AND " : "") + clauses[i];
    return out;
  }
  void BindAll(Statement& st, int first = 1) const {
    for (size_t i = 0; i < params.size(); ++i) st.Bind(first + static_cast<int>(i), params[i]);
  }
};

class SqliteQueryEngine : public QueryEngine {
 public:
  explicit SqliteQueryEngine(std::string path) : path_(std::move(path)) {}
  ~SqliteQueryEngine() override {
    for (auto& [id, db] : connections_) sqlite3_close(db);
  }
  SqliteQueryEngine(const SqliteQueryEngine&) = delete;  // owns connections
  SqliteQueryEngine& operator=(const SqliteQueryEngine&) = delete;

  Status Check() {
    Result<sqlite3*> db = Db();
    if (!db.ok()) return db.status();
    bool empty = false;
    Status s = CheckSchemaVersion(*db, &empty);
    if (!s.ok()) return Status(s.code(), path_ + ": " + s.message());
    if (empty) return Status::NotFound(path_ + ": not a ties database (run `ties ingest` first)");
    return Status::Ok();
  }

  Result<ArticleList> SearchArticles(const ArticleFilter& filter, const Page& page) override {
    Result<sqlite3*> db = Db();
    if (!db.ok()) return db.status();
    Where where;
    AddArticleFilters(filter, where);
    const uint64_t offset = ParseCursor(page.cursor);
    const uint32_t limit = std::clamp<uint32_t>(page.limit, 1, 1000);
    std::string sql, count_sql;
    const bool fts = !filter.query.empty();
    if (fts) {
      const std::string base =
          " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?1" +
          where.Sql(" AND ");
      sql = "SELECT a.id, a.title, a.source, a.published, a.url,"
            " snippet(articles_fts, 1, '[', ']', '…', 16), bm25(articles_fts, 5.0, 1.0)" + base +
            " ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT " + std::to_string(limit + 1) + " OFFSET " +
            std::to_string(offset);
      count_sql = "SELECT count(*)" + base;
    } else {
      const std::string base = " FROM articles a" + where.Sql();
      sql = "SELECT a.id, a.title, a.source, a.published, a.url, ties_span(a.text, 0, 200), 0" + base +
            " ORDER BY a.pub_date DESC, a.seq DESC LIMIT " + std::to_string(limit + 1) + " OFFSET " +
            std::to_string(offset);
      count_sql = "SELECT count(*)" + base;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
      const std::string match = attempt == 0 ? filter.query : SafeFtsQuery(filter.query);
      Statement st(*db, sql);
      if (!st.valid()) {
        if (fts && attempt == 0) continue;
        return Status::InvalidArgument("search: " + st.error());
      }
      int first = 1;
      if (fts) st.Bind(first++, match);
      where.BindAll(st, first);
      ArticleList list;
      Status status;
      ReadPage(st, &status, limit, offset, list, [](Statement& row) {
        ArticleHit hit;
        hit.id = row.Text(0);
        hit.title = row.Text(1);
        hit.source = row.Text(2);
        hit.published = row.Text(3);
        hit.url = row.Text(4);
        hit.snippet = row.Text(5);
        hit.rank = -row.Double(6);
        return hit;
      });
      if (!status.ok()) {
        if (fts && attempt == 0) continue;  // user syntax FTS5 rejects: retry quoted
        return Status::InvalidArgument("search: " + status.message());
      }
      Statement count(*db, count_sql);
      first = 1;
      if (fts) count.Bind(first++, match);
      where.BindAll(count, first);
      if (count.valid() && count.Step()) list.total = static_cast<uint64_t>(count.Int(0));
      return list;
    }
    return Status::InvalidArgument("search: cannot parse query");
  }

  Result<std::string> ArticleJson(const std::string& id) override {
    Result<sqlite3*> dbr = Db();
    if (!dbr.ok()) return dbr.status();
    Result<Document> doc = LoadDocument(*dbr, "id = ?1", id);
    if (!doc.ok()) return doc.status();
    std::string out;
    RecordOptions options;
    options.with_text = true;
    WriteRecordJson(*doc, options, out);
    return out;
  }

  Status ForEachDocument(const ArticleFilter& filter,
                         const std::function<Status(const Document& doc)>& fn) override {
    Result<sqlite3*> dbr = Db();
    if (!dbr.ok()) return dbr.status();
    // Collect the keys first: the per-article reads below reuse this connection.
    Where where;
    AddArticleFilters(filter, where);
    std::string sql = "SELECT a.seq FROM articles a" + where.Sql() + " ORDER BY a.pub_date, a.seq";
    if (!filter.query.empty()) {
      sql = "SELECT a.seq FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?" +
            where.Sql(" AND ") + " ORDER BY a.pub_date, a.seq";
    }
    Statement st(*dbr, sql);
    if (!st.valid()) return Status::InvalidArgument("export: " + st.error());
    int first = 1;
    if (!filter.query.empty()) st.Bind(first++, SafeFtsQuery(filter.query));
    where.BindAll(st, first);
    std::vector<int64_t> seqs;
    Status status;
    while (st.Step(&status)) seqs.push_back(st.Int(0));
    TIES_RETURN_IF_ERROR(status);
    for (int64_t seq : seqs) {
      Result<Document> doc = LoadDocument(*dbr, "seq = ?1", seq);
      if (!doc.ok()) return doc.status();
      TIES_RETURN_IF_ERROR(fn(*doc));
    }
    return Status::Ok();
  }

 private:
  // Rebuilds one stored article (selected by `where`, one parameter) as a
  // Document: code point offsets become byte offsets again.
  template <typename Key>
  Result<Document> LoadDocument(sqlite3* db, const char* where_sql, const Key& key) {
    Statement a(db,
                "SELECT seq, id, url, source, title, published, language, author, site_name, dateline_place,"
                " dateline_country, dateline_date, dateline_agency, dateline_start, dateline_end, ties_text(text),"
                " tone, positive, negative, polarity, activity, self_group, word_count, wire_agency, simhash"
                " FROM articles WHERE " + std::string(where_sql));
    a.Bind(1, key);
    Status status;
    if (!a.Step(&status)) {
      if (!status.ok()) return status;
      if constexpr (std::is_same_v<Key, std::string>) return Status::NotFound("no article with id '" + key + "'");
      return Status::NotFound("no article");
    }
    Document doc;
    const int64_t seq = a.Int(0);
    doc.meta.id = a.Text(1);
    doc.meta.url = a.Text(2);
    doc.meta.source = a.Text(3);
    doc.meta.title = a.Text(4);
    doc.meta.published = a.Text(5);
    doc.meta.language = a.Text(6);
    doc.meta.author = a.Text(7);
    doc.meta.site_name = a.Text(8);
    doc.text = a.Text(15);
    const ByteIndex bytes(doc.text);
    if (!a.IsNull(13)) {
      doc.dateline.place = a.Text(9);
      doc.dateline.country = a.Text(10);
      doc.dateline.date = a.Text(11);
      doc.dateline.agency = a.Text(12);
      doc.dateline.span = SpanOf(bytes, a.Int(13), a.Int(14));
    }
    doc.tone = {a.Double(16), a.Double(17), a.Double(18), a.Double(19), a.Double(20), a.Double(21),
                static_cast<uint32_t>(a.Int(22))};
    doc.meta.wire_agency = a.Text(23);
    doc.meta.simhash = static_cast<uint64_t>(a.Int(24));

    Statement e(db, "SELECT idx, type, canonical, country, role, org_kind, gender FROM entities WHERE article = ?1 ORDER BY idx");
    e.Bind(1, seq);
    while (e.Step(&status)) {
      Entity entity;
      entity.type = EntityTypeFromName(e.Text(1));
      entity.canonical = e.Text(2);
      entity.country = e.Text(3);
      entity.role = e.Text(4);
      entity.org_kind = e.Text(5);
      entity.gender = e.Text(6).empty() ? 0 : e.Text(6)[0];
      doc.entities.resize(std::max<size_t>(doc.entities.size(), e.Int(0) + 1));
      doc.entities[e.Int(0)] = std::move(entity);
    }
    // Mentions are read from their JSON array directly (the `mentions` view
    // does the same in SQL, ~3x slower for the 16-70 mentions of an article).
    Statement m(db, "SELECT mentions FROM article_spans WHERE article = ?1");
    m.Bind(1, seq);
    if (m.Step(&status)) {
      std::vector<int64_t> fields;
      if (!ParseIntArrays(m.Text(0), 4, &fields)) return Status::Corruption("article_spans.mentions of seq " + std::to_string(seq));
      for (size_t i = 0; i + 3 < fields.size(); i += 4) {
        Mention mention;
        mention.entity = static_cast<uint32_t>(fields[i]);
        mention.span = SpanOf(bytes, fields[i + 1], fields[i + 1] + fields[i + 2]);
        mention.kind = static_cast<MentionKind>(std::clamp<int64_t>(fields[i + 3], 0, static_cast<int64_t>(MentionKind::kPronoun)));
        if (fields[i] >= 0 && mention.entity < doc.entities.size()) doc.mentions.push_back(mention);
      }
    }
    Statement p(db, "SELECT start, end, name, kind, geonameid, lat, lon, country, admin1, entity FROM places WHERE article = ?1 ORDER BY idx");
    p.Bind(1, seq);
    while (p.Step(&status)) {
      Place place;
      place.span = SpanOf(bytes, p.Int(0), p.Int(1));
      place.name = p.Text(2);
      place.kind = PlaceKindFromName(p.Text(3));
      place.geonameid = p.Int(4);
      place.has_coordinates = !p.IsNull(5);
      place.lat = p.Double(5);
      place.lon = p.Double(6);
      place.country = p.Text(7);
      place.admin1 = p.Text(8);
      place.entity = p.IsNull(9) ? -1 : static_cast<int32_t>(p.Int(9));
      doc.places.push_back(std::move(place));
    }
    Statement q(db,
                "SELECT kind, start, end, speaker, speaker_entity, speaker_start, speaker_end, cue, cue_start, cue_end,"
                " tone, positive, negative, polarity, activity, self_group, word_count"
                " FROM quotes WHERE article = ?1 ORDER BY idx");
    q.Bind(1, seq);
    bool quote_tones = true;
    while (q.Step(&status)) {
      Quote quote;
      quote.kind = QuoteKindFromName(q.Text(0));
      quote.span = SpanOf(bytes, q.Int(1), q.Int(2));
      quote.speaker_name = q.Text(3);
      quote.speaker_entity = q.IsNull(4) ? -1 : static_cast<int32_t>(q.Int(4));
      if (!q.IsNull(5)) quote.speaker_span = SpanOf(bytes, q.Int(5), q.Int(6));
      quote.cue = q.Text(7);
      if (!q.IsNull(8)) quote.cue_span = SpanOf(bytes, q.Int(8), q.Int(9));
      if (q.IsNull(10)) {
        quote_tones = false;
      } else {
        const auto words = static_cast<uint32_t>(q.Int(16));
        doc.quote_tones.push_back({q.Tone(10, words), q.Tone(11, words), q.Tone(12, words), q.Tone(13, words),
                                   q.Tone(14, words), q.Tone(15, words), words});
      }
      doc.quotes.push_back(std::move(quote));
    }
    if (!quote_tones) doc.quote_tones.clear();
    Statement ev(db,
                 "SELECT source, target, code, goldstein, quad_class, plover, negated, sentence_start, sentence_end,"
                 " trigger_start, trigger_end, source_start, source_end, target_start, target_end"
                 " FROM events WHERE article = ?1 ORDER BY idx");
    ev.Bind(1, seq);
    while (ev.Step(&status)) {
      Event event;
      event.source = ev.Text(0);
      event.target = ev.Text(1);
      event.code = ev.Text(2);
      event.goldstein = ev.Double(3);
      event.quad_class = static_cast<int>(ev.Int(4));
      event.plover = ev.Text(5);
      event.negated = ev.Int(6) != 0;
      event.sentence = SpanOf(bytes, ev.Int(7), ev.Int(8));
      event.trigger = SpanOf(bytes, ev.Int(9), ev.Int(10));
      if (!ev.IsNull(11)) event.source_span = SpanOf(bytes, ev.Int(11), ev.Int(12));
      if (!ev.IsNull(13)) event.target_span = SpanOf(bytes, ev.Int(13), ev.Int(14));
      doc.events.push_back(std::move(event));
    }
    Statement d(db, "SELECT start, end, value FROM dates WHERE article = ?1 ORDER BY idx");
    d.Bind(1, seq);
    while (d.Step(&status)) doc.dates.push_back({SpanOf(bytes, d.Int(0), d.Int(1)), std::string(d.Text(2))});
    Statement t(db, "SELECT theme, count, score FROM themes WHERE article = ?1 ORDER BY score DESC, count DESC, theme");
    t.Bind(1, seq);
    while (t.Step(&status)) doc.themes.push_back({std::string(t.Text(0)), static_cast<uint32_t>(t.Int(1)), t.Double(2)});
    if (!status.ok()) return status;
    return doc;
  }

 public:
  Result<QuoteList> Quotes(const QuoteFilter& filter, const Page& page) override {
    Result<sqlite3*> db = Db();
    if (!db.ok()) return db.status();
    Where where;
    if (!filter.speaker.empty()) where.Add("q.speaker LIKE '%' || ? || '%'", filter.speaker);
    if (!filter.country.empty()) where.Add("q.speaker_country = ?", filter.country);
    if (!filter.kind.empty()) where.Add("q.kind = ?", filter.kind);
    if (!filter.article.empty()) where.Add("a.id = ?", filter.article);
    if (!filter.language.empty()) where.Add("a.language = ?", filter.language);
    if (!filter.from.empty()) where.Add("q.pub_date >= ?", filter.from);
    if (!filter.to.empty()) where.Add("q.pub_date <= ?", filter.to);
    if (filter.dedup) {
      // One quote per (cluster, quote text): the one of the smallest article id,
      // then index, as on ClickHouse (not the first stored: ingest order).
      where.clauses.push_back(
          "q.qid IN (SELECT qid FROM (SELECT q2.qid, row_number() OVER (PARTITION BY coalesce(a2.cluster_id, a2.seq),"
          " ties_span(a2.text, q2.start, q2.end) ORDER BY a2.id, q2.idx) AS rn FROM quotes q2"
          " JOIN articles a2 ON a2.seq = q2.article) WHERE rn = 1)");
    }
    const uint64_t offset = ParseCursor(page.cursor);
    const uint32_t limit = std::clamp<uint32_t>(page.limit, 1, 1000);
    const std::string cols =
        "SELECT a.id, a.published, a.url, q.kind, ties_span(a.text, q.start, q.end), q.speaker, q.speaker_country,"
        " (SELECT e.role FROM entities e WHERE e.article = q.article AND e.idx = q.speaker_entity),"
        " ties_span(a.text, q.speaker_start, q.speaker_end), q.cue, q.start, q.end";
    std::string sql;
    const std::string limit_sql = " LIMIT " + std::to_string(limit + 1) + " OFFSET " + std::to_string(offset);
    if (!filter.query.empty() && where.Sql().empty()) {
      // Rank inside the FTS index first and join only the page: joining every
      // match to quotes and articles before sorting costs two random row
      // lookups per match (seconds for a common word on a 1M-article store).
      sql = cols + ", f.score FROM (SELECT rowid AS r, bm25(quotes_fts) AS score FROM quotes_fts"
                   " WHERE quotes_fts MATCH ? ORDER BY score" + limit_sql + ") f"
                   " JOIN quotes q ON q.qid = f.r JOIN articles a ON a.seq = q.article ORDER BY f.score";
    } else if (!filter.query.empty()) {
      sql = cols + " FROM quotes_fts JOIN quotes q ON q.qid = quotes_fts.rowid JOIN articles a ON a.seq = q.article"
                   " WHERE quotes_fts MATCH ?" + where.Sql(" AND ") + " ORDER BY bm25(quotes_fts)" + limit_sql;
    } else {
      sql = cols + " FROM quotes q JOIN articles a ON a.seq = q.article" + where.Sql() +
            " ORDER BY q.pub_date DESC, q.qid DESC" + limit_sql;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
      Statement st(*db, sql);
      if (!st.valid()) return Status::InvalidArgument("quotes: " + st.error());
      int first = 1;
      if (!filter.query.empty()) st.Bind(first++, attempt == 0 ? filter.query : SafeFtsQuery(filter.query));
      where.BindAll(st, first);
      QuoteList list;
      Status status;
      // Columns in SELECT order (issue 16: alike in shape only to the article reader's above).
      ReadPage(st, &status, limit, offset, list, [](Statement& q) {
        QuoteRow row;
        row.article_id = q.Text(0);
        row.published = q.Text(1);
        row.url = q.Text(2);
        row.kind = q.Text(3);
        row.text = q.Text(4);
        row.speaker = q.Text(5);
        row.speaker_country = q.Text(6);
        row.speaker_role = q.Text(7);
        row.speaker_mention = q.Text(8);
        row.cue = q.Text(9);
        row.start = q.Int(10);
        row.end = q.Int(11);
        return row;
      });
      if (!status.ok()) {
        if (!filter.query.empty() && attempt == 0) continue;
        return Status::InvalidArgument("quotes: " + status.message());
      }
      return list;
    }
    return Status::InvalidArgument("quotes: cannot parse query");
  }

  Result<EntityList> Entities(const EntityFilter& filter, const Page& page) override {
    Result<sqlite3*> db = Db();
    if (!db.ok()) return db.status();
    Where where;
    if (!filter.type.empty()) where.Add("e.type = ?", filter.type);
    if (!filter.country.empty()) where.Add("e.country = ?", filter.country);
    if (!filter.name.empty()) where.Add("e.canonical LIKE '%' || ? || '%'", filter.name);
    if (!filter.language.empty()) where.Add("a.language = ?", filter.language);
    const uint64_t offset = ParseCursor(page.cursor);
    const uint32_t limit = std::clamp<uint32_t>(page.limit, 1, 1000);
    // The unit counted: an article, or (deduplicated) a cluster of syndicated copies.
    const std::string unit = filter.dedup ? "coalesce(a.cluster_id, a.seq)" : "e.article";
    Statement st(*db, "SELECT canonical, type, coalesce(country, ''), coalesce(max(role), ''), count(DISTINCT " + unit +
                      "), sum(mentions) FROM entities e JOIN articles a ON a.seq = e.article" + where.Sql() +
                      " GROUP BY canonical, type, coalesce(country, '') ORDER BY 5 DESC, 6 DESC, canonical LIMIT " +
                      std::to_string(limit + 1) + " OFFSET " + std::to_string(offset));
    if (!st.valid()) return Status::Internal("entities: " + st.error());
    where.BindAll(st);
    EntityList list;
    Status status;
    ReadPage(st, &status, limit, offset, list, [](Statement& row) {
      return EntityRow{std::string(row.Text(0)), std::string(row.Text(1)), std::string(row.Text(2)),
                       std::string(row.Text(3)), static_cast<uint64_t>(row.Int(4)), static_cast<uint64_t>(row.Int(5))};
    });
    if (!status.ok()) return status;
    return list;
  }

  Result<std::vector<DyadPoint>> Dyad(const DyadQuery& query) override {
    Result<sqlite3*> db = Db();
    if (!db.ok()) return db.status();
    std::string period;
    if (query.by == "day") period = "pub_date";
    else if (query.by == "week") period = "strftime('%Y-W%W', pub_date)";
    else if (query.by == "month") period = "substr(pub_date, 1, 7)";
    else if (query.by == "year") period = "substr(pub_date, 1, 4)";
    else return Status::InvalidArgument("--by must be day, week, month or year");
    auto bounds = [&](const char* col) {
      std::string out;
      if (!query.from.empty()) out += std::string(" AND ") + col + " >= ?3";
      if (!query.to.empty()) out += std::string(" AND ") + col + " <= ?4";
      return out;
    };
    // The unit counted: an article, or (deduplicated) a cluster of syndicated copies.
    const std::string unit = query.dedup ? "coalesce(a.cluster_id, a.seq)" : "a.seq";
    DyadSeriesBuilder series;
    {
      std::string p2 = period;
      if (size_t pos = p2.find("pub_date"); pos != std::string::npos) p2.replace(pos, 8, "c1.pub_date");
      Statement st(*db, "SELECT " + p2 + " AS period, count(DISTINCT " + unit + "), avg(a.tone)"
                        " FROM article_countries c1 JOIN article_countries c2 ON c2.article = c1.article"
                        " JOIN articles a ON a.seq = c1.article"
                        " WHERE c1.country = ?1 AND c2.country = ?2 AND c1.pub_date IS NOT NULL" +
                        bounds("c1.pub_date") + " GROUP BY period");
      if (!st.valid()) return Status::Internal("dyad: " + st.error());
      st.Bind(1, query.a).Bind(2, query.b);
      if (!query.from.empty()) st.Bind(3, query.from);
      if (!query.to.empty()) st.Bind(4, query.to);
      Status status;
      while (st.Step(&status)) {
        series.SetArticles(std::string(st.Text(0)), static_cast<uint64_t>(st.Int(1)), st.Double(2));
      }
      if (!status.ok()) return status;
    }
    {
      std::string p2 = period;
      if (size_t pos = p2.find("pub_date"); pos != std::string::npos) p2.replace(pos, 8, "e.pub_date");
      const std::string count_unit = query.dedup ? "DISTINCT coalesce(a.cluster_id, a.seq) || '/' || e.code" : "*";
      Statement st(*db, "SELECT " + p2 + " AS period, e.quad_class, count(" + count_unit + "), sum(e.goldstein), count(*)"
                        " FROM events e" + std::string(query.dedup ? " JOIN articles a ON a.seq = e.article" : "") +
                        " WHERE ((e.source_country = ?1 AND e.target_country = ?2) OR"
                        " (e.source_country = ?2 AND e.target_country = ?1)) AND e.negated = 0 AND e.pub_date IS NOT NULL" +
                        bounds("e.pub_date") + " GROUP BY period, e.quad_class");
      if (!st.valid()) return Status::Internal("dyad: " + st.error());
      st.Bind(1, query.a).Bind(2, query.b);
      if (!query.from.empty()) st.Bind(3, query.from);
      if (!query.to.empty()) st.Bind(4, query.to);
      Status status;
      while (st.Step(&status)) {
        series.AddEvents(std::string(st.Text(0)), st.Int(1), static_cast<uint64_t>(st.Int(2)), st.Double(3),
                         static_cast<uint64_t>(st.Int(4)));
      }
      if (!status.ok()) return status;
    }
    return series.Points();
  }

  Result<std::vector<NetworkEdge>> Network(const std::string& from, const std::string& to, uint32_t limit) override {
    Result<sqlite3*> db = Db();
    if (!db.ok()) return db.status();
    std::string bounds;
    if (!from.empty()) bounds += " AND c1.pub_date >= ?1";
    if (!to.empty()) bounds += " AND c1.pub_date <= ?2";
    Statement st(*db, "SELECT c1.country, c2.country, count(*) FROM article_countries c1"
                      " JOIN article_countries c2 ON c2.article = c1.article AND c2.country > c1.country"
                      " WHERE 1" + bounds + " GROUP BY c1.country, c2.country ORDER BY count(*) DESC, c1.country, c2.country"
                      " LIMIT " + std::to_string(std::clamp<uint32_t>(limit, 1, 100000)));
    if (!st.valid()) return Status::Internal("network: " + st.error());
    if (!from.empty()) st.Bind(1, from);
    if (!to.empty()) st.Bind(2, to);
    std::vector<NetworkEdge> edges;
    Status status;
    while (st.Step(&status)) {
      edges.push_back({std::string(st.Text(0)), std::string(st.Text(1)), static_cast<uint64_t>(st.Int(2)), 0});
    }
    if (!status.ok()) return status;
    Statement ev(*db, "SELECT min(source_country, target_country), max(source_country, target_country), count(*)"
                      " FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL"
                      " AND source_country != target_country AND negated = 0 GROUP BY 1, 2");
    std::map<std::pair<std::string, std::string>, uint64_t> event_counts;
    while (ev.valid() && ev.Step(&status)) {
      event_counts[{std::string(ev.Text(0)), std::string(ev.Text(1))}] = static_cast<uint64_t>(ev.Int(2));
    }
    for (NetworkEdge& e : edges) {
      auto it = event_counts.find({e.a, e.b});
      if (it != event_counts.end()) e.events = it->second;
    }
    return edges;
  }

  Result<Stats> GetStats() override {
    Result<sqlite3*> db = Db();
    if (!db.ok()) return db.status();
    Stats stats;
    auto scalar = [&](const char* sql) -> uint64_t {
      Statement st(*db, sql);
      return st.valid() && st.Step() ? static_cast<uint64_t>(st.Int(0)) : 0;
    };
    stats.articles = scalar("SELECT count(*) FROM articles");
    stats.sources = scalar("SELECT count(DISTINCT source) FROM articles");
    stats.entities = scalar("SELECT count(*) FROM (SELECT DISTINCT canonical, type FROM entities)");
    stats.mentions = scalar("SELECT count(*) FROM mentions");
    stats.places = scalar("SELECT count(*) FROM place_mentions");
    stats.quotes = scalar("SELECT count(*) FROM quotes");
    stats.events = scalar("SELECT count(*) FROM events");
    stats.clusters = scalar("SELECT count(DISTINCT coalesce(cluster_id, seq)) FROM articles");
    {
      Statement st(*db, "SELECT min(pub_date), max(pub_date) FROM articles");
      if (st.valid() && st.Step()) {
        stats.first_date = st.Text(0);
        stats.last_date = st.Text(1);
      }
    }
    auto top = [&](const char* sql, std::vector<std::pair<std::string, uint64_t>>& out) {
      Statement st(*db, sql);
      while (st.valid() && st.Step()) out.emplace_back(std::string(st.Text(0)), static_cast<uint64_t>(st.Int(1)));
    };
    top("SELECT source, count(*) FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY 2 DESC, 1 LIMIT 10",
        stats.top_sources);
    top("SELECT canonical || ' (' || type || ')', count(DISTINCT article) FROM entities WHERE type IN ('PERSON', 'ORG')"
        " GROUP BY canonical, type ORDER BY 2 DESC, 1 LIMIT 10",
        stats.top_entities);
    top("SELECT country, count(*) FROM article_countries GROUP BY country ORDER BY 2 DESC, 1 LIMIT 10",
        stats.top_countries);
    top("SELECT theme, count(*) FROM themes GROUP BY theme ORDER BY 2 DESC, 1 LIMIT 10", stats.top_themes);
    return stats;
  }

  Result<std::vector<SourceRow>> Sources() override {
    Result<sqlite3*> db = Db();
    if (!db.ok()) return db.status();
    std::vector<SourceRow> rows;
    {
      Statement has(*db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fetch_log'");
      if (!has.valid() || !has.Step()) return rows;  // nothing fetched into this store
    }
    Statement st(*db, kSourceSummarySql);
    if (!st.valid()) return Status::IoError("fetch_log: " + st.error());
    Status status;
    while (st.Step(&status)) {
      SourceRow r;
      r.name = std::string(st.Text(0));
      r.last_success = std::string(st.Text(1));
      r.last_failure = std::string(st.Text(2));
      r.fetches = static_cast<uint64_t>(st.Int(3));
      r.failures = static_cast<uint64_t>(st.Int(4));
      r.articles = static_cast<uint64_t>(st.Int(5));
      r.last_error = std::string(st.Text(6));
      rows.push_back(std::move(r));
    }
    if (!status.ok()) return status;
    return rows;
  }

 private:
  void AddArticleFilters(const ArticleFilter& f, Where& where) {
    if (!f.from.empty()) where.Add("a.pub_date >= ?", f.from);
    if (!f.to.empty()) where.Add("a.pub_date <= ?", f.to);
    if (!f.source.empty()) where.Add("a.source = ?", f.source);
    if (!f.language.empty()) where.Add("a.language = ?", f.language);
    if (!f.country.empty()) where.Add("a.seq IN (SELECT article FROM article_countries WHERE country = ?)", f.country);
    if (!f.entity.empty()) where.Add("a.seq IN (SELECT article FROM entities WHERE canonical = ?)", f.entity);
    if (!f.theme.empty()) where.Add("a.seq IN (SELECT article FROM themes WHERE theme = ?)", f.theme);
  }

  // One read-only connection per thread.
  Result<sqlite3*> Db() {
    std::lock_guard<std::mutex> lock(mu_);
    const auto tid = std::this_thread::get_id();
    auto it = connections_.find(tid);
    if (it != connections_.end()) return it->second;
    Result<sqlite3*> db = OpenDatabase(path_, true);
    if (!db.ok()) return db.status();
    // Interrupt queries past the calling thread's deadline (query_deadline.h):
    // the server gives each request a time budget.
    sqlite3_progress_handler(*db, 1000, [](void*) -> int { return QueryDeadlinePassed() ? 1 : 0; }, nullptr);
    connections_.emplace(tid, *db);
    return *db;
  }

  std::string path_;
  std::mutex mu_;
  std::map<std::thread::id, sqlite3*> connections_;
};

}  // namespace

Result<std::unique_ptr<QueryEngine>> OpenSqliteQueryEngine(const std::string& path) {
  if (FILE* f = std::fopen(path.c_str(), "rb"); f != nullptr) {
    std::fclose(f);
  } else {
    return Status::NotFound(path + ": no such database (run `ties ingest` first, or pass --db)");
  }
  auto engine = std::make_unique<SqliteQueryEngine>(path);
  TIES_RETURN_IF_ERROR(engine->Check());
  return std::unique_ptr<QueryEngine>(std::move(engine));
}

}  // namespace ties
