// http_fetcher.cc: the libcurl multi loop with per-host limits (see http_fetcher.h).
#include "fetch/http_fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "common/lines.h"
#include "common/text_util.h"
#include "fetch/url_canon.h"
#include "fetch/warc_writer.h"

namespace ties {

struct HttpFetcher::Transfer {
  CURL* easy = nullptr;
  std::string host_key;
  Pending pending;
  FetchResponse response;
  curl_slist* headers = nullptr;
  uint64_t max_bytes = 0;
  bool oversize = false;
};

namespace {

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<HttpFetcher::Transfer*>(user);
  const size_t bytes = size * n;
  if (t->response.body.size() + bytes > t->max_bytes) {
    t->oversize = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  t->response.body.append(data, bytes);
  return bytes;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<HttpFetcher::Transfer*>(user);
  const std::string_view line(data, size * n);
  if (line.substr(0, 5) == "HTTP/") t->response.head.clear();  // keep the last block (after 1xx)
  if (t->response.head.size() + line.size() > (1u << 20)) return 0;
  t->response.head.append(line);
  return size * n;
}

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT) {
    auto* t = static_cast<HttpFetcher::Transfer*>(user);
    t->response.request.append(data, size);
  }
  return 0;
}

bool Retryable(int status, int curl_code) {
  if (status == 429 || status == 500 || status == 502 || status == 503 || status == 504) return true;
  switch (curl_code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

std::once_flag g_curl_init;

}  // namespace

std::string HeaderValue(std::string_view head, std::string_view name) {
  for (std::string_view line : Lines(head)) {
    if (line.size() > name.size() && line[name.size()] == ':' && EqualsIgnoreCase(line.substr(0, name.size()), name)) {
      return std::string(TrimAscii(line.substr(name.size() + 1)));
    }
  }
  return "";
}

Result<std::unique_ptr<HttpFetcher>> HttpFetcher::Create(const FetcherOptions& options) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<HttpFetcher> f(new HttpFetcher(options));
  f->multi_ = curl_multi_init();
  if (f->multi_ == nullptr) return Status::Internal("curl_multi_init failed");
  curl_multi_setopt(f->multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(std::max(1u, options.max_connections)));
  curl_multi_setopt(f->multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(std::max(1u, options.per_host_connections)));
  return f;
}

HttpFetcher::~HttpFetcher() {
  // Abandon running transfers without callbacks (the caller is going away).
  for (void* p : running_) {
    auto* t = static_cast<Transfer*>(p);
    curl_multi_remove_handle(static_cast<CURLM*>(multi_), t->easy);
    curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
    delete t;
  }
  if (multi_ != nullptr) curl_multi_cleanup(static_cast<CURLM*>(multi_));
  for (void* h : idle_handles_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void HttpFetcher::Add(FetchRequest request, FetchDone done) {
  const std::string key = HostKey(request.url);
  Pending p{std::move(request), std::move(done), 0, Clock::now()};
  hosts_[key].queue.push_back(std::move(p));
  ++queued_;
}

void HttpFetcher::SetHostDelay(const std::string& host, double seconds) { hosts_[host].delay_s = std::max(0.0, seconds); }

void HttpFetcher::Start(const std::string& host_key, Host& host, Pending pending, Clock::time_point now) {
  CURL* easy;
  if (!idle_handles_.empty()) {
    easy = static_cast<CURL*>(idle_handles_.back());
    idle_handles_.pop_back();
    curl_easy_reset(easy);
  } else {
    easy = curl_easy_init();
  }
  auto* t = new Transfer;
  t->easy = easy;
  t->host_key = host_key;
  t->max_bytes = options_.max_bytes;
  t->pending = std::move(pending);
  t->pending.attempt++;
  t->response.url = t->pending.request.url;
  t->response.date = WarcNow();
  const FetchRequest& r = t->pending.request;
  if (!r.etag.empty()) t->headers = curl_slist_append(t->headers, ("If-None-Match: " + r.etag).c_str());
  if (!r.last_modified.empty()) t->headers = curl_slist_append(t->headers, ("If-Modified-Since: " + r.last_modified).c_str());
  curl_easy_setopt(easy, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every coding this libcurl decodes (gzip, deflate, br)
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, options_.low_speed_seconds);
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, OnDebug);
  curl_easy_setopt(easy, CURLOPT_DEBUGDATA, t);
  curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L);  // needed for the debug callback, which records the request as sent
  if (t->headers != nullptr) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
  curl_multi_add_handle(static_cast<CURLM*>(multi_), easy);
  running_.insert(t);
  ++host.active;
  ++active_;
  --queued_;
  ++started_;
  double interval = options_.per_host_rate > 0 ? 1.0 / options_.per_host_rate : 0.0;
  interval = std::max(interval, host.delay_s);
  host.next_start = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(interval));
}

void HttpFetcher::DropQueued() {
  for (auto& [key, host] : hosts_) host.queue.clear();
  queued_ = 0;
}

void HttpFetcher::StartEligible(Clock::time_point now) {
  if (paused_) return;
  bool started = true;
  // Round robin: one start per host per pass, so no host starves the others.
  while (started && active_ < options_.max_connections) {
    started = false;
    for (auto& [key, host] : hosts_) {
      if (active_ >= options_.max_connections) break;
      if (host.queue.empty() || host.active >= options_.per_host_connections || now < host.next_start) continue;
      if (host.queue.front().not_before > now) continue;
      Pending p = std::move(host.queue.front());
      host.queue.pop_front();
      Start(key, host, std::move(p), now);
      started = true;
    }
  }
}

int HttpFetcher::WaitBudget(int max_wait_ms, Clock::time_point now) const {
  auto earliest = now + std::chrono::milliseconds(max_wait_ms);
  if (paused_) return max_wait_ms;
  for (const auto& [key, host] : hosts_) {
    if (host.queue.empty() || host.active >= options_.per_host_connections) continue;
    earliest = std::min(earliest, std::max(host.next_start, host.queue.front().not_before));
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(earliest - now).count();
  return static_cast<int>(std::clamp<int64_t>(ms + 1, 0, max_wait_ms));
}

void HttpFetcher::Finish(Transfer* t, int code) {
  CURL* easy = t->easy;
  FetchResponse& r = t->response;
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  r.status = static_cast<int>(status);
  r.attempts = t->pending.attempt;
  char* ip = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) r.ip = ip;
  char* location = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) r.location = location;
  r.content_type = HeaderValue(r.head, "Content-Type");
  r.etag = HeaderValue(r.head, "ETag");
  r.last_modified = HeaderValue(r.head, "Last-Modified");
  if (t->oversize || code == CURLE_FILESIZE_EXCEEDED) {
    r.error = "response larger than " + std::to_string(options_.max_bytes) + " bytes";
  } else if (code != CURLE_OK) {
    r.error = curl_easy_strerror(static_cast<CURLcode>(code));
  }
  Host& host = hosts_[t->host_key];
  --host.active;
  --active_;
  curl_multi_remove_handle(static_cast<CURLM*>(multi_), easy);
  running_.erase(t);
  idle_handles_.push_back(easy);
  curl_slist_free_all(t->headers);
  if (observer_ && r.status > 0 && r.error.empty()) observer_(r);
  const bool retry = !t->oversize && Retryable(r.status, r.error.empty() ? CURLE_OK : code) &&
                     t->pending.attempt <= options_.retries;
  if (retry) {
    double wait_ms = static_cast<double>(options_.backoff_ms) * std::pow(2.0, t->pending.attempt - 1);
    const std::string retry_after = HeaderValue(r.head, "Retry-After");
    if (!retry_after.empty() && std::isdigit(static_cast<unsigned char>(retry_after[0]))) {
      wait_ms = std::max(wait_ms, std::min(60000.0, std::atof(retry_after.c_str()) * 1000.0));
    }
    t->pending.not_before = Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(wait_ms));
    host.queue.push_front(std::move(t->pending));
    ++queued_;
  } else {
    FetchDone done = std::move(t->pending.done);
    done(r);
  }
  delete t;
}

size_t HttpFetcher::Step(int max_wait_ms) {
  CURLM* multi = static_cast<CURLM*>(multi_);
  StartEligible(Clock::now());
  int running = 0;
  curl_multi_perform(multi, &running);
  curl_multi_poll(multi, nullptr, 0, WaitBudget(max_wait_ms, Clock::now()), nullptr);
  curl_multi_perform(multi, &running);
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    Transfer* t = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
    Finish(t, msg->data.result);
  }
  return pending();
}

}  // namespace ties
