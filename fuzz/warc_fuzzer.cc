// warc_fuzzer.cc: the streaming WARC reader (record headers, Content-Length,
// resynchronisation) and the HTTP response decoding behind it, over a file
// (plain or gzip: zlib reads both).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_util.h"
#include "ingest/byte_source.h"
#include "ingest/warc_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ties_fuzz::WriteTempFile(data, size, ".warc");
  auto source = ties::ByteSource::Open(path);
  if (!source.ok()) std::abort();
  ties::WarcReader reader(**source, 1 << 20, {"response", "resource"});
  ties::WarcRecord record;
  ties::Status error;
  for (int i = 0; i < 100000; ++i) {
    const ties::ReadOutcome outcome = reader.Next(record, error);
    if (outcome == ties::ReadOutcome::kEnd) break;
    if (outcome == ties::ReadOutcome::kError) continue;
    ties::HttpResponse response;
    if (ties::ParseHttpResponse(record.block, response)) {
      std::string body;
      ties::DecodeHttpBody(response, 1 << 20, body);
      if (body.size() > (1u << 20)) std::abort();
    }
  }
  std::remove(path.c_str());
  return 0;
}
