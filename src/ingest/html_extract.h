// html_extract.h: the article in a web page (main text and metadata).
//
// ExtractHtmlArticle() parses a page with gumbo (an HTML5-conformant parser,
// so broken markup is repaired the way browsers repair it), removes
// boilerplate (navigation, footers, share bars, comments, related links,
// cookie notices, ads: by tag, by class/id hints, by link density) and keeps
// the main text as paragraphs separated by "\n\n". Metadata comes from
// JSON-LD, OpenGraph and <meta> tags, <time> elements, bylines and the URL;
// see docs/input.md for the precedence of each field.
//
// Thread-safety: reentrant. Cost: linear in the page size.
#ifndef TIES_INGEST_HTML_EXTRACT_H_
#define TIES_INGEST_HTML_EXTRACT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "ties/status.h"

namespace ties {

// What is known about a page besides its markup.
struct HtmlContext {
  std::string_view url;               // where it was fetched from; "" when unknown
  int64_t max_date_days = 0;          // latest plausible date (crawl date), days since epoch; 0 = today
  std::string_view content_language;  // HTTP Content-Language, "" when unknown
};

struct HtmlArticle {
  std::string title;
  std::string text;         // main text, paragraphs separated by "\n\n"
  std::string author;
  std::string site_name;
  std::string language;     // ISO 639-1 ("en"), declared or detected; "" when unknown
  std::string published;    // ISO 8601 "2025-06-17" or "2025-06-17T10:34"; "" when none found
  std::string modified;     // last modification, when stated
  std::string date_source;  // where `published` came from: "json-ld", "meta", "time", "url", "text", ...
  std::string description;
  std::string canonical_url;
  // True when the page had no main text and `text` is its description (or
  // empty): an article page whose body could not be found (video, gallery,
  // script-rendered, paywalled), kept for its title, date and author.
  bool text_missing = false;
};

// Extracts the article from `html`.
// REQUIRES: html is UTF-8 (see charset_detect.h for conversion).
// A page without main text is still an article when it has a title and
// article evidence (JSON-LD Article type, og:type article/video, or a
// publication date): then Ok, out.text is the description (may be empty) and
// out.text_missing is set. Otherwise ParseError ("no main text found");
// metadata may still be filled.
Status ExtractHtmlArticle(std::string_view html, const HtmlContext& context, HtmlArticle& out);

// Text of an HTML fragment (feed item content): block elements become
// paragraphs, scripts and styles are dropped, no boilerplate removal.
std::string HtmlFragmentToText(std::string_view html);

}  // namespace ties

#endif  // TIES_INGEST_HTML_EXTRACT_H_
