#include "ingest/html_dates.h"

#include <gtest/gtest.h>

#include "common/text_util.h"

namespace ties {
namespace {

TEST(HtmlDatesTest, ParseDateText) {
  struct Case {
    std::string input, expected;
    DayOrder order = DayOrder::kMonthFirst;
  };
  const Case cases[] = {
      {"2025-06-17", "2025-06-17"},
      {"2025-06-17T10:34:00+02:00", "2025-06-17T10:34"},
      {"Published 2025/06/17 at 9:05 pm", "2025-06-17T21:05"},
      {"17.06.2025", "2025-06-17"},
      {"17.06.2025, 10:34 Uhr", "2025-06-17T10:34"},
      {"06/17/2025", "2025-06-17"},
      {"05/06/2025", "2025-05-06"},
      {"05/06/2025", "2025-06-05", DayOrder::kDayFirst},
      {"17/06/2025", "2025-06-17"},  // 17 cannot be a month
      {"June 17, 2025", "2025-06-17"},
      {"Jun 17th, 2025 10:34 am", "2025-06-17T10:34"},
      {"Tue, 17 Jun 2025 10:34:00 +0000", "2025-06-17T10:34"},
      {"17. Juni 2025", "2025-06-17"},
      {"17 juin 2025", "2025-06-17"},
      {"17 de junio de 2025", "2025-06-17"},
      {"17 giugno 2025", "2025-06-17"},
      {"17 июня 2025 г.", "2025-06-17"},
      {"17 Haziran 2025", "2025-06-17"},
      {"2025年6月17日", "2025-06-17"},
      {"2025년 6월 17일", "2025-06-17"},
      {"Posted by admin on March 3, 2024 in News", "2024-03-03"},
      {"© 2025 Example News", ""},            // a copyright year is not a date
      {"June 2025", ""},                      // no day
      {"2025-02-30", ""},                     // invalid day
      {"Call 555-12-2025 now", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ParseDateText(c.input, c.order).Iso(), c.expected) << c.input;
  }
}

TEST(HtmlDatesTest, ParseDateValue) {
  const std::pair<std::string, std::string> cases[] = {
      {"2025-06-17T10:34:56Z", "2025-06-17T10:34"},
      {"20250617", "2025-06-17"},
      {"1750156496", "2025-06-17T10:34"},     // Unix seconds
      {"1750156496000", "2025-06-17T10:34"},  // Unix milliseconds
      {"  Tue, 17 Jun 2025 10:34:56 GMT ", "2025-06-17T10:34"},
      {"not a date", ""},
  };
  for (const auto& [input, expected] : cases) EXPECT_EQ(ParseDateValue(input).Iso(), expected) << input;
}

TEST(HtmlDatesTest, DateFromUrl) {
  const std::pair<std::string, std::string> cases[] = {
      {"https://example.com/2025/06/17/kazakhstan-china/", "2025-06-17"},
      {"https://example.com/news/2025-06-17-kazakhstan", "2025-06-17"},
      {"https://example.com/a/20250617/story.html", "2025-06-17"},
      {"https://example.com/2025/06/kazakhstan", ""},      // month only
      {"https://2025.example.com/06/17/x", ""},            // year in host
      {"https://example.com/item/1234567890", ""},
      {"https://example.com/2025/13/45/x", ""},
  };
  for (const auto& [url, expected] : cases) EXPECT_EQ(DateFromUrl(url).Iso(), expected) << url;
}

TEST(HtmlDatesTest, Plausibility) {
  const int64_t crawl = DaysFromCivil(2025, 6, 17);
  EXPECT_TRUE(PlausibleDate(ParseDateText("2025-06-17"), crawl));
  EXPECT_TRUE(PlausibleDate(ParseDateText("2025-06-18"), crawl));   // time zones: one day of slack
  EXPECT_FALSE(PlausibleDate(ParseDateText("2025-06-20"), crawl));  // after the crawl
  EXPECT_FALSE(PlausibleDate(ParseDateText("1994-12-31"), crawl));  // before the web
  EXPECT_FALSE(PlausibleDate(FoundDate{}, crawl));
  EXPECT_GT(TodayDays(), DaysFromCivil(2024, 1, 1));
}

}  // namespace
}  // namespace ties

namespace ties {
namespace {

TEST(HtmlDatesTest, ParseBylineDateReadsShortYearsAndRelativeDates) {
  const int64_t crawl = DaysFromCivil(2025, 6, 17);
  struct Case {
    std::string input, expected;
    int64_t crawl_days;
  };
  const Case cases[] = {
      {"28.01.22", "2022-01-28", 0},
      {"Posted 26/10/13, 03:48 pm", "2013-10-26T15:48", 0},  // day first in bylines
      {"von lupa am 05.06.24", "2024-06-05", 0},
      {"17. Juni 2025", "2025-06-17", 0},
      {"06/05/2025", "2025-05-06", 0},  // four-digit years keep the day-first order
      {"28.01.2022", "2022-01-28", 0},
      {"1.2.3.4", "", 0},               // a version number, not a date
      {"12.06.99", "1999-06-12", 0},    // 2099 is in the future: 1999
      {"3 hours ago", "2025-06-17", crawl},
      {"Published 2 days ago", "2025-06-15", crawl},
      {"vor 3 Tagen", "2025-06-14", crawl},
      {"il y a 1 semaine", "2025-06-10", crawl},
      {"hace 2 días", "2025-06-15", crawl},
      {"2 дня назад", "2025-06-15", crawl},
      {"3 giorni fa", "2025-06-14", crawl},
      {"Yesterday, 10:34", "2025-06-16", crawl},
      {"gestern", "2025-06-16", crawl},
      {"heute", "2025-06-17", crawl},
      {"3 hours ago", "", 0},           // no crawl date: relative dates are not read
      {"3 apples", "", crawl},
      {"voraus 3 Stunden", "", crawl},  // "vor" must be a word
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseBylineDate(c.input, c.crawl_days).Iso(), c.expected) << c.input;
  }
  // Running text keeps its stricter parser: no two-digit years there.
  EXPECT_FALSE(ParseDateText("28.01.22").ok());
}

}  // namespace
}  // namespace ties
