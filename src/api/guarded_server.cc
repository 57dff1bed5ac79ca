// guarded_server.cc: connection admission, request deadlines and head limits
// around cpp-httplib's request handling (see guarded_server.h).
#include "api/guarded_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "api/router.h"

namespace ties {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char kContentSecurityPolicy[] =
    "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

// Set while the accept thread runs a connection it refused (saturated).
thread_local bool t_shed = false;
// Set by CloseAfterThisResponse() while a worker serves a request.
thread_local bool t_close_after = false;

int64_t MsUntil(Clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
}

// A complete HTTP/1.1 answer with a JSON error body, sent without httplib.
std::string CannedResponse(int status, const char* reason, std::string_view code, std::string_view message,
                           int retry_after_seconds = 0) {
  const std::string body = ErrorJson(code, message);
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
  out += "Content-Type: application/json; charset=utf-8\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Connection: close\r\nCache-Control: no-store\r\n";
  if (retry_after_seconds > 0) out += "Retry-After: " + std::to_string(retry_after_seconds) + "\r\n";
  for (const auto& [name, value] : SecurityHeaders()) out += name + ": " + value + "\r\n";
  out += "\r\n";
  out += body;
  return out;
}

// Best effort: one non-blocking send of a small answer to a fresh socket.
void SendNow(socket_t sock, const std::string& data) {
  size_t sent = 0;
  for (int attempt = 0; attempt < 8 && sent < data.size(); ++attempt) {
    const ssize_t n = ::send(sock, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) sent += static_cast<size_t>(n);
    else if (n < 0 && errno != EINTR) break;
  }
}

// Reads and discards whatever the peer already sent (non-blocking).
bool Drain(socket_t sock) {
  char buf[4096];
  for (int i = 0; i < 64; ++i) {
    const ssize_t n = ::recv(sock, buf, sizeof(buf), MSG_DONTWAIT);
    if (n == 0) return false;  // peer closed
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  }
  return true;
}

void CloseSocket(socket_t sock) {
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

}  // namespace

const httplib::Headers& SecurityHeaders() {
  static const httplib::Headers* headers = new httplib::Headers{
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  return *headers;
}

// ---------------------------------------------------------------------------
// Pool: a fixed set of workers and a bounded admission count. httplib calls
// enqueue() from its accept loop with a job that serves one connection.

class GuardedServer::Pool : public httplib::TaskQueue {
 public:
  Pool(size_t threads, size_t max_connections) : max_connections_(std::max(max_connections, threads)) {
    for (size_t i = 0; i < std::max<size_t>(threads, 1); ++i) workers_.emplace_back([this] { Work(); });
  }
  ~Pool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!stopping_ && active_ + jobs_.size() < max_connections_) {
        jobs_.push_back(std::move(fn));
        waiting_.store(jobs_.size(), std::memory_order_relaxed);
        cv_.notify_one();
        return;
      }
    }
    // Saturated: the job answers 503 at once in this (accept) thread.
    t_shed = true;
    fn();
    t_shed = false;
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_ && workers_.empty()) return;
      stopping_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
    workers_.clear();
  }

  // Connections accepted and waiting for a worker.
  size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }

 private:
  void Work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, nothing left (queued connections are still served)
        job = std::move(jobs_.front());
        jobs_.pop_front();
        waiting_.store(jobs_.size(), std::memory_order_relaxed);
        ++active_;
      }
      job();
      std::lock_guard<std::mutex> lock(mu_);
      --active_;
    }
  }

  const size_t max_connections_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  size_t active_ = 0;                       // guarded by mu_
  bool stopping_ = false;                   // guarded by mu_
  std::atomic<size_t> waiting_{0};
  std::vector<std::thread> workers_;
};

// ---------------------------------------------------------------------------
// Lingerer: refused connections are answered, half-closed, and drained for a
// moment before close, so the client reads the 503 instead of a reset.

class GuardedServer::Lingerer {
 public:
  Lingerer() : thread_([this] { Run(); }) {}
  ~Lingerer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    for (const auto& [sock, deadline] : sockets_) ::close(sock);
  }

  void Add(socket_t sock) {
    std::unique_lock<std::mutex> lock(mu_);
    if (stop_ || sockets_.size() >= kMaxSockets) {
      lock.unlock();
      ::close(sock);
      return;
    }
    sockets_.emplace_back(sock, Clock::now() + std::chrono::milliseconds(1000));
    cv_.notify_one();
  }

 private:
  static constexpr size_t kMaxSockets = 256;

  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      if (sockets_.empty()) {
        cv_.wait(lock, [this] { return stop_ || !sockets_.empty(); });
        continue;
      }
      std::vector<std::pair<socket_t, Clock::time_point>> batch = sockets_;
      lock.unlock();
      std::vector<pollfd> fds;
      for (const auto& [sock, deadline] : batch) fds.push_back(pollfd{sock, POLLIN, 0});
      ::poll(fds.data(), fds.size(), 50);
      std::vector<socket_t> done;
      for (size_t i = 0; i < fds.size(); ++i) {
        const bool open = !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)) || Drain(fds[i].fd);
        if (!open || MsUntil(batch[i].second) <= 0) done.push_back(fds[i].fd);
      }
      lock.lock();
      std::erase_if(sockets_, [&done](const auto& entry) {
        if (std::find(done.begin(), done.end(), entry.first) == done.end()) return false;
        ::close(entry.first);
        return true;
      });
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::pair<socket_t, Clock::time_point>> sockets_;  // guarded by mu_
  bool stop_ = false;                                            // guarded by mu_
  std::thread thread_;
};

// ---------------------------------------------------------------------------
// Stream: the socket as httplib sees it, with the request deadline and the
// head limits applied as bytes pass (httplib reads the head byte by byte).

class GuardedServer::Stream final : public httplib::Stream {
 public:
  Stream(socket_t sock, const ConnectionLimits& limits, const std::atomic<socket_t>& listener, Counters& counters)
      : sock_(sock), limits_(limits), listener_(listener), counters_(counters) {}

  // Waits up to `max_ms` for the first byte of the next request. `give_up`
  // is asked between slices (others waiting for a worker). False: nothing came,
  // the peer closed or the server is stopping.
  bool WaitForRequest(int64_t max_ms, const std::function<bool(int64_t waited_ms)>& give_up) {
    if (pos_ < len_) return true;
    const Clock::time_point start = Clock::now();
    for (;;) {
      const int64_t waited = -MsUntil(start);
      if (waited >= max_ms || listener_ == INVALID_SOCKET || give_up(waited)) return false;
      pollfd pfd{sock_, POLLIN, 0};
      const int rc = ::poll(&pfd, 1, static_cast<int>(std::min<int64_t>(100, max_ms - waited)));
      if (rc > 0) return true;  // data, EOF or error: read() tells which
      if (rc < 0 && errno != EINTR) return false;
    }
  }

  // Starts reading one request: a fresh deadline and head counters.
  void BeginRequest() {
    deadline_ = Clock::now() + std::chrono::milliseconds(limits_.request_timeout_ms);
    in_head_ = true;
    request_line_ = true;
    line_len_ = 0;
    head_bytes_ = 0;
    header_lines_ = 0;
    received_ = 0;
  }

  // True once a canned error was sent: the connection must be closed.
  bool dead() const { return dead_; }

  bool is_readable() const override { return pos_ < len_ || Poll(POLLIN, MsUntil(deadline_)); }
  bool is_writable() const override { return !dead_ && Poll(POLLOUT, limits_.write_timeout_ms); }

  ssize_t read(char* ptr, size_t size) override {
    if (dead_) return -1;
    if (pos_ == len_ && !Fill()) return fill_result_;
    size_t n = std::min(size, len_ - pos_);
    if (in_head_ && !ScanHead(n)) return -1;
    std::memcpy(ptr, buf_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (dead_) return static_cast<ssize_t>(size);  // a canned answer was sent: swallow httplib's
    if (!Poll(POLLOUT, limits_.write_timeout_ms)) return -1;
    const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) Describe(addr, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) Describe(addr, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  static void Describe(const sockaddr_storage& addr, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = "";
    if (addr.ss_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
      ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof(text));
      port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
      ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof(text));
      port = ntohs(a->sin6_port);
    }
    ip = text;
  }

  // poll() in slices so Stop() is noticed; false on timeout or stop.
  bool Poll(short events, int64_t timeout_ms) const {
    const Clock::time_point end = Clock::now() + std::chrono::milliseconds(std::max<int64_t>(timeout_ms, 0));
    for (;;) {
      const int64_t left = MsUntil(end);
      pollfd pfd{sock_, events, 0};
      const int rc = ::poll(&pfd, 1, static_cast<int>(std::clamp<int64_t>(left, 0, 100)));
      if (rc > 0) return true;
      if (rc < 0 && errno != EINTR) return false;
      if (left <= 0 || listener_ == INVALID_SOCKET) return false;
    }
  }

  // Refills the buffer before the request deadline. On failure sets
  // fill_result_ (0: peer closed, -1: error or too late) and returns false.
  bool Fill() {
    for (;;) {
      const int64_t left = MsUntil(deadline_);
      if (left > 0 && !Poll(POLLIN, left)) {
        if (listener_ == INVALID_SOCKET) {  // stopping
          fill_result_ = -1;
          return false;
        }
        continue;  // woke before the deadline (millisecond rounding): wait the rest
      }
      if (left <= 0) {
        if (received_ > 0) {
          Fail(408, "Request Timeout", "timeout",
               "the request did not arrive within " + std::to_string(limits_.request_timeout_ms) + " ms");
          counters_.timed_out.fetch_add(1, std::memory_order_relaxed);
        }
        fill_result_ = -1;
        return false;
      }
      const ssize_t n = ::recv(sock_, buf_, sizeof(buf_), MSG_DONTWAIT);
      if (n > 0) {
        pos_ = 0;
        len_ = static_cast<size_t>(n);
        received_ += len_;
        return true;
      }
      if (n == 0) {
        fill_result_ = 0;
        return false;
      }
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        fill_result_ = -1;
        return false;
      }
    }
  }

  // Counts the next `n` buffered bytes of the request head; may shorten `n`
  // to stop at the end of the head. False (after a canned answer) when a
  // limit is exceeded.
  bool ScanHead(size_t& n) {
    for (size_t i = 0; i < n; ++i) {
      const char c = buf_[pos_ + i];
      if (c != '\n') {
        ++line_len_;
        if (request_line_ && line_len_ > limits_.max_request_line) {
          return Reject(414, "URI Too Long", "uri_too_long",
                        "request line longer than " + std::to_string(limits_.max_request_line) + " bytes");
        }
        if (!request_line_ && ++head_bytes_ > limits_.max_header_bytes) {
          return Reject(431, "Request Header Fields Too Large", "headers_too_large",
                        "request headers longer than " + std::to_string(limits_.max_header_bytes) + " bytes");
        }
        last_ = c;
        continue;
      }
      const bool empty_line = line_len_ == 0 || (line_len_ == 1 && last_ == '\r');
      line_len_ = 0;
      last_ = c;
      if (request_line_) {
        request_line_ = false;
        continue;
      }
      if (empty_line) {  // end of the head: the rest is body or the next request
        in_head_ = false;
        n = i + 1;
        return true;
      }
      if (++header_lines_ > limits_.max_header_count) {
        return Reject(431, "Request Header Fields Too Large", "headers_too_large",
                      "more than " + std::to_string(limits_.max_header_count) + " header lines");
      }
    }
    return true;
  }

  bool Reject(int status, const char* reason, std::string_view code, const std::string& message) {
    counters_.rejected.fetch_add(1, std::memory_order_relaxed);
    Fail(status, reason, code, message);
    return false;
  }

  void Fail(int status, const char* reason, std::string_view code, const std::string& message) {
    if (dead_) return;
    SendNow(sock_, CannedResponse(status, reason, code, message));
    dead_ = true;
  }

  const socket_t sock_;
  const ConnectionLimits& limits_;
  const std::atomic<socket_t>& listener_;
  Counters& counters_;
  char buf_[16 * 1024];
  size_t pos_ = 0, len_ = 0;
  ssize_t fill_result_ = -1;
  Clock::time_point deadline_ = Clock::now();
  bool in_head_ = true, request_line_ = true, dead_ = false;
  size_t line_len_ = 0, head_bytes_ = 0, header_lines_ = 0, received_ = 0;
  char last_ = 0;
};

// ---------------------------------------------------------------------------

GuardedServer::GuardedServer(ConnectionLimits limits)
    : limits_(limits),
      shed_response_(CannedResponse(503, "Service Unavailable", "unavailable",
                                    "the server is busy (too many connections); retry shortly",
                                    limits.retry_after_seconds)),
      lingerer_(std::make_unique<Lingerer>()) {
  new_task_queue = [this] {
    auto* pool = new Pool(limits_.threads, limits_.max_connections);
    pool_ = pool;
    return pool;
  };
  set_keep_alive_max_count(limits_.keep_alive_max);
  set_keep_alive_timeout(std::max(1, limits_.keep_alive_ms / 1000));  // the Keep-Alive header httplib writes
}

GuardedServer::~GuardedServer() { stop(); }

void GuardedServer::CloseAfterThisResponse() { t_close_after = true; }

void GuardedServer::RaiseBacklog() {
  const socket_t sock = svr_sock_;
  // Linux lets listen() be called again on a listening socket to resize its queue.
  if (sock != INVALID_SOCKET && limits_.listen_backlog > 0) ::listen(sock, limits_.listen_backlog);
}

void GuardedServer::Shed(socket_t sock) {
  counters_.shed.fetch_add(1, std::memory_order_relaxed);
  Drain(sock);
  SendNow(sock, shed_response_);
  ::shutdown(sock, SHUT_WR);
  lingerer_->Add(sock);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  if (t_shed) {
    Shed(sock);
    return true;
  }
  counters_.accepted.fetch_add(1, std::memory_order_relaxed);
  // Answers go out as httplib writes them (head, then body): without this,
  // Nagle's algorithm and the client's delayed ACK add 40 ms to each.
  int yes = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
  Stream stream(sock, limits_, svr_sock_, counters_);
  Pool* pool = pool_.load();
  auto others_waiting = [pool] { return pool != nullptr && pool->waiting() > 0; };
  bool ok = false;
  for (size_t served = 0; served < limits_.keep_alive_max; ++served) {
    // The first request may take the whole request time to start; later ones
    // the keep-alive time. While connections wait for a worker an idle one
    // is let go after a short grace.
    const int64_t wait_ms = served == 0 ? limits_.request_timeout_ms : limits_.keep_alive_ms;
    const int64_t grace_ms = served == 0 ? limits_.idle_grace_ms : limits_.idle_grace_ms / 2;
    if (!stream.WaitForRequest(wait_ms, [&](int64_t waited) { return waited >= grace_ms && others_waiting(); })) {
      break;
    }
    stream.BeginRequest();
    const bool last = served + 1 == limits_.keep_alive_max || (served + 1 >= limits_.fair_share && others_waiting());
    bool connection_closed = false;
    t_close_after = false;
    ok = process_request(stream, last, connection_closed, nullptr);
    if (!ok || connection_closed || last || stream.dead() || t_close_after) break;
  }
  if (stream.dead()) {
    // A canned 408/414/431 was sent while the client may still be sending:
    // closing now would reset the connection and could destroy the answer.
    ::shutdown(sock, SHUT_WR);
    lingerer_->Add(sock);
    return ok;
  }
  CloseSocket(sock);
  return ok;
}

}  // namespace ties
