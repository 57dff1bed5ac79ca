#include "extract/tone/tone_stage.h"

#include <gtest/gtest.h>

#include "text/segment_stage.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

Document RunTone(const std::string& text, std::vector<Quote> quotes = {}) {
  static auto seg = MakeSegmentStage(StageOptions{testing::DataDir()});
  static auto tone = MakeToneStage(StageOptions{testing::DataDir()});
  EXPECT_TRUE(seg.ok() && tone.ok());
  Document doc;
  doc.text = text;
  doc.quotes = std::move(quotes);
  EXPECT_TRUE(seg.value()->Process(doc).ok());
  EXPECT_TRUE(tone.value()->Process(doc).ok());
  return doc;
}

TEST(ToneTest, SignOfTone) {
  struct Case {
    const char* text;
    int sign;  // +1, -1, 0
  };
  const Case cases[] = {
      {"The fruitful cooperation brought great success and friendship.", +1},
      {"The attack killed dozens and the crisis deepened.", -1},
      {"The meeting is on Tuesday.", 0},
      {"The talks were not successful.", -1},           // negation flips
      {"The results were not bad at all.", +1},          // negation flips a negative word
      {"Programs not only facilitate success but help.", +1},  // "not only" is not negation
  };
  for (const Case& c : cases) {
    const Tone t = RunTone(c.text).tone;
    if (c.sign > 0) {
      EXPECT_GT(t.tone, 0) << c.text;
    } else if (c.sign < 0) {
      EXPECT_LT(t.tone, 0) << c.text;
    } else {
      EXPECT_DOUBLE_EQ(t.tone, 0) << c.text;
    }
  }
}

TEST(ToneTest, NegationStaysInItsSentence) {
  // The "not" of the first sentence must not flip the second.
  const Tone t = RunTone("It was not. Success and friendship and cooperation.").tone;
  EXPECT_GT(t.tone, 0);
  EXPECT_EQ(t.word_count, 8u);
}

TEST(ToneTest, SevenValuesAndQuoteTones) {
  const std::string text = "We welcome the cooperation, she said. \"We condemn the attack,\" he said.";
  Quote q;
  q.span.begin = static_cast<uint32_t>(text.find("We condemn"));
  q.span.end = static_cast<uint32_t>(text.find(",\" he"));
  const Document doc = RunTone(text, {q});
  const Tone& t = doc.tone;
  EXPECT_EQ(t.word_count, 12u);
  EXPECT_NEAR(t.positive, 200.0 / 12, 1e-9);  // welcome, cooperation
  EXPECT_NEAR(t.negative, 200.0 / 12, 1e-9);  // condemn, attack
  EXPECT_NEAR(t.tone, 0, 1e-9);
  EXPECT_NEAR(t.polarity, 400.0 / 12, 1e-9);
  EXPECT_NEAR(t.self_group, 200.0 / 12, 1e-9);  // we, we
  EXPECT_GT(t.activity, 0);
  ASSERT_EQ(doc.quote_tones.size(), 1u);
  EXPECT_EQ(doc.quote_tones[0].word_count, 4u);
  EXPECT_LT(doc.quote_tones[0].tone, 0);
}

}  // namespace
}  // namespace ties
