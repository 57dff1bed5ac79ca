// simhash.cc: word-shingle SimHash.
#include "dedup/simhash.h"

#include <array>
#include <bit>
#include <string>
#include <vector>

#include "common/hash.h"
#include "common/text_util.h"

namespace ties {

namespace {

// Appends the lowercase form of the code point (ASCII fast path; other
// scripts are kept as they are except for common Latin/Cyrillic capitals,
// which ICU folding would handle but at a much higher cost).
bool IsWordCodePoint(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFFFD ||
      (cp >= 0xFF00 && cp <= 0xFF0F)) {
    return false;  // spaces and punctuation blocks
  }
  return cp != 0xAB && cp != 0xBB && cp != 0xB7;
}

char32_t Fold(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;     // Latin-1 capitals
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                  // Cyrillic А..Я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;                  // Ѐ..Џ
  return cp;
}

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;
// FNV-1a over the four bytes of a code point below U+0100 is (h ^ cp) * prime^4:
// the three zero bytes only multiply.
constexpr uint64_t kFnvPrime4 = kFnvPrime * kFnvPrime * kFnvPrime * kFnvPrime;

// Word hashes of the text; CJK characters count as one word each. Each word's
// hash is FNV-1a over the 32-bit code points of its folded characters.
void WordHashes(std::string_view text, std::vector<uint64_t>& out) {
  out.clear();
  uint64_t h = kFnvOffset;
  bool in_word = false;
  size_t pos = 0;
  const size_t n = text.size();
  while (pos < n) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {  // ASCII fast path: same hash as the general path below
      ++pos;
      const bool alpha = static_cast<unsigned char>((byte | 0x20) - 'a') < 26;
      if (alpha || static_cast<unsigned char>(byte - '0') < 10) {
        const unsigned char folded = (byte >= 'A' && byte <= 'Z') ? byte + 32 : byte;
        h = (h ^ folded) * kFnvPrime4;
        in_word = true;
      } else if (in_word) {
        out.push_back(h);
        h = kFnvOffset;
        in_word = false;
      }
      continue;
    }
    const char32_t cp = DecodeUtf8(text, &pos);
    const bool cjk = (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
    if (IsWordCodePoint(cp) && !cjk) {
      const char32_t f = Fold(cp);
      for (int shift = 0; shift < 32; shift += 8) {
        h ^= (f >> shift) & 0xFF;
        h *= kFnvPrime;
      }
      in_word = true;
      continue;
    }
    if (in_word) {
      out.push_back(h);
      h = kFnvOffset;
      in_word = false;
    }
    if (cjk) out.push_back(Mix64(cp));
  }
  if (in_word) out.push_back(h);
}

// 64 per-bit counters of set bits, updated eight lanes at a time: kByteLanes[b]
// holds the bits of b spread one per byte, so adding it to an accumulator counts
// eight bit positions at once. Accumulators flush before any byte lane can
// overflow (255 features).
struct ByteLanes {
  uint64_t lanes[256];
  constexpr ByteLanes() : lanes() {
    for (int b = 0; b < 256; ++b) {
      uint64_t v = 0;
      for (int bit = 0; bit < 8; ++bit) v |= static_cast<uint64_t>((b >> bit) & 1) << (8 * bit);
      lanes[b] = v;
    }
  }
};
constexpr ByteLanes kByteLanes;

class BitCounter {
 public:
  void Add(uint64_t f) {
    for (int byte = 0; byte < 8; ++byte) acc_[byte] += kByteLanes.lanes[(f >> (8 * byte)) & 0xFF];
    if (++pending_ == 255) Flush();
  }
  // Set bits counted per position, after all Add()s.
  const std::array<uint32_t, 64>& Ones() {
    Flush();
    return ones_;
  }

 private:
  void Flush() {
    for (int byte = 0; byte < 8; ++byte) {
      for (int lane = 0; lane < 8; ++lane) ones_[8 * byte + lane] += (acc_[byte] >> (8 * lane)) & 0xFF;
      acc_[byte] = 0;
    }
    pending_ = 0;
  }
  uint64_t acc_[8] = {};
  int pending_ = 0;
  std::array<uint32_t, 64> ones_{};
};

}  // namespace

uint64_t SimHash(std::string_view text) {
  thread_local std::vector<uint64_t> words;
  WordHashes(text, words);
  if (words.empty()) return 0;
  // Bit i is set when more features have it set than clear: ones > n - ones.
  BitCounter counter;
  size_t features = 0;
  if (words.size() < 3) {
    for (uint64_t w : words) counter.Add(Mix64(w));
    features = words.size();
  } else {
    for (size_t i = 0; i + 2 < words.size(); ++i) {
      counter.Add(Mix64(words[i] * 31 * 31 + words[i + 1] * 31 + words[i + 2] + 0x9e3779b97f4a7c15ull));
    }
    features = words.size() - 2;
  }
  const std::array<uint32_t, 64>& ones = counter.Ones();
  uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (2 * static_cast<uint64_t>(ones[bit]) > features) out |= 1ull << bit;
  }
  return out;
}

int Hamming(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace ties
