// tags.h: part-of-speech and chunk tags, one per token, as the "tag" stage
// assigns them (Document::pos, Document::chunks; field kFieldTags).
//
// The POS set is the Penn Treebank set as CoNLL-2003 uses it (45 tags plus the
// straight double quote '"' and the CoNLL oddity "NN|SYM", folded into kSym).
// Chunks are IOB tags over the CoNLL-2000 phrase types. Values are stable:
// they are stored in model files, so append, never reorder.
#ifndef TIES_TAGS_H_
#define TIES_TAGS_H_

#include <cstdint>
#include <string_view>

namespace ties {

enum class PosTag : uint8_t {
  kNone = 0,  // not tagged (the tag stage did not run, or a token it skipped)
  kCC, kCD, kDT, kEX, kFW, kIN, kJJ, kJJR, kJJS, kLS, kMD, kNN, kNNS, kNNP, kNNPS,
  kPDT, kPOS, kPRP, kPRPS /* PRP$ */, kRB, kRBR, kRBS, kRP, kSYM, kTO, kUH,
  kVB, kVBD, kVBG, kVBN, kVBP, kVBZ, kWDT, kWP, kWPS /* WP$ */, kWRB,
  kOpenQuote /* `` */, kCloseQuote /* '' */, kStraightQuote /* " */,
  kLeftParen /* ( */, kRightParen /* ) */, kComma, kPeriod /* . */,
  kColon /* : */, kHash /* # */, kDollar /* $ */,
  kCount  // number of values; keep last
};

// The Penn spelling ("NNP", "PRP$", "``", ","); kNone -> "".
std::string_view PosTagName(PosTag tag);
// Inverse of PosTagName; "NN|SYM" -> kSym; unknown -> kNone.
PosTag PosTagFromName(std::string_view name);

// Coarse classes the clause layer and the stages ask about.
bool IsNoun(PosTag tag);         // NN NNS NNP NNPS
bool IsProperNoun(PosTag tag);   // NNP NNPS
bool IsVerb(PosTag tag);         // VB VBD VBG VBN VBP VBZ (not MD)
bool IsFiniteVerb(PosTag tag);   // VBD VBP VBZ
bool IsAdjective(PosTag tag);    // JJ JJR JJS
bool IsAdverb(PosTag tag);       // RB RBR RBS
bool IsPunctuation(PosTag tag);  // quotes, brackets, , . : # $

enum class ChunkType : uint8_t {
  kNone = 0, kNP, kVP, kPP, kADJP, kADVP, kSBAR, kPRT, kCONJP, kINTJ, kLST, kUCP,
  kCount
};
std::string_view ChunkTypeName(ChunkType type);  // "NP", ...; kNone -> ""
ChunkType ChunkTypeFromName(std::string_view name);  // unknown -> kNone

// One IOB chunk tag: outside, or the beginning / inside of a phrase of `type`.
struct ChunkTag {
  ChunkType type = ChunkType::kNone;  // kNone means O
  bool begin = false;                 // B- (true) or I- (false)
  bool operator==(const ChunkTag&) const = default;
};
// "B-NP", "I-VP", "O".
std::string ChunkTagName(ChunkTag tag);
// Inverse of ChunkTagName; anything else -> O.
ChunkTag ChunkTagFromName(std::string_view name);

}  // namespace ties

#endif  // TIES_TAGS_H_
