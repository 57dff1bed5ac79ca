// server.cc: the HTTP transport of `ties serve` on cpp-httplib (see server.h).
//
// This is the only file that includes <httplib.h>. It adapts httplib requests
// to ApiRequest, sends ApiResponse back (streamed when the router asks), serves
// the dashboard's static files, sets security headers on every response, and
// turns httplib's own errors (unknown path, bad request line, body too large)
// into the API's JSON error shape.
#include "api/server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "api/guarded_server.h"
#include "ties/store.h"

namespace ties {

namespace {

constexpr const char kNoDashboardPage[] =
    "<!doctype html><meta charset=utf-8><title>ties</title>"
    "<h1>ties serve</h1><p>The dashboard is not built. From the repository run:</p>"
    "<pre>npm ci --prefix web\nnpm run build --prefix web</pre>"
    "<p>or pass <code>--web DIR</code>. The JSON API is up: see <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p>";

// --web, else $TIES_WEB_DIR, else next to the binary (<exe>/../share/ties/web
// when installed), else the source tree's web/dist. "" when none exists.
std::string ResolveStaticDir(const std::string& requested) {
  std::error_code ec;
  auto usable = [&ec](const std::filesystem::path& dir) {
    return !dir.empty() && std::filesystem::is_regular_file(dir / "index.html", ec);
  };
  if (!requested.empty()) return usable(requested) ? requested : std::string();
  if (const char* env = std::getenv("TIES_WEB_DIR"); env != nullptr && *env != '\0') {
    return usable(env) ? std::string(env) : std::string();
  }
  std::vector<std::filesystem::path> candidates;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "ties" / "web");
#ifdef TIES_SOURCE_WEB_DIR
  candidates.emplace_back(TIES_SOURCE_WEB_DIR);
#endif
  for (const auto& dir : candidates) {
    if (usable(dir)) return dir.string();
  }
  return {};
}

bool IsLoopback(const std::string& address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost" || address.rfind("127.", 0) == 0;
}

const char* ReasonCode(int status) {
  switch (status) {
    case 400: return "invalid_argument";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "timeout";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 431: return "headers_too_large";
    case 416: return "range_not_satisfiable";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal" : "invalid_argument";
  }
}

// The dashboard's files, served from memory with a gzip copy made once per
// file version (httplib would otherwise recompress the ~800 KB bundle with
// brotli on every request), an ETag and revalidation (304). A file is re-read
// when its size or modification time changes, so `npm run watch` works
// without a restart. Only regular files under the root are served: paths with
// "..", hidden segments, backslashes or NUL are refused before touching the
// disk, and a file whose real path (symbolic links resolved) is outside the
// root is not served.
class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {
    std::error_code ec;
    canonical_root_ = std::filesystem::canonical(root_, ec);
  }

  // Fills `res` for a GET/HEAD of `req.path`; false when there is no such file.
  bool Serve(const httplib::Request& req, httplib::Response& res) {
    std::shared_ptr<const Entry> entry = Find(req.path);
    if (!entry) return false;
    res.set_header("ETag", entry->etag);
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Vary", "Accept-Encoding");
    if (req.get_header_value("If-None-Match") == entry->etag) {
      res.status = 304;
      return true;
    }
    const bool gzip = !entry->gzip.empty() && req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
    const std::string& bytes = gzip ? entry->gzip : entry->raw;
    if (gzip) res.set_header("Content-Encoding", "gzip");
    // A fixed-length provider is sent as is (httplib compresses only bodies
    // and chunked streams); the entry stays alive until the answer is sent.
    const std::string* data = &bytes;
    res.set_content_provider(data->size(), entry->mime,
                             [entry, data](size_t offset, size_t length, httplib::DataSink& sink) {
                               return sink.write(data->data() + offset, length);
                             });
    return true;
  }

 private:
  struct Entry {
    std::string raw, gzip, etag, mime;
    std::filesystem::file_time_type mtime;
    uintmax_t size = 0;
  };

  static constexpr uintmax_t kMaxFileBytes = 64u << 20;

  static bool SafeRelative(const std::string& path) {
    if (path.empty() || path[0] != '/' || path.find('\\') != std::string::npos ||
        path.find('\0') != std::string::npos) {
      return false;
    }
    size_t pos = 1;
    while (pos <= path.size()) {
      const size_t end = std::min(path.find('/', pos), path.size());
      const std::string_view segment(path.data() + pos, end - pos);
      if (!segment.empty() && segment[0] == '.') return false;  // "..", ".git", ".env"
      pos = end + 1;
    }
    return true;
  }

  static std::string MimeType(const std::filesystem::path& file) {
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json"}, {".map", "application/json"}, {".svg", "image/svg+xml"},
        {".png", "image/png"}, {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"},
        {".woff2", "font/woff2"}, {".webmanifest", "application/manifest+json"}};
    auto it = kTypes.find(file.extension().string());
    return it == kTypes.end() ? "application/octet-stream" : it->second;
  }

  static std::string Gzip(const std::string& data) {
    z_stream zs{};
    if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&zs, data.size()) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::string();
  }

  std::shared_ptr<const Entry> Find(const std::string& request_path) {
    const std::string path = request_path == "/" ? "/index.html" : request_path;
    if (!SafeRelative(path)) return nullptr;
    const std::filesystem::path file = std::filesystem::path(root_) / path.substr(1);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return nullptr;
    // A symbolic link inside the folder must not lead out of it.
    if (!Inside(std::filesystem::canonical(file, ec)) || ec) return nullptr;
    const uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec || size > kMaxFileBytes) return nullptr;
    const auto mtime = std::filesystem::last_write_time(file, ec);
    if (ec) return nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = cache_.find(path);
      if (it != cache_.end() && it->second->size == size && it->second->mtime == mtime) return it->second;
    }
    auto entry = std::make_shared<Entry>();
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    entry->raw = buffer.str();
    if (!in && !in.eof()) return nullptr;
    entry->size = size;
    entry->mtime = mtime;
    entry->mime = MimeType(file);
    if (entry->raw.size() > 256 && entry->mime.find("image/png") == std::string::npos) {
      entry->gzip = Gzip(entry->raw);
      if (entry->gzip.size() >= entry->raw.size()) entry->gzip.clear();
    }
    // FNV-1a of the content: a strong validator that survives restarts.
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : entry->raw) hash = (hash ^ c) * 1099511628211ull;
    char etag[48];
    std::snprintf(etag, sizeof(etag), "\"%zx-%016llx\"", entry->raw.size(), static_cast<unsigned long long>(hash));
    entry->etag = etag;
    std::lock_guard<std::mutex> lock(mu_);
    cache_[path] = entry;
    return entry;
  }

  bool Inside(const std::filesystem::path& file) const {
    if (canonical_root_.empty()) return false;
    auto [root_end, file_it] = std::mismatch(canonical_root_.begin(), canonical_root_.end(), file.begin(), file.end());
    return root_end == canonical_root_.end() && file_it != file.end();
  }

  std::string root_;
  std::filesystem::path canonical_root_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const Entry>> cache_;  // guarded by mu_
};

}  // namespace

struct HttpServer::Impl {
  Impl(QueryEngine& engine, ServeOptions opts)
      : options(WithBudget(std::move(opts))),
        router(engine, options.limits),
        static_root(ResolveStaticDir(options.static_dir)),
        server(Limits(options)) {}

  static ServeOptions WithBudget(ServeOptions o) {
    if (o.query_budget_ms > 0 && o.limits.query_budget_ms == 0) o.limits.query_budget_ms = o.query_budget_ms;
    return o;
  }
  static ConnectionLimits Limits(const ServeOptions& o) {
    ConnectionLimits limits;
    limits.threads = o.threads == 0 ? 1 : o.threads;
    limits.max_connections = std::max(o.max_connections, limits.threads);
    limits.request_timeout_ms = o.read_timeout_seconds * 1000;
    limits.write_timeout_ms = o.write_timeout_seconds * 1000;
    limits.keep_alive_ms = o.keep_alive_seconds * 1000;
    limits.idle_grace_ms = o.idle_grace_ms;
    limits.max_request_line = o.max_request_line_bytes;
    limits.max_header_count = o.max_header_count;
    limits.max_header_bytes = o.max_header_bytes;
    return limits;
  }

  void Configure();
  void HandleApi(const httplib::Request& req, httplib::Response& res);

  ServeOptions options;
  ApiRouter router;
  std::string static_root;
  std::unique_ptr<StaticFiles> static_files;
  GuardedServer server;
  std::atomic<int> bound_port{0};
};

void HttpServer::Impl::Configure() {
  // Worker pool, admission, request deadline and head limits: GuardedServer.
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would
  // let a second `ties serve` on the same port silently share connections.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof(yes));
  });
  server.set_payload_max_length(options.max_body_bytes);
  server.set_default_headers(SecurityHeaders());

  auto api = [this](const httplib::Request& req, httplib::Response& res) { HandleApi(req, res); };
  server.Get("/api/.*", api);
  server.Post("/api/.*", api);
  server.Put("/api/.*", api);
  server.Patch("/api/.*", api);
  server.Delete("/api/.*", api);
  server.Options("/api/.*", api);

  if (!static_root.empty()) {
    static_files = std::make_unique<StaticFiles>(static_root);
    // Registered after /api/.*, which therefore wins for API paths.
    server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      if (!static_files->Serve(req, res)) res.status = 404;
    });
  } else {
    server.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kNoDashboardPage, "text/html; charset=utf-8");
    });
  }

  // httplib calls this for every status >= 400, including the router's own
  // answers: only fill in bodies httplib left empty (unknown path, bad request
  // line, body too large, unsupported method).
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 400 || res.status == 413 || res.status == 414 || res.status == 431) {
      // httplib's own answer to a request it could not parse or whose body it
      // did not read: what follows on the connection cannot be trusted.
      res.set_header("Connection", "close");
      GuardedServer::CloseAfterThisResponse();
    }
    std::string message = "no such page: " + req.path;
    if (res.status == 413) message = "request body too large";
    else if (res.status == 414) message = "request URI too long";
    else if (res.status == 405) message = "method not allowed";
    else if (res.status == 400) message = "malformed request";
    else if (res.status != 404) message = "HTTP error " + std::to_string(res.status);
    res.set_content(ErrorJson(ReasonCode(res.status), message), "application/json; charset=utf-8");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(ErrorJson("internal", "internal error"), "application/json; charset=utf-8");
  });
  if (!options.quiet) {
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      // The path is decoded client input: no control characters reach the log.
      std::string path = req.path.substr(0, 512);
      for (char& c : path) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
      }
      std::fprintf(stderr, "%s %s %s %d\n", req.remote_addr.c_str(), req.method.c_str(), path.c_str(), res.status);
    });
  }
}

void HttpServer::Impl::HandleApi(const httplib::Request& req, httplib::Response& res) {
  ApiRequest request;
  request.method = req.method;
  request.path = req.path;
  request.accept = req.get_header_value("Accept");
  request.params.reserve(req.params.size());
  for (const auto& [name, value] : req.params) request.params.emplace_back(name, value);

  ApiResponse response = router.Handle(request);
  res.status = response.status;
  res.set_header("Cache-Control", "no-store");
  for (const auto& [name, value] : response.headers) res.set_header(name.c_str(), value);
  if (!response.stream) {
    res.set_content(std::move(response.body), response.content_type.c_str());
    return;
  }
  // httplib compresses a chunked stream with brotli when the client accepts it,
  // at brotli's slowest setting (about 0.5 MB/s here): a large CSV export would
  // crawl. Offer it gzip only (tens of MB/s). The request object is ours to
  // change: httplib owns it non-const and reads the header when it writes.
  auto& headers = const_cast<httplib::Headers&>(req.headers);
  if (auto it = headers.find("Accept-Encoding"); it != headers.end()) {
    it->second = it->second.find("gzip") != std::string::npos ? "gzip" : "identity";
  }
  // Stream: the first chunk is the body the router already built, then the
  // router's generator until it reports completion or failure.
  struct StreamState {
    std::string first;
    std::function<bool(std::string&, bool&)> next;
    bool first_sent = false;
  };
  auto state = std::make_shared<StreamState>();
  state->first = std::move(response.body);
  state->next = std::move(response.stream);
  res.set_chunked_content_provider(response.content_type.c_str(), [state](size_t, httplib::DataSink& sink) {
    try {
      if (!state->first_sent) {
        state->first_sent = true;
        if (!state->first.empty() && !sink.write(state->first.data(), state->first.size())) return false;
        state->first.clear();
        state->first.shrink_to_fit();
        return true;
      }
      std::string chunk;
      bool done = false;
      const bool more = state->next(chunk, done);
      if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
      if (more) return true;
      if (!done) return false;  // failed mid-way: abort so the client sees a truncated transfer
      sink.done();
      return true;
    } catch (...) {
      return false;
    }
  });
}

HttpServer::HttpServer(QueryEngine& engine, ServeOptions options)
    : impl_(std::make_unique<Impl>(engine, std::move(options))) {
  impl_->Configure();
}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind() {
  const ServeOptions& o = impl_->options;
  if (o.port < 0 || o.port > 65535) return Status::InvalidArgument("port must be from 0 to 65535");
  int port = o.port;
  if (port == 0) {
    port = impl_->server.bind_to_any_port(o.bind);
    if (port <= 0) return Status::Unavailable("cannot bind " + o.bind + " to any port");
  } else if (!impl_->server.bind_to_port(o.bind, port)) {
    return Status::Unavailable("cannot bind " + o.bind + ":" + std::to_string(port) +
                               " (address in use or not available)");
  }
  impl_->server.RaiseBacklog();
  impl_->bound_port = port;
  return port;
}

Status HttpServer::Serve() {
  if (impl_->bound_port == 0) return Status::InvalidArgument("Serve() before a successful Bind()");
  if (!impl_->server.listen_after_bind()) return Status::IoError("the server stopped accepting connections");
  return Status::Ok();
}

void HttpServer::Stop() {
  if (impl_) impl_->server.stop();
}

int HttpServer::port() const { return impl_->bound_port; }
const std::string& HttpServer::static_dir() const { return impl_->static_root; }

HttpServer::Counters HttpServer::counters() const {
  const GuardedServer::Counters& c = impl_->server.counters();
  Counters out;
  out.accepted = c.accepted.load();
  out.shed = c.shed.load();
  out.timed_out = c.timed_out.load();
  out.rejected = c.rejected.load();
  return out;
}

int RunServer(const ServeOptions& options) {
  const std::string db_path = options.db.empty() ? DefaultDatabasePath() : options.db;
  std::error_code ec;
  if (db_path.find("://") == std::string::npos && !std::filesystem::exists(db_path, ec)) {
    std::fprintf(stderr, "ties serve: no database at %s (run `ties ingest` first, or pass --db FILE)\n",
                 db_path.c_str());
    return 1;
  }
  Result<std::unique_ptr<QueryEngine>> engine = OpenQueryEngine(db_path);
  if (!engine.ok()) {
    std::fprintf(stderr, "ties serve: cannot open %s: %s\n", db_path.c_str(), engine.status().ToString().c_str());
    return 1;
  }

  // Block SIGINT/SIGTERM in every thread (the pool inherits the mask) and wait
  // for them in one thread, which stops the server outside signal context.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);  // sent by us to end the waiter after an error
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  HttpServer server(**engine, options);
  Result<int> port = server.Bind();
  if (!port.ok()) {
    std::fprintf(stderr, "ties serve: %s\n", port.status().message().c_str());
    return 1;
  }
  const bool ipv6 = options.bind.find(':') != std::string::npos;
  std::fprintf(stderr, "ties serve: http://%s%s%s:%d/  (database %s, %zu threads)\n", ipv6 ? "[" : "",
               options.bind.c_str(), ipv6 ? "]" : "", *port, db_path.c_str(), options.threads);
  if (server.static_dir().empty()) {
    std::fprintf(stderr, "ties serve: dashboard not built (npm ci --prefix web && npm run build --prefix web); "
                         "serving the API only\n");
  }
  if (!IsLoopback(options.bind)) {
    std::fprintf(stderr, "ties serve: warning: listening on %s; the API has no authentication\n",
                 options.bind.c_str());
  }
  std::fprintf(stderr, "ties serve: Ctrl-C stops\n");

  std::thread waiter([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  const Status served = server.Serve();
  pthread_kill(waiter.native_handle(), SIGUSR1);
  waiter.join();
  if (!served.ok()) {
    std::fprintf(stderr, "ties serve: %s\n", served.ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "ties serve: stopped\n");
  return 0;
}

}  // namespace ties
