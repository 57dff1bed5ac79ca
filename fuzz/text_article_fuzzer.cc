// text_article_fuzzer.cc: ParseTextArticle (plain-text articles, the seed's layout).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "ties/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ties::Document doc;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const ties::Status status = ties::ParseTextArticle(input, "fuzz/article.txt", doc);
  if (status.ok()) {
    // A parsed article has a non-empty body that is a part of the input.
    if (doc.text.empty() || doc.text.size() > size) std::abort();
  } else if (status.message().rfind("fuzz/article.txt", 0) != 0) {
    std::abort();  // errors name the input
  }
  return 0;
}
