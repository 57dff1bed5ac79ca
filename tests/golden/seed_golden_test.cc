// Golden test on the founding example: ../shared/seed (skipped when absent).
// Checks the metadata of expected.json exactly.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ties/reader.h"
#include "ties/pipeline.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

namespace fs = std::filesystem;

const fs::path kSeedDir = fs::path(testing::SharedPath("seed"));

Document ExtractSeed() {
  std::ifstream in(kSeedDir / "xinhua-2025-06-17-kazakhstan-china.txt", std::ios::binary);
  const std::string content((std::istreambuf_iterator<char>(in)), {});
  Document doc;
  EXPECT_TRUE(ParseTextArticle(content, "xinhua-2025-06-17-kazakhstan-china.txt", doc).ok());
  Result<Pipeline> pipeline = Pipeline::Create(DefaultStageNames(), StageOptions{DefaultDataDir()});
  EXPECT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  if (pipeline.ok()) EXPECT_TRUE(pipeline->Process(doc).ok());
  return doc;
}

TEST(SeedGoldenTest, MetadataMatchesExpectedJson) {
  if (!fs::exists(kSeedDir / "expected.json")) GTEST_SKIP() << "../shared/seed not present; seed golden test skipped";
  const Document doc = ExtractSeed();
  // Values from ../shared/seed/expected.json "metadata".
  EXPECT_EQ(doc.meta.title,
            "Interview: Cultural exchanges inject new momentum into Kazakhstan-China ties, says Kazakh minister");
  EXPECT_EQ(doc.meta.published, "2025-06-17T10:34");
  EXPECT_EQ(doc.meta.source, "Xinhua");
  EXPECT_EQ(doc.meta.language, "en");
  EXPECT_EQ(doc.dateline.place, "Astana");
  EXPECT_EQ(doc.dateline.country, "KAZ");
  EXPECT_EQ(doc.dateline.date, "2025-06-16");
  EXPECT_EQ(doc.dateline.agency, "Xinhua");
  EXPECT_EQ(doc.View(doc.dateline.span), "ASTANA, June 16 (Xinhua) --");
  EXPECT_GE(doc.sentences.size(), 12u);
  EXPECT_EQ(doc.text.substr(0, 6), "ASTANA");
}

}  // namespace
}  // namespace ties
