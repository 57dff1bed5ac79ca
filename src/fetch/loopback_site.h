// loopback_site.h: a news site on an ephemeral 127.0.0.1 port for the fetch
// tests and bench (cpp-httplib): robots.txt, feeds, sitemaps and pages from a
// path -> handler table, with a log of every request it received.
// Test-only.
#ifndef TIES_FETCH_LOOPBACK_SITE_H_
#define TIES_FETCH_LOOPBACK_SITE_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ties {

class LoopbackSite {
 public:
  struct Hit {
    std::string path;  // with query
    std::chrono::steady_clock::time_point at;
    std::string if_none_match, user_agent;
  };
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  LoopbackSite() {
    server_.set_keep_alive_max_count(100000);
    // Headers and body go out in two writes: without TCP_NODELAY, Nagle and the
    // client's delayed ACK would add 40 ms to every response.
    server_.set_tcp_nodelay(true);
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      const int now_active = ++active_;
      {
        std::lock_guard<std::mutex> lock(mu_);
        max_active_ = std::max(max_active_, now_active);
        std::string path = req.path;
        if (!req.params.empty()) {
          std::string q;
          for (const auto& [k, v] : req.params) q += (q.empty() ? "?" : "&") + k + "=" + v;
          path += q;
        }
        hits_.push_back({path, std::chrono::steady_clock::now(), req.get_header_value("If-None-Match"),
                         req.get_header_value("User-Agent")});
      }
      Handler h;
      {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = routes_.find(req.path);
        if (it != routes_.end()) h = it->second;
      }
      if (h) h(req, res);
      else res.status = 404;
      --active_;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LoopbackSite() {
    server_.stop();
    thread_.join();
  }

  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int port() const { return port_; }

  void Route(const std::string& path, Handler h) {
    std::lock_guard<std::mutex> lock(mu_);
    routes_[path] = std::move(h);
  }
  // A fixed body with a content type; `etag` ("" for none) answers If-None-Match with 304.
  void Serve(const std::string& path, std::string body, std::string type, std::string etag = "") {
    Route(path, [body, type, etag](const httplib::Request& req, httplib::Response& res) {
      if (!etag.empty()) {
        res.set_header("ETag", etag);
        if (req.get_header_value("If-None-Match") == etag) {
          res.status = 304;
          return;
        }
      }
      res.set_content(body, type);
    });
  }

  std::vector<Hit> hits() const {
    std::lock_guard<std::mutex> lock(mu_);
    return hits_;
  }
  size_t HitCount(const std::string& path) const {
    size_t n = 0;
    for (const Hit& h : hits()) n += h.path == path;
    return n;
  }
  void ClearHits() {
    std::lock_guard<std::mutex> lock(mu_);
    hits_.clear();
  }
  int max_active() const { return max_active_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mu_;
  std::map<std::string, Handler> routes_;
  std::vector<Hit> hits_;
  std::atomic<int> active_{0};
  int max_active_ = 0;
};

// An article page with a distinct text (enough sentences for the extractor).
inline std::string ArticleHtml(const std::string& title, int n) {
  std::string body;
  for (int i = 0; i < 4; ++i) {
    body += "<p>Officials in Astana said on Monday that the agreement number " + std::to_string(n) +
            " would take effect next month, sentence " + std::to_string(i) + " of the report.</p>";
  }
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title><meta property=\"article:published_time\" content=\"2026-06-17T10:00:00Z\"></head><body><article><h1>" +
         title + "</h1>" + body + "</article></body></html>";
}

// An RSS 2.0 feed linking `links`.
inline std::string RssFeed(const std::vector<std::string>& links) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Test feed</title>";
  for (size_t i = 0; i < links.size(); ++i) {
    xml += "<item><title>Item " + std::to_string(i) + "</title><link>" + links[i] +
           "</link><pubDate>Tue, 17 Jun 2026 10:00:00 +0000</pubDate></item>";
  }
  return xml + "</channel></rss>";
}

}  // namespace ties

#endif  // TIES_FETCH_LOOPBACK_SITE_H_
