// simhash.h: 64-bit SimHash fingerprints of article text, and their distance.
//
// SimHash (Charikar 2002; Manku et al., "Detecting near-duplicates for web
// crawling", WWW 2007) maps a text to 64 bits so that similar texts get
// fingerprints that differ in few bits. Features are word 3-shingles of the
// case-folded text (letters and digits only), so punctuation, spacing,
// capitals and markup differences do not matter, while rewording does.
// Reprints of one wire story typically lie within 3 bits of each other;
// unrelated articles are about 32 bits apart.
//
// Thread-safety: pure functions.
#ifndef TIES_DEDUP_SIMHASH_H_
#define TIES_DEDUP_SIMHASH_H_

#include <cstdint>
#include <string_view>

namespace ties {

// Fingerprint of `text` (UTF-8). Texts with fewer than 3 words hash their
// words alone; an empty text gives 0.
uint64_t SimHash(std::string_view text);

// Number of differing bits, 0..64.
int Hamming(uint64_t a, uint64_t b);

}  // namespace ties

#endif  // TIES_DEDUP_SIMHASH_H_
