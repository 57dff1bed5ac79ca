// runner.cc: see runner.h.
//
// Work moves between threads in chunks of documents (up to kChunkDocs or
// kChunkBytes of text), not one by one: a thread hand-off costs microseconds,
// which is as much as annotating a short article. Sequence numbers on chunks
// restore input order after the workers; a fixed pool of chunks bounds the
// number of Documents alive at once (memory stays flat), and Documents are
// reused so their buffers stay allocated.
//
// Skipping stored documents (RunOptions::skip) happens in the workers, ahead of
// the sink, so an answer can be stale: "x is stored with this content" was
// true when asked, but an earlier document of the same run with id x may reach
// the sink (and replace x) before this one's turn. The consumer therefore
// remembers, in a fixed bit set of id hashes, which ids it passed to the sink;
// a skipped document whose id may be among them is annotated on the consumer
// thread and passed on, and the sink decides as without skipping. A false
// positive of the bit set costs one annotation, never a wrong result; memory
// stays bounded.
#include "pipeline/runner.h"

#include <algorithm>
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

constexpr size_t kChunkDocs = 64;
constexpr size_t kChunkBytes = 1 << 20;
constexpr size_t kSeenIdBits = size_t{1} << 23;  // 1 MB: ids passed to the sink (see the file comment)

struct Entry {
  bool is_error = false;
  bool skipped = false;  // RunOptions::skip said it is stored; not annotated
  Status error;  // input or pipeline error for this record
};

struct Chunk {
  uint64_t seq = 0;
  std::vector<std::unique_ptr<Document>> docs;  // reused across chunks
  std::vector<Entry> entries;                   // entries[i] describes docs[i]
  size_t used = 0;                              // docs[0..used) are live
  size_t text_bytes = 0;
};

// What the reader, the workers and the consumer share: the pool of free chunks, the chunks to
// annotate, the annotated ones by sequence number, and the reader's progress; all under `mu`
// but bytes_read.
struct ChunkQueues {
  std::mutex mu;
  std::condition_variable cv_free, cv_work, cv_done;
  std::vector<std::unique_ptr<Chunk>> free_chunks;
  std::deque<std::unique_ptr<Chunk>> work;
  std::map<uint64_t, std::unique_ptr<Chunk>> done;
  bool reader_finished = false;
  bool stop = false;
  uint64_t total_chunks = 0;
  std::atomic<uint64_t> bytes_read{0};
};

// The reader thread: fills free chunks from `stream`, numbers them and queues them for the
// workers, until the stream ends or the run stops.
void ReadChunks(ArticleStream& stream, ChunkQueues& q) {
  uint64_t seq = 0;
  bool end = false;
  while (!end) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock<std::mutex> lock(q.mu);
      q.cv_free.wait(lock, [&] { return q.stop || !q.free_chunks.empty(); });
      if (q.stop) break;
      chunk = std::move(q.free_chunks.back());
      q.free_chunks.pop_back();
    }
    chunk->used = 0;
    chunk->text_bytes = 0;
    chunk->entries.clear();
    while (chunk->used < kChunkDocs && chunk->text_bytes < kChunkBytes) {
      if (chunk->docs.size() <= chunk->used) chunk->docs.push_back(std::make_unique<Document>());
      Document& doc = *chunk->docs[chunk->used];
      Status error;
      ReadOutcome outcome;
      try {
        outcome = stream.Next(doc, error);
      } catch (const std::exception& e) {
        outcome = ReadOutcome::kError;
        error = Status::Internal(std::string("reader failed: ") + e.what());
      }
      if (outcome == ReadOutcome::kEnd) {
        end = true;
        break;
      }
      Entry entry;
      if (outcome == ReadOutcome::kError) {
        entry.is_error = true;
        entry.error = error;
      } else {
        chunk->text_bytes += doc.text.size();
      }
      chunk->entries.push_back(std::move(entry));
      ++chunk->used;
    }
    q.bytes_read.store(stream.BytesRead(), std::memory_order_relaxed);
    std::lock_guard<std::mutex> lock(q.mu);
    if (chunk->used == 0) {
      q.free_chunks.push_back(std::move(chunk));
      continue;
    }
    chunk->seq = seq++;
    q.work.push_back(std::move(chunk));
    q.cv_work.notify_one();
  }
  std::lock_guard<std::mutex> lock(q.mu);
  q.reader_finished = true;
  q.total_chunks = seq;
  q.cv_work.notify_all();
  q.cv_done.notify_all();
}

// A worker thread: annotates queued chunks (skipping what options.skip says is stored) and hands
// them to the consumer by sequence number; adds its stage times to `stage_nanos` at the end.
void AnnotateChunks(const Pipeline& pipeline, const RunOptions& options, ChunkQueues& q,
                    std::vector<uint64_t>& stage_nanos) {
  std::vector<uint64_t> my_nanos(pipeline.stages().size(), 0);
  for (;;) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock<std::mutex> lock(q.mu);
      q.cv_work.wait(lock, [&] { return q.stop || !q.work.empty() || q.reader_finished; });
      if (q.stop || (q.work.empty() && q.reader_finished)) break;
      chunk = std::move(q.work.front());
      q.work.pop_front();
    }
    for (size_t i = 0; i < chunk->used; ++i) {
      if (chunk->entries[i].is_error) continue;
      if (options.skip && options.skip(*chunk->docs[i])) {
        chunk->entries[i].skipped = true;
        continue;
      }
      Status s = pipeline.Process(*chunk->docs[i], my_nanos);  // never throws (Pipeline catches)
      if (!s.ok()) {
        chunk->entries[i].is_error = true;
        chunk->entries[i].error = s;
      }
    }
    std::lock_guard<std::mutex> lock(q.mu);
    const uint64_t seq = chunk->seq;
    q.done.emplace(seq, std::move(chunk));
    q.cv_done.notify_one();
  }
  std::lock_guard<std::mutex> lock(q.mu);
  for (size_t i = 0; i < my_nanos.size(); ++i) stage_nanos[i] += my_nanos[i];
}

}  // namespace

Status RunPipeline(ArticleStream& stream, const Pipeline& pipeline, const RunOptions& options,
                   const BatchSink& sink, const ErrorSink& on_error, const ProgressSink& on_progress,
                   RunProgress* final_progress) {
  uint32_t threads = options.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // The consumer may hold chunks whose documents wait for a batch to fill; it
  // flushes a partial batch before holding `max_held`, so the reader and the
  // workers always have chunks left (no deadlock, whatever the batch size).
  const size_t batch_size = std::max(1u, options.batch_size);
  const size_t max_held = (batch_size + kChunkDocs - 1) / kChunkDocs + 1;
  // Chunks in flight: one queued and one running per worker, plus the held ones.
  const size_t pool_size = static_cast<size_t>(threads) * 2 + 2 + max_held;

  ChunkQueues q;
  for (size_t i = 0; i < pool_size; ++i) q.free_chunks.push_back(std::make_unique<Chunk>());

  std::thread reader([&] { ReadChunks(stream, q); });
  std::vector<uint64_t> stage_nanos(pipeline.stages().size(), 0);
  std::vector<std::thread> workers;
  for (uint32_t w = 0; w < threads; ++w) {
    workers.emplace_back([&] { AnnotateChunks(pipeline, options, q, stage_nanos); });
  }

  RunProgress progress;
  Status result;
  std::vector<uint64_t> seen_ids;  // bit set of id hashes passed to the sink (only with options.skip)
  if (options.skip) seen_ids.assign(kSeenIdBits / 64, 0);
  std::vector<uint64_t> consumer_nanos(pipeline.stages().size(), 0);
  std::vector<Document*> batch;
  std::vector<std::unique_ptr<Chunk>> held;  // chunks whose documents are in `batch`
  auto last_progress = std::chrono::steady_clock::now();
  auto report = [&] {
    if (!on_progress) return;
    progress.bytes_read = q.bytes_read.load(std::memory_order_relaxed);
    progress.bytes_total = stream.BytesTotal();
    on_progress(progress);
  };
  auto release_held = [&] {
    std::lock_guard<std::mutex> lock(q.mu);
    for (auto& c : held) q.free_chunks.push_back(std::move(c));
    held.clear();
    q.cv_free.notify_all();
  };
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    Status s = sink(batch);
    progress.articles += batch.size();
    batch.clear();
    return s;
  };
  uint64_t next = 0;
  while (result.ok()) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock<std::mutex> lock(q.mu);
      const bool ready = q.cv_done.wait_for(lock, std::chrono::milliseconds(200), [&] {
        return q.done.count(next) > 0 || (q.reader_finished && next >= q.total_chunks);
      });
      if (!ready) {
        lock.unlock();
        report();
        continue;
      }
      auto it = q.done.find(next);
      if (it == q.done.end()) break;  // finished
      chunk = std::move(it->second);
      q.done.erase(it);
      ++next;
    }
    for (size_t i = 0; i < chunk->used && result.ok(); ++i) {
      if (chunk->entries[i].is_error) {
        ++progress.errors;
        on_error(chunk->entries[i].error);
        continue;
      }
      Document& doc = *chunk->docs[i];
      if (!seen_ids.empty()) {
        const size_t bit = std::hash<std::string>()(doc.meta.id) % kSeenIdBits;
        uint64_t& word = seen_ids[bit / 64];
        const uint64_t mask = uint64_t{1} << (bit % 64);
        if (chunk->entries[i].skipped) {
          if ((word & mask) == 0) {
            ++progress.skipped;
            continue;
          }
          // An earlier document with this id (maybe) went to the sink: the
          // worker's answer may be stale, so annotate it and let the sink decide.
          Status s = pipeline.Process(doc, consumer_nanos);
          if (!s.ok()) {
            ++progress.errors;
            on_error(s);
            continue;
          }
        }
        word |= mask;
      }
      progress.text_bytes += doc.text.size();
      batch.push_back(&doc);
      if (batch.size() >= batch_size) result = flush();
    }
    // Documents still waiting in `batch` keep their chunk alive until the flush.
    held.push_back(std::move(chunk));
    if (held.size() >= max_held && result.ok()) result = flush();
    if (batch.empty()) release_held();
    const auto now = std::chrono::steady_clock::now();
    if (now - last_progress > std::chrono::milliseconds(200)) {
      last_progress = now;
      report();
    }
  }
  if (result.ok()) result = flush();
  release_held();
  {
    std::lock_guard<std::mutex> lock(q.mu);
    q.stop = true;
    q.cv_free.notify_all();
    q.cv_work.notify_all();
  }
  reader.join();
  for (auto& w : workers) w.join();
  progress.bytes_read = stream.BytesRead();
  progress.bytes_total = stream.BytesTotal();
  for (size_t i = 0; i < stage_nanos.size(); ++i) stage_nanos[i] += consumer_nanos[i];
  progress.stage_nanos = stage_nanos;
  if (on_progress) on_progress(progress);
  if (final_progress) *final_progress = progress;
  return result;
}

}  // namespace ties
