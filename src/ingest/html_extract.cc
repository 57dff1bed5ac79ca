// html_extract.cc: boilerplate removal and metadata for one web page.
//
// How the main text is found (an essay, in the spirit of re2's dfa.cc):
//
// 1. A fast pre-pass cuts <script>, <style>, <svg>, <noscript> and comments out
//    of the markup before gumbo sees it (they are half of a modern news page
//    and gumbo's script tokenizer is slow), keeping JSON-LD blocks aside.
// 2. gumbo builds the tree; we flatten it into a preorder vector of Node with
//    subtree ends, so every later pass is a loop over an array.
// 3. Removal: whole subtrees go when their tag is never article text (nav,
//    aside, footer, header, form controls, iframes, figures), when they are
//    hidden, or when their class/id says boilerplate ("share", "comments",
//    "related", "newsletter", "cookie", "sidebar", "breadcrumb", "ad"...).
//    A subtree that holds the structural article (an <article>, <main> or
//    itemprop=articleBody) is never removed by class hints.
// 4. Container choice: the structural article when it holds enough text;
//    otherwise Readability's scoring (each paragraph gives points for its
//    length and commas to its parent and grandparent, scaled by link density)
//    picks the best node, and its siblings that score well join it.
// 5. Paragraphs: the container is walked; block elements end paragraphs;
//    paragraphs that are mostly links, or short boilerplate lines ("Share
//    this", "All rights reserved"), are dropped.
// 6. Fallbacks: a too-short result is replaced by all good paragraphs of the
//    page, or by the JSON-LD articleBody when that is longer.
//
// Dates follow htmldate's evidence order (structured metadata, then <time>,
// URL, then date-like elements and text), each checked by PlausibleDate().
#include "ingest/html_extract.h"

#include <gumbo.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/text_util.h"
#include "ingest/feed_reader.h"
#include "ingest/html_dates.h"
#include "ingest/language_detect.h"

namespace ties {

namespace {

constexpr int kMaxDepth = 400;

// ---------------------------------------------------------------------------
// Pre-pass: drop scripts, styles, svg, noscript and comments.

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':';
}

// Case-insensitive search for "</name" from `from`; returns its position or npos.
size_t FindCloseTag(std::string_view html, size_t from, std::string_view name) {
  for (size_t pos = html.find("</", from); pos != std::string_view::npos; pos = html.find("</", pos + 2)) {
    if (pos + 2 + name.size() <= html.size() && EqualsIgnoreCase(html.substr(pos + 2, name.size()), name) &&
        (pos + 2 + name.size() == html.size() || !IsNameChar(html[pos + 2 + name.size()]))) {
      return pos;
    }
  }
  return std::string_view::npos;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Attributes the extractor reads; every other attribute (href, src, srcset,
// data-*, on*, most styles) is dropped before parsing, which halves what gumbo
// has to tokenise on a typical news page.
bool KeepAttribute(std::string_view tag, std::string_view name, std::string_view value) {
  switch (name.size()) {
    case 2: return EqualsIgnoreCase(name, "id");
    case 3: return EqualsIgnoreCase(name, "rel");
    case 4:
      if (EqualsIgnoreCase(name, "href")) return EqualsIgnoreCase(tag, "link");
      return EqualsIgnoreCase(name, "lang") || EqualsIgnoreCase(name, "name") || EqualsIgnoreCase(name, "role");
    case 5:
      if (EqualsIgnoreCase(name, "style")) {
        return value.find("none") != std::string_view::npos || value.find("hidden") != std::string_view::npos;
      }
      return EqualsIgnoreCase(name, "class");
    case 6: return EqualsIgnoreCase(name, "hidden");
    case 7: return EqualsIgnoreCase(name, "content") || EqualsIgnoreCase(name, "charset") ||
                   EqualsIgnoreCase(name, "pubdate");
    case 8: return EqualsIgnoreCase(name, "itemprop") || EqualsIgnoreCase(name, "property") ||
                   EqualsIgnoreCase(name, "datetime") || EqualsIgnoreCase(name, "xml:lang");
    case 10: return EqualsIgnoreCase(name, "http-equiv");
    case 11: return EqualsIgnoreCase(name, "aria-hidden");
    default: return false;
  }
}

// Copies the start tag at html[lt] (name already read up to name_end) with
// only the attributes KeepAttribute() wants; returns the position after '>'.
size_t CopyStartTag(std::string_view html, size_t lt, size_t name_end, std::string& out) {
  const std::string_view tag = html.substr(lt + 1, name_end - lt - 1);
  out.push_back('<');
  out.append(tag);
  size_t i = name_end;
  bool self_closing = false;
  while (i < html.size()) {
    while (i < html.size() && IsAsciiSpace(html[i])) ++i;
    if (i >= html.size()) break;
    if (html[i] == '>') {
      ++i;
      break;
    }
    if (html[i] == '/') {
      self_closing = i + 1 < html.size() && html[i + 1] == '>';
      ++i;
      continue;
    }
    const size_t name_begin = i;
    while (i < html.size() && !IsAsciiSpace(html[i]) && html[i] != '=' && html[i] != '>' &&
           (html[i] != '/' || i == name_begin)) {
      ++i;
    }
    const std::string_view name = html.substr(name_begin, i - name_begin);
    size_t j = i;
    while (j < html.size() && IsAsciiSpace(html[j])) ++j;
    std::string_view value;
    size_t attr_end = i;
    if (j < html.size() && html[j] == '=') {
      ++j;
      while (j < html.size() && IsAsciiSpace(html[j])) ++j;
      if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
        const size_t close = html.find(html[j], j + 1);
        const size_t end = close == std::string_view::npos ? html.size() : close;
        value = html.substr(j + 1, end - j - 1);
        attr_end = std::min(end + 1, html.size());
      } else {
        size_t k = j;
        while (k < html.size() && !IsAsciiSpace(html[k]) && html[k] != '>') ++k;
        value = html.substr(j, k - j);
        attr_end = k;
      }
      i = attr_end;
    }
    if (!name.empty() && KeepAttribute(tag, name, value)) {
      out.push_back(' ');
      out.append(html.substr(name_begin, attr_end - name_begin));
    }
  }
  if (self_closing) out.push_back('/');
  out.push_back('>');
  return i;
}

// Elements nested deeper than this lose their tags in the pre-pass (their
// text stays): gumbo spends time proportional to the depth of the open
// elements on each tag, so 100,000 nested <div>s took minutes (issue 10).
// Far above kMaxDepth, so the extraction never sees the difference.
constexpr int kMaxNesting = 1000;

// Elements that do not nest (void) or that the parser closes implicitly, so
// that unclosed ones ("<p>", "<li>", "<td>") do not count as nesting.
bool IsFlatTag(std::string_view name) {
  static constexpr std::string_view kFlat[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
      "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "rb", "rp", "rt", "rtc", "tr", "td",
      "th", "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body"};
  if (name.size() > 8) return false;
  for (std::string_view flat : kFlat) {
    if (EqualsIgnoreCase(name, flat)) return true;
  }
  return false;
}

// The pre-pass: copies `html` without scripts, styles, svg, noscript and
// comments, and with start tags reduced to the attributes we read. JSON-LD
// script bodies are collected into `json_ld`. Tags nested deeper than
// kMaxNesting are dropped.
void StripScripts(std::string_view html, std::string& out, std::vector<std::string>& json_ld) {
  out.clear();
  out.reserve(html.size() / 2);
  size_t pos = 0;
  int nesting = 0;
  static constexpr std::string_view kRaw[] = {"script", "style", "svg", "noscript"};
  // Text between tags, with whitespace runs collapsed to one character (a
  // newline when the run has one): gumbo then has fewer characters to scan.
  auto append_text = [&out](std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (!IsAsciiSpace(c)) {
        const size_t start = i;
        while (i < text.size() && !IsAsciiSpace(text[i])) ++i;
        out.append(text.substr(start, i - start));
        continue;
      }
      bool newline = false;
      while (i < text.size() && IsAsciiSpace(text[i])) newline |= text[i++] == '\n';
      out.push_back(newline ? '\n' : ' ');
    }
  };
  while (pos < html.size()) {
    const size_t lt = html.find('<', pos);
    if (lt == std::string_view::npos) {
      append_text(html.substr(pos));
      break;
    }
    append_text(html.substr(pos, lt - pos));
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = html.find("-->", lt + 4);
      pos = end == std::string_view::npos ? html.size() : end + 3;
      out.push_back(' ');
      continue;
    }
    size_t name_end = lt + 1;
    while (name_end < html.size() && IsNameChar(html[name_end])) ++name_end;
    const std::string_view name = html.substr(lt + 1, name_end - lt - 1);
    const bool is_start_tag = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
    bool raw = false;
    if (is_start_tag && name.size() <= 8) {
      for (std::string_view r : kRaw) raw = raw || EqualsIgnoreCase(name, r);
    }
    if (!raw) {
      if (is_start_tag) {
        const size_t before = out.size();
        pos = CopyStartTag(html, lt, name_end, out);
        const bool self_closing = out.size() >= before + 2 && out[out.size() - 2] == '/';
        if (!self_closing && !IsFlatTag(name) && ++nesting > kMaxNesting) out.resize(before);
        continue;
      }
      if (nesting > 0 && html.compare(lt, 2, "</") == 0) {
        size_t end_name = lt + 2;
        while (end_name < html.size() && IsNameChar(html[end_name])) ++end_name;
        const std::string_view end_tag = html.substr(lt + 2, end_name - lt - 2);
        if (!end_tag.empty() && !IsFlatTag(end_tag) && nesting-- > kMaxNesting) {
          const size_t gt = html.find('>', end_name);
          pos = gt == std::string_view::npos ? html.size() : gt + 1;
          continue;
        }
      }
      out.push_back('<');
      pos = lt + 1;
      continue;
    }
    const size_t tag_end = html.find('>', name_end);
    if (tag_end == std::string_view::npos) {
      pos = html.size();
      break;
    }
    const bool self_closing = tag_end > 0 && html[tag_end - 1] == '/';
    if (self_closing) {
      pos = tag_end + 1;
      continue;
    }
    const size_t close = FindCloseTag(html, tag_end + 1, name);
    const size_t content_end = close == std::string_view::npos ? html.size() : close;
    if (EqualsIgnoreCase(name, "script")) {
      const std::string open_tag = AsciiLower(html.substr(lt, tag_end - lt));
      if (open_tag.find("ld+json") != std::string::npos && json_ld.size() < 16) {
        json_ld.emplace_back(html.substr(tag_end + 1, content_end - tag_end - 1));
      }
    }
    if (close == std::string_view::npos) {
      pos = html.size();
    } else {
      const size_t gt = html.find('>', close);
      pos = gt == std::string_view::npos ? html.size() : gt + 1;
    }
    out.push_back(' ');
  }
}

// ---------------------------------------------------------------------------
// Flattened tree.

enum NodeFlag : uint32_t {
  kFlagText = 1u << 0,
  kFlagBlock = 1u << 1,
  kFlagRemoved = 1u << 2,
  kFlagInLink = 1u << 3,
  kFlagStructural = 1u << 4,   // article / main / articleBody / known body class
  kFlagHasStructural = 1u << 5,
  kFlagHeading = 1u << 6,
  kFlagBodyHint = 1u << 7,     // itemprop=articleBody or a known article-body class
};

struct Node {
  const GumboNode* g = nullptr;
  int32_t parent = -1;
  int32_t block = -1;  // nearest block ancestor (or self)
  uint32_t end = 0;    // one past the subtree
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  uint32_t flags = 0;
  uint32_t depth = 0;
  uint32_t text_chars = 0;  // non-space characters in the kept subtree
  uint32_t link_chars = 0;
  uint32_t inline_chars = 0;  // blocks: text not inside nested blocks
  uint32_t inline_link_chars = 0;
  uint32_t inline_commas = 0;
  uint32_t long_paragraphs = 0;
  float score = 0;
  bool Has(NodeFlag f) const { return (flags & f) != 0; }
};

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_HR:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

bool IsHeadingTag(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Tags whose content is never article text.
bool IsDroppedTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MENU: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_DATALIST: case GUMBO_TAG_SOURCE:
      return true;
    default:
      return false;
  }
}

const char* Attr(const GumboNode* g, const char* name) {
  if (g->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&g->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string_view AttrView(const GumboNode* g, const char* name) {
  const char* v = Attr(g, name);
  return v ? std::string_view(v) : std::string_view();
}

bool IsSpaceByte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Counts non-space code points; U+00A0 counts as space.
uint32_t CountChars(std::string_view s, uint32_t* commas) {
  uint32_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsSpaceByte(c)) continue;
    if ((c & 0xC0) == 0x80) continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) continue;
    if (c == ',') ++*commas;
    ++n;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Class/id hints. Tokens are the lowercase alphanumeric runs of class and id.

enum class Hint { kNone, kNegative, kStrongNegative, kBody };

// Classifies a node by its class and id. Strong negatives (share bars,
// comments, related links, navigation, ads) remove the node; weak negatives
// (author, tags, meta, caption) remove it only when no positive token
// ("post", "article", "content", ...) is present, because blog engines put
// "author-x tag-y" classes on the article container itself. A known
// article-body class name ("entry-content") marks a structural candidate.
Hint ClassHint(std::string_view cls, std::string_view id) {
  static const std::unordered_set<std::string> kStrongNegative = {
      "comment", "comments", "commentlist", "share", "sharing", "social", "socials", "related", "newsletter",
      "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "advert", "advertisement", "ad", "ads",
      "adslot", "sponsor", "sponsored", "promo", "outbrain", "taboola", "disqus", "paywall", "subscribe",
      "subscription", "signup", "login", "popup", "modal", "recommended", "recommendations", "trending",
      "popular", "footer", "nav", "navbar", "navigation", "menu", "sidebar", "widget", "widgets", "masthead",
      "toolbar", "pagination", "pager", "tagcloud", "rating", "feedback", "readmore", "skip", "offscreen",
      "sharebar", "infobox", "banner", "mostread", "most-read"};
  static const std::unordered_set<std::string> kWeakNegative = {
      "tags", "tag", "hidden", "print", "copyright", "disclaimer", "byline", "author", "meta", "more", "teaser",
      "teasers", "caption", "credit", "credits", "toc", "visually", "sr", "screen", "jump", "bio", "date",
      "dateline", "info", "aside", "header", "hide", "overlay", "links", "list"};
  static const std::unordered_set<std::string> kPositive = {"article", "content", "entry", "main", "post",
                                                            "story", "text", "body", "blog", "news", "hentry",
                                                            "single", "page"};
  static const std::unordered_set<std::string> kBodyClasses = {
      "articlebody", "article-body", "article__body", "article-content", "article__content", "articlecontent",
      "story-body", "storybody", "story-content", "entry-content", "entrycontent", "post-content",
      "postcontent", "post-body", "postbody", "post-entry", "td-post-content", "single-content", "news-content",
      "article-text", "articletext", "story-text", "body-text", "bodytext", "content-body", "article__text",
      "main-content", "c-entry-content", "rich-text", "entry-body", "field-body", "article-body-text",
      "news-body", "newsbody", "text-body", "post__content", "blog-content", "blogpost", "post-text",
      "article-main", "article__main", "story__body", "story__content", "content-article", "news-text"};
  bool body = false, strong = false, weak = false, positive = false;
  for (std::string_view value : {cls, id}) {
    if (value.empty()) continue;
    const std::string lower = AsciiLower(value.substr(0, 256));
    size_t start = 0;
    while (start < lower.size()) {
      size_t end = lower.find(' ', start);
      if (end == std::string::npos) end = lower.size();
      const std::string name = lower.substr(start, end - start);
      start = end + 1;
      if (name.empty()) continue;
      if (kBodyClasses.count(name)) body = true;
      // Tokens of the class name ("share-bar" -> share, bar).
      std::string token;
      for (size_t i = 0; i <= name.size(); ++i) {
        const char c = i < name.size() ? name[i] : ' ';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
          token.push_back(c);
          continue;
        }
        if (!token.empty()) {
          if (kStrongNegative.count(token)) strong = true;
          else if (kWeakNegative.count(token)) weak = true;
          if (kPositive.count(token)) positive = true;
          token.clear();
        }
      }
      // Compounds without separators ("socialshare", "relatedposts").
      for (std::string_view sub : {"share", "social", "comment", "related", "sidebar", "newsletter", "cookie",
                                   "breadcrumb", "advert", "sponsor", "subscri", "navbar", "footer", "promo"}) {
        if (name.find(sub) != std::string::npos) strong = true;
      }
    }
  }
  if (body && !strong) return Hint::kBody;
  if (strong) return Hint::kStrongNegative;
  if (weak && !positive) return Hint::kNegative;
  return Hint::kNone;
}

bool IsHidden(const GumboNode* g) {
  if (Attr(g, "hidden")) return true;
  const std::string_view aria = AttrView(g, "aria-hidden");
  if (aria == "true") return true;
  const std::string_view style = AttrView(g, "style");
  if (!style.empty()) {
    std::string s = AsciiLower(style);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Metadata gathered while flattening.

struct MetaTag {
  std::string key;    // lowercase name / property / itemprop / http-equiv
  std::string value;  // content
};

struct PageMeta {
  std::string html_lang;
  std::string title_tag;
  std::vector<MetaTag> metas;
  std::string canonical;
  std::vector<uint32_t> h1s;
  std::vector<uint32_t> times;        // <time> elements
  std::vector<uint32_t> itemprops;    // elements with itemprop (not meta)
  std::vector<uint32_t> date_hints;   // elements whose class/id suggests a date
  std::vector<uint32_t> bylines;      // elements whose class/id/rel suggests the author
  std::vector<uint32_t> structural;   // article, main, articleBody
};

struct JsonLdInfo {
  std::string headline, date_published, page_date, date_modified, author, publisher, language, article_body, description;
  bool has_article_type = false;
};

class Extractor {
 public:
  Extractor(const HtmlContext& context) : context_(context) {}

  Status Run(std::string_view html, HtmlArticle& out);
  std::string FragmentText(std::string_view html);

 private:
  void Build(const GumboNode* g, int32_t parent, uint32_t depth, bool in_link);
  void CollectMeta(uint32_t idx);
  void MarkRemoved(bool class_hints);
  std::string MainText(int32_t* container);
  void ComputeStats();
  int32_t ChooseContainer(std::vector<uint32_t>& extra);
  void Emit(uint32_t idx, bool filter);
  void Flush(bool filter);
  std::string NodeText(uint32_t idx, size_t max_bytes = 4096) const;
  void ParseJsonLd(const std::vector<std::string>& blocks);
  void VisitJsonLd(simdjson::dom::element el, int depth);
  std::string MetaValue(std::initializer_list<std::string_view> keys) const;
  std::string ChooseTitle(int32_t container) const;
  std::string ChooseAuthor() const;
  void ChooseDates(int32_t container, HtmlArticle& out) const;
  int32_t HeadlineNode(int32_t container) const;
  bool IsClockElement(uint32_t idx) const;
  FoundDate NearHeadlineDate(int32_t container) const;
  bool InSubtree(uint32_t idx, int32_t root) const {
    return root >= 0 && idx >= static_cast<uint32_t>(root) && idx < nodes_[root].end;
  }

  const HtmlContext& context_;
  std::vector<Node> nodes_;
  PageMeta meta_;
  JsonLdInfo ld_;
  // Paragraph emission state.
  std::vector<std::string> paragraphs_;
  std::unordered_set<std::string> seen_paragraphs_;
  std::string cur_;
  uint32_t cur_chars_ = 0, cur_link_chars_ = 0;
  bool cur_heading_ = false;
  bool pending_space_ = false;
  std::string title_for_filter_;
};

void Extractor::Build(const GumboNode* g, int32_t parent, uint32_t depth, bool in_link) {
  if (depth > kMaxDepth) return;
  const uint32_t idx = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  {
    Node& n = nodes_.back();
    n.g = g;
    n.parent = parent;
    n.depth = depth;
    n.block = parent >= 0 ? nodes_[parent].block : -1;
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA) {
      n.flags |= kFlagText;
      if (in_link) n.flags |= kFlagInLink;
    } else if (g->type == GUMBO_NODE_ELEMENT) {
      n.tag = g->v.element.tag;
      if (n.tag == GUMBO_TAG_A) in_link = true;
      if (in_link) n.flags |= kFlagInLink;
      if (IsBlockTag(n.tag)) {
        n.flags |= kFlagBlock;
        n.block = static_cast<int32_t>(idx);
      }
      if (IsHeadingTag(n.tag)) n.flags |= kFlagHeading;
    }
  }
  if (g->type == GUMBO_NODE_ELEMENT) {
    CollectMeta(idx);
    const GumboVector& children = g->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      Build(static_cast<const GumboNode*>(children.data[i]), static_cast<int32_t>(idx), depth + 1, in_link);
    }
  } else if (g->type == GUMBO_NODE_DOCUMENT) {
    const GumboVector& children = g->v.document.children;
    for (unsigned i = 0; i < children.length; ++i) {
      Build(static_cast<const GumboNode*>(children.data[i]), static_cast<int32_t>(idx), depth + 1, in_link);
    }
  }
  nodes_[idx].end = static_cast<uint32_t>(nodes_.size());
}

void Extractor::CollectMeta(uint32_t idx) {
  Node& n = nodes_[idx];
  const GumboNode* g = n.g;
  switch (n.tag) {
    case GUMBO_TAG_HTML:
      if (const char* lang = Attr(g, "lang")) meta_.html_lang = lang;
      else if (const char* xl = Attr(g, "xml:lang")) meta_.html_lang = xl;
      break;
    case GUMBO_TAG_TITLE:
      if (meta_.title_tag.empty() && g->v.element.children.length > 0) {
        const GumboNode* t = static_cast<const GumboNode*>(g->v.element.children.data[0]);
        if (t->type == GUMBO_NODE_TEXT) meta_.title_tag = std::string(TrimAscii(t->v.text.text));
      }
      break;
    case GUMBO_TAG_META: {
      const char* content = Attr(g, "content");
      if (!content) {
        if (const char* charset = Attr(g, "charset")) (void)charset;
        break;
      }
      for (const char* key_attr : {"property", "name", "itemprop", "http-equiv"}) {
        if (const char* key = Attr(g, key_attr)) {
          if (meta_.metas.size() < 400) meta_.metas.push_back({AsciiLower(key), std::string(TrimAscii(content))});
        }
      }
      break;
    }
    case GUMBO_TAG_LINK: {
      const std::string rel = AsciiLower(AttrView(g, "rel"));
      if (rel == "canonical" && meta_.canonical.empty()) meta_.canonical = std::string(AttrView(g, "href"));
      break;
    }
    case GUMBO_TAG_H1:
      if (meta_.h1s.size() < 8) meta_.h1s.push_back(idx);
      break;
    case GUMBO_TAG_TIME:
      if (meta_.times.size() < 64) meta_.times.push_back(idx);
      break;
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
      n.flags |= kFlagStructural;
      meta_.structural.push_back(idx);
      break;
    default:
      break;
  }
  const std::string_view itemprop = AttrView(g, "itemprop");
  if (!itemprop.empty() && n.tag != GUMBO_TAG_META && meta_.itemprops.size() < 64) meta_.itemprops.push_back(idx);
  if (n.tag != GUMBO_TAG_META && meta_.metas.size() < 400) {
    // RDFa and microdata put values on any element: <span property="schema:dateCreated"
    // content="2022-01-28T12:45:46+00:00">. Keys keep their prefix ("schema:datecreated").
    if (const char* content = Attr(g, "content")) {
      for (const char* key_attr : {"property", "itemprop"}) {
        if (const char* key = Attr(g, key_attr)) meta_.metas.push_back({AsciiLower(key), std::string(TrimAscii(content))});
      }
    }
  }
  if (itemprop.find("articleBody") != std::string_view::npos || AttrView(g, "role") == "main") {
    n.flags |= kFlagStructural | kFlagBodyHint;
    meta_.structural.push_back(idx);
  }
  const std::string_view cls = AttrView(g, "class");
  const std::string_view id = AttrView(g, "id");
  if (!cls.empty() || !id.empty()) {
    std::string both = AsciiLower(cls.substr(0, 200));
    both.push_back(' ');
    both += AsciiLower(id.substr(0, 100));
    if ((both.find("date") != std::string::npos || both.find("time") != std::string::npos ||
         both.find("publish") != std::string::npos || both.find("posted") != std::string::npos ||
         both.find("byline") != std::string::npos || both.find("meta") != std::string::npos ||
         both.find("created") != std::string::npos || both.find("submitted") != std::string::npos ||
         both.find("datum") != std::string::npos || both.find("fecha") != std::string::npos) &&
        meta_.date_hints.size() < 64) {
      meta_.date_hints.push_back(idx);
    }
    if ((both.find("author") != std::string::npos || both.find("byline") != std::string::npos) &&
        meta_.bylines.size() < 16) {
      meta_.bylines.push_back(idx);
    }
  }
  if (n.tag == GUMBO_TAG_A && AsciiLower(AttrView(g, "rel")) == "author" && meta_.bylines.size() < 16) {
    meta_.bylines.push_back(idx);
  }
}

void Extractor::MarkRemoved(bool class_hints) {
  for (Node& n : nodes_) {
    n.flags &= ~static_cast<uint32_t>(kFlagRemoved);
    n.text_chars = n.link_chars = n.inline_chars = n.inline_link_chars = n.inline_commas = n.long_paragraphs = 0;
    n.score = 0;
  }
  // Bottom-up: which nodes hold a structural article node.
  for (size_t i = nodes_.size(); i-- > 1;) {
    const Node& n = nodes_[i];
    if ((n.Has(kFlagStructural) || n.Has(kFlagHasStructural)) && n.parent >= 0) {
      nodes_[n.parent].flags |= kFlagHasStructural;
    }
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    if (n.parent >= 0 && nodes_[n.parent].Has(kFlagRemoved)) {
      n.flags |= kFlagRemoved;
      continue;
    }
    if (n.g->type != GUMBO_NODE_ELEMENT) continue;
    if (n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_HTML) continue;
    if (n.Has(kFlagStructural) || n.Has(kFlagHasStructural)) {
      // Structural article nodes survive class hints, but not hidden markers.
      if (IsHidden(n.g) && !n.Has(kFlagHasStructural)) n.flags |= kFlagRemoved;
      continue;
    }
    if (IsDroppedTag(n.tag) || IsHidden(n.g)) {
      n.flags |= kFlagRemoved;
      continue;
    }
    if (n.tag == GUMBO_TAG_UNKNOWN) {
      // Custom elements named like widgets (<ad-slot>, <social-share>).
      std::string_view original(n.g->v.element.original_tag.data, n.g->v.element.original_tag.length);
      const std::string lower = AsciiLower(original.substr(0, 40));
      for (std::string_view sub : {"share", "social", "comment", "related", "ad-", "newsletter", "cookie"}) {
        if (lower.find(sub) != std::string::npos) n.flags |= kFlagRemoved;
      }
      if (n.Has(kFlagRemoved)) continue;
    }
    if (!class_hints) continue;
    const Hint hint = ClassHint(AttrView(n.g, "class"), AttrView(n.g, "id"));
    if (hint == Hint::kBody) {
      n.flags |= kFlagStructural | kFlagBodyHint;
      meta_.structural.push_back(static_cast<uint32_t>(i));
    } else if (hint == Hint::kStrongNegative || hint == Hint::kNegative) {
      n.flags |= kFlagRemoved;
    }
  }
}

void Extractor::ComputeStats() {
  for (size_t i = nodes_.size(); i-- > 0;) {
    Node& n = nodes_[i];
    if (n.Has(kFlagRemoved)) continue;
    if (n.Has(kFlagText)) {
      uint32_t commas = 0;
      const uint32_t chars = CountChars(n.g->v.text.text, &commas);
      n.text_chars = chars;
      n.link_chars = n.Has(kFlagInLink) ? chars : 0;
      if (n.block >= 0) {
        Node& b = nodes_[n.block];
        b.inline_chars += chars;
        b.inline_link_chars += n.link_chars;
        b.inline_commas += commas;
      }
    }
    if (n.Has(kFlagBlock) && n.inline_chars >= 80 && n.inline_link_chars * 4 < n.inline_chars) {
      ++n.long_paragraphs;
    }
    if (n.parent >= 0) {
      Node& p = nodes_[n.parent];
      p.text_chars += n.text_chars;
      p.link_chars += n.link_chars;
      p.long_paragraphs += n.long_paragraphs;
    }
  }
  // Readability scores: every paragraph-like block gives points to its parent
  // and grandparent.
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    if (n.Has(kFlagRemoved) || !n.Has(kFlagBlock) || n.Has(kFlagHeading)) continue;
    if (n.inline_chars < 25) continue;
    const float link_density = static_cast<float>(n.inline_link_chars) / static_cast<float>(n.inline_chars);
    if (link_density > 0.5f) continue;
    const float points =
        (1.0f + static_cast<float>(n.inline_commas) + std::min(3.0f, n.inline_chars / 100.0f)) * (1 - link_density);
    int32_t target = (n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_PRE || n.tag == GUMBO_TAG_LI ||
                      n.tag == GUMBO_TAG_BLOCKQUOTE || n.tag == GUMBO_TAG_TD)
                         ? n.parent
                         : static_cast<int32_t>(i);  // a div with text is itself a container
    float share = 1.0f;
    for (int level = 0; level < 3 && target >= 0; ++level) {
      nodes_[target].score += points * share;
      share = level == 0 ? 0.5f : 0.33f;
      target = nodes_[target].parent;
    }
  }
}

int32_t Extractor::ChooseContainer(std::vector<uint32_t>& extra) {
  // Structural candidates: articleBody hints first, then article/main.
  int32_t structural = -1;
  uint32_t structural_chars = 0;
  for (int pass = 0; pass < 2 && structural < 0; ++pass) {
    for (uint32_t idx : meta_.structural) {
      const Node& n = nodes_[idx];
      if (n.Has(kFlagRemoved)) continue;
      if (pass == 0 && !n.Has(kFlagBodyHint)) continue;
      const uint32_t good = n.text_chars - std::min(n.text_chars, n.link_chars);
      if (good > structural_chars) {
        structural = static_cast<int32_t>(idx);
        structural_chars = good;
      }
    }
    if (structural_chars < 400) structural = -1, structural_chars = 0;
  }
  // Readability's best node.
  int32_t best = -1;
  float best_score = 0;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    if (n.Has(kFlagRemoved) || n.score <= 0 || n.text_chars == 0) continue;
    const float ld = static_cast<float>(n.link_chars) / static_cast<float>(n.text_chars);
    const float s = n.score * (1 - ld);
    if (s > best_score) best_score = s, best = static_cast<int32_t>(i);
  }
  if (structural >= 0) {
    // Prefer the structural node unless the best node is outside it and holds
    // much more text (a teaser <article> on a page whose body is elsewhere).
    if (best < 0 || InSubtree(best, structural) || InSubtree(structural, best)) return structural;
    const uint32_t best_good = nodes_[best].text_chars - nodes_[best].link_chars;
    if (best_good < 2 * structural_chars) return structural;
  }
  if (best < 0) return -1;
  // Siblings that score well join the best node.
  const Node& b = nodes_[best];
  if (b.parent >= 0) {
    const float threshold = std::max(10.0f, best_score * 0.2f);
    const Node& p = nodes_[b.parent];
    for (uint32_t c = b.parent + 1; c < p.end; c = nodes_[c].end) {
      if (static_cast<int32_t>(c) == best) {
        extra.push_back(c);
        continue;
      }
      const Node& s = nodes_[c];
      if (s.Has(kFlagRemoved) || s.text_chars == 0) continue;
      const float ld = static_cast<float>(s.link_chars) / static_cast<float>(s.text_chars);
      const bool good_paragraph = s.tag == GUMBO_TAG_P && s.inline_chars >= 80 && ld < 0.25f;
      // Repeated blocks of the best node's own kind (same tag and class: the
      // updates of a live blog, the posts of a thread, the steps of a recipe)
      // are one text split in parts.
      const std::string_view best_class = AttrView(b.g, "class");
      const bool same_kind = s.tag == b.tag && !best_class.empty() && AttrView(s.g, "class") == best_class &&
                             s.text_chars - s.link_chars >= 100 && ld < 0.3f;
      if (s.score * (1 - ld) >= threshold || good_paragraph || same_kind) extra.push_back(c);
    }
    if (extra.size() <= 1) extra.clear();
    if (extra.empty() && b.parent >= 0 && nodes_[b.parent].parent >= 0) {
      // The same one level up: the best node is the body of one repeated block.
      const uint32_t anchor = static_cast<uint32_t>(b.parent);
      const Node& a = nodes_[anchor];
      const std::string_view anchor_class = AttrView(a.g, "class");
      const Node& gp = nodes_[a.parent];
      std::vector<uint32_t> blocks;
      for (uint32_t c = a.parent + 1; c < gp.end && !anchor_class.empty(); c = nodes_[c].end) {
        const Node& s = nodes_[c];
        if (c == anchor) {
          blocks.push_back(c);
          continue;
        }
        if (s.Has(kFlagRemoved) || s.tag != a.tag || s.text_chars == 0 || AttrView(s.g, "class") != anchor_class) {
          continue;
        }
        const float ld = static_cast<float>(s.link_chars) / static_cast<float>(s.text_chars);
        if (s.text_chars - s.link_chars >= 100 && ld < 0.3f) blocks.push_back(c);
      }
      if (blocks.size() > 1) extra = std::move(blocks);
    }
  }
  return best;
}

std::string Extractor::NodeText(uint32_t idx, size_t max_bytes) const {
  std::string out;
  bool space = false;
  for (uint32_t i = idx; i < nodes_[idx].end && out.size() < max_bytes; ++i) {
    const Node& n = nodes_[i];
    if (n.Has(kFlagText)) {
      for (const char* p = n.g->v.text.text; *p; ++p) {
        if (IsSpaceByte(static_cast<unsigned char>(*p))) {
          space = true;
        } else {
          if (space && !out.empty()) out.push_back(' ');
          space = false;
          out.push_back(*p);
        }
      }
    } else if (n.Has(kFlagBlock) || n.tag == GUMBO_TAG_BR) {
      space = true;
    }
  }
  return out;
}

// Headings of the link sections that sites put inside the article container
// ("Latest on:", "Die meistgelesenen Artikel", "Zobacz również"): the whole
// line, lowercased, without trailing colons, dots and arrows.
bool IsSectionHeadingLine(std::string_view lower) {
  static const std::unordered_set<std::string_view> kHeadings = {
      "latest on", "latest", "latest news", "latest stories", "more on this", "more on this story",
      "more on this topic", "read more", "read next", "read also", "related", "related articles",
      "related stories", "related posts", "related content", "related news", "related topics", "see also",
      "most read", "most popular", "most viewed", "trending", "trending now", "top stories", "more stories",
      "more news", "you might also like", "you may also like", "recommended", "recommended stories",
      "downloads", "download", "share", "share this", "share this article", "share this story", "tags",
      "topics", "comments", "advertisement", "sponsored", "auch interessant", "das könnte sie auch interessieren",
      "das könnte dich auch interessieren", "die meistgelesenen artikel", "meistgelesen", "meistgelesene artikel",
      "neueste artikel", "neueste beiträge", "mehr themen", "mehr zum thema", "weitere artikel", "weitere themen",
      "weitere beiträge", "weitere nachrichten", "zum thema", "themen", "passend zum thema", "lesen sie mehr",
      "lesen sie auch", "ähnliche artikel", "ähnliche beiträge", "teilen", "artikel teilen", "schlagworte",
      "à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet", "les plus lus", "dans la même rubrique",
      "partager", "voir aussi", "te puede interesar", "lo más leído", "noticias relacionadas", "más noticias",
      "lee también", "compartir", "zobacz również", "zobacz też", "czytaj także", "czytaj też", "читайте также",
      "похожие новости", "популярное", "по теме", "leggi anche", "potrebbe interessarti", "articoli correlati",
      "lees ook", "gerelateerd", "leia também", "veja também"};
  std::string_view s = lower;
  while (!s.empty() && (s.back() == ':' || s.back() == '.' || s.back() == ' ' || s.back() == '>')) s.remove_suffix(1);
  if (s.size() >= 3 && s.substr(s.size() - 3) == "\xe2\x80\xa6") s.remove_suffix(3);  // "…"
  return kHeadings.count(s) > 0;
}

// Short lines that are page furniture in any article container.
bool IsBoilerplateLine(std::string_view para) {
  if (para.size() > 160) return false;
  const std::string lower = Utf8Lower(para);
  if (para.size() <= 60 && IsSectionHeadingLine(lower)) return true;
  static constexpr std::string_view kPhrases[] = {
      "all rights reserved", "share this", "share on", "follow us", "sign up", "subscribe", "newsletter",
      "cookie", "read more", "read also", "related:", "advertisement", "click here", "copyright ©", "© ",
      "tweet", "whatsapp", "pinterest", "linkedin", "facebook", "print this", "email this", "comments (",
      "leave a comment", "loading...", "javascript", "you may also like", "recommended for you",
      "also read", "more from", "image:", "photo:", "getty images", "skip to", "back to top",
      "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados", "lesen sie auch",
      "mehr zum thema", "weiterlesen", "lire aussi", "leer más", "weitere informationen zu",
      "what you think about this article", "rate this article", "was this article helpful",
      "wie bewerten sie diesen artikel", "war dieser artikel hilfreich", "letzte änderung", "last updated:",
      "listen to this article", "copy link", "link kopieren"};
  for (std::string_view phrase : kPhrases) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  return false;
}

void Extractor::Flush(bool filter) {
  while (!cur_.empty() && (cur_.back() == ' ' || cur_.back() == '\n')) cur_.pop_back();
  size_t start = 0;
  while (start < cur_.size() && (cur_[start] == ' ' || cur_[start] == '\n')) ++start;
  if (start > 0) cur_.erase(0, start);
  bool keep = !cur_.empty();
  if (keep && filter) {
    const float ld = cur_chars_ ? static_cast<float>(cur_link_chars_) / static_cast<float>(cur_chars_) : 0.f;
    if (ld > 0.5f && cur_chars_ < 400) keep = false;
    if (keep && cur_chars_ < 2) keep = false;
    if (keep && IsBoilerplateLine(cur_)) keep = false;
    if (keep && cur_heading_ && !title_for_filter_.empty() && EqualsIgnoreCase(cur_, title_for_filter_)) {
      keep = false;
    }
  }
  if (keep && !seen_paragraphs_.insert(cur_).second) keep = false;  // repeated captions, pull quotes
  if (keep) paragraphs_.push_back(cur_);
  cur_.clear();
  cur_chars_ = cur_link_chars_ = 0;
  cur_heading_ = false;
  pending_space_ = false;
}

void Extractor::Emit(uint32_t idx, bool filter) {
  const Node& n = nodes_[idx];
  if (n.Has(kFlagRemoved)) return;
  if (n.Has(kFlagText)) {
    const char* p = n.g->v.text.text;
    for (; *p; ++p) {
      const unsigned char c = static_cast<unsigned char>(*p);
      if (IsSpaceByte(c) || (c == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0)) {
        if (c == 0xC2) ++p;
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !cur_.empty() && cur_.back() != '\n') cur_.push_back(' ');
      pending_space_ = false;
      cur_.push_back(*p);
      if ((c & 0xC0) != 0x80) {
        ++cur_chars_;
        if (n.Has(kFlagInLink)) ++cur_link_chars_;
      }
    }
    return;
  }
  if (n.tag == GUMBO_TAG_BR) {
    if (!cur_.empty() && cur_.back() != '\n') cur_.push_back('\n');
    pending_space_ = false;
    return;
  }
  const bool block = n.Has(kFlagBlock);
  if (block) Flush(filter);
  if (n.Has(kFlagHeading)) cur_heading_ = true;
  if (n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_TH) pending_space_ = true;
  for (uint32_t c = idx + 1; c < n.end; c = nodes_[c].end) Emit(c, filter);
  if (block) Flush(filter);
}

std::string Extractor::MetaValue(std::initializer_list<std::string_view> keys) const {
  for (std::string_view key : keys) {
    for (const MetaTag& m : meta_.metas) {
      if (m.key == key && !m.value.empty()) return m.value;
    }
  }
  return "";
}

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

// ---------------------------------------------------------------------------
// Title, author, dates.

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

// ---------------------------------------------------------------------------

// A bump allocator for gumbo: its many small allocations (one per node,
// attribute and text buffer) cost more than the parse itself with malloc.
// Frees are no-ops; the arena is reset per page and keeps its first block.
class Arena {
 public:
  static void* Allocate(void* self, size_t size) { return static_cast<Arena*>(self)->Take(size); }
  static void Deallocate(void*, void*) {}
  void Reset() {
    if (blocks_.size() > 1) blocks_.resize(1);
    used_ = 0;
  }

 private:
  static constexpr size_t kBlock = 1 << 20;
  void* Take(size_t size) {
    size = (size + 15) & ~size_t{15};
    if (blocks_.empty() || used_ + size > blocks_.back().size) {
      const size_t block = std::max(kBlock, size);
      blocks_.push_back({std::unique_ptr<char[]>(new char[block]), block});
      used_ = 0;
    }
    void* p = blocks_.back().data.get() + used_;
    used_ += size;
    return p;
  }
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size;
  };
  std::vector<Block> blocks_;
  size_t used_ = 0;
};

// gumbo 0.10 adds up the digits of a numeric character reference in an int
// without an overflow check: "&#xEEEEEEEE;" wraps to a negative code point,
// which it writes out as one invalid UTF-8 byte, in text and attribute values
// alike (found by html_fuzzer, issue 10). The HTML standard turns every
// reference beyond U+10FFFF into U+FFFD; this does so before gumbo sees it.
// Returns false, leaving `out` alone, when `html` has no such reference.
bool ReplaceOutOfRangeCharRefs(std::string_view html, std::string& out) {
  constexpr uint64_t kBeyondUnicode = 0x110000;
  bool changed = false;
  size_t copied = 0;
  size_t amp = html.find("&#");
  while (amp != std::string_view::npos) {
    size_t i = amp + 2;
    const bool hex = i < html.size() && (html[i] == 'x' || html[i] == 'X');
    if (hex) ++i;
    const size_t digits_begin = i;
    uint64_t value = 0;
    for (; i < html.size(); ++i) {
      const char c = html[i];
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      else if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) break;
      value = std::min<uint64_t>(value * (hex ? 16 : 10) + static_cast<uint64_t>(digit), kBeyondUnicode);
    }
    if (i > digits_begin && value >= kBeyondUnicode) {
      if (!changed) {
        out.clear();
        out.reserve(html.size());
        changed = true;
      }
      out.append(html.substr(copied, amp - copied));
      out.append("\xEF\xBF\xBD");  // U+FFFD
      if (i < html.size() && html[i] == ';') ++i;
      copied = i;
    }
    amp = html.find("&#", std::max(i, amp + 2));
  }
  if (changed) out.append(html.substr(copied));
  return changed;
}

// Parses with the thread's arena; the output lives until the next Parse on
// this thread.
GumboOutput* Parse(std::string_view html) {
  thread_local Arena arena;
  thread_local std::string without_bad_refs;  // lives as long as the output, like the arena
  if (ReplaceOutOfRangeCharRefs(html, without_bad_refs)) html = without_bad_refs;
  arena.Reset();
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::Allocate;
  options.deallocator = &Arena::Deallocate;
  options.userdata = &arena;
  options.max_errors = 0;  // we never read the error list; recording errors is slow
  return gumbo_parse_with_options(&options, html.data(), html.size());
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const std::string& p : paragraphs) {
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  return text;
}

std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  start += 3;
  size_t end = url.find_first_of("/:?#", start);
  if (end == std::string_view::npos) end = url.size();
  return AsciiLower(url.substr(start, end - start));
}

// The main text of the page: the chosen container's paragraphs, or every
// good paragraph of the page when the container gives too little. Sets the
// title (needed to drop a repeated heading) and *container.
std::string Extractor::MainText(int32_t* container_out) {
  paragraphs_.clear();
  seen_paragraphs_.clear();
  cur_.clear();
  std::vector<uint32_t> parts;
  const int32_t container = ChooseContainer(parts);
  *container_out = container;
  title_for_filter_ = ChooseTitle(container);
  if (container >= 0) {
    if (parts.empty()) parts.push_back(static_cast<uint32_t>(container));
    for (uint32_t part : parts) Emit(part, /*filter=*/true);
    Flush(true);
  }
  std::string text = JoinParagraphs(paragraphs_);
  uint32_t dummy = 0;
  if (CountChars(text, &dummy) < 250) {
    // Fallback: every good paragraph of the page.
    paragraphs_.clear();
    seen_paragraphs_.clear();
    std::vector<std::string> good;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (n.Has(kFlagRemoved) || !(n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_PRE || n.tag == GUMBO_TAG_BLOCKQUOTE ||
                                   (n.tag == GUMBO_TAG_DIV && n.inline_chars >= 100))) {
        continue;
      }
      if (n.inline_chars < 50 || n.inline_link_chars * 3 > n.inline_chars) continue;
      paragraphs_.clear();
      Emit(static_cast<uint32_t>(i), true);
      for (std::string& p : paragraphs_) good.push_back(std::move(p));
      i = n.end - 1;
    }
    std::string fallback = JoinParagraphs(good);
    if (fallback.size() > text.size()) text = std::move(fallback);
  }
  return text;
}

Status Extractor::Run(std::string_view html, HtmlArticle& out) {
  std::string cleaned;
  std::vector<std::string> json_ld;
  StripScripts(html, cleaned, json_ld);
  GumboOutput* output = Parse(cleaned);
  if (!output) return Status::ParseError("HTML parser failed");
  nodes_.reserve(cleaned.size() / 40);
  Build(output->document, -1, 0, false);
  ParseJsonLd(json_ld);
  MarkRemoved(/*class_hints=*/true);
  ComputeStats();
  int32_t container = -1;
  std::string text = MainText(&container);
  uint32_t chars = 0;
  if (CountChars(text, &chars) < 250) {
    // Class hints can be wrong for a whole page ("nav-open" on a wrapper):
    // try again with tag-based removal only, and keep the longer result.
    MarkRemoved(/*class_hints=*/false);
    ComputeStats();
    int32_t retry_container = -1;
    std::string retry = MainText(&retry_container);
    if (retry.size() > text.size() + 200) {
      text = std::move(retry);
      container = retry_container;
    }
  }
  if (text.size() < 300 && ld_.article_body.size() > text.size() + 100) text = CollapseSpaces(ld_.article_body);
  out.text = std::move(text);
  out.title = ChooseTitle(container);

  out.author = ChooseAuthor();
  out.site_name = CollapseSpaces(MetaValue({"og:site_name", "application-name", "al:android:app_name"}));
  if (out.site_name.empty()) out.site_name = CollapseSpaces(ld_.publisher);
  out.description = CollapseSpaces(MetaValue({"og:description", "description", "twitter:description"}));
  if (out.description.empty()) out.description = CollapseSpaces(ld_.description);
  out.canonical_url = meta_.canonical;
  ChooseDates(container, out);

  std::string declared = meta_.html_lang;
  if (declared.empty()) declared = MetaValue({"content-language", "language", "og:locale", "dc.language"});
  if (declared.empty()) declared = ld_.language;
  if (declared.empty()) declared = std::string(context_.content_language);
  std::string host = HostOf(context_.url.empty() ? meta_.canonical : context_.url);
  const size_t dot = host.rfind('.');
  const std::string tld = dot == std::string::npos ? "" : host.substr(dot + 1);
  std::string detected = DetectLanguage(out.title + "\n" + out.text.substr(0, 4096), tld, declared);
  out.language = !detected.empty() ? detected : NormalizeLanguageTag(declared);

  if (out.text.empty()) {
    // No main text (a video or gallery page, a script-rendered body, a
    // paywall stub): an article page still yields its title, date and author,
    // with the description as a short text. A page without article evidence
    // (index and tag pages, error pages) is no article: an error.
    const std::string og_type = AsciiLower(MetaValue({"og:type"}));
    const bool article_page = ld_.has_article_type || og_type == "article" || og_type == "video.other" ||
                              og_type.rfind("video", 0) == 0 || !out.published.empty();
    if (out.title.empty() || !article_page) return Status::ParseError("no main text found");
    out.text = out.description;
    out.text_missing = true;
  }
  return Status::Ok();
}

std::string Extractor::FragmentText(std::string_view html) {
  std::string cleaned;
  std::vector<std::string> json_ld;
  StripScripts(html, cleaned, json_ld);
  GumboOutput* output = Parse(cleaned);
  if (!output) return "";
  Build(output->document, -1, 0, false);
  for (Node& n : nodes_) {
    if (n.parent >= 0 && nodes_[n.parent].Has(kFlagRemoved)) n.flags |= kFlagRemoved;
    if (n.g->type == GUMBO_NODE_ELEMENT &&
        (n.tag == GUMBO_TAG_HEAD || n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || IsHidden(n.g))) {
      n.flags |= kFlagRemoved;
    }
  }
  Emit(0, /*filter=*/false);
  Flush(false);
  return JoinParagraphs(paragraphs_);
}

}  // namespace

Status ExtractHtmlArticle(std::string_view html, const HtmlContext& context, HtmlArticle& out) {
  out = HtmlArticle{};
  Extractor extractor(context);
  return extractor.Run(html, out);
}

std::string HtmlFragmentToText(std::string_view html) {
  HtmlContext context;
  Extractor extractor(context);
  return extractor.FragmentText(html);
}

}  // namespace ties
