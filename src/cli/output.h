// output.h: printing query results as aligned tables, JSON or CSV.
#ifndef TIES_CLI_OUTPUT_H_
#define TIES_CLI_OUTPUT_H_

#include <string>
#include <vector>

namespace ties {

using Row = std::vector<std::string>;

// Prints `rows` under `header` as an aligned text table (cells truncated to
// `max_width` display columns).
void PrintTable(const Row& header, const std::vector<Row>& rows, size_t max_width = 60);
// RFC 4180 CSV with a header line.
void PrintCsv(const Row& header, const std::vector<Row>& rows);
// One JSON array of objects keyed by the header; cells listed in `numeric` are
// written as numbers.
void PrintJsonRows(const Row& header, const std::vector<Row>& rows, const std::vector<bool>& numeric);

}  // namespace ties

#endif  // TIES_CLI_OUTPUT_H_
