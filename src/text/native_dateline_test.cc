// native_dateline_test.cc: the agency layouts of Russian, Kazakh and Chinese copy
// (native_dateline.h), each with the data of its language folder.
#include "text/native_dateline.h"
#include "testing/test_paths.h"

#include <gtest/gtest.h>

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

TEST(NativeDatesTest, ReadsMonthForms) {
  const NativeDates ru = NativeDates::Load(testing::SourcePath("data/ru")).value();
  EXPECT_EQ(ru.Month("июня"), 6);
  EXPECT_EQ(ru.Month("июн."), 6);
  EXPECT_EQ(ru.Month("июнь"), 6);
  EXPECT_EQ(ru.Month("виза"), 0);
  EXPECT_TRUE(ru.IsYearWord("г."));
  const NativeDates kk = NativeDates::Load(testing::SourcePath("data/kk")).value();
  EXPECT_EQ(kk.Month("маусым"), 6);
  EXPECT_EQ(kk.order, NativeDates::Order::kYearDayMonth);
}

}  // namespace
}  // namespace ties
