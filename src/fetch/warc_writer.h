// warc_writer.h: the capture: every HTTP exchange as WARC/1.0 request and
// response records, in rotating .warc.gz files.
//
// Records are laid out as wget --warc and warcio write them: a warcinfo record
// opens each file; each exchange is a `request` record (the request headers
// as sent) and a `response` record (status line, headers, body), tied by
// WARC-Concurrent-To, with WARC-Block-Digest and WARC-Payload-Digest (sha1,
// base32). Each record is its own gzip member, so a file is readable up to
// any record boundary. A file is written as NAME.warc.gz.open and renamed to
// NAME.warc.gz when closed: a killed run leaves only .open files behind, and
// `ties ingest DIR/*.warc.gz` never sees a half-written file.
//
// Bodies are stored as libcurl decoded them (gzip/deflate/br undone): the
// wire's Content-Encoding, Transfer-Encoding and Content-Length headers are
// kept as X-Ties-Original-* and a Content-Length of the stored body is set,
// so every WARC reader sees a plain body (docs/fetch.md).
//
// Thread-safety: one writer per thread.
#ifndef TIES_FETCH_WARC_WRITER_H_
#define TIES_FETCH_WARC_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ties/status.h"

namespace ties {

// One HTTP exchange as it goes into the capture.
struct WarcExchange {
  std::string target_uri;
  std::string date;             // WARC-Date, "2026-12-07T05:30:00Z"
  std::string ip;               // WARC-IP-Address ("" when unknown)
  std::string request_headers;  // "GET /x HTTP/1.1\r\nHost: ...\r\n\r\n"
  std::string response_head;    // "HTTP/1.1 200 OK\r\nH: v\r\n...\r\n\r\n" (rewritten as above)
  std::string_view body;
};

class WarcWriter {
 public:
  // Files go to `dir` (created when missing) as PREFIX-YYYYMMDDHHMMSS-PID-NNNNN.warc.gz;
  // a new file starts after `max_file_bytes` (compressed).
  static Result<std::unique_ptr<WarcWriter>> Open(const std::string& dir, const std::string& prefix,
                                                  uint64_t max_file_bytes, const std::string& software);
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Appends the request and response records (opening a file when none is open).
  Status Write(const WarcExchange& exchange);
  // Closes and renames the current file; returns its final path, or "" when
  // no file was open. The next Write opens a new file.
  Result<std::string> Close();
  // True when the open file has reached max_file_bytes.
  bool Full() const { return fd_ >= 0 && file_bytes_ >= max_file_bytes_; }
  // Final path of the open file ("" when none is open).
  const std::string& current_path() const { return fd_ >= 0 ? path_ : empty_; }
  // Records written to the open file (warcinfo included).
  uint64_t records() const { return records_; }

 private:
  WarcWriter(std::string dir, std::string prefix, uint64_t max_file_bytes, std::string software)
      : dir_(std::move(dir)), prefix_(std::move(prefix)), max_file_bytes_(max_file_bytes), software_(std::move(software)) {}
  Status OpenFile();
  Status AppendRecord(std::string_view headers, std::string_view block1, std::string_view block2);

  std::string dir_, prefix_;
  uint64_t max_file_bytes_;
  std::string software_;
  int fd_ = -1;
  std::string path_;  // final name (without .open)
  uint64_t file_bytes_ = 0;
  uint64_t records_ = 0;
  uint32_t sequence_ = 0;
  std::string gz_;
  const std::string empty_;
};

// The HTTP response head as stored (see above): `raw_head` is the status line
// and headers as received, `body_bytes` the size of the body as stored.
std::string StoredResponseHead(std::string_view raw_head, uint64_t body_bytes);

// "sha1:BASE32" of bytes (WARC digests).
std::string WarcSha1(std::string_view a, std::string_view b = {});

// "<urn:uuid:...>", random.
std::string NewWarcRecordId();

// Now as "YYYY-MM-DDTHH:MM:SSZ".
std::string WarcNow();

}  // namespace ties

#endif  // TIES_FETCH_WARC_WRITER_H_
