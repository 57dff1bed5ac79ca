#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "ties/reader.h"

namespace ties {
namespace {

namespace fs = std::filesystem;

class ArticleStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(TIES_TEST_BINARY_DIR) / "stream_test" / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
  }
  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(dir_ / rel, std::ios::binary) << content;
  }
  void WriteGz(const std::string& rel, const std::string& content) {
    gzFile f = gzopen((dir_ / rel).c_str(), "wb");
    gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
    gzclose(f);
  }
  // Reads everything; returns ids of articles and the error messages.
  void ReadAll(const std::vector<std::string>& paths, std::vector<std::string>& ids, std::vector<std::string>& errors,
               ReadOptions options = {}) {
    auto stream = ArticleStream::Open(paths, options);
    ASSERT_TRUE(stream.ok());
    Document doc;
    Status error;
    for (;;) {
      const ReadOutcome o = (*stream)->Next(doc, error);
      if (o == ReadOutcome::kEnd) break;
      if (o == ReadOutcome::kArticle) ids.push_back(doc.meta.id);
      else errors.push_back(error.message());
    }
  }
  fs::path dir_;
};

TEST_F(ArticleStreamTest, ReadsDirectoriesRecursivelyWithBadRecords) {
  Write("a.txt", "date 2025-06-17 T\n\nBody.");
  Write("sub/b.jsonl", "{\"id\":\"j1\",\"text\":\"x\"}\nnot json\n\n{\"id\":\"j2\",\"text\":\"y\"}\n");
  WriteGz("sub/c.jsonl.gz", "{\"id\":\"g1\",\"text\":\"z\"}\n");
  Write("empty.txt", "");
  Write(".hidden.txt", "date 2025-06-17 H\n\nHidden.");
  Write("README.md", "# Not an article\n\nDocumentation next to the corpus.");
  Write("sub/image.png", "\x89PNG\r\n");
  std::vector<std::string> ids, errors;
  ReadAll({dir_.string(), (dir_ / "missing.txt").string()}, ids, errors);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "j1", "j2", "g1"}));
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_NE(errors[0].find("missing.txt"), std::string::npos);
  EXPECT_NE(errors[1].find("empty.txt"), std::string::npos);
  EXPECT_NE(errors[2].find("b.jsonl:2"), std::string::npos);
}

TEST_F(ArticleStreamTest, ReportsTruncatedGzip) {
  std::string body;
  for (int i = 0; i < 2000; ++i) body += "{\"id\":\"" + std::to_string(i) + "\",\"text\":\"some text here\"}\n";
  WriteGz("t.jsonl.gz", body);
  const auto full = fs::file_size(dir_ / "t.jsonl.gz");
  fs::resize_file(dir_ / "t.jsonl.gz", full / 2);
  std::vector<std::string> ids, errors;
  ReadAll({(dir_ / "t.jsonl.gz").string()}, ids, errors);
  EXPECT_GT(ids.size(), 0u);
  EXPECT_LT(ids.size(), 2000u);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors.back().find("t.jsonl.gz"), std::string::npos);
}

TEST_F(ArticleStreamTest, ShardsPartitionTheInput) {
  std::string body;
  for (int i = 0; i < 100; ++i) body += "{\"id\":\"id" + std::to_string(i) + "\",\"text\":\"t\"}\n";
  Write("s.jsonl", body);
  std::vector<std::string> all;
  for (uint32_t shard = 0; shard < 3; ++shard) {
    std::vector<std::string> ids, errors;
    ReadOptions options;
    options.shard_index = shard;
    options.shard_count = 3;
    ReadAll({(dir_ / "s.jsonl").string()}, ids, errors, options);
    EXPECT_GT(ids.size(), 10u);
    all.insert(all.end(), ids.begin(), ids.end());
  }
  EXPECT_EQ(all.size(), 100u);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::unique(all.begin(), all.end()), all.end());
}

TEST_F(ArticleStreamTest, SniffsFormatWithoutExtension) {
  Write("noext", "{\"id\":\"s1\",\"text\":\"x\"}\n");
  std::vector<std::string> ids, errors;
  ReadAll({(dir_ / "noext").string()}, ids, errors);
  EXPECT_EQ(ids, (std::vector<std::string>{"s1"}));
}

TEST_F(ArticleStreamTest, ReadsJsonDocuments) {
  Write("arr.json", "[\n {\"id\": \"a1\", \"text\": \"x\"},\n {\"id\": \"a2\", \"title\": \"no text\"},\n {\"id\": \"a3\", \"text\": \"z\"}\n]\n");
  Write("one.json", "{\n  \"id\": \"o1\",\n  \"text\": \"pretty printed\"\n}\n");
  Write("lines.json", "{\"id\":\"l1\",\"text\":\"x\"}\n{\"id\":\"l2\",\"text\":\"y\"}\n");
  std::vector<std::string> ids, errors;
  ReadAll({(dir_ / "arr.json").string(), (dir_ / "one.json").string(), (dir_ / "lines.json").string()}, ids, errors);
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a3", "o1", "l1", "l2"}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("arr.json: record 2"), std::string::npos) << errors[0];
}

// JSON arrays are streamed element by element: a bad element costs only
// itself, a truncated array keeps what came before, and memory is bounded by
// the largest element, not by the file.
TEST_F(ArticleStreamTest, StreamsJsonArrays) {
  struct Case {
    std::string name;
    std::string content;
    std::vector<std::string> ids;
    std::vector<std::string> errors;  // substrings, in order
  };
  const std::string big(3000, 'x');
  const Case cases[] = {
      {"strings with brackets and escapes",
       R"([{"id":"b1","text":"a ] } [ { \" \\"},{"id":"b2","text":"y","tags":[1,[2,{"k":"]"}]]}])",
       {"b1", "b2"}, {}},
      {"broken element in the middle",
       R"([{"id":"c1","text":"x"}, {"id":"c2","text": oops}, {"id":"c3","text":"z"}])",
       {"c1", "c3"}, {"record 2"}},
      {"scalars and nested arrays are records that are not articles",
       R"([ 7 , "s", [1,2], {"id":"d4","text":"x"} ])", {"d4"}, {"record 1", "record 2", "record 3"}},
      {"truncated inside an element", R"([{"id":"e1","text":"x"},{"id":"e2","te)", {"e1"},
       {"record 2: truncated JSON array"}},
      {"truncated after an element", "[{\"id\":\"f1\",\"text\":\"x\"},\n", {"f1"}, {"no closing"}},
      {"element over the size limit is skipped",
       "[{\"id\":\"g1\",\"text\":\"" + big + "\"},{\"id\":\"g2\",\"text\":\"y\"}]", {"g2"},
       {"record 1: element of"}},
      {"garbage between elements ends the file", R"([{"id":"h1","text":"x"} {"id":"h2","text":"y"}])", {"h1"},
       {"record 2: expected ','"}},
      {"empty array", " \n [ ] \n", {}, {}},
  };
  ReadOptions options;
  options.max_article_bytes = 2000;
  int n = 0;
  for (const Case& c : cases) {
    const std::string name = "a" + std::to_string(n++) + ".json";
    Write(name, c.content);
    std::vector<std::string> ids, errors;
    ReadAll({(dir_ / name).string()}, ids, errors, options);
    EXPECT_EQ(ids, c.ids) << c.name;
    ASSERT_EQ(errors.size(), c.errors.size()) << c.name << ": " << (errors.empty() ? "" : errors[0]);
    for (size_t i = 0; i < errors.size(); ++i) {
      EXPECT_NE(errors[i].find(c.errors[i]), std::string::npos) << c.name << ": " << errors[i];
      EXPECT_NE(errors[i].find(name), std::string::npos) << errors[i];
    }
  }
}

// A long array never needs the whole file in memory: 20,000 articles read
// with a per-article limit far below the file size.
TEST_F(ArticleStreamTest, StreamsLongJsonArrayBeyondWholeFileLimit) {
  std::string content = "[";
  for (int i = 0; i < 20000; ++i) {
    if (i) content += ",\n";
    content += "{\"id\":\"n" + std::to_string(i) + "\",\"text\":\"Article number " + std::to_string(i) +
               " says something.\"}";
  }
  content += "]";
  Write("long.json", content);
  ReadOptions options;
  options.max_article_bytes = 1024;  // the file is ~1 MB: more than 16 x 1 KB
  std::vector<std::string> ids, errors;
  ReadAll({(dir_ / "long.json").string()}, ids, errors, options);
  EXPECT_TRUE(errors.empty()) << errors.front();
  ASSERT_EQ(ids.size(), 20000u);
  EXPECT_EQ(ids.back(), "n19999");
}

}  // namespace
}  // namespace ties
