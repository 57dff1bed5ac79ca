// sqlite_extension.cc: libties_sqlite.so, a SQLite loadable extension that
// registers ties' SQL functions (ties_text, ties_span: text_functions.h) and the
// FTS5 tokenizer "ties" (fts_tokenizer.h) in any
// program using SQLite, so the views article_text/quote_text and the FTS5
// tables articles_fts/quotes_fts of a ties database read text there too
// (docs/storage.md, "Reading a database with other tools"):
//   sqlite3 ties.db -cmd '.load build/libties_sqlite' 'SELECT ... FROM article_text'
// The entry point sqlite3_tiessqlite_init is the name SQLite derives from the
// file name; sqlite3_extension_init (the default name) is the same function.
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "store/sqlite/fts_tokenizer.h"
#include "store/sqlite/text_functions.h"

namespace {

int Init(sqlite3* db, char** error, const sqlite3_api_routines* api) {
  SQLITE_EXTENSION_INIT2(api);
  int rc = ties::RegisterTextFunctions(db);
  if (rc != SQLITE_OK && error != nullptr) {
    *error = sqlite3_mprintf("ties_sqlite: registering ties_text/ties_span: %s", sqlite3_errmsg(db));
    return rc;
  }
  rc = ties::RegisterFtsTokenizer(db);
  if (rc != SQLITE_OK && error != nullptr) {
    *error = sqlite3_mprintf("ties_sqlite: registering the FTS5 tokenizer 'ties': %s", sqlite3_errmsg(db));
  }
  return rc;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int sqlite3_tiessqlite_init(sqlite3* db, char** error,
                                                                   const sqlite3_api_routines* api) {
  return Init(db, error, api);
}

__attribute__((visibility("default"))) int sqlite3_extension_init(sqlite3* db, char** error,
                                                                  const sqlite3_api_routines* api) {
  return Init(db, error, api);
}

}  // extern "C"
