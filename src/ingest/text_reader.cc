// text_reader.cc: plain-text articles (the seed's layout) and date normalisation.
#include <cstdlib>
#include <string>

#include "common/text_util.h"
#include "ingest/record_reader.h"
#include "ties/reader.h"

namespace ties {

namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "10:34" or "10:34:56" -> "10:34"; "" when not a time.
std::string ParseClock(std::string_view s) {
  if (s.size() < 4) return "";
  const size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return "";
  const std::string_view h = s.substr(0, colon);
  const std::string_view m = s.substr(colon + 1, 2);
  if (!IsDigits(h) || m.size() != 2 || !IsDigits(m)) return "";
  const int hour = std::atoi(std::string(h).c_str());
  const int minute = std::atoi(std::string(m).c_str());
  if (hour > 23 || minute > 59) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
  return buf;
}

// "June 17, 2025" / "17 June 2025" / "Jun 17 2025" -> "2025-06-17".
std::string ParseWrittenDate(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!cur.empty()) words.push_back(cur), cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(cur);
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    int month = MonthFromName(words[i]);
    std::string_view day, year;
    if (month && IsDigits(words[i + 1]) && IsDigits(words[i + 2])) {
      day = words[i + 1];
      year = words[i + 2];
    } else if (IsDigits(words[i]) && (month = MonthFromName(words[i + 1])) && IsDigits(words[i + 2])) {
      day = words[i];
      year = words[i + 2];
    } else {
      continue;
    }
    if (year.size() != 4 || day.size() > 2) continue;
    const int y = std::atoi(std::string(year).c_str());
    const int d = std::atoi(std::string(day).c_str());
    int yy, mm, dd;
    CivilFromDays(DaysFromCivil(y, month, d), &yy, &mm, &dd);
    if (dd != d || mm != month) continue;
    return FormatDate(y, month, d);
  }
  return "";
}

}  // namespace

std::string NormalizePublished(std::string_view raw) {
  const std::string_view s = TrimAscii(raw);
  int y, m, d;
  if (ParseIsoDate(s, &y, &m, &d)) {
    std::string out = FormatDate(y, m, d);
    if (s.size() > 11 && (s[10] == 'T' || s[10] == ' ')) {
      const std::string clock = ParseClock(s.substr(11, 8));
      if (!clock.empty()) out += "T" + clock;
    }
    return out;
  }
  // Compact "20250617".
  if (s.size() == 8 && IsDigits(s)) {
    const std::string iso = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" +
                            std::string(s.substr(6, 2));
    if (ParseIsoDate(iso, &y, &m, &d)) return iso;
  }
  std::string date = ParseWrittenDate(s);
  if (date.empty()) return "";
  // A clock anywhere after the date ("Tue, 17 Jun 2025 10:34:00 +0000").
  for (size_t i = 0; i + 4 < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9' && (s[i + 1] == ':' || (i + 2 < s.size() && s[i + 2] == ':'))) {
      if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
      const std::string clock = ParseClock(s.substr(i, 5));
      if (!clock.empty()) return date + "T" + clock;
    }
  }
  return date;
}

std::string IdStemFromPath(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view ext : {".gz", ".txt", ".text", ".jsonl", ".json", ".ndjson", ".html", ".htm"}) {
    if (name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext) {
      name.remove_suffix(ext.size());
    }
  }
  return std::string(name);
}

Status ParseTextArticle(std::string_view content, std::string_view origin, Document& doc) {
  // Strip a byte-order mark; line ends become "\n" (the article text is built
  // from the lines, so its offsets refer to this normalised form).
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::string normalised;
  normalised.reserve(content.size());
  for (size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\r') {
      if (i + 1 < content.size() && content[i + 1] == '\n') continue;
      normalised.push_back('\n');
    } else {
      normalised.push_back(content[i]);
    }
  }
  if (TrimAscii(normalised).empty()) return Status::ParseError(std::string(origin) + ": empty article");
  size_t bad = 0;
  if (!IsValidUtf8(normalised, &bad)) {
    return Status::ParseError(std::string(origin) + ": invalid UTF-8 at byte " + std::to_string(bad) +
                              " (convert the file to UTF-8)");
  }
  if (normalised.find('\0') != std::string::npos) {
    return Status::ParseError(std::string(origin) + ": NUL byte in text (binary file?)");
  }

  size_t pos = 0;
  auto next_line = [&](std::string_view* line) -> bool {
    if (pos >= normalised.size()) return false;
    size_t nl = normalised.find('\n', pos);
    if (nl == std::string::npos) nl = normalised.size();
    *line = std::string_view(normalised).substr(pos, nl - pos);
    pos = nl + 1;
    return true;
  };
  std::string_view line;
  // First non-blank line.
  size_t first_line_pos = 0;
  do {
    first_line_pos = pos;
    if (!next_line(&line)) return Status::ParseError(std::string(origin) + ": empty article");
  } while (TrimAscii(line).empty());

  const std::string_view first = TrimAscii(line);
  bool has_header = false;
  if (StartsWithIgnoreCase(first, "date ") || StartsWithIgnoreCase(first, "date\t")) {
    const std::string_view rest = TrimAscii(first.substr(5));
    int y, m, d;
    if (ParseIsoDate(rest, &y, &m, &d)) {
      has_header = true;
      doc.meta.published = FormatDate(y, m, d);
      doc.meta.title = std::string(TrimAscii(rest.substr(10)));
    }
  }
  size_t body_begin;
  if (has_header) {
    // Optional source/time line: "Xinhua) 10:34, June 17, 2025", "(AP) 10:34".
    size_t after_header = pos;
    std::string_view candidate;
    while (next_line(&candidate) && TrimAscii(candidate).empty()) after_header = pos;
    body_begin = after_header;
    std::string_view src = TrimAscii(candidate);
    const size_t paren = src.find(')');
    if (!src.empty() && src.size() < 100 && paren != std::string_view::npos && paren < 50) {
      std::string_view name = src.substr(0, paren);
      if (!name.empty() && name.front() == '(') name.remove_prefix(1);
      std::string_view tail = TrimAscii(src.substr(paren + 1));
      std::string clock;
      if (!tail.empty()) {
        const size_t comma = tail.find(',');
        clock = ParseClock(TrimAscii(tail.substr(0, comma)));
        std::string written = comma == std::string_view::npos ? "" : ParseWrittenDate(tail.substr(comma + 1));
        if (doc.meta.published.empty() && !written.empty()) doc.meta.published = written;
      }
      const bool plain_name = !name.empty() && name.size() <= 40 && name.find('(') == std::string_view::npos;
      if (plain_name && (name.find(' ') == std::string_view::npos || !clock.empty())) {
        doc.meta.source = std::string(TrimAscii(name));
        if (!clock.empty() && !doc.meta.published.empty()) doc.meta.published += "T" + clock;
        body_begin = pos;
      }
    }
  } else {
    doc.meta.title = std::string(first.substr(0, 300));
    body_begin = first_line_pos;
  }
  // Skip blank lines before the body; keep the body exactly otherwise.
  while (body_begin < normalised.size() &&
         (normalised[body_begin] == '\n' || normalised[body_begin] == ' ' || normalised[body_begin] == '\t')) {
    ++body_begin;
  }
  std::string_view body = std::string_view(normalised).substr(std::min(body_begin, normalised.size()));
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ' || body.back() == '\t')) body.remove_suffix(1);
  if (body.empty()) return Status::ParseError(std::string(origin) + ": article has a header but no body");
  doc.text.assign(body);
  doc.meta.id = IdStemFromPath(origin);
  doc.meta.origin = std::string(origin);
  return Status::Ok();
}

}  // namespace ties
