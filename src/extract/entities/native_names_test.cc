// native_names_test.cc: the Russian, Kazakh and Chinese recogniser on sentences written for these
// tests (tests/entities/native_names.tsv), its entities (one person across case forms, the role)
// and its growth (work counted, linear in the input).
#include "extract/entities/native_names.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "testing/test_paths.h"
#include "text/segment_stage.h"

namespace ties::entities {
namespace {

Document Analyze(const std::string& language, const std::string& text, uint64_t* work = nullptr) {
  static const Stage* segment = [] {
    StageOptions options;
    options.data_dir = ::ties::testing::DataDir();
    auto stage = MakeSegmentStage(options);
    if (!stage.ok()) std::abort();
    return std::move(stage).value().release();
  }();
  Document doc;
  doc.text = text;
  doc.meta.language = language;
  if (!segment->Process(doc).ok()) std::abort();
  RecognizeNative(*SharedNativeLexicon(::ties::testing::DataDir(), language), doc, work);
  return doc;
}

std::string Describe(const Document& doc) {
  std::string out;
  for (const Mention& m : doc.mentions) {
    if (!out.empty()) out += " ; ";
    out += std::string(doc.View(m.span)) + "|" + std::string(EntityTypeName(doc.entities[m.entity].type));
  }
  return out.empty() ? "-" : out;
}

TEST(NativeNamesTest, TableOfSentences) {
  std::ifstream in(::ties::testing::SourcePath("tests/entities/native_names.tsv"));
  ASSERT_TRUE(in) << "tests/entities/native_names.tsv";
  std::string line;
  int cases = 0, passed = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    ASSERT_EQ(cols.size(), 3u) << line;
    ++cases;
    const Document doc = Analyze(cols[0], cols[1]);
    const std::string got = Describe(doc);
    EXPECT_EQ(got, cols[2]) << cols[0] << ": " << cols[1];
    passed += got == cols[2] ? 1 : 0;
  }
  EXPECT_GE(cases, 10);
  EXPECT_EQ(passed, cases);
}

TEST(NativeNamesTest, OnePersonAcrossCaseFormsWithRole) {
  const Document doc = Analyze("ru",
                               "Министр культуры и информации Казахстана Аида Балаева выступила. "
                               "Балаевой задали вопрос. Балаева ответила.");
  ASSERT_EQ(doc.entities.size(), 1u) << Describe(doc);
  EXPECT_EQ(doc.entities[0].canonical, "Аида Балаева");
  EXPECT_EQ(doc.entities[0].role, "Министр культуры и информации Казахстана");
  EXPECT_EQ(doc.mentions.size(), 3u);
}

TEST(NativeNamesTest, WorkGrowsLinearly) {
  const std::string unit =
      "Министр Аида Балаева и Сергей Лавров посетили «Северный поток» и Министерство финансов России. "
      "Мәдениет және ақпарат министрлігі, МИД, ООН. Балаевой ответили. Однако Астана молчит.\n";
  auto work = [&](size_t copies) {
    std::string text;
    for (size_t i = 0; i < copies; ++i) text += unit;
    uint64_t w = 0;
    Analyze("ru", text, &w);
    return w;
  };
  const uint64_t small = work(200), large = work(800);
  EXPECT_GT(small, 0u);
  EXPECT_LT(static_cast<double>(large), 4.4 * static_cast<double>(small)) << small << " -> " << large;
}

}  // namespace
}  // namespace ties::entities
