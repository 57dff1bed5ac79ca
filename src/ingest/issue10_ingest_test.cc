// issue10_ingest_test.cc: regressions found by the bad-input catalogue
// (tests/badinput, issue 10). Each was a silent loss of records:
//   - a truncated or corrupt .gz read as a shorter, valid file (the error met
//     while sniffing the format was dropped);
//   - the record cut by a truncated .gz reported as "not valid JSON" and the
//     truncation itself never reported;
//   - two JSON objects on one line ("{...}{...}", or records separated by CR
//     only) stored the first and dropped the rest without a word.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "ties/reader.h"

namespace ties {
namespace {

namespace fs = std::filesystem;

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Line(int n) {
  return "{\"id\":\"a" + std::to_string(n) + "\",\"text\":\"Officials met in Astana on Monday, report " +
         std::to_string(n) + ".\"}\n";
}

struct ReadResult {
  std::vector<std::string> ids;
  std::vector<std::string> errors;
};

ReadResult ReadAllRecords(const std::string& path) {
  ReadResult r;
  auto stream = ArticleStream::Open({path}, ReadOptions{});
  EXPECT_TRUE(stream.ok());
  if (!stream.ok()) return r;
  Document doc;
  Status error;
  for (int guard = 0; guard < 100000; ++guard) {
    const ReadOutcome outcome = (*stream)->Next(doc, error);
    if (outcome == ReadOutcome::kEnd) break;
    if (outcome == ReadOutcome::kError) r.errors.push_back(error.message());
    else r.ids.push_back(doc.meta.id);
  }
  return r;
}

class Issue10IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(TIES_TEST_BINARY_DIR) / "issue10_ingest_test" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  std::string Write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  fs::path dir_;
};

// Cuts of a small .gz: every cut reports the truncation once, never a JSON error.
TEST_F(Issue10IngestTest, issue10_truncated_gzip_test) {
  std::string jsonl;
  for (int i = 0; i < 40; ++i) jsonl += Line(i);
  const std::string gz = Gzip(jsonl);
  for (const double fraction : {0.2, 0.5, 0.8, 0.95}) {
    const std::string path = Write("cut.jsonl.gz", gz.substr(0, static_cast<size_t>(gz.size() * fraction)));
    const ReadResult r = ReadAllRecords(path);
    ASSERT_EQ(r.errors.size(), 1u) << fraction;
    EXPECT_NE(r.errors[0].find("truncated or corrupt compressed data"), std::string::npos) << r.errors[0];
    EXPECT_NE(r.errors[0].find("cut.jsonl.gz:"), std::string::npos) << r.errors[0];
    EXPECT_EQ(r.errors[0].find("cut.jsonl.gz", r.errors[0].find("cut.jsonl.gz") + 1), std::string::npos) << r.errors[0];
    EXPECT_LT(r.ids.size(), 40u);
  }
}

// A truncated .txt.gz is an error, not a shorter article.
TEST_F(Issue10IngestTest, issue10_truncated_gzip_text_test) {
  std::string text = "Title\n\n";
  for (int i = 0; i < 200; ++i) text += "Officials met in Astana on Monday. ";
  const std::string gz = Gzip(text);
  const ReadResult r = ReadAllRecords(Write("story.txt.gz", gz.substr(0, gz.size() / 2)));
  EXPECT_TRUE(r.ids.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("truncated or corrupt"), std::string::npos) << r.errors[0];
}

// A corrupt member in the middle of a multi-member .gz is reported.
TEST_F(Issue10IngestTest, issue10_corrupt_gzip_member_test) {
  std::string m1, m2, m3;
  for (int i = 0; i < 50; ++i) m1 += Line(i), m2 += Line(100 + i), m3 += Line(200 + i);
  std::string bad = Gzip(m2);
  for (size_t i = bad.size() / 2; i < bad.size() / 2 + 16; ++i) bad[i] = static_cast<char>(~bad[i]);
  const ReadResult r = ReadAllRecords(Write("multi.jsonl.gz", Gzip(m1) + bad + Gzip(m3)));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("multi.jsonl.gz:"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[0].find("corrupt compressed data"), std::string::npos) << r.errors[0];
  // The file is named once.
  EXPECT_EQ(r.errors[0].find("multi.jsonl.gz", r.errors[0].find("multi.jsonl.gz") + 1), std::string::npos) << r.errors[0];
}

// A WARC file whose gzip data is corrupt before the first record (found by
// article_stream_fuzzer: a gzip header with an unknown compression method)
// reported "corrupt compressed data ..." without naming the file.
TEST_F(Issue10IngestTest, issue10_corrupt_gzip_warc_names_the_file_test) {
  const std::string bad_method("\x1f\x8b\x38\x99\x5c\x07\x00\x00\x00", 9);
  std::string cut = Gzip("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\n" + std::string(4000, 'x'));
  cut.resize(cut.size() / 3);
  const std::pair<const char*, std::string> cases[] = {
      {"bad-method.warc", bad_method},
      {"bad-method.warc.gz", bad_method},
      {"cut.warc.gz", cut},
  };
  for (const auto& [name, content] : cases) {
    const ReadResult r = ReadAllRecords(Write(name, content));
    EXPECT_TRUE(r.ids.empty()) << name;
    ASSERT_EQ(r.errors.size(), 1u) << name;
    EXPECT_EQ(r.errors[0].rfind((dir_ / name).string() + ": ", 0), 0u) << r.errors[0];
    EXPECT_EQ(r.errors[0].find('\n'), std::string::npos) << r.errors[0];
    EXPECT_EQ(r.errors[0].find(name, r.errors[0].find(name) + 1), std::string::npos) << "named twice: " << r.errors[0];
  }
}

// Two JSON values on one line are an error naming the line, not one record.
TEST(Issue10JsonTest, issue10_two_json_values_on_one_line_test) {
  const struct {
    const char* line;
    bool ok;
  } cases[] = {
      {"{\"id\":\"a\",\"text\":\"one\"}", true},
      {"{\"id\":\"a\",\"text\":\"one\"}   \t", true},
      {"{\"id\":\"a\",\"text\":\"one\"}{\"id\":\"b\",\"text\":\"two\"}", false},
      {"{\"id\":\"a\",\"text\":\"one\"}\r{\"id\":\"b\",\"text\":\"two\"}\r", false},
      {"{\"id\":\"a\",\"text\":\"one\"} {}", false},
  };
  for (const auto& c : cases) {
    Document doc;
    const Status s = ParseJsonArticle(c.line, "f.jsonl:7", doc);
    EXPECT_EQ(s.ok(), c.ok) << c.line << " -> " << s.message();
    if (!c.ok) {
      EXPECT_NE(s.message().find("f.jsonl:7: more than one JSON value"), std::string::npos) << s.message();
    }
  }
}

}  // namespace
}  // namespace ties
