// json_writer.h: a minimal streaming JSON writer for records and API answers.
//
// Writes straight into a std::string with no intermediate tree (records are
// written millions of times). Strings are escaped per RFC 8259; invalid UTF-8
// is replaced by U+FFFD so the output is always valid JSON.
#ifndef TIES_COMMON_JSON_WRITER_H_
#define TIES_COMMON_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ties {

// Appends `value` as a quoted, escaped JSON string.
void AppendJsonString(std::string& out, std::string_view value);

class JsonWriter {
 public:
  // `pretty`: two-space indentation and newlines.
  explicit JsonWriter(std::string& out, bool pretty = false) : out_(out), pretty_(pretty) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Double(double value);  // shortest round-trip form; NaN/inf -> null
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Appends already-serialised JSON as one value.
  JsonWriter& Raw(std::string_view json);

  // Convenience: Key(k).String(v) etc.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, uint64_t value) { return Key(key).Uint(value); }
  JsonWriter& Field(std::string_view key, uint32_t value) { return Key(key).Uint(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, double value) { return Key(key).Double(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }

 private:
  void BeforeValue();
  void Newline();

  std::string& out_;
  bool pretty_;
  // One entry per open container: number of values written so far in it.
  std::vector<uint32_t> counts_;
  bool after_key_ = false;
};

}  // namespace ties

#endif  // TIES_COMMON_JSON_WRITER_H_
