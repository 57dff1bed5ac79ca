// text_functions.cc: see text_functions.h. Compiled twice: into ties_store
// (<sqlite3.h>) and, with TIES_SQLITE_EXTENSION, into the loadable extension
// libties_sqlite.so, where <sqlite3ext.h> turns every sqlite3_* call below into
// a call through the host's sqlite3_api pointer (set by sqlite_extension.cc).
#ifdef TIES_SQLITE_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#include "store/sqlite/text_functions.h"

#include "common/byte_index.h"

#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

namespace ties {

namespace {

// A stored frame claiming more than this is corrupt (articles are far smaller).
constexpr unsigned long long kMaxTextBytes = 1ull << 30;

// Per-connection state of ties_text()/ties_span(): a decompression context,
// the dictionary (loaded from meta when a frame first needs it) and the last
// value decoded (spans of one article come in a row).
class TextCache {
 public:
  explicit TextCache(sqlite3* db) : db_(db), dctx_(ZSTD_createDCtx()) {}
  ~TextCache() {
    ZSTD_freeDCtx(dctx_);
    ZSTD_freeDDict(ddict_);
  }
  TextCache(const TextCache&) = delete;  // owns a ZSTD_DCtx
  TextCache& operator=(const TextCache&) = delete;

  // The text of a stored `articles.text` value; false (with *error) when a
  // compressed value is corrupt.
  bool Decode(sqlite3_value* value, std::string_view* text, const char** error) {
    const bool blob = sqlite3_value_type(value) == SQLITE_BLOB;
    const void* data = blob ? sqlite3_value_blob(value) : static_cast<const void*>(sqlite3_value_text(value));
    const size_t size = static_cast<size_t>(sqlite3_value_bytes(value));
    if (valid_ && blob == key_blob_ && size == key_.size() && (size == 0 || std::memcmp(data, key_.data(), size) == 0)) {
      *text = text_;
      return true;
    }
    valid_ = false;
    index_.reset();
    key_.assign(static_cast<const char*>(data), size);
    key_blob_ = blob;
    if (!blob) {
      text_ = key_;
    } else {
      const unsigned long long n = ZSTD_getFrameContentSize(key_.data(), key_.size());
      if (n == ZSTD_CONTENTSIZE_ERROR || n == ZSTD_CONTENTSIZE_UNKNOWN || n > kMaxTextBytes) {
        *error = "ties_text: stored text is not a zstd frame (corrupt database?)";
        return false;
      }
      text_.resize(static_cast<size_t>(n));
      const unsigned dict_id = ZSTD_getDictID_fromFrame(key_.data(), key_.size());
      if (dict_id != 0 && (ddict_ == nullptr || ZSTD_getDictID_fromDDict(ddict_) != dict_id)) {
        ZSTD_freeDDict(ddict_);
        const std::string dict = ReadDictionary();
        ddict_ = dict.empty() ? nullptr : ZSTD_createDDict(dict.data(), dict.size());
        if (ddict_ == nullptr || ZSTD_getDictID_fromDDict(ddict_) != dict_id) {
          *error = "ties_text: the compression dictionary of this text is missing (corrupt database?)";
          return false;
        }
      }
      const size_t got = dict_id == 0
                             ? ZSTD_decompressDCtx(dctx_, text_.data(), text_.size(), key_.data(), key_.size())
                             : ZSTD_decompress_usingDDict(dctx_, text_.data(), text_.size(), key_.data(),
                                                          key_.size(), ddict_);
      if (ZSTD_isError(got) || got != n) {
        *error = "ties_text: cannot decompress stored text (corrupt database?)";
        return false;
      }
    }
    valid_ = true;
    *text = text_;
    return true;
  }
  // The code point index of the text last decoded.
  const ByteIndex& Index() {
    if (!index_) index_ = std::make_unique<ByteIndex>(text_);
    return *index_;
  }

 private:
  // The stored dictionary (meta 'text_dictionary'), or empty.
  std::string ReadDictionary() const {
    sqlite3_stmt* st = nullptr;
    std::string dict;
    if (sqlite3_prepare_v2(db_, "SELECT value FROM meta WHERE key = 'text_dictionary'", -1, &st, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      const void* p = sqlite3_column_blob(st, 0);
      const int n = sqlite3_column_bytes(st, 0);
      if (p != nullptr && n > 0) dict.assign(static_cast<const char*>(p), static_cast<size_t>(n));
    }
    sqlite3_finalize(st);
    return dict;
  }

  sqlite3* db_;
  ZSTD_DCtx* dctx_;
  ZSTD_DDict* ddict_ = nullptr;
  bool valid_ = false;
  bool key_blob_ = false;
  std::string key_;
  std::string text_;
  std::unique_ptr<ByteIndex> index_;
};

// The article text in `value` (decompressed through the connection's cache);
// false after reporting the error on `ctx`.
bool DecodeArgument(sqlite3_context* ctx, sqlite3_value* value, std::string_view* text) {
  auto* cache = static_cast<TextCache*>(sqlite3_user_data(ctx));
  const char* error = nullptr;
  if (cache->Decode(value, text, &error)) return true;
  sqlite3_result_error(ctx, error, -1);
  return false;
}

void TiesTextFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
    sqlite3_result_value(ctx, argv[0]);  // stored uncompressed (or NULL)
    return;
  }
  std::string_view text;
  if (!DecodeArgument(ctx, argv[0], &text)) return;
  sqlite3_result_text(ctx, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void TiesSpanFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL ||
      sqlite3_value_type(argv[2]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  std::string_view text;
  if (!DecodeArgument(ctx, argv[0], &text)) return;
  auto* cache = static_cast<TextCache*>(sqlite3_user_data(ctx));
  const std::string_view span =
      cache->Index().Cut(text, sqlite3_value_int64(argv[1]), sqlite3_value_int64(argv[2]));
  sqlite3_result_text(ctx, span.data(), static_cast<int>(span.size()), SQLITE_TRANSIENT);
}

}  // namespace

int RegisterTextFunctions(sqlite3* db) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  auto destroy = [](void* p) { delete static_cast<TextCache*>(p); };
  int rc = sqlite3_create_function_v2(db, "ties_text", 1, kFlags, new TextCache(db), TiesTextFunction, nullptr,
                                      nullptr, destroy);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "ties_span", 3, kFlags, new TextCache(db), TiesSpanFunction, nullptr,
                                    nullptr, destroy);
  }
  return rc;
}

}  // namespace ties
