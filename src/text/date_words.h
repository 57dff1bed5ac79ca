// date_words.h: the date words of one language, read from data/<lang>/dates.txt
// (format in each file's header): month names in all their forms, year words
// and, for Chinese, the year/month/day markers (the native pattern pass of the
// dates stage and the native dateline parser read these), and the words the
// keyword rules of the dates stage start from (weekdays, number words,
// relative words, units, "ago"; data/en/dates.txt).
#ifndef TIES_TEXT_DATE_WORDS_H_
#define TIES_TEXT_DATE_WORDS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ties/status.h"

namespace ties {

struct DateWords {
  // The order of a language's numeric date pattern ("16 июня 2025", "2025 жылғы
  // 16 маусым", "2025年6月16日"). kNone: the language has no native pattern pass
  // (English: its keyword rules take both "June 16" and "16 June").
  enum class Order { kNone, kDayMonthYear, kYearDayMonth, kYearMonthDay };
  // A unit of time a relative date counts in.
  enum class Unit { kNone, kDay, kWeek, kMonth, kYear };

  Order order = Order::kNone;
  std::unordered_map<std::string, int> months;  // lower-case form -> 1..12
  std::unordered_set<std::string> year_words;   // "года", "жылғы" (lower case, no dot)
  std::string year_marker, month_marker;        // Chinese 年 月
  std::vector<std::string> day_markers;         // Chinese 日 号

  // The keyword rules (all lower case).
  std::unordered_map<std::string, int> weekdays;       // "monday" -> 0 .. "sunday" -> 6
  std::unordered_map<std::string, int> numbers;        // "three" -> 3, "a" -> 1
  std::unordered_map<std::string, int> relative_days;  // "yesterday" -> -1
  std::unordered_map<std::string, int> directions;     // "last" -> -1, "this" -> 0, "next" -> 1
  std::unordered_map<std::string, Unit> units;         // singular forms: "week" -> kWeek
  std::unordered_map<std::string, Unit> unit_plurals;  // "weeks" -> kWeek
  std::unordered_set<std::string> ago_words;           // "ago"
  std::unordered_set<std::string> month_context;       // words before a bare month: "in", "since", "last"
  std::unordered_set<std::string> month_needs_number;  // months that are also words: "may"
  std::vector<std::string> ordinal_suffixes;           // "st", "nd", "rd", "th"
  std::unordered_set<std::string> not_year_before;     // "$" 2019: an amount
  std::unordered_set<std::string> not_year_after;      // 2019 "people": a quantity

  // 1..12 for a month form (lower case, a trailing dot ignored), else 0.
  int Month(std::string_view lower_word) const;
  bool IsYearWord(std::string_view lower_word) const;
  // The value of `lower_word` in `table`, or `missing`.
  template <typename Map>
  static auto Find(const Map& table, std::string_view lower_word, typename Map::mapped_type missing) {
    const auto it = table.find(std::string(lower_word));
    return it == table.end() ? missing : it->second;
  }

  // Reads <dir>/dates.txt (format in its header). NotFound when absent;
  // InvalidArgument naming the file and line for an unknown or bad line.
  static Result<DateWords> Load(const std::string& dir);
};

// "16" -> 16 for a one- or two-digit day 1..31; 0 otherwise.
int ParseDayNumber(std::string_view s);
// "2025" -> 2025 for a four-digit year 1900..2100; 0 otherwise.
int ParseYearNumber(std::string_view s);

}  // namespace ties

#endif  // TIES_TEXT_DATE_WORDS_H_
