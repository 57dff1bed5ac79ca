// server_test.cc: the HTTP transport of `ties serve` over real sockets, with a
// fake engine (store_api_test.cc runs the whole stack).
#include "api/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "api/fake_query_engine.h"
#include "api/test_server.h"

namespace ties {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Transport, with a fake engine.

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 2500; ++i) {
      ArticleHit hit;
      hit.id = "a" + std::to_string(i);
      hit.title = "Title, \"quoted\" " + std::to_string(i);
      engine_.articles.push_back(hit);
    }
    engine_.article_json["seed"] = R"({"id":"seed","title":"<b>x</b>"})";
    web_ = TempDir("web");
    std::ofstream(web_ / "index.html") << "<!doctype html><title>ties dashboard</title>";
    std::ofstream(web_ / "app.js") << "console.log('ok');";
    options_.static_dir = web_.string();
  }
  void TearDown() override { fs::remove_all(web_); }

  FakeQueryEngine engine_;
  fs::path web_;
  ServeOptions options_;
};

TEST_F(HttpServerTest, JsonWithSecurityHeaders) {
  RunningServer server(engine_, options_);
  auto client = server.Client();
  auto res = client.Get("/api/articles?limit=3&q=tourism");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("Content-Security-Policy").rfind("default-src 'self'", 0), 0u);
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(engine_.last_article_filter.query, "tourism");
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(res->body);
  EXPECT_EQ(doc["items"].get_array().size(), 3u);
  EXPECT_EQ(std::string_view(doc["next_cursor"]), "o3");
}

TEST_F(HttpServerTest, ErrorsAreJsonWithStatusCodes) {
  RunningServer server(engine_, options_);
  auto client = server.Client();
  struct Case {
    std::string method, path;
    int status;
    const char* code;
  };
  const Case cases[] = {
      {"GET", "/api/nothing-here", 404, "not_found"},
      {"GET", "/api/articles/missing", 404, "not_found"},
      {"GET", "/api/articles?limit=100000", 400, "invalid_argument"},
      {"GET", "/api/articles?bogus=1", 400, "invalid_argument"},
      {"GET", "/api/dyads/KAZ/C1N/series", 400, "invalid_argument"},
      {"POST", "/api/articles", 405, "method_not_allowed"},
      {"DELETE", "/api/articles/seed", 405, "method_not_allowed"},
      {"GET", "/no/such/file.js", 404, "not_found"},
  };
  for (const Case& c : cases) {
    httplib::Result res = c.method == "GET"    ? client.Get(c.path.c_str())
                          : c.method == "POST" ? client.Post(c.path.c_str(), "", "text/plain")
                                               : client.Delete(c.path.c_str());
    ASSERT_TRUE(res) << c.path;
    EXPECT_EQ(res->status, c.status) << c.method << " " << c.path << " " << res->body;
    EXPECT_EQ(ErrorCode(res->body), c.code) << c.path << " " << res->body;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << c.path;
  }
}

TEST_F(HttpServerTest, RequestBodyIsBounded) {
  options_.max_body_bytes = 1024;
  RunningServer server(engine_, options_);
  auto client = server.Client();
  auto res = client.Post("/api/articles", std::string(64 * 1024, 'x'), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(ErrorCode(res->body), "payload_too_large");
}

TEST_F(HttpServerTest, EngineExceptionsBecome500) {
  // An engine that throws must not take the server down.
  struct ThrowingEngine : FakeQueryEngine {
    Result<Stats> GetStats() override { throw std::runtime_error("boom"); }
  } engine;
  RunningServer server(engine, options_);
  auto client = server.Client();
  auto res = client.Get("/api/stats");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(ErrorCode(res->body), "internal");
  res = client.Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(HttpServerTest, CsvDownloadOfTheWholeList) {
  RunningServer server(engine_, options_);
  auto client = server.Client();
  auto res = client.Get("/api/articles?format=csv&all=true");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(res->get_header_value("X-Total-Count"), "2500");
  // Header + 2500 rows, over three pages of 1000.
  EXPECT_EQ(std::count(res->body.begin(), res->body.end(), '\n'), 2501);
  EXPECT_NE(res->body.find("\r\na2499,,,\"Title, \"\"quoted\"\" 2499\""), std::string::npos);

  // Streams are offered gzip, never brotli (too slow for large exports).
  client.set_decompress(false);
  res = client.Get("/api/articles?format=csv&all=true", {{"Accept-Encoding", "br, gzip"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
  client.set_decompress(true);

  httplib::Headers accept = {{"Accept", "text/csv"}};
  res = client.Get("/api/articles?limit=5", accept);
  ASSERT_TRUE(res);
  EXPECT_EQ(std::count(res->body.begin(), res->body.end(), '\n'), 6);
  EXPECT_EQ(res->get_header_value("X-Next-Cursor"), "o5");
}

TEST_F(HttpServerTest, ServesTheDashboardFiles) {
  RunningServer server(engine_, options_);
  auto client = server.Client();
  auto res = client.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("ties dashboard"), std::string::npos);
  EXPECT_EQ(res->get_header_value("Content-Security-Policy").rfind("default-src 'self'", 0), 0u);
  res = client.Get("/app.js");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->body, "console.log('ok');");
  // Hidden files are never served.
  std::ofstream(web_ / ".secret") << "token";
  res = client.Get("/.secret");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  // No way out of the static folder.
  res = client.Get("/../../etc/passwd");
  ASSERT_TRUE(res);
  EXPECT_NE(res->status, 200);
  res = client.Get("/%2e%2e/%2e%2e/etc/passwd");
  ASSERT_TRUE(res);
  EXPECT_NE(res->status, 200);
}

TEST_F(HttpServerTest, StaticFilesAreGzippedCachedAndRevalidated) {
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "function f" + std::to_string(i) + "() { return " + std::to_string(i) + "; }\n";
  std::ofstream(web_ / "big.js") << big;
  RunningServer server(engine_, options_);
  auto client = server.Client();
  client.set_decompress(false);
  auto res = client.Get("/big.js", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(res->body.size(), big.size() / 4);
  const std::string etag = res->get_header_value("ETag");
  EXPECT_FALSE(etag.empty());

  res = client.Get("/big.js");  // no Accept-Encoding: the plain file
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(res->body, big);

  res = client.Get("/big.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 304);
  EXPECT_TRUE(res->body.empty());

  // A changed file is re-read (new ETag) without a restart.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(web_ / "big.js") << "changed";
  res = client.Get("/big.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "changed");
}

TEST_F(HttpServerTest, ExplainsAMissingDashboard) {
  options_.static_dir = (web_ / "does-not-exist").string();
  RunningServer server(engine_, options_);
  auto res = server.Client().Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("npm run build --prefix web"), std::string::npos);
}

TEST_F(HttpServerTest, ServesConcurrentClients) {
  RunningServer server(engine_, options_);
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      auto client = server.Client();
      for (int i = 0; i < 25; ++i) {
        if (auto res = client.Get("/api/articles?limit=50"); res && res->status == 200) ++ok;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok.load(), 200);
}

// ---------------------------------------------------------------------------
// Limits (guarded_server.h): admission, request deadline, head caps.

TEST_F(HttpServerTest, SaturatedServerAnswers503WithRetryAfter) {
  options_.threads = 1;
  options_.max_connections = 2;
  options_.idle_grace_ms = 120000;
  options_.read_timeout_seconds = 120;
  RunningServer server(engine_, options_);
  // One connection holds the only worker, one waits for it: the server is full.
  RawConnection busy(server.port()), waiting(server.port());
  ASSERT_TRUE(busy.ok() && waiting.ok());
  // Connections are accepted in order, so the third is refused however slow
  // the machine is, as long as the idle `busy` is not let go meanwhile: its
  // grace (normally 1 s while others wait) and request time are made long.
  RawConnection refused(server.port());
  ASSERT_TRUE(refused.ok());
  refused.Send("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string response = refused.ReadAll(3000);
  EXPECT_EQ(RawStatus(response), 503) << response;
  EXPECT_NE(response.find("Retry-After: 1\r\n"), std::string::npos) << response;
  EXPECT_NE(response.find("X-Content-Type-Options: nosniff"), std::string::npos) << response;
  EXPECT_EQ(ErrorCode(RawBody(response)), "unavailable");
  EXPECT_GE(server.server().counters().shed, 1u);

  // The held connections still get served once they speak.
  busy.Send("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(RawStatus(busy.ReadAll(3000)), 200);
  waiting.Send("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(RawStatus(waiting.ReadAll(3000)), 200);
  // And so is the next client, now the server has room.
  auto res = server.Client().Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(HttpServerTest, SlowlorisGets408WithinTheRequestDeadline) {
  options_.read_timeout_seconds = 1;
  RunningServer server(engine_, options_);
  RawConnection slow(server.port());
  ASSERT_TRUE(slow.ok());
  // One header byte every 200 ms: every recv() is quick, the request never ends.
  const auto start = std::chrono::steady_clock::now();
  slow.Send("GET /api/health HTTP/1.1\r\n");
  bool cut = false;
  for (int i = 0; i < 40 && !cut; ++i) {  // bounded: 8 s at most
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cut = !slow.Send("X");
  }
  const std::string response = slow.ReadAll(3000);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(RawStatus(response), 408) << response;
  EXPECT_EQ(ErrorCode(RawBody(response)), "timeout");
  EXPECT_LT(seconds, 4.0);
  EXPECT_GE(server.server().counters().timed_out, 1u);
  // Meanwhile and afterwards others are served.
  auto res = server.Client().Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(HttpServerTest, RequestHeadIsBounded) {
  options_.max_header_count = 16;
  options_.max_request_line_bytes = 2048;
  RunningServer server(engine_, options_);
  struct Case {
    std::string name;
    std::string request;
    int status;
  };
  std::string many_headers = "GET /api/health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 100; ++i) many_headers += "X-H" + std::to_string(i) + ": v\r\n";
  many_headers += "\r\n";
  std::string fat_headers = "GET /api/health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 8; ++i) fat_headers += "X-Fat" + std::to_string(i) + ": " + std::string(7000, 'a') + "\r\n";
  fat_headers += "\r\n";
  const Case cases[] = {
      {"long request line", "GET /api/articles?q=" + std::string(3000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
      {"too many header lines", many_headers, 431},
      {"too many header bytes", fat_headers, 431},
      {"within limits", "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200},
  };
  for (const Case& c : cases) {
    RawConnection conn(server.port());
    ASSERT_TRUE(conn.ok());
    conn.Send(c.request);
    const std::string response = conn.ReadAll(3000);
    EXPECT_EQ(RawStatus(response), c.status) << c.name << ": " << response.substr(0, 200);
    if (c.status != 200) {
      EXPECT_NE(ErrorCode(RawBody(response)), "<no error code>") << c.name;
    }
  }
}

TEST_F(HttpServerTest, ManyConnectionsBeyondTheWorkersAreAllServed) {
  options_.threads = 2;
  RunningServer server(engine_, options_);
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int t = 0; t < 24; ++t) {  // 24 keep-alive clients over 2 workers: served in turn
    clients.emplace_back([&] {
      auto client = server.Client();
      client.set_keep_alive(true);
      for (int i = 0; i < 20; ++i) {
        if (auto res = client.Get("/api/articles?limit=5"); res && res->status == 200) ++ok;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok.load(), 24 * 20);
  EXPECT_EQ(server.server().counters().shed, 0u);
}

TEST(HttpServerBindTest, PortInUseIsAnError) {
  FakeQueryEngine engine;
  ServeOptions options;
  options.port = 0;
  options.quiet = true;
  HttpServer first(engine, options);
  Result<int> port = first.Bind();
  ASSERT_TRUE(port.ok());
  options.port = *port;
  HttpServer second(engine, options);
  Result<int> again = second.Bind();
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace ties
