// feed_reader.cc: a lenient XML tokenizer specialised for feeds.
#include "ingest/feed_reader.h"

#include <cstdlib>

#include "common/text_util.h"

namespace ties {

namespace {

struct Entity {
  std::string_view name;
  char32_t cp;
};

// XML's five plus the HTML entities most often found in feed text.
constexpr Entity kEntities[] = {
    {"lt", '<'},        {"gt", '>'},        {"amp", '&'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},     {"mdash", 0x2014},  {"ndash", 0x2013},  {"hellip", 0x2026}, {"rsquo", 0x2019},
    {"lsquo", 0x2018},  {"rdquo", 0x201D},  {"ldquo", 0x201C},  {"laquo", 0xAB},    {"raquo", 0xBB},
    {"copy", 0xA9},     {"reg", 0xAE},      {"trade", 0x2122},  {"eacute", 0xE9},   {"egrave", 0xE8},
    {"aacute", 0xE1},   {"oacute", 0xF3},   {"iacute", 0xED},   {"uacute", 0xFA},   {"ntilde", 0xF1},
    {"uuml", 0xFC},     {"ouml", 0xF6},     {"auml", 0xE4},     {"szlig", 0xDF},    {"ccedil", 0xE7},
    {"bull", 0x2022},   {"middot", 0xB7},   {"euro", 0x20AC},   {"pound", 0xA3},    {"deg", 0xB0},
};

size_t DecodeEntity(std::string_view s, size_t amp, std::string& out) {
  const size_t semi = s.find(';', amp + 1);
  if (semi == std::string_view::npos || semi - amp > 12) return 0;
  const std::string_view name = s.substr(amp + 1, semi - amp - 1);
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string digits(name.substr(hex ? 2 : 1));
    char* end = nullptr;
    const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (digits.empty() || *end != '\0' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    AppendUtf8(out, static_cast<char32_t>(cp));
    return semi + 1 - amp;
  }
  for (const Entity& e : kEntities) {
    if (name == e.name) {
      AppendUtf8(out, e.cp);
      return semi + 1 - amp;
    }
  }
  return 0;
}

struct Tag {
  std::string name;  // lowercase qualified name ("content:encoded")
  std::string_view attrs;
  bool closing = false;
  bool self_closing = false;
  size_t begin = 0, end = 0;  // [begin, end) of the tag markup
};

std::string AttrValue(std::string_view attrs, std::string_view name) {
  size_t pos = 0;
  while ((pos = attrs.find(name, pos)) != std::string_view::npos) {
    const bool start_ok = pos == 0 || attrs[pos - 1] == ' ' || attrs[pos - 1] == '\t' || attrs[pos - 1] == '\n';
    size_t eq = pos + name.size();
    while (eq < attrs.size() && attrs[eq] == ' ') ++eq;
    if (!start_ok || eq >= attrs.size() || attrs[eq] != '=') {
      pos += name.size();
      continue;
    }
    size_t v = eq + 1;
    while (v < attrs.size() && attrs[v] == ' ') ++v;
    if (v >= attrs.size()) return "";
    const char quote = attrs[v];
    if (quote == '"' || quote == '\'') {
      const size_t close = attrs.find(quote, v + 1);
      return DecodeXmlText(attrs.substr(v + 1, (close == std::string_view::npos ? attrs.size() : close) - v - 1));
    }
    size_t e = v;
    while (e < attrs.size() && attrs[e] != ' ' && attrs[e] != '>' && attrs[e] != '/') ++e;
    return std::string(attrs.substr(v, e - v));
  }
  return "";
}

// Returns the next tag at or after `pos`, skipping comments, CDATA sections,
// processing instructions and doctypes. False at end of input.
bool NextTag(std::string_view xml, size_t& pos, Tag& tag) {
  while (pos < xml.size()) {
    const size_t lt = xml.find('<', pos);
    if (lt == std::string_view::npos) {
      pos = xml.size();
      return false;
    }
    if (xml.compare(lt, 4, "<!--") == 0) {
      const size_t end = xml.find("-->", lt + 4);
      pos = end == std::string_view::npos ? xml.size() : end + 3;
      continue;
    }
    if (xml.compare(lt, 9, "<![CDATA[") == 0) {
      const size_t end = xml.find("]]>", lt + 9);
      pos = end == std::string_view::npos ? xml.size() : end + 3;
      continue;
    }
    if (xml.compare(lt, 2, "<?") == 0 || xml.compare(lt, 2, "<!") == 0) {
      const size_t end = xml.find('>', lt + 2);
      pos = end == std::string_view::npos ? xml.size() : end + 1;
      continue;
    }
    size_t i = lt + 1;
    tag.closing = i < xml.size() && xml[i] == '/';
    if (tag.closing) ++i;
    const size_t name_begin = i;
    while (i < xml.size() && xml[i] != ' ' && xml[i] != '>' && xml[i] != '/' && xml[i] != '\t' && xml[i] != '\n' &&
           xml[i] != '\r') {
      ++i;
    }
    if (i == name_begin) {  // a stray "<"
      pos = lt + 1;
      continue;
    }
    tag.name = AsciiLower(xml.substr(name_begin, i - name_begin));
    // Find the end of the tag, respecting quoted attribute values.
    size_t j = i;
    char quote = 0;
    while (j < xml.size() && (quote || xml[j] != '>')) {
      if (quote) {
        if (xml[j] == quote) quote = 0;
      } else if (xml[j] == '"' || xml[j] == '\'') {
        quote = xml[j];
      }
      ++j;
    }
    tag.self_closing = j > i && xml[j - 1] == '/';
    tag.attrs = xml.substr(i, (j > i ? j - i : 0) - (tag.self_closing ? 1 : 0));
    tag.begin = lt;
    tag.end = std::min(j + 1, xml.size());
    pos = tag.end;
    return true;
  }
  return false;
}

std::string StripMarkup(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out.push_back(c);
  }
  return std::string(TrimAscii(out));
}

// Stores the raw inner markup of a direct child of an item (item != null) or
// of the channel.
void StoreField(const std::string& name, std::string_view raw, FeedItem* item, Feed& out) {
  std::string value = DecodeXmlText(raw);
  if (item) {
    if (name == "title") item->title = StripMarkup(value);
    else if (name == "link" && item->link.empty()) item->link = std::string(TrimAscii(value));
    else if (name == "guid" || name == "id") item->id = std::string(TrimAscii(value));
    else if (name == "pubdate" || name == "published" || name == "dc:date" || name == "issued") {
      if (item->published.empty()) item->published = std::string(TrimAscii(value));
    } else if (name == "updated" || name == "modified" || name == "dcterms:modified") {
      item->updated = std::string(TrimAscii(value));
    } else if (name == "author" || name == "dc:creator" || name == "creator") {
      if (item->author.empty()) {
        const size_t n = raw.find("<name>");
        item->author = n != std::string_view::npos
                           ? StripMarkup(DecodeXmlText(raw.substr(n, raw.find("</name>", n) - n)))
                           : StripMarkup(value);
      }
    } else if (name == "content:encoded" || name == "content") {
      if (item->content.empty() || name == "content:encoded") item->content = std::move(value);
    } else if (name == "description" || name == "summary") {
      item->summary = std::move(value);
    }
    return;
  }
  if (name == "title" && out.title.empty()) out.title = StripMarkup(value);
  else if (name == "link" && out.link.empty()) out.link = std::string(TrimAscii(value));
  else if ((name == "language" || name == "dc:language") && out.language.empty()) {
    out.language = std::string(TrimAscii(value));
  }
}

}  // namespace

std::string DecodeXmlText(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    if (raw.compare(i, 9, "<![CDATA[") == 0) {
      const size_t end = raw.find("]]>", i + 9);
      const size_t stop = end == std::string_view::npos ? raw.size() : end;
      out.append(raw.substr(i + 9, stop - i - 9));
      i = end == std::string_view::npos ? raw.size() : end + 3;
      continue;
    }
    if (raw[i] == '&') {
      const size_t used = DecodeEntity(raw, i, out);
      if (used) {
        i += used;
        continue;
      }
    }
    out.push_back(raw[i++]);
  }
  return out;
}

Status ParseFeed(std::string_view xml, Feed& out) {
  out = Feed{};
  size_t pos = 0;
  Tag tag;
  bool root = false;
  bool atom = false;
  int depth = 0;
  int item_depth = -1;      // depth of the open <item>/<entry>, -1 outside items
  int channel_depth = -1;   // depth where channel-level fields live
  FeedItem item;
  while (NextTag(xml, pos, tag)) {
    const std::string& name = tag.name;
    if (!root) {
      if (name == "rss" || name == "rdf:rdf" || name == "feed") {
        root = true;
        atom = name == "feed";
        if (atom) channel_depth = 1;
      } else if (!tag.closing && name != "html") {
        continue;  // leading junk
      } else {
        return Status::ParseError("not an RSS or Atom feed (root element <" + name + ">)");
      }
    }
    if (tag.closing) {
      if ((name == "item" || name == "entry") && item_depth == depth) {
        out.items.push_back(std::move(item));
        item = FeedItem{};
        item_depth = -1;
      }
      if (name == "channel" && channel_depth == depth) channel_depth = -1;
      --depth;
      if (depth < 0) break;
      continue;
    }
    // Opening (or self-closing) tag.
    ++depth;
    if ((name == "item" || name == "entry") && item_depth < 0) {
      item = FeedItem{};
      item_depth = depth;
      item.language = AttrValue(tag.attrs, "xml:lang");
    } else if (name == "channel") {
      channel_depth = depth;
      if (out.language.empty()) out.language = AttrValue(tag.attrs, "xml:lang");
    } else if (((item_depth >= 0 && depth == item_depth + 1) ||
                                   (item_depth < 0 && channel_depth >= 0 && depth == channel_depth + 1))) {
      if (name == "link" && (atom || !tag.attrs.empty())) {
        // Atom: <link rel="alternate" href="..."/>.
        const std::string rel = AttrValue(tag.attrs, "rel");
        const std::string href = AttrValue(tag.attrs, "href");
        if (!href.empty() && (rel.empty() || rel == "alternate")) {
          if (item_depth >= 0 && item.link.empty()) item.link = href;
          if (item_depth < 0 && out.link.empty()) out.link = href;
        }
      } else if (!tag.self_closing) {
        // Capture the raw inner markup up to the matching close tag (inner
        // markup may be unbalanced HTML, so depth is not tracked inside).
        const size_t field_begin = tag.end;
        size_t scan = tag.end;
        size_t field_end = xml.size();
        int same = 0;
        Tag inner;
        while (NextTag(xml, scan, inner)) {
          if (inner.name != name) continue;
          if (!inner.closing) {
            if (!inner.self_closing) ++same;
          } else if (same-- == 0) {
            field_end = inner.begin;
            break;
          }
        }
        StoreField(name, xml.substr(field_begin, field_end - field_begin), item_depth >= 0 ? &item : nullptr, out);
        pos = scan;
        --depth;
        continue;
      }
    }
    if (depth == 1 && atom) {
      if (out.language.empty()) out.language = AttrValue(tag.attrs, "xml:lang");
    }
    if (tag.self_closing) --depth;
  }
  if (!root) return Status::ParseError("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)");
  if (item_depth >= 0) out.items.push_back(std::move(item));  // unterminated last item
  return Status::Ok();
}

}  // namespace ties
