// test_server.h: test helpers: a server on an ephemeral loopback port.
// Test-only.
#ifndef TIES_API_TEST_SERVER_H_
#define TIES_API_TEST_SERVER_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>

#include "api/server.h"

namespace ties {

// A server on an ephemeral loopback port, serving on a background thread.
class RunningServer {
 public:
  RunningServer(QueryEngine& engine, ServeOptions options) : server_(engine, Quiet(std::move(options))) {
    Result<int> port = server_.Bind();
    EXPECT_TRUE(port.ok()) << port.status().ToString();
    port_ = port.ok() ? *port : 0;
    thread_ = std::thread([this] { served_ = server_.Serve(); });
    // Stop() is a no-op until the accept loop runs: wait until it answers.
    httplib::Client client("127.0.0.1", port_);
    for (int attempt = 0; attempt < 200; ++attempt) {
      if (auto res = client.Get("/api/health"); res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "server did not start";
  }
  ~RunningServer() {
    server_.Stop();
    thread_.join();
    EXPECT_TRUE(served_.ok()) << served_.ToString();
  }

  int port() const { return port_; }
  const HttpServer& server() const { return server_; }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client;
  }

 private:
  static ServeOptions Quiet(ServeOptions options) {
    options.bind = "127.0.0.1";
    options.port = 0;
    options.quiet = true;
    if (options.threads == ServeOptions{}.threads) options.threads = 4;
    return options;
  }

  HttpServer server_;
  int port_ = 0;
  Status served_;
  std::thread thread_;
};

inline std::filesystem::path TempDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("ties_api_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A raw TCP connection to 127.0.0.1:port, for requests httplib::Client would
// normalise or refuse to send (NUL bytes, huge heads, trickled bytes).
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool ok() const { return fd_ >= 0; }
  // Sends all of `data`; false when the peer closed or reset.
  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  // Reads until the peer closes or `timeout_ms` passes.
  std::string ReadAll(int timeout_ms = 5000) {
    std::string out;
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[4096];
    while (std::chrono::steady_clock::now() < end) {
      pollfd pfd{fd_, POLLIN, 0};
      if (::poll(&pfd, 1, 50) <= 0) continue;
      const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
};

// The status code of a raw HTTP response ("HTTP/1.1 503 ..."), 0 when none.
inline int RawStatus(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.c_str() + 9);
}

// The body of a raw HTTP response (after the blank line).
inline std::string RawBody(const std::string& response) {
  const size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : response.substr(end + 4);
}

inline std::string ErrorCode(const std::string& body) {
  simdjson::dom::parser parser;
  std::string_view code;
  if (parser.parse(body)["error"]["code"].get(code) != simdjson::SUCCESS) return "<no error code>";
  return std::string(code);
}

}  // namespace ties

#endif  // TIES_API_TEST_SERVER_H_
