// features.h: what the sequence tagger sees of a word.
//
// A token contributes features to its own position and to its neighbours'
// (offsets -2..+2). Every feature that depends only on the word's text is a
// "word feature": a 64-bit hash of (template, offset, string). Because they
// depend on the text alone, their summed score rows can be cached per word
// type (model.h). The strings are normalised so that features do not depend
// on typography or on CoNLL's pre-tokenised spacing: curly and straight quotes
// fold to one form, dashes to "--", digits to '0' in the word templates.
//
// Hashes are computed byte by byte with fixed constants, so they are the same
// on every platform and stay valid in model files (docs/tagger.md).
#ifndef TIES_TAGGER_FEATURES_H_
#define TIES_TAGGER_FEATURES_H_

#include <cstdint>
#include <string_view>

namespace ties::tagger {

// The neighbour offsets word features are generated for.
inline constexpr int kMinOffset = -2;
inline constexpr int kMaxOffset = 2;
inline constexpr int kNumOffsets = kMaxOffset - kMinOffset + 1;
// At most this many word features per (word, offset).
inline constexpr int kMaxWordFeatures = 32;
// Bytes of a word that features look at (longer words are cut, on a code point boundary).
inline constexpr size_t kMaxFeatureBytes = 48;

// The text standing for positions before the first / after the last token.
inline constexpr std::string_view kSentenceStartWord = "\x01<s>";
inline constexpr std::string_view kSentenceEndWord = "\x01</s>";

// Bits of lexicon membership a word may carry (model-specific lexicons, e.g.
// given names for the name model); 0 when the model uses none.
using LexiconBits = uint32_t;

// A stable 64-bit hash of `bytes`, seeded.
uint64_t HashBytes(std::string_view bytes, uint64_t seed);

// Hash identifying a word type (its exact text): the word cache key.
inline uint64_t WordTypeKey(std::string_view text) { return HashBytes(text, 0x9e3779b97f4a7c15ull) | 1; }

// Writes the word features of `text` seen at `offset` (kMinOffset..kMaxOffset)
// into out[0..n) and returns n (<= kMaxWordFeatures). `lexicon` adds one
// feature per set bit. Never fails; any bytes are accepted.
int WordFeatures(std::string_view text, int offset, LexiconBits lexicon, uint64_t* out);

// The word features of `text` at every offset, normalising the word once:
// offset o's features are out[ends[o - kMinOffset - 1] .. ends[o - kMinOffset])
// (from 0 for kMinOffset), the same values WordFeatures gives. Returns the
// total (<= kNumOffsets * kMaxWordFeatures).
int AllWordFeatures(std::string_view text, LexiconBits lexicon, uint64_t* out, int* ends);

// The normalised lowercase form the lexicons are keyed by (quotes, dashes
// folded; Unicode lowercase), written to `out` (cleared first).
void NormalizedLower(std::string_view text, std::string& out);

}  // namespace ties::tagger

#endif  // TIES_TAGGER_FEATURES_H_
