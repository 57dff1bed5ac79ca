#include "text/sentence_splitter.h"

#include <gtest/gtest.h>

#include "text/tokenizer.h"

namespace ties {
namespace {

std::vector<std::string> Sentences(const std::string& text) {
  static const SentenceSplitter splitter(SentenceRules::Load(std::string(TIES_TEST_SOURCE_DIR) + "/data/en").value());
  Document doc;
  doc.text = text;
  Tokenize(doc.text, doc.tokens);
  splitter.Split(doc);
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.View(s.span));
  return out;
}

struct SplitCase {
  std::string text;
  std::vector<std::string> sentences;
};

TEST(SentenceSplitterTest, SurvivesNewsAbbreviations) {
  const SplitCase cases[] = {
      {"Mr. Smith went to Washington. He spoke.", {"Mr. Smith went to Washington.", "He spoke."}},
      {"Dr. Jones met Gen. Lee on Jan. 5 in the U.S. capital.", {"Dr. Jones met Gen. Lee on Jan. 5 in the U.S. capital."}},
      {"He lives at No. 10 Downing Street. It is old.", {"He lives at No. 10 Downing Street.", "It is old."}},
      {"The U.N. Security Council met. The U.S. The end.", {"The U.N. Security Council met.", "The U.S.", "The end."}},
      {"George W. Bush spoke. J. K. Rowling wrote.", {"George W. Bush spoke.", "J. K. Rowling wrote."}},
      {"\"We agree,\" she said. \"Fully.\"", {"\"We agree,\" she said.", "\"Fully.\""}},
      {"Is it? Yes! Fine.", {"Is it?", "Yes!", "Fine."}},
      {"First paragraph without stop\n\nSecond one.", {"First paragraph without stop", "Second one."}},
      {"A hard-wrapped line\ncontinues here.", {"A hard-wrapped line\ncontinues here."}},
      {"Apple Inc. said it would. Then it did.", {"Apple Inc. said it would.", "Then it did."}},
  };
  for (const auto& c : cases) EXPECT_EQ(Sentences(c.text), c.sentences) << c.text;
}

}  // namespace
}  // namespace ties
