// End-to-end: files of each web format through ArticleStream (format by
// extension), as `ties extract` and `ties ingest` read them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "ingest/warc_test_util.h"
#include "ties/reader.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

using testing::HttpBlock;
using testing::WarcRecordText;

const std::string kData = testing::SourcePath("tests/data/input/");

struct Outcome {
  std::vector<Document> docs;
  std::vector<std::string> errors;
};

Outcome ReadPaths(const std::vector<std::string>& paths, InputFormat format = InputFormat::kAuto) {
  Outcome out;
  ReadOptions options;
  options.format = format;
  auto stream = ArticleStream::Open(paths, options);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return out;
  for (int guard = 0; guard < 1000; ++guard) {
    Document doc;
    Status error;
    const ReadOutcome o = (*stream)->Next(doc, error);
    if (o == ReadOutcome::kEnd) break;
    if (o == ReadOutcome::kError) out.errors.push_back(error.message());
    else out.docs.push_back(std::move(doc));
  }
  return out;
}

TEST(WebFormatsTest, HtmlFiles) {
  Outcome o = ReadPaths({kData + "article.html"});
  ASSERT_EQ(o.docs.size(), 1u);
  const Document& d = o.docs[0];
  EXPECT_EQ(d.meta.id, "article");
  EXPECT_EQ(d.meta.title, "Kazakhstan and China sign culture pact");
  EXPECT_EQ(d.meta.published, "2025-06-17T10:34");
  EXPECT_EQ(d.meta.site_name, "Steppe Daily");
  EXPECT_EQ(d.meta.source, "Steppe Daily");
  EXPECT_EQ(d.meta.language, "en");
  EXPECT_EQ(d.text.rfind("ASTANA, June 16", 0), 0u) << d.text;

  o = ReadPaths({kData + "latin1.html"});  // iso-8859-1 declared in a meta tag
  ASSERT_EQ(o.docs.size(), 1u);
  EXPECT_EQ(o.docs[0].meta.title, "Caf\xC3\xA9 culture");
  EXPECT_NE(o.docs[0].text.find("apr\xC3\xA8s deux ans"), std::string::npos) << o.docs[0].text;
  EXPECT_EQ(o.docs[0].meta.language, "fr");
}

TEST(WebFormatsTest, Feeds) {
  Outcome o = ReadPaths({kData + "feed.rss"});
  ASSERT_EQ(o.docs.size(), 2u);
  ASSERT_EQ(o.errors.size(), 1u);  // the headline-only item
  EXPECT_NE(o.errors[0].find("feed.rss: record 3 (uri https://steppe.example/empty): item has no text"),
            std::string::npos) << o.errors[0];
  EXPECT_EQ(o.docs[0].meta.id, "steppe-2025-0617-001");
  EXPECT_EQ(o.docs[0].meta.url, "https://steppe.example/2025/06/17/culture-pact");
  EXPECT_EQ(o.docs[0].meta.published, "2025-06-17T10:34");
  EXPECT_EQ(o.docs[0].meta.author, "Aigerim Nurlanovna");
  EXPECT_EQ(o.docs[0].meta.source, "Steppe Daily & Partners");
  EXPECT_EQ(o.docs[0].text,
            "ASTANA, June 16 -- Kazakhstan and China signed an agreement on cultural cooperation on Monday.\n\n"
            "The two countries will hold joint exhibitions & exchange collections.");
  EXPECT_EQ(o.docs[1].meta.title, "Rail link opens \xE2\x80\x94 first trains run");
  EXPECT_EQ(o.docs[1].meta.id, "https://steppe.example/2025/06/16/rail");  // no guid: the link
  EXPECT_EQ(o.docs[1].text, "The new rail link between the two cities opened on Monday, officials said.");

  o = ReadPaths({kData + "feed.atom"});
  ASSERT_EQ(o.docs.size(), 2u);
  EXPECT_TRUE(o.errors.empty());
  EXPECT_EQ(o.docs[0].meta.title, "Talks resume in Almaty");
  EXPECT_EQ(o.docs[0].meta.url, "https://wire.example/talks");
  EXPECT_EQ(o.docs[0].meta.published, "2025-06-15T09:00");
  EXPECT_EQ(o.docs[0].meta.author, "Dana Serik");
  EXPECT_EQ(o.docs[0].text,
            "Trade talks resumed in Almaty on Sunday.\nBoth delegations said progress was made.\n\n"
            "A second round is planned for July.");
  EXPECT_EQ(o.docs[1].meta.published, "2025-06-14T07:30");  // updated, when published is absent
  EXPECT_EQ(o.docs[1].text, "The summary is the text when there is no content.");
}

TEST(WebFormatsTest, WarcWithBadRecords) {
  const std::string article = "<html><head><title>Budget approved</title></head><body><article><p>The regional "
                              "council approved the new budget on Tuesday after a long debate, and the mayor said "
                              "that schools and roads would receive most of the money.</p></article></body></html>";
  const std::string cp1251_page =
      "<html><body><p>\xC2 \xEF\xEE\xED\xE5\xE4\xE5\xEB\xFC\xED\xE8\xEA \xEF\xF0\xE5\xE7\xE8\xE4\xE5\xED\xF2 "
      "\xEF\xF0\xEE\xE2\xB8\xEB \xE2\xF1\xF2\xF0\xE5\xF7\xF3 \xF1 \xEC\xE8\xED\xE8\xF1\xF2\xF0\xE0\xEC\xE8 \xE8 "
      "\xE3\xF3\xE1\xE5\xF0\xED\xE0\xF2\xEE\xF0\xE0\xEC\xE8 \xEE\xE1\xEB\xE0\xF1\xF2\xE5\xE9.</p></body></html>";
  std::vector<std::string> records = {
      WarcRecordText("warcinfo", "", "software: test\r\n", "application/warc-fields"),
      WarcRecordText("response", "https://news.example/2025/06/17/budget", HttpBlock(200, "text/html", article)),
      WarcRecordText("response", "https://news.example/moved", HttpBlock(301, "text/html", "")),
      WarcRecordText("response", "https://news.example/logo.png", HttpBlock(200, "image/png", "\x89PNG")),
      WarcRecordText("response", "https://news.example/nav", HttpBlock(200, "text/html", "<nav><a href=/>x</a></nav>")),
      WarcRecordText("response", "https://news.example/ru",
                     HttpBlock(200, "text/html; charset=windows-1251", cp1251_page)),
  };
  const std::string dir = (std::filesystem::temp_directory_path() / ("ties_web_" + std::to_string(::getpid()))).string();
  std::filesystem::create_directories(dir);
  std::string plain;
  for (const auto& r : records) plain += r;
  // A corrupt record (junk instead of a header) between two good ones.
  testing::WriteFile(dir + "/crawl.warc", records[0] + records[1] + "junk\r\n" + records[5]);
  testing::WriteGzipMembers(dir + "/crawl2.warc.gz", records);

  Outcome o = ReadPaths({dir + "/crawl.warc"});
  ASSERT_EQ(o.docs.size(), 2u);
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_NE(o.errors[0].find("crawl.warc: record 3"), std::string::npos) << o.errors[0];

  o = ReadPaths({dir + "/crawl2.warc.gz"});
  ASSERT_EQ(o.docs.size(), 2u);
  ASSERT_EQ(o.errors.size(), 1u);  // the page with no main text
  EXPECT_NE(o.errors[0].find("record 5 (uri https://news.example/nav): no main text"), std::string::npos)
      << o.errors[0];
  const Document& d = o.docs[0];
  EXPECT_EQ(d.meta.id, "https://news.example/2025/06/17/budget");
  EXPECT_EQ(d.meta.url, "https://news.example/2025/06/17/budget");
  EXPECT_EQ(d.meta.title, "Budget approved");
  EXPECT_EQ(d.meta.published, "2025-06-17");  // from the URL, not after the WARC-Date
  EXPECT_EQ(d.meta.language, "en");
  EXPECT_EQ(o.docs[1].meta.language, "ru");
  EXPECT_NE(o.docs[1].text.find("\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x82"),
            std::string::npos);

  // Truncated gzip: the records before the cut survive, the cut is reported.
  std::filesystem::resize_file(dir + "/crawl2.warc.gz", std::filesystem::file_size(dir + "/crawl2.warc.gz") - 30);
  o = ReadPaths({dir + "/crawl2.warc.gz"});
  EXPECT_EQ(o.docs.size(), 1u);
  EXPECT_EQ(o.errors.size(), 2u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ties
