// crash_safety_test.cc: SIGKILL during `ties ingest` loses nothing stored and
// corrupts nothing (issue 10, docs/reliability.md).
//
// A corpus of small JSONL articles is ingested with `--batch 200` and killed
// with SIGKILL at pseudo-random moments (fixed seed; each kill comes when the
// database reaches a random article count, plus 0-40 ms, so kills land while
// batches are being annotated and while they are being committed). After every kill:
//   - PRAGMA integrity_check is "ok" (opening the file also recovers the WAL);
//   - the stored articles are a prefix of the input (batches are committed
//     in input order, each as one transaction) and no article was lost;
//   - every stored article has exactly the annotations an uninterrupted run
//     gives it (no half-written article).
// The ingest is then resumed (the same command again). At the end the
// database must equal the uninterrupted run's: the same article ids and
// content hashes, the same number of entities, mentions, places, quotes and
// events per article, nothing duplicated, and a consistent full-text index.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../badinput/subprocess.h"
#include "store/sqlite/sqlite_util.h"

#if defined(__SANITIZE_ADDRESS__)
#define TIES_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TIES_TEST_ASAN 1
#endif
#endif
#ifndef TIES_TEST_ASAN
#define TIES_TEST_ASAN 0
#endif

namespace {

namespace fs = std::filesystem;
using ties_test::ChildResult;

constexpr int kBatch = 200;
constexpr int kKills = 24;
constexpr uint32_t kSeed = 20250617;
// Sanitizer builds are several times slower: a smaller corpus keeps the run short.
constexpr int kArticles = TIES_TEST_ASAN ? 4000 : 20000;

const char* const kPeople[] = {"Kassym-Jomart Tokayev", "Wang Yi", "Xi Jinping", "Antony Blinken", "Sergei Lavrov",
                               "Olaf Scholz", "Emmanuel Macron", "Narendra Modi"};
const char* const kCities[] = {"Astana", "Beijing", "Moscow", "Washington", "Berlin", "Paris", "New Delhi", "Almaty"};
const char* const kVerbs[] = {"met", "criticized", "praised", "visited", "signed an agreement with", "accused", "thanked",
                              "called"};

// Article `n`: varied people, places, quotes and events, so that the
// annotation counts differ from article to article.
std::string ArticleLine(int n) {
  std::mt19937 rng(static_cast<uint32_t>(n) * 2654435761u);
  auto pick = [&](const char* const* list, size_t size) { return std::string(list[rng() % size]); };
  const std::string a = pick(kPeople, 8), b = pick(kPeople, 8), city = pick(kCities, 8), verb = pick(kVerbs, 8);
  std::string text = city;
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  text += ", June " + std::to_string(1 + n % 28) + " (Xinhua) -- " + a + " " + verb + " " + b + " in " + city +
          " on Monday, report " + std::to_string(n) + ".";
  const int extra = static_cast<int>(rng() % 4);
  for (int i = 0; i < extra; ++i) {
    text += " \\\"We will continue to work together,\\\" " + pick(kPeople, 8) + " said in " + pick(kCities, 8) + ".";
  }
  if (n % 3 == 0) text += " The talks covered trade, energy and security.";
  char date[16];
  std::snprintf(date, sizeof date, "2025-06-%02d", 1 + n % 28);
  return "{\"id\":\"c" + std::to_string(n) + "\",\"title\":\"Report " + std::to_string(n) + "\",\"date\":\"" + date +
         "\",\"source\":\"Xinhua\",\"text\":\"" + text + "\"}\n";
}

class Db {
 public:
  explicit Db(const std::string& path) {
    // Read-write, so that opening recovers a WAL left by a killed writer.
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
    sqlite3_busy_timeout(db_, 5000);
    // ties_text() and the schema's views (the FTS5 content comes through them).
    if (ties::Status s = ties::RegisterFunctions(db_); !s.ok()) ADD_FAILURE() << s.message();
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;  // owns the connection
  Db& operator=(const Db&) = delete;

  std::vector<std::vector<std::string>> Rows(const std::string& sql, std::string* error = nullptr) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      if (error) *error = sqlite3_errmsg(db_);
      else ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return rows;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const unsigned char* t = sqlite3_column_text(stmt, i);
        row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
      if (error) *error = sqlite3_errmsg(db_);
      else ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  std::string One(const std::string& sql) {
    auto rows = Rows(sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }
  long Count(const std::string& sql) { return std::atol(One(sql).c_str()); }

 private:
  sqlite3* db_ = nullptr;
};

// id -> "hash|entities|mentions|places|quotes|events|themes": everything an
// article's annotations must agree on.
std::map<std::string, std::string> Fingerprints(Db& db) {
  std::map<std::string, std::string> out;
  for (const char* table : {"entities", "mentions", "places", "quotes", "events", "themes"}) {
    for (const auto& row : db.Rows(std::string("SELECT a.id, a.content_hash, (SELECT count(*) FROM ") + table +
                                   " x WHERE x.article = a.seq) FROM articles a")) {
      std::string& fp = out[row[0]];
      if (fp.empty()) fp = row[1];
      fp += "|" + row[2];
    }
  }
  return out;
}

std::vector<std::string> IngestArgs(const std::string& db, const std::string& input) {
  return {TIES_BINARY, "--db", db, "ingest", "--quiet", "--batch", std::to_string(kBatch), "--threads", "2", input};
}

TEST(CrashSafetyTest, SigkillAtRandomMomentsLosesNothing) {
  const fs::path dir = fs::path(TIES_TEST_BINARY_DIR) / "crash_safety_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string input = (dir / "corpus.jsonl").string();
  {
    std::ofstream out(input, std::ios::binary);
    for (int n = 0; n < kArticles; ++n) out << ArticleLine(n);
  }

  // The uninterrupted run, also timing a full run.
  const std::string ref_db = (dir / "ref.db").string();
  const ChildResult ref = ties_test::RunChild(IngestArgs(ref_db, input), dir.string(), 600);
  ASSERT_TRUE(ref.exited && ref.exit_code == 0) << ties_test::Describe(ref);
  std::map<std::string, std::string> expected;
  {
    Db db(ref_db);
    expected = Fingerprints(db);
  }
  ASSERT_EQ(expected.size(), static_cast<size_t>(kArticles));
  const double full_s = ref.seconds;

  // Kill, check, resume. Kill moments are chosen by progress, not by the
  // clock, so that they land while new batches are annotated and committed
  // whatever the machine's speed: round k waits until the database holds
  // `targets[k]` articles (sorted random targets over the corpus), then waits
  // a random 0-40 ms more and sends SIGKILL.
  const std::string db_path = (dir / "crash.db").string();
  std::mt19937 rng(kSeed);
  std::vector<long> targets;
  std::uniform_int_distribution<long> target_dist(kArticles / 50, kArticles - kArticles / 50);
  for (int k = 0; k < kKills; ++k) targets.push_back(target_dist(rng));
  std::sort(targets.begin(), targets.end());
  std::uniform_int_distribution<int> jitter_ms(0, 40);
  long previous = 0;
  int kills = 0, completed_early = 0;
  for (int round = 0; round < kKills; ++round) {
    const pid_t pid = ties_test::SpawnChild(IngestArgs(db_path, input), "", (dir / "stderr.txt").string());
    ASSERT_GT(pid, 0);
    // Wait for the target (always beyond what is stored: the kill must land
    // on new work), or for the child to end.
    const long target =
        std::min<long>(kArticles - 1, std::max(targets[round], previous + 1 + jitter_ms(rng) * kBatch / 40));
    long seen = 0;
    int status = 0;
    bool ended = false;
    const auto started = std::chrono::steady_clock::now();
    while (!ended) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        ended = true;
        break;
      }
      if (fs::exists(db_path)) {
        sqlite3* probe = nullptr;
        if (sqlite3_open_v2(db_path.c_str(), &probe, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
          sqlite3_busy_timeout(probe, 100);
          sqlite3_stmt* stmt = nullptr;
          if (sqlite3_prepare_v2(probe, "SELECT count(*) FROM articles", -1, &stmt, nullptr) == SQLITE_OK &&
              sqlite3_step(stmt) == SQLITE_ROW) {
            seen = sqlite3_column_int64(stmt, 0);
          }
          sqlite3_finalize(stmt);
        }
        sqlite3_close(probe);
      }
      if (seen >= target) break;
      ASSERT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(600)) << "round " << round << " hangs";
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
    double waited_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!ended) {
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
      ASSERT_EQ(kill(pid, SIGKILL), 0);
      const ChildResult r = ties_test::WaitChild(pid, 60);
      if (r.exited) {
        ASSERT_EQ(r.exit_code, 0) << ties_test::Describe(r) << ties_test::SlurpFile((dir / "stderr.txt").string());
        ++completed_early;
      } else {
        ASSERT_EQ(r.signal, SIGKILL) << ties_test::Describe(r);
        ++kills;
      }
    } else {
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ties_test::SlurpFile((dir / "stderr.txt").string());
      ++completed_early;
    }

    Db db(db_path);
    std::string error;
    const auto integrity = db.Rows("PRAGMA integrity_check", &error);
    ASSERT_TRUE(error.empty()) << "round " << round << ": " << error;
    ASSERT_EQ(integrity.size(), 1u);
    ASSERT_EQ(integrity[0][0], "ok") << "round " << round;
    const long stored = db.Count("SELECT count(*) FROM articles");
    EXPECT_GE(stored, previous) << "round " << round << ": articles were lost";
    // Batches are committed in input order: what is stored is a prefix of the corpus.
    EXPECT_EQ(db.Count("SELECT count(*) FROM articles WHERE CAST(substr(id, 2) AS INTEGER) >= " + std::to_string(stored)),
              0)
        << "round " << round << ": stored articles are not a prefix of the input";
    previous = stored;
    for (const auto& [id, fp] : Fingerprints(db)) {
      auto it = expected.find(id);
      ASSERT_NE(it, expected.end()) << id;
      ASSERT_EQ(fp, it->second) << "round " << round << ": article " << id << " stored in part";
    }
    std::printf("round %2d: target %5ld, killed after %.2f s, %ld articles stored\n", round, target, waited_s, stored);
  }
  EXPECT_GE(kills, 20) << "too few runs were killed";

  // The final resume runs to the end.
  const ChildResult last = ties_test::RunChild(IngestArgs(db_path, input), dir.string(), 600);
  ASSERT_TRUE(last.exited && last.exit_code == 0) << ties_test::Describe(last);

  Db db(db_path);
  EXPECT_EQ(db.One("PRAGMA integrity_check"), "ok");
  const std::map<std::string, std::string> got = Fingerprints(db);
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected) << "the resumed database differs from the uninterrupted run";
  EXPECT_EQ(db.Count("SELECT count(*) - count(DISTINCT id) FROM articles"), 0);
  for (const char* table : {"entities", "mentions", "places", "quotes", "events", "themes"}) {
    Db ref_db_conn(ref_db);
    EXPECT_EQ(db.Count(std::string("SELECT count(*) FROM ") + table),
              ref_db_conn.Count(std::string("SELECT count(*) FROM ") + table))
        << table;
  }
  // The full-text indexes agree with their tables.
  std::string error;
  db.Rows("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')", &error);
  EXPECT_TRUE(error.empty()) << "articles_fts: " << error;
  db.Rows("INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')", &error);
  EXPECT_TRUE(error.empty()) << "quotes_fts: " << error;
  EXPECT_EQ(db.Count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Astana'"),
            Db(ref_db).Count("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Astana'"));
  std::printf("%d kills, %d runs finished before their kill, full run %.1f s\n", kills, completed_early, full_s);
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
