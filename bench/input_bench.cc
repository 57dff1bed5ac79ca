// input_bench.cc: HTML page throughput of the web readers (issue #6).
//
// Pages: the "html" field of ../shared/eval/dev/extraction/*.jsonl (240 real
// pages, 35 MB), or $TIES_BENCH_HTML_DIR (a directory of .html files). Each
// iteration converts one page to UTF-8 and extracts its article, as the HTML
// and WARC readers do; items_per_second is pages per second on one thread.
//
//   build/bench/input_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/charset_detect.h"
#include "ingest/html_extract.h"

namespace ties {
namespace {

std::vector<std::string> LoadPages() {
  namespace fs = std::filesystem;
  std::vector<std::string> pages;
  if (const char* dir = std::getenv("TIES_BENCH_HTML_DIR"); dir && *dir) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      pages.push_back(ss.str());
    }
    return pages;
  }
  const std::string base = std::string(TIES_BENCH_SOURCE_DIR) + "/../shared/eval/dev/extraction/";
  simdjson::dom::parser parser;
  for (const char* name : {"trafilatura_dev.jsonl", "htmldate_dev.jsonl"}) {
    std::ifstream in(base + name);
    std::string line;
    while (std::getline(in, line)) {
      simdjson::dom::element doc;
      std::string_view html;
      if (parser.parse(line).get(doc) || doc["html"].get_string().get(html)) continue;
      pages.emplace_back(html);
    }
  }
  return pages;
}

const std::vector<std::string>& Pages() {
  static const auto* pages = new std::vector<std::string>(LoadPages());
  return *pages;
}

void BM_HtmlPage(benchmark::State& state) {
  const auto& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("no pages: ../shared/eval/dev/extraction missing and TIES_BENCH_HTML_DIR unset");
    return;
  }
  size_t index = 0, bytes = 0;
  std::string utf8;
  for (auto _ : state) {
    const std::string& page = pages[index++ % pages.size()];
    ConvertToUtf8(page, CharsetFromMarkup(page), utf8);
    HtmlArticle article;
    ExtractHtmlArticle(utf8, HtmlContext{}, article);
    benchmark::DoNotOptimize(article.text.data());
    bytes += page.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_HtmlPage);

}  // namespace
}  // namespace ties

BENCHMARK_MAIN();
