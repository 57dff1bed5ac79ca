#include "ties/tags.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

TEST(TagsTest, EveryPosNameRoundTrips) {
  for (int i = 1; i < static_cast<int>(PosTag::kCount); ++i) {
    PosTag tag = static_cast<PosTag>(i);
    EXPECT_EQ(PosTagFromName(PosTagName(tag)), tag) << PosTagName(tag);
  }
}

TEST(TagsTest, ConllSpellings) {
  EXPECT_EQ(PosTagFromName("PRP$"), PosTag::kPRPS);
  EXPECT_EQ(PosTagFromName("\""), PosTag::kStraightQuote);
  EXPECT_EQ(PosTagFromName("NN|SYM"), PosTag::kSYM);
  EXPECT_EQ(PosTagFromName("XYZ"), PosTag::kNone);
}

TEST(TagsTest, CoarseClasses) {
  EXPECT_TRUE(IsNoun(PosTag::kNNPS));
  EXPECT_FALSE(IsNoun(PosTag::kPRP));
  EXPECT_TRUE(IsVerb(PosTag::kVBN));
  EXPECT_FALSE(IsVerb(PosTag::kMD));
  EXPECT_TRUE(IsFiniteVerb(PosTag::kVBZ));
  EXPECT_FALSE(IsFiniteVerb(PosTag::kVBG));
  EXPECT_TRUE(IsPunctuation(PosTag::kComma));
  EXPECT_FALSE(IsPunctuation(PosTag::kWRB));
}

TEST(TagsTest, ChunkTagsRoundTrip) {
  for (const char* name : {"B-NP", "I-NP", "B-VP", "I-SBAR", "B-PRT", "O"}) {
    EXPECT_EQ(ChunkTagName(ChunkTagFromName(name)), name);
  }
  EXPECT_EQ(ChunkTagFromName("B-XX"), ChunkTag{});
  EXPECT_EQ(ChunkTagFromName("garbage"), ChunkTag{});
  EXPECT_TRUE(ChunkTagFromName("B-PP").begin);
  EXPECT_EQ(ChunkTagFromName("I-ADJP").type, ChunkType::kADJP);
}

}  // namespace
}  // namespace ties
