// byte_index.h: code point offsets -> byte offsets of one UTF-8 text. Stored
// spans are code point offsets (docs/record.md); code that rebuilds a Document
// or cuts a stored span out of its text maps them back with this. Header-only:
// the SQLite loadable extension (libties_sqlite.so) compiles it without
// linking ties_common.
#ifndef TIES_COMMON_BYTE_INDEX_H_
#define TIES_COMMON_BYTE_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ties {

class ByteIndex {
 public:
  // One entry per code point of `text` (a byte that is not a UTF-8 continuation
  // byte starts one), plus the end. Linear in the text.
  explicit ByteIndex(std::string_view text) {
    offsets_.reserve(text.size() + 1);
    for (size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets_.push_back(static_cast<uint32_t>(i));
    }
    offsets_.push_back(static_cast<uint32_t>(text.size()));
  }

  // The byte offset of code point `cp`, clamped to [0, text size].
  uint32_t operator()(int64_t cp) const {
    if (cp < 0) return 0;
    if (static_cast<size_t>(cp) >= offsets_.size()) return offsets_.back();
    return offsets_[static_cast<size_t>(cp)];
  }

  // `text`'s bytes between two code point offsets (`text` is the one given to
  // the constructor); "" (not a null view) when the span is empty or reversed.
  std::string_view Cut(std::string_view text, int64_t begin, int64_t end) const {
    const uint32_t b = (*this)(begin);
    const uint32_t e = (*this)(end);
    if (e <= b || e > text.size()) return text.substr(std::min<size_t>(b, text.size()), 0);
    return text.substr(b, e - b);
  }

 private:
  std::vector<uint32_t> offsets_;
};

}  // namespace ties

#endif  // TIES_COMMON_BYTE_INDEX_H_
