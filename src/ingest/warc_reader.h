// warc_reader.h: streaming WARC 1.0/1.1 records (plain or gzip, CC-NEWS style).
//
// WarcReader pulls one record at a time from a ByteSource: the WARC header
// block, then Content-Length bytes of content. Memory stays bounded by the
// largest record kept (`max_record_bytes`); larger records are skipped in
// chunks. A record whose header is malformed or whose content does not end
// where Content-Length says is reported, and reading resynchronises on the
// next line that starts with "WARC/1.". Only the record types the caller
// asks for (`response` by default) have their content read.
//
// Thread-safety: one reader per thread.
#ifndef TIES_INGEST_WARC_READER_H_
#define TIES_INGEST_WARC_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/byte_source.h"
#include "ties/reader.h"

namespace ties {

struct WarcRecord {
  uint64_t number = 0;      // 1-based position in the file (all record types)
  std::string type;         // WARC-Type: "response", "request", "warcinfo", ...
  std::string target_uri;   // WARC-Target-URI
  std::string date;         // WARC-Date: "2025-06-17T10:34:56Z"
  std::string record_id;    // WARC-Record-ID
  std::string content_type; // Content-Type of the block ("application/http; msgtype=response")
  uint64_t content_length = 0;
  std::string block;        // the content block (HTTP headers + payload for responses)
};

class WarcReader {
 public:
  // `source` must outlive the reader. `types` lists the WARC-Type values whose
  // records are returned; others are skipped without reading their blocks
  // into memory.
  WarcReader(ByteSource& source, uint64_t max_record_bytes, std::vector<std::string> types = {"response"});

  // kArticle: `record` holds the next wanted record.
  // kError: `error` is "PATH: record N (uri ...): message"; call again to continue.
  // kEnd: end of input (or an unrecoverable read error, reported once before).
  ReadOutcome Next(WarcRecord& record, Status& error);

 private:
  bool ReadHeaderBlock(WarcRecord& record, Status& error);
  bool Resync();
  Status Skip(uint64_t n);
  Status ErrorAt(const WarcRecord& record, std::string message) const;

  ByteSource& source_;
  uint64_t max_record_bytes_;
  std::vector<std::string> types_;
  std::string line_;
  uint64_t records_ = 0;
  bool have_version_line_ = false;
  bool done_ = false;
};

// The HTTP response inside a WARC response record.
struct HttpResponse {
  int status = 0;
  std::string content_type;      // "text/html; charset=utf-8"
  std::string content_encoding;  // "gzip", "deflate", "" ...
  std::string transfer_encoding; // "chunked" or ""
  std::string content_language;
  std::string date;              // HTTP Date header
  std::string_view body;         // view into the block passed to ParseHttpResponse
};

// Parses "HTTP/1.1 200 OK\r\nHeader: value\r\n...\r\n\r\nbody". False when the
// block does not start with an HTTP status line.
bool ParseHttpResponse(std::string_view block, HttpResponse& out);

// Undoes chunked transfer coding and gzip/deflate content coding, as far as
// the body allows (CC-NEWS usually stores decoded bodies already). Output is
// capped at max_bytes.
Status DecodeHttpBody(const HttpResponse& response, uint64_t max_bytes, std::string& out);

}  // namespace ties

#endif  // TIES_INGEST_WARC_READER_H_
