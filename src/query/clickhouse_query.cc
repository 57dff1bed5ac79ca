// clickhouse_query.cc: QueryEngine over the ClickHouse schema (schema.cc).
//
// Each method is the SQLite engine's query (src/query/sqlite_query.cc) restated
// for ClickHouse, keeping its filters, counts and order:
//  - SQLite's NULLs are '' here; a date bound excludes rows without a date,
//    as a comparison with NULL does in SQLite;
//  - SQLite breaks ties by insertion order (seq, qid); here by the input
//    position (origin path, line) and the index within the article, which is
//    the order one `ties ingest` run inserts in;
//  - full-text search is a scan with regular expressions (see clickhouse_util.h);
//  - the cluster of an article (--dedup, stats) comes from clusters_local, the
//    full map of non-trivial clusters that `ties dedup` keeps on every shard
//    (clickhouse_dedup.h), joined on each shard to its own rows (Clustered());
//    an article without a row there is alone in its cluster.
#include "query/clickhouse_query.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "common/text_util.h"
#include "query/dyad_series.h"
#include "store/clickhouse/clickhouse_client.h"
#include "store/clickhouse/clickhouse_documents.h"
#include "store/clickhouse/clickhouse_util.h"
#include "ties/record.h"

namespace ties {

namespace ch = clickhouse;

namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string MakeCursor(uint64_t offset) { return "o" + std::to_string(offset); }
uint64_t ParseCursor(const std::string& cursor) {
  if (cursor.size() < 2 || cursor[0] != 'o') return 0;
  return std::strtoull(cursor.c_str() + 1, nullptr, 10);
}

using ch::ToDouble;
using ch::ToInt;
using ch::ToUint;

std::string And(const std::vector<std::string>& clauses, const char* lead = " WHERE ") {
  if (clauses.empty()) return "";
  std::string out = lead;
  for (size_t i = 0; i < clauses.size(); ++i) out += (i ? " AND " : "") + clauses[i];
  return out;
}

// Date bounds on a "YYYY-MM-DD" String column; rows without a date never pass.
void AddBounds(const std::string& column, const std::string& from, const std::string& to,
               std::vector<std::string>& where) {
  if (from.empty() && to.empty()) return;
  where.push_back(column + " != ''");
  if (!from.empty()) where.push_back(column + " >= " + ch::Quote(from));
  if (!to.empty()) where.push_back(column + " <= " + ch::Quote(to));
}

class ClickHouseQueryEngine : public QueryEngine {
 public:
  explicit ClickHouseQueryEngine(ch::Location location) : location_(std::move(location)) {}

  Status Init() {
    Result<Rows> tables = Select("SELECT name, engine FROM system.tables WHERE database = " +
                                 ch::Quote(location_.database) + " FORMAT TabSeparated", false);
    if (!tables.ok()) return tables.status();
    std::set<std::string> local, distributed;
    for (const auto& row : *tables) {
      if (row.size() < 2) continue;
      if (row[1] == "Distributed") distributed.insert(row[0]);
      else local.insert(row[0]);
    }
    if (!local.count("articles_local") && !distributed.count("articles")) {
      return Status::NotFound("database '" + location_.database + "' on " + location_.host + ":" +
                              std::to_string(location_.port) + " holds no ties tables (run `ties ingest --db ...` first)");
    }
    distributed_ = distributed.count("articles") > 0;
    Result<Rows> cols = Select("SELECT count() FROM system.columns WHERE database = " + ch::Quote(location_.database) +
                               " AND table = 'articles_local' AND name = 'fingerprinted' FORMAT TabSeparated", false);
    if (!cols.ok()) return cols.status();
    if (cols->empty() || (*cols)[0].empty() || (*cols)[0][0] == "0" || !local.count("clusters_local")) {
      return Status::InvalidArgument("database '" + location_.database + "' on " + location_.host + ":" +
                                     std::to_string(location_.port) +
                                     " has schema 1: run `ties dedup --db URL` with each shard's URL once to migrate"
                                     " it to schema 2 (docs/scale.md)");
    }
    return Status::Ok();
  }

  Result<ArticleList> SearchArticles(const ArticleFilter& filter, const Page& page) override {
    std::vector<std::string> where;
    AddArticleFilters(filter, where);
    const uint64_t offset = ParseCursor(page.cursor);
    const uint32_t limit = std::clamp<uint32_t>(page.limit, 1, 1000);
    const bool fts = !filter.query.empty();
    const ch::SearchQuery q = ch::ParseSearchQuery(filter.query);
    ArticleList list;
    if (fts && q.empty()) return list;  // nothing searchable (only punctuation or operators)
    std::string score = "0", snippet = "substringUTF8(text, 1, 200)";
    if (fts) {
      where.push_back(ch::MatchSql(q, {"title", "text"}));
      score = ch::ScoreSql(q, {{"title", 5.0}, {"text", 1.0}}, "text");
      snippet = "text";
    }
    const std::string base = " FROM " + T("articles") + And(where);
    // Sorting happens outside the FINAL read: ClickHouse 18.16 fails on ORDER BY of several
    // columns directly over a Distributed table read with FINAL.
    Result<Rows> rows = Select("SELECT id, title, source, published, url, snip, score FROM (SELECT id, title, source,"
                               " published, url, " + snippet + " AS snip, " + score + " AS score, pub_day, origin_path,"
                               " origin_line" + base + ") ORDER BY " + (fts ? "score DESC, " : "") +
                               "pub_day DESC, origin_path DESC, origin_line DESC, id DESC LIMIT " +
                               std::to_string(limit + 1) + " OFFSET " + std::to_string(offset) + " FORMAT TabSeparated");
    if (!rows.ok()) return Status(rows.status().code(), "search: " + rows.status().message());
    for (auto& r : *rows) {
      if (r.size() < 7) continue;
      if (list.items.size() == limit) {
        list.next_cursor = MakeCursor(offset + limit);
        break;
      }
      ArticleHit hit;
      hit.id = std::move(r[0]);
      hit.title = std::move(r[1]);
      hit.source = std::move(r[2]);
      hit.published = std::move(r[3]);
      hit.url = std::move(r[4]);
      hit.snippet = fts ? ch::Snippet(r[5], q) : std::move(r[5]);
      hit.rank = ToDouble(r[6]);
      list.items.push_back(std::move(hit));
    }
    Result<Rows> count = Select("SELECT count()" + base + " FORMAT TabSeparated");
    if (count.ok() && !count->empty() && !(*count)[0].empty()) list.total = ToUint((*count)[0][0]);
    return list;
  }

  Result<std::string> ArticleJson(const std::string& id) override {
    Result<std::vector<Document>> docs = ch::LoadDocuments(Documents(), {id});
    if (!docs.ok()) return docs.status();
    if (docs->empty()) return Status::NotFound("no article with id '" + id + "'");
    std::string out;
    RecordOptions options;
    options.with_text = true;
    WriteRecordJson(docs->front(), options, out);
    return out;
  }

  // In SQLite's export order: publication day, then the order one ingest run stores in.
  Status ForEachDocument(const ArticleFilter& filter,
                         const std::function<Status(const Document& doc)>& fn) override {
    std::vector<std::string> where;
    AddArticleFilters(filter, where);
    const ch::SearchQuery q = ch::ParseSearchQuery(filter.query);
    if (!filter.query.empty()) {
      if (q.empty()) return Status::Ok();
      where.push_back(ch::MatchSql(q, {"title", "text"}));
    }
    Result<Rows> ids = Select("SELECT id FROM (SELECT id, pub_day, origin_path, origin_line FROM " + T("articles") +
                              And(where) + ") ORDER BY pub_day, origin_path, origin_line, id FORMAT TabSeparated");
    if (!ids.ok()) return Status(ids.status().code(), "export: " + ids.status().message());
    constexpr size_t kBatch = 256;  // articles per round of seven queries
    std::vector<std::string> batch;
    for (size_t i = 0; i < ids->size(); i += kBatch) {
      batch.clear();
      for (size_t j = i; j < std::min(ids->size(), i + kBatch); ++j) {
        if (!(*ids)[j].empty()) batch.push_back(std::move((*ids)[j][0]));
      }
      Result<std::vector<Document>> docs = ch::LoadDocuments(Documents(), batch);
      if (!docs.ok()) return Status(docs.status().code(), "export: " + docs.status().message());
      for (const Document& doc : *docs) TIES_RETURN_IF_ERROR(fn(doc));
    }
    return Status::Ok();
  }

  Result<QuoteList> Quotes(const QuoteFilter& filter, const Page& page) override {
    std::vector<std::string> where;
    if (!filter.speaker.empty()) where.push_back("positionCaseInsensitive(speaker, " + ch::Quote(filter.speaker) + ") > 0");
    if (!filter.country.empty()) where.push_back("speaker_country = " + ch::Quote(filter.country));
    if (!filter.kind.empty()) where.push_back("kind = " + ch::Quote(filter.kind));
    if (!filter.article.empty()) where.push_back("article = " + ch::Quote(filter.article));
    if (!filter.language.empty()) {
      where.push_back("article IN (SELECT id FROM " + T("articles") + " WHERE language = " + ch::Quote(filter.language) +
                      ")");
    }
    AddBounds("pub_day", filter.from, filter.to, where);
    if (filter.dedup) {
      // One quote per (cluster, quote text): the one of the smallest article id
      // (then index). GLOBAL: the copies of a cluster live on different shards.
      where.push_back("(article, idx) GLOBAL IN (SELECT tupleElement(m, 1), tupleElement(m, 2) FROM (SELECT"
                      " min((article, idx)) AS m FROM " + T("quotes") + Clustered("article") +
                      " GROUP BY " + ClusterKey("article") + ", text))");
    }
    const ch::SearchQuery q = ch::ParseSearchQuery(filter.query);
    QuoteList list;
    std::string score = "0", order = "pub_day DESC, origin_path DESC, origin_line DESC, article DESC, idx DESC";
    if (!filter.query.empty()) {
      if (q.empty()) return list;
      where.push_back(ch::MatchSql(q, {"text"}));
      score = ch::ScoreSql(q, {{"text", 1.0}}, "text");
      order = "score DESC, " + order;
    }
    const uint64_t offset = ParseCursor(page.cursor);
    const uint32_t limit = std::clamp<uint32_t>(page.limit, 1, 1000);
    const std::string cols =
        "article, published, url, kind, text, speaker, speaker_country, speaker_role, speaker_text, cue, start, end";
    Result<Rows> rows = Select("SELECT " + cols + " FROM (SELECT " + cols + ", pub_day, origin_path, origin_line, idx, " +
                               score + " AS score FROM " + T("quotes") + And(where) + ") ORDER BY " + order +
                               " LIMIT " + std::to_string(limit + 1) + " OFFSET " + std::to_string(offset) +
                               " FORMAT TabSeparated");
    if (!rows.ok()) return Status(rows.status().code(), "quotes: " + rows.status().message());
    for (auto& r : *rows) {
      if (r.size() < 12) continue;
      if (list.items.size() == limit) {
        list.next_cursor = MakeCursor(offset + limit);
        break;
      }
      QuoteRow row;
      row.article_id = std::move(r[0]);
      row.published = std::move(r[1]);
      row.url = std::move(r[2]);
      row.kind = std::move(r[3]);
      row.text = std::move(r[4]);
      row.speaker = std::move(r[5]);
      row.speaker_country = std::move(r[6]);
      row.speaker_role = std::move(r[7]);
      row.speaker_mention = std::move(r[8]);
      row.cue = std::move(r[9]);
      row.start = ToInt(r[10]);
      row.end = ToInt(r[11]);
      list.items.push_back(std::move(row));
    }
    return list;
  }

  Result<EntityList> Entities(const EntityFilter& filter, const Page& page) override {
    std::vector<std::string> where;
    if (!filter.type.empty()) where.push_back("type = " + ch::Quote(filter.type));
    if (!filter.country.empty()) where.push_back("country = " + ch::Quote(filter.country));
    if (!filter.name.empty()) where.push_back("positionCaseInsensitive(canonical, " + ch::Quote(filter.name) + ") > 0");
    if (!filter.language.empty()) {
      where.push_back("article IN (SELECT id FROM " + T("articles") + " WHERE language = " + ch::Quote(filter.language) +
                      ")");
    }
    const uint64_t offset = ParseCursor(page.cursor);
    const uint32_t limit = std::clamp<uint32_t>(page.limit, 1, 1000);
    const std::string unit = filter.dedup ? ClusterKey("article") : "article";
    Result<Rows> rows = Select("SELECT canonical, type, country, max(role), uniqExact(" + unit + ") AS n, sum(mentions) AS m"
                               " FROM " + T("entities") + (filter.dedup ? Clustered("article") : "") + And(where) +
                               " GROUP BY canonical, type, country ORDER BY n DESC, m DESC, canonical, type, country"
                               " LIMIT " + std::to_string(limit + 1) + " OFFSET " + std::to_string(offset) +
                               " FORMAT TabSeparated");
    if (!rows.ok()) return Status(rows.status().code(), "entities: " + rows.status().message());
    EntityList list;
    for (auto& r : *rows) {
      if (r.size() < 6) continue;
      if (list.items.size() == limit) {
        list.next_cursor = MakeCursor(offset + limit);
        break;
      }
      list.items.push_back({std::move(r[0]), std::move(r[1]), std::move(r[2]), std::move(r[3]), ToUint(r[4]), ToUint(r[5])});
    }
    return list;
  }

  Result<std::vector<DyadPoint>> Dyad(const DyadQuery& query) override {
    const std::string period = ch::PeriodSql(query.by);
    const std::string article_period = ch::PeriodSql(query.by, "a_day", "a_date");
    if (period.empty()) return Status::InvalidArgument("--by must be day, week, month or year");
    std::vector<std::string> bounds = {"pub_day != ''"};
    if (!query.from.empty()) bounds.push_back("pub_day >= " + ch::Quote(query.from));
    if (!query.to.empty()) bounds.push_back("pub_day <= " + ch::Quote(query.to));
    const std::string a = ch::Quote(query.a), b = ch::Quote(query.b);
    DyadSeriesBuilder series;
    {
      // Articles mentioning both countries (one article_countries row per article and country).
      std::vector<std::string> where = bounds;
      where.push_back("country IN (" + a + ", " + b + ")");
      // --dedup: clusters of syndicated copies, not articles.
      const std::string count = query.dedup ? "uniqExact(a_cluster)" : "count()";
      Result<Rows> rows = Select(
          "SELECT " + article_period + " AS period, " + count + ", avg(article_tone) FROM (SELECT article,"
          " any(pub_day) AS a_day, any(pub_date) AS a_date, any(tone) AS article_tone, any(" +
          (query.dedup ? ClusterKey("article") : std::string("article")) + ") AS a_cluster FROM " +
          T("article_countries") + (query.dedup ? Clustered("article") : "") + And(where) +
          " GROUP BY article HAVING uniqExact(country) = " + (query.a == query.b ? "1" : "2") +
          ") GROUP BY period FORMAT TabSeparated");
      if (!rows.ok()) return Status(rows.status().code(), "dyad: " + rows.status().message());
      for (auto& r : *rows) {
        if (r.size() < 3) continue;
        series.SetArticles(r[0], ToUint(r[1]), ToDouble(r[2]));
      }
    }
    {
      std::vector<std::string> where = bounds;
      where.push_back("((source_country = " + a + " AND target_country = " + b + ") OR (source_country = " + b +
                      " AND target_country = " + a + "))");
      where.push_back("negated = 0");
      const std::string count_unit = query.dedup ? "uniqExact(" + ClusterKey("article") + ", code)" : "count()";
      Result<Rows> rows = Select("SELECT " + period + " AS period, quad_class, " + count_unit +
                                 ", sum(goldstein), count() FROM " + T("events") +
                                 (query.dedup ? Clustered("article") : "") + And(where) +
                                 " GROUP BY period, quad_class FORMAT TabSeparated");
      if (!rows.ok()) return Status(rows.status().code(), "dyad: " + rows.status().message());
      for (auto& r : *rows) {
        if (r.size() < 5) continue;
        series.AddEvents(r[0], ToInt(r[1]), ToUint(r[2]), ToDouble(r[3]), ToUint(r[4]));
      }
    }
    return series.Points();
  }

  Result<std::vector<NetworkEdge>> Network(const std::string& from, const std::string& to, uint32_t limit) override {
    std::vector<std::string> where;
    AddBounds("pub_day", from, to, where);
    Result<Rows> rows = Select(
        "SELECT a, b, count() AS n FROM (SELECT cs, arrayJoin(cs) AS a FROM (SELECT groupArray(country) AS cs FROM " +
        T("article_countries") + And(where) + " GROUP BY article)) ARRAY JOIN cs AS b WHERE b > a"
        " GROUP BY a, b ORDER BY n DESC, a, b LIMIT " + std::to_string(std::clamp<uint32_t>(limit, 1, 100000)) +
        " FORMAT TabSeparated");
    if (!rows.ok()) return Status(rows.status().code(), "network: " + rows.status().message());
    std::vector<NetworkEdge> edges;
    for (auto& r : *rows) {
      if (r.size() >= 3) edges.push_back({std::move(r[0]), std::move(r[1]), ToUint(r[2]), 0});
    }
    Result<Rows> ev = Select("SELECT if(source_country < target_country, source_country, target_country) AS x,"
                             " if(source_country < target_country, target_country, source_country) AS y,"
                             " count() FROM " + T("events") + " WHERE source_country != '' AND target_country != ''"
                             " AND source_country != target_country AND negated = 0 GROUP BY x, y FORMAT TabSeparated");
    if (!ev.ok()) return Status(ev.status().code(), "network: " + ev.status().message());
    std::map<std::pair<std::string, std::string>, uint64_t> event_counts;
    for (auto& r : *ev) {
      if (r.size() >= 3) event_counts[{r[0], r[1]}] = ToUint(r[2]);
    }
    for (NetworkEdge& e : edges) {
      auto it = event_counts.find({e.a, e.b});
      if (it != event_counts.end()) e.events = it->second;
    }
    return edges;
  }

  Result<Stats> GetStats() override {
    Stats stats;
    Result<Rows> a = Select("SELECT count(), uniqExactIf(source, source != ''), uniqExact(" + ClusterKey("id") + "),"
                            " minIf(pub_day, pub_day != ''), maxIf(pub_day, pub_day != '') FROM " + T("articles") +
                            Clustered("id") + " FORMAT TabSeparated");
    if (!a.ok()) return a.status();
    if (!a->empty() && (*a)[0].size() >= 5) {
      const auto& r = (*a)[0];
      stats.articles = ToUint(r[0]);
      stats.sources = ToUint(r[1]);
      stats.clusters = ToUint(r[2]);
      stats.first_date = r[3];
      stats.last_date = r[4];
    }
    auto scalar = [&](const std::string& sql, uint64_t& out) -> Status {
      Result<Rows> r = Select(sql + " FORMAT TabSeparated");
      if (!r.ok()) return r.status();
      if (!r->empty() && !(*r)[0].empty()) out = ToUint((*r)[0][0]);
      return Status::Ok();
    };
    TIES_RETURN_IF_ERROR(scalar("SELECT uniqExact(canonical, type) FROM " + T("entities"), stats.entities));
    TIES_RETURN_IF_ERROR(scalar("SELECT count() FROM " + T("mentions"), stats.mentions));
    TIES_RETURN_IF_ERROR(scalar("SELECT count() FROM " + T("places"), stats.places));
    TIES_RETURN_IF_ERROR(scalar("SELECT count() FROM " + T("quotes"), stats.quotes));
    TIES_RETURN_IF_ERROR(scalar("SELECT count() FROM " + T("events"), stats.events));
    auto top = [&](const std::string& sql, std::vector<std::pair<std::string, uint64_t>>& out) -> Status {
      Result<Rows> r = Select(sql + " FORMAT TabSeparated");
      if (!r.ok()) return r.status();
      for (auto& row : *r) {
        if (row.size() >= 2) out.emplace_back(std::move(row[0]), ToUint(row[1]));
      }
      return Status::Ok();
    };
    TIES_RETURN_IF_ERROR(top("SELECT source, count() AS n FROM " + T("articles") +
                             " WHERE source != '' GROUP BY source ORDER BY n DESC, source LIMIT 10", stats.top_sources));
    TIES_RETURN_IF_ERROR(top("SELECT concat(canonical, ' (', type, ')') AS name, uniqExact(article) AS n FROM " +
                             T("entities") + " WHERE type IN ('PERSON', 'ORG') GROUP BY canonical, type"
                             " ORDER BY n DESC, name LIMIT 10", stats.top_entities));
    TIES_RETURN_IF_ERROR(top("SELECT country, count() AS n FROM " + T("article_countries") +
                             " GROUP BY country ORDER BY n DESC, country LIMIT 10", stats.top_countries));
    TIES_RETURN_IF_ERROR(top("SELECT theme, count() AS n FROM " + T("themes") +
                             " GROUP BY theme ORDER BY n DESC, theme LIMIT 10", stats.top_themes));
    return stats;
  }

 private:
  // The filters of an article search other than the full-text query.
  void AddArticleFilters(const ArticleFilter& filter, std::vector<std::string>& where) const {
    AddBounds("pub_day", filter.from, filter.to, where);
    if (!filter.source.empty()) where.push_back("source = " + ch::Quote(filter.source));
    if (!filter.language.empty()) where.push_back("language = " + ch::Quote(filter.language));
    if (!filter.country.empty()) {
      where.push_back("id IN (SELECT article FROM " + T("article_countries") + " WHERE country = " +
                      ch::Quote(filter.country) + ")");
    }
    if (!filter.entity.empty()) {
      where.push_back("id IN (SELECT article FROM " + T("entities") + " WHERE canonical = " + ch::Quote(filter.entity) + ")");
    }
    if (!filter.theme.empty()) {
      where.push_back("id IN (SELECT article FROM " + T("themes") + " WHERE theme = " + ch::Quote(filter.theme) + ")");
    }
  }

  ch::DocumentSource Documents() {
    return {[this](const std::string& sql) { return Select(sql); }, [this](const char* name) { return T(name); }};
  }

  // The table to read, deduplicated: "quotes FINAL" (Distributed) or "quotes_local FINAL".
  std::string T(const char* name) const { return std::string(name) + (distributed_ ? "" : "_local") + " FINAL"; }

  // After T(...): joins each row to its article's cluster (`cluster`, '' when
  // the article is alone), on the shard that holds the row (every shard holds
  // the whole map). `key`: the article id column of the table.
  // (Named with its database: shards run the subquery in their default one.)
  std::string Clustered(const std::string& key) const {
    return " ANY LEFT JOIN (SELECT id AS " + key + ", cluster FROM " + location_.database +
           ".clusters_local FINAL) USING " + key;
  }
  // The cluster's name of a row joined by Clustered().
  static std::string ClusterKey(const std::string& key) { return "if(cluster = '', " + key + ", cluster)"; }

  Result<Rows> Select(const std::string& sql, bool use_database = true) {
    ch::Client* client = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto& slot = clients_[std::this_thread::get_id()];
      if (!slot) slot = std::make_unique<ch::Client>(location_);
      client = slot.get();
    }
    Result<std::string> body = client->Query(sql, use_database);
    if (!body.ok()) return body.status();
    return ch::ParseTsv(*body);
  }

  ch::Location location_;
  bool distributed_ = false;
  std::mutex mu_;
  std::map<std::thread::id, std::unique_ptr<ch::Client>> clients_;
};

}  // namespace

Result<std::unique_ptr<QueryEngine>> OpenClickHouseQueryEngine(const std::string& location) {
  Result<ch::Location> loc = ch::ParseLocation(location);
  if (!loc.ok()) return loc.status();
  if (loc->retry_seconds < 0) loc->retry_seconds = 0;  // a query with its server down fails at once
  auto engine = std::make_unique<ClickHouseQueryEngine>(*loc);
  Status s = engine->Init();
  if (!s.ok()) return Status(s.code(), location + ": " + s.message());
  return std::unique_ptr<QueryEngine>(std::move(engine));
}

}  // namespace ties
