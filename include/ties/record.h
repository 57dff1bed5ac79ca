// record.h: the output record of `ties extract` (schema in docs/record.md).
//
// Field names are a public contract: later versions add fields, never rename.
// Span offsets in the record are Unicode code points into the record's text.
#ifndef TIES_RECORD_H_
#define TIES_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

#include "ties/document.h"

namespace ties {

struct RecordOptions {
  bool with_text = false;  // include the "text" field
  bool pretty = false;     // indented JSON (for --format json)
};

// Appends one JSON object (no trailing newline) describing `doc` to `out`.
void WriteRecordJson(const Document& doc, const RecordOptions& options, std::string& out);

// Maps byte offsets of a UTF-8 buffer to code point offsets in O(1) per lookup
// after an O(n) build. Offsets past the end map to the code point count.
class CodepointIndex {
 public:
  explicit CodepointIndex(std::string_view text);
  uint32_t operator()(uint32_t byte_offset) const;
  uint32_t size() const { return total_; }

 private:
  std::vector<uint32_t> prefix_;  // code points before each byte (only for non-ASCII text)
  uint32_t total_ = 0;
  bool ascii_ = true;
};

}  // namespace ties

#endif  // TIES_RECORD_H_
