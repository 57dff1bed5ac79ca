// words.h: the word layer every stage shares: one word hash, one flat hash map
// keyed by it, and one lowercased view of a document's tokens.
//
// Words are compared by a 64-bit hash of their lowercased bytes (HashWord), in
// a WordMap built at load time and read-only afterwards, so lookups allocate
// nothing and structures may be shared between threads. LowerText holds the
// lowercased tokens of one document (curly apostrophes folded to '), built once
// per document and shared by the stages that run on it in this thread.
#ifndef TIES_LEXICON_WORDS_H_
#define TIES_LEXICON_WORDS_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "ties/document.h"

namespace ties::lex {

// 64-bit hash of an already lowercased word, 8 bytes per step, never 0 (0 marks
// an empty slot in WordMap). HashWordPadded gives the same value but may read
// up to 7 bytes past the end (the caller guarantees they are addressable).
namespace internal {
inline uint64_t HashMix(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0xff51afd7ed558ccdull;
  return h ^ (h >> 32);
}
inline uint64_t HashFinish(uint64_t h) {
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h ? h : 1;
}
}  // namespace internal

inline uint64_t HashWord(std::string_view w) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ w.size();
  const char* p = w.data();
  size_t n = w.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = internal::HashMix(h, v);
  }
  if (n > 0) {
    uint64_t v = 0;
    for (size_t k = 0; k < n; ++k) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    h = internal::HashMix(h, v);
  }
  return internal::HashFinish(h);
}

inline uint64_t HashWordPadded(const char* p, size_t size) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ size;
  size_t n = size;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = internal::HashMix(h, v);
  }
  if (n > 0) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    v &= ~uint64_t{0} >> (64 - 8 * n);  // little-endian: keep the first n bytes
    h = internal::HashMix(h, v);
  }
  return internal::HashFinish(h);
}

// The lowercased tokens of one document: one buffer for all of them, and a view
// and a hash per token (ASCII fast path without allocation; ICU lowercasing for
// other tokens; U+2019 and U+2018 folded to '). Build once per Process() and
// compare words by hash or by view, never through std::string.
class LowerText {
 public:
  void Build(const Document& doc);

  // The LowerText of `doc`, shared by the stages that run one after another on
  // the same document in this thread: rebuilt only when the text or the token
  // spans differ from the last call's (an exact comparison, so a recycled
  // Document address never returns stale data). The reference is valid until
  // the next Shared() call in this thread.
  static const LowerText& Shared(const Document& doc);
  size_t size() const { return hash_.size(); }
  std::string_view operator[](size_t i) const {
    return std::string_view(buf_.data() + begin_[i], begin_[i + 1] - begin_[i]);
  }
  // Lowercased bytes of all tokens, back to back.
  std::string_view text() const { return std::string_view(buf_.data(), begin_.empty() ? 0 : begin_.back()); }
  uint64_t hash(size_t i) const { return hash_[i]; }

 private:
  std::vector<char> buf_;        // with at least 16 bytes of slack after the last token
  std::vector<uint32_t> begin_;  // size() + 1 offsets into buf_
  std::vector<uint64_t> hash_;
};

// Folds U+2019 and U+2018 to ASCII ' in place, so "China’s" and "China's" match alike.
void FoldApostrophes(std::string& s);

// Compatibility helper for code that wants owned strings (tests, load time).
void LowerTokens(const Document& doc, std::vector<std::string>* out);

// A flat open-addressing map from a word hash (HashWord) to a 32-bit value.
// Built at load time, then read-only; one probe sequence per lookup, no
// allocation. Keys are 64-bit hashes: a collision between two different words
// is possible in principle and ignored (about 1 in 10^14 for our sizes).
class WordMap {
 public:
  // The value slot of `key`, inserted with value 0 when absent.
  uint32_t& operator[](uint64_t key);
  // The value of `key`, or nullptr. A 64-Kbit presence filter (8 KB, stays in
  // L1) answers most absent words without touching the table.
  const uint32_t* Find(uint64_t key) const {
    const uint32_t bit = static_cast<uint32_t>(key >> 48);
    if (!(filter_[bit >> 6] >> (bit & 63) & 1)) return nullptr;
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == 0) return nullptr;
    }
  }
  uint32_t Get(uint64_t key) const {
    const uint32_t* v = Find(key);
    return v ? *v : 0;
  }
  bool Contains(uint64_t key) const { return Find(key) != nullptr; }
  size_t size() const { return count_; }
  // Calls f(key, value) for every entry.
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& slot : slots_) {
      if (slot.key != 0) f(slot.key, slot.value);
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
  };
  void Grow();
  std::vector<Slot> slots_;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(1024, 0);
  size_t mask_ = 0, count_ = 0;
};

// A non-owning callable reference bool(uint32_t) (no allocation, no std::function).
class SkipFn {
 public:
  template <typename F>
  SkipFn(const F& f) : ctx_(&f), fn_([](const void* c, uint32_t i) { return (*static_cast<const F*>(c))(i); }) {}
  bool operator()(uint32_t i) const { return fn_(ctx_, i); }

 private:
  const void* ctx_;
  bool (*fn_)(const void*, uint32_t);
};

}  // namespace ties::lex

#endif  // TIES_LEXICON_WORDS_H_
