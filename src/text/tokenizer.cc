// tokenizer.cc: see tokenizer.h. A single forward pass; ASCII takes a fast path
// (inline decoding, a constexpr class table) and other code points are
// classified with ICU's character properties.
#include "text/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <memory>

#include "common/text_util.h"

namespace ties {

namespace {

enum class CharClass { kSpace, kNewline, kLetter, kDigit, kOther };

constexpr CharClass ClassifyAscii(char32_t cp) {
  if (cp == '\n') return CharClass::kNewline;
  if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v') return CharClass::kSpace;
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::kLetter;
  if (cp >= '0' && cp <= '9') return CharClass::kDigit;
  return CharClass::kOther;
}

struct AsciiClasses {
  CharClass cls[128];
  constexpr AsciiClasses() : cls() {
    for (char32_t c = 0; c < 128; ++c) cls[c] = ClassifyAscii(c);
  }
};
constexpr AsciiClasses kAscii;

CharClass ClassifySlow(char32_t cp) {
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return CharClass::kNewline;
  if (u_isUWhiteSpace(cp) || cp == 0x200B || cp == 0xFEFF || cp == 0x00AD) return CharClass::kSpace;
  if (u_isalpha(cp) || u_hasBinaryProperty(cp, UCHAR_DIACRITIC) ||
      (u_charType(cp) == U_NON_SPACING_MARK) || (u_charType(cp) == U_COMBINING_SPACING_MARK)) {
    return CharClass::kLetter;
  }
  if (u_isdigit(cp)) return CharClass::kDigit;
  return CharClass::kOther;
}

// ASCII (almost all bytes of English news) is a table lookup; the rest asks ICU.
inline CharClass Classify(char32_t cp) { return cp < 0x80 ? kAscii.cls[cp] : ClassifySlow(cp); }

// Han ideographs (Chinese words are runs of them with no spaces between).
bool IsHan(char32_t cp) {
  if (cp < 0x2E80) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_HAN;
}

// ICU's dictionary-based word iterator (CJ dictionary), one per thread: a
// BreakIterator is not thread-safe and costs far more to create than to run.
icu::BreakIterator* HanWordIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iter = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  return iter.get();
}

// Appends the words of the Han run text[begin, end) to `tokens`, as ICU's word
// iterator segments it; `first_flags` go on the first word. One token per
// character when ICU is unavailable.
void AppendHanWords(std::string_view text, size_t begin, size_t end, uint32_t first_flags,
                    std::vector<Token>& tokens) {
  auto push = [&](size_t b, size_t e) {
    Token t;
    t.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    t.flags = kTokAlpha;
    if (b == begin) t.flags |= first_flags;
    tokens.push_back(t);
  };
  icu::BreakIterator* iter = HanWordIterator();
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  if (iter != nullptr) utext_openUTF8(&ut, text.data() + begin, static_cast<int64_t>(end - begin), &status);
  if (iter == nullptr || U_FAILURE(status)) {
    size_t p = begin;
    while (p < end) {
      size_t q = p;
      DecodeUtf8(text, &q);
      if (q <= p) q = p + 1;
      push(p, q);
      p = q;
    }
    return;
  }
  iter->setText(&ut, status);
  int32_t prev = 0;
  for (int32_t b = iter->next(); U_SUCCESS(status) && b != icu::BreakIterator::DONE; b = iter->next()) {
    push(begin + static_cast<size_t>(prev), begin + static_cast<size_t>(b));
    prev = b;
  }
  icu::UnicodeString empty;  // detach the iterator from the document's buffer
  iter->setText(empty);
  utext_close(&ut);
}

bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }
bool IsHyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
bool IsDash(char32_t cp) { return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212; }

struct Cursor {
  std::string_view text;
  size_t pos = 0;
  char32_t Peek(size_t at, size_t* next) const {
    size_t p = at;
    if (p >= text.size()) { *next = p; return 0; }
    const auto byte = static_cast<unsigned char>(text[p]);
    if (byte < 0x80) {  // ASCII fast path: no call into the UTF-8 decoder
      *next = p + 1;
      return byte;
    }
    const char32_t cp = DecodeUtf8(text, &p);
    *next = p;
    return cp;
  }
};

}  // namespace

bool IsQuoteChar(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2039: case 0x203A: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
    case 0xFF02:
      return true;
    default:
      return false;
  }
}

void Tokenize(std::string_view text, std::vector<Token>& tokens) {
  tokens.clear();
  Cursor cur{text, 0};
  int newlines = 0;
  while (cur.pos < text.size()) {
    size_t next;
    const char32_t cp = cur.Peek(cur.pos, &next);
    const CharClass cls = Classify(cp);
    if (cls == CharClass::kNewline) {
      ++newlines;
      cur.pos = next;
      continue;
    }
    if (cls == CharClass::kSpace) {
      cur.pos = next;
      continue;
    }
    Token tok;
    tok.span.begin = static_cast<uint32_t>(cur.pos);
    if (newlines > 0) tok.flags |= kTokNewlineBefore;
    if (newlines > 1) tok.flags |= kTokParagraphBefore;
    newlines = 0;

    if (cls == CharClass::kLetter && IsHan(cp)) {
      // A Han run is segmented into words by dictionary (Chinese has no spaces).
      size_t end = next;
      while (end < text.size()) {
        size_t n;
        const char32_t c = cur.Peek(end, &n);
        if (!IsHan(c)) break;
        end = n;
      }
      AppendHanWords(text, cur.pos, end, tok.flags, tokens);
      cur.pos = end;
      continue;
    }
    if (cls == CharClass::kLetter || cls == CharClass::kDigit) {
      bool has_letter = false, has_digit = false, has_upper = false, has_lower = false;
      size_t end = cur.pos;
      size_t p = cur.pos;
      size_t letters_in_segment = 0;
      bool dotted = false;  // "U.S."
      while (p < text.size()) {
        size_t n;
        const char32_t c = cur.Peek(p, &n);
        const CharClass k = Classify(c);
        if ((k == CharClass::kLetter || k == CharClass::kDigit) && !(c >= 0x2E80 && IsHan(c))) {
          if (k == CharClass::kLetter) {
            has_letter = true;
            if (c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c)) has_upper = true;
            else has_lower = true;
            ++letters_in_segment;
          } else {
            has_digit = true;
          }
          p = n;
          end = p;
          continue;
        }
        // Inner joiners: apostrophe or hyphen between word characters,
        // separators inside numbers, dots inside single-letter abbreviations.
        size_t after;
        const char32_t c2 = cur.Peek(n, &after);
        const CharClass k2 = Classify(c2);
        const bool next_is_word = (k2 == CharClass::kLetter || k2 == CharClass::kDigit);
        if (IsApostrophe(c) && next_is_word) {
          // A possessive 's ends the word: "China's" -> "China" "'s".
          size_t after_s;
          const char32_t c3 = cur.Peek(after, &after_s);
          if ((c2 == 's' || c2 == 'S') && Classify(c3) != CharClass::kLetter && Classify(c3) != CharClass::kDigit) break;
          p = n;
          continue;
        }
        if (IsHyphen(c) && next_is_word && has_letter | has_digit) {
          p = n;
          letters_in_segment = 0;
          continue;
        }
        if ((c == ',' || c == '.' || c == ':') && has_digit && !has_letter && k2 == CharClass::kDigit) {
          p = n;
          continue;
        }
        if (c == '.' && has_letter && letters_in_segment == 1 && !has_digit) {
          // "U.S." / "U.N." / "a.m.": single letters separated by dots.
          if (k2 == CharClass::kLetter) {
            size_t after2;
            const char32_t c3 = cur.Peek(after, &after2);
            if (c3 == '.') {
              dotted = true;
              p = n;
              letters_in_segment = 0;
              continue;
            }
          } else if (dotted) {
            end = n;  // include the final dot of "U.S."
            p = n;
          }
        }
        break;
      }
      tok.span.end = static_cast<uint32_t>(end);
      if (has_letter && !has_digit) tok.flags |= kTokAlpha;
      if (has_digit && !has_letter) tok.flags |= kTokDigit;
      {
        size_t n0;
        const char32_t first = cur.Peek(cur.pos, &n0);
        if (first < 0x80 ? (first >= 'A' && first <= 'Z') : u_isupper(first)) tok.flags |= kTokUpperInitial;
      }
      if (has_upper && !has_lower) tok.flags |= kTokAllUpper;
      cur.pos = end;
      tokens.push_back(tok);
      continue;
    }

    // Symbols. A possessive suffix "'s" directly after a word is one token.
    if (IsApostrophe(cp) && !tokens.empty() && tokens.back().span.end == cur.pos) {
      size_t after;
      const char32_t c2 = cur.Peek(next, &after);
      if (c2 == 's' || c2 == 'S') {
        size_t after2;
        const char32_t c3 = cur.Peek(after, &after2);
        if (Classify(c3) != CharClass::kLetter && Classify(c3) != CharClass::kDigit) {
          tok.span.end = static_cast<uint32_t>(after);
          tok.flags |= kTokAlpha;
          cur.pos = after;
          tokens.push_back(tok);
          continue;
        }
      }
    }
    tok.flags |= kTokPunct;
    if (IsQuoteChar(cp)) tok.flags |= kTokQuote;
    size_t end = next;
    if (IsDash(cp)) {
      while (end < text.size()) {
        size_t n;
        const char32_t c = cur.Peek(end, &n);
        if (!IsDash(c)) break;
        end = n;
      }
    } else if (cp == '.') {
      while (end < text.size() && text[end] == '.') ++end;  // "..."
    }
    tok.span.end = static_cast<uint32_t>(end);
    cur.pos = end;
    tokens.push_back(tok);
  }
}

}  // namespace ties
