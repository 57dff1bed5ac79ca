// fts_tokenizer_test.cc: the FTS5 tokenizer "ties" (fts_tokenizer.h) on an
// in-memory database: Chinese bigrams with Traditional -> Simplified folding,
// Russian and Kazakh word forms, and English exactly as unicode61 indexes it.
#include "store/sqlite/fts_tokenizer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

namespace ties {
namespace {

class FtsTokenizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_EQ(RegisterFtsTokenizer(db_), SQLITE_OK);
    Exec("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='ties')");
    Exec("CREATE VIRTUAL TABLE u USING fts5(text, tokenize='unicode61 remove_diacritics 2')");
    const char* rows[] = {
        "巴拉耶娃说：两国互免签证政策是高度互信的成果。",            // 1
        "據巴拉耶娃稱，兩國媒體合作也取得了豐碩成果。",                // 2 (Traditional)
        "Безвизовый режим: для поездки больше не нужно ждать визу.",  // 3
        "Визовый вопрос больше не мешает казахстанским студентам.",   // 4
        "Министр нанесла визит в Пекин.",                              // 5
        "Қазақстанның Мәдениет министрі визасыз режим туралы айтты.",  // 6
        "Kazakhstan and China''s visa-free policy, Café culture.",      // 7
    };
    for (const char* r : rows) {
      Exec(std::string("INSERT INTO t(text) VALUES ('") + r + "')");
      Exec(std::string("INSERT INTO u(text) VALUES ('") + r + "')");
    }
  }
  void TearDown() override { sqlite3_close(db_); }

  void Exec(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "") << sql;
  }

  std::vector<int> Match(const std::string& table, const std::string& query) {
    std::vector<int> rows;
    sqlite3_stmt* st = nullptr;
    const std::string sql = "SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?1 ORDER BY rowid";
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), SQLITE_OK);
    sqlite3_bind_text(st, 1, query.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) rows.push_back(sqlite3_column_int(st, 0));
    sqlite3_finalize(st);
    return rows;
  }

  sqlite3* db_ = nullptr;
};

TEST_F(FtsTokenizerTest, FindsChineseWordsInsideRuns) {
  EXPECT_EQ(Match("t", "免签"), (std::vector<int>{1}));       // 互免签证: the bigram 免签
  EXPECT_EQ(Match("t", "签证政策"), (std::vector<int>{1}));    // a phrase of bigrams
  EXPECT_EQ(Match("t", "巴拉耶娃"), (std::vector<int>{1, 2}));  // Traditional row 2 too
  EXPECT_EQ(Match("t", "成果"), (std::vector<int>{1, 2}));
  EXPECT_EQ(Match("t", "兩國"), (std::vector<int>{1, 2}));     // a Traditional query
  EXPECT_EQ(Match("t", "媒"), (std::vector<int>{2}));          // one character
  EXPECT_EQ(Match("t", "政策成果"), (std::vector<int>{}));      // not adjacent
  EXPECT_EQ(Match("u", "免签"), (std::vector<int>{}));          // unicode61: the run is one token
}

TEST_F(FtsTokenizerTest, FindsRussianAndKazakhWordForms) {
  // визу, визовый; and визит, which Snowball also stems to виз (it reads -ит as a verb ending).
  EXPECT_EQ(Match("t", "визы"), (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(Match("t", "казахстанский"), (std::vector<int>{4}));
  EXPECT_EQ(Match("t", "Пекина"), (std::vector<int>{5}));
  EXPECT_EQ(Match("t", "Қазақстан"), (std::vector<int>{6}));
  EXPECT_EQ(Match("t", "министр"), (std::vector<int>{5, 6}));  // министрі (Kazakh) too
  EXPECT_EQ(Match("u", "визы"), (std::vector<int>{}));
}

TEST_F(FtsTokenizerTest, EnglishIsUnicode61) {
  for (const char* q : {"visa", "china", "cafe", "Café", "visa-free", "s", "kazakhstan"}) {
    EXPECT_EQ(Match("t", std::string("\"") + q + "\""), Match("u", std::string("\"") + q + "\"")) << q;
  }
  EXPECT_EQ(Match("t", "cafe"), (std::vector<int>{7}));
}

TEST(FtsNormalizeTest, CyrillicWords) {
  EXPECT_EQ(NormalizeCyrillicWord("визы"), NormalizeCyrillicWord("визовый"));
  EXPECT_EQ(NormalizeCyrillicWord("визу"), NormalizeCyrillicWord("Визы"));
  EXPECT_EQ(NormalizeCyrillicWord("министрі"), NormalizeCyrillicWord("министр"));  // Kazakh and Russian paths meet
  EXPECT_EQ(NormalizeCyrillicWord("Қазақстан"), "қазақстан");
  EXPECT_EQ(NormalizeCyrillicWord("Қазақстанның"), "қазақстан");
  EXPECT_EQ(NormalizeCyrillicWord("казахстанский"), NormalizeCyrillicWord("Казахстан"));
  EXPECT_EQ(NormalizeCyrillicWord("Казахстаном"), NormalizeCyrillicWord("Казахстана"));
}

}  // namespace
}  // namespace ties
