// gazetteer_test.cc: loading and lookups of the compiled gazetteer (small in-memory tables).
#include "extract/places/gazetteer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace ties {
namespace {

constexpr char kTable[] =
    "# a tiny gazetteer\n"
    "country\t614540\tGeorgia\tGEO\t\t\t42\t43.5\t4630000\tPCLI\tgeorgia\t\t\n"
    "admin\t4197000\tGeorgia\tUSA\tUS.GA\tGeorgia\t32.75\t-83.5\t2925978\tADM1\tgeorgia|ga.\t\tGA\n"
    "city\t1526273\tAstana\tKAZ\tKZ.05\tAstana\t51.1801\t71.44598\t345604\tPPLC\tastana\takmola|tselinograd\t\n"
    "region\t0\tCentral Asia\t\t\t\t43\t65\t0\tRGN\tcentral asia\t\t\n"
    "region\t0\tAsia-Pacific\t\t\t\t\t\t0\tRGN\tasia-pacific|asia pacific\t\t\n";

TEST(GazetteerTest, FindsEveryEntryOfAName) {
  auto gaz = Gazetteer::LoadTsv(kTable);
  ASSERT_TRUE(gaz.ok()) << gaz.status().ToString();
  const Gazetteer& g = *gaz.value();
  EXPECT_EQ(g.size(), 5u);
  auto georgia = g.Find("georgia");
  ASSERT_EQ(georgia.size(), 2u);
  EXPECT_EQ(g.entry(georgia[0].entry).kind, PlaceKind::kCountry);
  EXPECT_EQ(g.entry(georgia[1].entry).kind, PlaceKind::kAdmin);
  EXPECT_TRUE(g.Find("Georgia").empty()) << "keys are lower case";
  EXPECT_TRUE(g.Find("tbilisi").empty());
}

TEST(GazetteerTest, PrimaryAndAlternateNames) {
  auto gaz = Gazetteer::LoadTsv(kTable);
  ASSERT_TRUE(gaz.ok());
  const Gazetteer& g = *gaz.value();
  struct Case {
    const char* key;
    const char* name;
    bool alternate;
  } cases[] = {
      {"astana", "Astana", false},
      {"akmola", "Astana", true},
      {"tselinograd", "Astana", true},
      {"ga.", "Georgia", false},
      {"central asia", "Central Asia", false},
      {"asia pacific", "Asia-Pacific", false},
  };
  for (const Case& c : cases) {
    auto hits = g.Find(c.key);
    ASSERT_EQ(hits.size(), 1u) << c.key;
    EXPECT_EQ(g.entry(hits[0].entry).name, c.name) << c.key;
    EXPECT_EQ(hits[0].alternate, c.alternate) << c.key;
  }
}

TEST(GazetteerTest, EntryFields) {
  auto gaz = Gazetteer::LoadTsv(kTable);
  ASSERT_TRUE(gaz.ok());
  const Gazetteer& g = *gaz.value();
  const GazetteerEntry& astana = g.entry(g.Find("astana")[0].entry);
  EXPECT_EQ(astana.geonameid, 1526273);
  EXPECT_EQ(astana.country, "KAZ");
  EXPECT_EQ(astana.fcode, "PPLC");
  EXPECT_TRUE(astana.has_coordinates);
  EXPECT_NEAR(astana.lat, 51.18, 0.01);
  EXPECT_NEAR(astana.lon, 71.45, 0.01);
  const GazetteerEntry& pacific = g.entry(g.Find("asia-pacific")[0].entry);
  EXPECT_FALSE(pacific.has_coordinates);
  EXPECT_EQ(pacific.kind, PlaceKind::kRegion);
}

TEST(GazetteerTest, AdminAndCountryIndexes) {
  auto gaz = Gazetteer::LoadTsv(kTable);
  ASSERT_TRUE(gaz.ok());
  const Gazetteer& g = *gaz.value();
  ASSERT_GE(g.FindAdmin("US.GA"), 0);
  EXPECT_EQ(g.entry(g.FindAdmin("US.GA")).name, "Georgia");
  EXPECT_EQ(g.FindAdminByAbbrev("USA", "GA"), g.FindAdmin("US.GA"));
  EXPECT_EQ(g.FindAdminByAbbrev("USA", "TX"), -1);
  ASSERT_GE(g.FindCountry("GEO"), 0);
  EXPECT_EQ(g.entry(g.FindCountry("GEO")).kind, PlaceKind::kCountry);
  EXPECT_EQ(g.FindCountry("KAZ"), -1);
}

TEST(GazetteerTest, RejectsMalformedRows) {
  const char* bad[] = {
      "city\tnot-a-number\tX\tUSA\t\t\t1\t2\t3\tPPL\tx\t\t\n",
      "planet\t1\tX\tUSA\t\t\t1\t2\t3\tPPL\tx\t\t\n",
      "city\t1\tX\tUSA\t\t\tnorth\t2\t3\tPPL\tx\t\t\n",
      "city\t1\tX\n",
      "# only comments\n",
  };
  for (const char* table : bad) {
    auto gaz = Gazetteer::LoadTsv(table);
    EXPECT_FALSE(gaz.ok()) << table;
    if (!gaz.ok()) {
      EXPECT_EQ(gaz.status().code(), StatusCode::kParseError);
    }
  }
}

TEST(GazetteerTest, MissingFileIsNotFound) {
  auto gaz = Gazetteer::LoadFile("/nonexistent/gazetteer.tsv");
  ASSERT_FALSE(gaz.ok());
  EXPECT_EQ(gaz.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace ties

namespace ties {
namespace {

// The compiled gazetteer of this build tree: sizes, a few known places, and the load time
// (printed; docs/quality.md quotes it).
TEST(GazetteerTest, CompiledGazetteerLoads) {
  const std::string path = TIES_TEST_BINARY_DIR "/data/gazetteer.tsv";
  const auto start = std::chrono::steady_clock::now();
  auto gaz = Gazetteer::LoadFile(path);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(gaz.ok()) << gaz.status().ToString();
  const Gazetteer& g = *gaz.value();
  std::printf("gazetteer: %zu places, %zu names, loaded in %.1f ms\n", g.size(), g.name_count(), ms);
  EXPECT_GT(g.size(), 25000u);
  ASSERT_GE(g.FindCountry("KAZ"), 0);
  ASSERT_GE(g.FindAdmin("US.TX"), 0);
  EXPECT_EQ(g.entry(g.FindAdminByAbbrev("USA", "TX")).name, "Texas");
  bool astana = false;
  for (const NameHit& h : g.Find("astana")) astana |= g.entry(h.entry).geonameid == 1526273;
  EXPECT_TRUE(astana);
  EXPECT_FALSE(g.Find("central asia").empty());
  EXPECT_FALSE(g.Find("w.va.").empty());
}

}  // namespace
}  // namespace ties
