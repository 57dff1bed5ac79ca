// dates_stage.cc: the "dates" stage: temporal expressions resolved against the
// publication date (doc.meta.published).
//
// Recognised (over tokens, no regexes):
//   absolute   "June 16, 2024", "16 June 2024", "2024-06-16", "March 2024", "2019"
//   month-day  "June 16", "16 June", "Jun. 16": the latest such date not more than two
//              days after publication (the dateline convention, ResolveMonthDay)
//   month      "in March": the month of the publication year -> "2025-03"
//   relative   "yesterday", "today", "tomorrow", "last/this/next year|month|week",
//              "N days/weeks/months/years ago"
//   weekday    "on Wednesday", "last Wednesday": the nearest such day on or before the
//              publication date (news convention); "next Wednesday": the next one after it
//   native     Russian, Kazakh and Chinese patterns from data/<lang>/dates.txt
//              (native_dates_pass.h), for documents in that language
// Values are ISO 8601: "2025-06-16", "2025-06", "2025", "2025-W25". When the publication
// date is unknown ("") only absolute expressions resolve.
#include "extract/dates/dates_stage.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "common/text_util.h"
#include "extract/dates/native_dates_pass.h"
#include "lexicon/words.h"
#include "text/dateline.h"

namespace ties {

namespace {

int Weekday(std::string_view w) {  // 0 = Monday
  static const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i) {
    if (w == kDays[i]) return i;
  }
  return -1;
}

int SmallNumber(std::string_view w) {
  static const char* kWords[] = {"zero", "one", "two", "three", "four", "five", "six",
                                 "seven", "eight", "nine", "ten", "eleven", "twelve"};
  for (int i = 0; i < 13; ++i) {
    if (w == kWords[i]) return i;
  }
  if (w == "a" || w == "an") return 1;
  if (!w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::atoi(std::string(w).c_str());
  }
  return -1;
}

bool AllDigits(std::string_view w, size_t n) {
  if (w.size() != n) return false;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int DayNumber(std::string_view w) {  // "16", "16th", "1st"
  size_t digits = 0;
  while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
  if (digits == 0 || digits > 2) return 0;
  const std::string_view rest = w.substr(digits);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  const int d = std::atoi(std::string(w.substr(0, digits)).c_str());
  return d >= 1 && d <= 31 ? d : 0;
}

int Year(std::string_view w) {
  if (!AllDigits(w, 4)) return 0;
  const int y = std::atoi(std::string(w).c_str());
  return y >= 1900 && y <= 2100 ? y : 0;
}

std::string IsoWeek(int64_t days) {
  // ISO week: the week with the year's first Thursday is week 1. 1970-01-01 was a Thursday.
  const int64_t wd = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  const int64_t thursday = days - wd + 3;
  int y, m, d;
  CivilFromDays(thursday, &y, &m, &d);
  const int64_t week = (thursday - DaysFromCivil(y, 1, 1)) / 7 + 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", y, static_cast<int>(week));
  return buf;
}

std::string FormatMonth(int y, int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

// Word kinds of the keyword table: month names (value 1-12), weekdays (0-6),
// number words and the relative words the rules below start from.
enum KeyKind : uint32_t { kKeyMonth = 1u << 8, kKeyWeekday = 2u << 8, kKeyNumber = 4u << 8, kKeyRelative = 8u << 8 };

const lex::WordMap& Keywords() {
  static const lex::WordMap map = [] {
    lex::WordMap m;
    static const char* kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                    "august", "september", "october", "november", "december"};
    for (uint32_t i = 0; i < 12; ++i) {
      m[lex::HashWord(kMonths[i])] |= kKeyMonth | (i + 1);
      m[lex::HashWord(std::string_view(kMonths[i], 3))] |= kKeyMonth | (i + 1);
    }
    m[lex::HashWord("sept")] |= kKeyMonth | 9;
    static const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (uint32_t i = 0; i < 7; ++i) m[lex::HashWord(kDays[i])] |= kKeyWeekday;
    for (const char* w : {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                          "eleven", "twelve", "a", "an"}) {
      m[lex::HashWord(w)] |= kKeyNumber;
    }
    for (const char* w : {"yesterday", "today", "tomorrow", "last", "this", "next", "past", "coming"}) {
      m[lex::HashWord(w)] |= kKeyRelative;
    }
    return m;
  }();
  return map;
}

// The month of a lowercased token ("june", "jun", "jun.", "sept"), or 0.
int MonthOf(std::string_view w, uint64_t hash) {
  if (!w.empty() && w.back() == '.') hash = lex::HashWord(w.substr(0, w.size() - 1));
  const uint32_t v = Keywords().Get(hash);
  return (v & kKeyMonth) ? static_cast<int>(v & 0xFF) : 0;
}

class DatesStage : public Stage {
 public:
  explicit DatesStage(std::map<std::string, NativeDates> native) : native_(std::move(native)) {}
  std::string_view Name() const override { return "dates"; }
  uint32_t Requires() const override { return kFieldTokens; }
  uint32_t Assigns() const override { return kFieldDates; }

  Status Process(Document& doc) const override {
    doc.dates.clear();
    const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
    if (n == 0) return Status::Ok();
    const lex::LowerText& lower = lex::LowerText::Shared(doc);
    int py = 0, pm = 0, pd = 0;
    const bool has_pub = ParseIsoDate(doc.meta.published, &py, &pm, &pd);
    const int64_t pub_days = has_pub ? DaysFromCivil(py, pm, pd) : 0;
    auto word = [&](uint32_t i) -> std::string_view { return i < n ? lower[i] : std::string_view(); };
    auto emit = [&](uint32_t begin, uint32_t end, std::string value) {
      if (value.empty()) return;
      doc.dates.push_back(DateMention{Span{doc.tokens[begin].span.begin, doc.tokens[end - 1].span.end},
                                      std::move(value)});
    };
    // Dates in the document language's own patterns (data/<lang>/dates.txt) first;
    // the rules below skip their tokens. English has none, so it is unchanged.
    std::vector<bool> used;
    const auto native = native_.find(doc.meta.language);
    if (native != native_.end()) {
      used.assign(n, false);
      FindNativeDates(doc, native->second, lower, used);
    }
    auto day_value = [&](int64_t days) {
      int y, m, d;
      CivilFromDays(days, &y, &m, &d);
      return FormatDate(y, m, d);
    };

    const lex::WordMap& keywords = Keywords();
    for (uint32_t i = 0; i < n;) {
      if (!used.empty() && used[i]) {
        ++i;
        continue;
      }
      const std::string_view w = word(i);
      // Every rule starts at a digit or a keyword: skip other tokens with one probe.
      const bool digit = !w.empty() && w[0] >= '0' && w[0] <= '9';
      const uint32_t key = digit ? 0 : keywords.Get(lower.hash(i));
      if (!digit && key == 0 && !(w.size() > 3 && w.back() == '.')) {
        ++i;
        continue;
      }
      // Month names must be capitalised ("may" and "march" are words).
      int month = doc.tokens[i].Has(kTokUpperInitial) ? MonthOf(w, lower.hash(i)) : 0;
      if (month && w == "may" && !(DayNumber(word(i + 1)) || Year(word(i + 1)))) month = 0;
      if (month) {
        uint32_t j = i + 1;
        if (word(j) == ".") ++j;  // "Jun ."
        const int day = DayNumber(word(j));
        if (day) {
          uint32_t k = j + 1;
          if (word(k) == ",") ++k;
          const int year = Year(word(k));
          if (year) {
            emit(i, k + 1, FormatDate(year, month, day));
            i = k + 1;
          } else {
            emit(i, j + 1, ResolveMonthDay(month, day, doc.meta.published));
            i = j + 1;
          }
          continue;
        }
        const int year = Year(word(j));
        if (year) {
          emit(i, j + 1, FormatMonth(year, month));
          i = j + 1;
          continue;
        }
        // A bare month: "in March", "since January".
        const std::string_view prev = i > 0 ? word(i - 1) : "";
        if (has_pub && (prev == "in" || prev == "since" || prev == "until" || prev == "by" || prev == "from" ||
                        prev == "early" || prev == "late" || prev == "mid" || prev == "last" || prev == "next" ||
                        prev == "this")) {
          int y = py;
          if (prev == "last" && month >= pm) y = py - 1;
          if (prev == "next" && month <= pm) y = py + 1;
          const uint32_t b = (prev == "last" || prev == "next" || prev == "this") ? i - 1 : i;
          emit(b, i + 1, FormatMonth(y, month));
        }
        ++i;
        continue;
      }
      // "16 June 2024", "16 June".
      if (const int day = DayNumber(w); day && i + 1 < n && doc.tokens[i + 1].Has(kTokUpperInitial)) {
        const int m2 = MonthOf(word(i + 1), lower.hash(i + 1));
        if (m2) {
          const int year = Year(word(i + 2));
          if (year) {
            emit(i, i + 3, FormatDate(year, m2, day));
            i += 3;
          } else {
            emit(i, i + 2, ResolveMonthDay(m2, day, doc.meta.published));
            i += 2;
          }
          continue;
        }
      }
      // ISO "2024-06-16" as one token or as 2024 - 06 - 16.
      {
        int y, m, d;
        if (w.size() == 10 && ParseIsoDate(w, &y, &m, &d)) {
          emit(i, i + 1, FormatDate(y, m, d));
          ++i;
          continue;
        }
        if (Year(w) && word(i + 1) == "-" && AllDigits(word(i + 2), 2) && word(i + 3) == "-" &&
            AllDigits(word(i + 4), 2)) {
          const std::string joined = std::string(w) + "-" + std::string(word(i + 2)) + "-" + std::string(word(i + 4));
          if (ParseIsoDate(joined, &y, &m, &d)) {
            emit(i, i + 5, FormatDate(y, m, d));
            i += 5;
            continue;
          }
        }
      }
      // A year alone: "in 2019", "2019's". Not a quantity ("2019 people") or money.
      if (const int year = Year(w)) {
        const std::string_view prev = i > 0 ? word(i - 1) : "";
        const std::string_view next = word(i + 1);
        const bool quantity = prev == "$" || next == "percent" || next == "%" || next == "people" || next == "tons";
        if (!quantity) emit(i, i + 1, std::to_string(year));
        ++i;
        continue;
      }
      if (!has_pub) {
        ++i;
        continue;
      }
      if (w == "yesterday") { emit(i, i + 1, day_value(pub_days - 1)); ++i; continue; }
      if (w == "today") { emit(i, i + 1, day_value(pub_days)); ++i; continue; }
      if (w == "tomorrow") { emit(i, i + 1, day_value(pub_days + 1)); ++i; continue; }
      if (w == "last" || w == "this" || w == "next" || w == "past" || w == "coming") {
        const int dir = (w == "last" || w == "past") ? -1 : (w == "this") ? 0 : 1;
        const std::string_view unit = word(i + 1);
        std::string value;
        if (unit == "year") {
          value = std::to_string(py + dir);
        } else if (unit == "month") {
          int m = pm + dir, y = py;
          if (m < 1) { m = 12; --y; }
          if (m > 12) { m = 1; ++y; }
          value = FormatMonth(y, m);
        } else if (unit == "week") {
          value = IsoWeek(pub_days + 7 * dir);
        } else if (const int wd = Weekday(unit); wd >= 0) {
          value = day_value(ResolveWeekday(pub_days, wd, dir > 0));
        }
        if (!value.empty()) {
          emit(i, i + 2, value);
          i += 2;
          continue;
        }
      }
      if (const int wd = Weekday(w); wd >= 0) {
        emit(i, i + 1, day_value(ResolveWeekday(pub_days, wd, false)));
        ++i;
        continue;
      }
      // "three days ago", "2 weeks ago".
      if (const int count = SmallNumber(w); count >= 0 && word(i + 2) == "ago") {
        const std::string_view unit = word(i + 1);
        std::string value;
        if (unit == "day" || unit == "days") value = day_value(pub_days - count);
        if (unit == "week" || unit == "weeks") value = IsoWeek(pub_days - 7 * count);
        if (unit == "month" || unit == "months") {
          int y = py, m = pm - count;
          while (m < 1) { m += 12; --y; }
          value = FormatMonth(y, m);
        }
        if (unit == "year" || unit == "years") value = std::to_string(py - count);
        if (!value.empty()) {
          emit(i, i + 3, value);
          i += 3;
          continue;
        }
      }
      ++i;
    }
    if (!used.empty()) {
      std::stable_sort(doc.dates.begin(), doc.dates.end(),
                       [](const DateMention& a, const DateMention& b) { return a.span.begin < b.span.begin; });
    }
    return Status::Ok();
  }

 private:
  std::map<std::string, NativeDates> native_;

  // The weekday `wd` (0 = Monday) on or before `pub_days`, or strictly after it when `future`.
  static int64_t ResolveWeekday(int64_t pub_days, int wd, bool future) {
    const int pub_wd = static_cast<int>(((pub_days % 7) + 7 + 3) % 7);
    if (future) {
      int ahead = (wd - pub_wd + 7) % 7;
      if (ahead == 0) ahead = 7;
      return pub_days + ahead;
    }
    return pub_days - (pub_wd - wd + 7) % 7;
  }
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeDatesStage(const StageOptions& options) {
  std::map<std::string, NativeDates> native;
  for (const char* lang : {"ru", "kk", "zh"}) {
    Result<NativeDates> dates = NativeDates::Load(options.data_dir + "/" + lang);
    if (dates.ok()) {
      native.emplace(lang, std::move(dates).value());
    } else if (dates.status().code() != StatusCode::kNotFound) {
      return dates.status();
    }
  }
  return std::unique_ptr<Stage>(new DatesStage(std::move(native)));
}

}  // namespace ties
