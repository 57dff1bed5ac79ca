// output.h: printing query results as aligned text tables. JSON and CSV come
// from the shared result writers (query/result_fields.h), as in the HTTP API.
#ifndef TIES_CLI_OUTPUT_H_
#define TIES_CLI_OUTPUT_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "query/result_fields.h"

namespace ties {

using Row = std::vector<std::string>;

// Prints `rows` under `header` as an aligned text table (cells truncated to
// `max_width` display columns).
void PrintTable(const Row& header, const std::vector<Row>& rows, size_t max_width = 60);

// Prints `rows` as a text table headed by the field names: the fields named in
// `columns` (in that order; a name not in `fields` is an empty column), or all
// of them when `columns` is empty.
template <typename ResultRow>
void PrintResultTable(std::span<const ResultField<ResultRow>> fields, const std::vector<ResultRow>& rows,
                      std::span<const std::string_view> columns = {}) {
  std::vector<const ResultField<ResultRow>*> shown;
  Row header;
  if (columns.empty()) {
    for (const ResultField<ResultRow>& f : fields) shown.push_back(&f), header.emplace_back(f.name);
  } else {
    for (std::string_view name : columns) {
      const ResultField<ResultRow>* match = nullptr;
      for (const ResultField<ResultRow>& f : fields) {
        if (f.name == name) match = &f;
      }
      shown.push_back(match);
      header.emplace_back(name);
    }
  }
  std::vector<Row> cells;
  for (const ResultRow& row : rows) {
    Row line;
    for (const ResultField<ResultRow>* f : shown) line.push_back(f ? FieldText(f->get(row)) : "");
    cells.push_back(std::move(line));
  }
  PrintTable(header, cells);
}

}  // namespace ties

#endif  // TIES_CLI_OUTPUT_H_
