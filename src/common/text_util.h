// text_util.h: small UTF-8 and ASCII helpers shared by the stages.
#ifndef TIES_COMMON_TEXT_UTIL_H_
#define TIES_COMMON_TEXT_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace ties {

// Decodes the code point at s[*pos] and advances *pos. Invalid bytes decode
// to U+FFFD and advance by one byte.
char32_t DecodeUtf8(std::string_view s, size_t* pos);
void AppendUtf8(std::string& out, char32_t cp);

// True when `s` is valid UTF-8. On false, *bad_offset is the first bad byte.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);
// Replaces every invalid byte with U+FFFD; returns the number replaced.
size_t RepairUtf8(std::string& s);

std::string_view TrimAscii(std::string_view s);
std::string AsciiLower(std::string_view s);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Full Unicode lowercase (ICU) of UTF-8 text.
std::string Utf8Lower(std::string_view s);
// "NEW YORK" -> "New York", "ASTANA" -> "Astana" (ICU title case).
std::string Utf8TitleCase(std::string_view s);

// 1..12 for "January".."December" and "Jan", "Jan.", "Sept" (any case); 0 otherwise.
int MonthFromName(std::string_view word);

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int64_t DaysFromCivil(int year, int month, int day);
void CivilFromDays(int64_t days, int* year, int* month, int* day);
// "YYYY-MM-DD" with zero padding.
std::string FormatDate(int year, int month, int day);
// Parses "YYYY-MM-DD" (also the date part of a longer ISO string); false if not a valid date.
bool ParseIsoDate(std::string_view s, int* year, int* month, int* day);

}  // namespace ties

#endif  // TIES_COMMON_TEXT_UTIL_H_
