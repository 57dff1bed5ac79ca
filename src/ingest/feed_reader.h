// feed_reader.h: RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> items.
//
// A small, lenient XML tokenizer (no DTDs, no namespaces beyond prefixes kept
// in names): feeds in the wild are often not well-formed, so unknown
// entities, unclosed tags and stray markup are tolerated. Item fields keep
// their inner markup (CDATA unwrapped, entities decoded) so HTML content can
// go through HtmlFragmentToText().
//
// Thread-safety: reentrant.
#ifndef TIES_INGEST_FEED_READER_H_
#define TIES_INGEST_FEED_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "ties/status.h"

namespace ties {

struct FeedItem {
  std::string title;
  std::string link;
  std::string id;         // guid (RSS) or id (Atom)
  std::string published;  // raw pubDate / dc:date / published / updated
  std::string updated;
  std::string author;
  std::string content;    // HTML: content:encoded, Atom content
  std::string summary;    // HTML: description, Atom summary
  std::string language;   // xml:lang on the item, when present
};

struct Feed {
  std::string title;
  std::string link;
  std::string language;
  std::vector<FeedItem> items;
};

// Parses a feed. REQUIRES: xml is UTF-8. ParseError when no <rss>, <feed> or
// <rdf:RDF> root is found.
Status ParseFeed(std::string_view xml, Feed& out);

// Decodes XML character references and the five predefined entities, plus
// common HTML entities that feeds use anyway (&nbsp;, &mdash;, ...); unwraps
// CDATA sections. Markup is kept.
std::string DecodeXmlText(std::string_view raw);

}  // namespace ties

#endif  // TIES_INGEST_FEED_READER_H_
