// web_formats.cc: HTML pages, WARC archives and RSS/Atom feeds as RecordReaders.
//
// Each reader turns its input into Documents the same way: bytes -> UTF-8
// (charset_detect.h) -> main text and metadata (html_extract.h) -> doc.meta
// and doc.text. Bad records are reported as "PATH: record N (uri ...): what"
// and reading continues with the next record.
#include <memory>
#include <string>

#include "common/text_util.h"
#include "ingest/charset_detect.h"
#include "ingest/feed_reader.h"
#include "ingest/html_dates.h"
#include "ingest/html_extract.h"
#include "ingest/language_detect.h"
#include "ingest/record_reader.h"
#include "ingest/warc_reader.h"

namespace ties {

namespace {

// WARC response records larger than this are skipped (pages are < 5 MB).
constexpr uint64_t kMaxWarcRecordBytes = 32ull << 20;

Status PrefixError(const Status& s, const std::string& where) {
  return Status(s.code(), where + ": " + s.message());
}

void FillDocument(HtmlArticle& article, Document& doc) {
  doc.text = std::move(article.text);
  doc.meta.title = std::move(article.title);
  doc.meta.published = std::move(article.published);
  doc.meta.author = std::move(article.author);
  doc.meta.site_name = std::move(article.site_name);
  doc.meta.language = std::move(article.language);
  if (doc.meta.source.empty()) doc.meta.source = doc.meta.site_name;
}

// Converts page bytes to UTF-8 and extracts the article into `doc`.
Status PageToDocument(std::string_view bytes, std::string_view http_content_type, const HtmlContext& context,
                      Document& doc) {
  std::string html;
  Status s = ConvertToUtf8(bytes, DeclaredCharset(bytes, http_content_type), html);
  if (!s.ok()) return s;
  HtmlArticle article;
  s = ExtractHtmlArticle(html, context, article);
  if (doc.meta.url.empty()) doc.meta.url = article.canonical_url;
  FillDocument(article, doc);
  return s;
}

// HTML-like media types worth extracting.
bool IsHtmlType(std::string_view content_type, std::string_view body) {
  const std::string type = AsciiLower(TrimAscii(content_type.substr(0, content_type.find(';'))));
  if (type.empty()) {
    const std::string_view head = TrimAscii(body.substr(0, 256));
    return !head.empty() && head[0] == '<';
  }
  return type == "text/html" || type == "application/xhtml+xml";
}

// Response records of a WARC file, one page each.
class WarcArticleReader : public RecordReader {
 public:
  WarcArticleReader(std::unique_ptr<ByteSource> source, const ReadOptions& options)
      : source_(std::move(source)),
        options_(options),
        warc_(*source_, std::min<uint64_t>(options.max_article_bytes, kMaxWarcRecordBytes),
              {"response", "resource"}) {}

  ReadOutcome Next(Document& doc, Status& error) override {
    for (;;) {
      const ReadOutcome outcome = warc_.Next(record_, error);
      if (outcome != ReadOutcome::kArticle) return outcome;
      std::string_view content_type;
      std::string_view payload;
      HttpResponse http;
      if (record_.type == "response") {
        if (!ParseHttpResponse(record_.block, http)) {
          if (record_.content_type.find("application/http") == std::string::npos) continue;  // dns: etc.
          error = Where("malformed HTTP response");
          return ReadOutcome::kError;
        }
        if (http.status != 200) continue;  // redirects, errors: not articles
        content_type = http.content_type;
        payload = http.body;
      } else {
        content_type = record_.content_type;
        payload = record_.block;
      }
      if (!IsHtmlType(content_type, payload)) continue;
      std::string_view page = payload;
      if (record_.type == "response") {
        Status s = DecodeHttpBody(http, kMaxWarcRecordBytes, body_);
        if (!s.ok()) {
          error = Where(s.message());
          return ReadOutcome::kError;
        }
        page = body_;
      }
      HtmlContext context;
      context.url = record_.target_uri;
      context.content_language = http.content_language;
      const FoundDate crawl = ParseDateValue(record_.date);
      if (crawl.ok()) context.max_date_days = crawl.Days();
      doc.meta.url = record_.target_uri;
      doc.meta.id = !record_.target_uri.empty() ? record_.target_uri : record_.record_id;
      doc.meta.origin = source_->path() + ":" + std::to_string(record_.number);
      Status s = PageToDocument(page, content_type, context, doc);
      if (!s.ok()) {
        error = Where(s.message());
        return ReadOutcome::kError;
      }
      return ReadOutcome::kArticle;
    }
  }

 private:
  Status Where(const std::string& message) const {
    return Status::ParseError(source_->path() + ": record " + std::to_string(record_.number) + " (uri " +
                              record_.target_uri.substr(0, 200) + "): " + message);
  }

  std::unique_ptr<ByteSource> source_;
  ReadOptions options_;
  WarcReader warc_;
  WarcRecord record_;
  std::string body_;
};

// Items of an RSS or Atom feed, one article each.
class FeedArticleReader : public RecordReader {
 public:
  FeedArticleReader(std::unique_ptr<ByteSource> source, const ReadOptions& options)
      : source_(std::move(source)), options_(options) {}

  ReadOutcome Next(Document& doc, Status& error) override {
    const std::string& path = source_->path();
    if (!loaded_) {
      loaded_ = true;
      std::string bytes;
      Status s = source_->ReadAll(bytes, options_.max_article_bytes);
      if (s.ok()) {
        std::string xml;
        s = ConvertToUtf8(bytes, CharsetFromMarkup(bytes), xml);
        if (s.ok()) s = ParseFeed(xml, feed_);
      }
      if (!s.ok()) {
        error = s.message().rfind(path, 0) == 0 ? s : PrefixError(s, path);
        return ReadOutcome::kError;
      }
    }
    if (next_ >= feed_.items.size()) return ReadOutcome::kEnd;
    const size_t number = next_ + 1;
    FeedItem& item = feed_.items[next_++];
    const std::string where = path + ": record " + std::to_string(number) + " (uri " + item.link.substr(0, 200) + ")";
    std::string text = HtmlFragmentToText(!item.content.empty() ? item.content : item.summary);
    if (TrimAscii(text).empty()) {
      error = Status::ParseError(where + ": item has no text");
      return ReadOutcome::kError;
    }
    doc.text = std::move(text);
    doc.meta.url = item.link;
    doc.meta.id = !item.id.empty() ? item.id : !item.link.empty() ? item.link
                                                                   : IdStemFromPath(path) + "#" + std::to_string(number);
    doc.meta.origin = path + ":" + std::to_string(number);
    doc.meta.title = item.title.find('<') != std::string::npos ? HtmlFragmentToText(item.title) : item.title;
    const FoundDate published = ParseDateValue(!item.published.empty() ? item.published : item.updated);
    doc.meta.published = PlausibleDate(published, TodayDays()) ? published.Iso() : "";
    doc.meta.author = item.author;
    doc.meta.site_name = feed_.title;
    doc.meta.source = feed_.title;
    const std::string declared = !item.language.empty() ? item.language : feed_.language;
    std::string detected = DetectLanguage(doc.meta.title + "\n" + doc.text, "", declared);
    doc.meta.language = !detected.empty() ? detected : NormalizeLanguageTag(declared);
    return ReadOutcome::kArticle;
  }

 private:
  std::unique_ptr<ByteSource> source_;
  ReadOptions options_;
  Feed feed_;
  size_t next_ = 0;
  bool loaded_ = false;
};

}  // namespace

std::unique_ptr<RecordReader> MakeWebReader(InputFormat format, std::unique_ptr<ByteSource> source,
                                            const ReadOptions& options) {
  switch (format) {
    case InputFormat::kWarc:
      return std::make_unique<WarcArticleReader>(std::move(source), options);
    case InputFormat::kFeed:
      return std::make_unique<FeedArticleReader>(std::move(source), options);
    case InputFormat::kHtml:
    default:
      // One HTML page per file.
      return std::make_unique<OneArticleFileReader>(
          std::move(source), options, [](std::string& bytes, const std::string& path, Document& doc) {
            HtmlContext context;
            const Status s = PageToDocument(bytes, "", context, doc);
            doc.meta.id = IdStemFromPath(path);
            doc.meta.origin = path;
            return s.ok() ? s : PrefixError(s, path);
          });
  }
}

}  // namespace ties
