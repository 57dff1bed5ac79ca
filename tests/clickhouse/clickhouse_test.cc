// ClickHouse end to end: a corpus ingested by two shard workers into a 2-shard
// cluster, then clustered by `ties dedup`, must answer `ties stats/network/
// dyad/quotes/entities/show/search/export` (every export format), deduplicated or not, exactly as
// SQLite does for the same corpus (issue #23: syndicated copies included); the
// clusters must not depend on the shard split or the ingest order; re-running
// the workers or the dedup pass must change nothing; a dedup pass that left
// shards' copies missing or stale is repaired by the next; a changed article
// must replace its old version everywhere.
//
// The cluster is the one `scripts/services start` runs (ports TIES_CH_HTTP0/1,
// default 18123/18124). When it does not answer, the test starts it (and stops
// it at the end); it skips only when clickhouse-server is not installed at all.
// Equality gets stronger as extraction stages land: today's corpus already has
// countries, quotes and events (the generated articles name them plainly).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "api/router.h"
#include "store/clickhouse/clickhouse_client.h"
#include "store/clickhouse/clickhouse_util.h"
#include "testing/test_paths.h"
#include "ties/query.h"

namespace {

namespace fs = std::filesystem;
namespace ch = ties::clickhouse;

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

bool ServerInstalled() {
  if (fs::exists("/usr/sbin/clickhouse-server") || fs::exists("/usr/bin/clickhouse-server")) return true;
  return std::system("command -v clickhouse-server >/dev/null 2>&1") == 0;
}

// A deterministic corpus that names countries, capitals, leaders and quotes
// plainly, with several articles per day, non-ASCII text, and a few undated ones.
std::string MakeCorpus(int n, int changed = -1) {
  struct Country {
    const char* name;
    const char* capital;
    const char* adjective;
    const char* leader;
  } countries[] = {
      {"Kazakhstan", "Astana", "Kazakh", "Foreign Minister Murat Nurtleu"},
      {"China", "Beijing", "Chinese", "Foreign Minister Wang Yi"},
      {"Russia", "Moscow", "Russian", "Foreign Minister Sergei Lavrov"},
      {"the United States", "Washington", "U.S.", "Secretary of State Marco Rubio"},
      {"Germany", "Berlin", "German", "Chancellor Friedrich Merz"},
      {"France", "Paris", "French", "President Emmanuel Macron"},
      {"Japan", "Tokyo", "Japanese", "Prime Minister Shigeru Ishiba"},
      {"India", "New Delhi", "Indian", "Prime Minister Narendra Modi"},
      {"Türkiye", "Ankara", "Turkish", "President Recep Tayyip Erdoğan"},
      {"Brazil", "Brasília", "Brazilian", "President Luiz Inácio Lula da Silva"},
  };
  const char* sources[] = {"Xinhua", "Reuters", "Kazinform", "AP"};
  const char* verbs[] = {"signed a trade agreement with", "held talks on energy with", "criticized",
                         "agreed to expand cooperation with", "accused", "welcomed a delegation from"};
  const char* months[] = {"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
  uint64_t state = 42;
  auto next = [&](uint64_t mod) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % mod;
  };
  std::string out;
  for (int i = 0; i < n; ++i) {
    const auto& a = countries[next(10)];
    const Country* b = &countries[next(10)];
    if (b == &a) b = &countries[(b - countries + 1) % 10];
    const Country& c = countries[next(10)];
    const char* source = sources[next(4)];
    const int day_index = static_cast<int>(next(200));  // ~1 article per day, some days with several
    int y = 2024, m = 11, d = 1 + day_index;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    while (d > kDays[m - 1]) {
      d -= kDays[m - 1];
      if (++m == 13) {
        m = 1;
        ++y;
      }
    }
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
    std::string text = std::string(a.capital) + ", " + months[m - 1] + " " + std::to_string(d) + " (" + source +
                       ") -- " + (a.name[0] == 't' ? "The" + std::string(a.name + 3) : a.name) + " " + verbs[next(6)] +
                       " " + b->name + " on Tuesday, officials said.\n\n";
    text += "\"We are ready to work together for the benefit of our peoples,\" " + std::string(a.adjective) + " " +
            a.leader + " told reporters in " + a.capital + ".\n\n";
    if (next(2)) {
      text += std::string(b->adjective) + " " + b->leader + " said that " + b->name +
              " would respond to the proposal within a month.\n\n";
    }
    if (next(3) == 0) {
      text += "Analysts in " + std::string(c.capital) + " said " + c.name +
              " was watching the talks closely — “a naïve hope”, one of them wrote.\n";
    }
    if (i == changed) text += "\nThis story has been updated with a statement from " + std::string(c.name) + ".\n";
    char id[32];
    std::snprintf(id, sizeof id, "gen-%03d", i);
    std::string id_str = i == 17 ? "gen-o'brien\\017" : id;  // escaping in SQL, TSV and the shell
    std::string json = "{\"id\": \"" + std::regex_replace(id_str, std::regex(R"(\\)"), R"(\\)") + "\", \"title\": \"" +
                       a.adjective + " and " + b->adjective + " talks\", \"source\": \"" + source + "\", \"text\": \"";
    for (char ch : text) {
      if (ch == '\n') json += "\\n";
      else if (ch == '"') json += "\\\"";
      else json += ch;
    }
    json += "\"";
    if (i % 67 != 5) json += ", \"date\": \"" + std::string(date) + "\"";  // three undated articles
    out += json + "}\n";
  }
  return out;
}

class ClickHouseCluster : public ::testing::Test {
 protected:
  void SetUp() override {
    ports_ = {EnvOr("TIES_CH_HTTP0", "18123"), EnvOr("TIES_CH_HTTP1", "18124")};
    if (!Answers(0) || !Answers(1)) {
      if (!ServerInstalled()) {
        GTEST_SKIP() << "clickhouse-server is not installed (apt-get install clickhouse-server clickhouse-client); "
                        "CI installs it through scripts/apt-packages.txt";
      }
      const std::string cmd = ties::testing::SourcePath("scripts/services start");
      ASSERT_EQ(std::system(cmd.c_str()), 0) << "scripts/services start failed: the ClickHouse servers did not start";
      started_ = true;
      ASSERT_TRUE(Answers(0) && Answers(1)) << "ClickHouse servers on ports " << ports_[0] << ", " << ports_[1]
                                            << " do not answer after scripts/services start";
    }
    dir_ = fs::path(TIES_TEST_BINARY_DIR) / "clickhouse_test";
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    sqlite_ = (dir_ / "t.db").string();
    for (int i = 0; i < 2; ++i) {
      ch_[i] = "clickhouse://127.0.0.1:" + ports_[i] + "/" + database_ + "?cluster=ties_cluster";
      ch::Location loc = *ch::ParseLocation(ch_[i]);
      ch::Client client(loc);
      ASSERT_TRUE(client.Query("DROP DATABASE IF EXISTS " + database_, false).ok());
    }
  }
  void TearDown() override {
    if (started_) std::system((ties::testing::SourcePath("scripts/services stop")).c_str());
  }

  bool Answers(int shard) {
    ch::Location loc;
    loc.port = std::atoi(ports_[shard].c_str());
    loc.timeout_seconds = 5;
    ch::Client client(loc);
    auto r = client.Query("SELECT 1", false);
    return r.ok() && ch::TrimNewline(*r) == "1";
  }
  RunResult Run(const std::string& db, const std::string& args) {
    const std::string err_path = (dir_ / "stderr.txt").string();
    const std::string cmd = std::string(TIES_BINARY) + " --db " + ShellQuote(db) + " " + args + " 2>" + err_path;
    RunResult r;
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 65536> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_path);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
    return r;
  }

  // Ingests `input` into SQLite and, with two shard workers, into the cluster,
  // then runs the dedup pass there. Returns the workers' stderr lines
  // ("ingested N new, ...").
  std::array<std::string, 2> IngestAll(const std::string& input) {
    RunResult r = Run(sqlite_, "ingest --quiet " + ShellQuote(input));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::array<std::string, 2> summaries;
    for (int i = 0; i < 2; ++i) {
      r = Run(ch_[i], "ingest --shard " + std::to_string(i) + "/2 " + ShellQuote(input));
      EXPECT_EQ(r.exit_code, 0) << r.err;
      summaries[i] = r.err;
    }
    Dedup(ch_[0]);
    return summaries;
  }

  // Runs `ties dedup`; returns the number of assignments it changed.
  uint64_t Dedup(const std::string& db) {
    const RunResult r = Run(db, "dedup");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::smatch m;
    static const std::regex kSummary("clustered (\\d+) articles into (\\d+) clusters, (\\d+) assignments changed");
    if (!std::regex_search(r.err, m, kSummary)) {
      ADD_FAILURE() << "dedup printed: " << r.err;
      return 0;
    }
    return std::stoull(m[3]);
  }

  // Runs a statement on one server, in the test database.
  void Sql(int server, const std::string& sql) {
    ch::Client client(*ch::ParseLocation(ch_[server]));
    auto r = client.Query(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.status().message();
  }

  // The same command must print the same bytes on SQLite and through either shard.
  void ExpectSame(const std::string& args) {
    SCOPED_TRACE("ties " + args);
    const RunResult want = Run(sqlite_, args);
    ASSERT_EQ(want.exit_code, 0) << want.err;
    for (int i = 0; i < 2; ++i) {
      const RunResult got = Run(ch_[i], args);
      ASSERT_EQ(got.exit_code, 0) << got.err;
      EXPECT_EQ(got.out, want.out) << "through shard " << i;
    }
  }

  // Writes a corpus of `articles` generated articles to in/ and ingests it into SQLite; returns in/.
  std::string CorpusInSqlite(int articles) {
    { std::ofstream(dir_ / "in" / "corpus.jsonl") << MakeCorpus(articles); }
    const std::string input = (dir_ / "in").string();
    const RunResult r = Run(sqlite_, "ingest --quiet " + ShellQuote(input));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return input;
  }

  // Starts shard `shard`'s worker on `input` in the background, sending every 20 articles (so that rows
  // arrive early), its stderr to `err_path`; waits until some article rows are stored on its server.
  // Returns the worker's pid (-1 when fork failed).
  pid_t StartWorkerAndWaitForRows(int shard, const std::string& input, const std::string& err_path) {
    const std::string often = ch_[shard] + "&flush_rows=20";
    const std::string split = std::to_string(shard) + "/2";
    const pid_t pid = fork();
    if (pid == 0) {
      std::freopen(err_path.c_str(), "w", stderr);
      execl(TIES_BINARY, TIES_BINARY, "--db", often.c_str(), "ingest", "--quiet", "--shard", split.c_str(),
            input.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    uint64_t rows = 0;
    for (int i = 0; pid > 0 && i < 600 && (rows = LocalArticleRows(shard)) == 0; ++i) usleep(50000);
    EXPECT_GT(rows, 0u) << "the worker stored nothing within 30 s";
    return pid;
  }

  uint64_t LocalArticleRows(int shard) {
    ch::Client client(*ch::ParseLocation(ch_[shard]));
    auto r = client.Query("SELECT count() FROM articles_local");  // no FINAL: physical rows
    return r.ok() ? std::strtoull(std::string(ch::TrimNewline(*r)).c_str(), nullptr, 10) : 0;
  }

  // Values of "key": "value" pairs in JSON output, in order.
  static std::vector<std::string> JsonValues(const std::string& json, const std::string& key) {
    std::vector<std::string> out;
    const std::regex re("\"" + key + "\": ?\"((?:[^\"\\\\]|\\\\.)*)\"");
    for (auto it = std::sregex_iterator(json.begin(), json.end(), re); it != std::sregex_iterator(); ++it) {
      out.push_back((*it)[1]);
    }
    return out;
  }

  void CompareEverything(const std::vector<std::string>& ids, bool full = true) {
    ExpectSame("stats --json");
    ExpectSame("network --json --limit 1000");
    ExpectSame("network --json --from 2025-01-01 --to 2025-03-31");
    ExpectSame("entities --json --limit 1000");
    ExpectSame("entities --json --type PERSON --limit 50");
    ExpectSame("entities --json --dedup --limit 1000");
    ExpectSame("quotes --json --dedup --limit 1000");
    ExpectSame("dyad KAZ CHN --json --by month --dedup");
    if (!full) {  // after a change: the aggregates and the quotes
      ExpectSame("quotes --json --limit 1000");
      ExpectSame("dyad KAZ CHN --json --by week");
      ExpectSame("export --with-text");
      return;
    }
    ExpectSame("quotes --json --limit 1000");
    ExpectSame("quotes --json --kind indirect --limit 1000");
    ExpectSame("quotes --json --speaker lavrov --limit 1000");
    const RunResult stats = Run(sqlite_, "stats --json");
    const std::vector<std::string> countries = JsonValues(stats.out.substr(stats.out.find("top_countries")), "name");
    ASSERT_GE(countries.size(), 2u) << "the corpus should mention countries: " << stats.out;
    for (const std::string& c : countries) ExpectSame("quotes --json --limit 1000 --country " + c);
    for (const char* by : {"month", "week", "day", "year"}) {
      ExpectSame(std::string("dyad ") + countries[0] + " " + countries[1] + " --json --by " + by);
    }
    ExpectSame(std::string("dyad ") + countries[0] + " " + countries[1] + " --json --by week --dedup");
    ExpectSame("dyad " + countries[1] + " " + countries[0] + " --json --from 2025-01-15 --to 2025-04-30");
    ExpectSame("dyad KAZ CHN --json");
    for (size_t k = 0; k < ids.size(); k += std::max<size_t>(1, ids.size() / 12)) {
      ExpectSame("show " + ShellQuote(ids[k]));
    }
    ExpectSame("show " + ShellQuote("gen-o'brien\\017"));
    // Export: every format, the whole corpus and filtered, byte for byte (issue #23).
    for (const char* format : {"jsonl", "csv", "gdelt-events", "gdelt-gkg"}) {
      ExpectSame(std::string("export --header --format ") + format);
    }
    ExpectSame("export --with-text --country " + countries[0]);
    ExpectSame("export --format csv --from 2025-02-01 --to 2025-03-31");
    ExpectSame("export --format gdelt-events --query China");
    // Search ranks differently (no FTS5 on ClickHouse) but finds the same articles.
    for (const char* q : {"China", "\"trade agreement\"", "Lavrov OR Rubio", "naïve", "cooperat*"}) {
      SCOPED_TRACE(std::string("search ") + q);
      const RunResult want = Run(sqlite_, std::string("search --json --limit 1000 ") + ShellQuote(q));
      ASSERT_EQ(want.exit_code, 0) << want.err;
      std::vector<std::string> want_ids = JsonValues(want.out, "id");
      std::sort(want_ids.begin(), want_ids.end());
      EXPECT_FALSE(want_ids.empty());
      const RunResult got = Run(ch_[1], std::string("search --json --limit 1000 ") + ShellQuote(q));
      ASSERT_EQ(got.exit_code, 0) << got.err;
      std::vector<std::string> got_ids = JsonValues(got.out, "id");
      std::sort(got_ids.begin(), got_ids.end());
      EXPECT_EQ(got_ids, want_ids);
    }
  }

  // One database per build folder: several checkouts of a developer's machine can run this test against the
  // same two servers without dropping each other's tables (CI has one).
  const std::string database_ = [] {
    uint32_t h = 2166136261u;
    for (const char c : std::string(TIES_TEST_BINARY_DIR)) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    char buf[20];
    std::snprintf(buf, sizeof buf, "ties_test_%08x", h);
    return std::string(buf);
  }();
  std::array<std::string, 2> ports_;
  std::array<std::string, 2> ch_;
  std::string sqlite_;
  fs::path dir_;
  bool started_ = false;
};

TEST_F(ClickHouseCluster, ShardedIngestMatchesSqlite) {
  constexpr int kArticles = 200;
  // The generated corpus, plus the repository's samples when present.
  { std::ofstream(dir_ / "in" / "corpus.jsonl") << MakeCorpus(kArticles); }
  const fs::path samples = fs::path(ties::testing::SourceDir()) / "samples";
  if (fs::exists(samples)) {
    fs::copy(samples, dir_ / "in" / "samples", fs::copy_options::recursive);
    fs::remove(dir_ / "in" / "samples" / "README.md");
  }
  const std::string input = (dir_ / "in").string();
  std::array<std::string, 2> first = IngestAll(input);

  const RunResult stats = Run(sqlite_, "stats --json");
  const std::regex articles_re("\"articles\": (\\d+)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(stats.out, m, articles_re)) << stats.out;
  const uint64_t total = std::stoull(m[1]);
  ASSERT_GE(total, static_cast<uint64_t>(kArticles));

  // Each worker stored its own share on its own server, and the shares add up.
  const uint64_t rows0 = LocalArticleRows(0), rows1 = LocalArticleRows(1);
  EXPECT_GT(rows0, 0u);
  EXPECT_GT(rows1, 0u);
  EXPECT_EQ(rows0 + rows1, total) << first[0] << first[1];

  std::vector<std::string> ids;
  {
    const RunResult list = Run(sqlite_, "search --json --limit 1000 said");
    ids = JsonValues(list.out, "id");
    std::sort(ids.begin(), ids.end());
  }
  ASSERT_FALSE(ids.empty());
  CompareEverything(ids);

  // Re-running both workers adds nothing: every article is unchanged, no row is written.
  std::array<std::string, 2> again = IngestAll(input);
  const std::regex summary_re("ingested (\\d+) new, (\\d+) replaced, (\\d+) unchanged");
  uint64_t unchanged = 0;
  for (const std::string& s : again) {
    ASSERT_TRUE(std::regex_search(s, m, summary_re)) << s;
    EXPECT_EQ(m[1], "0") << s;
    EXPECT_EQ(m[2], "0") << s;
    unchanged += std::stoull(m[3]);
  }
  EXPECT_EQ(unchanged, total);
  EXPECT_EQ(LocalArticleRows(0) + LocalArticleRows(1), total);
  ExpectSame("stats --json");
  ExpectSame("network --json --limit 1000");

  // A changed article replaces its old version (rows of the old version are deleted).
  fs::create_directories(dir_ / "in2");
  { std::ofstream(dir_ / "in2" / "corpus.jsonl") << MakeCorpus(kArticles, /*changed=*/7); }
  std::array<std::string, 2> changed = IngestAll((dir_ / "in2").string());
  uint64_t replaced = 0;
  for (const std::string& s : changed) {
    ASSERT_TRUE(std::regex_search(s, m, summary_re)) << s;
    replaced += std::stoull(m[2]);
  }
  EXPECT_EQ(replaced, 1u);
  ExpectSame("show gen-007");
  CompareEverything(ids, /*full=*/false);
}

// Issue #23: the clusters of syndicated copies do not depend on the shard
// split or the ingest order, on either store; the dedup pass is idempotent and
// repairs what an interrupted pass (or an old one) left behind.
TEST_F(ClickHouseCluster, ClustersIndependentOfSplitAndOrder) {
  const fs::path samples = fs::path(ties::testing::SourceDir()) / "samples";
  std::vector<std::string> parts;  // the sample folders, in reverse order
  for (const auto& entry : fs::directory_iterator(samples)) {
    if (entry.is_directory()) parts.push_back(entry.path().string());
  }
  std::sort(parts.rbegin(), parts.rend());
  ASSERT_GE(parts.size(), 2u) << "samples/ should hold several folders";

  // SQLite: all at once, and folder by folder in reverse order (other seqs).
  RunResult r = Run(sqlite_, "ingest --quiet " + ShellQuote(samples.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string reversed = (dir_ / "reversed.db").string();
  for (const std::string& part : parts) {
    r = Run(reversed, "ingest --quiet " + ShellQuote(part));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  for (const char* args : {"stats --json", "dyad KAZ CHN --by month --dedup --json", "quotes --dedup --json --limit 1000",
                           "entities --dedup --json --limit 1000"}) {
    EXPECT_EQ(Run(reversed, args).out, Run(sqlite_, args).out) << args;
  }
  const std::regex clusters_re("\"clusters\": (\\d+)");
  std::smatch m;
  const std::string stats = Run(sqlite_, "stats --json").out;
  ASSERT_TRUE(std::regex_search(stats, m, clusters_re)) << stats;
  const uint64_t clusters = std::stoull(m[1]);
  ASSERT_TRUE(std::regex_search(stats, m, std::regex("\"articles\": (\\d+)")));
  EXPECT_LT(clusters, std::stoull(m[1])) << "the samples hold syndicated copies";

  // ClickHouse: the other split (shard 1/2 on server 0), the second worker
  // first, each folder in reverse order; the pass through the other server.
  for (int server : {1, 0}) {
    for (const std::string& part : parts) {
      r = Run(ch_[server], "ingest --shard " + std::to_string(1 - server) + "/2 " + ShellQuote(part));
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  EXPECT_GT(Dedup(ch_[1]), 0u);
  auto compare = [&] {
    ExpectSame("stats --json");
    ExpectSame("dyad KAZ CHN --by month --dedup --json");
    ExpectSame("quotes --dedup --json --limit 1000");
    ExpectSame("entities --dedup --json --limit 1000");
    ExpectSame("export --with-text");
  };
  compare();
  EXPECT_EQ(Dedup(ch_[0]), 0u) << "a second pass has nothing to do";

  // A pass stopped after writing one shard's copies: the other shard has none.
  Sql(1, "ALTER TABLE clusters_local DELETE WHERE 1");
  ch::Client client(*ch::ParseLocation(ch_[1]));
  for (;;) {
    auto left = client.Query("SELECT count() FROM system.mutations WHERE database = '" + database_ +
                             "' AND is_done = 0");
    ASSERT_TRUE(left.ok());
    if (ch::TrimNewline(*left) == "0") break;
    usleep(50000);
  }
  EXPECT_GT(Dedup(ch_[0]), 0u);
  compare();

  // An old pass's assignment on one shard joins an article alone to another.
  std::vector<std::string> alone;
  {
    ch::Client shard0(*ch::ParseLocation(ch_[0]));
    auto ids = shard0.Query("SELECT id FROM articles_local FINAL WHERE id NOT IN (SELECT id FROM clusters_local FINAL)"
                            " ORDER BY id LIMIT 2 FORMAT TabSeparated");
    ASSERT_TRUE(ids.ok());
    for (auto& row : ch::ParseTsv(*ids)) alone.push_back(row.at(0));
  }
  ASSERT_EQ(alone.size(), 2u);
  Sql(0, "INSERT INTO clusters_local (id, cluster, version, copy) VALUES (" + ch::Quote(alone[0]) + ", " +
             ch::Quote(alone[1]) + ", 1, 0)");
  const std::string stale_stats = Run(ch_[0], "stats --json").out;
  ASSERT_TRUE(std::regex_search(stale_stats, m, clusters_re)) << stale_stats;
  EXPECT_EQ(std::stoull(m[1]), clusters - 1) << "the stale row counts";
  EXPECT_EQ(Dedup(ch_[1]), 1u);
  compare();
}

}  // namespace

// Issue #23, bad input: a shard worker killed mid-ingest (SIGKILL: nothing is
// flushed at exit) and started again loses no article and counts none twice.
// The store sends an article's rows children first and its article row last,
// and a rerun re-sends every article whose row is missing; FINAL reads keep one
// copy of rows sent twice. Where the kill lands is timing; what is asserted
// holds wherever it lands.
TEST_F(ClickHouseCluster, WorkerKilledMidIngestLosesNothing) {
  constexpr int kArticles = 3000;
  const std::string input = CorpusInSqlite(kArticles);
  // Shard 0's worker is killed once some articles have arrived.
  const pid_t pid = StartWorkerAndWaitForRows(0, input, "/dev/null");
  ASSERT_GT(pid, 0);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  const uint64_t after_kill = LocalArticleRows(0);
  std::printf("killed shard 0's worker with %llu article rows stored\n", static_cast<unsigned long long>(after_kill));

  // Both workers run to the end; shard 0's restart skips what arrived whole.
  const std::regex summary_re("ingested (\\d+) new, (\\d+) replaced, (\\d+) unchanged");
  std::smatch m;
  uint64_t stored = 0;
  for (int i = 0; i < 2; ++i) {
    const RunResult r = Run(ch_[i], "ingest --shard " + std::to_string(i) + "/2 " + ShellQuote(input));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_TRUE(std::regex_search(r.err, m, summary_re)) << r.err;
    EXPECT_EQ(m[2], "0") << r.err;
    // (An insert the server was finishing when its client died may still land: >=.)
    if (i == 0) {
      EXPECT_GE(std::stoull(m[3]), after_kill) << r.err;
    }
    stored += std::stoull(m[1]) + std::stoull(m[3]);
  }
  EXPECT_EQ(stored, static_cast<uint64_t>(kArticles));
  Dedup(ch_[1]);
  ExpectSame("stats --json");
  ExpectSame("quotes --json --limit 1000");
  ExpectSame("entities --json --limit 1000");
  ExpectSame("dyad KAZ CHN --json --by month --dedup");
  ExpectSame("export --format csv");
  ExpectSame("export");
}

// Issue #23, bad input: a ClickHouse server that goes away mid-ingest (SIGKILL,
// as a crash) and comes back. The worker writing to it waits for it (retrying
// with backoff, kWriterRetrySeconds) and finishes: no article lost, none
// counted twice, the answers SQLite's. A query command meanwhile fails at once
// with a message instead of hanging.
TEST_F(ClickHouseCluster, ServerRestartMidIngestLosesNothing) {
  constexpr int kArticles = 3000;
  const std::string input = CorpusInSqlite(kArticles);
  const std::string worker_err = (dir_ / "worker.err").string();
  const pid_t pid = StartWorkerAndWaitForRows(1, input, worker_err);
  ASSERT_GT(pid, 0);
  const std::string services = ties::testing::SourcePath("scripts/services");
  ASSERT_EQ(std::system((services + " crash 1").c_str()), 0);

  // While shard 1 is down a query through it fails quickly, naming the server.
  RunResult r = Run(ch_[1], "stats --json");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("127.0.0.1:" + ports_[1]), std::string::npos) << r.err;

  usleep(1500000);  // the worker is now retrying
  ASSERT_EQ(std::system((services + " start").c_str()), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  std::ifstream err_in(worker_err);
  const std::string err((std::istreambuf_iterator<char>(err_in)), {});
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << err;
  EXPECT_NE(err.find("retrying for up to"), std::string::npos) << err;

  r = Run(ch_[0], "ingest --quiet --shard 0/2 " + ShellQuote(input));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // A second run of shard 1 finds every article stored whole: nothing new, nothing replaced.
  r = Run(ch_[1], "ingest --shard 1/2 " + ShellQuote(input));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("ingested 0 new, 0 replaced"), std::string::npos) << r.err;
  Dedup(ch_[0]);
  ExpectSame("stats --json");
  ExpectSame("quotes --json --limit 1000");
  ExpectSame("dyad KAZ CHN --json --by month --dedup");
  ExpectSame("export --format csv");
}

// Issue #23: the HTTP API (what `ties serve` and the dashboard read) answers
// the same on ClickHouse as on SQLite: each endpoint's status and body, JSON
// and streamed CSV, through the router `ties serve` runs (article lists: the
// same articles in the same order; snippets and ranks are the engines' own).
TEST_F(ClickHouseCluster, ApiAnswersMatchSqlite) {
  const fs::path samples = fs::path(TIES_TEST_SOURCE_DIR) / "samples";
  RunResult r = Run(sqlite_, "ingest --quiet " + ShellQuote(samples.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (int i = 0; i < 2; ++i) {
    r = Run(ch_[i], "ingest --shard " + std::to_string(i) + "/2 " + ShellQuote(samples.string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  Dedup(ch_[0]);
  auto sqlite = ties::OpenQueryEngine(sqlite_);
  ASSERT_TRUE(sqlite.ok()) << sqlite.status().message();
  auto clickhouse = ties::OpenQueryEngine(ch_[1]);
  ASSERT_TRUE(clickhouse.ok()) << clickhouse.status().message();
  const ties::ApiRouter want_router(**sqlite), got_router(**clickhouse);
  auto answer = [](const ties::ApiRouter& router, const std::string& path,
                   std::vector<std::pair<std::string, std::string>> params) {
    ties::ApiRequest request;
    request.path = path;
    request.params = std::move(params);
    ties::ApiResponse response = router.Handle(request);
    std::string body = response.body;
    bool done = false;
    while (response.stream && response.stream(body, done)) {
    }
    return std::to_string(response.status) + " " + response.content_type + "\n" + body;
  };
  std::vector<std::string> ids;
  {
    const std::string list = answer(want_router, "/api/articles", {{"limit", "1000"}});
    ids = JsonValues(list, "id");
    ASSERT_GE(ids.size(), 20u) << list;
  }
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> requests = {
      {"/api/stats", {}},
      {"/api/themes", {}},
      {"/api/articles", {{"limit", "1000"}}},
      {"/api/articles", {{"limit", "5"}}},
      {"/api/articles", {{"format", "csv"}, {"all", "true"}}},
      {"/api/articles", {{"country", "KAZ"}, {"limit", "1000"}}},
      {"/api/quotes", {{"limit", "1000"}}},
      {"/api/quotes", {{"format", "csv"}, {"all", "true"}}},
      {"/api/quotes", {{"speaker", "Balayeva"}}},
      {"/api/entities", {{"limit", "1000"}}},
      {"/api/entities", {{"type", "PERSON"}, {"format", "csv"}, {"all", "true"}}},
      {"/api/network", {}},
      {"/api/dyads/KAZ/CHN/series", {{"by", "month"}}},
      {"/api/dyads/KAZ/CHN/series", {{"by", "month"}, {"dedup", "true"}}},
      {"/api/dyads/KAZ/CHN/series", {{"by", "week"}, {"format", "csv"}}},
      {"/api/articles/" + ids.front(), {}},
      {"/api/articles/" + ids.back(), {}},
      {"/api/articles/no-such-article", {}},
  };
  for (const auto& [path, params] : requests) {
    std::string trace = path;
    for (const auto& [k, v] : params) trace += " " + k + "=" + v;
    SCOPED_TRACE(trace);
    const std::string got = answer(got_router, path, params), want = answer(want_router, path, params);
    if (path != "/api/articles") {
      EXPECT_EQ(got, want);
      continue;
    }
    // Article lists: the engines' snippets and ranks differ (no FTS5 on ClickHouse); the articles may not.
    EXPECT_EQ(got.substr(0, got.find('\n')), want.substr(0, want.find('\n')));
    std::vector<std::string> got_ids = JsonValues(got, "id"), want_ids = JsonValues(want, "id");
    if (got.find("text/csv") != std::string::npos) {
      got_ids.clear();
      want_ids.clear();
      for (const auto& [text, ids] : {std::pair{&got, &got_ids}, std::pair{&want, &want_ids}}) {
        for (size_t at = text->find("\r\n"); at != std::string::npos; at = text->find("\r\n", at + 2)) {
          ids->push_back(text->substr(at + 2, text->find(',', at + 2) - at - 2));
        }
      }
    }
    EXPECT_EQ(got_ids, want_ids);
  }
}
