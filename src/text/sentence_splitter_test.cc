#include "text/sentence_splitter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/tokenizer.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

std::vector<std::string> Sentences(const std::string& text) {
  static const SentenceSplitter splitter(SentenceRules::Load(testing::SourcePath("data/en")).value());
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

std::vector<std::string> SentencesIn(const std::string& lang, const std::string& text) {
  const SentenceSplitter splitter(SentenceRules::Load(testing::SourcePath("data/") + lang).value());
  Document doc;
  doc.text = text;
  Tokenize(doc.text, doc.tokens);
  splitter.Split(doc);
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.View(s.span));
  return out;
}

// Chinese ends sentences with 。！？ and no space; a closing quote stays with its sentence.
TEST(SentenceSplitterTest, SplitsChineseRussianKazakh) {
  EXPECT_EQ(SentencesIn("zh", "她说：“我们很高兴。”两国合作很好！你同意吗？是的。"),
            (std::vector<std::string>{"她说：“我们很高兴。”", "两国合作很好！", "你同意吗？", "是的。"}));
  EXPECT_EQ(SentencesIn("ru", "Выставка открылась в 2025 г. в Астане. Министр выступила."),
            (std::vector<std::string>{"Выставка открылась в 2025 г. в Астане.", "Министр выступила."}));
  EXPECT_EQ(SentencesIn("kk", "Көрме 2025 ж. маусымда ашылды. Министр сөз сөйледі."),
            (std::vector<std::string>{"Көрме 2025 ж. маусымда ашылды.", "Министр сөз сөйледі."}));
}

const SentenceSplitter& Splitter() {
  static const SentenceSplitter splitter(SentenceRules::Load(testing::SourcePath("data/en")).value());
  return splitter;
}

// Split runs ICU only on windows around terminators; it must find exactly the
// boundaries a full ICU pass finds.
TEST(SentenceSplitterTest, WindowedIcuEqualsFullIcu) {
  const std::string cases[] = {
      "Mr. Smith went to Washington. He spoke.",
      "Dr. Jones met Gen. Lee on Jan. 5 in the U.S. capital.",
      "The U.N. Security Council met. The U.S. The end.",
      "\"We agree,\" she said. \"Fully.\" (Really.) Then: more.",
      "Is it?! Yes!! Fine... ok. e.g. this. i.e. That. 3.5 percent. At 10 a.m. Monday.",
      "Line one.\r\nLine two.\rLine three.\n\nPara.\u2029Next.\u0085After",
      "End.Next word.lower case. \u201CQuoted.\u201D Next.  Two spaces.\tTab.",
      "\u4E2D\u56FD\u3002\u65B0\u95FB\uFF01\u597D\uFF1F\u662F",
      "\u0420\u043E\u0441\u0441\u0438\u044F. \u041C\u043E\u0441\u043A\u0432\u0430! \u0414\u0430?",
      "A.B.C. D. E. Fox. Ph.D. Student. U.S.A. Today. No. 5. Vol. II. St. Louis.",
      "Trailing abbreviation Mr.",
      ".",
      "",
      "Mixed: \u00C9t\u00E9. \u00C0 bient\u00F4t. Caf\u00E9.\u0301 Next.",
  };
  for (const std::string& text : cases) {
    EXPECT_EQ(Splitter().IcuBreaks(text, false), Splitter().IcuBreaks(text, true)) << text;
  }
  // Real text: the bundled samples and, when present, the PolNeAR training texts.
  namespace fs = std::filesystem;
  std::vector<std::string> texts;
  for (const auto& entry : fs::recursive_directory_iterator(testing::SourcePath("samples"))) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());  // JSONL lines too: escaped text is still text to split
  }
  const std::string polnear = testing::SharedPath("eval/train/quotes/polnear_train.jsonl");
  if (std::ifstream in(polnear); in) {
    std::string line;
    for (int i = 0; i < 300 && std::getline(in, line); ++i) texts.push_back(line);
  }
  ASSERT_FALSE(texts.empty());
  size_t boundaries = 0;
  for (const std::string& text : texts) {
    const std::vector<uint32_t> full = Splitter().IcuBreaks(text, true);
    boundaries += full.size();
    ASSERT_EQ(Splitter().IcuBreaks(text, false), full) << text.substr(0, 200);
  }
  EXPECT_GT(boundaries, texts.size());
}

TEST(SentenceRulesTest, ABadLineNamesTheFileAndLine) {
  const std::string dir = ::testing::TempDir() + "/sentence_rules_bad";
  std::filesystem::create_directories(dir);
  for (const char* bad : {"titel Mr", "abbr", "starter   "}) {
    std::ofstream(dir + "/abbreviations.txt") << "# header\nlocale en\n" << bad << "\n";
    const Result<SentenceRules> r = SentenceRules::Load(dir);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("abbreviations.txt:3: expected"), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace ties
