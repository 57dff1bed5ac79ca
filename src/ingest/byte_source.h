// byte_source.h: streaming reads of a file, a .gz file or standard input.
//
// zlib's gz* functions read plain and gzip data alike, so one class serves
// both; a truncated or corrupt gzip stream is reported, not fatal.
#ifndef TIES_INGEST_BYTE_SOURCE_H_
#define TIES_INGEST_BYTE_SOURCE_H_

#include <zlib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ties/status.h"

namespace ties {

class ByteSource {
 public:
  // path "-" is standard input.
  static Result<std::unique_ptr<ByteSource>> Open(const std::string& path);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;  // owns a gzFile
  ByteSource& operator=(const ByteSource&) = delete;

  // Reads the next line (without '\n', '\r\n') into `line`. Lines longer than
  // `max_bytes` are consumed to their end and reported as ResourceExhausted.
  // Returns NotFound at end of input.
  Status ReadLine(std::string& line, uint64_t max_bytes);

  // Reads everything that is left, up to max_bytes (ResourceExhausted beyond).
  Status ReadAll(std::string& out, uint64_t max_bytes);

  // Reads up to n bytes; returns the count (0 at end). Errors set `status`.
  size_t Read(char* buf, size_t n, Status& status);

  // Returns up to n bytes from the current position without consuming them.
  std::string_view Peek(size_t n);

  // Compressed bytes consumed so far.
  uint64_t Offset() const;
  const std::string& path() const { return path_; }

 private:
  ByteSource(gzFile file, std::string path) : file_(file), path_(std::move(path)) {}
  Status Fill(Status& status);
  gzFile file_;
  std::string path_;
  std::string buf_;
  size_t buf_pos_ = 0;
  bool eof_ = false;
  // An error met by Peek() (which cannot report it), returned by the next
  // read that reaches it, so a corrupt or truncated .gz is never read as a
  // shorter but valid file.
  Status pending_;
};

}  // namespace ties

#endif  // TIES_INGEST_BYTE_SOURCE_H_
