// article_stream.cc: paths -> files -> per-format record readers -> Documents.
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <simdjson.h>

#include "common/text_util.h"
#include "ingest/record_reader.h"
#include "ties/reader.h"

namespace ties {

Result<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "jsonl" || name == "json" || name == "ndjson") return InputFormat::kJsonl;
  if (name == "html" || name == "htm") return InputFormat::kHtml;
  if (name == "warc") return InputFormat::kWarc;
  if (name == "feed" || name == "rss" || name == "atom") return InputFormat::kFeed;
  return Status::InvalidArgument("unknown input format '" + std::string(name) +
                                 "' (expected auto, text, jsonl, html, warc or feed)");
}

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto: return "auto";
    case InputFormat::kText: return "text";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kHtml: return "html";
    case InputFormat::kWarc: return "warc";
    case InputFormat::kFeed: return "feed";
  }
  return "";
}

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

InputFormat FormatFromExtension(std::string_view path) {
  std::string_view p = path;
  if (EndsWith(p, ".gz")) p.remove_suffix(3);
  if (EndsWith(p, ".jsonl") || EndsWith(p, ".ndjson") || EndsWith(p, ".json")) return InputFormat::kJsonl;
  if (EndsWith(p, ".txt") || EndsWith(p, ".text")) return InputFormat::kText;
  if (EndsWith(p, ".html") || EndsWith(p, ".htm") || EndsWith(p, ".xhtml")) return InputFormat::kHtml;
  if (EndsWith(p, ".warc")) return InputFormat::kWarc;
  if (EndsWith(p, ".rss") || EndsWith(p, ".atom") || EndsWith(p, ".xml")) return InputFormat::kFeed;
  return InputFormat::kAuto;
}

bool IsJsonDocumentPath(std::string_view path) {
  std::string_view p = path;
  if (EndsWith(p, ".gz")) p.remove_suffix(3);
  return EndsWith(p, ".json");
}

InputFormat SniffFormat(std::string_view head) {
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
  const std::string_view h = head.substr(i);
  if (h.substr(0, 5) == "WARC/") return InputFormat::kWarc;
  if (!h.empty() && (h[0] == '{' || h[0] == '[')) return InputFormat::kJsonl;
  if (!h.empty() && h[0] == '<') {
    const std::string lower = AsciiLower(h.substr(0, 1024));
    if (lower.find("<rss") != std::string::npos || lower.find("<feed") != std::string::npos ||
        lower.find("<rdf:rdf") != std::string::npos) {
      return InputFormat::kFeed;
    }
    return InputFormat::kHtml;
  }
  return InputFormat::kText;
}

// FNV-1a, for deterministic sharding.
uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

class JsonlFileReader : public RecordReader {
 public:
  JsonlFileReader(std::unique_ptr<ByteSource> source, const ReadOptions& options)
      : source_(std::move(source)), options_(options) {}
  ReadOutcome Next(Document& doc, Status& error) override {
    for (;;) {
      if (done_) return ReadOutcome::kEnd;
      ++line_no_;
      Status s = source_->ReadLine(line_, options_.max_article_bytes);
      const std::string origin = source_->path() + ":" + std::to_string(line_no_);
      if (s.code() == StatusCode::kNotFound) {
        done_ = true;
        return ReadOutcome::kEnd;
      }
      if (!s.ok()) {
        if (s.code() != StatusCode::kResourceExhausted) done_ = true;  // I/O or gzip errors end the file
        error = Status(s.code(), origin + ": " + s.message());
        return ReadOutcome::kError;
      }
      if (TrimAscii(line_).empty()) continue;  // blank lines are allowed
      return ArticleOrError(ParseJsonArticle(line_, origin, doc), error);
    }
  }

 private:
  std::unique_ptr<ByteSource> source_;
  ReadOptions options_;
  std::string line_;
  uint64_t line_no_ = 0;
  bool done_ = false;
};

// Splits a JSON array read from a ByteSource into its top-level elements
// without holding the whole array: a small state machine over the bytes
// (string, escape, nesting depth) finds where each element ends; the element
// itself is validated later by simdjson (ParseJsonArticle). Memory is bounded
// by the largest element, however long the array.
class JsonArraySplitter {
 public:
  enum class Outcome { kElement, kEnd, kError };

  explicit JsonArraySplitter(ByteSource& source) : source_(source) {}

  // The next element into `out`. kError with `error` set for an element longer
  // than max_bytes (it is skipped: the next call goes on after it) and for a
  // broken array (I/O error, truncated, garbage between elements: the end).
  Outcome Next(std::string& out, uint64_t max_bytes, Status& error) {
    out.clear();
    if (finished_) return Outcome::kEnd;
    // Between elements: whitespace, the opening bracket, commas, the end.
    for (;;) {
      int c = Get(error);
      if (c == kFail) return Fail();
      if (c == kEof) {
        finished_ = true;
        if (!opened_) return Outcome::kEnd;  // empty file
        error = Status::ParseError("truncated JSON array (no closing ']')");
        return Outcome::kError;
      }
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
      if (!opened_) {
        if (c != '[') return Broken(error, "not a JSON array");
        opened_ = true;
        continue;
      }
      if (c == ']') {
        finished_ = true;
        return Outcome::kEnd;
      }
      if (c == ',') {
        if (!after_element_) return Broken(error, "unexpected ',' in JSON array");
        after_element_ = false;
        continue;
      }
      if (after_element_) return Broken(error, "expected ',' or ']' after an element");
      Unget();
      break;
    }
    // One element: ends where the depth returns to zero (objects, arrays,
    // strings) or before a ',' / ']' / whitespace at depth zero (scalars).
    int depth = 0;
    bool in_string = false, escape = false, too_long = false;
    uint64_t size = 0;
    for (;;) {
      int c = Get(error);
      if (c == kFail) return Fail();
      if (c == kEof) {
        finished_ = true;
        error = Status::ParseError("truncated JSON array (element not closed)");
        return Outcome::kError;
      }
      if (!in_string && depth == 0 && size > 0 &&
          (c == ',' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
        Unget();
        break;
      }
      if (++size <= max_bytes) {
        out.push_back(static_cast<char>(c));
      } else if (!too_long) {
        too_long = true;
        out.clear();
        out.shrink_to_fit();
      }
      if (in_string) {
        if (escape) escape = false;
        else if (c == '\\') escape = true;
        else if (c == '"') {
          in_string = false;
          if (depth == 0) break;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth <= 0) break;
      }
    }
    after_element_ = true;
    if (too_long) {
      error = Status::ResourceExhausted("element of " + std::to_string(size) + " bytes exceeds the limit of " +
                                        std::to_string(max_bytes));
      return Outcome::kError;
    }
    return Outcome::kElement;
  }

 private:
  static constexpr int kEof = -1;
  static constexpr int kFail = -2;

  int Get(Status& error) {
    if (pos_ == len_) {
      Status st;
      len_ = source_.Read(buf_, sizeof buf_, st);
      pos_ = 0;
      if (!st.ok()) {
        error = st;
        return kFail;
      }
      if (len_ == 0) return kEof;
    }
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  void Unget() { --pos_; }  // only right after a successful Get()
  Outcome Fail() {
    finished_ = true;
    return Outcome::kError;
  }
  Outcome Broken(Status& error, const char* what) {
    finished_ = true;
    error = Status::ParseError(what);
    return Outcome::kError;
  }

  ByteSource& source_;
  char buf_[64 * 1024];
  size_t pos_ = 0, len_ = 0;
  bool opened_ = false, after_element_ = false, finished_ = false;
};

// A .json file: an array of article objects (streamed element by element),
// one object spread over lines, or (despite the extension) JSON Lines; the
// last two are read whole, bounded by 16 articles' worth of bytes.
class JsonDocumentReader : public RecordReader {
 public:
  JsonDocumentReader(std::unique_ptr<ByteSource> source, const ReadOptions& options)
      : source_(std::move(source)), options_(options) {}
  ReadOutcome Next(Document& doc, Status& error) override {
    if (!loaded_) {
      loaded_ = true;
      if (TrimAscii(source_->Peek(4096)).substr(0, 1) == "[") {
        array_ = std::make_unique<JsonArraySplitter>(*source_);
      } else if (!LoadWhole(error)) {
        return ReadOutcome::kError;
      }
    }
    if (array_) return NextElement(doc, error);
    while (next_ < records_.size()) {
      const size_t idx = next_++;
      if (TrimAscii(records_[idx]).empty()) continue;
      const std::string origin = source_->path() + (line_numbers_ ? ":" : ": record ") + std::to_string(idx + 1);
      Status s = ParseJsonArticle(records_[idx], origin, doc);
      records_[idx].clear();
      return ArticleOrError(std::move(s), error);
    }
    return ReadOutcome::kEnd;
  }

 private:
  ReadOutcome NextElement(Document& doc, Status& error) {
    Status s;
    switch (array_->Next(element_, options_.max_article_bytes, s)) {
      case JsonArraySplitter::Outcome::kEnd:
        return ReadOutcome::kEnd;
      case JsonArraySplitter::Outcome::kError:
        ++element_no_;
        error = Status(s.code(), source_->path() + ": record " + std::to_string(element_no_) + ": " + s.message());
        return ReadOutcome::kError;
      case JsonArraySplitter::Outcome::kElement:
        break;
    }
    ++element_no_;
    return ArticleOrError(ParseJsonArticle(element_, source_->path() + ": record " + std::to_string(element_no_), doc),
                          error);
  }

  bool LoadWhole(Status& error) {
    std::string content;
    Status s = source_->ReadAll(content, options_.max_article_bytes * 16);
    if (!s.ok()) {
      error = Status(s.code(), source_->path() + ": " + s.message());
      return false;
    }
    const std::string_view trimmed = TrimAscii(content);
    // One object spread over lines, or JSON Lines.
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (!parser.parse(trimmed.data(), trimmed.size()).get_object().get(object)) {
      records_.push_back(simdjson::minify(object));
      return true;
    }
    size_t pos = 0;
    while (pos < content.size()) {
      size_t nl = content.find('\n', pos);
      if (nl == std::string::npos) nl = content.size();
      records_.push_back(content.substr(pos, nl - pos));
      pos = nl + 1;
    }
    line_numbers_ = true;
    return true;
  }

  std::unique_ptr<ByteSource> source_;
  ReadOptions options_;
  std::unique_ptr<JsonArraySplitter> array_;
  std::string element_;
  uint64_t element_no_ = 0;
  std::vector<std::string> records_;
  size_t next_ = 0;
  bool loaded_ = false;
  bool line_numbers_ = false;
};

class MultiStream : public ArticleStream {
 public:
  MultiStream(std::vector<std::string> files, std::vector<Status> path_errors, const ReadOptions& options,
              uint64_t total)
      : files_(std::move(files)), path_errors_(std::move(path_errors)), options_(options), total_(total) {}

  ReadOutcome Next(Document& doc, Status& error) override {
    for (;;) {
      if (!path_errors_.empty()) {
        error = path_errors_.back();
        path_errors_.pop_back();
        return ReadOutcome::kError;
      }
      if (!reader_) {
        if (next_file_ >= files_.size()) return ReadOutcome::kEnd;
        Status s = OpenFile(files_[next_file_++]);
        if (!s.ok()) {
          error = s;
          return ReadOutcome::kError;
        }
      }
      doc.Reset();
      const ReadOutcome outcome = reader_->Next(doc, error);
      if (outcome == ReadOutcome::kEnd) {
        if (current_) done_bytes_ += current_->Offset();
        reader_.reset();
        current_ = nullptr;
        continue;
      }
      if (outcome == ReadOutcome::kArticle && options_.shard_count > 1 &&
          Fnv1a(doc.meta.id) % options_.shard_count != options_.shard_index) {
        continue;  // another shard's article
      }
      return outcome;
    }
  }

  // Asks zlib for the offset only when called (it costs a system call).
  uint64_t BytesRead() const override { return done_bytes_ + (current_ ? current_->Offset() : 0); }
  uint64_t BytesTotal() const override { return total_; }

 private:
  Status OpenFile(const std::string& path) {
    Result<std::unique_ptr<ByteSource>> source = ByteSource::Open(path);
    if (!source.ok()) return source.status();
    current_ = source->get();
    InputFormat format = options_.format;
    if (format == InputFormat::kAuto) format = FormatFromExtension(path);
    if (format == InputFormat::kAuto || (format == InputFormat::kText && path == "-")) {
      format = SniffFormat((*source)->Peek(4096));
    }
    // A text file that is really JSONL or HTML (sniffing overrides .txt only for clear cases).
    if (format == InputFormat::kText && options_.format == InputFormat::kAuto) {
      const InputFormat sniffed = SniffFormat((*source)->Peek(4096));
      if (sniffed == InputFormat::kWarc) format = sniffed;
    }
    switch (format) {
      case InputFormat::kJsonl:
        if (IsJsonDocumentPath(path) || TrimAscii((*source)->Peek(64)).substr(0, 1) == "[") {
          reader_ = std::make_unique<JsonDocumentReader>(std::move(source).value(), options_);
        } else {
          reader_ = std::make_unique<JsonlFileReader>(std::move(source).value(), options_);
        }
        break;
      case InputFormat::kHtml:
      case InputFormat::kWarc:
      case InputFormat::kFeed:
        reader_ = MakeWebReader(format, std::move(source).value(), options_);
        break;
      default:
        reader_ = std::make_unique<OneArticleFileReader>(
            std::move(source).value(), options_,
            [](std::string& content, const std::string& path, Document& doc) {
              return ParseTextArticle(content, path, doc);
            });
        break;
    }
    return Status::Ok();
  }

  std::vector<std::string> files_;
  std::vector<Status> path_errors_;
  ReadOptions options_;
  uint64_t total_;
  size_t next_file_ = 0;
  std::unique_ptr<RecordReader> reader_;
  ByteSource* current_ = nullptr;
  uint64_t done_bytes_ = 0;
};

}  // namespace

Result<std::unique_ptr<ArticleStream>> ArticleStream::Open(const std::vector<std::string>& paths,
                                                           const ReadOptions& options) {
  if (paths.empty()) return Status::InvalidArgument("no input paths");
  if (options.shard_count == 0 || options.shard_index >= options.shard_count) {
    return Status::InvalidArgument("shard index must be below the shard count");
  }
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::vector<Status> errors;
  uint64_t total = 0;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      errors.push_back(Status::NotFound(path + ": no such file or directory"));
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
           !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') continue;  // hidden files
        // In a directory walk only article files count (a README or an image
        // next to the corpus is not an article); named files are always read.
        if (FormatFromExtension(name) == InputFormat::kAuto) continue;
        found.push_back(it->path().string());
      }
      if (ec) errors.push_back(Status::IoError(path + ": " + ec.message()));
      std::sort(found.begin(), found.end());
      for (auto& f : found) {
        std::error_code size_ec;
        total += fs::file_size(f, size_ec);
        files.push_back(std::move(f));
      }
    } else {
      std::error_code size_ec;
      const auto size = fs::file_size(path, size_ec);
      if (!size_ec) total += size;
      files.push_back(path);
    }
  }
  std::reverse(errors.begin(), errors.end());  // reported in input order via pop_back
  return std::unique_ptr<ArticleStream>(new MultiStream(std::move(files), std::move(errors), options, total));
}

}  // namespace ties
