// html_prepass.cc: the HTML extractor's first step (html_extract.cc): scripts, styles, svg,
// noscript and comments cut out of the markup before gumbo parses it, JSON-LD blocks kept aside.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "common/text_util.h"
#include "ingest/html_internal.h"

namespace ties::html_internal {

namespace {

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

}  // namespace

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

}  // namespace ties::html_internal
