// dateline_fuzzer.cc: ParseDateline and ResolveMonthDay. The first line of the
// input is the publication date, the rest the article text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/dateline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nl = input.find('\n');
  const std::string_view published = nl == std::string_view::npos ? std::string_view() : input.substr(0, nl);
  const std::string_view text = nl == std::string_view::npos ? input : input.substr(nl + 1);
  ties::Dateline dateline;
  std::string region;
  if (ties::ParseDateline(text, published, &dateline, &region)) {
    if (dateline.span.begin > dateline.span.end || dateline.span.end > text.size()) std::abort();
  }
  if (size >= 2) ties::ResolveMonthDay(data[0] % 14, data[1] % 33, published);
  return 0;
}
