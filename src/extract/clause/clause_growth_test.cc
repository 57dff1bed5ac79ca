// clause_growth_test.cc: the clause stage is linear in sentence length. Each
// case builds one sentence of n and 4n units and compares the two run times in
// the same test (best of five): 4x the input must cost less than 6x the time.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "extract/clause/clause_test_util.h"

namespace ties {
namespace {

using clause_test::HandTagged;

std::string Repeat(const std::string& piece, size_t times, const std::string& tail = "") {
  std::string out;
  out.reserve(piece.size() * times + tail.size());
  for (size_t i = 0; i < times; ++i) out += piece;
  return out + tail;
}

double BestSeconds(const Stage& stage, const Document& input, size_t* clauses) {
  double best = 1e30;
  for (int run = 0; run < 5; ++run) {
    Document doc = input;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(stage.Process(doc).ok());
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    *clauses = doc.clauses.size();
  }
  return best;
}

void ExpectLinear(const std::string& piece, size_t n, const std::string& tail = "") {
  auto stage = MakeClauseStage(clause_test::Options());
  ASSERT_TRUE(stage.ok());
  const Document small = HandTagged(Repeat(piece, n, tail));
  const Document large = HandTagged(Repeat(piece, 4 * n, tail));
  size_t small_clauses = 0, large_clauses = 0;
  const double t1 = BestSeconds(**stage, small, &small_clauses);
  const double t4 = BestSeconds(**stage, large, &large_clauses);
  EXPECT_LT(t4, 6 * t1 + 1e-4) << "n=" << n << " " << t1 << "s, 4n " << t4 << "s";
  EXPECT_GE(large_clauses, small_clauses);
}

// A 5,000-word run-on sentence of clauses, coordination and complements.
TEST(ClauseGrowth, RunOnSentence) {
  ExpectLinear("China/NNP/B-NP said/VBD/B-VP that/IN/B-SBAR Russia/NNP/B-NP and/CC/O Iran/NNP/B-NP agreed/VBD/B-VP "
               "to/TO/B-VP sign/VB/I-VP a/DT/B-NP deal/NN/I-NP with/IN/B-PP India/NNP/B-NP ,/,/O which/WDT/B-NP "
               "praised/VBD/B-VP it/PRP/B-NP and/CC/O ",
               5000 / 18, "./././O");
}

// 10,000 commas with nothing between them, then a clause.
TEST(ClauseGrowth, TenThousandCommas) {
  ExpectLinear(",/,/O ", 10000, "China/NNP/B-NP signed/VBD/B-VP it/PRP/B-NP ./././O");
}

// A table flattened to one sentence: noun phrases and prepositions, one verb at the end,
// so the subject search walks the whole sentence once.
TEST(ClauseGrowth, LongModifierChainBeforeOneVerb) {
  ExpectLinear("the/DT/B-NP minister/NN/I-NP of/IN/B-PP ", 2000, "Kazakhstan/NNP/B-NP left/VBD/B-VP ./././O");
}

// A coordinated list of 4,000 noun phrases as subject and as object.
TEST(ClauseGrowth, LongCoordinatedLists) {
  ExpectLinear("Chad/NNP/B-NP ,/,/O ", 2000,
               "and/CC/O Mali/NNP/B-NP met/VBD/B-VP Togo/NNP/B-NP ,/,/O Niger/NNP/B-NP and/CC/O Benin/NNP/B-NP ./././O");
  ExpectLinear("Chad/NNP/B-NP met/VBD/B-VP Togo/NNP/B-NP ,/,/O Niger/NNP/B-NP ,/,/O ", 1000, "./././O");
}

// The real pipeline on a 5,000-word run-on text: nothing crashes, clauses come out.
TEST(ClauseGrowth, TaggedRunOnText) {
  clause_test::ClausePipeline pipeline;
  ASSERT_TRUE(pipeline.ok());
  const Document doc = pipeline.Parse(
      Repeat("the minister said that China and Russia agreed to sign a deal with India, which praised it, and ", 280) +
      "ended.");
  EXPECT_GT(doc.clauses.size(), 280u);
  for (const Clause& c : doc.clauses) {
    ASSERT_LE(c.args_begin, c.args_end);
    ASSERT_LE(c.args_end, doc.clause_args.size());
    ASSERT_LT(c.verb.head, doc.tokens.size());
  }
}

}  // namespace
}  // namespace ties
