// runner.cc: see runner.h. Sequence numbers restore input order after the
// workers; a slot pool bounds the number of Documents alive at once.
#include "pipeline/runner.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace ties {

namespace {

struct Item {
  uint64_t seq = 0;
  std::unique_ptr<Document> doc;  // null for an input error
  Status error;
};

}  // namespace

Status RunPipeline(ArticleStream& stream, const Pipeline& pipeline, const RunOptions& options,
                   const BatchSink& sink, const ErrorSink& on_error, const ProgressSink& on_progress,
                   RunProgress* final_progress) {
  uint32_t threads = options.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const size_t capacity = static_cast<size_t>(threads) * std::max(1u, options.queue_per_thread) +
                          std::max(1u, options.batch_size);

  std::mutex mu;
  std::condition_variable cv_free, cv_work, cv_done;
  std::vector<std::unique_ptr<Document>> free_docs;
  size_t alive = 0;  // documents allocated so far (<= capacity)
  std::deque<Item> work;
  std::map<uint64_t, Item> done;
  bool reader_finished = false;
  bool stop = false;
  uint64_t total_items = 0;
  std::atomic<uint64_t> bytes_read{0};

  std::thread reader([&] {
    uint64_t seq = 0;
    for (;;) {
      std::unique_ptr<Document> doc;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv_free.wait(lock, [&] { return stop || !free_docs.empty() || alive < capacity; });
        if (stop) break;
        if (!free_docs.empty()) {
          doc = std::move(free_docs.back());
          free_docs.pop_back();
        } else {
          doc = std::make_unique<Document>();
          ++alive;
        }
      }
      Status error;
      ReadOutcome outcome;
      try {
        outcome = stream.Next(*doc, error);
      } catch (const std::exception& e) {
        outcome = ReadOutcome::kError;
        error = Status::Internal(std::string("reader failed: ") + e.what());
      }
      bytes_read.store(stream.BytesRead(), std::memory_order_relaxed);
      std::unique_lock<std::mutex> lock(mu);
      if (outcome == ReadOutcome::kEnd) {
        free_docs.push_back(std::move(doc));
        break;
      }
      Item item;
      item.seq = seq++;
      if (outcome == ReadOutcome::kArticle) {
        item.doc = std::move(doc);
        work.push_back(std::move(item));
        cv_work.notify_one();
      } else {
        item.error = error;
        free_docs.push_back(std::move(doc));
        done.emplace(item.seq, std::move(item));
        cv_done.notify_one();
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    reader_finished = true;
    total_items = seq;
    cv_work.notify_all();
    cv_done.notify_all();
  });

  std::vector<std::thread> workers;
  for (uint32_t w = 0; w < threads; ++w) {
    workers.emplace_back([&] {
      for (;;) {
        Item item;
        {
          std::unique_lock<std::mutex> lock(mu);
          cv_work.wait(lock, [&] { return stop || !work.empty() || reader_finished; });
          if (stop || (work.empty() && reader_finished)) return;
          item = std::move(work.front());
          work.pop_front();
        }
        Status s = pipeline.Process(*item.doc);  // never throws (Pipeline catches)
        if (!s.ok()) item.error = s;
        std::lock_guard<std::mutex> lock(mu);
        done.emplace(item.seq, std::move(item));
        cv_done.notify_one();
      }
    });
  }

  RunProgress progress;
  Status result;
  std::vector<std::unique_ptr<Document>> batch_owned;
  std::vector<Document*> batch;
  auto last_progress = std::chrono::steady_clock::now();
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    Status s = sink(batch);
    progress.articles += batch.size();
    batch.clear();
    std::lock_guard<std::mutex> lock(mu);
    for (auto& d : batch_owned) free_docs.push_back(std::move(d));
    batch_owned.clear();
    cv_free.notify_all();
    return s;
  };
  uint64_t next = 0;
  for (;;) {
    Item item;
    {
      std::unique_lock<std::mutex> lock(mu);
      const bool got = cv_done.wait_for(lock, std::chrono::milliseconds(200), [&] {
        return done.count(next) > 0 || (reader_finished && next >= total_items);
      });
      if (!got) {
        lock.unlock();
        if (on_progress) {
          progress.bytes_read = bytes_read.load(std::memory_order_relaxed);
          progress.bytes_total = stream.BytesTotal();
          on_progress(progress);
        }
        continue;
      }
      if (reader_finished && next >= total_items && done.count(next) == 0) break;
      auto it = done.find(next);
      item = std::move(it->second);
      done.erase(it);
      ++next;
    }
    if (!item.error.ok()) {
      ++progress.errors;
      on_error(item.error);
      if (item.doc) {
        std::lock_guard<std::mutex> lock(mu);
        free_docs.push_back(std::move(item.doc));
        cv_free.notify_all();
      }
      continue;
    }
    progress.text_bytes += item.doc->text.size();
    batch.push_back(item.doc.get());
    batch_owned.push_back(std::move(item.doc));
    if (batch.size() >= std::max(1u, options.batch_size)) {
      result = flush();
      if (!result.ok()) break;
    }
    const auto now = std::chrono::steady_clock::now();
    if (on_progress && now - last_progress > std::chrono::milliseconds(200)) {
      last_progress = now;
      progress.bytes_read = bytes_read.load(std::memory_order_relaxed);
      progress.bytes_total = stream.BytesTotal();
      on_progress(progress);
    }
  }
  if (result.ok()) result = flush();
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
    cv_free.notify_all();
    cv_work.notify_all();
  }
  reader.join();
  for (auto& w : workers) w.join();
  progress.bytes_read = stream.BytesRead();
  progress.bytes_total = stream.BytesTotal();
  if (on_progress) on_progress(progress);
  if (final_progress) *final_progress = progress;
  return result;
}

}  // namespace ties
