#include "lexicon/phrase_matcher.h"
#include "lexicon/words.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "text/tokenizer.h"

namespace ties::lex {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& w) { return std::find(v.begin(), v.end(), w) != v.end(); }

TEST(LexiconTest, InflectsRegularAndIrregularVerbs) {
  struct Case {
    const char* lemma;
    std::vector<std::string> forms;
  };
  const Case cases[] = {
      {"agree", {"agree", "agrees", "agreed", "agreeing"}},
      {"criticize", {"criticizes", "criticized", "criticizing"}},
      {"ban", {"bans", "banned", "banning"}},
      {"apply", {"applies", "applied", "applying"}},
      {"speak", {"speaks", "spoke", "spoken", "speaking"}},
      {"co-host", {"co-hosts", "co-hosted", "co-hosting"}},
      {"be", {"is", "are", "was", "were", "been", "being"}},
      {"push", {"pushes", "pushed"}},
  };
  for (const Case& c : cases) {
    const std::vector<std::string> forms = Inflect(c.lemma);
    for (const std::string& f : c.forms) EXPECT_TRUE(Has(forms, f)) << c.lemma << " -> " << f;
  }
}

TEST(LexiconTest, MatchesLongestPhraseWithGapsAndCase) {
  PhraseMatcher m;
  ASSERT_TRUE(m.Add("~sign", 1).ok());
  ASSERT_TRUE(m.Add("~sign * agreement", 2).ok());
  ASSERT_TRUE(m.Add("US", 3, true).ok());
  EXPECT_FALSE(m.Add("* bad", 9).ok());
  Document doc;
  doc.text = "They signed a new trade agreement with us and the US.";
  Tokenize(doc.text, doc.tokens);
  LowerText lower;
  lower.Build(doc);
  const auto skip = [&](uint32_t i) { return !doc.tokens[i].Has(kTokPunct); };
  PhraseMatcher::Match match;
  ASSERT_TRUE(m.LongestAt(doc, lower, 1, static_cast<uint32_t>(lower.size()), skip, &match));
  EXPECT_EQ(match.payload, 2u);
  EXPECT_EQ(match.end, 6u);  // "signed a new trade agreement"
  EXPECT_FALSE(m.LongestAt(doc, lower, 7, static_cast<uint32_t>(lower.size()), skip, &match));  // "us"
  ASSERT_TRUE(m.LongestAt(doc, lower, 10, static_cast<uint32_t>(lower.size()), skip, &match));  // "US"
  EXPECT_EQ(match.payload, 3u);
  EXPECT_TRUE(m.IsParticiple("signed"));
}

TEST(LexiconTest, LowerTextGivesLowercaseViewsAndHashes) {
  struct Case {
    const char* text;
    std::vector<std::string> words;
  };
  const Case cases[] = {
      {"China’s Foreign MINISTRY", {"china", "'s", "foreign", "ministry"}},
      {"Ärzte ohne Grenzen", {"ärzte", "ohne", "grenzen"}},
      {"U.S. troops", {"u.s.", "troops"}},
  };
  for (const Case& c : cases) {
    Document doc;
    doc.text = c.text;
    Tokenize(doc.text, doc.tokens);
    LowerText lower;
    lower.Build(doc);
    ASSERT_EQ(lower.size(), c.words.size()) << c.text;
    for (size_t i = 0; i < c.words.size(); ++i) {
      EXPECT_EQ(lower[i], c.words[i]) << c.text;
      EXPECT_EQ(lower.hash(i), HashWord(c.words[i])) << c.text;
    }
  }
}

TEST(LexiconTest, WordMapFindsEveryKeyAfterGrowth) {
  WordMap m;
  for (uint32_t i = 0; i < 1000; ++i) m[HashWord("w" + std::to_string(i))] = i + 1;
  EXPECT_EQ(m.size(), 1000u);
  for (uint32_t i = 0; i < 1000; ++i) EXPECT_EQ(m.Get(HashWord("w" + std::to_string(i))), i + 1);
  EXPECT_EQ(m.Find(HashWord("absent")), nullptr);
  EXPECT_EQ(WordMap().Find(HashWord("x")), nullptr);
}

}  // namespace
}  // namespace ties::lex
