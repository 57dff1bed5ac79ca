// jsonl_reader.cc: one article per JSON line, with the field names news corpora use.
#include <simdjson.h>

#include "common/text_util.h"
#include "ingest/language_detect.h"
#include "ingest/record_reader.h"
#include "ties/reader.h"

namespace ties {

namespace {

using simdjson::ondemand::json_type;

// Reads a string (or number, for ids) field; false when absent or null.
// Sets *wrong_type when present with another type.
bool GetText(simdjson::ondemand::value value, std::string* out, bool allow_number, bool* wrong_type) {
  json_type type;
  if (value.type().get(type)) {
    *wrong_type = true;
    return false;
  }
  switch (type) {
    case json_type::string: {
      std::string_view sv;
      if (value.get_string().get(sv)) {
        *wrong_type = true;
        return false;
      }
      out->assign(sv);
      return true;
    }
    case json_type::number:
      if (allow_number) {
        std::string_view raw = value.raw_json_token();
        out->assign(TrimAscii(raw));
        return true;
      }
      *wrong_type = true;
      return false;
    case json_type::null:
      return false;
    default:
      *wrong_type = true;
      return false;
  }
}

}  // namespace

Status ParseJsonArticle(std::string_view line, std::string_view origin, Document& doc) {
  // simdjson needs padding after the input; a thread-local parser is reused.
  thread_local simdjson::ondemand::parser parser;
  thread_local std::string padded;
  padded.assign(line);
  padded.resize(line.size() + simdjson::SIMDJSON_PADDING, '\0');
  simdjson::ondemand::document json;
  auto fail = [&](const std::string& what) { return Status::ParseError(std::string(origin) + ": " + what); };
  size_t bad = 0;
  if (!IsValidUtf8(line, &bad)) return fail("invalid UTF-8 at byte " + std::to_string(bad));
  if (parser.iterate(padded.data(), line.size(), padded.size()).get(json)) return fail("not valid JSON");
  simdjson::ondemand::object object;
  if (json.get_object().get(object)) return fail("not a JSON object");

  std::string text_field, date_field;
  bool has_text = false;
  try {
    for (auto field : object) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return fail("not valid JSON");
      simdjson::ondemand::value value;
      if (field.value().get(value)) return fail("not valid JSON");
      bool wrong = false;
      std::string s;
      if (key == "text" || key == "maintext" || key == "body" || key == "content") {
        // The first text field wins; "text" is preferred when several exist.
        if (GetText(value, &s, false, &wrong) && (!has_text || key == "text")) {
          text_field = std::move(s);
          has_text = true;
        }
      } else if (key == "id") {
        GetText(value, &doc.meta.id, true, &wrong);
      } else if (key == "url") {
        GetText(value, &doc.meta.url, false, &wrong);
      } else if (key == "title") {
        GetText(value, &doc.meta.title, false, &wrong);
      } else if (key == "date" || key == "date_publish" || key == "published" || key == "publish_date") {
        if (GetText(value, &s, false, &wrong) && date_field.empty()) date_field = std::move(s);
      } else if (key == "source" || key == "source_domain") {
        if (GetText(value, &s, false, &wrong) && (doc.meta.source.empty() || key == "source")) {
          doc.meta.source = std::move(s);
        }
      } else if (key == "language") {
        GetText(value, &doc.meta.language, false, &wrong);
      } else if (key == "author" || key == "authors") {
        if (!GetText(value, &doc.meta.author, false, &wrong) && wrong) wrong = false;  // arrays are fine
      } else {
        continue;  // unknown fields are ignored
      }
      if (wrong) return fail("field \"" + std::string(key) + "\" has the wrong type");
    }
  } catch (const simdjson::simdjson_error& e) {
    return fail(std::string("not valid JSON (") + e.what() + ")");
  }
  // The object must be all there is: "{...}{...}" (or records separated by CR
  // only) would otherwise lose every record after the first without a word.
  const char* trailing = nullptr;
  if (!json.current_location().get(trailing)) return fail("more than one JSON value on the line");
  if (!has_text) return fail("no text field (expected text, maintext, body or content)");
  if (TrimAscii(text_field).empty()) return fail("empty text");
  doc.text = std::move(text_field);
  if (!date_field.empty()) doc.meta.published = NormalizePublished(date_field);
  if (doc.meta.id.empty()) doc.meta.id = !doc.meta.url.empty() ? doc.meta.url : IdStemFromPath(origin);
  if (!doc.meta.language.empty()) doc.meta.language = NormalizeLanguageTag(doc.meta.language);
  doc.meta.origin = std::string(origin);
  return Status::Ok();
}

}  // namespace ties
