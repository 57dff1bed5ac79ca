// dateline.h: parsing the dateline that opens a wire story.
//
// Recognised forms (place in capitals, or in title case when a date or agency follows):
//   "ASTANA, June 16 (Xinhua) --"    "WASHINGTON (AP) —"     "LONDON, June 3 (Reuters) -"
//   "MOSCOW, June 3. /TASS/."        "BEIJING --"            "ALMATY, Kazakhstan, June 16 (Kazinform) --"
#ifndef TIES_TEXT_DATELINE_H_
#define TIES_TEXT_DATELINE_H_

#include <string_view>

#include "ties/document.h"

namespace ties {

// Parses a dateline at the start of `text` (after leading spaces). `published`
// is the ISO publication date used to pick the dateline's year ("" if unknown).
// Returns false when the text does not open with a dateline.
// `region`, when not null, receives the part between place and date
// ("Kazakhstan" in "ALMATY, Kazakhstan, June 16").
bool ParseDateline(std::string_view text, std::string_view published, Dateline* out,
                   std::string* region = nullptr);

// Where a dateline can stand: the first line of `text` after leading blanks (spaces, tabs,
// newlines), cut to `max_bytes`; `*start` receives its offset in `text`. Both readers
// (ParseDateline, ParseNativeDateline) look only here, so neither scans the article.
std::string_view DatelineHead(std::string_view text, size_t max_bytes, size_t* start);

// Resolves month/day against an ISO publication date: the latest such date not
// more than two days after publication. "" when `published` has no valid date.
std::string ResolveMonthDay(int month, int day, std::string_view published);

}  // namespace ties

#endif  // TIES_TEXT_DATELINE_H_
