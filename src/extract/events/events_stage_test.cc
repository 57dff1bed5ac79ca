// events_stage_test.cc: table-driven tests of CAMEO event coding, one table per
// pattern family (the 20 root categories, negation, passive, coordination,
// reported statements) plus precision cases that must code nothing.
#include "extract/events/events_stage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "common/data_file.h"

#include "extract/clause/clause_stage.h"
#include "tagger/tag_stage.h"
#include "text/segment_stage.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

class EventsTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    auto seg = MakeSegmentStage(StageOptions{testing::DataDir()});
    ASSERT_TRUE(seg.ok()) << seg.status().ToString();
    segment_ = std::move(seg.value()).release();
    // The events stage reads the clause layer: POS tags and chunks, then clauses.
    auto tag = MakeTagStage(StageOptions{testing::DataDir()});
    ASSERT_TRUE(tag.ok()) << tag.status().ToString();
    tag_ = std::move(tag.value()).release();
    auto clause = MakeClauseStage(StageOptions{testing::DataDir()});
    ASSERT_TRUE(clause.ok()) << clause.status().ToString();
    clause_ = std::move(clause.value()).release();
    auto ev = MakeEventsStage(StageOptions{testing::DataDir()});
    ASSERT_TRUE(ev.ok()) << ev.status().ToString();
    events_ = std::move(ev.value()).release();
  }
  static void TearDownTestSuite() {
    delete segment_;
    delete tag_;
    delete clause_;
    delete events_;
  }

  // "SRC>TGT CODE" for every event; a trailing "!" marks negated events.
  static std::vector<std::string> Code(const std::string& text) {
    Document doc;
    doc.text = text;
    doc.meta.published = "2025-06-17";
    EXPECT_TRUE(segment_->Process(doc).ok());
    EXPECT_TRUE(tag_->Process(doc).ok());
    EXPECT_TRUE(clause_->Process(doc).ok());
    EXPECT_TRUE(events_->Process(doc).ok());
    std::vector<std::string> out;
    for (const Event& e : doc.events) {
      out.push_back(e.source + ">" + e.target + " " + e.code + (e.negated ? "!" : ""));
      EXPECT_FALSE(e.trigger.empty());
      EXPECT_LE(e.sentence.begin, e.trigger.begin);
      EXPECT_GE(e.sentence.end, e.trigger.end);
    }
    return out;
  }

  static Stage* segment_;
  static Stage* tag_;
  static Stage* clause_;
  static Stage* events_;
};
Stage* EventsTest::segment_ = nullptr;
Stage* EventsTest::tag_ = nullptr;
Stage* EventsTest::clause_ = nullptr;
Stage* EventsTest::events_ = nullptr;

struct EventCase {
  const char* text;
  std::vector<std::string> expected;  // each must be present
};

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += "[" + x + "] ";
  return s;
}

void ExpectCases(const std::vector<EventCase>& cases, const std::function<std::vector<std::string>(const std::string&)>& code) {
  for (const EventCase& c : cases) {
    const std::vector<std::string> got = code(c.text);
    for (const std::string& want : c.expected) {
      EXPECT_NE(std::find(got.begin(), got.end(), want), got.end())
          << c.text << "\n  want " << want << "\n  got  " << Join(got);
    }
  }
}

TEST_F(EventsTest, CodesEachRootCategory) {
  const std::vector<EventCase> cases = {
      {"The Japanese government expressed concern over the Chinese military buildup.", {"JPNGOV>CHNMIL 012"}},
      {"France urged Iran to hold talks with the United States.", {"FRA>IRN 026"}},
      {"Kazakhstan pledged to provide humanitarian aid to Afghanistan.", {"KAZ>AFG 033"}},
      {"Chinese President Xi Jinping met Kazakh President Kassym-Jomart Tokayev in Astana.", {"CHNGOV>KAZGOV 040"}},
      {"Kazakh Minister of Culture Aida Balayeva visited Beijing. Balayeva also spoke highly of China's achievements.",
       {"KAZGOV>CHN 042", "KAZGOV>CHN 051"}},
      {"Jordan and Britain held joint military exercises.", {"JOR>GBR 062", "GBR>JOR 062"}},
      {"Japan provided humanitarian aid to Nepal.", {"JPN>NPL 073"}},
      {"Israel released 30 Palestinian prisoners.", {"ISR>PSE 0841"}},
      {"Italian prosecutors investigated the Russian company.", {"ITAJUD>RUSBUS 090"}},
      {"Ukraine demanded the withdrawal of Russian troops.", {"UKR>RUSMIL 106"}},
      {"Germany condemned the Iranian missile attack.", {"DEU>IRN 111"}},
      {"Israel rejected the Palestinian proposal.", {"ISR>PSE 127"}},
      {"North Korea threatened to attack South Korea.", {"PRK>KOR 138"}},
      {"Thousands of Serbian students staged demonstrations against the Serbian government.", {"SRBEDU>SRBGOV 141"}},
      {"Turkey deployed troops along the Syrian border.", {"TUR>SYR 154"}},
      {"The United States imposed sanctions on Iran.", {"USA>IRN 163"}},
      {"Egyptian police arrested two Israeli tourists.", {"EGYCOP>ISRCVL 173"}},
      {"Afghan rebels kidnapped two Chinese engineers.", {"AFGREB>CHN 181"}},
      {"Israeli troops clashed with Palestinian gunmen.", {"ISRMIL>PSEREB 190"}},
      {"Syrian forces used chemical weapons against Turkish civilians.", {"SYRMIL>TURCVL 204"}},
  };
  ExpectCases(cases, Code);
}

TEST_F(EventsTest, Negation) {
  ExpectCases({{"China did not agree to Japan's proposal.", {"CHN>JPN 120!"}},
               {"Russia refused to meet Ukrainian officials.", {"RUS>UKRGOV 125"}},
               {"India never agreed with Pakistan.", {}}},
              Code);
  EXPECT_TRUE(Code("Iran did not attack Israel.").empty());
  EXPECT_TRUE(Code("India never agreed with Pakistan.").empty());
}

TEST_F(EventsTest, Passive) {
  ExpectCases({{"Japan was criticised by China.", {"CHN>JPN 111"}},
               {"The Russian ambassador was expelled by Poland.", {"POL>RUSGOV 174"}},
               {"Kenya was praised by the United Nations for its efforts.", {"IGOUNO>KEN 051"}}},
              Code);
  EXPECT_TRUE(Code("The minister was criticised.").empty());
}

TEST_F(EventsTest, Coordination) {
  ExpectCases({{"Kazakhstan and China co-hosted art exhibitions.", {"KAZ>CHN 050", "CHN>KAZ 050"}},
               {"Hungarian and Romanian officials agreed to cooperate.", {"HUNGOV>ROUGOV 031", "ROUGOV>HUNGOV 031"}},
               {"France praised Germany and Italy.", {"FRA>DEU 051", "FRA>ITA 051"}},
               {"Turkey praised Azerbaijan and criticized Armenia.", {"TUR>AZE 051", "TUR>ARM 111"}}},
              Code);
}

TEST_F(EventsTest, ReportedStatements) {
  ExpectCases({{"Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez.", {"AFGREB>IGOUNO 036"}},
               {"Beijing said it would send humanitarian aid to Myanmar.", {"CHNGOV>MMR 033"}},
               {"The APEC forum has agreed to help Vietnam, officials said Thursday.", {"IGOAPC>VNM 030"}}},

              Code);
}

TEST_F(EventsTest, CodesNothingWithoutActorsOrTriggers) {
  const char* texts[] = {
      "The visit was a success.",
      "In March, the company reported strong sales.",
      "The attack killed 20 people.",
      "Officials said the talks would continue.",
      "She said the weather was fine.",
      "The support of the public matters.",
      "China's economy grew 5 percent last year.",
  };
  for (const char* t : texts) EXPECT_TRUE(Code(t).empty()) << t << " -> " << Join(Code(t));
}

// Precision rules: both actors are required; a pair inside one country needs a
// sector on the source and two different codes.
TEST_F(EventsTest, RequiresTwoDistinctActors) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;  // the complete list
  };
  const Case cases[] = {
      {"Ethiopian Prime Minister Abiy Ahmed would visit next month.", {}},
      {"The Japanese government expressed concern over the situation.", {}},
      {"Egyptian police arrested 12 members of the group.", {}},
      {"Kazakhstan agreed to the Kazakh government's plan.", {}},
      {"Kazakhstan praised Kazakhstan.", {}},
      {"Colombian troops attacked Colombian rebels.", {"COLMIL>COLREB 190"}},
      {"Kazakhstan and China co-hosted art exhibitions.", {"KAZ>CHN 050", "CHN>KAZ 050"}},
      {"Bosnian Serbs criticized Croatia.", {"BIH>HRV 111"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> got = Code(c.text);
    std::vector<std::string> want = c.expected;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(Join(got), Join(want)) << c.text;
  }
}

// "agreed with" is an expression of accord (019) unless an agreement with the
// partner follows ("agreed with X to / on ..."), which is an agreement with X.
TEST_F(EventsTest, AgreedWith) {
  ExpectCases({{"Kazakhstan agreed with China to open two more border crossings.", {"KAZ>CHN 030"}},
               {"Kazakhstan agreed with China on visa-free travel.", {"KAZ>CHN 030"}},
               {"India agreed with Russia's assessment of the crisis.", {"IND>RUS 019"}}},
              Code);
  for (const char* t : {"Kazakhstan agreed with China to open two more border crossings.",
                        "Kazakhstan agreed with China on visa-free travel."}) {
    for (const std::string& e : Code(t)) EXPECT_EQ(e.find(" 019"), std::string::npos) << t << " -> " << e;
  }
}

TEST_F(EventsTest, KeepsSpansAndScores) {
  Document doc;
  doc.text = "Germany criticized Russia.";
  ASSERT_TRUE(segment_->Process(doc).ok());
  ASSERT_TRUE(tag_->Process(doc).ok());
  ASSERT_TRUE(clause_->Process(doc).ok());
  ASSERT_TRUE(events_->Process(doc).ok());
  ASSERT_EQ(doc.events.size(), 1u);
  const Event& e = doc.events[0];
  EXPECT_EQ(doc.View(e.trigger), "criticized");
  EXPECT_EQ(doc.View(e.source_span), "Germany");
  EXPECT_EQ(doc.View(e.target_span), "Russia");
  EXPECT_EQ(doc.View(e.sentence), doc.text);
  EXPECT_DOUBLE_EQ(e.goldstein, -2.0);
  EXPECT_EQ(e.quad_class, 3);
  EXPECT_EQ(e.plover, "DISAPPROVE");
}

// tests/events/golden.tsv: invented news sentences (written for ties, none from an
// evaluation set) with the (source, target, CAMEO root) pairs they must code, or "-"
// for sentences that must code nothing (negation, conditionals, no actor pair).
// A row is right when it holds exactly: every expected triple present, no other event.
// Returns the number of right rows; `rows` gets the number of rows.
int CodeTable(const std::string& name, bool report_each, int* rows) {
  int right = 0;
  *rows = 0;
  Status st = ReadTsv(testing::SourcePath("tests/events/" + name),
                      [&](const std::vector<std::string_view>& cols, int line) {
                        if (cols.size() != 2) return Status::ParseError("expected sentence and events");
                        ++*rows;
                        std::vector<std::string> want;
                        if (cols[1] != "-") {
                          for (std::string_view w : SplitList(cols[1], ',')) want.emplace_back(w);
                        }
                        std::vector<std::string> got;
                        for (const std::string& e : EventsTest::Code(std::string(cols[0]))) {
                          // "SRC>TGT CODE[!]" -> "SRC>TGT RR" (the root).
                          const size_t space = e.find(' ');
                          std::string root = e.substr(0, space + 1) + e.substr(space + 1, 2);
                          if (std::find(got.begin(), got.end(), root) == got.end()) got.push_back(root);
                        }
                        std::sort(want.begin(), want.end());
                        std::sort(got.begin(), got.end());
                        if (want == got) {
                          ++right;
                        } else if (report_each) {
                          ADD_FAILURE() << name << ":" << line << ": " << cols[0] << "\n  want " << Join(want)
                                        << "\n  got  " << Join(got);
                        } else {
                          std::printf("%s:%d: %s\n  want %s\n  got  %s\n", name.c_str(), line,
                                      std::string(cols[0]).c_str(), Join(want).c_str(), Join(got).c_str());
                        }
                        return Status::Ok();
                      });
  EXPECT_TRUE(st.ok()) << st.ToString();
  std::printf("%s: %d/%d sentences coded exactly\n", name.c_str(), right, *rows);
  return right;
}

// Every row of the table the rules were written against must hold.
TEST_F(EventsTest, GoldenSentences) {
  int rows = 0;
  const int right = CodeTable("golden.tsv", true, &rows);
  EXPECT_GE(rows, 53);
  EXPECT_EQ(right, rows);
}

// tests/events/heldout.tsv was written after the rules and never used to tune them:
// its score is a measurement (14/15 when written; 27/28 with the 13 rows of session 7,
// 12 of which main coded before the rules they were written for, docs/quality.md), and the
// test fails when a change codes fewer of its rows exactly.
TEST_F(EventsTest, HeldoutSentences) {
  int rows = 0;
  const int right = CodeTable("heldout.tsv", false, &rows);
  EXPECT_GE(rows, 28);
  EXPECT_GE(right, 27);
}

}  // namespace
}  // namespace ties
