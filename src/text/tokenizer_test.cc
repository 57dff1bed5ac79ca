#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ties {
namespace {

std::vector<std::string> TokenTexts(const std::string& text) {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) out.emplace_back(text.substr(t.span.begin, t.span.size()));
  return out;
}

struct TokenCase {
  std::string text;
  std::vector<std::string> tokens;
};

TEST(TokenizerTest, SplitsNewsText) {
  const TokenCase cases[] = {
      {"people-to-people exchanges", {"people-to-people", "exchanges"}},
      {"China's achievements", {"China", "'s", "achievements"}},
      {"China\xE2\x80\x99s", {"China", "\xE2\x80\x99s"}},
      {"the U.S. and U.N. said", {"the", "U.S.", "and", "U.N.", "said"}},
      {"Mr. Smith", {"Mr", ".", "Smith"}},
      {"1,000.5 yuan at 10:34,", {"1,000.5", "yuan", "at", "10:34", ","}},
      {"(Xinhua) -- Cultural", {"(", "Xinhua", ")", "--", "Cultural"}},
      {"\"have helped us.\"", {"\"", "have", "helped", "us", ".", "\""}},
      {"\xE2\x80\x9CQuote\xE2\x80\x9D", {"\xE2\x80\x9C", "Quote", "\xE2\x80\x9D"}},
      {"O'Neill's", {"O'Neill", "'s"}},
      {"a\xC2\xA0" "b\xE3\x80\x80" "c", {"a", "b", "c"}},  // NBSP and ideographic space
      {"Côte d'Ivoire", {"Côte", "d'Ivoire"}},
      {"wait...", {"wait", "..."}},
      {"", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(TokenTexts(c.text), c.tokens) << c.text;
}

// Chinese has no spaces: Han runs are split by ICU's dictionary word iterator,
// and digits end a Han run ("6月16日" is six tokens).
TEST(TokenizerTest, SegmentsChineseWords) {
  const TokenCase cases[] = {
      {"两国人民的友谊", {"两国人民", "的", "友谊"}},
      {"6月16日", {"6", "月", "16", "日"}},
      {"她说：“两国互免签证政策”", {"她", "说", "：", "“", "两国", "互", "免", "签证", "政策", "”"}},
      {"GDP增长", {"GDP", "增长"}},
  };
  for (const auto& c : cases) EXPECT_EQ(TokenTexts(c.text), c.tokens) << c.text;
}

TEST(TokenizerTest, FlagsShapeAndLayout) {
  const std::string text = "ASTANA said\n\n\"Kazakh 2025";
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[0].Has(kTokAllUpper));
  EXPECT_TRUE(tokens[0].Has(kTokUpperInitial));
  EXPECT_FALSE(tokens[1].Has(kTokUpperInitial));
  EXPECT_TRUE(tokens[2].Has(kTokQuote));
  EXPECT_TRUE(tokens[2].Has(kTokParagraphBefore));
  EXPECT_TRUE(tokens[3].Has(kTokAlpha));
  EXPECT_TRUE(tokens[4].Has(kTokDigit));
}

TEST(TokenizerTest, SurvivesInvalidUtf8) {
  const std::string text = "ok \xFF\xFE bad \xC3";
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  for (const Token& t : tokens) {
    EXPECT_LE(t.span.end, text.size());
    EXPECT_LT(t.span.begin, t.span.end);
  }
}

}  // namespace
}  // namespace ties
