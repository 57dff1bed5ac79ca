// hash.h: the 64-bit integer finaliser shared by the hashing code that needs one
// (SimHash shingles, tagger feature keys). Word hashing is lexicon/words.h.
#ifndef TIES_COMMON_HASH_H_
#define TIES_COMMON_HASH_H_

#include <cstdint>

namespace ties {

// splitmix64's finaliser: every output bit depends on every input bit. Values are
// stored (fingerprints, model files): never change it.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace ties

#endif  // TIES_COMMON_HASH_H_
