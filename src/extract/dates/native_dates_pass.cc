// native_dates_pass.cc: see native_dates_pass.h.
#include "extract/dates/native_dates_pass.h"

#include <cstdio>

#include "common/text_util.h"
#include "text/dateline.h"

namespace ties {

namespace {

std::string YearMonth(int y, int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

// A valid calendar date as ISO, or "" (31 June).
std::string CheckedDate(int y, int m, int d) {
  int yy, mm, dd;
  CivilFromDays(DaysFromCivil(y, m, d), &yy, &mm, &dd);
  return (mm == m && dd == d) ? FormatDate(y, m, d) : "";
}

class Finder {
 public:
  Finder(Document& doc, const DateWords& dates, const lex::LowerText& lower, std::vector<bool>& used)
      : doc_(doc), dates_(dates), lower_(lower), used_(used), n_(static_cast<uint32_t>(doc.tokens.size())) {}

  void Run() {
    for (uint32_t i = 0; i < n_;) {
      const uint32_t end = dates_.order == DateWords::Order::kYearMonthDay ? Han(i) : Cyrillic(i);
      i = end > i ? end : i + 1;
    }
  }

 private:
  std::string_view W(uint32_t i) const { return i < n_ ? lower_[i] : std::string_view(); }

  // Emits tokens [begin, end) (the last one cut to `last_bytes` when not 0).
  uint32_t Emit(uint32_t begin, uint32_t end, std::string value, uint32_t last_bytes = 0) {
    if (value.empty()) return begin;
    Span span{doc_.tokens[begin].span.begin, doc_.tokens[end - 1].span.end};
    if (last_bytes != 0) span.end = doc_.tokens[end - 1].span.begin + last_bytes;
    doc_.dates.push_back(DateMention{span, std::move(value)});
    for (uint32_t k = begin; k < end; ++k) used_[k] = true;
    return end;
  }

  // After a year: "года", "г" + ".", "жылғы".
  uint32_t SkipYearWord(uint32_t j) const {
    if (!dates_.IsYearWord(W(j))) return j;
    ++j;
    if (W(j) == "." && W(j - 1).size() <= 2) ++j;  // "г." / "ж."
    return j;
  }

  uint32_t Cyrillic(uint32_t i) {
    const std::string& published = doc_.meta.published;
    if (const int day = ParseDayNumber(W(i))) {  // "16 июня [2025 [года]]"
      if (const int month = dates_.Month(W(i + 1))) {
        if (const int year = ParseYearNumber(W(i + 2)); year && dates_.order == DateWords::Order::kDayMonthYear) {
          return Emit(i, SkipYearWord(i + 3), CheckedDate(year, month, day));
        }
        return Emit(i, i + 2, ResolveMonthDay(month, day, published));
      }
    }
    if (const int year = ParseYearNumber(W(i))) {
      const uint32_t j = SkipYearWord(i + 1);
      if (j > i + 1 && dates_.order == DateWords::Order::kYearDayMonth) {  // "2025 жылғы 16 маусым"
        if (const int day = ParseDayNumber(W(j)); day && dates_.Month(W(j + 1))) {
          return Emit(i, j + 2, CheckedDate(year, dates_.Month(W(j + 1)), day));
        }
        if (const int month = dates_.Month(W(j))) return Emit(i, j + 1, YearMonth(year, month));
      }
      if (j > i + 1) return Emit(i, j, std::to_string(year));  // "2025 года", "2025 жылы"
    }
    if (const int month = dates_.Month(W(i))) {  // "в июне 2025 года"
      if (const int year = ParseYearNumber(W(i + 1))) return Emit(i, SkipYearWord(i + 2), YearMonth(year, month));
    }
    return i;
  }

  // True when token i starts with `marker` (the segmenter may glue 日 to the next word).
  bool StartsWith(uint32_t i, const std::string& marker) const {
    return i < n_ && !marker.empty() && doc_.View(doc_.tokens[i].span).substr(0, marker.size()) == marker;
  }
  uint32_t DayMarker(uint32_t i) const {
    for (const std::string& m : dates_.day_markers) {
      if (StartsWith(i, m)) return static_cast<uint32_t>(m.size());
    }
    return 0;
  }
  uint32_t Size(const std::string& s) const { return static_cast<uint32_t>(s.size()); }

  uint32_t Han(uint32_t i) {
    const std::string_view w = W(i);
    if (w.empty() || w[0] < '0' || w[0] > '9') return i;
    if (const int year = ParseYearNumber(w); year && StartsWith(i + 1, dates_.year_marker)) {
      const int month = ParseDayNumber(W(i + 2));
      if (month >= 1 && month <= 12 && StartsWith(i + 3, dates_.month_marker)) {
        const int day = ParseDayNumber(W(i + 4));
        if (const uint32_t dm = day ? DayMarker(i + 5) : 0) return Emit(i, i + 6, CheckedDate(year, month, day), dm);
        return Emit(i, i + 4, YearMonth(year, month), Size(dates_.month_marker));
      }
      return Emit(i, i + 2, std::to_string(year), Size(dates_.year_marker));
    }
    const int month = ParseDayNumber(w);
    if (month >= 1 && month <= 12 && StartsWith(i + 1, dates_.month_marker)) {
      const int day = ParseDayNumber(W(i + 2));
      if (const uint32_t dm = day ? DayMarker(i + 3) : 0) {
        return Emit(i, i + 4, ResolveMonthDay(month, day, doc_.meta.published), dm);
      }
    }
    return i;
  }

  Document& doc_;
  const DateWords& dates_;
  const lex::LowerText& lower_;
  std::vector<bool>& used_;
  const uint32_t n_;
};

}  // namespace

void FindNativeDates(Document& doc, const DateWords& dates, const lex::LowerText& lower, std::vector<bool>& used) {
  Finder(doc, dates, lower, used).Run();
}

}  // namespace ties
