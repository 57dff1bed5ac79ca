#include <gtest/gtest.h>

#include "ties/reader.h"

namespace ties {
namespace {

struct JsonCase {
  std::string name;
  std::string line;
  bool ok;
  std::string id, title, published, source, text, error_part;
};

TEST(JsonlReaderTest, ReadsNewsCorpusFields) {
  const JsonCase cases[] = {
      {"basic", R"({"id":"a1","title":"T","text":"Body","date":"2025-06-17","source":"Xinhua"})", true, "a1", "T",
       "2025-06-17", "Xinhua", "Body", ""},
      {"news-please names", R"({"maintext":"M","date_publish":"2025-06-17 10:34:00","source_domain":"x.com","url":"http://x.com/a"})",
       true, "http://x.com/a", "", "2025-06-17T10:34", "x.com", "M", ""},
      {"numeric id", R"({"id":42,"body":"B"})", true, "42", "", "", "", "B", ""},
      {"text kept exactly", R"({"id":"e","text":"  A\u00e9\n\"q\"  "})", true, "e", "", "", "", "  A\xC3\xA9\n\"q\"  ", ""},
      {"text preferred", R"({"id":"p","content":"C","text":"T"})", true, "p", "", "", "", "T", ""},
      {"no id", R"({"text":"X"})", true, "f.jsonl:3", "", "", "", "X", ""},
      {"not json", R"({"text": )", false, "", "", "", "", "", "JSON"},
      {"not object", R"(["text"])", false, "", "", "", "", "", "not a JSON object"},
      {"no text", R"({"id":"x","title":"T"})", false, "", "", "", "", "", "no text field"},
      {"wrong type", R"({"id":"x","text":17})", false, "", "", "", "", "", "wrong type"},
      {"empty text", R"({"id":"x","text":"   "})", false, "", "", "", "", "", "empty text"},
      {"bad utf8", "{\"text\":\"\xFF\"}", false, "", "", "", "", "", "invalid UTF-8"},
  };
  for (const auto& c : cases) {
    Document doc;
    Status s = ParseJsonArticle(c.line, "f.jsonl:3", doc);
    ASSERT_EQ(s.ok(), c.ok) << c.name << ": " << s.ToString();
    if (!c.ok) {
      EXPECT_NE(s.message().find("f.jsonl:3"), std::string::npos) << c.name;
      EXPECT_NE(s.message().find(c.error_part), std::string::npos) << c.name << ": " << s.message();
      continue;
    }
    EXPECT_EQ(doc.meta.id, c.id) << c.name;
    EXPECT_EQ(doc.meta.title, c.title) << c.name;
    EXPECT_EQ(doc.meta.published, c.published) << c.name;
    EXPECT_EQ(doc.meta.source, c.source) << c.name;
    EXPECT_EQ(doc.text, c.text) << c.name;
  }
}

}  // namespace
}  // namespace ties
