#include "text/dateline.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

struct DatelineCase {
  std::string text;
  std::string published;
  bool found;
  std::string place, date, agency, span_text;
};

TEST(DatelineTest, ParsesWireDatelines) {
  const DatelineCase cases[] = {
      {"ASTANA, June 16 (Xinhua) -- Cultural", "2025-06-17T10:34", true, "Astana", "2025-06-16", "Xinhua",
       "ASTANA, June 16 (Xinhua) --"},
      {"  WASHINGTON (AP) \xE2\x80\x94 The", "2025-03-01", true, "Washington", "", "AP", "WASHINGTON (AP) \xE2\x80\x94"},
      {"LONDON, Dec. 31 (Reuters) - Shares", "2026-01-01", true, "London", "2025-12-31", "Reuters",
       "LONDON, Dec. 31 (Reuters) -"},
      {"MOSCOW, June 3. /TASS/. Russia", "2025-06-03", true, "Moscow", "2025-06-03", "TASS", "MOSCOW, June 3. /TASS/."},
      {"NEW YORK -- Stocks", "", true, "New York", "", "", "NEW YORK --"},
      {"ALMATY, Kazakhstan, June 16 (Kazinform) -- Text", "2025-06-16", true, "Almaty", "2025-06-16", "Kazinform",
       "ALMATY, Kazakhstan, June 16 (Kazinform) --"},
      {"Astana, June 16 (Xinhua) -- lower", "2025-06-17", true, "Astana", "2025-06-16", "Xinhua",
       "Astana, June 16 (Xinhua) --"},
      {"TOKYO, Sept 5, 2024 (AFP) - Japan", "2024-09-05", true, "Tokyo", "2024-09-05", "AFP",
       "TOKYO, Sept 5, 2024 (AFP) -"},
      {"The minister said -- nothing", "2025-06-17", false, "", "", "", ""},
      {"Kazakhstan and China -- partners", "2025-06-17", false, "", "", "", ""},
      {"No dateline here.", "2025-06-17", false, "", "", "", ""},
  };
  for (const auto& c : cases) {
    Dateline d;
    const bool found = ParseDateline(c.text, c.published, &d);
    ASSERT_EQ(found, c.found) << c.text;
    if (!found) continue;
    EXPECT_EQ(d.place, c.place) << c.text;
    EXPECT_EQ(d.date, c.date) << c.text;
    EXPECT_EQ(d.agency, c.agency) << c.text;
    EXPECT_EQ(c.text.substr(d.span.begin, d.span.size()), c.span_text);
  }
}

TEST(DatelineTest, ResolvesYearAroundNewYear) {
  EXPECT_EQ(ResolveMonthDay(12, 31, "2026-01-02"), "2025-12-31");
  EXPECT_EQ(ResolveMonthDay(1, 2, "2025-12-31"), "2026-01-02");
  EXPECT_EQ(ResolveMonthDay(6, 16, "2025-06-17"), "2025-06-16");
  EXPECT_EQ(ResolveMonthDay(6, 16, ""), "");
}

}  // namespace
}  // namespace ties
