// test_server.h: test helpers: a server on an ephemeral loopback port.
// Test-only.
#ifndef TIES_API_TEST_SERVER_H_
#define TIES_API_TEST_SERVER_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
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
    options.threads = 4;
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

inline std::string ErrorCode(const std::string& body) {
  simdjson::dom::parser parser;
  std::string_view code;
  if (parser.parse(body)["error"]["code"].get(code) != simdjson::SUCCESS) return "<no error code>";
  return std::string(code);
}

}  // namespace ties

#endif  // TIES_API_TEST_SERVER_H_
