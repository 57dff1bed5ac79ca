// native_dates_pass.h: dates written the way Russian, Kazakh and Chinese copy
// writes them, with the month names and markers of data/<lang>/dates.txt:
//   ru  "16 июня 2025 года", "16 июня", "в июне 2025 г."
//   kk  "2025 жылғы 16 маусым", "16 маусым", "2025 жылғы маусымда"
//   zh  "2025年6月16日", "6月16日", "2025年6月"
// A day and month without a year resolve against the publication date like a
// dateline (ResolveMonthDay).
#ifndef TIES_EXTRACT_DATES_NATIVE_DATES_PASS_H_
#define TIES_EXTRACT_DATES_NATIVE_DATES_PASS_H_

#include <vector>

#include "lexicon/words.h"
#include "text/date_words.h"
#include "ties/document.h"

namespace ties {

// Appends the native dates of `doc` to doc.dates and sets used[i] for each
// token they cover (`used` has one entry a token). REQUIRES: `lower` is the
// LowerText of doc. Linear in the number of tokens.
void FindNativeDates(Document& doc, const DateWords& dates, const lex::LowerText& lower, std::vector<bool>& used);

}  // namespace ties

#endif  // TIES_EXTRACT_DATES_NATIVE_DATES_PASS_H_
