// router_test.cc: the API router against a fake QueryEngine (no sockets).
#include "api/router.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <simdjson.h>

#include <span>
#include <string>
#include <vector>

#include "api/fake_query_engine.h"
#include "query/result_fields.h"

namespace ties {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

ApiRequest Get(std::string path, Params params = {}, std::string accept = "") {
  ApiRequest request;
  request.path = std::move(path);
  request.params = std::move(params);
  request.accept = std::move(accept);
  return request;
}

// Parses a JSON body; fails the test when it is not valid JSON.
simdjson::dom::element Parse(simdjson::dom::parser& parser, const std::string& body) {
  simdjson::dom::element doc;
  const auto error = parser.parse(body).get(doc);
  EXPECT_EQ(error, simdjson::SUCCESS) << body;
  return doc;
}

std::string ErrorCode(const ApiResponse& response) {
  simdjson::dom::parser parser;
  std::string_view code;
  if (parser.parse(response.body)["error"]["code"].get(code) != simdjson::SUCCESS) return "<no error code>";
  return std::string(code);
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 45; ++i) {
      ArticleHit hit;
      hit.id = "a" + std::to_string(i);
      hit.title = "Title " + std::to_string(i);
      hit.source = "xinhua";
      hit.published = "2025-06-17";
      hit.url = "https://example.org/" + std::to_string(i);
      hit.snippet = "…[Kazakhstan] and China…";
      hit.rank = -1.5 - i;
      engine_.articles.push_back(hit);
    }
    engine_.article_json["seed"] = R"({"id":"seed","text":"Hello","entities":[]})";
    QuoteRow q;
    q.article_id = "seed";
    q.kind = "direct";
    q.text = "have helped us learn more";
    q.speaker = "Aida Balayeva";
    q.speaker_country = "KAZ";
    q.speaker_role = "Minister of Culture and Information";
    engine_.quotes.push_back(q);
    q.speaker = "Wang Yi";
    q.speaker_country = "CHN";
    q.speaker_role = "Foreign Minister";
    engine_.quotes.push_back(q);
    q.speaker = "Someone";
    q.speaker_role = "spokesperson";
    engine_.quotes.push_back(q);
    engine_.entities.push_back({"Aida Balayeva", "PERSON", "KAZ", "minister", 1, 3});
    DyadPoint p;
    p.period = "2025-06";
    p.articles = 2;
    p.events = 3;
    p.quad[0] = 2;
    p.quad[1] = 1;
    p.mean_goldstein = 3.4;
    p.mean_tone = 2.5;
    engine_.dyad.push_back(p);
    engine_.network = {{"CHN", "KAZ", 5, 2}, {"KAZ", "RUS", 2, 0}};
    engine_.stats.articles = 45;
    engine_.stats.top_themes = {{"CULTURE", 4}, {"TOURISM", 2}};
    engine_.stats.top_countries = {{"KAZ", 40}, {"CHN", 30}};
  }

  FakeQueryEngine engine_;
  ApiRouter router_{engine_};
  simdjson::dom::parser parser_;
};

// Status codes and error codes for malformed or unknown requests.
TEST_F(RouterTest, RejectsBadRequestsWithJsonErrors) {
  struct Case {
    const char* method;
    const char* path;
    Params params;
    int status;
    const char* code;
  };
  const Case cases[] = {
      {"GET", "/api/nope", {}, 404, "not_found"},
      {"GET", "/api/articles/a/b/c", {}, 404, "not_found"},  // looked up as the id "a/b/c"
      {"GET", "/api/articles/missing", {}, 404, "not_found"},
      {"POST", "/api/articles", {}, 405, "method_not_allowed"},
      {"DELETE", "/api/articles/seed", {}, 405, "method_not_allowed"},
      {"GET", "/api/articles", {{"limit", "0"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"limit", "1001"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"limit", "ten"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"limit", "-5"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"from", "2025-13-01"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"from", "yesterday"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"from", "2025-06-02"}, {"to", "2025-06-01"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"country", "Kazakhstan"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"qq", "typo"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"q", "a"}, {"q", "b"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"q", std::string(2000, 'x')}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"format", "xml"}}, 400, "invalid_argument"},
      {"GET", "/api/articles", {{"all", "true"}}, 400, "invalid_argument"},
      {"GET", "/api/quotes", {{"kind", "shouted"}}, 400, "invalid_argument"},
      {"GET", "/api/entities", {{"type", "PLANET"}}, 400, "invalid_argument"},
      {"GET", "/api/dyads/KAZ/CHINA/series", {}, 400, "invalid_argument"},
      {"GET", "/api/dyads/KAZ/CHN/series", {{"by", "hour"}}, 400, "invalid_argument"},
      {"GET", "/api/dyads/KAZ/CHN/series", {{"dedup", "maybe"}}, 400, "invalid_argument"},
      {"GET", "/api/dyads/KAZ/CHN", {}, 404, "not_found"},
      {"GET", "/api/network", {{"limit", "5001"}}, 400, "invalid_argument"},
      {"GET", "/api/stats", {{"verbose", "1"}}, 400, "invalid_argument"},
  };
  for (const Case& c : cases) {
    ApiRequest request = Get(c.path, c.params);
    request.method = c.method;
    const ApiResponse response = router_.Handle(request);
    EXPECT_EQ(response.status, c.status) << c.method << " " << c.path << " " << response.body;
    EXPECT_EQ(ErrorCode(response), c.code) << c.path;
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8") << c.path;
  }
}

TEST_F(RouterTest, EngineErrorsMapToStatusCodes) {
  struct Case {
    Status status;
    int http;
    const char* code;
  };
  const Case cases[] = {
      {Status::InvalidArgument("search: fts5: syntax error"), 400, "invalid_argument"},
      {Status::NotFound("gone"), 404, "not_found"},
      {Status::Internal("bug"), 500, "internal"},
      {Status::Corruption("bad page"), 500, "corruption"},
      {Status::Unavailable("down"), 503, "unavailable"},
  };
  for (const Case& c : cases) {
    engine_.fail = c.status;
    for (const char* path : {"/api/articles", "/api/quotes", "/api/entities", "/api/network", "/api/stats",
                             "/api/themes", "/api/dyads/KAZ/CHN/series", "/api/articles/seed"}) {
      const ApiResponse response = router_.Handle(Get(path));
      EXPECT_EQ(response.status, c.http) << path;
      EXPECT_EQ(ErrorCode(response), c.code) << path;
    }
  }
}

TEST_F(RouterTest, QueriesRunUnderTheTimeBudget) {
  // No budget: no deadline reaches the engine.
  router_.Handle(Get("/api/articles"));
  EXPECT_EQ(engine_.last_deadline, std::chrono::steady_clock::time_point::max());

  RouterLimits limits;
  limits.query_budget_ms = 250;
  ApiRouter budgeted(engine_, limits);
  const auto before = std::chrono::steady_clock::now();
  ApiResponse response = budgeted.Handle(Get("/api/articles"));
  EXPECT_EQ(response.status, 200);
  EXPECT_GT(engine_.last_deadline, before);
  EXPECT_LE(engine_.last_deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(250));
  EXPECT_EQ(QueryDeadline(), std::chrono::steady_clock::time_point::max());  // restored after the request

  // An engine that gives up at the deadline answers ResourceExhausted: 503 with Retry-After.
  engine_.fail = Status::ResourceExhausted("query exceeded its time budget");
  response = budgeted.Handle(Get("/api/articles", {{"q", "a OR b OR c"}}));
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(ErrorCode(response), "resource_exhausted");
  bool retry_after = false;
  for (const auto& [name, value] : response.headers) retry_after |= name == "Retry-After";
  EXPECT_TRUE(retry_after);

  // The engine was interrupted at the deadline and said so its own way: the
  // answer names the budget.
  engine_.fail = Status::Ok();
  engine_.search_time = std::chrono::milliseconds(300);
  response = budgeted.Handle(Get("/api/articles", {{"q", "a"}}));
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(ErrorCode(response), "resource_exhausted");
  EXPECT_NE(response.body.find("250 ms"), std::string::npos) << response.body;
  // Without a budget the same slow search completes.
  EXPECT_EQ(router_.Handle(Get("/api/articles", {{"q", "a"}})).status, 200);
}

TEST_F(RouterTest, ForeignCursorsAreRejected) {
  for (const char* cursor : {"o-1", "o18446744073709551615", "o99999999999999999999", "1", "o", "' OR 1=1 --", "o1x"}) {
    const ApiResponse response = router_.Handle(Get("/api/articles", {{"cursor", cursor}}));
    EXPECT_EQ(response.status, 400) << cursor;
  }
  EXPECT_EQ(router_.Handle(Get("/api/articles", {{"cursor", "o20"}})).status, 200);
}

TEST_F(RouterTest, ArticlesPassFiltersAndPageWithCursor) {
  ApiResponse response = router_.Handle(Get("/api/articles", {{"q", "tourism"},
                                                              {"from", "2025-01-01"},
                                                              {"to", "2025-12-31"},
                                                              {"source", "xinhua"},
                                                              {"country", "kaz"},
                                                              {"entity", "Aida Balayeva"},
                                                              {"theme", "CULTURE"},
                                                              {"limit", "20"}}));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(engine_.last_article_filter.query, "tourism");
  EXPECT_EQ(engine_.last_article_filter.from, "2025-01-01");
  EXPECT_EQ(engine_.last_article_filter.to, "2025-12-31");
  EXPECT_EQ(engine_.last_article_filter.source, "xinhua");
  EXPECT_EQ(engine_.last_article_filter.country, "KAZ");  // upper-cased
  EXPECT_EQ(engine_.last_article_filter.entity, "Aida Balayeva");
  EXPECT_EQ(engine_.last_article_filter.theme, "CULTURE");

  // Walk every page: 45 rows in pages of 20 -> 20, 20, 5, then next_cursor null.
  std::vector<std::string> ids;
  std::string cursor;
  int pages = 0;
  do {
    Params params = {{"limit", "20"}};
    if (!cursor.empty()) params.emplace_back("cursor", cursor);
    response = router_.Handle(Get("/api/articles", params));
    ASSERT_EQ(response.status, 200);
    simdjson::dom::element doc = Parse(parser_, response.body);
    for (simdjson::dom::element item : doc["items"].get_array()) {
      ids.emplace_back(std::string_view(item["id"]));
    }
    EXPECT_EQ(uint64_t(doc["total"]), 45u);
    EXPECT_EQ(uint64_t(doc["limit"]), 20u);
    cursor = doc["next_cursor"].is_null() ? "" : std::string(std::string_view(doc["next_cursor"]));
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(ids.size(), 45u);
  EXPECT_EQ(ids.front(), "a0");
  EXPECT_EQ(ids.back(), "a44");
}

TEST_F(RouterTest, DefaultPageSizeIsTwenty) {
  router_.Handle(Get("/api/articles"));
  EXPECT_EQ(engine_.last_page.limit, 20u);
  router_.Handle(Get("/api/quotes", {{"limit", "1000"}}));
  EXPECT_EQ(engine_.last_page.limit, 1000u);
}

TEST_F(RouterTest, ArticleRecordIsPassedThrough) {
  const ApiResponse response = router_.Handle(Get("/api/articles/seed"));
  ASSERT_EQ(response.status, 200);
  simdjson::dom::element doc = Parse(parser_, response.body);
  EXPECT_EQ(std::string_view(doc["id"]), "seed");
  EXPECT_EQ(std::string_view(doc["text"]), "Hello");
}

TEST_F(RouterTest, ArticleIdsMayContainSlashes) {
  engine_.article_json["https://example.org/2025/06/17/story"] = R"({"id":"https://example.org/2025/06/17/story"})";
  const ApiResponse response = router_.Handle(Get("/api/articles/https://example.org/2025/06/17/story"));
  ASSERT_EQ(response.status, 200) << response.body;
  simdjson::dom::element doc = Parse(parser_, response.body);
  EXPECT_EQ(std::string_view(doc["id"]), "https://example.org/2025/06/17/story");
}

TEST_F(RouterTest, MarkupInDataIsEscapedInJson) {
  const std::string payload = "<script>alert(\"x\")</script> & <img src=x onerror=alert(1)>";
  engine_.article_json["xss"] = [&] {
    std::string json = R"({"id":"xss","title":")";
    json += "<script>alert(\\\"x\\\")</script> & <img src=x onerror=alert(1)>";
    json += R"("})";
    return json;
  }();
  engine_.articles[0].title = payload;
  for (const char* path : {"/api/articles/xss", "/api/articles"}) {
    const ApiResponse response = router_.Handle(Get(path));
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.body.find('<'), std::string::npos) << response.body;
    EXPECT_EQ(response.body.find('>'), std::string::npos) << response.body;
    EXPECT_NE(response.body.find("\\u003cscript\\u003e"), std::string::npos);
    simdjson::dom::element doc = Parse(parser_, response.body);
    const std::string_view title = std::string_view(path) == "/api/articles" ? std::string_view(doc["items"].at(0)["title"])
                                                                            : std::string_view(doc["title"]);
    EXPECT_EQ(title, payload);  // the decoded value is unchanged
  }
}

TEST_F(RouterTest, CsvByParameterOrAcceptHeader) {
  for (const ApiRequest& request :
       {Get("/api/articles", {{"format", "csv"}, {"limit", "2"}}), Get("/api/articles", {{"limit", "2"}}, "text/csv")}) {
    const ApiResponse response = router_.Handle(request);
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(response.body,
              "id,published,source,title,url,snippet,rank\r\n"
              "a0,2025-06-17,xinhua,Title 0,https://example.org/0,…[Kazakhstan] and China…,-1.5\r\n"
              "a1,2025-06-17,xinhua,Title 1,https://example.org/1,…[Kazakhstan] and China…,-2.5\r\n");
    bool has_cursor = false, has_disposition = false;
    for (const auto& [name, value] : response.headers) {
      if (name == "X-Next-Cursor") has_cursor = value == "o2";
      if (name == "Content-Disposition") has_disposition = value == "attachment; filename=\"ties-articles.csv\"";
    }
    EXPECT_TRUE(has_cursor);
    EXPECT_TRUE(has_disposition);
    EXPECT_FALSE(response.stream);
  }
}

TEST_F(RouterTest, CsvAllStreamsEveryPage) {
  const ApiResponse response = router_.Handle(Get("/api/articles", {{"format", "csv"}, {"all", "true"}, {"limit", "7"}}));
  ASSERT_EQ(response.status, 200);
  ASSERT_TRUE(response.stream);
  std::string body = response.body;
  bool done = false;
  int chunks = 0;
  for (;;) {
    std::string chunk;
    const bool more = response.stream(chunk, done);
    body += chunk;
    if (!more) break;
    ASSERT_LT(++chunks, 100);
  }
  EXPECT_TRUE(done);
  // Header + 45 rows.
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 46);
  EXPECT_NE(body.find("\r\na44,"), std::string::npos);
}

TEST_F(RouterTest, CsvStreamReportsFailureMidway) {
  const ApiResponse response = router_.Handle(Get("/api/articles", {{"format", "csv"}, {"all", "1"}, {"limit", "10"}}));
  ASSERT_TRUE(response.stream);
  engine_.fail = Status::Internal("disk went away");
  std::string chunk;
  bool done = true;
  EXPECT_FALSE(response.stream(chunk, done));
  EXPECT_FALSE(done);  // the transport must abort, not end the list cleanly
}

TEST_F(RouterTest, QuotesFilterAndRole) {
  ApiResponse response = router_.Handle(Get("/api/quotes", {{"speaker", "Aida"},
                                                            {"country", "KAZ"},
                                                            {"q", "learn"},
                                                            {"kind", "direct"},
                                                            {"article", "seed"}}));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(engine_.last_quote_filter.speaker, "Aida");
  EXPECT_EQ(engine_.last_quote_filter.country, "KAZ");
  EXPECT_EQ(engine_.last_quote_filter.query, "learn");
  EXPECT_EQ(engine_.last_quote_filter.kind, "direct");
  EXPECT_EQ(engine_.last_quote_filter.article, "seed");

  response = router_.Handle(Get("/api/quotes", {{"role", "MINISTER"}}));
  ASSERT_EQ(response.status, 200);
  simdjson::dom::element doc = Parse(parser_, response.body);
  std::vector<std::string> speakers;
  for (simdjson::dom::element item : doc["items"].get_array()) speakers.emplace_back(std::string_view(item["speaker"]));
  EXPECT_EQ(speakers, (std::vector<std::string>{"Aida Balayeva", "Wang Yi"}));
}

TEST_F(RouterTest, DyadSeriesJsonAndCsv) {
  ApiResponse response = router_.Handle(Get("/api/dyads/kaz/CHN/series", {{"by", "week"}, {"dedup", "true"}}));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(engine_.last_dyad.a, "KAZ");
  EXPECT_EQ(engine_.last_dyad.b, "CHN");
  EXPECT_EQ(engine_.last_dyad.by, "week");
  EXPECT_TRUE(engine_.last_dyad.dedup);
  simdjson::dom::element doc = Parse(parser_, response.body);
  simdjson::dom::element point = doc["series"].at(0);
  EXPECT_EQ(std::string_view(point["period"]), "2025-06");
  EXPECT_EQ(uint64_t(point["articles"]), 2u);
  EXPECT_EQ(uint64_t(point["verbal_coop"]), 2u);
  EXPECT_EQ(uint64_t(point["material_coop"]), 1u);
  EXPECT_DOUBLE_EQ(double(point["mean_goldstein"]), 3.4);

  response = router_.Handle(Get("/api/dyads/KAZ/CHN/series", {{"format", "csv"}}));
  EXPECT_EQ(response.body,
            "period,articles,events,verbal_coop,material_coop,verbal_conflict,material_conflict,mean_goldstein,"
            "mean_tone\r\n2025-06,2,3,2,1,0,0,3.4,2.5\r\n");
}

TEST_F(RouterTest, NetworkHasNodesAndCompleteness) {
  ApiResponse response = router_.Handle(Get("/api/network"));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(engine_.last_network_limit, 200u);
  simdjson::dom::element doc = Parse(parser_, response.body);
  EXPECT_EQ(std::string_view(doc["nodes"].at(0)["country"]), "KAZ");  // 5 + 2 articles
  EXPECT_EQ(uint64_t(doc["nodes"].at(0)["weight"]), 7u);
  EXPECT_EQ(doc["edges"].get_array().size(), 2u);
  EXPECT_TRUE(bool(doc["complete"]));

  response = router_.Handle(Get("/api/network", {{"limit", "1"}}));
  doc = Parse(parser_, response.body);
  EXPECT_EQ(doc["edges"].get_array().size(), 1u);
  EXPECT_FALSE(bool(doc["complete"]));  // the caller knows there may be more
}

TEST_F(RouterTest, StatsAndThemes) {
  ApiResponse response = router_.Handle(Get("/api/stats"));
  ASSERT_EQ(response.status, 200);
  simdjson::dom::element doc = Parse(parser_, response.body);
  EXPECT_EQ(uint64_t(doc["articles"]), 45u);
  EXPECT_EQ(std::string_view(doc["top_countries"].at(0)["name"]), "KAZ");

  response = router_.Handle(Get("/api/themes"));
  doc = Parse(parser_, response.body);
  EXPECT_EQ(std::string_view(doc["items"].at(1)["name"]), "TOURISM");
  EXPECT_EQ(uint64_t(doc["items"].at(1)["articles"]), 2u);

  response = router_.Handle(Get("/api/themes", {{"format", "csv"}}));
  EXPECT_EQ(response.body, "name,articles\r\nCULTURE,4\r\nTOURISM,2\r\n");
}

TEST_F(RouterTest, OpenApiDescribesEveryRoute) {
  const ApiResponse response = router_.Handle(Get("/api/openapi.json"));
  ASSERT_EQ(response.status, 200);
  simdjson::dom::element doc = Parse(parser_, response.body);
  EXPECT_EQ(std::string_view(doc["openapi"]), "3.0.3");
  for (const char* path : {"/api/articles", "/api/articles/{id}", "/api/quotes", "/api/entities",
                           "/api/dyads/{a}/{b}/series", "/api/network", "/api/themes", "/api/stats", "/api/health",
                           "/api/openapi.json", "/api/sources"}) {
    simdjson::dom::element get;
    EXPECT_EQ(doc["paths"][path]["get"].get(get), simdjson::SUCCESS) << path;
  }
}

// The property names of an OpenAPI object schema, in document order.
std::vector<std::string> SchemaProperties(simdjson::dom::element schema) {
  std::vector<std::string> names;
  simdjson::dom::object properties;
  if (schema["properties"].get(properties) != simdjson::SUCCESS) return names;
  for (auto field : properties) names.emplace_back(field.key);
  return names;
}

template <typename Row>
std::vector<std::string> FieldNames(std::span<const ResultField<Row>> fields) {
  std::vector<std::string> names;
  for (const ResultField<Row>& f : fields) names.emplace_back(f.name);
  return names;
}

// The OpenAPI schemas are hand-written: each result schema must list exactly
// the fields the router writes (query/result_fields.h), so they cannot drift.
TEST_F(RouterTest, OpenApiSchemasListTheResultFields) {
  const ApiResponse response = router_.Handle(Get("/api/openapi.json"));
  simdjson::dom::element doc = Parse(parser_, response.body);
  simdjson::dom::element schemas = doc["components"]["schemas"];
  auto items = [&](std::string_view list, std::string_view key) {
    return SchemaProperties(schemas[list]["properties"][key]["items"]);
  };
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(items("ArticleList", "items")), sorted(FieldNames(ArticleFields())));
  EXPECT_EQ(sorted(items("QuoteList", "items")), sorted(FieldNames(QuoteFields())));
  EXPECT_EQ(sorted(items("EntityList", "items")), sorted(FieldNames(EntityFields())));
  EXPECT_EQ(sorted(items("DyadSeries", "series")), sorted(FieldNames(DyadFields())));
  EXPECT_EQ(sorted(items("Network", "edges")), sorted(FieldNames(NetworkEdgeFields())));
  EXPECT_EQ(sorted(items("Network", "nodes")), sorted(FieldNames(NetworkNodeFields())));
  EXPECT_EQ(sorted(SchemaProperties(schemas["TopList"]["items"])), sorted(FieldNames(TopEntryFields())));
  std::vector<std::string> stats = FieldNames(StatsFields());
  for (const char* top : {"top_sources", "top_entities", "top_countries", "top_themes"}) stats.emplace_back(top);
  EXPECT_EQ(sorted(SchemaProperties(schemas["Stats"])), sorted(stats));
}

// Every "$ref" in the OpenAPI document points at an existing component.
void CollectRefs(simdjson::dom::element e, std::vector<std::string>& refs) {
  if (e.is_object()) {
    for (auto field : e.get_object()) {
      if (field.key == "$ref") refs.emplace_back(std::string_view(field.value));
      else CollectRefs(field.value, refs);
    }
  } else if (e.is_array()) {
    for (simdjson::dom::element child : e.get_array()) CollectRefs(child, refs);
  }
}

TEST_F(RouterTest, OpenApiReferencesResolve) {
  const ApiResponse response = router_.Handle(Get("/api/openapi.json"));
  simdjson::dom::element doc = Parse(parser_, response.body);
  std::vector<std::string> refs;
  CollectRefs(doc, refs);
  ASSERT_GT(refs.size(), 20u);
  for (const std::string& ref : refs) {
    ASSERT_EQ(ref.rfind("#/components/", 0), 0u) << ref;
    // "#/components/schemas/Iso3" -> doc["components"]["schemas"]["Iso3"]
    simdjson::dom::element node = doc;
    size_t pos = 2;
    while (pos < ref.size()) {
      const size_t end = std::min(ref.find('/', pos), ref.size());
      simdjson::dom::element next;
      ASSERT_EQ(node[ref.substr(pos, end - pos)].get(next), simdjson::SUCCESS) << ref;
      node = next;
      pos = end + 1;
    }
  }
}

TEST(CsvFieldTest, QuotesAndDefusesFormulas) {
  struct Case {
    std::string_view value;
    bool is_text;
    std::string_view expected;
  };
  const Case cases[] = {
      {"plain", true, "plain"},
      {"", true, ""},
      {"a,b", true, "\"a,b\""},
      {"say \"hi\"", true, "\"say \"\"hi\"\"\""},
      {"line\nbreak", true, "\"line\nbreak\""},
      {"=HYPERLINK(\"x\")", true, "\"'=HYPERLINK(\"\"x\"\")\""},
      {"+1", true, "\"'+1\""},
      {"-3.5", false, "-3.5"},
      {"@SUM", true, "\"'@SUM\""},
      {"Астана", true, "Астана"},
  };
  for (const Case& c : cases) {
    std::string out;
    AppendCsvField(out, c.value, c.is_text);
    EXPECT_EQ(out, c.expected) << c.value;
  }
}

TEST(EscapeJsonMarkupTest, EscapesOnlyMarkupCharacters) {
  struct Case {
    std::string input, expected;
  };
  const Case cases[] = {
      {R"({"a":"b"})", R"({"a":"b"})"},
      {R"({"a":"<b>&"})", R"({"a":"\u003cb\u003e\u0026"})"},
  };
  for (const Case& c : cases) {
    std::string json = c.input;
    EscapeJsonMarkup(json);
    EXPECT_EQ(json, c.expected);
  }
}

}  // namespace
}  // namespace ties
