// segment_fuzzer.cc: the tokenizer and the sentence splitter (the "segment"
// stage), over arbitrary UTF-8 (invalid input is repaired first, as readers
// only hand valid UTF-8 to the pipeline).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "common/text_util.h"
#include "fuzz_util.h"
#include "text/tokenizer.h"
#include "ties/stage_registry.h"

namespace {

const ties::Stage& Segment() {
  static const std::unique_ptr<ties::Stage> stage = [] {
    auto made = ties::MakeStage("segment", ties::StageOptions{ties::DefaultDataDir()});
    if (!made.ok()) {
      std::fprintf(stderr, "segment stage: %s\n", made.status().message().c_str());
      std::abort();
    }
    return std::move(made).value();
  }();
  return *stage;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ties::Document doc;
  doc.text.assign(reinterpret_cast<const char*>(data), size);
  ties::RepairUtf8(doc.text);
  doc.meta.language = "en";
  std::vector<ties::Token> tokens;
  ties::Tokenize(doc.text, tokens);
  uint32_t last_end = 0;
  for (const ties::Token& t : tokens) {
    if (t.span.begin < last_end || t.span.empty()) std::abort();  // tokens are ordered and non-empty
    last_end = t.span.end;
  }
  if (!Segment().Process(doc).ok()) return 0;
  ties_fuzz::CheckSpans(doc);
  return 0;
}
