// issue10_resume_test.cc: a resumed ingest skips the articles already stored
// (same id and content hash) before the pipeline runs, and the result is the
// same as without skipping (issue #10, crash safety: "resume").
//
// Runs RunPipeline into a real SQLite store, as `ties ingest` does, with
// RunOptions::skip = Store::IsStored.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/runner.h"
#include "ties/store.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

using Article = std::pair<std::string, std::string>;  // id, text

class VectorStream : public ArticleStream {
 public:
  explicit VectorStream(std::vector<Article> articles) : articles_(std::move(articles)) {}
  ReadOutcome Next(Document& doc, Status& error) override {
    if (next_ >= articles_.size()) return ReadOutcome::kEnd;
    const Article& a = articles_[next_++];
    doc.Reset();
    doc.meta.id = a.first;
    doc.meta.origin = "vector:" + std::to_string(next_);
    doc.text = a.second;
    return ReadOutcome::kArticle;
  }
  uint64_t BytesRead() const override { return next_; }
  uint64_t BytesTotal() const override { return articles_.size(); }

 private:
  std::vector<Article> articles_;
  size_t next_ = 0;
};

std::vector<Article> Corpus(int n) {
  std::vector<Article> out;
  for (int i = 0; i < n; ++i) {
    out.emplace_back("a" + std::to_string(i), "Article " + std::to_string(i) +
                                                  " reports a meeting in Astana. It has two sentences.");
  }
  return out;
}

class ResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pipeline_ = std::make_unique<Result<Pipeline>>(
        Pipeline::Create({"segment"}, StageOptions{testing::DataDir()}));
    ASSERT_TRUE(pipeline_->ok());
  }
  void TearDown() override {
    for (const std::string& path : paths_) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    }
  }
  std::string NewDb(const std::string& name) {
    const std::string path = ::testing::TempDir() + "issue10_resume_" + name + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    paths_.push_back(path);
    return path;
  }

  struct Outcome {
    Status status;
    StoreCounts counts;
    RunProgress progress;
    uint64_t sunk = 0;  // documents the sink received
  };
  // One `ties ingest` run: `articles` into `store`, skipping stored ones when `skip`.
  Outcome Ingest(Store& store, std::vector<Article> articles, bool skip, uint32_t threads, uint32_t batch) {
    VectorStream stream(std::move(articles));
    RunOptions options;
    options.threads = threads;
    options.batch_size = batch;
    if (skip) {
      options.skip = [&store](const Document& doc) { return store.IsStored(doc.meta.id, ContentHash(doc.text)); };
    }
    Outcome out;
    out.status = RunPipeline(
        stream, **pipeline_, options,
        [&](const std::vector<Document*>& docs) {
          out.sunk += docs.size();
          for (const Document* d : docs) EXPECT_GE(d->sentences.size(), 1u) << d->meta.id << " not annotated";
          return store.PutBatch(std::vector<const Document*>(docs.begin(), docs.end()), out.counts);
        },
        [](const Status& e) { ADD_FAILURE() << e.message(); }, nullptr, &out.progress);
    return out;
  }

  // The stored articles: id -> content hash (the segment stage writes no
  // annotation rows, so this is the whole of what the runs store).
  static std::map<std::string, std::string> Stored(const std::string& path) {
    std::map<std::string, std::string> out;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT id, content_hash FROM articles", -1, &st, nullptr), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      const std::string id = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      EXPECT_TRUE(out.emplace(id, reinterpret_cast<const char*>(sqlite3_column_text(st, 1))).second)
          << "duplicate id " << id;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }

  std::unique_ptr<Result<Pipeline>> pipeline_;
  std::vector<std::string> paths_;
};

TEST_F(ResumeTest, IsStoredAnswersByIdAndHash) {
  const std::string path = NewDb("lookup");
  Result<std::unique_ptr<Store>> store = OpenStore(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_FALSE((*store)->IsStored("a0", ContentHash("x")));  // empty store
  ASSERT_TRUE(Ingest(**store, Corpus(3), false, 1, 8).status.ok());
  const std::string text0 = Corpus(1)[0].second;
  EXPECT_TRUE((*store)->IsStored("a0", ContentHash(text0)));
  EXPECT_FALSE((*store)->IsStored("a0", ContentHash(text0 + " Changed.")));
  EXPECT_FALSE((*store)->IsStored("a9", ContentHash(text0)));
  EXPECT_FALSE((*store)->IsStored("", ""));

  // An in-memory database cannot be looked up from a second connection: never "stored".
  Result<std::unique_ptr<Store>> memory = OpenStore(":memory:");
  ASSERT_TRUE(memory.ok());
  ASSERT_TRUE(Ingest(**memory, Corpus(2), false, 1, 8).status.ok());
  EXPECT_FALSE((*memory)->IsStored("a0", ContentHash(text0)));
}

struct ResumeCase {
  int stored;  // articles stored by the interrupted run (a prefix)
  int total;
  uint32_t threads;
  uint32_t batch;
};

TEST_F(ResumeTest, ResumeSkipsTheStoredPrefixAndEqualsAFullRun) {
  const ResumeCase cases[] = {{0, 50, 2, 8}, {30, 100, 2, 7}, {100, 100, 1, 512}, {250, 600, 3, 64}, {1, 2, 2, 1}};
  for (const ResumeCase& c : cases) {
    const std::string tag = std::to_string(c.stored) + "_" + std::to_string(c.total);
    const std::string full_path = NewDb("full_" + tag);
    const std::string resumed_path = NewDb("resumed_" + tag);
    std::vector<Article> corpus = Corpus(c.total);
    {
      Result<std::unique_ptr<Store>> full = OpenStore(full_path);
      ASSERT_TRUE(full.ok());
      ASSERT_TRUE(Ingest(**full, corpus, false, c.threads, c.batch).status.ok());
    }
    Result<std::unique_ptr<Store>> store = OpenStore(resumed_path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(Ingest(**store, std::vector<Article>(corpus.begin(), corpus.begin() + c.stored), false, c.threads,
                       c.batch).status.ok());
    const Outcome resumed = Ingest(**store, corpus, true, c.threads, c.batch);
    ASSERT_TRUE(resumed.status.ok()) << resumed.status.message();
    EXPECT_EQ(resumed.progress.skipped, static_cast<uint64_t>(c.stored)) << tag;
    EXPECT_EQ(resumed.sunk, static_cast<uint64_t>(c.total - c.stored)) << tag << ": stored articles re-annotated";
    EXPECT_EQ(resumed.counts.inserted, static_cast<uint64_t>(c.total - c.stored)) << tag;
    EXPECT_EQ(resumed.counts.unchanged + resumed.counts.replaced, 0u) << tag;
    EXPECT_EQ(resumed.progress.articles, resumed.sunk) << tag;
    store->reset();
    EXPECT_EQ(Stored(resumed_path), Stored(full_path)) << tag;
  }
}

// The skip check runs ahead of the sink, so it can be stale when one id comes
// twice in a run: the later article must still win, as without skipping.
struct StaleCase {
  std::vector<Article> before;  // stored first
  std::vector<Article> run;     // then ingested with skipping
  std::map<std::string, std::string> expected;  // id -> text stored at the end
};

TEST_F(ResumeTest, ALaterArticleWithTheSameIdStillWins) {
  const StaleCase cases[] = {
      // x stored as v1; the run brings v2 then v1 again: v1 (the last) must be stored.
      {{{"x", "Version one. Of x."}}, {{"x", "Version two. Of x."}, {"x", "Version one. Of x."}},
       {{"x", "Version one. Of x."}}},
      // v1 skipped first, then replaced, then v1 again behind other articles.
      {{{"x", "Version one. Of x."}, {"y", "Why not. Indeed."}},
       {{"x", "Version one. Of x."}, {"x", "Version two. Of x."}, {"y", "Why not. Indeed."}, {"z", "Zed here. Yes."},
        {"x", "Version one. Of x."}},
       {{"x", "Version one. Of x."}, {"y", "Why not. Indeed."}, {"z", "Zed here. Yes."}}},
      // Nothing stored before: duplicates inside the run, last wins.
      {{}, {{"x", "Version two. Of x."}, {"x", "Version one. Of x."}, {"x", "Version two. Of x."}},
       {{"x", "Version two. Of x."}}},
  };
  int case_idx = 0;
  for (const StaleCase& c : cases) {
    for (uint32_t threads : {1u, 2u, 4u}) {
      for (uint32_t batch : {1u, 2u, 512u}) {
        const std::string path =
            NewDb("stale_" + std::to_string(case_idx) + "_" + std::to_string(threads) + "_" + std::to_string(batch));
        Result<std::unique_ptr<Store>> store = OpenStore(path);
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE(Ingest(**store, c.before, false, threads, batch).status.ok());
        // Many rounds: the race between the workers' check and the commits varies.
        for (int round = 0; round < 5; ++round) {
          const Outcome out = Ingest(**store, c.run, true, threads, batch);
          ASSERT_TRUE(out.status.ok());
          std::map<std::string, std::string> expected;
          for (const auto& [id, text] : c.expected) expected[id] = ContentHash(text);
          EXPECT_EQ(Stored(path), expected) << "case " << case_idx << ", " << threads << " threads, batch "
                                            << batch << ", round " << round;
        }
      }
    }
    ++case_idx;
  }
}

}  // namespace
}  // namespace ties
