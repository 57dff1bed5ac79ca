// quote_marks_test.cc: quotation-mark pairing, one table row per quote form.
#include "extract/quotes/quote_marks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/quotes/quote_test_util.h"

namespace ties {
namespace {

struct MarksCase {
  const char* name;
  const char* text;
  std::vector<std::string> quotes;  // contents, outermost only, in order
};

const MarksCase kMarksCases[] = {
    {"straight", "He said: \"We will win.\" Then he left.", {"We will win."}},
    {"curly", "\xE2\x80\x9CWe will win,\xE2\x80\x9D she said.", {"We will win,"}},
    {"guillemets", "Il a dit \xC2\xAB nous gagnerons \xC2\xBB hier.", {"nous gagnerons"}},
    {"low_high", "Er sagte \xE2\x80\x9EWir gewinnen\xE2\x80\x9C gestern.", {"Wir gewinnen"}},
    {"nested_single", "\"He told me 'never again' twice,\" she said.", {"He told me 'never again' twice,"}},
    {"nested_curly_single",
     "\xE2\x80\x9CThey call it \xE2\x80\x98" "a disaster\xE2\x80\x99 now,\xE2\x80\x9D he said.",
     {"They call it \xE2\x80\x98" "a disaster\xE2\x80\x99 now,"}},
    {"apostrophes_are_not_marks", "The leaders' talks and China's plan didn't stall.", {}},
    {"partial", "She said the events \"have helped us learn more.\"", {"have helped us learn more."}},
    {"split", "\"First part,\" she said. \"Second part.\"", {"First part,", "Second part."}},
    {"no_space_after_closer", "\"Yes,\"she said.", {"Yes,"}},
    {"headline_single", "Minister: 'Ties will grow'\n\nBody text here.", {"Ties will grow"}},
    {"single_not_in_body", "Body 'text' here.\n\nMore \"text\" here.", {"text"}},
    {"british_single", "'We will win,' she said. 'They will lose,' he said.", {"We will win,", "They will lose,"}},
    {"multi_paragraph",
     "\"First paragraph of the quote.\n\n\"Second paragraph,\" he said.",
     {"First paragraph of the quote.\n\n\"Second paragraph,"}},
    {"unbalanced_stops_at_paragraph",
     "He said \"this never closes.\n\nNext paragraph has no quote at all.",
     {"this never closes."}},
    {"stray_closer_ignored", "It was 12\" wide and \"quite big\" too.", {"quite big"}},
    {"misset_closing_mark_as_opener",
     "the \xE2\x80\x9D" "like women in combat\xE2\x80\x9D were",
     {"like women in combat"}},
};

class MarksTest : public ::testing::TestWithParam<MarksCase> {};

TEST_P(MarksTest, PairsMarks) {
  const MarksCase& c = GetParam();
  Document doc = testing::Segmented(c.text);
  std::vector<MarkedQuote> found;
  FindMarkedQuotes(doc, found);
  std::vector<std::string> got;
  for (const MarkedQuote& q : found) got.emplace_back(doc.View(q.content));
  EXPECT_EQ(got, c.quotes) << c.text;
}

INSTANTIATE_TEST_SUITE_P(Forms, MarksTest, ::testing::ValuesIn(kMarksCases),
                         [](const ::testing::TestParamInfo<MarksCase>& info) { return info.param.name; });

TEST(MarksBoundsTest, UnclosedQuoteNeverSwallowsTheArticle) {
  std::string text = "He said \"it starts here and never closes.";
  for (int i = 0; i < 50; ++i) text += "\n\nAnother paragraph without marks number " + std::to_string(i) + ".";
  Document doc = testing::Segmented(text);
  std::vector<MarkedQuote> found;
  FindMarkedQuotes(doc, found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(doc.View(found[0].content), "it starts here and never closes.");
}

}  // namespace
}  // namespace ties
