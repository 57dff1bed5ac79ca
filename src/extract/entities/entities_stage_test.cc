// entities_stage_test.cc: the stage factory and the seed article golden test.
#include "extract/entities/entities_stage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "extract/entities/test_util.h"

namespace ties {
namespace {

TEST(EntitiesStageTest, FactoryLoads) {
  StageOptions options;
  options.data_dir = entities::testing::DataDir();
  auto stage = MakeEntitiesStage(options);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  EXPECT_EQ((*stage)->Name(), "entities");
}

}  // namespace
}  // namespace ties

namespace ties {
namespace {

std::string ReadFile(const std::string& path) {
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) return "";
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  fclose(f);
  return out;
}

// The founding example: exactly the entities of ../shared/seed/expected.json.
TEST(EntitiesStageTest, SeedArticleGolden) {
  std::string text = ReadFile(std::string(TIES_TEST_SHARED_DIR) + "/seed/xinhua-2025-06-17-kazakhstan-china.txt");
  if (text.empty()) GTEST_SKIP() << "../shared/seed is absent; the seed golden test needs it";
  Document doc = entities::testing::Analyze(text);
  if (getenv("TIES_ENTITIES_DUMP")) {
    for (const std::string& d : entities::testing::Describe(doc)) printf("%s\n", d.c_str());
  }
  std::vector<const Entity*> persons, orgs, locs, norps;
  for (const Entity& e : doc.entities) {
    switch (e.type) {
      case EntityType::kPerson: persons.push_back(&e); break;
      case EntityType::kOrg: orgs.push_back(&e); break;
      case EntityType::kLoc: locs.push_back(&e); break;
      case EntityType::kNorp: norps.push_back(&e); break;
    }
  }
  ASSERT_EQ(persons.size(), 1u);
  EXPECT_EQ(persons[0]->canonical, "Aida Balayeva");
  EXPECT_EQ(persons[0]->role, "Minister of Culture and Information");
  EXPECT_EQ(persons[0]->country, "KAZ");
  EXPECT_EQ(persons[0]->gender, 'f');
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0]->canonical, "Xinhua");
  EXPECT_EQ(orgs[0]->country, "CHN");
  EXPECT_EQ(orgs[0]->org_kind, "news agency");
  std::vector<std::string> loc_names;
  for (const Entity* e : locs) loc_names.push_back(e->canonical + "/" + e->country);
  std::sort(loc_names.begin(), loc_names.end());
  EXPECT_EQ(loc_names, (std::vector<std::string>{"Central Asia/", "China/CHN", "Kazakhstan/KAZ"}));
  std::vector<std::string> norp_countries;
  for (const Entity* e : norps) norp_countries.push_back(e->country);
  std::sort(norp_countries.begin(), norp_countries.end());
  EXPECT_EQ(norp_countries, (std::vector<std::string>{"CHN", "KAZ"}));

  // Balayeva's mentions: the full name, the surname, "the minister", and every she/She.
  int name = 0, surname = 0, nominal = 0, pronoun = 0;
  const uint32_t person = static_cast<uint32_t>(persons[0] - doc.entities.data());
  for (const Mention& m : doc.mentions) {
    std::string_view text_of = doc.View(m.span);
    if (m.entity != person) {
      EXPECT_NE(text_of, "she");
      continue;
    }
    if (m.kind == MentionKind::kName && text_of == "Aida Balayeva") {
      ++name;
      EXPECT_EQ(doc.View(m.role_span), "Minister of Culture and Information");
    }
    if (m.kind == MentionKind::kName && text_of == "Balayeva") ++surname;
    if (m.kind == MentionKind::kNominal && text_of == "the minister") ++nominal;
    if (m.kind == MentionKind::kPronoun && (text_of == "she" || text_of == "She")) ++pronoun;
  }
  EXPECT_EQ(name, 1);
  EXPECT_EQ(surname, 3);
  EXPECT_EQ(nominal, 1);
  EXPECT_EQ(pronoun, 5);  // every "she"/"She" of the article (five)
}

}  // namespace
}  // namespace ties
