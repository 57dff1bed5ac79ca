// native_places_test.cc: Russian, Kazakh and Chinese toponyms through the default stages up to
// "places" (sentences written for this test; native_places.h).
#include "extract/places/native_places.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/basic_stages.h"
#include "ties/document.h"
#include "ties/pipeline.h"

namespace ties {
namespace {

const Pipeline& Stages() {
  static const Pipeline* const pipeline = [] {
    Result<Pipeline> made = Pipeline::Create({"segment", "dateline", "entities", "places"},
                                             StageOptions{DefaultDataDir()});
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? new Pipeline(std::move(made).value()) : nullptr;
  }();
  return *pipeline;
}

Document RunStages(const std::string& language, const std::string& text) {
  Document doc;
  doc.meta.language = language;
  doc.text = text;
  for (const auto& stage : Stages().stages()) EXPECT_TRUE(stage->Process(doc).ok());
  return doc;
}

// "surface=NAME/COUNTRY" for each place, in text order.
std::vector<std::string> Places(const Document& doc) {
  std::vector<std::string> out;
  for (const Place& p : doc.places) out.push_back(std::string(doc.View(p.span)) + "=" + p.name + "/" + p.country);
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v) {
    if (x == s) return true;
  }
  return false;
}

TEST(NativePlacesTest, RussianCaseForms) {
  const Document doc = RunStages("ru", "Делегация из Италии прибыла в Астану, а затем отправилась в Шымкент и Китай.");
  const auto places = Places(doc);
  EXPECT_TRUE(Has(places, "Италии=Italy/ITA")) << ::testing::PrintToString(places);
  EXPECT_TRUE(Has(places, "Астану=Astana/KAZ")) << ::testing::PrintToString(places);
  EXPECT_TRUE(Has(places, "Шымкент=Shymkent/KAZ")) << ::testing::PrintToString(places);
  EXPECT_TRUE(Has(places, "Китай=China/CHN")) << ::testing::PrintToString(places);
  for (const std::string& p : places) EXPECT_EQ(p.find("Делегация"), std::string::npos) << p;
}

TEST(NativePlacesTest, KazakhSuffixes) {
  const Document doc = RunStages("kk", "Кеше көрме Алматыда және Қытайдың астанасында ашылды.");
  const auto places = Places(doc);
  EXPECT_TRUE(Has(places, "Алматыда=Almaty/KAZ")) << ::testing::PrintToString(places);
  EXPECT_TRUE(Has(places, "Қытайдың=China/CHN")) << ::testing::PrintToString(places);
}

TEST(NativePlacesTest, ChineseHanRuns) {
  const Document doc = RunStages("zh", "代表团从北京出发，经过上海，最后抵达哈萨克斯坦的阿斯塔纳。");
  const auto places = Places(doc);
  EXPECT_TRUE(Has(places, "北京=Beijing/CHN")) << ::testing::PrintToString(places);
  EXPECT_TRUE(Has(places, "哈萨克斯坦=Kazakhstan/KAZ")) << ::testing::PrintToString(places);
  EXPECT_TRUE(Has(places, "阿斯塔纳=Astana/KAZ")) << ::testing::PrintToString(places);
  for (const Place& p : doc.places) EXPECT_GE(p.span.size(), 6u);  // two Han characters at least
}

TEST(NativePlacesTest, EnglishDocumentsKeepTheirPath) {
  // English articles take the English path (the Latin name resolves as before).
  const Document doc = RunStages("en", "Officials in Astana met on Monday.");
  ASSERT_EQ(doc.places.size(), 1u);
  EXPECT_EQ(std::string(doc.View(doc.places[0].span)), "Astana");
  EXPECT_EQ(doc.places[0].country, "KAZ");
}

}  // namespace
}  // namespace ties
