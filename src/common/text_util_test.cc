#include "common/text_util.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

TEST(TextUtilTest, MonthNames) {
  const std::pair<const char*, int> cases[] = {
      {"June", 6}, {"jun", 6}, {"Jun.", 6}, {"Sept.", 9}, {"DECEMBER", 12}, {"May", 5}, {"Ma", 0}, {"Junk", 0}};
  for (const auto& [word, month] : cases) EXPECT_EQ(MonthFromName(word), month) << word;
}

TEST(TextUtilTest, CivilDatesRoundTrip) {
  int y, m, d;
  CivilFromDays(DaysFromCivil(2024, 2, 29), &y, &m, &d);
  EXPECT_EQ(FormatDate(y, m, d), "2024-02-29");
  EXPECT_TRUE(ParseIsoDate("2025-06-17T10:34", &y, &m, &d));
  EXPECT_EQ(d, 17);
  EXPECT_FALSE(ParseIsoDate("2025-02-30", &y, &m, &d));
  EXPECT_FALSE(ParseIsoDate("2025-6-1", &y, &m, &d));
}

TEST(TextUtilTest, Utf8RepairAndCase) {
  std::string s = "ok\xC3(bad";
  EXPECT_FALSE(IsValidUtf8(s));
  EXPECT_EQ(RepairUtf8(s), 1u);
  EXPECT_TRUE(IsValidUtf8(s));
  EXPECT_EQ(Utf8TitleCase("NEW YORK"), "New York");
  EXPECT_EQ(Utf8Lower("ÇA VA"), "ça va");
  EXPECT_EQ(TrimAscii("  x y \r\n"), "x y");
}

}  // namespace
}  // namespace ties
