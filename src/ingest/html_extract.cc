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
// The pre-pass is html_prepass.cc; metadata (JSON-LD, title, author, dates) is html_metadata.cc;
// what they share with this file is html_internal.h.
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
#include "ingest/html_internal.h"
#include "ingest/language_detect.h"

namespace ties {
namespace html_internal {

namespace {

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

}  // namespace


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

namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

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

}  // namespace html_internal

Status ExtractHtmlArticle(std::string_view html, const HtmlContext& context, HtmlArticle& out) {
  out = HtmlArticle{};
  html_internal::Extractor extractor(context);
  return extractor.Run(html, out);
}

std::string HtmlFragmentToText(std::string_view html) {
  HtmlContext context;
  html_internal::Extractor extractor(context);
  return extractor.FragmentText(html);
}

}  // namespace ties
