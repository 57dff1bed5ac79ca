// query_bench.cc: query latency on a database (warm cache).
//
//   build/bench/query_bench --db /tmp/ties-1m.db [--benchmark_min_time=1]
// Measures: a monthly dyad series (articles, and clusters with dedup), a quote full-text search (top 20), an
// article by id, and a stats call.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

#include "ties/query.h"

namespace ties {
namespace {

std::string g_db = "ties.db";
std::string g_article_id;

QueryEngine& Engine() {
  static std::unique_ptr<QueryEngine> engine = [] {
    auto e = OpenQueryEngine(g_db);
    if (!e.ok()) {
      std::fprintf(stderr, "query_bench: %s\n", e.status().ToString().c_str());
      std::exit(1);
    }
    return std::move(e).value();
  }();
  return *engine;
}

void BM_DyadMonthly(benchmark::State& state) {
  DyadQuery q;
  q.a = "KAZ";
  q.b = "CHN";
  for (auto _ : state) benchmark::DoNotOptimize(Engine().Dyad(q));
}

// The series an analyst should trust: each cluster of syndicated copies counted once.
void BM_DyadMonthlyDedup(benchmark::State& state) {
  DyadQuery q;
  q.a = "KAZ";
  q.b = "CHN";
  q.dedup = true;
  for (auto _ : state) benchmark::DoNotOptimize(Engine().Dyad(q));
}

void BM_QuoteSearchTop20(benchmark::State& state) {
  QuoteFilter f;
  f.query = "tourism";
  for (auto _ : state) benchmark::DoNotOptimize(Engine().Quotes(f, Page{20, ""}));
}

void BM_ArticleById(benchmark::State& state) {
  if (g_article_id.empty()) {
    auto list = Engine().SearchArticles(ArticleFilter{}, Page{1, ""});
    if (list.ok() && !list->items.empty()) g_article_id = list->items[0].id;
  }
  for (auto _ : state) benchmark::DoNotOptimize(Engine().ArticleJson(g_article_id));
}

BENCHMARK(BM_DyadMonthly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DyadMonthlyDedup)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QuoteSearchTop20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ArticleById)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ties

int main(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--db") == 0) {
      ties::g_db = argv[i + 1];
      for (int j = i; j + 2 < argc + 0; ++j) argv[j] = argv[j + 2];
      argc -= 2;
      break;
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
