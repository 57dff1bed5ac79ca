// watch_crash_test.cc: `ties watch` killed with SIGKILL at pseudo-random
// moments (fixed seed) and restarted loses no article and stores none twice;
// SIGTERM finishes the requests in flight, stores them and exits 0 with no
// half-written capture file. Also the binary's log (a line per fetch, or one
// progress line on a terminal), polling intervals, `ties fetch URL...` and
// `ties sources`. Runs the real binary against loopback sites.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "fetch/loopback_site.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

int64_t Count(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return 0;
  }
  sqlite3_busy_timeout(h, 5000);
  sqlite3_stmt* st = nullptr;
  int64_t v = 0;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return v;
}

pid_t StartWatch(const std::string& dir, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {TIES_BINARY, "watch", "--sources", dir + "/sources.toml", "--db", dir + "/ties.db",
                                   "--capture", dir + "/capture", "--segment", "7", "--threads", "1",
                                   "--stages", "language,segment,fingerprint"};
  args.insert(args.end(), extra.begin(), extra.end());
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string log = dir + "/stderr.log";
    freopen(log.c_str(), "a", stderr);
    setenv("TIES_DATA_DIR", testing::DataDir().c_str(), 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// A command's standard output.
std::string Output(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  pclose(pipe);
  return out;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct Sites {
  std::vector<std::unique_ptr<LoopbackSite>> sites;
  int64_t expected = 0;
  Sites(int hosts, int pages) {
    for (int h = 0; h < hosts; ++h) {
      auto site = std::make_unique<LoopbackSite>();
      site->Serve("/robots.txt", "User-agent: *\n", "text/plain");
      std::vector<std::string> links;
      for (int p = 0; p < pages; ++p) {
        site->Serve("/a/" + std::to_string(p), ArticleHtml("H" + std::to_string(h) + " P" + std::to_string(p), h * 1000 + p), "text/html");
        links.push_back(site->Url("/a/" + std::to_string(p)));
      }
      site->Serve("/feed.xml", RssFeed(links), "application/rss+xml", "\"v1\"");
      sites.push_back(std::move(site));
      expected += pages;
    }
  }
  void WriteSources(const std::string& path) const {
    std::ofstream out(path);
    out << "user_agent = \"ties-test/1.0\"\nrate = 40\ninterval = 1\n";
    for (size_t i = 0; i < sites.size(); ++i) {
      out << "[[source]]\nname = \"S" << i << "\"\nurl = \"" << sites[i]->Url("/feed.xml") << "\"\n";
    }
  }
};

std::string Dir(const std::string& name) {
  const std::string dir = std::string(TIES_TEST_BINARY_DIR) + "/watch_crash_test/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(WatchCrashTest, SigkillAtRandomMomentsLosesNothingStoresNothingTwice) {
  const std::string dir = Dir("sigkill");
  Sites sites(3, 40);
  sites.WriteSources(dir + "/sources.toml");
  const std::string db = dir + "/ties.db";
  std::mt19937 rng(21);
  int kills = 0;
  for (int round = 0; round < 6; ++round) {
    const pid_t pid = StartWatch(dir, {"--cycles", "1", "--quiet"});
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(150, 900)(rng)));
    if (kill(pid, SIGKILL) == 0) ++kills;
    Wait(pid);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM articles"), Count(db, "SELECT COUNT(DISTINCT id) FROM articles"));
  }
  EXPECT_GE(kills, 1);
  const pid_t pid = StartWatch(dir, {"--cycles", "1", "--quiet"});
  EXPECT_LE(Wait(pid), 1);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM articles"), sites.expected) << "articles lost";
  EXPECT_EQ(Count(db, "SELECT COUNT(DISTINCT id) FROM articles"), sites.expected);
  EXPECT_EQ(Count(db, "SELECT COUNT(DISTINCT article_id) FROM fetch_log"), sites.expected);
}

TEST(WatchCrashTest, SigtermStoresWhatIsInFlightAndExitsCleanly) {
  const std::string dir = Dir("sigterm");
  Sites sites(2, 40);
  sites.WriteSources(dir + "/sources.toml");
  const std::string db = dir + "/ties.db";
  const pid_t pid = StartWatch(dir, {"--quiet"});
  for (int i = 0; i < 300 && Count(db, "SELECT COUNT(*) FROM articles") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGTERM);
  EXPECT_EQ(Wait(pid), 0);
  std::ifstream log(dir + "/stderr.log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("watch: stopped"), std::string::npos) << text;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/capture")) {
    EXPECT_EQ(entry.path().extension(), ".gz") << entry.path() << " left half-written";
  }
  const int64_t stored = Count(db, "SELECT COUNT(*) FROM articles");
  EXPECT_GT(stored, 0);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM fetch_log WHERE article_id IS NOT NULL"), stored)
      << "every stored article has its fetch_log row";
}

// Without a terminal (stderr is a file here) `ties watch` logs one line per
// fetch and a summary per cycle; a source is polled again when its interval
// (1 s) has passed, and that second cycle is one conditional GET per feed.
TEST(WatchCrashTest, LogsOneLinePerFetchAndPollsOnTheInterval) {
  const std::string dir = Dir("log");
  Sites sites(1, 3);
  sites.WriteSources(dir + "/sources.toml");
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = StartWatch(dir, {"--cycles", "2"});
  EXPECT_EQ(Wait(pid), 0);
  EXPECT_GE(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 0.9)
      << "the second cycle did not wait for the interval";
  EXPECT_EQ(sites.sites[0]->HitCount("/feed.xml"), 2u);
  EXPECT_EQ(sites.sites[0]->HitCount("/robots.txt"), 1u) << "robots.txt is kept between cycles";
  std::ifstream log(dir + "/stderr.log");
  std::vector<std::string> fetch_lines, summaries;
  for (std::string line; std::getline(log, line);) {
    if (line.rfind("fetch: ", 0) == 0) fetch_lines.push_back(line);
    if (line.rfind("watch: 1 sources: ", 0) == 0) summaries.push_back(line);
    EXPECT_EQ(line.find('\r'), std::string::npos) << "a progress line written to a file: " << line;
  }
  size_t stored = 0, not_modified = 0;
  for (const std::string& line : fetch_lines) {
    stored += line.rfind("fetch: 200 page http://127.0.0.1:", 0) == 0 && line.find(" stored") != std::string::npos;
    not_modified += line.rfind("fetch: 304 source ", 0) == 0;
  }
  EXPECT_EQ(stored, 3u);
  EXPECT_EQ(not_modified, 1u);
  EXPECT_EQ(fetch_lines.size(), 6u) << "robots.txt, feed, 3 pages; then one 304";
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_NE(summaries[1].find(": 1 requests, 0 pages, 0 stored, 1 not modified"), std::string::npos) << summaries[1];

  // `ties sources` reads the same fetch log: S0 had 5 fetches (feed 200 and 304, 3 pages), 3 articles.
  const std::string json = Output(std::string(TIES_BINARY) + " sources --json --db " + dir + "/ties.db");
  EXPECT_NE(json.find("\"name\": \"S0\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"fetches\": 5"), std::string::npos) << json;
  EXPECT_NE(json.find("\"failures\": 0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"articles\": 3"), std::string::npos) << json;
  EXPECT_NE(json.find("\"last_failure\": \"\""), std::string::npos) << json;
  const std::string table = Output(std::string(TIES_BINARY) + " sources --db " + dir + "/ties.db");
  EXPECT_NE(table.find("last_success"), std::string::npos) << table;
  EXPECT_NE(table.find("S0"), std::string::npos) << table;
}

// On a terminal (a pseudo-terminal from util-linux `script`) the per-fetch
// lines become one progress line rewritten in place, and the cycle summary
// keeps its own line.
TEST(WatchCrashTest, ProgressLineOnATerminal) {
  const std::string dir = Dir("tty");
  Sites sites(1, 3);
  sites.WriteSources(dir + "/sources.toml");
  const std::string watch = std::string(TIES_BINARY) + " watch --sources " + dir + "/sources.toml --db " + dir +
                            "/ties.db --capture " + dir + "/capture --cycles 1 --threads 1 --stages language,segment,fingerprint";
  const std::string out = Output("TIES_DATA_DIR=" + testing::DataDir() + " script -qfec '" + watch + "' /dev/null");
  EXPECT_NE(out.find("\r1 fetched | "), std::string::npos) << out;
  EXPECT_NE(out.find("\r5 fetched | "), std::string::npos) << "robots.txt, feed, 3 pages: " << out;
  EXPECT_EQ(out.find("fetch: "), std::string::npos) << "no per-fetch log lines on a terminal: " << out;
  EXPECT_NE(out.find("watch: 1 sources: "), std::string::npos) << out;
  EXPECT_EQ(Count(dir + "/ties.db", "SELECT COUNT(*) FROM articles"), 3);
}

// `ties fetch URL...` without a sources file: each URL is its own source,
// named by the URL; exit 0 when nothing failed, 1 when a URL did.
TEST(WatchCrashTest, FetchUrlsFromTheCommandLine) {
  const std::string dir = Dir("fetch_urls");
  Sites sites(1, 3);
  const std::string feed = sites.sites[0]->Url("/feed.xml"), missing = sites.sites[0]->Url("/nowhere.xml");
  const std::string fetch = std::string(TIES_BINARY) + " fetch --db " + dir + "/ties.db --capture " + dir +
                            "/capture --threads 1 --stages language,segment,fingerprint --retries 0 -q ";
  const std::string env = "TIES_DATA_DIR=" + testing::DataDir() + " ";
  EXPECT_EQ(std::system((env + fetch + feed).c_str()), 0);
  EXPECT_EQ(Count(dir + "/ties.db", "SELECT COUNT(*) FROM articles"), 3);
  const int status = std::system((env + fetch + feed + " " + missing + " 2>/dev/null").c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << "a 404 source is a failure: " << status;
  EXPECT_EQ(Count(dir + "/ties.db", "SELECT COUNT(*) FROM articles"), 3) << "nothing stored twice";
  const std::string json = Output(std::string(TIES_BINARY) + " sources --json --db " + dir + "/ties.db");
  EXPECT_NE(json.find("\"name\": \"" + feed + "\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"last_error\": \"HTTP 404\""), std::string::npos) << json;
}

}  // namespace
}  // namespace ties
