#include "common/json_writer.h"

#include <gtest/gtest.h>

namespace ties {
namespace {

struct EscapeCase {
  std::string input;
  std::string expected;
};

TEST(JsonWriterTest, EscapesStrings) {
  const EscapeCase cases[] = {
      {"plain", "\"plain\""},
      {"a\"b", "\"a\\\"b\""},
      {"back\\slash", "\"back\\\\slash\""},
      {"line\nbreak\t", "\"line\\nbreak\\t\""},
      {std::string("nul\0x", 5), "\"nul\\u0000x\""},
      {"caf\xC3\xA9", "\"caf\xC3\xA9\""},
      {"bad\xFFutf8", "\"bad\xEF\xBF\xBDutf8\""},
      {"sep\xE2\x80\xA8", "\"sep\\u2028\""},
  };
  for (const auto& c : cases) {
    std::string out;
    AppendJsonString(out, c.input);
    EXPECT_EQ(out, c.expected) << c.input;
  }
}

TEST(JsonWriterTest, WritesNestedContainers) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("a", 1).Key("b").BeginArray().Int(1).String("x").Null().EndArray();
  w.Key("c").BeginObject().EndObject().Field("d", 1.5).Field("e", true).EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[1,"x",null],"c":{},"d":1.5,"e":true})");
}

}  // namespace
}  // namespace ties
