// clickhouse_documents.h: stored articles rebuilt as Documents from a
// ClickHouse ties database (what `ties show` prints and `ties export` writes).
//
// The rows of one article version are those with its content hash: rows of an
// older version whose deletion has not yet run are never read. Offsets come
// back from code points to bytes, as the SQLite engine does, so a Document read
// here equals the one read from SQLite for the same article.
#ifndef TIES_STORE_CLICKHOUSE_CLICKHOUSE_DOCUMENTS_H_
#define TIES_STORE_CLICKHOUSE_CLICKHOUSE_DOCUMENTS_H_

#include <functional>
#include <string>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties::clickhouse {

using Rows = std::vector<std::vector<std::string>>;

// How the reader reaches the database: `select` runs one SELECT (TabSeparated
// rows); `table("quotes")` is the FROM expression of a table, FINAL included.
struct DocumentSource {
  std::function<Result<Rows>(const std::string& sql)> select;
  std::function<std::string(const char* name)> table;
};

// The articles with these ids, in the order of `ids` (ids not stored are left
// out). Seven queries per call whatever the number of ids: callers batch (a few
// hundred ids a call keeps each query small).
Result<std::vector<Document>> LoadDocuments(const DocumentSource& source, const std::vector<std::string>& ids);

}  // namespace ties::clickhouse

#endif  // TIES_STORE_CLICKHOUSE_CLICKHOUSE_DOCUMENTS_H_
