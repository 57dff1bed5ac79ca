// sentence_splitter.cc: see sentence_splitter.h.
#include "text/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>

#include "common/data_file.h"
#include "common/text_util.h"

namespace ties {

Result<SentenceRules> SentenceRules::Load(const std::string& dir) {
  SentenceRules rules;
  const std::string path = dir + "/abbreviations.txt";
  Status status = ReadDataLines(path, [&](std::string_view line, int) {
    const std::string_view v = TrimAscii(line);
    const size_t sp = v.find(' ');
    const std::string_view kind = v.substr(0, sp);
    std::string word(sp == std::string_view::npos ? std::string_view() : TrimAscii(v.substr(sp + 1)));
    if (word.empty() || (kind != "locale" && kind != "title" && kind != "abbr" && kind != "starter")) {
      return Status::InvalidArgument("expected 'locale|title|abbr|starter WORD', got '" + std::string(v) + "'");
    }
    if (kind == "locale") {
      rules.icu_locale = word;
      return Status::Ok();
    }
    if (!word.empty() && word.back() == '.') word.pop_back();
    if (kind == "title") rules.titles.insert(word);
    else if (kind == "abbr") rules.abbreviations.insert(word);
    else if (kind == "starter") rules.sentence_starters.insert(word);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rules;
}

namespace {

// One ICU iterator per thread and locale: BreakIterator is not thread-safe,
// and creating one costs far more than splitting an article.
icu::BreakIterator* ThreadIterator(const std::string& locale_name) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> cache;
  auto it = cache.find(locale_name);
  if (it != cache.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale((locale_name + "@ss=standard").c_str());
  std::unique_ptr<icu::BreakIterator> iter(icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status)) iter.reset();
  return cache.emplace(locale_name, std::move(iter)).first->second.get();
}

bool IsUpperInitial(const Token& t) { return t.Has(kTokUpperInitial); }

}  // namespace

bool SentenceSplitter::KeepTogether(const Document& doc, uint32_t last_token, uint32_t next_token) const {
  const Token& next = doc.tokens[next_token];
  if (next.Has(kTokParagraphBefore)) return false;
  const std::string_view last = doc.TokenText(last_token);
  const std::string_view next_text = doc.TokenText(next_token);
  // "U.S." is one token with its dot; "Mr." is "Mr" + ".".
  // ICU breaks at every line end; a hard-wrapped line that continues in
  // lower case is the same sentence.
  if (next.Has(kTokNewlineBefore) && !IsUpperInitial(next) && !next.Has(kTokPunct) &&
      last != "." && last != "!" && last != "?" && !doc.tokens[last_token].Has(kTokQuote)) {
    return true;
  }
  std::string_view word = last;
  if (last == "." && last_token > 0 && doc.tokens[last_token - 1].span.end == doc.tokens[last_token].span.begin) {
    word = doc.TokenText(last_token - 1);
  } else if (last.size() > 1 && last.back() == '.') {
    word = last.substr(0, last.size() - 1);
  } else {
    return false;  // the boundary follows "!", "?", a quote or a closing bracket
  }
  if (rules_.titles.count(std::string(word))) return true;
  const bool next_is_number = next.Has(kTokDigit);
  if (next_is_number && (MonthFromName(word) > 0 || word == "No" || word == "no" || word == "Nos" ||
                         word == "Art" || word == "p" || word == "pp")) {
    return true;
  }
  // An initial: "J. Smith", "George W. Bush".
  if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z' && IsUpperInitial(next)) {
    return true;
  }
  if (rules_.abbreviations.count(std::string(word)) || rules_.abbreviations.count(std::string(last))) {
    if (!IsUpperInitial(next)) return true;  // "U.S. officials", "Inc. said"
    return rules_.sentence_starters.count(std::string(next_text)) == 0;
  }
  return false;
}

namespace {

// Sentence_Break property (UAX #29) of a code point; ASCII from a table.
int SentenceBreakOf(char32_t cp) {
  static const auto* ascii = [] {
    auto* t = new uint8_t[128];
    for (char32_t c = 0; c < 128; ++c) t[c] = static_cast<uint8_t>(u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK));
    return t;
  }();
  if (cp < 0x80) return ascii[cp];
  return u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK);
}

inline char32_t DecodeAt(std::string_view text, size_t pos, size_t* next) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    *next = pos + 1;
    return byte;
  }
  size_t p = pos;
  const char32_t cp = DecodeUtf8(text, &p);
  *next = p > pos ? p : pos + 1;
  return cp;
}

bool IsParaSep(int sb) { return sb == U_SB_SEP || sb == U_SB_CR || sb == U_SB_LF; }
bool IsSATerm(int sb) { return sb == U_SB_ATERM || sb == U_SB_STERM; }
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Runs `iter` over text[ws, we) and reports whether `b` (ws < b < we) is a boundary.
bool IcuBoundaryAt(icu::BreakIterator* iter, std::string_view text, size_t ws, size_t we, size_t b) {
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data() + ws, static_cast<int64_t>(we - ws), &status);
  if (U_FAILURE(status)) return true;
  iter->setText(&ut, status);
  bool boundary = false;
  if (U_SUCCESS(status)) {
    const auto rel = static_cast<int32_t>(b - ws);
    int32_t x = iter->next();
    while (x != icu::BreakIterator::DONE && x < rel) x = iter->next();
    boundary = x == rel;
  }
  utext_close(&ut);
  return boundary;
}

}  // namespace

std::vector<uint32_t> SentenceSplitter::IcuBreaks(std::string_view text, bool full) const {
  std::vector<uint32_t> breaks;
  icu::BreakIterator* iter = ThreadIterator(rules_.icu_locale);
  if (iter == nullptr) return breaks;
  if (full) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_SUCCESS(status)) {
      iter->setText(ut, status);
      if (U_SUCCESS(status)) {
        for (int32_t b = iter->next(); b != icu::BreakIterator::DONE; b = iter->next()) {
          breaks.push_back(static_cast<uint32_t>(b));
        }
      }
      // Detach the iterator from the UText before closing it.
      icu::UnicodeString empty;
      iter->setText(empty);
      utext_close(ut);
    }
    return breaks;
  }
  // UAX #29 breaks a sentence only after a paragraph separator (SB4) or after
  // SATerm Close* Sp* (SB11); everything else is "Any x Any". So the only
  // places ICU can break are right after CR/LF/PS and right after a
  // terminator's closers and spaces. Those are found with a byte scan; each
  // terminator candidate is then decided by ICU itself (rules SB6-SB8a and the
  // CLDR suppressions) on a small window around it: the word before the
  // terminator and the one before that, up to the first letter after it.
  constexpr size_t kMaxBack = 96;
  constexpr size_t kMaxAhead = 256;
  bool used_icu = false;
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // Fast skip of ASCII bytes that can be neither a terminator nor a separator.
    if (byte < 0x80 && byte != '.' && byte != '!' && byte != '?' && byte != '\n' && byte != '\r') {
      ++i;
      continue;
    }
    size_t next;
    const char32_t cp = DecodeAt(text, i, &next);
    const int sb = SentenceBreakOf(cp);
    if (IsParaSep(sb)) {
      if (!(sb == U_SB_CR && next < n && text[next] == '\n')) breaks.push_back(static_cast<uint32_t>(next));  // CR x LF
      i = next;
      continue;
    }
    if (!IsSATerm(sb)) {
      i = next;
      continue;
    }
    // SATerm (Extend|Format)* Close* Sp*: find b, the first position after it.
    size_t p = next;
    int phase = 0;  // 0: closers, 1: spaces
    while (p < n) {
      size_t q;
      const int k = SentenceBreakOf(DecodeAt(text, p, &q));
      if (k == U_SB_EXTEND || k == U_SB_FORMAT) {
        p = q;
      } else if (phase == 0 && k == U_SB_CLOSE) {
        p = q;
      } else if (k == U_SB_SP) {
        phase = 1;
        p = q;
      } else {
        break;
      }
    }
    const size_t b = p;
    const size_t term = i;
    i = next;
    if (b >= n) continue;  // the end of the text is a boundary anyway
    size_t after_b;
    const int kb = SentenceBreakOf(DecodeAt(text, b, &after_b));
    if (IsParaSep(kb)) continue;                               // SB11: the break follows the separator
    if (IsSATerm(kb) || kb == U_SB_SCONTINUE) continue;        // SB8a: no break
    if (sb == U_SB_ATERM && kb == U_SB_LOWER) continue;         // SB8: "e.g. the", "U.S. officials"
    if (sb == U_SB_ATERM && kb == U_SB_NUMERIC && b == next) continue;  // SB6: "1.5"
    // The window: back over the word holding the terminator and one more.
    size_t ws = term;
    for (int words = 0; words < 2 && ws > 0; ++words) {
      while (ws > 0 && !IsAsciiSpace(text[ws - 1])) --ws;
      if (words == 0) {
        while (ws > 0 && IsAsciiSpace(text[ws - 1])) --ws;
      }
    }
    if (term > kMaxBack && ws < term - kMaxBack) {
      ws = term - kMaxBack;
      while (ws < term && (static_cast<unsigned char>(text[ws]) & 0xC0) == 0x80) ++ws;
    }
    // Forward to the first letter (SB8 looks that far), then to the end of its word.
    size_t we = b;
    while (we < n) {
      size_t q;
      const int k = SentenceBreakOf(DecodeAt(text, we, &q));
      we = q;
      if (k == U_SB_UPPER || k == U_SB_LOWER || k == U_SB_OLETTER || IsParaSep(k) || IsSATerm(k)) break;
      if (we - b > kMaxAhead) break;
    }
    while (we < n && !IsAsciiSpace(text[we]) && we - b <= kMaxAhead) ++we;
    while (we < n && (static_cast<unsigned char>(text[we]) & 0xC0) == 0x80) ++we;
    used_icu = true;
    if (IcuBoundaryAt(iter, text, ws, we, b)) breaks.push_back(static_cast<uint32_t>(b));
  }
  if (used_icu) {
    icu::UnicodeString empty;  // detach the iterator from the document's buffer
    iter->setText(empty);
  }
  if (n > 0 && (breaks.empty() || breaks.back() != n)) breaks.push_back(static_cast<uint32_t>(n));
  return breaks;
}

void SentenceSplitter::Split(Document& doc) const {
  doc.sentences.clear();
  if (doc.tokens.empty()) return;
  // 1. Candidate boundaries (byte offsets) from ICU, decided around terminators only.
  const std::vector<uint32_t> breaks = IcuBreaks(doc.text, false);
  // 2. Walk tokens; a sentence ends before token i when a boundary falls between
  // tokens i-1 and i (and is not vetoed), or a paragraph starts at i.
  size_t break_idx = 0;
  uint32_t first = 0;
  uint32_t paragraph = 0;
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  auto close = [&](uint32_t end_token) {
    Sentence s;
    s.first_token = first;
    s.end_token = end_token;
    s.span = {doc.tokens[first].span.begin, doc.tokens[end_token - 1].span.end};
    s.paragraph = paragraph;
    doc.tokens[first].flags |= kTokSentenceStart;
    doc.sentences.push_back(s);
    first = end_token;
  };
  for (uint32_t i = 1; i < n; ++i) {
    const uint32_t prev_end = doc.tokens[i - 1].span.end;
    const uint32_t begin = doc.tokens[i].span.begin;
    bool boundary = false;
    while (break_idx < breaks.size() && breaks[break_idx] <= begin) {
      if (breaks[break_idx] >= prev_end) boundary = true;
      ++break_idx;
    }
    const bool paragraph_break = doc.tokens[i].Has(kTokParagraphBefore);
    if (paragraph_break || (boundary && !KeepTogether(doc, i - 1, i))) {
      close(i);
      if (paragraph_break) ++paragraph;
    }
  }
  close(n);
}

}  // namespace ties
