// seed_golden_test.cc: the founding example (../shared/seed) through the default
// pipeline: KAZ->CHN events in roots 05 and 03 with their sentences, the expected
// themes among the top ones, and a positive tone. Skips when the seed is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "ties/reader.h"
#include "ties/pipeline.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

constexpr size_t kTopThemes = 8;  // "among the top ones"

TEST(SeedGoldenTest, KazakhstanChinaEventsThemesAndTone) {
  const std::string path = testing::SharedPath("seed/xinhua-2025-06-17-kazakhstan-china.txt");
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "seed article not found at " << path;
  std::stringstream buf;
  buf << in.rdbuf();
  Document doc;
  ASSERT_TRUE(ParseTextArticle(buf.str(), "seed.txt", doc).ok());
  Result<Pipeline> pipeline = Pipeline::Create(DefaultStageNames(), StageOptions{testing::DataDir()});
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  ASSERT_TRUE(pipeline->Process(doc).ok());

  // Events: KAZ* -> CHN* in roots 05 (spoke highly of) and 03 (expressed hope).
  auto has_root = [&](std::string_view root, std::string_view trigger_word) {
    for (const Event& e : doc.events) {
      if (e.source.substr(0, 3) == "KAZ" && e.target.substr(0, 3) == "CHN" && e.code.substr(0, 2) == root &&
          doc.View(e.sentence).find(trigger_word) != std::string_view::npos) {
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(has_root("05", "spoke highly of"));
  EXPECT_TRUE(has_root("03", "expressed hope"));
  for (const Event& e : doc.events) {
    EXPECT_FALSE(e.sentence.empty());
    EXPECT_FALSE(e.trigger.empty());
    EXPECT_LT(e.quad_class, 3) << "no conflict events in the seed: " << e.code << " " << doc.View(e.trigger);
  }

  // Themes: culture, tourism, media, visas, technology, diplomacy among the top ones.
  std::vector<std::string> top;
  for (size_t i = 0; i < doc.themes.size() && i < kTopThemes; ++i) top.push_back(doc.themes[i].name);
  for (const char* theme : {"culture", "tourism", "media", "visas", "technology", "diplomacy"}) {
    EXPECT_NE(std::find(top.begin(), top.end(), theme), top.end()) << theme;
  }

  // Tone: positive, with the seven values filled.
  EXPECT_GT(doc.tone.tone, 0);
  EXPECT_GT(doc.tone.word_count, 200u);
  EXPECT_NEAR(doc.tone.polarity, doc.tone.positive + doc.tone.negative, 1e-9);
  EXPECT_EQ(doc.quote_tones.size(), doc.quotes.size());

  // Dates: the dateline day and "last year" / "this year".
  auto has_date = [&](std::string_view value) {
    return std::any_of(doc.dates.begin(), doc.dates.end(), [&](const DateMention& d) { return d.value == value; });
  };
  EXPECT_TRUE(has_date("2025-06-16"));
  EXPECT_TRUE(has_date("2024"));
  EXPECT_TRUE(has_date("2025"));
}

}  // namespace
}  // namespace ties
