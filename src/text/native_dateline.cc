// native_dateline.cc: see native_dateline.h. A hand parser over the first line,
// with a cursor: place, optional date, agency, separator.
#include "text/native_dateline.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <fstream>

#include "common/data_file.h"
#include "common/text_util.h"
#include "text/dateline.h"

namespace ties {

Result<NativeDatelineRules> NativeDatelineRules::Load(const std::string& dir) {
  NativeDatelineRules rules;
  Result<DateWords> dates = DateWords::Load(dir);
  if (!dates.ok()) return dates.status();
  rules.dates = std::move(dates).value();
  const std::string path = dir + "/dateline.txt";
  Status status = ReadDataLines(path, [&](std::string_view line_view, int) {
    const std::string line(line_view);
    if (line.rfind("agency\t", 0) == 0) {
      const size_t tab = line.find('\t', 7);
      Agency a;
      a.written = line.substr(7, tab == std::string::npos ? std::string::npos : tab - 7);
      if (tab != std::string::npos) a.name = line.substr(tab + 1);
      if (!a.written.empty()) rules.agencies.push_back(std::move(a));
    } else if (line.rfind("dispatch ", 0) == 0) {
      rules.dispatch.push_back(std::string(TrimAscii(line.substr(9))));
      rules.han_layout = true;
    } else {
      return Status::InvalidArgument("unknown line (expected 'agency<TAB>...' or 'dispatch ...'): " + line);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  std::stable_sort(rules.agencies.begin(), rules.agencies.end(),
                   [](const Agency& a, const Agency& b) { return a.written.size() > b.written.size(); });
  return rules;
}

namespace {

constexpr size_t kMaxHead = 200;  // bytes: a dateline is short; never scan the article

// A cursor over the dateline's line.
struct Reader {
  std::string_view s;
  size_t pos = 0;

  bool AtEnd() const { return pos >= s.size(); }
  char32_t Peek(size_t* next = nullptr) const {
    size_t p = pos;
    const char32_t cp = p < s.size() ? DecodeUtf8(s, &p) : 0;
    if (next != nullptr) *next = p > pos ? p : pos + 1;
    return cp;
  }
  void SkipSpaces() {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  }
  bool Eat(std::string_view word) {
    if (s.substr(pos, word.size()) != word) return false;
    pos += word.size();
    return true;
  }
  std::string_view Digits() {
    const size_t b = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    return s.substr(b, pos - b);
  }
};

bool IsLetter(char32_t cp) { return cp != 0 && u_isalpha(static_cast<UChar32>(cp)); }
bool IsUpper(char32_t cp) { return u_isupper(static_cast<UChar32>(cp)); }

// The agency the data knows at the reader's position (case-sensitive), or null.
const NativeDatelineRules::Agency* EatAgency(Reader& r, const NativeDatelineRules& rules) {
  for (const auto& a : rules.agencies) {
    if (r.s.substr(r.pos, a.written.size()) != a.written) continue;
    Reader after{r.s, r.pos + a.written.size()};
    const char32_t next = after.Peek();
    if (IsLetter(next)) continue;  // a longer word
    r.pos = after.pos;
    return &a;
  }
  return nullptr;
}

std::string AgencyName(std::string_view written, const NativeDatelineRules& rules) {
  for (const auto& a : rules.agencies) {
    if (a.written == written) return a.name;
  }
  return std::string(written);
}

// A dash separator ("--", "—", "–", "-") followed by a space or the line end.
bool EatSeparator(Reader& r) {
  const size_t start = r.pos;
  for (std::string_view dash : {"--", "\xE2\x80\x94", "\xE2\x80\x93", "-"}) {
    if (r.Eat(dash)) {
      if (r.AtEnd() || r.s[r.pos] == ' ') return true;
      r.pos = start;
      return false;
    }
  }
  return false;
}

// "АСТАНА", "НУР-СУЛТАН", "УСТЬ-КАМЕНОГОРСК": one to three words in capitals.
bool EatCapitalsPlace(Reader& r, std::string_view* place) {
  const size_t start = r.pos;
  size_t end = start;
  for (int words = 0; words < 3; ++words) {
    size_t p = r.pos;
    int letters = 0;
    while (p < r.s.size()) {
      Reader at{r.s, p};
      size_t next;
      const char32_t cp = at.Peek(&next);
      if (IsLetter(cp)) {
        if (!IsUpper(cp)) return false;
        ++letters;
      } else if (!(cp == '-' && letters > 0)) {
        break;
      }
      p = next;
    }
    if (letters < 2 && words == 0) return false;
    if (letters == 0) break;
    end = p;
    r.pos = p;
    if (r.pos + 1 < r.s.size() && r.s[r.pos] == ' ' && IsUpper(Reader{r.s, r.pos + 1}.Peek())) {
      // another capitals word follows, unless it is the agency ("АСТАНА. КАЗИНФОРМ" has a dot first)
      ++r.pos;
      continue;
    }
    break;
  }
  r.pos = end;
  *place = r.s.substr(start, end - start);
  return end > start;
}

// "16 июня", "16 маусым", "16 июн." -> month and day.
bool EatDayMonth(Reader& r, const DateWords& dates, int* month, int* day) {
  const size_t start = r.pos;
  const int d = ParseDayNumber(r.Digits());
  if (d == 0 || !r.Eat(" ")) {
    r.pos = start;
    return false;
  }
  const size_t word_begin = r.pos;
  while (!r.AtEnd()) {
    size_t next;
    if (!IsLetter(r.Peek(&next))) break;
    r.pos = next;
  }
  const int m = dates.Month(Utf8Lower(r.s.substr(word_begin, r.pos - word_begin)));
  if (m == 0) {
    r.pos = start;
    return false;
  }
  *month = m;
  *day = d;
  return true;
}

bool ParseCyrillic(Reader& r, std::string_view published, const NativeDatelineRules& rules, Dateline* out) {
  std::string_view place;
  if (!EatCapitalsPlace(r, &place)) return false;
  if (!(r.Eat(",") || r.Eat("."))) return false;
  r.SkipSpaces();
  int month = 0, day = 0;
  if (EatDayMonth(r, rules.dates, &month, &day)) {
    r.Eat(".");
    r.Eat(",");
    r.SkipSpaces();
  }
  std::string agency;
  bool have_agency = false;
  bool need_separator = true;
  if (r.Eat("(")) {
    const size_t close = r.s.find(')', r.pos);
    if (close == std::string_view::npos || close - r.pos > 48) return false;
    agency = AgencyName(TrimAscii(r.s.substr(r.pos, close - r.pos)), rules);
    r.pos = close + 1;
    have_agency = true;
  } else if (r.Eat("/")) {  // TASS: "/ТАСС/."
    const size_t close = r.s.find('/', r.pos);
    if (close == std::string_view::npos || close - r.pos > 48) return false;
    agency = AgencyName(TrimAscii(r.s.substr(r.pos, close - r.pos)), rules);
    r.pos = close + 1;
    r.Eat(".");
    have_agency = true;
    need_separator = false;
  } else if (const auto* a = EatAgency(r, rules)) {  // Kazinform: "ҚазАқпарат -", "КАЗИНФОРМ -"
    agency = a->name;
    have_agency = true;
    r.Eat(".");
  }
  const size_t before_separator = r.pos;
  r.SkipSpaces();
  if (EatSeparator(r)) {
    if (!have_agency) {  // RIA Novosti: "МОСКВА, 16 июн — РИА Новости."
      Reader after{r.s, r.pos};
      after.SkipSpaces();
      if (const auto* a = EatAgency(after, rules)) {
        agency = a->name;
        have_agency = true;
        after.Eat(".");
        r.pos = after.pos;
      }
    }
  } else if (need_separator) {
    return false;
  } else {
    r.pos = before_separator;
  }
  if (!have_agency && month == 0) return false;  // "МОСКВА -" alone is too weak a cue
  out->place = Utf8TitleCase(place);
  out->agency = agency;
  out->date = month ? ResolveMonthDay(month, day, published) : "";
  return true;
}

// 新华社阿斯塔纳6月16日电（记者李明）
bool ParseHan(Reader& r, std::string_view published, const NativeDatelineRules& rules, Dateline* out) {
  const NativeDatelineRules::Agency* agency = nullptr;
  for (const auto& a : rules.agencies) {
    if (r.Eat(a.written)) {
      agency = &a;
      break;
    }
  }
  if (agency == nullptr) return false;
  const size_t place_begin = r.pos;
  constexpr size_t kMaxPlace = 8 * 3;  // eight characters
  auto at_dispatch = [&] {
    for (const std::string& d : rules.dispatch) {
      if (r.s.substr(r.pos, d.size()) == d) return true;
    }
    return false;
  };
  while (!r.AtEnd() && r.pos - place_begin <= kMaxPlace && !at_dispatch()) {
    size_t next;
    const char32_t cp = r.Peek(&next);
    if (cp < 0x2E80 || !IsLetter(cp)) break;
    r.pos = next;
  }
  const std::string_view place = r.s.substr(place_begin, r.pos - place_begin);
  int month = 0, day = 0;
  const DateWords& dates = rules.dates;
  if (!dates.month_marker.empty()) {
    const size_t date_begin = r.pos;
    const int m = ParseDayNumber(r.Digits());
    if (m >= 1 && m <= 12 && r.Eat(dates.month_marker)) {
      const int d = ParseDayNumber(r.Digits());
      bool marked = false;
      for (const std::string& dm : dates.day_markers) marked = marked || (d > 0 && r.Eat(dm));
      if (marked) {
        month = m;
        day = d;
      } else {
        r.pos = date_begin;
      }
    } else {
      r.pos = date_begin;
    }
  }
  bool dispatched = false;
  for (const std::string& d : rules.dispatch) dispatched = dispatched || r.Eat(d);
  if (!dispatched) return false;
  // The byline in brackets: （记者李明） or (记者 李明).
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"\xEF\xBC\x88", "\xEF\xBC\x89"},
                             std::pair<std::string_view, std::string_view>{"(", ")"}}) {
    if (r.s.substr(r.pos, open.size()) != open) continue;
    const size_t c = r.s.find(close, r.pos + open.size());
    if (c != std::string_view::npos && c - r.pos <= 90) r.pos = c + close.size();
    break;
  }
  out->place = std::string(place);
  out->agency = agency->name;
  out->date = month ? ResolveMonthDay(month, day, published) : "";
  return true;
}

}  // namespace

bool ParseNativeDateline(std::string_view text, std::string_view published, const NativeDatelineRules& rules,
                         Dateline* out) {
  size_t start = 0;
  const std::string_view head = DatelineHead(text, kMaxHead, &start);
  Reader r{head, 0};
  Dateline d;
  const bool found = rules.han_layout ? ParseHan(r, published, rules, &d) : ParseCyrillic(r, published, rules, &d);
  if (!found) return false;
  size_t end = r.pos;
  while (end > 0 && head[end - 1] == ' ') --end;
  d.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(start + end)};
  *out = std::move(d);
  return true;
}

}  // namespace ties
