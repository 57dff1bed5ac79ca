#include "extract/themes/themes_stage.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "text/tokenizer.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

std::vector<Theme> Themes(const std::string& text) {
  static auto stage = MakeThemesStage(StageOptions{testing::DataDir()});
  EXPECT_TRUE(stage.ok()) << stage.status().ToString();
  Document doc;
  doc.text = text;
  Tokenize(doc.text, doc.tokens);
  EXPECT_TRUE(stage.value()->Process(doc).ok());
  return doc.themes;
}

TEST(ThemesTest, RanksThemesByEvidence) {
  struct Case {
    const char* text;
    std::string top;
    uint32_t count;
  };
  const Case cases[] = {
      {"The two countries co-hosted art exhibitions and music concerts to celebrate their cultural heritage.",
       "culture", 5},
      {"Tourism grew as tourists from China visited hotels in Almaty.", "tourism", 3},
      {"The mutual visa exemption policy and visa-free travel helped migrants.", "visas", 3},
      {"Journalists and media outlets discussed press freedom.", "media", 3},
      {"Oil and gas exports through the pipeline rose.", "energy", 3},
      {"Troops and tanks took part in military exercises.", "military", 3},
  };
  for (const Case& c : cases) {
    const std::vector<Theme> themes = Themes(c.text);
    ASSERT_FALSE(themes.empty()) << c.text;
    EXPECT_EQ(themes[0].name, c.top) << c.text;
    EXPECT_EQ(themes[0].count, c.count) << c.text;
    for (size_t i = 1; i < themes.size(); ++i) EXPECT_GE(themes[i - 1].score, themes[i].score);
  }
}

TEST(ThemesTest, LongestPhraseCountsOnce) {
  const std::vector<Theme> themes = Themes("A mutual visa exemption and a visa regime.");
  ASSERT_EQ(themes.size(), 1u);
  EXPECT_EQ(themes[0].name, "visas");
  EXPECT_EQ(themes[0].count, 2u);
}

// Precision: one ambiguous word is no evidence; stop phrases count for nothing.
TEST(ThemesTest, RequiresEvidence) {
  struct Case {
    const char* text;
    std::vector<std::string> absent;   // themes that must not be reported
    std::vector<std::string> present;  // themes that must be reported
  };
  const Case cases[] = {
      {"Health workers began a cholera vaccination campaign. Our teams are vaccinating people, she told reporters.",
       {"sports", "democracy", "labor", "media"},
       {"health"}},
      {"The football team won the championship at the stadium.", {}, {"sports"}},
      {"Voters went to the polls in the presidential election campaign.", {}, {"democracy"}},
      {"The museum has space for a new exhibit.", {"space"}, {}},
      {"A single tourist arrived.", {"tourism"}, {}},
      {"The visa exemption starts in May.", {}, {"visas"}},  // one multi-word phrase is enough
  };
  for (const Case& c : cases) {
    std::vector<std::string> names;
    for (const Theme& t : Themes(c.text)) names.push_back(t.name);
    for (const std::string& a : c.absent) {
      EXPECT_EQ(std::find(names.begin(), names.end(), a), names.end()) << c.text << " has " << a;
    }
    for (const std::string& p : c.present) {
      EXPECT_NE(std::find(names.begin(), names.end(), p), names.end()) << c.text << " lacks " << p;
    }
    EXPECT_EQ(std::find(names.begin(), names.end(), "-"), names.end());
  }
}

TEST(ThemesTest, NoThemesInNeutralText) { EXPECT_TRUE(Themes("It was a quiet Tuesday.").empty()); }

}  // namespace
}  // namespace ties
