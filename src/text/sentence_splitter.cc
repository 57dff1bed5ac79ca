// sentence_splitter.cc: see sentence_splitter.h.
#include "text/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>

#include "common/text_util.h"

namespace ties {

Result<SentenceRules> SentenceRules::Load(const std::string& dir) {
  SentenceRules rules;
  const std::string path = dir + "/abbreviations.txt";
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view v = TrimAscii(line);
    if (v.empty() || v[0] == '#') continue;
    const size_t sp = v.find(' ');
    if (sp == std::string_view::npos) continue;
    const std::string_view kind = v.substr(0, sp);
    std::string word(TrimAscii(v.substr(sp + 1)));
    if (kind == "locale") {
      rules.icu_locale = word;
      continue;
    }
    if (!word.empty() && word.back() == '.') word.pop_back();
    if (kind == "title") rules.titles.insert(word);
    else if (kind == "abbr") rules.abbreviations.insert(word);
    else if (kind == "starter") rules.sentence_starters.insert(word);
  }
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

void SentenceSplitter::Split(Document& doc) const {
  doc.sentences.clear();
  if (doc.tokens.empty()) return;
  // 1. Candidate boundaries (byte offsets) from ICU.
  std::vector<uint32_t> breaks;
  icu::BreakIterator* iter = ThreadIterator(rules_.icu_locale);
  if (iter != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, doc.text.data(), static_cast<int64_t>(doc.text.size()), &status);
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
  }
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
