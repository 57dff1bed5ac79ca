// quotes_growth_test.cc: the quotes stage grows linearly on pathological input (issue #19).
//
// Machine-speed independent: each case times the stage on an input of n bytes
// and on one of 4n bytes (the best of three runs each, segmentation excluded)
// and requires time(4n) < 6 x time(n). A quadratic stage gives about 16x.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "extract/quotes/quote_test_util.h"
#include "extract/quotes/quotes_stage.h"

namespace ties {
namespace {

const Stage& Quotes() {
  static const std::unique_ptr<Stage> stage = [] {
    StageOptions options;
    options.data_dir = testing::TestDataDir();
    auto made = MakeQuotesStage(options);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return std::move(made).value();
  }();
  return *stage;
}

std::string Repeat(const std::string& unit, size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

// Best of three runs of the quotes stage on `text`, in seconds; `names` adds a
// PERSON entity for every occurrence of each surface (as the entities stage would).
double BestSeconds(const std::string& text, bool with_entity) {
  Document base = testing::Segmented(text);
  if (with_entity) {
    testing::AddEntity(base, EntityType::kPerson, "John Word", {{"Word", MentionKind::kName}}, "", 'm');
  }
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    Document doc = base;
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(Quotes().Process(doc).ok());
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  return best;
}

void ExpectLinear(const std::string& unit, const std::string& prefix, const std::string& suffix,
                  bool with_entity = false) {
  // n: the small run takes over 20 ms (old code: 4n took seconds, ~16x n).
  const size_t n = 200000;
  const double small = BestSeconds(prefix + Repeat(unit, n) + suffix, with_entity);
  const double large = BestSeconds(prefix + Repeat(unit, 4 * n) + suffix, with_entity);
  EXPECT_LT(large, 6 * std::max(small, 0.002)) << "n: " << small << " s, 4n: " << large << " s";
  std::printf("n=%zu: %.4f s, 4n: %.4f s\n", n, small, large);
}

TEST(QuotesGrowthTest, RepeatedQuoteLines) { ExpectLinear("Word said \"quote\". ", "", ""); }

TEST(QuotesGrowthTest, UnclosedQuoteMarks) { ExpectLinear("He said \"", "", ""); }

TEST(QuotesGrowthTest, OneLongSentenceQuoteStage) {
  ExpectLinear("he said that the word and ", "The minister said that ", "end.");
}

TEST(QuotesGrowthTest, OneLongSentenceWithCommasQuoteStage) {
  ExpectLinear("the plan, noting that he said, officials and ", "Noting that ", "end.");
}

}  // namespace
}  // namespace ties
