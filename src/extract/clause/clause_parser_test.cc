// clause_parser_test.cc: the parser's rules on hand-tagged sentences (no model),
// and the stage's contract.
#include "extract/clause/clause_parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "extract/clause/clause_test_util.h"

namespace ties {
namespace {

using clause_test::HandTagged;
using clause_test::Options;

std::string Head(const Document& doc, const TokenRange& r) {
  return r.empty() ? "-" : std::string(doc.TokenText(r.head));
}

Document Parsed(const std::string& items) {
  Document doc = HandTagged(items);
  auto stage = MakeClauseStage(Options());
  EXPECT_TRUE(stage.ok()) << stage.status().message();
  if (stage.ok()) {
    EXPECT_TRUE((*stage)->Process(doc).ok());
  }
  return doc;
}

TEST(ClauseParser, SubjectObjectAndPrepositionalComplement) {
  const Document doc = Parsed(
      "Kazakhstan/NNP/B-NP signed/VBD/B-VP a/DT/B-NP deal/NN/I-NP with/IN/B-PP China/NNP/B-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 1u);
  const Clause& c = doc.clauses[0];
  EXPECT_EQ(Head(doc, c.verb), "signed");
  EXPECT_EQ(Head(doc, c.subject), "Kazakhstan");
  ASSERT_EQ(c.args_end - c.args_begin, 2u);
  EXPECT_EQ(doc.clause_args[c.args_begin].role, ArgRole::kObject);
  EXPECT_EQ(Head(doc, doc.clause_args[c.args_begin].phrase), "deal");
  EXPECT_EQ(doc.clause_args[c.args_begin + 1].role, ArgRole::kPrep);
  EXPECT_EQ(doc.TokenText(doc.clause_args[c.args_begin + 1].preposition), "with");
  EXPECT_EQ(Head(doc, doc.clause_args[c.args_begin + 1].phrase), "China");
  EXPECT_EQ(c.kind, ClauseKind::kMain);
  EXPECT_FALSE(c.negated);
}

TEST(ClauseParser, PrepositionalModifierIsNotTheSubject) {
  const Document doc = Parsed(
      "The/DT/B-NP minister/NN/I-NP of/IN/B-PP Kazakhstan/NNP/B-NP met/VBD/B-VP Xi/NNP/B-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 1u);
  EXPECT_EQ(Head(doc, doc.clauses[0].subject), "minister");
  EXPECT_EQ(doc.clauses[0].subject.begin, 0u);
}

TEST(ClauseParser, PassiveAgentAndNegation) {
  const Document doc = Parsed(
      "The/DT/B-NP plan/NN/I-NP was/VBD/B-VP not/RB/I-VP approved/VBN/I-VP by/IN/B-PP Japan/NNP/B-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 1u);
  const Clause& c = doc.clauses[0];
  EXPECT_TRUE(c.passive);
  EXPECT_TRUE(c.negated);
  ASSERT_EQ(c.args_end - c.args_begin, 1u);
  EXPECT_EQ(doc.clause_args[c.args_begin].role, ArgRole::kAgent);
  EXPECT_EQ(Head(doc, doc.clause_args[c.args_begin].phrase), "Japan");
}

TEST(ClauseParser, FrameVerbGivesItsInfinitiveModalityAndSubject) {
  const Document doc = Parsed(
      "Iran/NNP/B-NP refused/VBD/B-VP to/TO/I-VP sign/VB/I-VP the/DT/B-NP deal/NN/I-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 2u);
  const Clause& sign = doc.clauses[1];
  EXPECT_EQ(Head(doc, sign.verb), "sign");
  EXPECT_EQ(sign.kind, ClauseKind::kComplement);
  EXPECT_EQ(sign.modality, Modality::kRefuse);
  EXPECT_EQ(sign.parent, 0);
  EXPECT_EQ(Head(doc, sign.subject), "Iran");
  EXPECT_TRUE(sign.subject_inherited);
  EXPECT_EQ(doc.TokenText(sign.frame_verb), "refused");
  EXPECT_EQ(Head(doc, doc.clause_args[sign.args_begin].phrase), "deal");
  EXPECT_EQ(doc.clauses[0].args_end, doc.clauses[0].args_begin);  // "refused" has no object of its own
}

TEST(ClauseParser, ObjectControlAppeal) {
  const Document doc = Parsed(
      "Washington/NNP/B-NP urged/VBD/B-VP Israel/NNP/B-NP to/TO/B-VP halt/VB/I-VP strikes/NNS/B-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 2u);
  EXPECT_EQ(Head(doc, doc.clauses[1].subject), "Israel");
  EXPECT_EQ(doc.clauses[1].modality, Modality::kAppeal);
  EXPECT_EQ(Head(doc, doc.clause_args[doc.clauses[0].args_begin].phrase), "Israel");
}

TEST(ClauseParser, SpeechComplementWithoutThat) {
  const Document doc = Parsed(
      "Officials/NNS/B-NP said/VBD/B-VP China/NNP/B-NP would/MD/B-VP build/VB/I-VP a/DT/B-NP road/NN/I-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 2u);
  EXPECT_EQ(doc.clauses[0].args_end, doc.clauses[0].args_begin);  // China is build's subject, not said's object
  EXPECT_EQ(Head(doc, doc.clauses[1].subject), "China");
  EXPECT_EQ(doc.clauses[1].kind, ClauseKind::kSpeech);
  EXPECT_EQ(doc.clauses[1].modality, Modality::kWill);
  EXPECT_EQ(doc.clauses[1].parent, 0);
}

TEST(ClauseParser, RelativeClauseAndResumedMainClause) {
  const Document doc = Parsed(
      "China/NNP/B-NP ,/,/O which/WDT/B-NP signed/VBD/B-VP the/DT/B-NP deal/NN/I-NP ,/,/O praised/VBD/B-VP "
      "Russia/NNP/B-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 2u);
  EXPECT_EQ(doc.clauses[0].kind, ClauseKind::kRelative);
  EXPECT_EQ(Head(doc, doc.clauses[0].subject), "China");
  EXPECT_EQ(doc.clauses[1].kind, ClauseKind::kMain);
  EXPECT_EQ(Head(doc, doc.clauses[1].subject), "China");
  EXPECT_EQ(Head(doc, doc.clause_args[doc.clauses[1].args_begin].phrase), "Russia");
}

TEST(ClauseParser, CoordinatedSubjectsAndVerbs) {
  const Document doc = Parsed(
      "Hungary/NNP/B-NP and/CC/O Romania/NNP/B-NP praised/VBD/B-VP Serbia/NNP/B-NP and/CC/O criticized/VBD/B-VP "
      "Kosovo/NNP/B-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 2u);
  EXPECT_EQ(doc.clauses[0].subject.begin, 0u);  // "Hungary and Romania"
  EXPECT_EQ(Head(doc, doc.clauses[1].subject), "Romania");
  EXPECT_TRUE(doc.clauses[1].subject_inherited);
  EXPECT_EQ(Head(doc, doc.clause_args[doc.clauses[0].args_begin].phrase), "Serbia");
  EXPECT_EQ(Head(doc, doc.clause_args[doc.clauses[1].args_begin].phrase), "Kosovo");
}

TEST(ClauseParser, ConditionalClause) {
  const Document doc = Parsed(
      "If/IN/B-SBAR Moscow/NNP/B-NP attacks/VBZ/B-VP ,/,/O NATO/NNP/B-NP will/MD/B-VP respond/VB/I-VP ./././O");
  ASSERT_EQ(doc.clauses.size(), 2u);
  EXPECT_EQ(doc.clauses[0].kind, ClauseKind::kConditional);
  EXPECT_EQ(Head(doc, doc.clauses[1].subject), "NATO");
  EXPECT_EQ(doc.clauses[1].kind, ClauseKind::kMain);
}

TEST(ClauseParser, ParticipleModifierIsWalkedOver) {
  const Document doc = Parsed(
      "The/DT/B-NP deal/NN/I-NP signed/VBN/B-VP by/IN/B-PP Japan/NNP/B-NP angered/VBD/B-VP China/NNP/B-NP ./././O");
  ASSERT_EQ(doc.clauses.size(), 1u);
  EXPECT_EQ(Head(doc, doc.clauses[0].verb), "angered");
  EXPECT_EQ(Head(doc, doc.clauses[0].subject), "deal");
}

TEST(ClauseStage, RequiresTagsAndRefusesUnparallelTags) {
  auto stage = MakeClauseStage(Options());
  ASSERT_TRUE(stage.ok());
  EXPECT_EQ((*stage)->Requires(), kFieldTokens | kFieldSentences | kFieldTags);
  EXPECT_EQ((*stage)->Assigns(), kFieldClauses);
  Document doc = HandTagged("China/NNP/B-NP signed/VBD/B-VP");
  doc.pos.pop_back();
  EXPECT_FALSE((*stage)->Process(doc).ok());
}

TEST(ClauseStage, OtherLanguagesGetNoClauses) {
  clause_test::ClausePipeline pipeline;
  ASSERT_TRUE(pipeline.ok());
  Document doc;
  doc.text = "Казахстан подписал соглашение с Китаем.";
  doc.meta.language = "ru";
  ASSERT_TRUE(pipeline.Run(doc).ok());
  EXPECT_TRUE(doc.clauses.empty());
}

TEST(ClauseLexicon, MalformedLineNamesFileAndLine) {
  const std::string dir = std::string(TIES_TEST_BINARY_DIR) + "/clause_bad_data";
  std::filesystem::create_directories(dir + "/en/clause");
  { std::ofstream(dir + "/en/clause/words.tsv") << "# header\nneg\tnot\nnosuchclass\tfoo\n"; }
  { std::ofstream(dir + "/en/clause/modality.tsv") << "will\taux\twill\n"; }
  Result<clause::ClauseLexicon> lexicon = clause::ClauseLexicon::Load(dir);
  ASSERT_FALSE(lexicon.ok());
  EXPECT_NE(lexicon.status().message().find("words.tsv:3"), std::string::npos) << lexicon.status().message();
}

}  // namespace
}  // namespace ties
