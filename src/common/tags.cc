#include "ties/tags.h"

#include <array>
#include <string>

namespace ties {
namespace {

constexpr std::array<std::string_view, static_cast<size_t>(PosTag::kCount)> kPosNames = {
    "",    "CC",  "CD",   "DT",  "EX",  "FW",  "IN",  "JJ",   "JJR", "JJS", "LS", "MD",
    "NN",  "NNS", "NNP",  "NNPS", "PDT", "POS", "PRP", "PRP$", "RB",  "RBR", "RBS",
    "RP",  "SYM", "TO",   "UH",  "VB",  "VBD", "VBG", "VBN",  "VBP", "VBZ", "WDT",
    "WP",  "WP$", "WRB",  "``",  "''",  "\"",  "(",   ")",    ",",   ".",   ":",
    "#",   "$"};

constexpr std::array<std::string_view, static_cast<size_t>(ChunkType::kCount)> kChunkNames = {
    "", "NP", "VP", "PP", "ADJP", "ADVP", "SBAR", "PRT", "CONJP", "INTJ", "LST", "UCP"};

}  // namespace

std::string_view PosTagName(PosTag tag) {
  size_t i = static_cast<size_t>(tag);
  return i < kPosNames.size() ? kPosNames[i] : std::string_view();
}

PosTag PosTagFromName(std::string_view name) {
  if (name == "NN|SYM") return PosTag::kSYM;
  if (name.empty()) return PosTag::kNone;
  for (size_t i = 1; i < kPosNames.size(); ++i) {
    if (kPosNames[i] == name) return static_cast<PosTag>(i);
  }
  return PosTag::kNone;
}

bool IsNoun(PosTag t) {
  return t == PosTag::kNN || t == PosTag::kNNS || t == PosTag::kNNP || t == PosTag::kNNPS;
}
bool IsProperNoun(PosTag t) { return t == PosTag::kNNP || t == PosTag::kNNPS; }
bool IsVerb(PosTag t) { return t >= PosTag::kVB && t <= PosTag::kVBZ; }
bool IsFiniteVerb(PosTag t) {
  return t == PosTag::kVBD || t == PosTag::kVBP || t == PosTag::kVBZ;
}
bool IsAdjective(PosTag t) { return t >= PosTag::kJJ && t <= PosTag::kJJS; }
bool IsAdverb(PosTag t) { return t >= PosTag::kRB && t <= PosTag::kRBS; }
bool IsPunctuation(PosTag t) { return t >= PosTag::kOpenQuote && t < PosTag::kCount; }

std::string_view ChunkTypeName(ChunkType type) {
  size_t i = static_cast<size_t>(type);
  return i < kChunkNames.size() ? kChunkNames[i] : std::string_view();
}

ChunkType ChunkTypeFromName(std::string_view name) {
  if (name.empty()) return ChunkType::kNone;
  for (size_t i = 1; i < kChunkNames.size(); ++i) {
    if (kChunkNames[i] == name) return static_cast<ChunkType>(i);
  }
  return ChunkType::kNone;
}

std::string ChunkTagName(ChunkTag tag) {
  if (tag.type == ChunkType::kNone) return "O";
  std::string out = tag.begin ? "B-" : "I-";
  out += ChunkTypeName(tag.type);
  return out;
}

ChunkTag ChunkTagFromName(std::string_view name) {
  if (name.size() < 3 || name[1] != '-' || (name[0] != 'B' && name[0] != 'I')) return {};
  ChunkType type = ChunkTypeFromName(name.substr(2));
  if (type == ChunkType::kNone) return {};
  return ChunkTag{type, name[0] == 'B'};
}

}  // namespace ties
