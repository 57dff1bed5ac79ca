// fetch_bench.cc: `ties fetch` throughput against loopback sites (docs/performance.md, "Fetching").
//
//   build/bench/fetch_bench [--hosts 10] [--pages 100] [--rate 100] [--stages language,segment,fingerprint|default]
//
// Starts HOSTS cpp-httplib sites on 127.0.0.1, each with robots.txt, one RSS
// feed and PAGES article pages, then runs one crawler cycle over the feeds
// into a fresh SQLite database (capture, pipeline, store: the whole fetch
// path), and a second cycle. Prints pages/s, requests, peak RSS, and checks
// the issue-21 targets: every article stored once (0 lost, 0 duplicated), the
// per-host rate held, and the second cycle costing one request per feed.
// Exits 1 when a check fails.
#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "fetch/capture_ingest.h"
#include "fetch/crawler.h"
#include "fetch/loopback_site.h"

using namespace ties;

namespace {

int64_t Count(const std::string& db, const char* sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return v;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t c = s.find(',', i);
    if (c == std::string::npos) c = s.size();
    if (c > i) out.push_back(s.substr(i, c - i));
    i = c + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int hosts = 10, pages = 100;
  double rate = 100;
  std::string stages = "language,segment,fingerprint";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--hosts") hosts = std::atoi(argv[i + 1]);
    else if (flag == "--pages") pages = std::atoi(argv[i + 1]);
    else if (flag == "--rate") rate = std::atof(argv[i + 1]);
    else if (flag == "--stages") stages = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: fetch_bench [--hosts N] [--pages N] [--rate R] [--stages a,b|default]\n");
      return 2;
    }
  }
  const std::string dir = std::filesystem::temp_directory_path().string() + "/ties_fetch_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/ties.db";

  std::vector<std::unique_ptr<LoopbackSite>> sites;
  std::vector<CrawlSource> sources;
  for (int h = 0; h < hosts; ++h) {
    auto site = std::make_unique<LoopbackSite>();
    site->Serve("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain");
    std::vector<std::string> links;
    for (int p = 0; p < pages; ++p) {
      const std::string path = "/news/" + std::to_string(p);
      site->Serve(path, ArticleHtml("Host " + std::to_string(h) + " story " + std::to_string(p), h * 100000 + p), "text/html");
      links.push_back(site->Url(path));
    }
    links.push_back(site->Url("/private/never"));
    site->Serve("/feed.xml", RssFeed(links), "application/rss+xml", "\"v1\"");
    sources.push_back(CrawlSource{"host" + std::to_string(h), {site->Url("/feed.xml")}, 60});
    sites.push_back(std::move(site));
  }

  const char* data_dir = std::getenv("TIES_DATA_DIR");
  const std::string data = data_dir != nullptr ? data_dir : TIES_BENCH_SOURCE_DIR "/data";
  Result<Pipeline> pipeline = Pipeline::Create(stages == "default" ? DefaultStageNames() : Split(stages), StageOptions{data});
  if (!pipeline.ok()) return std::fprintf(stderr, "%s\n", pipeline.status().ToString().c_str()), 3;
  Result<std::unique_ptr<Store>> store = OpenStore(db);
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 3;
  Result<std::unique_ptr<FetchState>> state = FetchState::Open(db);
  if (!state.ok()) return 3;
  Result<UrlRules> rules = UrlRules::Load(data);
  if (!rules.ok()) return 3;
  RunOptions run;
  run.batch_size = 64;
  uint64_t record_errors = 0;
  PipelineIngester ingester(*pipeline, **store, run, [&](const Status& e) {
    ++record_errors;
    std::fprintf(stderr, "%s\n", e.message().c_str());
  });
  CrawlOptions options;
  options.http.user_agent = "ties-bench/1.0";
  options.http.per_host_rate = rate;
  options.http.per_host_connections = 2;
  options.http.max_connections = 16;
  options.capture_dir = dir + "/capture";
  Result<std::unique_ptr<Crawler>> crawler = Crawler::Create(options, std::move(*rules), **state, ingester);
  if (!crawler.ok()) return 3;

  const auto start = std::chrono::steady_clock::now();
  CycleStats first;
  Status s = (*crawler)->RunCycle(sources, &first);
  if (s.ok()) s = (*store)->Flush();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok()) return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 3;
  CycleStats second;
  s = (*crawler)->RunCycle(sources, &second);
  if (!s.ok()) return 3;

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const int64_t stored = Count(db, "SELECT COUNT(*) FROM articles");
  const int64_t distinct = Count(db, "SELECT COUNT(DISTINCT id) FROM articles");
  size_t private_hits = 0;
  double min_gap_ms = 1e9;
  for (const auto& site : sites) {
    const auto hits = site->hits();
    private_hits += site->HitCount("/private/never");
    // The rate spaces request starts; arrivals jitter by a few ms (a new
    // connection's handshake), so the rate is checked over runs of 10 requests.
    for (size_t i = 10; i < hits.size(); ++i) {
      min_gap_ms = std::min(min_gap_ms, std::chrono::duration<double, std::milli>(hits[i].at - hits[i - 10].at).count() / 10);
    }
  }
  const int64_t expected = static_cast<int64_t>(hosts) * pages;
  std::printf("hosts %d, pages %d per host, rate %.0f/s per host, stages %s\n", hosts, pages, rate, stages.c_str());
  std::printf("first cycle: %llu requests, %llu pages in %.2f s = %.0f pages/s; peak RSS %.0f MB\n",
              static_cast<unsigned long long>(first.requests), static_cast<unsigned long long>(first.pages), secs,
              static_cast<double>(first.pages) / secs, static_cast<double>(usage.ru_maxrss) / 1024.0);
  std::printf("stored %lld (distinct %lld, expected %lld), record errors %llu, robots-disallowed requests %zu\n",
              static_cast<long long>(stored), static_cast<long long>(distinct), static_cast<long long>(expected),
              static_cast<unsigned long long>(record_errors), private_hits);
  std::printf("smallest mean gap over 10 consecutive requests to one host: %.1f ms (rate spacing %.1f ms)\n", min_gap_ms,
              1000.0 / rate);
  std::printf("second cycle: %llu requests (%llu not modified)\n", static_cast<unsigned long long>(second.requests),
              static_cast<unsigned long long>(second.not_modified));
  bool ok = stored == expected && distinct == expected && private_hits == 0 &&
            second.requests == static_cast<uint64_t>(hosts) && min_gap_ms >= 0.9 * 1000.0 / rate;
  std::printf("%s\n", ok ? "checks: OK" : "checks: FAILED");
  std::filesystem::remove_all(dir);
  return ok ? 0 : 1;
}
