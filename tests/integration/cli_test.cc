// End-to-end tests of the `ties` binary: ingest, re-ingest, search, extract,
// bad input, exit codes. Each test works in its own temporary directory.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include "testing/test_paths.h"

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
  RunResult Run(const std::string& args) { return RunRaw("--db " + db_ + " " + args); }
  // No --db prepended; `env` (e.g. "TIES_DB=x") is set for the command, which runs in dir_.
  RunResult RunRaw(const std::string& args, const std::string& env = "") {
    const std::string err_path = (dir_ / "stderr.txt").string();
    const std::string cmd =
        "cd " + dir_.string() + " && " + env + " " + std::string(TIES_BINARY) + " " + args + " 2>" + err_path;
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

TEST_F(CliTest, ExportQuotesInQuotebanksShape) {
  Write("in/a.txt", kArticle);
  ASSERT_EQ(Run("ingest -q " + In()).exit_code, 0);
  RunResult r = Run("export --format quotes");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The article's one direct quote, one line, with Quotebank's keys first.
  EXPECT_NE(r.out.find("{\"quotation\":\"This is a historic day,\",\"speaker\":"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"articleID\":\"a\",\"date\":\"2025-03-04T09:15\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"kind\":\"direct\",\"cue\":\"say\""), std::string::npos) << r.out;
  EXPECT_EQ(Run("export --format quotebank").exit_code, 2);  // a usage error
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

std::string Samples() { return (fs::path(ties::testing::SourceDir()) / "samples" / "text").string(); }

TEST_F(CliTest, DbIsAcceptedBeforeOrAfterTheCommand) {
  RunResult r = RunRaw("ingest " + Samples() + " --db " + db_ + " --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(db_));
  EXPECT_FALSE(fs::exists(dir_ / "ties.db"));  // the default was not used

  const RunResult after = RunRaw("search visa --db " + db_);
  const RunResult before = RunRaw("--db " + db_ + " search visa");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(after.out, before.out);
  EXPECT_NE(after.out.find("matching articles"), std::string::npos) << after.out;
  EXPECT_EQ(after.out.find("0 matching articles"), std::string::npos) << after.out;

  // --db=FILE form, and --db in the middle of the command's arguments.
  EXPECT_EQ(RunRaw("search --db=" + db_ + " visa").out, before.out);

  for (const std::string& cmd : {std::string("quotes --json"), std::string("entities --json"), std::string("stats --json"),
                                 std::string("dyad KAZ CHN --json"), std::string("network --json")}) {
    const RunResult a = RunRaw(cmd + " --db " + db_);
    const RunResult b = RunRaw("--db " + db_ + " " + cmd);
    ASSERT_EQ(a.exit_code, 0) << cmd << ": " << a.err;
    EXPECT_EQ(a.out, b.out) << cmd;
    EXPECT_GT(a.out.size(), 20u) << cmd << ": " << a.out;
  }
  r = RunRaw("stats --json --db " + db_);
  EXPECT_NE(r.out.find("\"articles\": 12"), std::string::npos) << r.out;

  r = RunRaw("show afp-2025-08-21-india-uae-trade-technology --db " + db_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"id\":\"afp-2025-08-21-india-uae-trade-technology\""), std::string::npos) << r.out.substr(0, 300);
  // A missing article is still exit 3, wherever --db is.
  EXPECT_EQ(RunRaw("show no-such-article --db " + db_).exit_code, 3);

  // Every database command lists --db in its --help; extract has no database.
  for (const char* cmd : {"ingest", "show", "search", "quotes", "entities", "stats", "dyad", "network", "export"}) {
    r = RunRaw(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("--db"), std::string::npos) << cmd << ": " << r.out;
  }
}

TEST_F(CliTest, DbDefaultsToTheEnvironmentThenTiesDb) {
  RunResult r = RunRaw("ingest --quiet " + Samples(), "TIES_DB=" + db_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(db_));
  EXPECT_FALSE(fs::exists(dir_ / "ties.db"));
  r = RunRaw("stats --json", "TIES_DB=" + db_);
  EXPECT_NE(r.out.find("\"articles\": 12"), std::string::npos) << r.out;
  // --db wins over $TIES_DB.
  const std::string other = (dir_ / "other.db").string();
  ASSERT_EQ(RunRaw("ingest --quiet " + In() + " --db " + other, "TIES_DB=" + db_).exit_code, 0);
  r = RunRaw("stats --json --db " + other, "TIES_DB=" + db_);
  EXPECT_NE(r.out.find("\"articles\": 0"), std::string::npos) << r.out;
  // Without either: ./ties.db.
  r = RunRaw("ingest --quiet " + Samples(), "env -u TIES_DB");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "ties.db"));
}

TEST_F(CliTest, MisspeltCommandsAndOptionsAreOneLineWithASuggestion) {
  RunResult r = RunRaw("serach visa --db " + db_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ties: unknown command 'serach'; did you mean 'search'?\n");
  EXPECT_TRUE(r.out.empty());
  r = RunRaw("--db " + db_ + " ingets " + Samples());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ties: unknown command 'ingets'; did you mean 'ingest'?\n");
  r = RunRaw("search visa --limt 3 --db " + db_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ties search: unknown option '--limt'; did you mean '--limit'?\n");
  r = RunRaw("ingest " + Samples() + " --quite --db " + db_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ties ingest: unknown option '--quite'; did you mean '--quiet'?\n");
  r = RunRaw("");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  // Nothing was written: no database was created by any of these.
  EXPECT_FALSE(fs::exists(db_));
  EXPECT_FALSE(fs::exists(dir_ / "ties.db"));
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

// Issue 16: --stages goes through the pipeline's order check; the error names the field.
TEST_F(CliTest, StagesInTheWrongOrderAreRefused) {
  Write("in/a.txt", kArticle);
  RunResult r = RunRaw("extract --stages quotes,segment " + In("a.txt"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("stage 'quotes' requires tokens"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  r = RunRaw("extract --stages segment,dateline " + In("a.txt"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
