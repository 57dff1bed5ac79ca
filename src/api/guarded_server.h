// guarded_server.h: cpp-httplib's Server with the connection limits `ties serve`
// needs. Private to src/api (includes <httplib.h>); used by server.cc and tests.
//
// httplib 0.11 bounds each recv() by a timeout but not a whole request, has no
// limit on the number of header lines, queues every accepted connection
// without bound and listens with a backlog of 5. GuardedServer replaces its
// per-connection loop (process_and_close_socket) with one that:
//   * admits at most `max_connections` connections (served + waiting for a
//     worker); the next ones get an immediate 503 with Retry-After and are
//     closed, so a flood cannot queue unbounded work or file descriptors;
//   * gives each request `request_timeout_ms` in total to arrive (request
//     line, headers and body): a slowloris client trickling one byte at a time
//     gets 408 and is dropped (a per-recv timeout alone would keep it forever);
//   * caps the request line (414), the number of header lines and the bytes of
//     the whole head (431) while reading, before httplib stores anything;
//   * when connections wait for a worker, closes idle keep-alive connections
//     quickly and ends busy ones after a fair share of requests, so 16 workers
//     serve hundreds of clients in turn;
//   * stops promptly on Stop() (every wait is sliced and checks the listener).
// Requests are parsed and routed by httplib itself (Server::process_request).
#ifndef TIES_API_GUARDED_SERVER_H_
#define TIES_API_GUARDED_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ties {

struct ConnectionLimits {
  size_t threads = 16;            // workers: connections served at once
  size_t max_connections = 256;   // served + waiting; more get 503 + Retry-After
  int request_timeout_ms = 10000; // a whole request (line, headers, body) must arrive within this
  int write_timeout_ms = 60000;   // each write of an answer must progress within this
  int keep_alive_ms = 2000;       // idle wait for the next request on a keep-alive connection
  int idle_grace_ms = 1000;       // while others wait for a worker, an idle connection is let go after
                                  // this (before its first request; half of it between requests)
  size_t keep_alive_max = 100;    // requests per connection
  size_t fair_share = 8;          // requests a connection keeps while others wait for a worker
  size_t max_request_line = 8192; // bytes of "GET /path?query HTTP/1.1" (414 above)
  size_t max_header_count = 64;   // header lines (431 above)
  size_t max_header_bytes = 32 * 1024;  // the whole head after the request line (431 above)
  int retry_after_seconds = 1;    // Retry-After of the 503 sent when saturated
  int listen_backlog = 1024;      // accept queue (httplib's default is 5)
};

// The security headers every response carries (also the canned ones below).
const httplib::Headers& SecurityHeaders();

class GuardedServer : public httplib::Server {
 public:
  struct Counters {
    std::atomic<uint64_t> accepted{0};   // connections admitted
    std::atomic<uint64_t> shed{0};       // connections answered 503 because the server was saturated
    std::atomic<uint64_t> timed_out{0};  // requests that did not arrive in time (408)
    std::atomic<uint64_t> rejected{0};   // request heads over a size or count limit (414, 431)
  };

  explicit GuardedServer(ConnectionLimits limits);
  ~GuardedServer() override;

  // Raises the accept backlog of the bound listening socket. Call after bind.
  void RaiseBacklog();

  const ConnectionLimits& limits() const { return limits_; }

  // Called from a handler (typically the error handler): the connection that
  // carries the current request is closed after its answer. For answers to
  // requests whose framing cannot be trusted (malformed, body not read).
  static void CloseAfterThisResponse();
  const Counters& counters() const { return counters_; }

  class Pool;
  class Lingerer;
  class Stream;

 private:
  bool process_and_close_socket(socket_t sock) override;
  void Shed(socket_t sock);

  ConnectionLimits limits_;
  std::string shed_response_;  // the canned 503
  Counters counters_;
  std::atomic<Pool*> pool_{nullptr};  // the current task queue (owned by httplib's listen loop)
  std::unique_ptr<Lingerer> lingerer_;
};

}  // namespace ties

#endif  // TIES_API_GUARDED_SERVER_H_
