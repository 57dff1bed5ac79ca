// clause_speech_test.cc: attributions read from the clause layer (issue #18),
// table-driven from tests/quotes/clause_speech.tsv through the real segment,
// tag, clause and quotes stages (no entities stage: speakers are the subject's text).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/data_file.h"
#include "extract/clause/clause_test_util.h"
#include "extract/quotes/quote_test_util.h"
#include "extract/quotes/reported_speech.h"

namespace ties {
namespace {

// One quote as the table spells it: kind|content|speaker|cue.
std::string Spell(const Document& doc, const Quote& q) {
  return std::string(QuoteKindName(q.kind)) + "|" + std::string(doc.View(q.span)) + "|" + q.speaker_name + "|" + q.cue;
}

struct Row {
  std::string name, text;
  std::vector<std::string> quotes;  // in text order
  int line = 0;
};

std::vector<Row> ReadRows() {
  std::vector<Row> rows;
  Status st = ReadTsv(std::string(TIES_TEST_SOURCE_DIR) + "/tests/quotes/clause_speech.tsv",
                      [&](const std::vector<std::string_view>& cols, int line) {
                        if (cols.size() != 3) return Status::ParseError("expected 3 columns");
                        Row r{std::string(cols[0]), std::string(cols[1]), {}, line};
                        if (cols[2] != "-") {
                          for (std::string_view q : SplitList(cols[2], '#')) r.quotes.emplace_back(q);
                        }
                        rows.push_back(std::move(r));
                        return Status::Ok();
                      });
  EXPECT_TRUE(st.ok()) << st.message();
  return rows;
}

TEST(ClauseSpeechTest, TableOfInventedSentences) {
  const std::vector<Row> rows = ReadRows();
  ASSERT_GE(rows.size(), 10u);
  clause_test::ClausePipeline pipeline;
  ASSERT_TRUE(pipeline.ok());
  for (const Row& row : rows) {
    Document doc = pipeline.Parse(row.text);
    ASSERT_TRUE(testing::QuotesStage().Process(doc).ok());
    std::vector<std::string> got;
    for (const Quote& q : doc.quotes) got.push_back(Spell(doc, q));
    EXPECT_EQ(got, row.quotes) << "clause_speech.tsv:" << row.line << " " << row.name;
  }
}

TEST(ClauseSpeechTest, CoordinatedSpeechNeedsClauses) {
  // Without the clause stage the cue pass reads one content across "but he said that".
  const std::string text =
      "The former governor agreed that the party rules should be modernised, but he said that the debate should wait.";
  Document plain = testing::Segmented(text);
  ASSERT_TRUE(testing::QuotesStage().Process(plain).ok());
  EXPECT_EQ(plain.quotes.size(), 1u);
  clause_test::ClausePipeline pipeline;
  ASSERT_TRUE(pipeline.ok());
  Document parsed = pipeline.Parse(text);
  ASSERT_TRUE(testing::QuotesStage().Process(parsed).ok());
  ASSERT_EQ(parsed.quotes.size(), 2u);
  EXPECT_EQ(parsed.View(parsed.quotes[0].span), "the party rules should be modernised");
  EXPECT_EQ(parsed.View(parsed.quotes[1].span), "the debate should wait");
}

}  // namespace
}  // namespace ties
