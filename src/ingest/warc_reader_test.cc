#include "ingest/warc_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>

#include "ingest/warc_test_util.h"

namespace ties {
namespace {

using testing::HttpBlock;
using testing::WarcRecordText;
using testing::WriteFile;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ties_warc_" + std::to_string(::getpid()) + "_" + name)).string();
}

struct Read {
  std::vector<std::string> uris;
  std::vector<std::string> errors;
};

Read ReadAll(const std::string& path, uint64_t max_bytes = 1 << 20) {
  Read out;
  auto source = ByteSource::Open(path);
  EXPECT_TRUE(source.ok());
  WarcReader reader(**source, max_bytes);
  WarcRecord record;
  Status error;
  for (int guard = 0; guard < 100; ++guard) {
    const ReadOutcome o = reader.Next(record, error);
    if (o == ReadOutcome::kEnd) break;
    if (o == ReadOutcome::kError) out.errors.push_back(error.message());
    else out.uris.push_back(record.target_uri);
  }
  return out;
}

TEST(WarcReaderTest, RecordsCorruptionAndTruncation) {
  const std::string page = HttpBlock(200, "text/html", "<p>hello</p>");
  const std::string info = WarcRecordText("warcinfo", "", "software: test\r\n", "application/warc-fields");
  const std::string r1 = WarcRecordText("response", "https://a.example/1", page);
  const std::string req = WarcRecordText("request", "https://a.example/1", "GET / HTTP/1.1\r\n\r\n",
                                         "application/http; msgtype=request");
  const std::string r2 = WarcRecordText("response", "<https://a.example/2>", page);
  std::string bad_length = WarcRecordText("response", "https://a.example/bad", page);
  bad_length.replace(bad_length.find("Content-Length: "), 20, "Content-Length: 9999");  // wrong length
  const std::string r3 = WarcRecordText("response", "https://a.example/3", page);
  std::string junk = "garbage line\r\nmore garbage\r\n";
  struct Case {
    std::string name, content;
    std::vector<std::string> uris;
    size_t errors;
  };
  const Case cases[] = {
      {"plain", info + r1 + req + r2 + r3, {"https://a.example/1", "https://a.example/2", "https://a.example/3"}, 0},
      {"junk between records resyncs", r1 + junk + r3, {"https://a.example/1", "https://a.example/3"}, 1},
      {"missing content-length",
       r1 + "WARC/1.0\r\nWARC-Type: response\r\n\r\nbody\r\n\r\n" + r3,
       {"https://a.example/1", "https://a.example/3"}, 1},
      {"truncated at the end", r1 + r3.substr(0, r3.size() - 30), {"https://a.example/1"}, 1},
      {"empty file", "", {}, 0},
  };
  for (const auto& c : cases) {
    const std::string path = TempPath("case.warc");
    WriteFile(path, c.content);
    const Read r = ReadAll(path);
    EXPECT_EQ(r.uris, c.uris) << c.name;
    EXPECT_EQ(r.errors.size(), c.errors) << c.name;
    for (const auto& e : r.errors) {
      EXPECT_NE(e.find(path + ": record "), std::string::npos) << c.name << ": " << e;
    }
    std::filesystem::remove(path);
  }
  // A wrong Content-Length swallows what follows; the reader reports and resyncs.
  const std::string path = TempPath("len.warc");
  WriteFile(path, r1 + bad_length + r3 + r2);
  const Read r = ReadAll(path);
  EXPECT_EQ(r.uris.front(), "https://a.example/1");
  EXPECT_GE(r.errors.size(), 1u);
  std::filesystem::remove(path);
}

TEST(WarcReaderTest, GzipMembersAndTruncatedGzip) {
  const std::string page = HttpBlock(200, "text/html", "<p>hello</p>");
  std::vector<std::string> records;
  for (int i = 1; i <= 5; ++i) records.push_back(WarcRecordText("response", "https://g.example/" + std::to_string(i), page));
  const std::string path = TempPath("multi.warc.gz");
  testing::WriteGzipMembers(path, records);
  Read r = ReadAll(path);
  EXPECT_EQ(r.uris.size(), 5u);
  EXPECT_TRUE(r.errors.empty());
  // Cut the compressed file in the middle of the last member.
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size - 40);
  r = ReadAll(path);
  EXPECT_EQ(r.uris.size(), 4u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("record 5"), std::string::npos) << r.errors[0];
  std::filesystem::remove(path);
}

TEST(WarcReaderTest, OversizedRecordsAreSkipped) {
  const std::string big = WarcRecordText("response", "https://a.example/big", HttpBlock(200, "text/html", std::string(5000, 'x')));
  const std::string small = WarcRecordText("response", "https://a.example/small", HttpBlock(200, "text/html", "<p>x</p>"));
  const std::string path = TempPath("big.warc");
  WriteFile(path, big + small);
  const Read r = ReadAll(path, 1000);
  EXPECT_EQ(r.uris, std::vector<std::string>{"https://a.example/small"});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("exceeds the limit"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(WarcReaderTest, HttpParsingAndDecoding) {
  HttpResponse http;
  ASSERT_TRUE(ParseHttpResponse("HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", http));
  EXPECT_EQ(http.status, 301);
  ASSERT_TRUE(ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=koi8-r\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n6\r\n World\r\n0\r\n\r\n", http));
  EXPECT_EQ(http.content_type, "text/html; charset=koi8-r");
  std::string body;
  ASSERT_TRUE(DecodeHttpBody(http, 1 << 20, body).ok());
  EXPECT_EQ(body, "Hello World");
  EXPECT_FALSE(ParseHttpResponse("not http", http));

  // gzip content coding.
  const std::string plain = "<html><body><p>compressed page</p></body></html>";
  uLongf len = compressBound(plain.size()) + 32;
  std::string gz(len, '\0');
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zs.avail_in = plain.size();
  zs.next_out = reinterpret_cast<Bytef*>(gz.data());
  zs.avail_out = gz.size();
  deflate(&zs, Z_FINISH);
  gz.resize(zs.total_out);
  deflateEnd(&zs);
  const std::string block = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gz;
  ASSERT_TRUE(ParseHttpResponse(block, http));
  ASSERT_TRUE(DecodeHttpBody(http, 1 << 20, body).ok());
  EXPECT_EQ(body, plain);
  EXPECT_FALSE(DecodeHttpBody(http, 10, body).ok());  // bounded
}

}  // namespace
}  // namespace ties
