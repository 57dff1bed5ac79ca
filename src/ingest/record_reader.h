// record_reader.h: one reader per input file and format (internal to ingest/).
#ifndef TIES_INGEST_RECORD_READER_H_
#define TIES_INGEST_RECORD_READER_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>

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

// What a reader returns after parsing a record: kArticle, or kError with `parsed` in `error`.
inline ReadOutcome ArticleOrError(Status parsed, Status& error) {
  if (parsed.ok()) return ReadOutcome::kArticle;
  error = std::move(parsed);
  return ReadOutcome::kError;
}

// A file that holds one article (plain text, one HTML page): read whole, at most
// options.max_article_bytes, then `parse(content, path, doc)`. A read error is
// prefixed with the file's path unless it starts with it; `parse` returns its
// errors complete (naming the file).
class OneArticleFileReader : public RecordReader {
 public:
  using Parse = std::function<Status(std::string& content, const std::string& path, Document& doc)>;
  OneArticleFileReader(std::unique_ptr<ByteSource> source, const ReadOptions& options, Parse parse)
      : source_(std::move(source)), options_(options), parse_(std::move(parse)) {}

  ReadOutcome Next(Document& doc, Status& error) override {
    if (done_) return ReadOutcome::kEnd;
    done_ = true;
    const std::string& path = source_->path();
    std::string content;
    Status s = source_->ReadAll(content, options_.max_article_bytes);
    if (!s.ok()) {
      error = s.message().rfind(path, 0) == 0 ? s : Status(s.code(), path + ": " + s.message());
      return ReadOutcome::kError;
    }
    return ArticleOrError(parse_(content, path, doc), error);
  }

 private:
  std::unique_ptr<ByteSource> source_;
  ReadOptions options_;
  Parse parse_;
  bool done_ = false;
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
