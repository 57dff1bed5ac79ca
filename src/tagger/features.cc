// features.cc: see features.h. Runs only when a word type misses the score
// cache, so it favours clarity over speed; it still never allocates for
// words up to kMaxFeatureBytes.
#include "tagger/features.h"

#include <unicode/uchar.h>

#include <string>

#include "common/hash.h"
#include "common/text_util.h"

namespace ties::tagger {

namespace {

// Templates; values are part of the model format (append, never renumber).
enum Template : uint64_t {
  kWord = 1, kLower, kPrefix1, kPrefix2, kPrefix3, kPrefix4, kSuffix1, kSuffix2, kSuffix3, kSuffix4,
  kShape, kShortShape, kHasDigit, kHasHyphen, kInnerUpper, kAllUpper, kInitialUpper, kHasPeriod,
  kLength, kLexicon, kNoLetter,
};

// The normalised code point sequence of a word: at most kMaxFeatureBytes bytes.
struct NormWord {
  char cased[kMaxFeatureBytes + 8];  // quotes/dashes folded, digits as '0'
  char lower[kMaxFeatureBytes + 8];  // lowercase of `cased`
  uint8_t starts[kMaxFeatureBytes + 8];  // byte offset of each code point in lower
  char shape[20];
  char short_shape[20];
  size_t bytes = 0, lower_bytes = 0, cps = 0, shape_len = 0, short_len = 0;
  bool has_digit = false, has_hyphen = false, has_period = false, inner_upper = false;
  bool initial_upper = false, any_letter = false, all_upper = true;
};

void AppendCp(char* buf, size_t* len, char32_t cp) {
  std::string tmp;
  AppendUtf8(tmp, cp);
  for (char c : tmp) buf[(*len)++] = c;
}

size_t Utf8Length(char32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

void AddShape(NormWord& w, char c) {
  if (w.shape_len < 16) w.shape[w.shape_len++] = c;
  if ((w.short_len == 0 || w.short_shape[w.short_len - 1] != c) && w.short_len < 16) {
    w.short_shape[w.short_len++] = c;
  }
}

// Folds typography: the same word written with curly or straight quotes, or
// with an en/em dash or "--", gets the same features.
char32_t FoldTypography(char32_t cp, bool* dash) {
  *dash = false;
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: return '"';
    case 0x2013: case 0x2014: case 0x2015: case 0x2212: *dash = true; return '-';
    default: return cp;
  }
}

void Normalize(std::string_view text, NormWord& w) {
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = DecodeUtf8(text, &pos);
    bool dash = false;
    cp = FoldTypography(cp, &dash);
    char32_t lower = cp;
    if (cp >= 'A' && cp <= 'Z') {
      lower = cp + 32;
    } else if (cp >= 0x80) {
      lower = u_tolower(cp);
    }
    const size_t need = dash ? 2 : Utf8Length(cp) + Utf8Length(lower);
    if (w.bytes + need > kMaxFeatureBytes) break;
    const bool upper = (cp < 0x80) ? (cp >= 'A' && cp <= 'Z') : u_isupper(cp);
    const bool lower_letter = (cp < 0x80) ? (cp >= 'a' && cp <= 'z') : u_islower(cp);
    const bool digit = (cp < 0x80) ? (cp >= '0' && cp <= '9') : u_isdigit(cp);
    const bool letter = upper || lower_letter || (cp >= 0x80 && u_isalpha(cp));
    if (digit) {
      cp = lower = '0';
      w.has_digit = true;
    }
    if (letter) {
      w.any_letter = true;
      if (!upper) w.all_upper = false;
      if (upper && w.cps == 0) w.initial_upper = true;
      if (upper && w.cps > 0) w.inner_upper = true;
    }
    if (cp == '-') w.has_hyphen = true;
    if (cp == '.') w.has_period = true;
    char shape_char = upper ? 'X' : lower_letter ? 'x' : digit ? 'd' : letter ? 'a'
                      : (cp < 0x80 && cp > ' ') ? static_cast<char>(cp) : '*';
    w.starts[w.cps++] = static_cast<uint8_t>(w.lower_bytes);
    if (dash) {
      w.cased[w.bytes++] = '-';
      w.cased[w.bytes++] = '-';
      w.lower[w.lower_bytes++] = '-';
      w.lower[w.lower_bytes++] = '-';
      AddShape(w, '-');
      continue;
    }
    AppendCp(w.cased, &w.bytes, cp);
    AppendCp(w.lower, &w.lower_bytes, lower);
    AddShape(w, shape_char);
  }
  w.starts[w.cps] = static_cast<uint8_t>(w.lower_bytes);
  if (!w.any_letter) w.all_upper = false;
}

struct Emitter {
  uint64_t* out;
  int n = 0;
  int offset;
  void Add(Template t, std::string_view s) {
    if (n >= kMaxWordFeatures) return;
    out[n++] = HashBytes(s, (static_cast<uint64_t>(t) << 8) | static_cast<uint64_t>(offset - kMinOffset)) | 1;
  }
};

}  // namespace

uint64_t HashBytes(std::string_view bytes, uint64_t seed) {
  uint64_t h = 0xcbf29ce484222325ull ^ Mix64(seed + 0x632be59bd9b4e019ull);
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return Mix64(h ^ bytes.size());
}

namespace {

// The features of a normalised word at one offset (the body of WordFeatures).
int FeaturesOf(const NormWord& w, int offset, LexiconBits lexicon, uint64_t* out) {
  Emitter e{out, 0, offset};
  const std::string_view lower(w.lower, w.lower_bytes);
  const std::string_view short_shape(w.short_shape, w.short_len);
  for (int bit = 0; bit < 32; ++bit) {
    if (lexicon & (1u << bit)) {
      const char name[2] = {static_cast<char>('a' + bit), 0};
      e.Add(kLexicon, std::string_view(name, 1));
    }
  }
  if (offset != 0) {
    e.Add(kLower, lower);
    e.Add(kShortShape, short_shape);
    if (offset == -1 || offset == 1) {
      if (w.cps >= 3) e.Add(kSuffix3, lower.substr(w.starts[w.cps - 3]));
    }
    return e.n;
  }
  e.Add(kWord, std::string_view(w.cased, w.bytes));
  e.Add(kLower, lower);
  const Template prefixes[] = {kPrefix1, kPrefix2, kPrefix3, kPrefix4};
  const Template suffixes[] = {kSuffix1, kSuffix2, kSuffix3, kSuffix4};
  for (size_t n = 1; n <= 4 && n <= w.cps; ++n) {
    e.Add(prefixes[n - 1], lower.substr(0, w.starts[n]));
    e.Add(suffixes[n - 1], lower.substr(w.starts[w.cps - n]));
  }
  e.Add(kShape, std::string_view(w.shape, w.shape_len));
  e.Add(kShortShape, short_shape);
  if (w.has_digit) e.Add(kHasDigit, "");
  if (w.has_hyphen) e.Add(kHasHyphen, "");
  if (w.has_period) e.Add(kHasPeriod, "");
  if (w.inner_upper) e.Add(kInnerUpper, "");
  if (w.all_upper) e.Add(kAllUpper, "");
  if (w.initial_upper) e.Add(kInitialUpper, "");
  if (!w.any_letter) e.Add(kNoLetter, "");
  const char length_bucket = static_cast<char>('0' + (w.cps >= 8 ? 8 : w.cps));
  e.Add(kLength, std::string_view(&length_bucket, 1));
  return e.n;
}

bool IsBoundary(std::string_view text) { return !text.empty() && text[0] == '\x01'; }

}  // namespace

int WordFeatures(std::string_view text, int offset, LexiconBits lexicon, uint64_t* out) {
  if (IsBoundary(text)) {
    Emitter e{out, 0, offset};
    e.Add(kWord, text);
    return e.n;
  }
  NormWord w;
  Normalize(text, w);
  return FeaturesOf(w, offset, lexicon, out);
}

int AllWordFeatures(std::string_view text, LexiconBits lexicon, uint64_t* out, int* ends) {
  int n = 0;
  if (IsBoundary(text)) {
    for (int o = kMinOffset; o <= kMaxOffset; ++o) {
      Emitter e{out + n, 0, o};
      e.Add(kWord, text);
      n += e.n;
      ends[o - kMinOffset] = n;
    }
    return n;
  }
  NormWord w;
  Normalize(text, w);
  for (int o = kMinOffset; o <= kMaxOffset; ++o) {
    n += FeaturesOf(w, o, lexicon, out + n);
    ends[o - kMinOffset] = n;
  }
  return n;
}

void NormalizedLower(std::string_view text, std::string& out) {
  out.clear();
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = DecodeUtf8(text, &pos);
    bool dash = false;
    cp = FoldTypography(cp, &dash);
    if (dash) {
      out += "--";
      continue;
    }
    if (cp >= 'A' && cp <= 'Z') {
      cp += 32;
    } else if (cp >= 0x80) {
      cp = u_tolower(cp);
    }
    AppendUtf8(out, cp);
  }
}

}  // namespace ties::tagger
