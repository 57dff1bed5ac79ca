// sitemap.cc: sitemap parsing (see sitemap.h).
#include "fetch/sitemap.h"

#include "common/lines.h"
#include "common/text_util.h"
#include "ingest/feed_reader.h"

namespace ties {

namespace {

// Position of the next tag named `local` (any prefix) at or after `from`, as
// the index of '<'; npos when none. `closing` looks for "</...".
size_t FindTag(std::string_view xml, std::string_view local, size_t from, bool closing) {
  while (true) {
    size_t lt = xml.find('<', from);
    if (lt == std::string_view::npos) return lt;
    size_t name = lt + 1;
    if (closing) {
      if (name >= xml.size() || xml[name] != '/') {
        from = name;
        continue;
      }
      ++name;
    } else if (name < xml.size() && (xml[name] == '/' || xml[name] == '!' || xml[name] == '?')) {
      if (xml.compare(name, 8, "![CDATA[") == 0) {
        size_t end = xml.find("]]>", name);
        if (end == std::string_view::npos) return end;
        from = end + 3;
      } else {
        from = name;
      }
      continue;
    }
    size_t end = name;
    while (end < xml.size() && xml[end] != '>' && xml[end] != '/' && xml[end] != ' ' && xml[end] != '\t' &&
           xml[end] != '\r' && xml[end] != '\n') {
      ++end;
    }
    std::string_view tag = xml.substr(name, end - name);
    if (size_t colon = tag.find(':'); colon != std::string_view::npos) tag = tag.substr(colon + 1);
    if (EqualsIgnoreCase(tag, local)) return lt;
    from = end;
  }
}

// Text content of the first <local> element inside xml[begin, end); "" when absent.
std::string ChildText(std::string_view xml, std::string_view local, size_t begin, size_t end) {
  const size_t open = FindTag(xml, local, begin, false);
  if (open == std::string_view::npos || open >= end) return "";
  const size_t gt = xml.find('>', open);
  if (gt == std::string_view::npos || gt >= end) return "";
  if (xml[gt - 1] == '/') return "";
  const size_t close = FindTag(xml, local, gt, true);
  if (close == std::string_view::npos || close > end) return "";
  return std::string(TrimAscii(DecodeXmlText(xml.substr(gt + 1, close - gt - 1))));
}

std::string_view Head(std::string_view xml) { return xml.substr(0, 2048); }

}  // namespace

bool LooksLikeSitemap(std::string_view xml) {
  return FindTag(Head(xml), "urlset", 0, false) != std::string_view::npos ||
         FindTag(Head(xml), "sitemapindex", 0, false) != std::string_view::npos;
}

bool LooksLikeFeed(std::string_view xml) {
  const std::string_view head = Head(xml);
  return FindTag(head, "rss", 0, false) != std::string_view::npos ||
         FindTag(head, "feed", 0, false) != std::string_view::npos ||
         FindTag(head, "RDF", 0, false) != std::string_view::npos;
}

Status ParseSitemap(std::string_view xml, Sitemap& out) {
  out = Sitemap();
  const bool index = FindTag(Head(xml), "sitemapindex", 0, false) != std::string_view::npos;
  if (!index && FindTag(Head(xml), "urlset", 0, false) == std::string_view::npos) {
    return Status::ParseError("not a sitemap (no <urlset> or <sitemapindex>)");
  }
  out.is_index = index;
  const std::string_view entry = index ? "sitemap" : "url";
  size_t pos = 0;
  while (true) {
    const size_t open = FindTag(xml, entry, pos, false);
    if (open == std::string_view::npos) break;
    const size_t close = FindTag(xml, entry, open + 1, true);
    if (close == std::string_view::npos) break;  // truncated: drop the unclosed entry
    SitemapEntry e;
    e.loc = ChildText(xml, "loc", open, close);
    e.changed = ChildText(xml, "publication_date", open, close);
    if (e.changed.empty()) e.changed = ChildText(xml, "lastmod", open, close);
    if (!e.loc.empty()) out.entries.push_back(std::move(e));
    pos = close + 1;
  }
  return Status::Ok();
}

Sitemap ParseTextSitemap(std::string_view text) {
  Sitemap out;
  for (std::string_view raw : Lines(text)) {
    const std::string_view line = TrimAscii(raw);
    if (StartsWithIgnoreCase(line, "http://") || StartsWithIgnoreCase(line, "https://")) {
      out.entries.push_back({std::string(line), ""});
    }
  }
  return out;
}

}  // namespace ties
