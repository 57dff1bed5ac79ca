// fetch_command.cc: `ties fetch`, `ties watch`, `ties sources` (docs/fetch.md).
//
// Exit codes as for ingest (docs/cli.md): 0 all URLs fetched; 1 some URLs
// failed (each logged, the rest fetched and stored); 2 usage; 3 fatal (database,
// capture directory, sources file).
#include "cli/fetch_command.h"

#include <unistd.h>

#include <atomic>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fmt/core.h>
#include <thread>

#include "cli/output.h"
#include "common/json_writer.h"
#include "common/text_util.h"
#include "fetch/capture_ingest.h"
#include "fetch/crawler.h"
#include "fetch/fetch_state.h"
#include "fetch/sources.h"
#include "fetch/url_canon.h"
#include "ties/pipeline.h"
#include "ties/store.h"

namespace ties {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

void InstallStopHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int Fail(const Status& s) {
  std::fprintf(stderr, "ties: error: %s\n", s.message().c_str());
  return s.code() == StatusCode::kInvalidArgument ? 2 : 3;
}

std::vector<std::string> SplitStages(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t comma = s.find(',', i);
    if (comma == std::string::npos) comma = s.size();
    std::string item(TrimAscii(std::string_view(s).substr(i, comma - i)));
    if (!item.empty()) out.push_back(item);
    i = comma + 1;
  }
  return out;
}

// One line per fetch; on a terminal a single progress line instead.
class FetchLog {
 public:
  explicit FetchLog(bool quiet) : quiet_(quiet), tty_(isatty(2) != 0) {}
  void Line(const std::string& line) {
    if (quiet_) return;
    ++lines_;
    if (tty_) {
      std::fprintf(stderr, "\r%llu fetched | %s\033[K", static_cast<unsigned long long>(lines_), line.substr(0, 100).c_str());
      dirty_ = true;
    } else {
      std::fprintf(stderr, "fetch: %s\n", line.c_str());
    }
  }
  // A summary line: kept even on a terminal, left out with --quiet.
  void Summary(const std::string& line) {
    if (!quiet_) Message(line);
  }
  void Message(const std::string& line) {
    if (dirty_) std::fputs("\r\033[K", stderr);
    dirty_ = false;
    std::fprintf(stderr, "%s\n", line.c_str());
  }

 private:
  bool quiet_, tty_;
  bool dirty_ = false;
  unsigned long long lines_ = 0;
};

std::string Summary(const CycleStats& s) {
  return fmt::format("{} requests, {} pages, {} stored, {} not modified, {} already stored, {} refused by robots.txt, "
                     "{} failed",
                     s.requests, s.pages, s.stored, s.not_modified, s.known, s.robots_refused, s.failures);
}

}  // namespace

FetchCommands::FetchCommands(CLI::App& app, const std::function<void(CLI::App*)>& add_db) {
  fetch_ = app.add_subcommand("fetch", "Fetch pages, RSS/Atom feeds and sitemaps over HTTP, capture them as WARC and store the articles");
  add_db(fetch_);
  fetch_->add_option("urls", flags_.urls, "Feed, sitemap or page URLs");
  fetch_->add_option("--sources", flags_.sources_file, "Sources file (TOML, docs/fetch.md)");
  AddCrawlFlags(fetch_);

  watch_ = app.add_subcommand("watch", "Poll the sources of a sources file, each on its own interval, until stopped");
  add_db(watch_);
  watch_->add_option("--sources", flags_.sources_file, "Sources file (TOML, docs/fetch.md)")->required();
  watch_->add_option("--cycles", flags_.cycles, "Stop after this many polling rounds (default: run until SIGINT/SIGTERM)");
  AddCrawlFlags(watch_);

  sources_ = app.add_subcommand("sources", "Each fetched source's last success, last failure, failures and articles");
  add_db(sources_);
  sources_->add_option("--state", flags_.state, "Fetch state database (default: --db)");
  sources_->add_flag("--json", flags_.json, "JSON output");
}

void FetchCommands::AddCrawlFlags(CLI::App* cmd) {
  cmd->add_option("--capture", flags_.capture, "Directory of the WARC capture (default: ./capture)");
  cmd->add_option("--state", flags_.state, "Fetch state database (default: --db; required for clickhouse://)");
  cmd->add_option("--user-agent", flags_.user_agent, "User-Agent, naming you and a contact (robots.txt is read for its first word)");
  cmd->add_option("--rate", flags_.rate, "Requests per second per host (default 2, or the sources file's rate)");
  cmd->add_option("--per-host", flags_.per_host, "Parallel connections per host (default 2)");
  cmd->add_option("--connections", flags_.connections, "Parallel connections in all (default 16)");
  cmd->add_option("--timeout", flags_.timeout_s, "Seconds a response may take in all (default 60)");
  cmd->add_option("--max-bytes", flags_.max_bytes, "Largest response body kept (default 16 MiB)");
  cmd->add_option("--retries", flags_.retries, "Retries of 5xx, 429 and timeouts, with backoff (default 2)");
  cmd->add_option("--max-redirects", flags_.max_redirects, "Redirect hops followed (default 5)");
  cmd->add_option("--segment", flags_.segment, "Pages per capture segment stored at once (default 500)");
  cmd->add_option("--threads", flags_.threads, "Extraction threads (default: number of cores)");
  cmd->add_option("--stages", flags_.stages, "Comma-separated stages to run (default: data/pipeline.cfg)");
  cmd->add_flag("--quiet,-q", flags_.quiet, "No per-fetch log");
}

bool FetchCommands::Run(const std::string& db, int* exit_code) {
  if (*fetch_) *exit_code = RunCrawl(db, false);
  else if (*watch_) *exit_code = RunCrawl(db, true);
  else if (*sources_) *exit_code = RunSources(db);
  else return false;
  return true;
}

int FetchCommands::RunCrawl(const std::string& db, bool watch) {
  std::vector<CrawlSource> sources;
  SourcesFile file;
  if (!flags_.sources_file.empty()) {
    Result<SourcesFile> loaded = LoadSourcesFile(flags_.sources_file);
    if (!loaded.ok()) return Fail(loaded.status());
    file = std::move(*loaded);
    sources = file.sources;
  }
  for (const std::string& url : flags_.urls) sources.push_back(CrawlSource{url, {url}, 900});
  if (sources.empty()) return Fail(Status::InvalidArgument("ties fetch: give URLs or --sources FILE"));
  const std::string state_path = !flags_.state.empty() ? flags_.state : db;
  if (state_path.rfind("clickhouse://", 0) == 0) {
    return Fail(Status::InvalidArgument("--state FILE is needed with a clickhouse:// database (the fetch log is SQLite)"));
  }
  Result<UrlRules> rules = UrlRules::Load(DefaultDataDir());
  if (!rules.ok()) return Fail(rules.status());
  const std::vector<std::string> stage_names = flags_.stages.empty() ? DefaultStageNames() : SplitStages(flags_.stages);
  Result<Pipeline> pipeline = Pipeline::Create(stage_names, StageOptions{DefaultDataDir()});
  if (!pipeline.ok()) return Fail(pipeline.status());
  Result<std::unique_ptr<Store>> store = OpenStore(db);
  if (!store.ok()) return Fail(store.status());
  Result<std::unique_ptr<FetchState>> state = FetchState::Open(state_path);
  if (!state.ok()) return Fail(state.status());

  FetchLog log(flags_.quiet);
  CrawlOptions options;
  options.capture_dir = flags_.capture;
  options.segment_pages = std::max(1u, flags_.segment);
  options.max_redirects = flags_.max_redirects;
  if (!flags_.user_agent.empty()) options.http.user_agent = flags_.user_agent;
  else if (!file.user_agent.empty()) options.http.user_agent = file.user_agent;
  options.http.per_host_rate = flags_.rate > 0 ? flags_.rate : file.rate > 0 ? file.rate : 2.0;
  options.http.per_host_connections = std::max(1u, flags_.per_host);
  options.http.max_connections = std::max(1u, flags_.connections);
  options.http.timeout_ms = static_cast<long>(flags_.timeout_s * 1000);
  options.http.max_bytes = flags_.max_bytes;
  options.http.retries = flags_.retries;
  options.log = [&log](const std::string& line) { log.Line(line); };
  options.stop = &g_stop;
  RunOptions run;
  run.threads = flags_.threads;
  run.batch_size = 64;
  uint64_t record_errors = 0;
  PipelineIngester ingester(*pipeline, **store, run, [&](const Status& error) {
    ++record_errors;
    log.Message("ties: " + error.message());
  });
  Result<std::unique_ptr<Crawler>> crawler = Crawler::Create(options, std::move(*rules), **state, ingester);
  if (!crawler.ok()) return Fail(crawler.status());
  InstallStopHandlers();

  uint64_t failures = 0;
  if (!watch) {
    CycleStats stats;
    Status s = (*crawler)->RunCycle(sources, &stats);
    if (s.ok()) s = (*store)->Flush();
    log.Summary("fetched: " + Summary(stats));
    if (!s.ok()) return Fail(s);
    return stats.failures + record_errors > 0 ? 1 : 0;
  }
  using Clock = std::chrono::steady_clock;
  std::vector<Clock::time_point> due(sources.size(), Clock::now());
  uint32_t rounds = 0;
  while (!g_stop.load()) {
    const auto start = Clock::now();
    std::vector<CrawlSource> now_due;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (due[i] > start) continue;
      now_due.push_back(sources[i]);
      due[i] = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(sources[i].interval_s));
    }
    if (!now_due.empty()) {
      CycleStats stats;
      Status s = (*crawler)->RunCycle(now_due, &stats);
      if (s.ok()) s = (*store)->Flush();
      if (!s.ok()) return Fail(s);
      failures += stats.failures;
      log.Summary(fmt::format("watch: {} sources: {}", now_due.size(), Summary(stats)));
      if (flags_.cycles > 0 && ++rounds >= flags_.cycles) break;
    }
    const auto next = *std::min_element(due.begin(), due.end());
    while (!g_stop.load() && Clock::now() < next) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (g_stop.load()) log.Message("watch: stopped");
  return failures + record_errors > 0 ? 1 : 0;
}

int FetchCommands::RunSources(const std::string& db) {
  const std::string state_path = !flags_.state.empty() ? flags_.state : db;
  if (state_path == db) {
    Result<std::unique_ptr<Store>> store = OpenStore(db);  // creates the ties schema before the fetch tables
    if (!store.ok()) return Fail(store.status());
  }
  Result<std::unique_ptr<FetchState>> state = FetchState::Open(state_path);
  if (!state.ok()) return Fail(state.status());
  Result<std::vector<SourceSummary>> list = (*state)->Sources();
  if (!list.ok()) return Fail(list.status());
  if (flags_.json) {
    std::string out;
    JsonWriter w(out, true);
    w.BeginArray();
    for (const SourceSummary& s : *list) {
      w.BeginObject().Field("name", s.name).Field("last_success", s.last_success).Field("last_failure", s.last_failure);
      w.Field("last_error", s.last_error).Field("fetches", s.fetches).Field("failures", s.failures);
      w.Field("articles", s.articles).EndObject();
    }
    w.EndArray();
    std::puts(out.c_str());
    return 0;
  }
  std::vector<Row> rows;
  for (const SourceSummary& s : *list) {
    rows.push_back({s.name, s.last_success, s.last_failure, std::to_string(s.fetches), std::to_string(s.failures),
                    std::to_string(s.articles), s.last_error.substr(0, 80)});
  }
  PrintTable({"source", "last_success", "last_failure", "fetches", "failures", "articles", "last_error"}, rows);
  return 0;
}

}  // namespace ties
