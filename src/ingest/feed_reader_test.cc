#include "ingest/feed_reader.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

TEST(FeedReaderTest, Rss) {
  const std::string xml =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Site &amp; Co</title><language>en</language>"
      "<item><title><![CDATA[A <b>bold</b> title]]></title><link>https://x.example/1</link><guid>g1</guid>"
      "<pubDate>Tue, 17 Jun 2025 10:34:00 GMT</pubDate><description>&lt;p&gt;Body&lt;/p&gt;</description></item>"
      "<item><title>Second</title><link>https://x.example/2</link><content:encoded><![CDATA[<p>Full]]></content:encoded>"
      "<description>short</description></item></channel></rss>";
  Feed feed;
  ASSERT_TRUE(ParseFeed(xml, feed).ok());
  EXPECT_EQ(feed.title, "Site & Co");
  EXPECT_EQ(feed.language, "en");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "A bold title");
  EXPECT_EQ(feed.items[0].link, "https://x.example/1");
  EXPECT_EQ(feed.items[0].id, "g1");
  EXPECT_EQ(feed.items[0].published, "Tue, 17 Jun 2025 10:34:00 GMT");
  EXPECT_EQ(feed.items[0].summary, "<p>Body</p>");
  EXPECT_EQ(feed.items[1].content, "<p>Full");
  EXPECT_EQ(feed.items[1].summary, "short");
}

TEST(FeedReaderTest, AtomAndRdf) {
  const std::string atom =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>W</title><entry><title>T</title>"
      "<link rel=\"enclosure\" href=\"https://x.example/a.mp3\"/><link href=\"https://x.example/t\"/>"
      "<id>urn:1</id><updated>2025-06-16T12:00:00Z</updated><author><name>N</name></author>"
      "<content type=\"xhtml\"><div><p>One<br>two</p><img src=x></div></content></entry></feed>";
  Feed feed;
  ASSERT_TRUE(ParseFeed(atom, feed).ok());
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].link, "https://x.example/t");
  EXPECT_EQ(feed.items[0].author, "N");
  EXPECT_EQ(feed.items[0].updated, "2025-06-16T12:00:00Z");
  EXPECT_EQ(feed.items[0].content, "<div><p>One<br>two</p><img src=x></div>");

  const std::string rdf =
      "<rdf:RDF><channel><title>R</title></channel><item><title>I</title><link>https://r.example/i</link>"
      "<dc:date>2025-06-01</dc:date><description>D</description></item></rdf:RDF>";
  ASSERT_TRUE(ParseFeed(rdf, feed).ok());
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].published, "2025-06-01");
}

TEST(FeedReaderTest, NotAFeedAndBrokenFeeds) {
  Feed feed;
  EXPECT_FALSE(ParseFeed("<html><body>no</body></html>", feed).ok());
  EXPECT_FALSE(ParseFeed("", feed).ok());
  // Unterminated item and stray markup are tolerated.
  ASSERT_TRUE(ParseFeed("<rss><channel><item><title>T &unknown; &#x41;</title><description>x < y</description>",
                        feed).ok());
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "T &unknown; A");
}

TEST(FeedReaderTest, DecodeXmlText) {
  EXPECT_EQ(DecodeXmlText("a &lt;b&gt; &amp;amp; &#233;&#xE9; &nbsp;"), "a <b> &amp; \xC3\xA9\xC3\xA9 \xC2\xA0");
  EXPECT_EQ(DecodeXmlText("<![CDATA[<p>&amp;</p>]]> &amp;"), "<p>&amp;</p> &");
}

}  // namespace
}  // namespace ties
