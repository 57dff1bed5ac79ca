// fts_tokenizer.h: the FTS5 tokenizer "ties" behind articles_fts and quotes_fts
// (docs/languages.md, "Search"). It wraps FTS5's own unicode61 tokenizer
// (remove_diacritics 2) and changes only non-Latin words:
//   - a run of Han characters is converted from Traditional to Simplified
//     Chinese (OpenCC's t2s) and indexed as overlapping bigrams, each with the
//     unigram of its first character colocated (and the last character's with
//     the last bigram): 免签政策 -> 免签 签政 政策, so `免签` and `政策` match
//     inside a run whatever a word segmenter would have said, and a one-character
//     query matches too;
//   - a Cyrillic word with a Kazakh letter loses its Kazakh endings
//     (data/kk/search_suffixes.txt): Қазақстанның -> қазақстан;
//   - any other Cyrillic word is stemmed with Snowball's Russian stemmer, then
//     loses a derivational suffix (data/ru/search_suffixes.txt): визовый,
//     визы, визу -> виз.
// Latin-script and other tokens are unicode61's, byte for byte, so English
// search is unchanged. FTS5 tokenizes queries with the same tokenizer, so the
// query side gets the same normalisation. Like text_functions.cc this file is
// compiled into ties_store and into the loadable extension; the suffix lists
// are compiled in (generated from data/ at build time) so that the sqlite3
// shell needs no data directory.
#ifndef TIES_STORE_SQLITE_FTS_TOKENIZER_H_
#define TIES_STORE_SQLITE_FTS_TOKENIZER_H_

#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace ties {

// Registers the tokenizer "ties" with FTS5 on `db`. Returns an SQLite result
// code (SQLITE_OK). Thread-safety: as SQLite's (one tokenizer object per FTS
// table per connection).
int RegisterFtsTokenizer(sqlite3* db);

// The index terms of one Cyrillic word (lowercase), for tests and docs:
// "визовый" -> "виз", "Қазақстанның" -> "қазақстан".
std::string NormalizeCyrillicWord(std::string_view word);

}  // namespace ties

#endif  // TIES_STORE_SQLITE_FTS_TOKENIZER_H_
