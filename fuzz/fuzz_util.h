// fuzz_util.h: helpers shared by the libFuzzer targets in fuzz/.
//
// Every target must hold the same line as the product: any input may be
// rejected with a Status, none may crash, hang, leak or read out of bounds.
// CheckSpans() adds the Document invariants (every span inside the text, on
// UTF-8 boundaries) so that a stage writing a bad offset fails loudly here
// instead of corrupting a record later.
#ifndef TIES_FUZZ_FUZZ_UTIL_H_
#define TIES_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ties/document.h"

namespace ties_fuzz {

// Aborts (a finding for libFuzzer) with a message.
[[noreturn]] inline void Fail(const char* what, uint32_t begin, uint32_t end, size_t size) {
  std::fprintf(stderr, "invariant broken: %s span [%u, %u) over text of %zu bytes\n", what, begin, end, size);
  std::abort();
}

inline bool IsContinuation(std::string_view text, uint32_t offset) {
  return offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80;
}

inline void CheckSpan(const ties::Document& doc, const ties::Span& span, const char* what) {
  if (span.begin == 0 && span.end == 0) return;  // unset
  if (span.begin > span.end || span.end > doc.text.size()) Fail(what, span.begin, span.end, doc.text.size());
  if (IsContinuation(doc.text, span.begin) || IsContinuation(doc.text, span.end)) {
    Fail(what, span.begin, span.end, doc.text.size());
  }
}

// Checks every annotation span of `doc`.
inline void CheckSpans(const ties::Document& doc) {
  for (const auto& t : doc.tokens) CheckSpan(doc, t.span, "token");
  for (const auto& s : doc.sentences) CheckSpan(doc, s.span, "sentence");
  for (const auto& m : doc.mentions) {
    CheckSpan(doc, m.span, "mention");
    CheckSpan(doc, m.role_span, "mention role");
  }
  for (const auto& p : doc.places) CheckSpan(doc, p.span, "place");
  for (const auto& q : doc.quotes) {
    CheckSpan(doc, q.span, "quote");
    CheckSpan(doc, q.speaker_span, "quote speaker");
    CheckSpan(doc, q.cue_span, "quote cue");
  }
  for (const auto& e : doc.events) {
    CheckSpan(doc, e.sentence, "event sentence");
    CheckSpan(doc, e.trigger, "event trigger");
    CheckSpan(doc, e.source_span, "event source");
    CheckSpan(doc, e.target_span, "event target");
  }
  for (const auto& d : doc.dates) CheckSpan(doc, d.span, "date");
  CheckSpan(doc, doc.dateline.span, "dateline");
}

// Writes `data` to a private temporary file with the given suffix (".jsonl",
// ".warc.gz", ...) and returns its path; the file is reused between runs.
inline std::string WriteTempFile(const uint8_t* data, size_t size, const std::string& suffix) {
  const char* dir = std::getenv("TMPDIR");
  const std::string path = std::string(dir && *dir ? dir : "/tmp") + "/ties_fuzz_" + std::to_string(getpid()) + suffix;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  return path;
}

}  // namespace ties_fuzz

#endif  // TIES_FUZZ_FUZZ_UTIL_H_
