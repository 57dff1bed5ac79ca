// native_lexicon_test.cc: the suffix tables and word sets of data/{ru,kk,zh} (sentences written for
// these tests).
#include "extract/native/native_lexicon.h"
#include "testing/test_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

namespace ties {
namespace {

bool HasLemma(const NativeLexicon& lex, const std::string& word, const std::string& lemma) {
  std::vector<std::string> out;
  lex.Lemmas(word, out);
  return std::find(out.begin(), out.end(), lemma) != out.end();
}

TEST(NativeLexiconTest, LanguagesAndScripts) {
  EXPECT_TRUE(IsNativeLanguage("ru"));
  EXPECT_TRUE(IsNativeLanguage("kk"));
  EXPECT_TRUE(IsNativeLanguage("zh"));
  EXPECT_FALSE(IsNativeLanguage("en"));
  EXPECT_FALSE(IsNativeLanguage(""));
  EXPECT_TRUE(StartsWithHan("北京"));
  EXPECT_FALSE(StartsWithHan("Пекин"));
  EXPECT_FALSE(StartsWithHan("、"));
  EXPECT_FALSE(StartsWithHan(""));
}

TEST(NativeLexiconTest, RussianLemmas) {
  Result<NativeLexicon> lex = NativeLexicon::Load(testing::DataDir(), "ru");
  ASSERT_TRUE(lex.ok());
  struct Case {
    const char* word;
    const char* lemma;
  };
  const Case cases[] = {{"италии", "италия"},     {"астане", "астана"},       {"казахстаном", "казахстан"},
                        {"китая", "китай"},       {"южной", "южная"},         {"александром", "александр"},
                        {"налбандовым", "налбандов"}, {"балаевой", "балаева"}, {"твери", "тверь"}};
  for (const Case& c : cases) EXPECT_TRUE(HasLemma(*lex, c.word, c.lemma)) << c.word;
  std::vector<std::string> out;
  lex->Lemmas("москва", out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0], "москва");  // the word itself first
  out.clear();
  lex->Lemmas("астане", out, 2);
  EXPECT_EQ(out.size(), 2u);  // capped
}

TEST(NativeLexiconTest, KazakhSuffixes) {
  Result<NativeLexicon> lex = NativeLexicon::Load(testing::DataDir(), "kk");
  ASSERT_TRUE(lex.ok());
  EXPECT_TRUE(HasLemma(*lex, "астанада", "астана"));
  EXPECT_TRUE(HasLemma(*lex, "қазақстанның", "қазақстан"));
  EXPECT_TRUE(HasLemma(*lex, "алматыдағы", "алматы"));
  EXPECT_TRUE(HasLemma(*lex, "пекинге", "пекин"));
}

TEST(NativeLexiconTest, ChineseSuffixesAndMissingLanguage) {
  Result<NativeLexicon> lex = NativeLexicon::Load(testing::DataDir(), "zh");
  ASSERT_TRUE(lex.ok());
  EXPECT_TRUE(HasLemma(*lex, "北京市", "北京"));
  EXPECT_TRUE(lex->PlaceStopword("和平"));
  Result<NativeLexicon> none = NativeLexicon::Load(testing::DataDir(), "xx");  // no files: empty, no error
  ASSERT_TRUE(none.ok());
  std::vector<std::string> out;
  none->Lemmas("слово", out);
  EXPECT_EQ(out.size(), 1u);
  EXPECT_FALSE(none->Has(NativeSet::kRoles, "министр"));
}

}  // namespace
}  // namespace ties
