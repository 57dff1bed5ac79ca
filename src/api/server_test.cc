// server_test.cc: `ties serve` over real sockets: the HTTP transport with a
// fake engine, then the whole stack over a small SQLite store built by the
// pipeline in a temporary folder.
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
#include "ties/reader.h"
#include "ties/stage.h"
#include "ties/store.h"

namespace ties {
namespace {

namespace fs = std::filesystem;

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
    options.access_log = false;
    options.threads = 4;
    return options;
  }

  HttpServer server_;
  int port_ = 0;
  Status served_;
  std::thread thread_;
};

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("ties_api_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string ErrorCode(const std::string& body) {
  simdjson::dom::parser parser;
  std::string_view code;
  if (parser.parse(body)["error"]["code"].get(code) != simdjson::SUCCESS) return "<no error code>";
  return std::string(code);
}

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
  EXPECT_EQ(std::string_view(doc["next_cursor"]), "3");
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

  httplib::Headers accept = {{"Accept", "text/csv"}};
  res = client.Get("/api/articles?limit=5", accept);
  ASSERT_TRUE(res);
  EXPECT_EQ(std::count(res->body.begin(), res->body.end(), '\n'), 6);
  EXPECT_EQ(res->get_header_value("X-Next-Cursor"), "5");
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
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  // No way out of the static folder.
  res = client.Get("/../../etc/passwd");
  ASSERT_TRUE(res);
  EXPECT_NE(res->status, 200);
  res = client.Get("/%2e%2e/%2e%2e/etc/passwd");
  ASSERT_TRUE(res);
  EXPECT_NE(res->status, 200);
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

TEST(HttpServerBindTest, PortInUseIsAnError) {
  FakeQueryEngine engine;
  ServeOptions options;
  options.port = 0;
  options.access_log = false;
  HttpServer first(engine, options);
  Result<int> port = first.Bind();
  ASSERT_TRUE(port.ok());
  options.port = *port;
  HttpServer second(engine, options);
  Result<int> again = second.Bind();
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kUnavailable);
}

// ---------------------------------------------------------------------------
// The whole stack over a small store.

// Hand-written articles (ours, Apache-2.0). The last one carries markup that
// must never run in a browser.
constexpr const char* kArticles[] = {
    R"J({"id":"t-astana-1","title":"Kazakhstan and China sign tourism accord","source":"testwire","published":"2025-05-10","url":"https://example.org/astana-1","text":"ASTANA, May 10 (Testwire) -- Kazakhstan and China signed an agreement on tourism on Saturday. \"This accord opens a new chapter for our peoples,\" Foreign Minister Murat Nurtleu said in Astana."})J",
    R"J({"id":"t-beijing-2","title":"China praises cooperation with Kazakhstan","source":"testwire","published":"2025-06-02","url":"https://example.org/beijing-2","text":"BEIJING, June 2 (Testwire) -- China and Kazakhstan will expand trade and cultural exchanges, Chinese Foreign Minister Wang Yi said on Monday after talks in Beijing. \"Our friendship is as firm as a mountain,\" Wang said."})J",
    R"J({"id":"t-xss","title":"<script>alert('title')</script> Russia","source":"evilwire","published":"2025-06-05","url":"javascript:alert(1)","text":"MOSCOW, June 5 (Evilwire) -- <img src=x onerror=alert(1)> Russia and Kazakhstan discussed energy. \"<script>alert('quote')</script> We agree,\" said Russian Deputy Prime Minister Alexei Overchuk."})J",
};

class StoreApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(TempDir("store"));
    const std::string db = (*dir_ / "test.db").string();
    Result<Pipeline> pipeline = Pipeline::Create(DefaultStageNames(), StageOptions{DefaultDataDir()});
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
    Result<std::unique_ptr<Store>> store = OpenStore(db);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    std::vector<std::unique_ptr<Document>> docs;
    for (const char* line : kArticles) {
      auto doc = std::make_unique<Document>();
      Status s = ParseJsonArticle(line, "test", *doc);
      ASSERT_TRUE(s.ok()) << s.ToString();
      docs.push_back(std::move(doc));
    }
    const fs::path seed = fs::path(TIES_TEST_SHARED_DIR) / "seed" / "xinhua-2025-06-17-kazakhstan-china.txt";
    if (fs::exists(seed)) {
      std::ifstream in(seed);
      std::stringstream text;
      text << in.rdbuf();
      auto doc = std::make_unique<Document>();
      Status s = ParseTextArticle(text.str(), seed.filename().string(), *doc);
      ASSERT_TRUE(s.ok()) << s.ToString();
      *seed_id_ = doc->meta.id;
      docs.push_back(std::move(doc));
    }
    std::vector<const Document*> batch;
    for (auto& doc : docs) {
      Status s = pipeline->Process(*doc);
      ASSERT_TRUE(s.ok()) << s.ToString();
      batch.push_back(doc.get());
    }
    StoreCounts counts;
    ASSERT_TRUE((*store)->PutBatch(batch, counts).ok());
    ASSERT_TRUE((*store)->Flush().ok());
    Result<std::unique_ptr<QueryEngine>> engine = OpenQueryEngine(db);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = engine->release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    if (engine_ == nullptr) GTEST_SKIP() << "store setup failed";
    server_ = std::make_unique<RunningServer>(*engine_, ServeOptions{});
  }
  void TearDown() override { server_.reset(); }

  simdjson::dom::element GetJson(const std::string& path, int expected_status = 200) {
    auto res = server_->Client().Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path << " " << res->body;
    bodies_.push_back(res->body);
    simdjson::dom::element doc;
    EXPECT_EQ(parser_.parse(bodies_.back()).get(doc), simdjson::SUCCESS) << res->body;
    return doc;
  }

  static inline fs::path* dir_ = nullptr;
  static inline QueryEngine* engine_ = nullptr;
  static inline std::string* seed_id_ = new std::string;
  std::unique_ptr<RunningServer> server_;
  simdjson::dom::parser parser_;
  std::vector<std::string> bodies_;
};

TEST_F(StoreApiTest, SearchFindsArticles) {
  simdjson::dom::element doc = GetJson("/api/articles?q=tourism");
  std::vector<std::string> ids;
  for (simdjson::dom::element item : doc["items"].get_array()) ids.emplace_back(std::string_view(item["id"]));
  EXPECT_NE(std::find(ids.begin(), ids.end(), "t-astana-1"), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "t-xss"), ids.end());

  doc = GetJson("/api/articles?source=testwire&limit=1");
  EXPECT_EQ(doc["items"].get_array().size(), 1u);
  EXPECT_FALSE(doc["next_cursor"].is_null());
  const std::string cursor{std::string_view(doc["next_cursor"])};
  doc = GetJson("/api/articles?source=testwire&limit=1&cursor=" + httplib::detail::encode_query_param(cursor));
  EXPECT_EQ(doc["items"].get_array().size(), 1u);
  EXPECT_TRUE(doc["next_cursor"].is_null());

  doc = GetJson("/api/articles?from=2025-06-01&to=2025-06-03");
  ASSERT_EQ(doc["items"].get_array().size(), 1u);
  EXPECT_EQ(std::string_view(doc["items"].at(0)["id"]), "t-beijing-2");
}

TEST_F(StoreApiTest, BadFtsQueryIs400) {
  simdjson::dom::element doc = GetJson("/api/articles?q=%22unbalanced", 400);
  EXPECT_EQ(std::string_view(doc["error"]["code"]), "invalid_argument");
}

TEST_F(StoreApiTest, ArticleRecordWithSpans) {
  simdjson::dom::element doc = GetJson("/api/articles/t-beijing-2");
  EXPECT_EQ(std::string_view(doc["id"]), "t-beijing-2");
  const std::string_view text = doc["text"];
  EXPECT_NE(text.find("Wang Yi"), std::string_view::npos);
  bool wang = false;
  for (simdjson::dom::element e : doc["entities"].get_array()) {
    const std::string_view mention = e["text"];
    const uint64_t start = e["start"], end = e["end"];
    EXPECT_EQ(text.substr(start, end - start), mention);  // ASCII: code points == bytes
    if (std::string_view(e["canonical"]) == "Wang Yi") wang = true;
  }
  EXPECT_TRUE(wang);
  EXPECT_GE(doc["quotes"].get_array().size(), 1u);

  doc = GetJson("/api/articles/no-such-article", 404);
  EXPECT_EQ(std::string_view(doc["error"]["code"]), "not_found");
}

TEST_F(StoreApiTest, StoredMarkupComesBackEscaped) {
  auto res = server_->Client().Get("/api/articles/t-xss");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->body.find("<script>"), std::string::npos);
  EXPECT_EQ(res->body.find("<img"), std::string::npos);
  EXPECT_NE(res->body.find("\\u003cscript\\u003e"), std::string::npos);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  simdjson::dom::element doc;
  ASSERT_EQ(parser_.parse(res->body).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(doc["title"]), "<script>alert('title')</script> Russia");
  EXPECT_NE(std::string_view(doc["text"]).find("<img src=x onerror=alert(1)>"), std::string_view::npos);

  res = server_->Client().Get("/api/articles?q=energy");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body.find('<'), std::string::npos) << res->body;
}

TEST_F(StoreApiTest, QuotesEntitiesNetworkStats) {
  simdjson::dom::element doc = GetJson("/api/quotes?speaker=Wang");
  ASSERT_GE(doc["items"].get_array().size(), 1u);
  EXPECT_EQ(std::string_view(doc["items"].at(0)["article_id"]), "t-beijing-2");

  doc = GetJson("/api/entities?type=PERSON&limit=100");
  std::vector<std::string> people;
  for (simdjson::dom::element e : doc["items"].get_array()) people.emplace_back(std::string_view(e["canonical"]));
  EXPECT_NE(std::find(people.begin(), people.end(), "Wang Yi"), people.end());

  doc = GetJson("/api/network");
  bool kaz_chn = false;
  for (simdjson::dom::element e : doc["edges"].get_array()) {
    const std::string_view a = e["a"], b = e["b"];
    if ((a == "KAZ" && b == "CHN") || (a == "CHN" && b == "KAZ")) kaz_chn = uint64_t(e["articles"]) >= 2;
  }
  EXPECT_TRUE(kaz_chn);

  doc = GetJson("/api/stats");
  EXPECT_GE(uint64_t(doc["articles"]), 3u);
  EXPECT_EQ(std::string_view(doc["first_date"]), "2025-05-10");

  GetJson("/api/themes");
}

TEST_F(StoreApiTest, DyadSeriesHasData) {
  simdjson::dom::element doc = GetJson("/api/dyads/KAZ/CHN/series?by=month");
  uint64_t articles = 0;
  for (simdjson::dom::element p : doc["series"].get_array()) articles += uint64_t(p["articles"]);
  EXPECT_GE(articles, 2u);

  auto res = server_->Client().Get("/api/dyads/KAZ/CHN/series?format=csv");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body.rfind("period,articles,events,", 0), 0u);
  EXPECT_NE(res->body.find("\r\n2025-05,"), std::string::npos) << res->body;
}

TEST_F(StoreApiTest, SeedArticleHasBalayevaAndQuotes) {
  if (seed_id_->empty()) GTEST_SKIP() << "../shared/seed is absent";
  simdjson::dom::element doc = GetJson("/api/articles/" + httplib::detail::encode_query_param(*seed_id_));
  bool balayeva = false;
  for (simdjson::dom::element e : doc["entities"].get_array()) {
    if (std::string_view(e["canonical"]) == "Aida Balayeva") balayeva = true;
  }
  EXPECT_TRUE(balayeva);
  EXPECT_GE(doc["quotes"].get_array().size(), 2u);
}

}  // namespace
}  // namespace ties
