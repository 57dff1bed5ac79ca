// quotes_stage_test.cc: the quotes stage on hand-built Documents, one table row per form.
#include "extract/quotes/quotes_stage.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/quotes/quote_test_util.h"

namespace ties {
namespace {

struct Expected {
  std::string kind;     // "direct", "indirect", "mixed"
  std::string text;     // quote span text
  std::string speaker;  // speaker_name
  std::string cue;      // normalised cue
};

struct StageCase {
  const char* name;
  const char* text;
  std::vector<Expected> quotes;
};

std::vector<Expected> RunQuotes(Document& doc) {
  EXPECT_TRUE(testing::QuotesStage().Process(doc).ok());
  std::vector<Expected> got;
  for (const Quote& q : doc.quotes) {
    got.push_back({std::string(QuoteKindName(q.kind)), std::string(doc.View(q.span)), q.speaker_name, q.cue});
  }
  return got;
}

std::string Show(const std::vector<Expected>& v) {
  std::string s;
  for (const Expected& e : v) s += "  {" + e.kind + " | " + e.text + " | " + e.speaker + " | " + e.cue + "}\n";
  return s;
}

// No entities: speakers are the capitalised names and descriptions in the text.
const StageCase kNoEntityCases[] = {
    {"direct_after_pronoun_inherits_name",
     "Maria Lopez spoke on Monday. \"We will build the bridge,\" she said.",
     {{"direct", "We will build the bridge,", "Maria Lopez", "say"}}},
    {"direct_inverted_named",
     "\"The talks were useful,\" said John Smith, a senior diplomat.",
     {{"direct", "The talks were useful,", "John Smith", "say"}}},
    {"direct_colon_before",
     "Smith told reporters: \"There is no deal yet.\"",
     {{"direct", "There is no deal yet.", "Smith", "tell"}}},
    {"direct_comma_before",
     "Lee said, \"The vote will happen in May.\"",
     {{"direct", "The vote will happen in May.", "Lee", "say"}}},
    {"split_by_attribution",
     "\"The first part is done,\" Anna Berg said. \"The second part starts now.\"",
     {{"direct", "The first part is done,", "Anna Berg", "say"},
      {"direct", "The second part starts now.", "Anna Berg", "say"}}},
    {"split_with_comma",
     "\"We came here,\" Anna Berg said, \"to sign the deal.\"",
     {{"direct", "We came here,", "Anna Berg", "say"}, {"direct", "to sign the deal.", "Anna Berg", "say"}}},
    {"partial_quote_in_reported_clause",
     "Tom Reed said that the events \"have helped us learn more about each other.\"",
     {{"direct", "have helped us learn more about each other.", "Tom Reed", "say"}}},
    {"mixed_short_fragment",
     "Clinton says the plan means Trump \"may not have paid\" federal income taxes for nearly two decades.",
     {{"mixed", "the plan means Trump \"may not have paid\" federal income taxes for nearly two decades", "Clinton",
       "say"}}},
    {"multi_paragraph_quote",
     "\"We started the project in spring.\n\n\"Now it is finished,\" said Paul Kim.",
     {{"direct", "We started the project in spring.\n\n\"Now it is finished,", "Paul Kim", "say"}}},
    {"bare_quote_continues_speaker",
     "Prices will rise next year, Vera Olsen said. \"Nobody can stop that now.\"",
     {{"indirect", "Prices will rise next year", "Vera Olsen", "say"},
      {"direct", "Nobody can stop that now.", "Vera Olsen", "say"}}},
    {"quote_paragraph_after_colon",
     "Sanders made the following comment:\n\n\"The unemployment rate for young people is very high.\"",
     {{"direct", "The unemployment rate for young people is very high.", "Sanders", "made"}}},
    {"scare_quotes_dropped", "The so-called \"deal\" was never signed by anyone.", {}},
    {"reported_said_that",
     "Balayeva said that media cooperation has enhanced tourism.",
     {{"indirect", "media cooperation has enhanced tourism", "Balayeva", "say"}}},
    {"reported_said_without_that",
     "Republicans said the findings raised more troubling questions.",
     {{"indirect", "the findings raised more troubling questions", "Republicans", "say"}}},
    {"reported_tail",
     "The convoy was delayed by two hours at the border, officials said.",
     {{"indirect", "The convoy was delayed by two hours at the border", "officials", "say"}}},
    {"reported_tail_unnamed_source",
     "A campaign operative decided to change course, a source said on Sunday.",
     {{"indirect", "A campaign operative decided to change course", "a source", "say"}}},
    {"reported_tail_inverted",
     "The results were fruitful, said the minister.",
     {{"indirect", "The results were fruitful", "the minister", "say"}}},
    {"told_object_that",
     "Ivan Petrov told Xinhua that the new road will open in July.",
     {{"indirect", "the new road will open in July", "Ivan Petrov", "tell"}}},
    {"told_tail",
     "Exchanges are nurturing the friendship between the two countries, Kazakh Minister of Culture and "
     "Information Aida Balayeva told Xinhua.",
     {{"indirect", "Exchanges are nurturing the friendship between the two countries", "Aida Balayeva", "tell"}}},
    {"noting_that_participle",
     "Omar Haddad also praised the project, noting that this is an important direction for the region.",
     {{"indirect", "this is an important direction for the region", "Omar Haddad", "note"}}},
    {"noting_that_initial",
     "Noting that the two countries co-hosted many exhibitions, Omar Haddad said the ties were strong.",
     {{"indirect", "the two countries co-hosted many exhibitions", "Omar Haddad", "note"},
      {"indirect", "the ties were strong", "Omar Haddad", "say"}}},
    {"expressed_hope_that",
     "Looking ahead to the summit, Lina Park expressed hope that leaders will reach new consensus.",
     {{"indirect", "leaders will reach new consensus", "Lina Park", "express hope"}}},
    {"stressed_that",
     "The governor stressed that the budget must be balanced this year.",
     {{"indirect", "the budget must be balanced this year", "The governor", "stress"}}},
    {"highlighted_without_that_is_no_quote",
     "She highlighted the booming development of tourism between the two countries.",
     {}},
    {"according_to_initial",
     "According to the police report, the fire started in the kitchen.",
     {{"indirect", "the fire started in the kitchen", "the police report", "according to"}}},
    {"according_to_tail",
     "The fire started in the kitchen, according to Fire Chief Dan Moss.",
     {{"indirect", "The fire started in the kitchen", "Dan Moss", "according to"}}},
    {"according_to_source_with_preposition",
     "The senator now has 723 delegates, according to a count by the Associated Press.",
     {{"indirect", "The senator now has 723 delegates", "a count by the Associated Press", "according to"}}},
    {"warned_that",
     "The central bank warned that inflation could return next year.",
     {{"indirect", "inflation could return next year", "The central bank", "warn"}}},
    {"denied_that",
     "The company denied that it had hidden the losses from investors.",
     {{"indirect", "it had hidden the losses from investors", "The company", "deny"}}},
    {"urged_to",
     "The mayor urged residents to stay indoors during the storm.",
     {{"indirect", "residents to stay indoors during the storm", "The mayor", "urge"}}},
    {"adding_that_splits",
     "Prices will rise, the minister said, adding that wages will follow.",
     {{"indirect", "Prices will rise", "the minister", "say"},
      {"indirect", "wages will follow", "the minister", "add"}}},
    {"who_relative",
     "\"It will be simpler,\" said Mr. Kamin, who emphasized that the proposals would help small firms.",
     {{"direct", "It will be simpler,", "Mr. Kamin", "say"},
      {"indirect", "the proposals would help small firms", "Mr. Kamin", "emphasize"}}},
    {"cue_inside_quote_is_ignored",
     "\"He said that nothing would change,\" Maria Lopez told reporters.",
     {{"direct", "He said that nothing would change,", "Maria Lopez", "tell"}}},
    {"dateline_skipped",
     "ASTANA, June 16 (Xinhua) -- Trade between the two nations grew fast, the ministry said.",
     {{"indirect", "Trade between the two nations grew fast", "the ministry", "say"}}},
};

class NoEntityTest : public ::testing::TestWithParam<StageCase> {};

TEST_P(NoEntityTest, FindsQuotes) {
  const StageCase& c = GetParam();
  Document doc = testing::Segmented(c.text);
  if (std::string_view(c.text).substr(0, 6) == "ASTANA") doc.dateline.span = {0, 28};
  const std::vector<Expected> got = RunQuotes(doc);
  EXPECT_EQ(Show(got), Show(c.quotes)) << c.text;
}

INSTANTIATE_TEST_SUITE_P(Forms, NoEntityTest, ::testing::ValuesIn(kNoEntityCases),
                         [](const ::testing::TestParamInfo<StageCase>& info) { return info.param.name; });

// With entities: speakers resolve to entity ids and canonical names.
TEST(WithEntitiesTest, PronounAndNominalResolveToPerson) {
  Document doc = testing::Segmented(
      "Kazakh Minister of Culture and Information Aida Balayeva met the press. \"Tourism is growing,\" she said. "
      "\"Visas are easier now,\" said the minister. Balayeva said that the talks went well.");
  testing::AddEntity(doc, EntityType::kPerson, "Aida Balayeva",
                     {{"Aida Balayeva", MentionKind::kName}, {"Balayeva said", MentionKind::kName}},
                     "Minister of Culture and Information", 'f');
  // Only the name mentions: the stage must resolve "she" and "the minister" itself.
  doc.mentions[1].span.end = doc.mentions[1].span.begin + 8;
  ASSERT_TRUE(testing::QuotesStage().Process(doc).ok());
  ASSERT_EQ(doc.quotes.size(), 3u);
  for (const Quote& q : doc.quotes) {
    EXPECT_EQ(q.speaker_entity, 0) << doc.View(q.span);
    EXPECT_EQ(q.speaker_name, "Aida Balayeva");
  }
  EXPECT_EQ(doc.View(doc.quotes[0].speaker_span), "she");
  EXPECT_EQ(doc.View(doc.quotes[1].speaker_span), "the minister");
  EXPECT_EQ(doc.View(doc.quotes[2].speaker_span), "Balayeva");
  EXPECT_EQ(doc.View(doc.quotes[0].cue_span), "said");
  EXPECT_EQ(doc.quotes[2].kind, QuoteKind::kIndirect);
}

TEST(WithEntitiesTest, CoreferenceMentionsWin) {
  Document doc = testing::Segmented(
      "John Park met Mary Chen. \"We agreed on everything,\" he said.");
  testing::AddEntity(doc, EntityType::kPerson, "John Park", {{"John Park", MentionKind::kName}, {"he", MentionKind::kPronoun}});
  testing::AddEntity(doc, EntityType::kPerson, "Mary Chen", {{"Mary Chen", MentionKind::kName}});
  ASSERT_TRUE(testing::QuotesStage().Process(doc).ok());
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker_entity, 0);
  EXPECT_EQ(doc.quotes[0].speaker_name, "John Park");
}

TEST(WithEntitiesTest, GenderPicksTheRightPerson) {
  Document doc = testing::Segmented("Anna Weber met Peter Brandt in Berlin. \"It went well,\" she said.");
  testing::AddEntity(doc, EntityType::kPerson, "Anna Weber", {{"Anna Weber", MentionKind::kName}}, "", 'f');
  testing::AddEntity(doc, EntityType::kPerson, "Peter Brandt", {{"Peter Brandt", MentionKind::kName}}, "", 'm');
  ASSERT_TRUE(testing::QuotesStage().Process(doc).ok());
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker_name, "Anna Weber");
}

TEST(WithEntitiesTest, OrganisationSpeaker) {
  Document doc = testing::Segmented("Exports rose by ten percent last year, the Foreign Ministry said.");
  testing::AddEntity(doc, EntityType::kOrg, "Ministry of Foreign Affairs", {{"Foreign Ministry", MentionKind::kName}});
  ASSERT_TRUE(testing::QuotesStage().Process(doc).ok());
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker_entity, 0);
  EXPECT_EQ(doc.quotes[0].speaker_name, "Ministry of Foreign Affairs");
  EXPECT_EQ(doc.View(doc.quotes[0].speaker_span), "the Foreign Ministry");
}

TEST(WithEntitiesTest, UnnamedSpeakerHasNoEntity) {
  Document doc = testing::Segmented("Maria Lopez arrived. The deal is close, a source said.");
  testing::AddEntity(doc, EntityType::kPerson, "Maria Lopez", {{"Maria Lopez", MentionKind::kName}});
  ASSERT_TRUE(testing::QuotesStage().Process(doc).ok());
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker_entity, -1);
  EXPECT_EQ(doc.quotes[0].speaker_name, "a source");
}

TEST(WithEntitiesTest, NationalityModifyingAGroupIsAnUnnamedSpeaker) {
  Document doc = testing::Segmented("Mobile teams would visit remote villages, Ethiopian officials said.");
  testing::AddEntity(doc, EntityType::kNorp, "Ethiopian", {{"Ethiopian", MentionKind::kName}});
  doc.entities[0].country = "ETH";
  ASSERT_TRUE(testing::QuotesStage().Process(doc).ok());
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker_entity, -1);
  EXPECT_EQ(doc.quotes[0].speaker_name, "Ethiopian officials");
}

TEST(QuotesStageTest, EmptyAndQuoteOnlyDocuments) {
  Document empty = testing::Segmented("");
  EXPECT_TRUE(RunQuotes(empty).empty());
  Document marks = testing::Segmented("\" \" \u201C \u201D \"");
  EXPECT_TRUE(testing::QuotesStage().Process(marks).ok());
}

}  // namespace
}  // namespace ties
