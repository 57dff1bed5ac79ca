// tagger_growth_test.cc: the tag stage is linear in its input and survives
// adversarial text (issue #22; testing/growth.h).
#include <gtest/gtest.h>

#include <cstdlib>

#include "testing/growth.h"
#include "tagger/tag_stage.h"
#include "text/segment_stage.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

struct Stages {
  std::unique_ptr<Stage> segment, tag;
};

const Stages& Get() {
  static const Stages stages = [] {
    StageOptions options{testing::DataDir()};
    Stages s;
    s.segment = std::move(MakeSegmentStage(options)).value();
    Result<std::unique_ptr<Stage>> tag = MakeTagStage(options);
    EXPECT_TRUE(tag.ok()) << tag.status().message();
    if (tag.ok()) s.tag = std::move(tag).value();
    return s;
  }();
  return stages;
}

void TagDoc(Document& doc) {
  ASSERT_TRUE(Get().tag != nullptr);
  ASSERT_TRUE(Get().segment->Process(doc).ok());
  ASSERT_TRUE(Get().tag->Process(doc).ok());
  ASSERT_EQ(doc.pos.size(), doc.tokens.size());
}

void ExpectLinear(const std::string& unit) {
  testing::ExpectLinearGrowth([&](size_t n) {
    Document doc;
    doc.meta.language = "en";
    doc.text = testing::Repeat(unit, n);
    return testing::BestOfThreeSeconds([&] { TagDoc(doc); });
  });
}

TEST(TaggerGrowth, OneHundredThousandTokenSentence) {
  Document doc;
  doc.meta.language = "en";
  doc.text = testing::Repeat("alpha beta, gamma ", 600000);
  TagDoc(doc);
  EXPECT_GE(doc.tokens.size(), 100000u);
  EXPECT_EQ(doc.sentences.size(), 1u);
}

TEST(TaggerGrowth, LinearProse) { ExpectLinear("The ministry said on Tuesday that exports rose. "); }
TEST(TaggerGrowth, LinearOneSentence) { ExpectLinear("officials in the region said exports rose and "); }
TEST(TaggerGrowth, LinearAllCaps) { ExpectLinear("THE MINISTRY SAID EXPORTS ROSE SHARPLY "); }
TEST(TaggerGrowth, LinearNoSpaces) { ExpectLinear("themininstrysaidexportsrose,"); }
TEST(TaggerGrowth, LinearUnknownScripts) { ExpectLinear("ᚠᚢᚦ ꦲꦏ 𓀀𓀁 ⵜⴰⵎⴰ "); }

}  // namespace
}  // namespace ties
