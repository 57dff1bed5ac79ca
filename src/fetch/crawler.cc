// crawler.cc: the fetch cycle (see crawler.h).
#include "fetch/crawler.h"

#include <fmt/core.h>

#include <chrono>
#include <deque>
#include <map>
#include <unordered_set>

#include "common/text_util.h"
#include "fetch/robots.h"
#include "fetch/sitemap.h"
#include "fetch/warc_writer.h"
#include "ingest/charset_detect.h"
#include "ingest/feed_reader.h"

namespace ties {

namespace {

enum class Kind { kSource, kSitemap, kPage };

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kSource: return "source";
    case Kind::kSitemap: return "sitemap";
    default: return "page";
  }
}

struct Task {
  std::string url;
  Kind kind = Kind::kPage;
  std::string source;
  std::string changed;  // the feed's or sitemap's date for this entry
  uint32_t redirects = 0;
  uint32_t depth = 0;
};

using Clock = std::chrono::steady_clock;

struct RobotsEntry {
  enum class State { kPending, kReady } state = State::kPending;
  RobotsRules rules;
  std::string error;  // why everything is refused ("" when rules came from robots.txt or its absence)
  Clock::time_point fetched;
  std::vector<Task> waiting;
};

bool IsHtml(const FetchResponse& r) {
  const std::string type = AsciiLower(TrimAscii(std::string_view(r.content_type).substr(0, r.content_type.find(';'))));
  if (type.empty()) return TrimAscii(std::string_view(r.body).substr(0, 256)).substr(0, 1) == "<";
  return type == "text/html" || type == "application/xhtml+xml";
}

}  // namespace

class Crawler::Impl {
 public:
  Impl(const CrawlOptions& options, UrlRules rules, FetchState& state, ArticleIngester& ingester)
      : options_(options), rules_(std::move(rules)), state_(state), ingester_(ingester) {}

  Status Init() {
    Result<std::unique_ptr<HttpFetcher>> fetcher = HttpFetcher::Create(options_.http);
    if (!fetcher.ok()) return fetcher.status();
    fetcher_ = std::move(*fetcher);
    Result<std::unique_ptr<WarcWriter>> writer =
        WarcWriter::Open(options_.capture_dir, "ties", options_.warc_max_bytes, "ties/0.1.0 (libcurl)");
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    fetcher_->set_observer([this](const FetchResponse& r) { Capture(r); });
    return Status::Ok();
  }

  Status RunCycle(const std::vector<CrawlSource>& sources, CycleStats* stats) {
    stats_ = CycleStats();
    seen_.clear();
    ready_.clear();
    source_states_.clear();
    error_ = Status::Ok();
    const uint64_t requests_before = fetcher_->requests_started();
    for (const CrawlSource& source : sources) {
      for (const std::string& url : source.urls) Enqueue(Task{url, Kind::kSource, source.name, "", 0, 0});
    }
    // Everything admitted goes to the fetcher at once: its per-host queues
    // interleave the hosts. It is paused (running requests finish, none
    // start) to close a segment, and on stop.
    bool stopped = false;
    while (error_.ok()) {
      stopped = stopped || (options_.stop != nullptr && options_.stop->load());
      const bool flush_due = pages_in_segment_ >= options_.segment_pages || writer_->Full();
      if (!stopped) {
        for (; !ready_.empty(); ready_.pop_front()) Dispatch(std::move(ready_.front()));
      }
      fetcher_->Pause(stopped || flush_due);
      if (fetcher_->active() == 0 && (flush_due || stopped || fetcher_->pending() == 0)) {
        if (Status s = FlushSegment(); !s.ok()) return Finish(s, stats);
        fetcher_->Pause(false);
        if (stopped) {
          fetcher_->DropQueued();
          break;
        }
        if (fetcher_->pending() == 0 && ready_.empty()) break;
        continue;
      }
      fetcher_->Step(100);
    }
    if (!error_.ok()) return Finish(error_, stats);
    if (Status s = FlushSegment(); !s.ok()) return Finish(s, stats);
    if (!stopped) {
      // The cycle ran to its end: every entry of these feeds and sitemaps is
      // stored or logged, so their validators may be trusted next time.
      if (Status s = state_.Commit({}, source_states_); !s.ok()) return Finish(s, stats);
    }
    ready_.clear();
    stats_.requests = fetcher_->requests_started() - requests_before;
    return Finish(Status::Ok(), stats);
  }

 private:
  Status Finish(Status s, CycleStats* stats) {
    if (!s.ok()) fetcher_->DropQueued();  // a failed cycle leaves nothing queued for the next
    if (stats != nullptr) *stats = stats_;
    return s;
  }

  void Log(const FetchLogRow& row, const std::string& note = "") {
    if (!options_.log) return;
    std::string status = row.status > 0 ? std::to_string(row.status) : "---";
    std::string line = fmt::format("{} {} {} {} B", status, row.kind, row.url, row.bytes);
    if (!row.error.empty()) line += " error: " + row.error;
    if (!note.empty()) line += " " + note;
    options_.log(line);
  }

  void AddRow(FetchLogRow row, const std::string& note = "") {
    row.time = WarcNow();
    if (!row.error.empty() || row.status >= 400) ++stats_.failures;
    Log(row, note);
    pending_rows_.push_back(std::move(row));
  }

  void Fail(const Task& task, std::string error, int status = 0) {
    FetchLogRow row;
    row.url = task.url;
    row.source = task.source;
    row.kind = KindName(task.kind);
    row.status = status;
    row.error = std::move(error);
    AddRow(std::move(row));
  }

  // Canonicalises, deduplicates and routes a task through robots.txt.
  void Enqueue(Task task) {
    Result<std::string> canonical = CanonicalUrl(task.url, rules_);
    if (!canonical.ok()) {
      Fail(task, canonical.status().message());
      return;
    }
    task.url = *canonical;
    if (!seen_.insert(task.url).second) return;
    if (task.kind == Kind::kPage && AlreadyStored(task)) {
      ++stats_.known;
      return;
    }
    const std::string host = HostKey(task.url);
    auto it = robots_.find(host);
    const auto now = Clock::now();
    if (it != robots_.end() && it->second.state == RobotsEntry::State::kReady &&
        now - it->second.fetched > std::chrono::duration<double>(options_.robots_ttl_s)) {
      robots_.erase(it);  // stale: read robots.txt again
      it = robots_.end();
    }
    if (it == robots_.end()) {
      RobotsEntry& entry = robots_[host];
      entry.waiting.push_back(std::move(task));
      FetchRobots(host, OriginOf(entry.waiting.back().url) + "/robots.txt", 0);
      return;
    }
    if (it->second.state == RobotsEntry::State::kPending) {
      it->second.waiting.push_back(std::move(task));
      return;
    }
    Admit(it->second, std::move(task));
  }

  bool AlreadyStored(const Task& task) {
    const UrlState s = state_.Get(task.url);
    if (s.known && (s.status == 200 || s.status == 404 || s.status == 410) &&
        (task.changed.empty() || task.changed == s.changed)) {
      return true;
    }
    if (!s.known && state_.ArticleStored(task.url)) return true;  // stored by a run killed before its log commit
    return false;
  }

  void Admit(const RobotsEntry& robots, Task task) {
    if (!robots.rules.Allowed(PathAndQuery(task.url))) {
      ++stats_.robots_refused;
      Fail(task, robots.error.empty() ? "disallowed by robots.txt" : robots.error);
      return;
    }
    ready_.push_back(std::move(task));
  }

  void FetchRobots(const std::string& host, const std::string& url, uint32_t hops) {
    fetcher_->Add(FetchRequest{url, "", ""}, [this, host, hops](FetchResponse& r) {
      FetchLogRow row;
      row.url = r.url;
      row.kind = "robots";
      row.status = r.status;
      row.bytes = r.body.size();
      row.error = r.error;
      row.warc = writer_->current_path();
      RobotsEntry& entry = robots_[host];
      if (r.error.empty() && r.status >= 300 && r.status < 400 && !r.location.empty() && hops < 5) {
        AddRow(std::move(row));
        FetchRobots(host, r.location, hops + 1);
        return;
      }
      if (!r.error.empty()) {
        entry.rules = RobotsRules::DisallowAll();
        entry.error = "robots.txt unavailable: " + r.error;
      } else if (r.status == 200) {
        entry.rules = RobotsRules::Parse(r.body, options_.http.user_agent);
      } else if (r.status >= 400 && r.status < 500) {
        entry.rules = RobotsRules::AllowAll();
      } else {
        entry.rules = RobotsRules::DisallowAll();
        entry.error = "robots.txt answered " + std::to_string(r.status);
      }
      // The fetch log counts robots.txt failures once, not against every URL.
      if (row.status == 404) row.error.clear();
      row.time = WarcNow();
      Log(row);
      pending_rows_.push_back(std::move(row));
      entry.state = RobotsEntry::State::kReady;
      entry.fetched = Clock::now();
      if (entry.rules.crawl_delay() > 0) fetcher_->SetHostDelay(host, entry.rules.crawl_delay());
      std::vector<Task> waiting = std::move(entry.waiting);
      for (Task& t : waiting) Admit(entry, std::move(t));
    });
  }

  void Dispatch(Task task) {
    FetchRequest request{task.url, "", ""};
    const UrlState s = state_.Get(task.url);
    if (s.known && s.status == 200) {
      request.etag = s.etag;
      request.last_modified = s.last_modified;
    }
    fetcher_->Add(std::move(request), [this, task = std::move(task)](FetchResponse& r) { OnResponse(task, r); });
  }

  void Capture(const FetchResponse& r) {
    if (!error_.ok()) return;
    WarcExchange ex;
    ex.target_uri = r.url;
    ex.date = r.date;
    ex.ip = r.ip;
    ex.request_headers = r.request;
    ex.response_head = StoredResponseHead(r.head, r.body.size());
    ex.body = r.body;
    if (Status s = writer_->Write(ex); !s.ok()) error_ = s;
  }

  void OnResponse(const Task& task, FetchResponse& r) {
    FetchLogRow row;
    row.url = task.url;
    row.source = task.source;
    row.kind = KindName(task.kind);
    row.status = r.status;
    row.bytes = r.body.size();
    row.error = r.error;
    row.warc = writer_->current_path();
    if (!r.error.empty()) return AddRow(std::move(row));
    if (r.status >= 300 && r.status < 400 && r.status != 304) {
      if (r.location.empty()) {
        row.error = "redirect without Location";
      } else if (task.redirects >= options_.max_redirects) {
        row.error = "more than " + std::to_string(options_.max_redirects) + " redirects";
      } else {
        Task next = task;
        next.url = r.location;
        next.redirects++;
        AddRow(std::move(row), "-> " + r.location);
        Enqueue(std::move(next));
        return;
      }
      return AddRow(std::move(row));
    }
    if (r.status == 304) {
      ++stats_.not_modified;
      return AddRow(std::move(row));
    }
    if (r.status != 200) {
      if (task.kind == Kind::kPage) Remember(task, r, /*page=*/true);
      return AddRow(std::move(row));
    }
    if (task.kind == Kind::kPage) return Page(task, r, std::move(row));
    // A source or sitemap: what is it?
    std::string xml;
    if (LooksLikeFeed(r.body) || LooksLikeSitemap(r.body)) {
      Status s = ConvertToUtf8(r.body, CharsetFromMarkup(r.body), xml);
      if (s.ok()) s = LooksLikeSitemap(xml) ? FollowSitemap(task, xml) : FollowFeed(task, r.url, xml);
      if (!s.ok()) row.error = s.message();
      else Remember(task, r, false);
      return AddRow(std::move(row));
    }
    if (task.kind == Kind::kSitemap && HeaderValue(r.head, "Content-Type").find("text/plain") != std::string::npos) {
      Remember(task, r, false);
      FollowEntries(task, ParseTextSitemap(r.body));
      return AddRow(std::move(row));
    }
    if (IsHtml(r)) return Page(task, r, std::move(row));
    row.error = "not a feed, sitemap or HTML page (Content-Type " + r.content_type + ")";
    AddRow(std::move(row));
  }

  // Remembers the answer's validators: sources at the end of the cycle, pages with their segment.
  void Remember(const Task& task, const FetchResponse& r, bool page) {
    UrlStateUpdate u;
    u.url = task.url;
    u.state.etag = r.etag;
    u.state.last_modified = r.last_modified;
    u.state.changed = task.changed;
    u.state.status = r.status;
    if (page) pending_states_.push_back(std::move(u));
    else source_states_.push_back(std::move(u));
  }

  void Page(const Task& task, const FetchResponse& r, FetchLogRow row) {
    ++stats_.pages;
    ++pages_in_segment_;
    Remember(task, r, true);
    page_rows_.push_back(pending_rows_.size());
    pending_rows_.push_back(std::move(row));
    pending_rows_.back().time = WarcNow();
  }

  Status FollowFeed(const Task& task, const std::string& base, const std::string& xml) {
    Feed feed;
    if (Status s = ParseFeed(xml, feed); !s.ok()) return Status::ParseError("malformed feed: " + s.message());
    size_t n = 0;
    for (const FeedItem& item : feed.items) {
      if (++n > options_.max_entries_per_source) break;
      if (item.link.empty()) continue;
      Result<std::string> link = ResolveUrl(base, item.link);
      Task t{link.ok() ? *link : item.link, Kind::kPage, task.source, !item.updated.empty() ? item.updated : item.published, 0, 0};
      Enqueue(std::move(t));
    }
    return Status::Ok();
  }

  Status FollowSitemap(const Task& task, const std::string& xml) {
    Sitemap sitemap;
    if (Status s = ParseSitemap(xml, sitemap); !s.ok()) return Status::ParseError("malformed sitemap: " + s.message());
    if (sitemap.is_index && task.depth >= options_.max_sitemap_depth) {
      return Status::ResourceExhausted("sitemap index nested deeper than " + std::to_string(options_.max_sitemap_depth));
    }
    FollowEntries(task, sitemap);
    return Status::Ok();
  }

  void FollowEntries(const Task& task, const Sitemap& sitemap) {
    size_t n = 0;
    for (const SitemapEntry& e : sitemap.entries) {
      if (++n > options_.max_entries_per_source) break;
      Result<std::string> link = ResolveUrl(task.url, e.loc);
      Task t{link.ok() ? *link : e.loc, sitemap.is_index ? Kind::kSitemap : Kind::kPage, task.source, e.changed, 0,
             task.depth + 1};
      Enqueue(std::move(t));
    }
  }

  // Closes the capture file, stores its articles, then commits the log rows and page states.
  Status FlushSegment() {
    pages_in_segment_ = 0;
    Result<std::string> closed = writer_->Close();
    if (!closed.ok()) return closed.status();
    IngestResult ingested;
    if (!closed->empty()) {
      stats_.warc_files.push_back(*closed);
      Result<IngestResult> r = ingester_.IngestWarc(*closed);
      if (!r.ok()) return r.status();
      ingested = std::move(*r);
      stats_.stored += ingested.inserted + ingested.replaced;
    }
    for (size_t i : page_rows_) {
      FetchLogRow& row = pending_rows_[i];
      if (ingested.stored_ids.count(row.url) > 0) row.article_id = row.url;
      if (options_.log) Log(row, row.article_id.empty() ? "(not stored)" : "stored");
    }
    for (UrlStateUpdate& u : pending_states_) {
      if (ingested.stored_ids.count(u.url) > 0) u.state.article_id = u.url;
    }
    Status s = state_.Commit(pending_rows_, pending_states_);
    pending_rows_.clear();
    pending_states_.clear();
    page_rows_.clear();
    return s;
  }

  CrawlOptions options_;
  UrlRules rules_;
  FetchState& state_;
  ArticleIngester& ingester_;
  std::unique_ptr<HttpFetcher> fetcher_;
  std::unique_ptr<WarcWriter> writer_;
  std::map<std::string, RobotsEntry> robots_;  // kept across cycles (robots_ttl_s)
  std::unordered_set<std::string> seen_;
  std::deque<Task> ready_;
  std::vector<FetchLogRow> pending_rows_;
  std::vector<size_t> page_rows_;
  std::vector<UrlStateUpdate> pending_states_, source_states_;
  uint32_t pages_in_segment_ = 0;
  CycleStats stats_;
  Status error_;
};

Crawler::Crawler(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Crawler::~Crawler() = default;

Result<std::unique_ptr<Crawler>> Crawler::Create(const CrawlOptions& options, UrlRules rules, FetchState& state,
                                                 ArticleIngester& ingester) {
  auto impl = std::make_unique<Impl>(options, std::move(rules), state, ingester);
  if (Status s = impl->Init(); !s.ok()) return s;
  return std::unique_ptr<Crawler>(new Crawler(std::move(impl)));
}

Status Crawler::RunCycle(const std::vector<CrawlSource>& sources, CycleStats* stats) {
  return impl_->RunCycle(sources, stats);
}

}  // namespace ties
