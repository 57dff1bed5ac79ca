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
// The words of these rules (month and weekday names, number words, "last",
// "ago", ...) are data/en/dates.txt's (date_words.h); the rules run on every
// document after its language's native pass (digits and ISO dates are the same
// in every language).
// Values are ISO 8601: "2025-06-16", "2025-06", "2025", "2025-W25". When the publication
// date is unknown ("") only absolute expressions resolve.
#include "extract/dates/dates_stage.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "common/data_file.h"
#include "common/text_util.h"
#include "extract/dates/native_dates_pass.h"
#include "lexicon/words.h"
#include "text/date_words.h"
#include "text/dateline.h"

namespace ties {

namespace {

bool AllDigits(std::string_view w, size_t n) {
  if (w.size() != n) return false;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  return true;
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

// The weekday `wd` (0 = Monday) on or before `pub_days`, or strictly after it when `future`.
int64_t ResolveWeekday(int64_t pub_days, int wd, bool future) {
  const int pub_wd = static_cast<int>(((pub_days % 7) + 7 + 3) % 7);
  if (future) {
    int ahead = (wd - pub_wd + 7) % 7;
    if (ahead == 0) ahead = 7;
    return pub_days + ahead;
  }
  return pub_days - (pub_wd - wd + 7) % 7;
}

// The keyword rules over one document: each Match* looks at token i and returns
// the end of the expression it emitted, or 0 when its rule does not apply.
class KeywordRules {
 public:
  // Word kinds of the keyword table: every rule that does not start at a digit
  // starts at one of these, so other tokens are skipped with one probe.
  enum KeyKind : uint32_t { kKeyMonth = 1u << 8, kKeyWeekday = 2u << 8, kKeyNumber = 4u << 8, kKeyRelative = 8u << 8 };

  static lex::WordMap BuildKeywords(const DateWords& words) {
    lex::WordMap m;
    for (const auto& [form, month] : words.months) m[lex::HashWord(form)] |= kKeyMonth | static_cast<uint32_t>(month);
    for (const auto& entry : words.weekdays) m[lex::HashWord(entry.first)] |= kKeyWeekday;
    for (const auto& entry : words.numbers) m[lex::HashWord(entry.first)] |= kKeyNumber;
    for (const auto& entry : words.relative_days) m[lex::HashWord(entry.first)] |= kKeyRelative;
    for (const auto& entry : words.directions) m[lex::HashWord(entry.first)] |= kKeyRelative;
    return m;
  }

  KeywordRules(Document& doc, const lex::LowerText& lower, const DateWords& words, const lex::WordMap& keywords)
      : doc_(doc), lower_(lower), words_(words), keywords_(keywords), n_(static_cast<uint32_t>(doc.tokens.size())) {
    has_pub_ = ParseIsoDate(doc.meta.published, &py_, &pm_, &pd_);
    pub_days_ = has_pub_ ? DaysFromCivil(py_, pm_, pd_) : 0;
  }

  // Runs every rule from each token not in `used` (empty: none used).
  void Run(const std::vector<bool>& used) {
    for (uint32_t i = 0; i < n_;) {
      if (!used.empty() && used[i]) {
        ++i;
        continue;
      }
      const std::string_view w = word(i);
      const bool digit = !w.empty() && w[0] >= '0' && w[0] <= '9';
      const uint32_t key = digit ? 0 : keywords_.Get(lower_.hash(i));
      if (!digit && key == 0 && !(w.size() > 3 && w.back() == '.')) {
        ++i;
        continue;
      }
      uint32_t end = MatchMonthFirst(i);
      if (!end) end = MatchDayMonth(i);
      if (!end) end = MatchIso(i);
      if (!end) end = MatchYear(i);
      if (!end && has_pub_) end = MatchRelative(i);
      i = end ? end : i + 1;
    }
  }

 private:
  std::string_view word(uint32_t i) const { return i < n_ ? lower_[i] : std::string_view(); }

  void Emit(uint32_t begin, uint32_t end, std::string value) {
    if (value.empty()) return;
    doc_.dates.push_back(DateMention{Span{doc_.tokens[begin].span.begin, doc_.tokens[end - 1].span.end},
                                     std::move(value)});
  }

  std::string DayValue(int64_t days) const {
    int y, m, d;
    CivilFromDays(days, &y, &m, &d);
    return FormatDate(y, m, d);
  }

  // The month of a lowercased token ("june", "jun", "jun.", "sept"), or 0.
  int MonthOf(std::string_view w, uint64_t hash) const {
    if (!w.empty() && w.back() == '.') hash = lex::HashWord(w.substr(0, w.size() - 1));
    const uint32_t v = keywords_.Get(hash);
    return (v & kKeyMonth) ? static_cast<int>(v & 0xFF) : 0;
  }

  // "16", "16th", "1st" -> the day 1..31, else 0.
  int DayNumber(std::string_view w) const {
    size_t digits = 0;
    while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
    if (digits == 0 || digits > 2) return 0;
    const std::string_view rest = w.substr(digits);
    if (!rest.empty() &&
        std::find(words_.ordinal_suffixes.begin(), words_.ordinal_suffixes.end(), rest) == words_.ordinal_suffixes.end()) {
      return 0;
    }
    return ParseDayNumber(w.substr(0, digits));
  }

  // A number word ("three", "a") or up to three digits, else -1.
  int SmallNumber(std::string_view w) const {
    if (const int n = DateWords::Find(words_.numbers, w, -1); n >= 0) return n;
    if (!w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::atoi(std::string(w).c_str());
    }
    return -1;
  }

  int Weekday(std::string_view w) const { return DateWords::Find(words_.weekdays, w, -1); }

  // "June 16, 2024", "June 16", "June 2024", "in March" (month names capitalised:
  // "may" and "march" are words too).
  uint32_t MatchMonthFirst(uint32_t i) {
    const std::string_view w = word(i);
    int month = doc_.tokens[i].Has(kTokUpperInitial) ? MonthOf(w, lower_.hash(i)) : 0;
    if (month && words_.month_needs_number.count(std::string(w)) &&
        !(DayNumber(word(i + 1)) || ParseYearNumber(word(i + 1)))) {
      month = 0;
    }
    if (!month) return 0;
    uint32_t j = i + 1;
    if (word(j) == ".") ++j;  // "Jun ."
    if (const int day = DayNumber(word(j))) {
      uint32_t k = j + 1;
      if (word(k) == ",") ++k;
      if (const int year = ParseYearNumber(word(k))) {
        Emit(i, k + 1, FormatDate(year, month, day));
        return k + 1;
      }
      Emit(i, j + 1, ResolveMonthDay(month, day, doc_.meta.published));
      return j + 1;
    }
    if (const int year = ParseYearNumber(word(j))) {
      Emit(i, j + 1, FormatMonth(year, month));
      return j + 1;
    }
    // A bare month: "in March", "since January", "last March".
    const std::string prev(i > 0 ? word(i - 1) : "");
    if (has_pub_ && words_.month_context.count(prev)) {
      const auto direction = words_.directions.find(prev);
      int y = py_;
      if (direction != words_.directions.end()) {
        if (direction->second < 0 && month >= pm_) y = py_ - 1;
        if (direction->second > 0 && month <= pm_) y = py_ + 1;
      }
      Emit(direction != words_.directions.end() ? i - 1 : i, i + 1, FormatMonth(y, month));
    }
    return i + 1;
  }

  // "16 June 2024", "16 June".
  uint32_t MatchDayMonth(uint32_t i) {
    const int day = DayNumber(word(i));
    if (!day || i + 1 >= n_ || !doc_.tokens[i + 1].Has(kTokUpperInitial)) return 0;
    const int month = MonthOf(word(i + 1), lower_.hash(i + 1));
    if (!month) return 0;
    if (const int year = ParseYearNumber(word(i + 2))) {
      Emit(i, i + 3, FormatDate(year, month, day));
      return i + 3;
    }
    Emit(i, i + 2, ResolveMonthDay(month, day, doc_.meta.published));
    return i + 2;
  }

  // ISO "2024-06-16" as one token or as 2024 - 06 - 16.
  uint32_t MatchIso(uint32_t i) {
    const std::string_view w = word(i);
    int y, m, d;
    if (w.size() == 10 && ParseIsoDate(w, &y, &m, &d)) {
      Emit(i, i + 1, FormatDate(y, m, d));
      return i + 1;
    }
    if (ParseYearNumber(w) && word(i + 1) == "-" && AllDigits(word(i + 2), 2) && word(i + 3) == "-" && AllDigits(word(i + 4), 2)) {
      const std::string joined = std::string(w) + "-" + std::string(word(i + 2)) + "-" + std::string(word(i + 4));
      if (ParseIsoDate(joined, &y, &m, &d)) {
        Emit(i, i + 5, FormatDate(y, m, d));
        return i + 5;
      }
    }
    return 0;
  }

  // A year alone: "in 2019", "2019's". Not an amount ("$ 2019") or a quantity ("2019 people").
  uint32_t MatchYear(uint32_t i) {
    const int year = ParseYearNumber(word(i));
    if (!year) return 0;
    const std::string prev(i > 0 ? word(i - 1) : "");
    const std::string next(word(i + 1));
    if (!words_.not_year_before.count(prev) && !words_.not_year_after.count(next)) Emit(i, i + 1, std::to_string(year));
    return i + 1;
  }

  // "yesterday", "last week", "next Monday", "on Wednesday", "three days ago".
  uint32_t MatchRelative(uint32_t i) {
    const std::string_view w = word(i);
    if (const auto day = words_.relative_days.find(std::string(w)); day != words_.relative_days.end()) {
      Emit(i, i + 1, DayValue(pub_days_ + day->second));
      return i + 1;
    }
    if (const auto dir = words_.directions.find(std::string(w)); dir != words_.directions.end()) {
      if (std::string value = DirectedValue(dir->second, word(i + 1)); !value.empty()) {
        Emit(i, i + 2, std::move(value));
        return i + 2;
      }
    }
    if (const int wd = Weekday(w); wd >= 0) {
      Emit(i, i + 1, DayValue(ResolveWeekday(pub_days_, wd, false)));
      return i + 1;
    }
    if (const int count = SmallNumber(w); count >= 0 && words_.ago_words.count(std::string(word(i + 2)))) {
      if (std::string value = AgoValue(count, word(i + 1)); !value.empty()) {
        Emit(i, i + 3, std::move(value));
        return i + 3;
      }
    }
    return 0;
  }

  // "last year" (dir -1), "this month" (0), "next week", "next Monday"; "" when `unit` is none of these.
  std::string DirectedValue(int dir, std::string_view unit) const {
    switch (DateWords::Find(words_.units, unit, DateWords::Unit::kNone)) {
      case DateWords::Unit::kYear:
        return std::to_string(py_ + dir);
      case DateWords::Unit::kMonth: {
        int m = pm_ + dir, y = py_;
        if (m < 1) { m = 12; --y; }
        if (m > 12) { m = 1; ++y; }
        return FormatMonth(y, m);
      }
      case DateWords::Unit::kWeek:
        return IsoWeek(pub_days_ + 7 * dir);
      default:
        break;
    }
    if (const int wd = Weekday(unit); wd >= 0) return DayValue(ResolveWeekday(pub_days_, wd, dir > 0));
    return "";
  }

  // "three days ago", "a week ago", "2 months ago"; "" when `unit` is not a unit.
  std::string AgoValue(int count, std::string_view unit_word) const {
    DateWords::Unit unit = DateWords::Find(words_.units, unit_word, DateWords::Unit::kNone);
    if (unit == DateWords::Unit::kNone) unit = DateWords::Find(words_.unit_plurals, unit_word, DateWords::Unit::kNone);
    switch (unit) {
      case DateWords::Unit::kDay:
        return DayValue(pub_days_ - count);
      case DateWords::Unit::kWeek:
        return IsoWeek(pub_days_ - 7 * count);
      case DateWords::Unit::kMonth: {
        int y = py_, m = pm_ - count;
        while (m < 1) { m += 12; --y; }
        return FormatMonth(y, m);
      }
      case DateWords::Unit::kYear:
        return std::to_string(py_ - count);
      default:
        return "";
    }
  }

  Document& doc_;
  const lex::LowerText& lower_;
  const DateWords& words_;
  const lex::WordMap& keywords_;
  const uint32_t n_;
  bool has_pub_ = false;
  int py_ = 0, pm_ = 0, pd_ = 0;
  int64_t pub_days_ = 0;
};

class DatesStage : public Stage {
 public:
  DatesStage(DateWords rule_words, std::map<std::string, DateWords> native)
      : rule_words_(std::move(rule_words)),
        keywords_(KeywordRules::BuildKeywords(rule_words_)),
        native_(std::move(native)) {}
  std::string_view Name() const override { return "dates"; }
  uint32_t Requires() const override { return kFieldTokens; }
  uint32_t Assigns() const override { return kFieldDates; }

  Status Process(Document& doc) const override {
    doc.dates.clear();
    if (doc.tokens.empty()) return Status::Ok();
    const lex::LowerText& lower = lex::LowerText::Shared(doc);
    // Dates in the document language's own patterns (data/<lang>/dates.txt) first;
    // the keyword rules skip their tokens.
    std::vector<bool> used;
    const auto native = native_.find(doc.meta.language);
    if (native != native_.end()) {
      used.assign(doc.tokens.size(), false);
      FindNativeDates(doc, native->second, lower, used);
    }
    KeywordRules(doc, lower, rule_words_, keywords_).Run(used);
    if (!used.empty()) {
      std::stable_sort(doc.dates.begin(), doc.dates.end(),
                       [](const DateMention& a, const DateMention& b) { return a.span.begin < b.span.begin; });
    }
    return Status::Ok();
  }

 private:
  DateWords rule_words_;
  lex::WordMap keywords_;
  std::map<std::string, DateWords> native_;  // language -> words, for languages with a native order
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeDatesStage(const StageOptions& options) {
  Result<DateWords> rule_words = DateWords::Load(options.data_dir + "/en");
  if (!rule_words.ok()) return rule_words.status();
  std::map<std::string, DateWords> native;
  for (const std::string& lang : LanguagesWithFile(options.data_dir, "dates.txt")) {
    Result<DateWords> dates = DateWords::Load(options.data_dir + "/" + lang);
    if (!dates.ok()) return dates.status();
    if (dates->order != DateWords::Order::kNone) native.emplace(lang, std::move(dates).value());
  }
  return std::unique_ptr<Stage>(new DatesStage(std::move(rule_words).value(), std::move(native)));
}

}  // namespace ties
