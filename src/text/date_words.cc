// date_words.cc: see date_words.h.
#include "text/date_words.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/text_util.h"

namespace ties {

int DateWords::Month(std::string_view w) const {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  const auto it = months.find(std::string(w));
  return it == months.end() ? 0 : it->second;
}

bool DateWords::IsYearWord(std::string_view w) const {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  return year_words.count(std::string(w)) > 0;
}

namespace {

// Reads "KEY VALUE FORM..." where VALUE is an integer in [lo, hi] and each FORM
// maps to it in `table`.
bool ReadValueForms(std::istringstream& words, int lo, int hi, std::unordered_map<std::string, int>& table) {
  int value = 0;
  if (!(words >> value) || value < lo || value > hi) return false;
  std::string form;
  bool any = false;
  while (words >> form) {
    table[Utf8Lower(form)] = value;
    any = true;
  }
  return any;
}

bool ReadForms(std::istringstream& words, std::unordered_set<std::string>& set) {
  std::string form;
  bool any = false;
  while (words >> form) {
    set.insert(Utf8Lower(form));
    any = true;
  }
  return any;
}

// "unit KIND SINGULAR PLURAL...": the relative rules take the singular ("last
// week"), the counting rules either ("a week ago", "three weeks ago").
bool ReadUnit(std::istringstream& words, DateWords& dates) {
  std::string kind, form;
  words >> kind;
  const DateWords::Unit unit = kind == "day"     ? DateWords::Unit::kDay
                               : kind == "week"  ? DateWords::Unit::kWeek
                               : kind == "month" ? DateWords::Unit::kMonth
                               : kind == "year"  ? DateWords::Unit::kYear
                                                 : DateWords::Unit::kNone;
  if (unit == DateWords::Unit::kNone || !(words >> form)) return false;
  dates.units[Utf8Lower(form)] = unit;
  while (words >> form) dates.unit_plurals[Utf8Lower(form)] = unit;
  return true;
}

bool ReadOrder(std::istringstream& words, DateWords::Order* order) {
  std::string name;
  words >> name;
  if (name == "day_month_year") *order = DateWords::Order::kDayMonthYear;
  else if (name == "year_day_month") *order = DateWords::Order::kYearDayMonth;
  else if (name == "year_month_day") *order = DateWords::Order::kYearMonthDay;
  else return false;
  return true;
}

// One data line; false when it is malformed or its key unknown.
bool ReadLine(std::istringstream& words, const std::string& key, DateWords& dates) {
  if (key == "order") return ReadOrder(words, &dates.order);
  if (key == "month") return ReadValueForms(words, 1, 12, dates.months);
  if (key == "year_word") return ReadForms(words, dates.year_words);
  if (key == "year_marker") return static_cast<bool>(words >> dates.year_marker);
  if (key == "month_marker") return static_cast<bool>(words >> dates.month_marker);
  if (key == "day_marker") {
    std::string w;
    if (!(words >> w)) return false;
    dates.day_markers.push_back(w);
    return true;
  }
  if (key == "weekday") return ReadValueForms(words, 0, 6, dates.weekdays);
  if (key == "number") return ReadValueForms(words, 0, 999, dates.numbers);
  if (key == "relative_day") return ReadValueForms(words, -7, 7, dates.relative_days);
  if (key == "direction") return ReadValueForms(words, -1, 1, dates.directions);
  if (key == "unit") return ReadUnit(words, dates);
  if (key == "ago") return ReadForms(words, dates.ago_words);
  if (key == "month_context") return ReadForms(words, dates.month_context);
  if (key == "month_needs_number") return ReadForms(words, dates.month_needs_number);
  if (key == "not_year_before") return ReadForms(words, dates.not_year_before);
  if (key == "not_year_after") return ReadForms(words, dates.not_year_after);
  if (key == "ordinal_suffix") {
    std::string w;
    bool any = false;
    while (words >> w) {
      dates.ordinal_suffixes.push_back(Utf8Lower(w));
      any = true;
    }
    return any;
  }
  return false;
}

}  // namespace

Result<DateWords> DateWords::Load(const std::string& dir) {
  const std::string path = dir + "/dates.txt";
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path);
  DateWords dates;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view v = TrimAscii(line);
    if (v.empty() || v[0] == '#') continue;
    std::istringstream words{std::string(v)};
    std::string key;
    words >> key;
    if (!ReadLine(words, key, dates)) {
      return Status::InvalidArgument(path + ":" + std::to_string(number) + ": bad or unknown line: " + std::string(v));
    }
  }
  return dates;
}

int ParseDayNumber(std::string_view s) {
  if (s.empty() || s.size() > 2) return 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
  }
  const int d = std::atoi(std::string(s).c_str());
  return d >= 1 && d <= 31 ? d : 0;
}

int ParseYearNumber(std::string_view s) {
  if (s.size() != 4) return 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
  }
  const int y = std::atoi(std::string(s).c_str());
  return y >= 1900 && y <= 2100 ? y : 0;
}

}  // namespace ties
