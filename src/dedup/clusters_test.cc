// clusters_test.cc: AssignClusters finds connected components of the copy
// relation, names them by the smallest id, and does not depend on the order
// of its input (issue #23: the same clusters on SQLite and on a sharded
// ClickHouse, whatever the ingest order).
#include "dedup/clusters.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "testing/growth.h"
#include "dedup/simhash.h"

namespace ties {
namespace {

constexpr uint64_t kA = 0x0123456789abcdefull;
constexpr uint64_t kB = 0xfedcba9876543210ull;

ClusterArticle Art(std::string id, uint64_t hash, std::string agency = "", int64_t day = ClusterArticle::kNoDay) {
  return {std::move(id), hash, std::move(agency), day};
}

// id -> id of its cluster's name.
std::map<std::string, std::string> Names(const std::vector<ClusterArticle>& articles, const ClusterOptions& options = {}) {
  const std::vector<uint32_t> names = AssignClusters(articles, options);
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < articles.size(); ++i) out[articles[i].id] = articles[names[i]].id;
  return out;
}

TEST(ClustersTest, Table) {
  struct Case {
    const char* what;
    std::vector<ClusterArticle> articles;
    std::map<std::string, std::string> want;
  } cases[] = {
      {"alone", {Art("a", kA), Art("b", kB)}, {{"a", "a"}, {"b", "b"}}},
      {"equal fingerprints", {Art("z", kA), Art("m", kA), Art("b", kB)}, {{"z", "m"}, {"m", "m"}, {"b", "b"}}},
      {"3 bits apart", {Art("x", kA), Art("y", kA ^ 0x7)}, {{"x", "x"}, {"y", "x"}}},
      {"4 bits apart", {Art("x", kA), Art("y", kA ^ 0xF)}, {{"x", "x"}, {"y", "y"}}},
      // c is 4 bits from a, but 2 from b, which is 2 from a: one component.
      {"transitive", {Art("c", kA ^ 0xF), Art("a", kA), Art("b", kA ^ 0x3)}, {{"a", "a"}, {"b", "a"}, {"c", "a"}}},
      {"empty text never matches", {Art("p", 0), Art("q", 0)}, {{"p", "p"}, {"q", "q"}}},
      {"wire copy within 12 bits and 3 days",
       {Art("w1", kA, "Xinhua", 100), Art("w2", kA ^ 0xFFF, "Xinhua", 103)}, {{"w1", "w1"}, {"w2", "w1"}}},
      {"wire copy 4 days later", {Art("w1", kA, "Xinhua", 100), Art("w2", kA ^ 0xFFF, "Xinhua", 104)},
       {{"w1", "w1"}, {"w2", "w2"}}},
      {"wire copy of another agency", {Art("w1", kA, "Xinhua", 100), Art("w2", kA ^ 0xFFF, "AP", 100)},
       {{"w1", "w1"}, {"w2", "w2"}}},
      {"wire copy 13 bits apart", {Art("w1", kA, "AP", 100), Art("w2", kA ^ 0x1FFF, "AP", 100)},
       {{"w1", "w1"}, {"w2", "w2"}}},
      {"undated wire copy", {Art("w1", kA, "AP", 100), Art("w2", kA ^ 0xFF, "AP")}, {{"w1", "w1"}, {"w2", "w2"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(Names(c.articles), c.want);
  }
}

// Random corpora of stories with copies (near and wire) give the same names
// in every order of the input.
TEST(ClustersTest, IndependentOfOrder) {
  std::mt19937_64 rng(23);
  std::vector<ClusterArticle> articles;
  for (int story = 0; story < 60; ++story) {
    const uint64_t base = rng() | 1;
    const int copies = 1 + static_cast<int>(rng() % 5);
    for (int c = 0; c < copies; ++c) {
      uint64_t h = base;
      for (int flip = 0, flips = static_cast<int>(rng() % 9); flip < flips; ++flip) h ^= 1ull << (rng() % 64);
      const char* agency = rng() % 2 ? "AP" : "";
      articles.push_back(Art("s" + std::to_string(rng() % 1000) + "-" + std::to_string(articles.size()), h, agency,
                             static_cast<int64_t>(1000 + story / 3 + rng() % 3)));
    }
  }
  const std::map<std::string, std::string> want = Names(articles);
  int merged = 0;
  for (const auto& [id, name] : want) merged += id != name;
  EXPECT_GT(merged, 20);  // the corpus does have copies
  for (int round = 0; round < 20; ++round) {
    std::shuffle(articles.begin(), articles.end(), rng);
    EXPECT_EQ(Names(articles), want) << "round " << round;
  }
}

TEST(ClustersTest, ClusterDay) {
  EXPECT_EQ(ClusterDay("1970-01-02"), 1);
  EXPECT_EQ(ClusterDay("2025-06-16T08:00:00Z"), ClusterDay("2025-06-16"));
  EXPECT_EQ(ClusterDay(""), ClusterArticle::kNoDay);
  EXPECT_EQ(ClusterDay("June 16"), ClusterArticle::kNoDay);
}

// Issue 19: linear growth. Exact reprints of one story and one wire story
// reprinted with a changed word per copy (each copy a distinct fingerprint a few
// bits from the others, all in the same buckets and the same wire window).
TEST(ClustersGrowthTest, ExactReprints) {
  testing::ExpectLinearGrowth([](size_t n) {
    std::vector<ClusterArticle> articles(n, Art("", kA, "AP", 100));
    for (size_t i = 0; i < n; ++i) articles[i].id = "id" + std::to_string(i);
    return testing::BestOfThreeSeconds([&] { EXPECT_EQ(AssignClusters(articles).size(), n); });
  }, 20000, size_t{1} << 18);
}

TEST(ClustersGrowthTest, DistinctStoriesOfOneAgency) {
  // Distinct stories spread over days (a few hundred a day): the wire window
  // holds a bounded number of them whatever the corpus size.
  testing::ExpectLinearGrowth([](size_t n) {
    std::vector<ClusterArticle> articles(n);
    uint64_t x = 7;
    for (size_t i = 0; i < n; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      articles[i] = Art("id" + std::to_string(i), x, "AP", static_cast<int64_t>(i / 200));
    }
    return testing::BestOfThreeSeconds([&] { EXPECT_EQ(AssignClusters(articles).size(), n); });
  }, 5000, size_t{1} << 16);
}

// A flood of distinct near-identical pages: fingerprints one or two bits
// apart that share three bands (each bucket of those bands holds them all).
TEST(ClustersGrowthTest, DistinctFingerprintsInOneBucket) {
  testing::ExpectLinearGrowth([](size_t n) {
    std::vector<ClusterArticle> articles(n);
    for (size_t i = 0; i < n; ++i) articles[i] = Art("id" + std::to_string(i), kA ^ (static_cast<uint64_t>(i + 1) << 48));
    return testing::BestOfThreeSeconds([&] { EXPECT_EQ(AssignClusters(articles).size(), n); });
  }, 2000, size_t{1} << 16);
}

// Thousands of one agency's distinct stories on one day: the wire window
// compares each with at most `window` later ones.
TEST(ClustersGrowthTest, OneAgencyFloodsOneDay) {
  testing::ExpectLinearGrowth([](size_t n) {
    std::vector<ClusterArticle> articles(n);
    uint64_t x = 11;
    for (size_t i = 0; i < n; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      articles[i] = Art("id" + std::to_string(i), x, "AP", 100);
    }
    return testing::BestOfThreeSeconds([&] { EXPECT_EQ(AssignClusters(articles).size(), n); });
  }, 2000, size_t{1} << 16);
}

// The window bounds the work, not the answer on ordinary corpora: 2,000
// stories with copies a few bits apart cluster the same with the default
// window as with none; and a flood clusters the same whatever its order.
TEST(ClustersTest, WindowChangesNothingOnOrdinaryCorporaAndStaysOrderIndependent) {
  std::mt19937_64 rng(5);
  std::vector<ClusterArticle> articles;
  for (int story = 0; story < 2000; ++story) {
    const uint64_t base = rng();
    for (int copy = 0; copy < 4; ++copy) {
      uint64_t hash = base;
      for (int flip = 0; flip < copy; ++flip) hash ^= 1ull << (rng() % 64);
      articles.push_back(Art("s" + std::to_string(story) + "c" + std::to_string(copy), hash));
    }
  }
  ClusterOptions unbounded;
  unbounded.window = articles.size();
  EXPECT_EQ(Names(articles), Names(articles, unbounded));

  std::vector<ClusterArticle> flood;
  for (uint64_t i = 0; i < 3000; ++i) flood.push_back(Art("f" + std::to_string(i), kB ^ ((i * 2654435761u) % 4096) << 48));
  const std::map<std::string, std::string> want = Names(flood);
  std::shuffle(flood.begin(), flood.end(), rng);
  EXPECT_EQ(Names(flood), want);
}

}  // namespace
}  // namespace ties
