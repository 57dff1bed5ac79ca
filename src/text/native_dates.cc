// native_dates.cc: see native_dates.h.
#include "text/native_dates.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/text_util.h"

namespace ties {

int NativeDates::Month(std::string_view w) const {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  const auto it = months.find(std::string(w));
  return it == months.end() ? 0 : it->second;
}

bool NativeDates::IsYearWord(std::string_view w) const {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  return year_words.count(std::string(w)) > 0;
}

Result<NativeDates> NativeDates::Load(const std::string& dir) {
  const std::string path = dir + "/dates.txt";
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path);
  NativeDates dates;
  std::string line;
  while (std::getline(in, line)) {
    std::string_view v = TrimAscii(line);
    if (v.empty() || v[0] == '#') continue;
    std::istringstream words{std::string(v)};
    std::string key;
    words >> key;
    if (key == "order") {
      std::string order;
      words >> order;
      if (order == "day_month_year") dates.order = Order::kDayMonthYear;
      else if (order == "year_day_month") dates.order = Order::kYearDayMonth;
      else if (order == "year_month_day") dates.order = Order::kYearMonthDay;
      else return Status::InvalidArgument(path + ": unknown order " + order);
    } else if (key == "month") {
      int month = 0;
      words >> month;
      if (month < 1 || month > 12) return Status::InvalidArgument(path + ": bad month line: " + line);
      std::string form;
      while (words >> form) dates.months[Utf8Lower(form)] = month;
    } else if (key == "year_word") {
      std::string w;
      words >> w;
      dates.year_words.insert(Utf8Lower(w));
    } else if (key == "year_marker") {
      words >> dates.year_marker;
    } else if (key == "month_marker") {
      words >> dates.month_marker;
    } else if (key == "day_marker") {
      std::string w;
      words >> w;
      dates.day_markers.push_back(w);
    } else {
      return Status::InvalidArgument(path + ": unknown line: " + line);
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
