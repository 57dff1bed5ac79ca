#include "extract/dates/dates_stage.h"

#include <gtest/gtest.h>

#include "text/tokenizer.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

std::vector<std::pair<std::string, std::string>> Dates(const std::string& text, const std::string& published) {
  static auto stage = [] {
    StageOptions options;
    options.data_dir = testing::DataDir();
    return MakeDatesStage(options);
  }();
  EXPECT_TRUE(stage.ok()) << stage.status().ToString();
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

namespace ties {
namespace {

std::vector<std::pair<std::string, std::string>> NativeDatesOf(const std::string& lang, const std::string& text,
                                                               const std::string& published) {
  StageOptions options;
  options.data_dir = testing::DataDir();
  static auto stage = MakeDatesStage(options);
  EXPECT_TRUE(stage.ok()) << stage.status().ToString();
  Document doc;
  doc.text = text;
  doc.meta.published = published;
  doc.meta.language = lang;
  Tokenize(doc.text, doc.tokens);
  EXPECT_TRUE(stage.value()->Process(doc).ok());
  std::vector<std::pair<std::string, std::string>> out;
  for (const DateMention& d : doc.dates) out.emplace_back(std::string(doc.View(d.span)), d.value);
  return out;
}

TEST(DatesTest, ReadsRussianKazakhChineseDates) {
  struct Case {
    const char* lang;
    const char* text;
    std::vector<std::pair<std::string, std::string>> dates;
  };
  const Case cases[] = {
      {"ru", "Выставка открылась 16 июня 2025 года в Астане.", {{"16 июня 2025 года", "2025-06-16"}}},
      {"ru", "Выставка открылась 16 июня.", {{"16 июня", "2025-06-16"}}},
      {"ru", "Соглашение подписали в июне 2024 г. в Пекине.", {{"июне 2024 г.", "2024-06"}}},
      {"ru", "Договор 1992 года действует.", {{"1992 года", "1992"}}},
      {"ru", "Визит 31 июня не состоялся.", {}},
      {"kk", "Көрме 2025 жылғы 16 маусым күні ашылды.", {{"2025 жылғы 16 маусым", "2025-06-16"}}},
      {"kk", "Көрме 16 маусым күні ашылды.", {{"16 маусым", "2025-06-16"}}},
      {"kk", "Келісім 2024 жылғы маусымда жасалды.", {{"2024 жылғы маусымда", "2024-06"}}},
      {"zh", "2025年6月16日，展览开幕。", {{"2025年6月16日", "2025-06-16"}}},
      {"zh", "展览于6月16日开幕，2024年5月签署协议。", {{"6月16日", "2025-06-16"}, {"2024年5月", "2024-05"}}},
      {"zh", "新华社阿斯塔纳6月16日电", {{"6月16日", "2025-06-16"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(NativeDatesOf(c.lang, c.text, "2025-06-17"), c.dates) << c.text;
  // English text is read by the English rules only, whatever the data folders hold.
  EXPECT_EQ(NativeDatesOf("en", "It opened on 16 June.", "2025-06-17"),
            (std::vector<std::pair<std::string, std::string>>{{"16 June", "2025-06-16"}}));
}

}  // namespace
}  // namespace ties
