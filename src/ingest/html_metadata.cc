// html_metadata.cc: the page's metadata for the HTML extractor (html_extract.cc): JSON-LD,
// title, author and dates (htmldate's evidence order, each checked by PlausibleDate()).
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "common/text_util.h"
#include "ingest/feed_reader.h"
#include "ingest/html_dates.h"
#include "ingest/html_internal.h"

namespace ties::html_internal {

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsSpaceByte(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

namespace {

// ---------------------------------------------------------------------------
// JSON-LD.

bool IsArticleType(std::string_view type) {
  return type.find("Article") != std::string_view::npos || type.find("Posting") != std::string_view::npos ||
         type == "Report" || type == "ReportageNews" || type == "AnalysisNewsArticle" || type == "Blog";
}

std::string JsonString(simdjson::dom::element el) {
  std::string_view s;
  if (!el.get_string().get(s)) return std::string(s);
  return "";
}

std::string JsonName(simdjson::dom::element el) {
  // "author": "Name" | {"name": "Name"} | [{"name": ...}, ...]
  std::string_view s;
  if (!el.get_string().get(s)) return std::string(TrimAscii(s));
  simdjson::dom::object obj;
  if (!el.get_object().get(obj)) {
    simdjson::dom::element name;
    if (!obj["name"].get(name)) return JsonName(name);
    return "";
  }
  simdjson::dom::array arr;
  if (!el.get_array().get(arr)) {
    std::string joined;
    for (simdjson::dom::element item : arr) {
      const std::string name = JsonName(item);
      if (name.empty()) continue;
      if (!joined.empty()) joined += ", ";
      joined += name;
      if (joined.size() > 200) break;
    }
    return joined;
  }
  return "";
}

}  // namespace

void Extractor::VisitJsonLd(simdjson::dom::element el, int depth) {
  if (depth > 8) return;
  simdjson::dom::array arr;
  if (!el.get_array().get(arr)) {
    for (simdjson::dom::element item : arr) VisitJsonLd(item, depth + 1);
    return;
  }
  simdjson::dom::object obj;
  if (el.get_object().get(obj)) return;
  bool article = false;
  simdjson::dom::element type;
  if (!obj["@type"].get(type)) {
    std::string_view t;
    simdjson::dom::array types;
    if (!type.get_string().get(t)) {
      article = IsArticleType(t);
    } else if (!type.get_array().get(types)) {
      for (simdjson::dom::element te : types) {
        if (!te.get_string().get(t) && IsArticleType(t)) article = true;
      }
    }
  }
  auto take = [&](const char* key, std::string& field, bool override_weak) {
    simdjson::dom::element v;
    if (obj[key].get(v)) return;
    std::string s = JsonString(v);
    if (!s.empty() && (field.empty() || override_weak)) field = std::move(s);
  };
  if (article) {
    const bool first_article = !ld_.has_article_type;
    ld_.has_article_type = true;
    take("headline", ld_.headline, first_article);
    take("datePublished", ld_.date_published, first_article);
    if (ld_.date_published.empty()) take("dateCreated", ld_.date_published, false);
    take("dateModified", ld_.date_modified, first_article);
    take("articleBody", ld_.article_body, first_article);
    take("description", ld_.description, false);
    take("inLanguage", ld_.language, false);
    simdjson::dom::element v;
    if (ld_.author.empty() && !obj["author"].get(v)) ld_.author = JsonName(v);
    if (ld_.author.empty() && !obj["creator"].get(v)) ld_.author = JsonName(v);
    if (ld_.publisher.empty() && !obj["publisher"].get(v)) ld_.publisher = JsonName(v);
  } else {
    // WebPage and friends: weaker evidence, used only when nothing better.
    // Kept apart: an Article elsewhere in the JSON-LD, meta tags and <time>
    // elements are better evidence than a WebPage's or a video's date.
    take("datePublished", ld_.page_date, false);
    take("uploadDate", ld_.page_date, false);  // VideoObject pages
    if (!ld_.has_article_type) take("dateModified", ld_.date_modified, false);
  }
  for (auto field : obj) {
    if (field.key == "@graph" || field.key == "mainEntity" || field.key == "mainEntityOfPage" ||
        field.key == "itemListElement") {
      VisitJsonLd(field.value, depth + 1);
    }
  }
}

namespace {

// Finds "key": "value" in text that is not valid JSON.
std::string ScanJsonField(std::string_view text, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  size_t pos = text.find(quoted);
  if (pos == std::string_view::npos) return "";
  pos += quoted.size();
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == ':' || text[pos] == '\n' || text[pos] == '\t')) ++pos;
  if (pos >= text.size() || text[pos] != '"') return "";
  const size_t end = text.find('"', pos + 1);
  if (end == std::string_view::npos || end - pos > 300) return "";
  return std::string(text.substr(pos + 1, end - pos - 1));
}

}  // namespace

void Extractor::ParseJsonLd(const std::vector<std::string>& blocks) {
  if (blocks.empty()) return;
  thread_local simdjson::dom::parser parser;
  for (const std::string& block : blocks) {
    simdjson::dom::element root;
    simdjson::padded_string padded(block);
    if (!parser.parse(padded).get(root)) {
      VisitJsonLd(root, 0);
    } else {
      if (ld_.date_published.empty()) ld_.date_published = ScanJsonField(block, "datePublished");
      if (ld_.date_modified.empty()) ld_.date_modified = ScanJsonField(block, "dateModified");
      if (ld_.headline.empty()) ld_.headline = ScanJsonField(block, "headline");
    }
  }
}

namespace {

// ---------------------------------------------------------------------------
// Title, author, dates.


// Splits "Headline | Site" into parts on common title separators.
std::vector<std::string> SplitTitle(const std::string& title) {
  static constexpr std::string_view kSeps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ",
                                               " ~ ", " • "};
  std::vector<std::string> parts = {title};
  for (std::string_view sep : kSeps) {
    std::vector<std::string> next;
    for (const std::string& part : parts) {
      size_t start = 0;
      for (size_t pos = part.find(sep); pos != std::string::npos; pos = part.find(sep, start)) {
        next.push_back(part.substr(start, pos - start));
        start = pos + sep.size();
      }
      next.push_back(part.substr(start));
    }
    parts.swap(next);
  }
  return parts;
}

// Drops a trailing " : 31.10.2023, 10.19 Uhr" / " | 17 June 2025" from a title.
std::string StripDateSuffix(std::string title) {
  for (std::string_view sep : {" : ", " | ", " - ", " – ", " — "}) {
    const size_t pos = title.rfind(sep);
    if (pos == std::string::npos || pos == 0) continue;
    const std::string_view tail = std::string_view(title).substr(pos + sep.size());
    size_t letters = 0;
    for (char c : tail) letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    if (tail.size() <= 40 && letters <= 12 && ParseDateText(tail, DayOrder::kDayFirst).ok()) {
      title.resize(pos);
      return std::string(TrimAscii(title));
    }
  }
  return title;
}

// True when `part` is `whole` minus a leading kicker or a trailing subtitle:
// a proper prefix or suffix at a word boundary, at least 40% of it.
bool IsKickerTrimmed(std::string_view whole, std::string_view part) {
  part = TrimAscii(part);
  if (part.size() < 8 || part.size() >= whole.size() || part.size() * 10 < whole.size() * 4) return false;
  // The join is a bare space between word characters: "Immobilienkrise Rene
  // Benko-Firma ...", not "Firefox – Weniger ..." or "Blech: einfach köstlich"
  // (there the punctuation says the h1 is one title with two parts).
  static constexpr std::string_view kPunct[] = {"\u2013", "\u2014", "\u00bb", "\u00ab", "\u201c", "\u201d",
                                                "\u201e", "\u2018", "\u2019", "\u00b7", "\u2022", "\u2026"};
  auto word_before = [](std::string_view s) {  // s ends with a word character
    if (s.empty()) return false;
    for (std::string_view p : kPunct) {
      if (s.size() >= p.size() && s.substr(s.size() - p.size()) == p) return false;
    }
    const char c = s.back();
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           static_cast<unsigned char>(c) >= 0x80 || c == '?' || c == '!' || c == '"';
  };
  auto word_after = [](std::string_view s) {  // s starts with a word character
    if (s.empty()) return false;
    for (std::string_view p : kPunct) {
      if (s.substr(0, p.size()) == p) return false;
    }
    const char c = s.front();
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           static_cast<unsigned char>(c) >= 0x80 || c == '"';
  };
  if (whole.compare(0, part.size(), part) == 0 && whole[part.size()] == ' ' &&
      word_after(whole.substr(part.size() + 1)) && word_before(part)) {
    return true;
  }
  const size_t at = whole.size() - part.size();
  return whole.compare(at, part.size(), part) == 0 && at >= 2 && whole[at - 1] == ' ' &&
         word_before(whole.substr(0, at - 1)) && word_after(part);
}

}  // namespace

std::string Extractor::ChooseTitle(int32_t container) const {
  std::string h1;
  for (uint32_t idx : meta_.h1s) {
    std::string text = NodeText(idx, 400);
    if (text.empty()) continue;
    if (h1.empty() || InSubtree(idx, container)) h1 = text;
    if (InSubtree(idx, container)) break;
  }
  const std::string site = MetaValue({"og:site_name", "application-name"});
  std::string meta_title = CollapseSpaces(MetaValue({"og:title", "twitter:title", "dc.title", "dcterms.title"}));
  if (meta_title.empty()) meta_title = CollapseSpaces(ld_.headline);
  const std::string tag = CollapseSpaces(meta_.title_tag);
  // The article's own heading is what readers see as the title; metadata
  // titles are often rewritten for search or social sites.
  if (h1.size() >= 8 && h1.size() <= 300) {
    bool in_container = false;
    for (uint32_t idx : meta_.h1s) in_container = in_container || InSubtree(idx, container);
    if (in_container || meta_.h1s.size() == 1) {
      // A kicker ("Immobilienkrise") or subtitle run into the h1 by markup:
      // the metadata title is the h1 without it.
      std::vector<std::string> candidates = SplitTitle(meta_title);
      candidates.push_back(meta_title);
      for (const std::string& part : SplitTitle(tag)) candidates.push_back(part);
      for (const std::string& candidate : candidates) {
        if (IsKickerTrimmed(h1, candidate)) return std::string(TrimAscii(candidate));
      }
      return h1;
    }
  }
  // The page's own spelling of a metadata title (an uppercase h1) wins.
  auto as_h1 = [this](std::string title) {
    for (uint32_t idx : meta_.h1s) {
      const std::string text = NodeText(idx, 400);
      if (text.size() == title.size() && EqualsIgnoreCase(text, title)) return text;
    }
    return title;
  };
  std::string title = meta_title;
  if (!title.empty()) {
    // Drop a trailing or leading site name.
    std::vector<std::string> parts = SplitTitle(title);
    if (parts.size() > 1) {
      const std::string& last = parts.back();
      if ((!site.empty() && EqualsIgnoreCase(TrimAscii(last), TrimAscii(site))) ||
          (!h1.empty() && EqualsIgnoreCase(TrimAscii(parts.front()), TrimAscii(h1)))) {
        return as_h1(std::string(TrimAscii(parts.front())));
      }
    }
    return as_h1(StripDateSuffix(title));
  }
  if (!tag.empty()) {
    std::vector<std::string> parts = SplitTitle(tag);
    if (parts.size() == 1) return as_h1(StripDateSuffix(tag));
    for (const std::string& part : parts) {
      if (!h1.empty() && EqualsIgnoreCase(TrimAscii(part), TrimAscii(h1))) return h1;
    }
    if (!h1.empty() && tag.find(h1) != std::string::npos) return h1;
    // The longest part is the headline; site names are short.
    size_t best = 0;
    for (size_t i = 1; i < parts.size(); ++i) {
      if (parts[i].size() > parts[best].size()) best = i;
    }
    return as_h1(std::string(TrimAscii(parts[best])));
  }
  return h1;
}

namespace {

std::string CleanAuthor(std::string s) {
  if (s.find('&') != std::string::npos) s = DecodeXmlText(s);  // "Redacci&oacute;n" in JSON-LD
  s = CollapseSpaces(s);
  for (std::string_view prefix : {"By ", "by ", "BY ", "Von ", "von ", "Por ", "por ", "Par ", "par ", "Di ",
                                  "Door ", "Oleh "}) {
    if (s.compare(0, prefix.size(), prefix) == 0) {
      s.erase(0, prefix.size());
      break;
    }
  }
  if (s.find("http://") == 0 || s.find("https://") == 0) return "";
  if (s.size() > 120) return "";
  return std::string(TrimAscii(s));
}

// The name in a byline element's text: "8. Januar 2020 · by Aureliana · in
// Gefühle" -> "Aureliana", "von lupa am 26/10/13" -> "lupa". The name follows
// a by-word when there is one and ends at a separator (· | • , ;), at a
// preposition that starts a date or place ("am", "on", "in", "le", "el"...),
// or at a digit. Returns the cleaned text unchanged when it has no such shape.
std::string BylineName(std::string text) {
  for (size_t pos = text.find("\xc2\xa0"); pos != std::string::npos; pos = text.find("\xc2\xa0", pos)) {
    text.replace(pos, 2, " ");  // no-break spaces around "von"
  }
  text = CollapseSpaces(text);
  std::string_view rest = text;
  static constexpr std::string_view kByWords[] = {"by ", "By ", "BY ", "von ", "Von ", "por ", "Por ", "par ",
                                                  "Par ", "door ", "Door ", "di ", "Di "};
  for (std::string_view by : kByWords) {
    const size_t pos = rest.find(by);
    if (pos != std::string_view::npos && (pos == 0 || rest[pos - 1] == ' ')) {
      rest = rest.substr(pos + by.size());
      break;
    }
  }
  size_t end = rest.size();
  for (std::string_view sep : {" · ", " | ", " • ", "·", "|", "•", " - ", " – ", "\n"}) {
    const size_t pos = rest.find(sep);
    if (pos != std::string_view::npos && pos > 0) end = std::min(end, pos);
  }
  for (std::string_view word : {" am ", " on ", " in ", " le ", " el ", " at ", " um ", " - ", " den ", " der "}) {
    const size_t pos = rest.find(word);
    if (pos != std::string_view::npos && pos > 0) end = std::min(end, pos);
  }
  for (size_t i = 0; i < end; ++i) {
    if (rest[i] >= '0' && rest[i] <= '9') {
      end = i;
      break;
    }
  }
  return CleanAuthor(std::string(TrimAscii(rest.substr(0, end))));
}

}  // namespace

std::string Extractor::ChooseAuthor() const {
  std::string a = CleanAuthor(ld_.author);
  if (!a.empty()) return a;
  a = CleanAuthor(MetaValue({"author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                             "dcterms.creator", "byl", "citation_author", "twitter:creator"}));
  if (!a.empty() && a[0] != '@') return a;
  for (uint32_t idx : meta_.itemprops) {
    if (AttrView(nodes_[idx].g, "itemprop") == "author") {
      a = CleanAuthor(NodeText(idx, 200));
      if (!a.empty()) return a;
    }
  }
  for (uint32_t idx : meta_.bylines) {
    a = BylineName(NodeText(idx, 200));
    if (!a.empty() && a.size() <= 60) return a;
  }
  return "";
}

// The page's render clock ("current-time", "today", "clock"), not a date of the article.
bool Extractor::IsClockElement(uint32_t idx) const {
  const std::string both = AsciiLower(AttrView(nodes_[idx].g, "class")) + " " + AsciiLower(AttrView(nodes_[idx].g, "id"));
  return both.find("current") != std::string::npos || both.find("today") != std::string::npos ||
         both.find("clock") != std::string::npos;
}

// The headline element: the first <h1> inside the container, else the only
// one, else the first. -1 when the page has none.
int32_t Extractor::HeadlineNode(int32_t container) const {
  for (uint32_t idx : meta_.h1s) {
    if (InSubtree(idx, container)) return static_cast<int32_t>(idx);
  }
  return meta_.h1s.empty() ? -1 : static_cast<int32_t>(meta_.h1s.front());
}

// A date in the small elements around the headline: its siblings (up to two
// before and three after, each a small subtree) and, when the parent is small
// (a header block), the parent's other children. The headline's own text is
// not read (a date in a title is the story's subject, not its publication).
FoundDate Extractor::NearHeadlineDate(int32_t container) const {
  const int32_t h1 = HeadlineNode(container);
  if (h1 < 0) return FoundDate{};
  const int64_t max_days = context_.max_date_days > 0 ? context_.max_date_days : TodayDays();
  std::vector<uint32_t> around;
  for (int32_t anchor = h1, level = 0; anchor >= 0 && level < 2; anchor = nodes_[anchor].parent, ++level) {
    const int32_t parent = nodes_[anchor].parent;
    if (parent < 0) break;
    std::vector<uint32_t> children;
    for (uint32_t c = parent + 1; c < nodes_[parent].end; c = nodes_[c].end) children.push_back(c);
    size_t pos = 0;
    while (pos < children.size() && children[pos] != static_cast<uint32_t>(anchor)) ++pos;
    for (size_t k = pos > 2 ? pos - 2 : 0; k < std::min(children.size(), pos + 4); ++k) {
      if (k != pos && nodes_[children[k]].end - children[k] <= 40 && !IsClockElement(children[k])) {
        around.push_back(children[k]);
      }
    }
    // Climb only out of a header wrapper: little more than the headline.
    if (nodes_[parent].end - parent > 60 || NodeText(static_cast<uint32_t>(parent), 400).size() >= 300) break;
  }
  for (uint32_t idx : around) {
    const FoundDate d = ParseBylineDate(NodeText(idx, 300), context_.max_date_days);
    if (PlausibleDate(d, max_days)) return d;
  }
  return FoundDate{};
}

void Extractor::ChooseDates(int32_t container, HtmlArticle& out) const {
  const int64_t max_days = context_.max_date_days > 0 ? context_.max_date_days : TodayDays();
  FoundDate chosen;
  std::string source;
  auto consider = [&](const FoundDate& d, const char* from) {
    if (chosen.ok() || !PlausibleDate(d, max_days)) return;
    chosen = d;
    source = from;
  };
  consider(ParseDateValue(ld_.date_published), "json-ld");
  consider(ParseDateValue(MetaValue({"article:published_time", "og:article:published_time", "og:published_time",
                                     "published_time", "article.published", "article_date_original",
                                     "datepublished", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
                                     "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
                                     "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created",
                                     "citation_publication_date", "citation_date", "originalpublicationdate",
                                     "original-publish-date", "article.created", "datecreated", "date.release",
                                     "rnews:datepublished", "bt:pubdate", "displaydate", "publication_date",
                                     "cxenseparse:recs:publishtime", "live_date", "release_date", "created",
                                     "schema:datepublished", "schema:datecreated", "dc:date", "dc:created",
                                     "dcterms:created", "dcterms:issued", "dcterms:date"})),
           "meta");
  for (uint32_t idx : meta_.itemprops) {
    if (chosen.ok()) break;
    const std::string_view prop = AttrView(nodes_[idx].g, "itemprop");
    if (prop != "datePublished" && prop != "dateCreated") continue;
    std::string_view value = AttrView(nodes_[idx].g, "datetime");
    if (value.empty()) value = AttrView(nodes_[idx].g, "content");
    consider(value.empty() ? ParseDateText(NodeText(idx, 200)) : ParseDateValue(value), "itemprop");
  }
  // <time>: pubdate or publish-like class first, then inside the container, then any.
  for (int pass = 0; pass < 3 && !chosen.ok(); ++pass) {
    for (uint32_t idx : meta_.times) {
      const GumboNode* g = nodes_[idx].g;
      const std::string cls = AsciiLower(AttrView(g, "class"));
      const bool marked = Attr(g, "pubdate") || cls.find("publish") != std::string::npos ||
                          cls.find("posted") != std::string::npos || cls.find("created") != std::string::npos;
      const bool modified = cls.find("update") != std::string::npos || cls.find("modif") != std::string::npos;
      if (modified) continue;
      if (pass == 0 && !marked) continue;
      if (pass == 1 && !InSubtree(idx, container)) continue;
      const std::string_view dt = AttrView(g, "datetime");
      consider(dt.empty() ? ParseBylineDate(NodeText(idx, 200), context_.max_date_days) : ParseDateValue(dt),
               "time");
      if (chosen.ok()) break;
    }
  }
  consider(ParseDateValue(ld_.page_date), "json-ld");
  const FoundDate url_date = DateFromUrl(context_.url.empty() ? meta_.canonical : context_.url);
  if (chosen.ok() && PlausibleDate(url_date, max_days) && chosen.Days() > url_date.Days() + 2) {
    // Metadata later than the URL date is a modification date.
    chosen = url_date;
    source = "url";
  }
  consider(url_date, "url");
  // The line next to the headline ("Handball Schweiz • 02.02.2022", a kicker
  // with the date above the h1): sites without date markup put it there.
  if (!chosen.ok()) consider(NearHeadlineDate(container), "headline");
  // Date-like elements (bylines, "posted on"), the container's first.
  for (int pass = 0; pass < 2 && !chosen.ok(); ++pass) {
    for (uint32_t idx : meta_.date_hints) {
      if (pass == 0 && !InSubtree(idx, container) && !(container >= 0 && idx < static_cast<uint32_t>(container))) {
        continue;
      }
      const std::string cls = AsciiLower(AttrView(nodes_[idx].g, "class"));
      if (cls.find("update") != std::string::npos || cls.find("modif") != std::string::npos) continue;
      if (IsClockElement(idx)) continue;
      if (nodes_[idx].end - idx > 40) continue;  // a small element, not a whole section
      const std::string_view dt = AttrView(nodes_[idx].g, "datetime");
      consider(dt.empty() ? ParseBylineDate(NodeText(idx, 300), context_.max_date_days) : ParseDateValue(dt),
               "element");
      if (chosen.ok()) break;
    }
  }
  const FoundDate modified = ParseDateValue(
      !ld_.date_modified.empty() ? ld_.date_modified
                                 : MetaValue({"article:modified_time", "og:updated_time", "dateModified",
                                              "datemodified", "last-modified", "dc.date.modified",
                                              "dcterms.modified", "lastmod"}));
  if (PlausibleDate(modified, max_days)) out.modified = modified.Iso();
  if (!chosen.ok() && PlausibleDate(modified, max_days)) {
    chosen = modified;
    source = "modified";
  }
  if (!chosen.ok() && container >= 0) {
    // Last resort: the first date written near the start of the article.
    const std::string head = NodeText(static_cast<uint32_t>(container), 1500);
    consider(ParseDateText(head, DayOrder::kDayFirst), "text");
  }
  out.published = chosen.Iso();
  out.date_source = source;
}

}  // namespace ties::html_internal
