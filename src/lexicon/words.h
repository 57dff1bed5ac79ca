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

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
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

// Allocates blocks of 2 MB and more on 2 MB boundaries and asks the kernel to back them with
// huge pages (Linux transparent huge pages in "madvise" mode): the word table (~4 MB) is probed
// at random for every word, and with 4 KB pages most probes also missed the TLB. Smaller blocks
// come from the default allocator.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return std::allocator<T>().allocate(n);
    const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE);  // a hint: without it the table still works
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHuge) {
      std::allocator<T>().deallocate(p, n);
    } else {
      std::free(p);
    }
  }
  bool operator==(const HugePageAllocator&) const { return true; }
};

// Open-addressing hash map from a 64-bit hash to V (linear probing, power-of-two capacity,
// load <= 1/2). Key 0 is reserved: hashes are remapped away from it.
template <class V>
class HashMap64 {
 public:
  const V* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    key = key ? key : 1;
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (s.key == 0) return nullptr;
    }
  }
  // Starts loading the first slot `key` probes (a hint; lookups are correct without it).
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[(key ? key : 1) & mask_]);
  }
  V& operator[](uint64_t key) {
    key = key ? key : 1;
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == key) return s.value;
      if (s.key == 0) {
        s.key = key;
        ++size_;
        return s.value;
      }
    }
  }
  size_t size() const { return size_; }
  // Calls f(key, value) for every entry, in table order.
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& s : slots_) {
      if (s.key != 0) f(s.key, s.value);
    }
  }
  // Makes room for `n` keys in all: inserting up to that many rehashes no more.
  void Reserve(size_t n) {
    size_t cap = slots_.empty() ? 64 : slots_.size();
    while ((n + 1) * 2 > cap) cap *= 2;
    if (cap != slots_.size()) Rehash(cap);
  }

 private:
  struct Slot {  // key and value side by side: one cache line per probe
    uint64_t key = 0;
    V value{};
  };
  void Grow() { Rehash(slots_.empty() ? 64 : slots_.size() * 2); }
  void Rehash(size_t cap) {
    std::vector<Slot, HugePageAllocator<Slot>> old = std::move(slots_);
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    size_ = 0;
    for (Slot& s : old) {
      if (s.key != 0) (*this)[s.key] = std::move(s.value);
    }
  }
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// A word map: HashMap64<uint32_t> with a 64-Kbit presence filter (8 KB, stays
// in L1) that answers most absent words without touching the table. Built at
// load time, then read-only; one probe sequence per lookup, no allocation.
class WordMap {
 public:
  // The value slot of `key`, inserted with value 0 when absent.
  uint32_t& operator[](uint64_t key) {
    key = key ? key : 1;
    const uint32_t bit = static_cast<uint32_t>(key >> 48);
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    return map_[key];
  }
  // The value of `key`, or nullptr.
  const uint32_t* Find(uint64_t key) const {
    key = key ? key : 1;
    const uint32_t bit = static_cast<uint32_t>(key >> 48);
    if (!(filter_[bit >> 6] >> (bit & 63) & 1)) return nullptr;
    return map_.Find(key);
  }
  uint32_t Get(uint64_t key) const {
    const uint32_t* v = Find(key);
    return v ? *v : 0;
  }
  bool Contains(uint64_t key) const { return Find(key) != nullptr; }
  size_t size() const { return map_.size(); }
  // Calls f(key, value) for every entry.
  template <typename F>
  void ForEach(F f) const {
    map_.ForEach(f);
  }

 private:
  HashMap64<uint32_t> map_;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(1024, 0);
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
