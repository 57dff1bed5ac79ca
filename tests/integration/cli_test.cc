// End-to-end tests of the `ties` binary: ingest, re-ingest, search, extract,
// bad input, exit codes. Each test works in its own temporary directory.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(TIES_TEST_BINARY_DIR) / "cli_test" / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    db_ = (dir_ / "t.db").string();
  }
  void Write(const std::string& rel, const std::string& content) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << content;
  }
  RunResult Run(const std::string& args) {
    const std::string err_path = (dir_ / "stderr.txt").string();
    const std::string cmd = std::string(TIES_BINARY) + " --db " + db_ + " " + args + " 2>" + err_path;
    RunResult r;
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_path);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
    return r;
  }
  std::string In(const std::string& rel = "") { return (dir_ / "in" / rel).string(); }

  fs::path dir_;
  std::string db_;
};

const char kArticle[] =
    "date 2025-03-04 Kazakhstan and China sign visa exemption accord\n\n"
    "Kazinform) 09:15, March 4, 2025\n\n"
    "ASTANA, March 4 (Kazinform) -- Kazakhstan and China signed a mutual visa exemption agreement on Tuesday.\n\n"
    "\"This is a historic day,\" the foreign minister said.\n";

TEST_F(CliTest, IngestReingestSearchAndStats) {
  Write("in/a.txt", kArticle);
  Write("in/b.jsonl",
        "{\"id\":\"j1\",\"title\":\"Trade talks\",\"text\":\"Officials met in Berlin to discuss trade.\",\"date\":\"2025-02-01\"}\n"
        "{\"id\":\"j2\",\"title\":\"Energy\",\"text\":\"A new pipeline opened.\",\"date\":\"2025-02-02\"}\n");
  RunResult r = Run("ingest --quiet " + In());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Run("stats --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"articles\": 3"), std::string::npos) << r.out;

  // Re-ingesting the same input adds nothing.
  r = Run("ingest " + In());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("0 new, 0 replaced, 3 unchanged"), std::string::npos) << r.err;
  r = Run("stats --json");
  EXPECT_NE(r.out.find("\"articles\": 3"), std::string::npos) << r.out;

  r = Run("search \"visa exemption\" --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"id\": \"a\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"id\": \"j1\""), std::string::npos) << r.out;

  // FTS syntax characters in user queries do not break search.
  r = Run("search 'U.S.-China \"trade' --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;

  r = Run("show a");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"title\":\"Kazakhstan and China sign visa exemption accord\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"published\":\"2025-03-04T09:15\""), std::string::npos) << r.out;

  r = Run("show missing-id");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("missing-id"), std::string::npos);
}

TEST_F(CliTest, ChangedArticleIsReplaced) {
  Write("in/a.jsonl", "{\"id\":\"x\",\"text\":\"first version\"}\n");
  ASSERT_EQ(Run("ingest -q " + In()).exit_code, 0);
  Write("in/a.jsonl", "{\"id\":\"x\",\"text\":\"second version\"}\n");
  RunResult r = Run("ingest " + In());
  EXPECT_NE(r.err.find("0 new, 1 replaced"), std::string::npos) << r.err;
  r = Run("search second --json");
  EXPECT_NE(r.out.find("\"id\": \"x\""), std::string::npos) << r.out;
  r = Run("search first --json");
  EXPECT_EQ(r.out.find("\"id\": \"x\""), std::string::npos) << r.out;  // old FTS entry removed
}

TEST_F(CliTest, BadInputIsReportedAndTheRestIsStored) {
  Write("in/good.jsonl", "{\"id\":\"g\",\"text\":\"good text\"}\nnot json at all\n{\"id\":\"h\",\"title\":\"no text\"}\n");
  Write("in/empty.txt", "");
  Write("in/bad.txt", "date 2025-01-01 T\n\nbad \xFF utf8");
  RunResult r = Run("ingest " + In() + " " + In("missing.txt"));
  EXPECT_EQ(r.exit_code, 1) << r.err;  // some records failed
  EXPECT_NE(r.err.find("good.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("good.jsonl:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt"), std::string::npos) << r.err;
  r = Run("stats --json");
  EXPECT_NE(r.out.find("\"articles\": 1"), std::string::npos) << r.out;
}

TEST_F(CliTest, ExtractPrintsRecordsInInputOrderWhateverTheThreads) {
  std::string lines;
  for (int i = 0; i < 300; ++i) {
    lines += "{\"id\":\"n" + std::to_string(i) + "\",\"text\":\"ASTANA, June 16 (Xinhua) -- Article number " +
             std::to_string(i) + ". It has two sentences.\",\"date\":\"2025-06-17\"}\n";
  }
  Write("in/many.jsonl", lines);
  RunResult one = Run("extract --threads 1 " + In("many.jsonl"));
  RunResult four = Run("extract --threads 4 " + In("many.jsonl"));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(four.exit_code, 0) << four.err;
  EXPECT_EQ(one.out, four.out);
  EXPECT_LT(one.out.find("\"id\":\"n0\""), one.out.find("\"id\":\"n299\""));
}

TEST_F(CliTest, SyndicatedCopiesShareACluster) {
  const std::string story =
      "NAIROBI, March 27 (AP) -- Kenya and Ethiopia began a joint cholera vaccination campaign along their border on "
      "Thursday, health officials said. The campaign aims to reach 400,000 people in Moyale and Marsabit within two "
      "weeks. Health Minister Grace Wanjiku said the outbreak had been contained in most districts but warned that "
      "heavy rains could spread it again. Ethiopian officials said mobile teams would visit remote villages and "
      "schools. The World Health Organization supplied the vaccines and cold-chain equipment for the campaign.";
  std::string copy = story;
  copy.replace(copy.find("The campaign aims"), 17, "The drive hopes");
  const std::string other =
      "BERLIN, March 27 (Reuters) - Germany's parliament approved a new budget on Thursday after weeks of debate "
      "over defence spending and the debt brake, with the finance minister calling it a responsible compromise.";
  Write("in/a.jsonl", "{\"id\":\"orig\",\"text\":\"" + story + "\",\"date\":\"2025-03-27\"}\n" +
                          "{\"id\":\"copy\",\"text\":\"" + copy + "\",\"date\":\"2025-03-28\"}\n" +
                          "{\"id\":\"other\",\"text\":\"" + other + "\",\"date\":\"2025-03-27\"}\n");
  ASSERT_EQ(Run("ingest -q " + In()).exit_code, 0);
  RunResult r = Run("stats --json");
  EXPECT_NE(r.out.find("\"articles\": 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"clusters\": 2"), std::string::npos) << r.out;
  r = Run("show copy");
  EXPECT_NE(r.out.find("\"wire_agency\":\"AP\""), std::string::npos) << r.out;
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Run("extract").exit_code, 2);
  EXPECT_EQ(Run("extract --input-format pdf " + In()).exit_code, 2);
  EXPECT_EQ(Run("frobnicate").exit_code, 2);
  EXPECT_EQ(Run("ingest --shard 3/2 " + In()).exit_code, 2);
}

TEST_F(CliTest, ReadsStandardInput) {
  const std::string cmd = std::string("printf '{\"id\":\"s\",\"text\":\"from stdin\"}\\n' | ") + TIES_BINARY +
                          " extract --input-format jsonl -";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  EXPECT_EQ(pclose(p), 0);
  EXPECT_NE(out.find("\"id\":\"s\""), std::string::npos) << out;
}

}  // namespace
