// sitemap.h: XML sitemaps (sitemaps.org 0.9), sitemap indexes, Google News
// sitemaps and plain-text sitemaps -> lists of URLs with their change dates.
//
// Lenient like the feed reader: namespaces are matched by local name, CDATA
// and entities are decoded (DecodeXmlText), unclosed entries are dropped.
//
// Thread-safety: reentrant.
#ifndef TIES_FETCH_SITEMAP_H_
#define TIES_FETCH_SITEMAP_H_

#include <string>
#include <string_view>
#include <vector>

#include "ties/status.h"

namespace ties {

struct SitemapEntry {
  std::string loc;
  std::string changed;  // news:publication_date, else lastmod ("" when neither)
};

struct Sitemap {
  bool is_index = false;               // <sitemapindex>: entries are sitemaps
  std::vector<SitemapEntry> entries;
};

// True when the document's root looks like a sitemap (<urlset> or <sitemapindex>).
bool LooksLikeSitemap(std::string_view xml);

// True when the body looks like an RSS/Atom/RDF feed root.
bool LooksLikeFeed(std::string_view xml);

// Parses an XML sitemap or index. ParseError when neither root is found.
Status ParseSitemap(std::string_view xml, Sitemap& out);

// A text sitemap: one absolute http(s) URL per line; other lines ignored.
Sitemap ParseTextSitemap(std::string_view text);

}  // namespace ties

#endif  // TIES_FETCH_SITEMAP_H_
