// json_article_fuzzer.cc: ParseJsonArticle (one JSONL line), and the date normaliser it uses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text_util.h"
#include "fuzz_util.h"
#include "ingest/record_reader.h"
#include "ties/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  ties::Document doc;
  const ties::Status status = ties::ParseJsonArticle(input, "fuzz.jsonl:1", doc);
  if (status.ok()) {
    // Accepted articles are non-empty, valid UTF-8 and carry an id.
    if (doc.text.empty() || doc.meta.id.empty() || !ties::IsValidUtf8(doc.text, nullptr)) std::abort();
  } else if (status.message().rfind("fuzz.jsonl:1: ", 0) != 0) {
    std::abort();  // errors name the file and line
  }
  // The date normaliser returns "" or an ISO date.
  const std::string iso = ties::NormalizePublished(input.substr(0, 64));
  if (!iso.empty() && (iso.size() < 10 || iso[4] != '-' || iso[7] != '-')) std::abort();
  return 0;
}
