// reported_speech_test.cc: "SUBJECT VERB CONTENT" attributions and cue kinds (issue #18).
#include "extract/quotes/reported_speech.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/quotes/quote_test_util.h"

namespace ties {
namespace {

struct Got {
  std::string kind, text, speaker, cue, cue_kind;
  int32_t entity = -1;
};

std::vector<Got> RunQuotes(Document& doc) {
  EXPECT_TRUE(testing::QuotesStage().Process(doc).ok());
  std::vector<Got> got;
  for (const Quote& q : doc.quotes) {
    got.push_back({std::string(QuoteKindName(q.kind)), std::string(doc.View(q.span)), q.speaker_name, q.cue,
                   q.cue_kind, q.speaker_entity});
  }
  return got;
}

struct Case {
  const char* name;
  const char* text;
  std::vector<Got> quotes;  // entity unchecked
};

const Case kCases[] = {
    {"org_nominal_calls_object",
     "The ministry called the new visa rules a success for tourism.",
     {{"indirect", "the new visa rules a success for tourism", "The ministry", "call", "opinion"}}},
    {"unnamed_group_wants_plan",
     "Officials want to double the number of weekly flights next year.",
     {{"indirect", "to double the number of weekly flights next year", "Officials", "want", "intention"}}},
    {"document_source",
     "A new poll shows the senator ahead by four points in the state.",
     {{"indirect", "the senator ahead by four points in the state", "A new poll", "show", "claim"}}},
    {"intro_phrase_then_subject",
     "On Tuesday, the committee rejected the budget proposal for the second time.",
     {{"indirect", "the budget proposal for the second time", "the committee", "reject", "denial"}}},
    {"that_only_cue_without_that_reports_nothing", "The council highlighted the rising cost of housing in the old town.", {}},
    {"verb_after_auxiliary",
     "The commission has been investigating the sale of the harbour land since spring.",
     {{"indirect", "the sale of the harbour land since spring", "The commission", "investigating", "statement"}}},
    {"subject_after_apposition",
     "The mayor, at a town meeting, defended the new parking fees for visitors.",
     {{"indirect", "the new parking fees for visitors", "The mayor", "defend", "claim"}}},
    {"sentence_opened_by_conjunction",
     "But the union rejected the offer from the management.",
     {{"indirect", "the offer from the management", "the union", "reject", "denial"}}},
    {"not_a_source_subject", "The weather showed clear signs of improvement on Friday.", {}},
    {"pronoun_it_is_no_source", "It showed clear signs of improvement on Friday.", {}},
    {"cue_pass_keeps_its_clause",
     "Tom Reed said that the bridge will open in May.",
     {{"indirect", "the bridge will open in May", "Tom Reed", "say", "statement"}}},
    {"cue_kind_of_denial",
     "The mayor denied that the city had lost the contract.",
     {{"indirect", "the city had lost the contract", "The mayor", "deny", "denial"}}},
};

TEST(ReportedSpeechTest, Table) {
  for (const Case& c : kCases) {
    Document doc = testing::Segmented(c.text);
    const std::vector<Got> got = RunQuotes(doc);
    ASSERT_EQ(got.size(), c.quotes.size()) << c.name;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].kind, c.quotes[i].kind) << c.name;
      EXPECT_EQ(got[i].text, c.quotes[i].text) << c.name;
      EXPECT_EQ(got[i].speaker, c.quotes[i].speaker) << c.name;
      EXPECT_EQ(got[i].cue, c.quotes[i].cue) << c.name;
      EXPECT_EQ(got[i].cue_kind, c.quotes[i].cue_kind) << c.name;
    }
  }
}

TEST(ReportedSpeechTest, PronounResolvesToTheLastPersonOfItsGender) {
  Document doc = testing::Segmented(
      "Dana Whitfield spoke in Geneva on Monday. She cited the drop in exports as the main reason.");
  testing::AddEntity(doc, EntityType::kPerson, "Dana Whitfield", {{"Dana Whitfield", MentionKind::kName}}, "", 'f');
  const std::vector<Got> got = RunQuotes(doc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].text, "the drop in exports as the main reason");
  EXPECT_EQ(got[0].speaker, "Dana Whitfield");
  EXPECT_EQ(got[0].entity, 0);
  EXPECT_EQ(got[0].cue, "cite");
}

TEST(ReportedSpeechTest, EntitySubjectGivesTheEntity) {
  Document doc = testing::Segmented("The Harbour Authority welcomed the decision to extend the pier.");
  testing::AddEntity(doc, EntityType::kOrg, "Harbour Authority", {{"Harbour Authority", MentionKind::kName}});
  const std::vector<Got> got = RunQuotes(doc);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].speaker, "Harbour Authority");
  EXPECT_EQ(got[0].entity, 0);
  EXPECT_EQ(got[0].text, "the decision to extend the pier");
}

TEST(ReportedSpeechTest, CapitalisedSubjectWithoutEntityIsNoSourceWhenEntitiesRan) {
  Document doc = testing::Segmented("Blue Lagoon showed its best colours in the morning light.");
  testing::AddEntity(doc, EntityType::kPerson, "Ann Roe", {{"Ann Roe", MentionKind::kName}});
  EXPECT_TRUE(RunQuotes(doc).empty());
}

// The content of one reported clause is bounded: a 400-word sentence gives a
// clause of at most kMaxReportedTokens tokens.
TEST(ReportedSpeechTest, ContentIsBounded) {
  std::string text = "The ministry called";
  for (int i = 0; i < 400; ++i) text += " word";
  text += ".";
  Document doc = testing::Segmented(text);
  const std::vector<Got> got = RunQuotes(doc);
  ASSERT_EQ(got.size(), 1u);
  size_t words = 0;
  for (size_t p = 0; (p = got[0].text.find("word", p)) != std::string::npos; p += 4) ++words;
  EXPECT_EQ(words, kMaxReportedTokens);
}

}  // namespace
}  // namespace ties
