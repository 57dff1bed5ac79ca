// simhash.cc: word-shingle SimHash.
#include "dedup/simhash.h"

#include <array>
#include <bit>
#include <string>
#include <vector>

#include "common/text_util.h"

namespace ties {

namespace {

// FNV-1a over the folded word, then a 64-bit finaliser (splitmix64) so that
// every output bit depends on every input bit.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

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

// Word hashes of the text; CJK characters count as one word each.
void WordHashes(std::string_view text, std::vector<uint64_t>& out) {
  out.clear();
  uint64_t h = 1469598103934665603ull;
  bool in_word = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = DecodeUtf8(text, &pos);
    const bool cjk = (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
    if (IsWordCodePoint(cp) && !cjk) {
      const char32_t f = Fold(cp);
      for (int shift = 0; shift < 32; shift += 8) {
        h ^= (f >> shift) & 0xFF;
        h *= 1099511628211ull;
      }
      in_word = true;
      continue;
    }
    if (in_word) {
      out.push_back(h);
      h = 1469598103934665603ull;
      in_word = false;
    }
    if (cjk) out.push_back(Mix(cp));
  }
  if (in_word) out.push_back(h);
}

}  // namespace

uint64_t SimHash(std::string_view text) {
  thread_local std::vector<uint64_t> words;
  WordHashes(text, words);
  if (words.empty()) return 0;
  std::array<int32_t, 64> counts{};
  auto add = [&](uint64_t feature) {
    const uint64_t f = Mix(feature);
    for (int bit = 0; bit < 64; ++bit) counts[bit] += ((f >> bit) & 1) ? 1 : -1;
  };
  if (words.size() < 3) {
    for (uint64_t w : words) add(w);
  } else {
    for (size_t i = 0; i + 2 < words.size(); ++i) {
      add(words[i] * 31 * 31 + words[i + 1] * 31 + words[i + 2] + 0x9e3779b97f4a7c15ull);
    }
  }
  uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (counts[bit] > 0) out |= 1ull << bit;
  }
  return out;
}

int Hamming(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace ties
