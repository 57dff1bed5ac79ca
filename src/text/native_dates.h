// native_dates.h: the date words of one language other than English, read from
// data/<lang>/dates.txt (month names in all their forms, year words, and for
// Chinese the year/month/day markers), shared by the dateline and dates stages.
#ifndef TIES_TEXT_NATIVE_DATES_H_
#define TIES_TEXT_NATIVE_DATES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ties/status.h"

namespace ties {

struct NativeDates {
  enum class Order { kDayMonthYear, kYearDayMonth, kYearMonthDay };
  Order order = Order::kDayMonthYear;
  std::unordered_map<std::string, int> months;  // lower-case form -> 1..12
  std::unordered_set<std::string> year_words;   // "года", "жылғы" (lower case, no dot)
  std::string year_marker, month_marker;        // Chinese 年 月
  std::vector<std::string> day_markers;         // Chinese 日 号

  // 1..12 for a month form (lower case, a trailing dot ignored), else 0.
  int Month(std::string_view lower_word) const;
  bool IsYearWord(std::string_view lower_word) const;

  // Reads <dir>/dates.txt (format in its header). NotFound when absent.
  static Result<NativeDates> Load(const std::string& dir);
};

// "16" -> 16 for a one- or two-digit day 1..31; 0 otherwise.
int ParseDayNumber(std::string_view s);
// "2025" -> 2025 for a four-digit year 1900..2100; 0 otherwise.
int ParseYearNumber(std::string_view s);

}  // namespace ties

#endif  // TIES_TEXT_NATIVE_DATES_H_
