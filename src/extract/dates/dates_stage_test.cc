#include "extract/dates/dates_stage.h"

#include <gtest/gtest.h>

#include "text/tokenizer.h"

namespace ties {
namespace {

std::vector<std::pair<std::string, std::string>> Dates(const std::string& text, const std::string& published) {
  static auto stage = MakeDatesStage(StageOptions{});
  Document doc;
  doc.text = text;
  doc.meta.published = published;
  Tokenize(doc.text, doc.tokens);
  EXPECT_TRUE(stage.value()->Process(doc).ok());
  std::vector<std::pair<std::string, std::string>> out;
  for (const DateMention& d : doc.dates) out.emplace_back(std::string(doc.View(d.span)), d.value);
  return out;
}

TEST(DatesTest, ResolvesAgainstPublicationDate) {
  struct Case {
    const char* text;
    const char* published;
    std::string span, value;
  };
  // 2025-06-17 is a Tuesday.
  const Case cases[] = {
      {"It opened on June 16 in Astana.", "2025-06-17", "June 16", "2025-06-16"},
      {"It opened on June 16, 2024.", "2025-06-17", "June 16, 2024", "2024-06-16"},
      {"It opened on 16 June.", "2025-06-17", "16 June", "2025-06-16"},
      {"It opened on 16 June 2023.", "", "16 June 2023", "2023-06-16"},
      {"It opened last year.", "2025-06-17", "last year", "2024"},
      {"This year we celebrate.", "2025-06-17", "This year", "2025"},
      {"It opens next month.", "2025-06-17", "next month", "2025-07"},
      {"It opens next month.", "2025-12-17", "next month", "2026-01"},
      {"They met on Wednesday.", "2025-06-17", "Wednesday", "2025-06-11"},
      {"They met on Tuesday.", "2025-06-17", "Tuesday", "2025-06-17"},
      {"They meet next Friday.", "2025-06-17", "next Friday", "2025-06-20"},
      {"They met yesterday.", "2025-06-17", "yesterday", "2025-06-16"},
      {"It was founded in 2019.", "", "2019", "2019"},
      {"It happened in March.", "2025-06-17", "March", "2025-03"},
      {"It happened in March 2024.", "2025-06-17", "March 2024", "2024-03"},
      {"It was signed on 2024-05-01.", "", "2024-05-01", "2024-05-01"},
      {"It ended three days ago.", "2025-06-17", "three days ago", "2025-06-14"},
      {"It starts next week.", "2025-06-17", "next week", "2025-W26"},
      {"Dec. 31 was the last day.", "2026-01-02", "Dec. 31", "2025-12-31"},
  };
  for (const Case& c : cases) {
    const auto got = Dates(c.text, c.published);
    ASSERT_EQ(got.size(), 1u) << c.text;
    EXPECT_EQ(got[0].first, c.span) << c.text;
    EXPECT_EQ(got[0].second, c.value) << c.text;
  }
}

TEST(DatesTest, UnknownPublicationDateKeepsOnlyAbsoluteDates) {
  EXPECT_TRUE(Dates("They met yesterday and last year on June 16.", "").empty());
}

TEST(DatesTest, IgnoresWordsThatLookLikeDates) {
  EXPECT_TRUE(Dates("Prices may rise; 2000 people will march.", "2025-06-17").empty());
}

}  // namespace
}  // namespace ties
