// text_functions.h: ties' SQL functions ties_text()/ties_span() (docs/storage.md,
// "Compressed text"). One implementation for two builds: text_functions.cc is
// compiled into ties_store against <sqlite3.h> (RegisterFunctions in
// sqlite_util.h calls it for every connection ties opens) and into the SQLite
// loadable extension libties_sqlite.so (sqlite_extension.cc) with
// TIES_SQLITE_EXTENSION defined, where every sqlite3_* call goes through the
// sqlite3_api pointer of <sqlite3ext.h>. It uses only the SQLite C API, zstd
// and the standard library, so the extension links nothing else of ties.
#ifndef TIES_STORE_SQLITE_TEXT_FUNCTIONS_H_
#define TIES_STORE_SQLITE_TEXT_FUNCTIONS_H_

struct sqlite3;

namespace ties {

// Registers on `db`:
//   ties_text(z)               the article text of a stored `articles.text` value
//   ties_span(z, start, end)   the text between two code point offsets of it
//                              (NULL when start or end is NULL)
// Each connection keeps the last text it decompressed, so the spans of one
// article cost one decompression. Returns an SQLite result code (SQLITE_OK).
int RegisterTextFunctions(sqlite3* db);

}  // namespace ties

#endif  // TIES_STORE_SQLITE_TEXT_FUNCTIONS_H_
