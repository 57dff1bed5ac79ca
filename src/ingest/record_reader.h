// record_reader.h: one reader per input file and format (internal to ingest/).
#ifndef TIES_INGEST_RECORD_READER_H_
#define TIES_INGEST_RECORD_READER_H_

#include <memory>
#include <string>

#include "ingest/byte_source.h"
#include "ties/reader.h"

namespace ties {

// Reads the records of one file. Errors name the file and the record
// ("path:LINE: message" or "path: record N: message").
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  virtual ReadOutcome Next(Document& doc, Status& error) = 0;
};

// HTML pages, WARC archives and RSS/Atom feeds (web_formats.cc).
// REQUIRES: format is kHtml, kWarc or kFeed.
std::unique_ptr<RecordReader> MakeWebReader(InputFormat format, std::unique_ptr<ByteSource> source,
                                            const ReadOptions& options);

// Normalises a publication date string to ISO 8601 ("2025-06-17T10:34" or
// "2025-06-17"): ISO forms, "YYYY-MM-DD HH:MM[:SS]", RFC 822 ("Tue, 17 Jun 2025
// 10:34:00 +0000") and "June 17, 2025". Returns "" when it cannot.
std::string NormalizePublished(std::string_view raw);

// The id stem of a path: file name without directories and known extensions.
std::string IdStemFromPath(std::string_view path);

}  // namespace ties

#endif  // TIES_INGEST_RECORD_READER_H_
