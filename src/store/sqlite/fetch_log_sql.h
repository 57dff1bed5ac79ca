// fetch_log_sql.h: the per-source summary of the fetch log (docs/fetch.md), one
// SQL text shared by `ties sources` (src/fetch/fetch_state.cc) and the query
// engine behind GET /api/sources (src/query/sqlite_query.cc).
// Columns: source, last_success, last_failure, fetches, failures, articles, last_error.
#ifndef TIES_STORE_SQLITE_FETCH_LOG_SQL_H_
#define TIES_STORE_SQLITE_FETCH_LOG_SQL_H_

namespace ties {

inline constexpr const char* kSourceSummarySql =
    "SELECT source, "
    " MAX(CASE WHEN error IS NULL AND status BETWEEN 200 AND 399 THEN time END),"
    " MAX(CASE WHEN error IS NOT NULL OR status >= 400 THEN time END),"
    " COUNT(*),"
    " SUM(CASE WHEN error IS NOT NULL OR status >= 400 THEN 1 ELSE 0 END),"
    " COUNT(DISTINCT article_id),"
    " (SELECT COALESCE(error, 'HTTP ' || status) FROM fetch_log f2 WHERE f2.source = f.source"
    "  AND (f2.error IS NOT NULL OR f2.status >= 400) ORDER BY seq DESC LIMIT 1) "
    "FROM fetch_log f WHERE source IS NOT NULL GROUP BY source ORDER BY source";

}  // namespace ties

#endif  // TIES_STORE_SQLITE_FETCH_LOG_SQL_H_
