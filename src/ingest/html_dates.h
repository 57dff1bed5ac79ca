// html_dates.h: publication dates found in web pages, and their plausibility.
//
// Web pages state dates in many forms: ISO 8601 in metadata ("2025-06-17T10:34:00+02:00"),
// numeric dates in bylines ("17.06.2025", "06/17/2025"), written dates in
// many languages ("June 17, 2025", "17. Juni 2025", "17 de junio de 2025") and
// dates in the URL ("/2025/06/17/"). These helpers turn one such string into
// a normalised ISO value; html_extract.cc decides which candidate wins.
//
// Thread-safety: all functions are pure.
#ifndef TIES_INGEST_HTML_DATES_H_
#define TIES_INGEST_HTML_DATES_H_

#include <string>
#include <string_view>

namespace ties {

// A date found in a string: day precision always, minute precision when a
// clock came with it.
struct FoundDate {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = -1;  // -1 when no time was given
  bool ok() const { return year != 0; }
  // "2025-06-17" or "2025-06-17T10:34".
  std::string Iso() const;
  int64_t Days() const;  // days since 1970-01-01
};

// Order of day and month in an ambiguous numeric date "05/06/2025".
enum class DayOrder { kDayFirst, kMonthFirst };

// Parses the first date in `s`: ISO ("2025-06-17", "2025-06-17T10:34:00Z",
// "20250617"), numeric ("17.06.2025", "2025/06/17", "17/06/2025"), written
// ("June 17, 2025", "17 Jun 2025", "Tue, 17 Jun 2025 10:34:00 +0000", "17. Juni
// 2025", "17 juin 2025", "17 de junio de 2025", "17 июня 2025"). A date
// without a year or a bare year is not a date here. `order` resolves
// ambiguous slash dates. Returns !ok() when there is none.
FoundDate ParseDateText(std::string_view s, DayOrder order = DayOrder::kMonthFirst);

// Like ParseDateText, but `s` must be a date value as a whole (metadata
// content such as "2025-06-17T10:34:00+00:00" or "Tue, 17 Jun 2025 10:34:00
// GMT"), not a sentence that contains a date somewhere.
FoundDate ParseDateValue(std::string_view s);

// A date in a byline or date element ("Posted 26/10/13, 03:48 pm", "28.01.22",
// "17. Juni 2025", "3 hours ago"): ParseDateText with day-first order, plus
// two-digit years (DD.MM.YY, DD/MM/YY; 20YY unless that is in the future),
// plus relative dates counted back from `crawl_days` (days since epoch; 0 =
// unknown, then relative dates are not read). Only for short date-like
// elements: in running text a number triple is not always a date.
FoundDate ParseBylineDate(std::string_view s, int64_t crawl_days);

// A relative date counted back from `base_days`: "3 hours ago", "2 days ago",
// "vor 3 Stunden", "il y a 2 jours", "hace 3 horas", "3 часа назад", "2 giorni
// fa", "yesterday"/"gestern"/"hier"/"ayer"/"вчера", "today"/"heute"/... Units
// under a day give the base day. !ok() when none or base_days <= 0.
FoundDate ParseRelativeDate(std::string_view s, int64_t base_days);

// A date in a URL path: "/2025/06/17/", "/2025-06-17-", "/20250617/".
// Year-month only ("/2025/06/") gives !ok().
FoundDate DateFromUrl(std::string_view url);

// True when `date` can be a publication date: not before 1995-01-01 and not
// after `max_days` (days since epoch: the crawl date or today).
bool PlausibleDate(const FoundDate& date, int64_t max_days);

// Today in days since 1970-01-01 (UTC).
int64_t TodayDays();

}  // namespace ties

#endif  // TIES_INGEST_HTML_DATES_H_
