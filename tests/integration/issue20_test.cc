// issue20_test.cc: issue 20 end to end with the `ties` binary: the seed's story
// written in Russian, Kazakh and Chinese (samples/multilingual/) is ingested,
// and a Chinese word, an inflected Russian word and a Kazakh case form find
// their articles; datelines and dates come out in each language's style.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>
#include "testing/test_paths.h"

namespace {

namespace fs = std::filesystem;

std::string RunTies(const std::string& args, int* exit_code) {
  const std::string cmd = std::string(TIES_BINARY) + " " + args + " 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

const std::string kSamples = ties::testing::SourcePath("samples/multilingual");
const std::string kZh = "xinhua-zh-2025-06-16-kazakhstan-china-visa";
const std::string kRu = "xinhua-ru-2025-06-16-kazakhstan-china-visa";
const std::string kKk = "kazinform-kk-2025-06-16-kazakhstan-china-visa";

class Issue20Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One directory per process: ctest runs each test in its own process, in parallel.
    const fs::path dir = fs::path(TIES_TEST_BINARY_DIR) / "issue20_test" / std::to_string(getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    db_ = (dir / "t.db").string();
    int rc = -1;
    RunTies("--db " + db_ + " ingest --quiet " + kSamples, &rc);
    ASSERT_EQ(rc, 0);
  }
  static std::string Search(const std::string& query) {
    int rc = -1;
    const std::string out = RunTies("--db " + db_ + " search '" + query + "' --json", &rc);
    EXPECT_EQ(rc, 0) << query;
    return out;
  }
  static std::string db_;
};
std::string Issue20Test::db_;

TEST_F(Issue20Test, SearchFindsChineseWordsAndInflectedForms) {
  struct Case {
    std::string query;
    std::string finds;
    std::vector<std::string> not_found;
  };
  const Case cases[] = {
      {"免签", kZh, {kRu, kKk}},            // inside 免签以后 and 互免签证
      {"兩國媒體", kZh, {kRu, kKk}},        // a Traditional query; the text has both scripts
      {"визы", kRu, {kZh}},                 // визу, визовый, виз (and the Kazakh виза)
      {"казахстанский", kRu, {kZh, kKk}},   // Казахстана, Казахстаном: the stem казахстан
      {"Қазақстан", kKk, {kZh, kRu}},       // Қазақстанның, Қазақстан
      {"Балаевой", kRu, {kZh}},             // Балаева (and the Kazakh article's)
  };
  for (const auto& c : cases) {
    const std::string out = Search(c.query);
    EXPECT_NE(out.find(c.finds), std::string::npos) << c.query << ": " << out.substr(0, 400);
    for (const std::string& other : c.not_found) EXPECT_EQ(out.find(other), std::string::npos) << c.query;
  }
}

TEST_F(Issue20Test, SearchFiltersByLanguage) {
  int rc = -1;
  // Балаева is in the Russian and the Kazakh article; --language keeps one.
  std::string out = RunTies("--db " + db_ + " search Балаева --language kk --json", &rc);
  ASSERT_EQ(rc, 0);
  EXPECT_NE(out.find(kKk), std::string::npos) << out.substr(0, 400);
  EXPECT_EQ(out.find(kRu), std::string::npos);
  out = RunTies("--db " + db_ + " search Балаева --language ru --json", &rc);
  EXPECT_NE(out.find(kRu), std::string::npos);
  EXPECT_EQ(out.find(kKk), std::string::npos);
  out = RunTies("--db " + db_ + " search Балаева --language en --json", &rc);
  EXPECT_EQ(out.find(kRu), std::string::npos);
  out = RunTies("--db " + db_ + " quotes --language zh --json", &rc);
  ASSERT_EQ(rc, 0);
  EXPECT_NE(out.find(kZh), std::string::npos) << out.substr(0, 400);
  EXPECT_EQ(out.find(kRu), std::string::npos);
  EXPECT_EQ(out.find(kKk), std::string::npos);
  // Entities of English articles only: none here; of all languages: some.
  out = RunTies("--db " + db_ + " entities --language en --json", &rc);
  ASSERT_EQ(rc, 0);
  EXPECT_EQ(out.find("\"canonical\""), std::string::npos) << out.substr(0, 300);
  out = RunTies("--db " + db_ + " entities --json", &rc);
  EXPECT_NE(out.find("\"canonical\""), std::string::npos) << out.substr(0, 300);
}

TEST_F(Issue20Test, DatelinesAndDatesInEachLanguage) {
  struct Case {
    std::string id, place, agency, date_text;
  };
  const Case cases[] = {
      {kRu, "\"place\":\"Астана\"", "\"agency\":\"Xinhua\"", "16 июня 2025 года"},
      {kKk, "\"place\":\"Астана\"", "\"agency\":\"Kazinform\"", "2025 жылғы 16 маусым"},
      {kZh, "\"place\":\"阿斯塔纳\"", "\"agency\":\"Xinhua\"", "2025年6月16日"},
  };
  for (const auto& c : cases) {
    int rc = -1;
    const std::string out = RunTies("--db " + db_ + " show " + c.id, &rc);
    ASSERT_EQ(rc, 0) << c.id;
    EXPECT_NE(out.find(c.place), std::string::npos) << c.id << ": " << out.substr(0, 600);
    EXPECT_NE(out.find(c.agency), std::string::npos) << c.id;
    EXPECT_NE(out.find(c.date_text), std::string::npos) << c.id;
    EXPECT_NE(out.find("\"2025-06-16\""), std::string::npos) << c.id;
    // The native place gets its country from the gazetteer's native names (issue 20 item 3).
    EXPECT_NE(out.find("\"country\":\"KAZ\""), std::string::npos) << c.id << ": " << out.substr(0, 600);
  }
}

// The native places of each article resolve to the gazetteer (Астана, Қытай, 中国).
TEST_F(Issue20Test, NativePlacesAreGeocoded) {
  for (const std::string& id : {kRu, kKk, kZh}) {
    int rc = -1;
    const std::string out = RunTies("--db " + db_ + " show " + id, &rc);
    ASSERT_EQ(rc, 0) << id;
    EXPECT_NE(out.find("\"geonameid\":1526273"), std::string::npos) << id << ": Astana";  // GeoNames Astana
    EXPECT_NE(out.find("\"CHN\""), std::string::npos) << id << ": China";
  }
}

// Every quote of the three articles, direct and reported, has the minister as speaker.
TEST_F(Issue20Test, EveryQuoteHasTheMinisterAsSpeaker) {
  for (const std::string& id : {kRu, kKk, kZh}) {
    int rc = -1;
    const std::string out = RunTies("--db " + db_ + " quotes --article " + id + " --json", &rc);
    ASSERT_EQ(rc, 0) << id;
    size_t quotes = 0, named = 0;
    for (size_t p = out.find("\"speaker\":"); p != std::string::npos; p = out.find("\"speaker\":", p + 1)) {
      ++quotes;
      const std::string_view rest = std::string_view(out).substr(p, 80);
      if (rest.find("Балаева") != std::string::npos || rest.find("巴拉耶娃") != std::string::npos) ++named;
    }
    EXPECT_EQ(quotes, 3u) << id << ": " << out.substr(0, 600);
    EXPECT_EQ(named, quotes) << id << ": " << out.substr(0, 600);
  }
}

}  // namespace
