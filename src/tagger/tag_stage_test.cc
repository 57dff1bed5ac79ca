// tag_stage_test.cc: the "tag" stage with the committed models (data/en/tagger).
#include "tagger/tag_stage.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "text/segment_stage.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

StageOptions Options() { return StageOptions{testing::DataDir()}; }

Document Tagged(const std::string& text, const std::string& language = "en") {
  Document doc;
  doc.text = text;
  doc.meta.language = language;
  Result<std::unique_ptr<Stage>> segment = MakeSegmentStage(Options());
  Result<std::unique_ptr<Stage>> tag = MakeTagStage(Options());
  EXPECT_TRUE(segment.ok() && tag.ok()) << (tag.ok() ? "" : tag.status().message());
  if (!segment.ok() || !tag.ok()) return doc;
  EXPECT_TRUE((*segment)->Process(doc).ok());
  EXPECT_TRUE((*tag)->Process(doc).ok());
  return doc;
}

std::vector<std::string> PosNames(const Document& doc) {
  std::vector<std::string> out;
  for (PosTag t : doc.pos) out.emplace_back(PosTagName(t));
  return out;
}

std::vector<std::string> ChunkNames(const Document& doc) {
  std::vector<std::string> out;
  for (ChunkTag t : doc.chunks) out.push_back(ChunkTagName(t));
  return out;
}

TEST(TagStage, TagsAnInventedSentence) {
  // Invented; the names are not in the training data's documents.
  const Document doc = Tagged("The minister said on Tuesday that the new bridge would open in May.");
  ASSERT_EQ(doc.pos.size(), doc.tokens.size());
  EXPECT_EQ(PosNames(doc), (std::vector<std::string>{"DT", "NN", "VBD", "IN", "NNP", "IN", "DT", "JJ", "NN", "MD",
                                                     "VB", "IN", "NNP", "."}));
  EXPECT_EQ(ChunkNames(doc), (std::vector<std::string>{"B-NP", "I-NP", "B-VP", "B-PP", "B-NP", "B-SBAR", "B-NP",
                                                       "I-NP", "I-NP", "B-VP", "I-VP", "B-PP", "B-NP", "O"}));
}

TEST(TagStage, NewsTypographyAndPossessives) {
  const Document doc = Tagged("Kazakhstan\u2019s exports rose 5 percent, officials said.");
  ASSERT_EQ(doc.tokens.size(), 10u);  // Kazakhstan ’s exports rose 5 percent , officials said .
  EXPECT_EQ(doc.pos[0], PosTag::kNNP);
  EXPECT_EQ(doc.pos[1], PosTag::kPOS);
  EXPECT_EQ(doc.pos[3], PosTag::kVBD);
  EXPECT_EQ(doc.pos[4], PosTag::kCD);
}

TEST(TagStage, OtherLanguagesGetEmptyTags) {
  const Document doc = Tagged("Министр заявила во вторник.", "ru");
  ASSERT_EQ(doc.pos.size(), doc.tokens.size());
  for (PosTag t : doc.pos) EXPECT_EQ(t, PosTag::kNone);
  for (ChunkTag t : doc.chunks) EXPECT_EQ(t.type, ChunkType::kNone);
}

TEST(TagStage, MissingModelFailsAtStartWithPath) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "tag_stage_no_models";
  std::filesystem::create_directories(dir / "en" / "tagger");
  Result<std::unique_ptr<Stage>> tag = MakeTagStage(StageOptions{dir.string()});
  ASSERT_FALSE(tag.ok());
  EXPECT_NE(tag.status().message().find("en/tagger/pos.model"), std::string::npos) << tag.status().message();
  std::ofstream(dir / "en" / "tagger" / "pos.model") << "garbage";
  tag = MakeTagStage(StageOptions{dir.string()});
  ASSERT_FALSE(tag.ok());
  EXPECT_NE(tag.status().message().find("pos.model"), std::string::npos);
}

}  // namespace
}  // namespace ties
