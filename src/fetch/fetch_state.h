// fetch_state.h: what the fetcher remembers between runs, in the SQLite database.
//
// Tables (docs/fetch.md, docs/storage.md):
//   fetch_log(seq, url, source, kind, time, status, bytes, article_id, error, warc)
//     one row per URL handled: fetched, answered 304, refused by robots.txt, failed;
//   url_state(url PRIMARY KEY, etag, last_modified, changed, status, article_id, fetched_at)
//     the validators for conditional GET and what became of each URL.
// A batch of rows is committed in one transaction, after the articles it
// names are committed by the Store, so a crash between the two at worst
// fetches a URL again (and the store's idempotent Put keeps one copy).
//
// Thread-safety: one FetchState per thread.
#ifndef TIES_FETCH_FETCH_STATE_H_
#define TIES_FETCH_FETCH_STATE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ties/status.h"

struct sqlite3;

namespace ties {

struct UrlState {
  bool known = false;
  std::string etag, last_modified;
  std::string changed;     // the source's change date for it when last fetched (feed/sitemap)
  int status = 0;
  std::string article_id;  // set when the page was stored as an article
};

struct FetchLogRow {
  std::string url, source, kind;  // kind: robots, feed, sitemap, page
  std::string time;               // ISO 8601 UTC
  int status = 0;                 // HTTP status; 0 when none (transport error, robots refusal)
  uint64_t bytes = 0;
  std::string article_id, error, warc;
};

struct UrlStateUpdate {
  std::string url;
  UrlState state;
};

struct SourceSummary {
  std::string name;
  std::string last_success, last_failure, last_error;
  uint64_t fetches = 0, failures = 0, articles = 0;
};

class FetchState {
 public:
  // Opens (creating the tables in) the SQLite database at `path`. When it is
  // also the Store's database, open the Store first: it refuses a file that
  // has tables but no ties schema.
  static Result<std::unique_ptr<FetchState>> Open(const std::string& path);
  ~FetchState();
  FetchState(const FetchState&) = delete;
  FetchState& operator=(const FetchState&) = delete;

  UrlState Get(const std::string& url);
  // True when the articles table (when there is one) holds this id.
  bool ArticleStored(const std::string& id);
  // Appends `log` and upserts `states` in one transaction.
  Status Commit(const std::vector<FetchLogRow>& log, const std::vector<UrlStateUpdate>& states);
  // Per source: last success and failure, fetches, failures, articles stored.
  Result<std::vector<SourceSummary>> Sources();

 private:
  explicit FetchState(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  bool has_articles_ = false;
};

}  // namespace ties

#endif  // TIES_FETCH_FETCH_STATE_H_
