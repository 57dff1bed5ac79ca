// fts_tokenizer.cc: see fts_tokenizer.h. Compiled twice, like text_functions.cc:
// with TIES_SQLITE_EXTENSION every sqlite3_* call goes through <sqlite3ext.h>.
#ifdef TIES_SQLITE_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#include "store/sqlite/fts_tokenizer.h"

#include <libstemmer.h>
#include <opencc/opencc.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <new>

#include "common/lines.h"

namespace ties {

// The suffix files, compiled in (fts_suffix_data.cc, generated from data/ru and data/kk).
extern const char kRuSearchSuffixes[];
extern const char kKkSearchSuffixes[];

namespace {

// --- UTF-8 -----------------------------------------------------------------

// Decodes one code point at s[*pos] and advances; U+FFFD (one byte) on bad input.
char32_t Next(std::string_view s, size_t* pos) {
  const auto b0 = static_cast<unsigned char>(s[*pos]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (len == 0 || *pos + len > s.size()) {
    ++*pos;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[*pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *pos += len;
  return cp;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsHan(char32_t cp) {
  if (cp < 0x2E80) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_HAN;
}

bool IsCyrillic(char32_t cp) { return cp >= 0x400 && cp <= 0x52F; }

// ә ғ қ ң ө ұ ү һ і (either case): letters Kazakh has and Russian has not.
bool IsKazakhLetter(char32_t cp) {
  switch (u_tolower(static_cast<UChar32>(cp))) {
    case 0x04D9: case 0x0493: case 0x049B: case 0x04A3: case 0x04E9: case 0x04B1: case 0x04AF: case 0x04BB:
    case 0x0456:
      return true;
    default:
      return false;
  }
}

// --- suffix lists ----------------------------------------------------------

// "strip GROUP SUFFIX" lines: groups in file order, each group's suffixes longest first.
struct SuffixRules {
  std::vector<std::pair<std::string, std::vector<std::u32string>>> groups;
  size_t min_stem = 3;
};

SuffixRules ParseSuffixRules(std::string_view text) {
  SuffixRules rules;
  for (std::string_view line : Lines(text)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const size_t sp = line.find(' ');
    if (sp == std::string_view::npos) continue;
    const std::string_view key = line.substr(0, sp);
    std::string_view value = line.substr(sp + 1);
    if (key == "strip") {
      const size_t sp2 = value.find(' ');
      if (sp2 == std::string_view::npos) continue;
      const std::string group(value.substr(0, sp2));
      value = value.substr(sp2 + 1);
      std::u32string s;
      size_t p = 0;
      while (p < value.size()) s += Next(value, &p);
      if (rules.groups.empty() || rules.groups.back().first != group) rules.groups.emplace_back(group, std::vector<std::u32string>{});
      rules.groups.back().second.push_back(s);
    } else if (key == "min_stem") {
      rules.min_stem = static_cast<size_t>(std::max(1, std::atoi(std::string(value).c_str())));
    }
  }
  for (auto& [name, suffixes] : rules.groups) {
    std::stable_sort(suffixes.begin(), suffixes.end(),
                     [](const std::u32string& a, const std::u32string& b) { return a.size() > b.size(); });
  }
  return rules;
}

const SuffixRules& RuRules() {
  static const SuffixRules* rules = new SuffixRules(ParseSuffixRules(kRuSearchSuffixes));
  return *rules;
}
const SuffixRules& KkRules() {
  static const SuffixRules* rules = new SuffixRules(ParseSuffixRules(kKkSearchSuffixes));
  return *rules;
}

// Removes, group by group, the longest suffix of the group that leaves min_stem letters.
void StripSuffixes(std::u32string& word, const SuffixRules& rules) {
  for (const auto& [name, suffixes] : rules.groups) {
    for (const std::u32string& s : suffixes) {
      if (word.size() >= s.size() + rules.min_stem && word.compare(word.size() - s.size(), s.size(), s) == 0) {
        word.resize(word.size() - s.size());
        break;
      }
    }
  }
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) Append(out, cp);
  return out;
}

// Lowercase code points of a word, ё -> е.
std::u32string LowerWord(std::string_view word, bool* kazakh) {
  std::u32string out;
  *kazakh = false;
  size_t p = 0;
  while (p < word.size()) {
    const char32_t cp = Next(word, &p);
    if (IsKazakhLetter(cp)) *kazakh = true;
    char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
    if (lower == 0x0451) lower = 0x0435;
    out += lower;
  }
  return out;
}

std::string NormalizeWith(std::string_view word, sb_stemmer* russian) {
  bool kazakh = false;
  std::u32string lower = LowerWord(word, &kazakh);
  if (kazakh || russian == nullptr) {
    StripSuffixes(lower, KkRules());
    return ToUtf8(lower);
  }
  const std::string utf8 = ToUtf8(lower);
  const sb_symbol* stem =
      sb_stemmer_stem(russian, reinterpret_cast<const sb_symbol*>(utf8.data()), static_cast<int>(utf8.size()));
  if (stem == nullptr) return utf8;
  const std::string_view stemmed(reinterpret_cast<const char*>(stem), static_cast<size_t>(sb_stemmer_length(russian)));
  std::u32string s;
  size_t p = 0;
  while (p < stemmed.size()) s += Next(stemmed, &p);
  StripSuffixes(s, RuRules());
  return ToUtf8(s);
}

// --- Traditional -> Simplified ---------------------------------------------

// OpenCC's t2s converter, opened once per process (its dictionaries take a
// few milliseconds to load); conversions are serialised by a mutex because
// OpenCC does not document its converter as thread-safe.
struct T2S {
  std::mutex mu;
  opencc_t od = reinterpret_cast<opencc_t>(-1);
  T2S() {
    od = opencc_open("t2s.json");
    if (od == reinterpret_cast<opencc_t>(-1)) od = opencc_open("/usr/share/opencc/t2s.json");
  }
};

T2S& Converter() {
  static T2S* t2s = new T2S();
  return *t2s;
}

// `han` in Simplified characters, one code point per input code point; `han`
// itself when OpenCC is unavailable or would change the length.
std::u32string ToSimplified(const std::u32string& han) {
  T2S& t2s = Converter();
  if (t2s.od == reinterpret_cast<opencc_t>(-1)) return han;
  const std::string in = ToUtf8(han);
  std::string converted;
  {
    std::lock_guard<std::mutex> lock(t2s.mu);
    char* out = opencc_convert_utf8(t2s.od, in.data(), in.size());
    if (out == nullptr) return han;
    converted = out;
    opencc_convert_utf8_free(out);
  }
  std::u32string result;
  size_t p = 0;
  while (p < converted.size()) result += Next(converted, &p);
  return result.size() == han.size() ? result : han;
}

// --- the tokenizer -----------------------------------------------------------

struct TiesTokenizer {
  fts5_tokenizer inner_api;
  Fts5Tokenizer* inner = nullptr;
  sb_stemmer* russian = nullptr;
};

struct CallContext {
  TiesTokenizer* self;
  void* ctx;
  int (*x_token)(void*, int, const char*, int, int, int);
  const char* text;
  int text_size;
  bool query;
};

// Emits the bigrams (and colocated unigrams, at index time) of one Han run:
// `chars` are its Simplified code points, `offsets` the byte offset of each
// original character in the text plus one past the last.
int EmitHan(CallContext* c, const std::u32string& chars, const std::vector<int>& offsets) {
  const size_t n = chars.size();
  auto emit = [&](int flags, size_t from, size_t count) {
    const std::string term = ToUtf8(chars.substr(from, count));
    return c->x_token(c->ctx, flags, term.data(), static_cast<int>(term.size()), offsets[from], offsets[from + count]);
  };
  if (n == 1) return emit(0, 0, 1);
  for (size_t i = 0; i + 1 < n; ++i) {
    int rc = emit(0, i, 2);
    if (rc == SQLITE_OK && !c->query) rc = emit(FTS5_TOKEN_COLOCATED, i, 1);
    if (rc == SQLITE_OK && !c->query && i + 2 == n) rc = emit(FTS5_TOKEN_COLOCATED, i + 1, 1);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

// Splits the original bytes of one unicode61 token into Han and other runs and
// emits each: Han runs as bigrams, other runs as (normalised) words.
int EmitMixed(CallContext* c, int tflags, int start, int end) {
  const std::string_view original(c->text + start, static_cast<size_t>(end - start));
  size_t p = 0;
  while (p < original.size()) {
    const size_t run_begin = p;
    size_t q = p;
    const bool han = IsHan(Next(original, &q));
    std::u32string chars;
    std::vector<int> offsets;
    while (p < original.size()) {
      size_t r = p;
      const char32_t cp = Next(original, &r);
      if (IsHan(cp) != han) break;
      chars += cp;
      offsets.push_back(start + static_cast<int>(p));
      p = r;
    }
    offsets.push_back(start + static_cast<int>(p));
    int rc;
    if (han) {
      rc = EmitHan(c, ToSimplified(chars), offsets);
    } else {
      const std::string word = NormalizeWith(original.substr(run_begin, p - run_begin), c->self->russian);
      rc = c->x_token(c->ctx, tflags, word.data(), static_cast<int>(word.size()), start + static_cast<int>(run_begin),
                      start + static_cast<int>(p));
    }
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

int OnInnerToken(void* ctx, int tflags, const char* token, int n, int start, int end) {
  auto* c = static_cast<CallContext*>(ctx);
  bool ascii = true;
  for (int i = 0; i < n; ++i) {
    if (static_cast<unsigned char>(token[i]) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii || start < 0 || end > c->text_size || start >= end) return c->x_token(c->ctx, tflags, token, n, start, end);
  // Only tokens with Han or Cyrillic letters change; the rest stay unicode61's.
  const std::string_view original(c->text + start, static_cast<size_t>(end - start));
  bool han = false, cyrillic = false;
  size_t p = 0;
  while (p < original.size()) {
    const char32_t cp = Next(original, &p);
    han |= IsHan(cp);
    cyrillic |= IsCyrillic(cp);
  }
  if (han) return EmitMixed(c, tflags, start, end);
  if (cyrillic) {
    const std::string word = NormalizeWith(original, c->self->russian);
    return c->x_token(c->ctx, tflags, word.data(), static_cast<int>(word.size()), start, end);
  }
  return c->x_token(c->ctx, tflags, token, n, start, end);
}

int Create(void* user_data, const char** args, int nargs, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(user_data);
  auto* self = new (std::nothrow) TiesTokenizer();
  if (self == nullptr) return SQLITE_NOMEM;
  void* inner_data = nullptr;
  int rc = api->xFindTokenizer(api, "unicode61", &inner_data, &self->inner_api);
  if (rc == SQLITE_OK) {
    // unicode61 with the options the tables used before "ties" (and any given ones).
    std::vector<const char*> inner_args = {"remove_diacritics", "2"};
    for (int i = 0; i < nargs; ++i) inner_args.push_back(args[i]);
    rc = self->inner_api.xCreate(inner_data, inner_args.data(), static_cast<int>(inner_args.size()), &self->inner);
  }
  if (rc != SQLITE_OK) {
    delete self;
    return rc;
  }
  self->russian = sb_stemmer_new("russian", "UTF_8");
  *out = reinterpret_cast<Fts5Tokenizer*>(self);
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer* tokenizer) {
  auto* self = reinterpret_cast<TiesTokenizer*>(tokenizer);
  if (self == nullptr) return;
  if (self->inner != nullptr) self->inner_api.xDelete(self->inner);
  if (self->russian != nullptr) sb_stemmer_delete(self->russian);
  delete self;
}

int Tokenize(Fts5Tokenizer* tokenizer, void* ctx, int flags, const char* text, int size,
             int (*x_token)(void*, int, const char*, int, int, int)) {
  auto* self = reinterpret_cast<TiesTokenizer*>(tokenizer);
  CallContext c{self, ctx, x_token, text, size, (flags & FTS5_TOKENIZE_QUERY) != 0};
  return self->inner_api.xTokenize(self->inner, &c, flags, text, size, OnInnerToken);
}

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return api;
}

}  // namespace

std::string NormalizeCyrillicWord(std::string_view word) {
  sb_stemmer* russian = sb_stemmer_new("russian", "UTF_8");
  std::string out = NormalizeWith(word, russian);
  if (russian != nullptr) sb_stemmer_delete(russian);
  return out;
}

int RegisterFtsTokenizer(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) return SQLITE_ERROR;
  fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  return api->xCreateTokenizer(api, "ties", api, &tokenizer, nullptr);
}

}  // namespace ties
