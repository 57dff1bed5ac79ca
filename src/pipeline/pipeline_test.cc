#include <gtest/gtest.h>

#include <algorithm>

#include "ties/pipeline.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

StageOptions Options() { return StageOptions{testing::DataDir()}; }

TEST(PipelineTest, DefaultPipelineBuilds) {
  Result<Pipeline> p = Pipeline::Create(DefaultStageNames(), Options());
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::vector<std::string_view> names;
  for (const auto& stage : p->stages()) names.push_back(stage->Name());
  EXPECT_EQ(names.front(), "language");  // before segment: splitting rules depend on the language
  EXPECT_NE(std::find(names.begin(), names.end(), "quotes"), names.end());
}

TEST(PipelineTest, RejectsStageBeforeItsRequirements) {
  Result<Pipeline> p = Pipeline::Create({"quotes", "segment"}, Options());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(p.status().message().find("requires"), std::string::npos);
}

// Issue 16: the error names the stage and each missing field, and only those.
TEST(PipelineTest, TheErrorNamesTheMissingFields) {
  Result<Pipeline> p = Pipeline::Create({"segment", "dateline", "tag", "quotes"}, Options());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "stage 'quotes' requires entities, clauses, which no earlier stage assigns");
  p = Pipeline::Create({"segment", "dateline", "entities", "places", "events"}, Options());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "stage 'events' requires quotes, tags, clauses, which no earlier stage assigns");
}

TEST(PipelineTest, RejectsUnknownStage) {
  Result<Pipeline> p = Pipeline::Create({"segment", "telepathy"}, Options());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("telepathy"), std::string::npos);
}

TEST(PipelineTest, SegmentsADocument) {
  Result<Pipeline> p = Pipeline::Create({"segment", "dateline"}, Options());
  ASSERT_TRUE(p.ok());
  Document doc;
  doc.text = "ASTANA, June 16 (Xinhua) -- One sentence. Another one.";
  doc.meta.published = "2025-06-17";
  ASSERT_TRUE(p->Process(doc).ok());
  EXPECT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.dateline.place, "Astana");
  EXPECT_EQ(doc.dateline.date, "2025-06-16");
  EXPECT_EQ(doc.dateline.country, "KAZ");  // capital -> country from countries.tsv
}

}  // namespace
}  // namespace ties
