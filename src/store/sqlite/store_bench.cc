// store_bench.cc: the SQLite writer's own cost, without extraction.
//
// Loads every article of an existing ties database (annotations included)
// into memory through the QueryEngine, then writes them into a new database
// with the Store in batches, timing only opening the store, PutBatch and Flush
// (which builds the query indexes of a new database) with the thread's CPU
// clock. Prints articles, text MB, CPU seconds, MB of text per CPU-second
// and the new database's size (docs/performance.md, "Storage").
//
//   build/src/store/store_bench --from annotated.db --to /tmp/new.db [--batch 512] [--input-bytes N]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "ties/query.h"
#include "ties/store.h"

namespace {

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

uint64_t FileBytes(const std::string& path) {
  std::error_code ec;
  uint64_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    const auto n = std::filesystem::file_size(path + suffix, ec);
    if (!ec) total += n;
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  std::string from, to;
  size_t batch = 512;
  double input_bytes = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--from") from = argv[i + 1];
    else if (flag == "--to") to = argv[i + 1];
    else if (flag == "--batch") batch = std::max<size_t>(1, std::strtoul(argv[i + 1], nullptr, 10));
    else if (flag == "--input-bytes") input_bytes = std::strtod(argv[i + 1], nullptr);
  }
  if (from.empty() || to.empty()) {
    std::fprintf(stderr, "usage: store_bench --from DB --to NEW_DB [--batch N] [--input-bytes N]\n");
    return 2;
  }
  auto engine = ties::OpenQueryEngine(from);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().message().c_str());
    return 1;
  }
  std::vector<ties::Document> docs;
  ties::Status s = (*engine)->ForEachDocument({}, [&](const ties::Document& doc) {
    docs.push_back(doc);
    return ties::Status::Ok();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(to + suffix);
  uint64_t text_bytes = 0;
  for (const auto& d : docs) text_bytes += d.text.size();

  const double start = ThreadCpuSeconds();
  auto store = ties::OpenStore(to);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().message().c_str());
    return 1;
  }
  ties::StoreCounts counts;
  for (size_t i = 0; i < docs.size(); i += batch) {
    std::vector<const ties::Document*> part;
    for (size_t j = i; j < std::min(docs.size(), i + batch); ++j) part.push_back(&docs[j]);
    s = (*store)->PutBatch(part, counts);
    if (!s.ok()) break;
  }
  if (s.ok()) s = (*store)->Flush();
  store->reset();
  const double cpu = ThreadCpuSeconds() - start;
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  const double mb = static_cast<double>(text_bytes) / 1e6;
  const uint64_t db_bytes = FileBytes(to);
  std::printf("articles %zu  text %.2f MB  writer CPU %.3f s  %.1f MB of text per CPU-s  db %.2f MB (%.2fx text",
              docs.size(), mb, cpu, cpu > 0 ? mb / cpu : 0.0, static_cast<double>(db_bytes) / 1e6,
              static_cast<double>(db_bytes) / static_cast<double>(text_bytes));
  if (input_bytes > 0) std::printf(", %.2fx input", static_cast<double>(db_bytes) / input_bytes);
  std::printf(")\n");
  return 0;
}
