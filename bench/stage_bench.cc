// stage_bench.cc: per-stage throughput with Google Benchmark.
//
// Corpus: $TIES_BENCH_CORPUS (JSONL with "text"), else the PolNeAR train texts in
// ../shared/eval (real news prose), else the bundled samples. For stage i the
// documents are prepared by stages 0..i-1 once; each iteration copies a
// prepared document and runs stage i on it (BM_CopyOnly measures the copy).
// Rates are per CPU-second (Google Benchmark's default), so they hold on a
// loaded machine; the "Time" column is wall time.
//
//   build/bench/stage_bench --benchmark_min_time=2
#include <algorithm>
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "text/sentence_splitter.h"
#include "text/tokenizer.h"
#include "ties/reader.h"
#include "ties/pipeline.h"

namespace ties {
namespace {

std::vector<Document> LoadCorpus() {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  if (const char* env = std::getenv("TIES_BENCH_CORPUS"); env && *env) {
    paths.push_back(env);
  } else if (fs::exists(std::string(TIES_BENCH_SOURCE_DIR) + "/../shared/eval/train/quotes/polnear_train.jsonl")) {
    paths.push_back(std::string(TIES_BENCH_SOURCE_DIR) + "/../shared/eval/train/quotes/polnear_train.jsonl");
  } else {
    paths.push_back(std::string(TIES_BENCH_SOURCE_DIR) + "/samples");
  }
  std::vector<Document> docs;
  auto stream = ArticleStream::Open(paths, ReadOptions{});
  if (!stream.ok()) return docs;
  Document doc;
  Status error;
  for (;;) {
    const ReadOutcome o = (*stream)->Next(doc, error);
    if (o == ReadOutcome::kEnd || docs.size() >= 400) break;
    if (o == ReadOutcome::kArticle) docs.push_back(doc);
  }
  return docs;
}

struct Fixture {
  std::unique_ptr<Pipeline> pipeline;
  // prepared[i]: the corpus after stages 0..i-1.
  std::vector<std::vector<Document>> prepared;
  size_t bytes = 0;
};

Fixture& Get() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    Result<Pipeline> p = Pipeline::Create(DefaultStageNames(), StageOptions{DefaultDataDir()});
    if (!p.ok()) {
      std::fprintf(stderr, "stage_bench: %s\n", p.status().ToString().c_str());
      std::exit(1);
    }
    f->pipeline = std::make_unique<Pipeline>(std::move(p).value());
    std::vector<Document> docs = LoadCorpus();
    for (const Document& d : docs) f->bytes += d.text.size();
    for (size_t i = 0; i < f->pipeline->stages().size(); ++i) {
      f->prepared.push_back(docs);
      for (Document& d : docs) (void)f->pipeline->stages()[i]->Process(d);
    }
    return f;
  }();
  return *fixture;
}

void BM_Stage(benchmark::State& state) {
  Fixture& f = Get();
  const size_t stage_idx = static_cast<size_t>(state.range(0));
  const Stage& stage = *f.pipeline->stages()[stage_idx];
  state.SetLabel(std::string(stage.Name()));
  Document scratch;
  for (auto _ : state) {
    for (const Document& d : f.prepared[stage_idx]) {
      scratch = d;
      benchmark::DoNotOptimize(stage.Process(scratch));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.prepared[stage_idx].size()));
}

void BM_CopyOnly(benchmark::State& state) {
  Fixture& f = Get();
  Document scratch;
  for (auto _ : state) {
    for (const Document& d : f.prepared.back()) {
      scratch = d;
      benchmark::DoNotOptimize(scratch);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}

void BM_WholePipeline(benchmark::State& state) {
  Fixture& f = Get();
  Document scratch;
  for (auto _ : state) {
    for (const Document& d : f.prepared.front()) {
      scratch = d;
      benchmark::DoNotOptimize(f.pipeline->Process(scratch));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.prepared.front().size()));
}

// The parts of "segment": the tokenizer, and ICU's sentence boundaries over the
// whole text (arg 1: the reference, what the splitter did before) or only around
// terminators (arg 0: what Split does now).
void BM_Tokenize(benchmark::State& state) {
  Fixture& f = Get();
  std::vector<Token> tokens;
  for (auto _ : state) {
    for (const Document& d : f.prepared.front()) {
      Tokenize(d.text, tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}

void BM_IcuSentenceBreaks(benchmark::State& state) {
  Fixture& f = Get();
  static const SentenceSplitter splitter(SentenceRules::Load(DefaultDataDir() + "/en").value());
  const bool full = state.range(0) != 0;
  state.SetLabel(full ? "full text" : "windows around terminators");
  for (auto _ : state) {
    for (const Document& d : f.prepared.front()) benchmark::DoNotOptimize(splitter.IcuBreaks(d.text, full));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}

// The "tag" stage (issue 22; not in the default pipeline yet): POS tags and
// chunks over the corpus as the segment stage left it.
void BM_TagStage(benchmark::State& state) {
  Fixture& f = Get();
  Result<std::unique_ptr<Stage>> tag = MakeStage("tag", StageOptions{DefaultDataDir()});
  if (!tag.ok()) {
    state.SkipWithError(tag.status().message().c_str());
    return;
  }
  const std::vector<std::string>& names = DefaultStageNames();
  const size_t segment = std::find(names.begin(), names.end(), "segment") - names.begin();
  if (segment + 1 >= f.prepared.size()) {
    state.SkipWithError("no segment stage in the default pipeline");
    return;
  }
  std::vector<Document> docs = f.prepared[segment + 1];
  for (auto _ : state) {
    for (Document& d : docs) benchmark::DoNotOptimize((*tag)->Process(d));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}

void StageArgs(benchmark::internal::Benchmark* b) {
  for (size_t i = 0; i < DefaultStageNames().size(); ++i) b->Arg(static_cast<int64_t>(i));
}

BENCHMARK(BM_Stage)->Apply(StageArgs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagStage)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IcuSentenceBreaks)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CopyOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WholePipeline)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ties

BENCHMARK_MAIN();
