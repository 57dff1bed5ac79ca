// crawler.h: one fetch cycle over news sources: feeds, sitemaps and pages in,
// captured WARC files and stored articles out.
//
// A cycle fetches every source URL (with the ETag/Last-Modified of its last
// answer, so an unchanged feed costs one 304), reads it as an RSS/Atom feed,
// an XML or text sitemap (indexes followed up to `max_sitemap_depth`) or an
// HTML page, and fetches the entries' pages. Before the first request to a
// host its robots.txt is read (kept `robots_ttl_s`); disallowed URLs are
// logged and never requested, and its Crawl-delay spaces the host's requests.
// Every URL is canonicalised (url_canon.h) and fetched at most once per cycle;
// a page already stored is not fetched again unless its feed or sitemap
// gives it a new date, and then conditionally. Redirects are followed by the
// crawler, `max_redirects` hops at most, each hop checked against robots.txt
// and captured.
//
// Every HTTP response goes to the capture (warc_writer.h). After
// `segment_pages` pages (or at the end, or when stopped) the capture file is
// closed and handed to the ArticleIngester, which reads it exactly as
// `ties ingest FILE.warc.gz` does and stores the articles; then the segment's
// fetch_log rows and URL states are committed. A source's own validators are
// committed only when a cycle ran to its end, so a killed or stopped cycle
// re-reads its feeds next time instead of losing their entries.
//
// Thread-safety: one crawler per thread.
#ifndef TIES_FETCH_CRAWLER_H_
#define TIES_FETCH_CRAWLER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "fetch/fetch_state.h"
#include "fetch/http_fetcher.h"
#include "fetch/url_canon.h"
#include "ties/status.h"

namespace ties {

struct CrawlSource {
  std::string name;
  std::vector<std::string> urls;  // feeds, sitemaps or pages (told apart by content)
  double interval_s = 900;        // ties watch: seconds between cycles of this source
};

// What storing a closed capture file gave.
struct IngestResult {
  std::set<std::string> stored_ids;  // stored now or already stored unchanged
  uint64_t inserted = 0, replaced = 0, unchanged = 0, errors = 0;
};

// Stores the articles of a closed capture file (capture_ingest.h).
class ArticleIngester {
 public:
  virtual ~ArticleIngester() = default;
  virtual Result<IngestResult> IngestWarc(const std::string& path) = 0;
};

struct CrawlOptions {
  FetcherOptions http;
  std::string capture_dir = "capture";
  uint64_t warc_max_bytes = 1ull << 30;
  uint32_t segment_pages = 500;
  uint32_t max_redirects = 5;
  uint32_t max_sitemap_depth = 3;
  uint32_t max_entries_per_source = 10000;  // feed items / sitemap entries read from one document
  double robots_ttl_s = 86400;
  // One line per fetch ("200 page http://... 5123 B"); null = silent.
  std::function<void(const std::string&)> log;
  // Set (e.g. by a signal handler) to finish the requests in flight, store them and stop.
  const std::atomic<bool>* stop = nullptr;
};

struct CycleStats {
  uint64_t requests = 0;        // HTTP requests made (retries and robots.txt included)
  uint64_t pages = 0;           // pages fetched (200)
  uint64_t not_modified = 0;    // 304 answers
  uint64_t known = 0;           // entries skipped as already stored
  uint64_t robots_refused = 0;  // URLs robots.txt disallowed (never requested)
  uint64_t failures = 0;        // URLs that failed (logged in fetch_log with their error)
  uint64_t stored = 0;          // articles inserted or replaced
  std::vector<std::string> warc_files;  // capture files closed in this cycle
};

class Crawler {
 public:
  static Result<std::unique_ptr<Crawler>> Create(const CrawlOptions& options, UrlRules rules, FetchState& state,
                                                 ArticleIngester& ingester);
  ~Crawler();
  // Runs one cycle over `sources`. Failures of URLs are counted and logged;
  // only capture, store and state errors end the cycle with a non-OK Status.
  Status RunCycle(const std::vector<CrawlSource>& sources, CycleStats* stats);

 private:
  class Impl;
  explicit Crawler(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ties

#endif  // TIES_FETCH_CRAWLER_H_
