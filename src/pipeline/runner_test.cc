#include "pipeline/runner.h"
#include "testing/test_paths.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

// An in-memory stream: `n` articles, every `error_every`-th record an error.
class FakeStream : public ArticleStream {
 public:
  FakeStream(int n, int error_every) : n_(n), error_every_(error_every) {}
  ReadOutcome Next(Document& doc, Status& error) override {
    if (i_ >= n_) return ReadOutcome::kEnd;
    const int i = i_++;
    if (error_every_ > 0 && i % error_every_ == 0) {
      error = Status::ParseError("fake:" + std::to_string(i) + ": bad record");
      return ReadOutcome::kError;
    }
    doc.Reset();
    doc.meta.id = std::to_string(i);
    doc.text = "Article " + std::to_string(i) + " says hello. It has two sentences.";
    return ReadOutcome::kArticle;
  }
  uint64_t BytesRead() const override { return static_cast<uint64_t>(i_); }
  uint64_t BytesTotal() const override { return static_cast<uint64_t>(n_); }

 private:
  int n_, error_every_;
  int i_ = 0;
};

struct RunCase {
  int articles;
  int error_every;
  uint32_t threads;
  uint32_t batch;
};

TEST(RunnerTest, DeliversEverythingInInputOrder) {
  Result<Pipeline> pipeline = Pipeline::Create({"segment"}, StageOptions{testing::DataDir()});
  ASSERT_TRUE(pipeline.ok());
  const RunCase cases[] = {
      {0, 0, 2, 1}, {1, 0, 1, 1}, {1000, 0, 1, 1}, {1000, 7, 2, 1},
      {3000, 0, 2, 700},    // batch larger than the chunk pool: must not deadlock
      {5000, 13, 4, 512},
  };
  for (const RunCase& c : cases) {
    FakeStream stream(c.articles, c.error_every);
    RunOptions options;
    options.threads = c.threads;
    options.batch_size = c.batch;
    std::vector<std::string> ids;
    std::vector<std::string> errors;
    size_t max_batch = 0;
    RunProgress progress;
    Status s = RunPipeline(
        stream, *pipeline, options,
        [&](const std::vector<Document*>& batch) {
          max_batch = std::max(max_batch, batch.size());
          for (Document* d : batch) {
            EXPECT_EQ(d->sentences.size(), 2u);
            ids.push_back(d->meta.id);
          }
          return Status::Ok();
        },
        [&](const Status& e) { errors.push_back(e.message()); }, nullptr, &progress);
    ASSERT_TRUE(s.ok());
    std::vector<std::string> expected;
    int expected_errors = 0;
    for (int i = 0; i < c.articles; ++i) {
      if (c.error_every > 0 && i % c.error_every == 0) ++expected_errors;
      else expected.push_back(std::to_string(i));
    }
    EXPECT_EQ(ids, expected) << c.articles << " articles, " << c.threads << " threads";
    EXPECT_EQ(static_cast<int>(errors.size()), expected_errors);
    EXPECT_EQ(progress.articles, expected.size());
    EXPECT_LE(max_batch, c.batch);
  }
}

TEST(RunnerTest, SinkErrorStopsTheRun) {
  Result<Pipeline> pipeline = Pipeline::Create({"segment"}, StageOptions{testing::DataDir()});
  ASSERT_TRUE(pipeline.ok());
  FakeStream stream(10000, 0);
  RunOptions options;
  options.threads = 2;
  options.batch_size = 10;
  int calls = 0;
  Status s = RunPipeline(
      stream, *pipeline, options,
      [&](const std::vector<Document*>&) { return ++calls == 3 ? Status::IoError("disk full") : Status::Ok(); },
      [](const Status&) {}, nullptr, nullptr);
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace ties
