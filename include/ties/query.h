// query.h: the questions users ask of a store, answered the same way by every backend.
//
// Results are plain structs; the CLI prints them as tables, JSON or CSV, and the
// HTTP API serialises them. Lists are paged with an opaque cursor, never capped
// silently: `next_cursor` is empty only when the list is complete.
#ifndef TIES_QUERY_H_
#define TIES_QUERY_H_

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties {

struct Page {
  uint32_t limit = 20;
  std::string cursor;  // from a previous result's next_cursor; empty = first page
};

struct ArticleFilter {
  std::string query;    // FTS5 query over title and text; empty = all
  std::string from, to; // publication date bounds, "YYYY-MM-DD", inclusive
  std::string source;
  std::string language; // the article's language code ("ru", "zh"); empty = all
  std::string country;  // ISO3 of a country mentioned
  std::string entity;   // canonical entity name mentioned
  std::string theme;
};

struct ArticleHit {
  std::string id, title, source, published, url, snippet;
  double rank = 0;
};

struct ArticleList {
  std::vector<ArticleHit> items;
  std::string next_cursor;
  uint64_t total = 0;
};

struct QuoteFilter {
  std::string speaker;   // substring of the speaker's canonical name
  std::string country;   // speaker's country, ISO3
  std::string query;     // FTS5 over quote text
  std::string kind;      // "direct" | "indirect" | "mixed" | ""
  std::string article;   // article id
  std::string language;  // the article's language code ("ru", "zh"); empty = all
  std::string from, to;
  bool dedup = false;    // one row per quote text per cluster of syndicated copies
};

struct QuoteRow {
  std::string article_id, published, url, kind, text, speaker, speaker_country, speaker_role,
      speaker_mention, cue;
  int64_t start = 0, end = 0;
};

struct QuoteList {
  std::vector<QuoteRow> items;
  std::string next_cursor;
};

struct EntityFilter {
  std::string type;     // PERSON | ORG | LOC | NORP | ""
  std::string country;
  std::string name;     // substring
  std::string language; // only mentions in articles of this language code; empty = all
  bool dedup = false;   // count clusters of syndicated copies, not articles
};

struct EntityRow {
  std::string canonical, type, country, role;
  uint64_t articles = 0, mentions = 0;
};

struct EntityList {
  std::vector<EntityRow> items;
  std::string next_cursor;
};

struct DyadQuery {
  std::string a, b;      // ISO3
  std::string by = "month";  // day | week | month
  std::string from, to;
  bool dedup = false;    // count each cluster of syndicated copies once
};

// A mean as both query engines report it: rounded to 12 significant digits, so that SQLite and a
// ClickHouse cluster, which sum the same values in different orders, give the same bytes.
inline double RoundMean(double x) {
  if (!std::isfinite(x) || x == 0) return x;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", x);
  return std::strtod(buf, nullptr);
}

struct DyadPoint {
  std::string period;
  uint64_t articles = 0;
  uint64_t events = 0;
  uint64_t quad[4] = {0, 0, 0, 0};  // verbal coop, material coop, verbal conflict, material conflict
  double mean_goldstein = 0;
  double mean_tone = 0;
};

struct NetworkEdge {
  std::string a, b;
  uint64_t articles = 0;
  uint64_t events = 0;
};

// One source of `ties fetch`/`watch`, from the fetch log (docs/fetch.md).
struct SourceRow {
  std::string name, last_success, last_failure, last_error;
  uint64_t fetches = 0, failures = 0, articles = 0;
};

struct Stats {
  uint64_t articles = 0, sources = 0, entities = 0, mentions = 0, places = 0, quotes = 0,
           events = 0, clusters = 0;
  std::string first_date, last_date;
  std::vector<std::pair<std::string, uint64_t>> top_sources, top_entities, top_countries,
      top_themes;
};

// Read-only view of a store. Thread-safe: one QueryEngine may serve many threads.
class QueryEngine {
 public:
  virtual ~QueryEngine() = default;
  virtual Result<ArticleList> SearchArticles(const ArticleFilter& filter, const Page& page) = 0;
  // The stored record of one article as JSON (docs/record.md), with text.
  virtual Result<std::string> ArticleJson(const std::string& id) = 0;
  virtual Result<QuoteList> Quotes(const QuoteFilter& filter, const Page& page) = 0;
  virtual Result<EntityList> Entities(const EntityFilter& filter, const Page& page) = 0;
  virtual Result<std::vector<DyadPoint>> Dyad(const DyadQuery& query) = 0;
  virtual Result<std::vector<NetworkEdge>> Network(const std::string& from, const std::string& to,
                                                   uint32_t limit) = 0;
  virtual Result<Stats> GetStats() = 0;
  // Per-source summary of the fetch log, by name; empty when nothing was
  // fetched into this store (or the backend keeps no fetch log).
  virtual Result<std::vector<SourceRow>> Sources() { return std::vector<SourceRow>{}; }
  // Calls `fn` with every stored article matching `filter` (query, dates,
  // source, country, entity, theme), rebuilt as a Document with all its
  // annotations, in publication order. Stops at the first non-OK Status from
  // `fn` and returns it. For exports.
  virtual Status ForEachDocument(const ArticleFilter& filter,
                                 const std::function<Status(const Document& doc)>& fn) {
    return Status::InvalidArgument("this store cannot export documents yet");
  }
};

// Opens a read-only query engine over a store location (see OpenStore).
Result<std::unique_ptr<QueryEngine>> OpenQueryEngine(const std::string& location);

}  // namespace ties

#endif  // TIES_QUERY_H_
