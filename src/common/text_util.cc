// text_util.cc: see text_util.h.
#include "common/text_util.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cstdio>

namespace ties {

char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  size_t i = *pos;
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  size_t len;
  char32_t cp;
  char32_t min;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
  else { *pos = i + 1; return 0xFFFD; }
  if (i + len > s.size()) { *pos = i + 1; return 0xFFFD; }
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) { *pos = i + 1; return 0xFFFD; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *pos = i + 1; return 0xFFFD; }
  *pos = i + len;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
    size_t next = i;
    const char32_t cp = DecodeUtf8(s, &next);
    // A genuine U+FFFD in the input is 3 bytes; an invalid byte advances by 1.
    if (cp == 0xFFFD && next == i + 1) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i = next;
  }
  return true;
}

size_t RepairUtf8(std::string& s) {
  size_t bad = 0;
  if (IsValidUtf8(s, &bad)) return 0;
  std::string out;
  out.reserve(s.size() + 16);
  size_t replaced = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t next = i;
    const char32_t cp = DecodeUtf8(s, &next);
    if (cp == 0xFFFD && next == i + 1 && static_cast<unsigned char>(s[i]) >= 0x80) {
      out += "\xEF\xBF\xBD";
      ++replaced;
    } else {
      out.append(s, i, next - i);
    }
    i = next;
  }
  s.swap(out);
  return replaced;
}

std::string_view TrimAscii(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n' || s[b] == '\f' || s[b] == '\v')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n' || s[e - 1] == '\f' || s[e - 1] == '\v')) --e;
  return s.substr(b, e - b);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string Utf8Lower(std::string_view s) {
  bool ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  }
  if (ascii) return AsciiLower(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Utf8TitleCase(std::string_view s) {
  bool ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  }
  if (ascii) {  // the common case, without ICU's word-break iterator
    std::string out(s);
    bool word_start = true;
    for (char& c : out) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (letter) {
        if (word_start && c >= 'a') c = static_cast<char>(c - 'a' + 'A');
        if (!word_start && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        word_start = false;
      } else {
        word_start = c != '\'' && !(c >= '0' && c <= '9');
      }
    }
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toTitle(nullptr, icu::Locale::getEnglish());
  std::string out;
  u.toUTF8String(out);
  return out;
}

int MonthFromName(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"january", "february", "march", "april", "may", "june",
                                                 "july", "august", "september", "october", "november", "december"};
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.size() < 3) return 0;
  const std::string lower = AsciiLower(word);
  for (int m = 0; m < 12; ++m) {
    if (lower == kMonths[m]) return m + 1;
  }
  if (lower == "sept") return 9;
  if (lower.size() == 3) {
    for (int m = 0; m < 12; ++m) {
      if (kMonths[m].substr(0, 3) == lower) return m + 1;
    }
  }
  return 0;
}

// Howard Hinnant's civil-date algorithms (public domain).
int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t days, int* year, int* month, int* day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  *year = static_cast<int>(y + (m <= 2));
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

std::string FormatDate(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool ParseIsoDate(std::string_view s, int* year, int* month, int* day) {
  if (s.size() < 10) return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  if (s[4] != '-' || s[7] != '-') return false;
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const int m = (s[5] - '0') * 10 + (s[6] - '0');
  const int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  int yy, mm, dd;
  CivilFromDays(DaysFromCivil(y, m, d), &yy, &mm, &dd);
  if (yy != y || mm != m || dd != d) return false;  // e.g. February 30
  *year = y;
  *month = m;
  *day = d;
  return true;
}

}  // namespace ties
