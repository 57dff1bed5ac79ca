// data_file.h: the one reader for ties's tab-separated data files (word lists,
// patterns, rule tables under data/).
//
// Format (every data file): UTF-8, one entry per line, columns separated by a
// tab; blank lines and lines whose first non-blank character is '#' are
// comments; a trailing CR is ignored. Each file documents its own columns in
// its header comment. A malformed line is reported by the caller's row
// function and comes back as "<path>:<line>: <what is wrong>", so start-up
// fails naming the file and line.
#ifndef TIES_COMMON_DATA_FILE_H_
#define TIES_COMMON_DATA_FILE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ties/status.h"

namespace ties {

// Calls `line_fn(line, line_number)` for every data line of `path` (not blank,
// not a '#' comment), without its trailing CR. Returns NotFound when the file
// cannot be opened, or the first error `line_fn` returns, prefixed with
// "<path>:<line>: " (its code kept). For the files that are not tab-separated
// (abbreviations.txt, dateline.txt).
Status ReadDataLines(const std::string& path, const std::function<Status(std::string_view, int)>& line_fn);

// Calls `row(columns, line_number)` for every data line of `path`, columns
// trimmed of ASCII blanks (empty columns kept, so their count is the file's).
// Returns NotFound when the file cannot be opened, or the first error `row`
// returns, prefixed with "<path>:<line>: " (its code kept).
Status ReadTsv(const std::string& path,
               const std::function<Status(const std::vector<std::string_view>&, int)>& row);

// Splits a list field ("a|b|c", "x y") on `sep`, trimming ASCII blanks and
// dropping empty parts.
std::vector<std::string_view> SplitList(std::string_view s, char sep);

// The language folders of `data_dir` (data/<lang>/) that hold `file_name`, in
// name order: the languages a stage has data for ("dates.txt" -> en kk ru zh).
std::vector<std::string> LanguagesWithFile(const std::string& data_dir, const std::string& file_name);

}  // namespace ties

#endif  // TIES_COMMON_DATA_FILE_H_
