// result_fields_test.cc: the result writers, and docs/record.md's tables of
// result fields against the code (the document is the contract, so it must
// list exactly the fields the CLI and the API write, with their types).
#include "query/result_fields.h"
#include "testing/test_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ties {
namespace {

// "### `articles`: ..." sections of docs/record.md's "## Result fields":
// section key -> (field, type) rows in document order.
std::map<std::string, std::vector<std::pair<std::string, std::string>>> DocumentedFields() {
  std::ifstream in(testing::SourcePath("docs/record.md"));
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> sections;
  std::string line, key;
  bool in_results = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      in_results = line.rfind("## Result fields", 0) == 0;
      key.clear();
      continue;
    }
    if (!in_results) continue;
    if (line.rfind("### `", 0) == 0) {
      key = line.substr(5, line.find('`', 5) - 5);
      sections[key];
      continue;
    }
    // | `name` | type | meaning |
    if (key.empty() || line.rfind("| `", 0) != 0) continue;
    const size_t name_end = line.find('`', 3);
    const size_t type_begin = line.find('|', name_end) + 1;
    const size_t type_end = line.find('|', type_begin);
    std::string type = line.substr(type_begin, type_end - type_begin);
    type.erase(0, type.find_first_not_of(' '));
    type.erase(type.find_last_not_of(' ') + 1);
    sections[key].emplace_back(line.substr(3, name_end - 3), type);
  }
  return sections;
}

template <typename Row>
std::vector<std::pair<std::string, std::string>> CodeFields(std::span<const ResultField<Row>> fields) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ResultField<Row>& f : fields) out.emplace_back(std::string(f.name), std::string(FieldTypeName(f)));
  return out;
}

TEST(ResultFieldsTest, RecordMdListsEveryResultField) {
  const auto documented = DocumentedFields();
  ASSERT_FALSE(documented.empty()) << "docs/record.md has no '## Result fields' section";
  EXPECT_EQ(documented.at("articles"), CodeFields(ArticleFields()));
  EXPECT_EQ(documented.at("quotes"), CodeFields(QuoteFields()));
  EXPECT_EQ(documented.at("entities"), CodeFields(EntityFields()));
  EXPECT_EQ(documented.at("series"), CodeFields(DyadFields()));
  EXPECT_EQ(documented.at("edges"), CodeFields(NetworkEdgeFields()));
  EXPECT_EQ(documented.at("nodes"), CodeFields(NetworkNodeFields()));
  EXPECT_EQ(documented.at("top"), CodeFields(TopEntryFields()));
  EXPECT_EQ(documented.at("stats"), CodeFields(StatsFields()));
  EXPECT_EQ(documented.size(), 8u);
}

TEST(ResultFieldsTest, TableColumnsAreResultFields) {
  auto names = [](auto fields) {
    std::vector<std::string_view> out;
    for (const auto& f : fields) out.push_back(f.name);
    return out;
  };
  for (std::string_view column : ArticleTableColumns()) {
    EXPECT_NE(std::ranges::count(names(ArticleFields()), column), 0) << column;
  }
  for (std::string_view column : QuoteTableColumns()) {
    EXPECT_NE(std::ranges::count(names(QuoteFields()), column), 0) << column;
  }
}

TEST(ResultFieldsTest, OneNameForOneConcept) {
  // An entity's name is `canonical` (as in the record), every article count is `articles`.
  EXPECT_EQ(EntityFields()[0].name, "canonical");
  for (const auto& f : EntityFields()) EXPECT_NE(f.name, "name");
  EXPECT_EQ(TopEntryFields()[1].name, "articles");
  EXPECT_EQ(NetworkNodeFields()[0].name, "country");
}

TEST(ResultFieldsTest, ListPageJsonAndCsv) {
  EntityRow e;
  e.canonical = "Aida Balayeva";
  e.type = "PERSON";
  e.country = "KAZ";
  e.role = "Minister, \"Culture\"";
  e.articles = 3;
  e.mentions = 7;
  EXPECT_EQ(ListPageJson(EntityFields(), std::vector<EntityRow>{e}, "o1", -1, 1),
            R"({"items":[{"canonical":"Aida Balayeva","type":"PERSON","country":"KAZ",)"
            R"("role":"Minister, \"Culture\"","articles":3,"mentions":7}],"next_cursor":"o1","limit":1})");
  EXPECT_EQ(ListPageJson(EntityFields(), std::vector<EntityRow>{}, "", 0, 20),
            R"({"items":[],"next_cursor":null,"total":0,"limit":20})");
  EXPECT_EQ(ListCsv(EntityFields(), std::vector<EntityRow>{e}),
            "canonical,type,country,role,articles,mentions\r\n"
            "Aida Balayeva,PERSON,KAZ,\"Minister, \"\"Culture\"\"\",3,7\r\n");
}

TEST(ResultFieldsTest, CellsOfEachType) {
  std::string csv;
  AppendFieldCsv(csv, FieldValue(std::string_view("=1+1")));
  EXPECT_EQ(csv, "\"'=1+1\"");  // a formula is defused
  csv.clear();
  AppendFieldCsv(csv, FieldValue(int64_t{-4}));
  EXPECT_EQ(csv, "-4");
  csv.clear();
  AppendFieldCsv(csv, FieldValue(std::nan("")));
  EXPECT_EQ(csv, "");
  EXPECT_EQ(FieldText(FieldValue(3.14159)), "3.14");
  EXPECT_EQ(FieldText(FieldValue(uint64_t{12})), "12");
  std::string json;
  JsonWriter w(json);
  w.BeginArray();
  WriteFieldJson(w, FieldValue(2.5));
  WriteFieldJson(w, FieldValue(std::nan("")));
  w.EndArray();
  EXPECT_EQ(json, "[2.5,null]");
}

TEST(ResultFieldsTest, NetworkNodesWeighTheirEdges) {
  const std::vector<NetworkEdge> edges = {{"CHN", "KAZ", 5, 1}, {"KAZ", "RUS", 2, 0}, {"AZE", "TUR", 2, 0}};
  const std::vector<NetworkNode> nodes = NetworkNodes(edges);
  ASSERT_EQ(nodes.size(), 5u);
  EXPECT_EQ(nodes[0].country, "KAZ");
  EXPECT_EQ(nodes[0].weight, 7u);
  EXPECT_EQ(nodes[1].country, "CHN");
  EXPECT_EQ(nodes[2].country, "AZE");  // ties broken by code
  EXPECT_EQ(NetworkJson(edges, 3),
            R"({"nodes":[{"country":"KAZ","weight":7},{"country":"CHN","weight":5},{"country":"AZE","weight":2},)"
            R"({"country":"RUS","weight":2},{"country":"TUR","weight":2}],"edges":[)"
            R"({"a":"CHN","b":"KAZ","articles":5,"events":1},{"a":"KAZ","b":"RUS","articles":2,"events":0},)"
            R"({"a":"AZE","b":"TUR","articles":2,"events":0}],"limit":3,"complete":false})");
}

TEST(ResultFieldsTest, StatsJsonAndCsv) {
  Stats s;
  s.articles = 12;
  s.first_date = "2024-09-05";
  s.top_themes = {{"TOURISM", 4}};
  const std::string json = StatsJson(s);
  EXPECT_EQ(json.rfind(R"({"articles":12,"sources":0,)", 0), 0u) << json;
  EXPECT_NE(json.find(R"("top_themes":[{"name":"TOURISM","articles":4}])"), std::string::npos) << json;
  EXPECT_EQ(ThemesJson(s), R"({"items":[{"name":"TOURISM","articles":4}],"next_cursor":null})");
  const std::string csv = StatsCsv(s);
  EXPECT_EQ(csv.rfind("metric,value\r\narticles,12\r\n", 0), 0u) << csv;
  EXPECT_NE(csv.find("first_date,2024-09-05\r\nlast_date,\r\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace ties
