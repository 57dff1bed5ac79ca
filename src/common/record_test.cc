#include "ties/record.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

TEST(RecordTest, CodepointIndexCountsCodePoints) {
  const std::string text = "a\xC3\xA9z\xE4\xB8\xAD!";  // a é z 中 !
  CodepointIndex cp(text);
  EXPECT_EQ(cp(0), 0u);
  EXPECT_EQ(cp(1), 1u);  // é starts at code point 1
  EXPECT_EQ(cp(3), 2u);  // z
  EXPECT_EQ(cp(4), 3u);  // 中
  EXPECT_EQ(cp(7), 4u);  // !
  EXPECT_EQ(cp(8), 5u);
  EXPECT_EQ(cp.size(), 5u);
}

TEST(RecordTest, SpansAreCodePoints) {
  Document doc;
  doc.meta.id = "x";
  doc.text = "\xC3\xA9t\xC3\xA9 Paris";
  Entity paris;
  paris.type = EntityType::kLoc;
  paris.canonical = "Paris";
  paris.country = "FRA";
  doc.entities.push_back(paris);
  Mention m;
  m.span = {6, 11};
  doc.mentions.push_back(m);
  std::string out;
  WriteRecordJson(doc, {}, out);
  EXPECT_NE(out.find(R"("start":4,"end":9,"text":"Paris")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("dateline":null)"), std::string::npos);
  EXPECT_EQ(out.find(R"("text":"\u00e9)"), std::string::npos);  // no text without --with-text
}

}  // namespace
}  // namespace ties
