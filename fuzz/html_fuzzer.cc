// html_fuzzer.cc: the HTML article extractor (gumbo + boilerplate removal +
// metadata), the fragment-to-text converter and charset conversion.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/text_util.h"
#include "ingest/charset_detect.h"
#include "ingest/html_extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  std::string html;
  if (!ties::ConvertToUtf8(raw, ties::CharsetFromMarkup(raw), html).ok()) return 0;
  if (!ties::IsValidUtf8(html, nullptr)) std::abort();  // promised by ConvertToUtf8
  ties::HtmlContext context;
  context.url = "https://example.org/2025/06/17/story.html";
  ties::HtmlArticle article;
  if (ties::ExtractHtmlArticle(html, context, article).ok()) {
    // Text is empty only on an article page whose body was not found (text_missing).
    if (article.text.empty() && !article.text_missing) std::abort();
    if (!ties::IsValidUtf8(article.text, nullptr)) std::abort();
  }
  const std::string text = ties::HtmlFragmentToText(html);
  if (!ties::IsValidUtf8(text, nullptr)) std::abort();
  return 0;
}
