#include "ingest/html_extract.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/text_util.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

HtmlArticle Extract(const std::string& html, std::string_view url = "", int64_t crawl_days = 0) {
  HtmlContext context;
  context.url = url;
  context.max_date_days = crawl_days;
  HtmlArticle out;
  ExtractHtmlArticle(html, context, out);
  return out;
}

const char kLorem[] =
    "The regional council approved the new budget on Tuesday after a long debate, and the mayor said that "
    "schools, roads and the water network would receive most of the additional money next year.";

TEST(HtmlExtractTest, BoilerplateIsRemovedFromTheTestPage) {
  const HtmlArticle a = Extract(ReadFile(testing::SourcePath("tests/data/input/article.html")));
  EXPECT_EQ(a.title, "Kazakhstan and China sign culture pact");
  EXPECT_EQ(a.site_name, "Steppe Daily");
  EXPECT_EQ(a.author, "Aigerim Nurlanovna");
  EXPECT_EQ(a.published, "2025-06-17T10:34");
  EXPECT_EQ(a.modified, "2025-06-19T08:00");
  EXPECT_EQ(a.language, "en");
  const std::string must[] = {"ASTANA, June 16 -- Kazakhstan and China signed",
                              "support film co-productions over the next three years",
                              "become a model for the region."};
  const std::string must_not[] = {"Home",       "cookies",    "Share on Facebook", "Trade talks resume",
                                  "Most read",  "Shymkent",   "All rights reserved", "not text",
                                  "Photo: the signing ceremony", "By Aigerim"};
  for (const auto& m : must) EXPECT_NE(a.text.find(m), std::string::npos) << m << "\n" << a.text;
  for (const auto& m : must_not) EXPECT_EQ(a.text.find(m), std::string::npos) << m << "\n" << a.text;
  // Paragraphs are separated by blank lines.
  EXPECT_EQ(a.text.substr(0, 5), "ASTAN");
  EXPECT_NE(a.text.find("said.\n\nThe two countries"), std::string::npos) << a.text;
}

TEST(HtmlExtractTest, MainTextVariants) {
  struct Case {
    std::string name, html;
    std::vector<std::string> must, must_not;
  };
  const std::string p = std::string("<p>") + kLorem + "</p>";
  const Case cases[] = {
      {"article body itemprop wins over a longer teaser list",
       "<body><div itemprop=\"articleBody\">" + p + p.substr(0, 3) + "Second paragraph of the story, with more "
       "words, commas, and detail than a teaser would ever have in it.</p></div><div class=\"teasers\">"
       "<p><a href=\"/1\">Teaser one about something else entirely that is long enough to count</a></p></div></body>",
       {"regional council", "Second paragraph"}, {"Teaser one"}},
      {"no semantic markup: readability scoring picks the text block",
       "<body><div id=\"top\"><a href=\"/\">Home</a> | <a href=\"/x\">News</a></div><div><div>" + p + p + p +
           "</div></div><div><a href=\"/y\">Privacy policy and terms of use for the whole site</a></div></body>",
       {"regional council"}, {"Home", "Privacy policy"}},
      {"broken markup: unclosed paragraphs and stray end tags",
       "<html><body><div class=\"content\"><p>" + std::string(kLorem) + "<p>Another paragraph follows here, "
       "unclosed, with enough words to be article text, as the council said.</span></div></div><p>Tail.</body>",
       {"regional council", "Another paragraph follows"}, {}},
      {"hidden elements are not text",
       "<body><article>" + p + "<div style=\"display: none\">Hidden promo text here</div><p hidden>Hidden "
       "paragraph</p><span class=\"sr-only\">Screen reader only</span>" + p + "</article></body>",
       {"regional council"}, {"Hidden promo", "Hidden paragraph"}},
      {"link-heavy paragraphs are dropped inside the article",
       "<body><article>" + p + "<p><a href=\"/a\">Read</a> <a href=\"/b\">all</a> <a href=\"/c\">our stories "
       "about the budget and the council</a></p>" + p + "</article></body>",
       {"regional council"}, {"our stories"}},
      {"line breaks inside a paragraph are kept",
       "<body><article><p>First line of the poem, long enough to matter here,<br>second line of the poem, "
       "also long enough to be kept in the text.</p>" + p + "</article></body>",
       {"here,\nsecond line"}, {}},
  };
  for (const auto& c : cases) {
    const HtmlArticle a = Extract(c.html);
    for (const auto& m : c.must) EXPECT_NE(a.text.find(m), std::string::npos) << c.name << ": " << m << "\n" << a.text;
    for (const auto& m : c.must_not) EXPECT_EQ(a.text.find(m), std::string::npos) << c.name << ": " << m << "\n" << a.text;
  }
}

TEST(HtmlExtractTest, Titles) {
  const std::string body = std::string("<p>") + kLorem + "</p>";
  const std::pair<std::string, std::string> cases[] = {
      {"<head><title>Budget approved - City News</title></head><body><article><h1>Budget approved</h1>" + body +
           "</article></body>",
       "Budget approved"},
      {"<head><meta property=\"og:title\" content=\"Budget approved | City News\"><meta property=\"og:site_name\" "
       "content=\"City News\"></head><body><article>" + body + "</article></body>",
       "Budget approved"},
      {"<head><title>City News | Council approves the budget for next year</title></head><body>" + body +
           "</body>",
       "Council approves the budget for next year"},
      {"<head><title>Plain title</title></head><body>" + body + "</body>", "Plain title"},
  };
  for (const auto& [html, title] : cases) EXPECT_EQ(Extract(html).title, title) << html.substr(0, 80);
}

TEST(HtmlExtractTest, PublicationDates) {
  const std::string body = std::string("<p>") + kLorem + "</p>";
  const int64_t crawl = DaysFromCivil(2025, 6, 20);
  struct Case {
    std::string name, html, url, published, source;
  };
  const Case cases[] = {
      {"json-ld datePublished beats modified",
       "<head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
       "\"headline\":\"H\",\"datePublished\":\"2025-06-17T10:34:00Z\",\"dateModified\":\"2025-06-19T00:00:00Z\","
       "\"author\":{\"@type\":\"Person\",\"name\":\"Dana Serik\"}}</script></head><body><article>" + body +
           "</article></body>",
       "", "2025-06-17T10:34", "json-ld"},
      {"json-ld in a @graph",
       "<head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":[\"Article\"],"
       "\"datePublished\":\"2025-06-12\"}]}</script></head><body>" + body + "</body>",
       "", "2025-06-12", "json-ld"},
      {"broken json-ld still gives its date",
       "<head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-06-11\",}"
       "</script></head><body>" + body + "</body>",
       "", "2025-06-11", "json-ld"},
      {"meta names", "<head><meta name=\"parsely-pub-date\" content=\"2025-06-10T08:00:00Z\"></head><body>" + body +
                         "</body>",
       "", "2025-06-10T08:00", "meta"},
      {"time element in the article",
       "<body><article><p>Posted <time datetime=\"2025-06-09\">9 June</time></p>" + body + "</article></body>", "",
       "2025-06-09", "time"},
      {"url date", "<body>" + body + "</body>", "https://example.com/2025/06/08/budget/", "2025-06-08", "url"},
      {"metadata later than the url date is a modification",
       "<head><meta property=\"article:published_time\" content=\"2025-06-19\"></head><body>" + body + "</body>",
       "https://example.com/2025/06/08/budget/", "2025-06-08", "url"},
      {"a future date is not the publication date",
       "<head><meta name=\"date\" content=\"2031-01-01\"></head><body><div class=\"date\">Published 5 June "
       "2025</div>" + body + "</body>",
       "", "2025-06-05", "element"},
      {"byline text", "<body><div class=\"post-meta\">Posted on June 4, 2025 by admin</div><article>" + body +
                          "</article></body>",
       "", "2025-06-04", "element"},
      {"copyright year and cookie expiry are never dates",
       "<body><article>" + body + "</article><footer>© 2025 City News</footer><script>document.cookie="
       "\"a=b; expires=Thu, 01 Jan 2026 00:00:00 GMT\";</script></body>",
       "", "", ""},
  };
  for (const auto& c : cases) {
    const HtmlArticle a = Extract(c.html, c.url, crawl);
    EXPECT_EQ(a.published, c.published) << c.name;
    EXPECT_EQ(a.date_source, c.source) << c.name;
  }
}

TEST(HtmlExtractTest, AuthorAndLanguage) {
  const std::string de =
      "<p>Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen. Der Bürgermeister "
      "sagte, Schulen, Straßen und das Wassernetz würden im nächsten Jahr den größten Teil erhalten.</p>";
  HtmlArticle a = Extract("<html lang=\"en\"><body><article><p class=\"byline\">Von Anna Beispiel</p>" + de +
                          "</article></body></html>");
  EXPECT_EQ(a.language, "de");  // the text wins over a template's lang attribute
  a = Extract("<html lang=\"kk-KZ\"><body><p>Short.</p></body></html>");
  EXPECT_EQ(a.language, "kk");  // too short to detect: the declaration
  a = Extract("<head><meta name=\"author\" content=\"By Dana Serik\"></head><body><p>" + std::string(kLorem) +
              "</p></body>");
  EXPECT_EQ(a.author, "Dana Serik");
}

TEST(HtmlExtractTest, EmptyAndHostilePages) {
  HtmlArticle a;
  HtmlContext context;
  EXPECT_FALSE(ExtractHtmlArticle("", context, a).ok());
  EXPECT_FALSE(ExtractHtmlArticle("<html><body><nav><a href=/>Home</a></nav></body></html>", context, a).ok());
  // Deep nesting must not overflow the stack.
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "<div>";
  deep += std::string("<p>") + kLorem + "</p>";
  EXPECT_NO_FATAL_FAILURE(ExtractHtmlArticle(deep, context, a));
  // Unterminated script and comment.
  EXPECT_NO_FATAL_FAILURE(ExtractHtmlArticle("<body><p>Text</p><script>var x = '<p>", context, a));
  EXPECT_NO_FATAL_FAILURE(ExtractHtmlArticle("<body><p>Text</p><!-- open comment", context, a));
}

TEST(HtmlExtractTest, FragmentText) {
  EXPECT_EQ(HtmlFragmentToText("<p>One &amp; two.</p><p>Three<br>four</p><script>x</script>"),
            "One & two.\n\nThree\nfour");
  EXPECT_EQ(HtmlFragmentToText("plain text"), "plain text");
}

}  // namespace
}  // namespace ties

namespace ties {
namespace {

const char kBody[] =
    "<p>The regional council approved the new budget on Tuesday after a long debate, and the mayor said that "
    "schools, roads and the water network would receive most of the additional money next year.</p>"
    "<p>Opposition members said the plan relied on optimistic revenue forecasts, while business groups welcomed "
    "the lower fees for small shops, markets and workshops in the old town and the new districts.</p>"
    "<p>The budget takes effect in January, and the council will review its spending in the summer, officials "
    "said after the vote, adding that a public hearing would be held in the spring.</p>";

TEST(HtmlExtractTest, SectionHeadingsInsideTheArticleAreDropped) {
  struct Case {
    std::string heading;
    bool dropped;
  };
  const Case cases[] = {
      {"<h3>Latest on:</h3>", true},
      {"<h2>Die meistgelesenen Artikel</h2>", true},
      {"<p>Auch interessant</p>", true},
      {"<h4>Zobacz również</h4>", true},
      {"<h3>Mehr Themen:</h3>", true},
      {"<p><strong>Downloads</strong></p>", true},
      {"<p>Wie bewerten Sie diesen Artikel?</p>", true},
      {"<h3>Читайте также</h3>", true},
      {"<h2>Budget debate</h2>", false},
      {"<p>Latest on the budget: the mayor answers questions tonight.</p>", false},  // a sentence, not a heading
  };
  for (const Case& c : cases) {
    const std::string html = "<html><body><article><h1>Council approves budget</h1>" + std::string(kBody) +
                             c.heading + "<ul><li><a href=/a>Other story</a></li></ul></article></body></html>";
    const HtmlArticle a = Extract(html);
    std::string visible = c.heading;
    for (size_t lt; (lt = visible.find('<')) != std::string::npos;) visible.erase(lt, visible.find('>', lt) - lt + 1);
    EXPECT_EQ(a.text.find(visible) == std::string::npos, c.dropped) << c.heading << "\n" << a.text;
    EXPECT_NE(a.text.find("public hearing"), std::string::npos) << c.heading;
  }
}

TEST(HtmlExtractTest, TitleRules) {
  struct Case {
    std::string name, head, h1, expected;
  };
  const Case cases[] = {
      // A kicker run into the h1 by markup: the metadata title is the h1 without it.
      {"kicker", "<meta property=og:title content=\"Council approves budget\">",
       "<h1><span>Money</span> Council approves budget</h1>", "Council approves budget"},
      // A subtitle run into the h1.
      {"subtitle", "<title>Council approves budget | Daily</title>",
       "<h1>Council approves budget <small>Schools get most</small></h1>", "Council approves budget"},
      // Punctuation joins two parts of one title: keep the h1.
      {"colon", "<meta property=og:title content=\"Lemon cake\">", "<h1>Lemon cake: simply good</h1>",
       "Lemon cake: simply good"},
      {"dash", "<title>Budget approved</title>", "<h1>Council – Budget approved</h1>", "Council – Budget approved"},
      // The page's own spelling of the metadata title (no h1 in the article).
      {"uppercase h1", "<meta property=og:title content=\"Council Approves Budget\">",
       "<h1>COUNCIL APPROVES BUDGET</h1><h1>Other</h1>", "COUNCIL APPROVES BUDGET"},
      // A date appended to the title.
      {"date suffix", "<title>So much rain : 31.10.2023, 10.19 Uhr</title>", "", "So much rain"},
      {"no date suffix", "<title>Kazakhstan : a new partner</title>", "", "Kazakhstan : a new partner"},
  };
  for (const Case& c : cases) {
    const bool outside = c.name == "uppercase h1";
    const std::string html = "<html><head>" + c.head + "</head><body>" + (outside ? c.h1 : "") + "<article>" +
                             (outside ? "" : c.h1) + kBody + "</article></body></html>";
    EXPECT_EQ(Extract(html).title, c.expected) << c.name;
  }
}

TEST(HtmlExtractTest, DateRules) {
  struct Case {
    std::string name, html, expected;
    int64_t crawl_days = 0;
  };
  const int64_t crawl = DaysFromCivil(2025, 6, 18);
  const Case cases[] = {
      {"next to the headline",
       "<div class=head><p class=kicker>Sports &bull; 02.02.2022</p><h1>Cup preview</h1></div><div>" +
           std::string(kBody) + "</div>",
       "2022-02-02"},
      {"above the h1 in a removed caption",
       "<figure><figcaption><small>31.01.2022 Sports</small><h1>New coach</h1></figcaption></figure><div>" +
           std::string(kBody) + "</div>",
       "2022-01-31"},
      {"RDFa content on a span",
       "<article><h1>Wine</h1><span property=\"schema:dateCreated\" content=\"2022-01-28T12:45:46+00:00\"></span>" +
           std::string(kBody) + "</article>",
       "2022-01-28T12:45"},
      {"two-digit year in a date element",
       "<article><h1>Wine</h1><span class=post-created>28.01.22</span>" + std::string(kBody) + "</article>",
       "2022-01-28"},
      {"relative date against the crawl date",
       "<article><h1>Wine</h1><span class=date>3 hours ago</span>" + std::string(kBody) + "</article>",
       "2025-06-18", crawl},
      {"render clock is not a date",
       "<article><h1>Wine</h1>" + std::string(kBody) + "</article><div class=current-time>11/02/20, 07:22 pm</div>",
       ""},
      {"video date yields to the article's time element",
       "<script type=\"application/ld+json\">{\"@type\":\"VideoObject\",\"uploadDate\":\"2015-01-16\"}</script>"
       "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Wine\"}</script>"
       "<article><h1>Wine</h1><time class=published datetime=\"2017-12-01T12:01\">1 Dec</time>" +
           std::string(kBody) + "</article>",
       "2017-12-01T12:01"},
      {"video date when nothing else",
       "<script type=\"application/ld+json\">{\"@type\":\"VideoObject\",\"uploadDate\":\"2020-04-04T20:57\"}"
       "</script><article><h1>Wine</h1>" + std::string(kBody) + "</article>",
       "2020-04-04T20:57"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Extract("<html><body>" + c.html + "</body></html>", "", c.crawl_days).published, c.expected) << c.name;
  }
}

TEST(HtmlExtractTest, BylineAuthors) {
  struct Case {
    std::string byline, expected;
  };
  const Case cases[] = {
      {"<div class=byline>8. Januar 2020 · by Aureliana · in Gefühle</div>", "Aureliana"},
      {"<p class=author>&nbsp;von&nbsp;<strong>lupa</strong> am 26/10/13, 03:48 pm</p>", "lupa"},
      {"<div class=byline>By Jane Doe and John Roe</div>", "Jane Doe and John Roe"},
      {"<span class=author-name>Anna Dunst</span>", "Anna Dunst"},
  };
  for (const Case& c : cases) {
    const std::string html = "<html><body><article><h1>Council approves budget</h1>" + c.byline + kBody +
                             "</article></body></html>";
    EXPECT_EQ(Extract(html).author, c.expected) << c.byline;
  }
  // Entities left in JSON-LD strings are decoded.
  const std::string ld = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
                         "{\"name\":\"Redacci&oacute;n Diario\"}}</script></head><body><article>" +
                         std::string(kBody) + "</article></body></html>";
  EXPECT_EQ(Extract(ld).author, "Redacci\xC3\xB3n Diario");
}

TEST(HtmlExtractTest, PagesWithoutMainText) {
  struct Case {
    std::string name, html;
    bool ok;
    std::string text;
  };
  const Case cases[] = {
      {"video page keeps title, date and description",
       "<html><head><title>Veteran beats virus</title><meta property=og:type content=video.other>"
       "<meta property=og:description content=\"A 98-year-old veteran left hospital.\">"
       "<meta property=article:published_time content=2020-04-24T21:25:06+00:00></head>"
       "<body><nav><a href=/>Home</a></nav></body></html>",
       true, "A 98-year-old veteran left hospital."},
      {"script-rendered article without description",
       "<html><head><title>Budget approved</title><script type=\"application/ld+json\">"
       "{\"@type\":\"NewsArticle\",\"headline\":\"Budget approved\"}</script></head><body></body></html>",
       true, ""},
      {"index page is no article",
       "<html><head><title>News</title></head><body><nav><a href=/a>A</a></nav></body></html>", false, ""},
      {"empty markup", "<nav><a href=/>x</a></nav>", false, ""},
  };
  for (const Case& c : cases) {
    HtmlArticle a;
    const Status s = ExtractHtmlArticle(c.html, HtmlContext{}, a);
    EXPECT_EQ(s.ok(), c.ok) << c.name << ": " << s.message();
    EXPECT_EQ(a.text_missing, c.ok) << c.name;
    if (c.ok) {
      EXPECT_EQ(a.text, c.text) << c.name;
      EXPECT_FALSE(a.title.empty()) << c.name;
    }
  }
}

}  // namespace
}  // namespace ties

namespace ties {
namespace {

TEST(HtmlExtractTest, RepeatedBlocksOfTheBestNodeJoinIt) {
  struct Case {
    std::string name, block_tag, block_class;
    bool joined;
  };
  const Case cases[] = {
      {"live blog updates", "section", "update", true},
      {"forum posts", "div", "post-row", true},
      {"blocks of another class stay out", "div", "", false},
  };
  for (const Case& c : cases) {
    auto block = [&c](const std::string& cls, const std::string& text) {
      return "<" + c.block_tag + (cls.empty() ? "" : " class=" + cls) + "><div class=meta-x><a href=/u>user</a></div>" +
             "<div class=body>" + text + "</div></" + c.block_tag + ">";
    };
    const std::string second =
        "<p>Second update: the fire brigade reported that the road to the harbour was open again after the "
        "night, and that the ferry to the islands would run on its summer timetable from the morning.</p>";
    const std::string third =
        "<p>Third update: the mayor thanked the volunteers who had filled sandbags along the river bank "
        "and promised that the damaged school would reopen before the end of the month.</p>";
    const std::string html = "<html><body><div id=stream>" + block(c.block_class, kBody) +
                             "<div class=break></div>" + block(c.joined ? c.block_class : "other", second) +
                             block(c.joined ? c.block_class : "third", third) + "</div></body></html>";
    const HtmlArticle a = Extract(html);
    EXPECT_NE(a.text.find("public hearing"), std::string::npos) << c.name;
    EXPECT_EQ(a.text.find("Second update") != std::string::npos, c.joined) << c.name << "\n" << a.text;
    EXPECT_EQ(a.text.find("Third update") != std::string::npos, c.joined) << c.name << "\n" << a.text;
  }
}

}  // namespace
}  // namespace ties
