// fetch_units_test.cc: URL canonicalisation, robots.txt, sitemaps, the sources
// file and the WARC writer (read back by the project's WARC reader).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fetch/robots.h"
#include "fetch/sitemap.h"
#include "fetch/sources.h"
#include "fetch/url_canon.h"
#include "fetch/warc_writer.h"
#include "ingest/byte_source.h"
#include "ingest/warc_reader.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

UrlRules Rules() {
  Result<UrlRules> rules = UrlRules::Load(testing::DataDir());
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  return rules.ok() ? *rules : UrlRules();
}

TEST(UrlCanonTest, DropsTrackingAmpAndMobile) {
  const UrlRules rules = Rules();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"HTTP://Example.COM:80/a/b?utm_source=x&id=7&fbclid=abc#top", "http://example.com/a/b?id=7"},
      {"https://m.example.com/news/1/amp", "https://example.com/news/1"},
      {"https://example.com/amp/news/1?amp=1", "https://example.com/news/1"},
      {"https://example.com:8443/x?b=2&a=1", "https://example.com:8443/x?b=2&a=1"},
      {"https://m.com/x", "https://m.com/x"},
      {"http://127.0.0.1:8080/p?gclid=1", "http://127.0.0.1:8080/p"},
  };
  for (const auto& [in, want] : cases) {
    Result<std::string> got = CanonicalUrl(in, rules);
    ASSERT_TRUE(got.ok()) << in << ": " << got.status().ToString();
    EXPECT_EQ(*got, want) << in;
  }
  EXPECT_FALSE(CanonicalUrl("ftp://example.com/x", rules).ok());
  EXPECT_FALSE(CanonicalUrl("/relative", rules).ok());
  EXPECT_FALSE(CanonicalUrl("", rules).ok());
}

TEST(UrlCanonTest, RulesFileErrorsNameTheLine) {
  Result<UrlRules> bad = UrlRules::Parse("param utm_*\nbogus x\n", "rules.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("rules.txt:2"), std::string::npos) << bad.status().message();
}

TEST(UrlCanonTest, ResolveAndHostKey) {
  EXPECT_EQ(*ResolveUrl("http://a.example/dir/feed.xml", "../x.html"), "http://a.example/x.html");
  EXPECT_EQ(*ResolveUrl("http://a.example/dir/feed.xml", "https://b.example/y"), "https://b.example/y");
  EXPECT_EQ(HostKey("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
  EXPECT_EQ(HostKey("https://Example.com/x"), "example.com");
  EXPECT_EQ(PathAndQuery("http://a.example/p/q?x=1"), "/p/q?x=1");
  EXPECT_EQ(PathAndQuery("http://a.example"), "/");
}

TEST(RobotsTest, GroupsLongestMatchWildcardsAndDelay) {
  const std::string txt =
      "User-agent: *\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.pdf$\nCrawl-delay: 2\n\n"
      "User-agent: OtherBot\nDisallow: /\n\nSitemap: http://a.example/sitemap.xml\n";
  const RobotsRules r = RobotsRules::Parse(txt, "ties-test/1.0 (+mailto:x@example.org)");
  EXPECT_TRUE(r.Allowed("/news/1"));
  EXPECT_FALSE(r.Allowed("/private/x"));
  EXPECT_TRUE(r.Allowed("/private/open/1"));
  EXPECT_FALSE(r.Allowed("/files/a.pdf"));
  EXPECT_TRUE(r.Allowed("/files/a.pdf?x=1"));
  EXPECT_TRUE(r.Allowed("/robots.txt"));
  EXPECT_DOUBLE_EQ(r.crawl_delay(), 2.0);
  ASSERT_EQ(r.sitemaps().size(), 1u);
  const RobotsRules other = RobotsRules::Parse(txt, "OtherBot/2");
  EXPECT_FALSE(other.Allowed("/news/1"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/"));
  EXPECT_TRUE(RobotsRules::AllowAll().Allowed("/anything"));
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow:\n", "x").Allowed("/a"));
}

TEST(SitemapTest, UrlsetNewsIndexTextAndMalformed) {
  const std::string urlset =
      "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
      "<url><loc>http://a.example/1?x=1&amp;y=2</loc><lastmod>2026-01-01</lastmod></url>"
      "<url><loc><![CDATA[http://a.example/2]]></loc><news:news><news:publication_date>2026-02-02T10:00:00Z"
      "</news:publication_date></news:news></url><url><loc>http://a.example/unclosed</loc>";
  ASSERT_TRUE(LooksLikeSitemap(urlset));
  EXPECT_FALSE(LooksLikeFeed(urlset));
  Sitemap s;
  ASSERT_TRUE(ParseSitemap(urlset, s).ok());
  EXPECT_FALSE(s.is_index);
  ASSERT_EQ(s.entries.size(), 2u);
  EXPECT_EQ(s.entries[0].loc, "http://a.example/1?x=1&y=2");
  EXPECT_EQ(s.entries[0].changed, "2026-01-01");
  EXPECT_EQ(s.entries[1].loc, "http://a.example/2");
  EXPECT_EQ(s.entries[1].changed, "2026-02-02T10:00:00Z");

  Sitemap index;
  ASSERT_TRUE(ParseSitemap("<sitemapindex><sitemap><loc>http://a.example/s1.xml</loc></sitemap></sitemapindex>", index).ok());
  EXPECT_TRUE(index.is_index);
  ASSERT_EQ(index.entries.size(), 1u);

  EXPECT_FALSE(ParseSitemap("<html><body>not a sitemap</body></html>", s).ok());
  EXPECT_EQ(ParseTextSitemap("http://a.example/1\n# no\nhttps://a.example/2\r\n").entries.size(), 2u);
  EXPECT_TRUE(LooksLikeFeed("<?xml version='1.0'?><rss version='2.0'><channel>"));
  EXPECT_TRUE(LooksLikeFeed("<feed xmlns='http://www.w3.org/2005/Atom'>"));
}

TEST(SourcesTest, ParsesAndRejectsCarefully) {
  Result<SourcesFile> ok = ParseSourcesToml(
      "user_agent = \"desk/1.0\"\nrate = 0.5\ninterval = \"15m\"\n"
      "[[source]]\nname = \"A\"\nurls = [\"http://a.example/feed\", \"http://a.example/sitemap.xml\"]\n"
      "[[source]]\nname = \"B\"\nurl = \"http://b.example/\"\ninterval = 60\n",
      "s.toml");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->user_agent, "desk/1.0");
  EXPECT_DOUBLE_EQ(ok->rate, 0.5);
  ASSERT_EQ(ok->sources.size(), 2u);
  EXPECT_EQ(ok->sources[0].urls.size(), 2u);
  EXPECT_DOUBLE_EQ(ok->sources[0].interval_s, 900);
  EXPECT_DOUBLE_EQ(ok->sources[1].interval_s, 60);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"[[source]]\nname = \"A\"\n", "has no url"},
      {"[[source]]\nurl = \"http://a/\"\n", "without a name"},
      {"[[source]]\nname=\"A\"\nurl=\"http://a/\"\n[[source]]\nname=\"A\"\nurl=\"http://b/\"\n", "defined twice"},
      {"[[source]]\nname=\"A\"\nurl=\"http://a/\"\nintervall=3\n", "unknown key 'intervall'"},
      {"[[source]]\nname=\"A\"\nurl=\"http://a/\"\ninterval=\"soon\"\n", "interval must be"},
      {"name = [unclosed\n", "s.toml:1"},
      {"rate = 1\n", "no [[source]]"},
  };
  for (const auto& [text, want] : bad) {
    Result<SourcesFile> r = ParseSourcesToml(text, "s.toml");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.status().message().find(want), std::string::npos) << r.status().message();
  }
  EXPECT_DOUBLE_EQ(*ParseInterval("2h"), 7200);
  EXPECT_FALSE(ParseInterval("-5").ok());
}

TEST(WarcWriterTest, RecordsReadBackAndRotate) {
  const std::string dir = std::string(TIES_TEST_BINARY_DIR) + "/fetch_units_warc";
  std::filesystem::remove_all(dir);
  Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(dir, "t", 1, "ties-test");
  ASSERT_TRUE(writer.ok());
  const std::string body = "<html><body><p>hello</p></body></html>";
  WarcExchange ex;
  ex.target_uri = "http://127.0.0.1:1/a";
  ex.date = WarcNow();
  ex.ip = "127.0.0.1";
  ex.request_headers = "GET /a HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n";
  ex.response_head = StoredResponseHead(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\n", body.size());
  ex.body = body;
  EXPECT_NE(ex.response_head.find("X-Ties-Original-Content-Encoding: gzip"), std::string::npos);
  EXPECT_NE(ex.response_head.find("\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n"), std::string::npos);
  ASSERT_TRUE((*writer)->Write(ex).ok());
  EXPECT_TRUE((*writer)->Full());  // max 1 byte: one exchange fills a file
  EXPECT_TRUE(std::filesystem::exists((*writer)->current_path() + ".open"));
  Result<std::string> closed = (*writer)->Close();
  ASSERT_TRUE(closed.ok());
  ASSERT_TRUE(std::filesystem::exists(*closed));
  EXPECT_EQ(closed->substr(closed->size() - 8), ".warc.gz");

  Result<std::unique_ptr<ByteSource>> source = ByteSource::Open(*closed);
  ASSERT_TRUE(source.ok());
  WarcReader reader(**source, 1 << 20, {"warcinfo", "request", "response"});
  WarcRecord record;
  Status error;
  std::vector<std::string> types;
  std::string response_block;
  while (reader.Next(record, error) == ReadOutcome::kArticle) {
    types.push_back(record.type);
    if (record.type == "response") response_block = record.block;
  }
  EXPECT_EQ(types, (std::vector<std::string>{"warcinfo", "response", "request"}));
  HttpResponse http;
  ASSERT_TRUE(ParseHttpResponse(response_block, http));
  EXPECT_EQ(http.status, 200);
  EXPECT_EQ(http.body, body);
  EXPECT_TRUE(http.content_encoding.empty());  // stored decoded
}

}  // namespace
}  // namespace ties
