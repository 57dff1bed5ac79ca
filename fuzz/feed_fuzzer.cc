// feed_fuzzer.cc: the RSS/Atom feed parser and XML entity decoding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/text_util.h"
#include "ingest/feed_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string xml(reinterpret_cast<const char*>(data), size);
  ties::RepairUtf8(xml);  // REQUIRES: UTF-8 (the reader converts first)
  ties::Feed feed;
  ties::ParseFeed(xml, feed);
  ties::DecodeXmlText(xml);
  return 0;
}
