// lexicon_test.cc: the entities tables load and answer the lookups the recogniser relies on.
#include "extract/entities/lexicon.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace ties::entities
