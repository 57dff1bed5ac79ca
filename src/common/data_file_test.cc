#include "common/data_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace ties {
namespace {

std::string WriteTemp(const std::string& name, const std::string& body) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << body;
  return path;
}

TEST(DataFileTest, SkipsCommentsAndBlankLinesAndTrimsColumns) {
  const std::string path = WriteTemp("data_file_ok.tsv", "# header\n\n  # indented comment\na\t b \t\r\nc\td\n");
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;
  Status st = ReadTsv(path, [&](const std::vector<std::string_view>& cols, int line) {
    rows.emplace_back(cols.begin(), cols.end());
    lines.push_back(line);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", ""}));  // empty last column kept
  EXPECT_EQ(rows[1], (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(lines, (std::vector<int>{4, 5}));
}

TEST(DataFileTest, RowErrorNamesFileAndLine) {
  const std::string path = WriteTemp("data_file_bad.tsv", "good\tline\nbad\n");
  Status st = ReadTsv(path, [](const std::vector<std::string_view>& cols, int) {
    return cols.size() == 2 ? Status::Ok() : Status::ParseError("expected 2 columns");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kParseError);
  EXPECT_EQ(st.message(), path + ":2: expected 2 columns");
}

TEST(DataFileTest, MissingFileIsNotFoundWithItsPath) {
  Status st = ReadTsv("/nonexistent/ties/x.tsv", [](const std::vector<std::string_view>&, int) { return Status::Ok(); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_NE(st.message().find("/nonexistent/ties/x.tsv"), std::string::npos);
}

TEST(DataFileTest, SplitListTrimsAndDropsEmptyParts) {
  std::vector<std::string_view> parts = SplitList(" a | b||c |", '|');
  EXPECT_EQ(parts, (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_TRUE(SplitList("", ' ').empty());
}

}  // namespace
}  // namespace ties
