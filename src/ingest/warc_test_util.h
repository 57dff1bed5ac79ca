// warc_test_util.h: builds WARC files for the tests (correct Content-Length
// by construction; corrupt and truncated variants derived from them).
#ifndef TIES_INGEST_WARC_TEST_UTIL_H_
#define TIES_INGEST_WARC_TEST_UTIL_H_

#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace ties::testing {

inline std::string WarcRecordText(const std::string& type, const std::string& uri, const std::string& block,
                                  const std::string& content_type = "application/http; msgtype=response",
                                  const std::string& date = "2025-06-18T08:00:00Z") {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "WARC-Date: " + date + "\r\nWARC-Record-ID: <urn:uuid:" + std::to_string(block.size()) + ">\r\n";
  r += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  r += block + "\r\n\r\n";
  return r;
}

inline std::string HttpBlock(int status, const std::string& content_type, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " OK\r\nContent-Type: " + content_type +
         "\r\nDate: Wed, 18 Jun 2025 08:00:00 GMT\r\n\r\n" + body;
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// One gzip member per record, as CC-NEWS files are written.
inline void WriteGzipMembers(const std::string& path, const std::vector<std::string>& records) {
  std::remove(path.c_str());
  for (const std::string& r : records) {
    gzFile f = gzopen(path.c_str(), "ab");
    gzwrite(f, r.data(), static_cast<unsigned>(r.size()));
    gzclose(f);
  }
}

}  // namespace ties::testing

#endif  // TIES_INGEST_WARC_TEST_UTIL_H_
