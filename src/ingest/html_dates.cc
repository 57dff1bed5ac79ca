// html_dates.cc: date strings of web pages -> ISO dates.
//
// The parser tokenises the string once into numbers, words and separators,
// then tries a handful of shapes at each token (ISO Y-M-D, D.M.Y, M/D/Y,
// "June 17, 2025", "17 June 2025", "2025年6月17日"). Month names come from one
// table covering the languages most common in news crawls; adding a language
// is adding its month names to kMonthNames.
#include "ingest/html_dates.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/text_util.h"

namespace ties {

namespace {

// Month names and abbreviations (lowercase, without the final period) in
// English, German, French, Spanish, Italian, Portuguese, Dutch, Indonesian,
// Swedish, Danish/Norwegian, Turkish, Polish and Russian (nominative and
// genitive). Facts of language; no license concerns.
const std::unordered_map<std::string, int>& MonthNames() {
  static const auto* names = [] {
    auto* m = new std::unordered_map<std::string, int>;
    const std::vector<std::pair<int, std::vector<const char*>>> table = {
        {1, {"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
             "januari", "ocak", "stycznia", "styczeń", "styczen", "января", "январь", "янв"}},
        {2, {"february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "fevereiro",
             "fev", "februari", "şubat", "subat", "lutego", "luty", "февраля", "февраль", "фев"}},
        {3, {"march", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo", "março", "marco", "maart", "mrt", "maret",
             "mart", "marca", "marzec", "марта", "март", "мар"}},
        {4, {"april", "apr", "avril", "avr", "abril", "abr", "aprile", "nisan", "kwietnia", "kwiecień", "kwiecien",
             "апреля", "апрель", "апр"}},
        {5, {"may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "mayıs", "mayis", "maja", "мая", "май"}},
        {6, {"june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "haziran", "czerwca", "czerwiec",
             "июня", "июнь", "июн"}},
        {7, {"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "temmuz", "lipca", "lipiec",
             "июля", "июль", "июл"}},
        {8, {"august", "aug", "août", "aout", "agosto", "ago", "augustus", "agustus", "agt", "ags", "augusti",
             "ağustos", "agustos", "sierpnia", "sierpień", "sierpien", "августа", "август", "авг"}},
        {9, {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro",
             "eylül", "eylul", "września", "wrzesnia", "wrzesień", "wrzesien", "сентября", "сентябрь", "сен"}},
        {10, {"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "ekim",
              "października", "pazdziernika", "październik", "pazdziernik", "октября", "октябрь", "окт"}},
        {11, {"november", "nov", "novembre", "noviembre", "novembro", "kasım", "kasim", "listopada", "listopad",
              "ноября", "ноябрь", "ноя"}},
        {12, {"december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre",
              "dezembro", "desember", "des", "aralık", "aralik", "grudnia", "grudzień", "grudzien", "декабря",
              "декабрь", "дек"}},
    };
    for (const auto& [month, words] : table) {
      for (const char* w : words) m->emplace(w, month);
    }
    return m;
  }();
  return *names;
}

enum class TokKind : uint8_t { kNum, kWord, kSep };

struct Tok {
  TokKind kind;
  std::string_view text;
};

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Splits into digit runs, letter runs (ASCII letters and any non-ASCII byte,
// so UTF-8 words stay whole) and single separator characters; runs of spaces
// become one " " separator.
void Tokenize(std::string_view s, std::vector<Tok>& toks) {
  toks.clear();
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    size_t j = i + 1;
    if (IsDigit(c)) {
      while (j < s.size() && IsDigit(s[j])) ++j;
      toks.push_back({TokKind::kNum, s.substr(i, j - i)});
    } else if (IsAsciiAlpha(c) || (static_cast<unsigned char>(c) >= 0x80)) {
      // Digits end a word, so "6月17日" tokenises as 6 月 17 日.
      while (j < s.size() && (IsAsciiAlpha(s[j]) || static_cast<unsigned char>(s[j]) >= 0x80)) ++j;
      toks.push_back({TokKind::kWord, s.substr(i, j - i)});
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;
      toks.push_back({TokKind::kSep, " "});
    } else {
      toks.push_back({TokKind::kSep, s.substr(i, 1)});
    }
    i = j;
  }
}

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool ValidYmd(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  int yy, mm, dd;
  CivilFromDays(DaysFromCivil(y, m, d), &yy, &mm, &dd);
  return mm == m && dd == d;
}

int MonthWord(std::string_view word) {
  if (word.size() < 3 || word.size() > 24) return 0;
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  const std::string lower = ascii ? AsciiLower(word) : Utf8Lower(word);
  const auto& names = MonthNames();
  auto it = names.find(lower);
  return it == names.end() ? 0 : it->second;
}

class DateMatcher {
 public:
  DateMatcher(const std::vector<Tok>& toks, DayOrder order, bool short_years = false)
      : t_(toks), order_(order), short_years_(short_years) {}

  // Tries every shape at token i; on success fills `out` and returns the index
  // after the date.
  size_t MatchAt(size_t i, FoundDate& out) const {
    size_t end;
    if ((end = Iso(i, out)) || (end = Numeric(i, out)) || (end = Written(i, out)) || (end = Cjk(i, out)) ||
        (short_years_ && (end = ShortNumeric(i, out)))) {
      Clock(end, out);
      return end;
    }
    return 0;
  }

 private:
  bool Num(size_t i, size_t min_len, size_t max_len) const {
    return i < t_.size() && t_[i].kind == TokKind::kNum && t_[i].text.size() >= min_len &&
           t_[i].text.size() <= max_len;
  }
  bool Sep(size_t i, std::string_view chars) const {
    return i < t_.size() && t_[i].kind == TokKind::kSep && chars.find(t_[i].text[0]) != std::string_view::npos;
  }
  bool Word(size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].kind == TokKind::kWord && EqualsIgnoreCase(t_[i].text, w);
  }

  // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD; a digit run of 8 when it is the whole value.
  size_t Iso(size_t i, FoundDate& out) const {
    if (!Num(i, 4, 4) || !Sep(i + 1, "-/.") || !Num(i + 2, 1, 2) || !Sep(i + 3, t_[i + 1].text) ||
        !Num(i + 4, 1, 2)) {
      return 0;
    }
    const int y = ToInt(t_[i].text), m = ToInt(t_[i + 2].text), d = ToInt(t_[i + 4].text);
    if (!ValidYmd(y, m, d)) return 0;
    out = FoundDate{y, m, d};
    return i + 5;
  }

  // DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY, DD-MM-YYYY.
  size_t Numeric(size_t i, FoundDate& out) const {
    if (!Num(i, 1, 2) || !Sep(i + 1, "./-") || !Num(i + 2, 1, 2) || !Sep(i + 3, t_[i + 1].text) ||
        !Num(i + 4, 4, 4)) {
      return 0;
    }
    const int a = ToInt(t_[i].text), b = ToInt(t_[i + 2].text), y = ToInt(t_[i + 4].text);
    int d = a, m = b;
    if (t_[i + 1].text == "/") {
      const bool month_first = a <= 12 && (b > 12 || order_ == DayOrder::kMonthFirst);
      if (month_first) d = b, m = a;
    }
    if (!ValidYmd(y, m, d)) return 0;
    out = FoundDate{y, m, d};
    return i + 5;
  }

  // DD.MM.YY and DD/MM/YY (bylines: "28.01.22", "26/10/13, 03:48 pm"): day
  // first, the year in 2000-2099 unless that is in the future (then 19YY).
  // Only asked for in date-like elements, where a short number triple is a date.
  size_t ShortNumeric(size_t i, FoundDate& out) const {
    if (!Num(i, 1, 2) || !Sep(i + 1, "./") || !Num(i + 2, 1, 2) || !Sep(i + 3, t_[i + 1].text) ||
        !Num(i + 4, 2, 2) || Sep(i + 5, "./-") || Num(i + 5, 1, 4)) {
      return 0;
    }
    const int d = ToInt(t_[i].text), m = ToInt(t_[i + 2].text);
    int y = 2000 + ToInt(t_[i + 4].text);
    int today_y, today_m, today_d;
    CivilFromDays(TodayDays(), &today_y, &today_m, &today_d);
    if (y > today_y + 1) y -= 100;
    if (!ValidYmd(y, m, d)) return 0;
    out = FoundDate{y, m, d};
    return i + 5;
  }

  // Skips fillers between date parts: spaces, commas, periods, "de", "del",
  // ordinal suffixes. Returns the next significant token index.
  size_t SkipFill(size_t i, bool allow_ordinal) const {
    for (int guard = 0; guard < 6 && i < t_.size(); ++guard) {
      if (Sep(i, " ,.")) {
        ++i;
      } else if (Word(i, "de") || Word(i, "del") || Word(i, "of")) {
        ++i;
      } else if (allow_ordinal && (Word(i, "st") || Word(i, "nd") || Word(i, "rd") || Word(i, "th") ||
                                   Word(i, "er"))) {
        ++i;
      } else {
        break;
      }
    }
    return i;
  }

  // "17 June 2025", "17. Juni 2025", "17 de junio de 2025", "June 17, 2025", "Jun 17th 2025".
  size_t Written(size_t i, FoundDate& out) const {
    if (Num(i, 1, 2)) {
      const size_t mi = SkipFill(i + 1, true);
      if (mi >= t_.size() || t_[mi].kind != TokKind::kWord) return 0;
      const int m = MonthWord(t_[mi].text);
      if (!m) return 0;
      const size_t yi = SkipFill(mi + 1, false);
      if (!Num(yi, 4, 4)) return 0;
      const int d = ToInt(t_[i].text), y = ToInt(t_[yi].text);
      if (!ValidYmd(y, m, d)) return 0;
      out = FoundDate{y, m, d};
      return yi + 1;
    }
    if (i < t_.size() && t_[i].kind == TokKind::kWord) {
      const int m = MonthWord(t_[i].text);
      if (!m) return 0;
      const size_t di = SkipFill(i + 1, false);
      if (!Num(di, 1, 2)) return 0;
      const size_t yi = SkipFill(di + 1, true);
      if (!Num(yi, 4, 4)) return 0;
      const int d = ToInt(t_[di].text), y = ToInt(t_[yi].text);
      if (!ValidYmd(y, m, d)) return 0;
      out = FoundDate{y, m, d};
      return yi + 1;
    }
    return 0;
  }

  // 2025年6月17日 (Chinese, Japanese), 2025년 6월 17일 (Korean).
  size_t Cjk(size_t i, FoundDate& out) const {
    auto marker = [&](size_t k, std::string_view a, std::string_view b) {
      return k < t_.size() && t_[k].kind == TokKind::kWord && (t_[k].text.substr(0, a.size()) == a ||
                                                                 t_[k].text.substr(0, b.size()) == b);
    };
    if (!Num(i, 4, 4)) return 0;
    size_t k = i + 1;
    if (!marker(k, "年", "년")) return 0;
    k = SkipFill(k + 1, false);
    if (!Num(k, 1, 2)) return 0;
    const int m = ToInt(t_[k].text);
    if (!marker(k + 1, "月", "월")) return 0;
    k = SkipFill(k + 2, false);
    if (!Num(k, 1, 2)) return 0;
    const int y = ToInt(t_[i].text), d = ToInt(t_[k].text);
    if (!ValidYmd(y, m, d)) return 0;
    out = FoundDate{y, m, d};
    return k + 1;
  }

  // An optional clock after the date: "T10:34", " 10:34", ", 10:34 am", " um 10:34".
  void Clock(size_t i, FoundDate& out) const {
    for (int guard = 0; guard < 4 && i < t_.size(); ++guard) {
      if (Num(i, 1, 2) && Sep(i + 1, ":") && Num(i + 2, 2, 2)) {
        int h = ToInt(t_[i].text);
        const int m = ToInt(t_[i + 2].text);
        size_t after = i + 3;
        if (Sep(after, ":") && Num(after + 1, 2, 2)) after += 2;
        if (Sep(after, " ")) ++after;
        if (Word(after, "pm") && h < 12) h += 12;
        if (Word(after, "am") && h == 12) h = 0;
        if (h <= 23 && m <= 59) out.hour = h, out.minute = m;
        return;
      }
      if (Sep(i, " ,|") || Word(i, "T") || Word(i, "um") || Word(i, "at") || Word(i, "à") || Word(i, "a") ||
          Word(i, "las") || Word(i, "alle") || Word(i, "às") || Word(i, "om") || Word(i, "pukul")) {
        ++i;
        continue;
      }
      return;
    }
  }

  const std::vector<Tok>& t_;
  DayOrder order_;
  bool short_years_;
};

// Units of relative dates ("3 hours ago", "vor 3 Stunden", "il y a 3 jours",
// "hace 3 horas", "3 часа назад"): days per unit, 0 for units under a day.
// Lowercase words; Russian forms cover the three plural cases.
int RelativeUnitDays(std::string_view word, bool* known) {
  static const auto* units = [] {
    auto* m = new std::unordered_map<std::string, int>;
    for (const char* w : {"second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours",
                          "hr", "hrs", "h", "sekunde", "sekunden", "minute", "minuten", "stunde", "stunden", "std",
                          "seconde", "secondes", "heure", "heures", "segundo", "segundos", "minuto", "minutos",
                          "hora", "horas", "ore", "секунду", "секунды", "секунд", "минуту", "минуты", "минут", "час",
                          "часа", "часов"}) {
      m->emplace(w, 0);
    }
    for (const char* w : {"day", "days", "tag", "tagen", "jour", "jours", "día", "dia", "días", "dias", "giorno", "giorni", "день",
                          "дня", "дней"}) {
      m->emplace(w, 1);
    }
    for (const char* w : {"week", "weeks", "woche", "wochen", "semaine", "semaines", "semana", "semanas", "settimana", "settimane",
                          "неделю", "недели", "недель"}) {
      m->emplace(w, 7);
    }
    return m;
  }();
  const std::string lower = Utf8Lower(word);
  auto it = units->find(lower);
  *known = it != units->end();
  return *known ? it->second : 0;
}

}  // namespace

FoundDate ParseRelativeDate(std::string_view s, int64_t base_days) {
  if (base_days <= 0) return FoundDate{};
  if (s.size() > 200) s = s.substr(0, 200);
  const std::string lower = Utf8Lower(s);
  auto at = [](int64_t days) {
    FoundDate out;
    CivilFromDays(days, &out.year, &out.month, &out.day);
    return out;
  };
  auto has_word = [&lower](std::string_view w) {
    for (size_t pos = lower.find(w); pos != std::string::npos; pos = lower.find(w, pos + 1)) {
      const bool start_ok = pos == 0 || !(std::isalnum(static_cast<unsigned char>(lower[pos - 1])) ||
                                          static_cast<unsigned char>(lower[pos - 1]) >= 0x80);
      const size_t end = pos + w.size();
      const bool end_ok = end >= lower.size() || !(std::isalnum(static_cast<unsigned char>(lower[end])) ||
                                                   static_cast<unsigned char>(lower[end]) >= 0x80);
      if (start_ok && end_ok) return true;
    }
    return false;
  };
  for (std::string_view w : {"yesterday", "gestern", "hier", "ayer", "вчера", "ieri"}) {
    if (has_word(w)) return at(base_days - 1);
  }
  for (std::string_view w : {"today", "heute", "aujourd'hui", "hoy", "сегодня", "oggi", "just now", "gerade eben"}) {
    if (has_word(w)) return at(base_days);
  }
  // "<n> <unit> ago" and its translations: a number, a unit, and an ago-word
  // before or after.
  const bool ago = has_word("ago") || has_word("vor") || has_word("il y a") || has_word("hace") ||
                   has_word("назад") || has_word("fa");
  if (!ago) return FoundDate{};
  thread_local std::vector<Tok> toks;
  Tokenize(lower, toks);
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind != TokKind::kNum || toks[i].text.size() > 3) continue;
    size_t u = i + 1;
    if (u < toks.size() && toks[u].kind == TokKind::kSep) ++u;
    if (u >= toks.size() || toks[u].kind != TokKind::kWord) continue;
    bool known = false;
    const int unit = RelativeUnitDays(toks[u].text, &known);
    if (!known) continue;
    return at(base_days - static_cast<int64_t>(unit) * ToInt(toks[i].text));
  }
  return FoundDate{};
}

FoundDate ParseBylineDate(std::string_view s, int64_t crawl_days) {
  if (s.size() > 4096) s = s.substr(0, 4096);
  thread_local std::vector<Tok> toks;
  Tokenize(s, toks);
  DateMatcher matcher(toks, DayOrder::kDayFirst, /*short_years=*/true);
  FoundDate out;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind == TokKind::kSep) continue;
    if (matcher.MatchAt(i, out)) return out;
  }
  return ParseRelativeDate(s, crawl_days);
}

std::string FoundDate::Iso() const {
  if (!ok()) return "";
  std::string out = FormatDate(year, month, day);
  if (hour >= 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "T%02d:%02d", hour, minute);
    out += buf;
  }
  return out;
}

int64_t FoundDate::Days() const { return DaysFromCivil(year, month, day); }

FoundDate ParseDateText(std::string_view s, DayOrder order) {
  if (s.size() > 4096) s = s.substr(0, 4096);
  thread_local std::vector<Tok> toks;
  Tokenize(s, toks);
  DateMatcher matcher(toks, order);
  FoundDate out;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind == TokKind::kSep) continue;
    if (matcher.MatchAt(i, out)) return out;
  }
  return FoundDate{};
}

FoundDate ParseDateValue(std::string_view s) {
  s = TrimAscii(s);
  if (s.empty() || s.size() > 200) return FoundDate{};
  bool all_digits = true;
  for (char c : s) all_digits = all_digits && IsDigit(c);
  if (all_digits && s.size() == 8) {
    const int y = ToInt(s.substr(0, 4)), m = ToInt(s.substr(4, 2)), d = ToInt(s.substr(6, 2));
    return ValidYmd(y, m, d) ? FoundDate{y, m, d} : FoundDate{};
  }
  if (all_digits && (s.size() == 10 || s.size() == 13)) {  // Unix time, seconds or milliseconds
    int64_t secs = std::atoll(std::string(s).c_str());
    if (s.size() == 13) secs /= 1000;
    FoundDate out;
    CivilFromDays(secs / 86400, &out.year, &out.month, &out.day);
    out.hour = static_cast<int>((secs % 86400) / 3600);
    out.minute = static_cast<int>((secs % 3600) / 60);
    return out;
  }
  // Metadata values carry one date; it must start within the first few
  // tokens ("Tue, 17 Jun 2025", "Published: 2025-06-17").
  FoundDate date = ParseDateText(s.substr(0, 80), DayOrder::kMonthFirst);
  return date;
}

FoundDate DateFromUrl(std::string_view url) {
  // Skip scheme and host.
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return FoundDate{};
  const std::string_view path = url.substr(start);
  for (size_t i = 0; i + 8 <= path.size(); ++i) {
    if (!IsDigit(path[i]) || (i > 0 && IsDigit(path[i - 1]))) continue;
    size_t j = i;
    while (j < path.size() && IsDigit(path[j])) ++j;
    const std::string_view run = path.substr(i, j - i);
    if (i == 0 || (path[i - 1] != '/' && path[i - 1] != '-' && path[i - 1] != '_')) continue;
    if (run.size() == 8) {  // /20250617/
      const int y = ToInt(run.substr(0, 4)), m = ToInt(run.substr(4, 2)), d = ToInt(run.substr(6, 2));
      if (ValidYmd(y, m, d) && y >= 1995) return FoundDate{y, m, d};
      continue;
    }
    if (run.size() != 4) continue;
    // /2025/06/17 or /2025-06-17 or /2025_06_17
    const int y = ToInt(run);
    if (y < 1995 || j + 5 >= path.size() + 1) continue;
    const char sep = j < path.size() ? path[j] : 0;
    if (sep != '/' && sep != '-' && sep != '_') continue;
    size_t k = j + 1;
    size_t mk = k;
    while (mk < path.size() && IsDigit(path[mk])) ++mk;
    if (mk - k < 1 || mk - k > 2 || mk >= path.size() || path[mk] != sep) continue;
    const int m = ToInt(path.substr(k, mk - k));
    size_t dk = mk + 1;
    size_t de = dk;
    while (de < path.size() && IsDigit(path[de])) ++de;
    if (de - dk < 1 || de - dk > 2) continue;
    if (de < path.size() && IsAsciiAlpha(path[de])) continue;
    const int d = ToInt(path.substr(dk, de - dk));
    if (ValidYmd(y, m, d)) return FoundDate{y, m, d};
  }
  return FoundDate{};
}

bool PlausibleDate(const FoundDate& date, int64_t max_days) {
  if (!date.ok()) return false;
  const int64_t days = date.Days();
  return days >= DaysFromCivil(1995, 1, 1) && days <= max_days + 1;
}

int64_t TodayDays() { return static_cast<int64_t>(std::time(nullptr)) / 86400; }

}  // namespace ties
