// gdelt_export.h: Document -> GDELT 2.0 event rows, GDELT GKG 2.1 rows, and an
// events CSV, for `ties export --format gdelt-events|gdelt-gkg|csv`.
//
// Every function appends to `out` and never fails: fields we cannot fill are
// left empty, tabs and newlines inside text are replaced by spaces, and each
// row ends with '\n'. The column mapping (and where we deviate from GDELT, for
// example ISO 3166 alpha-3 instead of FIPS country codes in geo fields) is in
// docs/events.md. Thread-safe: no shared state.
#ifndef TIES_EXPORT_GDELT_EXPORT_H_
#define TIES_EXPORT_GDELT_EXPORT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "ties/document.h"

namespace ties {

struct ExportOptions {
  // DATEADDED / GKG DATE as YYYYMMDDHHMMSS; empty: derived from doc.meta.published
  // (time 000000 when it has none).
  std::string date_added;
};

// The 61 GDELT 2.0 event column names, tab-separated, with '\n' (GDELT files
// have no header; use it for CSV-style tools).
std::string_view GdeltEventHeader();

// Appends one row per distinct (source, target, code) of doc.events.
// GLOBALEVENTID is *next_event_id, incremented per row. NumMentions is the
// number of sentences that coded the same triple; NumSources = NumArticles = 1.
void AppendGdeltEventRows(const Document& doc, const ExportOptions& options, uint64_t* next_event_id,
                          std::string& out);

// The 27 GKG 2.1 column names, tab-separated, with '\n'.
std::string_view GdeltGkgHeader();

// Appends the article's GKG 2.1 row. `record_seq` numbers rows within a batch
// (GKGRECORDID = DATE-seq). Quote speakers go in V2EXTRASXML as
// <TIES_QUOTE_SPEAKERS>offset|length|speaker|country#...</TIES_QUOTE_SPEAKERS>.
void AppendGdeltGkgRow(const Document& doc, const ExportOptions& options, uint64_t record_seq, std::string& out);

// RFC 4180 CSV of events: EventsCsvHeader() once, then rows per document.
std::string_view EventsCsvHeader();
void AppendEventsCsvRows(const Document& doc, std::string& out);

}  // namespace ties

#endif  // TIES_EXPORT_GDELT_EXPORT_H_
