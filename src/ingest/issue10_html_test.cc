// issue10_html_test.cc: deeply nested HTML (tests/badinput, issue 10). gumbo
// spends time proportional to the depth of the open elements on every tag, so
// 100,000 nested <div>s took minutes of CPU; the pre-pass now drops tags nested
// deeper than 1,000 levels (their text stays).
#include <gtest/gtest.h>

#include <ctime>
#include <string>

#include "common/text_util.h"
#include "ingest/html_extract.h"

namespace ties {
namespace {

std::string Nested(const std::string& open, const std::string& close, int depth, const std::string& inner) {
  std::string html = "<!DOCTYPE html><html><head><title>Deep</title></head><body>";
  for (int i = 0; i < depth; ++i) html += open;
  html += inner;
  for (int i = 0; i < depth; ++i) html += close;
  return html + "</body></html>";
}

const char kParagraphs[] =
    "<p>Officials from Kazakhstan and China met in Astana on Monday to discuss trade, energy and transport, "
    "and agreed to meet again in Beijing next month, the foreign ministry said in a statement.</p>"
    "<p>The two sides signed agreements on customs cooperation and on a new railway crossing, officials said, "
    "adding that trade between the two countries had grown by a fifth over the past year.</p>"
    "<p>Analysts said the talks reflected closer economic ties across Central Asia, where China has invested "
    "heavily in roads, pipelines and logistics hubs over the past decade.</p>";

TEST(Issue10HtmlTest, issue10_deep_html_test) {
  const struct {
    const char* open;
    const char* close;
    int depth;
  } cases[] = {
      {"<div>", "</div>", 100000},
      {"<span>", "</span>", 100000},
      {"<b>", "</b>", 50000},
      {"<div><table><tr><td>", "</td></tr></table></div>", 20000},
      {"<div>", "", 100000},  // never closed
  };
  for (const auto& c : cases) {
    const std::string html = Nested(c.open, c.close, c.depth, kParagraphs);
    const std::clock_t start = std::clock();
    HtmlArticle article;
    ExtractHtmlArticle(html, HtmlContext{}, article);  // text or "no main text": either is fine
    const double cpu_s = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    EXPECT_LT(cpu_s, 15.0) << c.open << " x " << c.depth;  // was minutes
  }
}

// Ordinary nesting is untouched: the article is found at depth 300.
TEST(Issue10HtmlTest, issue10_moderate_nesting_keeps_text_test) {
  HtmlArticle article;
  ASSERT_TRUE(ExtractHtmlArticle(Nested("<div>", "</div>", 300, kParagraphs), HtmlContext{}, article).ok());
  EXPECT_NE(article.text.find("railway crossing"), std::string::npos);
  // Thousands of unclosed paragraphs and list items are not nesting.
  std::string flat = "<html><body><article>";
  for (int i = 0; i < 3000; ++i) flat += "<p>Paragraph " + std::to_string(i) + " of the report from Astana, officials said.";
  flat += std::string(kParagraphs) + "</article></body></html>";
  ASSERT_TRUE(ExtractHtmlArticle(flat, HtmlContext{}, article).ok());
  EXPECT_NE(article.text.find("railway crossing"), std::string::npos);
}

// Numeric character references beyond U+10FFFF (html_fuzzer found
// "&#xeeeeeeee"): gumbo 0.10 overflowed an int and wrote one invalid UTF-8
// byte. They read as U+FFFD, as the HTML standard says, in text and attributes.
struct CharRefCase {
  const char* html;
  const char* text;  // HtmlFragmentToText
};

TEST(Issue10HtmlTest, issue10_char_ref_beyond_unicode_test) {
  const CharRefCase cases[] = {
      {"&#xeeeeeeee", "\xEF\xBF\xBD"},
      {"a&#xEEEEEEEE;b", "a\xEF\xBF\xBD" "b"},
      {"a&#99999999999;b", "a\xEF\xBF\xBD" "b"},
      {"<p>x &#x110000; y</p>", "x \xEF\xBF\xBD y"},
      {"&#xffffffffffffffffffff1;", "\xEF\xBF\xBD"},
      {"&#x10FFFF;", "\xF4\x8F\xBF\xBF"},          // the last code point is kept
      {"&#x00000000000041;&#65;&#x;&#;", "AA&#x;&#;"},  // leading zeros; no digits: not a reference
      {"&amp;#xeeeeeeee;", "&#xeeeeeeee;"},              // an escaped ampersand is text
  };
  for (const CharRefCase& c : cases) {
    const std::string text = HtmlFragmentToText(c.html);
    EXPECT_TRUE(IsValidUtf8(text, nullptr)) << c.html;
    EXPECT_EQ(text, c.text) << c.html;
  }
  // In an article: text, title and meta values stay valid UTF-8.
  std::string page =
      "<html><head><title>Talks &#xeeeeeeee; in Astana</title>"
      "<meta name=\"description\" content=\"Trade &#4294967297; talks\"></head><body><article>" +
      std::string(kParagraphs) + "<p>A closing line with &#xdeadbeef; inside, officials said on Monday.</p>" +
      "</article></body></html>";
  HtmlArticle article;
  ASSERT_TRUE(ExtractHtmlArticle(page, HtmlContext{}, article).ok());
  EXPECT_TRUE(IsValidUtf8(article.text, nullptr));
  EXPECT_TRUE(IsValidUtf8(article.title, nullptr)) << article.title;
  EXPECT_TRUE(IsValidUtf8(article.description, nullptr)) << article.description;
  EXPECT_NE(article.text.find("with \xEF\xBF\xBD inside"), std::string::npos) << article.text;
}

}  // namespace
}  // namespace ties
