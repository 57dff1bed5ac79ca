// reader.h: turns input paths into a stream of Documents.
//
// Paths may be files, directories (read recursively, in sorted order, keeping
// files with an article extension: .txt .text .jsonl .ndjson .json .html .htm
// .xhtml .warc .rss .atom .xml, each optionally .gz) or "-" for standard input. Compressed files (.gz) are read transparently. The format
// of each file is chosen by extension and, failing that, by sniffing its first
// bytes; ReadOptions::format forces one. A bad record never stops the stream:
// Next() reports it as an error naming file and line (or record) and the next
// call continues with the following record.
#ifndef TIES_READER_H_
#define TIES_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties {

enum class InputFormat { kAuto, kText, kJsonl, kHtml, kWarc, kFeed };

// "auto", "text", "jsonl", "html", "warc", "feed" (also "rss", "atom").
Result<InputFormat> ParseInputFormat(std::string_view name);
std::string_view InputFormatName(InputFormat format);

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;
  // Articles (or JSONL lines) larger than this are reported and skipped.
  uint64_t max_article_bytes = 64ull << 20;
  // Deterministic share of the input for sharded ingest: keep a record when
  // hash(file, record id) % shard_count == shard_index.
  uint32_t shard_index = 0;
  uint32_t shard_count = 1;
};

enum class ReadOutcome { kArticle, kError, kEnd };

// A pull-based stream of articles over many inputs. Not thread-safe.
class ArticleStream {
 public:
  virtual ~ArticleStream() = default;

  // REQUIRES: paths is not empty.
  static Result<std::unique_ptr<ArticleStream>> Open(const std::vector<std::string>& paths,
                                                     const ReadOptions& options);

  // kArticle: `doc` was Reset() and filled with meta and text.
  // kError: `error` holds a one-line message "FILE:LINE: what went wrong"; call again.
  // kEnd: no more input.
  virtual ReadOutcome Next(Document& doc, Status& error) = 0;

  // Bytes of input consumed so far (compressed bytes for .gz), for progress.
  virtual uint64_t BytesRead() const = 0;
  // Total size of all input files when known (0 for stdin), for progress.
  virtual uint64_t BytesTotal() const = 0;
};

// Parses one plain-text article (the seed's layout) into `doc`:
//   line 1: "date YYYY-MM-DD <title>" (optional; else the first line is the title)
//   optional source/time line: "Xinhua) 10:34, June 17, 2025" or "(AP) 10:34"
//   then the body. Leading spaces, a lost parenthesis and CRLF line ends are tolerated.
// `origin` names the input in errors and becomes the id stem.
Status ParseTextArticle(std::string_view content, std::string_view origin, Document& doc);

// Parses one JSONL line (a JSON object) into `doc`; see docs/record.md for fields.
Status ParseJsonArticle(std::string_view line, std::string_view origin, Document& doc);

}  // namespace ties

#endif  // TIES_READER_H_
