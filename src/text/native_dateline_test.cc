// native_dateline_test.cc: the agency layouts of Russian, Kazakh and Chinese copy
// (native_dateline.h), each with the data of its language folder.
#include "text/native_dateline.h"
#include "testing/test_paths.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace ties {
namespace {

const NativeDatelineRules& Rules(const std::string& lang) {
  static const auto* rules = [] {
    auto* m = new std::map<std::string, NativeDatelineRules>();
    for (const char* l : {"ru", "kk", "zh"}) {
      (*m)[l] = NativeDatelineRules::Load(testing::SourcePath("data/") + l).value();
    }
    return m;
  }();
  return rules->at(lang);
}

struct NativeCase {
  std::string lang, text, published;
  bool found;
  std::string place, date, agency, span_text;
};

TEST(NativeDatelineTest, ParsesAgencyLayouts) {
  const NativeCase cases[] = {
      {"ru", "АСТАНА, 16 июня (Синьхуа) -- Министр заявила", "2025-06-16T18:20", true, "Астана", "2025-06-16",
       "Xinhua", "АСТАНА, 16 июня (Синьхуа) --"},
      {"ru", "МОСКВА, 3 марта. /ТАСС/. Президент", "2025-03-03", true, "Москва", "2025-03-03", "TASS",
       "МОСКВА, 3 марта. /ТАСС/."},
      {"ru", "МОСКВА, 16 июн \xE2\x80\x94 РИА Новости. Власти", "2025-06-16", true, "Москва", "2025-06-16",
       "RIA Novosti", "МОСКВА, 16 июн \xE2\x80\x94 РИА Новости."},
      {"ru", "АСТАНА. КАЗИНФОРМ - Глава МИД", "2025-06-16", true, "Астана", "", "Kazinform", "АСТАНА. КАЗИНФОРМ -"},
      {"ru", "УСТЬ-КАМЕНОГОРСК, 2 января (Казинформ) \xE2\x80\x94 Текст", "2026-01-03", true, "Усть-Каменогорск",
       "2026-01-02", "Kazinform", "УСТЬ-КАМЕНОГОРСК, 2 января (Казинформ) \xE2\x80\x94"},
      {"ru", "В Астане, 16 июня, открылась выставка", "2025-06-16", false, "", "", "", ""},
      {"ru", "МОСКВА - обычный текст", "2025-06-16", false, "", "", "", ""},
      {"kk", "АСТАНА. 16 маусым. ҚазАқпарат - Министр", "2025-06-16", true, "Астана", "2025-06-16", "Kazinform",
       "АСТАНА. 16 маусым. ҚазАқпарат -"},
      {"kk", "АЛМАТЫ, 31 желтоқсан (Синьхуа) -- Мәтін", "2026-01-01", true, "Алматы", "2025-12-31", "Xinhua",
       "АЛМАТЫ, 31 желтоқсан (Синьхуа) --"},
      {"kk", "Астана қаласында көрме ашылды.", "2025-06-16", false, "", "", "", ""},
      {"zh", "新华社阿斯塔纳6月16日电（记者李明）哈萨克斯坦", "2025-06-16", true, "阿斯塔纳", "2025-06-16", "Xinhua",
       "新华社阿斯塔纳6月16日电（记者李明）"},
      {"zh", "中新社北京1月2日电 国务院", "2026-01-03", true, "北京", "2026-01-02", "China News Service",
       "中新社北京1月2日电"},
      {"zh", "本报北京6月16日电 记者", "2025-06-17", true, "北京", "2025-06-16", "", "本报北京6月16日电"},
      {"zh", "新华社北京电 据报道", "2025-06-17", true, "北京", "", "Xinhua", "新华社北京电"},
      {"zh", "新华社记者在北京看到", "2025-06-17", false, "", "", "", ""},
  };
  for (const auto& c : cases) {
    Dateline d;
    const bool found = ParseNativeDateline(c.text, c.published, Rules(c.lang), &d);
    ASSERT_EQ(found, c.found) << c.text;
    if (!found) continue;
    EXPECT_EQ(d.place, c.place) << c.text;
    EXPECT_EQ(d.date, c.date) << c.text;
    EXPECT_EQ(d.agency, c.agency) << c.text;
    EXPECT_EQ(c.text.substr(d.span.begin, d.span.size()), c.span_text) << c.text;
  }
}

TEST(NativeDatelineTest, SurvivesInvalidUtf8AndShortText) {
  for (const std::string text : {std::string("\xD0"), std::string("АСТАНА, 16 \xFF\xFE (Синьхуа) --"),
                                 std::string("新华社\xE4\xB8"), std::string("")}) {
    for (const char* lang : {"ru", "kk", "zh"}) {
      Dateline d;
      if (ParseNativeDateline(text, "2025-06-16", Rules(lang), &d)) EXPECT_LE(d.span.end, text.size());
    }
  }
}

TEST(DateWordsTest, ReadsMonthForms) {
  const DateWords ru = DateWords::Load(testing::SourcePath("data/ru")).value();
  EXPECT_EQ(ru.Month("июня"), 6);
  EXPECT_EQ(ru.Month("июн."), 6);
  EXPECT_EQ(ru.Month("июнь"), 6);
  EXPECT_EQ(ru.Month("виза"), 0);
  EXPECT_TRUE(ru.IsYearWord("г."));
  const DateWords kk = DateWords::Load(testing::SourcePath("data/kk")).value();
  EXPECT_EQ(kk.Month("маусым"), 6);
  EXPECT_EQ(kk.order, DateWords::Order::kYearDayMonth);
}

TEST(DateWordsTest, ReadsTheKeywordRulesWordsOfEnglish) {
  const DateWords en = DateWords::Load(testing::SourcePath("data/en")).value();
  EXPECT_EQ(en.order, DateWords::Order::kNone);  // no native pattern pass
  EXPECT_EQ(en.Month("sept."), 9);
  EXPECT_EQ(DateWords::Find(en.weekdays, "wednesday", -1), 2);
  EXPECT_EQ(DateWords::Find(en.numbers, "a", -1), 1);
  EXPECT_EQ(DateWords::Find(en.relative_days, "yesterday", 9), -1);
  EXPECT_EQ(DateWords::Find(en.directions, "coming", 9), 1);
  EXPECT_EQ(DateWords::Find(en.units, "week", DateWords::Unit::kNone), DateWords::Unit::kWeek);
  EXPECT_EQ(DateWords::Find(en.units, "weeks", DateWords::Unit::kNone), DateWords::Unit::kNone);  // plural
  EXPECT_EQ(DateWords::Find(en.unit_plurals, "weeks", DateWords::Unit::kNone), DateWords::Unit::kWeek);
  EXPECT_TRUE(en.month_needs_number.count("may"));
  EXPECT_TRUE(en.not_year_after.count("people"));
}

TEST(DateWordsTest, ABadLineNamesTheFileAndLine) {
  const std::string dir = ::testing::TempDir() + "/date_words_bad";
  std::filesystem::create_directories(dir);
  for (const char* bad : {"month 13 smarch", "weekday 7 funday", "unit fortnight fortnight", "colour blue"}) {
    std::ofstream(dir + "/dates.txt") << "# header\nmonth 1 january\n" << bad << "\n";
    const Result<DateWords> r = DateWords::Load(dir);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("dates.txt:3:"), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(DateWords::Load(dir + "/absent").status().code(), StatusCode::kNotFound);
}

TEST(NativeDatelineRulesTest, ABadLineNamesTheFileAndLine) {
  const std::string dir = ::testing::TempDir() + "/native_dateline_bad";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/dates.txt") << "month 1 january\n";
  std::ofstream(dir + "/dateline.txt") << "# header\nagency\tСиньхуа\tXinhua\nagencie Xinhua\n";
  const Result<NativeDatelineRules> r = NativeDatelineRules::Load(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("dateline.txt:3: unknown line"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace ties
