// html_growth_test.cc: HTML extraction grows linearly on adversarial pages
// (issue #19): deep nesting of blocks and of inline tags (unclosed, as gumbo
// closes them at the end), and many sibling paragraphs. 4x the page must cost
// less than 6x the time, measured in the same test (testing/growth.h).
#include <gtest/gtest.h>

#include <string>

#include "testing/growth.h"
#include "ingest/html_extract.h"

namespace ties {
namespace {

void ExpectLinear(const std::string& unit) {
  SCOPED_TRACE("page of \"" + unit + "\"...");
  testing::ExpectLinearGrowth([&](size_t n) {
    const std::string html = "<html><head><title>Growth</title></head><body><article>" + testing::Repeat(unit, n);
    return testing::BestOfThreeSeconds([&] {
      HtmlArticle article;
      (void)ExtractHtmlArticle(html, HtmlContext{}, article);  // a page without main text is fine here
    });
  });
}

TEST(HtmlGrowthTest, DeeplyNestedBlocks) { ExpectLinear("<div><p>Some words of the article text here.</p>"); }
TEST(HtmlGrowthTest, DeeplyNestedInlineTags) { ExpectLinear("<span><b><i>word and more "); }
TEST(HtmlGrowthTest, ManySiblingParagraphs) { ExpectLinear("<p>A paragraph of article text with some words.</p>\n"); }
TEST(HtmlGrowthTest, DeepListsAndTables) { ExpectLinear("<ul><li><table><tr><td>cell text "); }

}  // namespace
}  // namespace ties
