#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "dedup/duplicate_index.h"
#include "dedup/simhash.h"
#include "dedup/wire_agency.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

const char kStory[] =
    "ASTANA, June 16 (Xinhua) -- Kazakhstan and China signed an agreement on cultural cooperation on Monday, "
    "the Ministry of Culture and Information said. The two countries will hold joint exhibitions, exchange "
    "museum collections and support film co-productions over the next three years. Minister Aida Balayeva "
    "said the agreement would bring the peoples of both countries closer. Chinese officials expressed hope "
    "that the programme would become a model for regional cooperation in Central Asia.";

TEST(SimHashTest, NearDuplicatesAreClose) {
  const std::string original = kStory;
  struct Case {
    std::string name;
    std::string text;
    int max_distance;  // inclusive
    int min_distance;
  };
  std::string reprint = original;
  reprint.replace(reprint.find("Monday"), 6, "Tuesday");
  const Case cases[] = {
      {"identical", original, 0, 0},
      {"case and spacing only", "astana,   JUNE 16 (xinhua) --\n" + original.substr(28), 0, 0},
      {"one word changed", reprint, 8, 0},
      {"extra trailer", original + " Copyright 2025 Example Times.", 8, 0},
      {"unrelated", "The city council voted on Tuesday to extend the bus network to three new suburbs, "
                    "after residents complained for years about long commutes and crowded trains.", 64, 14},
  };
  const uint64_t base = SimHash(original);
  for (const auto& c : cases) {
    const int d = Hamming(base, SimHash(c.text));
    EXPECT_LE(d, c.max_distance) << c.name;
    EXPECT_GE(d, c.min_distance) << c.name;
  }
  EXPECT_EQ(SimHash(""), 0u);
  EXPECT_EQ(SimHash(" ,.; "), 0u);
  EXPECT_NE(SimHash("one two"), 0u);
}

// Fingerprints are stored (articles.simhash) and compared with those of later
// ingests, so the function must not change: these values come from the first
// (per-bit loop, per-code-point FNV) implementation.
TEST(SimHashTest, StableAcrossVersions) {
  struct Case {
    const char* text;
    uint64_t hash;
  };
  const Case cases[] = {
      {"ASTANA, June 16 (Xinhua) -- Kazakhstan and China signed an agreement", 0x671a13b6085ccc6bull},
      {"Das Au\u00dfenministerium in Berlin: \u00c9lys\u00e9e, \u00c0\u00c9\u00ce, "
       "\u041c\u043e\u0441\u043a\u0432\u0430 \u0438 \u041a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d",
       0x9dd60a32212724dcull},
      {"\u5317\u4eac \u548c \u963f\u65af\u5854\u7eb3 \u7b7e\u7f72 \u534f\u8bae today", 0xe0fee5e8838b4651ull},
      {"one two", 0x080a944184084014ull},
      {"a", 0xe9041dd7bf40a055ull},
      {"\u00dcn\u00efcode w\u00f6rds 123 and ASCII-only_bits; 1,000,000 \u0401\u0436\u0438\u043a",
       0x7d33a59ec3942babull},
  };
  for (const auto& c : cases) EXPECT_EQ(SimHash(c.text), c.hash) << c.text;
  // Long enough for the bit counters to flush several times (255 features each).
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += std::string(kStory) + " w" + std::to_string(i * 7919 % 1000);
  EXPECT_EQ(SimHash(long_text), 0xee9451f302f65173ull);
}

TEST(SimHashTest, Hamming) {
  EXPECT_EQ(Hamming(0, 0), 0);
  EXPECT_EQ(Hamming(0, ~0ull), 64);
  EXPECT_EQ(Hamming(0b1011, 0b0001), 2);
}

TEST(DuplicateIndexTest, ClustersWithinDistance) {
  DuplicateIndex index(3);
  const uint64_t a = 0x0123456789abcdefull;
  struct Step {
    uint64_t id, hash, cluster;
  };
  const Step steps[] = {
      {1, a, 1},                          // new
      {2, a ^ 0x1, 1},                    // 1 bit: same cluster
      {3, a ^ 0x8000000000000001ull, 1},  // 2 bits in different bands
      {4, a ^ 0x7ull, 1},                 // 3 bits in one band: still found via other bands
      {5, a ^ 0xF0F0ull, 5},              // 8 bits: new cluster
      {6, (a ^ 0xF0F0ull) ^ 0x100000000ull, 5},
      {7, 0, 7},                          // empty text never matches
      {8, 0, 8},
      {9, ~a, 9},
  };
  for (const Step& s : steps) EXPECT_EQ(index.Add(s.id, s.hash), s.cluster) << "id " << s.id;
  EXPECT_EQ(index.size(), 9u);
  EXPECT_EQ(index.Find(a ^ 0x2, 0), 1u);
  EXPECT_EQ(index.Find(a ^ 0xFFFF0000ull, 42), 42u);
}

TEST(DuplicateIndexTest, ExhaustiveAgreesWithBruteForce) {
  // Pseudo-random hashes around a few centres: the index must find exactly
  // what a linear scan finds.
  DuplicateIndex index(3);
  std::vector<std::pair<uint64_t, uint64_t>> seen;  // hash, cluster
  uint64_t state = 88172645463325252ull;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const uint64_t centres[4] = {next(), next(), next(), next()};
  for (uint64_t id = 1; id <= 400; ++id) {
    uint64_t h = centres[next() % 4];
    const int flips = static_cast<int>(next() % 6);
    for (int f = 0; f < flips; ++f) h ^= 1ull << (next() % 64);
    uint64_t expected = id;
    int best = 4;
    for (const auto& [hash, cluster] : seen) {
      const int d = Hamming(hash, h);
      if (d < best) best = d, expected = cluster;
    }
    const uint64_t got = index.Add(id, h);
    EXPECT_EQ(got, expected) << "id " << id;
    seen.emplace_back(h, got);
  }
}

TEST(WireAgencyTest, Cues) {
  struct Case {
    std::string text, agency;
  };
  const Case cases[] = {
      {"ASTANA, June 16 (Xinhua) -- Kazakhstan and China signed...", "Xinhua"},
      {"WASHINGTON (AP) — The Senate voted on Tuesday...", "AP"},
      {"LONDON (Reuters) - British inflation fell...", "Reuters"},
      {"MOSCOW, June 17. /TASS/. Russia and Kazakhstan...", "TASS"},
      {"PARIS (AFP) - France said...", "AFP"},
      {"Body of the story.\n\nThe talks continue next week. -- Xinhua", "Xinhua"},
      {"Body of the story.\n\n(Reporting by Jane Doe; Editing by John Roe)", "Reuters"},
      {"Body.\n\nCopyright 2025 The Associated Press. All rights reserved.", "AP"},
      {"NEW DELHI, June 17 (IANS) Prime Minister...", "IANS"},
      {"SEOUL, June 17 (Yonhap) -- North Korea...", "Yonhap"},
      {"The mayor (who took office in 2021) said the plan (a draft) was ready.", ""},
      {"Pittsburgh (PA) officials said on Monday...", ""},
      {"", ""},
  };
  Result<WireAgencies> agencies = WireAgencies::Load(testing::DataDir());
  ASSERT_TRUE(agencies.ok()) << agencies.status().message();
  for (const auto& c : cases) EXPECT_EQ(agencies->Detect(c.text), c.agency) << c.text;
  EXPECT_EQ(WireAgencies::Default().Detect("LONDON (Reuters) - Prices rose."), "Reuters");
}

// A data folder with one wire_agencies.tsv row and, optionally, one English sign-off.
std::string AgencyDataDir(const std::string& name, const std::string& credits_row, const std::string& signoff_row) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::create_directories(dir / "common");
  std::filesystem::create_directories(dir / "en");
  std::ofstream(dir / "common" / "wire_agencies.tsv") << "# test table\n" << credits_row << "\n";
  if (!signoff_row.empty()) std::ofstream(dir / "en" / "wire_signoffs.tsv") << signoff_row << "\n";
  return dir.string();
}

TEST(WireAgencyTest, TheTableIsData) {
  Result<WireAgencies> agencies =
      WireAgencies::Load(AgencyDataDir("agencies_ok", "Kabar\tKabar|Kabar News Agency", "Kabar\tFiled by Kabar desk"));
  ASSERT_TRUE(agencies.ok()) << agencies.status().message();
  EXPECT_EQ(agencies->Detect("BISHKEK, May 2 (Kabar News Agency) -- Talks opened."), "Kabar");
  EXPECT_EQ(agencies->Detect("Talks opened.\n\nFiled by Kabar desk."), "Kabar");
  EXPECT_EQ(agencies->Detect("LONDON (Reuters) - Not in this table."), "");
}

TEST(WireAgencyTest, AMalformedRowNamesFileLineAndWhat) {
  struct Case {
    std::string credits, signoff, what;
  };
  const Case cases[] = {
      {"Kabar", "", "wire_agencies.tsv:2: expected 2 columns"},
      {"Kabar\tKabar|An extremely long credit of the Kabar agency", "", "wire_agencies.tsv:2: credit 'An extremely"},
      {"Kabar\tKabar|kabar", "", "wire_agencies.tsv:2: credit 'kabar' is given twice"},
      {"\tKabar", "", "wire_agencies.tsv:2: empty agency"},
      {"Kabar\tKabar", "Kabar", "wire_signoffs.tsv:1: expected 2 non-empty columns"},
  };
  int n = 0;
  for (const Case& c : cases) {
    Result<WireAgencies> agencies = WireAgencies::Load(AgencyDataDir("agencies_bad" + std::to_string(n++), c.credits, c.signoff));
    ASSERT_FALSE(agencies.ok()) << c.credits;
    EXPECT_NE(agencies.status().message().find(c.what), std::string::npos) << agencies.status().message();
  }
  EXPECT_EQ(WireAgencies::Load(::testing::TempDir() + "/no_such_dir").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace ties
