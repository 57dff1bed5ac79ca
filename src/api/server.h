// server.h: `ties serve`, the HTTP server for the JSON API and the dashboard.
//
//   ties::ServeOptions options;
//   options.db = "ties.db";
//   return ties::RunServer(options);   // blocks until SIGINT or SIGTERM
//
// One binary serves the read-only JSON API under /api/ (see router.h and
// docs/api.md) and the dashboard's static files (web/dist, see
// docs/dashboard.md). The database is opened read-only, so an ingest may
// write to it at the same time (SQLite WAL).
//
// Safety: loopback bind by default; a fixed-size worker pool and an admission
// limit bound concurrency (503 + Retry-After beyond it, see guarded_server.h);
// request bodies, the request line, header count and size, the time a whole
// request may take to arrive (slowloris), write times and query time are bounded;
// every response carries Content-Security-Policy (default-src 'self'),
// X-Content-Type-Options: nosniff, Referrer-Policy and frame denial; no
// exception leaves a handler (errors are JSON with a status code).
//
// cpp-httplib is used only in server.cc, so including this header is cheap.
#ifndef TIES_API_SERVER_H_
#define TIES_API_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "api/router.h"
#include "ties/query.h"
#include "ties/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace ties {

struct ServeOptions {
  std::string db;                   // empty: DefaultDatabasePath() ($TIES_DB, else ./ties.db)
  std::string bind = "127.0.0.1";   // loopback by default; 0.0.0.0 exposes an unauthenticated API
  int port = 8080;                  // 0: any free port (printed at start)
  // Dashboard assets. Empty: $TIES_WEB_DIR, else <exe>/../share/ties/web, else the source tree's web/dist.
  // When the folder is missing, "/" explains how to build it; the API still works.
  std::string static_dir;
  size_t threads = 16;                     // worker pool: connections served at once
  size_t max_connections = 256;            // served + waiting for a worker; more get 503 + Retry-After
  size_t max_body_bytes = 16 * 1024;       // request bodies (the API takes none)
  int read_timeout_seconds = 10;           // a whole request (line, headers, body) must arrive within this
  int write_timeout_seconds = 60;          // and each chunk of the answer must be accepted within this
  int keep_alive_seconds = 2;              // an idle keep-alive connection holds a worker this long
  int idle_grace_ms = 1000;                // ... but only this long (half between requests) while others wait
  size_t max_request_line_bytes = 8192;    // "GET /path?query HTTP/1.1" (414 above)
  size_t max_header_count = 64;            // header lines (431 above)
  size_t max_header_bytes = 32 * 1024;     // all header lines together (431 above)
  // Time budget of the queries behind one API request (0: none); see
  // query_deadline.h. Past it the request fails with 503 and a hint to narrow it.
  int query_budget_ms = 5000;
  bool quiet = false;                      // true: no access log (one line per request on stderr)
  RouterLimits limits;
};

// Serves one QueryEngine over HTTP until Stop().
// Thread-safety: Stop() and port() may be called from any thread.
class HttpServer {
 public:
  // `engine` must outlive the server.
  HttpServer(QueryEngine& engine, ServeOptions options);
  ~HttpServer();

  HttpServer(const HttpServer&) = delete;  // owns a listening socket
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds options.bind:options.port (port 0: an ephemeral port).
  // Returns the bound port, or Unavailable when the address is taken.
  Result<int> Bind();

  // Accepts connections until Stop(). REQUIRES: Bind() succeeded.
  Status Serve();

  // Stops accepting and makes Serve() return. Safe to call more than once.
  void Stop();

  int port() const;
  // The static folder actually used ("" when it does not exist).
  const std::string& static_dir() const;

  // Connections refused with 503 because the server was saturated, requests
  // dropped with 408 (too slow) or 414/431 (head too large), since start.
  struct Counters {
    uint64_t accepted = 0, shed = 0, timed_out = 0, rejected = 0;
  };
  Counters counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole `ties serve` command: opens the database read-only, binds, prints
// the URL and serves until SIGINT or SIGTERM. Returns a process exit code
// (0 after a clean stop, 1 when the database cannot be opened or the port
// cannot be bound). Errors go to stderr.
int RunServer(const ServeOptions& options);

// Adds the `ties serve` flags (--bind, --port, --web, --threads, --quiet) to a
// CLI11 subcommand, writing into `options` (which must outlive parsing). The
// database comes from the global --db flag.
void AddServeFlags(CLI::App* command, ServeOptions& options);

}  // namespace ties

#endif  // TIES_API_SERVER_H_
