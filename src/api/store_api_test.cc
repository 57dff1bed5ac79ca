// store_api_test.cc: the whole `ties serve` stack over a small SQLite store
// built by the pipeline in a temporary folder: real search, records, quotes,
// dyads and the escaping of stored markup.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <httplib.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/server.h"
#include "api/test_server.h"
#include "ties/reader.h"
#include "ties/pipeline.h"
#include "ties/store.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

namespace fs = std::filesystem;

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
    const fs::path seed = fs::path(testing::SharedPath("seed/xinhua-2025-06-17-kazakhstan-china.txt"));
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

// Hostile or malformed search text is either answered or rejected with 400,
// never a 500, and never changes the database (SQL is parameterised).
TEST_F(StoreApiTest, HostileQueriesAreHarmless) {
  const char* queries[] = {
      "\"unbalanced", "AND OR", "*", "NEAR(", "title:xyz", "'; DROP TABLE articles; --",
      "\") OR 1=1 --", "%00", "\xF0\x28\x8C\x28",
  };
  for (const char* q : queries) {
    for (const char* path : {"/api/articles?q=", "/api/quotes?q=", "/api/entities?name=", "/api/quotes?speaker="}) {
      auto res = server_->Client().Get((std::string(path) + httplib::detail::encode_query_param(q)).c_str());
      ASSERT_TRUE(res) << path << q;
      EXPECT_TRUE(res->status == 200 || res->status == 400) << path << q << " -> " << res->status << " " << res->body;
      if (res->status == 400) EXPECT_EQ(ErrorCode(res->body), "invalid_argument") << res->body;
    }
  }
  simdjson::dom::element doc = GetJson("/api/stats");
  EXPECT_GE(uint64_t(doc["articles"]), 3u);
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

// GET /api/sources: empty before any fetch, then the fetch log's summary per source.
TEST_F(StoreApiTest, SourcesComeFromTheFetchLog) {
  simdjson::dom::element doc = GetJson("/api/sources");
  EXPECT_EQ(simdjson::dom::array(doc["items"]).size(), 0u);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((*dir_ / "test.db").string().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE fetch_log (seq INTEGER PRIMARY KEY, url TEXT NOT NULL, source TEXT, kind TEXT,"
                         " time TEXT NOT NULL, status INTEGER, bytes INTEGER, article_id TEXT, error TEXT, warc TEXT);"
                         "INSERT INTO fetch_log(url, source, kind, time, status, bytes, article_id, error) VALUES"
                         " ('http://127.0.0.1/feed', 'Desk', 'source', '2026-12-07T05:00:00Z', 200, 900, NULL, NULL),"
                         " ('http://127.0.0.1/a', 'Desk', 'page', '2026-12-07T05:00:01Z', 200, 5000, 'http://127.0.0.1/a', NULL),"
                         " ('http://127.0.0.1/b', 'Desk', 'page', '2026-12-07T05:00:02Z', 0, 0, NULL, 'Timeout was reached');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  doc = GetJson("/api/sources");
  simdjson::dom::array items = doc["items"];
  ASSERT_EQ(items.size(), 1u);
  simdjson::dom::element desk = items.at(0);
  EXPECT_EQ(std::string_view(desk["name"]), "Desk");
  EXPECT_EQ(uint64_t(desk["fetches"]), 3u);
  EXPECT_EQ(uint64_t(desk["failures"]), 1u);
  EXPECT_EQ(uint64_t(desk["articles"]), 1u);
  EXPECT_EQ(std::string_view(desk["last_success"]), "2026-12-07T05:00:01Z");
  EXPECT_EQ(std::string_view(desk["last_error"]), "Timeout was reached");
  GetJson("/api/sources?format=csv", 400);
  ASSERT_EQ(sqlite3_open((*dir_ / "test.db").string().c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "DROP TABLE fetch_log", nullptr, nullptr, nullptr);  // leave the shared database as it was
  sqlite3_close(db);
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

// The server reads while an ingest writes (SQLite WAL): a batch committed
// after the server started is visible to the next request.
TEST_F(StoreApiTest, ServesWhileAnIngestWrites) {
  Result<std::unique_ptr<Store>> store = OpenStore((*dir_ / "test.db").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Document doc;
  ASSERT_TRUE(ParseJsonArticle(
                  R"({"id":"t-late","title":"Late arrival","source":"latewire","published":"2025-07-01","text":"ALMATY, July 1 (Testwire) -- A late article about apricots."})",
                  "late", doc)
                  .ok());
  GetJson("/api/articles/t-late", 404);
  StoreCounts counts;
  ASSERT_TRUE((*store)->PutBatch({&doc}, counts).ok());
  ASSERT_TRUE((*store)->Flush().ok());
  simdjson::dom::element found = GetJson("/api/articles?q=apricots");
  ASSERT_EQ(found["items"].get_array().size(), 1u);
  EXPECT_EQ(std::string_view(found["items"].at(0)["id"]), "t-late");
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
