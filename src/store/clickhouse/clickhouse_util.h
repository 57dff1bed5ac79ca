// clickhouse_util.h: small pure helpers of the ClickHouse backend (unit-tested
// without a server): dates, origins, and full-text queries turned into SQL.
#ifndef TIES_STORE_CLICKHOUSE_CLICKHOUSE_UTIL_H_
#define TIES_STORE_CLICKHOUSE_CLICKHOUSE_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ties::clickhouse {

// Drops trailing newlines of a one-value response ("3\n" -> "3").
std::string_view TrimNewline(std::string_view s);

// TabSeparated values as numbers (0 when empty; "nan" gives 0, as SQLite's NULL mean would).
int64_t ToInt(const std::string& s);
uint64_t ToUint(const std::string& s);
double ToDouble(const std::string& s);

// ClickHouse Date (days since 1970-01-01) of "YYYY-MM-DD"; 0 when the string is
// not a valid date or outside the Date range (1970..2149).
uint16_t DateDays(std::string_view day);

// "dir/a.jsonl:12" -> {"dir/a.jsonl", 12}; "x.warc: record 3" -> {"x.warc", 3};
// "file.txt" -> {"file.txt", 0}. Sorting by (path, line) reproduces the order
// in which one `ties ingest` run stored the articles (SQLite's seq order).
struct Origin {
  std::string path;
  uint64_t line = 0;
};
Origin SplitOrigin(std::string_view origin);

// A full-text query in the subset of FTS5 syntax both backends understand:
// words (all must match), "quoted phrases", prefix*, OR between two items,
// NOT before an item. Words are split into tokens like FTS5's unicode61
// tokenizer (runs of letters and digits) and lower-cased.
struct SearchTerm {
  std::vector<std::string> tokens;  // lower-case; adjacent in the text
  bool prefix = false;              // the last token may continue
};
struct SearchQuery {
  std::vector<std::vector<SearchTerm>> all;  // every group must match; a group is OR of its terms
  std::vector<SearchTerm> none;              // none may match
  bool empty() const { return all.empty(); }
};
SearchQuery ParseSearchQuery(std::string_view query);

// An RE2 pattern matching `term` in lower-cased text at token boundaries.
std::string TermRegex(const SearchTerm& term);

// SQL boolean: does the query match any of `columns` (SQL expressions)?
std::string MatchSql(const SearchQuery& q, const std::vector<std::string>& columns);

// SQL Float64 score, higher is better: BM25-shaped term frequency saturation
// (k1 = 1.2, b = 0.75, average length 2000 characters, no idf) summed over
// positive terms; each column's frequency is multiplied by its weight.
std::string ScoreSql(const SearchQuery& q, const std::vector<std::pair<std::string, double>>& weighted_columns,
                     const std::string& length_column);

// A short excerpt of `text` around the first match, matches in [brackets],
// "…" where text was cut; like FTS5 snippet(..., '[', ']', '…', 16).
std::string Snippet(std::string_view text, const SearchQuery& q, int max_tokens = 16);

// The SQL expression of a dyad period over a "YYYY-MM-DD" String column `day`
// and the Date column `date` of the same row, as SQLite computes it: day, week
// ("%Y-W%W"), month, year. Empty for an unknown unit.
std::string PeriodSql(std::string_view by, const std::string& day = "pub_day", const std::string& date = "pub_date");

}  // namespace ties::clickhouse

#endif  // TIES_STORE_CLICKHOUSE_CLICKHOUSE_UTIL_H_
