#include "export/gdelt_export.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> cols;
  size_t i = 0;
  while (true) {
    size_t j = line.find('\t', i);
    cols.emplace_back(line.substr(i, j == std::string_view::npos ? line.npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return cols;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find('\n', i);
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

Document SampleDoc() {
  Document doc;
  doc.meta.id = "seed-1";
  doc.meta.url = "https://english.news.cn/20250617/abc.html";
  doc.meta.source = "Xinhua";
  doc.meta.title = "Kazakhstan-China ties";
  doc.meta.published = "2025-06-17T10:34";
  doc.text = "ASTANA, June 16 (Xinhua) -- Balayeva praised China.\tShe said \"we are friends\".";
  auto span_of = [&](std::string_view s) {
    const uint32_t b = static_cast<uint32_t>(doc.text.find(s));
    return Span{b, b + static_cast<uint32_t>(s.size())};
  };
  doc.sentences.push_back(Sentence{span_of("ASTANA, June 16 (Xinhua) -- Balayeva praised China."), 0, 0, 0});
  doc.dateline.span = span_of("ASTANA, June 16 (Xinhua) --");
  doc.dateline.place = "Astana";
  Place astana;
  astana.span = span_of("ASTANA");
  astana.name = "Astana";
  astana.kind = PlaceKind::kCity;
  astana.geonameid = 1526273;
  astana.lat = 51.1801;
  astana.lon = 71.44598;
  astana.has_coordinates = true;
  astana.country = "KAZ";
  doc.places.push_back(astana);
  Entity person;
  person.type = EntityType::kPerson;
  person.canonical = "Aida Balayeva";
  person.country = "KAZ";
  doc.entities.push_back(person);
  doc.mentions.push_back(Mention{span_of("Balayeva"), 0, MentionKind::kName, {}});
  Event e;
  e.source = "KAZGOV";
  e.target = "CHN";
  e.code = "051";
  e.goldstein = 3.4;
  e.quad_class = 1;
  e.plover = "SUPPORT";
  e.sentence = doc.sentences[0].span;
  e.trigger = span_of("praised");
  e.source_span = span_of("Balayeva");
  e.target_span = span_of("China");
  doc.events.push_back(e);
  doc.events.push_back(e);  // the same triple again: one row, two mentions
  Event igo = e;
  igo.target = "IGOUNO";
  igo.code = "0841";
  doc.events.push_back(igo);
  Quote q;
  q.span = span_of("we are friends");
  q.speaker_entity = 0;
  q.speaker_name = "Aida Balayeva";
  q.cue = "say";
  doc.quotes.push_back(q);
  doc.themes.push_back(Theme{"culture", 3, 10.0});
  doc.themes.push_back(Theme{"visas", 1, 5.0});
  doc.tone.tone = 2.5;
  doc.tone.positive = 3.5;
  doc.tone.negative = 1.0;
  doc.tone.polarity = 4.5;
  doc.tone.word_count = 12;
  doc.dates.push_back(DateMention{span_of("June 16"), "2025-06-16"});
  return doc;
}

TEST(GdeltExportTest, EventRowsHave61ColumnsInOrder) {
  EXPECT_EQ(SplitTabs(GdeltEventHeader().substr(0, GdeltEventHeader().size() - 1)).size(), 61u);
  const Document doc = SampleDoc();
  std::string out;
  uint64_t next_id = 1000;
  AppendGdeltEventRows(doc, ExportOptions{}, &next_id, out);
  const std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(next_id, 1002u);
  const std::vector<std::string> c = SplitTabs(lines[0]);
  ASSERT_EQ(c.size(), 61u);
  EXPECT_EQ(c[0], "1000");
  EXPECT_EQ(c[1], "20250617");
  EXPECT_EQ(c[2], "202506");
  EXPECT_EQ(c[3], "2025");
  EXPECT_EQ(c[5], "KAZGOV");
  EXPECT_EQ(c[6], "BALAYEVA");
  EXPECT_EQ(c[7], "KAZ");
  EXPECT_EQ(c[12], "GOV");
  EXPECT_EQ(c[15], "CHN");
  EXPECT_EQ(c[17], "CHN");
  EXPECT_EQ(c[25], "1");    // IsRootEvent
  EXPECT_EQ(c[26], "051");  // EventCode
  EXPECT_EQ(c[27], "051");
  EXPECT_EQ(c[28], "05");
  EXPECT_EQ(c[29], "1");
  EXPECT_EQ(c[30], "3.4");
  EXPECT_EQ(c[31], "2");    // NumMentions
  EXPECT_EQ(c[34], "2.500000");
  EXPECT_EQ(c[35], "4");    // Actor1Geo_Type: world city
  EXPECT_EQ(c[36], "Astana");
  EXPECT_EQ(c[42], "1526273");
  EXPECT_EQ(c[51], "4");    // ActionGeo from the sentence's place
  EXPECT_EQ(c[56], "51.1801");
  EXPECT_EQ(c[57], "71.4460");
  EXPECT_EQ(c[59], "20250617103400");
  EXPECT_EQ(c[60], "https://english.news.cn/20250617/abc.html");
  const std::vector<std::string> c2 = SplitTabs(lines[1]);
  EXPECT_EQ(c2[15], "IGOUNO");
  EXPECT_EQ(c2[17], "");     // IGOs have no country
  EXPECT_EQ(c2[18], "UNO");  // known group code
  EXPECT_EQ(c2[26], "0841");
  EXPECT_EQ(c2[27], "084");
  EXPECT_EQ(c2[28], "08");
}

TEST(GdeltExportTest, GkgRowHas27Columns) {
  const Document doc = SampleDoc();
  std::string out;
  AppendGdeltGkgRow(doc, ExportOptions{}, 7, out);
  const std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 1u);
  const std::vector<std::string> c = SplitTabs(lines[0]);
  ASSERT_EQ(c.size(), 27u);
  EXPECT_EQ(c[0], "20250617103400-7");
  EXPECT_EQ(c[3], "english.news.cn");
  EXPECT_EQ(c[7], "CULTURE;VISAS;");
  EXPECT_EQ(c[9], "4#Astana#KAZ##51.1801#71.4460#1526273;");
  EXPECT_EQ(c[11], "Aida Balayeva;");
  EXPECT_EQ(c[12], "Aida Balayeva,28;");
  EXPECT_EQ(c[15], "2.500000,3.500000,1.000000,4.500000,0.000000,0.000000,12");
  EXPECT_EQ(c[16], "4#6#16#2025#8;");
  EXPECT_NE(c[22].find("|say|we are friends"), std::string::npos);
  EXPECT_NE(c[26].find("<TIES_QUOTE_SPEAKERS>"), std::string::npos);
  EXPECT_NE(c[26].find("|Aida Balayeva|KAZ"), std::string::npos);
}

TEST(GdeltExportTest, EventsCsvQuotesFields) {
  const Document doc = SampleDoc();
  std::string out(EventsCsvHeader());
  AppendEventsCsvRows(doc, out);
  const std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 4u);
  // The record's names (docs/record.md): article_id, not doc_id; root, not root_code.
  EXPECT_EQ(lines[0].substr(0, lines[0].find(",published")), "article_id");
  EXPECT_NE(lines[0].find(",base_code,root,quad_class,"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find(",KAZGOV,Balayeva,CHN,China,051,051,05,1,3.4,SUPPORT,false,praised,"), std::string::npos);
  EXPECT_NE(lines[1].find("\"ASTANA, June 16 (Xinhua) -- Balayeva praised China.\""), std::string::npos);
}

}  // namespace
}  // namespace ties
