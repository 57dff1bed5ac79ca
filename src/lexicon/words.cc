// words.cc: the lowercased token view and the word map (see words.h).
#include "lexicon/words.h"

#include <algorithm>
#include <cstring>

#include "common/text_util.h"

namespace ties::lex {

namespace {

bool IsAsciiWord(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}


}  // namespace

void FoldApostrophes(std::string& s) {
  static const std::string kRight = "\xE2\x80\x99", kLeft = "\xE2\x80\x98";
  for (const std::string* q : {&kRight, &kLeft}) {
    size_t pos;
    while ((pos = s.find(*q)) != std::string::npos) s.replace(pos, q->size(), "'");
  }
}

void LowerText::Build(const Document& doc) {
  static_assert(sizeof(uint64_t) == 8);
  const size_t n = doc.tokens.size();
  if (buf_.size() < doc.text.size() + 16) buf_.resize(doc.text.size() + 16);
  begin_.resize(n + 1);
  hash_.resize(n);
  size_t pos = 0;
  std::string folded;
  for (size_t i = 0; i < n; ++i) {
    const Span sp = doc.tokens[i].span;
    const char* p = doc.text.data() + sp.begin;
    const size_t len = sp.end - sp.begin;
    begin_[i] = static_cast<uint32_t>(pos);
    if (buf_.size() < pos + len + 16) buf_.resize(pos + len + 16 + buf_.size() / 2);
    // Fast path: ASCII with curly single quotes (’ ‘) folded to '. Other
    // non-ASCII bytes: punctuation is copied as is (it has no case), words go
    // through ICU.
    char* out = buf_.data() + pos;
    size_t o = 0;
    bool fast = true;
    for (size_t k = 0; k < len; ++k) {
      const char c = p[k];
      if (static_cast<unsigned char>(c) < 0x80) {
        out[o++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      } else if (k + 2 < len && static_cast<unsigned char>(c) == 0xE2 &&
                 static_cast<unsigned char>(p[k + 1]) == 0x80 &&
                 (static_cast<unsigned char>(p[k + 2]) == 0x98 || static_cast<unsigned char>(p[k + 2]) == 0x99)) {
        out[o++] = '\'';
        k += 2;
      } else if (doc.tokens[i].Has(kTokPunct)) {
        out[o++] = c;
      } else {
        fast = false;
        break;
      }
    }
    if (!fast) {
      folded = Utf8Lower(std::string_view(p, len));
      FoldApostrophes(folded);
      o = folded.size();
      if (buf_.size() < pos + o + 16) buf_.resize(pos + o + 16 + buf_.size() / 2);
      std::memcpy(buf_.data() + pos, folded.data(), o);
    }
    hash_[i] = HashWordPadded(buf_.data() + pos, o);
    pos += o;
  }
  begin_[n] = static_cast<uint32_t>(pos);
}

const LowerText& LowerText::Shared(const Document& doc) {
  struct Cache {
    LowerText lower;
    std::string text;
    std::vector<Span> spans;
  };
  thread_local Cache cache;
  bool same = cache.text.size() == doc.text.size() && cache.spans.size() == doc.tokens.size() &&
              cache.lower.size() == doc.tokens.size();
  if (same) {
    for (size_t i = 0; i < doc.tokens.size() && same; ++i) {
      same = cache.spans[i].begin == doc.tokens[i].span.begin && cache.spans[i].end == doc.tokens[i].span.end;
    }
    same = same && std::memcmp(cache.text.data(), doc.text.data(), doc.text.size()) == 0;
  }
  if (!same) {
    cache.lower.Build(doc);
    cache.text.assign(doc.text);
    cache.spans.resize(doc.tokens.size());
    for (size_t i = 0; i < doc.tokens.size(); ++i) cache.spans[i] = doc.tokens[i].span;
  }
  return cache.lower;
}

void LowerTokens(const Document& doc, std::vector<std::string>* out) {
  LowerText lower;
  lower.Build(doc);
  out->resize(lower.size());
  for (size_t i = 0; i < lower.size(); ++i) (*out)[i].assign(lower[i]);
}

}  // namespace ties::lex
