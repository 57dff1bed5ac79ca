// lexicon_test.cc: the entities tables load and answer the lookups the recogniser relies on.
#include "extract/entities/lexicon.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/entities/test_util.h"

namespace ties::entities {
namespace {

using testing::Lexicon;

TEST(EntityLexiconTest, LoadsEveryIsoCountry) {
  EXPECT_EQ(Lexicon().countries().size(), 249u);
  int kaz = Lexicon().CountryIndex("KAZ");
  ASSERT_GE(kaz, 0);
  EXPECT_EQ(Lexicon().countries()[kaz].name, "Kazakhstan");
  EXPECT_EQ(Lexicon().CountryIndex("XXX"), -1);
}

TEST(EntityLexiconTest, PhraseKindsAndCountries) {
  struct Case {
    const char* key;
    PhraseKind kind;
    const char* alpha3;
  } cases[] = {
      {"kazakhstan", PhraseKind::kCountry, "KAZ"},  {"kazakh", PhraseKind::kDemonym, "KAZ"},
      {"kazakhstani", PhraseKind::kDemonym, "KAZ"}, {"kazakhs", PhraseKind::kDemonym, "KAZ"},
      {"u.s.", PhraseKind::kCountry, "USA"},        {"united states", PhraseKind::kCountry, "USA"},
      {"america", PhraseKind::kCountry, "USA"},     {"american", PhraseKind::kDemonym, "USA"},
      {"britain", PhraseKind::kCountry, "GBR"},     {"holland", PhraseKind::kCountry, "NLD"},
      {"ivory coast", PhraseKind::kCountry, "CIV"}, {"turkey", PhraseKind::kCountry, "TUR"},
      {"türkiye", PhraseKind::kCountry, "TUR"},     {"czech republic", PhraseKind::kCountry, "CZE"},
      {"kyrgyz republic", PhraseKind::kCountry, "KGZ"}, {"burma", PhraseKind::kCountry, "MMR"},
      {"swaziland", PhraseKind::kCountry, "SWZ"},   {"korean", PhraseKind::kDemonym, "KOR"},
      {"north korean", PhraseKind::kDemonym, "PRK"}, {"saudi", PhraseKind::kDemonym, "SAU"},
      {"chinese", PhraseKind::kDemonym, "CHN"},     {"astana", PhraseKind::kCapital, "KAZ"},
  };
  for (const Case& c : cases) {
    const std::vector<PhraseEntry>* entries = Lexicon().FindPhrase(c.key);
    ASSERT_NE(entries, nullptr) << c.key;
    bool found = false;
    for (const PhraseEntry& e : *entries) {
      found = found || (e.kind == c.kind && Lexicon().countries()[e.index].alpha3 == c.alpha3);
    }
    EXPECT_TRUE(found) << c.key;
  }
}

TEST(EntityLexiconTest, CapitalsMapToTheirCountryUnlessShared) {
  EXPECT_EQ(Lexicon().CountryOfCapital("Astana"), "KAZ");
  EXPECT_EQ(Lexicon().CountryOfCapital("Nur-Sultan"), "KAZ");
  EXPECT_EQ(Lexicon().CountryOfCapital("Beijing"), "CHN");
  EXPECT_EQ(Lexicon().CountryOfCapital("Washington"), "USA");
  EXPECT_EQ(Lexicon().CountryOfCapital("Kingston"), "");  // Jamaica and Norfolk Island
  EXPECT_EQ(Lexicon().CountryOfCapital("Springfield"), "");
}

TEST(EntityLexiconTest, PersonLexicons) {
  EXPECT_EQ(Lexicon().HonorificGender("mr"), 'm');
  EXPECT_EQ(Lexicon().HonorificGender("ms."), 'f');
  EXPECT_EQ(Lexicon().HonorificGender("dr"), '-');
  EXPECT_EQ(Lexicon().HonorificGender("minister"), 0);
  EXPECT_EQ(Lexicon().GivenNameGender("Aida"), 'f');
  EXPECT_EQ(Lexicon().GivenNameGender("Kassym-Jomart"), 'm');
  EXPECT_EQ(Lexicon().SurnameSuffixGender("balayeva"), 'f');
  EXPECT_EQ(Lexicon().SurnameSuffixGender("nazarbayev"), 'm');
  EXPECT_EQ(Lexicon().PronounGender("she"), 'f');
  EXPECT_EQ(Lexicon().PronounGender("they"), 0);
  EXPECT_TRUE(Lexicon().IsFamilyFirstSurname("Xi"));
  const TitleInfo* t = Lexicon().FindTitle("secretary of state");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->head, "secretary");
  ASSERT_NE(Lexicon().FindTitle("minister"), nullptr);
  EXPECT_EQ(Lexicon().FindTitle("minister")->sector, "GOV");
  ASSERT_NE(Lexicon().FindOrgPattern("ministry"), nullptr);
  EXPECT_TRUE(Lexicon().FindOrgPattern("ministry")->prefix);
}

// HashMap64 after Reserve, at a size that takes the huge-page allocation path (>= 2 MB).
TEST(HashMap64Test, ReserveKeepsEveryKeyFindable) {
  HashMap64<uint32_t> map;
  map[HashWord("seed")] = 7;
  map.Reserve(200000);
  for (uint32_t k = 0; k < 150000; ++k) map[HashWord("w" + std::to_string(k))] = k;
  EXPECT_EQ(map.size(), 150001u);
  ASSERT_NE(map.Find(HashWord("seed")), nullptr);
  EXPECT_EQ(*map.Find(HashWord("seed")), 7u);
  for (uint32_t k = 0; k < 150000; k += 997) {
    const uint32_t* v = map.Find(HashWord("w" + std::to_string(k)));
    ASSERT_NE(v, nullptr) << k;
    EXPECT_EQ(*v, k);
  }
  EXPECT_EQ(map.Find(HashWord("absent")), nullptr);
  EXPECT_EQ(map.Find(HashWord("w150000")), nullptr);
}

// The word list lives in the word table as the kCommon flag; the matcher flags say which words
// may continue a multi-word key and which are one-word titles.
TEST(EntityLexiconTest, WordFlags) {
  const EntityLexicon& lex = Lexicon();
  if (lex.has_wordlist()) {
    EXPECT_TRUE(lex.IsCommonWord("media"));
    EXPECT_TRUE(lex.WordOf(HashWord("media")).Has(WordInfo::kCommon));
    EXPECT_FALSE(lex.IsCommonWord("balayeva"));
  } else {
    GTEST_LOG_(INFO) << "no word list installed: kCommon not checked";
  }
  EXPECT_TRUE(lex.WordOf(HashWord("states")).Has(WordInfo::kContinues));  // "united states"
  EXPECT_TRUE(lex.WordOf(HashWord("united")).Has(WordInfo::kPhraseStart));
  EXPECT_FALSE(lex.WordOf(HashWord("balayeva")).Has(WordInfo::kContinues));
  EXPECT_TRUE(lex.WordOf(HashWord("minister")).Has(WordInfo::kSingleTitle));
  EXPECT_FALSE(lex.WordOf(HashWord("secretary")).Has(WordInfo::kSingleTitle) &&
               lex.FindTitle("secretary") == nullptr);
}

}  // namespace
}  // namespace ties::entities
