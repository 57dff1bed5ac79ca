// html_internal.h: what the files of the HTML extractor share (not part of the library): the
// flattened tree, the page's metadata and the Extractor class. How the main text is found:
// html_extract.cc. The files: html_prepass.cc (scripts and styles cut out before parsing),
// html_extract.cc (tree, removal, container, paragraphs), html_metadata.cc (JSON-LD, title,
// author, dates).
#ifndef TIES_INGEST_HTML_INTERNAL_H_
#define TIES_INGEST_HTML_INTERNAL_H_

#include <gumbo.h>
#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ingest/html_dates.h"
#include "ingest/html_extract.h"

namespace ties::html_internal {

constexpr int kMaxDepth = 400;

// The pre-pass: copies `html` without scripts, styles, svg, noscript and
// comments, and with start tags reduced to the attributes we read. JSON-LD
// script bodies are collected into `json_ld`. Tags nested deeper than
// kMaxNesting are dropped.
void StripScripts(std::string_view html, std::string& out, std::vector<std::string>& json_ld);

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

inline bool IsBlockTag(GumboTag tag) {
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

inline bool IsHeadingTag(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Tags whose content is never article text.
inline bool IsDroppedTag(GumboTag tag) {
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

inline const char* Attr(const GumboNode* g, const char* name) {
  if (g->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&g->v.element.attributes, name);
  return a ? a->value : nullptr;
}

inline std::string_view AttrView(const GumboNode* g, const char* name) {
  const char* v = Attr(g, name);
  return v ? std::string_view(v) : std::string_view();
}

inline bool IsSpaceByte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Counts non-space code points; U+00A0 counts as space.
inline uint32_t CountChars(std::string_view s, uint32_t* commas) {
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

// Runs of white space as one space, trimmed (html_metadata.cc).
std::string CollapseSpaces(std::string_view s);

}  // namespace ties::html_internal

#endif  // TIES_INGEST_HTML_INTERNAL_H_
