// pipeline_fuzzer.cc: the whole extraction pipeline (data/pipeline.cfg's
// stages) over arbitrary text, then the output record. The first line of the
// input, when it looks like one, is the publication date.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/text_util.h"
#include "fuzz_util.h"
#include "ties/record.h"
#include "ties/pipeline.h"

namespace {

const ties::Pipeline& DefaultPipeline() {
  static const ties::Pipeline pipeline = [] {
    auto made = ties::Pipeline::Create(ties::DefaultStageNames(), ties::StageOptions{ties::DefaultDataDir()});
    if (!made.ok()) {
      std::fprintf(stderr, "pipeline: %s\n", made.status().message().c_str());
      std::abort();
    }
    return std::move(made).value();
  }();
  return pipeline;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ties::Document doc;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.size() > 11 && input[10] == '\n' && input[4] == '-') {
    doc.meta.published = std::string(input.substr(0, 10));
    input.remove_prefix(11);
  }
  doc.text.assign(input);
  ties::RepairUtf8(doc.text);
  doc.meta.id = "fuzz";
  doc.meta.language = "en";
  const ties::Status status = DefaultPipeline().Process(doc);
  if (!status.ok()) return 0;
  ties_fuzz::CheckSpans(doc);
  std::string record;
  ties::WriteRecordJson(doc, ties::RecordOptions{true, false}, record);
  if (record.empty() || !ties::IsValidUtf8(record, nullptr)) std::abort();
  return 0;
}
