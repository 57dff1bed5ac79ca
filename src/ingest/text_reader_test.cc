#include <gtest/gtest.h>

#include "ingest/record_reader.h"
#include "ties/reader.h"

namespace ties {
namespace {

struct TextCase {
  std::string name;
  std::string content;
  bool ok;
  std::string title, published, source, text_prefix;
};

TEST(TextReaderTest, ParsesHeadersAndTolerance) {
  const TextCase cases[] = {
      {"seed layout", " date 2025-06-17 A title\n\nXinhua) 10:34, June 17, 2025\n\nASTANA, June 16 -- Body.\n", true,
       "A title", "2025-06-17T10:34", "Xinhua", "ASTANA, June 16"},
      {"parenthesis kept", "date 2025-06-17 T\n(AP) 09:05\nBody text.", true, "T", "2025-06-17T09:05", "AP", "Body"},
      {"no source line", "date 2025-01-02 Title here\n\nBody starts here. More.", true, "Title here", "2025-01-02", "",
       "Body starts"},
      {"windows line ends", "date 2025-06-17 T\r\n\r\nXinhua) 10:34\r\n\r\nLine one.\r\nLine two.", true, "T",
       "2025-06-17T10:34", "Xinhua", "Line one.\nLine two."},
      {"missing header", "Just a headline\n\nAnd a body.", true, "Just a headline", "", "", "Just a headline"},
      {"bom", "\xEF\xBB\xBF" "date 2025-06-17 T\n\nBody.", true, "T", "2025-06-17", "", "Body."},
      {"empty", "  \n\n ", false, "", "", "", ""},
      {"header only", "date 2025-06-17 Title\n\n", false, "", "", "", ""},
      {"invalid utf8", "date 2025-06-17 T\n\nBad \xFF byte", false, "", "", "", ""},
      {"bad date is a title", "date 2025-13-45 Not a header\nBody.", true, "date 2025-13-45 Not a header", "", "", "date"},
  };
  for (const auto& c : cases) {
    Document doc;
    Status s = ParseTextArticle(c.content, "dir/file.txt", doc);
    ASSERT_EQ(s.ok(), c.ok) << c.name << ": " << s.ToString();
    if (!c.ok) {
      EXPECT_NE(s.message().find("dir/file.txt"), std::string::npos) << c.name;
      continue;
    }
    EXPECT_EQ(doc.meta.title, c.title) << c.name;
    EXPECT_EQ(doc.meta.published, c.published) << c.name;
    EXPECT_EQ(doc.meta.source, c.source) << c.name;
    EXPECT_EQ(doc.text.substr(0, c.text_prefix.size()), c.text_prefix) << c.name;
    EXPECT_EQ(doc.meta.id, "file") << c.name;
  }
}

TEST(TextReaderTest, NormalizesPublicationDates) {
  const std::pair<std::string, std::string> cases[] = {
      {"2025-06-17", "2025-06-17"},
      {"2025-06-17T10:34:00Z", "2025-06-17T10:34"},
      {"2025-06-17 10:34:56", "2025-06-17T10:34"},
      {"Tue, 17 Jun 2025 10:34:00 +0000", "2025-06-17T10:34"},
      {"June 17, 2025", "2025-06-17"},
      {"20250617", "2025-06-17"},
      {"yesterday", ""},
      {"2025-02-30", ""},
  };
  for (const auto& [raw, iso] : cases) EXPECT_EQ(NormalizePublished(raw), iso) << raw;
}

}  // namespace
}  // namespace ties
