// article_stream_fuzzer.cc: the whole reading path (ByteSource, gzip, format
// sniffing, the JSONL, .json and text readers) over one input file. The first
// byte picks the file name's extension; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/text_util.h"
#include "fuzz_util.h"
#include "ties/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kSuffixes[] = {".jsonl", ".json", ".txt", ".jsonl.gz", ".dat", ".json.gz", ".txt.gz", ".html",
                                          ".warc", ".rss"};
  const std::string suffix = kSuffixes[data[0] % 10];
  const std::string path = ties_fuzz::WriteTempFile(data + 1, size - 1, suffix);
  // Web pages (by extension or sniffed: ".txt" starting with "WARC/", ".dat")
  // may yield an article without text (title and date only); JSON never does.
  const bool web = suffix.rfind(".json", 0) != 0;
  ties::ReadOptions options;
  options.max_article_bytes = 1 << 20;
  auto stream = ties::ArticleStream::Open({path}, options);
  if (!stream.ok()) std::abort();  // a regular file always opens
  ties::Document doc;
  ties::Status error;
  for (int records = 0; records < 100000; ++records) {
    const ties::ReadOutcome outcome = (*stream)->Next(doc, error);
    if (outcome == ties::ReadOutcome::kEnd) break;
    if (outcome == ties::ReadOutcome::kError) {
      // One line, naming the file.
      if (error.message().find(path) == std::string::npos || error.message().find('\n') != std::string::npos) {
        std::fprintf(stderr, "bad error message: %s\n", error.message().c_str());
        std::abort();
      }
      continue;
    }
    if ((doc.text.empty() && !web) || !ties::IsValidUtf8(doc.text, nullptr)) std::abort();
  }
  std::remove(path.c_str());
  return 0;
}
