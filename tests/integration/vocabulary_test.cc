// vocabulary_test.cc: one vocabulary of result fields (issue 15 item 3).
//
// The same queries through the `ties` binary (--json, --csv, text) and through
// the HTTP API (an in-process `ties serve` on a loopback port) against one
// database ingested from samples/: the JSON documents must have the same field
// names and values, the CSV files must be identical, and the text tables must
// head their columns with the same names.
#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "api/test_server.h"
#include "query/result_fields.h"
#include "ties/query.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// Runs the ties binary with `args` (stderr discarded); returns its exit code and stdout.
RunResult RunTies(const std::string& args) {
  const std::string cmd = std::string(TIES_BINARY) + " " + args + " 2>/dev/null";
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Structural equality of two JSON values: the same keys in the same order, the
// same strings, numbers and booleans. Appends the first difference to `why`.
bool SameJson(simdjson::dom::element a, simdjson::dom::element b, const std::string& where, std::string& why) {
  if (a.type() != b.type()) {
    why = where + ": different types";
    return false;
  }
  switch (a.type()) {
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object oa = a.get_object(), ob = b.get_object();
      if (oa.size() != ob.size()) {
        why = where + ": " + std::to_string(oa.size()) + " vs " + std::to_string(ob.size()) + " fields";
        return false;
      }
      auto ib = ob.begin();
      for (auto field : oa) {
        if (field.key != (*ib).key) {
          why = where + ": field '" + std::string(field.key) + "' vs '" + std::string((*ib).key) + "'";
          return false;
        }
        if (!SameJson(field.value, (*ib).value, where + "." + std::string(field.key), why)) return false;
        ++ib;
      }
      return true;
    }
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array xa = a.get_array(), xb = b.get_array();
      if (xa.size() != xb.size()) {
        why = where + ": " + std::to_string(xa.size()) + " vs " + std::to_string(xb.size()) + " items";
        return false;
      }
      size_t i = 0;
      for (auto ia = xa.begin(), ib = xb.begin(); ia != xa.end(); ++ia, ++ib, ++i) {
        if (!SameJson(*ia, *ib, where + "[" + std::to_string(i) + "]", why)) return false;
      }
      return true;
    }
    case simdjson::dom::element_type::STRING:
      if (std::string_view(a) == std::string_view(b)) return true;
      why = where + ": \"" + std::string(std::string_view(a)) + "\" vs \"" + std::string(std::string_view(b)) + "\"";
      return false;
    case simdjson::dom::element_type::INT64: return int64_t(a) == int64_t(b) || (why = where + ": ints differ", false);
    case simdjson::dom::element_type::UINT64: return uint64_t(a) == uint64_t(b) || (why = where + ": ints differ", false);
    case simdjson::dom::element_type::DOUBLE: return double(a) == double(b) || (why = where + ": reals differ", false);
    case simdjson::dom::element_type::BOOL: return bool(a) == bool(b) || (why = where + ": booleans differ", false);
    case simdjson::dom::element_type::NULL_VALUE: return true;
    default: break;
  }
  why = where + ": a value this test cannot compare";
  return false;
}

class CliApiVocabularyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: ctest runs the tests of this suite in parallel, each in its own process.
    dir_ = new fs::path(fs::path(TIES_TEST_BINARY_DIR) / "vocabulary_test" / std::to_string(getpid()));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    db_ = new std::string((*dir_ / "samples.db").string());
    const fs::path samples = fs::path(testing::SourceDir()) / "samples";
    const RunResult ingest = RunTies("ingest --quiet " + (samples / "text").string() + " " +
                                     (samples / "jsonl").string() + " --db " + *db_);
    ASSERT_EQ(ingest.exit_code, 0);
    Result<std::unique_ptr<QueryEngine>> engine = OpenQueryEngine(*db_);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = engine->release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }
  void SetUp() override {
    if (engine_ == nullptr) GTEST_SKIP() << "the samples database could not be built";
    server_ = std::make_unique<RunningServer>(*engine_, ServeOptions{});
  }
  void TearDown() override { server_.reset(); }

  std::string Cli(const std::string& args) {
    const RunResult r = RunTies(args + " --db " + *db_);
    EXPECT_EQ(r.exit_code, 0) << "ties " << args;
    return r.out;
  }
  std::string Api(const std::string& path) {
    auto res = server_->Client().Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << path << " " << res->body;
    return res->body;
  }

  // `ties ARGS --json` and GET PATH answer the same JSON document.
  void ExpectSameJson(const std::string& args, const std::string& path) {
    const std::string cli = Cli(args + " --json");
    const std::string api = Api(path);
    simdjson::dom::parser cli_parser, api_parser;
    simdjson::dom::element cli_doc, api_doc;
    ASSERT_EQ(cli_parser.parse(cli).get(cli_doc), simdjson::SUCCESS) << args << ": " << cli.substr(0, 300);
    ASSERT_EQ(api_parser.parse(api).get(api_doc), simdjson::SUCCESS) << path << ": " << api.substr(0, 300);
    std::string why;
    EXPECT_TRUE(SameJson(cli_doc, api_doc, "$", why)) << "ties " << args << " --json vs " << path << ": " << why;
    // An empty answer would compare equal and prove nothing.
    for (const char* list : {"items", "series", "edges"}) {
      simdjson::dom::array rows;
      if (api_doc[list].get(rows) == simdjson::SUCCESS) EXPECT_GT(rows.size(), 0u) << path << ": no " << list;
    }
  }

  // `ties ARGS --csv` and GET PATH&format=csv answer the same file, headed by `fields`.
  template <typename Row>
  void ExpectSameCsv(const std::string& args, const std::string& path, std::span<const ResultField<Row>> fields) {
    const std::string cli = Cli(args + " --csv");
    const std::string api = Api(path + (path.find('?') == std::string::npos ? "?" : "&") + "format=csv");
    EXPECT_EQ(cli, api) << "ties " << args << " --csv vs " << path;
    std::string header;
    AppendCsvHeader(header, fields);
    EXPECT_EQ(cli.substr(0, header.size()), header) << args;
    EXPECT_GT(cli.size(), header.size()) << args << ": no rows, so the comparison proves little";
  }

  // Every column name of the text table (its first line) is a field name.
  template <typename Row>
  void ExpectTableHeaderNames(const std::string& args, std::span<const ResultField<Row>> fields) {
    std::string out = Cli(args);
    if (out.rfind("matching articles") != std::string::npos) out = out.substr(out.find('\n') + 1);  // search's count line
    const std::string first = out.substr(0, out.find('\n'));
    size_t i = 0, columns = 0;
    while (i < first.size()) {
      const size_t end = std::min(first.find("  ", i), first.size());
      const std::string name = first.substr(i, end - i);
      bool known = false;
      for (const ResultField<Row>& f : fields) known = known || f.name == name;
      EXPECT_TRUE(known) << "ties " << args << ": column '" << name << "' is not a result field";
      ++columns;
      i = first.find_first_not_of(' ', end);
      if (i == std::string::npos) break;
    }
    EXPECT_GE(columns, 2u) << first;
  }

  static inline fs::path* dir_ = nullptr;
  static inline std::string* db_ = nullptr;
  static inline QueryEngine* engine_ = nullptr;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(CliApiVocabularyTest, SearchIsTheSameEverywhere) {
  ExpectSameJson("search visa --limit 3", "/api/articles?q=visa&limit=3");
  ExpectSameJson("search China --limit 3 --cursor o3", "/api/articles?q=China&limit=3&cursor=o3");
  ExpectSameJson("search China --country KAZ --from 2025-01-01 --limit 5",
                 "/api/articles?q=China&country=KAZ&from=2025-01-01&limit=5");
  ExpectSameCsv("search China --limit 5", "/api/articles?q=China&limit=5", ArticleFields());
  ExpectTableHeaderNames("search China", ArticleFields());
}

TEST_F(CliApiVocabularyTest, QuotesAreTheSameEverywhere) {
  ExpectSameJson("quotes --limit 5", "/api/quotes?limit=5");
  ExpectSameJson("quotes --country KAZ --kind direct --limit 5", "/api/quotes?country=KAZ&kind=direct&limit=5");
  ExpectSameCsv("quotes --limit 10", "/api/quotes?limit=10", QuoteFields());
  ExpectTableHeaderNames("quotes", QuoteFields());
}

TEST_F(CliApiVocabularyTest, EntitiesAreTheSameEverywhere) {
  ExpectSameJson("entities --limit 10", "/api/entities?limit=10");
  ExpectSameJson("entities --type PERSON --country KAZ --limit 5", "/api/entities?type=PERSON&country=KAZ&limit=5");
  ExpectSameCsv("entities --limit 10", "/api/entities?limit=10", EntityFields());
  ExpectTableHeaderNames("entities", EntityFields());
  // The entity's name is `canonical`, as in the record; never `name`.
  const std::string json = Cli("entities --limit 1 --json");
  EXPECT_NE(json.find("\"canonical\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"name\""), std::string::npos) << json;
}

TEST_F(CliApiVocabularyTest, DyadSeriesIsTheSameEverywhere) {
  ExpectSameJson("dyad KAZ CHN", "/api/dyads/KAZ/CHN/series");
  ExpectSameJson("dyad kaz chn --by year --dedup", "/api/dyads/KAZ/CHN/series?by=year&dedup=true");
  ExpectSameCsv("dyad KAZ CHN", "/api/dyads/KAZ/CHN/series", DyadFields());
  ExpectTableHeaderNames("dyad KAZ CHN", DyadFields());
}

TEST_F(CliApiVocabularyTest, NetworkIsTheSameEverywhere) {
  ExpectSameJson("network", "/api/network");  // the same default limit
  ExpectSameJson("network --limit 3", "/api/network?limit=3");
  ExpectSameCsv("network --limit 10", "/api/network?limit=10", NetworkEdgeFields());
  ExpectTableHeaderNames("network", NetworkEdgeFields());
}

TEST_F(CliApiVocabularyTest, StatsAndRecordsAreTheSameEverywhere) {
  ExpectSameJson("stats", "/api/stats");
  EXPECT_EQ(Cli("stats --csv"), Api("/api/stats?format=csv"));
  // `ties show` and GET /api/articles/{id} serve the same record.
  const std::string id = "xinhua-2024-11-12-kazakhstan-china-tourism-visa";
  const std::string cli = Cli("show " + id);
  const std::string api = Api("/api/articles/" + id);
  simdjson::dom::parser cli_parser, api_parser;
  simdjson::dom::element cli_doc, api_doc;
  ASSERT_EQ(cli_parser.parse(cli).get(cli_doc), simdjson::SUCCESS);
  ASSERT_EQ(api_parser.parse(api).get(api_doc), simdjson::SUCCESS);
  std::string why;
  EXPECT_TRUE(SameJson(cli_doc, api_doc, "$", why)) << why;
}

}  // namespace
}  // namespace ties
