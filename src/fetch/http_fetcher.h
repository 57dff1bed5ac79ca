// http_fetcher.h: polite parallel HTTP GETs over libcurl's multi interface.
//
// Requests are queued per host ("host:port"). A host gets at most
// `per_host_connections` transfers at once and its requests start at least
// max(1 / per_host_rate, host delay) seconds apart (the host delay is the
// robots.txt Crawl-delay); all hosts together get at most `max_connections`.
// Bodies are decoded by libcurl (gzip, deflate, br: CURLOPT_ACCEPT_ENCODING)
// and capped at `max_bytes` (larger responses fail as "larger than N bytes",
// so a 10 GB answer costs N bytes of memory at most). Redirects are NOT
// followed: a 3xx answer is returned with `location` resolved, so the caller
// can check robots.txt, canonicalise, count hops and capture each hop.
// 5xx/429 answers and timeouts/connection failures are retried `retries`
// times with exponential backoff (Retry-After honoured up to 60 s); a stalled
// transfer (below `low_speed_bytes` per second for `low_speed_seconds`) or one
// over `timeout_ms` in all is a timeout, which defeats slowloris servers.
//
// Thread-safety: one fetcher per thread; callbacks run inside Step().
#ifndef TIES_FETCH_HTTP_FETCHER_H_
#define TIES_FETCH_HTTP_FETCHER_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "ties/status.h"

namespace ties {

struct FetcherOptions {
  std::string user_agent = "ties/0.1 (news monitoring; set --user-agent to name yourself)";
  uint32_t max_connections = 16;
  uint32_t per_host_connections = 2;
  double per_host_rate = 2.0;  // requests per second per host; 0 = no limit
  long connect_timeout_ms = 10000;
  long timeout_ms = 60000;
  long low_speed_bytes = 64;
  long low_speed_seconds = 20;
  uint64_t max_bytes = 16ull << 20;
  uint32_t retries = 2;
  long backoff_ms = 1000;
};

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when set
  std::string last_modified;  // sent as If-Modified-Since when set
};

struct FetchResponse {
  std::string url;
  int status = 0;             // HTTP status; 0 when no response arrived
  std::string error;          // transport error ("" when an HTTP response arrived and was read whole)
  std::string head;           // status line and headers as received
  std::string request;        // request line and headers as sent
  std::string body;           // decoded
  std::string ip;
  std::string date;           // when the request started (WARC-Date)
  std::string location;       // absolute redirect target of a 3xx, else ""
  std::string content_type, etag, last_modified;
  uint32_t attempts = 0;
};

using FetchDone = std::function<void(FetchResponse& response)>;

class HttpFetcher {
 public:
  static Result<std::unique_ptr<HttpFetcher>> Create(const FetcherOptions& options);
  ~HttpFetcher();
  HttpFetcher(const HttpFetcher&) = delete;
  HttpFetcher& operator=(const HttpFetcher&) = delete;

  // Queues a GET; `done` runs once, with the final attempt's response.
  void Add(FetchRequest request, FetchDone done);
  // Minimum seconds between request starts for `host` (robots Crawl-delay), on top of the rate.
  void SetHostDelay(const std::string& host, double seconds);
  // Runs transfers, waiting at most max_wait_ms for activity, and calls the
  // callbacks of finished ones. Returns the number of requests queued or running.
  size_t Step(int max_wait_ms);
  size_t pending() const { return queued_ + active_; }
  size_t active() const { return active_; }
  // While paused no request starts; running ones go on (the crawler pauses to
  // close a capture segment between requests).
  void Pause(bool paused) { paused_ = paused; }
  // Forgets every queued request without calling its callback (on stop).
  void DropQueued();
  // Called for every HTTP response received, retried attempts included (the capture).
  void set_observer(std::function<void(const FetchResponse&)> observer) { observer_ = std::move(observer); }
  // Requests started so far (all attempts).
  uint64_t requests_started() const { return started_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Pending {
    FetchRequest request;
    FetchDone done;
    uint32_t attempt = 0;
    Clock::time_point not_before;
  };
  struct Host {
    std::deque<Pending> queue;
    uint32_t active = 0;
    Clock::time_point next_start;
    double delay_s = 0;
  };

 public:
  struct Transfer;  // one running request (internal; public for the libcurl callbacks)

 private:
  explicit HttpFetcher(const FetcherOptions& options) : options_(options) {}
  void StartEligible(Clock::time_point now);
  void Start(const std::string& host_key, Host& host, Pending pending, Clock::time_point now);
  void Finish(Transfer* transfer, int curl_code);
  int WaitBudget(int max_wait_ms, Clock::time_point now) const;

  FetcherOptions options_;
  void* multi_ = nullptr;  // CURLM*
  std::map<std::string, Host> hosts_;
  std::vector<void*> idle_handles_;  // CURL*, reused
  std::set<void*> running_;          // Transfer*, owned
  size_t queued_ = 0, active_ = 0;
  bool paused_ = false;
  uint64_t started_ = 0;
  std::function<void(const FetchResponse&)> observer_;
};

// The value of header `name` in a raw head ("" when absent; first occurrence).
std::string HeaderValue(std::string_view head, std::string_view name);

}  // namespace ties

#endif  // TIES_FETCH_HTTP_FETCHER_H_
